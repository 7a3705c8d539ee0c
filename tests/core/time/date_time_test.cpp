#include <catch2/catch.hpp>

#include "core/time/date_time.hpp"

using finlab::time::Date;
using finlab::time::DateTime;

TEST_CASE("Date-times parse strictly with minutes or seconds", "[time][datetime]") {
  const DateTime t = DateTime::of("2015-05-14 14:59");
  CHECK(t.date() == Date::of("2015-05-14"));
  CHECK(t.hour() == 14);
  CHECK(t.minute() == 59);
  CHECK(t.second() == 0);
  CHECK(t.to_string() == "2015-05-14 14:59");
  CHECK(DateTime::of("2015-05-14 14:59:59").seconds_of_day() == 14 * 3600 + 59 * 60 + 59);
  CHECK(DateTime::of("2015-05-14 14:59:59").to_string() == "2015-05-14 14:59:59");
  CHECK(DateTime::of("2015-05-14 00:00") < DateTime::of("2015-05-14 00:00:01"));
  CHECK(DateTime::of("2015-05-13 23:59:59") < DateTime::of("2015-05-14 00:00"));
}

TEST_CASE("Malformed or impossible date-times are errors that say why", "[time][datetime]") {
  auto bad = [](const char* text) {
    auto r = DateTime::parse(text);
    REQUIRE_FALSE(r.ok());
    return r.error();
  };
  CHECK_THAT(bad("2015-02-30 10:00"), Catch::Matchers::Contains("no such date: 2015-02-30"));
  CHECK_THAT(bad("2015-05-14 24:00"), Catch::Matchers::Contains("hour 24 out of range"));
  CHECK_THAT(bad("2015-05-14 14:60"), Catch::Matchers::Contains("minute 60 out of range"));
  CHECK_THAT(bad("2015-05-14 14:59:60"), Catch::Matchers::Contains("second 60 out of range"));
  CHECK_THAT(bad("2015-05-14T14:59"), Catch::Matchers::Contains("expected a time as"));
  CHECK_THAT(bad("2015-05-14 9:59"), Catch::Matchers::Contains("expected a time as"));
  CHECK_THAT(bad("2015-05-14"), Catch::Matchers::Contains("expected a time as"));
  CHECK_THAT(bad("2015-05-14 14:59 "), Catch::Matchers::Contains("expected a time as"));
  CHECK_THAT(bad("2015-05-14 14:59+08"), Catch::Matchers::Contains("expected a time as"));
  CHECK_THAT(bad(""), Catch::Matchers::Contains("expected a time as"));
  CHECK_THAT(bad("2015-05-14 1a:59"), Catch::Matchers::Contains("expected a time as"));
}
