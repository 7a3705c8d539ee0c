#include "core/time/date.hpp"

#include <algorithm>
#include <cstdio>

#include "core/excerpt.hpp"

namespace finlab::time {

namespace {
// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}
struct Ymd { int y; unsigned m; unsigned d; };
constexpr Ymd civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}
}  // namespace

std::string_view to_string(Weekday w) {
  static constexpr std::string_view names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return names[static_cast<int>(w)];
}

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  FINLAB_REQUIRE(m >= 1 && m <= 12, "days_in_month: month " << m);
  return (m == 2 && is_leap_year(y)) ? 29 : days[m - 1];
}

int days_in_year(int y) { return is_leap_year(y) ? 366 : 365; }

Result<Date> Date::from_ymd(int y, int m, int d) {
  if (y < 1900 || y > 2200) return fail("year " + std::to_string(y) + " out of range 1900..2200");
  if (m < 1 || m > 12) return fail("month " + std::to_string(m) + " out of range 1..12");
  if (d < 1 || d > days_in_month(y, m)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return fail(std::string("no such date: ") + buf + " (" + std::to_string(days_in_month(y, m)) + " days in that month)");
  }
  return Date(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

Result<Date> Date::parse(std::string_view t) {
  auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-')
    return fail("expected a date as YYYY-MM-DD, got \"" + excerpt(t) + "\"");
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!digit(i)) return fail("expected a date as YYYY-MM-DD, got \"" + excerpt(t) + "\"");
  auto num = [&](std::size_t a, std::size_t n) {
    int v = 0;
    for (std::size_t i = a; i < a + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  return from_ymd(num(0, 4), num(5, 2), num(8, 2));
}

int Date::year() const { return civil_from_days(serial_).y; }
int Date::month() const { return static_cast<int>(civil_from_days(serial_).m); }
int Date::day() const { return static_cast<int>(civil_from_days(serial_).d); }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (index 3).
  const int w = ((serial_ % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(w);
}

bool Date::is_weekend() const {
  const Weekday w = weekday();
  return w == Weekday::saturday || w == Weekday::sunday;
}

std::string Date::to_string() const {
  const Ymd c = civil_from_days(serial_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

Date Date::plus_months(int n) const {
  const Ymd c = civil_from_days(serial_);
  const int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
  const int y = total / 12;
  const int m = total % 12 + 1;
  // The same range as parse(): a schedule must not print dates finlab itself
  // would refuse to read back (`loan schedule --start 2200-12-01`).
  if (y < 1900 || y > 2200)
    throw Error("date out of range: " + to_string() + " plus " + std::to_string(n) + " months falls outside 1900-01-01 .. 2200-12-31");
  const int d = std::min(static_cast<int>(c.d), days_in_month(y, m));
  return Date(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

}  // namespace finlab::time
