// A seeded, deterministic path of a money market fund: the portfolio's gross
// annual yield follows a mean-reverting (Ornstein-Uhlenbeck) process around a
// level, one step per natural day. The level is either constant (set by the
// user) or a dated path: by default the history of large MMFs' 7-day yields
// (yield_history.hpp, assets/market/mmf_yield.csv) plus the fund's fees, so a
// run that starts in 2019 pays about 2019's yields. Along a path the deviation
// y − θ(d) is the OU process (the level's own moves carry the yield with them); each day's gross income = E_prev × yield ÷ 当年天数 (half-up to
// the fen) goes through compute_fund_day (fees per class) to the classes' 万份收益
// and 7-day yields. Undistributed income (the R rounding gap) is carried into
// the next day, so Σ distributed + final carry == Σ net income exactly.
//
// Determinism: the shock of day d comes from random::Stream(seed, fund_id,
// d.serial(), fund_yield).normal() (counter-based, integer-built doubles), the
// recursion uses only + − × and sqrt (correctly rounded IEEE), and the yield is
// quantised to whole Rate units (1e-10) before it touches money. The same seed
// gives the same path natively and in wasm, and a path started later sees the
// same daily shocks.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/fund/fund_day.hpp"
#include "core/fund/yield_history.hpp"
#include "core/money/rate.hpp"
#include "core/time/trading_calendar.hpp"

namespace finlab::fund {

struct GrossYieldModel {
  money::Rate level = money::Rate::percent("4.5");       // θ: long-run gross annual yield (when level_path is empty)
  // θ(d) per natural day from the first simulated day (at least as many days
  // as simulated); empty = the constant `level`. See history_gross_levels().
  std::vector<money::Rate> level_path;
  std::optional<money::Rate> start;                       // y on the first day (default: θ of that day)
  double reversion_per_year = 6.0;                        // κ: pull towards θ (per year)
  money::Rate volatility = money::Rate::percent("0.5");  // σ: annual volatility of the yield (absolute)
  money::Rate floor = money::Rate::percent("0");         // the gross yield is kept at or above this
  std::uint64_t seed = 2015;
  std::uint64_t fund_id = 0;  // the stream entity: different funds, independent paths
};

// Gross yields for `days` consecutive natural days starting at `first`.
std::vector<money::Rate> simulate_gross_yields(const GrossYieldModel& model, time::Date first, int days);

// The gross level path that gives the history's net 7-day yields: for each
// day, history.on(d) + fee (the fund's annual fees; the published 7-day yield
// is after fees). Exact Rate arithmetic.
std::vector<money::Rate> history_gross_levels(const YieldHistory& history, money::Rate fee, time::Date first, int days);

struct FundPathParams {
  FundSpec fund = example_fund_two_classes();
  std::vector<money::Money> class_nav;  // starting NAV per class (default: example A's 6e9 / 4e9)
  Carry carry = Carry::daily;
  GrossYieldModel model;
};

struct FundPathDay {
  time::Date date;
  money::Rate gross_yield;
  FundDay day;  // fees, net income, R per class
  std::vector<std::optional<YieldPercent>> seven_day;  // per class; nullopt for the first 6 days
};

// Monthly carry-over pays unpaid income as shares on the 15th (or the next
// trading day), so it needs the calendar; daily carry-over does not use it.
std::vector<FundPathDay> simulate_fund_path(const FundPathParams& params, time::Date first, time::Date last,
                                            const time::TradingCalendar& calendar);

}  // namespace finlab::fund
