#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "sim/policy.hpp"
#include "sim/run.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;
using Catch::Matchers::Contains;
using time::Date;

namespace {

std::string text_of(const char* name) { return finlab::test::slurp(std::string(FINLAB_SOURCE_DIR "/assets/policies/") + name); }

// The policy: a 10% upfront fee and 0.0999% a day on 3-month loans
// (35.96% nominal a year, under a 36% nominal cap).
Policy fee_policy(const char* lender_type = "microloan") {
  auto j = nlohmann::json::parse(text_of("baseline-2015.json"));
  j["credit"]["pricing"]["rates_pct"] = {"0.0999", "0.0999", "0.0999", "0.0999", "0.0999"};
  j["credit"]["terms_months"] = {3};
  j["credit"]["origination_fee_pct"] = "10";
  j["credit"]["penalty_multiple_pct"] = "100";
  for (auto& p : j["platform"]["partners"]) p["lender_type"] = lender_type;
  return parse_policy(j.dump()).value();
}

}  // namespace

TEST_CASE("The shipped policies break no certain cap over their runs", "[sim][policy][caps]") {
  for (const char* name : {"baseline-2015.json", "tight-2015.json"}) {
    const Policy p = parse_policy(text_of(name)).value();
    INFO(name);
    // 2015-06 start (the scenarios' default), 10 years: through the 2017 141号 notice and the 2021 change.
    CHECK(check_policy_caps(p, Date::of("2015-06-01"), 120).empty());
  }
}

TEST_CASE("A 10%-fee, 0.0999%/day, 3-month policy is refused with its path and all-in APR", "[sim][policy][caps]") {
  const Policy p = fee_policy();
  // Its nominal rate passes rate_cap_pct (36%): the old check let it run.
  CHECK(p.credit.rate_cap == money::Rate::percent("36"));
  // From 2018: microloan companies are under the 141号 notice's 36% all-in cap (caps.csv, certain).
  const auto errs = check_policy_caps(p, Date::of("2018-01-01"), 12);
  // One line per offer: the partner bank (min score 640) reaches bands 3 and 4, the own company all 5; one term.
  REQUIRE(errs.size() == 7);
  CHECK_THAT(errs[0], Catch::StartsWith("credit.pricing.rates_pct[3]:") && Contains("platform.partners[0]"));
  // All-in APR: IRR of -9,000 (10,000 less the 10% fee), 3,535.10 x 3 → 12 x 8.6779% = 104.13%
  // (python reference; the "about 104%").
  CHECK_THAT(errs[2], Catch::StartsWith("credit.pricing.rates_pct[0]: score band 0, 3 months, origination fee 10%"));
  CHECK_THAT(errs[2], Contains("all-in APR 104.13%") && Contains("breaks a cap in force on 2018-01-01") &&
                               Contains("platform.partners[1].lender_type microloan") && Contains("36.00% cap"));
  // Through a run config: check_config refuses it (the CLI, the Policy lab and the run engine all call it).
  RunConfig c;
  c.policy = p;
  c.scenario.start = Date::of("2018-01-01");
  c.months = 12;
  const auto why = check_config(c);
  REQUIRE(why);
  CHECK_THAT(*why, Contains("the policy breaks the legal caps in force during the run (2018-01-01, 12 months)") &&
                       Contains("credit.pricing.rates_pct[4]"));
}

TEST_CASE("Caps bite from the month they come into force", "[sim][policy][caps]") {
  const Policy p = fee_policy("consumer_finance");
  // Consumer finance: no certain cap before 2017-12-01 (141号): a run of 2017-01..2017-11 passes ...
  CHECK(check_policy_caps(p, Date::of("2017-01-01"), 11).empty());
  // ... one more month reaches 2017-12-01 and is refused on that date.
  const auto errs = check_policy_caps(p, Date::of("2017-01-01"), 12);
  REQUIRE_FALSE(errs.empty());
  CHECK_THAT(errs.front(), Contains("breaks a cap in force on 2017-12-01"));
}

TEST_CASE("Uncertain caps are enforced only when the policy asks", "[sim][policy][caps]") {
  // Baseline pricing (0.04%..0.06%/day = 14.4%..21.6%) with a 1.5x penalty: the partner bank's first band
  // (0.045%/day = 16.2%) has 24.3%, above the 24% penalty line that
  // caps.csv applies to microloan companies until 2020 only as an uncertain rule.
  auto j = nlohmann::json::parse(text_of("baseline-2015.json"));
  CHECK(check_policy_caps(parse_policy(j.dump()).value(), Date::of("2016-01-01"), 12).empty());
  j["credit"]["pricing"]["uncertain_caps"] = "enforce";
  const auto errs = check_policy_caps(parse_policy(j.dump()).value(), Date::of("2016-01-01"), 12);
  REQUIRE_FALSE(errs.empty());
  CHECK_THAT(errs.front(), Catch::StartsWith("credit.penalty_multiple_pct: score band 3 (contract 16.20%): penalty rate 24.30%"));
  CHECK_THAT(errs.front(), Contains("[uncertain rule]"));
  j["credit"]["pricing"]["uncertain_caps"] = "sometimes";
  CHECK_THAT(parse_policy(j.dump()).error(), Contains("credit.pricing.uncertain_caps: expected \"enforce\" or \"skip\""));
}

TEST_CASE("A partner's lender type is read, checked and round-trips", "[sim][policy][caps]") {
  auto j = nlohmann::json::parse(text_of("baseline-2015.json"));
  j["platform"]["partners"][0]["lender_type"] = "bank";
  const Policy p = parse_policy(j.dump()).value();
  CHECK(p.partners[0].lender_type == loan::LenderType::bank);
  CHECK(p.partners[1].lender_type == loan::LenderType::microloan);  // the documented default
  CHECK(parse_policy(policy_to_json(p)).value().partners[0].lender_type == loan::LenderType::bank);
  j["platform"]["partners"][0]["lender_type"] = "pawnshop";
  CHECK_THAT(parse_policy(j.dump()).error(), Contains("platform.partners[0].lender_type: unknown lender type \"pawnshop\""));
}
