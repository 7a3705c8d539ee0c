#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/loan/schedule.hpp"

using namespace finlab;
using loan::LoanTerms;
using loan::QuotedRate;
using loan::RepaymentMethod;
using money::Money;
using money::Rate;
using time::Date;

namespace {
LoanTerms terms(const char* principal, const char* annual_pct, int months, RepaymentMethod m, const char* start = "2015-05-12") {
  LoanTerms t;
  t.principal = Money::of(principal);
  t.rate = QuotedRate::annual(Rate::percent(annual_pct));
  t.term_months = months;
  t.method = m;
  t.start = Date::of(start);
  return t;
}

std::string row(const loan::Installment& i) {
  return std::to_string(i.period) + " " + i.payment.to_string() + " " + i.principal.to_string() + " " + i.interest.to_string() + " " +
         i.balance.to_string();
}

struct Mix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::int64_t in(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
};
}  // namespace

TEST_CASE("Equal installment reproduces the DOMAIN.md §2.2(a) schedule to the fen", "[loan][schedule][golden]") {
  const loan::Schedule s = loan::build_schedule(terms("10000", "18", 12, RepaymentMethod::equal_installment));
  const std::vector<std::string> expected = {
      "1 916.80 766.80 150.00 9233.20", "2 916.80 778.30 138.50 8454.90", "3 916.80 789.98 126.82 7664.92",
      "4 916.80 801.83 114.97 6863.09", "5 916.80 813.85 102.95 6049.24", "6 916.80 826.06 90.74 5223.18",
      "7 916.80 838.45 78.35 4384.73",  "8 916.80 851.03 65.77 3533.70",  "9 916.80 863.79 53.01 2669.91",
      "10 916.80 876.75 40.05 1793.16", "11 916.80 889.90 26.90 903.26",  "12 916.81 903.26 13.55 0.00"};
  REQUIRE(s.installments.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) CHECK(row(s.installments[k]) == expected[k]);
  CHECK(s.installment.to_string() == "916.80");
  CHECK(s.total_interest.to_string() == "1001.61");
  CHECK(s.total_payment.to_string() == "11001.61");
  CHECK(s.installments[0].due_date.to_string() == "2015-06-12");
  CHECK(s.installments[11].due_date.to_string() == "2016-05-12");
}

TEST_CASE("Equal principal reproduces DOMAIN.md §2.2(b)", "[loan][schedule][golden]") {
  SECTION("12,000 at 1.5% a month: 1,180.00 falling by 15.00, interest 1,170.00") {
    const loan::Schedule s = loan::build_schedule(terms("12000", "18", 12, RepaymentMethod::equal_principal));
    CHECK(s.installments[0].payment.to_string() == "1180.00");
    CHECK(s.installments[1].payment.to_string() == "1165.00");
    CHECK(s.installments[2].payment.to_string() == "1150.00");
    CHECK(s.installments[11].payment.to_string() == "1015.00");
    CHECK(s.total_interest.to_string() == "1170.00");  // P·r·(n+1)/2
  }
  SECTION("微粒贷 actual-day interest: 3,000 over 31/30/31 days at 0.05% a day") {
    LoanTerms t = terms("3000", "0", 3, RepaymentMethod::equal_principal, "2015-03-15");
    t.rate = QuotedRate::daily(Rate::percent("0.05"));
    t.accrual = loan::InterestAccrual::actual_days;
    const loan::Schedule s = loan::build_schedule(t);
    CHECK(row(s.installments[0]) == "1 1046.50 1000.00 46.50 2000.00");
    CHECK(row(s.installments[1]) == "2 1030.00 1000.00 30.00 1000.00");
    CHECK(row(s.installments[2]) == "3 1015.50 1000.00 15.50 0.00");
  }
  SECTION("微粒贷 published example: 2,500 over 5 months → 38.75, 30.00, …, 15.50, 7.50") {
    // DOMAIN.md §2.2(b) [C] L5: interest 38.75 (31 days on 2,500), 30.00 (30 days on 2,000), …
    LoanTerms t = terms("2500", "0", 5, RepaymentMethod::equal_principal, "2015-05-15");  // 31/30/31/31/30 days
    t.rate = QuotedRate::daily(Rate::percent("0.05"));
    t.accrual = loan::InterestAccrual::actual_days;
    const loan::Schedule s = loan::build_schedule(t);
    CHECK(s.installments[0].interest.to_string() == "38.75");
    CHECK(s.installments[1].interest.to_string() == "30.00");
    CHECK(s.installments[3].interest.to_string() == "15.50");
    CHECK(s.installments[4].interest.to_string() == "7.50");
  }
  SECTION("principal / n that is not whole fen: the last period repays the rest") {
    const loan::Schedule s = loan::build_schedule(terms("100", "12", 3, RepaymentMethod::equal_principal));
    CHECK(s.installments[0].principal.to_string() == "33.33");
    CHECK(s.installments[1].principal.to_string() == "33.33");
    CHECK(s.installments[2].principal.to_string() == "33.34");
  }
}

