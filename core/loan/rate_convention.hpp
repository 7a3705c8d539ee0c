// Conversions between quoted rate periods (DOMAIN.md §2.1): bank convention
// annual = monthly × 12 = daily × 360; online lenders often daily × 365.
// A quoted rate (annual, monthly or daily, exact to 10^-10) becomes an exact
// rational periodic rate (ExactRate = num/den), so that 17%/12 is never
// rounded before it is applied to money: interest = round(balance × num / den).
// This file does not round money by itself beyond `ExactRate::apply`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/result.hpp"

namespace finlab::loan {

// Days in the year that a daily rate is scaled by.
enum class DayBasis {
  act_360 = 360,  // daily = annual / 360 (Chinese bank convention, 年利率 = 日利率 × 360; credit-line default)
  act_365 = 365,  // daily = annual / 365 (online lenders' consumer education: 0.05% × 365 = 18.25%)
};

// The period a quoted rate is stated for.
enum class RatePeriod {
  annual,   // 年利率, e.g. 18%
  monthly,  // 月利率, e.g. 1.5% ("1分5厘")
  daily,    // 日利率, e.g. 0.05% ("万分之五")
};

std::string_view to_string(DayBasis basis);    // "ACT/360", "ACT/365"
std::string_view to_string(RatePeriod period);  // "annual", "monthly", "daily"
Result<DayBasis> parse_day_basis(std::string_view text);  // "360", "365", "act/360", "ACT/365"

// A rate as the contract states it.
struct QuotedRate {
  money::Rate rate;
  RatePeriod period = RatePeriod::annual;

  static QuotedRate annual(money::Rate r) { return {r, RatePeriod::annual}; }
  static QuotedRate monthly(money::Rate r) { return {r, RatePeriod::monthly}; }
  static QuotedRate daily(money::Rate r) { return {r, RatePeriod::daily}; }
};

// An exact non-negative rate num / den, reduced (gcd 1), den > 0.
struct ExactRate {
  std::int64_t num = 0;
  std::int64_t den = 1;

  static ExactRate of(money::Rate r);                 // units / 10^10
  static ExactRate ratio(std::int64_t n, std::int64_t d);  // reduced; d > 0, n >= 0
  bool is_zero() const { return num == 0; }
  double to_double() const { return static_cast<double>(num) / static_cast<double>(den); }
  // this × k / d, exact and reduced (throws on overflow).
  ExactRate scaled(std::int64_t k, std::int64_t d) const;
  // round(amount × num / den) with `mode`: one rounding, exact 128-bit math
  // (64-bit when the product fits, which is the common case).
  money::Money apply(money::Money amount, money::Rounding mode) const;
  // round(amount × num × days / den): `days` days of a daily rate, one rounding.
  money::Money apply_days(money::Money amount, std::int64_t days, money::Rounding mode) const;
  // The rate as a percent string with `digits` decimals ("1.5000").
  std::string to_percent_string(int digits) const;
  friend bool operator==(const ExactRate&, const ExactRate&) = default;
};

// Monthly periodic rate of an installment loan (DOMAIN.md §2.1, issue 4):
// annual / 12; monthly as is; daily × basis / 12 (× 30 for ACT/360).
ExactRate monthly_rate(QuotedRate quoted, DayBasis basis = DayBasis::act_360);
// Daily rate: annual / basis; monthly × 12 / basis; daily as is.
ExactRate daily_rate(QuotedRate quoted, DayBasis basis = DayBasis::act_360);
// Nominal annual rate: annual as is; monthly × 12; daily × basis.
ExactRate annual_rate(QuotedRate quoted, DayBasis basis = DayBasis::act_360);

// Daily rate from an annual one: annual ÷ basis, exact to 10^-10, half-up.
money::Rate daily_from_annual(money::Rate annual, DayBasis basis);
// Annual simple rate from a daily one: daily × basis (exact).
money::Rate annual_from_daily(money::Rate daily, DayBasis basis);

}  // namespace finlab::loan
