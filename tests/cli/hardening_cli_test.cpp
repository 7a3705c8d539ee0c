// Hostile input through the real binary (issue 17, docs/limits.md): each
// TEST_CASE is one class of failure found by the audit — out-of-range numbers,
// sizes past their bounds, silent acceptance, a damaged store, unwritable
// output and formula cells in CSV exports. Each failed on the main of
// 2026-12-04 (the expected messages are the ones this branch introduced).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::temp_file;
using Catch::Matchers::Contains;

namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string asset(const std::string& rel) { return std::string(FINLAB_SOURCE_DIR) + "/assets/" + rel; }

// A copy of `text` with the first occurrence of `from` replaced by `to`.
std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct Db {
  std::string path;
  explicit Db(const char* name) : path(temp_file(std::string(name) + ".sqlite", "")) { std::remove(path.c_str()); }
  ~Db() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("Out-of-range whole numbers are refused with the option and the range, never saturated", "[cli][limits]") {
  Db db("hard_int");
  // 2^64 used to become 2^64-1 silently.
  auto r = run_cli({"sim", "run", "--users", "1000", "--months", "1", "--seed", "18446744073709551616", "--db", db.path});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--seed") && Contains("out of range") && Contains("18446744073709551615"));
  // A negative value for an unsigned option used to wrap to 2^64-1.
  r = run_cli({"sim", "run", "--users", "1000", "--months", "1", "--seed", "-1", "--db", db.path});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--seed") && Contains("negative"));
  // 99999999999999999999 used to look for run 9223372036854775807.
  r = run_cli({"sim", "show", "99999999999999999999", "--db", db.path});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("RUN") && Contains("out of range"));
  // Octal/hex forms of strtoll base 0 ("010" was 8) are decimal or refused.
  r = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--term", "0x10"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--term") && Contains("whole number"));
  CHECK_FALSE(exists(db.path));  // nothing ran
}

TEST_CASE("Sizes past their bounds are refused before any work starts", "[cli][limits]") {
  Db db("hard_threads");
  // --threads 1000000 aborted with SIGABRT and left the run 'running'.
  auto r = run_cli({"sim", "run", "--users", "1000", "--months", "1", "--seed", "1", "--threads", "1000000", "--db", db.path});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--threads") && Contains("between 1 and 256"));
  CHECK_FALSE(exists(db.path));
  // score generate --users 10^12 ran unbounded.
  const std::string out = temp_file("hard_gen.csv", "");
  r = run_cli({"score", "generate", "--users", "1000000000000", "--out", out});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--users") && Contains("100000000"));
  std::remove(out.c_str());
}

TEST_CASE("A plan amount past the limit is refused with its JSON path, no negative balances", "[cli][limits][portfolio]") {
  // initial_deposit 90000000000000000.00 printed negative balances, TWR -100% and exit 0.
  const std::string plan = temp_file("hard_plan.json", with(finlab::test::slurp(asset("plans/csi300_monthly.json")),
                                                             "\"initial_deposit\": \"10000.00\"",
                                                             "\"initial_deposit\": \"90000000000000000.00\""));
  auto r = run_cli({"portfolio", "simulate", "--plan", plan, "--paths", "10"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("$.initial_deposit") && Contains("limit"));
  CHECK(r.out.find("-100") == std::string::npos);
  std::remove(plan.c_str());
}

TEST_CASE("Duplicate JSON keys are refused with their path (policy, plan)", "[cli][json]") {
  // Policy: the second "cutoff" silently won.
  const std::string policy = temp_file("hard_dup_policy.json", with(finlab::test::slurp(asset("policies/baseline-2015.json")),
                                                                    "\"cutoff\": 600,", "\"cutoff\": 600, \"cutoff\": 300,"));
  Db db("hard_dup");
  auto r = run_cli({"sim", "run", "--policy", policy, "--users", "1000", "--months", "1", "--seed", "1", "--db", db.path});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Contains("$.credit.cutoff") && Contains("duplicate key"));
  std::remove(policy.c_str());
  const std::string plan = temp_file("hard_dup_plan.json", with(finlab::test::slurp(asset("plans/csi300_monthly.json")),
                                                                "\"years\": 10,", "\"years\": 10, \"years\": 20,"));
  r = run_cli({"portfolio", "simulate", "--plan", plan, "--paths", "10"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("$.years") && Contains("duplicate key"));
  std::remove(plan.c_str());
}

TEST_CASE("Read commands refuse a missing runs database instead of creating it", "[cli][store]") {
  const std::string typo = temp_file("hard_typo.db", "");
  std::remove(typo.c_str());
  for (const std::vector<std::string>& args : {std::vector<std::string>{"sim", "list", "--db", typo},
                                                std::vector<std::string>{"sim", "show", "1", "--db", typo},
                                                std::vector<std::string>{"sim", "export", "1", "--format", "csv", "--db", typo}}) {
    auto r = run_cli(args);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("no database at") && Contains(typo));
    CHECK_FALSE(exists(typo));
  }
}

