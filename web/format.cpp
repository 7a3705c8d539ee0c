#include "web/format.hpp"

#include <cstdio>

namespace finlab::web {

std::string format_amount(money::Money m) { return m.to_string_grouped(); }

std::string format_yuan(money::Money m) {
  if (m.is_negative()) return "-¥" + (-m).to_string_grouped();
  return "¥" + m.to_string_grouped();
}

std::string format_percent(money::Rate r, int dp) {
  return r.to_percent_string(dp, money::Rounding::half_up) + "%";
}

std::string format_int(std::int64_t n) {
  return money::format_fixed(n, 0, true);
}

std::string weekday_short(time::Date d, Lang lang) {
  static const char* en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* zh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  const int i = static_cast<int>(d.weekday());
  return lang == Lang::zh ? zh[i] : en[i];
}

std::string format_date(time::Date d, Lang lang) { return d.to_string() + " " + weekday_short(d, lang); }

std::string format_datetime(time::DateTime t, Lang lang) {
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", t.hour(), t.minute());
  return format_date(t.date(), lang) + " " + hm;
}

std::string format_month_day(time::Date d) { return d.to_string().substr(5); }

double to_plot(std::int64_t units, int scale) {
  double d = static_cast<double>(units);
  for (int i = 0; i < scale; ++i) d /= 10.0;
  return d;
}

std::string paren(std::string_view inner, Lang lang) {
  return lang == Lang::zh ? "（" + std::string(inner) + "）" : " (" + std::string(inner) + ")";
}

}  // namespace finlab::web
