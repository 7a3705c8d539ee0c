// Policy lab model: the policy document and its editor form, the run settings,
// runs executed in the browser in chunks between frames (sim::Simulation, one
// thread, the same engine and seed streams as `finlab sim run`), a cutoff
// sweep driven the same way over one population (as `finlab sim sweep`), the
// browser's runs database (sim::RunStore on a second SQLite file next to the
// app's, so IDBFS keeps it across reloads) and a runs database made natively
// that the user opens (file picker or drag-and-drop), comparison of two runs,
// and every KPI with its "explain this number".
// Deliberately not here: drawing (panel_policy_lab.cpp) and any simulation
// rule or KPI definition (sim/: this file only formats what sim/ computes).
// The sub-tabs have their own files (policy_lab_detail.hpp lists them); this
// one holds storage, the view's assembly, intents and the test state.
//
// [SECTION] storage
// [SECTION] view
// [SECTION] intents, draw and test state
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "sim/json_reader.hpp"
#include "web/app_store.hpp"
#include "web/format.hpp"
#include "web/models.hpp"
#include "web/platform.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

// [SECTION] storage -------------------------------------------------------------------

void PolicyLabModel::reset() {
  run_job_.reset();
  sweep_job_.reset();
  current_.reset();
  cmp_a_.reset();
  cmp_b_.reset();
  sweep_.reset();
  message_.clear();
  message_zh_.clear();
  message_error_ = false;
  tab_ = LabTab::policy;
  run_form_ = LabRunForm{};
  runs_.reset();
  opened_.reset();
  runs_list_.clear();
  opened_list_.clear();
  compare_refs_.clear();
  opened_name_.clear();
  opened_note_.clear();
  templates_.clear();
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(std::string(kAssets) + "/policies", ec)) {
    if (e.path().extension() == ".json") templates_.push_back(e.path().stem().string());
  }
  std::sort(templates_.begin(), templates_.end());
  scenarios_ = sim::builtin_scenario_names();
}

void PolicyLabModel::load(AppContext& ctx) {
  ctx_ = &ctx;
  reset();
  const auto saved = ctx.store->document(kDocName);
  const nlohmann::json j = saved ? nlohmann::json::parse(*saved, nullptr, false) : nlohmann::json();
  const bool have = j.is_object();
  if (!have) {
    // A fresh browser, or "reset demo" deleted the app's database: the runs
    // file from before belongs to the old state and goes too.
    const std::string path = ctx.store->db().path();
    if (path != ":memory:") {
      std::remove((dir_of(path) + "/" + kRunsFile).c_str());
      std::remove((dir_of(path) + "/" + kImportFile).c_str());
    }
  }
  open_runs_db(ctx);

  bool policy_loaded = false;
  if (have && j.contains("policy")) {
    ojson d = ojson::parse(j["policy"].dump(), nullptr, false);
    if (!d.is_discarded()) {
      set_doc(std::move(d));
      policy_loaded = true;
    }
  }
  if (!policy_loaded && !load_template("baseline-2015")) set_doc(ojson::object());
  if (have) restore_settings(j, ctx);
  refresh_lists();
  if (have) restore_selection(j);
  if (!have) save(ctx);  // marks the runs file as belonging to this app database
  view_dirty_ = true;
}

