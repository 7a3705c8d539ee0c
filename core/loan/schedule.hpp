// Repayment schedules of consumer installment loans (DOMAIN.md §2.2, §2.7):
// equal installment (等额本息), equal principal (等额本金), interest-only then
// principal (先息后本) and bullet (一次性还本付息), with monthly due dates from a
// start date (month-end clamped from the anchor: 31 Jan → 28/29 Feb → 31 Mar).
// Every amount is exact money; the rounding points are named in LoanTerms.
// Revolving credit lines are in credit_line.hpp, prepayment and payoff in
// prepayment.hpp, overdue handling in delinquency.hpp, APR in apr.hpp.
//
// Public API used by other modules (keep these names):
//   loan::RepaymentMethod, loan::LoanTerms, loan::Installment, loan::Schedule,
//   loan::build_schedule(const LoanTerms&), loan::fill_schedule (no allocation),
//   loan::check_terms (validation message for user input).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/loan/rate_convention.hpp"
#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::loan {

// How a loan is repaid. P principal, r periodic (monthly) rate, n periods,
// B_k balance after period k, round() = LoanTerms::rounding to the fen.
enum class RepaymentMethod {
  // 等额本息: A = round(P·r·(1+r)^n / ((1+r)^n − 1)) (exactly rounded annuity);
  // I_k = round(B_{k−1}·r); principal_k = A − I_k; the last period repays
  // B_{n−1} and pays B_{n−1} + I_n (it absorbs all rounding).
  equal_installment,
  // 等额本金: principal_k = round(P/n) for k < n, the last repays the rest;
  // I_k = round(B_{k−1}·r); payment_k = principal_k + I_k (falls over time).
  equal_principal,
  // 先息后本: I_k = round(P·r) every period; the last period also repays P.
  interest_only,
  // 一次性还本付息: one payment at maturity = P + round(P·r·n) (simple interest),
  // or P + round(P·daily·days) with actual-day interest / a term in days.
  bullet,
};

std::string_view to_string(RepaymentMethod m);  // "equal-installment", ...
// Accepts "equal-installment" / "equal_installment" / "等额本息" etc.
Result<RepaymentMethod> parse_repayment_method(std::string_view text);

// How a period's interest is computed.
enum class InterestAccrual {
  per_period,   // I = round(B × monthly rate): every month the same rate (default)
  actual_days,  // I = round(B × daily rate × actual days in the period) (微粒贷, DOMAIN.md §2.2(b))
};

struct LoanTerms {
  money::Money principal;                           // amount lent, > 0
  QuotedRate rate;                                  // contract rate as quoted (annual/monthly/daily)
  DayBasis day_basis = DayBasis::act_360;           // daily <-> annual conversion
  int term_months = 12;                             // number of monthly periods, >= 1
  int term_days = 0;                                // bullet only: a term in days (then interest by days)
  RepaymentMethod method = RepaymentMethod::equal_installment;
  InterestAccrual accrual = InterestAccrual::per_period;
  time::Date start;                                 // disbursement date; due dates are start + k months
  money::Rounding rounding = money::Rounding::half_up;  // installment, each interest, P/n
  money::Money upfront_fee;                         // deducted at disbursement (borrower receives P − fee)
  money::Rate monthly_fee_rate;                     // flat fee per period on the original principal (月费率)
};

// Limits for user input (issue 4): rates above 1000% a year are refused.
inline constexpr int max_term_months = 1200;
inline constexpr int max_term_days = 36600;
money::Rate max_annual_rate();  // 1000%

// Why the terms cannot make a schedule, or nullopt when they can.
std::optional<std::string> check_terms(const LoanTerms& terms);

struct Installment {
  int period = 0;              // 1..n
  time::Date due_date;
  money::Money payment;        // principal + interest + fee
  money::Money principal;
  money::Money interest;
  money::Money fee;            // flat fee of the period (0 without one)
  money::Money balance;        // principal outstanding after this payment
};

struct ScheduleTotals {
  int count = 0;                 // installments written
  money::Money installment;      // the level payment A (equal installment); else the first payment
  money::Money total_payment;
  money::Money total_interest;
  money::Money total_fees;
};

struct Schedule {
  LoanTerms terms;
  ExactRate periodic_rate;       // the monthly rate used (exact)
  money::Money installment;      // level payment A (equal installment), else the first payment
  std::vector<Installment> installments;
  money::Money total_payment;    // Σ payment (principal + interest + fees)
  money::Money total_interest;
  money::Money total_fees;

  money::Money net_disbursed() const { return terms.principal - terms.upfront_fee; }
  // Lender's view, one entry per period: −(principal − upfront fee), payment_1, …, payment_n.
  // For a term in days (bullet) this is {−net, payment}.
  std::vector<money::Money> cash_flows() const;
};

// Builds the schedule; throws finlab::Error with the check_terms message when
// the terms are invalid (validate user input with check_terms first).
Schedule build_schedule(const LoanTerms& terms);

// The same rows without allocating: writes into `out` (size >= number of
// periods) and returns the totals. For hot loops (simulation, benchmarks).
ScheduleTotals fill_schedule(const LoanTerms& terms, std::span<Installment> out);

// Number of installments the terms produce (term_months, or 1 for a bullet).
int installment_count(const LoanTerms& terms);

// Re-amortises an outstanding balance over the remaining periods from
// `first_period`: the engine behind prepayment. `level_payment` (equal
// installment only) keeps that payment and shortens the term when set.
std::vector<Installment> amortize(const LoanTerms& terms, money::Money balance, int first_period, int periods,
                                  std::optional<money::Money> level_payment, money::Money fee_per_period);

}  // namespace finlab::loan
