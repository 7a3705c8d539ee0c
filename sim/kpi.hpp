// Derived KPIs of a run, as exact decimal strings: totals, monthly rows and
// vintage curves, computed from the integer accumulators (so a stored run
// recomputes them identically). Rates are percentages with 4 decimals,
// rounded half-up once; amounts are yuan with 2 decimals. Definitions
// (docs/sim.md "Results"):
//   approval_rate   = booked loans ÷ applications
//   loss_rate       = (charge-offs − recoveries) ÷ amount booked
//   provision_expense = Δ allowance + charge-offs − recoveries
//   allowance       = stage 1 + stage 2 + stage 3 (ECL, IFRS 9 / CAS 22), per loan
//                     EAD × ECL rate, half-up: stage 1 (0-29 DPD) PD12 × LGD
//                     (current: the score's PD12; M1: bucket_pd[0]); stage 2
//                     (30-89 DPD) lifetime PD × LGD, lifetime PD = min(100%,
//                     bucket PD × max(12, months left) ÷ 12); stage 3 (90+ DPD)
//                     PD 100% × LGD
//   operating costs = acquisition (per new applicant) + data (per decision)
//                     + collection (per loan 1+ DPD at a month end) + interest
//                     tax ((interest + penalty) × 5% before 2016-05-01, × 6/106
//                     from then, per payment, half-up) + capital charge
//                     (opening principal × cost of equity × capital ratio ÷ 12,
//                     per loan and month, half-up)
//   net_profit      = interest + penalty + fees − funding cost − provision expense
//                     − fund subsidy − operating costs   (each term a run total;
//                     guarantee fees and guaranteed losses move money between
//                     platform and partners and cancel here: platform_profit)
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
std::int64_t operating_costs(const MonthAcc& a);  // acquisition + data + collection + interest tax + capital charge
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
