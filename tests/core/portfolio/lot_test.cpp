#include <catch2/catch.hpp>

#include "core/portfolio/lot.hpp"

using namespace finlab;

TEST_CASE("A lot's holding period counts calendar days from confirmation", "[portfolio][lot]") {
  const portfolio::Lot lot{time::Date::of("2015-05-13"), money::Shares::of("1000.00")};
  CHECK(portfolio::holding_days(lot, time::Date::of("2015-05-13")) == 0);
  CHECK(portfolio::holding_days(lot, time::Date::of("2015-05-20")) == 7);
  CHECK_THROWS(portfolio::holding_days(lot, time::Date::of("2015-05-12")));
}
