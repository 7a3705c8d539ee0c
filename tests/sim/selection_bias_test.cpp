// The run's scorecard learns from a history booked by an incumbent policy
// (docs/sim.md "Selection bias"): only booked applicants have outcomes.
#include <catch2/catch.hpp>

#include "sim/policy.hpp"
#include "sim/population.hpp"
#include "sim/run.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

double mean_model_pd(const ScoringModel& m, const credit::Population& pop) {
  auto sc = credit::PopulationScorer::bind(*m.card).value();
  std::vector<std::int32_t> s(pop.size());
  sc.score_all(pop, s);
  double sum = 0;
  for (auto x : s) sum += m.card->pd_of_score(x);
  return sum / double(pop.size());
}

}  // namespace

TEST_CASE("The incumbent books only part of the history, the team's card is trained on it", "[sim][selection-bias]") {
  const credit::PopulationParams params;
  HistorySetup full;  // cutoff 0: everyone booked
  HistorySetup biased = history_setup(CreditPolicy{}, Assumptions{});
  REQUIRE(biased.cutoff == 600);          // documented defaults (docs/sim.md)
  REQUIRE(biased.holdout_ppm == 20'000);  // 2%
  REQUIRE(biased.insight_ppm == 500'000);
  const ScoringModel f = train_scoring_model(7, 8000, params, full).value();
  const ScoringModel b = train_scoring_model(7, 8000, params, biased).value();
  INFO("booked " << b.history.booked << " of " << b.history.applicants << ", holdout " << b.history.holdout_booked);

  CHECK(f.history.booked == 8000);
  CHECK(f.history.booked_bads == f.history.all_bads);
  CHECK(b.history.applicants == 8000);
  CHECK(b.history.booked < 8000 * 7 / 10);
  CHECK(b.history.booked > 8000 / 10);
  // The incumbent books the better applicants: their bad rate is below everyone's.
  CHECK(b.history.booked_bads * 8000 < b.history.all_bads * b.history.booked);
  // About 2% of the incumbent's rejects booked at random (binomial: well within ±50%).
  const std::int64_t rejects = 8000 - (b.history.booked - b.history.holdout_booked);
  CHECK(b.history.holdout_booked > rejects / 100);
  CHECK(b.history.holdout_booked < rejects * 3 / 100);
  // A card that only saw the booked believes the through-the-door population is
  // safer than it is; the full-information card does not (its mean PD is close to the truth).
  const credit::Population pop = credit::generate_population(params, 7, kHistoryFirstUser, 8000);
  const double truth = double(f.history.all_bads) / 8000.0;
  const double pd_full = mean_model_pd(f, pop), pd_biased = mean_model_pd(b, pop);
  INFO("truth " << truth << ", full-information card " << pd_full << ", booked-only card " << pd_biased);
  CHECK(pd_biased < 0.8 * truth);
  CHECK(pd_full > 0.8 * truth);
  CHECK(pd_full < 1.25 * truth);

  SECTION("the same setup trains the same card") {
    const ScoringModel again = train_scoring_model(7, 8000, params, biased).value();
    CHECK(again.card_json == b.card_json);
    CHECK(again.history.booked == b.history.booked);
  }
  SECTION("parcelling labels rejects and raises the card's view of the population's risk") {
    HistorySetup p = biased;
    p.reject_inference = credit::RejectInference::parcelling;
    const ScoringModel m = train_scoring_model(7, 8000, params, p).value();
    CHECK(m.history.inferred_bads > 0);
    CHECK(m.history.training_rows > b.history.training_rows);
    CHECK(mean_model_pd(m, pop) > pd_biased);
  }
}

TEST_CASE("The policy's history object and test-and-learn share parse, round-trip and report mistakes by path", "[sim][selection-bias][policy]") {
  const std::string base = R"({"name": "p", "credit": {"cutoff": 600, "score_bands": [640], "income_bands_yuan": [5000],
    "limits_yuan": [[1000, 2000], [3000, 4000]], "pricing": {"quote": "daily", "rates_pct": ["0.05", "0.04"]}, "terms_months": [3]},
    "platform": {"partners": [{"name": "own", "funding_cost_pct": "6"}]}, "fund": {}})";
  auto with = [&](const std::string& extra) {
    std::string s = base;
    s.insert(s.find("\"cutoff\""), extra);
    return parse_policy(s);
  };
  SECTION("absent: documented defaults") {
    const Policy p = with("").value();
    CHECK(p.credit.incumbent_cutoff == 600);
    CHECK(p.credit.incumbent_holdout == money::Rate::percent("2"));
    CHECK(p.credit.reject_inference == credit::RejectInference::none);
    CHECK(p.credit.parcel_factor == money::Rate::percent("150"));
    CHECK(p.credit.test_and_learn == money::Rate::percent("0"));
  }
  SECTION("given: read and round-tripped") {
    const Policy p = with(R"("test_and_learn_pct": "1.5", "history": {"incumbent_cutoff": 620, "incumbent_holdout_pct": "0",
        "reject_inference": "reweighting", "parcel_factor_pct": "200"}, )")
                         .value();
    CHECK(p.credit.incumbent_cutoff == 620);
    CHECK(p.credit.incumbent_holdout == money::Rate::percent("0"));
    CHECK(p.credit.reject_inference == credit::RejectInference::reweighting);
    CHECK(p.credit.parcel_factor == money::Rate::percent("200"));
    CHECK(p.credit.test_and_learn == money::Rate::percent("1.5"));
    const Policy q = parse_policy(policy_to_json(p)).value();
    CHECK(policy_to_json(q) == policy_to_json(p));
    CHECK(q.credit.reject_inference == credit::RejectInference::reweighting);
  }
  SECTION("mistakes") {
    auto r = with(R"("history": {"reject_inference": "augment"}, )");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("credit.history.reject_inference: unknown method 'augment'") != std::string::npos);
    r = with(R"("history": {"incumbent_cutoff": 2000}, )");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("credit.history.incumbent_cutoff") != std::string::npos);
    r = with(R"("test_and_learn_pct": "120", )");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("credit.test_and_learn_pct") != std::string::npos);
    r = with(R"("history": {"cutof": 600}, )");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("credit.history") != std::string::npos);
  }
}

