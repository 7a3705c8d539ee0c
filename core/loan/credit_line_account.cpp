// run_line_account: a credit line with draws as their own loans (借据),
// monthly statements, grace, penalty within the cap and acceleration
// (credit_line.hpp has the rules).
#include <algorithm>
#include <cmath>

#include "core/loan/credit_line.hpp"

namespace finlab::loan {

using money::int128;
using money::Money;
using time::Date;

namespace {

struct Bill {
  int draw = 0, period = 0;  // period 0: accelerated principal
  int statement = -1;        // index of the statement that billed it; -1: acceleration
  Date due, grace_end;
  Money principal, interest, principal_paid, interest_paid, penalty_paid;
  int128 penalty_units = 0;  // accrued penalty in 1/den fen
  bool late = false;         // unpaid after its grace end: the penalty is owed

  Money unpaid_principal() const { return principal - principal_paid; }
  Money unpaid_interest() const { return interest - interest_paid; }
  bool settled() const { return unpaid_principal().is_zero() && unpaid_interest().is_zero(); }
};

struct Scheduled {  // a draw's instalment and the statement that bills it
  int statement = 0;
  Installment inst;
};

Money rounded_units(int128 units, std::int64_t den) {
  return Money::from_units(money::narrow_checked(money::div_round(units, den, money::Rounding::half_up), "line penalty"));
}

std::optional<std::string> check_product(const LineProduct& p) {
  if (p.statement_day < 1 || p.statement_day > 28) return "statement day must be 1..28, got " + std::to_string(p.statement_day);
  if (p.due_days < 1 || p.due_days > 27) return "due days after the statement must be 1..27, got " + std::to_string(p.due_days);
  if (p.grace_days < 0 || p.due_days + p.grace_days > 27)
    return "grace days must be >= 0 and end before the next statement, got " + std::to_string(p.grace_days);
  if (p.accelerate_after < 1) return "acceleration needs at least 1 missed statement, got " + std::to_string(p.accelerate_after);
  if (p.limit.is_negative()) return "the limit must not be negative";
  if (p.penalty_multiplier.units() < 0) return "the penalty multiplier must not be negative";
  return std::nullopt;
}

// The first date after d with day-of-month `day`.
Date next_statement(Date d, int day) {
  Date s = Date::ymd(d.year(), d.month(), day);
  while (s <= d) s = s.plus_months(1);
  return s;
}

class LineRun {
public:
  LineRun(const LineProduct& p, const RateCapTable& t, LineAccountReport& r) : p_(p), table_(t), r_(r) {}

  Result<int> setup_penalty(Date first_draw) {
    const ExactRate contract_daily = daily_rate(p_.rate, p_.day_basis);
    const ExactRate mult = ExactRate::of(p_.penalty_multiplier);
    penalty_daily_ = contract_daily.scaled(mult.num, mult.den);
    const double contract_annual = annual_rate(p_.rate, p_.day_basis).to_double();
    const double wanted = contract_annual * mult.to_double();
    auto v = table_.check(p_.lender, CapSubject::penalty, first_draw, wanted, contract_annual);
    if (!v) return fail(v.error());
    r_.penalty_verdict = std::move(v).value();
    r_.penalty_annual = wanted;
    double cut = wanted;
    for (const auto& f : r_.penalty_verdict.findings)
      if (f.breached) cut = std::min(cut, f.limit);
    if (cut < wanted) {
      // The cap as an exact rate (10^-10), then per day on the product's basis.
      const money::Rate cap = money::Rate::from_units(std::llround(cut * static_cast<double>(money::Rate::one_units)));
      penalty_daily_ = ExactRate::of(cap).scaled(1, static_cast<std::int64_t>(p_.day_basis));
      r_.penalty_annual = cut;
      r_.penalty_capped = true;
    }
    return 0;
  }

