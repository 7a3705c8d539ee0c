#include <catch2/catch.hpp>

#include "core/fund/fee_accrual.hpp"

using namespace finlab;

TEST_CASE("Fund fees accrue daily on the previous day's NAV over the days of the year", "[fund][fees]") {
  const auto nav = money::Money::of("10000000000.00");
  CHECK(fund::daily_fee(nav, money::Rate::percent("0.33"), 365).to_string() == "90410.96");  // DOMAIN.md §1.3 A
  CHECK(fund::daily_fee(nav, money::Rate::percent("0.33"), 366).to_string() == "90163.93");  // leap year
  CHECK_THROWS(fund::daily_fee(nav, money::Rate::percent("0.33"), 360));
}
