// The time axis of a plan run and everything on it that does not depend on
// the market path: the horizon's trading days (from the exchange calendar),
// which day each deposit, 定投, order and scheduled rebalance lands on (a due
// date that is not a trading day moves to the next trading day), the
// dividend ex-dates of the NAV model, the month-end checkpoints of the fan
// chart, and 活期宝's 万份收益 for every natural day. Built once per plan and
// shared by every Monte Carlo path (read-only), so the per-path loop does no
// calendar work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/fund/income_series.hpp"
#include "core/portfolio/plan.hpp"
#include "core/result.hpp"
#include "core/time/trading_calendar.hpp"

namespace finlab::portfolio {

enum class EventKind : std::uint8_t {
  initial_deposit,     // ref unused
  deposit,             // ref: index into Plan::deposits
  regular_investment,  // ref: index into Plan::regular_investments
  order,               // ref: index into Plan::orders
  rebalance,           // scheduled rebalance (or the initial allocation on day 0)
};

struct Event {
  EventKind kind;
  std::uint32_t ref = 0;
  time::Date due;  // the date it was due (before moving to a trading day)
};

struct Schedule {
  std::vector<time::Date> days;  // trading days of the horizon; days[0] = first trading day on/after Plan::start
  time::Date next_after_last;    // the trading day after days.back() (confirmations and settlements on the last day)
  time::Date end;                // exclusive end of the horizon (natural date)

  // Events per trading day: events[event_begin[i] .. event_begin[i+1]).
  std::vector<std::uint32_t> event_begin;
  std::vector<Event> events;

  // Per fund: trading-day indices of dividend ex-dates of the NAV model (ascending).
  std::vector<std::vector<std::uint32_t>> ex_days;

  // Last trading day of each calendar month (and the horizon's last day): the fan chart's points.
  std::vector<std::uint32_t> checkpoints;

  // 活期宝 万份收益 (units of 0.0001) for each natural day from days[0] up to
  // (not including) next_after_last; index = date − days[0].
  std::vector<std::int64_t> mmf_r_units;
  std::string mmf_r_source;
  bool mmf_r_nonnegative_small = true;  // every R in [0, 2^20): the engine's fast income loop applies  // "constant 3.5% a year: R = 0.9426", "core/fund model (level 4.5%)", "FILE.csv"

  std::size_t size() const { return days.size(); }
  // Trading-day index of d (which must be a trading day in the horizon), or nullopt.
  std::optional<std::uint32_t> index_of(time::Date d) const;
  // Natural days from days[i] up to (not including) the next trading day.
  int gap_after(std::size_t i) const {
    return (i + 1 < days.size() ? days[i + 1] : next_after_last) - days[i];
  }
};

struct ScheduleInputs {
  time::Date end;                                   // exclusive horizon end (e.g. start + years)
  const fund::IncomeSeries* mmf_series = nullptr;   // replay: published 万份收益 instead of the plan's yield
};

// Errors (as messages): the horizon is outside the calendar ("the trading
// calendar covers 2015..2026; this plan needs trading days up to 2031-06-02"),
// no trading day in the horizon, an order placed outside the horizon, a 万份收益
// series that does not cover the horizon.
Result<Schedule> build_schedule(const Plan& plan, const time::TradingCalendar& calendar, const ScheduleInputs& in);

// The horizon end of a projection: the plan's start plus `years` years.
time::Date projection_end(const Plan& plan, int years);

}  // namespace finlab::portfolio