TEST_CASE("Interest-only and bullet loans reproduce DOMAIN.md §2.2(c) and (e)", "[loan][schedule][golden]") {
  SECTION("先息后本: 150.00 × 11, then 10,150.00; interest 1,800.00") {
    const loan::Schedule s = loan::build_schedule(terms("10000", "18", 12, RepaymentMethod::interest_only));
    for (int k = 0; k < 11; ++k) CHECK(s.installments[k].payment.to_string() == "150.00");
    CHECK(s.installments[11].payment.to_string() == "10150.00");
    CHECK(s.total_interest.to_string() == "1800.00");
  }
  SECTION("bullet, 12% for 90 days: 300.00 on ACT/360, 295.89 on ACT/365") {
    LoanTerms t = terms("10000", "12", 1, RepaymentMethod::bullet);
    t.term_days = 90;
    CHECK(loan::build_schedule(t).total_interest.to_string() == "300.00");
    t.day_basis = loan::DayBasis::act_365;
    const loan::Schedule s = loan::build_schedule(t);
    CHECK(s.total_interest.to_string() == "295.89");
    CHECK(s.installments.size() == 1);
    CHECK(s.installments[0].due_date.to_string() == "2015-08-10");
    CHECK(s.installments[0].payment.to_string() == "10295.89");
  }
  SECTION("bullet over months: simple interest P·r·n, rounded once") {
    const loan::Schedule s = loan::build_schedule(terms("10000", "17", 12, RepaymentMethod::bullet));
    CHECK(s.total_interest.to_string() == "1700.00");
    CHECK(s.cash_flows().size() == 13);
  }
}

TEST_CASE("Due dates keep the anchor day and clamp to month ends", "[loan][schedule][dates]") {
  const loan::Schedule s = loan::build_schedule(terms("1200", "12", 14, RepaymentMethod::equal_principal, "2015-12-31"));
  const std::vector<std::string> dues = {"2016-01-31", "2016-02-29", "2016-03-31", "2016-04-30", "2016-05-31", "2016-06-30", "2016-07-31",
                                         "2016-08-31", "2016-09-30", "2016-10-31", "2016-11-30", "2016-12-31", "2017-01-31", "2017-02-28"};
  for (std::size_t k = 0; k < dues.size(); ++k) CHECK(s.installments[k].due_date.to_string() == dues[k]);
}

TEST_CASE("Flat monthly fees are part of each payment (DOMAIN.md §2.3 example F)", "[loan][schedule][fees]") {
  LoanTerms t = terms("12000", "0", 12, RepaymentMethod::equal_principal);
  t.monthly_fee_rate = Rate::percent("0.6");
  const loan::Schedule s = loan::build_schedule(t);
  for (const auto& i : s.installments) {
    CHECK(i.payment.to_string() == "1072.00");
    CHECK(i.fee.to_string() == "72.00");
  }
  CHECK(s.total_fees.to_string() == "864.00");
  t.upfront_fee = Money::of("300");
  CHECK(loan::build_schedule(t).cash_flows().front().to_string() == "-11700.00");
}

