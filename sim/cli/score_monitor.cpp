// `finlab score monitor`: a thin front end over credit::monitor_scores. Scores
// a new CSV with a model and reports, per month of a date column (or over all
// rows), the score PSI, the CSI of every card feature and, when the CSV has the
// target, bad rate per band and KS; each with the thresholds and a verdict.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/credit/monitoring.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"
#include "sim/cli/score_common.hpp"

namespace finlab::cli {

namespace {

using namespace score_detail;
using nlohmann::ordered_json;

struct MonitorOptions {
  std::string model, model_name, data, date_column = "application_date", by = "month", consent_column = "consent";
  double reference_ks = 0, watch = 0.1, act = 0.25, ks_ratio = 0.8;
  bool json = false;
};

// Period of each row: the month (YYYY-MM) of the date column, or "all".
std::vector<std::string> periods_of(const cr::Dataset& data, const MonitorOptions& o) {
  if (o.by == "none") return {};
  const std::size_t c = data.column_index(o.date_column);
  if (c == cr::CsvTable::npos) throw InputError(o.data + ": date column '" + o.date_column + "' not found (pass --date-column, or --by none)");
  const cr::DataColumn& col = data.columns[c];
  std::vector<std::string> out(data.rows());
  for (std::size_t r = 0; r < data.rows(); ++r) {
    const std::string cell = col.type == cr::FeatureType::categorical && col.codes[r] >= 0 ? col.levels[static_cast<std::size_t>(col.codes[r])] : "";
    if (!cr::is_iso_date(cell))
      throw InputError(data.source + ":" + std::to_string(data.line[r]) + ": column '" + o.date_column + "' has '" + cell +
                       "', expected a date YYYY-MM or YYYY-MM-DD");
    out[r] = cell.substr(0, 7);
  }
  return out;
}

ordered_json period_json(const cr::MonitorPeriod& p) {
  ordered_json j = {{"period", p.period}, {"n", p.n}, {"score_psi", round_to(p.score_psi, 6)}, {"score_verdict", p.score_verdict}};
  ordered_json fs = ordered_json::array();
  for (const auto& f : p.features) fs.push_back({{"name", f.name}, {"csi", round_to(f.csi, 6)}, {"verdict", f.verdict}});
  j["features"] = fs;
  if (p.has_outcomes) {
    ordered_json o = metrics_json(p.outcomes);
    ordered_json bands = ordered_json::array();
    for (const auto& b : p.outcomes.calibration)
      bands.push_back({{"band", b.band}, {"n", b.n}, {"bads", b.bads}, {"bad_rate", round_to(b.observed_bad_rate, 6)},
                       {"predicted_pd", round_to(b.predicted_pd, 6)}});
    o["bands"] = bands;
    if (!p.ks_verdict.empty()) o["ks_verdict"] = p.ks_verdict;
    j["outcomes"] = o;
  }
  j["verdict"] = p.verdict;
  return j;
}

void print_period(const cr::MonitorPeriod& p) {
  std::cout << "\n" << p.period << ": n " << p.n << ", score PSI " << fixed(p.score_psi, 4) << " (" << p.score_verdict << ")";
  if (p.has_outcomes) {
    std::cout << ", bad rate " << fixed(100 * p.outcomes.bad_rate, 2) << "%, KS " << fixed(p.outcomes.ks, 4);
    if (!p.ks_verdict.empty()) std::cout << " (" << p.ks_verdict << ")";
  }
  std::cout << "; verdict " << p.verdict << "\n";
  Table t{{"feature", "CSI", "verdict"}, {Align::left, Align::right, Align::left}, {}};
  for (const auto& f : p.features) t.rows.push_back({f.name, fixed(f.csi, 4), f.verdict});
  print_table(std::cout, t);
  if (!p.has_outcomes) return;
  Table bands{{"band", "n", "bads", "bad rate", "predicted PD"}, {Align::left, Align::right, Align::right, Align::right, Align::right}, {}};
  for (const auto& b : p.outcomes.calibration)
    bands.rows.push_back({b.band, std::to_string(b.n), std::to_string(b.bads), fixed(100 * b.observed_bad_rate, 2) + "%",
                          fixed(100 * b.predicted_pd, 2) + "%"});
  print_table(std::cout, bands);
}

void run_monitor(const MonitorOptions& o) {
  if (o.by != "month" && o.by != "none") throw UsageError("--by must be month or none, got '" + o.by + "'");
  if (!(o.watch > 0 && o.act > o.watch)) throw UsageError("--watch and --act must satisfy 0 < watch < act");
  if (!(o.ks_ratio > 0 && o.ks_ratio <= 1) || o.reference_ks < 0 || o.reference_ks > 1)
    throw UsageError("--ks-ratio must be in (0, 1] and --reference-ks in [0, 1]");
  const cr::Scorecard card = load_model(o.model, o.model_name);
  const cr::CsvTable table = read_csv(o.data);
  cr::DatasetOptions dopt;
  dopt.require_target = false;
  const bool outcomes = !card.target.empty() && table.column_index(card.target) != cr::CsvTable::npos;
  if (outcomes) {
    dopt.target = card.target;
    dopt.bad_values = card.bad_values;
  }
  dopt.consent_column = o.consent_column;
  dopt.schema = &cr::builtin_schema();
  auto data = cr::dataset_from_csv(table, dopt);
  if (!data) throw InputError(data.error());
  const std::vector<std::string> period = periods_of(*data, o);
  std::vector<std::uint32_t> rows(data->rows());
  for (std::uint32_t r = 0; r < rows.size(); ++r) rows[r] = r;
  auto scores = cr::score_dataset(card, *data, rows);
  if (!scores) throw InputError(scores.error());
  const cr::MonitorReport m = cr::monitor_scores(card, *scores, period, outcomes, o.reference_ks, {o.watch, o.act, o.ks_ratio});
  if (o.json) {
    ordered_json doc = {{"model", o.model}, {"data", o.data}, {"by", o.by}, {"outcomes", outcomes}};
    doc["thresholds"] = {{"psi_watch", o.watch}, {"psi_act", o.act}, {"reference_ks", o.reference_ks}, {"ks_ratio", o.ks_ratio}};
    ordered_json ps = ordered_json::array();
    for (const auto& p : m.periods) ps.push_back(period_json(p));
    doc["periods"] = ps;
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "monitoring '" << card.name << "' on " << o.data << (outcomes ? " (with outcomes)" : " (no outcomes)") << "\n"
            << "thresholds: PSI/CSI < " << o.watch << " stable, up to " << o.act << " moderate, above significant";
  if (o.reference_ks > 0) std::cout << "; KS below " << o.ks_ratio << " x " << o.reference_ks << " acts";
  std::cout << "\n";
  for (const auto& p : m.periods) print_period(p);
}

}  // namespace

void register_score_monitor(CLI::App& score) {
  auto o = std::make_shared<MonitorOptions>();
  auto* c = score.add_subcommand("monitor", "score drift of a model on new data: score PSI, CSI per feature, bad rate and KS by month");
  c->add_option("--model", o->model, "model JSON (or SQLite database)")->required();
  c->add_option("--model-name", o->model_name, "scorecard name inside a SQLite database");
  c->add_option("--data", o->data, "CSV with the model's feature columns (and its target when outcomes are known)")->required();
  c->add_option("--by", o->by, "month (default: per month of --date-column) or none");
  c->add_option("--date-column", o->date_column, "date column YYYY-MM or YYYY-MM-DD (default application_date)");
  c->add_option("--consent-column", o->consent_column, "consent column (default consent; absent = all granted)");
  c->add_option("--watch", o->watch, "PSI/CSI from this value is a moderate shift (default 0.1)");
  c->add_option("--act", o->act, "PSI/CSI above this value is a significant shift (default 0.25)");
  c->add_option("--reference-ks", o->reference_ks, "KS to compare with (e.g. the test KS; default 0 = no KS verdict)");
  c->add_option("--ks-ratio", o->ks_ratio, "KS below this share of --reference-ks is significant (default 0.8)");
  c->add_flag("--json", o->json, "print the report as JSON");
  c->callback([o] { run_monitor(*o); });
}

}  // namespace finlab::cli