TEST_CASE("A run with test-and-learn books loans below the cutoff and reports what they cost", "[sim][selection-bias][test-and-learn]") {
  RunConfig c;
  c.policy = parse_policy(finlab::test::slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(R"({"name": "baseline", "start": "2015-06-01"})").value();
  c.users = 3000;
  c.months = 12;
  c.seed = 5;
  c.history_users = 4000;
  auto run_with = [&](const char* share) {
    RunConfig x = c;
    x.policy.credit.test_and_learn = money::Rate::percent(share);
    return run_simulation(x);
  };
  const RunOutput off = run_with("0");
  const RunOutput on = run_with("20");
  MonthAcc a0, a1;
  for (const auto& m : off.acc.month) a0.add(m);
  for (const auto& m : on.acc.month) a1.add(m);
  CHECK(a0.tl_booked == 0);
  CHECK(a0.tl_approved == 0);
  CHECK(a1.tl_approved > 0);
  CHECK(a1.tl_booked > 0);
  CHECK(a1.tl_booked <= a1.tl_approved);
  CHECK(a1.tl_booked_fen <= a1.booked_fen);
  CHECK(a1.tl_chargeoff_fen <= a1.chargeoff_fen);
  // The share is of applicants declined for their score: about 20% of them.
  CHECK(a1.tl_approved * 100 > (a1.declined_score + a1.tl_approved) * 10);
  CHECK(a1.tl_approved * 100 < (a1.declined_score + a1.tl_approved) * 30);
  // The run records how its scorecard's history was booked.
  CHECK(on.history.applicants == 4000);
  CHECK(on.history.booked < 4000);
}
