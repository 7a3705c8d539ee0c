// The 活期宝 leg of a plan follows the MMF yield history by date (issue 12).
#include <catch2/catch.hpp>

#include "core/fund/yield_history.hpp"
#include "core/portfolio/plan_json.hpp"
#include "core/portfolio/schedule.hpp"

using namespace finlab;
using money::Rate;
using time::Date;

namespace {
portfolio::Schedule schedule_of(const std::string& huoqibao, const char* start) {
  auto p = portfolio::parse_plan(std::string(R"({"name": "x", "start": ")") + start + R"(", "years": 1, "huoqibao": )" + huoqibao + "}");
  INFO(p.error());
  REQUIRE(p.ok());
  portfolio::ScheduleInputs in;
  in.end = p.value().start.plus_months(12);
  auto s = portfolio::build_schedule(p.value(), time::TradingCalendar::builtin(), in);
  INFO(s.error());
  REQUIRE(s.ok());
  return std::move(s).value();
}
}  // namespace

TEST_CASE("annual_yield_percent \"history\" pays each day's MMF history level (2019: about 2.3%)", "[portfolio][schedule][history]") {
  const auto s = schedule_of(R"({"annual_yield_percent": "history"})", "2019-01-02");
  const Date first = s.days.front();
  // 2019-04-21: Yu'e Bao 2.308% (assets/market/mmf_yield.csv, DOMAIN.md §1.8):
  // R = 10000 × ((1.02308)^(1/365) − 1) = 0.625162 (Python decimal, 50 digits) → half-up 0.6252.
  const std::size_t k = static_cast<std::size_t>(Date::of("2019-04-21") - first);
  CHECK(s.mmf_r_units.at(k) == portfolio::income_per_10k_for_annual_yield(Rate::percent("2.308")).units());
  CHECK(s.mmf_r_units.at(k) == 6252);
  // Every day of 2019 lies between the 2.25% and 2.5% rows (the plan runs into
  // January 2020, which falls towards 2020-06-01's 1.513%).
  const std::size_t end_2019 = static_cast<std::size_t>(Date::of("2020-01-01") - first);
  for (std::size_t i = 0; i < end_2019; ++i) {
    const std::int64_t r = s.mmf_r_units.at(i);
    CHECK(r >= portfolio::income_per_10k_for_annual_yield(Rate::percent("2.25")).units());
    CHECK(r <= portfolio::income_per_10k_for_annual_yield(Rate::percent("2.5")).units());
  }
  CHECK(s.mmf_r_source.find("history") != std::string::npos);
}

TEST_CASE("A fund model with \"level_percent\": \"history\" reverts around the history plus class A fees", "[portfolio][schedule][history]") {
  const auto h = schedule_of(R"({"model": {"level_percent": "history", "volatility_percent": "0.5", "seed": 2015}})", "2019-01-02");
  const auto c = schedule_of(R"({"model": {"level_percent": "4.5", "volatility_percent": "0.5", "seed": 2015}})", "2019-01-02");
  std::int64_t sum_h = 0, sum_c = 0;
  for (auto r : h.mmf_r_units) sum_h += r;
  for (auto r : c.mmf_r_units) sum_c += r;
  const double n = static_cast<double>(h.mmf_r_units.size());
  // Mean 万份收益 × 365 / 100 = yield in %: about 2.3% net around the history, about 3.8% around a 4.5% gross level.
  const double yh = static_cast<double>(sum_h) / n * 365.0 / 1e6, yc = static_cast<double>(sum_c) / n * 365.0 / 1e6;
  CHECK(yh > 2.0);
  CHECK(yh < 2.6);
  CHECK(yc > 3.5);
}
