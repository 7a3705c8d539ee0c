// `finlab score ...` through the real binary: generate → train → apply →
// report → export, the JSON report shape of issue 5, exit codes, the SQL
// export scoring inside SQLite like `apply`, and every messy-CSV case.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "core/credit/consent.hpp"
#include "core/credit/csv.hpp"
#include "core/store/database.hpp"
#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

namespace {

// A temporary file removed when the test program ends.
struct OwnedFile {
  std::string path;
  ~OwnedFile() { std::remove(path.c_str()); }
};

// A synthetic population CSV with a train/test column added (every 3rd row is test).
const std::string& population_csv() {
  static const OwnedFile file{[] {
    const std::string raw = temp_file("score_pop_raw.csv", "");
    auto r = run_cli({"score", "generate", "--users", "6000", "--seed", "11", "--out", raw});
    REQUIRE(r.exit_code == 0);
    std::istringstream in(slurp(raw));
    std::remove(raw.c_str());
    std::string line, out;
    std::getline(in, line);
    out = line + ",sample\n";
    for (int i = 0; std::getline(in, line); ++i) out += line + (i % 3 == 0 ? ",test\n" : ",train\n");
    return temp_file("score_pop.csv", out);
  }()};
  return file.path;
}

const std::string& model_json() {
  static const OwnedFile file{[] {
    const std::string m = temp_file("score_model.json", "");
    auto r = run_cli({"score", "train", "--data", population_csv(), "--target", "bad", "--bad", "1", "--split-column",
                      "sample", "--exclude", "user_id", "--out", m});
    REQUIRE(r.exit_code == 0);
    return m;
  }()};
  return file.path;
}

// A small generic credit CSV (not our schema): income, a city, a target.
std::string generic_csv(const std::string& extra_header = "", const std::string& extra_cell = "") {
  std::string s = "id,income,city,age" + extra_header + ",default\n";
  const char* cities[] = {"Beijing", "Shanghai", "Chengdu", "Wuhan"};
  for (int i = 0; i < 400; ++i) {
    const int income = 2000 + (i * 37) % 20000;
    const bool bad = (income < 6000 && i % 3 == 0) || i % 17 == 0;
    s += std::to_string(i) + "," + std::to_string(income) + "," + cities[i % 4] + "," + std::to_string(20 + i % 40) +
         extra_cell + "," + (bad ? "yes" : "no") + "\n";
  }
  return s;
}

}  // namespace

