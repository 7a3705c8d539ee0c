#include <catch2/catch.hpp>

#include "core/loan/rate_convention.hpp"

using namespace finlab;
using loan::DayBasis;
using loan::ExactRate;
using loan::QuotedRate;
using money::Money;
using money::Rate;
using money::Rounding;

TEST_CASE("Daily and annual rates convert by the stated day basis", "[loan][rate]") {
  // DOMAIN.md §2.1: 0.05%/day is 18.00% (×360) or 18.25% (×365).
  CHECK(loan::annual_from_daily(Rate::percent("0.05"), DayBasis::act_360).to_percent_string(2) == "18.00");
  CHECK(loan::annual_from_daily(Rate::percent("0.05"), DayBasis::act_365).to_percent_string(2) == "18.25");
  CHECK(loan::daily_from_annual(Rate::percent("18"), DayBasis::act_360) == Rate::percent("0.05"));
}

TEST_CASE("Quoted rates become exact periodic rates without rounding", "[loan][rate]") {
  SECTION("annual / 12 stays exact even when it does not terminate") {
    const ExactRate m = loan::monthly_rate(QuotedRate::annual(Rate::percent("17")));
    CHECK(m == ExactRate::ratio(17, 1200));
    // 10,000.00 × 17%/12 = 141.666… → 141.67
    CHECK(m.apply(Money::of("10000"), Rounding::half_up).to_string() == "141.67");
  }
  SECTION("18% a year is 1.5% a month and 0.05% a day (ACT/360)") {
    CHECK(loan::monthly_rate(QuotedRate::annual(Rate::percent("18"))) == ExactRate::ratio(15, 1000));
    CHECK(loan::daily_rate(QuotedRate::annual(Rate::percent("18")), DayBasis::act_360) == ExactRate::ratio(5, 10000));
    CHECK(loan::daily_rate(QuotedRate::annual(Rate::percent("18")), DayBasis::act_365) == ExactRate::ratio(18, 36500));
  }
  SECTION("a daily rate is ×30 a month under ACT/360 and ×365/12 under ACT/365") {
    CHECK(loan::monthly_rate(QuotedRate::daily(Rate::percent("0.05")), DayBasis::act_360) == ExactRate::ratio(15, 1000));
    CHECK(loan::monthly_rate(QuotedRate::daily(Rate::percent("0.05")), DayBasis::act_365) == ExactRate::ratio(5 * 365, 10000 * 12));
    CHECK(loan::annual_rate(QuotedRate::daily(Rate::percent("0.05")), DayBasis::act_365).to_percent_string(2) == "18.25");
    CHECK(loan::annual_rate(QuotedRate::monthly(Rate::percent("1.5"))).to_percent_string(2) == "18.00");
  }
}

TEST_CASE("Applying an exact rate rounds once with the named mode", "[loan][rate]") {
  const ExactRate r = ExactRate::ratio(15, 1000);
  CHECK(r.apply(Money::of("2223.18"), Rounding::half_up).to_string() == "33.35");  // 33.3477
  CHECK(r.apply(Money::of("443.03"), Rounding::half_up).to_string() == "6.65");    // 6.64545
  CHECK(r.apply(Money::of("443.03"), Rounding::truncate).to_string() == "6.64");
  // An exact tie: 1.00 × 0.5% = 0.005 → 0.01 half-up, 0.00 half-even.
  CHECK(ExactRate::ratio(5, 1000).apply(Money::of("1.00"), Rounding::half_up).to_string() == "0.01");
  CHECK(ExactRate::ratio(5, 1000).apply(Money::of("1.00"), Rounding::half_even).to_string() == "0.00");
  // Negative amounts round away from zero on ties (half-up).
  CHECK(ExactRate::ratio(5, 1000).apply(Money::of("-1.00"), Rounding::half_up).to_string() == "-0.01");
  // Days of a daily rate: 5,000 × 0.05% × 17 = 42.50 (DOMAIN.md §2.2(d)).
  CHECK(ExactRate::ratio(5, 10000).apply_days(Money::of("5000"), 17, Rounding::half_up).to_string() == "42.50");
  // Huge products take the 128-bit path.
  CHECK(ExactRate::ratio(1, 3).apply(Money::of("90000000000000000"), Rounding::half_up).to_string() == "30000000000000000.00");
}

TEST_CASE("Day bases parse from user text", "[loan][rate][errors]") {
  CHECK(loan::parse_day_basis("360").value() == DayBasis::act_360);
  CHECK(loan::parse_day_basis("ACT/365").value() == DayBasis::act_365);
  CHECK_FALSE(loan::parse_day_basis("364").ok());
}
