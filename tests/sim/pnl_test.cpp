// Known answers of the full P&L (docs/sim.md "Full P&L") on a hand-made
// population of three borrowers: A pays a 3,000 yuan loan on time, B is
// declined, C defaults at once and is charged off. Every figure is computed by
// hand from the rules in sim/kpi.hpp: acquisition per new applicant, data per
// decision, collection per delinquent account-month, tax on interest income
// (营业税 5% before 2016-05-01, VAT 6/106 from then), capital charge, the three
// ECL stages, and the partner's guarantee fee and guaranteed losses.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "sim/engine.hpp"
#include "sim/kpi.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

nlohmann::json hand_policy() {
  return nlohmann::json::parse(R"({
  "name": "hand-pnl",
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
  "platform": {"partners": [{"name": "Bank", "funding_cost_pct": "6", "capacity_yuan_per_month": null,
                             "guarantee_share_pct": "40", "guarantee_fee_pct": "2.4"}]},
  "fund": {"gross_yield_pct": "4.68", "gross_yield_volatility_pct": "0", "fee_pct": "0.68"},
  "pnl": {"acquisition_cost_yuan": "10", "data_cost_yuan": "3", "collection_cost_yuan": "30",
          "cost_of_equity_pct": "12", "capital_ratio_pct": "10"}
})");
}

