#include <catch2/catch.hpp>

#include "core/money/high_precision.hpp"
#include "core/money/rate.hpp"

using namespace finlab::money;

TEST_CASE("Rates parse as percent or ratio into the same exact units", "[money][rate]") {
  CHECK(Rate::percent("18") == Rate::ratio("0.18"));
  CHECK(Rate::percent("0.05") == Rate::ratio("0.0005"));
  CHECK(Rate::percent("0.05").units() == 5'000'000);
  CHECK(Rate::bps(25) == Rate::percent("0.25"));
  CHECK(Rate::percent("4.385").to_percent_string(3) == "4.385");
  CHECK(Rate::percent("4.3855").to_percent_string(3) == "4.386");
  CHECK(Rate::percent("4.5").to_percent_string() == "4.5");
  CHECK_FALSE(Rate::parse_percent("abc").ok());
  CHECK_FALSE(Rate::parse_percent("1.123456789").ok());
}

TEST_CASE("Daily fee accrual reproduces DOMAIN.md worked example A", "[money][rate][golden]") {
  // 10,000,000,000 × 0.33% / 365 = 90,410.96; × 0.10% / 365 = 27,397.26 (half-up).
  const Money nav = Money::of("10000000000.00");
  CHECK(apply_rate(nav, Rate::percent("0.33"), 365, Rounding::half_up).to_string() == "90410.96");
  CHECK(apply_rate(nav, Rate::percent("0.10"), 365, Rounding::half_up).to_string() == "27397.26");
  CHECK(apply_rate(Money::of("6000000000"), Rate::percent("0.25"), 365, Rounding::half_up).to_string() == "41095.89");
  CHECK(apply_rate(Money::of("4000000000"), Rate::percent("0.01"), 365, Rounding::half_up).to_string() == "1095.89");
}

TEST_CASE("The high-precision path rounds like the integer path", "[money][rate][reference]") {
  const HighDecimal x = to_high(Money::of("10000000000.00")) * to_high(Rate::percent("0.33")) / 365;
  CHECK(from_high<Money>(x, Rounding::half_up).to_string() == "90410.96");
  CHECK(from_high<Money>(HighDecimal("-1.005"), Rounding::half_up).to_string() == "-1.01");
  CHECK(from_high<Money>(HighDecimal("1.005"), Rounding::half_even).to_string() == "1.00");
  CHECK(from_high<Money>(HighDecimal("1.015"), Rounding::half_even).to_string() == "1.02");
  CHECK(from_high<Money>(HighDecimal("1.019"), Rounding::truncate).to_string() == "1.01");
}
