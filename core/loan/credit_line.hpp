// A revolving credit line with daily interest (按日计息, 随借随还; DOMAIN.md
// §2.2(d)): draws and repayments on any date, interest accrues every day on the
// principal outstanding, repayments pay accrued interest first, then principal.
// Interest is accumulated exactly (no rounding per day) and rounded once, when
// it is paid (DOMAIN.md §2.7). replay_credit_line replays a list of events;
// run_line_account (below) runs a line as products work: each draw its own
// instalment loan (借据), monthly statements, grace, acceleration, penalty.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/loan/all_in_cost.hpp"
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

// ---------------------------------------------------------------- line accounts
// A credit line as products run it (随借随还 with instalments; docs/loan.md
// "Credit line account"). Rules [D] unless stated:
//  * each draw is its own loan (借据): its amount, the line's contract rate, its
//    own term and method; instalment amounts as build_schedule (monthly rate);
//    instalment k is billed on the k-th statement date strictly after the draw
//    and due on that statement's due date;
//  * statements on `statement_day` of every month; due date = statement +
//    `due_days`; a bill paid in full by due date + `grace_days` (宽限期) is on
//    time (any penalty accrued after the due date is waived);
//  * payments go to the oldest bill first: penalty (once owed), interest,
//    principal; anything left is a credit applied to the next bills;
//  * penalty rate = contract daily rate × penalty_multiplier, limited to the
//    tightest penalty cap in force for the lender type on the draw date
//    (rate_caps.hpp); it runs from the day after the due date on unpaid
//    principal and (compound) unpaid interest, exact, rounded half-up when paid
//    or shown;
//  * a statement is missed when its new bills are not paid in full by the end
//    of its grace period; after `accelerate_after` missed statements in a row
//    the line is accelerated (提前到期) the next day: every draw's unbilled
//    principal falls due at once (no further interest), no new draws.
struct LineProduct {
  money::Money limit;                              // zero = no limit
  QuotedRate rate;                                 // contract rate of every draw
  DayBasis day_basis = DayBasis::act_360;
  RepaymentMethod method = RepaymentMethod::equal_installment;
  int statement_day = 1;                           // 账单日 1..28
  int due_days = 20;                               // 还款日 = statement + this
  int grace_days = 3;                              // 宽限期
  int accelerate_after = 3;                        // 提前到期 after this many missed statements in a row
  std::optional<money::Rate> minimum_due_share;    // 最低还款 = share × new bills + past due + penalty; nullopt: none
  money::Rate penalty_multiplier = money::Rate::ratio("1.5");
  bool compound = true;                            // penalty on unpaid interest too
  LenderType lender = LenderType::microloan;
};

struct LineDrawRequest {
  time::Date date;
  money::Money amount;
  int term_months = 3;
};

struct LinePayment {
  time::Date date;
  money::Money amount;
};

struct DrawLoan {                     // 借据
  int id = 0;                         // 1-based, in draw order
  time::Date date;
  money::Money amount;
  int term_months = 0;
  std::vector<Installment> installments;  // due dates are the line's due dates
  ProductAssessment all_in;           // this draw's APR (365 x daily IRR on its dates) and verdict
};

struct StatementItem {
  int draw = 0, period = 0;
  money::Money principal, interest;
};

struct LineStatementCycle {
  time::Date statement_date, due_date, grace_end;
  std::vector<StatementItem> items;   // instalments billed on this statement
  money::Money new_billed;            // Σ items
  money::Money past_due;              // unpaid earlier bills at the statement date
  money::Money penalty;               // penalty owed and unpaid at the statement date (rounded)
  money::Money total_due;             // new + past due + penalty
  std::optional<money::Money> minimum_due;
  std::optional<time::Date> paid_in_full_on;  // when the new bills were fully paid
  bool paid_within_grace = false;     // paid after the due date, within the grace period
  bool missed = false;                // not paid in full by the grace end (known once it has passed)
};

struct LineAccountReport {
  time::Date as_of;
  std::vector<DrawLoan> draws;
  std::vector<LineStatementCycle> statements;
  double penalty_annual = 0;          // the penalty rate used (after the cap)
  bool penalty_capped = false;        // contract x multiplier was above the cap and was cut to it
  CapVerdict penalty_verdict;         // contract x multiplier against the penalty caps
  int missed_in_a_row = 0;
  std::optional<time::Date> accelerated_on;
  money::Money principal_outstanding;  // all draws, billed or not
  money::Money overdue_principal, overdue_interest;  // billed, past the due date, unpaid
  money::Money penalty_outstanding;   // owed, rounded
  money::Money penalty_paid, interest_paid, principal_paid;
  money::Money credit;                // paid ahead
  money::Money total_due;             // overdue + penalty + bills due later but already billed
};

// Runs the line from the first draw to `until`. Failures: a draw above the
// limit or after acceleration, a bad term, non-positive amounts, events out
// of date order or after `until`, a bad product (statement day 1..28 ...).
Result<LineAccountReport> run_line_account(const LineProduct& product, std::span<const LineDrawRequest> draws,
                                           std::span<const LinePayment> payments, time::Date until,
                                           const RateCapTable& table = RateCapTable::builtin());

}  // namespace finlab::loan
