// The investors' account ledger of a 活期宝-style product (DOMAIN.md §1.5-1.7):
// timestamped purchases, normal and fast (T+0) redemptions, the 15:00 cut-off,
// confirmation on the next trading day, income on every natural day for the
// shares entitled to it (confirmed_on <= d < stops_earning_on), daily or
// monthly carry-over, truncation to the fen with largest-remainder
// redistribution across the ledger's accounts (distribution.hpp), T+0 quota
// per investor per natural day, and refusals with their reason.
//
// Use, one natural day at a time:
//     Ledger ledger(calendar, settings);
//     for each day d: ledger.submit(order) for the orders of d (in time order),
//                     then ledger.close_day(d, R(d))  -> LedgerDay
// Amounts: purchases are money; redemptions are shares (NAV 1.00, so the same
// number). Not modelled: negative balances, fees on redemption, fund-level
// suspension of redemptions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/fund/distribution.hpp"
#include "core/fund/income_series.hpp"
#include "core/fund/order_timing.hpp"
#include "core/money/money.hpp"

namespace finlab::fund {

// The T+0 limit in force from `from` (per investor, per fund, per natural day).
struct FastRedeemLimit {
  time::Date from;
  money::Money per_day;
};

// A fund's pre-holiday purchase cap: purchases whose trade date T lies in
// [first, last] may not exceed `per_account_per_day` in total (DOMAIN.md §1.6).
struct SubscriptionCap {
  time::Date first, last;
  money::Money per_account_per_day;
  std::string reason;  // "National Day 2015: the fund limits large purchases"
  std::string reason_zh;  // the same in Chinese (empty: the English is shown)
};

struct LedgerSettings {
  Carry carry = Carry::daily;
  // Monthly carry-over: the unpaid income becomes shares on this day of each
  // month, or the next trading day when it is not one ("每月15日发放, 非工作日顺延").
  int monthly_payout_day = 15;
  TimingRules timing;
  money::Money minimum_purchase = money::yuan(1);  // Huoqibao: from ¥1 (DOMAIN.md §0)
  // 50,000 before 2018-06-01 (platform setting, [D] default), 10,000 from then (CSRC/PBOC 2018).
  std::vector<FastRedeemLimit> fast_limits = default_fast_limits();
  std::vector<SubscriptionCap> subscription_caps;

  static std::vector<FastRedeemLimit> default_fast_limits(money::Money before_2018_06_01 = money::yuan(50000),
                                                          money::Money from_2018_06_01 = money::yuan(10000));
  money::Money fast_limit_on(time::Date day) const;
};

struct Order {
  std::string id;
  std::uint64_t account = 0;
  time::DateTime at;
  OrderType type = OrderType::purchase;
  money::Money amount;  // purchase: money; redemptions: shares at NAV 1.00
};

struct OrderResult {
  Order order;
  bool accepted = false;
  OrderTiming timing;   // when it counts, confirms, earns, pays (also filled for refusals where computable)
  std::string refusal;  // why it was refused, in English; empty when accepted
  text::Message refusal_message;  // the same as a catalog message (any language)
};

struct AccountDay {
  std::uint64_t account = 0;
  time::Date date;
  money::Shares shares;   // shares that earned this day's income
  money::Money income;    // the day's income (after truncation and redistribution)
  money::Money unpaid;    // monthly carry-over: accrued income not yet paid as shares (end of day)
  money::Money balance;   // holdings at the end of the day: shares + income (daily) or shares + unpaid (monthly)
  money::Money cash_out;  // redemption cash that arrives this day
};

struct LedgerDay {
  time::Date date;
  money::IncomePer10k income_per_10k;
  DistributionTotals totals;         // Σ income + residual == pool, exactly
  std::vector<AccountDay> accounts;  // every account the ledger knows, by account id
};

class Ledger {
public:
  Ledger(const time::TradingCalendar& calendar, LedgerSettings settings);

  // Orders must come in time order and belong to the day being worked on (the
  // day after the last closed one; the first order or close sets the start).
  // Throws finlab::Error for an order out of sequence or outside the calendar;
  // refusals (balance, quota, minimum, cap) come back in the result.
  OrderResult submit(const Order& order);
  // Distributes day d's income (R for that natural day) and moves to d + 1.
  LedgerDay close_day(time::Date d, money::IncomePer10k r);

  std::optional<time::Date> current_day() const { return day_; }
  const LedgerSettings& settings() const { return settings_; }
  // Share units the account can redeem now (confirmed, not already redeemed).
  money::Shares redeemable(std::uint64_t account) const;
  // Shares entitled to today's income (after today's confirmations/stops).
  money::Shares entitled(std::uint64_t account) const;
  bool needs_income_on(time::Date d);  // does any account earn on d?

private:
  struct Account {
    std::int64_t entitled = 0;    // share units earning today
    std::int64_t redeemable = 0;  // share units that can be redeemed now
    std::int64_t unpaid = 0;      // fen, monthly carry-over
    std::int64_t cash_today = 0;  // fen arriving today
    std::map<std::int32_t, std::int64_t> entitle_delta;    // date -> share units (+ confirmations, - stops)
    std::map<std::int32_t, std::int64_t> redeemable_delta; // date -> share units (confirmations)
    std::map<std::int32_t, std::int64_t> cash_due;         // date -> fen (normal redemptions)
    std::map<std::int32_t, std::int64_t> fast_used;        // natural date -> fen
    std::map<std::int32_t, std::int64_t> bought_for_t;     // trade date -> fen (caps)
  };
  void begin_day(time::Date d);
  Account& account(std::uint64_t id);
  time::Date payout_date(int year, int month) const;

  const time::TradingCalendar* cal_;
  LedgerSettings settings_;
  std::optional<time::Date> day_;  // the open day
  bool day_begun_ = false;
  std::map<std::uint64_t, Account> accounts_;
};

// Convenience for one or many investors over a published series: runs every
// natural day from the first order's date to `series.last()`. Orders are
// processed in time order (stable for equal times). Fails with a message when
// a needed day's income is missing or an order falls outside the series.
struct LedgerRun {
  std::vector<OrderResult> orders;  // in input order
  std::vector<LedgerDay> days;
};
Result<LedgerRun> run_ledger(const time::TradingCalendar& calendar, const LedgerSettings& settings, const std::vector<Order>& orders,
                             const IncomeSeries& series);

}  // namespace finlab::fund
