#include <catch2/catch.hpp>

#include "core/portfolio/nav_series.hpp"
#include "core/portfolio/plan_json.hpp"

using namespace finlab;
using time::Date;

namespace {
const time::TradingCalendar& cal() { return time::TradingCalendar::builtin(); }
portfolio::Schedule june(const char* end = "2015-06-06") {
  auto plan = portfolio::parse_plan(R"({ "name": "x", "start": "2015-06-01", "funds": [ { "id": "f" } ] })").value();
  portfolio::ScheduleInputs in;
  in.end = Date::of(end);
  return portfolio::build_schedule(plan, cal(), in).value();
}
}  // namespace

TEST_CASE("NAV CSV: rows aligned to the plan's trading days, dividends on ex-dates", "[portfolio][nav_series]") {
  const char* csv =
      "date,nav,dividend\n"
      "2015-05-29,0.9900,\n"  // before the plan: ignored
      "2015-06-01,1.0000,\n"
      "2015-06-02,1.0100,\n"
      "2015-06-03,0.9600,0.0500\r\n"
      "2015-06-04,0.9700,\n"
      "2015-06-05,0.9800,\n";
  auto h = portfolio::parse_nav_csv(csv, "nav.csv", cal());
  REQUIRE(h.ok());
  auto a = portfolio::align_nav(h.value(), june(), portfolio::Nav::of("1.0000"));
  REQUIRE(a.ok());
  CHECK(a->nav_units == std::vector<std::int64_t>{10000, 10100, 9600, 9700, 9800});
  CHECK(a->dividend_units == std::vector<std::int64_t>{0, 0, 500, 0, 0});
}

TEST_CASE("Index closes are scaled to the plan's start NAV", "[portfolio][nav_series]") {
  const char* csv = "date,close\n2015-06-01,4828.7400\n2015-06-02,4910.9000\n2015-06-03,4880.1400\n2015-06-04,4947.1000\n2015-06-05,5230.5500\n";
  auto h = portfolio::parse_nav_csv(csv, "closes.csv", cal()).value();
  auto a = portfolio::align_nav(h, june(), portfolio::Nav::of("1.0000")).value();
  // 4910.90 / 4828.74 = 1.017015 → 1.0170; 5230.55 / 4828.74 = 1.083212... → 1.0832
  CHECK(a.nav_units[0] == 10000);
  CHECK(a.nav_units[1] == 10170);
  CHECK(a.nav_units[4] == 10832);
}

TEST_CASE("Bad NAV files say file, line, column and what", "[portfolio][nav_series][errors]") {
  auto err = [](const char* text) { return portfolio::parse_nav_csv(text, "p.csv", cal()).error(); };
  CHECK(err("") == "p.csv: empty file (expected a header `date,nav` or `date,close`)");
  CHECK(err("day,nav\n") == "p.csv:1:1: expected the header `date,nav`, `date,nav,dividend` or `date,close`, got `day,nav`");
  CHECK(err("date,nav\n") == "p.csv: no rows after the header");
  CHECK(err("date,nav\n2015-06-01\n") == "p.csv:2:1: expected 2 columns, got 1");
  CHECK_THAT(err("date,nav\n2015-02-30,1.0000\n"), Catch::Matchers::StartsWith("p.csv:2:1: "));
  CHECK(err("date,nav\n2015-06-06,1.0000\n") == "p.csv:2:1: 2015-06-06 is not a trading day (Saturday)");
  CHECK(err("date,nav\n2015-06-22,1.0000\n") == "p.csv:2:1: 2015-06-22 is not a trading day (Dragon Boat (端午节))");
  CHECK(err("date,nav\n2015-06-02,1.0000\n2015-06-01,1.0000\n") ==
        "p.csv:3:1: 2015-06-01 does not come after 2015-06-02 (line 2); rows must be in increasing date order");
  CHECK_THAT(err("date,nav\n2015-06-01,1.00005\n"), Catch::Matchers::StartsWith("p.csv:2:12: nav: "));
  CHECK(err("date,nav\n2015-06-01,-1.0000\n") == "p.csv:2:12: -1.0000 must be positive");
  CHECK_THAT(err("date,nav\n2030-06-03,1.0000\n"), Catch::Matchers::Contains("p.csv:2:1: no trading calendar for 2030"));
  CHECK_THAT(err("date,nav,dividend\n2015-06-01,1.0000,x\n"), Catch::Matchers::StartsWith("p.csv:2:19: dividend: "));

  auto gap = portfolio::parse_nav_csv("date,nav\n2015-06-01,1.0000\n2015-06-02,1.0000\n2015-06-04,1.0000\n2015-06-05,1.0000\n", "p.csv", cal()).value();
  CHECK(portfolio::align_nav(gap, june(), portfolio::Nav::of("1.0000")).error() ==
        "p.csv: no row for trading day 2015-06-03 (after line 3, 2015-06-02; before line 4, 2015-06-04)");
  auto short_file = portfolio::parse_nav_csv("date,nav\n2015-06-01,1.0000\n", "p.csv", cal()).value();
  CHECK(portfolio::align_nav(short_file, june(), portfolio::Nav::of("1.0000")).error() ==
        "p.csv: no row for trading day 2015-06-02 (after line 2, 2015-06-01; the file ends)");
}
