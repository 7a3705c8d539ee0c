// `finlab loan ...` run as a real binary: golden output, JSON fields, exit
// codes and error messages for bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

namespace {
const std::string golden_dir = std::string(FINLAB_SOURCE_DIR) + "/tests/cli/golden/";
std::vector<std::string> loan(std::initializer_list<std::string> args) {
  std::vector<std::string> v{"loan"};
  v.insert(v.end(), args);
  return v;
}
}  // namespace

TEST_CASE("finlab loan schedule prints the DOMAIN.md §2.2(a) table (approved golden file)", "[cli][loan][golden]") {
  const auto r = run_cli(loan({"schedule", "--principal", "10000", "--annual-rate", "18", "--term", "12", "--method", "equal-installment", "--start", "2015-05-12"}));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == slurp(golden_dir + "loan_schedule_domain_2_2a.txt"));
}

TEST_CASE("finlab loan schedule --json has installments and decimal-string totals and rates", "[cli][loan][json]") {
  const auto r = run_cli(loan({"schedule", "--principal", "10000", "--annual-rate", "18", "--term", "12", "--json"}));
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  REQUIRE(j["installments"].size() == 12);
  CHECK(j["installments"][0]["period"] == 1);
  CHECK(j["installments"][0]["due_date"] == "2015-06-12");
  CHECK(j["installments"][0]["payment"] == "916.80");
  CHECK(j["installments"][0]["principal"] == "766.80");
  CHECK(j["installments"][0]["interest"] == "150.00");
  CHECK(j["installments"][0]["balance"] == "9233.20");
  CHECK(j["installments"][11]["payment"] == "916.81");
  CHECK(j["total_payment"] == "11001.61");
  CHECK(j["total_interest"] == "1001.61");
  CHECK(j["apr_nominal_pct"] == "18.0002");
  CHECK(j["apr_effective_pct"] == "19.5620");
  CHECK(j["cap"]["flagged"] == false);
}

TEST_CASE("The other methods and rate quotes reach the engine", "[cli][loan]") {
  auto total_interest = [](std::initializer_list<std::string> extra) {
    std::vector<std::string> a{"loan", "schedule", "--principal", "10000", "--term", "12", "--json"};
    a.insert(a.end(), extra);
    const auto r = run_cli(a);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out)["total_interest"].get<std::string>();
  };
  CHECK(total_interest({"--annual-rate", "18", "--method", "interest-only"}) == "1800.00");
  CHECK(total_interest({"--monthly-rate", "1.5", "--method", "equal-principal"}) == "975.00");
  CHECK(total_interest({"--daily-rate", "0.05"}) == "1001.61");  // 0.05% × 360 = 18%
  CHECK(total_interest({"--annual-rate", "12", "--method", "bullet", "--term-days", "90", "--basis", "365"}) == "295.89");
}

TEST_CASE("Fees show how far the quoted rate is from the true one", "[cli][loan][apr]") {
  // DOMAIN.md §2.3 example G: 18% quoted, 300 deducted upfront → APR 23.91%.
  const auto g = run_cli(loan({"schedule", "--principal", "10000", "--annual-rate", "18", "--upfront-fee", "300", "--json"}));
  REQUIRE(g.exit_code == 0);
  CHECK(json::parse(g.out)["apr_nominal_pct"] == "23.9090");
  // Example F: a 0.6% monthly flat fee at 0% interest is 13.03% APR; above a 12% cap it is flagged.
  const auto f = run_cli(loan({"schedule", "--principal", "12000", "--annual-rate", "0", "--method", "equal-principal",
                               "--monthly-fee-rate", "0.6", "--cap", "12", "--hard-cap", "24"}));
  REQUIRE(f.exit_code == 0);
  CHECK_THAT(f.out, Catch::Contains("APR 13.03%") && Catch::Contains("above the 12% cap"));
}

