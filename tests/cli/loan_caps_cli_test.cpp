// `finlab loan` and `finlab sim run` on the regulatory layer (issue 12): the
// all-in APR with the PBOC 2021 No. 3 day count, the cap verdict by lender type
// and date, the disclosure, penalty flags, the credit-line account, and the
// sim refusing a policy that breaks a cap.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

TEST_CASE("loan schedule: a daily product's APR is 365 x its daily IRR (18.1163%)", "[cli][loan][caps]") {
  // Issue 12: 365 x the daily IRR of the dated cash flows = 18.1163% (it printed 18.3552%, 12 x the monthly IRR).
  const std::vector<std::string> args{"loan", "schedule", "--principal", "10000", "--daily-rate", "0.05", "--term", "12", "--accrual", "days"};
  const auto r = run_cli(args);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("all-in cost: APR 18.1163% (daily-irr-x365)") && Catch::Contains("APR 18.12% (simple, x365)"));
  CHECK_THAT(r.out, Catch::Contains("disclosure: 年化利率（单利）：18.12%"));
  auto jargs = args;
  jargs.push_back("--json");
  const auto j = json::parse(run_cli(jargs).out);
  CHECK(j["apr_nominal_pct"] == "18.1163");
  CHECK(j["all_in"]["apr_pct"] == "18.1163");
  CHECK(j["all_in"]["rule"] == "daily-irr-x365");
}

TEST_CASE("loan schedule: fees, lender type and date give the verdict with its reasons", "[cli][loan][caps]") {
  // DOMAIN.md §2.3 example G (300 deducted: APR 23.91%) + a 20/month guarantee fee, as private lending in 2021
  // (4 x LPR 3.85% = 15.4%): breached.
  const auto r = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--term", "12", "--upfront-fee", "300",
                          "--charge", "guarantee_fee:20:monthly", "--lender-type", "private_lending", "--on", "2021-03-01", "--json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["all_in"]["paid_by_kind"]["guarantee_fee"] == "240.00");
  CHECK(j["all_in"]["net_received"] == "9700.00");
  CHECK(j["all_in"]["verdict"]["breached"] == true);
  CHECK(j["all_in"]["verdict"]["caps"][0]["cap"] == "4.00xLPR");
  CHECK(j["all_in"]["verdict"]["caps"][0]["limit_pct"] == "15.4000");
  CHECK_THAT(j["all_in"]["verdict"]["caps"][0]["reason_zh"].get<std::string>(), Catch::Contains("超出部分法院不予支持"));
  CHECK_THAT(j["all_in"]["disclosure"]["rule_zh"].get<std::string>(), Catch::Contains("中国人民银行公告〔2021〕第3号"));
}

TEST_CASE("loan schedule: a bullet loan explains its APR below the quoted rate", "[cli][loan][caps]") {
  const auto r = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--term", "12", "--method", "bullet"});
  REQUIRE(r.exit_code == 0);
  // 11,800 after 12 months: 12 x (1.18^(1/12) − 1) = 16.6661%.
  CHECK_THAT(r.out, Catch::Contains("APR 16.6661%") && Catch::Contains("Why below the quoted 18.00%"));
}

TEST_CASE("loan overdue flags penalty interest above its cap", "[cli][loan][caps][penalty]") {
  // A 35% contract rate accrues 1.5 x 35% = 52.5% penalty: above the 36% line for a microloan company in 2019.
  const std::vector<std::string> args{"loan", "overdue", "--principal", "10000", "--annual-rate", "35", "--term", "12", "--start", "2019-03-01",
                                      "--as-of", "2019-06-15"};
  const auto r = run_cli(args);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("penalty rate 52.50% a year (contract 35.00%): FLAGGED, above its cap"));
  auto jargs = args;
  jargs.push_back("--json");
  const json j = json::parse(run_cli(jargs).out);
  CHECK(j["penalty_cap"]["flagged"] == true);
  CHECK(j["penalty_cap"]["penalty_annual_pct"] == "52.5000");
  // A bank in 2016: the only penalty cap is 1.5 x contract (银发〔2003〕251号): 52.5% is within it.
  const std::vector<std::string> bank{"loan", "overdue", "--principal", "10000", "--annual-rate", "35", "--term", "12", "--start", "2016-03-01",
                                      "--as-of", "2016-06-15", "--lender-type", "bank", "--json"};
  const json b = json::parse(run_cli(bank).out);
  CHECK(b["penalty_cap"]["flagged"] == false);
  CHECK(b["penalty_cap"]["penalty"]["caps"][0]["cap"] == "1.50xcontract");
}

