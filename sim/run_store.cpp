#include "sim/run_store.hpp"

#include <nlohmann/json.hpp>

#include "core/strict_json.hpp"
#include "sim/run_store_quality.hpp"
#include "sim/version.hpp"

namespace finlab::sim {

using nlohmann::json;

namespace {

// Version 1's columns only: later fields come with later migrations.
std::string month_columns_sql() {
  std::string s;
#define FINLAB_X(name, doc) s += ",\n  " #name " INTEGER NOT NULL";
  FINLAB_SIM_MONTH_FIELDS_V1(FINLAB_X)
#undef FINLAB_X
  return s;
}

// Migration 2: test-and-learn fields (old runs read 0).
std::string month_columns_v2_sql() {
  std::string s;
#define FINLAB_X(name, doc) s += "ALTER TABLE sim_run_months ADD COLUMN " #name " INTEGER NOT NULL DEFAULT 0;\n";
  FINLAB_SIM_MONTH_FIELDS_V2(FINLAB_X)
#undef FINLAB_X
  return s;
}

// Migration 4: default-dynamics fields (old runs read 0).
std::string month_columns_v4_sql() {
  std::string s;
#define FINLAB_X(name, doc) s += "ALTER TABLE sim_run_months ADD COLUMN " #name " INTEGER NOT NULL DEFAULT 0;\n";
  FINLAB_SIM_MONTH_FIELDS_V4(FINLAB_X)
#undef FINLAB_X
  return s;
}

// Migration 5: full P&L month fields and the partners' loss-sharing fields (old runs read 0).
std::string columns_v5_sql() {
  std::string s;
#define FINLAB_X(name, doc) s += "ALTER TABLE sim_run_months ADD COLUMN " #name " INTEGER NOT NULL DEFAULT 0;\n";
  FINLAB_SIM_MONTH_FIELDS_V5(FINLAB_X)
#undef FINLAB_X
#define FINLAB_X(name, doc) s += "ALTER TABLE sim_run_partners ADD COLUMN " #name " INTEGER NOT NULL DEFAULT 0;\n";
  FINLAB_SIM_PARTNER_FIELDS_V5(FINLAB_X)
#undef FINLAB_X
  return s;
}

// Migration 6: customer-behaviour month fields (old runs read 0).
std::string month_columns_v6_sql() {
  std::string s;
#define FINLAB_X(name, doc) s += "ALTER TABLE sim_run_months ADD COLUMN " #name " INTEGER NOT NULL DEFAULT 0;\n";
  FINLAB_SIM_MONTH_FIELDS_V6(FINLAB_X)
#undef FINLAB_X
  return s;
}

// Version 1's partner columns only.
std::string partner_columns_sql() {
  std::string s;
#define FINLAB_X(name, doc) s += ",\n  " #name " INTEGER NOT NULL";
  FINLAB_SIM_PARTNER_FIELDS_V1(FINLAB_X)
#undef FINLAB_X
  return s;
}

}  // namespace

const std::vector<store::Migration>& run_schema_migrations() {
  static const std::vector<store::Migration> m{
      {1,
       "CREATE TABLE sim_runs (\n"
       "  run_id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
       "  status TEXT NOT NULL CHECK (status IN ('running','complete','interrupted','failed')),\n"
       "  created_at TEXT NOT NULL,\n"
       "  finished_at TEXT,\n"
       "  engine_version TEXT NOT NULL,\n"
       "  seed TEXT NOT NULL,\n"
       "  users INTEGER NOT NULL,\n"
       "  months INTEGER NOT NULL,\n"
       "  history_users INTEGER NOT NULL,\n"
       "  threads INTEGER NOT NULL,\n"
       "  elapsed_ms INTEGER,\n"
       "  start_date TEXT NOT NULL,\n"
       "  policy_name TEXT NOT NULL,\n"
       "  policy_json TEXT NOT NULL,\n"
       "  scenario_name TEXT NOT NULL,\n"
       "  scenario_json TEXT NOT NULL,\n"
       "  assumptions_json TEXT NOT NULL,\n"
       "  population_json TEXT NOT NULL,\n"
       "  scorecard_json TEXT,\n"
       "  train_auc TEXT,\n"
       "  note TEXT\n"
       ");\n"
       "CREATE TABLE sim_run_totals (\n"
       "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
       "  ord INTEGER NOT NULL,\n"
       "  name TEXT NOT NULL,\n"
       "  value TEXT NOT NULL,\n"
       "  unit TEXT NOT NULL,\n"
       "  PRIMARY KEY (run_id, name)\n"
       ");\n"
       "CREATE TABLE sim_run_months (\n"
       "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
       "  month INTEGER NOT NULL,\n"
       "  period TEXT NOT NULL" +
           month_columns_sql() +
           ",\n  PRIMARY KEY (run_id, month)\n);\n"
           "CREATE TABLE sim_run_partners (\n"
           "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
           "  month INTEGER NOT NULL,\n"
           "  partner INTEGER NOT NULL,\n"
           "  name TEXT NOT NULL" +
           partner_columns_sql() +
           ",\n  PRIMARY KEY (run_id, month, partner)\n);\n"
           "CREATE TABLE sim_run_bands (\n"
           "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
           "  month INTEGER NOT NULL,\n"
           "  band INTEGER NOT NULL,\n"
           "  band_name TEXT NOT NULL,\n"
           "  train_count INTEGER NOT NULL,\n"
           "  applicants INTEGER NOT NULL,\n"
           "  PRIMARY KEY (run_id, month, band)\n"
           ");\n"
           "CREATE TABLE sim_run_vintages (\n"
           "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
           "  orig_month INTEGER NOT NULL,\n"
           "  mob INTEGER NOT NULL,\n"
           "  new_bad_loans INTEGER NOT NULL,\n"
           "  new_bad_fen INTEGER NOT NULL,\n"
           "  PRIMARY KEY (run_id, orig_month, mob)\n"
           ");\n"
           "CREATE TABLE sim_run_days (\n"
           "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
           "  day INTEGER NOT NULL,\n"
           "  date TEXT NOT NULL,\n"
           "  income_per_10k TEXT NOT NULL,\n"
           "  fast_redemptions_fen INTEGER NOT NULL,\n"
           "  PRIMARY KEY (run_id, day)\n"
           ");\n"
           "CREATE TABLE sim_run_allocations (\n"
           "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
           "  month INTEGER NOT NULL,\n"
           "  key_from INTEGER NOT NULL,\n"
           "  key_to INTEGER NOT NULL,\n"
           "  partner INTEGER NOT NULL,\n"
           "  PRIMARY KEY (run_id, month, key_from)\n"
           ");\n"
           "CREATE TABLE sim_run_scores (\n"
           "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
           "  kind TEXT NOT NULL CHECK (kind IN ('behaviour','application')),\n"
           "  score INTEGER NOT NULL,\n"
           "  users INTEGER NOT NULL,\n"
           "  pd_ppm INTEGER NOT NULL,\n"
           "  bad INTEGER NOT NULL,\n"
           "  PRIMARY KEY (run_id, kind, score)\n"
           ");\n"
           "CREATE TABLE sim_run_analyses (\n"
           "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
           "  ord INTEGER NOT NULL,\n"
           "  name TEXT NOT NULL,\n"
           "  value TEXT NOT NULL,\n"
           "  unit TEXT NOT NULL,\n"
           "  PRIMARY KEY (run_id, name)\n"
           ");\n"
           "CREATE INDEX sim_runs_status ON sim_runs(status);\n"},
      {2, month_columns_v2_sql()},
      {3, quality_tables_sql()},
      {4, month_columns_v4_sql()},
      {5, columns_v5_sql()},
      {6, month_columns_v6_sql()},
  };
  return m;
}

// ---------------------------------------------------------------- config serialisation
std::string assumptions_to_json(const Assumptions& a) {
  nlohmann::ordered_json j = {{"cure_ppm", a.cure_ppm},
                              {"miss_base_ppm", a.miss_base_ppm},
                              {"miss_hazard_multiple", a.miss_hazard_multiple},
                              {"incumbent_insight_ppm", a.incumbent_insight_ppm},
                              {"pilot_users", a.pilot_users},
                              {"fraud_ppm", a.fraud_ppm},
                              {"fraud_apply_multiple", a.fraud_apply_multiple},
                              {"multi_lender_ppm", a.multi_lender_ppm},
                              {"multi_lender_hazard_permille", a.multi_lender_hazard_permille},
                              {"mob_hazard_permille", a.mob_hazard_permille},
                              {"dti_ref_permille", a.dti_ref_permille},
                              {"dti_hazard_slope_permille", a.dti_hazard_slope_permille},
                              {"amount_hazard_slope_permille", a.amount_hazard_slope_permille},
                              {"takeup_base_ppm", a.takeup_base_ppm},
                              {"takeup_ref_rate_bps", a.takeup_ref_rate_bps},
                              {"takeup_price_ppm_per_pp", a.takeup_price_ppm_per_pp},
                              {"takeup_price_pd_floor_ppm", a.takeup_price_pd_floor_ppm},
                              {"takeup_pd_ref_ppm", a.takeup_pd_ref_ppm},
                              {"takeup_limit_ppm", a.takeup_limit_ppm},
                              {"prepay_ppm", a.prepay_ppm},
                              {"repeat_draw_ppm", a.repeat_draw_ppm},
                              {"drift_sd_points", a.drift_sd_points},
                              {"drift_reversion_ppm", a.drift_reversion_ppm},
                              {"drift_default_points", a.drift_default_points}};
  return j.dump();
}

Result<Assumptions> assumptions_from_json(std::string_view text) {
  try {
    const json j = parse_strict_json(text, "assumptions").value();
    // Runs stored before the default dynamics read the values that reproduce them.
    Assumptions a = j.contains("fraud_ppm") ? Assumptions{} : Assumptions::legacy();
    // Runs before the roll-rate model stored one flat cure rate.
    const json& cure = j.at("cure_ppm");
    if (cure.is_number()) a.cure_ppm.fill(cure.get<std::uint32_t>());
    else a.cure_ppm = cure.get<std::array<std::uint32_t, 6>>();
    a.miss_base_ppm = j.at("miss_base_ppm").get<std::uint32_t>();
    a.miss_hazard_multiple = j.at("miss_hazard_multiple").get<std::uint32_t>();
    // Runs before the selection-bias model trained on full information.
    a.incumbent_insight_ppm = j.value("incumbent_insight_ppm", 0u);
    a.pilot_users = j.value("pilot_users", a.pilot_users);
    a.fraud_ppm = j.value("fraud_ppm", a.fraud_ppm);
    a.fraud_apply_multiple = j.value("fraud_apply_multiple", a.fraud_apply_multiple);
    a.multi_lender_ppm = j.value("multi_lender_ppm", a.multi_lender_ppm);
    a.multi_lender_hazard_permille = j.value("multi_lender_hazard_permille", a.multi_lender_hazard_permille);
    if (j.contains("mob_hazard_permille")) a.mob_hazard_permille = j.at("mob_hazard_permille").get<std::array<std::uint16_t, kMobShape>>();
    a.dti_ref_permille = j.value("dti_ref_permille", a.dti_ref_permille);
    a.dti_hazard_slope_permille = j.value("dti_hazard_slope_permille", a.dti_hazard_slope_permille);
    a.amount_hazard_slope_permille = j.value("amount_hazard_slope_permille", a.amount_hazard_slope_permille);
    a.takeup_base_ppm = j.value("takeup_base_ppm", a.takeup_base_ppm);
    a.takeup_ref_rate_bps = j.value("takeup_ref_rate_bps", a.takeup_ref_rate_bps);
    a.takeup_price_ppm_per_pp = j.value("takeup_price_ppm_per_pp", a.takeup_price_ppm_per_pp);
    a.takeup_price_pd_floor_ppm = j.value("takeup_price_pd_floor_ppm", a.takeup_price_pd_floor_ppm);
    a.takeup_pd_ref_ppm = j.value("takeup_pd_ref_ppm", a.takeup_pd_ref_ppm);
    a.takeup_limit_ppm = j.value("takeup_limit_ppm", a.takeup_limit_ppm);
    // Runs before customer behaviour: no prepayment, draws or drift.
    a.prepay_ppm = j.value("prepay_ppm", 0u);
    a.repeat_draw_ppm = j.value("repeat_draw_ppm", 0u);
    a.drift_sd_points = j.value("drift_sd_points", 0u);
    a.drift_reversion_ppm = j.value("drift_reversion_ppm", 0u);
    a.drift_default_points = j.value("drift_default_points", 0u);
    return a;
  } catch (const std::exception& e) {
    return fail("the run's stored assumptions cannot be read (" + json_error_text(e) + "); the runs database is damaged or was written by another version");
  }
}

std::string population_params_to_json(const credit::PopulationParams& p) {
  nlohmann::ordered_json j = {{"target_bad_rate", p.target_bad_rate},     {"consent_device", p.consent_device},
                              {"consent_location", p.consent_location},   {"consent_app_usage", p.consent_app_usage},
                              {"consent_consumption", p.consent_consumption}, {"consent_trait_shift", p.consent_trait_shift},
                              {"ordinary_missing", p.ordinary_missing},   {"hidden_risk_sd", p.hidden_risk_sd},
                              {"signal_strength", p.signal_strength}};
  return j.dump();
}

Result<credit::PopulationParams> population_params_from_json(std::string_view text) {
  try {
    const json j = parse_strict_json(text, "population").value();
    credit::PopulationParams p;
    p.target_bad_rate = j.at("target_bad_rate").get<double>();
    p.consent_device = j.at("consent_device").get<double>();
    p.consent_location = j.at("consent_location").get<double>();
    p.consent_app_usage = j.at("consent_app_usage").get<double>();
    p.consent_consumption = j.at("consent_consumption").get<double>();
    p.consent_trait_shift = j.at("consent_trait_shift").get<double>();
    p.ordinary_missing = j.at("ordinary_missing").get<double>();
    p.hidden_risk_sd = j.at("hidden_risk_sd").get<double>();
    p.signal_strength = j.at("signal_strength").get<double>();
    return p;
  } catch (const std::exception& e) {
    return fail("the run's stored population parameters cannot be read (" + json_error_text(e) +
                "); the runs database is damaged or was written by another version");
  }
}

// ---------------------------------------------------------------- RunStore
Result<RunStore> RunStore::open(const std::string& path, store::Database::OpenMode mode) {
  auto db = store::Database::open(path, mode);
  if (!db) return fail(db.error());
  try {
    db.value();  // keep the Result alive
    store::Database d = std::move(db).value();
    d.migrate(run_schema_migrations());
    return RunStore(std::move(d));
  } catch (const Error& e) {
    const std::string what = e.what();
    return fail(what.find(path) == std::string::npos ? path + ": " + what : what);
  }
}

std::int64_t RunStore::begin_run(const RunConfig& c, std::string_view created_at, int threads) {
  auto st = db_.prepare(
      "INSERT INTO sim_runs (status, created_at, engine_version, seed, users, months, history_users, threads, start_date, "
      "policy_name, policy_json, scenario_name, scenario_json, assumptions_json, population_json) "
      "VALUES ('running', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  st.bind(1, created_at)
      .bind(2, engine_version())
      .bind(3, std::to_string(c.seed))
      .bind(4, static_cast<std::int64_t>(c.users))
      .bind(5, static_cast<std::int64_t>(c.months))
      .bind(6, c.history_users)
      .bind(7, static_cast<std::int64_t>(threads))
      .bind(8, c.scenario.start.to_string())
      .bind(9, c.policy.name)
      .bind(10, policy_to_json(c.policy))
      .bind(11, c.scenario.name)
      .bind(12, scenario_to_json(c.scenario))
      .bind(13, assumptions_to_json(c.assumptions))
      .bind(14, population_params_to_json(c.population));
  st.step();
  return db_.last_insert_rowid();
}

void RunStore::mark_unfinished(std::int64_t run_id, std::string_view status, std::string_view note, std::string_view at) {
  auto st = db_.prepare("UPDATE sim_runs SET status = ?2, note = ?3, finished_at = ?4 WHERE run_id = ?1 AND status = 'running'");
  st.bind(1, run_id).bind(2, status).bind(3, note).bind(4, at);
  st.step();
}

void RunStore::finish_run(std::int64_t run_id, const RunOutput& out, std::string_view finished_at, std::int64_t elapsed_ms) {
  try {
    write_results(run_id, out, finished_at, elapsed_ms);
  } catch (const std::exception& e) {
    // A full disk or an I/O error while writing the results: the transaction
    // rolled back (no result rows); the run is marked 'failed' so that it is
    // never left 'running' (tests/sim/store_fault_test.cpp). If even that
    // write fails the run stays 'running', which list/show call incomplete.
    try {
      mark_unfinished(run_id, "failed", e.what(), finished_at);
    } catch (const std::exception&) {
    }
    throw;
  }
}

void RunStore::write_results(std::int64_t run_id, const RunOutput& out, std::string_view finished_at, std::int64_t elapsed_ms) {
  const RunConfig& c = out.config;
  store::Transaction tx(db_);
  {
    auto st = db_.prepare("SELECT status FROM sim_runs WHERE run_id = ?1");
    st.bind(1, run_id);
    FINLAB_REQUIRE(st.step(), "run " << run_id << " does not exist");
    FINLAB_REQUIRE(st.column_text(0) == "running", "run " << run_id << " is " << st.column_text(0) << ", not running");
  }
  KpiContext ctx;
  ctx.users = c.users;
  ctx.months = c.months;
  ctx.start = c.scenario.start;
  for (const auto& p : c.policy.partners) ctx.revenue_share.push_back(p.revenue_share);
  ctx.train_band_counts = out.tables.train_band_counts;
  {
    auto st = db_.prepare("INSERT INTO sim_run_totals (run_id, ord, name, value, unit) VALUES (?1, ?2, ?3, ?4, ?5)");
    int ord = 0;
    for (const auto& t : run_totals(out.acc, ctx)) {
      st.bind(1, run_id).bind(2, static_cast<std::int64_t>(ord++)).bind(3, t.name).bind(4, t.value).bind(5, t.unit);
      st.step();
      st.reset();
    }
  }
  {
    std::string cols = "run_id, month, period", qs = "?1, ?2, ?3";
    int k = 4;
#define FINLAB_X(name, doc) cols += ", " #name; qs += ", ?" + std::to_string(k++);
    FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
    auto st = db_.prepare("INSERT INTO sim_run_months (" + cols + ") VALUES (" + qs + ")");
    for (int m = 0; m < c.months; ++m) {
      const MonthAcc& a = out.acc.month[m];
      st.bind(1, run_id).bind(2, static_cast<std::int64_t>(m)).bind(3, period_of(c.scenario.start, m));
      int i = 4;
#define FINLAB_X(name, doc) st.bind(i++, a.name);
      FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
      st.step();
      st.reset();
    }
  }
  {
    std::string cols = "run_id, month, partner, name", qs = "?1, ?2, ?3, ?4";
    int k = 5;
#define FINLAB_X(name, doc) cols += ", " #name; qs += ", ?" + std::to_string(k++);
    FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
    auto st = db_.prepare("INSERT INTO sim_run_partners (" + cols + ") VALUES (" + qs + ")");
    for (int m = 0; m < c.months; ++m) {
      for (std::size_t p = 0; p < c.policy.partners.size(); ++p) {
        const PartnerAcc& a = out.acc.month[m].partners[p];
        st.bind(1, run_id).bind(2, static_cast<std::int64_t>(m)).bind(3, static_cast<std::int64_t>(p)).bind(4, c.policy.partners[p].name);
        int i = 5;
#define FINLAB_X(name, doc) st.bind(i++, a.name);
        FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
        st.step();
        st.reset();
      }
    }
  }
  {
    auto st = db_.prepare("INSERT INTO sim_run_bands (run_id, month, band, band_name, train_count, applicants) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    const auto& names = out.tables.band_names;
    for (int m = 0; m < c.months; ++m) {
      for (std::size_t b = 0; b < names.size() && b < kMaxScoreBands; ++b) {
        const std::int64_t train = b < out.tables.train_band_counts.size() ? out.tables.train_band_counts[b] : 0;
        st.bind(1, run_id).bind(2, static_cast<std::int64_t>(m)).bind(3, static_cast<std::int64_t>(b)).bind(4, names[b]).bind(5, train).bind(6, out.acc.month[m].applicant_bands[b]);
        st.step();
        st.reset();
      }
    }
  }
  {
    auto st = db_.prepare("INSERT INTO sim_run_vintages (run_id, orig_month, mob, new_bad_loans, new_bad_fen) VALUES (?1, ?2, ?3, ?4, ?5)");
    const int M = c.months;
    for (int o = 0; o < M; ++o) {
      for (int mob = 0; mob <= M; ++mob) {
        const std::size_t idx = std::size_t(o) * (M + 1) + mob;
        if (out.acc.vintage_bad_count[idx] == 0 && out.acc.vintage_bad_fen[idx] == 0) continue;
        st.bind(1, run_id).bind(2, static_cast<std::int64_t>(o)).bind(3, static_cast<std::int64_t>(mob)).bind(4, out.acc.vintage_bad_count[idx]).bind(5, out.acc.vintage_bad_fen[idx]);
        st.step();
        st.reset();
      }
    }
  }
  {
    auto st = db_.prepare("INSERT INTO sim_run_days (run_id, day, date, income_per_10k, fast_redemptions_fen) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t d = 0; d < out.acc.fast_by_day.size(); ++d) {
      const std::int64_t w = d < out.daily_income_per_10k.size() ? out.daily_income_per_10k[d] : 0;
      st.bind(1, run_id).bind(2, static_cast<std::int64_t>(d)).bind(3, c.scenario.start.plus_days(static_cast<std::int32_t>(d)).to_string())
          .bind(4, money::format_fixed(w, 4)).bind(5, out.acc.fast_by_day[d]);
      st.step();
      st.reset();
    }
  }
  write_quality_rows(db_, run_id, out.acc);
  {
    auto st = db_.prepare("INSERT INTO sim_run_allocations (run_id, month, key_from, key_to, partner) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t m = 0; m < out.allocations.size(); ++m) {
      for (const auto& r : out.allocations[m]) {
        st.bind(1, run_id).bind(2, static_cast<std::int64_t>(m)).bind(3, static_cast<std::int64_t>(r.key_from)).bind(4, static_cast<std::int64_t>(r.key_to)).bind(5, static_cast<std::int64_t>(r.partner));
        st.step();
        st.reset();
      }
    }
  }
  {
    auto st = db_.prepare("INSERT INTO sim_run_scores (run_id, kind, score, users, pd_ppm, bad) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto put = [&](const char* kind, const ScoreHistogram& h) {
      for (std::size_t s = 0; s < h.count.size(); ++s) {
        if (h.count[s] == 0) continue;
        st.bind(1, run_id).bind(2, kind).bind(3, static_cast<std::int64_t>(s)).bind(4, h.count[s]).bind(5, h.pd_ppm[s]).bind(6, h.bad[s]);
        st.step();
        st.reset();
      }
    };
    put("behaviour", out.analyses.behaviour);
    put("application", out.analyses.application);
  }
  {
    auto st = db_.prepare("INSERT INTO sim_run_analyses (run_id, ord, name, value, unit) VALUES (?1, ?2, ?3, ?4, ?5)");
    int ord = 0;
    const ValueOfData& v = out.analyses.value;
    const SwapTable& sw = out.analyses.swap;
    auto put = [&](const std::string& n, const std::string& val, const char* unit) {
      st.bind(1, run_id).bind(2, static_cast<std::int64_t>(ord++)).bind(3, n).bind(4, val).bind(5, unit);
      st.step();
      st.reset();
    };
    put("population", std::to_string(v.population), "count");
    put("behaviour_cutoff", std::to_string(v.behaviour_cutoff), "score");
    put("behaviour_approved", std::to_string(v.behaviour_approved), "count");
    put("behaviour_approval_rate", percent_of(v.behaviour_approved, v.population), "%");
    put("behaviour_bad_rate", percent_of(v.behaviour_pd_ppm, v.behaviour_approved * 1'000'000), "%");
    put("application_cutoff", std::to_string(v.application_cutoff), "score");
    put("application_approved", std::to_string(v.application_approved), "count");
    put("application_approval_rate", percent_of(v.application_approved, v.population), "%");
    put("application_bad_rate", percent_of(v.application_pd_ppm, v.application_approved * 1'000'000), "%");
    put("approval_gain", percent_of(v.behaviour_approved - v.application_approved, v.population), "%");
    put("swap_champion_cutoff", std::to_string(sw.champion_cutoff), "score");
    put("swap_challenger_cutoff", std::to_string(sw.challenger_cutoff), "score");
    const char* cells[4] = {"both_approve", "swap_out", "swap_in", "both_decline"};
    for (int k = 0; k < 4; ++k) {
      put(std::string("swap_") + cells[k] + "_count", std::to_string(sw.count[k]), "count");
      put(std::string("swap_") + cells[k] + "_bad_rate", percent_of(sw.pd_ppm[k], sw.count[k] * 1'000'000), "%");
      put(std::string("swap_") + cells[k] + "_bads", std::to_string(sw.bad[k]), "count");
    }
    // Selection bias: the history the scorecard learned from (docs/sim.md).
    const HistoryStats& h = out.history;
    const CreditPolicy& cp = out.config.policy.credit;
    put("history_incumbent_cutoff", std::to_string(cp.incumbent_cutoff), "score");
    put("history_reject_inference", std::string(credit::to_string(cp.reject_inference)), "method");
    put("history_applicants", std::to_string(h.applicants), "count");
    put("history_booked", std::to_string(h.booked), "count");
    put("history_booking_rate", percent_of(h.booked, h.applicants), "%");
    put("history_holdout_booked", std::to_string(h.holdout_booked), "count");
    put("history_booked_bad_rate", percent_of(h.booked_bads, h.booked), "%");
    put("history_true_bad_rate", percent_of(h.all_bads, h.applicants), "%");
    put("history_inferred_bads", std::to_string(h.inferred_bads), "count");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", h.booked_auc);
    put("history_booked_auc", buf, "ratio");
    // Suitability: users by risk class, and how many may be offered investment products (docs/sim.md).
    const SuitabilityCounts& su = out.analyses.suitability;
    for (int c = 0; c < 5; ++c) put("suitability_c" + std::to_string(c + 1) + "_users", std::to_string(su.users[static_cast<std::size_t>(c)]), "count");
    put("suitability_lowest_category", std::to_string(su.lowest), "count");
    put("suitability_eligible", std::to_string(su.eligible), "count");
    put("suitability_eligible_with_warning", std::to_string(su.eligible_with_warning), "count");
    put("suitability_eligible_rate", percent_of(su.eligible, v.population), "%");
  }
  {
    auto st = db_.prepare("UPDATE sim_runs SET status = 'complete', finished_at = ?2, elapsed_ms = ?3, scorecard_json = ?4, train_auc = ?5 WHERE run_id = ?1");
    char auc[32];
    std::snprintf(auc, sizeof auc, "%.4f", out.train_auc);
    st.bind(1, run_id).bind(2, finished_at).bind(3, elapsed_ms).bind(4, out.card_json).bind(5, std::string(auc));
    st.step();
  }
  tx.commit();
}

namespace {

RunSummary summary_from(store::Statement& st) {
  RunSummary s;
  s.run_id = st.column_int64(0);
  s.status = st.column_text(1);
  s.created_at = st.column_text(2);
  s.finished_at = st.column_text(3);
  s.engine_version = st.column_text(4);
  s.policy_name = st.column_text(5);
  s.scenario_name = st.column_text(6);
  s.users = static_cast<std::uint64_t>(st.column_int64(7));
  s.months = static_cast<int>(st.column_int64(8));
  s.seed = std::stoull(st.column_text(9));
  s.threads = static_cast<int>(st.column_int64(10));
  s.elapsed_ms = st.column_int64(11);
  s.note = st.column_text(12);
  return s;
}

constexpr const char* kSummaryCols =
    "run_id, status, created_at, finished_at, engine_version, policy_name, scenario_name, users, months, seed, threads, elapsed_ms, note";

}  // namespace

std::vector<RunSummary> RunStore::list() {
  std::vector<RunSummary> out;
  auto st = db_.prepare(std::string("SELECT ") + kSummaryCols + " FROM sim_runs ORDER BY run_id");
  while (st.step()) out.push_back(summary_from(st));
  auto tot = db_.prepare("SELECT name, value FROM sim_run_totals WHERE run_id = ?1 AND name IN ('approval_rate','loss_rate','net_profit')");
  for (auto& s : out) {
    tot.bind(1, s.run_id);
    while (tot.step()) {
      const std::string n = tot.column_text(0);
      if (n == "approval_rate") s.approval_rate = tot.column_text(1);
      else if (n == "loss_rate") s.loss_rate = tot.column_text(1);
      else if (n == "net_profit") s.net_profit = tot.column_text(1);
    }
    tot.reset();
  }
  return out;
}

std::optional<std::int64_t> RunStore::latest_complete() {
  auto st = db_.prepare("SELECT max(run_id) FROM sim_runs WHERE status = 'complete'");
  if (st.step() && !st.column_is_null(0)) return st.column_int64(0);
  return std::nullopt;
}

Result<StoredRun> RunStore::load(std::int64_t run_id) {
  StoredRun r;
  {
    auto st = db_.prepare(std::string("SELECT ") + kSummaryCols +
                          ", policy_json, scenario_json, assumptions_json, population_json, scorecard_json, train_auc, history_users FROM sim_runs WHERE run_id = ?1");
    st.bind(1, run_id);
    if (!st.step()) return fail("no run " + std::to_string(run_id) + " in " + db_.path());
    r.summary = summary_from(st);
    r.policy_json = st.column_text(13);
    r.scenario_json = st.column_text(14);
    r.assumptions_json = st.column_text(15);
    r.population_json = st.column_text(16);
    r.scorecard_json = st.column_text(17);
    r.train_auc = st.column_text(18);
    r.history_users = st.column_int64(19);
  }
  if (r.summary.status != "complete") {
    return fail("run " + std::to_string(run_id) + " is incomplete (status " + r.summary.status + (r.summary.note.empty() ? "" : ": " + r.summary.note) +
                "); it has no results");
  }
  const int M = r.summary.months;
  {
    auto st = db_.prepare("SELECT count(*) FROM sim_run_days WHERE run_id = ?1");
    st.bind(1, run_id);
    st.step();
    r.acc.init(M, static_cast<int>(st.column_int64(0)));
  }
  {
    std::string cols = "month";
#define FINLAB_X(name, doc) cols += ", " #name;
    FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
    auto st = db_.prepare("SELECT " + cols + " FROM sim_run_months WHERE run_id = ?1 ORDER BY month");
    st.bind(1, run_id);
    int rows = 0;
    while (st.step()) {
      const int m = static_cast<int>(st.column_int64(0));
      if (m < 0 || m >= M) return fail("run " + std::to_string(run_id) + ": month " + std::to_string(m) + " out of range");
      MonthAcc& a = r.acc.month[m];
      int i = 1;
#define FINLAB_X(name, doc) a.name = st.column_int64(i++);
      FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
      ++rows;
    }
    if (rows != M) return fail("run " + std::to_string(run_id) + " has " + std::to_string(rows) + " month rows, expected " + std::to_string(M));
  }
  {
    std::string cols = "month, partner, name";
#define FINLAB_X(name, doc) cols += ", " #name;
    FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
    auto st = db_.prepare("SELECT " + cols + " FROM sim_run_partners WHERE run_id = ?1 ORDER BY month, partner");
    st.bind(1, run_id);
    while (st.step()) {
      const int m = static_cast<int>(st.column_int64(0)), p = static_cast<int>(st.column_int64(1));
      if (m < 0 || m >= M || p < 0 || p >= kMaxPartners) continue;
      if (static_cast<int>(r.partner_names.size()) <= p) r.partner_names.resize(p + 1);
      r.partner_names[p] = st.column_text(2);
      PartnerAcc& a = r.acc.month[m].partners[p];
      int i = 3;
#define FINLAB_X(name, doc) a.name = st.column_int64(i++);
      FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
    }
  }
  {
    auto st = db_.prepare("SELECT month, band, band_name, train_count, applicants FROM sim_run_bands WHERE run_id = ?1 ORDER BY month, band");
    st.bind(1, run_id);
    while (st.step()) {
      const int m = static_cast<int>(st.column_int64(0)), b = static_cast<int>(st.column_int64(1));
      if (m < 0 || m >= M || b < 0 || b >= kMaxScoreBands) continue;
      r.acc.month[m].applicant_bands[b] = st.column_int64(4);
      if (m == 0) {
        r.band_names.push_back(st.column_text(2));
        r.train_band_counts.push_back(st.column_int64(3));
      }
    }
  }
  {
    auto st = db_.prepare("SELECT orig_month, mob, new_bad_loans, new_bad_fen FROM sim_run_vintages WHERE run_id = ?1");
    st.bind(1, run_id);
    while (st.step()) {
      const int o = static_cast<int>(st.column_int64(0)), mob = static_cast<int>(st.column_int64(1));
      if (o < 0 || o >= M || mob < 0 || mob > M) continue;
      const std::size_t idx = std::size_t(o) * (M + 1) + mob;
      r.acc.vintage_bad_count[idx] = st.column_int64(2);
      r.acc.vintage_bad_fen[idx] = st.column_int64(3);
    }
  }
  {
    auto st = db_.prepare("SELECT day, income_per_10k, fast_redemptions_fen FROM sim_run_days WHERE run_id = ?1 ORDER BY day");
    st.bind(1, run_id);
    while (st.step()) {
      const auto d = static_cast<std::size_t>(st.column_int64(0));
      if (d >= r.acc.fast_by_day.size()) continue;
      r.acc.fast_by_day[d] = st.column_int64(2);
      auto w = money::parse_fixed(st.column_text(1), 4);
      r.daily_income_per_10k.push_back(w ? w.value() : 0);
    }
  }
  {
    r.allocations.assign(static_cast<std::size_t>(M), {});
    auto st = db_.prepare("SELECT month, key_from, key_to, partner FROM sim_run_allocations WHERE run_id = ?1 ORDER BY month, key_from");
    st.bind(1, run_id);
    while (st.step()) {
      const int m = static_cast<int>(st.column_int64(0));
      if (m < 0 || m >= M) continue;
      r.allocations[m].push_back(AllocationRange{static_cast<int>(st.column_int64(1)), static_cast<int>(st.column_int64(2)), static_cast<int>(st.column_int64(3))});
    }
  }
  auto load_kv = [&](const char* table, std::vector<NamedValue>& out) {
    auto st = db_.prepare(std::string("SELECT name, value, unit FROM ") + table + " WHERE run_id = ?1 ORDER BY ord");
    st.bind(1, run_id);
    while (st.step()) out.push_back(NamedValue{st.column_text(0), st.column_text(1), st.column_text(2)});
  };
  r.quality_recorded = read_quality_rows(db_, run_id, r.acc);
  load_kv("sim_run_totals", r.totals);
  load_kv("sim_run_analyses", r.analyses);
  for (const auto& t : r.totals) {
    if (t.name == "approval_rate") r.summary.approval_rate = t.value;
    if (t.name == "loss_rate") r.summary.loss_rate = t.value;
    if (t.name == "net_profit") r.summary.net_profit = t.value;
  }
  return r;
}

namespace {
// A stored policy; one stored before the full P&L (no "pnl" section) reads
// PnlSettings::legacy() so that its replay reproduces its stored totals.
Result<Policy> stored_policy(const std::string& text) {
  auto p = parse_policy(text);
  if (!p) return p;
  Policy out = std::move(p).value();
  bool has_pnl = false;
  try {
    has_pnl = json::parse(text).contains("pnl");
  } catch (const std::exception&) {
  }
  if (!has_pnl) out.pnl = PnlSettings::legacy();
  return out;
}
}  // namespace

Result<RunConfig> StoredRun::config() const {
  RunConfig c;
  auto p = stored_policy(policy_json);
  if (!p) return fail("stored policy: " + p.error());
  auto s = parse_scenario(scenario_json);
  if (!s) return fail("stored scenario: " + s.error());
  auto a = assumptions_from_json(assumptions_json);
  if (!a) return fail(a.error());
  auto pp = population_params_from_json(population_json);
  if (!pp) return fail(pp.error());
  c.policy = std::move(p).value();
  c.scenario = std::move(s).value();
  c.assumptions = a.value();
  c.population = pp.value();
  c.users = summary.users;
  c.months = summary.months;
  c.seed = summary.seed;
  c.history_users = history_users;
  return c;
}

KpiContext StoredRun::kpi_context() const {
  KpiContext ctx;
  ctx.users = summary.users;
  ctx.months = summary.months;
  auto s = parse_scenario(scenario_json);
  ctx.start = s ? s.value().start : time::Date::ymd(2015, 6, 1);
  auto p = stored_policy(policy_json);
  if (p) {
    for (const auto& pt : p.value().partners) ctx.revenue_share.push_back(pt.revenue_share);
  }
  ctx.train_band_counts = train_band_counts;
  return ctx;
}

}  // namespace finlab::sim
