// Simulated daily bars for a stock, reusing core/portfolio's seeded NAV model
// (GARCH(1,1) volatility clustering with Student-t shocks, docs/portfolio.md §4)
// so that a replay can run without market data. The model's level, started at
// 1.0000, scales the start price; each close is rounded half-up to 0.01 and
// kept inside the day's price limit from the previous close. A daily bar from a
// close-to-close model has no intraday range: open = previous close, high and
// low = the larger and smaller of open and close, volume a setting [D].
// Stocks are simulated independently (path number = stock index); the model
// has no cross-stock correlation in this form [D].
#pragma once

#include <vector>

#include "core/portfolio/nav_model.hpp"
#include "core/securities/bars.hpp"

namespace finlab::securities {

struct SimulatedPathSettings {
  portfolio::GarchNavParams model;  // defaults: 8% a year, 24% volatility, t(5)
  std::int64_t volume = 10'000'000;  // shares a day [D]
};

// Bars on `days` (trading days, ascending); days[0] closes at start_price.
std::vector<Bar> simulate_bars(const std::vector<time::Date>& days, money::Money start_price, money::Rate limit_percent,
                               const SimulatedPathSettings& settings, std::uint64_t seed, std::uint64_t path);

}  // namespace finlab::securities
