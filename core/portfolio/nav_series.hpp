// A published NAV history (or real index closes) from CSV text, for replaying
// a plan over history. The CLI reads the file; this parses its text (core does
// no I/O). Accepted headers:
//   date,nav              fund NAV with 4 decimals ("1.1800")
//   date,nav,dividend     plus the dividend per share paid on that ex-date
//                         (the NAV on that row is the ex-dividend NAV); empty = none
//   date,close            index closes (up to 4 decimals): the fund's NAV is the
//                         plan's start NAV scaled by close / close on the
//                         plan's first trading day, half-up to 4 decimals
// Rows are in strictly increasing date order; each date must be a trading day.
// Errors say "FILE:LINE:COLUMN: what".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/portfolio/nav.hpp"
#include "core/portfolio/schedule.hpp"
#include "core/result.hpp"
#include "core/time/trading_calendar.hpp"

namespace finlab::portfolio {

struct NavHistory {
  enum class Kind { nav, close };
  Kind kind = Kind::nav;
  std::vector<time::Date> dates;
  std::vector<std::int64_t> values;     // NAV units (10^-4) or close units (10^-4)
  std::vector<std::int64_t> dividends;  // per share, units of 10^-4 (nav kind only; 0 = none)
  std::vector<int> lines;               // source line of each row
  std::string name;                     // file name for messages
};

Result<NavHistory> parse_nav_csv(std::string_view text, const std::string& name, const time::TradingCalendar& calendar);

// The NAV and dividend of every trading day of `schedule` from the history.
// Fails when a trading day has no row ("prices.csv: no row for trading day
// 2015-06-19 (between line 13, 2015-06-18, and line 14, 2015-06-23)").
struct AlignedNav {
  std::vector<std::int64_t> nav_units;
  std::vector<std::int64_t> dividend_units;
};
Result<AlignedNav> align_nav(const NavHistory& h, const Schedule& schedule, Nav start_nav);

// The last date of the history on or after `from` (the natural end of a replay).
time::Date last_date(const NavHistory& h);

}  // namespace finlab::portfolio
