// Uncertainty of a run's rate KPIs (docs/sim.md "Uncertainty of the figures"):
// a 95% interval for each rate derived from counts or amounts, and a mark on a
// figure that rests on fewer than `min_events` events. Computed from the
// integer accumulators only (so a stored run gives the same intervals) in
// integer arithmetic: the same digits natively and in wasm.
//   count proportions (approval, take-up, FPD7/FPD30, flow rates, ever-30+ /
//     ever-90+ by vintage): Wilson score interval (Wilson 1927, JASA 22:209-212;
//     recommended by Agresti & Coull 1998, Am. Stat. 52:119-126, and Newcombe
//     1998, Stat. Med. 17:857-872, whose Table I rows the tests check);
//   amount-weighted ratios (loss rate, dq1/dq30/dq90 on balance, the five
//     categories' shares of principal): the same interval around the amount
//     ratio with n = the number of loans behind it. This assumes alike loan
//     amounts: a spread of amounts with coefficient of variation c widens the
//     true interval by about sqrt(1 + c^2) (Kish's design effect); the
//     accumulators hold no per-loan second moments, so this is stated, not fixed;
//   money totals (net profit, ROA): no analytic interval; `finlab sim run
//     --replicates K` reruns seeds S+1..S+K and reports the spread.
// Bounds are rounded outwards (low down, high up) to 4 decimals of a percent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/accumulators.hpp"

namespace finlab::sim {

// A figure resting on fewer events than this is marked "few events" [D]:
// below ~30 the normal approximation behind any such interval is poor and
// one more or one fewer event moves the rate visibly.
inline constexpr std::int64_t kDefaultMinEvents = 30;

// Two-sided 95% (z = 1.959964, the 0.975 normal quantile to 7 digits).
struct WilsonBounds {
  std::int64_t low_units = 0, high_units = 0;  // percent × 10^4 (1.8600% = 18600)
};
// events out of trials (0 <= events <= trials, trials >= 1).
WilsonBounds wilson_interval(std::int64_t events, std::int64_t trials);
// The same interval around the ratio num ÷ den (0 <= num <= den, den >= 1)
// taken as a proportion of `trials` units (the amount ratios above).
WilsonBounds wilson_interval_of_ratio(std::int64_t num, std::int64_t den, std::int64_t trials);

// Fewer than min_events events, or fewer than min_events non-events: a rate
// near 0% and one near 100% are both uncertain.
bool few_events(std::int64_t events, std::int64_t trials, std::int64_t min_events);

enum class IntervalMethod {
  wilson,         // count proportion
  wilson_loans,   // amount ratio, n = loans (alike amounts assumed)
  replication,    // none analytic: rerun over seeds (--replicates)
};
const char* method_name(IntervalMethod m);  // "wilson", "wilson-loans", "replication over seeds"

struct KpiInterval {
  std::string name;          // the total's name ("loss_rate") or the figure's ("fpd7_rate", "flow C->M1")
  std::string value;         // the figure as shown, percent with 4 decimals
  bool available = false;    // false: no base, or the counts were not recorded with the run
  std::string low, high;     // percent, 4 decimals ("" when not available)
  std::int64_t low_units = 0, high_units = 0;
  std::int64_t events = 0;   // cases with the event (charge-offs, loans booked, FPD7 loans ...)
  std::int64_t trials = 0;   // cases the rate is over (loans, applications)
  bool few_events = false;
  IntervalMethod method = IntervalMethod::wilson;
};

// events ÷ trials with its Wilson interval (available when trials > 0).
KpiInterval count_interval(std::string name, std::int64_t events, std::int64_t trials, std::int64_t min_events);
// num ÷ den (amounts) with the interval over `trials` loans of which `events` had the event.
KpiInterval amount_interval(std::string name, std::int64_t num, std::int64_t den, std::int64_t events, std::int64_t trials,
                            std::int64_t min_events);

// The run totals' rates (approval_rate, takeup_rate, loss_rate, dq1_rate,
// dq30_rate, dq90_rate; net_profit and roa as `replication`, not available).
// dq1 and dq90 need the bucket counts (runs stored from schema 3 on:
// quality_recorded); without them they are not available.
std::vector<KpiInterval> total_intervals(const RunAcc& acc, bool quality_recorded, std::int64_t min_events);
// Credit quality: fpd7_rate, fpd30_rate, the pooled flow rates "flow C->M1" ..
// "flow M5->M6", and the five categories' shares of principal at the end
// ("class normal" ...).
std::vector<KpiInterval> quality_intervals(const RunAcc& acc, std::int64_t min_events);

const KpiInterval* find_interval(const std::vector<KpiInterval>& v, const std::string& name);
// Both available and [low, high] overlap: a difference between the two runs
// that their own sampling noise can explain (non-overlap of two 95% intervals
// is a conservative test of a difference; overlap does not prove equality).
bool intervals_overlap(const KpiInterval& a, const KpiInterval& b);

// Replication over seeds: the spread of one figure over K+1 runs that differ
// only in their seed, each value in fixed-point units of the figure (fen, or
// percent × 10^4). Mean rounded half-up; sd = the sample standard deviation
// (n − 1), its square root truncated to the unit. Needs at least 2 values.
struct ReplicateStats {
  std::int64_t mean = 0, sd = 0, min = 0, max = 0;
};
ReplicateStats replicate_stats(const std::vector<std::int64_t>& units);

}  // namespace finlab::sim