TEST_CASE("score generate writes the schema's columns, consent and outcome", "[cli][score]") {
  const std::string path = temp_file("gen.csv", "");
  auto r = run_cli({"score", "generate", "--users", "100", "--seed", "3", "--first-user", "50", "--out", path, "--with-truth"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Matchers::Contains("wrote 100 users"));
  auto t = finlab::credit::parse_csv(slurp(path), path);
  REQUIRE(t.ok());
  CHECK(t->rows() == 100);
  CHECK(t->header.front() == "user_id");
  CHECK(t->header[1] == "consent");
  CHECK(t->header.back() == "pd_true");
  CHECK(t->cell(0, 0) == "50");
  // Same users from a different range.
  const std::string part = temp_file("gen_part.csv", "");
  REQUIRE(run_cli({"score", "generate", "--users", "1", "--seed", "3", "--first-user", "60", "--out", part, "--with-truth"}).exit_code == 0);
  auto p = finlab::credit::parse_csv(slurp(part), part);
  for (std::size_t c = 0; c < t->columns(); ++c) CHECK(p->cell(0, c) == t->cell(10, c));
  // Usage errors exit 2.
  CHECK(run_cli({"score", "generate", "--users", "0", "--out", path}).exit_code == 2);
  CHECK(run_cli({"score", "generate", "--users", "10", "--out", path, "--bad-rate", "1.5"}).exit_code == 2);
  CHECK(run_cli({"score", "generate", "--out", path}).exit_code == 2);
  std::remove(path.c_str());
  std::remove(part.c_str());
}

TEST_CASE("score train --json reports train and test AUC/KS/n/bad_rate and features with IV and bins", "[cli][score]") {
  auto r = run_cli({"score", "train", "--data", population_csv(), "--target", "bad", "--bad", "1", "--split-column", "sample",
                    "--exclude", "user_id", "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  for (const char* part : {"train", "test"}) {
    INFO(part);
    REQUIRE(doc.contains(part));
    for (const char* k : {"auc", "ks", "n", "bad_rate"}) CHECK(doc[part].contains(k));
    CHECK(doc[part]["auc"].get<double>() > 0.7);
  }
  CHECK(doc["train"]["n"].get<int>() == 4000);
  CHECK(doc["test"]["n"].get<int>() == 2000);
  REQUIRE(doc["features"].size() == 20);
  const json& f = doc["features"][0];
  CHECK(f.contains("name"));
  CHECK(f.contains("iv"));
  REQUIRE(f["bins"].size() >= 2);
  CHECK(f["bins"][0].contains("woe"));
  CHECK(f["bins"].back()["label"] == "missing");
  CHECK(doc["submodels"].size() == 16);
}

TEST_CASE("score train prints tables by default, the model is versioned JSON", "[cli][score]") {
  auto r = run_cli({"score", "train", "--data", population_csv(), "--target", "bad", "--bad", "1", "--split-column", "sample",
                    "--exclude", "user_id"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Matchers::Contains("test : n 2000"));
  CHECK_THAT(r.out, Catch::Matchers::Contains("feature "));
  CHECK_THAT(r.out, Catch::Matchers::Contains("bill_ontime_share"));
  const json model = json::parse(slurp(model_json()));
  CHECK(model["format"] == "finlab.scorecard");
  CHECK(model["version"] == 1);
  CHECK(model["bad_values"] == json::array({"1"}));
}

TEST_CASE("score apply gives score, PD, band, categories used and reasons per row", "[cli][score]") {
  auto r = run_cli({"score", "apply", "--model", model_json(), "--data", population_csv(), "--json", "--counterfactual"});
  REQUIRE(r.exit_code == 0);
  const json rows = json::parse(r.out);
  REQUIRE(rows.size() == 6000);
  int with_location = 0, out_of_reach = 0;
  for (const auto& row : rows) {
    CHECK(row["score"].is_number_integer());
    CHECK(row["pd"].get<double>() > 0);
    CHECK(row["categories_used"][0] == "application");
    CHECK(row["reasons"].size() <= 4);
    for (const auto& c : row["categories_used"]) with_location += c == "location";
    CHECK(row.contains("next_band"));
    const auto& nb = row["next_band"];
    if (!nb["reachable"].get<bool>() && !nb["already_top"].get<bool>()) {
      // Out of reach: the most the consented behaviour can add, below the target.
      ++out_of_reach;
      CHECK(nb["best_score"].get<int>() >= row["score"].get<int>());
      CHECK(nb["best_score"].get<int>() < nb["target_score"].get<int>());
      int sum = 0;
      for (const auto& ch : nb["best_changes"]) sum += ch["points"].get<int>();
      CHECK(row["score"].get<int>() + sum == nb["best_score"].get<int>());
    }
  }
  CHECK(out_of_reach > 0);
  CHECK(with_location > 1000);
  CHECK(rows[0]["line"] == 2);
  // CSV output with the same scores.
  const std::string out = temp_file("scores.csv", "");
  auto c = run_cli({"score", "apply", "--model", model_json(), "--data", population_csv(), "--out", out, "--id-column", "user_id"});
  REQUIRE(c.exit_code == 0);
  auto t = finlab::credit::parse_csv(slurp(out), out);
  REQUIRE(t.ok());
  REQUIRE(t->rows() == 6000);
  CHECK(t->header[1] == "user_id");
  for (std::size_t i = 0; i < 6000; i += 250) CHECK(std::string(t->cell(i, 2)) == std::to_string(rows[i]["score"].get<int>()));
  std::remove(out.c_str());
}

TEST_CASE("score report validates the test rows and gives PSI against training", "[cli][score]") {
  auto r = run_cli({"score", "report", "--model", model_json(), "--data", population_csv(), "--split-column", "sample", "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["metrics"]["n"] == 2000);
  CHECK(doc["metrics"]["auc"].get<double>() > 0.7);
  CHECK(doc["psi"]["level"] == "stable");
  CHECK(doc["calibration"].size() == 6);
  CHECK(doc["deciles"].size() == 10);
  CHECK(doc["feature_psi"].size() >= 8);
  auto table = run_cli({"score", "report", "--model", model_json(), "--data", population_csv()});
  REQUIRE(table.exit_code == 0);
  CHECK_THAT(table.out, Catch::Matchers::Contains("score PSI vs training"));
}

TEST_CASE("score export --format sql scores rows inside SQLite exactly like apply", "[cli][score][sql]") {
  const std::string sql_path = temp_file("score.sql", "");
  auto e = run_cli({"score", "export", "--model", model_json(), "--format", "sql", "--table", "applicants", "--out", sql_path});
  REQUIRE(e.exit_code == 0);
  auto a = run_cli({"score", "apply", "--model", model_json(), "--data", population_csv(), "--json"});
  REQUIRE(a.exit_code == 0);
  const json scored = json::parse(a.out);
  // Load the population into SQLite: numbers as REAL, empty cells as NULL, consent as a bit mask.
  auto t = finlab::credit::parse_csv(slurp(population_csv()), "pop");
  REQUIRE(t.ok());
  auto opened = finlab::store::Database::open(":memory:");
  REQUIRE(opened.ok());
  finlab::store::Database db = std::move(opened).value();
  std::string create = "CREATE TABLE applicants (row_no INTEGER, consent_mask INTEGER";
  for (std::size_t c = 2; c < t->columns(); ++c)
    if (t->header[c] != "sample") create += ", \"" + t->header[c] + "\" REAL";
  db.exec(create + ")");
  db.begin();
  for (std::size_t r = 0; r < t->rows(); ++r) {
    std::string ins = "INSERT INTO applicants VALUES (" + std::to_string(r) + ", " +
                      std::to_string(finlab::credit::ConsentMask::parse(t->cell(r, 1)).value().bits());
    for (std::size_t c = 2; c < t->columns(); ++c) {
      if (t->header[c] == "sample") continue;
      const std::string cell(t->cell(r, c));
      ins += ", " + (cell.empty() ? std::string("NULL") : cell);
    }
    db.exec(ins + ")");
  }
  db.commit();
  std::string sql = slurp(sql_path);
  sql = sql.substr(0, sql.rfind(';'));
  auto st = db.prepare("SELECT row_no, score FROM (" + sql + ") ORDER BY row_no");
  std::size_t n = 0, mismatches = 0;
  while (st.step()) {
    const auto row = static_cast<std::size_t>(st.column_int64(0));
    if (st.column_int64(1) != scored[row]["score"].get<std::int64_t>()) ++mismatches;
    ++n;
  }
  CHECK(n == 6000);
  CHECK(mismatches == 0);
  std::remove(sql_path.c_str());
}

TEST_CASE("score export --format sqlite stores the card, apply reads it back with the same scores", "[cli][score][sql]") {
  const std::string db = temp_file("cards.db", "");
  std::remove(db.c_str());
  REQUIRE(run_cli({"score", "export", "--model", model_json(), "--format", "sqlite", "--out", db}).exit_code == 0);
  std::string text = slurp(population_csv()).substr(0, 3000);
  const std::string few = temp_file("few.csv", text.substr(0, text.rfind('\n') + 1));  // whole lines only
  auto a = run_cli({"score", "apply", "--model", model_json(), "--data", few, "--json"});
  auto b = run_cli({"score", "apply", "--model", db, "--data", few, "--json"});
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(a.out == b.out);
  auto missing = run_cli({"score", "apply", "--model", db, "--model-name", "nope", "--data", few});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Matchers::Contains("no scorecard named 'nope'"));
  CHECK(run_cli({"score", "export", "--model", model_json(), "--format", "xml"}).exit_code == 2);
  std::remove(db.c_str());
  std::remove(few.c_str());
}

TEST_CASE("score train works on a generic CSV with categorical columns and yes/no targets", "[cli][score][messy]") {
  const std::string path = temp_file("generic.csv", generic_csv());
  auto r = run_cli({"score", "train", "--data", path, "--target", "default", "--bad", "yes", "--exclude", "id", "--json",
                    "--min-bin-share", "0.1"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["train"]["n"] == 400);
  CHECK_FALSE(doc.contains("test"));
  bool city = false;
  for (const auto& f : doc["features"]) city = city || (f["name"] == "city" && f["category"] == "application");
  CHECK(city);
  std::remove(path.c_str());
}

TEST_CASE("Messy CSVs: each case is handled or fails with file:line (exit 1)", "[cli][score][messy]") {
  auto train = [](const std::string& name, const std::string& text, std::vector<std::string> extra = {}) {
    const std::string path = temp_file(name, text);
    std::vector<std::string> args{"score", "train", "--data", path, "--target", "default", "--bad", "yes", "--min-bin-share", "0.1"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_cli(args);
    std::remove(path.c_str());
    return std::make_pair(r, path);
  };
  SECTION("quoted fields with commas inside quotes are one field") {
    std::string s = generic_csv(",note", ",\"late, twice\"");
    auto [r, p] = train("m_quotes.csv", s, {"--json"});
    CHECK(r.exit_code == 0);
  }
  SECTION("empty cells and NA are missing values with their own bin") {
    std::string s = generic_csv();
    for (std::size_t pos = s.find(",Beijing,"); pos != std::string::npos; pos = s.find(",Beijing,", pos + 1)) s.replace(pos, 9, ",NA,");
    auto [r, p] = train("m_na.csv", s, {"--json"});
    REQUIRE(r.exit_code == 0);
    const json doc = json::parse(r.out);
    for (const auto& f : doc["features"])
      if (f["name"] == "city") CHECK(f["bins"].back()["n"].get<int>() == 100);
  }
  SECTION("numbers with thousands separators (quoted) are numbers") {
    std::string s = "income,default\n";
    for (int i = 0; i < 200; ++i) s += "\"" + std::to_string(1 + i % 9) + ",000\"," + (i % 9 < 3 && i % 2 ? "yes" : "no") + "\n";
    auto [r, p] = train("m_thousands.csv", s, {"--json"});
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out)["features"][0]["bins"][0]["label"].get<std::string>().find("000") != std::string::npos);
  }
  SECTION("an unquoted comma in a number shifts the row: error with the line") {
    std::string s = generic_csv();
    s.replace(s.find("\n5,") + 1, 0, "999,12,345,Beijing,30,no\n");
    auto [r, p] = train("m_shift.csv", s);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Matchers::Contains(p + ":7: expected 5 fields (as in the header), found 6"));
  }
  SECTION("a target with other values than the two classes") {
    std::string s = generic_csv();
    s.replace(s.find(",no\n"), 4, ",maybe\n");
    auto [r, p] = train("m_target.csv", s);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Matchers::Contains(":4: target column 'default' has more than two classes: bad 'yes', 'maybe' (first at line 3) and 'no' (this line)"));
    auto [ok, p2] = train("m_target2.csv", s, {"--good", "no", "--json"});
    REQUIRE(ok.exit_code == 0);
    CHECK(json::parse(ok.out)["notes"][0] == "1 rows with a target that is neither bad nor good dropped (first at line 3)");
  }
  SECTION("a constant column and an all-missing column are reported, not used") {
    std::string s = generic_csv(",channel,empty", ",app,");
    auto [r, p] = train("m_const.csv", s, {"--json"});
    REQUIRE(r.exit_code == 0);
    const json doc = json::parse(r.out);
    for (const auto& f : doc["features"]) {
      if (f["name"] == "channel") CHECK(f["status"] == "constant");
      if (f["name"] == "empty") CHECK(f["status"] == "all missing");
    }
  }
  SECTION("a word in a numeric column is an error with its line") {
    std::string s = generic_csv();
    s.replace(s.find("\n10,") + 4, 4, "n/a?");
    auto [r, p] = train("m_word.csv", s);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Matchers::Contains(p + ":12: column 'income' is numeric but this row has 'n/a?"));
  }
  SECTION("an unterminated quote is an error with line and column") {
    std::string s = generic_csv();
    s.replace(s.find("\n20,") + 4, 0, "\"");
    auto [r, p] = train("m_quote.csv", s);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Matchers::Contains(p + ":22:4: unterminated quoted field"));
  }
  SECTION("a missing target column or file") {
    auto [r, p] = train("m_nocol.csv", "a,b\n1,2\n");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Matchers::Contains("target column 'default' not found"));
    auto nofile = run_cli({"score", "train", "--data", "/nonexistent.csv", "--target", "y", "--bad", "1"});
    CHECK(nofile.exit_code == 1);
    CHECK_THAT(nofile.err, Catch::Matchers::Contains("cannot open /nonexistent.csv"));
  }
}

