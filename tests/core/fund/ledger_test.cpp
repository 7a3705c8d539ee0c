#include <catch2/catch.hpp>

#include "core/fund/ledger.hpp"
#include "core/random/stream.hpp"

using namespace finlab;
using fund::OrderType;
using money::IncomePer10k;
using money::Money;
using time::Date;
using time::DateTime;

namespace {
const time::TradingCalendar& cal() { return time::TradingCalendar::builtin(); }
fund::Order order(const char* id, std::uint64_t acct, const char* at, OrderType t, const char* amount) {
  return {id, acct, DateTime::of(at), t, Money::of(amount)};
}
fund::IncomeSeries flat_series(const char* first, const char* last, const char* r) {
  return fund::IncomeSeries(Date::of(first), std::vector<IncomePer10k>(static_cast<std::size_t>(Date::of(last) - Date::of(first) + 1), IncomePer10k::of(r)));
}
}  // namespace

TEST_CASE("Order timing follows the 15:00 cut-off and the Yu'ebao-style display table", "[fund][timing]") {
  // Week of Mon 2015-05-11 (S21 table): window -> confirmed, first income day, first income shown.
  struct Row { const char* at; const char* confirmed; const char* shown; };
  const Row rows[] = {
      {"2015-05-11 15:00", "2015-05-13", "2015-05-14"},  // Mon 15:00 - Tue 15:00 -> Wed / Thu
      {"2015-05-12 14:59", "2015-05-13", "2015-05-14"},
      {"2015-05-12 15:00", "2015-05-14", "2015-05-15"},  // Tue 15:00 - Wed 15:00 -> Thu / Fri
      {"2015-05-13 15:00", "2015-05-15", "2015-05-16"},  // Wed 15:00 - Thu 15:00 -> Fri (+Sat+Sun) / Sat
      {"2015-05-14 14:59:59", "2015-05-15", "2015-05-16"},
      {"2015-05-14 15:00", "2015-05-18", "2015-05-19"},  // Thu 15:00 - Fri 15:00 -> Mon / Tue
      {"2015-05-15 14:59", "2015-05-18", "2015-05-19"},
      {"2015-05-15 15:00", "2015-05-19", "2015-05-20"},  // Fri 15:00 - Mon 15:00 -> Tue / Wed
      {"2015-05-16 10:00", "2015-05-19", "2015-05-20"},  // a weekend purchase is not an error
      {"2015-05-18 14:59", "2015-05-19", "2015-05-20"},
  };
  for (const auto& r : rows) {
    INFO(r.at);
    const auto t = fund::order_timing(OrderType::purchase, DateTime::of(r.at), cal());
    CHECK(t.confirmed_on == Date::of(r.confirmed));
    CHECK(t.earns_from == Date::of(r.confirmed));
    CHECK(t.first_income_on == Date::of(r.shown));
    CHECK_FALSE(t.funds_available_on.has_value());
  }
  const auto thu = fund::order_timing(OrderType::purchase, DateTime::of("2015-05-14 14:59"), cal());
  CHECK_THAT(thu.reason, Catch::Matchers::Contains("before the 15:00 cut-off"));
  CHECK_THAT(thu.reason, Catch::Matchers::Contains("weekend 05-16..05-17"));
  const auto sat = fund::order_timing(OrderType::purchase, DateTime::of("2015-10-03 09:00"), cal());
  CHECK(sat.trade_date == Date::of("2015-10-08"));
  CHECK_THAT(sat.reason, Catch::Matchers::Contains("is not a trading day (weekend, National Day (国庆节))"));
  const auto late = fund::order_timing(OrderType::purchase, DateTime::of("2015-09-30 15:00"), cal());
  CHECK_THAT(late.reason, Catch::Matchers::Contains("after the 15:00 cut-off"));
  CHECK(late.trade_date == Date::of("2015-10-08"));
  CHECK(late.confirmed_on == Date::of("2015-10-09"));
}

