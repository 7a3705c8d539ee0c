// An A-share cash account: cash, positions held as FIFO lots, orders matched
// against the day's bar, corporate actions and the dividend tax charged on sale.
// Rules come from the RuleBook (by date); every transaction and every refusal
// carries its "why" in English and Chinese.
//
// Rules (DOMAIN_SECURITIES.md part A):
//   T+1: shares bought on T are sellable from the next trading day (A1).
//   Cash: sale proceeds can buy again the same day; they can be withdrawn from
//     the next trading day (A1, [D]).
//   Orders: limit, or "market" = best-5 IOC protected at the price limit and
//     the price cage (A5); buys in lots (100, STAR 200 then 1), odd lots sold
//     whole (A3); prices inside the day's limits (A2).
//   Matching against a daily bar (docs/securities.md "matching model", [D]):
//     opening call auction -> the open price if the limit allows;
//     continuous -> the open when the limit is marketable at the open,
//       otherwise the limit price when the day's range reaches it;
//     closing call auction (SZSE from 2006-07-01, SSE from 2018-08-20) ->
//       the close if the limit allows;
//     a one-price day at the limit (一字板) fills no buys at limit-up and no
//       sells at limit-down; fills are capped at a share of the day's volume
//       (participation, a setting) and the rest is cancelled at the close.
//   Dividend tax (A6): per lot, FIFO, by holding period, at the rate of the
//     regime in force on the ex-date, charged when the shares are sold.
//
// Not modelled: order books and intraday prices, cancellations, rights issues,
// margin, fees on corporate actions, the 9:20-9:25 no-cancel window.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money/decimal.hpp"
#include "core/securities/bars.hpp"
#include "core/securities/rules.hpp"
#include "core/time/trading_calendar.hpp"

namespace finlab::securities {

struct PerTenTag {};
// Amounts announced "per 10 shares" (每10股派X元 / 送X股 / 转增X股), 6 decimals.
using PerTen = money::Decimal<PerTenTag, 6>;

enum class OrderType { limit, market };
enum class Session { opening_auction, continuous, closing_auction };
std::string_view to_string(OrderType t);
std::string_view to_string(Session s);

struct Order {
  std::string id;
  Date date;
  std::string code;
  Side side = Side::buy;
  OrderType type = OrderType::limit;
  Session session = Session::continuous;
  std::int64_t shares = 0;
  Money limit_price;  // ignored for market orders
};

// Why an order was refused or not (fully) filled.
enum class Refusal {
  none,
  not_trading_day,
  lot_size,
  odd_lot,
  max_order,
  outside_limit,
  outside_cage,
  no_session,
  market_order_session,
  circuit_breaker_closed,
  t_plus_1,
  insufficient_shares,
  insufficient_cash,
  locked_at_limit,
  price_not_reached,
};
std::string_view to_string(Refusal r);  // "t_plus_1" ...

struct CorporateAction {
  std::string code;
  Date ex_date;
  PerTen cash;      // yuan per 10 shares (派)
  PerTen bonus;     // shares per 10 (送, taxable at par)
  PerTen transfer;  // shares per 10 (转增, from capital reserve, not taxed)
};

struct BreakerState {
  enum Kind { none, halted, closed } kind = none;
  std::string why_en, why_zh;
};
// The 2016 circuit breaker (A7) on date d, given the CSI 300 bar and the
// previous close: closed when the day's range crosses ±close%, halted when it
// crosses ±halt%; nothing outside [from, to] even if the range crosses.
BreakerState circuit_breaker_on(const RuleBook& rules, Date d, Money index_prev_close, const Bar& index_bar);

// What the market did on one day for one stock.
struct MarketDay {
  Bar bar;
  Money reference;  // the limit base: previous close, or the ex-right reference price
  LimitBand band;
  BreakerState breaker;
};

struct AccountSettings {
  FeeSettings fees;
  int participation_percent = 10;  // at most this share of the day's volume fills [D]
};

struct TaxLine {
  Date ex_date, acquired;
  std::int64_t shares = 0;
  Money income, tax;
  Rate rate;
  HoldingBand band = HoldingBand::over_1_year;
  std::string why, why_zh;
};

enum class TxKind { deposit, withdrawal, buy, sell, refused, dividend, bonus_shares };
std::string_view to_string(TxKind k);

struct Transaction {
  Date date;
  TxKind kind = TxKind::deposit;
  std::string order_id, code;
  std::int64_t shares = 0;         // filled (or credited) shares
  std::int64_t requested = 0;      // order size
  Money price;                     // fill price
  Money amount;                    // cash change (+ in, - out)
  Fees fees;
  Money dividend_tax;
  std::vector<TaxLine> tax_lines;
  Money realised;                  // sells: proceeds - fees - tax - cost
  Refusal refusal = Refusal::none; // refused, or why a buy/sell filled only partly
  std::string why_en, why_zh;
};

struct Lot {
  Date acquired;
  std::int64_t shares = 0;
  Money cost;  // price x shares + buy fees (bonus shares add shares, not cost)
  struct Income { Date ex_date; Money amount; };  // taxable dividend not yet taxed
  std::vector<Income> incomes;
};

struct Position {
  std::string code;
  std::vector<Lot> lots;  // FIFO order
  std::int64_t shares() const;
  std::int64_t sellable(Date d) const;  // lots acquired before d (T+1)
  Money cost() const;
};

class Account {
public:
  Account(const RuleBook& rules, const time::TradingCalendar& calendar, AccountSettings settings);

  void deposit(Date d, Money amount);
  // Refused (and journalled) when the amount is above the withdrawable cash.
  bool withdraw(Date d, Money amount);
  // Validate, match against the day, book the fill. Returns the journal entry.
  const Transaction& submit(const Order& order, const MarketDay& day);
  // Applied at the start of the ex-date to the shares held at the record date.
  void apply(const CorporateAction& action);

  Money cash() const { return cash_; }
  Money withdrawable(Date d) const;
  const std::map<std::string, Position>& positions() const { return positions_; }
  const std::vector<Transaction>& journal() const { return journal_; }
  const AccountSettings& settings() const { return settings_; }
  const RuleBook& rules() const { return rules_; }

  // The ex-right reference price ([27]): (prev close - cash/share) / (1 + shares/share).
  static Money ex_right_reference(Money prev_close, const CorporateAction& a);

private:
  const Transaction& refuse(const Order& o, Refusal r, const std::string& en, const std::string& zh);
  std::optional<Transaction> validate(const Order& o, const Stock& s, const MarketDay& day, Money& protect_price);
  void book_sell(Transaction& t, const Stock& s, Date d);

  const RuleBook& rules_;
  const time::TradingCalendar& calendar_;
  AccountSettings settings_;
  Money cash_;
  std::map<Date, Money> proceeds_by_day_;  // sale proceeds not yet withdrawable
  std::map<std::string, Position> positions_;
  std::vector<Transaction> journal_;
};

}  // namespace finlab::securities