struct Hand {
  Policy policy;
  Scenario scenario;
  ScoreTables tables;
  Traits t;
  Book b;
  explicit Hand(const nlohmann::json& p, const char* start = "2015-06-01")
      : policy(parse_policy(p.dump()).value()),
        scenario(parse_scenario(std::string(R"({"name": "baseline", "start": ")") + start + "\"}").value()) {
    tables.pd12_ppm[700] = 20'000;  // model PD 2% at score 700, 0 elsewhere
    tables.train_band_counts = {1};
    tables.band_names = {"all"};
    t.first_user = 0;
    t.resize(3);
    b.resize(3);
    set_user(0, 700, 1'000'000, 30, 0);          // A: never misses
    set_user(1, 590, 400'000, 10, 0);            // B: refer band, reviewers approve 0%
    set_user(2, 650, 600'000, 20, 1'000'000);    // C: defaults in its first due month
  }
  void set_user(int i, int score, std::uint32_t income, std::uint16_t request_hundreds, std::uint32_t hazard) {
    t.score[i] = static_cast<std::uint16_t>(score);
    t.score_app[i] = static_cast<std::uint16_t>(score);
    t.consent[i] = 0x1F;
    t.income_fen[i] = income;
    t.apply_ppm[i] = 1'000'000;
    t.request_hundreds[i] = request_hundreds;
    t.hazard_ppm[i] = hazard;
  }
  RunAcc run(int months) {
    Assumptions a = Assumptions::legacy();
    a.miss_base_ppm = 0;
    a.miss_hazard_multiple = 0;
    const Engine e(policy, scenario, tables, RunShape{3, months, 7, scenario.start}, a);
    Shard s;
    e.init_shard(s, 0, 3);
    for (int m = 0; m < months; ++m) {
      e.begin_month(s);
      NoLog log;
      e.phase_a(t, b, s, m, 0, 3, log);
      const MonthAllocation al = e.allocate(s.demand);
      e.phase_b(t, b, s, m, al, log);
    }
    return s.acc;
  }
};

MonthAcc total(const RunAcc& acc) {
  MonthAcc sum;
  for (const auto& a : acc.month) sum.add(a);
  return sum;
}

}  // namespace

TEST_CASE("Each full-P&L component has its hand-computed value", "[sim][pnl][known-answer]") {
  Hand h(hand_policy());
  const RunAcc acc = h.run(4);
  const MonthAcc sum = total(acc);
  REQUIRE(sum.booked_count == 2);
  REQUIRE(sum.chargeoff_fen == 200'000);

  SECTION("acquisition: 10 yuan for each of the 3 first applications; data: 3 yuan for each of the 3 decisions") {
    CHECK(sum.applicants == 3);
    CHECK(sum.new_applicants == 3);
    CHECK(sum.acquisition_cost_fen == 3'000);
    CHECK(sum.data_cost_fen == 900);
  }
  SECTION("collection: C is 1+ DPD at the end of months 2 and 3 (M1, M2), 30 yuan each") {
    CHECK(acc.month[1].collection_accounts == 1);
    CHECK(acc.month[2].collection_accounts == 1);
    CHECK(sum.collection_accounts == 2);
    CHECK(sum.collection_cost_fen == 6'000);
  }
  SECTION("tax before 2016-05-01: business tax 5% of A's interest 45.00, 30.22, 15.22 → 2.25 + 1.51 + 0.76") {
    CHECK(sum.interest_fen == 9'044);
    CHECK(sum.interest_tax_fen == 225 + 151 + 76);
  }
  SECTION("capital charge: 12% × 10% ÷ 12 = 0.1% a month on the opening principal") {
    // A: 3,000.00 → 3.00, 2,014.85 → 2.01, 1,014.92 → 1.01; C: 2,000.00 × 3 months → 6.00.
    CHECK(sum.capital_charge_fen == 300 + 201 + 101 + 600);
    CHECK(sum.partners[0].capital_charge_fen == sum.capital_charge_fen);
  }
  SECTION("guarantee: fee 2.4% a year (0.2% a month) on the opening principal; 40% of C's loss less 40% of its recovery") {
    CHECK(sum.guarantee_fee_fen == 600 + 403 + 203 + 3 * 400);
    CHECK(sum.guaranteed_loss_fen == 80'000 - 8'000);
    CHECK(sum.partners[0].guarantee_fee_fen == sum.guarantee_fee_fen);
    CHECK(sum.partners[0].guaranteed_loss_fen == sum.guaranteed_loss_fen);
  }
  SECTION("ECL stages: 0 DPD and M1 in stage 1, 30+ DPD (M2) in stage 2; the stages add up to the allowance") {
    CHECK(acc.month[0].allowance_stage1_fen == 3'000);           // A: 1% of 3,000.00; C current at PD 0
    CHECK(acc.month[1].allowance_stage1_fen == 2'015 + 50'000);  // A; C in M1: 50% × 50% of 2,000.00
    CHECK(acc.month[1].allowance_stage2_fen == 0);
    CHECK(acc.month[2].allowance_stage1_fen == 1'015);
    CHECK(acc.month[2].allowance_stage2_fen == 100'000);         // C in M2: 3 months left, lifetime = 12-month: 100% × 50%
    CHECK(acc.month[2].allowance_stage3_fen == 0);
    for (const MonthAcc& a : acc.month) CHECK(a.allowance_stage1_fen + a.allowance_stage2_fen + a.allowance_stage3_fen == a.allowance_fen);
  }
  SECTION("net profit is the sum of its components, to the fen: −1,835.24") {
    // 90.44 interest + 50.00 fees − 60.14 funding − (2,000.00 − 200.00) provision expense − 30.00 acquisition
    // − 9.00 data − 60.00 collection − 4.52 tax − 12.02 capital.
    std::int64_t net = 0;
    for (int m = 0; m < 4; ++m) net += net_profit(acc, m);
    CHECK(net == 9'044 + 5'000 - 6'014 - 180'000 - 3'000 - 900 - 6'000 - 452 - 1'202);
    CHECK(net == -183'524);
    KpiContext ctx;
    ctx.users = 3;
    ctx.months = 4;
    ctx.start = h.scenario.start;
    ctx.revenue_share = {money::Rate::percent("100")};
    const auto totals = run_totals(acc, ctx);
    auto value = [&](const std::string& n) {
      for (const auto& t : totals)
        if (t.name == n) return t.value;
      return std::string("missing");
    };
    CHECK(value("net_profit") == "-1835.24");
    // Guarantee fees and guaranteed losses move money between platform and
    // partner: with a 100% revenue share the platform's profit is the run's.
    CHECK(value("platform_profit") == "-1835.24");
    CHECK(value("guarantee_fee_income") == "24.06");
    CHECK(value("guaranteed_losses") == "720.00");
    CHECK(value("acquisition_cost") == "30.00");
    CHECK(value("interest_tax") == "4.52");
  }
}

TEST_CASE("VAT at 6% replaces business tax from 2016-05-01 (财税〔2016〕36号)", "[sim][pnl][known-answer]") {
  CHECK(interest_tax_share(time::Date::ymd(2016, 4, 30)).num == 5);
  CHECK(interest_tax_share(time::Date::ymd(2016, 4, 30)).den == 100);
  CHECK(interest_tax_share(time::Date::ymd(2016, 5, 1)).num == 6);
  CHECK(interest_tax_share(time::Date::ymd(2016, 5, 1)).den == 106);
  // Booked in April 2016, A pays in May-July: 45.00 × 6/106 = 2.547 → 2.55, 30.22 → 1.71, 15.22 → 0.86.
  Hand h(hand_policy(), "2016-04-01");
  const MonthAcc sum = total(h.run(4));
  CHECK(sum.interest_fen == 9'044);
  CHECK(sum.interest_tax_fen == 255 + 171 + 86);
  SECTION("a policy's own share replaces the dated rule") {
    nlohmann::json p = hand_policy();
    p["pnl"]["interest_tax_pct"] = "10";
    Hand g(p, "2016-04-01");
    CHECK(total(g.run(4)).interest_tax_fen == 450 + 302 + 152);
  }
}

TEST_CASE("ECL stage by days past due: 12-month at 0, lifetime at 30+, PD 100% at 90+", "[sim][pnl][ecl]") {
  // A 24-month loan so that stage 2's lifetime PD exceeds the 12-month one;
  // charge-off at 180 DPD so that C reaches M5. Bucket PDs 20% (M1), 40% (M2 on).
  nlohmann::json p = hand_policy();
  p["credit"]["terms_months"] = {24};
  p["credit"]["writeoff_dpd"] = 180;
  p["credit"]["provision"]["bucket_pd_pct"] = {"20", "40"};
  SECTION("staged (the default)") {
    Hand h(p);
    const RunAcc acc = h.run(6);
    // C's exposure stays 2,000.00 (missed principal moves to overdue).
    CHECK(acc.month[0].allowance_stage2_fen + acc.month[0].allowance_stage3_fen == 0);
    CHECK(acc.month[1].allowance_stage2_fen == 0);   // M1 (1-29 DPD): stage 1, 20% × 50%
    CHECK(acc.month[1].allowance_stage1_fen - acc.month[0].allowance_stage1_fen > 19'000);
    CHECK(acc.month[2].allowance_stage2_fen == 73'333);  // M2 (30+ DPD), 22 months left: 40% × 22/12 = 73.33% PD × 50%
    CHECK(acc.month[3].allowance_stage2_fen == 70'000);  // M3, 21 months left: 70% PD × 50%
    CHECK(acc.month[3].allowance_stage3_fen == 0);
    CHECK(acc.month[4].allowance_stage2_fen == 0);
    CHECK(acc.month[4].allowance_stage3_fen == 100'000);  // M4 (90+ DPD): PD 100% × LGD 50%
    CHECK(acc.month[5].allowance_stage3_fen == 100'000);
  }
  SECTION("legacy (runs stored before the stages): every bucket at its own PD, still reported by stage") {
    p["pnl"]["ecl_stages"] = false;
    Hand h(p);
    const RunAcc acc = h.run(6);
    CHECK(acc.month[2].allowance_stage2_fen == 40'000);
    CHECK(acc.month[4].allowance_stage3_fen == 40'000);
  }
}

TEST_CASE("Legacy P&L settings add no cost (old runs replay to their stored totals)", "[sim][pnl]") {
  nlohmann::json p = hand_policy();
  Hand h(p);
  h.policy.pnl = PnlSettings::legacy();
  h.policy.partners[0].guarantee_share = money::Rate::percent("0");
  h.policy.partners[0].guarantee_fee = money::Rate::percent("0");
  const MonthAcc sum = total(h.run(4));
  CHECK(sum.new_applicants == 3);
  CHECK(sum.acquisition_cost_fen + sum.data_cost_fen + sum.collection_cost_fen + sum.interest_tax_fen + sum.capital_charge_fen == 0);
  CHECK(sum.guarantee_fee_fen + sum.guaranteed_loss_fen == 0);
  CHECK(sum.collection_accounts == 2);
}
