#include <catch2/catch.hpp>

#include <vector>

#include "core/loan/delinquency.hpp"

using namespace finlab;
using loan::DelinquencyBucket;
using loan::Repayment;
using money::Money;
using time::Date;

namespace {
loan::Schedule domain_schedule() {
  loan::LoanTerms t;
  t.principal = Money::of("10000");
  t.rate = loan::QuotedRate::annual(money::Rate::percent("18"));
  t.term_months = 12;
  t.start = Date::of("2015-05-12");
  return loan::build_schedule(t);
}
}  // namespace

TEST_CASE("Penalty interest reproduces DOMAIN.md §2.5 example I", "[loan][overdue][golden]") {
  // Installment 1 (766.80 + 150.00, due 2015-06-12) is 10 days late; penalty
  // rate 0.05% × 1.5 = 0.075% a day: 5.75 on principal + 1.13 compound = 6.88.
  const auto r = loan::assess_delinquency(domain_schedule(), {}, Date::of("2015-06-22")).value();
  CHECK(r.days_past_due == 10);
  CHECK(r.bucket == DelinquencyBucket::m1);
  REQUIRE(r.installments.size() == 1);
  CHECK(r.installments[0].penalty_on_principal.to_string() == "5.75");
  CHECK(r.installments[0].penalty_on_interest.to_string() == "1.13");
  CHECK(r.penalty_outstanding.to_string() == "6.88");
  CHECK(r.overdue_principal.to_string() == "766.80");
  CHECK(r.overdue_interest.to_string() == "150.00");
  CHECK(r.total_due.to_string() == "923.68");
  CHECK_FALSE(r.written_off);
}

TEST_CASE("Paying late clears penalty first, then interest, then principal", "[loan][overdue]") {
  // Pay 923.68 ten days late: everything settled, nothing overdue.
  const std::vector<Repayment> pays = {{Date::of("2015-06-22"), Money::of("923.68")}};
  const auto r = loan::assess_delinquency(domain_schedule(), pays, Date::of("2015-06-25")).value();
  CHECK(r.days_past_due == 0);
  CHECK(r.bucket == DelinquencyBucket::current);
  CHECK(r.penalty_paid.to_string() == "6.88");
  CHECK(r.penalty_outstanding.is_zero());
  CHECK(r.installments[0].settled());
  SECTION("a partial payment pays penalty and interest before principal") {
    const std::vector<Repayment> part = {{Date::of("2015-06-22"), Money::of("100")}};
    const auto p = loan::assess_delinquency(domain_schedule(), part, Date::of("2015-06-22")).value();
    CHECK(p.installments[0].penalty_paid.to_string() == "6.88");
    CHECK(p.installments[0].interest_paid.to_string() == "93.12");
    CHECK(p.installments[0].principal_paid.is_zero());
    CHECK(p.days_past_due == 10);
  }
}

TEST_CASE("Paying on time keeps the loan current, paying ahead is a credit", "[loan][overdue]") {
  const std::vector<Repayment> pays = {{Date::of("2015-06-12"), Money::of("916.80")}, {Date::of("2015-07-01"), Money::of("1000")}};
  const auto r = loan::assess_delinquency(domain_schedule(), pays, Date::of("2015-07-05")).value();
  CHECK(r.days_past_due == 0);
  CHECK(r.credit.to_string() == "1000.00");
  const auto later = loan::assess_delinquency(domain_schedule(), pays, Date::of("2015-07-12")).value();
  CHECK(later.installments[1].settled());
  CHECK(later.credit.to_string() == "83.20");
}

TEST_CASE("Days past due map to buckets and write-off", "[loan][overdue][buckets]") {
  CHECK(loan::bucket_for(0) == DelinquencyBucket::current);
  CHECK(loan::bucket_for(1) == DelinquencyBucket::m1);
  CHECK(loan::bucket_for(30) == DelinquencyBucket::m1);
  CHECK(loan::bucket_for(31) == DelinquencyBucket::m2);
  CHECK(loan::bucket_for(61) == DelinquencyBucket::m3);
  CHECK(loan::bucket_for(91) == DelinquencyBucket::m4_m6);
  CHECK(loan::bucket_for(180) == DelinquencyBucket::m4_m6);
  CHECK(loan::bucket_for(181) == DelinquencyBucket::m6_plus);
  CHECK(loan::to_string(DelinquencyBucket::m4_m6) == "M4-M6");
  // Nothing paid: on 2015-12-09 the first installment is 180 days late (not yet
  // written off), the next day 181 (written off at the default 180).
  const auto a = loan::assess_delinquency(domain_schedule(), {}, Date::of("2015-12-09")).value();
  CHECK(a.days_past_due == 180);
  CHECK_FALSE(a.written_off);
  const auto b = loan::assess_delinquency(domain_schedule(), {}, Date::of("2015-12-10")).value();
  CHECK(b.days_past_due == 181);
  CHECK(b.bucket == DelinquencyBucket::m6_plus);
  CHECK(b.written_off);
  loan::DelinquencyPolicy p;
  p.write_off_days = 90;
  CHECK(loan::assess_delinquency(domain_schedule(), {}, Date::of("2015-09-11"), p)->written_off);
}

TEST_CASE("The penalty multiplier and compounding are configurable", "[loan][overdue]") {
  loan::DelinquencyPolicy p;
  p.penalty_multiplier = money::Rate::ratio("1.3");
  p.compound_overdue_interest = false;
  const auto r = loan::assess_delinquency(domain_schedule(), {}, Date::of("2015-06-22"), p).value();
  // 766.80 × 0.065% × 10 = 4.9842 → 4.98; no compound part.
  CHECK(r.installments[0].penalty_on_principal.to_string() == "4.98");
  CHECK(r.installments[0].penalty_on_interest.is_zero());
  p.write_off_days = 0;
  CHECK_THAT(loan::assess_delinquency(domain_schedule(), {}, Date::of("2015-06-22"), p).error(), Catch::Contains("write-off days"));
  const std::vector<Repayment> bad = {{Date::of("2015-06-22"), Money::of("-1")}};
  CHECK_THAT(loan::assess_delinquency(domain_schedule(), bad, Date::of("2015-06-22")).error(), Catch::Contains("payment 1 (2015-06-22)"));
}
