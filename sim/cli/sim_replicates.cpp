// `finlab sim run --replicates K` (sim_report.hpp): the spread of each total
// over the run and K more that differ only in their seed (S+1..S+K), as a
// table and as the "replicates" object of --json. For the rates it also
// counts how many of the K+1 runs' own 95% intervals contain the mean of all
// of them: a rough check of the analytic intervals (docs/sim.md "Uncertainty
// of the figures"). Reads stored runs only.
#include <iostream>

#include "core/money/decimal.hpp"
#include "sim/cli/sim_report.hpp"

namespace finlab::cli {

using nlohmann::ordered_json;
namespace sm = finlab::sim;

namespace {

int scale_of(const std::string& unit) { return unit == "yuan" ? 2 : (unit == "%" ? 4 : -1); }

struct Spread {
  std::string name, unit;
  sm::ReplicateStats stats;
  int scale = 0;
  int covered = -1;               // runs whose own interval holds the mean; -1: no analytic interval
  std::int64_t half_width = -1;   // this run's analytic half-width, units; -1: none
};

// Every yuan and % total the runs share, in the first run's order.
std::vector<Spread> spreads(const sm::StoredRun& run, const std::vector<sm::StoredRun>& reps, std::int64_t min_events) {
  std::vector<const sm::StoredRun*> all{&run};
  for (const auto& r : reps) all.push_back(&r);
  std::vector<std::vector<sm::KpiInterval>> ivs;
  for (const auto* r : all) ivs.push_back(run_intervals(*r, min_events));
  std::vector<Spread> out;
  for (const auto& t : run.totals) {
    const int scale = scale_of(t.unit);
    if (scale < 0) continue;
    std::vector<std::int64_t> units;
    for (const auto* r : all) {
      const auto* v = find_total(r->totals, t.name);
      if (!v) break;
      auto x = money::parse_fixed(v->value, scale);
      if (x) units.push_back(x.value());
    }
    if (units.size() != all.size()) continue;
    Spread s{t.name, t.unit, sm::replicate_stats(units), scale, -1, -1};
    const sm::KpiInterval* own = sm::find_interval(ivs[0], t.name);
    if (own && own->available) {
      s.half_width = (own->high_units - own->low_units) / 2;
      s.covered = 0;
      for (const auto& iv : ivs) {
        const sm::KpiInterval* k = sm::find_interval(iv, t.name);
        if (k && k->available && k->low_units <= s.stats.mean && s.stats.mean <= k->high_units) ++s.covered;
      }
    }
    out.push_back(s);
  }
  return out;
}

std::string fmt(std::int64_t units, int scale) { return money::format_fixed(units, scale); }

}  // namespace

ordered_json replicates_json(const sm::StoredRun& run, const std::vector<sm::StoredRun>& reps, std::int64_t min_events) {
  ordered_json seeds = ordered_json::array(), ids = ordered_json::array();
  seeds.push_back(std::to_string(run.summary.seed));
  ids.push_back(run.summary.run_id);
  for (const auto& r : reps) {
    seeds.push_back(std::to_string(r.summary.seed));
    ids.push_back(r.summary.run_id);
  }
  ordered_json totals = ordered_json::object();
  for (const Spread& s : spreads(run, reps, min_events)) {
    ordered_json j = {{"unit", s.unit},          {"mean", fmt(s.stats.mean, s.scale)}, {"sd", fmt(s.stats.sd, s.scale)},
                      {"min", fmt(s.stats.min, s.scale)}, {"max", fmt(s.stats.max, s.scale)}};
    if (s.covered >= 0) {
      j["analytic_half_width"] = fmt(s.half_width, s.scale);
      j["intervals_holding_mean"] = s.covered;
    }
    totals[s.name] = j;
  }
  return {{"runs", ids.size()}, {"seeds", seeds}, {"run_ids", ids}, {"totals", totals}};
}

void print_replicates(const sm::StoredRun& run, const std::vector<sm::StoredRun>& reps, std::int64_t min_events) {
  const std::size_t n = reps.size() + 1;
  std::cout << "\nReplication over seeds " << run.summary.seed << ".." << run.summary.seed + reps.size() << " (" << n << " runs, stored as runs "
            << run.summary.run_id << ", " << reps.front().summary.run_id << ".." << reps.back().summary.run_id
            << "): the spread of each figure when only the seed changes; for a rate, its analytic 95% half-width and how many of the " << n
            << " runs' intervals hold the mean\n";
  Table t;
  t.headers = {"total", "this run", "mean", "sd", "min", "max", "1.96 sd", "analytic half-width", "intervals holding the mean"};
  t.align = {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right};
  static const char* kShown[] = {"approval_rate", "takeup_rate", "loss_rate", "dq1_rate", "dq30_rate", "dq90_rate", "booked_amount", "net_profit", "roa",
                                 "platform_profit"};
  const auto all = spreads(run, reps, min_events);
  for (const char* name : kShown) {
    for (const Spread& s : all) {
      if (s.name != name) continue;
      const std::int64_t band = money::narrow_checked(money::div_round(money::int128(s.stats.sd) * 196, 100, money::Rounding::half_up), "1.96 sd");
      t.rows.push_back({s.name, find_total(run.totals, s.name)->value, fmt(s.stats.mean, s.scale), fmt(s.stats.sd, s.scale), fmt(s.stats.min, s.scale),
                        fmt(s.stats.max, s.scale), fmt(band, s.scale), s.covered >= 0 ? fmt(s.half_width, s.scale) : "-",
                        s.covered >= 0 ? std::to_string(s.covered) + " of " + std::to_string(n) : "-"});
    }
  }
  print_table(std::cout, t);
}

}  // namespace finlab::cli
