#include <catch2/catch.hpp>

#include "core/time/trading_calendar.hpp"

using finlab::time::Date;
using finlab::time::TradingCalendar;

namespace {
const TradingCalendar& cal() { return TradingCalendar::builtin(); }
Date d(const char* s) { return Date::of(s); }
}  // namespace

TEST_CASE("The built-in calendar covers 2015..2026 with the published trading-day counts", "[time][calendar]") {
  CHECK(cal().first_year() == 2015);
  CHECK(cal().last_year() == 2026);
  // Counts: DOMAIN.md §4.2 for 2015 and 2024-2026; the others recounted from
  // the exchanges' notices cited in assets/calendar/YYYY.txt.
  const int expected[][2] = {{2015, 244}, {2016, 244}, {2017, 244}, {2018, 243}, {2019, 244}, {2020, 243},
                             {2021, 243}, {2022, 242}, {2023, 242}, {2024, 242}, {2025, 243}, {2026, 242}};
  for (const auto& [year, count] : expected) {
    INFO(year);
    // [year-01-01, year-12-31]: the end date is inside the year (2027 has no data).
    CHECK(cal().trading_days_between(Date::ymd(year, 1, 1), Date::ymd(year, 12, 31)) +
              (cal().is_trading_day(Date::ymd(year, 12, 31)) ? 1 : 0) == count);
    CHECK(cal().year_info(year)->trading_days == count);
    CHECK_FALSE(cal().year_info(year)->sources.empty());
  }
}

TEST_CASE("Weekends, listed closures and make-up working days are not trading days", "[time][calendar]") {
  SECTION("2015 holidays (DOMAIN.md §4.2)") {
    CHECK(cal().is_trading_day(d("2015-05-12")));        // Tue, Huoqibao launch
    CHECK_FALSE(cal().is_trading_day(d("2015-05-16")));  // Sat
    CHECK_FALSE(cal().is_trading_day(d("2015-06-22")));  // Dragon Boat (Mon)
    CHECK_FALSE(cal().is_trading_day(d("2015-09-03")));  // one-off Victory Day closure
    CHECK_FALSE(cal().is_trading_day(d("2015-09-04")));
    CHECK_FALSE(cal().is_trading_day(d("2015-09-06")));  // Sun make-up working day: still closed
    CHECK_FALSE(cal().is_trading_day(d("2015-10-10")));  // Sat make-up working day: still closed
    CHECK(cal().is_trading_day(d("2015-10-08")));
    CHECK(cal().makeup_on(d("2015-10-10")) != nullptr);
    CHECK(cal().closure_on(d("2015-10-01"))->holiday == "National Day (国庆节)");
    CHECK(cal().why_closed(d("2015-10-10")) == "Saturday, a make-up working day (not a trading day)");
    CHECK(cal().why_closed(d("2015-09-03")) == "Victory Day, one-off (抗战胜利70周年纪念日)");
    CHECK(cal().why_closed(d("2015-05-12")).empty());
    CHECK(cal().why_closed(d("2015-10-03")) == "Saturday, National Day (国庆节)");  // weekend inside the holiday
    CHECK(cal().why_closed(d("2015-05-16")) == "Saturday");
  }
  SECTION("exchange-only closure and extended holidays") {
    CHECK_FALSE(cal().is_trading_day(d("2024-02-09")));  // 除夕 2024, exchange only
    CHECK_FALSE(cal().is_trading_day(d("2020-01-31")));  // COVID extension of Spring Festival 2020
    CHECK(cal().is_trading_day(d("2020-02-03")));
    CHECK_FALSE(cal().is_trading_day(d("2019-05-03")));  // Labour Day 2019 extended in March 2019
    CHECK_FALSE(cal().is_trading_day(d("2018-12-31")));  // New Year 2019 closure in the 2018 file
  }
}

TEST_CASE("Next, previous and on-or-after trading days step over weekends and holidays", "[time][calendar]") {
  CHECK(cal().next_trading_day(d("2015-06-18")) == d("2015-06-19"));  // Thu -> Fri
  CHECK(cal().next_trading_day(d("2015-06-19")) == d("2015-06-23"));  // Fri before Dragon Boat -> Tue
  CHECK(cal().next_trading_day(d("2015-09-29")) == d("2015-09-30"));
  CHECK(cal().next_trading_day(d("2015-09-30")) == d("2015-10-08"));  // National Day 2015
  CHECK(cal().next_trading_day(d("2015-10-10")) == d("2015-10-12"));  // make-up Saturday does not trade
  CHECK(cal().previous_trading_day(d("2015-10-08")) == d("2015-09-30"));
  CHECK(cal().previous_trading_day(d("2015-06-23")) == d("2015-06-19"));
  CHECK(cal().trading_day_on_or_after(d("2015-06-20")) == d("2015-06-23"));
  CHECK(cal().trading_day_on_or_after(d("2015-06-19")) == d("2015-06-19"));
  CHECK(cal().next_trading_day(d("2015-12-31")) == d("2016-01-04"));  // across the year boundary
  CHECK(cal().trading_days_between(d("2015-09-30"), d("2015-10-08")) == 1);
  CHECK(cal().trading_days_between(d("2015-10-08"), d("2015-09-30")) == -1);
  CHECK(cal().trading_days_between(d("2015-10-01"), d("2015-10-01")) == 0);
}

