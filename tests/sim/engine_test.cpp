// Known-answer checks of the monthly lifecycle on a tiny hand-made population
// (five users, four months), every figure computed by hand from the rules in
// docs/sim.md: DOMAIN.md §2.2(a) annuity and half-up interest, §2.5 penalty
// interest 1.5× on overdue principal and interest, charge-off, provision
// PD × LGD × EAD, and the fund's income on the month's 万份收益.
#include <catch2/catch.hpp>

#include "core/loan/schedule.hpp"
#include "core/random/stream.hpp"
#include "sim/engine.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

const char* kPolicy = R"({
  "name": "hand",
  "credit": {
    "cutoff": 600,
    "refer_band": {"from": 580, "approve_pct": "0"},
    "score_bands": [640],
    "income_bands_yuan": [5000],
    "limits_yuan": [[2000, 3000], [4000, 5000]],
    "pricing": {"quote": "daily", "day_basis": 360, "rates_pct": ["0.06", "0.05"]},
    "terms_months": [3],
    "repayment_method": "equal_installment",
    "max_dti_pct": "50",
    "origination_fee_pct": "1",
    "writeoff_dpd": 60,
    "provision": {"lgd_pct": "50", "bucket_pd_pct": ["50", "100"]},
    "collections": {"recovery_pct": "10", "recovery_lag_months": 0}
  },
  "platform": {"partners": [{"name": "Own book", "funding_cost_pct": "6", "capacity_yuan_per_month": null}]},
  "fund": {"gross_yield_pct": "4.68", "gross_yield_volatility_pct": "0", "fee_pct": "0.68", "fast_redeem_limit_yuan": 1000,
           "new_user_boost": {"extra_yield_pct": "2", "days": 30, "cap_yuan": 10000}}
})";