TEST_CASE("finlab loan apr: IRR, APR and EAR of a cash-flow list, all roots when several", "[cli][loan][apr]") {
  const auto r = run_cli(loan({"apr", "--cashflows", "-12000,1072,1072,1072,1072,1072,1072,1072,1072,1072,1072,1072,1072", "--json"}));
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["irr_per_period"] == "0.010861853568");
  CHECK(j["apr_nominal_pct"] == "13.0342");
  CHECK(j["apr_effective_pct"] == "13.8418");
  CHECK(j["unique"] == true);
  const auto m = run_cli(loan({"apr", "--cashflows", "-100,230,-132"}));
  REQUIRE(m.exit_code == 0);
  CHECK_THAT(m.out, Catch::Contains("10.000000%, 20.000000%") && Catch::Contains("chose 10.000000%"));
  const auto none = run_cli(loan({"apr", "--cashflows", "100,200"}));
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.err, Catch::Contains("all cash flows are positive"));
}

TEST_CASE("finlab loan apr --dated computes XIRR from a CSV", "[cli][loan][xirr]") {
  const std::string f = temp_file("dated.csv", "date,amount\n2015-01-01,-10000\n2016-01-01,11000\n");
  const auto r = run_cli(loan({"apr", "--dated", f, "--json"}));
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["apr_effective_pct"] == "10.0000");
  const std::string bad = temp_file("dated_bad.csv", "date,amount\n2015-01-01,-10000\n2016-02-30,11000\n");
  const auto e = run_cli(loan({"apr", "--dated", bad}));
  CHECK(e.exit_code == 1);
  CHECK_THAT(e.err, Catch::Contains(bad + ":3: date: no such date: 2016-02-30"));
  std::remove(f.c_str());
  std::remove(bad.c_str());
}

TEST_CASE("finlab loan line replays draws and repayments with daily interest", "[cli][loan][line]") {
  const std::string f = temp_file("line.csv", "date,type,amount\n2015-06-01,draw,10000\n2015-06-11,repay,4050\n2015-07-01,repay,6060\n");
  const auto r = run_cli(loan({"line", "--events", f, "--daily-rate", "0.05", "--json"}));
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["interest_paid"] == "110.00");
  CHECK(j["days"].size() == 31);
  CHECK(j["days"][0]["day_interest"] == "5.00000000");
  CHECK(j["principal_outstanding"] == "0.00");
  const auto t = run_cli(loan({"line", "--events", f, "--annual-rate", "18"}));
  CHECK(t.exit_code == 0);
  CHECK_THAT(t.out, Catch::Contains("interest paid 110.00"));
  const std::string over = temp_file("line_over.csv", "date,type,amount\n2015-06-01,draw,100\n2015-06-02,repay,500\n");
  const auto e = run_cli(loan({"line", "--events", over, "--daily-rate", "0.05"}));
  CHECK(e.exit_code == 1);
  CHECK_THAT(e.err, Catch::Contains(over + ":3: event 2 (2015-06-02): repayment 500.00 is more than the 100.05 owed"));
  const std::string kind = temp_file("line_kind.csv", "date,type,amount\n2015-06-01,withdraw,100\n");
  CHECK_THAT(run_cli(loan({"line", "--events", kind, "--daily-rate", "0.05"})).err, Catch::Contains(kind + ":2: type: unknown event type 'withdraw'"));
  for (const auto& p : {f, over, kind}) std::remove(p.c_str());
}

TEST_CASE("finlab loan prepay reproduces DOMAIN.md §2.4 example H and the payoff", "[cli][loan][prepay]") {
  const auto lower = run_cli(loan({"prepay", "--principal", "10000", "--annual-rate", "18", "--date", "2015-11-12", "--amount", "3000",
                                   "--mode", "lower-installment"}));
  REQUIRE(lower.exit_code == 0);
  CHECK(lower.out == slurp(golden_dir + "loan_prepay_domain_2_4h_lower.txt"));
  const auto shorten = run_cli(loan({"prepay", "--principal", "10000", "--annual-rate", "18", "--date", "2015-11-12", "--amount", "3000", "--json"}));
  REQUIRE(shorten.exit_code == 0);
  const json j = json::parse(shorten.out);
  CHECK(j["installments"].size() == 3);
  CHECK(j["installments"][2]["payment"] == "449.68");
  CHECK(j["interest_after"] == "60.10");
  const auto payoff = run_cli(loan({"prepay", "--principal", "10000", "--annual-rate", "18", "--date", "2015-11-22", "--payoff", "--json"}));
  REQUIRE(payoff.exit_code == 0);
  CHECK(json::parse(payoff.out)["payoff"] == "5249.30");
  const auto late = run_cli(loan({"prepay", "--principal", "10000", "--annual-rate", "18", "--date", "2017-01-01", "--amount", "10"}));
  CHECK(late.exit_code == 2);
  CHECK_THAT(late.err, Catch::Contains("on or after maturity"));
}

