// More hostile input through the real binary (issue 17, docs/limits.md): the
// classes of hardening_cli_test.cpp that it did not reach — dates a command
// would print but not read back, payments outside a loan's life, a huge plan
// list and a very wide CSV refused before any work, an overflowing option
// named in its message. Each failed on the main of 2026-12-04.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/store/database.hpp"
#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::temp_file;
using Catch::Matchers::Contains;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("A schedule never prints a date finlab would refuse to read", "[cli][limits][dates]") {
  // Printed due dates in 2201, which the date parser rejects.
  auto r = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--term", "12", "--start", "2200-12-01"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--start") && Contains("2200"));
  CHECK(r.out.empty());
}

TEST_CASE("Payments outside a loan's life are refused with file and line, not applied or ignored", "[cli][loan][dates]") {
  const std::vector<std::string> base = {"loan", "overdue", "--principal", "10000", "--annual-rate", "18", "--start", "2015-05-12", "--as-of", "2015-12-20", "--payments"};
  const std::string early = temp_file("pay_early.csv", "date,amount\n2015-06-12,916.80\n2015-05-01,100.00\n");
  auto args = base;
  args.push_back(early);
  auto r = run_cli(args);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("pay_early.csv") && Contains("before the disbursement"));
  const std::string late = temp_file("pay_late.csv", "date,amount\n2015-06-12,916.80\n2016-01-05,100.00\n");
  args = base;
  args.push_back(late);
  r = run_cli(args);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("pay_late.csv") && Contains("after --as-of"));
  std::remove(early.c_str());
  std::remove(late.c_str());
}

TEST_CASE("A plan with too many rules and a CSV with too many columns are refused before any work", "[cli][limits]") {
  // 100,000 deposit rules took over 30 s and 2.3 GB; 5,000 (five times the
  // limit) were accepted and simulated.
  nlohmann::json doc = nlohmann::json::parse(slurp(FINLAB_SOURCE_DIR "/assets/plans/csi300_monthly.json"));
  nlohmann::json rules = nlohmann::json::array();
  for (int i = 0; i < 5000; ++i) rules.push_back({{"amount", "100.00"}, {"every", "month"}, {"day", 1}});
  doc["deposits"] = rules;
  const std::string plan = temp_file("many_deposits.json", doc.dump());
  auto t0 = std::chrono::steady_clock::now();
  auto r = run_cli({"portfolio", "simulate", "--plan", plan, "--paths", "10"});
  CHECK(seconds_since(t0) < 10);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("$.deposits") && Contains("1000"));
  CHECK(r.err.size() < 600);
  std::remove(plan.c_str());
  // 100,000 header columns took 13 s (a quadratic duplicate-name check);
  // 20,000 (twice the limit) were read.
  std::string header;
  for (int i = 0; i < 20000; ++i) header += (i ? ",c" : "c") + std::to_string(i);
  const std::string wide = temp_file("wide.csv", header + "\n");
  t0 = std::chrono::steady_clock::now();
  r = run_cli({"score", "train", "--data", wide, "--target", "c0", "--bad", "1"});
  CHECK(seconds_since(t0) < 10);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("wide.csv") && Contains("10000"));
  CHECK(r.err.size() < 600);
  std::remove(wide.c_str());
}

TEST_CASE("An overflowing option is named in its message", "[cli][limits][messages]") {
  // Said "overflow in Decimal addition" without naming the option.
  auto r = run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-06-30", "--volatility", "100000"});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Contains("--volatility"));
  CHECK(r.err.find(".cpp") == std::string::npos);  // no source path in a message
}

TEST_CASE("A stored run that cannot be read is reported in words, not the JSON library's text", "[cli][store][messages]") {
  const std::string db = temp_file("hard_stored.sqlite", "");
  std::remove(db.c_str());
  auto r = run_cli({"sim", "run", "--users", "500", "--months", "2", "--seed", "4", "--history", "3000", "--threads", "1", "--db", db, "--no-progress"});
  REQUIRE(r.exit_code == 0);
  {
    // A field missing from the stored assumptions (as in a database written by
    // another version): the message was "[json.exception.out_of_range.403] key
    // 'miss_base_ppm' not found".
    auto d = finlab::store::Database::open(db).value();
    auto doc = nlohmann::json::parse([&] {
      auto st = d.prepare("SELECT assumptions_json FROM sim_runs WHERE run_id = 1");
      REQUIRE(st.step());
      return st.column_text(0);
    }());
    REQUIRE(doc.is_object());
    REQUIRE(doc.contains("miss_base_ppm"));
    doc.erase("miss_base_ppm");  // a required field (newer fields are optional: older runs lack them)
    auto up = d.prepare("UPDATE sim_runs SET assumptions_json = ?1 WHERE run_id = 1");
    up.bind(1, doc.dump());
    up.step();
  }
  // `sim user` rebuilds the run's configuration to replay one user.
  r = run_cli({"sim", "user", "1", "3", "--db", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("assumptions") && Contains("cannot be read") && Contains("damaged"));
  CHECK(r.err.find("json.exception") == std::string::npos);
  CHECK(r.err.size() < 600);
  CHECK(r.out.empty());
  std::remove(db.c_str());
}
