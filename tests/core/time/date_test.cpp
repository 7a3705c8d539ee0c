#include <catch2/catch.hpp>

#include "core/time/date.hpp"

using finlab::time::Date;
using finlab::time::Weekday;

TEST_CASE("Dates parse strictly and know their weekday", "[time][date]") {
  CHECK(Date::of("2015-05-12").weekday() == Weekday::tuesday);  // Huoqibao launch (S19)
  CHECK(Date::of("1970-01-01").serial() == 0);
  CHECK(Date::of("2024-02-29").to_string() == "2024-02-29");
  CHECK(Date::of("2015-06-19").weekday() == Weekday::friday);
  auto bad = Date::parse("2015-02-30");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Matchers::Contains("no such date: 2015-02-30"));
  CHECK_FALSE(Date::parse("2015-2-3").ok());
  CHECK_FALSE(Date::parse("2015/02/03").ok());
  CHECK_FALSE(Date::parse("2015-13-01").ok());
  CHECK_FALSE(Date::parse("2023-02-29").ok());
  CHECK_FALSE(Date::parse("").ok());
}

TEST_CASE("Adding months clamps to month end from the anchor date", "[time][date]") {
  const Date start = Date::of("2015-01-31");
  CHECK(start.plus_months(1).to_string() == "2015-02-28");
  CHECK(start.plus_months(2).to_string() == "2015-03-31");
  CHECK(Date::of("2016-01-31").plus_months(1).to_string() == "2016-02-29");
  CHECK(Date::of("2015-12-15").plus_months(1).to_string() == "2016-01-15");
  CHECK(Date::of("2015-03-31").plus_months(-1).to_string() == "2015-02-28");
  CHECK(Date::of("2015-05-12").plus_months(12).to_string() == "2016-05-12");
}

TEST_CASE("Date arithmetic round-trips over many years", "[time][date][property]") {
  Date d = Date::of("1999-12-25");
  for (int i = 0; i < 20000; ++i) {
    const Date back = Date::ymd(d.year(), d.month(), d.day());
    REQUIRE(back == d);
    REQUIRE(Date::of(d.to_string()) == d);
    d = d.plus_days(1);
  }
}
