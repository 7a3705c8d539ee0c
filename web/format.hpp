// Display formatting for the browser client: exact decimal strings from the
// core's types, grouped for reading. No arithmetic on money happens here; a
// double appears only as a chart coordinate (to_plot), never as an amount.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/time/date.hpp"
#include "core/time/date_time.hpp"
#include "web/i18n.hpp"

namespace finlab::web {

// "¥12,345.67" (negative: "-¥1.00").
std::string format_yuan(money::Money m);
// "12,345.67" without the sign of the currency.
std::string format_amount(money::Money m);
// Percent with `dp` decimals, half-up: "4.512%".
std::string format_percent(money::Rate r, int dp);
// Grouped integer: "10,000".
std::string format_int(std::int64_t n);
// " (inner)" in English, "（inner）" in Chinese (full-width, no space before).
std::string paren(std::string_view inner, Lang lang);
// "Thu" / "周四".
std::string weekday_short(time::Date d, Lang lang);
// "2015-09-24 Thu" / "2015-09-24 周四".
std::string format_date(time::Date d, Lang lang);
// "2015-09-24 Thu 14:00".
std::string format_datetime(time::DateTime t, Lang lang);
// "09-24" (chart axis labels).
std::string format_month_day(time::Date d);
// A chart coordinate from exact units (display only).
double to_plot(std::int64_t units, int scale);
template <class D>
double to_plot(D d) { return to_plot(d.units(), D::scale); }

}  // namespace finlab::web
