// Known-answer checks of the industry credit-quality metrics (sim/credit_quality.hpp,
// docs/sim.md "Industry metrics") on hand-made populations whose every path is
// certain: FPD7/FPD30, the roll-rate matrix and flow rates, ever-30+/ever-90+
// and M3+ by vintage, the five-category classification; and on a generated
// run, that the new figures reconcile with the existing stocks and change no total.
#include <catch2/catch.hpp>

#include "sim/credit_quality.hpp"
#include "sim/engine.hpp"
#include "sim/kpi.hpp"
#include "sim/parallel.hpp"
#include "sim/run.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

// The policy of tests/sim/engine_test.cpp, charged off at 180 DPD (M7).
const char* kPolicy = R"({
  "name": "hand",
  "credit": {
    "cutoff": 600,
    "score_bands": [640],
    "income_bands_yuan": [5000],
    "limits_yuan": [[2000, 3000], [4000, 5000]],
    "pricing": {"quote": "daily", "day_basis": 360, "rates_pct": ["0.06", "0.05"]},
    "terms_months": [3],
    "repayment_method": "equal_installment",
    "max_dti_pct": "50",
    "writeoff_dpd": 180,
    "provision": {"lgd_pct": "50", "bucket_pd_pct": ["50", "100"]},
    "collections": {"recovery_pct": "10", "recovery_lag_months": 0}
  },
  "platform": {"partners": [{"name": "Own book", "funding_cost_pct": "6", "capacity_yuan_per_month": null}]},
  "fund": {"gross_yield_pct": "4.68", "gross_yield_volatility_pct": "0", "fee_pct": "0.68"}
})";

// Borrowers who apply every month they may, score 700 (A, B) or 650 (C).
RunAcc run_hand(const std::vector<std::uint32_t>& hazards, const std::vector<std::uint32_t>& incomes,
                const std::vector<std::uint16_t>& requests, int months, const Assumptions& assumptions) {
  const Policy policy = parse_policy(kPolicy).value();
  const Scenario scenario = parse_scenario(R"({"name": "baseline", "start": "2015-06-01"})").value();
  ScoreTables tables;
  tables.train_band_counts = {1};
  tables.band_names = {"all"};
  Traits t;
  Book b;
  const std::size_t n = hazards.size();
  t.resize(n);
  b.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    t.score[i] = t.score_app[i] = static_cast<std::uint16_t>(hazards[i] > 0 ? 650 : 700);
    t.consent[i] = 0x1F;
    t.income_fen[i] = incomes[i];
    t.apply_ppm[i] = 1'000'000;
    t.request_hundreds[i] = requests[i];
    t.hazard_ppm[i] = hazards[i];
  }
  Engine e(policy, scenario, tables, RunShape{n, months, 2015, scenario.start}, assumptions);
  Shard s;
  e.init_shard(s, 0, n);
  for (int m = 0; m < months; ++m) {
    e.begin_month(s);
    NoLog log;
    e.phase_a(t, b, s, m, 0, n, log);
    e.phase_b(t, b, s, m, e.allocate(s.demand), log);
  }
  return s.acc;
}

std::int64_t roll(const RunAcc& acc, int m, int from, int to) {
  return acc.month[static_cast<std::size_t>(m)].roll[static_cast<std::size_t>(from * kRollTo + to)];
}

RunConfig small_run() {
  RunConfig c;
  c.policy = parse_policy(test::slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(test::slurp(FINLAB_SOURCE_DIR "/assets/scenarios/severe-stress.json")).value();
  c.users = 4000;
  c.months = 15;
  c.seed = 7;
  c.history_users = 5000;
  return c;
}

}  // namespace

