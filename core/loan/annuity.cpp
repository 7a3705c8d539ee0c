#include "core/loan/annuity.hpp"

#include <cmath>
#include <limits>

#include "core/money/high_precision.hpp"

namespace finlab::loan {

using money::BigInt;
using money::Money;
using money::Rounding;

namespace {

// num / den rounded with `mode`, both BigInt, den > 0.
BigInt div_round_big(const BigInt& num, const BigInt& den, Rounding mode) {
  const BigInt q = num / den;  // truncates toward zero
  const BigInt r = num % den;  // sign of num
  if (r == 0) return q;
  const bool negative = num < 0;
  const BigInt twice = (r < 0 ? BigInt(-r) : r) * 2;
  const BigInt away = negative ? BigInt(q - 1) : BigInt(q + 1);
  switch (mode) {
    case Rounding::truncate: return q;
    case Rounding::floor: return negative ? away : q;
    case Rounding::ceiling: return negative ? q : away;
    case Rounding::half_up: return twice >= den ? away : q;
    case Rounding::half_even: return (twice > den || (twice == den && (q % 2 != 0))) ? away : q;
  }
  return q;
}

void check_args(Money principal, int periods) {
  FINLAB_REQUIRE(periods >= 1, "annuity_payment: periods must be >= 1, got " << periods);
  FINLAB_REQUIRE(!principal.is_negative(), "annuity_payment: principal must not be negative, got " << principal.to_string());
}

Money zero_rate_payment(Money principal, int periods, Rounding mode) {
  return principal.divided_by(periods, mode);
}

}  // namespace

std::optional<Money> annuity_payment_fast(Money principal, ExactRate rate, int periods, Rounding mode) {
  check_args(principal, periods);
  if (rate.is_zero()) return zero_rate_payment(principal, periods, mode);
  constexpr double two53 = 9007199254740992.0;
  const double p = static_cast<double>(principal.units());
  if (p >= two53 || static_cast<double>(rate.num) >= two53 || static_cast<double>(rate.den) >= two53) return std::nullopt;
  const double r = static_cast<double>(rate.num) / static_cast<double>(rate.den);
  // q = (1+r)^n − 1 by binary powering in "minus one" form: (1+a)(1+b) − 1 =
  // a + b + ab. Every term is positive, so there is no cancellation and the
  // relative error stays below ~4n ulps however small r is.
  double q = 0.0, base = r;
  for (unsigned n = static_cast<unsigned>(periods); n != 0; n >>= 1) {
    if (n & 1u) q = q + base + q * base;
    if (n > 1) base = base * base + 2.0 * base;
  }
  if (!(q > 0.0) || !std::isfinite(q)) return std::nullopt;
  const double a = p * r * (1.0 + q) / q;  // payment in fen
  if (!(a < two53 / 4)) return std::nullopt;
  // Proven relative error <= (4n + 4) ulp; accept only with a 2x safety margin.
  const double margin = a * (8.0 * periods + 64.0) * std::numeric_limits<double>::epsilon() + 1e-300;
  const double k = std::floor(a);
  const double frac = a - k;  // exact: a < 2^51
  bool decided;
  double result;
  switch (mode) {
    case Rounding::half_up:
    case Rounding::half_even:
      decided = std::fabs(frac - 0.5) > margin;
      result = frac > 0.5 ? k + 1 : k;
      break;
    case Rounding::truncate:
    case Rounding::floor:
      decided = frac > margin && 1.0 - frac > margin;
      result = k;
      break;
    case Rounding::ceiling:
    default:
      decided = frac > margin && 1.0 - frac > margin;
      result = k + 1;
      break;
  }
  if (!decided) return std::nullopt;
  return Money::from_units(static_cast<std::int64_t>(result));
}

Money annuity_payment_exact(Money principal, ExactRate rate, int periods, Rounding mode) {
  check_args(principal, periods);
  if (rate.is_zero()) return zero_rate_payment(principal, periods, mode);
  const BigInt den(rate.den), num(rate.num);
  const BigInt xn = boost::multiprecision::pow(den + num, static_cast<unsigned>(periods));
  const BigInt dn = boost::multiprecision::pow(den, static_cast<unsigned>(periods));
  const BigInt numerator = BigInt(principal.units()) * num * xn;
  const BigInt denominator = den * (xn - dn);
  const BigInt a = div_round_big(numerator, denominator, mode);
  FINLAB_REQUIRE(a <= BigInt(INT64_MAX), "annuity_payment: payment does not fit in 64 bits");
  return Money::from_units(a.convert_to<std::int64_t>());
}

Money annuity_payment(Money principal, ExactRate rate, int periods, Rounding mode) {
  if (auto fast = annuity_payment_fast(principal, rate, periods, mode)) return *fast;
  return annuity_payment_exact(principal, rate, periods, mode);
}

}  // namespace finlab::loan
