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
#include "sim/run_store.hpp"

namespace finlab::cli {

const sim::NamedValue* find_total(const std::vector<sim::NamedValue>& t, const std::string& name);
std::string with_unit(const sim::NamedValue& v);
Table totals_table(const std::vector<sim::NamedValue>& totals);
nlohmann::ordered_json totals_json(const std::vector<sim::NamedValue>& totals);

nlohmann::ordered_json run_doc(const sim::StoredRun& r);  // the `sim show --json` document
void print_show(const sim::StoredRun& r);                  // the `sim show` tables on stdout

// Credit quality (sim_quality_report.cpp): the "credit_quality" object of
// `sim run/show --json`, the short table `sim run` prints, and the tables of `sim show`.
nlohmann::ordered_json quality_json(const sim::StoredRun& r);
Table quality_summary_table(const sim::StoredRun& r);
void print_quality(const sim::StoredRun& r);

}  // namespace finlab::cli
