#include "core/fund/order_timing.hpp"

#include <cstdio>

namespace finlab::fund {

using time::Date;

std::string_view to_string(OrderType t) {
  switch (t) {
    case OrderType::purchase: return "purchase";
    case OrderType::redeem: return "redeem";
    case OrderType::redeem_fast: return "redeem_fast";
  }
  return "?";
}

Result<OrderType> parse_order_type(std::string_view s) {
  if (s == "purchase") return OrderType::purchase;
  if (s == "redeem") return OrderType::redeem;
  if (s == "redeem_fast") return OrderType::redeem_fast;
  return fail("unknown transaction type \"" + std::string(s) + "\" (expected purchase, redeem or redeem_fast)");
}

namespace {

using text::Arg;
using text::Id;
using text::make;
using text::Message;

Message day_name(Date d) { return make(Id::weekday_date, {Arg::number(static_cast<int>(d.weekday())), Arg::verbatim(d.to_string())}); }

Message nothing() { return make(Id::nothing, {}); }

std::string hhmm(std::int32_t seconds) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
  return buf;
}

// "Dragon Boat (端午节)": the English as the calendar spells it; in Chinese the
// name in the parentheses.
text::Bilingual holiday_name(const std::string& h) {
  const auto open = h.rfind(" (");
  if (open == std::string::npos || h.empty() || h.back() != ')') return {h, ""};
  return {h, h.substr(open + 2, h.size() - open - 3)};
}

// Why d (not a trading day) is closed, as TradingCalendar::why_closed says it
// with "weekend" for the weekday's name. In a run of closed days a weekend is
// just "weekend".
}  // namespace

Message closed_reason(Date d, const time::TradingCalendar& cal, bool in_run) {
  if (const time::Closure* c = cal.closure_on(d)) return make(Id::name, {Arg::names(holiday_name(c->holiday))});
  Message weekend = make(Id::closed_weekend, {});
  if (in_run || !d.is_weekend()) return weekend;
  if (cal.makeup_on(d)) return make(Id::closed_makeup_day, {Arg::of(std::move(weekend))});
  const bool sat = d.weekday() == time::Weekday::saturday;
  const time::Closure* fri = cal.closure_on(d.plus_days(sat ? -1 : -2));
  const time::Closure* mon = cal.closure_on(d.plus_days(sat ? 2 : 1));
  if (fri || mon) return make(Id::closed_weekend_in_holiday, {Arg::of(std::move(weekend)), Arg::names(holiday_name((fri ? fri : mon)->holiday))});
  return weekend;
}

namespace {

// "weekend 06-20..06-21, Dragon Boat (端午节) 06-22", grouped by reason.
Message describe_closed_run(Date from, Date to_exclusive, const time::TradingCalendar& cal) {
  std::vector<Message> runs;
  Date d = from;
  while (d < to_exclusive) {
    Message why = closed_reason(d, cal, true);
    const std::string key = text::render(why, text::Lang::en);
    Date e = d;
    while (e.plus_days(1) < to_exclusive && text::render(closed_reason(e.plus_days(1), cal, true), text::Lang::en) == key) e = e.plus_days(1);
    if (e != d)
      runs.push_back(make(Id::closed_run, {Arg::of(std::move(why)), Arg::verbatim(d.to_string().substr(5)), Arg::verbatim(e.to_string().substr(5))}));
    else
      runs.push_back(make(Id::closed_day, {Arg::of(std::move(why)), Arg::verbatim(d.to_string().substr(5))}));
    d = e.plus_days(1);
  }
  return text::join(std::move(runs));
}

// The first sentence: which day is T, and why.
Message trade_date_sentence(time::DateTime at, Date trade_date, bool trading, const time::TradingCalendar& cal, const TimingRules& rules) {
  const Date day = at.date();
  if (trading && trade_date == day)
    return make(Id::timing_before_cutoff, {Arg::of(day_name(day)), Arg::verbatim(hhmm(at.seconds_of_day())), Arg::verbatim(hhmm(rules.cutoff_seconds)),
                                           Arg::verbatim(day.to_string())});
  if (trading)
    return make(Id::timing_after_cutoff, {Arg::of(day_name(day)), Arg::verbatim(hhmm(at.seconds_of_day())), Arg::verbatim(hhmm(rules.cutoff_seconds)),
                                          Arg::of(day_name(trade_date))});
  return make(Id::timing_not_trading_day, {Arg::of(day_name(day)), Arg::of(closed_reason(day, cal, false)), Arg::of(day_name(trade_date))});
}

}  // namespace