TEST_CASE("Redemptions earn through T and the following closed days, fast ones pay at once", "[fund][timing]") {
  const auto normal = fund::order_timing(OrderType::redeem, DateTime::of("2015-09-30 10:00"), cal());
  CHECK(normal.stops_earning_on == Date::of("2015-10-08"));
  CHECK(normal.funds_available_on == Date::of("2015-10-08"));
  CHECK_THAT(normal.reason, Catch::Matchers::Contains("still earn 2015-09-30 and the 7 non-trading days"));
  const auto fast = fund::order_timing(OrderType::redeem_fast, DateTime::of("2015-10-03 10:00"), cal());
  CHECK(fast.funds_available_on == Date::of("2015-10-03"));
  CHECK(fast.stops_earning_on == Date::of("2015-10-09"));  // T = 10-08, like a normal redemption (default)
  fund::TimingRules no_earn;
  no_earn.fast_redeemed_shares_earn_trade_date = false;
  const auto fast2 = fund::order_timing(OrderType::redeem_fast, DateTime::of("2015-10-03 10:00"), cal(), no_earn);
  CHECK(fast2.stops_earning_on == Date::of("2015-10-03"));
  CHECK_THROWS_WITH(fund::order_timing(OrderType::purchase, DateTime::of("2027-01-04 10:00"), cal()), Catch::Matchers::Contains("no trading calendar for 2027"));
  auto bad = fund::checked_order_timing(OrderType::purchase, DateTime::of("2026-12-31 16:00"), cal());
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Matchers::Contains("no trading calendar for 2027"));
}

TEST_CASE("Refusals: over the balance, over the T+0 quota, below the minimum, over a pre-holiday cap", "[fund][ledger]") {
  fund::LedgerSettings s;
  s.subscription_caps.push_back({Date::of("2015-09-23"), Date::of("2015-09-30"), money::yuan(10000), "National Day 2015", ""});
  fund::Ledger ledger(cal(), s);
  auto submit = [&](const fund::Order& o) { return ledger.submit(o); };
  auto close = [&](const char* d) { ledger.close_day(Date::of(d), IncomePer10k::of("1.0000")); };
  CHECK(submit(order("p1", 1, "2015-09-21 10:00", OrderType::purchase, "60000.00")).accepted);
  auto r = submit(order("r0", 1, "2015-09-21 11:00", OrderType::redeem, "1.00"));
  CHECK_FALSE(r.accepted);
  CHECK(r.refusal == "redeeming 1.00 but only 0.00 is available (confirmed shares not already being redeemed)");
  CHECK(submit(order("p0", 1, "2015-09-21 12:00", OrderType::purchase, "0.99")).refusal == "below the minimum purchase of 1.00");
  CHECK(submit(order("px", 1, "2015-09-21 12:00", OrderType::purchase, "-5.00")).refusal == "the amount must be positive, got -5.00");
  close("2015-09-21");
  auto f1 = submit(order("f1", 1, "2015-09-22 09:00", OrderType::redeem_fast, "30000.00"));
  CHECK(f1.accepted);
  CHECK(f1.timing.funds_available_on == Date::of("2015-09-22"));
  CHECK(ledger.redeemable(1) == money::Shares::of("30000.00"));
  CHECK(ledger.entitled(1) == money::Shares::of("60000.00"));  // still earning until T+1
  auto f2 = submit(order("f2", 1, "2015-09-22 20:00", OrderType::redeem_fast, "25000.00"));
  CHECK_FALSE(f2.accepted);
  CHECK(f2.refusal == "fast (T+0) redemption of 25,000.00 is over the limit of 50,000.00 per investor per day on 2015-09-22; used today "
                      "30,000.00, remaining 20,000.00 (a normal redemption has no limit)");
  CHECK(submit(order("f3", 1, "2015-09-22 21:00", OrderType::redeem_fast, "20000.00")).accepted);
  auto n1 = submit(order("n1", 1, "2015-09-22 22:00", OrderType::redeem, "10000.01"));
  CHECK_FALSE(n1.accepted);
  CHECK(n1.refusal == "redeeming 10,000.01 but only 10,000.00 is available (confirmed shares not already being redeemed)");
  auto cap = submit(order("p2", 1, "2015-09-22 23:00", OrderType::purchase, "10000.01"));  // T = 09-23, capped window
  CHECK_FALSE(cap.accepted);
  CHECK_THAT(cap.refusal, Catch::Matchers::StartsWith("the fund caps purchases at 10,000.00 per account per day from 2015-09-23"));
  // The day's rows: fast cash arrives the same day.
  const auto day = ledger.close_day(Date::of("2015-09-22"), IncomePer10k::of("1.0000"));
  CHECK(day.accounts[0].cash_out.to_string() == "50000.00");
  // Next natural day: the quota is fresh again.
  CHECK(submit(order("f4", 1, "2015-09-23 09:00", OrderType::redeem_fast, "10000.00")).accepted);
  CHECK_THROWS(submit(order("late", 1, "2015-09-22 09:00", OrderType::purchase, "5.00")));  // out of sequence
}