TEST_CASE("loan apr --dated gives the all-in APR of dated flows and its verdict", "[cli][loan][caps]") {
  // 30-day bullet: 9,950 received, 10,250 repaid: 365 x daily IRR = 36.159170% (python bisection), above the 36% cap
  // of a platform-facilitated lender in 2021.
  const std::string f = temp_file("bullet30.csv", "date,amount\n2021-06-01,-9950\n2021-07-01,10250\n");
  const auto r = run_cli({"loan", "apr", "--dated", f, "--lender-type", "platform_facilitated", "--json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["all_in"]["apr_pct"] == "36.1592");
  CHECK(j["all_in"]["verdict"]["breached"] == true);
}

TEST_CASE("loan line --draws: three draws, statements, grace, a late payment and acceleration", "[cli][loan][line][caps]") {
  // The worked example of tests/core/loan/credit_line_account_test.cpp (figures from its independent Python model).
  const std::string draws = temp_file("draws.csv", "date,amount,term_months\n2024-01-10,3000,3\n2024-01-25,6000,6\n2024-02-15,1200,3\n");
  const std::string pays = temp_file("pays.csv", "date,amount\n2024-02-23,2139.71\n2024-03-28,500\n");
  const std::vector<std::string> args{"loan", "line", "--draws", draws, "--payments", pays, "--annual-rate", "30", "--limit", "20000",
                                      "--grace-days", "3", "--accelerate-after", "2", "--minimum-due-pct", "10", "--until", "2024-05-10"};
  const auto r = run_cli(args);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("draw 1 (借据) on 2024-01-10") && Catch::Contains("accelerated (提前到期) on 2024-04-25") &&
                        Catch::Contains("paid in grace") && Catch::Contains("total due 8,348.48"));
  auto jargs = args;
  jargs.push_back("--json");
  const json j = json::parse(run_cli(jargs).out);
  REQUIRE(j["draws"].size() == 3);
  CHECK(j["statements"][0]["new_billed"] == "2139.71");
  CHECK(j["statements"][0]["minimum_due"] == "213.97");
  CHECK(j["statements"][2]["total_due"] == "4643.36");
  CHECK(j["penalty_capped"] == true);
  CHECK(j["penalty_outstanding"] == "201.44");
  CHECK(j["total_due"] == "8348.48");
  CHECK(j["draws"][0]["all_in"]["rule"] == "daily-irr-x365");
}

TEST_CASE("Bad regulatory input names the option or the file position", "[cli][loan][caps][errors]") {
  const auto lt = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--lender-type", "pawnshop"});
  CHECK(lt.exit_code == 2);
  CHECK_THAT(lt.err, Catch::Contains("--lender-type: unknown lender type \"pawnshop\""));
  const auto ch = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--charge", "tip:5"});
  CHECK(ch.exit_code == 2);
  CHECK_THAT(ch.err, Catch::Contains("--charge: 'tip' is not a fee kind"));
  const std::string caps = temp_file("caps.csv", "lender_type,applies_to,cap,effective_from,effective_to,consequence,uncertain,source\n"
                                                 "bank,all_in_apr,36,2017-12-01,,prohibited,no,x\n");
  const std::string lpr = temp_file("lpr.csv", "date,lpr_1y,uncertain,source\n2020-04-20,3.85%,no,x\n");
  const auto bad = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--caps", caps, "--lpr", lpr});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("caps.csv:2:17: cap: expected a rate such as 24%"));
  const auto one = run_cli({"loan", "schedule", "--principal", "10000", "--annual-rate", "18", "--caps", caps});
  CHECK(one.exit_code == 2);
  CHECK_THAT(one.err, Catch::Contains("give both --caps and --lpr"));
}

TEST_CASE("sim run refuses a policy whose all-in APR breaks a cap, with the JSON path and the APR", "[cli][sim][caps]") {
  // The issue's policy: 10% upfront fee, 0.0999%/day, 3-month loans; a 2018 start (microloan 36% all-in cap, 141号).
  auto p = json::parse(slurp(std::string(FINLAB_SOURCE_DIR) + "/assets/policies/baseline-2015.json"));
  p["credit"]["pricing"]["rates_pct"] = {"0.0999", "0.0999", "0.0999", "0.0999", "0.0999"};
  p["credit"]["terms_months"] = {3};
  p["credit"]["origination_fee_pct"] = "10";
  const std::string policy = temp_file("fee-policy.json", p.dump());
  const std::string scenario = temp_file("s2018.json", R"({"format": "finlab.scenario", "version": 1, "name": "s2018", "start": "2018-01-01"})");
  const auto r = run_cli({"sim", "run", "--policy", policy, "--scenario", scenario, "--users", "100", "--months", "12", "--seed", "1", "--db",
                          temp_file("caps-runs.db", "")});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("credit.pricing.rates_pct[0]: score band 0, 3 months, origination fee 10%") &&
                        Catch::Contains("all-in APR 104.13%"));
}
