// Derived KPIs of a run, as exact decimal strings: totals, monthly rows and
// vintage curves, computed from the integer accumulators (so a stored run
// recomputes them identically). Rates are percentages with 4 decimals,
// rounded half-up once; amounts are yuan with 2 decimals. Definitions
// (docs/sim.md "Results"):
//   approval_rate   = booked loans ÷ applications
//   loss_rate       = (charge-offs − recoveries) ÷ amount booked
//   provision_expense = Δ allowance + charge-offs − recoveries
//   net_profit      = interest + penalty + fees − funding cost − provision expense − fund subsidy
//   roa             = net_profit × 12 ÷ Σ month-end outstanding (annualised, on average assets)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/accumulators.hpp"
#include "sim/engine.hpp"
#include "sim/policy.hpp"

namespace finlab::sim {

struct NamedValue {
  std::string name;
  std::string value;
  std::string unit;  // "count", "yuan", "%", "date", "ratio", "months"
};

// Everything needed to derive KPIs from stored integers.
struct KpiContext {
  std::uint64_t users = 0;
  int months = 0;
  time::Date start;
  std::vector<money::Rate> revenue_share;          // per partner
  std::vector<std::int64_t> train_band_counts;     // scorecard training distribution (PSI)
};

std::string percent_of(std::int64_t num, std::int64_t den, int digits = 4);
std::string yuan_of(std::int64_t fen);
std::string period_of(time::Date start, int month);  // "2015-06"

std::int64_t provision_expense(const RunAcc& acc, int m);
std::int64_t net_profit(const RunAcc& acc, int m);
double month_psi(const RunAcc& acc, int m, const std::vector<std::int64_t>& train_band_counts);

std::vector<NamedValue> run_totals(const RunAcc& acc, const KpiContext& ctx);

// Columns of the monthly table (same names in CSV, JSON and the CLI table).
const std::vector<std::string>& monthly_columns();
std::vector<std::vector<std::string>> monthly_rows(const RunAcc& acc, const KpiContext& ctx);

struct VintagePoint {
  int orig_month = 0;
  int mob = 0;
  std::int64_t loans = 0;
  std::int64_t booked_fen = 0;
  std::int64_t bad_loans = 0;      // cumulative: ever 30+ DPD by this MOB
  std::int64_t bad_fen = 0;        // their original amounts
};
std::vector<VintagePoint> vintage_curves(const RunAcc& acc);

// Peak day of T+0 fast redemptions: (day index, amount); (-1, 0) when none.
std::pair<int, std::int64_t> fast_peak(const RunAcc& acc);

}  // namespace finlab::sim
