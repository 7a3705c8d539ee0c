// Monte Carlo projection of a plan: N seeded NAV paths over Y years, each run
// through the engine, summarised as a percentile fan of portfolio value
// (5/25/50/75/95 at every month end), the probability of ending below the
// money put in, and the distribution of the outcome (end value, annualised
// TWR, maximum drawdown).
//
// Determinism: path p of fund f draws from Stream(seed, p, f, nav_path), so a
// path's numbers do not depend on which worker runs it or in what order;
// run() fills disjoint slices of PathOutputs, and summarize() works on exact
// integers (fen) with nearest-rank percentiles. The result for a seed is the
// same for any split into chunks, any thread count, natively and in wasm.
// This file starts no threads (core has none): callers split the paths.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/portfolio/engine.hpp"
#include "core/portfolio/joint_nav_model.hpp"
#include "core/portfolio/nav_model.hpp"
#include "core/portfolio/schedule.hpp"

namespace finlab::portfolio {

struct ProjectionSettings {
  std::size_t paths = 1000;
  int years = 10;
  std::uint64_t seed = 1;
};

// Per-path results, structure of arrays (path-major for the checkpoints).
struct PathOutputs {
  std::size_t checkpoints = 0;
  std::vector<std::int64_t> checkpoint_fen;  // [path * checkpoints + k]
  std::vector<std::int64_t> end_fen;
  std::vector<std::int64_t> mmf_income_fen;
  std::vector<std::int64_t> fees_fen;
  std::vector<double> twr_annualized;
  std::vector<double> max_drawdown;
  std::vector<std::int32_t> regular_skipped;
  void resize(std::size_t paths, std::size_t checkpoints);
};

struct FanPoint {
  time::Date date;
  money::Money paid_in;                 // the user's own money in by this date (the same on every path)
  money::Money p5, p25, p50, p75, p95;  // nearest-rank percentiles of total value
};

struct MoneyPercentiles {
  money::Money p1, p5, p10, p25, p50, p75, p90, p95, p99, mean;
};
struct RatioPercentiles {
  double p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
};

struct HistogramBin {
  money::Money from, to;  // [from, to)
  std::size_t count = 0;
};

struct ProjectionSummary {
  std::size_t paths = 0;
  int years = 0;
  std::uint64_t seed = 0;
  time::Date first_day, last_day;
  money::Money paid_in;                      // by the last day
  std::vector<FanPoint> fan;
  MoneyPercentiles end_value;
  std::size_t below_paid_in = 0;             // paths ending below the money put in
  double p_below_paid_in = 0;                // below_paid_in / paths
  std::vector<HistogramBin> histogram;       // 20 equal bins from p1 to p99, plus the tails in the first/last
  RatioPercentiles twr_annualized, max_drawdown;
  money::Money mean_mmf_income, mean_fees;
  std::size_t paths_with_skipped_regular = 0;
  std::size_t median_path = 0;               // a path whose end value is the median (for a detailed replay)
};

class Projection {
public:
  // `why`, when given, receives a refusal as a catalog message (any language);
  // the Result's error is its English.
  static Result<Projection> prepare(const Plan& plan, const ProjectionSettings& settings, const time::TradingCalendar& calendar,
                                    text::Message* why = nullptr);

  const Plan& plan() const { return *plan_; }
  const Schedule& schedule() const { return *schedule_; }
  const ProjectionSettings& settings() const { return settings_; }

  // Runs paths [first, first + count) into out (which must be resized for all
  // paths). Safe to call concurrently for disjoint ranges.
  void run(std::size_t first, std::size_t count, PathOutputs& out) const;
  // Runs every path in this thread.
  PathOutputs run_all() const;

  ProjectionSummary summarize(const PathOutputs& out) const;

  // One path in detail: its NAV paths and full ledger.
  PathResult replay_path(std::size_t path, Ledger& ledger) const;
  // The NAV and dividend units of one fund on one path.
  void market_path(std::size_t path, std::size_t fund, std::vector<std::int64_t>& nav, std::vector<std::int64_t>& div) const;

private:
  // Shared, read-only after prepare (so copies of a Projection share them).
  std::shared_ptr<const Plan> plan_;
  std::shared_ptr<const Schedule> schedule_;
  std::shared_ptr<const std::vector<GarchNavModel>> models_;
  // Two or more funds: drawn jointly (correlated shocks, shared volatility
  // regime); null for a single fund, which keeps GarchNavModel's own path.
  std::shared_ptr<const JointNavModel> joint_;
  // All funds of one path through joint_ (outs[f], divs[f]: schedule-size buffers).
  void joint_path(std::size_t path, std::int64_t* const* outs, std::int64_t* const* divs) const;
  ProjectionSettings settings_;
  std::vector<money::Money> paid_in_at_;  // per checkpoint
};

}  // namespace finlab::portfolio