TEST_CASE("A performing borrower and a certain defaulter give the hand-computed credit-quality figures", "[sim][quality][known-answer]") {
  // A: never misses, 3,000 yuan over 3 months: booked June (month 0), paid off
  // September, booked again October, paid off January, booked again February.
  // C: defaults at its first due date (July) and never pays: M1 July ... M6
  // December, charged off in January at M7 (more than 180 DPD); 2,000 yuan.
  Assumptions certain;
  certain.miss_base_ppm = 0;
  certain.miss_hazard_multiple = 0;
  const RunAcc acc = run_hand({0, 1'000'000}, {1'000'000, 600'000}, {30, 20}, 9, certain);
  REQUIRE(acc.month[0].booked_fen == 500'000);  // A 3,000 + C 2,000 (engine_test.cpp)

  SECTION("roll-rate matrix: every open loan's month, from its bucket to where it ended") {
    CHECK(roll(acc, 1, 0, 0) == 1);  // A current
    CHECK(roll(acc, 1, 0, 1) == 1);  // C misses its first instalment
    CHECK(roll(acc, 2, 1, 2) == 1);
    CHECK(roll(acc, 3, 0, kRollPaidOff) == 1);
    CHECK(roll(acc, 3, 2, 3) == 1);
    CHECK(roll(acc, 4, 3, 4) == 1);
    CHECK(roll(acc, 5, 4, 5) == 1);
    CHECK(roll(acc, 6, 5, 6) == 1);
    CHECK(roll(acc, 7, 6, kRollChargedOff) == 1);
    CHECK(roll(acc, 7, 0, kRollPaidOff) == 1);
    const auto pooled = pooled_rolls(acc);
    std::int64_t all = 0;
    for (auto v : pooled) all += v;
    // Loan-months serviced: A 3 + 3, C 7.
    CHECK(all == 13);
    CHECK(pooled[0 * kRollTo + 0] == 4);  // A current in July, August, November, December
  }
  SECTION("flow rates: C→M1 50% in July (1 of 2 current loans), 100% down the buckets after") {
    const auto flows = flow_rates(acc);
    REQUIRE(flows.size() == 9);
    CHECK(flows[0].from[0] == 0);  // nothing open at June's start
    CHECK(flows[1].from[0] == 2);
    CHECK(flows[1].rolled[0] == 1);
    CHECK(flows[2].from[0] == 1);
    CHECK(flows[2].rolled[0] == 0);
    for (int k = 1; k <= 5; ++k) {
      INFO("M" << k);
      CHECK(flows[1 + k].from[k] == 1);
      CHECK(flows[1 + k].rolled[k] == 1);
    }
  }
  SECTION("FPD7 and FPD30 by vintage") {
    const auto rows = fpd_by_vintage(acc);
    REQUIRE(rows.size() == 3);  // June, October, February vintages
    CHECK(rows[0].orig_month == 0);
    CHECK(rows[0].booked == 2);
    CHECK(rows[0].first_due == 2);
    CHECK(rows[0].fpd7 == 1);
    CHECK(rows[0].fpd30 == 1);
    CHECK(rows[0].fpd30_observed);
    CHECK(rows[1].orig_month == 4);
    CHECK(rows[1].first_due == 1);
    CHECK(rows[1].fpd7 == 0);
    CHECK(rows[2].orig_month == 8);
    CHECK(rows[2].first_due == 0);  // the run ends before its first due date
    CHECK_FALSE(rows[2].fpd30_observed);
  }
  SECTION("ever-30+, ever-90+ and M3+ of the June vintage by months on book") {
    std::vector<VintageQualityPoint> june;
    for (const auto& p : vintage_quality(acc)) {
      if (p.orig_month == 0) june.push_back(p);
    }
    REQUIRE(june.size() == 8);  // MOB 1 .. 8
    CHECK(june[0].ever30 == 0);
    CHECK(june[1].ever30 == 1);  // M2 at MOB 2
    CHECK(june[2].ever90 == 0);  // M3 is 61-90 DPD
    CHECK(june[3].ever90 == 1);  // M4 at MOB 4
    CHECK(june[2].m3p_fen == 0);
    CHECK(june[3].m3p_fen == 200'000);  // C's principal, never repaid
    CHECK(june[5].m3p_fen == 200'000);
    CHECK(june[6].m3p_fen == 0);  // charged off at MOB 7 ...
    CHECK(june[6].chargeoff_fen == 200'000);  // ... and counted in M3+ from then on
    CHECK(june[7].chargeoff_fen == 200'000);
    // M3+ = (90+ principal + charge-offs) / booked = 2,000 / 5,000.
    CHECK(percent_of(june[7].m3p_fen + june[7].chargeoff_fen, june[7].booked_fen) == "40.0000");
  }
  SECTION("five-category classification of the book at each month end") {
    const auto cls = classification_by_month(acc);
    CHECK(cls[0].loans[0] == 2);                                  // both current after booking
    CHECK(cls[1].loans[static_cast<int>(LoanClass::special_mention)] == 1);  // C at M1
    CHECK(cls[3].loans[static_cast<int>(LoanClass::special_mention)] == 1);  // M3: 61-90 DPD
    CHECK(cls[3].loans[0] == 0);                                  // A paid off
    CHECK(cls[4].loans[static_cast<int>(LoanClass::substandard)] == 1);      // M4: 91-120 DPD
    CHECK(cls[4].outstanding_fen[static_cast<int>(LoanClass::substandard)] == 200'000);
    CHECK(cls[6].loans[static_cast<int>(LoanClass::substandard)] == 1);      // M6
    CHECK(cls[7].loans == std::array<std::int64_t, kLoanClasses>{});          // nothing open in January
    CHECK(cls[8].loans[0] == 1);
  }
}

TEST_CASE("A borrower who misses the first instalment and pays it at the next due date is FPD7, not FPD30", "[sim][quality][known-answer]") {
  // Every current borrower misses (miss_base 100%), every M1 borrower cures
  // (cure 100%): C → M1 → C → M1 → paid off (the 3-month loan's last
  // instalment is paid a month late), then a new loan in the sixth month.
  Assumptions a;
  a.miss_base_ppm = 1'000'000;
  a.miss_hazard_multiple = 0;
  a.cure_ppm.fill(1'000'000);
  const RunAcc acc = run_hand({0}, {1'000'000}, {30}, 6, a);
  CHECK(roll(acc, 1, 0, 1) == 1);
  CHECK(roll(acc, 2, 1, 0) == 1);
  CHECK(roll(acc, 3, 0, 1) == 1);
  CHECK(roll(acc, 4, 1, kRollPaidOff) == 1);
  CHECK(acc.fpd_due[0] == 1);
  CHECK(acc.fpd7[0] == 1);
  CHECK(acc.fpd30[0] == 0);
  CHECK(acc.month[5].booked_count == 1);
  const auto flows = flow_rates(acc);
  CHECK(flows[2].from[1] == 1);
  CHECK(flows[2].rolled[1] == 0);  // M1 → M2: 0%
}

TEST_CASE("The loan classes follow the days past due of the regulation", "[sim][quality]") {
  // Bucket Mk holds loans 30(k−1)+1 .. 30k days past due.
  CHECK(class_of_bucket(0) == LoanClass::normal);
  CHECK(class_of_bucket(1) == LoanClass::special_mention);
  CHECK(class_of_bucket(3) == LoanClass::special_mention);   // up to 90 days
  CHECK(class_of_bucket(4) == LoanClass::substandard);       // more than 90
  CHECK(class_of_bucket(9) == LoanClass::substandard);       // up to 270
  CHECK(class_of_bucket(10) == LoanClass::doubtful);         // more than 270
  CHECK(class_of_bucket(12) == LoanClass::doubtful);         // up to 360
  CHECK(class_of_bucket(13) == LoanClass::loss);             // more than 360
  CHECK(class_name_zh(LoanClass::substandard) == "次级");
  CHECK_THROWS_WITH(class_of_bucket(-1), Catch::Contains("bucket -1"));
}

TEST_CASE("On a generated run the credit-quality figures reconcile with the book's stocks", "[sim][quality]") {
  const RunConfig c = small_run();
  ParallelOptions o;
  o.threads = 2;
  const RunOutput out = run_parallel(c, o).value();
  std::int64_t fpd7 = 0, charged = 0;
  for (int m = 0; m < c.months; ++m) {
    INFO("month " << m);
    const MonthAcc& a = out.acc.month[static_cast<std::size_t>(m)];
    std::int64_t loans = 0, fen = 0, p90 = 0, rolled = 0, to_co = 0, to_paid = 0;
    for (int k = 0; k < kBuckets; ++k) {
      loans += a.bucket_count[k];
      fen += a.bucket_fen[k];
      if (k >= 4) p90 += a.bucket_fen[k];
    }
    for (int k = 0; k < kBuckets; ++k) {
      for (int t = 0; t < kRollTo; ++t) rolled += a.roll[static_cast<std::size_t>(k * kRollTo + t)];
      to_co += a.roll[static_cast<std::size_t>(k * kRollTo + kRollChargedOff)];
      to_paid += a.roll[static_cast<std::size_t>(k * kRollTo + kRollPaidOff)];
    }
    CHECK(loans == a.active_loans);
    CHECK(fen == a.outstanding_fen);
    CHECK(p90 == a.outstanding_90p_fen);
    CHECK(to_co == a.chargeoff_count);
    CHECK(to_paid == a.paid_off);
    // Every loan open at the month's start was serviced once.
    CHECK(rolled == (m == 0 ? 0 : out.acc.month[static_cast<std::size_t>(m - 1)].active_loans));
    fpd7 += out.acc.fpd7[static_cast<std::size_t>(m)];
    charged += a.chargeoff_fen;
  }
  std::int64_t vintage_co = 0;
  for (auto v : out.acc.vintage_chargeoff_fen) vintage_co += v;
  CHECK(vintage_co == charged);
  CHECK(fpd7 > 0);  // severe stress: first payments are missed
}
