#include "core/loan/rate_convention.hpp"

#include <utility>

namespace finlab::loan {

using money::int128;

namespace {
// Binary GCD (Stein): shifts and subtractions, no division; much faster than
// Euclid's % loop, and rates are reduced on every schedule.
std::int64_t gcd64(std::int64_t sa, std::int64_t sb) {
  std::uint64_t a = static_cast<std::uint64_t>(sa < 0 ? -sa : sa), b = static_cast<std::uint64_t>(sb < 0 ? -sb : sb);
  if (a == 0) return static_cast<std::int64_t>(b);
  if (b == 0) return static_cast<std::int64_t>(a);
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return static_cast<std::int64_t>(a << shift);
}
}  // namespace

std::string_view to_string(DayBasis basis) { return basis == DayBasis::act_360 ? "ACT/360" : "ACT/365"; }

std::string_view to_string(RatePeriod period) {
  switch (period) {
    case RatePeriod::annual: return "annual";
    case RatePeriod::monthly: return "monthly";
    case RatePeriod::daily: return "daily";
  }
  return "annual";
}

Result<DayBasis> parse_day_basis(std::string_view text) {
  if (text == "360" || text == "act/360" || text == "ACT/360") return DayBasis::act_360;
  if (text == "365" || text == "act/365" || text == "ACT/365") return DayBasis::act_365;
  return fail("unknown day basis '" + std::string(text) + "' (expected 360 or 365)");
}

ExactRate ExactRate::of(money::Rate r) { return ratio(r.units(), money::Rate::one_units); }

ExactRate ExactRate::ratio(std::int64_t n, std::int64_t d) {
  FINLAB_REQUIRE(d > 0, "ExactRate: denominator must be positive, got " << d);
  FINLAB_REQUIRE(n >= 0, "ExactRate: rate must not be negative, got " << n << "/" << d);
  if (n == 0) return ExactRate{0, 1};
  const std::int64_t g = gcd64(n, d);
  return ExactRate{n / g, d / g};
}

ExactRate ExactRate::scaled(std::int64_t k, std::int64_t d) const {
  FINLAB_REQUIRE(k >= 0 && d > 0, "ExactRate::scaled: bad factor " << k << "/" << d);
  // Reduce crosswise first so that the products stay small.
  const std::int64_t g1 = gcd64(num, d), g2 = gcd64(k, den);
  const int128 n = int128(num / (g1 ? g1 : 1)) * (k / (g2 ? g2 : 1));
  const int128 m = int128(den / (g2 ? g2 : 1)) * (d / (g1 ? g1 : 1));
  return ratio(money::narrow_checked(n, "ExactRate::scaled"), money::narrow_checked(m, "ExactRate::scaled"));
}

money::Money ExactRate::apply(money::Money amount, money::Rounding mode) const {
  std::int64_t prod;
  if (!__builtin_mul_overflow(amount.units(), num, &prod)) {
    // 64-bit fast path: one division instead of a 128-bit one.
    std::int64_t q = prod / den, r = prod % den;
    if (r != 0) {
      const bool neg = prod < 0;
      const std::uint64_t ar = static_cast<std::uint64_t>(r < 0 ? -r : r);
      const std::uint64_t twice = ar * 2;
      const std::uint64_t d = static_cast<std::uint64_t>(den);
      switch (mode) {
        case money::Rounding::truncate: break;
        case money::Rounding::floor: if (neg) --q; break;
        case money::Rounding::ceiling: if (!neg) ++q; break;
        case money::Rounding::half_up: if (twice >= d) q += neg ? -1 : 1; break;
        case money::Rounding::half_even:
          if (twice > d || (twice == d && (q % 2 != 0))) q += neg ? -1 : 1;
          break;
      }
    }
    return money::Money::from_units(q);
  }
  const int128 n = int128(amount.units()) * num;
  return money::Money::from_units(money::narrow_checked(money::div_round(n, den, mode), "ExactRate::apply"));
}

money::Money ExactRate::apply_days(money::Money amount, std::int64_t days, money::Rounding mode) const {
  const int128 n = int128(amount.units()) * num * days;
  return money::Money::from_units(money::narrow_checked(money::div_round(n, den, mode), "ExactRate::apply_days"));
}

std::string ExactRate::to_percent_string(int digits) const {
  FINLAB_REQUIRE(digits >= 0 && digits <= 12, "ExactRate::to_percent_string: digits " << digits);
  const int128 scaled = money::div_round(int128(num) * 100 * money::pow10_i64(digits), den, money::Rounding::half_up);
  return money::format_fixed(money::narrow_checked(scaled, "ExactRate::to_percent_string"), digits);
}

namespace {
std::int64_t basis_days(DayBasis b) { return static_cast<std::int64_t>(b); }
}  // namespace

ExactRate monthly_rate(QuotedRate q, DayBasis basis) {
  const ExactRate r = ExactRate::of(q.rate);
  switch (q.period) {
    case RatePeriod::annual: return r.scaled(1, 12);
    case RatePeriod::monthly: return r;
    case RatePeriod::daily: return r.scaled(basis_days(basis), 12);
  }
  return r;
}

ExactRate daily_rate(QuotedRate q, DayBasis basis) {
  const ExactRate r = ExactRate::of(q.rate);
  switch (q.period) {
    case RatePeriod::annual: return r.scaled(1, basis_days(basis));
    case RatePeriod::monthly: return r.scaled(12, basis_days(basis));
    case RatePeriod::daily: return r;
  }
  return r;
}

ExactRate annual_rate(QuotedRate q, DayBasis basis) {
  const ExactRate r = ExactRate::of(q.rate);
  switch (q.period) {
    case RatePeriod::annual: return r;
    case RatePeriod::monthly: return r.scaled(12, 1);
    case RatePeriod::daily: return r.scaled(basis_days(basis), 1);
  }
  return r;
}

money::Rate daily_from_annual(money::Rate annual, DayBasis basis) {
  return annual.divided_by(static_cast<int>(basis), money::Rounding::half_up);
}

money::Rate annual_from_daily(money::Rate daily, DayBasis basis) {
  return daily.times(static_cast<int>(basis));
}

}  // namespace finlab::loan