TEST_CASE("finlab loan overdue reproduces DOMAIN.md §2.5 example I", "[cli][loan][overdue]") {
  const auto r = run_cli(loan({"overdue", "--principal", "10000", "--annual-rate", "18", "--as-of", "2015-06-22", "--json"}));
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["days_past_due"] == 10);
  CHECK(j["bucket"] == "M1");
  CHECK(j["penalty_outstanding"] == "6.88");
  CHECK(j["written_off"] == false);
  const std::string pays = temp_file("pays.csv", "date,amount\n2015-06-12,916.80\n");
  const auto paid = run_cli(loan({"overdue", "--principal", "10000", "--annual-rate", "18", "--as-of", "2015-12-20", "--payments", pays}));
  REQUIRE(paid.exit_code == 0);
  CHECK_THAT(paid.out, Catch::Contains("161 days past due, bucket M4-M6"));
  const auto gone = run_cli(loan({"overdue", "--principal", "10000", "--annual-rate", "18", "--as-of", "2016-06-30", "--payments", pays, "--json"}));
  CHECK(json::parse(gone.out)["written_off"] == true);
  std::remove(pays.c_str());
}

TEST_CASE("Bad loan input is a usage error (exit 2) that names the option", "[cli][loan][errors]") {
  struct Bad { std::vector<std::string> args; const char* message; };
  const std::vector<Bad> cases = {
      {{"schedule", "--principal", "10000", "--annual-rate", "18", "--term", "0"}, "--term: must be a positive number of months, got 0"},
      {{"schedule", "--principal", "10000", "--annual-rate", "18", "--term", "-12"}, "--term: must be a positive number of months, got -12"},
      {{"schedule", "--principal", "-5000", "--annual-rate", "18"}, "--principal: must not be negative, got -5000"},
      {{"schedule", "--principal", "10000", "--annual-rate", "1000.01"}, "above the 1000% limit"},
      {{"schedule", "--principal", "10000", "--daily-rate", "3"}, "1080.00% a year, above the 1000% limit"},
      {{"schedule", "--principal", "10k", "--annual-rate", "18"}, "--principal: '10k' is not an amount"},
      {{"schedule", "--principal", "10000", "--annual-rate", "eighteen"}, "--annual-rate: 'eighteen' is not a percent number"},
      {{"schedule", "--principal", "10000", "--annual-rate", "18", "--term", "12m"}, "--term: '12m' is not a whole number"},
      {{"schedule", "--principal", "10000", "--annual-rate", "18", "--method", "balloon"}, "--method: unknown repayment method 'balloon'"},
      {{"schedule", "--principal", "10000"}, "give exactly one of --annual-rate, --monthly-rate, --daily-rate"},
      {{"schedule", "--principal", "10000", "--annual-rate", "18", "--start", "2015-02-30"}, "--start: no such date: 2015-02-30"},
      {{"apr", "--cashflows", "-100,abc,50"}, "--cashflows: item 2 'abc' is not an amount"},
      {{"apr"}, "give either --cashflows"},
      {{"line", "--events", "x.csv", "--daily-rate", "0.05", "--annual-rate", "18"}, "give exactly one of --daily-rate and --annual-rate"},
      {{"prepay", "--principal", "10000", "--annual-rate", "18", "--date", "2015-11-12", "--amount", "3000", "--mode", "faster"}, "--mode: unknown prepayment mode 'faster'"},
      {{"overdue", "--principal", "10000", "--annual-rate", "18", "--as-of", "2015-06-22", "--write-off-days", "0"}, "--write-off-days: must be at least 1"},
  };
  for (const Bad& b : cases) {
    std::vector<std::string> a{"loan"};
    a.insert(a.end(), b.args.begin(), b.args.end());
    const auto r = run_cli(a);
    INFO(b.message);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(b.message));
    CHECK(r.out.empty());
  }
  CHECK(run_cli({"loan"}).exit_code == 2);
  CHECK(run_cli({"loan", "frobnicate"}).exit_code == 2);
  CHECK(run_cli({"loan", "schedule", "--help"}).exit_code == 0);
}
