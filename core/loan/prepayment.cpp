#include "core/loan/prepayment.hpp"

namespace finlab::loan {

using money::Money;
using time::Date;

std::string_view to_string(PrepayMode mode) { return mode == PrepayMode::shorten_term ? "shorten-term" : "lower-installment"; }

Result<PrepayMode> parse_prepay_mode(std::string_view t) {
  if (t == "shorten-term" || t == "shorten_term" || t == "shorten" || t == "缩短期限") return PrepayMode::shorten_term;
  if (t == "lower-installment" || t == "lower_installment" || t == "lower" || t == "减少月供") return PrepayMode::lower_installment;
  return fail("unknown prepayment mode '" + std::string(t) + "' (expected shorten-term or lower-installment)");
}

namespace {

struct Position {
  Schedule schedule;
  int paid = 0;         // installments due on or before the date
  Money balance;        // after them
  Date last_due;        // date of the last paid installment (or the start)
};

Result<Position> position_on(const LoanTerms& terms, Date date) {
  if (auto err = check_terms(terms)) return fail("invalid loan terms: " + *err);
  Position p{build_schedule(terms), 0, terms.principal, terms.start};
  const Date maturity = p.schedule.installments.back().due_date;
  if (date <= terms.start) return fail("date " + date.to_string() + " is not after the loan start " + terms.start.to_string());
  if (date >= maturity) return fail("date " + date.to_string() + " is on or after maturity " + maturity.to_string() + ": the loan is over by then");
  for (const Installment& i : p.schedule.installments) {
    if (i.due_date > date) break;
    ++p.paid;
    p.balance = i.balance;
    p.last_due = i.due_date;
  }
  return p;
}

Money accrued(const LoanTerms& terms, Money amount, int days) {
  if (days <= 0) return Money{};
  return daily_rate(terms.rate, terms.day_basis).apply_days(amount, days, terms.rounding);
}

Money sum_interest(const std::vector<Installment>& rows) {
  Money s;
  for (const auto& r : rows) s += r.interest;
  return s;
}

}  // namespace

Result<PrepaymentResult> prepay(const LoanTerms& terms, const PrepaymentRequest& req) {
  auto pos = position_on(terms, req.date);
  if (!pos) return fail(pos.error());
  const Position& p = *pos;
  if (!req.amount.is_positive()) return fail("prepayment amount must be positive, got " + req.amount.to_string());
  if (req.amount > p.balance)
    return fail("prepayment " + req.amount.to_string() + " is more than the balance " + p.balance.to_string() + " on " + req.date.to_string());
  if (req.fee.is_negative()) return fail("prepayment fee must not be negative");
  const bool level_method = terms.method == RepaymentMethod::equal_installment || terms.method == RepaymentMethod::equal_principal;
  if (req.mode == PrepayMode::shorten_term && !level_method)
    return fail(std::string("shorten-term needs an equal-installment or equal-principal loan; a ") + std::string(to_string(terms.method)) +
                " loan keeps its term (use lower-installment)");

  PrepaymentResult r;
  r.periods_paid = p.paid;
  r.balance_before = p.balance;
  r.amount = req.amount;
  r.accrued_days = req.date - p.last_due;
  r.accrued_interest = accrued(terms, req.amount, r.accrued_days);
  r.fee = req.fee;
  r.cash_due = req.amount + r.accrued_interest + req.fee;
  r.balance_after = p.balance - req.amount;
  r.remaining_before.assign(p.schedule.installments.begin() + p.paid, p.schedule.installments.end());
  r.interest_before = sum_interest(r.remaining_before);

  const int remaining = static_cast<int>(r.remaining_before.size());
  const Money fee = r.remaining_before.front().fee;
  if (r.balance_after.is_positive()) {
    if (terms.method == RepaymentMethod::bullet) {
      // One payment at maturity: the rest carries its interest for the whole term.
      const Installment& last = r.remaining_before.back();
      LoanTerms rest = terms;
      rest.principal = r.balance_after;
      rest.upfront_fee = Money{};
      Schedule s = build_schedule(rest);
      Installment row = s.installments.front();
      row.due_date = last.due_date;
      r.remaining_after.push_back(row);
    } else {
      std::optional<Money> keep;
      if (req.mode == PrepayMode::shorten_term) {
        keep = terms.method == RepaymentMethod::equal_installment ? p.schedule.installment
                                                                  : terms.principal.divided_by(terms.term_months, terms.rounding);
      }
      r.remaining_after = amortize(terms, r.balance_after, p.paid + 1, remaining, keep, fee);
    }
    r.new_installment = terms.method == RepaymentMethod::equal_installment && req.mode == PrepayMode::shorten_term
                            ? p.schedule.installment
                            : r.remaining_after.front().payment;
  }
  r.interest_after = sum_interest(r.remaining_after) + r.accrued_interest;
  return r;
}

Result<Payoff> payoff_amount(const LoanTerms& terms, Date date, Money fee) {
  auto pos = position_on(terms, date);
  if (!pos) return fail(pos.error());
  if (fee.is_negative()) return fail("payoff fee must not be negative");
  Payoff po;
  po.date = date;
  po.periods_paid = pos->paid;
  po.principal = pos->balance;
  po.accrued_days = date - pos->last_due;
  po.accrued_interest = accrued(terms, po.principal, po.accrued_days);
  po.fee = fee;
  po.total = po.principal + po.accrued_interest + fee;
  return po;
}

}  // namespace finlab::loan
