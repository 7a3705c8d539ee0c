#include <catch2/catch.hpp>

#include "core/loan/all_in_cost.hpp"

using namespace finlab;
using loan::CostKind;
using loan::DayCountRule;
using loan::LenderType;
using money::Money;
using time::Date;

namespace {

loan::LoanTerms terms_2_2a() {
  // DOMAIN.md §2.2(a): 10,000 at 18% a year, 12 equal instalments.
  loan::LoanTerms t;
  t.principal = Money::of("10000");
  t.rate = loan::QuotedRate::annual(money::Rate::percent("18"));
  t.term_months = 12;
  t.start = Date::of("2015-05-12");
  return t;
}

// 12,000 over n months: 1,000 of principal + a flat monthly fee on the original principal (DOMAIN.md §2.3 example F).
loan::ProductFlows flat_fee(int n, const char* fee) {
  loan::ProductFlows p;
  p.start = Date::of("2016-01-15");
  p.principal = Money::of("12000");
  const Money part = Money::of("12000") * 1;
  for (int k = 1; k <= n; ++k) {
    const Money principal = k < n ? Money::from_units(part.units() / n) : part - Money::from_units(part.units() / n) * (n - 1);
    p.payments.push_back({p.start.plus_months(k), principal, CostKind::principal});
    p.payments.push_back({p.start.plus_months(k), Money::of(fee), CostKind::periodic_fee});
  }
  return p;
}

}  // namespace

TEST_CASE("All-in APR of flat-fee instalment products (DOMAIN.md §2.3 example F)", "[loan][all_in]") {
  // Expected values: DOMAIN.md §2.3 table F (APR = 12i, EAR), 2 decimals.
  const struct { int n; const char* fee; const char* apr; const char* ear; } rows[] = {
      {12, "72", "13.03", "13.84"}, {12, "60", "10.90", "11.46"}, {12, "90", "16.22", "17.48"}, {24, "72", "13.27", "14.10"}};
  for (const auto& r : rows) {
    const auto c = loan::all_in_cost(flat_fee(r.n, r.fee)).value();
    INFO(r.n << " months, fee " << r.fee);
    CHECK(c.rule == DayCountRule::monthly_instalments);
    CHECK(loan::format_percent(c.apr, 2) == r.apr);
    CHECK(loan::format_percent(c.ear, 2) == r.ear);
    CHECK(c.by_kind[static_cast<int>(CostKind::periodic_fee)] == Money::of(r.fee) * r.n);
  }
}

TEST_CASE("All-in APR with an upfront fee deducted (DOMAIN.md §2.3 example G)", "[loan][all_in]") {
  auto t = terms_2_2a();
  t.upfront_fee = Money::of("300");
  const auto s = loan::build_schedule(t);
  const auto c = loan::all_in_cost(loan::product_flows(s)).value();
  // DOMAIN.md §2.3 G: monthly IRR 1.9924%, APR 23.91%, EAR 26.71%.
  CHECK(c.net_received == Money::of("9700"));
  CHECK(loan::format_percent(c.periodic_irr, 4) == "1.9924");
  CHECK(loan::format_percent(c.apr, 2) == "23.91");
  CHECK(loan::format_percent(c.ear, 2) == "26.71");
  CHECK(c.total_cost == Money::of("1301.61"));  // interest 1,001.61 (§2.2(a)) + fee 300
  CHECK_THAT(c.why_en, Catch::Contains("the base is the 9,700.00 actually received"));
  // The verdict: a microloan company on 2016-01-01 (24%/36% private-lending lines): within both.
  const auto a = loan::assess_product(loan::product_flows(s), LenderType::microloan, Date::of("2016-01-01")).value();
  CHECK_FALSE(a.verdict.breached());
  CHECK(a.verdict.findings.size() == 2);
  // Private lending after 2020-08-20: above 4 x 3.85% = 15.4%.
  const auto late = loan::assess_product(loan::product_flows(s), LenderType::private_lending, Date::of("2020-09-01")).value();
  CHECK(late.verdict.breached());
  CHECK_THAT(late.verdict.summary_en(), Catch::Contains("all-in APR 23.91% breaks the one cap in force"));
}