OrderTiming order_timing(OrderType type, time::DateTime at, const time::TradingCalendar& cal, const TimingRules& rules) {
  OrderTiming t;
  t.type = type;
  t.placed_at = at;
  const Date day = at.date();
  const bool trading = cal.is_trading_day(day);
  t.trade_date = trading && at.seconds_of_day() < rules.cutoff_seconds ? day : cal.next_trading_day(day);
  t.why.push_back(trade_date_sentence(at, t.trade_date, trading, cal, rules));
  t.confirmed_on = cal.next_trading_day(t.trade_date);
  const Message gap = t.confirmed_on.plus_days(-1) > t.trade_date
                          ? make(Id::timing_between, {Arg::of(describe_closed_run(t.trade_date.plus_days(1), t.confirmed_on, cal))})
                          : nothing();
  // Non-trading days right after a date, up to the next trading day.
  auto closed_after = [&](Date d) { return std::pair{d.plus_days(1), cal.next_trading_day(d)}; };

  if (type == OrderType::purchase) {
    t.earns_from = t.confirmed_on;
    t.first_income_on = t.confirmed_on.plus_days(1);
    const auto [a, b] = closed_after(t.confirmed_on);
    const Message closed = b > a ? make(Id::timing_purchase_includes_closed, {Arg::number(b - a), Arg::of(describe_closed_run(a, b, cal))}) : nothing();
    const Message no_income = t.trade_date.plus_days(1) < t.confirmed_on ? make(Id::timing_purchase_gap_no_income, {}) : nothing();
    t.why.push_back(make(Id::timing_purchase_confirmed, {Arg::of(day_name(t.confirmed_on)), Arg::of(gap), Arg::of(closed), Arg::of(no_income),
                                                         Arg::verbatim(t.first_income_on->to_string())}));
  } else {
    const Date stop = t.confirmed_on;  // next trading day after T
    const bool fast = type == OrderType::redeem_fast;
    if (fast && !rules.fast_redeemed_shares_earn_trade_date) t.stops_earning_on = day;
    else t.stops_earning_on = stop;
    t.funds_available_on = fast ? day : stop;
    if (fast) t.why.push_back(make(Id::timing_fast_cash, {Arg::verbatim(day.to_string())}));
    else t.why.push_back(make(Id::timing_redeem_cash, {Arg::of(day_name(stop)), Arg::of(gap)}));
    if (*t.stops_earning_on > t.trade_date) {
      const auto [a, b] = closed_after(t.trade_date);
      const Message closed = b > a ? make(Id::timing_redeem_still_earns_closed, {Arg::number(b - a), Arg::of(describe_closed_run(a, b, cal))}) : nothing();
      t.why.push_back(make(Id::timing_redeem_still_earns, {Arg::verbatim(t.trade_date.to_string()), Arg::of(closed),
                                                           Arg::verbatim(t.stops_earning_on->to_string())}));
    } else {
      t.why.push_back(make(Id::timing_redeem_earns_nothing, {Arg::verbatim(t.stops_earning_on->to_string())}));
    }
  }
  t.reason = text::render(t.why, text::Lang::en);
  return t;
}

Result<OrderTiming> checked_order_timing(OrderType type, time::DateTime at, const time::TradingCalendar& cal, const TimingRules& rules) {
  if (auto c = cal.check_covered(at.date()); !c) return fail(c.error());
  try {
    return order_timing(type, at, cal, rules);
  } catch (const Error& e) {
    return fail(e.what());
  }
}

}  // namespace finlab::fund
