#include <catch2/catch.hpp>

#include <vector>

#include "core/portfolio/engine.hpp"
#include "core/portfolio/plan_json.hpp"

using namespace finlab;
using money::Money;
using time::Date;

namespace {

const time::TradingCalendar& cal() { return time::TradingCalendar::builtin(); }

portfolio::Plan plan_of(const std::string& json) {
  auto p = portfolio::parse_plan(json);
  INFO(p.error());
  REQUIRE(p.ok());
  return p.value();
}

// 万份收益 1.0000 on every natural day: 1.00 a day on 10,000.
fund::IncomeSeries flat_r(Date from, Date to, const char* r = "1.0000") {
  return fund::IncomeSeries(from, std::vector<money::IncomePer10k>(static_cast<std::size_t>(to - from + 1), money::IncomePer10k::of(r)));
}

struct Run {
  portfolio::Schedule schedule;
  std::vector<std::vector<std::int64_t>> nav, div;
  portfolio::Ledger ledger;
  portfolio::PathResult result;
};

// Runs the plan over [start, end) with the given NAV (units) per trading day for fund 0 (constant if one value).
Run run(const portfolio::Plan& plan, Date end, std::vector<std::int64_t> nav0, const fund::IncomeSeries& r,
        std::vector<std::int64_t> div0 = {}) {
  Run out;
  portfolio::ScheduleInputs in;
  in.end = end;
  in.mmf_series = &r;
  auto s = portfolio::build_schedule(plan, cal(), in);
  INFO(s.error());
  REQUIRE(s.ok());
  out.schedule = s.value();
  const std::size_t n = out.schedule.size();
  if (nav0.size() == 1) {
    const std::int64_t v = nav0[0];  // not assign(n, nav0[0]): the reference would dangle
    nav0.assign(n, v);
  }
  REQUIRE(nav0.size() == n);
  out.nav.push_back(nav0);
  out.div.push_back(div0);
  std::vector<portfolio::FundMarket> m{{out.nav[0], out.div[0]}};
  portfolio::Engine e(plan, out.schedule);
  out.result = e.run(m, &out.ledger, {});
  return out;
}

const char* kOneFund = R"({
  "name": "test", "start": "2015-06-01", "initial_deposit": "10000.00",
  "funds": [ { "id": "csi300", "name": "沪深300", "redemption_settlement_days": 2 } ],
  "regular_investments": [
    { "fund": "csi300", "amount": "1000.00", "every": "month", "day": 15 },
    { "fund": "csi300", "amount": "1000.00", "every": "month", "day": 20 } ]
})";

}  // namespace

TEST_CASE("定投 paid from 活期宝: a hand-worked month of June 2015", "[portfolio][engine]") {
  const auto plan = plan_of(kOneFund);
  auto r = run(plan, Date::of("2015-07-01"), {10000}, flat_r(Date::of("2015-06-01"), Date::of("2015-07-31")));
  const auto& t = r.result.totals;
  // 活期宝: 10,000 confirmed Tue 06-02; +1.00 a day 06-02..06-14 (13 days) = 10,013.00;
  // Mon 06-15 定投 1,000: the spent money still earns 06-15 (1.00 on 10,013), then 0.90 a day
  // for 06-16..06-22 (7 days, Dragon Boat Mon 06-22 closed), Tue 06-23 定投 (due Sat 06-20):
  // 0.90 on 9,020.30, then 0.80 a day 06-24..06-29 (6 days; none after the last day 06-30).
  CHECK(t.mmf_income.to_string() == "26.00");
  CHECK(t.end_huoqibao.to_string() == "8026.00");
  // Two purchases of 1,000 at NAV 1.0000 with 0.12% (1.2% at 1折): 998.80 shares, fee 1.20 each.
  CHECK(t.subscription_fees.to_string() == "2.40");
  CHECK(t.end_funds.to_string() == "1997.60");
  CHECK(t.end_value.to_string() == "10023.60");
  CHECK(t.fund_gain.to_string() == "-2.40");
  CHECK(t.end_value == t.paid_in + t.mmf_income + t.fund_gain);
  CHECK(t.regular_made == 2);
  // The second 定投 was due on Saturday 06-20 and moved past the Dragon Boat closure to Tue 06-23.
  std::vector<const portfolio::Transaction*> buys;
  for (const auto& tx : r.ledger.transactions)
    if (tx.kind == portfolio::TxKind::buy) buys.push_back(&tx);
  REQUIRE(buys.size() == 2);
  CHECK(buys[0]->date == Date::of("2015-06-15"));
  CHECK(buys[0]->settles_on == Date::of("2015-06-16"));
  CHECK(buys[1]->date == Date::of("2015-06-23"));
  CHECK_THAT(buys[1]->note, Catch::Matchers::Contains("due 2015-06-20 Sat, not a trading day: moved to 2015-06-23"));
  CHECK_THAT(buys[1]->note, Catch::Matchers::Contains("net = 1000.00 / (1 + 0.12%) = 998.80"));
  // Holdings: two lots, FIFO order, confirmed the next trading day.
  REQUIRE(r.ledger.holdings.size() == 1);
  REQUIRE(r.ledger.holdings[0].lots.size() == 2);
  CHECK(r.ledger.holdings[0].lots[1].confirmed_on == Date::of("2015-06-24"));
}

