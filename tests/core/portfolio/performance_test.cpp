#include <catch2/catch.hpp>

#include "core/portfolio/performance.hpp"

using namespace finlab;
using money::Money;
using time::Date;

namespace {
portfolio::DayValue day(const char* d, const char* total, const char* flow) {
  portfolio::DayValue v;
  v.date = Date::of(d);
  v.total = Money::of(total);
  v.flow = Money::of(flow);
  return v;
}
}  // namespace

TEST_CASE("TWR, MWR, volatility and drawdown on a hand-computed history", "[portfolio][performance]") {
  // 1,000 in; +10%; another 1,000 in at the start of a day that gains 10%; then −10%.
  portfolio::Ledger l;
  l.days = {day("2015-01-05", "1000.00", "1000.00"), day("2015-07-06", "1100.00", "0.00"),
            day("2016-01-04", "2310.00", "1000.00"), day("2016-07-04", "2079.00", "0.00")};
  portfolio::PathTotals t;
  t.paid_in = Money::of("2000.00");
  t.end_value = Money::of("2079.00");
  const auto p = portfolio::measure(l, t);
  // TWR = 1 × 1.1 × (2310 / 2100) × 0.9 − 1 = 8.9%; over 546 days: 1.089^(365/546) − 1 = 5.865%
  CHECK(p.twr.value == "8.90%");
  CHECK(p.twr.raw == Approx(0.089).epsilon(1e-12));
  CHECK(p.twr_annualized.value == "5.87%");
  CHECK(p.twr_annualized.raw == Approx(0.05865162821316394).epsilon(1e-10));
  // XIRR of −1000 (2015-01-05), −1000 (2016-01-04), +2079 (2016-07-04): 3.9417% (bisection in Python)
  CHECK(p.mwr.raw == Approx(0.03941697581217152).epsilon(1e-9));
  CHECK(p.mwr.value == "3.94%");
  REQUIRE(p.mwr_flows.size() == 3);
  CHECK(p.mwr_flows[1].amount.to_string() == "-1000.00");
  // Daily returns 0, 0.1, 0.1, −0.1: sample sd 0.0957, × √(4 / (546/365)) = 15.66%
  CHECK(p.volatility.raw == Approx(0.1565618073209412).epsilon(1e-10));
  // Drawdown: the TWR index peaked on 2016-01-04 (1.21) and fell 10% by 2016-07-04, not recovered.
  CHECK(p.max_drawdown.raw == Approx(0.1).epsilon(1e-12));
  CHECK(p.max_drawdown.value == "-10.00%");
  CHECK(p.max_drawdown.inputs[0].second == "2016-01-04");
  CHECK(p.max_drawdown.inputs[1].second == "2016-07-04");
  CHECK(p.max_drawdown.inputs[2].second == "not by the last day");
  // Every figure says how it was computed.
  for (const auto* f : p.all()) {
    CHECK_FALSE(f->formula.empty());
    CHECK_FALSE(f->inputs.empty());
  }
}

TEST_CASE("A drawdown that recovers names the recovery day, an MWR without deposits is explained", "[portfolio][performance]") {
  portfolio::Ledger l;
  l.days = {day("2015-01-05", "100.00", "100.00"), day("2015-01-06", "80.00", "0.00"), day("2015-01-07", "90.00", "0.00"),
            day("2015-01-08", "100.00", "0.00")};
  const auto p = portfolio::measure(l, {});
  CHECK(p.max_drawdown.value == "-20.00%");
  CHECK(p.max_drawdown.inputs[2].second == "2015-01-08");
  CHECK(p.twr.value == "0.00%");

  portfolio::Ledger none;
  none.days = {day("2015-01-05", "0.00", "0.00"), day("2015-01-06", "0.00", "0.00")};
  const auto q = portfolio::measure(none, {});
  CHECK_FALSE(q.mwr.available);
  CHECK_THAT(q.mwr.value, Catch::Matchers::StartsWith("not available: "));
}

TEST_CASE("Percent text rounds half-up through an exact rate", "[portfolio][performance]") {
  CHECK(portfolio::percent_text(0.123449999) == "12.34%");
  CHECK(portfolio::percent_text(0.12345) == "12.35%");
  CHECK(portfolio::percent_text(-0.0005) == "-0.05%");
  CHECK(portfolio::number_text(1.0000005, 6) == "1.000001");
}
