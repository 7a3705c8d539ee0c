// Daily bars (date, open, high, low, close, volume) of a stock or an index, and
// the CSV reader for replays. Prices are exact to the 0.01 tick (Money for a
// stock, 2 decimals for an index level too); volume is in shares. Errors name
// FILE:LINE:COLUMN and what is wrong (a high below the open, a date out of order,
// a non-trading day, a price with three decimals ...).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/money/money.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"
#include "core/time/trading_calendar.hpp"

namespace finlab::securities {

struct Bar {
  time::Date date;
  money::Money open, high, low, close;
  std::int64_t volume = 0;  // shares
};

// Header "date,open,high,low,close,volume" (that order), one row per trading
// day, dates strictly increasing and trading days of `calendar`.
Result<std::vector<Bar>> parse_bars_csv(std::string_view name, std::string_view text, const time::TradingCalendar& calendar);

}  // namespace finlab::securities
