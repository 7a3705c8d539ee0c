// Runs in SQLite: a finished run reads back exactly; an unfinished one is
// marked and has no result rows; a transaction that never commits (a killed
// process) leaves nothing behind. The killed-process test with the real CLI
// is tests/cli/sim_kill_test.cpp (native only).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "sim/run_store.hpp"
#include "sim/user_lens.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;
using Catch::Matchers::Contains;

namespace {

using finlab::test::slurp;

RunConfig small_config() {
  RunConfig c;
  c.policy = parse_policy(slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(slurp(FINLAB_SOURCE_DIR "/assets/scenarios/severe-stress.json")).value();
  c.users = 400;
  c.months = 10;
  c.seed = 9;
  c.history_users = 4000;
  // Tight capacity so the partner allocation matters for the replay.
  c.policy.partners[0].capacity = money::Money::of("3000");
  return c;
}

const RunOutput& small_run() {
  static const RunOutput out = run_simulation(small_config());
  return out;
}

std::string temp_db(const char* name) {
  const std::string p = std::string("finlab_sim_test_") + std::to_string(::getpid()) + "_" + name + ".sqlite";
  std::remove(p.c_str());
  return p;
}

// SQL that removes migration 5's columns (the full P&L fields).
// The columns of migration 6 (customer behaviour).
std::string drop_v6_sql() {
  std::string drop;
#define FINLAB_X(name, doc) drop += "ALTER TABLE sim_run_months DROP COLUMN " #name "; ";
  FINLAB_SIM_MONTH_FIELDS_V6(FINLAB_X)
#undef FINLAB_X
  return drop;
}

// The columns of migrations 5 and 6.
std::string drop_v5_sql() {
  std::string drop;
#define FINLAB_X(name, doc) drop += "ALTER TABLE sim_run_months DROP COLUMN " #name "; ";
  FINLAB_SIM_MONTH_FIELDS_V5(FINLAB_X)
#undef FINLAB_X
#define FINLAB_X(name, doc) drop += "ALTER TABLE sim_run_partners DROP COLUMN " #name "; ";
  FINLAB_SIM_PARTNER_FIELDS_V5(FINLAB_X)
#undef FINLAB_X
  return drop + drop_v6_sql();
}

std::int64_t count(RunStore& s, const std::string& sql) {
  auto st = s.db().prepare(sql);
  REQUIRE(st.step());
  return st.column_int64(0);
}

}  // namespace

TEST_CASE("A finished run reads back with the same accumulators and totals", "[sim][store]") {
  const std::string path = temp_db("roundtrip");
  auto store = RunStore::open(path).value();
  const RunOutput& out = small_run();
  const std::int64_t id = store.begin_run(out.config, "2015-06-01T00:00:00Z", 1);
  CHECK(store.list().at(0).status == "running");
  store.finish_run(id, out, "2015-06-01T00:00:01Z", 1000);
  const StoredRun r = store.load(id).value();
  CHECK(r.summary.status == "complete");
  CHECK(r.summary.users == 400);
  CHECK(r.summary.seed == 9);
  for (int m = 0; m < out.config.months; ++m) {
#define FINLAB_X(name, doc) CHECK(r.acc.month[m].name == out.acc.month[m].name);
    FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
    CHECK(r.acc.month[m].applicant_bands == out.acc.month[m].applicant_bands);
  }
  CHECK(r.acc.vintage_bad_count == out.acc.vintage_bad_count);
  CHECK(r.acc.fast_by_day == out.acc.fast_by_day);
  // Every integer of the run, the credit-quality rows (schema 3) included.
  CHECK(r.quality_recorded);
  CHECK(r.acc.pack() == out.acc.pack());
  CHECK(r.daily_income_per_10k == out.daily_income_per_10k);
  // Totals recomputed from the stored integers equal the stored totals.
  const auto again = run_totals(r.acc, r.kpi_context());
  REQUIRE(again.size() == r.totals.size());
  for (std::size_t k = 0; k < again.size(); ++k) CHECK(again[k].value == r.totals[k].value);
  // The stored configuration is the one that ran.
  const RunConfig c = r.config().value();
  CHECK(policy_to_json(c.policy) == policy_to_json(out.config.policy));
  CHECK(c.history_users == out.config.history_users);
  CHECK(store.latest_complete() == id);
  std::remove(path.c_str());
}

TEST_CASE("An unfinished run is marked and shows no results", "[sim][store]") {
  const std::string path = temp_db("unfinished");
  {
    auto store = RunStore::open(path).value();
    const std::int64_t id = store.begin_run(small_config(), "2015-06-01T00:00:00Z", 2);
    CHECK_THAT(store.load(id).error(), Contains("incomplete (status running)"));
    store.mark_unfinished(id, "interrupted", "Ctrl-C in month 3", "2015-06-01T00:00:02Z");
    CHECK_THAT(store.load(id).error(), Contains("incomplete (status interrupted: Ctrl-C in month 3)"));
    CHECK_FALSE(store.latest_complete().has_value());
  }
  SECTION("a transaction that never commits leaves no rows (as when the process is killed)") {
    {
      auto store = RunStore::open(path).value();
      const std::int64_t id = store.begin_run(small_config(), "2015-06-01T00:00:00Z", 2);
      store.db().begin();
      store.db().exec("INSERT INTO sim_run_totals (run_id, ord, name, value, unit) VALUES (" + std::to_string(id) + ", 0, 'x', '1', 'count')");
      // no commit: the store goes away with the transaction open
    }
    auto store = RunStore::open(path).value();
    CHECK(count(store, "SELECT count(*) FROM sim_run_totals") == 0);
    CHECK(count(store, "SELECT count(*) FROM sim_runs WHERE status = 'running'") == 1);
    auto st = store.db().prepare("PRAGMA integrity_check");
    REQUIRE(st.step());
    CHECK(st.column_text(0) == "ok");
  }
  std::remove(path.c_str());
}

TEST_CASE("The schema carries a version and refuses a newer database", "[sim][store]") {
  const std::string path = temp_db("version");
  {
    auto store = RunStore::open(path).value();
    CHECK(store.db().user_version() == kRunSchemaVersion);
    store.db().exec("PRAGMA user_version = 99");
  }
  auto again = RunStore::open(path);
  CHECK_FALSE(again.ok());
  std::remove(path.c_str());
}

TEST_CASE("A database of schema version 2 migrates and its runs still open, without credit-quality figures", "[sim][store][migration]") {
  const std::string path = temp_db("v2");
  const RunOutput& out = small_run();
  std::int64_t id = 0;
  std::vector<NamedValue> totals;
  {
    // A version-2 database is this one without migration 3's four tables and migrations 4 and 5's columns.
    auto store = RunStore::open(path).value();
    id = store.begin_run(out.config, "2015-06-01T00:00:00Z", 1);
    store.finish_run(id, out, "2015-06-01T00:00:01Z", 1000);
    totals = store.load(id).value().totals;
    store.db().exec(drop_v5_sql() + "DROP TABLE sim_run_buckets; DROP TABLE sim_run_rolls; DROP TABLE sim_run_vintage_quality; DROP TABLE sim_run_fpd; "
                    "ALTER TABLE sim_run_months DROP COLUMN not_taken_up; ALTER TABLE sim_run_months DROP COLUMN fraud_booked; "
                    "PRAGMA user_version = 2");
  }
  auto store = RunStore::open(path).value();
  CHECK(store.db().user_version() == kRunSchemaVersion);
  const StoredRun old = store.load(id).value();
  CHECK_FALSE(old.quality_recorded);
  CHECK(old.acc.fpd_due == std::vector<std::int64_t>(static_cast<std::size_t>(out.config.months), 0));
  REQUIRE(old.totals.size() == totals.size());
  for (std::size_t k = 0; k < totals.size(); ++k) CHECK(old.totals[k].value == totals[k].value);
  // New runs in the migrated database carry the figures.
  const std::int64_t id2 = store.begin_run(out.config, "2015-06-02T00:00:00Z", 1);
  store.finish_run(id2, out, "2015-06-02T00:00:01Z", 1000);
  CHECK(store.load(id2).value().quality_recorded);
  std::remove(path.c_str());
}

TEST_CASE("A database of schema version 4 migrates and a run stored before the full P&L replays to its stored totals", "[sim][store][migration][pnl]") {
  const std::string path = temp_db("v4");
  // An "old" run: no P&L costs, the one-stage provision, and a stored policy without the "pnl" section.
  RunConfig c = small_config();
  c.policy.pnl = PnlSettings::legacy();
  c.assumptions.prepay_ppm = c.assumptions.repeat_draw_ppm = 0;  // nor customer behaviour (schema 6)
  c.assumptions.drift_sd_points = c.assumptions.drift_reversion_ppm = c.assumptions.drift_default_points = 0;
  c.policy.credit.ladder.reset();
  const RunOutput out = run_simulation(c);
  std::int64_t id = 0;
  std::vector<NamedValue> totals;
  {
    auto store = RunStore::open(path).value();
    id = store.begin_run(out.config, "2015-06-01T00:00:00Z", 1);
    store.finish_run(id, out, "2015-06-01T00:00:01Z", 1000);
    totals = store.load(id).value().totals;
    auto policy = nlohmann::json::parse(policy_to_json(c.policy));
    policy.erase("pnl");
    auto assumptions = nlohmann::json::parse(assumptions_to_json(c.assumptions));
    for (const char* k : {"prepay_ppm", "repeat_draw_ppm", "drift_sd_points", "drift_reversion_ppm", "drift_default_points"}) assumptions.erase(k);
    auto st = store.db().prepare("UPDATE sim_runs SET policy_json = ?1, assumptions_json = ?2 WHERE run_id = ?3");
    st.bind(1, policy.dump()).bind(2, assumptions.dump()).bind(3, id);
    st.step();
    store.db().exec(drop_v5_sql() + "PRAGMA user_version = 4");
  }
  auto store = RunStore::open(path).value();
  CHECK(store.db().user_version() == kRunSchemaVersion);
  const StoredRun old = store.load(id).value();
  // The new fields read 0; the stored totals are those of the old run.
  for (const auto& m : old.acc.month) {
    CHECK(m.acquisition_cost_fen == 0);
    CHECK(m.allowance_stage1_fen == 0);
    CHECK(m.partners[0].guarantee_fee_fen == 0);
  }
  REQUIRE(old.totals.size() == totals.size());
  for (std::size_t k = 0; k < totals.size(); ++k) CHECK(old.totals[k].value == totals[k].value);
  // Its configuration reads the legacy P&L settings, so a replay reproduces it.
  const RunConfig again = old.config().value();
  CHECK(again.policy.pnl == PnlSettings::legacy());
  const RunOutput replay = run_simulation(again);
  const auto replayed = run_totals(replay.acc, old.kpi_context());
  REQUIRE(replayed.size() == totals.size());
  for (std::size_t k = 0; k < totals.size(); ++k) {
    INFO(totals[k].name);
    CHECK(replayed[k].value == totals[k].value);
  }
  // A new run in the migrated database stores the new fields.
  const std::int64_t id2 = store.begin_run(small_run().config, "2015-06-02T00:00:00Z", 1);
  store.finish_run(id2, small_run(), "2015-06-02T00:00:01Z", 1000);
  const StoredRun now = store.load(id2).value();
  CHECK(now.acc.pack() == small_run().acc.pack());
  CHECK(now.config().value().policy.pnl == small_run().config.policy.pnl);
  std::remove(path.c_str());
}

TEST_CASE("Every user's replay adds up to the run's totals to the fen", "[sim][user-lens]") {
  const RunOutput& out = small_run();
  const ScoringModel model = scoring_model_from_json(out.card_json).value();
  RunAcc sum;
  sum.init(out.config.months, static_cast<int>(out.acc.fast_by_day.size()));
  int borrowers = 0;
  for (std::uint64_t u = 0; u < out.config.users; ++u) {
    const UserView v = replay_user(out.config, model, out.allocations, u).value();
    sum.add(v.acc);
    if (!v.loans.empty()) ++borrowers;
  }
  CHECK(borrowers > 10);
  for (int m = 0; m < out.config.months; ++m) {
    INFO("month " << m);
#define FINLAB_X(name, doc) CHECK(sum.month[m].name == out.acc.month[m].name);
    FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
    for (int p = 0; p < kMaxPartners; ++p) {
#define FINLAB_X(name, doc) CHECK(sum.month[m].partners[p].name == out.acc.month[m].partners[p].name);
      FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
    }
  }
  CHECK(sum.vintage_bad_fen == out.acc.vintage_bad_fen);
  CHECK(sum.fast_by_day == out.acc.fast_by_day);
}

TEST_CASE("A replayed borrower's payments follow the loan engine's schedule", "[sim][user-lens]") {
  const RunOutput& out = small_run();
  const ScoringModel model = scoring_model_from_json(out.card_json).value();
  int checked = 0;
  for (std::uint64_t u = 0; u < out.config.users && checked < 5; ++u) {
    const UserView v = replay_user(out.config, model, out.allocations, u).value();
    if (v.loans.empty()) continue;
    const UserLoan& l = v.loans.front();
    // Payments made on time in the months after booking equal the schedule's instalments.
    int k = 0;
    bool on_time = true;
    for (const auto& e : v.events) {
      if (e.month <= l.month || k >= l.term) continue;
      if (e.kind == "missed" || e.kind == "cured" || e.kind == "default") on_time = false;
      if (e.kind == "payment" && on_time) {
        CHECK(e.amount_fen == l.schedule.installments[k].payment.units());
        CHECK(e.balance_fen == l.schedule.installments[k].balance.units());
        ++k;
      }
    }
    if (k > 0) ++checked;
  }
  CHECK(checked == 5);
  CHECK_FALSE(replay_user(out.config, model, out.allocations, 400).ok());
}
