// A revolving credit line with daily interest (按日计息, 随借随还; DOMAIN.md
// §2.2(d)): draws and repayments on any date, interest accrues every day on the
// principal outstanding, repayments pay accrued interest first, then principal.
// Interest is accumulated exactly (no rounding per day) and rounded once, when
// it is paid (DOMAIN.md §2.7). This file replays a list of events; it does not
// produce statements or minimum payments.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/loan/rate_convention.hpp"
#include "core/money/money.hpp"
#include "core/money/rounding.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::loan {

enum class LineEventKind { draw, repay };
std::string_view to_string(LineEventKind kind);  // "draw", "repay"
Result<LineEventKind> parse_line_event_kind(std::string_view text);  // draw|repay (also 借款|还款)

struct LineEvent {
  time::Date date;
  LineEventKind kind = LineEventKind::draw;
  money::Money amount;  // > 0
};

struct CreditLineTerms {
  ExactRate daily_rate;  // exact daily rate, e.g. daily_rate(QuotedRate::annual(18%), act_360) = 0.05%
  money::Money limit;    // credit limit; zero means no limit
  // DOMAIN.md §2.2(d) [U]: interest runs from the draw day up to the day
  // before repayment (false, the default) or including the repayment day.
  bool accrue_on_repayment_day = false;
  money::Rounding rounding = money::Rounding::half_up;  // when accrued interest is paid or shown
};

// Exact interest: units / den fen (den = the daily rate's denominator).
struct ExactInterest {
  money::int128 units = 0;
  std::int64_t den = 1;
  money::Money rounded(money::Rounding mode) const;
  // Yuan with `decimals` decimals, half-up ("2.5000").
  std::string to_string(int decimals) const;
};

struct LineDay {
  time::Date date;
  money::Money drawn;           // draws of the day
  money::Money repaid;          // repayments of the day (interest + principal)
  money::Money interest_paid;   // part of the repayments that paid interest
  money::Money principal_paid;  // part that paid principal
  money::Money principal;       // outstanding principal at the end of the day
  ExactInterest day_interest;   // interest accrued for this day, exact
  money::Money interest_due;    // unpaid interest so far, rounded (what a payoff today would add)
};

struct LineStatement {
  std::vector<LineDay> days;       // every day from the first event to `until`
  money::Money total_drawn;
  money::Money total_repaid;
  money::Money interest_paid;      // Σ interest paid (each rounded once, when paid)
  money::Money principal_outstanding;
  money::Money interest_outstanding;  // accrued and unpaid at the end, rounded
  ExactInterest interest_accrued;     // Σ day interest, exact
};

// Replays `events` (sorted by date; same-day events in the given order) up to
// and including `until`. Failures (with the event's 1-based index): a draw
// above the limit, a repayment above what is owed, a non-positive amount, an
// event after `until`, events out of date order.
Result<LineStatement> replay_credit_line(const CreditLineTerms& terms, std::span<const LineEvent> events, time::Date until);

}  // namespace finlab::loan
