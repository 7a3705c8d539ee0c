// Reports of a simulation and of a replay, and their JSON documents: the one
// place that assembles what `finlab portfolio simulate|replay --json` prints,
// so the CLI and the browser's Portfolio panel show the same numbers for the
// same plan and seed. Amounts and rates are decimal strings in the JSON.
#pragma once

#include <string>
#include <vector>

#include "core/portfolio/performance.hpp"
#include "core/portfolio/projection.hpp"

namespace finlab::portfolio {

struct SimulationReport {
  std::string plan_name;
  ProjectionSettings settings;
  std::size_t trading_days = 0;
  std::string mmf_source;  // where 活期宝's 万份收益 came from
  ProjectionSummary summary;
  PathResult median;       // the median path (summary.median_path) in detail
  Ledger median_ledger;
  Performance median_performance;
};

// After the paths ran (in any number of threads): summary + the median path in detail.
SimulationReport make_simulation_report(const Projection& projection, const PathOutputs& outputs);
// All in this thread (the browser): prepare has been done; runs every path.
SimulationReport simulate(const Projection& projection);

struct ReplayReport {
  std::string plan_name;
  std::vector<std::string> fund_ids;
  const Schedule* schedule = nullptr;   // must outlive the report
  std::vector<Nav> last_nav;            // per fund, on the last day
  PathResult result;
  Ledger ledger;
  Performance performance;
};

// The replay of `plan` over `market` (one FundMarket per fund) on `schedule`.
ReplayReport replay(const Plan& plan, const Schedule& schedule, std::span<const FundMarket> market);

// Month-end rows of a detailed run: date, 活期宝, funds, in transit, total, money put in by then.
struct MonthEnd {
  time::Date date;
  money::Money huoqibao, funds, in_transit, total, paid_in;
};
std::vector<MonthEnd> month_ends(const Ledger& ledger);

std::string to_json(const SimulationReport& r);  // 2-space indented document
std::string to_json(const ReplayReport& r);

}  // namespace finlab::portfolio
