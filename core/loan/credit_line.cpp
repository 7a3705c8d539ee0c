#include "core/loan/credit_line.hpp"

#include <algorithm>

namespace finlab::loan {

using money::int128;
using money::Money;

std::string_view to_string(LineEventKind kind) { return kind == LineEventKind::draw ? "draw" : "repay"; }

Result<LineEventKind> parse_line_event_kind(std::string_view t) {
  if (t == "draw" || t == "借款" || t == "borrow") return LineEventKind::draw;
  if (t == "repay" || t == "还款" || t == "repayment") return LineEventKind::repay;
  return fail("unknown event type '" + std::string(t) + "' (expected draw or repay)");
}

Money ExactInterest::rounded(money::Rounding mode) const {
  return Money::from_units(money::narrow_checked(money::div_round(units, den, mode), "ExactInterest::rounded"));
}

std::string ExactInterest::to_string(int decimals) const {
  FINLAB_REQUIRE(decimals >= 2 && decimals <= 10, "ExactInterest::to_string: decimals " << decimals);
  // units/den fen = units × 10^(decimals−2) / den in 10^-decimals yuan.
  const int128 scaled = money::div_round(units * money::pow10_i64(decimals - 2), den, money::Rounding::half_up);
  return money::format_fixed(money::narrow_checked(scaled, "ExactInterest::to_string"), decimals);
}

Result<LineStatement> replay_credit_line(const CreditLineTerms& terms, std::span<const LineEvent> events, time::Date until) {
  LineStatement st;
  const std::int64_t den = terms.daily_rate.den, num = terms.daily_rate.num;
  st.interest_accrued.den = den;
  if (events.empty()) return st;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const std::string where = "event " + std::to_string(k + 1) + " (" + events[k].date.to_string() + ")";
    if (!events[k].amount.is_positive()) return fail(where + ": amount must be positive, got " + events[k].amount.to_string());
    if (k > 0 && events[k].date < events[k - 1].date)
      return fail(where + ": events must be in date order (the previous one is on " + events[k - 1].date.to_string() + ")");
  }
  if (events.back().date > until)
    return fail("event " + std::to_string(events.size()) + " (" + events.back().date.to_string() + ") is after the end date " + until.to_string());

  Money principal;
  int128 accrued = 0;  // unpaid interest in units of 1/den fen
  std::size_t next = 0;
  for (time::Date d = events.front().date; d <= until; d = d.plus_days(1)) {
    LineDay day;
    day.date = d;
    day.day_interest.den = den;
    const std::size_t day_begin = next;
    auto accrue = [&] {
      const int128 u = int128(principal.units()) * num;
      day.day_interest.units = u;
      accrued += u;
      st.interest_accrued.units += u;
    };
    // Draws first (interest runs from the draw day), then repayments.
    for (std::size_t k = day_begin; k < events.size() && events[k].date == d; ++k) {
      if (events[k].kind != LineEventKind::draw) continue;
      const Money after = principal + events[k].amount;
      if (terms.limit.is_positive() && after > terms.limit)
        return fail("event " + std::to_string(k + 1) + " (" + d.to_string() + "): drawing " + events[k].amount.to_string() +
                    " would bring the principal to " + after.to_string() + ", above the limit " + terms.limit.to_string());
      principal = after;
      day.drawn += events[k].amount;
    }
    if (terms.accrue_on_repayment_day) accrue();
    for (; next < events.size() && events[next].date == d; ++next) {
      const LineEvent& e = events[next];
      if (e.kind != LineEventKind::repay) continue;
      // Interest first, rounded once now; a fully paid balance forgives the sub-fen rest.
      const Money interest_owed = Money::from_units(money::narrow_checked(money::div_round(accrued, den, terms.rounding), "interest"));
      const Money pay_interest = std::min(e.amount, interest_owed);
      const Money pay_principal = e.amount - pay_interest;
      if (pay_principal > principal)
        return fail("event " + std::to_string(next + 1) + " (" + d.to_string() + "): repayment " + e.amount.to_string() +
                    " is more than the " + (principal + interest_owed).to_string() + " owed (principal " + principal.to_string() +
                    " + interest " + interest_owed.to_string() + ")");
      if (pay_interest == interest_owed) accrued = 0;
      else accrued -= int128(pay_interest.units()) * den;
      principal -= pay_principal;
      day.repaid += e.amount;
      day.interest_paid += pay_interest;
      day.principal_paid += pay_principal;
    }
    if (!terms.accrue_on_repayment_day) accrue();
    day.principal = principal;
    day.interest_due = Money::from_units(money::narrow_checked(money::div_round(accrued, den, terms.rounding), "interest"));
    st.total_drawn += day.drawn;
    st.total_repaid += day.repaid;
    st.interest_paid += day.interest_paid;
    st.days.push_back(day);
  }
  st.principal_outstanding = principal;
  st.interest_outstanding = Money::from_units(money::narrow_checked(money::div_round(accrued, den, terms.rounding), "interest"));
  return st;
}

}  // namespace finlab::loan
