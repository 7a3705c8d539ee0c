#include <catch2/catch.hpp>

#include "core/fund/fund_path.hpp"

using namespace finlab;
using money::Money;
using money::Rate;
using time::Date;

namespace {
const time::TradingCalendar& cal() { return time::TradingCalendar::builtin(); }
}

TEST_CASE("The seeded gross-yield model is deterministic and reverts to its level", "[fund][model]") {
  fund::GrossYieldModel m;
  const auto a = fund::simulate_gross_yields(m, Date::of("2015-05-12"), 400);
  const auto b = fund::simulate_gross_yields(m, Date::of("2015-05-12"), 400);
  CHECK(a == b);
  CHECK(a.front() == Rate::percent("4.5"));
  // Golden values: the same bits natively and in wasm (counter-based stream, IEEE + - * / sqrt).
  INFO(a[1].units() << " " << a[30].units() << " " << a[399].units());
  CHECK(a[1].units() == 450511911);  // 4.50511911%
  CHECK(a[30].units() == 479181820);
  CHECK(a[399].units() == 459211184);
  std::int64_t sum = 0;
  for (auto r : a) sum += r.units();
  const double mean_pct = static_cast<double>(sum) / static_cast<double>(a.size()) / 1e8;
  CHECK(mean_pct > 3.8);
  CHECK(mean_pct < 5.2);
  m.seed = 2016;
  CHECK(fund::simulate_gross_yields(m, Date::of("2015-05-12"), 400) != a);
  m.seed = 2015;
  m.floor = Rate::percent("4.6");
  for (auto r : fund::simulate_gross_yields(m, Date::of("2015-05-12"), 100)) REQUIRE(r >= Rate::percent("4.5"));
}

TEST_CASE("A simulated fund path conserves income: distributed + carried = net, every day", "[fund][model][property]") {
  for (auto carry : {fund::Carry::daily, fund::Carry::monthly}) {
    fund::FundPathParams p;
    p.carry = carry;
    const auto path = fund::simulate_fund_path(p, Date::of("2015-05-12"), Date::of("2015-12-31"), cal());
    REQUIRE(path.size() == 234);
    Money fresh_net_total, distributed_total;  // class A
    for (const auto& d : path) {
      fresh_net_total += d.day.classes[0].net_income - d.day.classes[0].carried_in;
      distributed_total += d.day.classes[0].distributable;
      for (std::size_t c = 0; c < 2; ++c) {
        const auto& cd = d.day.classes[c];
        REQUIRE(cd.net_income == cd.gross_income - cd.management_fee - cd.custody_fee - cd.sales_service_fee + cd.carried_in);
        REQUIRE(cd.distributable + cd.undistributed == cd.net_income);
        REQUIRE(cd.undistributed.units() * (cd.undistributed.is_negative() ? -1 : 1) < 100000);  // the R rounding gap is small
      }
      REQUIRE(d.day.classes[1].income_per_10k > d.day.classes[0].income_per_10k);  // class B pays less sales fee
    }
    // Over the whole path nothing is lost: distributed + what is still carried == net income earned.
    CHECK(distributed_total + path.back().day.classes[0].undistributed == fresh_net_total);
    CHECK_FALSE(path[5].seven_day[0].has_value());
    REQUIRE(path[6].seven_day[0].has_value());
    CHECK(path[6].seven_day[0]->units() > 3000);
    CHECK(path[6].seven_day[0]->units() < 6000);
  }
}
