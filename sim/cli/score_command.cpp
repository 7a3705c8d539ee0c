// `finlab score`: behaviour credit scoring on the command line (issue 5).
//   generate  a synthetic population as CSV (features, consent, outcome)
//   train     a scorecard from any CSV: binning, WoE/IV, selection, logistic
//             regression, points; report on the train and test rows
//   apply     score every row of a CSV: score, PD, band, categories used, reasons
//   report    validation (AUC/KS/calibration/deciles) and PSI vs training
//   export    the scorecard as SQL (a CASE expression), JSON, or into SQLite
// Tables by default; --json prints one JSON document. Bad arguments exit 2;
// bad file content exits 1 with "file:line: what".
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/credit/counterfactual.hpp"
#include "core/credit/dataset.hpp"
#include "core/credit/population.hpp"
#include "core/credit/scorecard_json.hpp"
#include "core/credit/sql_export.hpp"
#include "core/credit/training.hpp"
#include "core/credit/validation.hpp"
#include "core/store/database.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"
#include "sim/cli/score_common.hpp"

namespace finlab::cli {

namespace score_detail {
// ------------------------------------------------------------------ helpers (score_common.hpp)
std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string fixed(double x, int dp) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", dp, x);
  return buf;
}

double round_to(double x, int dp) {
  const double k = std::pow(10.0, dp);
  return std::round(x * k) / k;
}

cr::CsvTable read_csv(const std::string& path) {
  const std::string text = read_file(path);
  auto t = cr::parse_csv(text, path);
  if (!t) throw InputError(t.error());
  if (t->rows() == 0) throw InputError(path + ": no data rows after the header");
  return std::move(t).value();
}

// A model from a JSON file, or from a SQLite database written by `export --format sqlite`.
cr::Scorecard load_model(const std::string& path, const std::string& name) {
  const std::string head = read_file(path).substr(0, 16);
  if (head.rfind("SQLite format 3", 0) == 0) {
    auto opened = store::Database::open(path);
    if (!opened) throw InputError(path + ": " + opened.error());
    store::Database d = std::move(opened).value();
    auto st = d.prepare(name.empty() ? "SELECT json FROM scorecard ORDER BY name LIMIT 1"
                                     : "SELECT json FROM scorecard WHERE name = ?1");
    if (!name.empty()) st.bind(1, name);
    if (!st.step()) throw InputError(path + ": no scorecard" + (name.empty() ? "" : " named '" + name + "'") + " in table scorecard");
    auto card = cr::scorecard_from_json(st.column_text(0));
    if (!card) throw InputError(path + ": scorecard: " + card.error());
    return std::move(card).value();
  }
  auto card = cr::scorecard_from_json(read_file(path));
  if (!card) throw InputError(path + ": " + card.error());
  return std::move(card).value();
}

nlohmann::ordered_json metrics_json(const cr::ValidationReport& v) {
  return {{"n", v.n},
          {"bads", v.bads},
          {"bad_rate", round_to(v.bad_rate, 6)},
          {"auc", round_to(v.auc, 6)},
          {"gini", round_to(v.gini, 6)},
          {"ks", round_to(v.ks, 6)}};
}

cr::ValidationReport evaluate(const cr::Scorecard& card, const cr::Dataset& data, cr::Split which, bool all_rows) {
  std::vector<std::uint32_t> rows;
  for (std::size_t r = 0; r < data.rows(); ++r)
    if (all_rows || data.split[r] == which) rows.push_back(static_cast<std::uint32_t>(r));
  auto s = cr::score_dataset(card, data, rows);
  if (!s) throw InputError(s.error());
  return cr::validate(card, s->score, s->pd, s->bad, s->bins, s->consent);
}

void print_metrics(std::ostream& os, const std::string& title, const cr::ValidationReport& v) {
  os << title << ": n " << v.n << ", bad rate " << fixed(100 * v.bad_rate, 2) << "%, AUC " << fixed(v.auc, 4) << ", Gini "
     << fixed(v.gini, 4) << ", KS " << fixed(v.ks, 4) << "\n";
}


cr::Dataset load_dataset(const std::string& path, cr::DatasetOptions dopt) {
  const cr::CsvTable table = read_csv(path);
  dopt.schema = &cr::builtin_schema();
  auto d = cr::dataset_from_csv(table, dopt);
  if (!d) throw InputError(d.error());
  return std::move(d).value();
}

}  // namespace score_detail

