#include <catch2/catch.hpp>

#include <vector>

#include "core/fund/ledger.hpp"
#include "core/portfolio/engine.hpp"
#include "core/portfolio/plan_json.hpp"

using namespace finlab;
using money::Money;
using time::Date;

// The engine's compact 活期宝 leg must pay exactly what core/fund's account
// ledger pays one investor for the same purchases and redemptions (DOMAIN.md
// §1.5-1.6: income from the confirmation day; redeemed shares earn through the
// day before the next trading day; truncation to the fen).
TEST_CASE("The engine's 活期宝 income equals core/fund's ledger for the same flows", "[portfolio][engine][huoqibao]") {
  const auto& cal = time::TradingCalendar::builtin();
  auto plan = portfolio::parse_plan(R"({
    "name": "mmf", "start": "2015-06-01", "initial_deposit": "10000.00",
    "funds": [ { "id": "f" } ],
    "deposits": [ { "amount": "1000.00", "every": "month", "day": 10 } ],
    "regular_investments": [ { "fund": "f", "amount": "800.00", "every": "month", "day": 15 },
                             { "fund": "f", "amount": "100.00", "every": "week", "weekday": "fri" } ] })").value();
  // A varying 万份收益 so that truncation matters: 0.9000 + 0.0731 × (day mod 7).
  const Date first = Date::of("2015-06-01"), last = Date::of("2016-06-30");
  std::vector<money::IncomePer10k> r;
  for (int k = 0; k <= last - first; ++k) r.push_back(money::IncomePer10k::from_units(9000 + 731 * (k % 7)));
  const fund::IncomeSeries series(first, r);
  portfolio::ScheduleInputs in;
  in.end = Date::of("2016-06-01");
  in.mmf_series = &series;
  auto s = portfolio::build_schedule(plan, cal, in).value();
  std::vector<std::int64_t> nav(s.size(), 10000);
  std::vector<portfolio::FundMarket> m{{nav, {}}};
  portfolio::Engine engine(plan, s);
  portfolio::Ledger ledger;
  const auto result = engine.run(m, &ledger, {});

  // The same flows as ledger orders at 10:00 on each trade date.
  std::vector<fund::Order> orders;
  int id = 0;
  for (const auto& tx : ledger.transactions) {
    const auto at = time::DateTime::at(tx.date, 10, 0);
    if (tx.kind == portfolio::TxKind::deposit) orders.push_back({std::to_string(++id), 1, at, fund::OrderType::purchase, tx.amount});
    if (tx.kind == portfolio::TxKind::buy) orders.push_back({std::to_string(++id), 1, at, fund::OrderType::redeem, tx.amount});
  }
  REQUIRE(result.totals.regular_skipped == 0);
  auto run = fund::run_ledger(cal, fund::LedgerSettings{}, orders, series);
  REQUIRE(run.ok());
  for (const auto& o : run->orders) CHECK(o.accepted);
  // Income up to the day before the last trading day's natural gap (the engine stops accruing after the last day).
  std::int64_t ledger_income = 0;
  for (const auto& d : run->days) {
    if (d.date >= s.days.back()) break;
    for (const auto& a : d.accounts) ledger_income += a.income.units();
  }
  CHECK(Money::from_units(ledger_income) == result.totals.mmf_income);
  CHECK(result.totals.mmf_income.is_positive());
}
