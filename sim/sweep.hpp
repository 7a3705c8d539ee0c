// Cutoff sweep: the same population (built and scored once) run through the
// whole lifecycle once per cutoff, then the efficient frontier of approval
// rate (higher is better) vs loss rate (lower) vs net profit (higher): a
// cutoff is efficient when no other cutoff is at least as good on all three
// and better on one. Comparisons are exact (integer cross-multiplication).
// The refer band keeps its width below each cutoff.
#pragma once

#include <vector>

#include "core/result.hpp"
#include "sim/kpi.hpp"
#include "sim/parallel.hpp"
#include "sim/run.hpp"

namespace finlab::sim {

struct SweepPoint {
  int cutoff = 0;
  std::int64_t applicants = 0;
  std::int64_t booked_count = 0;
  std::int64_t application_bookings = 0;  // booked on an application (the approval rate's numerator)
  std::int64_t booked_fen = 0;
  std::int64_t net_loss_fen = 0;   // charge-offs − recoveries
  std::int64_t net_profit_fen = 0;
  std::vector<NamedValue> totals;
  bool efficient = false;
};

// Parses "520:700:10" (from:to:step, inclusive) into cutoffs.
Result<std::vector<int>> parse_cutoff_range(std::string_view text);

Policy with_cutoff(const Policy& p, int cutoff);

// The figures of one cutoff's finished run (what run_sweep keeps; for chunked
// sweeps such as the browser's, which step a RunState themselves).
SweepPoint make_sweep_point(const RunConfig& config, int cutoff, const RunOutput& run);

// With options.collective (several ranks) the points are shared out across
// the ranks; rank 0 returns all of them, the other ranks an empty list.
Result<std::vector<SweepPoint>> run_sweep(const RunConfig& config, const std::vector<int>& cutoffs, ParallelOptions options);

// Marks the efficient points (exposed for tests).
void mark_frontier(std::vector<SweepPoint>& points);

}  // namespace finlab::sim