TEST_CASE("A date in a year without data is an error naming the year, not a guess", "[time][calendar]") {
  CHECK_FALSE(cal().covers(d("2014-12-31")));
  CHECK_FALSE(cal().covers(d("2027-01-01")));
  CHECK(cal().covers(d("2026-12-31")));
  CHECK_THROWS_WITH(cal().is_trading_day(d("2027-01-04")), Catch::Matchers::Contains("no trading calendar for 2027"));
  CHECK_THROWS_WITH(cal().is_trading_day(d("2014-06-03")), Catch::Matchers::Contains("no trading calendar for 2014"));
  CHECK_THROWS_WITH(cal().next_trading_day(d("2026-12-31")), Catch::Matchers::Contains("no trading calendar for 2027"));
  CHECK_THROWS_WITH(cal().previous_trading_day(d("2015-01-05")), Catch::Matchers::Contains("no trading calendar for 2014"));
  CHECK_THROWS(cal().trading_days_between(d("2026-06-01"), d("2027-06-01")));
  auto r = cal().check_covered(d("2030-05-01"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "no trading calendar for 2030 (needed for 2030-05-01; the calendar covers 2015..2026)");
}

TEST_CASE("Calendar properties hold on every day of every covered year", "[time][calendar][property]") {
  for (Date x = d("2015-01-06"); x < d("2026-12-24"); x = x.plus_days(1)) {
    const Date n = cal().next_trading_day(x);
    const Date p = cal().previous_trading_day(x);
    REQUIRE(n > x);
    REQUIRE(p < x);
    REQUIRE(cal().is_trading_day(n));
    REQUIRE(cal().is_trading_day(p));
    REQUIRE(cal().trading_days_between(x.plus_days(1), n) == 0);  // nothing trades strictly between
    REQUIRE(cal().trading_days_between(p.plus_days(1), x) == 0);
    REQUIRE(cal().previous_trading_day(n) <= x);
    REQUIRE(n - x <= 11);  // longest gap: Thu 2020-01-23 -> Mon 2020-02-03 (extended Spring Festival)
    if (x.is_weekend()) REQUIRE_FALSE(cal().is_trading_day(x));
    if (cal().makeup_on(x)) REQUIRE_FALSE(cal().is_trading_day(x));
    REQUIRE(cal().trading_day_on_or_after(x) == (cal().is_trading_day(x) ? x : n));
    REQUIRE(cal().trading_days_between(x, n) == (cal().is_trading_day(x) ? 1 : 0));
  }
}

TEST_CASE("Calendar files with mistakes are rejected with file, line and column", "[time][calendar][parse]") {
  auto err = [](const std::string& text) {
    auto r = TradingCalendar::parse("2015.txt", text);
    REQUIRE_FALSE(r.ok());
    return r.error();
  };
  const std::string head = "# source: test\nyear 2015\ntrading_days 260\n";
  CHECK(TradingCalendar::parse("2015.txt", head + "closed 2015-01-01 New Year\n").ok());
  CHECK(err(head + "closed 2015-02-30 X\n") == "2015.txt:4:8: no such date: 2015-02-30 (28 days in that month)");
  CHECK(err(head + "closed 2015-01-03 X\n") ==
        "2015.txt:4:8: 2015-01-03 is a Saturday; weekends are always closed, list only weekday closures");
  CHECK(err(head + "makeup 2015-01-05 X\n") == "2015.txt:4:8: 2015-01-05 is a Monday; a make-up working day is a Saturday or Sunday");
  CHECK(err(head + "closed 2016-01-01 X\n") == "2015.txt:4:8: 2016-01-01 is not in 2015 (this file covers 2015)");
  CHECK(err(head + "closed 2015-01-01\n") == "2015.txt:4:18: expected the holiday's name after the date");
  CHECK(err(head + "closed 2015-01-01 A\nclosed 2015-01-01 B\n") == "2015.txt:5:8: 2015-01-01 is already listed on line 4");
  CHECK(err(head + "holiday 2015-01-01 X\n") ==
        "2015.txt:4:1: unknown directive \"holiday\" (expected year, trading_days, closed, makeup or a # comment)");
  CHECK(err("year 2015\ntrading_days 244\n") == "2015.txt:2: 'trading_days 244' but 261 weekdays minus 0 closures give 261");
  CHECK(err("trading_days 244\n") == "2015.txt:1:1: 'trading_days' before the 'year' line");
  CHECK(err("year 15\n") == "2015.txt:1:6: expected a year such as 2015 after 'year', got \"15\"");
  CHECK(err("# nothing\n") == "2015.txt: no 'year' line");
  CHECK(err("year 2015\n") == "2015.txt: no 'trading_days' line (the checksum of the year's trading days)");
  auto two = TradingCalendar::parse({{"a.txt", "year 2015\ntrading_days 261\n"}, {"b.txt", "year 2015\ntrading_days 261\n"}});
  REQUIRE_FALSE(two.ok());
  CHECK(two.error() == "b.txt: year 2015 is already given by a.txt");
}

TEST_CASE("A calendar with a gap year reports the gap", "[time][calendar][parse]") {
  auto r = TradingCalendar::parse({{"2015.txt", "year 2015\ntrading_days 261\r\n"}, {"2017.txt", "year 2017\ntrading_days 260"}});
  REQUIRE(r.ok());
  const auto& c = r.value();
  CHECK(c.covers(Date::of("2017-03-01")));
  CHECK_FALSE(c.covers(Date::of("2016-03-01")));
  CHECK(c.check_covered(Date::of("2016-03-01")).error() ==
        "no trading calendar for 2016 (needed for 2016-03-01; the calendar covers 2015, 2017)");
  CHECK_THROWS_WITH(c.next_trading_day(Date::of("2015-12-31")), Catch::Matchers::Contains("no trading calendar for 2016"));
  CHECK_THROWS(c.trading_days_between(Date::of("2015-06-01"), Date::of("2017-06-01")));
}