TEST_CASE("From 2018-06-01 the T+0 limit is 10,000 per day unless configured", "[fund][ledger]") {
  fund::LedgerSettings s;
  CHECK(s.fast_limit_on(Date::of("2018-05-31")).to_string() == "50000.00");
  CHECK(s.fast_limit_on(Date::of("2018-06-01")).to_string() == "10000.00");
  s.fast_limits = fund::LedgerSettings::default_fast_limits(money::yuan(20000), money::yuan(5000));
  CHECK(s.fast_limit_on(Date::of("2015-06-01")).to_string() == "20000.00");
  CHECK(s.fast_limit_on(Date::of("2019-06-01")).to_string() == "5000.00");
  const std::vector<fund::Order> orders = {order("p", 7, "2018-05-02 10:00", OrderType::purchase, "50000.00"),
                                           order("f1", 7, "2018-06-01 10:00", OrderType::redeem_fast, "10000.01"),
                                           order("f2", 7, "2018-06-01 11:00", OrderType::redeem_fast, "10000.00")};
  const auto run = fund::run_ledger(cal(), {}, orders, flat_series("2018-05-02", "2018-06-10", "0.7000")).value();
  CHECK_FALSE(run.orders[1].accepted);
  CHECK_THAT(run.orders[1].refusal, Catch::Matchers::Contains("over the limit of 10,000.00"));
  CHECK(run.orders[2].accepted);
}

TEST_CASE("Monthly carry-over pays unpaid income as shares on the 15th (or next trading day)", "[fund][ledger]") {
  fund::LedgerSettings s;
  s.carry = fund::Carry::monthly;
  const std::vector<fund::Order> orders = {order("p", 1, "2015-05-04 10:00", OrderType::purchase, "1000000.00")};
  const auto run = fund::run_ledger(cal(), s, orders, flat_series("2015-05-04", "2015-06-16", "1.2012")).value();
  // Confirmed Tue 05-05; 05-15 is a Friday (trading): payout of 05-05..05-14 = 10 days × 120.12.
  for (const auto& d : run.days) {
    const auto& a = d.accounts[0];
    if (d.date == Date::of("2015-05-14")) CHECK(a.unpaid.to_string() == "1201.20");
    if (d.date == Date::of("2015-05-15")) {
      CHECK(a.shares.to_string() == "1001201.20");
      CHECK(a.income.to_string() == "120.26");  // on the new share base
    }
  }
  // June 15 2015 is a Monday: paid that day.
  CHECK(run.days.back().accounts[0].shares.to_string() != "1001201.20");
}

TEST_CASE("Money is conserved over random ledgers: purchases + income = cash out + holdings", "[fund][ledger][property]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    random::Stream s(seed, 0, 0, random::Purpose::generic);
    fund::LedgerSettings settings;
    settings.carry = seed % 2 ? fund::Carry::daily : fund::Carry::monthly;
    const Date first = Date::of("2015-05-11");
    const int days = 120;
    std::vector<IncomePer10k> r;
    for (int i = 0; i < days; ++i) r.push_back(IncomePer10k::from_units(static_cast<std::int64_t>(s.below(20000)) + (seed == 5 ? -15000 : 0)));
    const fund::IncomeSeries series(first, r);
    std::vector<fund::Order> orders;
    const int n_accounts = 5 + static_cast<int>(seed);
    for (int k = 0; k < 150; ++k) {
      const Date d = first.plus_days(static_cast<std::int32_t>(s.below(days - 25)));  // everything settles before the end
      const auto at = DateTime::at(d, static_cast<int>(s.below(24)), static_cast<int>(s.below(60)));
      const auto type = static_cast<OrderType>(s.below(3));
      const auto amount = Money::from_units(static_cast<std::int64_t>(1 + s.below(type == OrderType::purchase ? 10'000'000 : 4'000'000)));
      orders.push_back({"o" + std::to_string(k), s.below(static_cast<std::uint64_t>(n_accounts)), at, type, amount});
    }
    INFO("seed " << seed);
    const auto run = fund::run_ledger(cal(), settings, orders, series).value();
    std::map<std::uint64_t, std::int64_t> in, income, out;
    for (const auto& o : run.orders)
      if (o.accepted && o.order.type == OrderType::purchase) in[o.order.account] += o.order.amount.units();
    for (const auto& d : run.days) {
      REQUIRE(d.totals.conserves());
      std::int64_t paid = 0;
      for (const auto& a : d.accounts) {
        paid += a.income.units();
        income[a.account] += a.income.units();
        out[a.account] += a.cash_out.units();
        REQUIRE_FALSE(a.shares.is_negative());
      }
      REQUIRE(paid == d.totals.paid.units());
    }
    for (const auto& a : run.days.back().accounts)
      REQUIRE(in[a.account] + income[a.account] == out[a.account] + a.balance.units());
  }
}
