// Risk classes of the simulated users (sim/suitability_mix.hpp): drawn from a
// stream of their own, so a run's credit and fund figures (golden totals in
// run_test.cpp) do not move; shares near the policy's; the lowest category
// only among C1; eligibility follows the policy and the matching rule.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "sim/policy.hpp"
#include "sim/run.hpp"
#include "sim/suitability_mix.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;
using finlab::test::slurp;

TEST_CASE("Risk classes are drawn per user from their own stream, near the policy's shares", "[sim][suitability]") {
  const SuitabilityPolicy p;
  bool lowest = false;
  const int a = draw_risk_class(42, 17, p, lowest);
  bool lowest2 = false;
  CHECK(draw_risk_class(42, 17, p, lowest2) == a);  // the same user, the same class
  CHECK(lowest2 == lowest);
  const SuitabilityCounts c = count_suitability(42, 0, 100'000, p);
  std::int64_t total = 0;
  for (std::size_t k = 0; k < 5; ++k) {
    total += c.users[k];
    // within 1 percentage point of the policy share (binomial SD at n=100k is under 0.16 points)
    CHECK(std::abs(c.users[k] * 10 - static_cast<std::int64_t>(p.class_ppm[k])) < 10'000);
  }
  CHECK(total == 100'000);
  CHECK(std::abs(c.lowest * 1'000'000 / c.users[0] - 300'000) < 15'000);
  // Default policy: C1 not offered; C2 only with a warning; C3..C5 offered.
  CHECK(c.eligible == c.users[1] + c.users[2] + c.users[3] + c.users[4]);
  CHECK(c.eligible_with_warning == c.users[1]);
  // Offering to C1 adds the ordinary C1 users only, never the lowest category.
  SuitabilityPolicy all = p;
  all.offer = {true, true, true, true, true};
  const SuitabilityCounts d = count_suitability(42, 0, 100'000, all);
  CHECK(d.eligible == 100'000 - d.lowest);
  CHECK(d.eligible_with_warning == d.users[0] - d.lowest + d.users[1]);
  SuitabilityPolicy none = p;
  none.offer = {false, false, false, false, false};
  CHECK(count_suitability(42, 0, 1000, none).eligible == 0);
  // Ranges merge: [0, 600) + [600, 1000) = [0, 1000).
  const SuitabilityCounts x = count_suitability(42, 0, 600, p), y = count_suitability(42, 600, 400, p), z = count_suitability(42, 0, 1000, p);
  CHECK(x.eligible + y.eligible == z.eligible);
  CHECK(x.users[2] + y.users[2] == z.users[2]);
}

TEST_CASE("The policy's suitability section is read strictly and round-trips", "[sim][suitability][policy]") {
  const std::string base = slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json");
  auto with = [&](const std::string& section) {
    std::string t = base;
    const auto pos = t.rfind('}');
    t.insert(pos, ", \"suitability\": " + section + "\n");
    return parse_policy(t);
  };
  auto p = with(R"({"class_share_pct": ["20", "20", "20", "20", "20"], "lowest_category_share_of_c1_pct": "50", "offer_investment_products": [false, false, true, true, true]})");
  INFO((p.ok() ? std::string() : p.error()));
  REQUIRE(p.ok());
  CHECK(p->suitability.class_ppm[0] == 200'000);
  CHECK(p->suitability.lowest_ppm_of_c1 == 500'000);
  CHECK_FALSE(p->suitability.offer[1]);
  auto again = parse_policy(policy_to_json(*p));
  REQUIRE(again.ok());
  CHECK(again->suitability.class_ppm == p->suitability.class_ppm);
  CHECK(again->suitability.offer == p->suitability.offer);
  CHECK_THAT(with(R"({"class_share_pct": ["20", "20", "20", "20", "30"]})").error(), Catch::Contains("suitability.class_share_pct: the shares add up to 110%, not 100%"));
  CHECK_THAT(with(R"({"class_share_pct": ["20", "20"]})").error(), Catch::Contains("suitability.class_share_pct: expected 5 shares (C1..C5), got 2"));
  CHECK_THAT(with(R"({"offer_investment_products": [false, "yes", true, true, true]})").error(), Catch::Contains("suitability.offer_investment_products[1]: expected true or false"));
  CHECK_THAT(with(R"({"offer": true})").error(), Catch::Contains("offer"));
}

TEST_CASE("A run reports its users by risk class and how many were eligible, with the credit figures unchanged", "[sim][suitability][run]") {
  RunConfig c;
  c.policy = parse_policy(slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(slurp(FINLAB_SOURCE_DIR "/assets/scenarios/baseline.json")).value();
  c.users = 2000;
  c.months = 3;
  c.seed = 42;
  c.history_users = 3000;
  const ScoringModel model = train_scoring_model(42, 3000, credit::PopulationParams{}).value();
  Simulation a(c, model);
  while (!a.step(1 << 20)) {}
  RunConfig all = c;
  all.policy.suitability.offer = {true, true, true, true, true};
  Simulation b(all, model);
  while (!b.step(1 << 20)) {}
  const SuitabilityCounts& sa = a.output().analyses.suitability;
  const SuitabilityCounts expect = count_suitability(42, 0, 2000, c.policy.suitability);
  CHECK(sa.users == expect.users);
  CHECK(sa.eligible == expect.eligible);
  CHECK(b.output().analyses.suitability.eligible > sa.eligible);
  // The offer changes no credit or fund figure.
  CHECK(a.output().acc.month[2].booked_count == b.output().acc.month[2].booked_count);
  CHECK(a.output().acc.month[2].deposits_fen == b.output().acc.month[2].deposits_fen);
}