TEST_CASE("A 定投 is skipped with the reason when 活期宝 is short", "[portfolio][engine]") {
  auto plan = plan_of(kOneFund);
  plan.initial_deposit = Money::of("1500.00");
  auto r = run(plan, Date::of("2015-07-01"), {10000}, flat_r(Date::of("2015-06-01"), Date::of("2015-07-31")));
  CHECK(r.result.totals.regular_made == 1);
  CHECK(r.result.totals.regular_skipped == 1);
  const portfolio::Transaction* skipped = nullptr;
  for (const auto& tx : r.ledger.transactions)
    if (tx.kind == portfolio::TxKind::skipped) skipped = &tx;
  REQUIRE(skipped != nullptr);
  CHECK(skipped->date == Date::of("2015-06-23"));
  // 1,500 earns 0.15 a day from 06-02: 13 days = 1.95 by 06-15 → 1,501.95 − 1,000 = 501.95;
  // 06-15 on 1,501.95 → 0.15; then 0.05 a day (502.10 × 0.0001 = 0.0502) for 7 days → 502.45.
  CHECK(skipped->note == "skipped: 活期宝 balance 502.45 is less than the 定投 amount 1000.00 (due 2015-06-20 Sat, not a trading day: moved to 2015-06-23)");
}

TEST_CASE("Orders follow the 15:00 cut-off and the calendar, the sale pays T+2 into 活期宝", "[portfolio][engine][cutoff]") {
  auto plan = plan_of(R"({
    "name": "orders", "start": "2015-06-01", "initial_deposit": "10000.00",
    "funds": [ { "id": "f", "redemption_settlement_days": 2 } ],
    "orders": [ { "at": "2015-06-18 15:00", "fund": "f", "buy": "5000.00" },
                { "at": "2015-06-26 14:59", "fund": "f", "sell_shares": "1000.00" } ] })");
  // NAV: 1.0000 except 1.2500 on Thu 06-18 and 1.1000 from Fri 06-19 on.
  portfolio::ScheduleInputs in;
  in.end = Date::of("2015-07-01");
  auto s = portfolio::build_schedule(plan, cal(), in).value();
  std::vector<std::int64_t> nav(s.size(), 10000);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.days[i] == Date::of("2015-06-18")) nav[i] = 12500;
    if (s.days[i] >= Date::of("2015-06-19")) nav[i] = 11000;
  }
  auto r = run(plan, in.end, nav, flat_r(Date::of("2015-06-01"), Date::of("2015-07-31")));
  const auto& tx = r.ledger.transactions;
  const portfolio::Transaction* buy = nullptr;
  const portfolio::Transaction* sell = nullptr;
  for (const auto& t : tx) {
    if (t.kind == portfolio::TxKind::buy) buy = &t;
    if (t.kind == portfolio::TxKind::sell) sell = &t;
  }
  REQUIRE(buy);
  REQUIRE(sell);
  // 15:00 on Thu 06-18 is at the cut-off: it counts for Fri 06-19, priced at 1.1000, confirmed Tue 06-23 (Mon 06-22 closed).
  CHECK(buy->date == Date::of("2015-06-19"));
  CHECK(buy->nav.to_string() == "1.1000");
  CHECK(buy->settles_on == Date::of("2015-06-23"));
  // 5000 / 1.0012 = 4994.01; 4994.01 / 1.1 = 4540.009... → 4540.01 shares
  CHECK(buy->shares.to_string() == "4540.01");
  CHECK_THAT(buy->note, Catch::Matchers::Contains("after the 15:00 cut-off"));
  // Sell Fri 06-26 before 15:00: lot confirmed 06-23, redemption confirmed Mon 06-29: held 6 days → 1.5%, all to fund assets.
  CHECK(sell->date == Date::of("2015-06-26"));
  CHECK(sell->amount.to_string() == "1100.00");
  CHECK(sell->fee.to_string() == "16.50");
  CHECK(sell->settles_on == Date::of("2015-06-30"));  // T+2 trading days
  CHECK_THAT(sell->note, Catch::Matchers::Contains("held 6 days (< 7): 1.50%, all credited to fund assets"));
  const auto& t = r.result.totals;
  CHECK(t.redemption_fees.to_string() == "16.50");
  CHECK(t.redemption_fees_to_fund_assets.to_string() == "16.50");
  CHECK(t.end_value == t.paid_in + t.mmf_income + t.fund_gain);
}

