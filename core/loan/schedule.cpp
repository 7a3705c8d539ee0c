#include "core/loan/schedule.hpp"

#include <algorithm>

#include "core/loan/annuity.hpp"

namespace finlab::loan {

using money::Money;
using time::Date;

std::string_view to_string(RepaymentMethod m) {
  switch (m) {
    case RepaymentMethod::equal_installment: return "equal-installment";
    case RepaymentMethod::equal_principal: return "equal-principal";
    case RepaymentMethod::interest_only: return "interest-only";
    case RepaymentMethod::bullet: return "bullet";
  }
  return "equal-installment";
}

Result<RepaymentMethod> parse_repayment_method(std::string_view t) {
  if (t == "equal-installment" || t == "equal_installment" || t == "annuity" || t == "等额本息") return RepaymentMethod::equal_installment;
  if (t == "equal-principal" || t == "equal_principal" || t == "等额本金") return RepaymentMethod::equal_principal;
  if (t == "interest-only" || t == "interest_only" || t == "先息后本") return RepaymentMethod::interest_only;
  if (t == "bullet" || t == "一次性还本付息") return RepaymentMethod::bullet;
  return fail("unknown repayment method '" + std::string(t) +
              "' (expected equal-installment, equal-principal, interest-only or bullet)");
}

money::Rate max_annual_rate() { return money::Rate::from_units(1000 * money::Rate::one_units / 100); }

std::optional<std::string> check_terms(const LoanTerms& t) {
  if (!t.principal.is_positive()) return "principal must be positive, got " + t.principal.to_string();
  if (t.principal > Money::from_integer(1'000'000'000'000)) return "principal " + t.principal.to_string() + " is above the 10^12 limit";
  if (t.rate.rate.units() < 0) return "rate must not be negative, got " + t.rate.rate.to_percent_string() + "%";
  // Annual equivalent in 10^-10 units: annual × 1, monthly × 12, daily × basis.
  const std::int64_t per_year = t.rate.period == RatePeriod::annual ? 1 : t.rate.period == RatePeriod::monthly ? 12 : static_cast<std::int64_t>(t.day_basis);
  if (money::int128(t.rate.rate.units()) * per_year > max_annual_rate().units()) {
    const ExactRate annual = annual_rate(t.rate, t.day_basis);
    return "rate " + t.rate.rate.to_percent_string() + "% " + std::string(to_string(t.rate.period)) + " is " +
           annual.to_percent_string(2) + "% a year, above the 1000% limit";
  }
  if (t.term_days != 0) {
    if (t.method != RepaymentMethod::bullet) return "a term in days is only for bullet loans";
    if (t.term_days < 1 || t.term_days > max_term_days) return "term must be 1.." + std::to_string(max_term_days) + " days, got " + std::to_string(t.term_days);
    if (t.monthly_fee_rate.units() != 0) return "a monthly fee needs a term in months";
  } else if (t.term_months < 1 || t.term_months > max_term_months) {
    return "term must be 1.." + std::to_string(max_term_months) + " months, got " + std::to_string(t.term_months);
  }
  if (t.upfront_fee.is_negative()) return "upfront fee must not be negative, got " + t.upfront_fee.to_string();
  if (t.upfront_fee >= t.principal) return "upfront fee " + t.upfront_fee.to_string() + " must be below the principal " + t.principal.to_string();
  if (t.monthly_fee_rate.units() < 0) return "monthly fee must not be negative";
  return std::nullopt;
}

int installment_count(const LoanTerms& t) { return t.method == RepaymentMethod::bullet ? 1 : t.term_months; }

namespace {

constexpr bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
constexpr int month_days(int y, int m) {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Monthly due dates start + k months, month-end clamped from the anchor day
// (as Date::plus_months), stepped without re-deriving the civil date each time.
class DueDates {
public:
  explicit DueDates(Date start) {
    // Civil date of the anchor (H. Hinnant's civil_from_days, public domain).
    const std::int32_t z = start.serial() + 719468;
    const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d_ = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m_ = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y_ = static_cast<int>(yoe) + era * 400 + (m_ <= 2);
    first_of_month_ = start.serial() - (d_ - 1);
  }
  // Date of start + k months for k = 1, 2, ... in order.
  Date next() {
    first_of_month_ += month_days(y_, m_);
    if (++m_ > 12) { m_ = 1; ++y_; }
    return Date::from_serial(first_of_month_ + std::min(d_, month_days(y_, m_)) - 1);
  }

private:
  int y_, m_, d_;
  std::int32_t first_of_month_;
};

// A periodic rate num/den (need not be reduced) applied many times to money:
// the double num/den only estimates the quotient; the exact 128-bit remainder
// then fixes it and decides the rounding. No division, no gcd per call.
class RateApplier {
public:
  explicit RateApplier(ExactRate r) : r_(r), ratio_(static_cast<double>(r.num) / static_cast<double>(r.den)) {}
  Money apply(Money amount, money::Rounding mode) const {
    const std::int64_t a = amount.units();
    const double qd = static_cast<double>(a) * ratio_;
    if (a >= 0 && qd < 1e15) {  // the estimate is off by at most 1
      std::int64_t q = static_cast<std::int64_t>(qd);
      const money::int128 den = r_.den;
      money::int128 rem = money::int128(a) * r_.num - money::int128(q) * den;
      while (rem < 0) { --q; rem += den; }
      while (rem >= den) { ++q; rem -= den; }
      if (rem != 0) {
        switch (mode) {
          case money::Rounding::truncate:
          case money::Rounding::floor: break;
          case money::Rounding::ceiling: ++q; break;
          case money::Rounding::half_up: if (2 * rem >= den) ++q; break;
          case money::Rounding::half_even: if (2 * rem > den || (2 * rem == den && (q & 1))) ++q; break;
        }
      }
      return Money::from_units(q);
    }
    return r_.apply(amount, mode);
  }
  const ExactRate& rate() const { return r_; }

private:
  ExactRate r_;
  double ratio_;
};

// The monthly rate as num/den without reducing (reduction costs a gcd and is
// not needed by RateApplier or the annuity): annual / 12, monthly, daily × basis / 12.
ExactRate monthly_fraction(const LoanTerms& t) {
  const std::int64_t u = t.rate.rate.units(), one = money::Rate::one_units;
  switch (t.rate.period) {
    case RatePeriod::annual: return ExactRate{u, 12 * one};
    case RatePeriod::monthly: return ExactRate{u, one};
    case RatePeriod::daily: return ExactRate{u * static_cast<std::int64_t>(t.day_basis), 12 * one};
  }
  return ExactRate{u, 12 * one};
}

struct Rates {
  RateApplier monthly;
  ExactRate daily;  // only computed when interest runs by days
};

Rates rates_of(const LoanTerms& t) {
  const bool by_days = t.accrual == InterestAccrual::actual_days || t.term_days > 0;
  return {RateApplier(monthly_fraction(t)), by_days ? daily_rate(t.rate, t.day_basis) : ExactRate{}};
}

Money flat_fee(const LoanTerms& t) {
  if (t.monthly_fee_rate.units() == 0) return Money{};
  return ExactRate::of(t.monthly_fee_rate).apply(t.principal, t.rounding);
}

// The amortisation loop shared by new schedules and re-amortisation after a
// prepayment. Periods first..last; `level` is the equal-installment payment;
// `shorten` ends as soon as the balance is repaid (prepayment keeping A).
template <class Emit>
ScheduleTotals amortize_loop(const LoanTerms& t, const Rates& rates, Money balance, int first, int last, Money level,
                             bool shorten, Money per_principal, Money fee, Emit&& emit) {
  ScheduleTotals tot;
  DueDates dues(t.start);
  Date prev = t.start;
  for (int k = 1; k < first; ++k) prev = dues.next();
  const Money zero{};
  for (int k = first; k <= last; ++k) {
    const Date due = dues.next();
    const Money interest = t.accrual == InterestAccrual::actual_days ? rates.daily.apply_days(balance, due - prev, t.rounding)
                                                                     : rates.monthly.apply(balance, t.rounding);
    Money principal;
    bool final_period = k == last;
    switch (t.method) {
      case RepaymentMethod::equal_installment: {
        const Money part = level - interest;
        if (final_period || (shorten && part >= balance)) {
          principal = balance;
          final_period = true;
        } else {
          principal = std::clamp(part, zero, balance);
        }
        break;
      }
      case RepaymentMethod::equal_principal:
        if (final_period || (shorten && per_principal >= balance)) {
          principal = balance;
          final_period = true;
        } else {
          principal = std::min(per_principal, balance);
        }
        break;
      case RepaymentMethod::interest_only:
      case RepaymentMethod::bullet:
        principal = final_period ? balance : zero;
        break;
    }
    balance -= principal;
    const Money payment = principal + interest + fee;
    if (tot.count == 0) tot.installment = t.method == RepaymentMethod::equal_installment ? level : payment;
    ++tot.count;
    tot.total_payment += payment;
    tot.total_interest += interest;
    tot.total_fees += fee;
    emit(Installment{k, due, payment, principal, interest, fee, balance});
    prev = due;
    if (final_period) break;
  }
  return tot;
}

template <class Emit>
ScheduleTotals schedule_loop(const LoanTerms& t, Emit&& emit) {
  if (auto err = check_terms(t)) throw Error("invalid loan terms: " + *err);
  const Rates rates = rates_of(t);
  if (t.method == RepaymentMethod::bullet) {
    const bool by_days = t.term_days > 0;
    const Date due = by_days ? t.start.plus_days(t.term_days) : t.start.plus_months(t.term_months);
    Money interest;
    if (by_days || t.accrual == InterestAccrual::actual_days) {
      interest = rates.daily.apply_days(t.principal, due - t.start, t.rounding);
    } else {
      interest = rates.monthly.rate().apply_days(t.principal, t.term_months, t.rounding);  // P·r·n, one rounding
    }
    const Money fee = by_days ? Money{} : flat_fee(t) * t.term_months;
    const Money payment = t.principal + interest + fee;
    emit(Installment{1, due, payment, t.principal, interest, fee, Money{}});
    return ScheduleTotals{1, payment, payment, interest, fee};
  }
  const int n = t.term_months;
  const Money level = t.method == RepaymentMethod::equal_installment ? annuity_payment(t.principal, rates.monthly.rate(), n, t.rounding) : Money{};
  const Money per_principal = t.method == RepaymentMethod::equal_principal ? t.principal.divided_by(n, t.rounding) : Money{};
  return amortize_loop(t, rates, t.principal, 1, n, level, false, per_principal, flat_fee(t), emit);
}

}  // namespace

std::vector<Money> Schedule::cash_flows() const {
  std::vector<Money> flows;
  if (terms.method == RepaymentMethod::bullet && terms.term_days == 0) {
    // One flow per month, zeros until maturity, so that IRR is monthly.
    flows.assign(static_cast<std::size_t>(terms.term_months) + 1, Money{});
    flows.front() = -net_disbursed();
    flows.back() = installments.front().payment;
    return flows;
  }
  flows.reserve(installments.size() + 1);
  flows.push_back(-net_disbursed());
  for (const auto& i : installments) flows.push_back(i.payment);
  return flows;
}

Schedule build_schedule(const LoanTerms& terms) {
  Schedule s;
  s.terms = terms;
  s.installments.reserve(static_cast<std::size_t>(std::max(1, terms.method == RepaymentMethod::bullet ? 1 : terms.term_months)));
  const ScheduleTotals tot = schedule_loop(terms, [&](const Installment& i) { s.installments.push_back(i); });
  s.periodic_rate = monthly_rate(terms.rate, terms.day_basis);  // (cheap: binary gcd)
  s.installment = tot.installment;
  s.total_payment = tot.total_payment;
  s.total_interest = tot.total_interest;
  s.total_fees = tot.total_fees;
  return s;
}

ScheduleTotals fill_schedule(const LoanTerms& terms, std::span<Installment> out) {
  FINLAB_REQUIRE(out.size() >= static_cast<std::size_t>(std::max(0, installment_count(terms))),
                 "fill_schedule: buffer of " << out.size() << " rows for " << installment_count(terms) << " installments");
  std::size_t i = 0;
  return schedule_loop(terms, [&](const Installment& row) { out[i++] = row; });
}

std::vector<Installment> amortize(const LoanTerms& terms, Money balance, int first_period, int periods,
                                  std::optional<Money> level_payment, Money fee_per_period) {
  FINLAB_REQUIRE(periods >= 1 && first_period >= 1, "amortize: periods " << periods << " from " << first_period);
  FINLAB_REQUIRE(!balance.is_negative(), "amortize: negative balance " << balance.to_string());
  const Rates rates = rates_of(terms);
  std::vector<Installment> rows;
  const int last = first_period + periods - 1;
  Money level, per_principal;
  const bool shorten = level_payment.has_value();
  if (terms.method == RepaymentMethod::equal_installment) {
    level = shorten ? *level_payment : annuity_payment(balance, rates.monthly.rate(), periods, terms.rounding);
  } else if (terms.method == RepaymentMethod::equal_principal) {
    per_principal = shorten ? *level_payment : balance.divided_by(periods, terms.rounding);
  }
  amortize_loop(terms, rates, balance, first_period, last, level, shorten, per_principal, fee_per_period,
                [&](const Installment& i) { rows.push_back(i); });
  return rows;
}

}  // namespace finlab::loan
