// Simulation runs in SQLite (schema "sim", documented in docs/sim.md, opened
// the same way natively and by the browser). A run is inserted as 'running'
// before any work and committed alone; its results are written later in ONE
// transaction that also flips the status to 'complete'. So a run that is
// killed or interrupted leaves either no result rows (status 'running' or
// 'interrupted') or all of them — never a half-written run shown as finished.
// Money is stored as integer fen, rates and decimals as text, never REAL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/store/database.hpp"
#include "sim/kpi.hpp"
#include "sim/run.hpp"

namespace finlab::sim {

inline constexpr int kRunSchemaVersion = 6;  // 2: test-and-learn month fields; 3: credit-quality rows; 4: default-dynamics month fields; 5: full P&L fields; 6: customer-behaviour fields

struct RunSummary {
  std::int64_t run_id = 0;
  std::string status;          // running | complete | interrupted | failed
  std::string created_at;
  std::string finished_at;
  std::string engine_version;
  std::string policy_name;
  std::string scenario_name;
  std::uint64_t users = 0;
  int months = 0;
  std::uint64_t seed = 0;
  int threads = 0;
  std::int64_t elapsed_ms = 0;
  std::string note;
  // A few headline totals (empty unless complete).
  std::string approval_rate, loss_rate, net_profit;
};

struct StoredRun {
  RunSummary summary;
  std::string policy_json;
  std::string scenario_json;
  std::string assumptions_json;
  std::string population_json;
  std::string scorecard_json;
  std::string train_auc;
  std::int64_t history_users = 0;
  RunAcc acc;                                            // rebuilt from the month/partner/band/vintage/day rows
  bool quality_recorded = false;                         // credit-quality rows present (runs stored from schema 3 on)
  std::vector<NamedValue> totals;
  std::vector<NamedValue> analyses;
  std::vector<std::vector<AllocationRange>> allocations;
  std::vector<std::string> partner_names;
  std::vector<std::string> band_names;
  std::vector<std::int64_t> train_band_counts;
  std::vector<std::int64_t> daily_income_per_10k;
  // The configuration as a RunConfig again (policy and scenario re-parsed).
  Result<RunConfig> config() const;
  KpiContext kpi_context() const;
};

class RunStore {
public:
  // Opens or creates the database and brings its schema to kRunSchemaVersion.
  // existing: a missing file is an error (read commands never create one).
  static Result<RunStore> open(const std::string& path, store::Database::OpenMode mode = store::Database::OpenMode::create);

  // Records a new run as 'running' (committed at once) and returns its id.
  std::int64_t begin_run(const RunConfig& config, std::string_view created_at, int threads);
  // Writes every result row and marks the run 'complete', in one transaction.
  // If that fails (disk full, I/O error) nothing is written, the run is
  // marked 'failed' and the error is rethrown.
  void finish_run(std::int64_t run_id, const RunOutput& out, std::string_view finished_at, std::int64_t elapsed_ms);
  // Marks an unfinished run 'interrupted' or 'failed' with a note (no result rows).
  void mark_unfinished(std::int64_t run_id, std::string_view status, std::string_view note, std::string_view at);

  std::vector<RunSummary> list();
  Result<StoredRun> load(std::int64_t run_id);
  // The newest complete run id, if any.
  std::optional<std::int64_t> latest_complete();

  store::Database& db() { return db_; }

private:
  explicit RunStore(store::Database db) : db_(std::move(db)) {}
  void write_results(std::int64_t run_id, const RunOutput& out, std::string_view finished_at, std::int64_t elapsed_ms);
  store::Database db_;
};

// The migrations of the "sim" schema (exposed for the docs test).
const std::vector<store::Migration>& run_schema_migrations();

// Serialisation of the non-policy parts of a configuration.
std::string assumptions_to_json(const Assumptions& a);
Result<Assumptions> assumptions_from_json(std::string_view text);
std::string population_params_to_json(const credit::PopulationParams& p);
Result<credit::PopulationParams> population_params_from_json(std::string_view text);

}  // namespace finlab::sim
