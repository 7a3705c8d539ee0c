// When an order counts, when it is confirmed, when it earns and when money
// arrives, with the reason in words (DOMAIN.md §1.6, §1.7, §1.9 item 4).
//
//   T (trade date)  = the order's date if it is a trading day and the time is
//                     before the 15:00 cut-off, else the next trading day;
//   confirmed_on    = the next trading day after T;
//   purchase:  earns from confirmed_on; the first income is credited the
//              natural day after that (it shows in the app then);
//   redemption: the shares earn every natural day before stops_earning_on =
//              the next trading day after T (so T and the weekend/holiday
//              after it are still earned); normal cash arrives that day (T+1);
//   fast (T+0) redemption: cash the same natural day (advanced by a bank);
//              by default the shares still earn like a normal redemption
//              ([D] setting `fast_redeemed_shares_earn_trade_date`); with the
//              setting off they stop earning on the request's own date.
// One rule covers weekends and holidays: a share earns natural day d iff
// confirmed_on <= d < stops_earning_on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/text/messages.hpp"
#include "core/time/date_time.hpp"
#include "core/time/trading_calendar.hpp"

namespace finlab::fund {

enum class OrderType { purchase, redeem, redeem_fast };
std::string_view to_string(OrderType t);              // "purchase", "redeem", "redeem_fast"
Result<OrderType> parse_order_type(std::string_view);  // the same words

struct TimingRules {
  std::int32_t cutoff_seconds = 15 * 3600;  // 15:00 China time: orders at or after it count for the next trading day
  bool fast_redeemed_shares_earn_trade_date = true;
};

struct OrderTiming {
  OrderType type = OrderType::purchase;
  time::DateTime placed_at;
  time::Date trade_date;                          // T
  time::Date confirmed_on;                        // next trading day after T
  std::optional<time::Date> earns_from;           // purchase: first natural day with income
  std::optional<time::Date> first_income_on;      // purchase: the day that income is credited
  std::optional<time::Date> stops_earning_on;     // redemptions: first day without income
  std::optional<time::Date> funds_available_on;   // redemptions: the day the cash arrives
  std::vector<text::Message> why;                 // the reason as catalog sentences: cut-off, weekend, holiday
  std::string reason;                             // why rendered in English (the CLI's text)
};

// Why d (not a trading day) is closed, as a catalog message: the holiday's
// name, "weekend", "weekend, a make-up working day (not a trading day)" or
// "weekend, National Day (国庆节)"; with in_run a weekend is just "weekend".
text::Message closed_reason(time::Date d, const time::TradingCalendar& cal, bool in_run = false);

// Throws finlab::Error when a needed date is outside the calendar; use
// checked_order_timing for user input.
OrderTiming order_timing(OrderType type, time::DateTime at, const time::TradingCalendar& cal, const TimingRules& rules = {});
Result<OrderTiming> checked_order_timing(OrderType type, time::DateTime at, const time::TradingCalendar& cal,
                                         const TimingRules& rules = {});

}  // namespace finlab::fund
