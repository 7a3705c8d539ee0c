#include <catch2/catch.hpp>

#include "core/fund/fund_path.hpp"
#include "core/fund/yield_history.hpp"

using namespace finlab;
using money::Rate;
using time::Date;

namespace {

const char* kHeader = "date,yield_pct,status,source\n";

std::string parse_error(const std::string& text) {
  auto r = fund::YieldHistory::parse("t.csv", text);
  REQUIRE_FALSE(r);
  return r.error();
}

double mean_pct(const std::vector<Rate>& v, std::size_t from, std::size_t to) {
  std::int64_t sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += v[i].units();
  return static_cast<double>(sum) / static_cast<double>(to - from) / 1e8;
}

}  // namespace

TEST_CASE("The built-in MMF yield history parses and covers 2015-2026 with a source per row", "[fund][history]") {
  const auto& h = fund::YieldHistory::builtin();
  REQUIRE(h.points().size() >= 12);
  CHECK(h.first_date() <= Date::of("2015-01-31"));
  CHECK(h.last_date() >= Date::of("2026-12-31"));
  for (const auto& p : h.points()) {
    INFO(p.date.to_string());
    CHECK_FALSE(p.source.empty());
    CHECK(p.yield > Rate::percent("0.5"));
    CHECK(p.yield < Rate::percent("7"));
  }
}

TEST_CASE("Yield history known answers: cited rows, linear interpolation between rows, flat outside", "[fund][history]") {
  const auto& h = fund::YieldHistory::builtin();
  // Cited rows (assets/market/mmf_yield.csv; DOMAIN.md §1.8 S25).
  CHECK(h.on(Date::of("2019-04-21")) == Rate::percent("2.308"));
  CHECK(h.on(Date::of("2020-06-01")) == Rate::percent("1.513"));
  CHECK(h.on(Date::of("2024-12-30")) == Rate::percent("1.24"));
  // Before the first row and after the last: flat.
  CHECK(h.on(Date::of("2010-01-01")) == h.points().front().yield);
  CHECK(h.on(Date::of("2030-01-01")) == Rate::percent("1.014"));

  // Interpolation, computed by hand on a small file: 2.000% on 01-01, 3.000% on
  // 01-11 (10 days): 01-04 is 3/10 of the way = 2.300%; 01-12 is 1/3 of the way
  // from 3% (01-11) to 1% (01-14): 3 − 2/3 = 2.3333...% → half-up to a Rate unit
  // (1e-10 = 1e-8 %): 233333333 units. 2018-12-31 is before the first row: 2%;
  // 01-02 is 1/10 of the way: 2.1% = 210000000 units.
  auto r = fund::YieldHistory::parse("t.csv", std::string(kHeader) +
                                                  "2019-01-01,2.000,C,a\n2019-01-11,3.000,U,b\n2019-01-14,1.000,D,c, with a comma\n");
  REQUIRE(r);
  const auto& t = r.value();
  CHECK(t.on(Date::of("2019-01-04")) == Rate::percent("2.3"));
  CHECK(t.on(Date::of("2019-01-12")).units() == 233333333);
  CHECK(t.points()[2].source == "c, with a comma");
  CHECK(t.points()[1].status == fund::YieldStatus::uncertain);
  const auto d = t.daily(Date::of("2018-12-31"), 3);
  REQUIRE(d.size() == 3);
  CHECK(d[0] == Rate::percent("2"));
  CHECK(d[2].units() == 210000000);
}

TEST_CASE("Yield history bad input says file, line, column and what", "[fund][history][errors]") {
  CHECK(parse_error("") == "t.csv:1:1: empty file: expected the header \"date,yield_pct,status,source\"");
  CHECK(parse_error("# c\ndate,yield,status,source\n").rfind("t.csv:2:1: expected the header", 0) == 0);
  CHECK(parse_error(std::string(kHeader)) == "t.csv:1:1: no rows after the header");
  CHECK(parse_error(std::string(kHeader) + "2019-02-30,2.0,C,x\n").rfind("t.csv:2:1: ", 0) == 0);
  CHECK(parse_error(std::string(kHeader) + "2019-01-01,2.0x,C,x\n") ==
        "t.csv:2:12: expected a yield in percent such as 2.308 (0 to 99.999, at most 3 decimals), got \"2.0x\"");
  CHECK(parse_error(std::string(kHeader) + "2019-01-01,2.0001,C,x\n").rfind("t.csv:2:12: ", 0) == 0);
  CHECK(parse_error(std::string(kHeader) + "2019-01-01,2.0,X,x\n") ==
        "t.csv:2:16: expected a status C (cited), U (uncertain) or D (design choice), got \"X\"");
  CHECK(parse_error(std::string(kHeader) + "2019-01-01,2.0,C,\n") ==
        "t.csv:2:18: every row needs its source (the rest of the line after the status)");
  CHECK(parse_error(std::string(kHeader) + "2019-01-01,2.0\n") == "t.csv:2:15: expected 4 fields (date,yield_pct,status,source), the row ends early");
  CHECK(parse_error(std::string(kHeader) + "2019-01-02,2.0,C,x\n2019-01-02,2.1,C,y\n") ==
        "t.csv:3:1: date 2019-01-02 is not after the previous row's 2019-01-02 (line 2); rows must be in strictly ascending date order");
}

TEST_CASE("The gross-yield model reverts around the history path: a 2019 run pays about 2019's yields", "[fund][model][history]") {
  const auto& h = fund::YieldHistory::builtin();
  const Rate fee = Rate::percent("0.68");
  fund::GrossYieldModel m;
  m.level_path = fund::history_gross_levels(h, fee, Date::of("2019-01-01"), 365);
  REQUIRE(m.level_path[110] == Rate::percent("2.988"));  // 2019-04-21: 2.308% + 0.68%
  const auto a = fund::simulate_gross_yields(m, Date::of("2019-01-01"), 365);
  CHECK(a == fund::simulate_gross_yields(m, Date::of("2019-01-01"), 365));
  CHECK(a.front() == m.level_path.front());  // starts on the path
  // Golden bits (same natively and in wasm).
  INFO(a[1].units() << " " << a[200].units() << " " << a[364].units());
  CHECK(a[1].units() == 322247916);  // 3.22247916%
  CHECK(a[200].units() == 308137574);
  CHECK(a[364].units() == 274614359);
  // The year's mean net yield is 2019's history level (about 2.3%), within the
  // noise of an OU deviation with σ = 0.5%, κ = 6 (stationary sd 0.14%).
  std::vector<Rate> net;
  for (auto r : a) net.push_back(Rate::from_units(r.units() - fee.units()));
  const double mean = mean_pct(net, 0, net.size());
  const double path_mean = mean_pct(h.daily(Date::of("2019-01-01"), 365), 0, 365);
  CHECK(path_mean > 2.2);
  CHECK(path_mean < 2.45);
  CHECK(std::abs(mean - path_mean) < 0.15);
  // The same seed around a 2015 path is far higher: the level is not constant.
  m.level_path = fund::history_gross_levels(h, fee, Date::of("2015-01-01"), 365);
  const auto b = fund::simulate_gross_yields(m, Date::of("2015-01-01"), 365);
  CHECK(mean_pct(b, 0, 365) - 0.68 > mean + 1.0);
  // A constant level is still the old model, bit for bit (golden of fund_path_test).
  fund::GrossYieldModel c;
  CHECK(fund::simulate_gross_yields(c, Date::of("2015-05-12"), 400)[399].units() == 459211184);
}
