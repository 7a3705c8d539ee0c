#include <catch2/catch.hpp>

#include "core/loan/prepayment.hpp"

using namespace finlab;
using loan::PrepayMode;
using money::Money;
using time::Date;

namespace {
loan::LoanTerms domain_loan() {
  loan::LoanTerms t;
  t.principal = Money::of("10000");
  t.rate = loan::QuotedRate::annual(money::Rate::percent("18"));
  t.term_months = 12;
  t.start = Date::of("2015-05-12");
  return t;
}
}  // namespace

TEST_CASE("Prepayment reproduces DOMAIN.md §2.4 example H", "[loan][prepay][golden]") {
  // After the 6th payment (due 2015-11-12) the balance is 5,223.18; 3,000.00 is prepaid.
  SECTION("shorten the term: keep 916.80, three more months, interest 60.10") {
    const auto r = loan::prepay(domain_loan(), {Date::of("2015-11-12"), Money::of("3000"), PrepayMode::shorten_term, {}}).value();
    CHECK(r.periods_paid == 6);
    CHECK(r.balance_before.to_string() == "5223.18");
    CHECK(r.balance_after.to_string() == "2223.18");
    CHECK(r.accrued_interest.is_zero());
    REQUIRE(r.remaining_after.size() == 3);
    CHECK(r.remaining_after[0].interest.to_string() == "33.35");
    CHECK(r.remaining_after[0].principal.to_string() == "883.45");
    CHECK(r.remaining_after[0].balance.to_string() == "1339.73");
    CHECK(r.remaining_after[1].interest.to_string() == "20.10");
    CHECK(r.remaining_after[1].principal.to_string() == "896.70");
    CHECK(r.remaining_after[1].balance.to_string() == "443.03");
    CHECK(r.remaining_after[2].payment.to_string() == "449.68");
    CHECK(r.remaining_after[2].interest.to_string() == "6.65");
    CHECK(r.remaining_after[2].period == 9);
    CHECK(r.remaining_after[2].due_date.to_string() == "2016-02-12");
    CHECK(r.interest_after.to_string() == "60.10");
    CHECK(r.interest_before.to_string() == "277.63");  // months 7–12 without prepayment
    CHECK(r.interest_saved().to_string() == "217.53");
    CHECK(r.new_installment.to_string() == "916.80");
  }
  SECTION("lower the installment: 6 months of 390.22, interest 118.17") {
    const auto r = loan::prepay(domain_loan(), {Date::of("2015-11-12"), Money::of("3000"), PrepayMode::lower_installment, {}}).value();
    REQUIRE(r.remaining_after.size() == 6);
    CHECK(r.new_installment.to_string() == "390.22");
    CHECK(r.interest_after.to_string() == "118.17");
    CHECK(r.remaining_after.back().balance.is_zero());
    Money principal;
    for (const auto& i : r.remaining_after) principal += i.principal;
    CHECK(principal == r.balance_after);
  }
}

TEST_CASE("Prepaying between due dates charges the prepaid amount's interest since the last due date", "[loan][prepay]") {
  // 2015-11-22 is 10 days after the 6th due date: 3,000 × 18%/360 × 10 = 15.00.
  const auto r = loan::prepay(domain_loan(), {Date::of("2015-11-22"), Money::of("3000"), PrepayMode::shorten_term, Money::of("20")}).value();
  CHECK(r.periods_paid == 6);
  CHECK(r.accrued_days == 10);
  CHECK(r.accrued_interest.to_string() == "15.00");
  CHECK(r.cash_due.to_string() == "3035.00");
  CHECK(r.remaining_after.front().interest.to_string() == "33.35");
}

TEST_CASE("The payoff amount on any date", "[loan][prepay][payoff]") {
  SECTION("on a due date: the balance after that installment") {
    const auto p = loan::payoff_amount(domain_loan(), Date::of("2015-11-12")).value();
    CHECK(p.periods_paid == 6);
    CHECK(p.total.to_string() == "5223.18");
  }
  SECTION("between due dates: plus daily interest since the last one") {
    // 5,223.18 × 0.05% × 10 days = 26.1159 → 26.12
    const auto p = loan::payoff_amount(domain_loan(), Date::of("2015-11-22"), Money::of("50")).value();
    CHECK(p.accrued_interest.to_string() == "26.12");
    CHECK(p.total.to_string() == "5299.30");
  }
  SECTION("before the first due date: principal plus interest from the start") {
    const auto p = loan::payoff_amount(domain_loan(), Date::of("2015-05-22")).value();
    CHECK(p.periods_paid == 0);
    CHECK(p.total.to_string() == "10050.00");
  }
}

TEST_CASE("Prepayment errors say what is wrong", "[loan][prepay][errors]") {
  const auto t = domain_loan();
  CHECK_THAT(loan::prepay(t, {Date::of("2015-05-12"), Money::of("100"), PrepayMode::shorten_term, {}}).error(), Catch::Contains("not after the loan start"));
  CHECK_THAT(loan::prepay(t, {Date::of("2016-05-12"), Money::of("100"), PrepayMode::shorten_term, {}}).error(), Catch::Contains("on or after maturity 2016-05-12"));
  CHECK_THAT(loan::prepay(t, {Date::of("2015-11-12"), Money::of("6000"), PrepayMode::shorten_term, {}}).error(), Catch::Contains("more than the balance 5223.18"));
  CHECK_THAT(loan::prepay(t, {Date::of("2015-11-12"), Money::of("0"), PrepayMode::shorten_term, {}}).error(), Catch::Contains("must be positive"));
  loan::LoanTerms io = t;
  io.method = loan::RepaymentMethod::interest_only;
  CHECK_THAT(loan::prepay(io, {Date::of("2015-11-12"), Money::of("100"), PrepayMode::shorten_term, {}}).error(), Catch::Contains("use lower-installment"));
  const auto ok = loan::prepay(io, {Date::of("2015-11-12"), Money::of("4000"), PrepayMode::lower_installment, {}}).value();
  CHECK(ok.remaining_after.front().interest.to_string() == "90.00");  // 6,000 × 1.5%
  CHECK(loan::parse_prepay_mode("减少月供").value() == PrepayMode::lower_installment);
  CHECK_FALSE(loan::parse_prepay_mode("faster").ok());
}

TEST_CASE("Prepaying the whole balance leaves nothing to amortise", "[loan][prepay]") {
  const auto r = loan::prepay(domain_loan(), {Date::of("2015-11-12"), Money::of("5223.18"), PrepayMode::lower_installment, {}}).value();
  CHECK(r.remaining_after.empty());
  CHECK(r.interest_saved().to_string() == "277.63");
}
