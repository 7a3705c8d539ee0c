// `finlab score ...` through the real binary: generate → train → apply →
// report → export, the JSON report shape of issue 5, exit codes, the SQL
// export scoring inside SQLite like `apply`, and every messy-CSV case.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

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

TEST_CASE("score train prints tables by default; the model is versioned JSON", "[cli][score]") {
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

TEST_CASE("score export --format sqlite stores the card; apply reads it back with the same scores", "[cli][score][sql]") {
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
  CHECK_THAT(bad_model.err, Catch::Matchers::Contains("scorecard: not valid JSON"));
}