// The run settings, sub-tab, last sweep and opened database of the saved document.
void PolicyLabModel::restore_settings(const nlohmann::json& j, AppContext& ctx) {
  const auto& s = j.value("settings", nlohmann::json::object());
  const std::string sc = s.value("scenario", std::string("baseline"));
  for (std::size_t i = 0; i < scenarios_.size(); ++i)
    if (scenarios_[i] == sc) run_form_.scenario = static_cast<int>(i);
  run_form_.users = s.value("users", run_form_.users);
  run_form_.months = s.value("months", run_form_.months);
  run_form_.seed = s.value("seed", run_form_.seed);
  run_form_.sweep_from = s.value("sweep_from", run_form_.sweep_from);
  run_form_.sweep_to = s.value("sweep_to", run_form_.sweep_to);
  run_form_.sweep_step = s.value("sweep_step", run_form_.sweep_step);
  tab_ = static_cast<LabTab>(std::clamp(j.value("tab", 0), 0, kLabTabCount - 1));
  if (j.contains("sweep") && j["sweep"].is_object()) {
    SweepResult r;
    r.title = j["sweep"].value("title", "");
    for (const auto& p : j["sweep"].value("points", nlohmann::json::array())) {
      SweepResult::Point q;
      q.cutoff = p.value("cutoff", 0);
      q.approval_rate = p.value("approval_rate", "");
      q.loss_rate = p.value("loss_rate", "");
      q.net_profit = p.value("net_profit", "");
      q.booked_amount = p.value("booked_amount", "");
      q.booked_count = p.value("booked_count", "");
      q.efficient = p.value("efficient", false);
      r.points.push_back(q);
    }
    if (!r.points.empty()) sweep_ = std::move(r);
  }
  // A runs database the user opened before the reload.
  if (j.value("opened", std::string()) != "") {
    const std::string path = ctx.store->db().path() == ":memory:" ? std::string() : dir_of(ctx.store->db().path()) + "/" + kImportFile;
    if (!path.empty()) {
      auto s2 = sim::RunStore::open(path);
      if (s2) {
        opened_.emplace(std::move(s2).value());
        opened_name_ = j.value("opened", std::string());
      }
    }
  }
}

// The run shown and the two compared, as saved.
void PolicyLabModel::restore_selection(const nlohmann::json& j) {
  if (j.contains("view") && j["view"].is_object()) {
    RunRef r{j["view"].value("source", 0) == 1 ? RunSource::imported : RunSource::browser, j["view"].value("id", std::int64_t{0})};
    select_run(r);
  }
  if (j.contains("compare") && j["compare"].is_array() && j["compare"].size() == 2) {
    auto ref_of = [](const nlohmann::json& x) {
      return RunRef{x.value("source", 0) == 1 ? RunSource::imported : RunSource::browser, x.value("id", std::int64_t{0})};
    };
    const RunRef a = ref_of(j["compare"][0]), b = ref_of(j["compare"][1]);
    for (std::size_t i = 0; i < compare_refs_.size(); ++i) {
      if (compare_refs_[i] == a) run_form_.compare_a = static_cast<int>(i);
      if (compare_refs_[i] == b) run_form_.compare_b = static_cast<int>(i);
    }
  }
  if (run_form_.compare_a >= 0) cmp_a_ = load_run(compare_refs_[run_form_.compare_a]);
  if (run_form_.compare_b >= 0) cmp_b_ = load_run(compare_refs_[run_form_.compare_b]);
}

void PolicyLabModel::open_runs_db(AppContext& ctx) {
  runs_.reset();
  const std::string app_path = ctx.store->db().path();
  const std::string path = app_path == ":memory:" ? std::string(":memory:") : dir_of(app_path) + "/" + kRunsFile;
  auto s = sim::RunStore::open(path);
  if (!s) {
    const std::string error = s.error();
    say_in([&](Lang l) { return std::string(translate(l, "The runs database could not be opened:")) + " " + error; }, true);
    s = sim::RunStore::open(":memory:");
    if (!s) return;
  }
  runs_.emplace(std::move(s).value());
  // One file change per write (the platform copies the file to IndexedDB).
  runs_->db().exec("PRAGMA journal_mode = MEMORY");
  // A run the page was running when it was closed or reloaded.
  for (const auto& r : runs_->list()) {
    if (r.status == "running") runs_->mark_unfinished(r.run_id, "interrupted", "the page was closed or reloaded during the run", now_iso());
  }
}

