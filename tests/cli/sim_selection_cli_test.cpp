// `finlab sim selection` through the real binary: one JSON document with
// decimal strings, the table, the full-information case, and exit codes (2 for
// usage errors, 1 for bad data) as the other sim commands.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

std::string baseline_with(const std::string& history_object) {
  std::string s = slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json");
  s.insert(s.find("\"cutoff\""), "\"history\": " + history_object + ", ");
  return s;
}

}  // namespace

TEST_CASE("finlab sim selection prints each method's predicted and true swap-in bad rates", "[cli][sim][selection]") {
  auto r = run_cli({"sim", "selection", "--seed", "4", "--history", "4000", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["policy"] == "baseline-2015");
  CHECK(doc["scenario"] == "baseline");
  CHECK(doc["seed"] == "4");
  CHECK(doc["history_users"] == 4000);
  CHECK(doc["cutoff"] == 600);
  CHECK(doc["policy_method"] == "none");
  CHECK(doc["test_split"]["true_bad_rate"].is_string());
  REQUIRE(doc["methods"].size() == 5);
  CHECK(doc["methods"][0]["method"] == "none");
  CHECK(doc["methods"][0]["policy_method"] == true);
  CHECK(doc["methods"][4]["method"] == "reweighting");
  for (const auto& m : doc["methods"]) {
    INFO(m.dump());
    CHECK(m["auc"].is_string());
    REQUIRE(m["swap_in"].get<long long>() > 0);
    for (const char* k : {"predicted_bad_rate", "true_bad_rate", "difference_pp"}) {
      REQUIRE(m[k].is_string());
      CHECK(m[k].get<std::string>().find('.') == m[k].get<std::string>().size() - 5);  // 4 decimals
    }
  }
  SECTION("the table and one method alone") {
    auto t = run_cli({"sim", "selection", "--seed", "4", "--history", "4000"});
    CHECK(t.exit_code == 0);
    CHECK_THAT(t.out, Contains("predicted bad"));
    CHECK_THAT(t.out, Contains("parcelling"));
    CHECK_THAT(t.out, Contains("swap-in = declined by the incumbent"));
    auto one = run_cli({"sim", "selection", "--seed", "4", "--history", "4000", "--method", "parcelling", "--json"});
    REQUIRE(one.exit_code == 0);
    const json d1 = json::parse(one.out);
    REQUIRE(d1["methods"].size() == 1);
    CHECK(d1["methods"][0]["predicted_bad_rate"] == doc["methods"][3]["predicted_bad_rate"]);
    CHECK(d1["methods"][0]["true_bad_rate"] == doc["methods"][3]["true_bad_rate"]);
  }
}

TEST_CASE("finlab sim selection under full information says there are no swap-ins", "[cli][sim][selection]") {
  const std::string path = temp_file("full_info_policy.json", baseline_with(R"({"incumbent_cutoff": 0})"));
  auto r = run_cli({"sim", "selection", "--seed", "4", "--history", "3000", "--policy", path, "--method", "policy", "--json"});
  auto t = run_cli({"sim", "selection", "--seed", "4", "--history", "3000", "--policy", path, "--method", "policy"});
  std::remove(path.c_str());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["incumbent_cutoff"] == 0);
  CHECK(doc["test_split"]["declined"] == 0);
  REQUIRE(doc["methods"].size() == 1);
  CHECK(doc["methods"][0]["swap_in"] == 0);
  CHECK(doc["methods"][0]["predicted_bad_rate"].is_null());
  CHECK(doc["methods"][0]["true_bad_rate"].is_null());
  CHECK_THAT(doc["note"].get<std::string>(), Contains("no swap-ins"));
  CHECK(t.exit_code == 0);
  CHECK_THAT(t.out, Contains("no swap-ins"));
}

TEST_CASE("finlab sim selection rejects bad arguments with exit 2 and bad files with exit 1", "[cli][sim][selection][errors]") {
  SECTION("usage errors") {
    CHECK(run_cli({"sim", "selection"}).exit_code == 2);  // no --seed
    auto small = run_cli({"sim", "selection", "--seed", "1", "--history", "999"});
    CHECK(small.exit_code == 2);
    CHECK_THAT(small.err, Contains("--history: the training history must have 1,000 to 10,000,000 users, got 999"));
    auto neg = run_cli({"sim", "selection", "--seed", "1", "--history", "-5"});
    CHECK(neg.exit_code == 2);
    auto method = run_cli({"sim", "selection", "--seed", "1", "--method", "augment"});
    CHECK(method.exit_code == 2);
    CHECK_THAT(method.err, Contains("--method: unknown method \"augment\""));
    CHECK_THAT(method.err, Contains("reweighting"));
    auto scen = run_cli({"sim", "selection", "--seed", "1", "--scenario", "apocalypse"});
    CHECK(scen.exit_code == 2);
    CHECK_THAT(scen.err, Contains("unknown scenario \"apocalypse\""));
    CHECK(run_cli({"sim", "selection", "--seed", "1", "--policy", "no-such.json"}).exit_code == 2);
    CHECK(run_cli({"sim", "selection", "--seed", "x1"}).exit_code == 2);
  }
  SECTION("an invalid policy is reported with JSON paths, exit 1") {
    const std::string bad = temp_file("bad_selection_policy.json", baseline_with(R"({"reject_inference": "augment"})"));
    auto r = run_cli({"sim", "selection", "--seed", "1", "--policy", bad});
    std::remove(bad.c_str());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("credit.history.reject_inference: unknown method 'augment'"));
  }
}