namespace {
using namespace score_detail;
using nlohmann::ordered_json;

// ---------------------------------------------------------------- generate
struct GenerateOptions {
  std::size_t users = 0;
  std::uint64_t seed = 2015;
  std::uint64_t first_user = 0;
  std::string out;
  double bad_rate = 0.06;
  bool with_truth = false;
  bool json = false;
  std::string dates_from;  // YYYY-MM: add application_date over `months` months
  int months = 12;
};

// Application date of the k-th of `users` generated users (0-based): the
// months are filled in order, equal numbers of users each; the day is
// 1 + user id mod 28. Deterministic, independent of chunking.
std::string application_date(const std::string& from, int months, std::size_t k, std::size_t users, std::uint64_t user_id) {
  const int y0 = std::stoi(from.substr(0, 4)), m0 = std::stoi(from.substr(5, 2)) - 1;
  const int offset = static_cast<int>((static_cast<unsigned long long>(k) * static_cast<unsigned>(months)) / users);
  const int ym = y0 * 12 + m0 + offset;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ym / 12, ym % 12 + 1, static_cast<int>(1 + user_id % 28));
  return buf;
}

// Writes a recorded decimal exactly ("0.37", "12"), empty for missing.
void put_value(std::string& line, float x, int decimals) {
  if (std::isnan(x)) return;
  static constexpr double p10[] = {1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9};
  const long long units = std::llround(static_cast<double>(x) * p10[decimals]);
  std::string digits = std::to_string(units < 0 ? -units : units);
  if (decimals > 0) {
    if (digits.size() <= static_cast<std::size_t>(decimals)) digits.insert(0, static_cast<std::size_t>(decimals) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(decimals), ".");
  }
  if (units < 0) line += '-';
  line += digits;
}