void PolicyLabModel::save(AppContext& ctx) {
  if (!ctx.store) return;
  nlohmann::json j;
  j["policy"] = nlohmann::json::parse(doc_.dump());
  j["settings"] = {{"scenario", scenarios_.empty() ? std::string("baseline") : scenarios_[std::clamp(run_form_.scenario, 0, static_cast<int>(scenarios_.size()) - 1)]},
                   {"users", run_form_.users},
                   {"months", run_form_.months},
                   {"seed", run_form_.seed},
                   {"sweep_from", run_form_.sweep_from},
                   {"sweep_to", run_form_.sweep_to},
                   {"sweep_step", run_form_.sweep_step}};
  j["tab"] = static_cast<int>(tab_);
  j["runs_db"] = kRunsFile;
  j["opened"] = opened_ ? opened_name_ : std::string();
  if (current_) j["view"] = {{"source", static_cast<int>(current_->ref.source)}, {"id", current_->ref.id}};
  if (cmp_a_ && cmp_b_) {
    j["compare"] = nlohmann::json::array({{{"source", static_cast<int>(cmp_a_->ref.source)}, {"id", cmp_a_->ref.id}},
                                          {{"source", static_cast<int>(cmp_b_->ref.source)}, {"id", cmp_b_->ref.id}}});
  }
  if (sweep_) {
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : sweep_->points)
      pts.push_back({{"cutoff", p.cutoff}, {"approval_rate", p.approval_rate}, {"loss_rate", p.loss_rate}, {"net_profit", p.net_profit},
                     {"booked_amount", p.booked_amount}, {"booked_count", p.booked_count}, {"efficient", p.efficient}});
    j["sweep"] = {{"title", sweep_->title}, {"points", pts}};
  }
  ctx.store->set_document(kDocName, j.dump());
  ctx.saved();
}

std::optional<LoadedRun> PolicyLabModel::load_run(const RunRef& r) {
  auto& db = db_of(r.source);
  if (!db) return std::nullopt;
  auto stored = db->load(r.id);
  if (!stored) {
    const std::string error = stored.error();
    say_in([&](Lang) { return error; }, true);
    return std::nullopt;
  }
  LoadedRun l;
  l.ref = r;
  l.run = std::move(stored).value();
  l.behaviour.assign(1024, 0);
  l.application.assign(1024, 0);
  auto st = db->db().prepare("SELECT kind, score, users FROM sim_run_scores WHERE run_id = ?1");
  st.bind(1, r.id);
  while (st.step()) {
    const std::int64_t s = st.column_int64(1);
    if (s < 0 || s >= 1024) continue;
    (st.column_text(0) == "behaviour" ? l.behaviour : l.application)[static_cast<std::size_t>(s)] = st.column_int64(2);
  }
  return l;
}

void PolicyLabModel::select_run(const RunRef& r) {
  if (current_ && current_->ref == r) return;
  current_ = load_run(r);
  view_dirty_ = true;
}

void PolicyLabModel::refresh_lists() {
  runs_list_ = runs_ ? runs_->list() : std::vector<sim::RunSummary>{};
  opened_list_ = opened_ ? opened_->list() : std::vector<sim::RunSummary>{};
  const RunRef a = (run_form_.compare_a >= 0 && run_form_.compare_a < static_cast<int>(compare_refs_.size())) ? compare_refs_[run_form_.compare_a] : RunRef{RunSource::browser, -1};
  const RunRef b = (run_form_.compare_b >= 0 && run_form_.compare_b < static_cast<int>(compare_refs_.size())) ? compare_refs_[run_form_.compare_b] : RunRef{RunSource::browser, -1};
  compare_refs_.clear();
  for (const auto& s : runs_list_)
    if (s.status == "complete") compare_refs_.push_back({RunSource::browser, s.run_id});
  for (const auto& s : opened_list_)
    if (s.status == "complete") compare_refs_.push_back({RunSource::imported, s.run_id});
  run_form_.compare_a = run_form_.compare_b = -1;
  for (std::size_t i = 0; i < compare_refs_.size(); ++i) {
    if (compare_refs_[i] == a) run_form_.compare_a = static_cast<int>(i);
    if (compare_refs_[i] == b) run_form_.compare_b = static_cast<int>(i);
  }
  if (cmp_a_ && run_form_.compare_a < 0) cmp_a_.reset();
  if (cmp_b_ && run_form_.compare_b < 0) cmp_b_.reset();
  view_dirty_ = true;
}

void PolicyLabModel::build_view(Ui& ui, Platform& platform) {
  const Lang lang = ui.lang();
  view_lang_ = lang;
  view_.tab = tab_;
  build_policy(ui);
  // Run.
  view_.scenarios = scenarios_;
  view_.scenario_description.clear();
  {
    text::Message err;
    if (auto s = scenario_at(run_form_.scenario, err)) view_.scenario_description = s->description;
  }
  build_progress(ui, platform);
  view_.message = ui.lang() == Lang::zh ? message_zh_ : message_;
  view_.message_error = message_error_;
  build_results(ui);
  build_compare(ui);
  build_sweep(ui);
  view_.runs.clear();
  for (auto it = runs_list_.rbegin(); it != runs_list_.rend(); ++it) view_.runs.push_back(run_row(*it, RunSource::browser, lang));
  view_.imported_name = opened_ ? opened_name_ : std::string();
  view_.imported_runs.clear();
  for (auto it = opened_list_.rbegin(); it != opened_list_.rend(); ++it) view_.imported_runs.push_back(run_row(*it, RunSource::imported, lang));
  view_dirty_ = false;
}

