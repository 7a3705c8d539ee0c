#include <catch2/catch.hpp>

#include "core/fund/income_series.hpp"
#include "core/fund/yield.hpp"

using namespace finlab;
using money::IncomePer10k;

namespace {
std::vector<IncomePer10k> week(std::initializer_list<const char*> v) {
  std::vector<IncomePer10k> out;
  for (auto s : v) out.push_back(IncomePer10k::of(s));
  return out;
}
}  // namespace

TEST_CASE("Income per 10k shares rounds half-up to 4 decimals", "[fund][yield]") {
  using money::Money;
  using money::Shares;
  CHECK(fund::income_per_10k(Money::of("775890.40"), Shares::of("6000000000.00")).to_string() == "1.2932");
  CHECK(fund::income_per_10k(Money::of("0.50"), Shares::of("100000.00")).to_string() == "0.0500");
  CHECK(fund::income_per_10k(Money::of("0.05"), Shares::of("200000000.00")).to_string() == "0.0000");  // 0.0000025
  CHECK(fund::income_per_10k(Money::of("0.01"), Shares::of("200000.00")).to_string() == "0.0005");    // 0.0005 exactly
  CHECK(fund::income_per_10k(Money::of("0.01"), Shares::of("200001.00")).to_string() == "0.0005");    // 0.000499997 -> 0.0005
  CHECK(fund::income_per_10k(Money::of("-1.00"), Shares::of("30000.00")).to_string() == "-0.3333");
  CHECK_THROWS(fund::income_per_10k(Money::of("1.00"), Shares::of("0.00")));
}

TEST_CASE("Seven-day yields need 7 natural days and follow the carry-over formula", "[fund][yield]") {
  const auto w = week({"1.2012", "1.1987", "1.2050", "1.2050", "1.2050", "1.1950", "1.1998", "1.3000"});
  const auto simple = fund::seven_day_yields(w, fund::Carry::monthly);
  REQUIRE(simple.size() == 8);
  for (int i = 0; i < 6; ++i) CHECK_FALSE(simple[static_cast<std::size_t>(i)].has_value());
  CHECK(simple[6]->to_string() == "4.385");
  // (8.4097 - 1.2012 + 1.3000) / 7 * 365 / 100 = 4.43652...
  CHECK(simple[7]->to_string() == "4.437");
  const auto compound = fund::seven_day_yields(w, fund::Carry::daily);
  CHECK(compound[6]->to_string() == "4.482");
  CHECK(compound[7] > simple[7]);
}

TEST_CASE("Seven-day yields of zero, negative and large incomes", "[fund][yield]") {
  const auto zero = week({"0", "0", "0", "0", "0", "0", "0"});
  CHECK(fund::seven_day_yield_simple(std::span<const IncomePer10k, 7>(zero.data(), 7)).to_string() == "0.000");
  CHECK(fund::seven_day_yield_compound(std::span<const IncomePer10k, 7>(zero.data(), 7)).to_string() == "0.000");
  const auto neg = week({"-0.1000", "-0.1000", "-0.1000", "-0.1000", "-0.1000", "-0.1000", "-0.1000"});
  CHECK(fund::seven_day_yield_simple(std::span<const IncomePer10k, 7>(neg.data(), 7)).to_string() == "-0.365");
  // (1 - 1e-5)^365 - 1 = -0.0036433...
  CHECK(fund::seven_day_yield_compound(std::span<const IncomePer10k, 7>(neg.data(), 7)).to_string() == "-0.364");
  const auto big = week({"1.8630", "1.8630", "1.8630", "1.8630", "1.8630", "1.8630", "1.8630"});  // Yu'ebao 2014 peak region
  CHECK(fund::seven_day_yield_simple(std::span<const IncomePer10k, 7>(big.data(), 7)).to_string() == "6.800");
  // (1.0001863)^365 - 1 = 0.070358...
  CHECK(fund::seven_day_yield_compound(std::span<const IncomePer10k, 7>(big.data(), 7)).to_string() == "7.036");
}

TEST_CASE("Compound seven-day yields rise with income and stay above the simple ones", "[fund][yield][property]") {
  fund::YieldPercent prev = fund::YieldPercent::of("-1");
  for (int base = 0; base < 30000; base += 37) {
    std::vector<IncomePer10k> w;
    for (int i = 0; i < 7; ++i) w.push_back(IncomePer10k::from_units(base + i * 3));
    const std::span<const IncomePer10k, 7> s(w.data(), 7);
    const auto y = fund::seven_day_yield_compound(s);
    REQUIRE(y >= prev);
    REQUIRE(y >= fund::seven_day_yield_simple(s));
    prev = y;
  }
}

TEST_CASE("Published income series load from parsed rows with line-numbered errors", "[fund][series]") {
  using fund::IncomeRow;
  const std::vector<IncomeRow> good = {{2, "2015-05-12", "1.2012"}, {3, "2015-05-13", "1.1987"}, {4, "2015-05-14", "-0.0100"}};
  auto s = fund::load_income_series(good);
  REQUIRE(s.ok());
  CHECK(s->first() == time::Date::of("2015-05-12"));
  CHECK(s->last() == time::Date::of("2015-05-14"));
  CHECK(s->on(time::Date::of("2015-05-13"))->to_string() == "1.1987");
  CHECK_FALSE(s->on(time::Date::of("2015-05-15")).has_value());
  auto err = [](std::vector<IncomeRow> rows) {
    auto r = fund::load_income_series(rows);
    REQUIRE_FALSE(r.ok());
    return r.error();
  };
  CHECK(err({{2, "2015-02-30", "1.0"}}) == "line 2: date: no such date: 2015-02-30 (28 days in that month)");
  CHECK_THAT(err({{2, "2015-05-12", "abc"}}), Catch::Matchers::StartsWith("line 2: income_per_10k: "));
  CHECK_THAT(err({{2, "2015-05-12", "1.23456"}}), Catch::Matchers::StartsWith("line 2: income_per_10k: "));
  CHECK_THAT(err({{2, "2015-05-12", ""}}), Catch::Matchers::StartsWith("line 2: income_per_10k: "));
  CHECK(err({{2, "2015-05-12", "1"}, {3, "2015-05-12", "1"}}) == "line 3: date 2015-05-12 repeats (first on line 2)");
  CHECK(err({{2, "2015-05-12", "1"}, {3, "2015-05-14", "1"}}) ==
        "line 3: 2015-05-13 is missing (the series must list every natural day; this row is 2015-05-14)");
  CHECK(err({{2, "2015-05-12", "1"}, {3, "2015-05-11", "1"}}) ==
        "line 3: date 2015-05-11 comes after 2015-05-12 (line 2): rows must be in date order");
  CHECK(err({}) == "no rows: expected one income_per_10k per natural day");
}
