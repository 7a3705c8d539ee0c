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

std::string day_name(Date d) {
  static const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return std::string(names[static_cast<int>(d.weekday())]) + " " + d.to_string();
}

std::string hhmm(std::int32_t seconds) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
  return buf;
}

// "the weekend (Sat 06-20..Sun 06-21)", "Dragon Boat (端午节) (06-22)", grouped by reason.
std::string describe_closed_run(Date from, Date to_exclusive, const time::TradingCalendar& cal) {
  std::string out;
  Date d = from;
  while (d < to_exclusive) {
    std::string why = cal.why_closed(d);
    const bool weekend = d.is_weekend() && !cal.closure_on(d);
    if (weekend) why = "weekend";
    Date e = d;
    while (e.plus_days(1) < to_exclusive) {
      const Date n = e.plus_days(1);
      const bool nw = n.is_weekend() && !cal.closure_on(n);
      const std::string nwhy = nw ? "weekend" : cal.why_closed(n);
      if (nwhy != why) break;
      e = n;
    }
    if (!out.empty()) out += ", ";
    out += why + " " + d.to_string().substr(5);
    if (e != d) out += ".." + e.to_string().substr(5);
    d = e.plus_days(1);
  }
  return out;
}

// why_closed with "weekend" instead of the weekday name (the sentence already has it).
std::string closed_reason(Date d, const time::TradingCalendar& cal) {
  std::string w = cal.why_closed(d);
  const std::string name = day_name(d).substr(0, day_name(d).find(' '));
  if (d.is_weekend() && w.rfind(name, 0) == 0) w = "weekend" + w.substr(name.size());
  return w;
}

}  // namespace

OrderTiming order_timing(OrderType type, time::DateTime at, const time::TradingCalendar& cal, const TimingRules& rules) {
  OrderTiming t;
  t.type = type;
  t.placed_at = at;
  const Date day = at.date();
  std::string why;
  const bool trading = cal.is_trading_day(day);
  if (trading && at.seconds_of_day() < rules.cutoff_seconds) {
    t.trade_date = day;
    why = day_name(day) + " " + hhmm(at.seconds_of_day()) + " is before the " + hhmm(rules.cutoff_seconds) +
          " cut-off on a trading day, so the order counts for that day (T = " + day.to_string() + ").";
  } else {
    t.trade_date = cal.next_trading_day(day);
    if (trading)
      why = day_name(day) + " " + hhmm(at.seconds_of_day()) + " is after the " + hhmm(rules.cutoff_seconds) +
            " cut-off, so the order counts for the next trading day, T = " + day_name(t.trade_date) + ".";
    else
      why = day_name(day) + " is not a trading day (" + closed_reason(day, cal) + "), so the order counts for the next trading day, T = " +
            day_name(t.trade_date) + ".";
  }
  t.confirmed_on = cal.next_trading_day(t.trade_date);
  const std::string gap = t.confirmed_on.plus_days(-1) > t.trade_date
                              ? " (" + describe_closed_run(t.trade_date.plus_days(1), t.confirmed_on, cal) + " in between)"
                              : "";
  // Non-trading days right after a date, up to the next trading day.
  auto closed_after = [&](Date d) { return std::pair{d.plus_days(1), cal.next_trading_day(d)}; };

  if (type == OrderType::purchase) {
    t.earns_from = t.confirmed_on;
    t.first_income_on = t.confirmed_on.plus_days(1);
    why += " Shares are confirmed on the next trading day, " + day_name(t.confirmed_on) + gap + ", and earn from that day";
    const auto [a, b] = closed_after(t.confirmed_on);
    if (b > a) why += ", including the " + std::to_string(b - a) + " non-trading day(s) after it (" + describe_closed_run(a, b, cal) + ")";
    if (t.trade_date.plus_days(1) < t.confirmed_on)
      why += "; the days between T and confirmation earn nothing for this money";
    why += ". The first income is credited on " + t.first_income_on->to_string() + ".";
  } else {
    const Date stop = t.confirmed_on;  // next trading day after T
    const bool fast = type == OrderType::redeem_fast;
    if (fast && !rules.fast_redeemed_shares_earn_trade_date) t.stops_earning_on = day;
    else t.stops_earning_on = stop;
    t.funds_available_on = fast ? day : stop;
    if (fast)
      why += " Fast (T+0) redemption: the cash is advanced the same day, " + day.to_string() + ".";
    else
      why += " The cash arrives on the next trading day after T, " + day_name(stop) + gap + ".";
    if (*t.stops_earning_on > t.trade_date) {
      why += " The redeemed shares still earn " + t.trade_date.to_string();
      const auto [a, b] = closed_after(t.trade_date);
      if (b > a) why += " and the " + std::to_string(b - a) + " non-trading day(s) after it (" + describe_closed_run(a, b, cal) + ")";
      why += "; income stops from " + t.stops_earning_on->to_string() + ".";
    } else {
      why += " The redeemed shares earn nothing from " + t.stops_earning_on->to_string() + " (product setting).";
    }
  }
  t.reason = why;
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