// [SECTION] draw and test state ----------------------------------------------------------

void PolicyLabModel::apply(const LabIntents& in, AppContext& ctx) {
  bool save_now = false;
  if (in.tab && *in.tab != tab_) {
    tab_ = *in.tab;
    save_now = true;
  }
  if (in.load_template >= 0 && in.load_template < static_cast<int>(templates_.size())) {
    if (load_template(templates_[in.load_template])) {
      const std::string& name = templates_[in.load_template];
      say_in([&](Lang l) { return std::string(translate(l, "Loaded the policy template")) + " " + name + (l == Lang::zh ? "。" : "."); }, false);
      save_now = true;
    }
  }
  if (in.add_partner) {
    form_.partners.push_back({"Partner " + std::to_string(form_.partners.size() + 1), "0", "6", "", "100"});
  }
  if (in.remove_partner >= 0 && in.remove_partner < static_cast<int>(form_.partners.size())) {
    form_.partners.erase(form_.partners.begin() + in.remove_partner);
  }
  if (in.bands_changed) fit_to_bands(form_);
  if (in.policy_changed || in.add_partner || in.remove_partner >= 0 || in.bands_changed) {
    form_into_doc(form_, doc_);
    validate();
    form_.json = doc_.dump(2);
    if (in.policy_committed || in.add_partner || in.remove_partner >= 0) save_now = true;
  } else if (in.policy_committed) {
    save_now = true;
  }
  if (in.reload_json) form_.json = doc_.dump(2);
  if (in.apply_json) {
    text::Message why;
    auto parsed = sim::parse_json_text(form_.json, &why);
    if (!parsed) {
      say_in([&](Lang l) { return std::string(translate(l, "JSON:")) + (l == Lang::zh ? "" : " ") + text::render(why, text_lang(l)); }, true);
    } else {
      ojson d = ojson::parse(form_.json, nullptr, false);
      const std::string keep = form_.json;
      set_doc(std::move(d));
      form_.json = keep;
      const bool valid = policy_.has_value();
      say_in([valid](Lang l) { return std::string(valid ? translate(l, "JSON applied: the policy is valid.") : translate(l, "JSON applied; the policy has problems, listed below.")); },
             !valid);
      save_now = true;
    }
  }
  if (in.export_policy) {
    if (!policy_) {
      say_in([](Lang l) { return std::string(translate(l, "Fix the policy's problems before exporting it.")); }, true);
    } else {
      const std::string name = (policy_->name.empty() ? std::string("policy") : policy_->name) + ".json";
      ctx.platform.download(name, "application/json", sim::policy_to_json(*policy_) + "\n");
      say_in([&](Lang l) {
        return std::string(translate(l, "Exported")) + " " + name + (l == Lang::zh ? "：" : ": ") + translate(l, "run it natively with") + " finlab sim run --policy " + name;
      }, false);
    }
  }
  if (in.import_policy || in.open_db) ctx.platform.pick_file(in.open_db ? ".sqlite,.db,.sqlite3,application/x-sqlite3,application/vnd.sqlite3" : ".json,application/json");
  if (in.close_db && opened_) {
    if (current_ && current_->ref.source == RunSource::imported) current_.reset();
    opened_.reset();
    const std::string path = ctx.store->db().path();
    if (path != ":memory:") std::remove((dir_of(path) + "/" + kImportFile).c_str());
    opened_name_.clear();
    refresh_lists();
    save_now = true;
  }
  if (in.settings_committed) save_now = true;
  if (in.cancel) cancel(ctx);
  if (in.run) start_run(ctx);
  if (in.sweep) start_sweep();
  if (in.view_run) {
    select_run(*in.view_run);
    tab_ = LabTab::results;
    save_now = true;
  }
  if (!in.export_csv.empty()) export_csv(in.export_csv, ctx);
  if (in.selection_report) compute_selection();
  if (in.compare_changed) {
    cmp_a_.reset();
    cmp_b_.reset();
    if (run_form_.compare_a >= 0 && run_form_.compare_a < static_cast<int>(compare_refs_.size())) cmp_a_ = load_run(compare_refs_[run_form_.compare_a]);
    if (run_form_.compare_b >= 0 && run_form_.compare_b < static_cast<int>(compare_refs_.size())) cmp_b_ = load_run(compare_refs_[run_form_.compare_b]);
    save_now = true;
  }
  if (save_now) save(ctx);
  view_dirty_ = true;
}

