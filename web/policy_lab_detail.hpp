// Policy lab internals shared by its files (not for other panels): the model
// class, the jobs that run between frames, and small text helpers. One file
// per sub-tab builds that part of the view: policy_lab_policy.cpp (Policy),
// policy_lab_results.cpp (Results), policy_lab_compare.cpp (Compare),
// policy_lab_sweep.cpp (Sweep), policy_lab_runs.cpp (Runs); the run bar's
// browser runs are in policy_lab_run.cpp, the text helpers in
// policy_lab_format.cpp, storage, intents and the test state in
// policy_lab_model.cpp. Deliberately not here: drawing (panel_policy_lab.cpp)
// and any simulation rule (sim/).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/credit/consent.hpp"
#include "core/credit/monitoring.hpp"
#include "sim/json_reader.hpp"
#include "sim/kpi.hpp"
#include "sim/policy.hpp"
#include "sim/population.hpp"
#include "sim/run.hpp"
#include "sim/run_store.hpp"
#include "sim/scenario.hpp"
#include "sim/selection_report.hpp"
#include "sim/sweep.hpp"
#include "web/i18n.hpp"
#include "web/panel_model.hpp"
#include "web/policy_lab_model.hpp"

namespace finlab::web::lab {

using ojson = nlohmann::ordered_json;

// Where the preloaded assets live in the page's file system (web/CMakeLists.txt).
inline constexpr const char* kAssets = "/data/assets";
inline constexpr const char* kDocName = "policy_lab";
inline constexpr const char* kRunsFile = "policy_lab_runs.sqlite";
inline constexpr const char* kImportFile = "policy_lab_opened.sqlite";
// The scorecard's training history: the CLI default (`finlab sim run --history`),
// so a browser run and a native run with the same seed train the same card.
inline constexpr std::int64_t kHistoryUsers = 40'000;
// Largest population a browser run accepts (memory: ~100 bytes per user).
inline constexpr std::uint64_t kMaxBrowserUsers = 2'000'000;
// Work per frame: simulation chunks run until this much time has passed, then
// the frame is drawn (progress bar), so the page stays responsive.
inline constexpr double kSliceMs = 45.0;
inline constexpr std::uint64_t kChunk = 16'384;  // users (or user-months) per engine call

// ---------------------------------------------------------------- text helpers (policy_lab_format.cpp)
std::string trim(std::string s);
bool is_integer_text(const std::string& s);
std::vector<std::string> split_list(const std::string& s);
std::string now_iso();
std::string dir_of(const std::string& path);
// Display strings of a stored total by its unit.
std::string display_total(const std::string& value, const std::string& unit);
// Exact difference b − a of two stored totals, as display text.
std::string total_diff(const std::string& a, const std::string& b, const std::string& unit);
double plot_of(const std::string& value, int scale);

// Vintage curves by months on book (MOB 1 .. months − 1): one line for each
// of at most ~6 evenly spaced origination months of `pts` (ordered by
// origination month; each point has orig_month and mob). `point(p)` gives a
// point's percent (4 decimals) and its hover text ("1.2345% (3 / 243)").
template <class Points, class PointText>
ChartSpec vintage_mob_chart(const char* name, const sim::StoredRun& r, Ui& ui, float h, const Points& pts, PointText point) {
  ChartSpec c;
  c.name = name;
  c.height_css = h;
  c.y_suffix = "%";
  c.y_from_zero = true;
  const int months = r.acc.months;
  for (int mob = 1; mob < std::max(2, months); ++mob) c.x_labels.push_back(std::string(ui.tr("MOB")) + " " + std::to_string(mob));
  std::vector<int> origins;
  for (const auto& p : pts)
    if (origins.empty() || origins.back() != p.orig_month) origins.push_back(p.orig_month);
  const std::size_t step = std::max<std::size_t>(1, (origins.size() + 5) / 6);
  const sim::KpiContext kc = r.kpi_context();
  for (std::size_t k = 0; k < origins.size(); k += step) {
    const int o = origins[k];
    ChartSeries s{sim::period_of(kc.start, o), SeriesKind::line, {}, {}, {}, 0, true};
    s.y.assign(c.x_labels.size(), std::numeric_limits<double>::quiet_NaN());
    s.y_text.assign(c.x_labels.size(), "–");
    for (const auto& p : pts) {
      if (p.orig_month != o || p.mob < 1 || p.mob > static_cast<int>(c.x_labels.size())) continue;
      const auto [pct, text] = point(p);
      s.y[p.mob - 1] = plot_of(pct, 4);
      s.y_text[p.mob - 1] = text;
    }
    c.series.push_back(std::move(s));
  }
  return c;
}
sim::MonthAcc sum_months(const sim::RunAcc& acc);
std::string total_of(const sim::StoredRun& r, const std::string& name);
std::string yuan_text(std::int64_t fen);
// Reads a whole number typed in the run settings.
std::optional<std::uint64_t> read_count(const std::string& text, const char* what, std::uint64_t lo, std::uint64_t hi, Lang lang,
                                        std::string& error);

// "baseline-2015 · 2026-12-04 14:40 · seed 2015": tells runs of edited policies apart.
std::string run_name(const sim::RunSummary& s, Lang lang);

// ---------------------------------------------------------------- CSV (policy_lab_csv.cpp)
// A cell as CSV: quoted when needed; a leading = + - @ tab or CR neutralised with '.
std::string csv_cell(const std::string& text);
std::string csv_text(const LabTable& t);

// ---------------------------------------------------------------- policy form (policy_lab_policy.cpp)
LabPolicyForm form_from_doc(const ojson& doc);
// Writes the form's fields into the document; keys the form does not show are kept.
void form_into_doc(const LabPolicyForm& f, ojson& doc);
// Keeps the limit matrix and the price list the shape the bands ask for.
void fit_to_bands(LabPolicyForm& f);

// ---------------------------------------------------------------- assumptions and costs (policy_lab_assumptions.cpp)
// The "assumptions" and "pnl" sections <-> LabPolicyForm::extra (by JSON path).
void extra_from_doc(const ojson& doc, LabPolicyForm& f);
void extra_into_doc(const LabPolicyForm& f, ojson& doc);
// The engine's default of each field, by JSON path (sim::Assumptions{}, sim::PnlSettings{}).
std::map<std::string, std::string> extra_defaults();

// ---------------------------------------------------------------- model
// Score drift of a run's card over its regenerated population (policy_lab_drift.cpp).
struct DriftData {
  bool ok = false;
  std::string error;                  // why there is no feature drift
  std::int64_t users = 0;             // users regenerated and scored
  bool capped = false;                // the run has more users than that
  credit::MonitorReport report;       // period "all": score PSI, CSI per feature
};
DriftData compute_drift(const sim::StoredRun& r);
nlohmann::json drift_json(const DriftData& d, const sim::StoredRun& r);

struct LoadedRun {
  RunRef ref;
  sim::StoredRun run;
  std::vector<std::int64_t> behaviour, application;  // users by whole-point score (sim_run_scores)
  std::shared_ptr<const DriftData> drift;           // computed when first shown
};

// A browser run in progress: the engine's resumable driver plus its record.
struct RunJob {
  std::unique_ptr<sim::Simulation> sim;
  std::int64_t run_id = 0;
  double t0 = 0;
  std::string seed_key;
  bool announced = false;
  int frames = 0;  // frames drawn while it ran (chunked work between frames)
};

// A cutoff sweep in progress: one population, the lifecycle once per cutoff
// (the steps of sim::run_sweep, in chunks).
struct SweepJob {
  sim::RunConfig config;
  std::vector<int> cutoffs;
  std::unique_ptr<sim::RunState> state;
  int stage = 0;  // 0 create, 1 population, 2 months, 3 done
  std::size_t cursor = 0;
  std::size_t point = 0;
  int month = 0;
  std::uint64_t done = 0, total = 0;
  std::vector<sim::SweepPoint> points;
  double t0 = 0;
  std::string seed_key;
};

struct SweepResult {
  std::string title;       // policy · scenario · users × months (the seed is added in the UI's language)
  std::uint64_t seed = 0;
  struct Point {
    int cutoff = 0;
    std::string approval_rate, loss_rate, net_profit, booked_amount, booked_count;
    bool efficient = false;
  };
  std::vector<Point> points;
};

class PolicyLabModel final : public PanelModel {
public:
  void load(AppContext& ctx) override;
  void draw(Ui& ui, AppContext& ctx) override;
  bool busy() const override { return run_job_ != nullptr || sweep_job_ != nullptr; }
  nlohmann::json state() const override;
  bool on_file(AppContext& ctx, const std::string& name, const std::string& bytes) override;

private:
  // storage (policy_lab_model.cpp)
  void reset();
  void restore_settings(const nlohmann::json& j, AppContext& ctx);
  void restore_selection(const nlohmann::json& j);
  void open_runs_db(AppContext& ctx);
  void save(AppContext& ctx);
  std::optional<sim::RunStore>& db_of(RunSource s) { return s == RunSource::browser ? runs_ : opened_; }
  void select_run(const RunRef& r);
  std::optional<LoadedRun> load_run(const RunRef& r);
  void refresh_lists();
  void open_policy_file(AppContext& ctx, const std::string& name, const std::string& bytes);
  void open_runs_file(AppContext& ctx, const std::string& name, const std::string& bytes);
  // policy
  void set_doc(ojson doc);
  void validate();
  bool load_template(const std::string& name);
  // runs
  std::optional<sim::RunConfig> config_from_form();
  void start_run(AppContext& ctx);
  void start_sweep();
  void advance(AppContext& ctx, Platform& platform);
  void advance_run(AppContext& ctx, Platform& platform);
  void advance_sweep(Platform& platform);
  void finish_sweep(Platform& platform);
  void cancel(AppContext& ctx);
  std::optional<sim::ScoringModel> cached_model(const sim::RunConfig& c, std::string& key);
  std::optional<sim::Scenario> scenario_at(int index, text::Message& error) const;
  // view
  void build_view(Ui& ui, Platform& platform);
  void build_policy(Ui& ui);
  void build_progress(Ui& ui, Platform& platform);
  void build_results(Ui& ui);
  void build_analyses(Ui& ui);
  void build_drift(Ui& ui);
  void build_quality(Ui& ui);  // policy_lab_quality.cpp
  void build_pnl(Ui& ui);      // policy_lab_pnl.cpp
  void compute_selection();    // policy_lab_selection.cpp: trains five cards on the run's history
  std::optional<LabTable> table_for(const std::string& id) const;
  void export_csv(const std::string& id, AppContext& ctx);
  void add_current_view(nlohmann::json& c) const;
  void build_compare(Ui& ui);
  void build_sweep(Ui& ui);
  LabRunRow run_row(const sim::RunSummary& s, RunSource src, Lang lang) const;
  void apply(const LabIntents& in, AppContext& ctx);
  void say(const std::string& msg, bool error) {
    message_ = message_zh_ = msg;
    message_error_ = error;
    view_dirty_ = true;
  }
  // A message kept in both languages: shown in the language of the moment,
  // not of the moment it was said (switching language re-renders it).
  template <class F>
  void say_in(F text_in, bool error) {
    say(text_in(Lang::en), error);
    message_zh_ = text_in(Lang::zh);
  }

