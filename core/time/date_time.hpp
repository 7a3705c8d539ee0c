// DateTime: a civil date plus seconds since midnight, China Standard Time
// (UTC+8, no daylight saving), which is the time the 15:00 fund cut-off is
// stated in. Strict parsing of "YYYY-MM-DD HH:MM" and "YYYY-MM-DD HH:MM:SS";
// no time zones, no leap seconds, no clock (the current time is passed in).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::time {

class DateTime {
public:
  constexpr DateTime() = default;
  // seconds_of_day in [0, 86400).
  static Result<DateTime> from(Date date, int hour, int minute, int second = 0);
  static DateTime at(Date date, int hour, int minute, int second = 0) { return from(date, hour, minute, second).value(); }
  // "2015-05-14 14:59" or "2015-05-14 14:59:30". Anything else (a 'T', a time
  // zone, 24:00, 14:60, one-digit fields, trailing text) is an error that says
  // what was expected.
  static Result<DateTime> parse(std::string_view text);
  static DateTime of(std::string_view text) { return parse(text).value(); }

  constexpr Date date() const { return date_; }
  constexpr std::int32_t seconds_of_day() const { return seconds_; }
  int hour() const { return seconds_ / 3600; }
  int minute() const { return seconds_ / 60 % 60; }
  int second() const { return seconds_ % 60; }
  // "YYYY-MM-DD HH:MM" when the seconds are zero, else "YYYY-MM-DD HH:MM:SS".
  std::string to_string() const;

  friend constexpr auto operator<=>(const DateTime&, const DateTime&) = default;

private:
  constexpr DateTime(Date d, std::int32_t s) : date_(d), seconds_(s) {}
  Date date_{};
  std::int32_t seconds_ = 0;
};

}  // namespace finlab::time