TEST_CASE("score usage errors exit 2", "[cli][score][errors]") {
  CHECK(run_cli({"score"}).exit_code == 2);
  CHECK(run_cli({"score", "train", "--data", "x.csv", "--bad", "1"}).exit_code == 2);  // no --target
  CHECK(run_cli({"score", "train", "--data", population_csv(), "--target", "bad", "--bad", "1", "--max-bins", "0"}).exit_code == 2);
  auto trend = run_cli({"score", "train", "--data", population_csv(), "--target", "bad", "--bad", "1", "--trend", "age=sideways"});
  CHECK(trend.exit_code == 2);
  CHECK_THAT(trend.err, Catch::Matchers::Contains("unknown trend 'sideways'"));
  CHECK(run_cli({"score", "apply", "--data", population_csv()}).exit_code == 2);  // no --model
  auto bad_model = run_cli({"score", "apply", "--model", population_csv(), "--data", population_csv()});
  CHECK(bad_model.exit_code == 1);
  CHECK_THAT(bad_model.err, Catch::Matchers::Contains("scorecard: line 1, column 1: invalid JSON"));
}

namespace {

// A credit CSV with four numeric features (two of them correlated) and a
// target drawn from a known logistic model with a fixed LCG: the data of the
// statistics tests.
std::string stats_csv(int rows = 3000) {
  std::string s = "id,income,debt_ratio,utilisation,tenure,noise,default\n";
  std::uint64_t state = 12345;
  auto u01 = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) * (1.0 / 9007199254740992.0);
  };
  for (int i = 0; i < rows; ++i) {
    const double income = 2000 + 18000 * u01();
    const double debt = 0.1 + 0.8 * u01();
    const double util = 0.6 * debt + 0.4 * u01();  // correlated with debt
    const double tenure = std::floor(60 * u01());
    const double noise = u01();
    const double eta = -1.2 - income / 8000 + 2.5 * debt + 1.0 * util - tenure / 40;
    const bool bad = u01() < 1.0 / (1.0 + std::exp(-eta));
    char line[256];
    std::snprintf(line, sizeof line, "%d,%.0f,%.3f,%.3f,%.0f,%.4f,%s\n", i, income, debt, util, tenure, noise, bad ? "1" : "0");
    s += line;
  }
  return s;
}

