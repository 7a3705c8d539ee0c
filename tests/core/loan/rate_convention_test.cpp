#include <catch2/catch.hpp>

#include "core/loan/rate_convention.hpp"

using namespace finlab;

TEST_CASE("Daily and annual rates convert by the stated day basis", "[loan][rate]") {
  // DOMAIN.md §2.1: 0.05%/day is 18.00% (×360) or 18.25% (×365).
  CHECK(loan::annual_from_daily(money::Rate::percent("0.05"), loan::DayBasis::act_360).to_percent_string(2) == "18.00");
  CHECK(loan::annual_from_daily(money::Rate::percent("0.05"), loan::DayBasis::act_365).to_percent_string(2) == "18.25");
  CHECK(loan::daily_from_annual(money::Rate::percent("18"), loan::DayBasis::act_360) == money::Rate::percent("0.05"));
}
