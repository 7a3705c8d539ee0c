// Policy lab, Results tab: score drift of a run's scorecard (issue 13's
// monitoring, shown for sim runs). Two figures, both from core code:
//  - score PSI by month: the run's applicants by scorecard band against the
//    card's training distribution (sim::month_psi over credit::psi, the same
//    figure as the "psi" column of `finlab sim show --json`), judged by
//    credit::stability_verdict with credit::MonitorThresholds (the defaults
//    of `finlab score monitor`);
//  - CSI of every card feature and the score PSI over the run's population:
//    credit::monitor_scores, the function `finlab score monitor` calls, on the
//    run's users regenerated from its seed (credit::PopulationGenerator, as
//    `finlab score generate --seed S` writes them) and scored with the stored
//    card. The sim keeps no per-user features by month, so CSI is over the
//    whole population, not by month; the scenario's consent shock is not
//    applied to the regenerated users (the application data as generated).
#include <algorithm>
#include <cstdio>
#include <limits>
#include <numeric>

#include "core/credit/dataset.hpp"
#include "core/credit/feature_schema.hpp"
#include "core/credit/monitoring.hpp"
#include "core/credit/population.hpp"
#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

namespace {

// Largest population regenerated for the feature CSI (browser memory and
// time: about 0.5 s in wasm for 200,000 users) [D]; larger runs use their
// first 200,000 users, and the view says so.
constexpr std::uint64_t kDriftMaxUsers = 200'000;

std::string fixed(double x, int digits) {
  // Display only: a PSI is a double computed by core/credit.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

// The feature's display name in the UI's language (assets/features/schema.json).
std::string feature_label(const std::string& name, Lang lang) {
  const credit::FeatureSpec* f = credit::builtin_schema().find(name);
  if (!f) return name;
  if (lang == Lang::zh && !f->label_zh.empty()) return f->label_zh;
  return f->label.empty() ? name : f->label;
}

int level_of(const std::string& verdict) { return verdict == "significant" ? 2 : verdict == "moderate" ? 1 : 0; }

const char* verdict_en(int level) { return level == 2 ? "significant shift" : level == 1 ? "moderate shift" : "stable"; }

}  // namespace

DriftData compute_drift(const sim::StoredRun& r) {
  DriftData d;
  auto cfg = r.config();
  if (!cfg) {
    d.error = cfg.error();
    return d;
  }
  if (r.scorecard_json.empty()) {
    d.error = "no scorecard stored with this run";
    return d;
  }
  auto model = sim::scoring_model_from_json(r.scorecard_json);
  if (!model) {
    d.error = model.error();
    return d;
  }
  const sim::RunConfig& c = cfg.value();
  d.users = static_cast<std::int64_t>(std::min<std::uint64_t>(c.users, kDriftMaxUsers));
  d.capped = c.users > kDriftMaxUsers;
  const credit::PopulationGenerator generator(c.population);
  const credit::Population pop = generator.generate(c.seed, 0, static_cast<std::size_t>(d.users));
  const credit::Dataset data = credit::dataset_from_population(pop);
  std::vector<std::uint32_t> rows(static_cast<std::size_t>(d.users));
  std::iota(rows.begin(), rows.end(), 0u);
  auto scores = credit::score_dataset(*model.value().card, data, rows);
  if (!scores) {
    d.error = scores.error();
    return d;
  }
  d.report = credit::monitor_scores(*model.value().card, scores.value(), {}, true);
  d.ok = !d.report.periods.empty();
  return d;
}

void PolicyLabModel::build_drift(Ui& ui) {
  LabRunView& v = view_.current;
  const sim::StoredRun& r = current_->run;
  if (!current_->drift) current_->drift = std::make_shared<DriftData>(compute_drift(r));
  const DriftData& d = *current_->drift;
  const credit::MonitorThresholds t;  // the defaults of `finlab score monitor`
  v.drift_thresholds = std::string(ui.tr("Thresholds (PSI and CSI):")) + " < " + fixed(t.watch, 2) + " " + ui.tr("stable") + ", " +
                       fixed(t.watch, 2) + "–" + fixed(t.act, 2) + " " + ui.tr("moderate shift") + ", > " + fixed(t.act, 2) + " " +
                       ui.tr("significant shift");
  // Score PSI by month.
  const sim::KpiContext kc = r.kpi_context();
  v.drift_months = LabTable{"drift_months", {ui.tr("Month"), ui.tr("Applicants scored"), ui.tr("Score PSI"), ui.tr("Verdict")}, {}};
  ChartSpec& ch = v.drift_chart;
  ch = ChartSpec{};
  ch.name = "policy_lab.chart.drift";
  ch.height_css = 170;
  ch.y_from_zero = true;
  ChartSeries s{ui.tr("Score PSI"), SeriesKind::line, {}, {}, {}, IM_COL32(0, 114, 178, 255), true};
  ChartSeries watch{ui.tr("moderate shift"), SeriesKind::line, {}, {}, {}, IM_COL32(230, 159, 0, 255), true};
  ChartSeries act{ui.tr("significant shift"), SeriesKind::line, {}, {}, {}, IM_COL32(213, 94, 0, 255), true};
  int worst = 0;
  v.drift_levels.clear();
  for (int m = 0; m < r.acc.months; ++m) {
    std::int64_t n = 0;
    for (std::int64_t b : r.acc.month[m].applicant_bands) n += b;
    const std::string period = sim::period_of(kc.start, m);
    ch.x_labels.push_back(period);
    if (n == 0) {
      v.drift_months.rows.push_back({period, "0", "–", ui.tr("no applicants")});
      v.drift_levels.push_back(0);
      s.y.push_back(std::numeric_limits<double>::quiet_NaN());
      s.y_text.push_back("–");
    } else {
      const double psi = sim::month_psi(r.acc, m, kc.train_band_counts);
      const int level = level_of(credit::stability_verdict(psi, t));
      worst = std::max(worst, level);
      v.drift_months.rows.push_back({period, format_int(n), fixed(psi, 4), ui.tr(verdict_en(level))});
      v.drift_levels.push_back(level);
      s.y.push_back(psi);
      s.y_text.push_back(fixed(psi, 4));
    }
    watch.y.push_back(t.watch);
    watch.y_text.push_back(fixed(t.watch, 2));
    act.y.push_back(t.act);
    act.y_text.push_back(fixed(t.act, 2));
  }
  ch.series = {std::move(s), std::move(watch), std::move(act)};
  v.drift_level = worst;
  v.drift_verdict = std::string(ui.tr("Score drift over the months:")) + " " + ui.tr(verdict_en(worst));
  // CSI per feature over the population.
  v.drift_features = LabTable{"drift_features", {ui.tr("Feature"), "CSI", ui.tr("Verdict")}, {}};
  v.drift_feature_levels.clear();
  if (!d.ok) {
    v.drift_note = std::string(ui.tr("Feature stability could not be computed:")) + " " + d.error;
    return;
  }
  const credit::MonitorPeriod& all = d.report.periods.back();
  for (const auto& f : all.features) {
    const int level = level_of(f.verdict);
    v.drift_features.rows.push_back({feature_label(f.name, ui.lang()), fixed(f.csi, 4), ui.tr(verdict_en(level))});
    v.drift_feature_levels.push_back(level);
  }
  v.drift_note = std::string(ui.tr("CSI: the run's population")) + " (" + format_int(d.users) + " " + ui.tr("users") +
                 (d.capped ? std::string(", ") + ui.tr("the first of the run's users") : std::string()) + ") " +
                 ui.tr("against the scorecard's training sample; score PSI of that population:") + " " + fixed(all.score_psi, 4) + " (" +
                 ui.tr(verdict_en(level_of(all.score_verdict))) + "). " +
                 ui.tr("The simulation keeps no features by month, so CSI is over the whole population; the scenario's consent shock is not applied.");
}

nlohmann::json drift_json(const DriftData& d, const sim::StoredRun& r) {
  nlohmann::json months = nlohmann::json::array();
  const sim::KpiContext kc = r.kpi_context();
  const credit::MonitorThresholds t;
  for (int m = 0; m < r.acc.months; ++m) {
    std::int64_t n = 0;
    for (std::int64_t b : r.acc.month[m].applicant_bands) n += b;
    const double psi = n ? sim::month_psi(r.acc, m, kc.train_band_counts) : 0.0;
    months.push_back({{"period", sim::period_of(kc.start, m)}, {"n", n}, {"psi", fixed(psi, 4)},
                      {"verdict", n ? credit::stability_verdict(psi, t) : "none"}});
  }
  nlohmann::json features = nlohmann::json::array();
  nlohmann::json all = nullptr;
  if (d.ok) {
    const credit::MonitorPeriod& p = d.report.periods.back();
    for (const auto& f : p.features) features.push_back({{"name", f.name}, {"csi", fixed(f.csi, 6)}, {"verdict", f.verdict}});
    all = {{"n", p.n}, {"score_psi", fixed(p.score_psi, 6)}, {"verdict", p.verdict}};
  }
  return {{"thresholds", {{"watch", t.watch}, {"act", t.act}}}, {"months", months}, {"population", all}, {"features", features},
          {"users", d.users}, {"error", d.error}};
}

}  // namespace finlab::web::lab