TEST_CASE("Dividends are reinvested at the ex-date NAV or paid in cash the next trading day", "[portfolio][engine][dividend]") {
  auto plan = plan_of(R"({
    "name": "div", "start": "2015-06-01", "initial_deposit": "10000.00",
    "funds": [ { "id": "f" } ],
    "orders": [ { "at": "2015-06-01 10:00", "fund": "f", "buy": "5000.00" } ] })");
  const Date end = Date::of("2015-07-01");
  portfolio::ScheduleInputs in;
  in.end = end;
  auto s = portfolio::build_schedule(plan, cal(), in).value();
  std::vector<std::int64_t> nav(s.size(), 10000), div(s.size(), 0);
  const auto ex = *s.index_of(Date::of("2015-06-10"));
  div[ex] = 500;  // 0.0500 per share; ex-date NAV 0.9500 from then on
  for (std::size_t i = ex; i < s.size(); ++i) nav[i] = 9500;
  const auto r_series = flat_r(Date::of("2015-06-01"), Date::of("2015-07-31"), "0.0000");
  SECTION("reinvest") {
    auto r = run(plan, end, nav, r_series, div);
    // 5000 / 1.0012 = 4994.01 shares; dividend 4994.01 × 0.05 = 249.7005 → 249.70; / 0.95 = 262.842... → 262.84 shares
    CHECK(r.result.totals.reinvested_dividends.to_string() == "249.70");
    REQUIRE(r.ledger.holdings[0].lots.size() == 2);
    CHECK(r.ledger.holdings[0].lots[1].shares.to_string() == "262.84");
    CHECK(r.ledger.holdings[0].lots[1].source == portfolio::LotSource::dividend_reinvestment);
    CHECK(r.ledger.holdings[0].shares.to_string() == "5256.85");
    const auto& t = r.result.totals;
    CHECK(t.end_value == t.paid_in + t.mmf_income + t.fund_gain);
  }
  SECTION("cash") {
    plan.funds[0].dividends = portfolio::DividendMode::cash;
    auto r = run(plan, end, nav, r_series, div);
    CHECK(r.result.totals.cash_dividends.to_string() == "249.70");
    CHECK(r.result.totals.end_huoqibao.to_string() == "5249.70");
    const auto& t = r.result.totals;
    CHECK(t.end_value == t.paid_in + t.mmf_income + t.fund_gain);
  }
}