void run_generate(const GenerateOptions& o) {
  if (o.users == 0) throw UsageError("--users must be at least 1");
  if (!(o.bad_rate > 0 && o.bad_rate < 1)) throw UsageError("--bad-rate must be between 0 and 1");
  if (!o.dates_from.empty() && (o.dates_from.size() != 7 || !cr::is_iso_date(o.dates_from)))
    throw UsageError("--dates-from must be a month YYYY-MM, got '" + o.dates_from + "'");
  if (o.months < 1 || o.months > 1200) throw UsageError("--months must be in 1..1200");
  cr::PopulationParams params;
  params.target_bad_rate = o.bad_rate;
  const cr::PopulationGenerator gen(params);
  const cr::FeatureSchema& schema = cr::builtin_schema();
  std::ofstream file;
  std::ostream* os = &std::cout;
  if (o.out != "-") {
    file.open(o.out, std::ios::binary);
    if (!file) throw InputError("cannot write " + o.out);
    os = &file;
  }
  std::string header = o.dates_from.empty() ? "user_id,consent" : "user_id,application_date,consent";
  for (const auto& f : schema.features()) header += "," + f.name;
  header += ",bad";
  if (o.with_truth) header += ",pd_true";
  *os << header << "\n";
  std::int64_t bads = 0;
  std::vector<std::int64_t> consent_count(cr::consent_category_count, 0);
  constexpr std::size_t chunk = 65536;
  std::string buf;
  for (std::size_t start = 0; start < o.users; start += chunk) {
    const std::size_t n = std::min(chunk, o.users - start);
    const cr::Population pop = gen.generate(o.seed, o.first_user + start, n);
    buf.clear();
    for (std::size_t i = 0; i < n; ++i) {
      buf += std::to_string(pop.user_id[i]);
      buf += ',';
      if (!o.dates_from.empty()) buf += application_date(o.dates_from, o.months, start + i, o.users, pop.user_id[i]) + ",";
      buf += pop.consent_of(i).to_string();
      for (std::size_t f = 0; f < schema.size(); ++f) {
        buf += ',';
        put_value(buf, pop.values[f][i], schema[f].decimals);
      }
      buf += pop.bad[i] ? ",1" : ",0";
      if (o.with_truth) buf += "," + fixed(pop.pd[i], 6);
      buf += '\n';
      bads += pop.bad[i];
      for (cr::ConsentCategory c : cr::all_consent_categories) consent_count[static_cast<int>(c)] += pop.consent_of(i).has(c);
    }
    *os << buf;
  }
  os->flush();
  if (o.out == "-") return;
  if (!*os) throw InputError("cannot write " + o.out);
  if (o.json) {
    ordered_json doc = {{"users", o.users}, {"seed", o.seed}, {"first_user", o.first_user}, {"out", o.out},
                        {"bad_rate", round_to(double(bads) / double(o.users), 6)}};
    ordered_json consent;
    for (cr::ConsentCategory c : cr::all_consent_categories)
      consent[std::string(cr::to_string(c))] = round_to(double(consent_count[static_cast<int>(c)]) / double(o.users), 6);
    doc["consent_share"] = consent;
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "wrote " << o.users << " users (seed " << o.seed << ", ids " << o.first_user << ".."
            << o.first_user + o.users - 1 << ") to " << o.out << "\n";
  Table t{{"category", "consent share"}, {Align::left, Align::right}, {}};
  for (cr::ConsentCategory c : cr::all_consent_categories)
    t.rows.push_back({std::string(cr::to_string(c)), fixed(100.0 * double(consent_count[static_cast<int>(c)]) / double(o.users), 1) + "%"});
  t.rows.push_back({"bad rate", fixed(100.0 * double(bads) / double(o.users), 2) + "%"});
  print_table(std::cout, t);
}

// -------------------------------------------------------------------- apply
struct ApplyOptions {
  std::string model, model_name, data, out, consent_column = "consent", id_column;
  bool json = false;
  bool counterfactual = false;
};

void run_apply(const ApplyOptions& o) {
  const cr::Scorecard card = load_model(o.model, o.model_name);
  const cr::CsvTable table = read_csv(o.data);
  if (!o.id_column.empty() && table.column_index(o.id_column) == cr::CsvTable::npos)
    throw UsageError("--id-column: no column '" + o.id_column + "' in " + o.data);
  cr::DatasetOptions dopt;
  dopt.require_target = false;
  dopt.consent_column = o.consent_column;
  dopt.schema = &cr::builtin_schema();
  // Only the card's columns are parsed (other columns may hold anything).
  for (const auto& h : table.header)
    if (card.feature_index(h) < 0 && h != o.consent_column) dopt.exclude.push_back(h);
  auto data = cr::dataset_from_csv(table, dopt);
  if (!data) throw InputError(data.error());
  std::vector<std::uint32_t> rows(data->rows());
  for (std::uint32_t r = 0; r < rows.size(); ++r) rows[r] = r;
  auto scored = cr::score_dataset(card, *data, rows);
  if (!scored) throw InputError(scored.error());
  const std::size_t idc = o.id_column.empty() ? cr::CsvTable::npos : table.column_index(o.id_column);
  const int max_r = card.max_reasons;
  struct Row {
    cr::ScoreResult r;
    cr::Counterfactual cf;
  };
  std::vector<Row> out_rows(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const cr::ConsentMask c = cr::ConsentMask::from_bits(scored->consent[k]);
    out_rows[k].r = card.score(c, scored->values[k]);
    if (o.counterfactual) out_rows[k].cf = cr::counterfactual(card, c, scored->values[k]);
  }
  auto cf_text = [](const cr::Counterfactual& cf) -> std::string {
    if (cf.already_top) return "already in the top band";
    if (!cf.reachable) {
      if (cf.best.empty()) return "not reachable by changing consented behaviour (no change adds a point)";
      std::string s = "not reachable by changing consented behaviour; the most: " + std::to_string(cf.best_score) + " by ";
      for (std::size_t i = 0; i < cf.best.size(); ++i) s += (i ? "; " : "") + cf.best[i].text;
      return s;
    }
    std::string s;
    for (const auto& ch : cf.changes) s += (s.empty() ? "" : "; ") + ch.text;
    return s;
  };
  if (o.json) {
    ordered_json arr = ordered_json::array();
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const cr::ScoreResult& r = out_rows[k].r;
      ordered_json j;
      j["line"] = table.line[rows[k]];
      if (idc != cr::CsvTable::npos) j["id"] = std::string(table.cell(rows[k], idc));
      j["score"] = r.score;
      j["pd"] = round_to(r.pd, 6);
      j["band"] = r.band_name;
      ordered_json used = ordered_json::array();
      for (cr::ConsentCategory c : cr::all_consent_categories)
        if (r.categories_used.has(c)) used.push_back(std::string(cr::to_string(c)));
      j["categories_used"] = used;
      ordered_json reasons = ordered_json::array();
      for (const auto& rc : r.reasons)
        reasons.push_back({{"feature", rc.name}, {"points_lost", rc.points_lost}, {"text", rc.text}});
      j["reasons"] = reasons;
      if (o.counterfactual) {
        const cr::Counterfactual& cf = out_rows[k].cf;
        ordered_json changes = ordered_json::array();
        for (const auto& ch : cf.changes)
          changes.push_back({{"feature", ch.name}, {"from", ch.from_label}, {"to", ch.to_label},
                             {"points", ch.points_gained}, {"text", ch.text}});
        j["next_band"] = {{"reachable", cf.reachable}, {"already_top", cf.already_top}, {"band", cf.target_band},
                          {"target_score", cf.target_score}, {"new_score", cf.new_score}, {"changes", changes}};
        if (!cf.reachable && !cf.already_top) {
          // Out of reach: the most the consented behaviour can add.
          ordered_json best = ordered_json::array();
          for (const auto& ch : cf.best)
            best.push_back({{"feature", ch.name}, {"from", ch.from_label}, {"to", ch.to_label}, {"points", ch.points_gained}, {"text", ch.text}});
          j["next_band"]["best_score"] = cf.best_score;
          j["next_band"]["best_changes"] = best;
        }
      }
      arr.push_back(j);
    }
    const std::string text = arr.dump(2) + "\n";
    if (o.out.empty()) std::cout << text;
    else write_file(o.out, text);
    return;
  }
  // CSV (to --out) or a table (stdout).
  std::vector<std::string> header{"line"};
  if (idc != cr::CsvTable::npos) header.push_back(o.id_column);
  for (const char* h : {"score", "pd", "band", "categories_used"}) header.push_back(h);
  for (int i = 1; i <= max_r; ++i) header.push_back("reason_" + std::to_string(i));
  if (o.counterfactual) header.push_back("next_band_change");
  std::vector<std::vector<std::string>> cells;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const cr::ScoreResult& r = out_rows[k].r;
    std::vector<std::string> row{std::to_string(table.line[rows[k]])};
    if (idc != cr::CsvTable::npos) row.emplace_back(table.cell(rows[k], idc));
    row.push_back(std::to_string(r.score));
    row.push_back(fixed(r.pd, 6));
    row.push_back(r.band_name);
    row.push_back(r.categories_used.to_string());
    for (int i = 0; i < max_r; ++i) row.push_back(static_cast<std::size_t>(i) < r.reasons.size() ? r.reasons[static_cast<std::size_t>(i)].text : "");
    if (o.counterfactual) row.push_back(cf_text(out_rows[k].cf));
    cells.push_back(std::move(row));
  }
  for (const auto& n : scored->notes) std::cerr << "note: " << n << "\n";
  if (!o.out.empty()) {
    std::string text;
    for (std::size_t i = 0; i < header.size(); ++i) text += (i ? "," : "") + cr::csv_quote(header[i]);
    text += "\n";
    for (const auto& row : cells) {
      for (std::size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + cr::csv_quote(row[i]);
      text += "\n";
    }
    write_file(o.out, text);
    std::vector<std::int64_t> per_band(card.bands.count(), 0);
    for (const auto& r : out_rows) ++per_band[static_cast<std::size_t>(r.r.band)];
    std::cout << "scored " << rows.size() << " rows of " << o.data << " into " << o.out << "\n";
    Table t{{"band", "from score", "rows"}, {Align::left}, {}};
    for (std::size_t b = 0; b < card.bands.count(); ++b)
      t.rows.push_back({card.bands.names[b], b == 0 ? "" : std::to_string(card.bands.lower[b - 1]), std::to_string(per_band[b])});
    print_table(std::cout, t);
    return;
  }
  Table t{header, {Align::right}, cells};
  t.align.resize(header.size(), Align::left);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == "line" || header[i] == "score" || header[i] == "pd") t.align[i] = Align::right;
  print_table(std::cout, t);
}

