// `finlab portfolio ...` run as a real binary: the projection's JSON and its
// independence from the thread count, the median path reproduced by a replay
// of its model NAV, an approved golden replay table, exit codes and messages
// for bad arguments, bad plan files and bad NAV files.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

namespace {
const std::string plans = std::string(FINLAB_SOURCE_DIR) + "/assets/plans/";
const std::string example = plans + "csi300_monthly.json";
const std::string golden_dir = std::string(FINLAB_SOURCE_DIR) + "/tests/cli/golden/";
std::vector<std::string> portfolio(std::initializer_list<std::string> args) {
  std::vector<std::string> v{"portfolio"};
  v.insert(v.end(), args);
  return v;
}
}  // namespace

TEST_CASE("finlab portfolio --help lists simulate, replay and nav", "[cli][portfolio]") {
  const auto r = run_cli(portfolio({"--help"}));
  CHECK(r.exit_code == 0);
  for (const char* sub : {"simulate", "replay", "nav"}) CHECK_THAT(r.out, Catch::Matchers::Contains(sub));
}

TEST_CASE("finlab portfolio simulate prints the fan, the outcome and the median path's figures", "[cli][portfolio]") {
  const auto r = run_cli(portfolio({"simulate", "--plan", example, "--paths", "200", "--years", "2", "--seed", "5"}));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* s : {"value over time", "p95", "P(end value < money put in) = ", "distribution of the end value", "money-weighted return (XIRR)",
                        "time-weighted return", "maximum drawdown", "活期宝 income vs fund gain", "GARCH(1,1) with Student-t(5)"}) {
    CHECK_THAT(r.out, Catch::Matchers::Contains(s));
  }
}

TEST_CASE("finlab portfolio simulate --json: the same document for any thread count", "[cli][portfolio][json][determinism]") {
  const auto one = run_cli(portfolio({"simulate", "--plan", example, "--paths", "300", "--years", "3", "--seed", "9", "--threads", "1", "--json"}));
  const auto three = run_cli(portfolio({"simulate", "--plan", example, "--paths", "300", "--years", "3", "--seed", "9", "--threads", "3", "--json"}));
  REQUIRE(one.exit_code == 0);
  REQUIRE(three.exit_code == 0);
  CHECK(one.out == three.out);
  const json j = json::parse(one.out);
  CHECK(j["settings"]["paths"] == 300);
  CHECK(j["paid_in"] == "46000.00");
  CHECK(j["fan"].size() == 36);
  CHECK(j["fan"][0]["date"] == "2015-06-30");
  CHECK(j["histogram"].size() == 20);
  std::size_t count = 0;
  for (const auto& b : j["histogram"]) count += b["paths"].get<std::size_t>();
  CHECK(count == 300);
  CHECK(j["end_value"]["p5"].is_string());
  CHECK(j["median_path"]["totals"]["end_value"] == j["end_value"]["p50"]);
  CHECK(j["median_path"]["performance"]["mwr"]["name"] == "money-weighted return (XIRR)");
  CHECK(j["median_path"]["performance"]["mwr"]["formula"].get<std::string>().find("loan::xirr") != std::string::npos);
}

TEST_CASE("Replaying the model NAV of the median path gives the projection's median", "[cli][portfolio][replay]") {
  const auto sim = run_cli(portfolio({"simulate", "--plan", example, "--paths", "101", "--years", "2", "--seed", "4", "--json"}));
  REQUIRE(sim.exit_code == 0);
  const json s = json::parse(sim.out);
  const std::string path = std::to_string(s["median_path"]["path"].get<std::size_t>());
  const auto nav = run_cli(portfolio({"nav", "--plan", example, "--path", path, "--seed", "4", "--years", "2"}));
  REQUIRE(nav.exit_code == 0);
  CHECK(nav.out.rfind("date,nav,dividend\n2015-06-01,1.0000,\n", 0) == 0);
  const std::string file = temp_file("median_nav.csv", nav.out);
  const auto rep = run_cli(portfolio({"replay", "--plan", example, "--nav", file, "--json"}));
  INFO(rep.err);
  REQUIRE(rep.exit_code == 0);
  const json r = json::parse(rep.out);
  CHECK(r["totals"]["end_value"] == s["end_value"]["p50"]);
  CHECK(r["last_day"] == s["last_day"]);
  // Money is conserved in the replay: end = put in + 活期宝 income + fund gain (checked on the decimal strings' values).
  const auto fen = [](const json& v) { return std::llround(std::stod(v.get<std::string>()) * 100); };
  CHECK(fen(r["totals"]["end_value"]) == fen(r["totals"]["paid_in"]) + fen(r["totals"]["huoqibao_income"]) + fen(r["totals"]["fund_gain"]));
  std::remove(file.c_str());
}

TEST_CASE("finlab portfolio replay prints transactions, month ends and holdings (approved golden file)", "[cli][portfolio][replay][golden]") {
  const auto nav = run_cli(portfolio({"nav", "--plan", example, "--path", "3", "--years", "1"}));
  REQUIRE(nav.exit_code == 0);
  const std::string file = temp_file("golden_nav.csv", nav.out);
  const auto r = run_cli(portfolio({"replay", "--plan", example, "--nav", "csi300=" + file, "--to", "2015-09-30", "--explain"}));
  std::remove(file.c_str());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // The NAV file name is a temporary: compare from the second line on.
  const std::string body = r.out.substr(r.out.find('\n', r.out.find('\n') + 1) + 1);
  CHECK(body == slurp(golden_dir + "portfolio_replay_2015q3.txt"));
}

