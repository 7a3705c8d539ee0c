// Civil dates (proleptic Gregorian) as an integer serial day, and month
// arithmetic with month-end handling. No clock: "today" is always passed in.
// The exchange calendar (which days trade) is in trading_calendar.hpp.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace finlab::time {

enum class Weekday { monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday };

std::string_view to_string(Weekday w);  // "Mon", "Tue", ...

bool is_leap_year(int year);
int days_in_month(int year, int month);
int days_in_year(int year);  // 365 or 366

class Date {
public:
  constexpr Date() = default;
  // Checked construction: 2015-02-30 is an error that says so.
  static Result<Date> from_ymd(int year, int month, int day);
  static Date ymd(int year, int month, int day) { return from_ymd(year, month, day).value(); }
  // Strict "YYYY-MM-DD".
  static Result<Date> parse(std::string_view text);
  static Date of(std::string_view text) { return parse(text).value(); }
  static constexpr Date from_serial(std::int32_t days_since_1970) { return Date(days_since_1970); }

  constexpr std::int32_t serial() const { return serial_; }  // days since 1970-01-01
  int year() const;
  int month() const;
  int day() const;
  Weekday weekday() const;
  bool is_weekend() const;
  std::string to_string() const;  // "YYYY-MM-DD"

  constexpr Date plus_days(std::int32_t n) const { return Date(serial_ + n); }
  // Same day-of-month n months later, clamped to the month's end:
  // 2015-01-31 + 1 month = 2015-02-28, + 2 months = 2015-03-31 (always from
  // this anchor, so a schedule never drifts to the 28th).
  Date plus_months(int n) const;

  friend constexpr std::int32_t operator-(Date a, Date b) { return a.serial_ - b.serial_; }
  friend constexpr auto operator<=>(const Date&, const Date&) = default;

private:
  constexpr explicit Date(std::int32_t s) : serial_(s) {}
  std::int32_t serial_ = 0;
};

}  // namespace finlab::time