TEST_CASE("Output that cannot be written is a failure (stdout to /dev/full)", "[cli][output]") {
  if (!exists("/dev/full")) return;  // Linux only
  const std::string cmd = finlab::test::shell_quote(FINLAB_CLI) + " loan schedule --principal 10000 --annual-rate 18 >/dev/full 2>/dev/null";
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);  // was 0
}

TEST_CASE("A damaged runs database is reported, never shown with changed figures", "[cli][store]") {
  Db db("hard_flip");
  auto r = run_cli({"sim", "run", "--users", "1000", "--months", "2", "--seed", "3", "--history", "3000", "--threads", "1", "--db", db.path});
  REQUIRE(r.exit_code == 0);
  const auto good = run_cli({"sim", "show", "1", "--db", db.path, "--json"});
  REQUIRE(good.exit_code == 0);
  const std::string original = finlab::test::slurp(db.path);
  REQUIRE(original.size() > 8192);
  // Flip one bit at many places past the header page; for each, `sim show`
  // either prints exactly the original figures or says the database is damaged.
  int damaged = 0, same = 0;
  for (std::size_t at = 4096 + 100; at < original.size(); at += original.size() / 23) {
    std::string bytes = original;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    {
      std::ofstream f(db.path, std::ios::binary | std::ios::trunc);
      f << bytes;
    }
    const auto s = run_cli({"sim", "show", "1", "--db", db.path, "--json"});
    INFO("bit flipped at byte " << at << ": exit " << s.exit_code << " " << s.err);
    if (s.exit_code == 0) {
      CHECK(s.out == good.out);
      ++same;
    } else {
      CHECK(s.exit_code == 1);
      CHECK_THAT(s.err, Contains("damaged") && Contains(db.path));
      CHECK(s.out.empty());
      ++damaged;
    }
  }
  CHECK(damaged > 0);  // the checksums do catch flips in pages that are read
}

TEST_CASE("CSV exports neutralise cells that a spreadsheet would run as formulas", "[cli][csv]") {
  const std::string data = temp_file("hard_formula.csv", [] {
    std::string s = "id,income,city,default\n";
    for (int i = 0; i < 400; ++i) {
      const int income = 2000 + (i * 37) % 20000;
      const bool bad = (income < 6000 && i % 3 == 0) || i % 17 == 0;
      s += (i == 0 ? std::string("=HYPERLINK(\"http://x\")") : std::to_string(i)) + "," + std::to_string(income) + "," +
           (i % 2 ? "@SUM(A1)" : "+cmd") + "," + (bad ? "yes" : "no") + "\n";
    }
    return s;
  }());
  const std::string model = temp_file("hard_formula_model.json", "");
  auto r = run_cli({"score", "train", "--data", data, "--target", "default", "--bad", "yes", "--exclude", "id", "--out", model});
  REQUIRE(r.exit_code == 0);
  const std::string out = temp_file("hard_formula_out.csv", "");
  r = run_cli({"score", "apply", "--model", model, "--data", data, "--id-column", "id", "--out", out});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string csv = finlab::test::slurp(out);
  CHECK_THAT(csv, Contains("'=HYPERLINK"));
  // No cell of any line starts a formula (after an optional opening quote).
  std::istringstream in(csv);
  std::string line;
  const std::regex formula_cell(R"re((^|,)"?[=+@])re");
  while (std::getline(in, line)) {
    INFO(line);
    CHECK_FALSE(std::regex_search(line, formula_cell));
  }
  for (const auto& p : {data, model, out}) std::remove(p.c_str());
}

