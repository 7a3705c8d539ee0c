#include <catch2/catch.hpp>

#include "core/loan/credit_line.hpp"

using namespace finlab;
using money::Money;
using time::Date;

namespace {

// The worked example of docs/loan.md "Credit line account": 30% a year (ACT/360:
// 2.5% a month, 1/1200 a day), statements on the 1st, due 20 days later, 3 days'
// grace, acceleration after 2 missed statements, a 10% minimum, penalty 1.5 x
// contract = 45% cut to the 36% cap of a microloan company (caps.csv).
loan::LineProduct product() {
  loan::LineProduct p;
  p.limit = Money::of("20000");
  p.rate = loan::QuotedRate::annual(money::Rate::percent("30"));
  p.statement_day = 1;
  p.due_days = 20;
  p.grace_days = 3;
  p.accelerate_after = 2;
  p.minimum_due_share = money::Rate::percent("10");
  return p;
}

const loan::LineDrawRequest kDraws[] = {{Date::of("2024-01-10"), Money::of("3000"), 3},
                                        {Date::of("2024-01-25"), Money::of("6000"), 6},
                                        {Date::of("2024-02-15"), Money::of("1200"), 3}};
// The first statement's new bills paid two days late (within the grace period),
// 500 paid four days after the March grace period ended, nothing after.
const loan::LinePayment kPayments[] = {{Date::of("2024-02-23"), Money::of("2139.71")}, {Date::of("2024-03-28"), Money::of("500")}};

}  // namespace

TEST_CASE("Credit line: three draws, statements, grace, a late payment and acceleration, to the fen", "[loan][line][account]") {
  // Every expected figure comes from an independent Python model of the same
  // rules with exact fractions (tests/core/loan/reference/credit_line_account_ref.py;
  // rules in docs/loan.md); a few are checked by hand in the comments.
  const auto r = loan::run_line_account(product(), kDraws, kPayments, Date::of("2024-05-10")).value();

  SECTION("each draw is its own instalment loan (借据) billed on the line's statements") {
    REQUIRE(r.draws.size() == 3);
    // Draw 1: 3,000 over 3 months at 2.5%: A = 1,050.41; interest 75.00, 50.61, 25.62.
    const auto& d1 = r.draws[0].installments;
    REQUIRE(d1.size() == 3);
    CHECK(d1[0].principal == Money::of("975.41"));
    CHECK(d1[0].interest == Money::of("75.00"));
    CHECK(d1[2].principal == Money::of("1024.79"));
    CHECK(d1[0].due_date == Date::of("2024-02-21"));  // statement 2024-02-01 + 20 days
    CHECK(r.draws[1].installments[5].principal == Money::of("1062.74"));
    CHECK(r.draws[2].installments[0].due_date == Date::of("2024-03-21"));  // drawn 02-15: first statement 03-01
    // Each draw's all-in APR: 365 x the daily IRR of its own dated flows, and its verdict (36% in 2024).
    for (const auto& d : r.draws) {
      CHECK(d.all_in.cost.rule == loan::DayCountRule::daily_accrual);
      CHECK(d.all_in.cost.apr > 0.25);
      CHECK_FALSE(d.all_in.verdict.breached());
    }
  }
  SECTION("statements: new bills, past due, penalty, minimum due") {
    REQUIRE(r.statements.size() == 4);
    const auto& s1 = r.statements[0];
    CHECK(s1.statement_date == Date::of("2024-02-01"));
    CHECK(s1.due_date == Date::of("2024-02-21"));
    CHECK(s1.grace_end == Date::of("2024-02-24"));
    CHECK(s1.items.size() == 2);
    CHECK(s1.new_billed == Money::of("2139.71"));  // 975.41 + 75.00 + 939.30 + 150.00
    CHECK(s1.minimum_due == Money::of("213.97"));  // 10%, half-up
    // Paid on 02-23: after the due date, within the grace period: not missed, no penalty.
    CHECK(s1.paid_in_full_on == Date::of("2024-02-23"));
    CHECK(s1.paid_within_grace);
    CHECK_FALSE(s1.missed);
    const auto& s2 = r.statements[1];
    CHECK(s2.new_billed == Money::of("2559.87"));
    CHECK(s2.minimum_due == Money::of("255.99"));
    CHECK(s2.missed);
    const auto& s3 = r.statements[2];
    CHECK(s3.past_due == Money::of("2066.17"));  // 2,559.87 − (500 − 6.30 penalty)
    CHECK(s3.penalty == Money::of("17.32"));
    CHECK(s3.total_due == Money::of("4643.36"));
    CHECK(s3.minimum_due == Money::of("2339.48"));
    CHECK(s3.missed);
    const auto& s4 = r.statements[3];  // after acceleration: no new bills
    CHECK(s4.items.empty());
    CHECK(s4.past_due == Money::of("8147.04"));
    CHECK(s4.penalty == Money::of("119.95"));
  }
  SECTION("penalty within the cap, the late payment, acceleration") {
    CHECK(r.penalty_capped);
    CHECK(r.penalty_annual == Approx(0.36).epsilon(1e-12));
    CHECK(r.penalty_verdict.breached());  // 45% asked, above 36%
    // The 500 on 03-28 pays the penalty owed first: 1,050.41 x 0.1% x 6 days (03-22..03-27) = 6.30.
    CHECK(r.penalty_paid == Money::of("6.30"));
    // Two missed statements in a row (March, April): accelerated the day after April's grace end.
    CHECK(r.missed_in_a_row == 2);
    CHECK(r.accelerated_on == Date::of("2024-04-25"));
    CHECK(r.principal_outstanding == Money::of("7842.20"));
    CHECK(r.principal_paid == Money::of("2357.80"));
    CHECK(r.interest_paid == Money::of("275.61"));
    CHECK(r.overdue_principal == Money::of("7842.20"));
    CHECK(r.overdue_interest == Money::of("304.84"));
    CHECK(r.penalty_outstanding == Money::of("201.44"));
    CHECK(r.total_due == Money::of("8348.48"));
  }
}

TEST_CASE("Credit line account refuses what a line cannot do", "[loan][line][account][errors]") {
  const loan::LineDrawRequest over[] = {{Date::of("2024-01-10"), Money::of("15000"), 3}, {Date::of("2024-01-11"), Money::of("6000"), 3}};
  CHECK_THAT(loan::run_line_account(product(), over, {}, Date::of("2024-02-01")).error(),
             Catch::Contains("draw 2 (2024-01-11): 6000.00 would take the line to 21000.00, above its limit 20000.00"));
  auto bad = product();
  bad.statement_day = 31;
  CHECK_THAT(loan::run_line_account(bad, kDraws, {}, Date::of("2024-05-10")).error(), Catch::Contains("statement day must be 1..28"));
  const loan::LinePayment early[] = {{Date::of("2024-01-01"), Money::of("10")}};
  CHECK_THAT(loan::run_line_account(product(), kDraws, early, Date::of("2024-05-10")).error(), Catch::Contains("before the first draw"));
  // After acceleration no new draw is allowed.
  const loan::LineDrawRequest late[] = {kDraws[0], kDraws[1], kDraws[2], {Date::of("2024-05-02"), Money::of("100"), 3}};
  CHECK_THAT(loan::run_line_account(product(), late, kPayments, Date::of("2024-05-10")).error(),
             Catch::Contains("the line was accelerated on 2024-04-25"));
}
