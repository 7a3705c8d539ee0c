#include "web/format.hpp"

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

double to_plot(std::int64_t units, int scale) {
  double d = static_cast<double>(units);
  for (int i = 0; i < scale; ++i) d /= 10.0;
  return d;
}

}  // namespace finlab::web