TEST_CASE("Rebalancing to targets: initial allocation, then a threshold breach", "[portfolio][engine][rebalance]") {
  auto plan = plan_of(R"({
    "name": "rb", "start": "2015-06-01", "initial_deposit": "10000.00",
    "funds": [ { "id": "f", "redemption_settlement_days": 1 } ],
    "rebalance": { "targets_percent": { "huoqibao": "50", "f": "50" }, "threshold_percent": "10", "min_trade": "100.00" } })");
  const Date end = Date::of("2015-08-01");
  portfolio::ScheduleInputs in;
  in.end = end;
  auto s = portfolio::build_schedule(plan, cal(), in).value();
  std::vector<std::int64_t> nav(s.size(), 10000);
  const auto jump = *s.index_of(Date::of("2015-07-01"));
  for (std::size_t i = jump; i < s.size(); ++i) nav[i] = 20000;  // the fund doubles on 07-01
  auto r = run(plan, end, nav, flat_r(Date::of("2015-06-01"), Date::of("2015-08-31"), "0.0000"));
  std::vector<const portfolio::Transaction*> trades;
  for (const auto& t : r.ledger.transactions)
    if (t.kind == portfolio::TxKind::buy || t.kind == portfolio::TxKind::sell) trades.push_back(&t);
  REQUIRE(trades.size() == 2);
  // Day 0: buy 5,000 (the 活期宝 money is unconfirmed but spendable).
  CHECK(trades[0]->kind == portfolio::TxKind::buy);
  CHECK(trades[0]->amount.to_string() == "5000.00");
  // 07-01 the fund is worth 9,988.02 at NAV 2.0, but decisions use the last published NAV (06-30, 1.0);
  // on 07-02 (NAV of 07-01 known): total 14,988.02, fund 66.6% > 50% + 10 points: sell the excess.
  CHECK(trades[1]->kind == portfolio::TxKind::sell);
  CHECK(trades[1]->date == Date::of("2015-07-02"));
  // target 7,494.01; excess 2,494.01 at 2.0 → 1,247.00 shares (truncated)
  CHECK(trades[1]->shares.to_string() == "1247.00");
  CHECK(r.result.totals.rebalances == 2);
  const auto& t = r.result.totals;
  CHECK(t.end_value == t.paid_in + t.mmf_income + t.fund_gain);
}

TEST_CASE("Money is conserved on seeded GARCH paths with every feature on", "[portfolio][engine][property]") {
  auto plan = plan_of(R"({
    "name": "all", "start": "2015-06-01", "initial_deposit": "20000.00",
    "huoqibao": { "annual_yield_percent": "3.5" },
    "funds": [ { "id": "a", "dividend_yield_percent": "2", "dividends": "cash" },
               { "id": "b", "dividend_yield_percent": "1", "dividend_month": 12, "nav_model": { "annual_volatility_percent": "30" } } ],
    "deposits": [ { "amount": "2000.00", "every": "month", "day": 10 } ],
    "regular_investments": [ { "fund": "a", "amount": "800.00", "every": "month", "day": 31 },
                             { "fund": "b", "amount": "150.00", "every": "week", "weekday": "thu" } ],
    "rebalance": { "targets_percent": { "huoqibao": "20", "a": "50", "b": "30" }, "every": "quarter", "threshold_percent": "3" },
    "orders": [ { "at": "2016-01-04 09:30", "fund": "a", "sell_shares": "100.00" } ] })");
  portfolio::ScheduleInputs in;
  in.end = portfolio::projection_end(plan, 3);
  auto s = portfolio::build_schedule(plan, cal(), in).value();
  std::vector<portfolio::GarchNavModel> models;
  for (const auto& f : plan.funds) models.emplace_back(f.nav_model);
  portfolio::Engine engine(plan, s);
  for (std::uint64_t path = 0; path < 20; ++path) {
    std::vector<std::vector<std::int64_t>> nav(2, std::vector<std::int64_t>(s.size())), div = nav;
    std::vector<portfolio::FundMarket> m;
    for (std::size_t f = 0; f < 2; ++f) {
      models[f].generate(99, path, static_cast<std::uint32_t>(f), nav[f], s.ex_days[f], plan.funds[f].dividend_yield, div[f]);
      m.push_back({nav[f], div[f]});
    }
    portfolio::Ledger ledger;
    const auto detailed = engine.run(m, &ledger, {});
    const auto lean = engine.run(m, nullptr, {});
    const auto& t = detailed.totals;
    INFO("path " << path);
    CHECK(t.end_value == t.paid_in + t.mmf_income + t.fund_gain);
    CHECK(lean.totals.end_value == t.end_value);
    CHECK(lean.stats.growth == detailed.stats.growth);
    CHECK(ledger.days.back().total == t.end_value);
    CHECK(t.paid_in.to_string() == "92000.00");  // 20,000 + 36 monthly deposits of 2,000
  }
}

