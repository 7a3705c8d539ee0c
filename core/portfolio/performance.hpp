// Performance of one detailed run, every figure with its formula and inputs
// (DESIGN.md "users see why"):
//   time-weighted return  TWR = Π_t V_t / (V_{t−1} + F_t) − 1 over trading days
//                          (F_t = the user's deposits, counted at the start of day t),
//                          annualised (1 + TWR)^(365 / calendar days) − 1;
//   money-weighted return MWR = XIRR of the user's own flows (deposits out of
//                          pocket, the end value back), ACT/365 (loan::xirr);
//   volatility            sample standard deviation of the daily TWR
//                          sub-period returns × √(trading days per year observed);
//   max drawdown          largest fall of the TWR index from a running peak,
//                          with the peak, trough and recovery days;
//   活期宝 income vs fund gain (fees inside) and the fees themselves, exact.
// Returns are doubles (ratios, not money) computed with + − × / and core/math
// pow/sqrt, so they print the same natively and in wasm.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/loan/irr.hpp"
#include "core/portfolio/engine.hpp"

namespace finlab::portfolio {

struct Figure {
  std::string name;     // "time-weighted return"
  std::string value;    // "12.34%" or "not available"
  double raw = 0;       // the ratio (0.1234), 0 when not available
  bool available = true;
  std::string formula;  // in words and symbols
  std::vector<std::pair<std::string, std::string>> inputs;  // name → value, in order
};

struct Performance {
  Figure twr, twr_annualized, mwr, volatility, max_drawdown, income_split, fees;
  std::vector<loan::DatedCashFlow> mwr_flows;  // what XIRR solved (deposits negative, end value positive)
  std::vector<const Figure*> all() const { return {&twr, &twr_annualized, &mwr, &volatility, &max_drawdown, &income_split, &fees}; }
};

Performance measure(const Ledger& ledger, const PathTotals& totals);

// A ratio as a percent string with `digits` decimals, half-up ("12.35%").
std::string percent_text(double ratio, int digits = 2);

// A plain number with `digits` decimals, half-up ("1.234568").
std::string number_text(double x, int digits);

// Annualised from a growth factor over `days` calendar days: growth^(365/days) − 1.
double annualize(double growth, int days);

}  // namespace finlab::portfolio