// ------------------------------------------------------------------- report
struct ReportOptions {
  std::string model, model_name, data, target, bad, split_column, consent_column = "consent";
  bool json = false;
};

void run_report(const ReportOptions& o) {
  const cr::Scorecard card = load_model(o.model, o.model_name);
  cr::DatasetOptions dopt;
  dopt.target = o.target.empty() ? card.target : o.target;
  dopt.bad_values = o.bad.empty() ? card.bad_values : split_list(o.bad);
  if (dopt.target.empty() || dopt.bad_values.empty())
    throw UsageError("the model does not name its target and bad value: pass --target and --bad");
  dopt.split_column = o.split_column;
  dopt.consent_column = o.consent_column;
  const cr::CsvTable table = read_csv(o.data);
  if (table.column_index(dopt.target) == cr::CsvTable::npos)
    throw InputError(o.data + ":1: target column '" + dopt.target + "' not found (pass --target)");
  for (const auto& h : table.header)
    if (card.feature_index(h) < 0 && h != o.consent_column && h != dopt.target && h != o.split_column) dopt.exclude.push_back(h);
  dopt.schema = &cr::builtin_schema();
  auto data = cr::dataset_from_csv(table, dopt);
  if (!data) throw InputError(data.error());
  const bool use_split = !o.split_column.empty();
  const cr::ValidationReport v = evaluate(card, *data, cr::Split::test, !use_split);
  if (o.json) {
    ordered_json doc;
    doc["model"] = o.model;
    doc["data"] = o.data;
    doc["rows"] = use_split ? "test" : "all";
    doc["notes"] = data->notes;
    doc["metrics"] = metrics_json(v);
    doc["psi"] = {{"score", round_to(v.score_psi, 6)}, {"level", v.score_psi_level}};
    ordered_json fp = ordered_json::array();
    for (const auto& f : v.feature_psi) fp.push_back({{"name", f.name}, {"psi", round_to(f.psi, 6)}, {"level", f.level}});
    doc["feature_psi"] = fp;
    ordered_json cal = ordered_json::array();
    for (const auto& c : v.calibration)
      cal.push_back({{"band", c.band}, {"n", c.n}, {"bads", c.bads}, {"predicted_pd", round_to(c.predicted_pd, 6)},
                     {"observed_bad_rate", round_to(c.observed_bad_rate, 6)}, {"z", round_to(c.z, 3)}});
    doc["calibration"] = cal;
    ordered_json dec = ordered_json::array();
    for (const auto& d : v.deciles)
      dec.push_back({{"decile", d.decile}, {"n", d.n}, {"bads", d.bads}, {"min_score", d.min_score},
                     {"max_score", d.max_score}, {"bad_rate", round_to(d.bad_rate, 6)}});
    doc["deciles"] = dec;
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "scorecard '" << card.name << "' on " << o.data << (use_split ? " (test rows)" : "") << "\n";
  for (const auto& n : data->notes) std::cout << "note: " << n << "\n";
  print_metrics(std::cout, "validation", v);
  std::cout << "score PSI vs training: " << fixed(v.score_psi, 4) << " (" << v.score_psi_level << ")\n\n";
  Table cal{{"band", "n", "bads", "predicted PD", "observed", "z"}, {Align::left}, {}};
  for (const auto& c : v.calibration)
    cal.rows.push_back({c.band, std::to_string(c.n), std::to_string(c.bads), fixed(100 * c.predicted_pd, 2) + "%",
                        fixed(100 * c.observed_bad_rate, 2) + "%", fixed(c.z, 2)});
  print_table(std::cout, cal);
  std::cout << "\n";
  Table dec{{"decile", "scores", "n", "bad rate"}, {Align::right, Align::left}, {}};
  for (const auto& d : v.deciles)
    dec.rows.push_back({std::to_string(d.decile), std::to_string(d.min_score) + "-" + std::to_string(d.max_score),
                        std::to_string(d.n), fixed(100 * d.bad_rate, 2) + "%"});
  print_table(std::cout, dec);
  std::cout << "\n";
  Table fp{{"feature", "PSI", "level"}, {Align::left, Align::right, Align::left}, {}};
  for (const auto& f : v.feature_psi) fp.rows.push_back({f.name, fixed(f.psi, 4), f.level});
  print_table(std::cout, fp);
}

// ------------------------------------------------------------------- export
struct ExportOptions {
  std::string model, model_name, format = "sql", out, table, consent_column = "consent_mask";
};

void run_export(const ExportOptions& o) {
  const cr::Scorecard card = load_model(o.model, o.model_name);
  if (o.format == "sql") {
    cr::SqlExportOptions so;
    so.table = o.table;
    so.consent_column = o.consent_column;
    const std::string sql = cr::scorecard_sql(card, so);
    if (o.out.empty()) std::cout << sql;
    else write_file(o.out, sql);
  } else if (o.format == "json") {
    const std::string text = cr::scorecard_to_json(card) + "\n";
    if (o.out.empty()) std::cout << text;
    else write_file(o.out, text);
  } else if (o.format == "sqlite") {
    if (o.out.empty()) throw UsageError("--format sqlite needs --out DATABASE");
    auto opened = store::Database::open(o.out);
    if (!opened) throw InputError(o.out + ": " + opened.error());
    store::Database d = std::move(opened).value();
    d.exec("CREATE TABLE IF NOT EXISTS scorecard (name TEXT PRIMARY KEY, format_version INTEGER NOT NULL, json TEXT NOT NULL)");
    auto st = d.prepare("INSERT OR REPLACE INTO scorecard (name, format_version, json) VALUES (?1, ?2, ?3)");
    st.bind(1, card.name).bind(2, std::int64_t{cr::Scorecard::format_version}).bind(3, cr::scorecard_to_json(card, -1));
    st.step();
    std::cout << "stored scorecard '" << card.name << "' in " << o.out << " (table scorecard)\n";
  } else {
    throw UsageError("--format must be sql, json or sqlite, got '" + o.format + "'");
  }
}

}  // namespace

