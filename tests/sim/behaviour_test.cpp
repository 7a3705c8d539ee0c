// Known answers of customer behaviour (docs/sim.md "Customer behaviour") on
// hand-made populations: prepayment, draws on an open line and the limit
// ladder's raises, cuts and closures, and the behaviour-score drift with its
// hazard multiple. Every figure is computed by hand from the rules in
// sim/engine.cpp and sim/limit_ladder.hpp.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/run_store.hpp"
#include "tests/sim/hand_harness.hpp"

using namespace finlab;
using namespace finlab::sim;
using finlab::sim::test::certain_assumptions;
using finlab::sim::test::Hand;
using finlab::sim::test::total;

namespace {

nlohmann::json hand_policy(int term, bool ladder) {
  nlohmann::json p = nlohmann::json::parse(R"({
  "name": "hand-behaviour",
  "credit": {
    "cutoff": 600,
    "score_bands": [640],
    "income_bands_yuan": [5000],
    "limits_yuan": [[2000, 3000], [4000, 5000]],
    "first_loan_cap_yuan": 1000,
    "pricing": {"quote": "daily", "day_basis": 360, "rates_pct": ["0.06", "0.05"]},
    "repayment_method": "equal_installment",
    "max_dti_pct": "50",
    "writeoff_dpd": 60,
    "provision": {"lgd_pct": "50", "bucket_pd_pct": ["50", "100"]},
    "collections": {"recovery_pct": "0", "recovery_lag_months": 0}
  },
  "platform": {"partners": [{"name": "Own book", "funding_cost_pct": "6", "capacity_yuan_per_month": null}]},
  "fund": {"gross_yield_pct": "4.68", "gross_yield_volatility_pct": "0", "fee_pct": "0.68"}
})");
  p["credit"]["terms_months"] = {term};
  if (ladder) p["credit"]["limit_ladder"] = {{"raise_pct", "20"}, {"raise_after_clean_months", 2}, {"cut_pct", "50"}};
  return p;
}

}  // namespace