  Result<int> draw(const LineDrawRequest& d, std::size_t k) {
    const std::string where = "draw " + std::to_string(k + 1) + " (" + d.date.to_string() + ")";
    if (!d.amount.is_positive()) return fail(where + ": amount must be positive, got " + d.amount.to_string());
    if (r_.accelerated_on) return fail(where + ": the line was accelerated on " + r_.accelerated_on->to_string() + "; no new draws");
    if (p_.limit.is_positive() && principal_outstanding() + d.amount > p_.limit)
      return fail(where + ": " + d.amount.to_string() + " would take the line to " + (principal_outstanding() + d.amount).to_string() +
                  ", above its limit " + p_.limit.to_string());
    LoanTerms t;
    t.principal = d.amount;
    t.rate = p_.rate;
    t.day_basis = p_.day_basis;
    t.term_months = d.term_months;
    t.method = p_.method;
    t.start = d.date;
    if (auto why = check_terms(t)) return fail(where + ": " + *why);
    const Schedule s = build_schedule(t);
    DrawLoan loan;
    loan.id = static_cast<int>(r_.draws.size()) + 1;
    loan.date = d.date;
    loan.amount = d.amount;
    loan.term_months = d.term_months;
    std::vector<Scheduled> sched;
    Date st = next_statement(d.date, p_.statement_day);
    ProductFlows flows;
    flows.start = d.date;
    flows.principal = d.amount;
    flows.rule = DayCountRule::daily_accrual;
    flows.quoted_annual = annual_rate(p_.rate, p_.day_basis).to_double();
    for (Installment i : s.installments) {
      i.due_date = st.plus_days(p_.due_days);
      sched.push_back({statement_index(st), i});
      loan.installments.push_back(i);
      if (i.principal.is_positive()) flows.payments.push_back({i.due_date, i.principal, CostKind::principal});
      if (i.interest.is_positive()) flows.payments.push_back({i.due_date, i.interest, CostKind::interest});
      st = st.plus_months(1);
    }
    auto a = assess_product(flows, p_.lender, d.date, table_);
    if (!a) return fail(where + ": " + a.error());
    loan.all_in = std::move(a).value();
    r_.draws.push_back(std::move(loan));
    scheduled_.push_back(std::move(sched));
    drawn_ += d.amount;
    return 0;
  }

  void statement(Date day) {
    const int idx = statement_index(day);
    LineStatementCycle c;
    c.statement_date = day;
    c.due_date = day.plus_days(p_.due_days);
    c.grace_end = c.due_date.plus_days(p_.grace_days);
    for (const Bill& b : bills_) {
      c.past_due += b.unpaid_principal() + b.unpaid_interest();
      c.penalty += penalty_owed(b);
    }
    for (std::size_t dk = 0; dk < scheduled_.size(); ++dk) {
      for (const Scheduled& s : scheduled_[dk]) {
        if (s.statement != idx || r_.accelerated_on) continue;
        Bill b;
        b.draw = static_cast<int>(dk) + 1;
        b.period = s.inst.period;
        b.statement = static_cast<int>(r_.statements.size());
        b.due = c.due_date;
        b.grace_end = c.grace_end;
        b.principal = s.inst.principal;
        b.interest = s.inst.interest;
        bills_.push_back(b);
        c.items.push_back({b.draw, b.period, b.principal, b.interest});
        c.new_billed += b.principal + b.interest;
      }
    }
    c.total_due = c.new_billed + c.past_due + c.penalty;
    if (p_.minimum_due_share) {
      const Money share = ExactRate::of(*p_.minimum_due_share).apply(c.new_billed, money::Rounding::half_up);
      c.minimum_due = std::min(c.total_due, share + c.past_due + c.penalty);
    }
    r_.statements.push_back(std::move(c));
    if (r_.credit.is_positive()) {
      const Money left = pay(r_.credit, day);
      r_.credit = left;
    }
  }

  // Applies a payment to the oldest bills; returns what is left.
  Money pay(Money amount, Date day) {
    for (Bill& b : bills_) {
      if (amount.is_zero()) break;
      const auto take = [&](Money owed, Money& paid, Money& total) {
        const Money x = std::min(owed, amount);
        paid += x;
        total += x;
        amount -= x;
      };
      if (b.late) take(penalty_owed(b), b.penalty_paid, r_.penalty_paid);
      take(b.unpaid_interest(), b.interest_paid, r_.interest_paid);
      take(b.unpaid_principal(), b.principal_paid, r_.principal_paid);
      if (b.settled() && !b.late) b.penalty_units = 0;  // paid within the grace period: no penalty
    }
    mark_paid_statements(day);
    return amount;
  }

  void end_of_day(Date day) {
    for (Bill& b : bills_) {
      if (day > b.due) {
        const Money base = b.unpaid_principal() + (p_.compound ? b.unpaid_interest() : Money{});
        b.penalty_units += int128(base.units()) * penalty_daily_.num;
      }
      if (day == b.grace_end && !b.settled()) b.late = true;
    }
    for (LineStatementCycle& c : r_.statements) {
      if (c.grace_end != day) continue;
      c.missed = !c.paid_in_full_on && !c.items.empty();
      if (c.items.empty()) continue;
      r_.missed_in_a_row = c.missed ? r_.missed_in_a_row + 1 : 0;
      if (c.missed && r_.missed_in_a_row >= p_.accelerate_after && !r_.accelerated_on) accelerate(day.plus_days(1));
    }
  }

