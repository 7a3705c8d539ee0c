#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/policy.hpp"
#include "sim/scenario.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;
using Catch::Matchers::Contains;

namespace {

using finlab::test::slurp;

std::string baseline_text() { return slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json"); }

// The baseline policy with one JSON edit applied (nlohmann JSON pointer).
std::string edited(const std::string& pointer, const nlohmann::json& value) {
  auto j = nlohmann::json::parse(baseline_text());
  j[nlohmann::json::json_pointer(pointer)] = value;
  return j.dump();
}

std::string error_of(const std::string& text) {
  auto r = parse_policy(text);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("The shipped policies parse and describe the 2015 launch", "[sim][policy]") {
  const Policy p = parse_policy(baseline_text()).value();
  CHECK(p.name == "baseline-2015");
  CHECK(p.credit.cutoff == 600);
  CHECK(p.credit.refer_from == 580);
  CHECK(p.credit.quote == RateQuote::daily);
  // 0.05% a day on the 360-day basis = 18% a year = 1.5% a month.
  CHECK(p.credit.annual_rate(2).to_percent_string(2) == "18.00");
  CHECK(p.credit.monthly_rate(2).to_percent_string(4) == "1.5000");
  CHECK(p.credit.first_loan_cap == money::Money::of("3000"));
  CHECK(p.credit.limits.size() == 5);
  CHECK(p.credit.score_band_of(599) == 1);
  CHECK(p.credit.score_band_of(600) == 2);
  CHECK(p.credit.income_band_of(money::Money::of("4999.99")) == 1);
  CHECK(p.credit.income_band_of(money::Money::of("5000")) == 2);
  CHECK(p.credit.writeoff_missed() == 7);  // 180 DPD: charged off when the 7th instalment is missed
  CHECK(p.partners.size() == 2);
  CHECK_FALSE(p.partners[1].capacity.has_value());
  CHECK(p.fund.fast_redeem_limit == money::Money::of("50000"));
  CHECK(parse_policy(slurp(FINLAB_SOURCE_DIR "/assets/policies/tight-2015.json")).ok());
}

TEST_CASE("A policy round-trips through its canonical JSON", "[sim][policy]") {
  const Policy p = parse_policy(baseline_text()).value();
  const std::string once = policy_to_json(p);
  const Policy q = parse_policy(once).value();
  CHECK(policy_to_json(q) == once);
  CHECK(q.credit.rates == p.credit.rates);
  CHECK(q.credit.limits == p.credit.limits);
}

TEST_CASE("Decimal values may be strings or JSON numbers and stay exact", "[sim][policy]") {
  const Policy p = parse_policy(edited("/credit/pricing/rates_pct", {0.06, 0.055, 0.05, 0.045, 0.04})).value();
  CHECK(p.credit.rates[2] == money::Rate::percent("0.05"));
  const Policy q = parse_policy(edited("/credit/limits_yuan/4/4", "50000.50")).value();
  CHECK(q.credit.limits[4][4] == money::Money::of("50000.50"));
}

TEST_CASE("Policy mistakes are reported with their JSON path", "[sim][policy][errors]") {
  SECTION("unknown key, with a suggestion") {
    auto j = nlohmann::json::parse(baseline_text());
    j["credit"]["cutof"] = 600;
    const std::string e = error_of(j.dump());
    CHECK_THAT(e, Contains("credit.cutof: unknown key \"cutof\" (did you mean \"cutoff\"?)"));
  }
  SECTION("unknown key deep inside a partner") {
    auto j = nlohmann::json::parse(baseline_text());
    j["platform"]["partners"][1]["capacity"] = 5;
    CHECK_THAT(error_of(j.dump()), Contains("platform.partners[1].capacity: unknown key"));
  }
  SECTION("wrong type") {
    CHECK_THAT(error_of(edited("/credit/cutoff", "600")), Contains("credit.cutoff: expected a whole number, got a string \"600\""));
    CHECK_THAT(error_of(edited("/credit/terms_months", 12)), Contains("credit.terms_months: expected an array, got the number 12"));
    CHECK_THAT(error_of(edited("/credit/pricing/rates_pct/1", true)), Contains("credit.pricing.rates_pct[1]: expected a percentage"));
    CHECK_THAT(error_of(edited("/credit/limits_yuan/2/1", "lots")), Contains("credit.limits_yuan[2][1]: not a valid amount \"lots\""));
  }
  SECTION("inverted band") {
    CHECK_THAT(error_of(edited("/credit/score_bands", {560, 640, 600, 680})),
               Contains("credit.score_bands[2]: inverted band: 600 is not above the previous edge 640"));
    CHECK_THAT(error_of(edited("/credit/income_bands_yuan", {3000, 10000, 5000, 20000})),
               Contains("credit.income_bands_yuan[2]: inverted band"));
    CHECK_THAT(error_of(edited("/credit/refer_band/from", 620)), Contains("credit.refer_band.from: inverted band: from 620 is not below to 600"));
    CHECK_THAT(error_of(edited("/credit/provision/bucket_pd_pct", {"30", "20"})), Contains("credit.provision.bucket_pd_pct[1]: inverted band"));
  }
  SECTION("matrix of the wrong shape") {
    auto j = nlohmann::json::parse(baseline_text());
    j["credit"]["limits_yuan"].erase(4);
    CHECK_THAT(error_of(j.dump()), Contains("credit.limits_yuan: matrix of the wrong shape: expected 5 rows (one per score band, lowest first), got 4"));
    auto k = nlohmann::json::parse(baseline_text());
    k["credit"]["limits_yuan"][3].push_back(1);
    CHECK_THAT(error_of(k.dump()), Contains("credit.limits_yuan[3]: matrix of the wrong shape: expected 5 columns (one per income band), got 6"));
    CHECK_THAT(error_of(edited("/credit/pricing/rates_pct", {"0.05"})), Contains("credit.pricing.rates_pct: expected 5 rates"));
  }
  SECTION("values out of range and a rate above the cap") {
    CHECK_THAT(error_of(edited("/credit/writeoff_dpd", 100)), Contains("credit.writeoff_dpd: must be a multiple of 30"));
    CHECK_THAT(error_of(edited("/credit/max_dti_pct", "-5")), Contains("credit.max_dti_pct"));
    CHECK_THAT(error_of(edited("/credit/pricing/rates_pct/0", "0.2")),
               Contains("credit.pricing.rates_pct[0]: nominal annual rate 72.0000% exceeds rate_cap_pct 36%"));
    CHECK_THAT(error_of(edited("/credit/required_consents", {"gps"})), Contains("credit.required_consents[0]:"));
    CHECK_THAT(error_of(edited("/credit/repayment_method", "balloon")), Contains("credit.repayment_method:"));
  }
  SECTION("a missing required field") {
    auto j = nlohmann::json::parse(baseline_text());
    j["credit"].erase("cutoff");
    CHECK_THAT(error_of(j.dump()), Contains("credit.cutoff: required field is missing"));
  }
  SECTION("every mistake is listed, not only the first") {
    auto j = nlohmann::json::parse(baseline_text());
    j["credit"]["cutoff"] = "high";
    j["fund"]["fee"] = 1;
    const std::string e = error_of(j.dump());
    CHECK_THAT(e, Contains("credit.cutoff:"));
    CHECK_THAT(e, Contains("fund.fee: unknown key"));
  }
  SECTION("JSON syntax errors name line and column") {
    CHECK_THAT(error_of("{\n  \"name\": \"x\",\n  \"credit\": {,}\n}"), Contains("line 3, column 14"));
    CHECK_THAT(error_of("[1, 2]"), Contains("expected an object"));
  }
}

TEST_CASE("The shipped scenarios parse, step functions hold from their month", "[sim][scenario]") {
  for (const auto& name : builtin_scenario_names()) {
    INFO(name);
    auto s = parse_scenario(slurp(FINLAB_SOURCE_DIR "/assets/scenarios/" + name + ".json"));
    REQUIRE(s.ok());
    CHECK(s.value().name == name);
    CHECK(parse_scenario(scenario_to_json(s.value())).ok());
  }
  const Scenario sev = parse_scenario(slurp(FINLAB_SOURCE_DIR "/assets/scenarios/severe-stress.json")).value();
  CHECK(sev.pd_multiplier_ppm.at(0) == 1'000'000);
  CHECK(sev.pd_multiplier_ppm.at(3) == 2'000'000);   // month 4
  CHECK(sev.pd_multiplier_ppm.at(6) == 3'000'000);   // month 7
  CHECK(sev.pd_multiplier_ppm.at(35) == 2'000'000);  // from month 13 on
  const Scenario shock = parse_scenario(slurp(FINLAB_SOURCE_DIR "/assets/scenarios/consent-shock.json")).value();
  CHECK(shock.has_consent_shock());
  CHECK(shock.consent_withdrawal_ppm[static_cast<int>(credit::ConsentCategory::location)] == 500'000);
  const Scenario rate = parse_scenario(slurp(FINLAB_SOURCE_DIR "/assets/scenarios/rate-shock.json")).value();
  CHECK(rate.rate_shift_bps.at(5) == 0);
  CHECK(rate.rate_shift_bps.at(6) == 150);
}

TEST_CASE("Scenario mistakes are reported with their JSON path", "[sim][scenario][errors]") {
  auto err = [](const char* text) {
    auto r = parse_scenario(text);
    REQUIRE_FALSE(r.ok());
    return r.error();
  };
  CHECK_THAT(err(R"({"name": "x", "pd_multiplier": [{"from_month": 7, "value_pct": "150"}, {"from_month": 3, "value_pct": "200"}]})"),
             Contains("pd_multiplier[1].from_month: inverted band: month 3 is not after the previous point's month 7"));
  CHECK_THAT(err(R"({"name": "x", "start": "2015-02-30"})"), Contains("start:"));
  CHECK_THAT(err(R"({"name": "x", "rate_shift": [{"from_month": 1, "value_pct": "1"}]})"), Contains("rate_shift[0].value_pct: unknown key"));
  CHECK_THAT(err(R"({"name": "x", "consent_withdrawal": {"gps_pct": "10"}})"), Contains("consent_withdrawal.gps_pct: unknown key"));
  CHECK_THAT(err(R"({"name": "x", "pd_multiplier": [{"from_month": 0, "value_pct": "100"}]})"), Contains("pd_multiplier[0].from_month: must be between 1"));
}

TEST_CASE("The full P&L settings are optional, documented defaults, and strict", "[sim][policy][pnl]") {
  SECTION("absent: the documented defaults; the canonical JSON carries them and round-trips") {
    const Policy p = parse_policy(baseline_text()).value();
    CHECK(p.pnl.acquisition_cost == money::Money::of("10"));
    CHECK(p.pnl.data_cost == money::Money::of("6"));
    CHECK(p.pnl.collection_cost == money::Money::of("30"));
    CHECK_FALSE(p.pnl.interest_tax.has_value());  // the dated rule
    CHECK(p.pnl.cost_of_equity == money::Rate::percent("12"));
    CHECK(p.pnl.capital_ratio == money::Rate::percent("10.5"));
    CHECK(p.pnl.staged_ecl);
    CHECK(p.partners[0].guarantee_share == money::Rate::percent("0"));
    CHECK(p.partners[0].guarantee_fee == money::Rate::percent("0"));
    const Policy q = parse_policy(policy_to_json(p)).value();
    CHECK(q.pnl == p.pnl);
  }
  SECTION("given values are read exactly, a fixed tax share too") {
    auto j = nlohmann::json::parse(baseline_text());
    j["pnl"] = {{"acquisition_cost_yuan", "55.50"}, {"interest_tax_pct", "6.72"}, {"ecl_stages", false}};
    j["platform"]["partners"][1]["guarantee_share_pct"] = "30";
    j["platform"]["partners"][1]["guarantee_fee_pct"] = "2.5";
    const Policy p = parse_policy(j.dump()).value();
    CHECK(p.pnl.acquisition_cost == money::Money::of("55.50"));
    CHECK(p.pnl.interest_tax == money::Rate::percent("6.72"));
    CHECK_FALSE(p.pnl.staged_ecl);
    CHECK(p.pnl.data_cost == money::Money::of("6"));
    CHECK(p.partners[1].guarantee_share == money::Rate::percent("30"));
    CHECK(p.partners[1].guarantee_fee == money::Rate::percent("2.5"));
    const Policy q = parse_policy(policy_to_json(p)).value();
    CHECK(q.pnl == p.pnl);
    CHECK(q.partners[1].guarantee_share == p.partners[1].guarantee_share);
    CHECK(q.partners[1].guarantee_fee == p.partners[1].guarantee_fee);
  }
  SECTION("bad values are reported with their JSON path") {
    CHECK_THAT(error_of(edited("/pnl", {{"acquisition_cost_yuan", "-1"}})), Contains("pnl.acquisition_cost_yuan: must be between 0 and 100000 yuan"));
    CHECK_THAT(error_of(edited("/pnl", {{"data_cost_yuan", "cheap"}})), Contains("pnl.data_cost_yuan: not a valid amount \"cheap\""));
    CHECK_THAT(error_of(edited("/pnl", {{"collection_cost_yuan", true}})), Contains("pnl.collection_cost_yuan: expected an amount in yuan"));
    CHECK_THAT(error_of(edited("/pnl", {{"interest_tax_pct", "60"}})), Contains("pnl.interest_tax_pct: must be between 0% and 50%, got 60%"));
    CHECK_THAT(error_of(edited("/pnl", {{"interest_tax_pct", "someday"}})), Contains("pnl.interest_tax_pct: not a valid percentage \"someday\""));
    CHECK_THAT(error_of(edited("/pnl", {{"cost_of_equity_pct", "101"}})), Contains("pnl.cost_of_equity_pct: must be between 0% and 100%"));
    CHECK_THAT(error_of(edited("/pnl", {{"capital_ratio_pct", -2}})), Contains("pnl.capital_ratio_pct:"));
    CHECK_THAT(error_of(edited("/pnl", {{"ecl_stages", "yes"}})), Contains("pnl.ecl_stages:"));
    CHECK_THAT(error_of(edited("/pnl", {{"vat_pct", "6"}})), Contains("pnl.vat_pct: unknown key"));
    CHECK_THAT(error_of(edited("/pnl", 5)), Contains("pnl:"));
    CHECK_THAT(error_of(edited("/platform/partners/0/guarantee_share_pct", "120")),
               Contains("platform.partners[0].guarantee_share_pct: must be between 0% and 100%, got 120%"));
    CHECK_THAT(error_of(edited("/platform/partners/0/guarantee_fee_pct", "40")),
               Contains("platform.partners[0].guarantee_fee_pct: must be between 0% and 36%, got 40%"));
  }
}