TEST_CASE("Scorecard files: points, max_reasons and lists are bounded, unknown and duplicate keys refused", "[cli][limits][score]") {
  const std::string data = temp_file("hard_card.csv", [] {
    std::string s = "id,income,age,default\n";
    for (int i = 0; i < 400; ++i) {
      const int income = 2000 + (i * 37) % 20000;
      const bool bad = (income < 6000 && i % 3 == 0) || i % 17 == 0;
      s += std::to_string(i) + "," + std::to_string(income) + "," + std::to_string(20 + i % 40) + "," + (bad ? "yes" : "no") + "\n";
    }
    return s;
  }());
  const std::string model = temp_file("hard_card_model.json", "");
  auto r = run_cli({"score", "train", "--data", data, "--target", "default", "--bad", "yes", "--exclude", "id", "--out", model});
  REQUIRE(r.exit_code == 0);
  const std::string text = finlab::test::slurp(model);
  auto doc = nlohmann::ordered_json::parse(text);
  REQUIRE(doc["submodels"][0]["points"].size() > 0);
  REQUIRE(doc["submodels"][0]["points"][0].size() > 0);
  struct Case {
    const char* what;
    std::string json;
    std::vector<std::string> expect;
  };
  std::vector<Case> cases;
  {
    auto d = doc;  // 2^61 points made every score 0 in band E with exit 0
    d["submodels"][0]["points"][0][0] = std::int64_t{1} << 61;
    cases.push_back({"points 2^61", d.dump(), {"$.submodels[0].points[0]", "1000000"}});
  }
  {
    auto d = doc;  // max_reasons 1e9 took >30 s and 4.2 GB
    d["max_reasons"] = 1000000000;
    cases.push_back({"max_reasons 1e9", d.dump(), {"$.max_reasons", "between 0 and 100"}});
  }
  {
    auto d = doc;  // the model loader accepted unknown keys
    d["features"][0]["wieght"] = 1;
    cases.push_back({"unknown key", d.dump(), {"$.features[0].wieght", "unknown key"}});
  }
  {
    const std::string dup = with(doc.dump(), "\"max_reasons\":", "\"max_reasons\":3,\"max_reasons\":");
    cases.push_back({"duplicate key", dup, {"$.max_reasons", "duplicate key"}});
  }
  for (const auto& c : cases) {
    INFO(c.what);
    const std::string bad = temp_file("hard_card_bad.json", c.json);
    r = run_cli({"score", "apply", "--model", bad, "--data", data});
    CHECK(r.exit_code == 1);
    for (const auto& e : c.expect) CHECK_THAT(r.err, Contains(e));
    CHECK(r.err.size() < 600);  // says where, does not dump the input
    std::remove(bad.c_str());
  }
  for (const auto& p : {data, model}) std::remove(p.c_str());
}

TEST_CASE("Messages quote at most a short escaped excerpt of bad input", "[cli][messages]") {
  // A 100k-column header used to produce 7.9 MB of stderr.
  std::string header;
  for (int i = 0; i < 20000; ++i) header += "column_with_a_long_name_" + std::to_string(i % 10000) + ",";
  header += "default\n";
  const std::string data = temp_file("hard_wide.csv", header);
  auto r = run_cli({"score", "train", "--data", data, "--target", "default", "--bad", "yes"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.size() < 600);
  std::remove(data.c_str());
  // Binary garbage as a NAV file: no raw control bytes in the message.
  std::string garbage = "date,nav\n";
  for (int i = 0; i < 4000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  const std::string nav = temp_file("hard_garbage_nav.csv", garbage);
  r = run_cli({"portfolio", "replay", "--plan", asset("plans/csi300_monthly.json"), "--nav", nav});
  CHECK(r.exit_code == 1);
  CHECK(r.err.size() < 600);
  for (char c : r.err) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
  std::remove(nav.c_str());
}
