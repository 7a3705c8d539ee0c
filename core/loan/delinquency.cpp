#include "core/loan/delinquency.hpp"

#include <algorithm>

namespace finlab::loan {

using money::int128;
using money::Money;
using time::Date;

std::string_view to_string(DelinquencyBucket b) {
  switch (b) {
    case DelinquencyBucket::current: return "current";
    case DelinquencyBucket::m1: return "M1";
    case DelinquencyBucket::m2: return "M2";
    case DelinquencyBucket::m3: return "M3";
    case DelinquencyBucket::m4_m6: return "M4-M6";
    case DelinquencyBucket::m6_plus: return "M6+";
  }
  return "current";
}

DelinquencyBucket bucket_for(int dpd) {
  if (dpd <= 0) return DelinquencyBucket::current;
  if (dpd <= 30) return DelinquencyBucket::m1;
  if (dpd <= 60) return DelinquencyBucket::m2;
  if (dpd <= 90) return DelinquencyBucket::m3;
  if (dpd <= 180) return DelinquencyBucket::m4_m6;
  return DelinquencyBucket::m6_plus;
}

namespace {

struct State {
  const Installment* row;
  Money principal_paid, interest_paid;
  int128 pen_principal = 0, pen_interest = 0;  // exact, units of 1/den fen
  Money pen_principal_paid, pen_interest_paid;

  Money principal_left() const { return row->principal - principal_paid; }
  Money interest_left() const { return row->interest - interest_paid; }
};

Money take(Money& credit, Money want) {
  const Money paid = std::min(credit, want);
  credit -= paid;
  return paid;
}

}  // namespace

Result<DelinquencyReport> assess_delinquency(const Schedule& schedule, std::span<const Repayment> payments, Date as_of,
                                             const DelinquencyPolicy& policy) {
  if (policy.penalty_multiplier.units() < 0) return fail("penalty multiplier must not be negative");
  if (policy.write_off_days < 1) return fail("write-off days must be at least 1, got " + std::to_string(policy.write_off_days));
  std::vector<Repayment> pays(payments.begin(), payments.end());
  for (std::size_t k = 0; k < pays.size(); ++k)
    if (!pays[k].amount.is_positive())
      return fail("payment " + std::to_string(k + 1) + " (" + pays[k].date.to_string() + "): amount must be positive, got " +
                  pays[k].amount.to_string());
  std::stable_sort(pays.begin(), pays.end(), [](const Repayment& a, const Repayment& b) { return a.date < b.date; });

  const LoanTerms& t = schedule.terms;
  const ExactRate penalty = daily_rate(t.rate, t.day_basis).scaled(policy.penalty_multiplier.units(), money::Rate::one_units);
  const auto rounded = [&](int128 exact) {
    return Money::from_units(money::narrow_checked(money::div_round(exact, penalty.den, t.rounding), "penalty"));
  };

  std::vector<State> st;
  for (const Installment& i : schedule.installments) st.push_back(State{&i, {}, {}, 0, 0, {}, {}});
  Money credit;
  DelinquencyReport rep;
  rep.as_of = as_of;

  Date start = schedule.installments.front().due_date;
  if (!pays.empty()) start = std::min(start, pays.front().date);
  std::size_t next_pay = 0;
  for (Date d = start; d <= as_of; d = d.plus_days(1)) {
    bool allocate = false;
    for (; next_pay < pays.size() && pays[next_pay].date == d; ++next_pay) {
      credit += pays[next_pay].amount;
      allocate = true;
    }
    for (const State& s : st)
      if (s.row->due_date == d) allocate = true;
    if (allocate && credit.is_positive()) {
      // Penalty first (oldest first), then overdue interest, overdue principal,
      // current interest, current principal.
      for (State& s : st) {
        if (s.row->due_date > d) break;
        s.pen_principal_paid += take(credit, rounded(s.pen_principal) - s.pen_principal_paid);
        s.pen_interest_paid += take(credit, rounded(s.pen_interest) - s.pen_interest_paid);
      }
      for (State& s : st)
        if (s.row->due_date < d) s.interest_paid += take(credit, s.interest_left());
      for (State& s : st)
        if (s.row->due_date < d) s.principal_paid += take(credit, s.principal_left());
      for (State& s : st)
        if (s.row->due_date == d) s.interest_paid += take(credit, s.interest_left());
      for (State& s : st)
        if (s.row->due_date == d) s.principal_paid += take(credit, s.principal_left());
    }
    if (d < as_of) {
      // Penalty for this day on whatever stays unpaid after its due date.
      for (State& s : st) {
        if (s.row->due_date > d) break;
        s.pen_principal += int128(s.principal_left().units()) * penalty.num;
        if (policy.compound_overdue_interest) s.pen_interest += int128(s.interest_left().units()) * penalty.num;
      }
    }
  }

  for (const State& s : st) {
    if (s.row->due_date > as_of) break;
    InstallmentStatus is;
    is.period = s.row->period;
    is.due_date = s.row->due_date;
    is.principal_due = s.row->principal;
    is.interest_due = s.row->interest;
    is.principal_paid = s.principal_paid;
    is.interest_paid = s.interest_paid;
    is.penalty_on_principal = rounded(s.pen_principal);
    is.penalty_on_interest = rounded(s.pen_interest);
    is.penalty_paid = s.pen_principal_paid + s.pen_interest_paid;
    const bool open = !is.settled();
    is.days_past_due = open ? as_of - s.row->due_date : 0;
    if (open && rep.days_past_due == 0 && s.row->due_date < as_of) rep.days_past_due = as_of - s.row->due_date;
    const Money pen_left = is.penalty_on_principal + is.penalty_on_interest - is.penalty_paid;
    rep.penalty_outstanding += pen_left;
    rep.penalty_paid += is.penalty_paid;
    if (s.row->due_date < as_of) {
      rep.overdue_principal += s.principal_left();
      rep.overdue_interest += s.interest_left();
    } else {
      rep.due_today += s.principal_left() + s.interest_left();
    }
    rep.installments.push_back(is);
  }
  rep.bucket = bucket_for(rep.days_past_due);
  rep.written_off = rep.days_past_due > policy.write_off_days;
  rep.credit = credit;
  rep.total_due = rep.overdue_principal + rep.overdue_interest + rep.penalty_outstanding + rep.due_today;
  return rep;
}

}  // namespace finlab::loan