  void finish(Date until) {
    r_.as_of = until;
    r_.principal_outstanding = principal_outstanding();
    for (const Bill& b : bills_) {
      const Money owed = penalty_owed(b);
      r_.penalty_outstanding += owed;
      r_.total_due += b.unpaid_principal() + b.unpaid_interest() + owed;
      if (b.due < until) {
        r_.overdue_principal += b.unpaid_principal();
        r_.overdue_interest += b.unpaid_interest();
      }
    }
  }

  int statement_index(Date d) const { return (d.year() * 12 + d.month()); }

private:
  Money principal_outstanding() const { return drawn_ - r_.principal_paid; }

  Money penalty_owed(const Bill& b) const {
    if (!b.late) return Money{};
    const Money total = rounded_units(b.penalty_units, penalty_daily_.den);
    return total > b.penalty_paid ? total - b.penalty_paid : Money{};
  }

  void mark_paid_statements(Date day) {
    for (std::size_t k = 0; k < r_.statements.size(); ++k) {
      LineStatementCycle& c = r_.statements[k];
      if (c.paid_in_full_on || c.items.empty()) continue;
      bool all = true;
      for (const Bill& b : bills_)
        if (b.statement == static_cast<int>(k) && !b.settled()) all = false;
      if (all) {
        c.paid_in_full_on = day;
        c.paid_within_grace = day > c.due_date && day <= c.grace_end;
      }
    }
  }

  // Every draw's unbilled principal falls due on `day` (no further interest).
  void accelerate(Date day) {
    r_.accelerated_on = day;
    for (std::size_t dk = 0; dk < scheduled_.size(); ++dk) {
      Money rest;
      for (const Bill& b : bills_)
        if (b.draw == static_cast<int>(dk) + 1) rest += b.principal;
      rest = r_.draws[dk].amount - rest;
      if (!rest.is_positive()) continue;
      Bill b;
      b.draw = static_cast<int>(dk) + 1;
      b.due = day;
      b.grace_end = day;
      b.principal = rest;
      bills_.push_back(b);
    }
  }

  const LineProduct& p_;
  const RateCapTable& table_;
  LineAccountReport& r_;
  ExactRate penalty_daily_;
  std::vector<Bill> bills_;
  std::vector<std::vector<Scheduled>> scheduled_;
  Money drawn_;
};

}  // namespace

Result<LineAccountReport> run_line_account(const LineProduct& product, std::span<const LineDrawRequest> draws,
                                           std::span<const LinePayment> payments, Date until, const RateCapTable& table) {
  if (auto why = check_product(product)) return fail("credit line: " + *why);
  if (draws.empty()) return fail("credit line: no draw");
  for (std::size_t k = 1; k < draws.size(); ++k)
    if (draws[k].date < draws[k - 1].date) return fail("draw " + std::to_string(k + 1) + " (" + draws[k].date.to_string() + "): draws must be in date order");
  for (std::size_t k = 0; k < payments.size(); ++k) {
    const std::string where = "payment " + std::to_string(k + 1) + " (" + payments[k].date.to_string() + ")";
    if (!payments[k].amount.is_positive()) return fail(where + ": amount must be positive, got " + payments[k].amount.to_string());
    if (k > 0 && payments[k].date < payments[k - 1].date) return fail(where + ": payments must be in date order");
    if (payments[k].date < draws.front().date) return fail(where + ": before the first draw " + draws.front().date.to_string());
    if (payments[k].date > until) return fail(where + ": after the end date " + until.to_string());
  }
  if (draws.back().date > until) return fail("draw " + std::to_string(draws.size()) + " is after the end date " + until.to_string());

  LineAccountReport r;
  LineRun run(product, table, r);
  auto pen = run.setup_penalty(draws.front().date);
  if (!pen) return fail("credit line: " + pen.error());
  std::size_t nd = 0, np = 0;
  Date next_st = next_statement(draws.front().date, product.statement_day);
  for (Date day = draws.front().date; day <= until; day = day.plus_days(1)) {
    if (day == next_st) {
      run.statement(day);
      next_st = next_st.plus_months(1);
    }
    for (; nd < draws.size() && draws[nd].date == day; ++nd) {
      auto d = run.draw(draws[nd], nd);
      if (!d) return fail(d.error());
    }
    for (; np < payments.size() && payments[np].date == day; ++np) r.credit += run.pay(payments[np].amount, day);
    run.end_of_day(day);
  }
  run.finish(until);
  return r;
}

}  // namespace finlab::loan
