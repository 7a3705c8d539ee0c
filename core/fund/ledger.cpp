#include "core/fund/ledger.hpp"

#include <algorithm>
#include <numeric>

namespace finlab::fund {

using money::Money;
using money::Shares;
using time::Date;

std::vector<FastRedeemLimit> LedgerSettings::default_fast_limits(Money before, Money from) {
  return {{Date::ymd(1990, 1, 1), before}, {Date::ymd(2018, 6, 1), from}};
}

Money LedgerSettings::fast_limit_on(Date day) const {
  FINLAB_REQUIRE(!fast_limits.empty(), "LedgerSettings: no fast redemption limits");
  Money limit = fast_limits.front().per_day;
  for (const auto& l : fast_limits)
    if (l.from <= day) limit = l.per_day;
  return limit;
}

Ledger::Ledger(const time::TradingCalendar& calendar, LedgerSettings settings) : cal_(&calendar), settings_(std::move(settings)) {
  FINLAB_REQUIRE(settings_.monthly_payout_day >= 1 && settings_.monthly_payout_day <= 28,
                 "monthly_payout_day must be 1..28, got " << settings_.monthly_payout_day);
}

Ledger::Account& Ledger::account(std::uint64_t id) { return accounts_[id]; }

Shares Ledger::redeemable(std::uint64_t id) const {
  auto it = accounts_.find(id);
  return Shares::from_units(it == accounts_.end() ? 0 : it->second.redeemable);
}

Shares Ledger::entitled(std::uint64_t id) const {
  auto it = accounts_.find(id);
  return Shares::from_units(it == accounts_.end() ? 0 : it->second.entitled);
}

Date Ledger::payout_date(int year, int month) const {
  return cal_->trading_day_on_or_after(Date::ymd(year, month, settings_.monthly_payout_day));
}

void Ledger::begin_day(Date d) {
  if (day_begun_) return;
  day_begun_ = true;
  const std::int32_t key = d.serial();
  const bool monthly = settings_.carry == Carry::monthly;
  const bool payout = monthly && d == payout_date(d.year(), d.month());
  for (auto& [id, a] : accounts_) {
    if (auto it = a.entitle_delta.find(key); it != a.entitle_delta.end()) {
      a.entitled += it->second;
      a.entitle_delta.erase(it);
    }
    if (auto it = a.redeemable_delta.find(key); it != a.redeemable_delta.end()) {
      a.redeemable += it->second;
      a.redeemable_delta.erase(it);
    }
    if (auto it = a.cash_due.find(key); it != a.cash_due.end()) {
      a.cash_today += it->second;
      a.cash_due.erase(it);
    }
    if (payout && a.unpaid != 0) {
      // Unpaid income becomes shares (a negative balance reduces them, DOMAIN.md §1.1).
      a.entitled += a.unpaid;
      a.redeemable += a.unpaid;
      a.unpaid = 0;
    }
    if (monthly && a.unpaid != 0 && a.entitled == 0 && a.redeemable == 0 && a.entitle_delta.empty()) {
      // Fully redeemed: outstanding income is settled with the redemption cash.
      a.cash_today += a.unpaid;
      a.unpaid = 0;
    }
  }
}

OrderResult Ledger::submit(const Order& order) {
  const Date d = order.at.date();
  if (!day_) day_ = d;
  FINLAB_REQUIRE(d == *day_, "Ledger::submit: order " << order.id << " is dated " << d.to_string() << " but the ledger is on "
                                                     << day_->to_string() << " (close the days in between first)");
  begin_day(d);
  OrderResult res;
  res.order = order;
  res.timing = order_timing(order.type, order.at, *cal_, settings_.timing);
  Account& a = account(order.account);
  const std::int64_t amt = order.amount.units();
  auto refuse = [&](text::Message why) {
    res.accepted = false;
    res.refusal = text::render(why, text::Lang::en);
    res.refusal_message = std::move(why);
    return res;
  };
  using text::Arg;
  using text::Id;
  if (amt <= 0) return refuse(text::make(Id::refusal_not_positive, {Arg::verbatim(order.amount.to_string())}));
  const OrderTiming& t = res.timing;
  switch (order.type) {
    case OrderType::purchase: {
      if (order.amount < settings_.minimum_purchase)
        return refuse(text::make(Id::refusal_below_minimum, {Arg::verbatim(settings_.minimum_purchase.to_string_grouped())}));
      for (const auto& cap : settings_.subscription_caps) {
        if (t.trade_date < cap.first || t.trade_date > cap.last) continue;
        const std::int64_t before = a.bought_for_t[t.trade_date.serial()];
        if (before + amt > cap.per_account_per_day.units())
          return refuse(text::make(Id::refusal_purchase_cap,
                                   {Arg::verbatim(cap.per_account_per_day.to_string_grouped()), Arg::verbatim(cap.first.to_string()),
                                    Arg::verbatim(cap.last.to_string()), Arg::names({cap.reason, cap.reason_zh}),
                                    Arg::verbatim(t.trade_date.to_string()), Arg::verbatim(Money::from_units(before).to_string_grouped())}));
      }
      a.bought_for_t[t.trade_date.serial()] += amt;
      a.entitle_delta[t.confirmed_on.serial()] += amt;
      a.redeemable_delta[t.confirmed_on.serial()] += amt;
      break;
    }
    case OrderType::redeem:
    case OrderType::redeem_fast: {
      if (amt > a.redeemable)
        return refuse(text::make(Id::refusal_not_enough, {Arg::verbatim(order.amount.to_string_grouped()),
                                                          Arg::verbatim(Money::from_units(a.redeemable).to_string_grouped())}));
      if (order.type == OrderType::redeem_fast) {
        const Money limit = settings_.fast_limit_on(d);
        const std::int64_t used = a.fast_used[d.serial()];
        if (used + amt > limit.units())
          return refuse(text::make(Id::refusal_fast_limit,
                                   {Arg::verbatim(order.amount.to_string_grouped()), Arg::verbatim(limit.to_string_grouped()), Arg::verbatim(d.to_string()),
                                    Arg::verbatim(Money::from_units(used).to_string_grouped()),
                                    Arg::verbatim(Money::from_units(limit.units() - used).to_string_grouped())}));
        a.fast_used[d.serial()] += amt;
        a.cash_today += amt;
      } else {
        a.cash_due[t.funds_available_on->serial()] += amt;
      }
      a.redeemable -= amt;
      if (*t.stops_earning_on <= d) a.entitled -= amt;  // stops today (fast redemption, setting off)
      else a.entitle_delta[t.stops_earning_on->serial()] -= amt;
      break;
    }
  }
  res.accepted = true;
  return res;
}

bool Ledger::needs_income_on(Date d) {
  if (!day_) return false;
  FINLAB_REQUIRE(d == *day_, "Ledger::needs_income_on: the ledger is on " << day_->to_string());
  begin_day(d);
  for (const auto& [id, a] : accounts_)
    if (a.entitled != 0) return true;
  return false;
}

LedgerDay Ledger::close_day(Date d, money::IncomePer10k r) {
  if (!day_) day_ = d;
  FINLAB_REQUIRE(d == *day_, "Ledger::close_day: closing " << d.to_string() << " but the ledger is on " << day_->to_string());
  begin_day(d);
  LedgerDay out;
  out.date = d;
  out.income_per_10k = r;
  std::vector<std::int64_t> shares;
  shares.reserve(accounts_.size());
  for (const auto& [id, a] : accounts_) {
    FINLAB_REQUIRE(a.entitled >= 0, "account " << id << " has negative entitled shares on " << d.to_string());
    shares.push_back(a.entitled);
  }
  const Allocation alloc = allocate_income(shares, r);
  out.totals = alloc.totals;
  std::size_t i = 0;
  const bool daily = settings_.carry == Carry::daily;
  for (auto& [id, a] : accounts_) {
    const std::int64_t inc = alloc.income_fen[i++];
    AccountDay row;
    row.account = id;
    row.date = d;
    row.shares = Shares::from_units(a.entitled);
    row.income = Money::from_units(inc);
    if (daily) {
      // Paid as shares the same day: they earn from tomorrow and can be redeemed from tomorrow.
      a.entitle_delta[d.plus_days(1).serial()] += inc;
      a.redeemable += inc;
      row.balance = Money::from_units(a.entitled + inc);
    } else {
      a.unpaid += inc;
      row.balance = Money::from_units(a.entitled + a.unpaid);
    }
    row.unpaid = Money::from_units(a.unpaid);
    row.cash_out = Money::from_units(a.cash_today);
    a.cash_today = 0;
    out.accounts.push_back(row);
  }
  day_ = d.plus_days(1);
  day_begun_ = false;
  return out;
}

Result<LedgerRun> run_ledger(const time::TradingCalendar& cal, const LedgerSettings& settings, const std::vector<Order>& orders,
                             const IncomeSeries& series) {
  LedgerRun run;
  if (orders.empty()) return fail("no transactions");
  if (series.empty()) return fail("no income_per_10k values");
  std::vector<std::size_t> order(orders.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return orders[a].at < orders[b].at; });
  for (const auto& o : orders) {
    if (auto c = cal.check_covered(o.at.date()); !c) return fail("transaction " + o.id + ": " + c.error());
    if (o.at.date() > series.last())
      return fail("transaction " + o.id + " on " + o.at.date().to_string() + " is after the last income_per_10k date " +
                  series.last().to_string());
  }
  run.orders.resize(orders.size());
  Ledger ledger(cal, settings);
  const Date start = orders[order.front()].at.date();
  std::size_t next = 0;
  try {
    for (Date d = start; d <= series.last(); d = d.plus_days(1)) {
      if (!ledger.current_day()) {
        // nothing yet: the first order opens the ledger
      }
      while (next < order.size() && orders[order[next]].at.date() == d) {
        run.orders[order[next]] = ledger.submit(orders[order[next]]);
        ++next;
      }
      std::optional<money::IncomePer10k> r = series.on(d);
      if (!r) {
        if (ledger.current_day() && ledger.needs_income_on(d))
          return fail("no income_per_10k for " + d.to_string() + " (the yields start on " + series.first().to_string() +
                      ") but shares earn income that day");
        r = money::IncomePer10k{};
      }
      run.days.push_back(ledger.close_day(d, *r));
    }
  } catch (const Error& e) {
    return fail(e.what());
  }
  return run;
}

}  // namespace finlab::fund