TEST_CASE("Schedules conserve principal and never go negative (property)", "[loan][schedule][property]") {
  Mix rng{42};
  std::vector<loan::Installment> buf(400);
  for (int k = 0; k < 3000; ++k) {
    LoanTerms t;
    t.principal = Money::from_units(rng.in(1, 2'000'000'000));
    t.rate = QuotedRate::annual(Rate::from_units(rng.in(0, 50'000'000'000)));  // 0 .. 500%
    t.term_months = static_cast<int>(rng.in(1, 360));
    t.method = static_cast<RepaymentMethod>(rng.in(0, 3));
    t.accrual = rng.in(0, 3) == 0 ? loan::InterestAccrual::actual_days : loan::InterestAccrual::per_period;
    t.start = Date::from_serial(static_cast<std::int32_t>(rng.in(16000, 20000)));
    t.rounding = static_cast<money::Rounding>(rng.in(0, 4));
    const loan::Schedule s = loan::build_schedule(t);
    Money principal, payments, interest;
    for (const auto& i : s.installments) {
      CHECK_FALSE(i.balance.is_negative());
      CHECK_FALSE(i.principal.is_negative());
      CHECK(i.payment == i.principal + i.interest + i.fee);
      principal += i.principal;
      payments += i.payment;
      interest += i.interest;
    }
    CHECK(principal == t.principal);
    CHECK(s.installments.back().balance.is_zero());
    CHECK(payments == s.total_payment);
    CHECK(payments == t.principal + interest + s.total_fees);
    // The allocation-free path writes the same rows.
    const loan::ScheduleTotals tot = loan::fill_schedule(t, buf);
    REQUIRE(tot.count == static_cast<int>(s.installments.size()));
    CHECK(tot.total_payment == s.total_payment);
    CHECK(buf[static_cast<std::size_t>(tot.count) - 1].payment == s.installments.back().payment);
  }
}

TEST_CASE("Invalid loan terms are refused with a reason", "[loan][schedule][errors]") {
  LoanTerms t = terms("10000", "18", 12, RepaymentMethod::equal_installment);
  SECTION("term") {
    t.term_months = 0;
    CHECK_THAT(loan::check_terms(t).value_or(""), Catch::Contains("term must be 1..1200 months, got 0"));
    t.term_months = -3;
    CHECK(loan::check_terms(t).has_value());
    CHECK_THROWS_WITH(loan::build_schedule(t), Catch::Contains("invalid loan terms"));
  }
  SECTION("principal") {
    t.principal = Money::of("-1");
    CHECK_THAT(loan::check_terms(t).value_or(""), Catch::Contains("principal must be positive"));
    t.principal = Money{};
    CHECK(loan::check_terms(t).has_value());
  }
  SECTION("rate above 1000% a year, however it is quoted") {
    t.rate = QuotedRate::annual(Rate::percent("1000.01"));
    CHECK_THAT(loan::check_terms(t).value_or(""), Catch::Contains("above the 1000% limit"));
    t.rate = QuotedRate::daily(Rate::percent("3"));  // 1080% a year on ACT/360
    CHECK_THAT(loan::check_terms(t).value_or(""), Catch::Contains("1080.00% a year"));
    t.rate = QuotedRate::annual(Rate::percent("1000"));
    CHECK_FALSE(loan::check_terms(t).has_value());
  }
  SECTION("days only for bullets, fees below the principal") {
    t.term_days = 30;
    CHECK_THAT(loan::check_terms(t).value_or(""), Catch::Contains("only for bullet"));
    t.term_days = 0;
    t.upfront_fee = Money::of("10000");
    CHECK_THAT(loan::check_terms(t).value_or(""), Catch::Contains("upfront fee"));
  }
  SECTION("method names") {
    CHECK(loan::parse_repayment_method("equal-principal").value() == RepaymentMethod::equal_principal);
    CHECK(loan::parse_repayment_method("等额本息").value() == RepaymentMethod::equal_installment);
    CHECK_THAT(loan::parse_repayment_method("balloon").error(), Catch::Contains("unknown repayment method 'balloon'"));
  }
}