TEST_CASE("Bad arguments are usage errors (exit 2) that name the option", "[cli][portfolio][errors]") {
  auto check = [](std::initializer_list<std::string> args, const char* message) {
    const auto r = run_cli(portfolio(args));
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Matchers::Contains(message));
  };
  check({"simulate"}, "--plan");
  check({"simulate", "--plan", example, "--paths", "0"}, "--paths: 0 is not in [1, 1000000]");
  check({"simulate", "--plan", example, "--paths", "ten"}, "--paths: 'ten' is not a whole number");
  check({"simulate", "--plan", example, "--years", "0"}, "--years: 0 is not in [1, 50]");
  check({"simulate", "--plan", example, "--seed", "-1"}, "--seed: '-1' is not a whole number");
  check({"simulate", "--plan", example, "--colour", "red"}, "--colour");
  check({"replay", "--plan", example}, "--nav");
  check({"replay", "--plan", example, "--nav", "csi500=x.csv"}, "--nav csi500=x.csv: the plan has no fund \"csi500\"");
  check({"replay", "--plan", plans + "balanced_rebalance.json", "--nav", "x.csv"}, "the plan has 2 funds; write --nav ID=FILE");
  check({"nav", "--plan", plans + "balanced_rebalance.json"}, "--fund: the plan has 2 funds; name one");
  check({"bogus"}, "subcommand");
}

TEST_CASE("Bad plan and NAV files fail (exit 1) saying where and what", "[cli][portfolio][errors]") {
  auto fails = [](std::initializer_list<std::string> args, const std::string& message) {
    const auto r = run_cli(portfolio(args));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Matchers::Contains(message));
  };
  fails({"simulate", "--plan", "no_such_plan.json"}, "cannot open no_such_plan.json");
  const std::string syntax = temp_file("syntax.json", "{\n  \"name\": \"x\",\n  \"start\": \"2015-06-01\",\n}\n");
  fails({"simulate", "--plan", syntax}, syntax + ": line 4, column 1: invalid JSON");  // core/strict_json.hpp
  const std::string number = temp_file("number.json", R"({ "name": "x", "start": "2015-06-01", "initial_deposit": 10000 })");
  fails({"simulate", "--plan", number}, number + ": $.initial_deposit: expected a decimal string such as \"1000.00\", got a number");
  const std::string fund = temp_file("fund.json", R"({ "name": "x", "start": "2015-06-01", "funds": [ { "id": "a", "nav_model": { "dof": 2 } } ] })");
  fails({"simulate", "--plan", fund}, fund + ": $.funds[0].nav_model.dof: 2 is not in [3, 1000]");
  const std::string late = temp_file("late.json", R"({ "name": "x", "start": "2024-01-02", "years": 10, "funds": [ { "id": "a" } ] })");
  fails({"simulate", "--plan", late}, "no trading calendar for 2034 (needed for 2034-01-01; the calendar covers 2015..2026)");
  const std::string bad_nav = temp_file("bad_nav.csv", "date,nav\n2015-06-01,1.0000\n2015-06-06,1.0100\n");
  fails({"replay", "--plan", example, "--nav", bad_nav}, bad_nav + ":3:1: 2015-06-06 is not a trading day (Saturday)");
  const std::string gap = temp_file("gap.csv", "date,nav\n2015-06-01,1.0000\n2015-06-03,1.0100\n");
  fails({"replay", "--plan", example, "--nav", gap}, gap + ": no row for trading day 2015-06-02 (after line 2, 2015-06-01; before line 3, 2015-06-03)");
  for (const auto& f : {syntax, number, fund, late, bad_nav, gap}) std::remove(f.c_str());
}

TEST_CASE("finlab portfolio simulate checks the investor profile: refused with the reason, allowed with the signed warning", "[cli][portfolio][suitability]") {
  // Lowest category (no loss accepted): refused, exit 1, even with the warning.
  auto r = run_cli(portfolio({"simulate", "--plan", example, "--paths", "10", "--years", "1", "--answers", "0,0,0,0,0,0,0,0,0,0,0", "--assessed", "2015-05-20", "--signed-warning"}));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Matchers::Contains("suitability: Index fund (R3) is above the investor's level C1") && Catch::Matchers::Contains("refused_lowest"));
  // An ordinary C1: refused until the warning is signed.
  r = run_cli(portfolio({"simulate", "--plan", example, "--paths", "10", "--years", "1", "--answers", "0,0,0,0,0,0,0,0,0,1,0", "--assessed", "2015-05-20"}));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Matchers::Contains("needs_signed_warning"));
  r = run_cli(portfolio({"simulate", "--plan", example, "--paths", "10", "--years", "1", "--answers", "0,0,0,0,0,0,0,0,0,1,0", "--assessed", "2015-05-20", "--signed-warning", "--json"}));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // C3 runs, and gives the same projection as without a profile.
  const auto c3 = run_cli(portfolio({"simulate", "--plan", example, "--paths", "10", "--years", "1", "--answers", "0,1,3,3,0,0,1,0,1,1,0", "--assessed", "2015-05-20", "--json"}));
  const auto none = run_cli(portfolio({"simulate", "--plan", example, "--paths", "10", "--years", "1", "--json"}));
  REQUIRE(c3.exit_code == 0);
  CHECK(json::parse(c3.out)["fan"] == json::parse(none.out)["fan"]);
  // Bad profiles.
  r = run_cli(portfolio({"simulate", "--plan", example, "--answers", "0,1"}));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("needs both --answers and --assessed"));
  r = run_cli(portfolio({"simulate", "--plan", example, "--answers", "0,x", "--assessed", "2015-05-20"}));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("--answers: expected option numbers separated by commas"));
  r = run_cli(portfolio({"simulate", "--plan", example, "--answers", "0,1", "--assessed", "2015-05-20"}));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Matchers::Contains("--answers: expected 11 answers (one per question), got 2"));
}
