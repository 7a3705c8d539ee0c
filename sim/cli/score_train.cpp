// `finlab score train`: a thin front end over credit::train_scorecard. Prints
// the train/test metrics, every candidate feature with its IV and the rule
// (and number) that dropped it, the bins and points, and the full model's
// statistics: coefficients with standard errors and p-values, AIC/BIC, VIF
// and the WoE correlation matrix. --json carries every figure.
#include <CLI/CLI.hpp>

#include <cmath>
#include <functional>
#include <utility>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/credit/manual_bins.hpp"
#include "core/credit/scorecard_json.hpp"
#include "core/credit/training.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"
#include "sim/cli/score_common.hpp"

namespace finlab::cli {

namespace {

using namespace score_detail;
using nlohmann::ordered_json;

// A number, or null when it is NaN or infinite (JSON has neither).
ordered_json num(double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(nullptr); }

ordered_json selection_json(const cr::TrainOptions& t) {
  return {{"min_iv", t.min_iv},
          {"max_correlation", t.max_correlation},
          {"max_features", t.max_features},
          {"max_vif", t.max_vif},
          {"max_p_value", t.max_p_value},
          {"stepwise", {{"direction", std::string(cr::to_string(t.stepwise.direction))},
                        {"criterion", std::string(cr::to_string(t.stepwise.criterion))},
                        {"p_enter", t.stepwise.p_enter},
                        {"p_remove", t.stepwise.p_remove}}}};
}

ordered_json dropped_json(const cr::TrainResult& tr) {
  ordered_json out = ordered_json::array();
  for (const auto& c : tr.candidates) {
    if (c.selected) continue;
    ordered_json d = {{"name", c.name}, {"rule", c.rule}, {"statistic", num(c.statistic)}, {"threshold", num(c.threshold)},
                      {"status", c.status}};
    if (!c.against.empty()) d["against"] = c.against;
    out.push_back(d);
  }
  return out;
}

ordered_json model_json(const cr::ModelStatistics& m) {
  ordered_json coefs = ordered_json::array();
  for (const auto& c : m.coefficients)
    coefs.push_back({{"name", c.name}, {"estimate", num(c.estimate)}, {"std_error", num(c.std_error)}, {"z", num(c.z)},
                     {"p_value", num(c.p_value)}});
  ordered_json vif = ordered_json::array();
  for (std::size_t k = 0; k < m.vif.size(); ++k) vif.push_back({{"name", m.features[k]}, {"vif", num(m.vif[k])}});
  ordered_json matrix = ordered_json::array();
  const std::size_t p = m.features.size();
  for (std::size_t a = 0; a < p && m.correlation.size() == p * p; ++a) {
    ordered_json row = ordered_json::array();
    for (std::size_t b = 0; b < p; ++b) row.push_back(num(m.correlation[a * p + b]));
    matrix.push_back(row);
  }
  return {{"consent", m.consent},
          {"rows", m.rows},
          {"l2", m.l2},
          {"log_likelihood", num(m.log_likelihood)},
          {"aic", num(m.aic)},
          {"bic", num(m.bic)},
          {"coefficients", coefs},
          {"vif", vif},
          {"correlation", {{"features", m.features}, {"rows", m.correlation_rows}, {"matrix", matrix}}}};
}

void print_model_statistics(std::ostream& os, const cr::ModelStatistics& m, const std::function<double(const std::string&)>& vif_of) {
  os << "\nmodel (" << m.consent << ", " << m.rows << " rows, l2 " << m.l2 << "): log-likelihood " << fixed(m.log_likelihood, 2)
     << ", AIC " << fixed(m.aic, 2) << ", BIC " << fixed(m.bic, 2) << "\n";
  Table t{{"term", "coefficient", "std error", "z", "p-value", "VIF"},
          {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right}, {}};
  for (std::size_t k = 0; k < m.coefficients.size(); ++k) {
    const auto& c = m.coefficients[k];
    const double v = k == 0 ? std::nan("") : vif_of(c.name);
    t.rows.push_back({c.name, fixed(c.estimate, 4), fixed(c.std_error, 4), fixed(c.z, 2), fixed(c.p_value, 4),
                      k == 0 ? "" : (std::isfinite(v) ? fixed(v, 2) : "inf")});
  }
  print_table(os, t);
}

struct TrainCliOptions {
  std::string data, target, bad, good, split_column, exclude, out, name = "scorecard", consent_column = "consent";
  std::vector<std::string> trends, specials;
  double min_iv = 0.02, min_bin_share = 0.05, max_correlation = 0.7, l2 = 1.0;
  double base_points = 600, base_odds = 50, pdo = 20;
  int max_bins = 8, max_features = 30;
  double max_vif = 0, max_p_value = 0, p_enter = 0.05, p_remove = 0.05;
  std::string stepwise = "none", criterion = "aic";
  std::string oot_column, oot_from;
  std::string bins_file, model, model_name;  // --bins (train, bins); --model (bins)
  std::string dpd_prefix;                    // --target-dpd: target from repayment history
  int dpd_days = 30, dpd_months = 12;
  bool json = false;
};

// --trend COLUMN=T and --special COLUMN=V1,V2 onto the data set's columns.
void apply_column_options(cr::Dataset& data, const TrainCliOptions& o) {
  auto column_of = [&](const std::string& opt, const std::string& arg, const char* expects) -> cr::DataColumn& {
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(opt + " expects " + expects + ", got '" + arg + "'");
    const std::size_t c = data.column_index(arg.substr(0, eq));
    if (c == cr::CsvTable::npos) throw UsageError(opt + ": no feature column '" + arg.substr(0, eq) + "' in " + o.data);
    return data.columns[c];
  };
  for (const auto& t : o.trends) {
    cr::DataColumn& col = column_of("--trend", t, "COLUMN=auto|auto_shape|ascending|descending|peak|valley|none");
    auto trend = cr::parse_risk_trend(t.substr(t.find('=') + 1));
    if (!trend) throw UsageError("--trend " + t + ": " + trend.error());
    col.trend = *trend;
  }
  for (const auto& sp : o.specials) {
    cr::DataColumn& col = column_of("--special", sp, "COLUMN=VALUE[,VALUE...]");
    const std::vector<std::string> values = split_list(sp.substr(sp.find('=') + 1));
    if (values.empty()) throw UsageError("--special " + sp + ": no value given");
    auto r = cr::set_special_values(col, values);
    if (!r) throw UsageError("--special " + sp + ": " + r.error());
  }
  if (!o.bins_file.empty()) {  // after --special: a bins file's "specials" win for its features
    auto bins = cr::parse_manual_bins(read_file(o.bins_file));
    if (!bins) throw InputError(o.bins_file + ": " + bins.error());
    auto r = cr::apply_manual_bins(data, *bins);
    if (!r) throw InputError(o.bins_file + ": " + r.error());
  }
}

cr::DatasetOptions dataset_options(const TrainCliOptions& o) {
  cr::DatasetOptions dopt;
  if (o.target.empty() == o.dpd_prefix.empty()) throw UsageError("give a target: --target COLUMN --bad V, or --target-dpd PREFIX");
  if (!o.dpd_prefix.empty()) {
    if (!o.bad.empty() || !o.good.empty()) throw UsageError("--bad and --good go with --target, not with --target-dpd");
    if (o.dpd_days < 1 || o.dpd_months < 1 || o.dpd_months > 120) throw UsageError("--dpd-days must be >= 1 and --dpd-months in 1..120");
    dopt.dpd_prefix = o.dpd_prefix;
    dopt.dpd_days = o.dpd_days;
    dopt.dpd_months = o.dpd_months;
    dopt.split_column = o.split_column;
    dopt.oot_column = o.oot_column;
    dopt.oot_from = o.oot_from;
    dopt.consent_column = o.consent_column;
    dopt.exclude = split_list(o.exclude);
    return dopt;
  }
  dopt.target = o.target;
  dopt.bad_values = split_list(o.bad);
  dopt.good_values = split_list(o.good);
  dopt.split_column = o.split_column;
  dopt.oot_column = o.oot_column;
  dopt.oot_from = o.oot_from;
  dopt.consent_column = o.consent_column;
  dopt.exclude = split_list(o.exclude);
  if (dopt.bad_values.empty()) throw UsageError("--bad needs a value");
  return dopt;
}

// `finlab score bins`: the bins of a model, or of every column of a data set
// (binned on its training rows as train would), as a bins file.
void run_bins(const TrainCliOptions& o) {
  if (o.model.empty() == o.data.empty()) throw UsageError("score bins needs --model or --data (not both)");
  std::vector<cr::FeatureBinning> features;
  if (!o.model.empty()) {
    features = load_model(o.model, o.model_name).features;
  } else {
    if (o.target.empty() && o.dpd_prefix.empty()) throw UsageError("score bins --data needs --target and --bad (or --target-dpd)");
    if (!(o.min_bin_share >= 0 && o.min_bin_share < 0.5)) throw UsageError("--min-bin-share must be in [0, 0.5)");
    if (o.max_bins < 1 || o.max_bins > 64) throw UsageError("--max-bins must be in 1..64");
    cr::Dataset data = load_dataset(o.data, dataset_options(o));
    apply_column_options(data, o);
    cr::BinningOptions bo;
    bo.min_bin_share = o.min_bin_share;
    bo.max_bins = o.max_bins;
    for (const cr::DataColumn& col : data.columns) {
      std::vector<std::uint32_t> rows;
      for (std::size_t r = 0; r < data.rows(); ++r)
        if (data.split[r] == cr::Split::train && cr::ConsentMask::from_bits(data.consent[r]).has(col.category))
          rows.push_back(static_cast<std::uint32_t>(r));
      if (!rows.empty()) features.push_back(cr::bin_feature(col, data.bad, rows, bo));
    }
  }
  const std::string text = cr::manual_bins_to_json(features) + "\n";
  if (o.out.empty()) std::cout << text;
  else write_file(o.out, text);
}

void run_train(const TrainCliOptions& o) {
  if (o.min_iv < 0) throw UsageError("--min-iv must not be negative");
  if (!(o.min_bin_share >= 0 && o.min_bin_share < 0.5)) throw UsageError("--min-bin-share must be in [0, 0.5)");
  if (o.max_bins < 1 || o.max_bins > 64) throw UsageError("--max-bins must be in 1..64");
  if (o.max_features < 1) throw UsageError("--max-features must be at least 1");
  if (!(o.base_odds > 0) || !(o.pdo > 0)) throw UsageError("--base-odds and --pdo must be positive");
  if (o.l2 < 0) throw UsageError("--l2 must not be negative");
  if (o.max_vif < 0) throw UsageError("--max-vif must not be negative (0 = off)");
  if (!(o.max_p_value >= 0 && o.max_p_value < 1)) throw UsageError("--max-p-value must be in [0, 1) (0 = off)");
  if (!(o.p_enter > 0 && o.p_enter < 1) || !(o.p_remove > 0 && o.p_remove < 1)) throw UsageError("--p-enter and --p-remove must be in (0, 1)");
  if (o.oot_column.empty() != o.oot_from.empty()) throw UsageError("--oot-column and --oot-from go together");
  if (!o.oot_from.empty() && !cr::is_iso_date(o.oot_from)) throw UsageError("--oot-from must be a date YYYY-MM or YYYY-MM-DD, got '" + o.oot_from + "'");
  auto direction = cr::parse_stepwise_direction(o.stepwise);
  if (!direction) throw UsageError("--stepwise: " + direction.error());
  auto criterion = cr::parse_stepwise_criterion(o.criterion);
  if (!criterion) throw UsageError("--stepwise-criterion: " + criterion.error());
  cr::Dataset data = load_dataset(o.data, dataset_options(o));
  apply_column_options(data, o);
  cr::TrainOptions topt;
  topt.name = o.name;
  topt.min_iv = o.min_iv;
  topt.binning.min_bin_share = o.min_bin_share;
  topt.binning.max_bins = o.max_bins;
  topt.max_features = o.max_features;
  topt.max_correlation = o.max_correlation;
  topt.logistic.l2 = o.l2;
  topt.max_vif = o.max_vif;
  topt.max_p_value = o.max_p_value;
  topt.stepwise = {*direction, *criterion, o.p_enter, o.p_remove};
  topt.scaling = {o.base_points, o.base_odds, o.pdo};
  auto trained = cr::train_scorecard(data, topt);
  if (!trained) throw InputError(o.data + ": " + trained.error());
  const cr::TrainResult& tr = *trained;
  const cr::Scorecard& card = tr.card;
  const cr::ModelStatistics& ms = tr.statistics;
  auto coef_of = [&](const std::string& name) -> const cr::CoefficientStat* {
    for (std::size_t k = 1; k < ms.coefficients.size(); ++k)
      if (ms.coefficients[k].name == name) return &ms.coefficients[k];
    return nullptr;
  };
  auto vif_of = [&](const std::string& name) {
    for (std::size_t k = 0; k < ms.features.size() && k < ms.vif.size(); ++k)
      if (ms.features[k] == name) return ms.vif[k];
    return std::nan("");
  };
  if (!o.out.empty()) write_file(o.out, cr::scorecard_to_json(card) + "\n");

  const cr::ValidationReport train_v = evaluate(card, data, cr::Split::train);
  bool have_test = false;
  cr::ValidationReport test_v;
  if (!o.split_column.empty()) {
    for (auto s : data.split) have_test = have_test || s == cr::Split::test;
    if (have_test) test_v = evaluate(card, data, cr::Split::test);
  }
  bool have_oot = false;
  cr::ValidationReport oot_v;
  for (auto s : data.split) have_oot = have_oot || s == cr::Split::oot;
  if (have_oot) oot_v = evaluate(card, data, cr::Split::oot);
  // PSI of every binned candidate between its training bins and the OOT rows.
  std::vector<double> oot_psi(tr.candidates.size(), std::nan(""));
  if (have_oot)
    for (std::size_t c = 0; c < tr.candidates.size(); ++c)
      if (!tr.candidates[c].binning.bins.empty())
        oot_psi[c] = cr::feature_psi(tr.candidates[c].binning, data.columns[c], data, cr::Split::oot);
  // Points of each bin in the sub-model with the most categories (the full model).
  const cr::SubModel& full = card.submodel_for(cr::ConsentMask::all());
  auto full_points = [&](const std::string& name) -> const std::vector<int>* {
    for (std::size_t k = 0; k < full.features.size(); ++k)
      if (card.features[static_cast<std::size_t>(full.features[k])].name == name) return &full.points[k];
    return nullptr;
  };

  if (o.json) {
    ordered_json doc;
    doc["data"] = o.data;
    doc["model"] = o.out.empty() ? ordered_json(nullptr) : ordered_json(o.out);
    doc["target"] = data.target;
    doc["rows"] = data.rows();
    doc["notes"] = data.notes;
    doc["train"] = metrics_json(train_v);
    if (have_test) doc["test"] = metrics_json(test_v);
    if (have_oot) {
      ordered_json oj = metrics_json(oot_v);
      oj["from"] = o.oot_from;
      oj["column"] = o.oot_column;
      oj["score_psi"] = num(oot_v.score_psi);
      oj["score_psi_level"] = oot_v.score_psi_level;
      ordered_json csi = ordered_json::array();
      for (const auto& f : oot_v.feature_psi) csi.push_back({{"name", f.name}, {"csi", num(f.psi)}, {"level", f.level}});
      oj["feature_csi"] = csi;
      doc["oot"] = oj;
    }
    ordered_json feats = ordered_json::array();
    for (std::size_t ci = 0; ci < tr.candidates.size(); ++ci) {
      const cr::FeatureReport& c = tr.candidates[ci];
      ordered_json f = {{"name", c.name},
                        {"category", std::string(cr::to_string(c.category))},
                        {"iv", round_to(c.iv, 6)},
                        {"strength", cr::iv_strength(c.iv)},
                        {"selected", c.selected},
                        {"status", c.status}};
      if (have_oot) f["psi_train_oot"] = num(oot_psi[ci]);
      if (!c.rule.empty()) {
        f["rule"] = c.rule;
        f["statistic"] = num(c.statistic);
        f["threshold"] = num(c.threshold);
        if (!c.against.empty()) f["against"] = c.against;
      }
      if (const cr::CoefficientStat* cs = coef_of(c.name)) {
        f["coefficient"] = num(cs->estimate);
        f["std_error"] = num(cs->std_error);
        f["p_value"] = num(cs->p_value);
        f["vif"] = num(vif_of(c.name));
      }
      ordered_json bins = ordered_json::array();
      const std::vector<int>* pts = full_points(c.name);
      for (std::size_t b = 0; b < c.binning.bins.size(); ++b) {
        const cr::Bin& bin = c.binning.bins[b];
        ordered_json jb = {{"label", bin.label},
                           {"kind", bin.is_missing ? "missing" : bin.is_special ? "special" : "value"},
                           {"n", bin.n_good + bin.n_bad},
                           {"goods", bin.n_good},
                           {"bads", bin.n_bad},
                           {"bad_rate", round_to(bin.bad_rate(), 6)},
                           {"woe", round_to(bin.woe, 6)},
                           {"iv", round_to(bin.iv, 6)}};
        if (pts) jb["points"] = (*pts)[b];
        bins.push_back(jb);
      }
      if (!c.binning.bins.empty()) {
        f["trend"] = std::string(cr::to_string(c.binning.trend));
        f["direction"] = std::string(cr::to_string(c.binning.direction));
        if (!c.binning.specials.empty()) f["specials"] = c.binning.specials;
        if (c.binning.manual) f["manual"] = true;
      }
      f["bins"] = bins;
      feats.push_back(f);
    }
    doc["features"] = feats;
    ordered_json subs = ordered_json::array();
    for (const auto& s : card.submodels) {
      ordered_json names = ordered_json::array();
      for (int f : s.features) names.push_back(card.features[static_cast<std::size_t>(f)].name);
      subs.push_back({{"consent", s.consent.to_string()}, {"features", names}, {"train_rows", s.train_rows},
                      {"iterations", s.iterations}, {"converged", s.converged}});
    }
    doc["submodels"] = subs;
    doc["selection"] = selection_json(topt);
    doc["dropped"] = dropped_json(tr);
    doc["model"] = model_json(tr.statistics);
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "scorecard '" << card.name << "' trained on " << o.data << " (target " << data.target << ")\n";
  for (const auto& n : data.notes) std::cout << "note: " << n << "\n";
  print_metrics(std::cout, "train", train_v);
  if (have_test) print_metrics(std::cout, "test ", test_v);
  else if (!o.split_column.empty()) std::cout << "test : no rows with split 'test'\n";
  if (have_oot) {
    print_metrics(std::cout, "oot  ", oot_v);
    // Side by side: train, test, out of time.
    std::vector<std::pair<std::string, const cr::ValidationReport*>> cols{{"train", &train_v}};
    if (have_test) cols.push_back({"test", &test_v});
    cols.push_back({"oot (from " + o.oot_from + ")", &oot_v});
    Table side{{""}, {Align::left}, {}};
    for (const auto& c : cols) side.headers.push_back(c.first), side.align.push_back(Align::right);
    auto row = [&](const std::string& name, auto value) {
      std::vector<std::string> r{name};
      for (const auto& c : cols) r.push_back(value(*c.second));
      side.rows.push_back(r);
    };
    row("rows", [](const cr::ValidationReport& v) { return std::to_string(v.n); });
    row("bad rate", [](const cr::ValidationReport& v) { return fixed(100 * v.bad_rate, 2) + "%"; });
    row("AUC", [](const cr::ValidationReport& v) { return fixed(v.auc, 4); });
    row("Gini", [](const cr::ValidationReport& v) { return fixed(v.gini, 4); });
    row("KS", [](const cr::ValidationReport& v) { return fixed(v.ks, 4); });
    row("score PSI vs train", [](const cr::ValidationReport& v) { return fixed(v.score_psi, 4); });
    std::cout << "\n";
    print_table(std::cout, side);
  } else if (!o.oot_column.empty()) {
    std::cout << "oot  : no rows on or after " << o.oot_from << "\n";
  }
  std::cout << "\n";
  Table ft{{"feature", "category", "IV", "power", "bins", "PSI oot", "status"},
           {Align::left, Align::left, Align::right, Align::left, Align::right, Align::right, Align::left}, {}};
  for (std::size_t ci = 0; ci < tr.candidates.size(); ++ci) {
    const cr::FeatureReport& c = tr.candidates[ci];
    ft.rows.push_back({c.name, std::string(cr::to_string(c.category)), fixed(c.iv, 4), cr::iv_strength(c.iv),
                       c.binning.bins.empty() ? "" : std::to_string(c.binning.value_bin_count()),
                       std::isnan(oot_psi[ci]) ? "" : fixed(oot_psi[ci], 4), c.status});
  }
  print_table(std::cout, ft);
  for (const auto& f : card.features) {
    const std::vector<int>* pts = full_points(f.name);
    std::cout << "\n" << f.name << " (IV " << fixed(f.iv, 4) << ", " << cr::to_string(f.direction) << ")\n";
    Table bt{{"bin", "n", "bad rate", "WoE", "IV", "points"}, {Align::left}, {}};
    for (std::size_t b = 0; b < f.bins.size(); ++b) {
      const cr::Bin& bin = f.bins[b];
      bt.rows.push_back({bin.label, std::to_string(bin.n_good + bin.n_bad), fixed(100 * bin.bad_rate(), 2) + "%",
                         fixed(bin.woe, 4), fixed(bin.iv, 4), pts ? std::to_string((*pts)[b]) : ""});
    }
    print_table(std::cout, bt);
  }
  print_model_statistics(std::cout, ms, vif_of);
  std::cout << "\n" << card.submodels.size() << " sub-model(s), one per consent combination";
  if (!o.out.empty()) std::cout << "; model written to " << o.out;
  std::cout << "\n";
}

}  // namespace

void register_score_train(CLI::App& score) {
  {
    auto o = std::make_shared<TrainCliOptions>();
    auto* c = score.add_subcommand("train", "train a scorecard from a CSV and report binning, IV, AUC and KS");
    c->add_option("--data", o->data, "CSV file with a header row")->required();
    c->add_option("--target", o->target, "target column (or --target-dpd)");
    c->add_option("--bad", o->bad, "target value(s) meaning bad, comma-separated");
    c->add_option("--target-dpd", o->dpd_prefix, "target from repayment history: columns PREFIX1..PREFIXn hold days past due per month");
    c->add_option("--dpd-days", o->dpd_days, "with --target-dpd: bad = ever this many days past due (default 30)");
    c->add_option("--dpd-months", o->dpd_months, "with --target-dpd: within this many months of the observation date (default 12)");
    c->add_option("--good", o->good, "target value(s) meaning good (default: the one other value; other rows are dropped)");
    c->add_option("--split-column", o->split_column, "column with train/test per row; test rows are evaluated");
    c->add_option("--exclude", o->exclude, "columns not to use, comma-separated");
    c->add_option("--consent-column", o->consent_column, "consent column (default consent; used when present)");
    c->add_option("--out", o->out, "write the model JSON here");
    c->add_option("--name", o->name, "model name");
    c->add_option("--trend", o->trends, "COLUMN=auto|auto_shape|ascending|descending|peak|valley|none (repeatable)");
    c->add_option("--special", o->specials, "COLUMN=V1,V2: special values of a column, each its own bin (repeatable)");
    c->add_option("--bins", o->bins_file, "bins file (JSON, from `score bins`) fixing the cuts or level groups of its features");
    c->add_option("--min-iv", o->min_iv, "drop features below this IV (default 0.02)");
    c->add_option("--min-bin-share", o->min_bin_share, "minimum share of rows per bin (default 0.05)");
    c->add_option("--max-bins", o->max_bins, "maximum value bins per feature (default 8)");
    c->add_option("--max-features", o->max_features, "maximum selected features (default 30)");
    c->add_option("--max-correlation", o->max_correlation, "drop the weaker of two features with |r| above this (default 0.7)");
    c->add_option("--l2", o->l2, "L2 penalty of the logistic regression (default 1)");
    c->add_option("--base-points", o->base_points, "score at the base odds (default 600)");
    c->add_option("--base-odds", o->base_odds, "good:bad odds at the base points (default 50)");
    c->add_option("--pdo", o->pdo, "points to double the odds (default 20)");
    c->add_option("--oot-column", o->oot_column, "date column (YYYY-MM or YYYY-MM-DD) for an out-of-time split; not a feature");
    c->add_option("--oot-from", o->oot_from, "rows on or after this date are out of time: reported, never trained on");
    c->add_option("--max-vif", o->max_vif, "drop the feature with the largest VIF while above this (default 0 = off)");
    c->add_option("--max-p-value", o->max_p_value, "drop the full model's feature with the largest p-value while above this (default 0 = off)");
    c->add_option("--stepwise", o->stepwise, "stepwise selection: none (default), forward, backward or both");
    c->add_option("--stepwise-criterion", o->criterion, "aic (default), bic or p");
    c->add_option("--p-enter", o->p_enter, "stepwise by p: enter below this p-value (default 0.05)");
    c->add_option("--p-remove", o->p_remove, "stepwise by p: remove above this p-value (default 0.05)");
    c->add_flag("--json", o->json, "print the report as JSON");
    c->callback([o] { run_train(*o); });
  }
  {
    auto o = std::make_shared<TrainCliOptions>();
    auto* c = score.add_subcommand("bins", "print the bins of a model or a data set as a bins file (edit it, train with --bins)");
    c->add_option("--model", o->model, "model JSON (or SQLite database)");
    c->add_option("--model-name", o->model_name, "scorecard name inside a SQLite database");
    c->add_option("--data", o->data, "CSV file: bin every column on its training rows");
    c->add_option("--target", o->target, "with --data: target column");
    c->add_option("--bad", o->bad, "with --data: target value(s) meaning bad");
    c->add_option("--target-dpd", o->dpd_prefix, "with --data: target from repayment history (as train)");
    c->add_option("--dpd-days", o->dpd_days, "with --target-dpd: days past due (default 30)");
    c->add_option("--dpd-months", o->dpd_months, "with --target-dpd: months (default 12)");
    c->add_option("--good", o->good, "with --data: target value(s) meaning good");
    c->add_option("--split-column", o->split_column, "with --data: only rows marked train are binned");
    c->add_option("--exclude", o->exclude, "with --data: columns not to bin, comma-separated");
    c->add_option("--consent-column", o->consent_column, "consent column (default consent; used when present)");
    c->add_option("--trend", o->trends, "COLUMN=auto|auto_shape|ascending|descending|peak|valley|none (repeatable)");
    c->add_option("--special", o->specials, "COLUMN=V1,V2: special values of a column (repeatable)");
    c->add_option("--bins", o->bins_file, "bins file fixing some features (the others are found)");
    c->add_option("--min-bin-share", o->min_bin_share, "minimum share of rows per bin (default 0.05)");
    c->add_option("--max-bins", o->max_bins, "maximum value bins per feature (default 8)");
    c->add_option("--out", o->out, "write the bins file here (default: standard output)");
    c->callback([o] { run_bins(*o); });
  }
}

}  // namespace finlab::cli