TEST_CASE("Orders around National Day 2015: cut-off, closed days, holding period in natural days", "[portfolio][engine][cutoff][calendar]") {
  auto plan = plan_of(R"({
    "name": "golden week", "start": "2015-09-01", "initial_deposit": "10000.00",
    "funds": [ { "id": "f", "redemption_settlement_days": 3 } ],
    "orders": [ { "at": "2015-09-30 14:59", "fund": "f", "buy": "3000.00" },
                { "at": "2015-10-04 10:00", "fund": "f", "buy": "1000.00" },
                { "at": "2015-10-12 10:00", "fund": "f", "sell_shares": "1000.00" },
                { "at": "2015-10-14 15:30", "fund": "f", "sell_shares": "1000.00" } ] })");
  auto r = run(plan, Date::of("2015-11-01"), {10000}, flat_r(Date::of("2015-09-01"), Date::of("2015-11-30"), "0.0000"));
  std::vector<const portfolio::Transaction*> t;
  for (const auto& tx : r.ledger.transactions)
    if (tx.kind == portfolio::TxKind::buy || tx.kind == portfolio::TxKind::sell) t.push_back(&tx);
  REQUIRE(t.size() == 4);
  // Wed 09-30 14:59: T = 09-30 (before the cut-off), confirmed Thu 10-08 after the holiday (10-01..10-07 closed).
  CHECK(t[0]->date == Date::of("2015-09-30"));
  CHECK(t[0]->settles_on == Date::of("2015-10-08"));
  // Sunday 10-04 inside the holiday: counts for Thu 10-08, confirmed Fri 10-09 (Sat 10-10 is a make-up working day, not trading).
  CHECK(t[1]->date == Date::of("2015-10-08"));
  CHECK(t[1]->settles_on == Date::of("2015-10-09"));
  // Mon 10-12 sell, confirmed Tue 10-13: the 09-30 lot (confirmed 10-08) is held 5 natural days → 1.5%, all to fund assets.
  CHECK(t[2]->date == Date::of("2015-10-12"));
  CHECK(t[2]->fee.to_string() == "15.00");
  CHECK_THAT(t[2]->note, Catch::Matchers::Contains("held 5 days (< 7): 1.50%"));
  CHECK(t[2]->settles_on == Date::of("2015-10-15"));  // T+3 trading days
  // Wed 10-14 15:30 is after the cut-off: T = Thu 10-15, confirmed Fri 10-16: the rest of lot 1 is held 8 days → 0.5%.
  CHECK(t[3]->date == Date::of("2015-10-15"));
  CHECK_THAT(t[3]->note, Catch::Matchers::Contains("held 8 days (< 365): 0.50%"));
  const auto& tot = r.result.totals;
  CHECK(tot.end_value == tot.paid_in + tot.mmf_income + tot.fund_gain);
}
