#include "core/time/date_time.hpp"

#include <cstdio>

#include "core/excerpt.hpp"

namespace finlab::time {

Result<DateTime> DateTime::from(Date date, int hour, int minute, int second) {
  if (hour < 0 || hour > 23) return fail("hour " + std::to_string(hour) + " out of range 00..23");
  if (minute < 0 || minute > 59) return fail("minute " + std::to_string(minute) + " out of range 00..59");
  if (second < 0 || second > 59) return fail("second " + std::to_string(second) + " out of range 00..59");
  return DateTime(date, hour * 3600 + minute * 60 + second);
}

Result<DateTime> DateTime::parse(std::string_view t) {
  const std::string expected = "expected a time as \"YYYY-MM-DD HH:MM\" or \"YYYY-MM-DD HH:MM:SS\", got \"" + std::string(t) + "\"";
  if (t.size() != 16 && t.size() != 19) return fail(expected);
  if (t[10] != ' ' || t[13] != ':' || (t.size() == 19 && t[16] != ':')) return fail(expected);
  auto two = [&](std::size_t i, int& out) {
    if (t[i] < '0' || t[i] > '9' || t[i + 1] < '0' || t[i + 1] > '9') return false;
    out = (t[i] - '0') * 10 + (t[i + 1] - '0');
    return true;
  };
  int h = 0, m = 0, s = 0;
  if (!two(11, h) || !two(14, m) || (t.size() == 19 && !two(17, s))) return fail(expected);
  auto d = Date::parse(t.substr(0, 10));
  if (!d) return fail(d.error());
  auto r = from(d.value(), h, m, s);
  if (!r) return fail(r.error() + " in \"" + excerpt(t) + "\"");
  return r;
}

std::string DateTime::to_string() const {
  char buf[32];
  if (second() == 0) std::snprintf(buf, sizeof buf, " %02d:%02d", hour(), minute());
  else std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", hour(), minute(), second());
  return date_.to_string() + buf;
}

}  // namespace finlab::time