bool have_statsmodels() { return std::system("/usr/bin/python3 -c 'import statsmodels, numpy' >/dev/null 2>&1") == 0; }

// The independent reference: statsmodels Logit on the WoE design the model
// JSON defines (cuts and WoE per bin), y = 1 for good like finlab's fit.
const char* statsmodels_script = R"PY(
import csv, json, sys
import numpy as np
import statsmodels.api as sm
data, model, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
card = json.load(open(model))
feats = {f["name"]: f for f in card["features"]}
rows = list(csv.DictReader(open(data)))
cols = []
for n in names:
    f = feats[n]
    cuts = f["cuts"]; woe = [b["woe"] for b in f["bins"]]
    cols.append([woe[int(np.searchsorted(cuts, float(r[n]), side="right"))] for r in rows])
X = sm.add_constant(np.array(cols).T)
y = np.array([0 if r["default"] == "1" else 1 for r in rows])
res = sm.Logit(y, X).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
print(json.dumps({"params": list(res.params), "bse": list(res.bse), "pvalues": list(res.pvalues), "llf": res.llf,
                  "aic": res.aic, "bic": res.bic}))
)PY";

}  // namespace

TEST_CASE("score train: coefficient standard errors and p-values match statsmodels Logit", "[cli][score][statistics]") {
  if (!have_statsmodels()) FAIL("python3-statsmodels is needed (./dev setup installs it)");
  const std::string data = temp_file("stats.csv", stats_csv());
  const std::string model = temp_file("stats_model.json", "");
  auto r = run_cli({"score", "train", "--data", data, "--target", "default", "--bad", "1", "--exclude", "id", "--l2", "0",
                    "--max-correlation", "0.95", "--out", model, "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  const json& m = doc["model"];
  REQUIRE(m["coefficients"].size() >= 3);
  std::string names;
  for (std::size_t k = 1; k < m["coefficients"].size(); ++k) names += (k > 1 ? "," : "") + m["coefficients"][k]["name"].get<std::string>();
  const std::string script = temp_file("stats_ref.py", statsmodels_script);
  const std::string out = temp_file("stats_ref.json", "");
  const std::string cmd = "/usr/bin/python3 " + script + " " + data + " " + model + " " + names + " >" + out;
  REQUIRE(std::system(cmd.c_str()) == 0);
  const json ref = json::parse(slurp(out));
  std::remove(script.c_str());
  std::remove(out.c_str());
  REQUIRE(ref["params"].size() == m["coefficients"].size());
  for (std::size_t k = 0; k < ref["params"].size(); ++k) {
    const json& c = m["coefficients"][k];
    INFO("term " << c["name"]);
    CHECK(c["estimate"].get<double>() == Approx(ref["params"][k].get<double>()).epsilon(1e-6));
    CHECK(c["std_error"].get<double>() == Approx(ref["bse"][k].get<double>()).epsilon(1e-6));
    CHECK(c["p_value"].get<double>() == Approx(ref["pvalues"][k].get<double>()).epsilon(1e-5).margin(1e-12));
  }
  CHECK(m["log_likelihood"].get<double>() == Approx(ref["llf"].get<double>()).epsilon(1e-9));
  CHECK(m["aic"].get<double>() == Approx(ref["aic"].get<double>()).epsilon(1e-9));
  CHECK(m["bic"].get<double>() == Approx(ref["bic"].get<double>()).epsilon(1e-9));
  // VIF and correlation cover the model's features; VIF ≥ 1, diagonal r = 1.
  const std::size_t p = m["coefficients"].size() - 1;
  REQUIRE(m["vif"].size() == p);
  for (const auto& v : m["vif"]) CHECK(v["vif"].get<double>() >= 1.0);
  REQUIRE(m["correlation"]["matrix"].size() == p);
  for (std::size_t a = 0; a < p; ++a) CHECK(m["correlation"]["matrix"][a][a].get<double>() == 1.0);
  // Every feature not selected is in "dropped" with a rule; noise has low IV.
  for (const auto& f : doc["features"])
    if (!f["selected"].get<bool>()) CHECK_FALSE(f["rule"].get<std::string>().empty());
  bool noise_dropped = false;
  for (const auto& d : doc["dropped"])
    if (d["name"] == "noise") {
      noise_dropped = true;
      CHECK(d["rule"] == "min_iv");
      CHECK(d["statistic"].get<double>() < d["threshold"].get<double>());
    }
  CHECK(noise_dropped);
  std::remove(data.c_str());
  std::remove(model.c_str());
}

TEST_CASE("score train: VIF, p-value and stepwise rules name the number that dropped a feature", "[cli][score][statistics]") {
  const std::string data = temp_file("stats_sel.csv", stats_csv());
  auto run = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"score", "train", "--data", data, "--target", "default", "--bad", "1", "--exclude", "id",
                                  "--max-correlation", "0.99", "--min-iv", "0", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_cli(args);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  };
  SECTION("max VIF drops the feature with the largest VIF above it") {
    const json base = run({});
    double top = 0;
    for (const auto& v : base["model"]["vif"]) top = std::max(top, v["vif"].get<double>());
    REQUIRE(top > 1.05);
    const json doc = run({"--max-vif", std::to_string(top - 0.01)});
    bool found = false;
    for (const auto& d : doc["dropped"])
      if (d["rule"] == "max_vif") {
        found = true;
        CHECK(d["statistic"].get<double>() == Approx(top).margin(0.01));
      }
    CHECK(found);
  }
  SECTION("max p-value drops the weakest feature (noise has no effect)") {
    const json doc = run({"--max-p-value", "0.05"});
    for (const auto& c : doc["model"]["coefficients"])
      if (c["name"] != "intercept") CHECK(c["p_value"].get<double>() <= 0.05);
    for (const auto& d : doc["dropped"])
      if (d["rule"] == "max_p_value") CHECK(d["statistic"].get<double>() > 0.05);
  }
  SECTION("stepwise forward by AIC and backward by p-value") {
    for (const auto& [dir, crit] : std::vector<std::pair<std::string, std::string>>{{"forward", "aic"}, {"backward", "p"}, {"both", "bic"}}) {
      INFO(dir << " " << crit);
      const json doc = run({"--stepwise", dir, "--stepwise-criterion", crit});
      CHECK(doc["selection"]["stepwise"]["direction"] == dir);
      bool noise_out = true;
      for (const auto& c : doc["model"]["coefficients"]) noise_out = noise_out && c["name"] != "noise";
      // Pure noise fails p < 0.05 and BIC's ln(n) penalty here; AIC's penalty of 2
      // may let a binned noise column in (p < 0.157 suffices), so only the rule is checked.
      if (crit != "aic") CHECK(noise_out);
      for (const auto& d : doc["dropped"]) {
        if (d["rule"] != "stepwise") continue;
        REQUIRE(d["statistic"].is_number());
        const double v = d["statistic"].get<double>();
        const bool removed = d["status"].get<std::string>().rfind("removed", 0) == 0;
        if (crit == "p") CHECK(v > 0.05);            // its p-value when removed
        else if (removed) CHECK(v < 0);              // removing it lowered the criterion
        else CHECK(v >= 0);                          // adding it would not have lowered it
      }
    }
  }
  SECTION("bad selection options exit 2") {
    for (const auto& bad : std::vector<std::vector<std::string>>{
             {"--stepwise", "sideways"}, {"--stepwise-criterion", "r2"}, {"--max-vif", "-1"}, {"--max-p-value", "1.5"}, {"--p-enter", "0"}}) {
      std::vector<std::string> args{"score", "train", "--data", data, "--target", "default", "--bad", "1"};
      args.insert(args.end(), bad.begin(), bad.end());
      auto r = run_cli(args);
      INFO(bad[0]);
      CHECK(r.exit_code == 2);
    }
  }
  std::remove(data.c_str());
}

TEST_CASE("score generate --dates-from and train --oot-column: out-of-time report end to end", "[cli][score][oot]") {
  const std::string path = temp_file("gen_dates.csv", "");
  auto g = run_cli({"score", "generate", "--users", "6000", "--seed", "5", "--out", path, "--dates-from", "2024-01", "--months", "12"});
  REQUIRE(g.exit_code == 0);
  auto t = finlab::credit::parse_csv(slurp(path), path);
  REQUIRE(t.ok());
  REQUIRE(t->header[1] == "application_date");
  CHECK(t->cell(0, 1).substr(0, 7) == "2024-01");          // first users: the first month
  CHECK(t->cell(t->rows() - 1, 1).substr(0, 7) == "2024-12");  // last users: the last month
  auto r = run_cli({"score", "train", "--data", path, "--target", "bad", "--bad", "1", "--exclude", "user_id", "--oot-column",
                    "application_date", "--oot-from", "2024-10", "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  REQUIRE(doc.contains("oot"));
  // Months 10..12 of 12 equal months: a quarter of the rows are out of time.
  CHECK(doc["oot"]["n"].get<int>() == 1500);
  CHECK(doc["train"]["n"].get<int>() == 4500);
  CHECK(doc["oot"]["auc"].get<double>() > 0.6);
  CHECK(doc["oot"]["score_psi"].is_number());
  CHECK(doc["oot"]["feature_csi"].size() > 0);
  for (const auto& f : doc["features"]) {
    CHECK(f["name"] != "application_date");
    if (!f["bins"].empty()) CHECK(f["psi_train_oot"].is_number());
  }
  // The text report shows train and oot side by side.
  auto text = run_cli({"score", "train", "--data", path, "--target", "bad", "--bad", "1", "--exclude", "user_id", "--oot-column",
                       "application_date", "--oot-from", "2024-10"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Matchers::Contains("oot (from 2024-10)"));
  CHECK_THAT(text.out, Catch::Matchers::Contains("score PSI vs train"));
  CHECK_THAT(text.out, Catch::Matchers::Contains("PSI oot"));
  // Bad inputs.
  auto lonely = run_cli({"score", "train", "--data", path, "--target", "bad", "--bad", "1", "--oot-column", "application_date"});
  CHECK(lonely.exit_code == 2);
  CHECK_THAT(lonely.err, Catch::Matchers::Contains("--oot-column and --oot-from go together"));
  auto bad_from = run_cli({"score", "train", "--data", path, "--target", "bad", "--bad", "1", "--oot-column", "application_date", "--oot-from", "10/2024"});
  CHECK(bad_from.exit_code == 2);
  auto bad_col = run_cli({"score", "train", "--data", path, "--target", "bad", "--bad", "1", "--oot-column", "consent", "--oot-from", "2024-10"});
  CHECK(bad_col.exit_code == 1);
  CHECK_THAT(bad_col.err, Catch::Matchers::Contains(":2: column 'consent' has"));
  CHECK(run_cli({"score", "generate", "--users", "10", "--out", path, "--dates-from", "2024"}).exit_code == 2);
  std::remove(path.c_str());
}

TEST_CASE("score train --oot-column on German credit (UCI) with a month column added by row order", "[cli][score][oot]") {
  // credit-g has no dates: the test adds application_month by row order (rows
  // 1-750 in 2019-01..2019-09, the rest later) to exercise the OOT path on real data.
  std::istringstream in(slurp(std::string(FINLAB_SOURCE_DIR) + "/bench/credit/data/credit-g.csv"));
  std::string line, out;
  std::getline(in, line);
  out = line + ",application_month\n";
  for (int i = 0; std::getline(in, line); ++i) {
    char month[16];
    std::snprintf(month, sizeof month, "2019-%02d", 1 + i / 84);  // 84 rows a month: months 01..12
    out += line + "," + month + "\n";
  }
  const std::string path = temp_file("german_oot.csv", out);
  auto r = run_cli({"score", "train", "--data", path, "--target", "class", "--bad", "bad", "--oot-column", "application_month",
                    "--oot-from", "2019-10", "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["train"]["n"].get<int>() == 756);  // 9 months x 84 rows
  CHECK(doc["oot"]["n"].get<int>() == 244);
  CHECK(doc["oot"]["auc"].get<double>() > 0.65);
  CHECK(doc["model"]["coefficients"].size() >= 3);
  std::remove(path.c_str());
}
