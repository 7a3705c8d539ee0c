// The day loop of a replay (order of events documented in replay.hpp).
#include "core/securities/replay.hpp"

#include <algorithm>
#include <set>

namespace finlab::securities {

namespace {

int day_index(const time::TradingCalendar& cal, const Stock& s, Date d) {
  if (!cal.covers(s.listed) || s.listed > d) return 0;
  return cal.trading_days_between(s.listed, d) + 1;
}

int session_rank(Session s) { return s == Session::opening_auction ? 0 : s == Session::continuous ? 1 : 2; }

}  // namespace

Result<ReplayResult> replay(const RuleBook& rules, const time::TradingCalendar& calendar, const AccountSettings& settings, const ReplayInput& in) {
  ReplayResult out{Account(rules, calendar, settings), {}, {}, {}};
  Account& acct = out.account;
  std::set<Date> dates;
  std::map<std::string, std::map<Date, std::size_t>> bar_on;
  for (const auto& [code, bars] : in.bars) {
    auto st = rules.stock(code);
    if (!st) return fail(st.error());
    for (std::size_t i = 0; i < bars.size(); ++i) {
      dates.insert(bars[i].date);
      bar_on[code][bars[i].date] = i;
    }
  }
  for (const Order& o : in.orders) {
    auto st = rules.stock(o.code);
    if (!st) return fail("order " + o.id + ": " + st.error());
    if (!bar_on.count(o.code) || !bar_on[o.code].count(o.date))
      return fail("order " + o.id + ": no bar for " + o.code + " on " + o.date.to_string() + " (the price path has no such day)");
  }
  for (const CashMove& c : in.cash) dates.insert(c.date);
  for (const CorporateAction& a : in.actions) {
    if (!bar_on.count(a.code) || !bar_on[a.code].count(a.ex_date))
      return fail("corporate action of " + a.code + " on " + a.ex_date.to_string() + ": no bar on the ex-date");
  }
  std::map<Date, std::size_t> index_on;
  for (std::size_t i = 0; i < in.index_bars.size(); ++i) index_on[in.index_bars[i].date] = i;

  // Events by date (input order kept), so a long replay is linear in its size.
  std::map<Date, std::vector<const Order*>> orders_on;
  for (const Order& o : in.orders) orders_on[o.date].push_back(&o);
  std::map<Date, std::vector<const CorporateAction*>> actions_on;
  for (const CorporateAction& a : in.actions) actions_on[a.ex_date].push_back(&a);
  std::map<Date, std::vector<const CashMove*>> cash_on;
  for (const CashMove& c : in.cash) cash_on[c.date].push_back(&c);
  const std::vector<const Order*> none;

  std::map<std::string, Money> reference;
  for (const Date d : dates) {
    for (const auto& [code, m] : bar_on) {
      auto it = m.find(d);
      if (it == m.end()) continue;
      const auto& bars = in.bars.at(code);
      // The limit base: the previous close; on the path's first day, the open [D].
      reference[code] = it->second > 0 ? bars[it->second - 1].close : bars[it->second].open;
    }
    if (auto it = actions_on.find(d); it != actions_on.end())
      for (const CorporateAction* a : it->second) {
        reference[a->code] = Account::ex_right_reference(reference.at(a->code), *a);
        acct.apply(*a);
      }
    if (auto it = cash_on.find(d); it != cash_on.end())
      for (const CashMove* c : it->second) {
        if (c->amount.is_positive()) acct.deposit(d, c->amount);
        else acct.withdraw(d, -c->amount);
      }
    BreakerState breaker;
    if (auto it = index_on.find(d); it != index_on.end() && it->second > 0) {
      breaker = circuit_breaker_on(rules, d, in.index_bars[it->second - 1].close, in.index_bars[it->second]);
      if (breaker.kind != BreakerState::none) out.breaker_notes.push_back(d.to_string() + ": " + breaker.why_en);
    }
    auto found = orders_on.find(d);
    std::vector<const Order*> today = found == orders_on.end() ? none : found->second;
    std::stable_sort(today.begin(), today.end(), [](const Order* a, const Order* b) { return session_rank(a->session) < session_rank(b->session); });
    for (const Order* o : today) {
      const Stock s = rules.stock(o->code).value();
      MarketDay day;
      day.bar = in.bars.at(o->code)[bar_on.at(o->code).at(d)];
      day.reference = reference.at(o->code);
      day.band = rules.limit_band(s, d, day.reference, day_index(calendar, s, d));
      day.breaker = breaker;
      acct.submit(*o, day);
    }
    for (const auto& [code, m] : bar_on)
      if (auto it = m.find(d); it != m.end()) out.last_close[code] = in.bars.at(code)[it->second].close;
    out.last_date = d;
  }
  return out;
}

}  // namespace finlab::securities