struct Hand {
  Policy policy = parse_policy(kPolicy).value();
  Scenario scenario = parse_scenario(R"({"name": "baseline", "start": "2015-06-01"})").value();
  ScoreTables tables;
  Traits t;
  Book b;
  Hand() {
    tables.pd12_ppm[700] = 20'000;  // model PD 2% at score 700, 0 elsewhere
    tables.train_band_counts = {1};
    tables.band_names = {"all"};
    t.first_user = 0;
    t.resize(5);
    b.resize(5);
    // A: score 700, 10,000 yuan a month, wants 3,000 yuan, never misses.
    set_user(0, 700, 1'000'000, 1'000'000, 30, 0);
    // B: score 590 (refer band), reviewers approve 0%.
    set_user(1, 590, 400'000, 1'000'000, 10, 0);
    // C: score 650, defaults for sure in the first due month.
    set_user(2, 650, 600'000, 1'000'000, 20, 1'000'000);
    // D: fund only: deposits 10% of income every month, never redeems.
    set_user(3, 500, 1'000'000, 0, 10, 0);
    t.fund_deposit_p16[3] = 65535;  // certain
    t.fund_deposit_permille[3] = 100;
    // E: fund only: deposits half its income, redeems everything every month, T+0.
    set_user(4, 500, 1'000'000, 0, 10, 0);
    t.fund_deposit_p16[4] = 65535;
    t.fund_deposit_permille[4] = 500;
    t.fund_redeem_p16[4] = 65535;
    t.fund_redeem_permille[4] = 1000;
    t.fund_fast_p8[4] = 255;
  }
  void set_user(int i, int score, std::uint32_t income, std::uint32_t apply, std::uint16_t request_hundreds, std::uint32_t hazard) {
    t.score[i] = static_cast<std::uint16_t>(score);
    t.score_app[i] = static_cast<std::uint16_t>(score);
    t.consent[i] = 0x1F;
    t.income_fen[i] = income;
    t.apply_ppm[i] = apply;
    t.request_hundreds[i] = request_hundreds;
    t.hazard_ppm[i] = hazard;
  }
};

Assumptions certain() {
  Assumptions a = Assumptions::legacy();  // no fraud, multi-lenders, hazard shape, offer effects; every offer taken
  a.miss_base_ppm = 0;        // performing borrowers never miss
  a.miss_hazard_multiple = 0;
  return a;
}

RunAcc run(Hand& h, const Engine& e, std::vector<std::pair<std::size_t, std::size_t>> ranges) {
  std::vector<Shard> shards(ranges.size());
  for (std::size_t k = 0; k < ranges.size(); ++k) e.init_shard(shards[k], ranges[k].first, ranges[k].second);
  for (int m = 0; m < e.shape().months; ++m) {
    std::vector<std::int64_t> demand(kScoreKeys, 0);
    for (auto& s : shards) {
      e.begin_month(s);
      NoLog log;
      e.phase_a(h.t, h.b, s, m, s.begin, s.end, log);
      for (int k = 0; k < kScoreKeys; ++k) demand[k] += s.demand[k];
    }
    const MonthAllocation al = e.allocate(demand);
    for (auto& s : shards) {
      NoLog log;
      e.phase_b(h.t, h.b, s, m, al, log);
    }
  }
  RunAcc total;
  total.init(e.shape().months, e.total_days());
  for (auto& s : shards) total.add(s.acc);
  return total;
}

}  // namespace

TEST_CASE("A hand-made population of five users gives the hand-computed figures", "[sim][engine][known-answer]") {
  Hand h;
  const RunShape shape{5, 4, 2015, h.scenario.start};
  Engine e(h.policy, h.scenario, h.tables, shape, certain());
  const RunAcc acc = run(h, e, {{0, 5}});
  MonthAcc sum;
  for (const auto& a : acc.month) sum.add(a);

  SECTION("decisions: A and C approved, B referred and declined, D and E never apply") {
    CHECK(sum.applicants == 3);
    CHECK(sum.referred == 1);
    CHECK(sum.declined_refer == 1);
    CHECK(sum.approved == 2);
    CHECK(sum.booked_count == 2);
    CHECK(sum.first_loans == 2);
    // A: min(request 3,000, limit 5,000) = 3,000; C: min(2,000, 5,000) = 2,000.
    CHECK(sum.booked_fen == 500'000);
    // Origination fee 1%: 30.00 + 20.00.
    CHECK(sum.fee_fen == 5'000);
  }
  SECTION("A repays on schedule: 0.05%/day × 360 / 12 = 1.5% a month, A = 1,030.15") {
    // Interest 45.00 + 30.22 + 15.22 (half-up on 3,000.00 / 2,014.85 / 1,014.92).
    CHECK(sum.interest_fen == 9'044);
    CHECK(sum.principal_repaid_fen == 300'000);
    CHECK(sum.paid_off == 1);
    // The engine's instalments are the loan engine's schedule.
    loan::LoanTerms terms;
    terms.principal = money::Money::of("3000");
    terms.rate = loan::QuotedRate::daily(money::Rate::percent("0.05"));
    terms.term_months = 3;
    terms.start = time::Date::ymd(2015, 6, 1);
    const loan::Schedule s = loan::build_schedule(terms);
    CHECK(s.installment == money::Money::of("1030.15"));
    CHECK(s.total_interest == money::Money::of("90.44"));
  }
  SECTION("funding cost: 6% / 12 = 0.5% a month on the opening principal") {
    // A: 15.00 + 10.07 + 5.07; C: 2,000.00 outstanding for three months = 10.00 × 3.
    CHECK(sum.funding_cost_fen == 3'014 + 3'000);
  }
  SECTION("C defaults, rolls M1 → M2 → M3 and is charged off at 60 DPD") {
    CHECK(sum.defaults == 1);
    CHECK(sum.chargeoff_count == 1);
    CHECK(sum.chargeoff_fen == 200'000);
    // Unpaid interest 30.00 + 20.15 + 10.15 and penalty 15.45 + 30.90
    // (1.5 × 1.5% on overdue 686.77, then on 1,373.54; DOMAIN.md §2.5).
    CHECK(sum.interest_written_off_fen == 6'030 + 4'635);
    CHECK(sum.penalty_fen == 0);
    // Recovery 10% with no lag.
    CHECK(sum.recoveries_fen == 20'000);
    CHECK(acc.month[3].recoveries_fen == 20'000);
    // First 30+ at MOB 2 of the June vintage, original amount 2,000.
    CHECK(acc.vintage_bad_count[0 * 5 + 2] == 1);
    CHECK(acc.vintage_bad_fen[0 * 5 + 2] == 200'000);
    CHECK(acc.month[2].outstanding_30p_fen == 200'000);
    CHECK(acc.month[2].count_30p == 1);
  }
  SECTION("month-end stocks and the provision PD × LGD × EAD") {
    CHECK(acc.month[0].outstanding_fen == 500'000);
    CHECK(acc.month[1].outstanding_fen == 201'485 + 200'000);
    CHECK(acc.month[2].outstanding_fen == 101'492 + 200'000);
    CHECK(acc.month[3].outstanding_fen == 0);
    // A: model PD 2% × LGD 50% = 1%; C current: PD 0; C in M1: 50% × 50%; M2: 100% × 50%.
    CHECK(acc.month[0].allowance_fen == 3'000);
    CHECK(acc.month[1].allowance_fen == 2'015 + 50'000);
    CHECK(acc.month[2].allowance_fen == 1'015 + 100'000);
    CHECK(acc.month[3].allowance_fen == 0);
  }
  SECTION("D's fund income: 万份收益 = 10,000 × 4% ÷ 365 = 1.0959, truncated to the fen monthly") {
    // June: 1,000.00 × 30 × 1.0959 / 10,000 = 3.2877 → 3.28 (0.0077 to the fund);
    // boost 2% × 1,000.00 × 30 / 365 = 1.6438 → 1.64.
    // July: 2,004.92 × 31 days → 6.81; August: 3,011.73 → 10.23; September: 4,021.96 × 30 → 13.22.
    CHECK(e.daily_income_per_10k()[0] == 10'959);
    CHECK(acc.month[0].deposits_fen == 100'000 + 500'000);
  }
  SECTION("a borrower's loan and the fund users' income add up per month (E by its drawn redemption days)") {
    std::int64_t e_income = 0, e_sub = 0, e_fast = 0, e_normal = 0, e_residual = 0, peak_day = -1;
    std::int64_t s0 = 0;
    int boost_left = 30;
    for (int m = 0; m < 4; ++m) {
      const MonthContext& c = e.month(m);
      // Oracle for the day: the user's lifecycle stream in the engine's order
      // (a draw for deposit and redemption, then one whose top 24 bits give the day).
      random::Stream r(sim_seed(2015), 4, static_cast<std::uint32_t>(m), kPurposeLifecycle);
      r.next_u32();
      const std::uint32_t y = r.next_u32();
      const int d = 1 + static_cast<int>((std::uint64_t(y >> 8) * static_cast<std::uint64_t>(c.days)) >> 24);
      const std::int64_t s1 = s0 + 500'000;
      const std::int64_t units = s1 * 10'959 * d;  // redeems everything on day d, earning days 1..d
      e_income += units / 100'000'000;
      e_residual += units % 100'000'000;
      std::int64_t sub = 0;
      if (boost_left > 0) {
        const int bd = std::min(boost_left, c.days), b1 = std::min(bd, d);
        sub = std::min<std::int64_t>(s1, 1'000'000) * b1 * 200'000'000 / (10'000'000'000LL * 365);
        boost_left -= bd;
      }
      e_sub += sub;
      e_fast += 100'000;  // T+0 capped at 1,000.00 a day
      e_normal += s1 - 100'000;
      if (peak_day < 0) peak_day = c.first_day + d - 1;  // equal amounts: the first is the peak
      s0 = units / 100'000'000 + sub;
    }
    CHECK(sum.fund_income_fen == (328 + 681 + 1'023 + 1'322) + e_income);
    CHECK(sum.fund_residual_units == 137'127'705 + e_residual);
    CHECK(sum.subsidy_fen == 164 + e_sub);
    CHECK(sum.fast_redemptions_fen == e_fast);
    CHECK(sum.fast_count == 4);
    CHECK(sum.redemptions_fen == e_normal);
    CHECK(acc.month[3].aum_fen == 403'518 + s0);
    std::int64_t best = -1, v = 0;
    for (std::size_t day = 0; day < acc.fast_by_day.size(); ++day) {
      if (acc.fast_by_day[day] > v) {
        v = acc.fast_by_day[day];
        best = static_cast<std::int64_t>(day);
      }
    }
    CHECK(best == peak_day);
    CHECK(v == 100'000);
  }
}

TEST_CASE("Any split of the users into shards gives the same accumulators", "[sim][engine][determinism]") {
  Hand h1, h2, h3;
  const RunShape shape{5, 4, 2015, h1.scenario.start};
  Engine e(h1.policy, h1.scenario, h1.tables, shape, certain());
  const RunAcc one = run(h1, e, {{0, 5}});
  const RunAcc two = run(h2, e, {{0, 2}, {2, 5}});
  const RunAcc five = run(h3, e, {{4, 5}, {0, 1}, {3, 4}, {1, 3}});
  for (int m = 0; m < 4; ++m) {
#define FINLAB_X(name, doc) CHECK(one.month[m].name == two.month[m].name); CHECK(one.month[m].name == five.month[m].name);
    FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
  }
  CHECK(one.vintage_bad_count == five.vintage_bad_count);
  CHECK(one.fast_by_day == two.fast_by_day);
}

TEST_CASE("Partners take approved loans best score first within their monthly capacity", "[sim][engine][partners]") {
  Policy p = parse_policy(kPolicy).value();
  p.partners.clear();
  p.partners.push_back(Partner{"Bank", 640, money::Rate::percent("4"), money::Money::of("5000"), money::Rate::percent("30")});
  p.partners.push_back(Partner{"Own", 0, money::Rate::percent("6"), std::nullopt, money::Rate::percent("100")});
  Hand h;
  Engine e(p, h.scenario, h.tables, RunShape{5, 1, 1, h.scenario.start}, certain());
  std::vector<std::int64_t> demand(kScoreKeys, 0);
  demand[700 * 16 + 3] = 300'000;  // 3,000 at score 700: fits the bank
  demand[690 * 16 + 0] = 300'000;  // another 3,000: the bank has only 2,000 left → own book
  demand[680 * 16 + 9] = 150'000;  // 1,500: fits the bank's remaining 2,000 (greedy fill)
  demand[630 * 16 + 1] = 100'000;  // below the bank's minimum score → own book
  const MonthAllocation al = e.allocate(demand);
  CHECK(al.partner_of_key[700 * 16 + 3] == 0);
  CHECK(al.partner_of_key[690 * 16 + 0] == 1);
  CHECK(al.partner_of_key[680 * 16 + 9] == 0);
  CHECK(al.partner_of_key[630 * 16 + 1] == 1);
  SECTION("stored as ranges and restored exactly") {
    const auto ranges = al.ranges();
    CHECK(ranges.front().key_from == 0);
    CHECK(ranges.back().key_to == kScoreKeys - 1);
    CHECK(MonthAllocation::from_ranges(ranges).partner_of_key == al.partner_of_key);
  }
  SECTION("no partner: an approved loan is declined for capacity") {
    Policy q = p;
    q.partners.resize(1);  // only the bank with minimum score 640
    Engine e2(q, h.scenario, h.tables, RunShape{5, 1, 1, h.scenario.start}, certain());
    CHECK(e2.allocate(demand).partner_of_key[630 * 16 + 1] == -1);
  }
}

TEST_CASE("Roll-rate model: cures depend on the bucket", "[sim][engine][known-answer][roll-rate]") {
  // A misses every instalment it is current for (miss 100%); how it leaves
  // arrears depends only on the cure probability of its bucket (docs/sim.md
  // "Roll-rate model"). A's term is 3 months, first due in month 1.
  auto run_with = [](std::array<std::uint32_t, 6> cure) {
    Hand h;
    Assumptions a = certain();
    a.miss_base_ppm = 1'000'000;
    a.cure_ppm = cure;
    const RunShape shape{5, 4, 2015, h.scenario.start};
    Engine e(h.policy, h.scenario, h.tables, shape, a);
    const RunAcc acc = run(h, e, {{0, 5}});
    MonthAcc sum;
    for (const auto& m : acc.month) sum.add(m);
    return sum;
  };
  SECTION("M1 cures for sure: miss (M1), cure, miss again: not paid off at the end") {
    const MonthAcc s = run_with({1'000'000, 0, 0, 0, 0, 0});
    CHECK(s.cures == 1);
    CHECK(s.paid_off == 0);
  }
  SECTION("only M2 cures: miss (M1), miss (M2), cure from M2 pays everything off") {
    const MonthAcc s = run_with({0, 1'000'000, 0, 0, 0, 0});
    CHECK(s.cures == 1);
    CHECK(s.paid_off == 1);
    CHECK(s.principal_repaid_fen == 300'000);
  }
  SECTION("no bucket cures: A rolls M1 → M2 → M3 and is charged off like the defaulter C") {
    const MonthAcc s = run_with({0, 0, 0, 0, 0, 0});
    CHECK(s.cures == 0);
    CHECK(s.chargeoff_count == 2);
    CHECK(s.chargeoff_fen == 300'000 + 200'000);
  }
}

TEST_CASE("Test-and-learn approves below the cutoff at random and counts its loans and losses", "[sim][engine][known-answer][test-and-learn]") {
  // B (score 590) is moved below the refer band (score 500) and made a sure defaulter.
  auto run_with = [](const char* share) {
    Hand h;
    h.t.score[1] = 500;
    h.t.hazard_ppm[1] = 1'000'000;
    h.policy.credit.test_and_learn = money::Rate::percent(share);
    const RunShape shape{5, 4, 2015, h.scenario.start};
    Engine e(h.policy, h.scenario, h.tables, shape, certain());
    const RunAcc acc = run(h, e, {{0, 5}});
    MonthAcc sum;
    for (const auto& m : acc.month) sum.add(m);
    return sum;
  };
  SECTION("0%: B is declined for its score") {
    const MonthAcc s = run_with("0");
    CHECK(s.declined_score == 1);
    CHECK(s.tl_approved == 0);
    CHECK(s.tl_booked == 0);
    CHECK(s.booked_count == 2);
  }
  SECTION("100%: B is approved at random, books 1,000 yuan (its request, under the band-0 limit 2,000) and is charged off") {
    const MonthAcc s = run_with("100");
    CHECK(s.declined_score == 0);
    CHECK(s.tl_approved == 1);
    CHECK(s.tl_booked == 1);
    CHECK(s.tl_booked_fen == 100'000);
    CHECK(s.booked_count == 3);
    // Charged off at the third missed instalment (writeoff 60 DPD), like C: the whole 1,000.00.
    CHECK(s.tl_chargeoff_fen == 100'000);
    CHECK(s.chargeoff_fen == 200'000 + 100'000);
  }
}
