// Partial prepayment (提前还款) with re-amortisation, and the payoff amount on
// any date (DOMAIN.md §2.4). finlab's rules [D] (docs/loan.md):
//  * installments due on or before the prepayment / payoff date are assumed
//    paid as scheduled; the date may fall between due dates;
//  * between due dates, the prepaid principal (or the whole balance, for a
//    payoff) carries interest from the last due date (or the start) to the
//    date: round(amount × daily rate × days), daily rate = annual / day basis;
//  * shorten the term (缩短期限): keep the installment (equal installment) or the
//    principal part (equal principal) and finish earlier; lower the installment
//    (减少月供): same remaining term, new annuity / principal part;
//  * a prepayment fee is a product setting (default none: 微粒贷 charges none).
#pragma once

#include <string_view>
#include <vector>

#include "core/loan/schedule.hpp"

namespace finlab::loan {

enum class PrepayMode {
  shorten_term,       // 缩短期限: same installment, fewer periods
  lower_installment,  // 减少月供: same number of periods, lower installment
};
std::string_view to_string(PrepayMode mode);  // "shorten-term", "lower-installment"
Result<PrepayMode> parse_prepay_mode(std::string_view text);

struct PrepaymentRequest {
  time::Date date;
  money::Money amount;  // principal repaid early, > 0 and <= the balance
  PrepayMode mode = PrepayMode::shorten_term;
  money::Money fee;     // prepayment fee, if the product charges one
};

struct PrepaymentResult {
  int periods_paid = 0;                        // installments due on or before the date
  money::Money balance_before;                 // principal outstanding before the prepayment
  money::Money amount;                         // principal prepaid
  money::Money accrued_interest;               // on the prepaid principal since the last due date
  int accrued_days = 0;
  money::Money fee;
  money::Money cash_due;                       // amount + accrued interest + fee, paid on the date
  money::Money balance_after;
  std::vector<Installment> remaining_before;   // the original remaining installments
  std::vector<Installment> remaining_after;    // the re-amortised ones (empty when paid off)
  money::Money interest_before;                // Σ interest of remaining_before
  money::Money interest_after;                 // Σ interest of remaining_after (+ accrued interest)
  money::Money new_installment;                // level payment after (first payment for other methods)
  money::Money interest_saved() const { return interest_before - interest_after; }
};

// Failures: a date outside (start, maturity), an amount above the balance or
// not positive, shorten-term on an interest-only or bullet loan.
Result<PrepaymentResult> prepay(const LoanTerms& terms, const PrepaymentRequest& request);

struct Payoff {
  time::Date date;
  int periods_paid = 0;             // installments due on or before the date (assumed paid)
  money::Money principal;           // balance after them
  money::Money accrued_interest;    // since the last due date (or the start), daily
  int accrued_days = 0;
  money::Money fee;
  money::Money total;               // principal + accrued interest + fee
};

// What it takes to close the loan on `date` (start < date < maturity; on the
// maturity date or later the loan is over). Failures say why.
Result<Payoff> payoff_amount(const LoanTerms& terms, time::Date date, money::Money fee = {});

}  // namespace finlab::loan
