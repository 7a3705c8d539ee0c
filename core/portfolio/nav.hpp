// Nav: the published net asset value per share of a NAV-based fund (基金份额净值),
// an exact decimal with 4 places as Chinese funds publish it ("1.1800"). It is
// its own type so that a NAV is never added to money or shares by accident.
// Money value of a holding = shares × NAV rounded to the fen with a named mode.
#pragma once

#include "core/money/money.hpp"

namespace finlab::portfolio {

namespace detail {
// a × b into p when it surely fits in 63 bits (bit lengths add up to <= 62),
// else via the overflow-checked builtin. In wasm32 the builtin is a 128-bit
// library call (__multi3): the bit-length test keeps the hot paths free of it.
inline bool mul_fits(std::int64_t a, std::int64_t b, std::int64_t& p) {
  const std::uint64_t ua = a < 0 ? 0 - static_cast<std::uint64_t>(a) : static_cast<std::uint64_t>(a);
  const std::uint64_t ub = b < 0 ? 0 - static_cast<std::uint64_t>(b) : static_cast<std::uint64_t>(b);
  const int bits = (ua ? 64 - __builtin_clzll(ua) : 0) + (ub ? 64 - __builtin_clzll(ub) : 0);
  if (bits <= 62) {
    p = a * b;
    return true;
  }
  return !__builtin_mul_overflow(a, b, &p);
}

// money::div_round for 64-bit operands (no 128-bit division: the hot paths).
constexpr std::int64_t div_round64(std::int64_t num, std::int64_t den, money::Rounding mode) {
  if (den < 0) { num = -num; den = -den; }
  const std::int64_t q = num / den, r = num % den;
  if (r == 0) return q;
  const bool negative = num < 0;
  const std::int64_t ar = r < 0 ? -r : r;
  switch (mode) {
    case money::Rounding::truncate: return q;
    case money::Rounding::floor: return negative ? q - 1 : q;
    case money::Rounding::ceiling: return negative ? q : q + 1;
    case money::Rounding::half_up: return ar >= den - ar ? (negative ? q - 1 : q + 1) : q;
    case money::Rounding::half_even: return (ar > den - ar || (ar == den - ar && q % 2 != 0)) ? (negative ? q - 1 : q + 1) : q;
  }
  return q;
}
}  // namespace detail

struct NavTag {};
using Nav = money::Decimal<NavTag, 4>;

// shares (2 dp) × NAV (4 dp) rounded to the fen: 赎回总额 = 赎回份额 × T日净值
// ("经四舍五入后保留小数点后两位": half-up is the prospectus rule; docs/portfolio.md §2).
inline money::Money value_of(money::Shares shares, Nav nav, money::Rounding mode = money::Rounding::half_up) {
  const money::int128 num = money::int128(shares.units()) * nav.units();  // 10^-6 yuan
  return money::Money::from_units(money::narrow_checked(money::div_round(num, 10'000, mode), "value_of"));
}

// net money / NAV in shares (2 dp), rounded with `mode` (申购份额 = 净申购金额 / 净值).
inline money::Shares shares_for(money::Money net, Nav nav, money::Rounding mode) {
  FINLAB_REQUIRE(nav.is_positive(), "shares_for: NAV must be positive, got " << nav.to_string());
  // fen -> share units: × 10^4 / nav_units (64-bit when it fits: the Monte Carlo hot path)
  std::int64_t num64;
  if (detail::mul_fits(net.units(), std::int64_t{10'000}, num64)) {
    return money::Shares::from_units(detail::div_round64(num64, nav.units(), mode));
  }
  const money::int128 num = money::int128(net.units()) * 10'000;
  return money::Shares::from_units(money::narrow_checked(money::div_round(num, nav.units(), mode), "shares_for"));
}

}  // namespace finlab::portfolio