TEST_CASE("Guarantee, membership and insurance fees count in the all-in APR", "[loan][all_in]") {
  const auto s = loan::build_schedule(terms_2_2a());
  const loan::ExtraCharge extras[] = {{CostKind::guarantee_fee, Money::of("20"), true},
                                      {CostKind::membership_fee, Money::of("99"), false},
                                      {CostKind::insurance, Money::of("5"), true}};
  const auto c = loan::all_in_cost(loan::product_flows(s, extras)).value();
  CHECK(c.net_received == Money::of("9901"));
  CHECK(c.by_kind[static_cast<int>(CostKind::guarantee_fee)] == Money::of("240"));
  CHECK(c.by_kind[static_cast<int>(CostKind::insurance)] == Money::of("60"));
  CHECK(c.by_kind[static_cast<int>(CostKind::membership_fee)] == Money::of("99"));
  // Reference: IRR of -9,901, 941.80 x 11, 941.81 (the §2.2(a) instalments + 25 a month), by
  // bisection in python: 12 x monthly IRR = 25.1598%.
  CHECK(loan::format_percent(c.apr, 4) == "25.1598");
}

TEST_CASE("Daily products: APR = 365 x the daily IRR on the actual dates (PBOC 2021 No. 3)", "[loan][all_in][daily]") {
  SECTION("the issue's example: 10,000 at 0.05% a day, 12 instalments, interest by actual days") {
    auto t = terms_2_2a();
    t.rate = loan::QuotedRate::daily(money::Rate::percent("0.05"));
    t.accrual = loan::InterestAccrual::actual_days;
    const auto s = loan::build_schedule(t);
    const auto c = loan::all_in_cost(loan::product_flows(s)).value();
    CHECK(c.rule == DayCountRule::daily_accrual);
    // Issue 12: 365 x the daily IRR of its dated cash flows is 18.1163% (was 18.3552% as 12 x monthly IRR).
    CHECK(loan::format_percent(c.apr, 4) == "18.1163");
    CHECK(c.apr == Approx(365 * c.periodic_irr).epsilon(1e-15));
    // schedule_true_rate (the CLI's figure) follows the same rule.
    CHECK(loan::format_percent(loan::schedule_true_rate(s).value().rate.nominal, 4) == "18.1163");
  }
  SECTION("a 30-day bullet with insurance deducted and a guarantee fee at maturity") {
    loan::ProductFlows p;
    p.start = Date::of("2021-06-01");
    p.principal = Money::of("10000");
    p.rule = DayCountRule::daily_accrual;
    p.payments = {{p.start, Money::of("50"), CostKind::insurance},
                  {p.start.plus_days(30), Money::of("10000"), CostKind::principal},
                  {p.start.plus_days(30), Money::of("150"), CostKind::interest},
                  {p.start.plus_days(30), Money::of("100"), CostKind::guarantee_fee}};
    const auto c = loan::all_in_cost(p).value();
    // Reference (python bisection): (1+i)^30 = 10250/9950 → 365 i = 36.159170%, EAR 43.535573%.
    CHECK(loan::format_percent(c.apr, 6) == "36.159170");
    CHECK(loan::format_percent(c.ear, 6) == "43.535573");
    // Platform-facilitated in 2021: one cap in force (36%, 141号 notice), and 36.16% breaks it.
    const auto a = loan::assess_product(p, LenderType::platform_facilitated).value();
    CHECK(a.verdict.breached());
    CHECK(a.verdict.findings.size() == 1);
  }
}

