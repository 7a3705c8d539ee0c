// A replay: the account driven day by day over price paths (replayed CSV bars
// or simulated), with the day's events in a fixed order so that the same inputs
// give the same journal everywhere:
//   1. corporate actions with this ex-date (reference price = ex-right price);
//   2. cash transfers of the day (deposits, withdrawals) in input order;
//   3. orders: opening auction, then continuous, then closing auction, each in
//      input order; the limit band is built from the reference price;
//   4. the close becomes the next day's reference.
// The CSI 300 path (optional) drives the 2016 circuit breaker.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/securities/account.hpp"

namespace finlab::securities {

struct CashMove {
  Date date;
  Money amount;  // + deposit, - withdrawal
};

struct ReplayInput {
  std::map<std::string, std::vector<Bar>> bars;  // by stock code
  std::vector<Bar> index_bars;                   // CSI 300, optional
  std::vector<CashMove> cash;
  std::vector<Order> orders;
  std::vector<CorporateAction> actions;
};

struct DayMark {
  Date date;
  Money close;
};

struct ReplayResult {
  Account account;
  std::map<std::string, Money> last_close;  // by code, for the statement
  Date last_date;
  std::vector<std::string> breaker_notes;   // circuit breaker days met
};

// Fails (with the order id) when an order names a stock without bars or a date
// without a bar for that stock.
Result<ReplayResult> replay(const RuleBook& rules, const time::TradingCalendar& calendar, const AccountSettings& settings, const ReplayInput& input);

}  // namespace finlab::securities
