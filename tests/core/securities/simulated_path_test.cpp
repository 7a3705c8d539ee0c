// Simulated bars from core/portfolio's NAV model: reproducible by seed, inside
// the daily price limits, prices on the 0.01 tick.
#include <catch2/catch.hpp>

#include "core/securities/simulated_path.hpp"
#include "core/securities/rules.hpp"
#include "core/time/trading_calendar.hpp"

using namespace finlab;
using namespace finlab::securities;
using money::Money;
using money::Rate;

namespace {
std::vector<time::Date> year_2016() {
  const auto& cal = time::TradingCalendar::builtin();
  std::vector<time::Date> d;
  for (time::Date x = cal.trading_day_on_or_after(time::Date::of("2016-01-04")); x <= time::Date::of("2016-12-30"); x = cal.next_trading_day(x)) d.push_back(x);
  return d;
}
}  // namespace

TEST_CASE("Simulated bars are reproducible by seed and stay inside the daily limits", "[securities][simulated]") {
  const auto days = year_2016();
  REQUIRE(days.size() == 244);  // the 2016 calendar's trading days
  SimulatedPathSettings s;
  s.model.annual_volatility = Rate::percent("60");  // wild, so the limit clamp is exercised
  const auto a = simulate_bars(days, Money::of("10.00"), Rate::percent("10"), s, 7, 0);
  const auto b = simulate_bars(days, Money::of("10.00"), Rate::percent("10"), s, 7, 0);
  const auto c = simulate_bars(days, Money::of("10.00"), Rate::percent("10"), s, 7, 1);
  REQUIRE(a.size() == days.size());
  CHECK(a.front().close == Money::of("10.00"));
  bool same = true, differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    same = same && a[i].close == b[i].close;
    differs = differs || a[i].close != c[i].close;
    CHECK(a[i].low <= a[i].open);
    CHECK(a[i].high >= a[i].close);
    if (i > 0) {
      CHECK(a[i].close <= limit_price(a[i - 1].close, Rate::percent("10"), true));
      CHECK(a[i].close >= limit_price(a[i - 1].close, Rate::percent("10"), false));
      CHECK(a[i].open == a[i - 1].close);
    }
  }
  CHECK(same);
  CHECK(differs);
}