TEST_CASE("A bullet loan's APR below its quoted rate is explained", "[loan][all_in][bullet]") {
  auto t = terms_2_2a();
  t.method = loan::RepaymentMethod::bullet;
  const auto s = loan::build_schedule(t);
  const auto c = loan::all_in_cost(loan::product_flows(s)).value();
  // 11,800 after 12 months: 12 x (1.18^(1/12) − 1) = 16.6661% (python reference).
  CHECK(loan::format_percent(c.apr, 4) == "16.6661");
  CHECK_THAT(c.why_en, Catch::Contains("Why below the quoted 18.00%") && Catch::Contains("simple interest once, at maturity"));
  CHECK_THAT(c.why_zh, Catch::Contains("为何低于合同利率18.00%"));
  // An instalment loan at its quoted rate needs no such note.
  CHECK_THAT(loan::all_in_cost(loan::product_flows(loan::build_schedule(terms_2_2a()))).value().why_en, !Catch::Contains("Why below"));
}

TEST_CASE("Disclosure: the 年化利率（单利） sentence and its rule", "[loan][all_in][disclosure]") {
  auto t = terms_2_2a();
  t.upfront_fee = Money::of("300");
  const auto d = loan::disclosure(loan::all_in_cost(loan::product_flows(loan::build_schedule(t))).value());
  CHECK(d.zh == "年化利率（单利）：23.91%。以借款人实际获得的借款本金9,700.00元为基数，包含利息及与贷款直接相关的全部费用（合计1,301.61元），"
                "按月内部收益率×12折算，采用单利计算方法。");
  CHECK_THAT(d.en, Catch::StartsWith("Annualised rate (simple interest): 23.91%.") && Catch::Contains("12 x the monthly IRR"));
  CHECK_THAT(d.rule_zh, Catch::Contains("中国人民银行公告〔2021〕第3号") && Catch::Contains("采用单利的应说明是单利"));
  CHECK_THAT(d.rule_en, Catch::Contains("PBOC Announcement [2021] No. 3"));
}

TEST_CASE("Penalty interest above its cap is flagged", "[loan][all_in][penalty]") {
  auto t = terms_2_2a();
  t.rate = loan::QuotedRate::annual(money::Rate::percent("35"));
  t.start = Date::of("2019-03-01");
  const auto a = loan::assess_penalty(t, loan::DelinquencyPolicy{}, LenderType::microloan).value();
  CHECK(a.penalty_annual == Approx(0.525).epsilon(1e-12));  // 35% x 1.5
  CHECK(a.breached());
  CHECK(a.penalty.breached());
  CHECK_THAT(a.penalty.findings.back().reason_en, Catch::Contains("penalty rate 52.50% is above the 36.00% cap"));
  // 18% x 1.5 = 27%: within 36% (the 24% line of 2015 is a natural-debt line: flagged).
  auto ok = terms_2_2a();
  ok.start = Date::of("2021-03-01");
  CHECK_FALSE(loan::assess_penalty(ok, loan::DelinquencyPolicy{}, LenderType::microloan).value().breached());
}

TEST_CASE("All-in cost refuses flows it cannot rate", "[loan][all_in][errors]") {
  loan::ProductFlows p;
  p.start = Date::of("2021-06-01");
  p.principal = Money::of("1000");
  p.payments = {{Date::of("2021-06-20"), Money::of("1010"), CostKind::principal}};
  CHECK_THAT(loan::all_in_cost(p).error(), Catch::Contains("not on a monthly due date"));
  p.payments = {{p.start, Money::of("1000"), CostKind::upfront_fee}, {Date::of("2021-07-01"), Money::of("10"), CostKind::interest}};
  CHECK_THAT(loan::all_in_cost(p).error(), Catch::Contains("the borrower receives nothing"));
  p.payments = {{Date::of("2021-07-01"), Money::of("-5"), CostKind::interest}};
  CHECK_THAT(loan::all_in_cost(p).error(), Catch::Contains("must be positive"));
}
