// Runs a plan over one market path, trading day by trading day: the user's
// 活期宝 balance (income on every natural day, DOMAIN.md §1.5-1.6), index fund
// lots, cash in transit (the cash leg: redemption proceeds and cash dividends
// on their way to 活期宝), deposits, 定投, one-off orders, dividends and
// rebalancing; money is exact throughout. The same loop serves the detailed
// replay (every transaction and day with its explanation) and the Monte Carlo
// hot path (no allocation per day, only totals, statistics and checkpoints).
//
// [SECTION] One trading day i, in this order (docs/portfolio.md §5):
//   1. confirmations: 活期宝 purchases and fund lots of day i−1 are confirmed;
//   2. cash in transit due today arrives and buys 活期宝 shares;
//   3. dividends with ex-date i (record date = ex-date, 场外 convention);
//   4. events of the day in schedule order: deposits, orders, 定投, rebalancing
//      (decisions before the 15:00 cut-off use the last published NAV, i−1;
//      trades are priced at NAV(i));
//   5. end-of-day valuation at NAV(i) (recorded for statistics and checkpoints);
//   6. 活期宝 income for each natural day from day i to the next trading day.
// 活期宝 money spent on day i (T) still earns through the day before the next
// trading day; money put into 活期宝 earns from its confirmation (T+1) on.
// Money spent from 活期宝 takes unconfirmed money first ([D], docs §5).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/portfolio/lot.hpp"
#include "core/portfolio/plan.hpp"
#include "core/portfolio/schedule.hpp"
#include "core/portfolio/subscription_fee.hpp"
#include "core/text/messages.hpp"

namespace finlab::portfolio {

// The market one run sees: per fund, NAV and dividend per share (units of
// 0.0001 yuan) for every trading day of the schedule. The 活期宝 万份收益 is in
// the schedule.
struct FundMarket {
  std::span<const std::int64_t> nav_units;
  std::span<const std::int64_t> dividend_units;  // empty: no dividends
};

enum class TxKind : std::uint8_t {
  deposit,            // user money into 活期宝
  buy,                // fund purchase (定投, order or rebalance), paid from 活期宝
  sell,               // fund redemption (order or rebalance); cash to 活期宝 later
  cash_arrival,       // redemption or dividend cash reaches 活期宝
  dividend_cash,      // cash dividend declared (arrives next trading day)
  dividend_reinvest,  // dividend reinvested in shares at the ex-date NAV
  skipped,            // 定投 not made (活期宝 short) or an order refused
  rebalance,          // a rebalancing decision (the trades follow as buy/sell)
};
std::string_view to_string(TxKind k);

struct Transaction {
  time::Date date;           // trade date T (or the day it happened)
  time::Date settles_on;     // buy: shares confirmed; sell/dividend: cash arrives; else = date
  TxKind kind = TxKind::deposit;
  int fund = -1;             // index into Plan::funds, −1 for 活期宝 only
  std::string source;        // "定投 #1", "order #2", "rebalance", "deposit #1", "initial deposit"
  money::Money amount;       // money paid / received / moved (gross for sells)
  money::Shares shares;
  Nav nav;
  money::Money fee;
  std::string note;          // the explanation with numbers and rules (English: render(why, en))
  text::Message why;         // the same as a catalog message, for the reader's language
};

struct DayValue {
  time::Date date;
  money::Money huoqibao;      // 活期宝 balance (confirmed + unconfirmed)
  money::Money funds;         // Σ shares × NAV(day), each fund half-up to the fen
  money::Money in_transit;    // the cash leg
  money::Money total;
  money::Money flow;          // the user's own money in on this day (deposits)
  money::Money mmf_income;    // 活期宝 income credited since the previous trading day
};

struct Holding {  // end of the run, per fund
  money::Shares shares;          // confirmed + pending
  money::Money value;            // at the last NAV
  std::vector<Lot> lots;         // confirmed lots, oldest first (detailed runs only)
};

struct Ledger {  // a detailed run
  std::vector<Transaction> transactions;
  std::vector<DayValue> days;
  std::vector<Holding> holdings;
};

struct PathTotals {
  money::Money paid_in;                 // the user's own money put in (initial + deposits)
  money::Money end_value, end_huoqibao, end_funds, end_in_transit;
  money::Money mmf_income;              // 活期宝 income over the run
  money::Money purchases;               // Σ purchase amounts (fees included)
  money::Money redemptions_net;         // Σ redemption proceeds after fees (arrived or in transit)
  money::Money cash_dividends;          // Σ cash dividends
  money::Money reinvested_dividends;    // Σ dividends reinvested (value stays in the fund)
  money::Money subscription_fees, redemption_fees, redemption_fees_to_fund_assets;
  // Fund gain = end fund value + redemption proceeds + cash dividends − purchases.
  // Exactly: end_value == paid_in + mmf_income + fund_gain.
  money::Money fund_gain;
  int regular_made = 0, regular_skipped = 0, orders_refused = 0, rebalances = 0;
};

// Streaming statistics of the daily values (time-weighted, so deposits do not
// count as gains). Volatility needs every daily return: performance.hpp
// computes it from a detailed run.
struct PathStats {
  double growth = 1.0;       // Π V_i / (V_{i−1} + F_i): 1 + TWR over the run
  int periods = 0;           // daily sub-periods used
  double max_drawdown = 0;   // of the TWR index, as a fraction
  std::uint32_t peak_day = 0, trough_day = 0;      // of the max drawdown
  std::int64_t recovery_day = -1;                  // first day back at the peak, −1 if never
};

struct PathResult {
  PathTotals totals;
  PathStats stats;
};

class Engine {
public:
  // Both must outlive the engine. The plan must be the one the schedule was built from.
  Engine(const Plan& plan, const Schedule& schedule);

  // One run. `market` has one entry per fund; `ledger` (may be null) receives
  // every transaction and day; `checkpoint_values` (empty or one per schedule
  // checkpoint) receives the total value in fen at each checkpoint.
  PathResult run(std::span<const FundMarket> market, Ledger* ledger, std::span<std::int64_t> checkpoint_values);

private:
  template <bool Detail>
  PathResult run_impl(std::span<const FundMarket> market, Ledger* ledger, std::span<std::int64_t> checkpoint_values);

  const Plan& plan_;
  const Schedule& s_;
  struct FundState {
    LotBook lots;
    std::vector<Lot> pending;   // bought today, confirmed on the next trading day
    money::Shares pending_shares;
  };
  struct Transit {
    std::uint32_t day;          // arrives on this trading day index (may be >= size: after the horizon)
    std::int64_t fen;
  };
  std::vector<FundState> funds_;
  std::vector<Transit> transit_;
};

}  // namespace finlab::portfolio
