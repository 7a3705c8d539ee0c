// What `finlab sim show` prints of a stored run, as a table and as the --json
// document (also the totals helpers that `run`, `compare` and `export` share).
// Reads a StoredRun only: no database, no arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/output.hpp"
#include "sim/kpi.hpp"
#include "sim/kpi_interval.hpp"
#include "sim/run_store.hpp"

namespace finlab::cli {

const sim::NamedValue* find_total(const std::vector<sim::NamedValue>& t, const std::string& name);
std::string with_unit(const sim::NamedValue& v);
Table totals_table(const std::vector<sim::NamedValue>& totals);
nlohmann::ordered_json totals_json(const std::vector<sim::NamedValue>& totals);

// Uncertainty (sim/kpi_interval.hpp, docs/sim.md "Uncertainty of the figures"):
// the interval cell "[1.7800, 1.9400]" ("-" without a base, "--replicates"
// for the money totals), the events cell "93 of 5000" or "12 of 5000: few",
// and {value, low, high, events, trials, few_events, method} in JSON.
std::vector<sim::KpiInterval> run_intervals(const sim::StoredRun& r, std::int64_t min_events);
std::string interval_cell(const sim::KpiInterval& k);
std::string events_cell(const sim::KpiInterval& k);
nlohmann::ordered_json interval_json(const sim::KpiInterval& k);
nlohmann::ordered_json intervals_json(const std::vector<sim::KpiInterval>& v);
// The totals with a "95% interval" and an "events" column for the rates.
Table totals_table(const std::vector<sim::NamedValue>& totals, const std::vector<sim::KpiInterval>& intervals);

// the `sim show --json` document ("intervals" beside "totals")
nlohmann::ordered_json run_doc(const sim::StoredRun& r, std::int64_t min_events = sim::kDefaultMinEvents);
void print_show(const sim::StoredRun& r, std::int64_t min_events = sim::kDefaultMinEvents);  // the `sim show` tables on stdout

// Credit quality (sim_quality_report.cpp): the "credit_quality" object of
// `sim run/show --json`, the short table `sim run` prints, and the tables of `sim show`.
nlohmann::ordered_json quality_json(const sim::StoredRun& r, std::int64_t min_events = sim::kDefaultMinEvents);
Table quality_summary_table(const sim::StoredRun& r, std::int64_t min_events = sim::kDefaultMinEvents);
void print_quality(const sim::StoredRun& r, std::int64_t min_events = sim::kDefaultMinEvents);

// Replication over seeds (sim_replicates.cpp): `sim run --replicates K` stores
// K more runs with seeds S+1..S+K; these give the spread of each total.
nlohmann::ordered_json replicates_json(const sim::StoredRun& run, const std::vector<sim::StoredRun>& reps, std::int64_t min_events);
void print_replicates(const sim::StoredRun& run, const std::vector<sim::StoredRun>& reps, std::int64_t min_events);

}  // namespace finlab::cli