  // policy
  ojson doc_;
  std::optional<sim::Policy> policy_;
  std::vector<sim::PathMessage> errors_;  // the policy's mistakes, said in the language of the moment
  LabPolicyForm form_;
  LabRunForm run_form_;
  std::vector<std::string> templates_;
  std::vector<std::string> scenarios_;
  // databases
  std::optional<sim::RunStore> runs_;
  std::optional<sim::RunStore> opened_;
  std::string opened_name_, opened_note_;
  std::vector<sim::RunSummary> runs_list_, opened_list_;
  std::vector<RunRef> compare_refs_;
  // selection
  LabTab tab_ = LabTab::policy;
  std::optional<LoadedRun> current_;
  std::optional<LoadedRun> cmp_a_, cmp_b_;
  std::optional<SweepResult> sweep_;
  std::optional<sim::SelectionReport> selection_;  // of selection_run_ (the run shown when it was asked for)
  std::optional<RunRef> selection_run_;
  std::string selection_error_;
  // work
  std::unique_ptr<RunJob> run_job_;
  std::unique_ptr<SweepJob> sweep_job_;
  std::map<std::string, sim::ScoringModel> model_cache_;
  sim::Progress last_progress_;
  double last_elapsed_ms_ = -1;  // of the last browser run (display)
  int last_run_frames_ = 0;
  // view
  LabView view_;
  Lang view_lang_ = Lang::en;
  bool view_dirty_ = true;
  std::string message_, message_zh_;
  bool message_error_ = false;
  std::string last_csv_id_, last_csv_;  // the last CSV downloaded (test API)
  AppContext* ctx_ = nullptr;
};

// The selection-bias report's table and note (policy_lab_selection.cpp).
void build_selection(Ui& ui, const std::optional<sim::SelectionReport>& rep, const std::string& error, LabRunView& v);

}  // namespace finlab::web::lab