TEST_CASE("Prepayment: a current borrower repays the rest with the instalment and pays no further interest", "[sim][behaviour][known-answer]") {
  nlohmann::json p = hand_policy(6, false);
  p["credit"]["first_loan_cap_yuan"] = 0;
  Hand h(p, 1);
  h.set_user(0, 700, 1'000'000, 30, 0);  // 3,000 yuan at 1.5% a month for 6 months: A = 526.58
  Assumptions a = certain_assumptions();
  a.prepay_ppm = 1'000'000;
  const RunAcc acc = h.run(3, a);
  const MonthAcc sum = total(acc);
  CHECK(acc.month[0].booked_fen == 300'000);
  CHECK(acc.month[1].active_loans == 0);
  CHECK(acc.month[2].booked_fen == 300'000);  // repaid, so the user may borrow again from month 2
  CHECK(sum.interest_fen == 4'500);           // the first month only: 3,000.00 × 1.5%
  CHECK(sum.principal_repaid_fen == 300'000);  // 481.58 with the instalment + 2,518.42 early
  CHECK(sum.prepaid == 1);
  CHECK(sum.prepaid_fen == 251'842);
  CHECK(sum.paid_off == 1);

  SECTION("without prepayment the loan runs on and earns more interest") {
    Hand g(p, 1);
    g.set_user(0, 700, 1'000'000, 30, 0);
    const MonthAcc s0 = total(g.run(3, certain_assumptions()));
    CHECK(s0.prepaid == 0);
    CHECK(s0.interest_fen == 4'500 + 3'778);  // and 1.5% of 2,518.42 = 37.78 (half-up) in month 2
  }
  SECTION("a borrower in arrears never prepays") {
    Hand g(p, 1);
    g.set_user(0, 700, 1'000'000, 30, 1'000'000);  // defaults at the first due date
    const MonthAcc s1 = total(g.run(3, a));
    CHECK(s1.prepaid == 0);
    CHECK(s1.principal_repaid_fen == 0);
  }
}

TEST_CASE("Limit ladder: the first loan's limit becomes a line that rises after clean months and is drawn on again",
          "[sim][behaviour][known-answer]") {
  // One-month loans: booked in month 0, repaid in month 1, the user may borrow
  // again from month 2. Line 1,000 (first-loan cap) → 1,200 at month 2 (two
  // clean months) → 1,440 rounded down to the 100-yuan step = 1,400 at month
  // 4; each time the user draws it in full (request 3,000).
  Hand h(hand_policy(1, true), 1);
  h.set_user(0, 700, 1'000'000, 30, 0);
  Assumptions a = certain_assumptions();
  a.repeat_draw_ppm = 1'000'000;
  const RunAcc acc = h.run(6, a);
  const MonthAcc sum = total(acc);
  CHECK(sum.applicants == 1);  // one application; the rest are draws
  CHECK(sum.booked_count == 3);
  CHECK(sum.booked_fen == 100'000 + 120'000 + 140'000);
  CHECK(sum.repeat_draws == 2);
  CHECK(sum.repeat_draw_fen == 260'000);
  CHECK(sum.lines_raised == 2);
  CHECK(acc.month[2].lines_raised == 1);
  CHECK(acc.month[4].lines_raised == 1);
  CHECK(acc.month[5].open_lines == 1);
  CHECK(acc.month[5].open_line_fen == 140'000);
  CHECK(h.b.line[0] == 140'000);

  SECTION("the raise stops at the limit matrix's cell") {
    nlohmann::json p = hand_policy(1, true);
    p["credit"]["limit_ladder"]["raise_pct"] = "400";  // 1,000 → 5,000 (the cell), not 5,000 × ...
    Hand g(p, 1);
    g.set_user(0, 700, 1'000'000, 60, 0);
    g.run(8, a);
    CHECK(g.b.line[0] == 500'000);
  }
  SECTION("without a ladder there is no line and the user applies anew") {
    Hand g(hand_policy(1, false), 1);
    g.set_user(0, 700, 1'000'000, 30, 0);
    const MonthAcc s = total(g.run(6, a));
    CHECK(s.repeat_draws == 0);
    CHECK(s.applicants == 3);
    CHECK(g.b.line[0] == 0);
  }
}

TEST_CASE("Limit ladder: arrears cut a line once, a low score closes it, a charge-off ends it", "[sim][behaviour][known-answer]") {
  Assumptions a = certain_assumptions();
  a.repeat_draw_ppm = 1'000'000;
  SECTION("a borrower who misses has the line halved once, then loses it at charge-off") {
    Hand h(hand_policy(3, true), 1);
    h.set_user(0, 650, 1'000'000, 30, 1'000'000);  // defaults at the first due date; charged off at M3
    const RunAcc acc = h.run(5, a);
    CHECK(acc.month[1].lines_cut == 1);  // M1: 1,000 → 500
    CHECK(acc.month[1].open_line_fen == 50'000);
    CHECK(acc.month[2].lines_cut == 0);  // once per episode
    CHECK(total(acc).chargeoff_count == 1);
    CHECK(h.b.line[0] == 0);
  }
  SECTION("a behaviour score below the close level closes the line") {
    Hand h(hand_policy(1, true), 1);
    h.set_user(0, 700, 1'000'000, 30, 0);
    const Engine e = h.engine(4, a);
    Shard s;
    e.init_shard(s, 0, 1);
    h.step(e, s, 0, 2);  // booked in month 0, repaid in month 1
    REQUIRE(h.b.line[0] == 100'000);
    h.b.drift[0] = -150 * 16;  // 700 − 150 = 550 < 560 (cutoff − 40)
    h.step(e, s, 2, 3);
    CHECK(s.acc.month[2].lines_closed == 1);
    CHECK(h.b.line[0] == 0);
    CHECK(s.acc.month[2].applicants == 1);  // back to applying, and 550 is declined
    CHECK(s.acc.month[2].declined_score == 1);
  }
}

TEST_CASE("Behaviour drift: the hazard doubles for every 20 points the score falls", "[sim][behaviour][known-answer]") {
  Hand h(hand_policy(3, false), 1);
  h.set_user(0, 650, 1'000'000, 30, 1'000'000);
  Assumptions a = certain_assumptions();
  a.drift_default_points = 15;
  const Engine e = h.engine(3, a);
  CHECK(e.drift_hazard_permille(0) == 1000);
  CHECK(e.drift_hazard_permille(-20 * 16) == 2000);
  CHECK(e.drift_hazard_permille(-10 * 16) == 1500);
  CHECK(e.drift_hazard_permille(-30 * 16) == 3000);
  CHECK(e.drift_hazard_permille(20 * 16) == 500);
  CHECK(e.drift_hazard_permille(10 * 16) == 750);
  CHECK(e.drift_hazard_permille(-100 * 16) == 32000);
  CHECK(e.drift_hazard_permille(-7) == 1050);  // −7/16 of a point rounds down to −1 point: 2^q (20 + 1) ÷ 20
  SECTION("a defaulted borrower's score falls by the set points each month") {
    Shard s;
    e.init_shard(s, 0, 1);
    h.step(e, s, 0, 3);  // booked month 0; defaults in month 1; M2 at the end of month 2
    CHECK(h.b.drift[0] == -2 * 15 * 16);
    CHECK(e.score_now(h.t, h.b, 0) == 620);
  }
}

TEST_CASE("Behaviour drift: an AR(1) walk with the set spread, the same for any split of the users", "[sim][behaviour]") {
  nlohmann::json p = hand_policy(3, false);
  const std::size_t n = 4000;
  Assumptions a = certain_assumptions();
  a.drift_sd_points = 6;
  a.drift_reversion_ppm = 100'000;
  auto make = [&] {
    auto h = std::make_unique<Hand>(p, n);
    for (std::size_t i = 0; i < n; ++i) h->set_user(i, 500, 1'000'000, 30, 0, 0);  // never apply: pure drift
    return h;
  };
  auto h = make();
  const Engine e = h->engine(36, a);
  Shard s;
  e.init_shard(s, 0, n);
  h->step(e, s, 0, 36);
  double sum = 0, sq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = h->b.drift[i] / 16.0;
    sum += d;
    sq += d * d;
  }
  const double mean = sum / n, sd = std::sqrt(sq / n - mean * mean);
  // Stationary sd of x' = 0.9 x + e, sd(e) = 6: 6 ÷ √(1 − 0.81) = 13.8 points.
  CHECK(std::abs(mean) < 1.0);
  CHECK(sd > 12.5);
  CHECK(sd < 15.0);
  // Two shards give the same drift for every user.
  auto g = make();
  std::vector<Shard> shards(2);
  e.init_shard(shards[0], 0, n / 3);
  e.init_shard(shards[1], n / 3, n);
  for (int m = 0; m < 36; ++m) {
    for (auto& sh : shards) {
      e.begin_month(sh);
      NoLog log;
      e.phase_a(g->t, g->b, sh, m, sh.begin, sh.end, log);
    }
  }
  CHECK(g->b.drift == h->b.drift);
}

TEST_CASE("Customer behaviour settings: policy and stored-run round trips, old runs read none", "[sim][behaviour]") {
  const Policy p = parse_policy(hand_policy(3, true).dump()).value();
  REQUIRE(p.credit.ladder);
  CHECK(p.credit.ladder->raise_after_clean_months == 2);
  const Policy again = parse_policy(policy_to_json(p)).value();
  CHECK(again.credit.ladder == p.credit.ladder);

  nlohmann::json bad = hand_policy(3, true);
  bad["credit"]["limit_ladder"]["close_below_score"] = 650;  // above the cut level (the cutoff 600)
  bad["credit"]["limit_ladder"]["raise_percent"] = "5";
  const auto r = parse_policy(bad.dump());
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error(), Catch::Contains("credit.limit_ladder.close_below_score: is above the score at which lines are cut (600)"));
  CHECK_THAT(r.error(), Catch::Contains("credit.limit_ladder.raise_percent"));

  Assumptions a;
  a.prepay_ppm = 12'345;
  a.drift_sd_points = 9;
  const Assumptions b = assumptions_from_json(assumptions_to_json(a)).value();
  CHECK(b.prepay_ppm == 12'345);
  CHECK(b.drift_sd_points == 9);
  CHECK(b.repeat_draw_ppm == a.repeat_draw_ppm);
  // A run stored before customer behaviour (schema 5: no such keys) replays without it.
  nlohmann::json old = nlohmann::json::parse(assumptions_to_json(Assumptions{}));
  for (const char* k : {"prepay_ppm", "repeat_draw_ppm", "drift_sd_points", "drift_reversion_ppm", "drift_default_points"}) old.erase(k);
  const Assumptions c = assumptions_from_json(old.dump()).value();
  CHECK(c.prepay_ppm == 0);
  CHECK(c.repeat_draw_ppm == 0);
  CHECK(c.drift_sd_points == 0);
  CHECK(c.drift_default_points == 0);
}
