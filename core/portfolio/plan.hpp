// A user's portfolio plan: money in 活期宝 (the money market fund) beside one
// or more NAV-based index funds, recurring deposits, regular investment plans
// (定投) paid from the 活期宝 balance, target weights with rebalancing, and
// one-off orders. The plan is data: plan_json.hpp reads and writes it as JSON
// (docs/portfolio.md §6 documents every field); engine.hpp runs it over a NAV
// path; projection.hpp runs it over many seeded paths.
// Not here: the market (NAV paths, 万份收益), the calendar, the results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/fund/fund_path.hpp"
#include "core/money/rate.hpp"
#include "core/portfolio/nav_model.hpp"
#include "core/portfolio/redemption_fee.hpp"
#include "core/portfolio/subscription_fee.hpp"
#include "core/time/date_time.hpp"

namespace finlab::portfolio {

enum class DividendMode {
  cash,      // 现金分红: shares × dividend per share (truncated to the fen) paid into 活期宝
  reinvest,  // 红利再投资: that cash buys shares at the ex-date NAV, no fee
};

// When a recurring instruction falls due: a day of every month (clamped to
// the month's end: day 31 is the last day of each month) or a weekday of every
// week. A due date that is not a trading day moves to the next trading day.
struct Recurrence {
  enum class Every { month, week };
  Every every = Every::month;
  int day_of_month = 1;                          // 1..31, for Every::month
  time::Weekday weekday = time::Weekday::monday;  // for Every::week
  std::string describe() const;                   // "monthly on day 15", "weekly on Thu"
};

struct IndexFundSpec {
  std::string id;    // short key used in the plan ("csi300")
  std::string name;  // shown to the user ("沪深300指数 A")
  SubscriptionFeeSchedule subscription = typical_index_fund_subscription();
  RedemptionFeeSchedule redemption = typical_index_fund_redemption();
  int redemption_settlement_days = 2;  // redemption cash arrives T+n trading days (1..3 in practice)
  DividendMode dividends = DividendMode::reinvest;
  GarchNavParams nav_model;             // the seeded NAV model for projections
  money::Rate dividend_yield;           // a yearly distribution as a fraction of NAV (0: none)
  int dividend_month = 6;               // ex-date: first trading day on/after the 15th of this month
};

// Where 活期宝's daily 万份收益 comes from in a projection.
struct HuoqibaoSpec {
  enum class Source {
    constant_yield,  // one R for every natural day: the compound 7-day yield equals annual_yield
    fund_model,      // core/fund's seeded fund path (mean-reverting gross yield, fees), class A
    history,         // the MMF yield history (core/fund/yield_history.hpp) by date, no noise:
                     // each day's R makes the compound 7-day yield equal that day's history level
  };
  Source source = Source::constant_yield;
  money::Rate annual_yield = money::Rate::percent("3.5");
  fund::GrossYieldModel model;  // for fund_model (its seed is the plan's seed unless given)
  // fund_model only ("level_percent": "history"): the model reverts around the
  // history plus class A's fees instead of the constant model.level.
  bool model_level_from_history = false;
};

struct Deposit {  // the user's own money into 活期宝 (counts as money put in)
  money::Money amount;
  Recurrence when;
};

struct RegularInvestment {  // 定投: buy a fund with money from 活期宝
  std::size_t fund = 0;     // index into Plan::funds
  money::Money amount;
  Recurrence when;
};

struct Rebalance {
  enum class Every { none, month, quarter, year };
  bool enabled = false;
  money::Rate huoqibao_target;             // target weights, adding up to exactly 100%
  std::vector<money::Rate> fund_targets;   // one per fund
  Every every = Every::none;               // scheduled: first trading day of each period
  std::optional<money::Rate> threshold;    // trade only when a weight is off by at least this (absolute)
  money::Money min_trade = money::Money::of("100.00");  // smaller trades are not made
};

struct OneOffOrder {
  time::DateTime at;        // placed at (China time); the 15:00 cut-off decides T
  std::size_t fund = 0;
  bool buy = true;
  money::Money amount;      // buy: money from 活期宝
  money::Shares shares;     // sell: shares
};

// The investor's risk profile (core/suitability), optional. When present, a
// plan holding index funds (product "index_fund", R3 [D]) is checked against
// it on the plan's start date before it runs (suitability_gate.hpp).
struct InvestorProfile {
  std::vector<int> answers;     // the chosen option of each question, in order
  time::Date assessed;          // the date of the assessment
  bool signed_warning = false;  // the risk mismatch warning was signed (Art. 19)
};

struct Plan {
  std::string name;
  time::Date start;                        // first day of the plan (its first trading day is day 0)
  int years = 10;                          // default horizon of a projection
  money::Money initial_deposit;            // into 活期宝 on the first trading day
  HuoqibaoSpec huoqibao;
  std::vector<IndexFundSpec> funds;
  std::vector<Deposit> deposits;
  std::vector<RegularInvestment> regular_investments;
  Rebalance rebalance;
  std::vector<OneOffOrder> orders;
  // Correlation of the funds' daily shocks, n×n row-major in `funds` order
  // (joint_nav_model.hpp); empty = default_index_correlation() for every pair.
  std::vector<money::Rate> correlation;
  std::optional<InvestorProfile> investor;  // suitability check before the plan runs
  // The matrix in force: `correlation`, or the default.
  std::vector<money::Rate> correlation_matrix() const;

  // Index of the fund with this id, or nullopt.
  std::optional<std::size_t> fund_index(const std::string& id) const;
};

// Rounds a constant annual yield to the daily 万份收益 with the compound
// (daily carry-over) relation 1 + y = (1 + R/10000)^365: R = 10000 ((1+y)^(1/365) − 1),
// half-up to 4 decimals, computed with Boost cpp_dec_float (same everywhere).
money::IncomePer10k income_per_10k_for_annual_yield(money::Rate annual_yield);

}  // namespace finlab::portfolio