void PolicyLabModel::draw(Ui& ui, AppContext& ctx) {
  ctx_ = &ctx;
  if (busy()) advance(ctx, ctx.platform);
  if (view_dirty_ || view_lang_ != ui.lang() || busy()) build_view(ui, ctx.platform);
  const LabIntents in = draw_policy_lab_panel(ui, view_, form_, run_form_);
  view_lang_ = ui.lang();
  if (in.tab || in.policy_changed || in.policy_committed || in.bands_changed || in.apply_json || in.reload_json || in.load_template >= 0 ||
      in.add_partner || in.remove_partner >= 0 || in.export_policy || in.import_policy || in.settings_committed || in.run || in.cancel ||
      in.sweep || in.open_db || in.close_db || in.view_run || in.compare_changed || !in.export_csv.empty() || in.selection_report) {
    apply(in, ctx);
  }
}

namespace {

nlohmann::json summary_json(const sim::RunSummary& s) {
  return {{"run_id", s.run_id}, {"status", s.status}, {"policy", s.policy_name}, {"scenario", s.scenario_name}, {"users", s.users},
          {"months", s.months}, {"seed", std::to_string(s.seed)}, {"elapsed_ms", s.elapsed_ms}, {"note", s.note},
          {"approval_rate", s.approval_rate}, {"loss_rate", s.loss_rate}, {"net_profit", s.net_profit}};
}

nlohmann::json table_json(const LabTable& t) { return {{"id", t.id}, {"header", t.header}, {"rows", t.rows}}; }

}  // namespace

// What the Results tab shows of the current run, for the tests: its name,
// the events each KPI rests on, the analyses as stored and as laid out, the
// score drift.
void PolicyLabModel::add_current_view(nlohmann::json& c) const {
  const LabRunView& v = view_.current;
  c["display_name"] = v.title;
  nlohmann::json kpis = nlohmann::json::object();
  for (const LabKpi& k : v.kpis) kpis[k.key] = {{"value", k.value}, {"basis", k.basis}, {"few", k.few}};
  c["kpis"] = kpis;
  nlohmann::json an = nlohmann::json::object();
  for (const auto& t : current_->run.analyses) an[t.name] = t.value;
  c["analyses"] = an;
  c["tables"] = {{"value_of_data", table_json(v.value_table)}, {"swap", table_json(v.swap_table)}, {"history", table_json(v.history_table)},
                 {"drift_months", table_json(v.drift_months)}, {"drift_features", table_json(v.drift_features)},
                 {"fpd", table_json(v.quality.fpd)}, {"flow_rates", table_json(v.quality.flows)}, {"roll_matrix", table_json(v.quality.rolls)},
                 {"classification", table_json(v.quality.classes)}, {"pnl", table_json(v.pnl.table)},
                 {"selection", table_json(v.selection_table)}};
  c["quality"] = {{"recorded", v.quality.recorded}, {"fpd7", v.quality.fpd7}, {"fpd30", v.quality.fpd30}};
  nlohmann::json steps = nlohmann::json::array();
  for (const LabPnlStep& s : v.pnl.steps)
    steps.push_back({{"key", s.key}, {"label", s.label}, {"label_other", s.label_other}, {"value", s.value}, {"yuan", s.yuan}, {"kind", s.kind}});
  c["pnl"] = steps;
  c["drift"] = current_->drift ? drift_json(*current_->drift, current_->run) : nlohmann::json(nullptr);
  c["drift_level"] = v.drift_level;
}

