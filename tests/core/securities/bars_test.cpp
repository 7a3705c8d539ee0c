// The CSV reader of daily bars: good files, and bad ones with FILE:LINE:COLUMN.
#include <catch2/catch.hpp>

#include "core/securities/bars.hpp"

using namespace finlab;
using namespace finlab::securities;

namespace {
Result<std::vector<Bar>> read(const std::string& body) {
  return parse_bars_csv("bars.csv", "date,open,high,low,close,volume\n" + body, time::TradingCalendar::builtin());
}
}  // namespace

TEST_CASE("Daily bars are read exactly", "[securities][bars]") {
  auto bars = read("2016-01-04,12.00,12.10,10.80,10.80,1234500\r\n2016-01-05,10.80,11.20,10.50,11.00,900000\n");
  REQUIRE(bars.ok());
  REQUIRE(bars->size() == 2);
  CHECK(bars->at(0).low == money::Money::of("10.80"));
  CHECK(bars->at(1).volume == 900000);
}

TEST_CASE("Bad bars say where and what", "[securities][bars]") {
  CHECK_THAT(parse_bars_csv("x.csv", "day,o,h,l,c,v\n", time::TradingCalendar::builtin()).error(), Catch::Contains("x.csv:1:1: expected the header"));
  CHECK_THAT(read("2016-01-04,12.00,12.10,10.80\n").error(), Catch::Contains("bars.csv:2:1: expected 6 fields"));
  CHECK_THAT(read("2016-01-04,12.001,12.10,10.80,10.80,100\n").error(), Catch::Contains("bars.csv:2:12: open"));
  CHECK_THAT(read("2016-01-04,12.00,11.90,10.80,10.80,100\n").error(), Catch::Contains("bars.csv:2:18: high 11.90 is below"));
  CHECK_THAT(read("2016-01-04,12.00,12.10,12.05,12.01,100\n").error(), Catch::Contains("bars.csv:2:24: low 12.05 is above"));
  CHECK_THAT(read("2016-01-09,12.00,12.10,10.80,10.80,100\n").error(), Catch::Contains("not a trading day (Saturday)"));
  CHECK_THAT(read("2016-01-05,12.00,12.10,10.80,10.80,100\n2016-01-04,12.00,12.10,10.80,10.80,100\n").error(),
             Catch::Contains("bars.csv:3:1: date 2016-01-04 is not after"));
  CHECK_THAT(read("2016-01-04,12.00,12.10,10.80,10.80,-5\n").error(), Catch::Contains("bars.csv:2:36: volume"));
  CHECK_THAT(read("2016-01-04,0.00,12.10,10.80,10.80,5\n").error(), Catch::Contains("open must be positive"));
  CHECK_THAT(read("2030-01-04,1.00,1.10,0.80,1.00,5\n").error(), Catch::Contains("no trading calendar for 2030"));
}