void register_score_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("score", "behaviour credit scores: generate data, train a scorecard, apply, report, export");
  cmd->require_subcommand(1);

  {
    auto o = std::make_shared<GenerateOptions>();
    auto* c = cmd->add_subcommand("generate", "write a synthetic population (features, consent, outcome) as CSV");
    c->add_option("--users", o->users, "number of users")->required();
    c->add_option("--seed", o->seed, "population seed (default 2015)");
    c->add_option("--first-user", o->first_user, "first user id (any range gives the same users)");
    c->add_option("--out", o->out, "CSV file to write, or - for stdout")->required();
    c->add_option("--bad-rate", o->bad_rate, "target 12-month bad rate (default 0.06)");
    c->add_option("--dates-from", o->dates_from, "add an application_date column starting this month (YYYY-MM)");
    c->add_option("--months", o->months, "with --dates-from: spread the users over this many months (default 12)");
    c->add_flag("--with-truth", o->with_truth, "add the ground-truth PD column pd_true (exclude it when training)");
    c->add_flag("--json", o->json, "print the summary as JSON");
    c->callback([o] { run_generate(*o); });
  }
  register_score_train(*cmd);
  register_score_monitor(*cmd);
  {
    auto o = std::make_shared<ApplyOptions>();
    auto* c = cmd->add_subcommand("apply", "score each row of a CSV: score, PD, band, categories used, reason codes");
    c->add_option("--model", o->model, "model JSON (or SQLite database from export --format sqlite)")->required();
    c->add_option("--model-name", o->model_name, "scorecard name inside a SQLite database");
    c->add_option("--data", o->data, "CSV file with the model's feature columns")->required();
    c->add_option("--out", o->out, "write scores here (CSV, or JSON with --json)");
    c->add_option("--consent-column", o->consent_column, "consent column (default consent; absent = all granted)");
    c->add_option("--id-column", o->id_column, "copy this column into the output");
    c->add_flag("--counterfactual", o->counterfactual, "add the smallest behaviour change that reaches the next band");
    c->add_flag("--json", o->json, "JSON instead of CSV/table");
    c->callback([o] { run_apply(*o); });
  }
  {
    auto o = std::make_shared<ReportOptions>();
    auto* c = cmd->add_subcommand("report", "validation (AUC, KS, calibration, deciles) and PSI against the training data");
    c->add_option("--model", o->model, "model JSON (or SQLite database)")->required();
    c->add_option("--model-name", o->model_name, "scorecard name inside a SQLite database");
    c->add_option("--data", o->data, "CSV with the features and the target")->required();
    c->add_option("--target", o->target, "target column (default: the model's)");
    c->add_option("--bad", o->bad, "bad value(s) (default: the model's)");
    c->add_option("--split-column", o->split_column, "evaluate only rows marked test in this column");
    c->add_option("--consent-column", o->consent_column, "consent column (default consent)");
    c->add_flag("--json", o->json, "print the report as JSON");
    c->callback([o] { run_report(*o); });
  }
  {
    auto o = std::make_shared<ExportOptions>();
    auto* c = cmd->add_subcommand("export", "write the scorecard as SQL (CASE expression), JSON, or into a SQLite database");
    c->add_option("--model", o->model, "model JSON (or SQLite database)")->required();
    c->add_option("--model-name", o->model_name, "scorecard name inside a SQLite database");
    c->add_option("--format", o->format, "sql (default), json or sqlite");
    c->add_option("--out", o->out, "output file (SQL/JSON: default stdout; sqlite: the database)");
    c->add_option("--table", o->table, "SQL: emit SELECT *, <score> AS score FROM this table");
    c->add_option("--consent-column", o->consent_column, "SQL: integer consent-mask column (default consent_mask)");
    c->callback([o] { run_export(*o); });
  }
}

}  // namespace finlab::cli