nlohmann::json PolicyLabModel::state() const {
  nlohmann::json j;
  static const char* kTabs[] = {"policy", "results", "compare", "sweep", "runs"};
  j["tab"] = kTabs[static_cast<int>(tab_)];
  j["policy_valid"] = policy_.has_value();
  std::vector<std::string> errors;  // as shown: in the UI's language
  for (const auto& e : errors_) errors.push_back(e.line(text_lang(view_lang_)));
  j["policy_errors"] = errors;
  j["policy"] = nlohmann::json::parse(doc_.dump());
  j["settings"] = {{"scenario", scenarios_.empty() ? std::string() : scenarios_[std::clamp(run_form_.scenario, 0, static_cast<int>(scenarios_.size()) - 1)]},
                   {"users", run_form_.users},
                   {"months", run_form_.months},
                   {"seed", run_form_.seed},
                   {"sweep_from", run_form_.sweep_from},
                   {"sweep_to", run_form_.sweep_to},
                   {"sweep_step", run_form_.sweep_step}};
  j["busy"] = busy();
  j["message"] = view_lang_ == Lang::zh ? message_zh_ : message_;  // as shown
  j["message_error"] = message_error_;
  if (run_job_) {
    const auto& p = last_progress_;
    j["progress"] = {{"kind", "run"}, {"stage", std::string(sim::to_string(p.stage))}, {"month", p.month}, {"fraction", p.fraction()},
                     {"run_id", run_job_->run_id}};
  } else if (sweep_job_) {
    j["progress"] = {{"kind", "sweep"}, {"stage", sweep_job_->stage}, {"fraction", sweep_job_->total ? double(sweep_job_->done) / double(sweep_job_->total) : 0.0}};
  } else {
    j["progress"] = nullptr;
  }
  j["last_elapsed_ms"] = last_elapsed_ms_;
  j["last_run_frames"] = last_run_frames_;
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& s : runs_list_) runs.push_back(summary_json(s));
  j["runs"] = runs;
  nlohmann::json opened = nullptr;
  if (opened_) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : opened_list_) list.push_back(summary_json(s));
    opened = {{"name", opened_name_}, {"runs", list}};
  }
  j["opened"] = opened;
  auto run_json = [](const LoadedRun& l) {
    nlohmann::json t = nlohmann::json::object();
    for (const auto& v : l.run.totals) t[v.name] = v.value;
    return nlohmann::json{{"source", l.ref.source == RunSource::browser ? "browser" : "opened"},
                          {"run_id", l.ref.id},
                          {"policy", l.run.summary.policy_name},
                          {"scenario", l.run.summary.scenario_name},
                          {"users", l.run.summary.users},
                          {"months", l.run.summary.months},
                          {"seed", std::to_string(l.run.summary.seed)},
                          {"elapsed_ms", l.run.summary.elapsed_ms},
                          {"engine_version", l.run.summary.engine_version},
                          {"totals", t}};
  };
  j["current"] = current_ ? run_json(*current_) : nlohmann::json(nullptr);
  if (current_) add_current_view(j["current"]);
  j["last_csv"] = last_csv_.empty() ? nlohmann::json(nullptr) : nlohmann::json{{"id", last_csv_id_}, {"text", last_csv_}};
  if (cmp_a_ && cmp_b_) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : view_.compare)
      rows.push_back({{"name", r.key}, {"label", r.name}, {"a", r.a}, {"b", r.b}, {"diff", r.diff}, {"judgement", r.judgement}});
    j["compare"] = {{"a", run_json(*cmp_a_)}, {"b", run_json(*cmp_b_)}, {"rows", rows}};
  } else {
    j["compare"] = nullptr;
  }
  if (sweep_) {
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : sweep_->points)
      pts.push_back({{"cutoff", p.cutoff}, {"approval_rate", p.approval_rate}, {"loss_rate", p.loss_rate}, {"net_profit", p.net_profit},
                     {"booked_amount", p.booked_amount}, {"booked_count", p.booked_count}, {"efficient", p.efficient}});
    j["sweep"] = {{"title", sweep_->title}, {"points", pts}};
  } else {
    j["sweep"] = nullptr;
  }
  return j;
}

}  // namespace finlab::web::lab

namespace finlab::web {

std::unique_ptr<PanelModel> make_policy_lab_model() { return std::make_unique<lab::PolicyLabModel>(); }

}  // namespace finlab::web
