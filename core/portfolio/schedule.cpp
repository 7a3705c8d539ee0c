#include "core/portfolio/schedule.hpp"

#include <algorithm>

#include "core/fund/order_timing.hpp"

namespace finlab::portfolio {

using time::Date;

std::optional<std::uint32_t> Schedule::index_of(Date d) const {
  auto it = std::lower_bound(days.begin(), days.end(), d);
  if (it == days.end() || *it != d) return std::nullopt;
  return static_cast<std::uint32_t>(it - days.begin());
}

Date projection_end(const Plan& plan, int years) { return plan.start.plus_months(12 * years); }

namespace {

// Natural due dates of a recurrence in [from, to).
std::vector<Date> due_dates(const Recurrence& r, Date from, Date to) {
  std::vector<Date> out;
  if (r.every == Recurrence::Every::week) {
    Date d = from;
    while (d.weekday() != r.weekday) d = d.plus_days(1);
    for (; d < to; d = d.plus_days(7)) out.push_back(d);
    return out;
  }
  int y = from.year(), m = from.month();
  for (;;) {
    const int day = std::min(r.day_of_month, time::days_in_month(y, m));
    const Date d = Date::ymd(y, m, day);
    if (d >= to) break;
    if (d >= from) out.push_back(d);
    if (++m == 13) {
      m = 1;
      ++y;
    }
  }
  return out;
}

}  // namespace

Result<Schedule> build_schedule(const Plan& plan, const time::TradingCalendar& cal, const ScheduleInputs& in) {
  Schedule s;
  s.end = in.end;
  if (!(in.end > plan.start)) return fail("the horizon end " + in.end.to_string() + " is not after the plan's start " + plan.start.to_string());
  if (auto c = cal.check_covered(plan.start); !c) return fail("plan start: " + c.error());
  // Every natural day of the horizon, and the trading day after it, must be in the calendar.
  const Date last_day = in.end.plus_days(-1);
  const auto beyond = [&](const std::string& why) {
    return fail(why + "; this plan needs the trading days up to " + last_day.to_string() +
                " and the one after it (use fewer years or an earlier start)");
  };
  if (auto c = cal.check_covered(last_day); !c) return beyond(c.error());
  try {
    for (Date d = cal.trading_day_on_or_after(plan.start); d < in.end; d = cal.next_trading_day(d)) s.days.push_back(d);
    if (s.days.empty()) return fail("no trading day between " + plan.start.to_string() + " and " + last_day.to_string());
    s.next_after_last = cal.next_trading_day(s.days.back());
  } catch (const Error&) {
    return beyond("the trading calendar covers " + std::to_string(cal.first_year()) + ".." + std::to_string(cal.last_year()));
  }
  const std::size_t n = s.days.size();

  // --- events -------------------------------------------------------------
  struct Placed {
    std::uint32_t day;
    std::uint32_t order;  // insertion order, to keep events of a day in a fixed sequence
    Event e;
  };
  std::vector<Placed> placed;
  auto place = [&](Date due, EventKind kind, std::uint32_t ref) {
    const Date t = cal.trading_day_on_or_after(due);
    if (auto i = s.index_of(t)) placed.push_back({*i, static_cast<std::uint32_t>(placed.size()), Event{kind, ref, due}});
  };
  const Date first = s.days.front();
  if (plan.initial_deposit.is_positive()) placed.push_back({0, 0, Event{EventKind::initial_deposit, 0, plan.start}});
  for (std::size_t k = 0; k < plan.deposits.size(); ++k) {
    for (Date d : due_dates(plan.deposits[k].when, plan.start, in.end)) place(d, EventKind::deposit, static_cast<std::uint32_t>(k));
  }
  for (std::size_t k = 0; k < plan.orders.size(); ++k) {
    const auto& o = plan.orders[k];
    auto timing = fund::checked_order_timing(o.buy ? fund::OrderType::purchase : fund::OrderType::redeem, o.at, cal);
    if (!timing) return fail("order " + std::to_string(k + 1) + ": " + timing.error());
    auto i = s.index_of(timing->trade_date);
    if (!i) {
      return fail("order " + std::to_string(k + 1) + " placed " + o.at.to_string() + " counts for " + timing->trade_date.to_string() +
                  ", outside the plan's trading days " + first.to_string() + ".." + s.days.back().to_string());
    }
    placed.push_back({*i, static_cast<std::uint32_t>(placed.size()), Event{EventKind::order, static_cast<std::uint32_t>(k), o.at.date()}});
  }
  for (std::size_t k = 0; k < plan.regular_investments.size(); ++k) {
    for (Date d : due_dates(plan.regular_investments[k].when, plan.start, in.end)) {
      place(d, EventKind::regular_investment, static_cast<std::uint32_t>(k));
    }
  }
  if (plan.rebalance.enabled) {
    // The initial allocation on day 0, then the first trading day of each period.
    placed.push_back({0, static_cast<std::uint32_t>(placed.size()), Event{EventKind::rebalance, 0, first}});
    const int step = plan.rebalance.every == Rebalance::Every::month ? 1
                     : plan.rebalance.every == Rebalance::Every::quarter ? 3
                     : plan.rebalance.every == Rebalance::Every::year ? 12 : 0;
    if (step > 0) {
      int y = first.year(), m = first.month();
      // First period boundary after the start: months 1,4,7,10 for quarters, January for years.
      for (;;) {
        if (++m == 13) { m = 1; ++y; }
        if (step == 1 || (step == 3 && (m - 1) % 3 == 0) || (step == 12 && m == 1)) break;
      }
      for (Date d = Date::ymd(y, m, 1); d < in.end; d = d.plus_months(step)) place(d, EventKind::rebalance, 0);
    }
  }
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.day < b.day; });
  s.event_begin.assign(n + 1, 0);
  for (const auto& p : placed) {
    ++s.event_begin[p.day + 1];
    s.events.push_back(p.e);
  }
  for (std::size_t i = 0; i < n; ++i) s.event_begin[i + 1] += s.event_begin[i];

  // --- dividend ex-dates of the NAV model -----------------------------------
  s.ex_days.assign(plan.funds.size(), {});
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    const auto& fund = plan.funds[f];
    if (fund.dividend_yield.units() <= 0) continue;
    for (int y = first.year(); y <= s.days.back().year(); ++y) {
      const Date t = cal.trading_day_on_or_after(Date::ymd(y, fund.dividend_month, 15));
      auto i = s.index_of(t);
      if (i && *i > 0) s.ex_days[f].push_back(*i);
    }
  }

  // --- checkpoints: last trading day of each month ---------------------------
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 1 == n || s.days[i + 1].month() != s.days[i].month()) s.checkpoints.push_back(static_cast<std::uint32_t>(i));
  }

  // --- 活期宝 万份收益 per natural day ---------------------------------------
  const int natural_days = s.next_after_last - first;
  s.mmf_r_units.assign(static_cast<std::size_t>(natural_days), 0);
  if (in.mmf_series) {
    const Date need_last = s.next_after_last.plus_days(-1);
    if (!in.mmf_series->contains(first) || !in.mmf_series->contains(need_last)) {
      return fail("the 万份收益 series covers " + in.mmf_series->first().to_string() + ".." + in.mmf_series->last().to_string() +
                  "; the plan needs " + first.to_string() + ".." + need_last.to_string());
    }
    for (int k = 0; k < natural_days; ++k) s.mmf_r_units[static_cast<std::size_t>(k)] = in.mmf_series->on(first.plus_days(k))->units();
    s.mmf_r_source = "published series";
  } else if (plan.huoqibao.source == HuoqibaoSpec::Source::constant_yield) {
    const auto r = income_per_10k_for_annual_yield(plan.huoqibao.annual_yield);
    std::fill(s.mmf_r_units.begin(), s.mmf_r_units.end(), r.units());
    s.mmf_r_source = "constant " + plan.huoqibao.annual_yield.to_percent_string() + "% a year (daily carry-over): R = " + r.to_string() +
                     " per 10,000 shares a day";
  } else if (plan.huoqibao.source == HuoqibaoSpec::Source::history) {
    // The dated MMF yield history, each day's level as a compound daily R.
    // Interpolated levels change daily, so convert each distinct level once.
    const auto levels = fund::YieldHistory::builtin().daily(first, natural_days);
    money::Rate last_level = money::Rate::from_units(-1);
    std::int64_t last_r = 0;
    for (int k = 0; k < natural_days; ++k) {
      const money::Rate y = levels[static_cast<std::size_t>(k)];
      if (y != last_level) {
        last_r = income_per_10k_for_annual_yield(y).units();
        last_level = y;
      }
      s.mmf_r_units[static_cast<std::size_t>(k)] = last_r;
    }
    s.mmf_r_source = "MMF 7-day yield history (assets/market/mmf_yield.csv) by date, daily carry-over";
  } else {
    fund::FundPathParams fp;
    fp.model = plan.huoqibao.model;
    if (plan.huoqibao.model_level_from_history) {
      // Class A's fees on the first day: the history is after fees, the model's level before them.
      const fund::FeeRates& fees = fp.fund.fees_on(first);
      const money::Rate fee = fees.management + fees.custody + fees.sales_service.at(0);
      fp.model.level_path = fund::history_gross_levels(fund::YieldHistory::builtin(), fee, first, natural_days);
    }
    const auto path = fund::simulate_fund_path(fp, first, s.next_after_last.plus_days(-1), cal);
    if (path.size() != static_cast<std::size_t>(natural_days)) return fail("the 活期宝 fund model returned too few days");
    for (int k = 0; k < natural_days; ++k) {
      s.mmf_r_units[static_cast<std::size_t>(k)] = path[static_cast<std::size_t>(k)].day.classes.at(0).income_per_10k.units();
    }
    s.mmf_r_source = "core/fund seeded fund path, class A (gross yield level " +
                     (plan.huoqibao.model_level_from_history ? std::string("MMF yield history + class A fees")
                                                             : plan.huoqibao.model.level.to_percent_string() + "%") +
                     ", seed " + std::to_string(plan.huoqibao.model.seed) + ")";
  }
  for (auto r : s.mmf_r_units) {
    if (r < 0 || r >= (std::int64_t{1} << 20)) s.mmf_r_nonnegative_small = false;
  }
  return s;
}

}  // namespace finlab::portfolio
