// Named rounding modes and exact integer division with a chosen mode.
// Every rounding in finlab names its mode at the call site (DOMAIN.md: 万份收益
// half-up, investor income 去尾 = truncate, schedule interest half-up).
// Intermediates are 128-bit; overflow is an error, never a wrap-around.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/error.hpp"

namespace finlab::money {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

enum class Rounding {
  half_up,    // ties away from zero: 0.125 -> 0.13, -0.125 -> -0.13 (商业舍入, 四舍五入)
  half_even,  // ties to the even neighbour: 0.125 -> 0.12, 0.135 -> 0.14 (banker's)
  truncate,   // toward zero: 1.939 -> 1.93, -1.939 -> -1.93 (去尾)
  floor,      // toward minus infinity
  ceiling,    // toward plus infinity
};

std::string_view to_string(Rounding mode);

// num / den rounded to an integer with `mode`; den must not be zero.
constexpr int128 div_round(int128 num, int128 den, Rounding mode) {
  if (den == 0) throw Error("div_round: division by zero");
  if (den < 0) { num = -num; den = -den; }
  int128 q = num / den;          // truncates toward zero
  int128 r = num % den;          // same sign as num
  if (r == 0) return q;
  const bool negative = num < 0;
  const int128 twice = (r < 0 ? -r : r) * 2;
  switch (mode) {
    case Rounding::truncate: return q;
    case Rounding::floor: return negative ? q - 1 : q;
    case Rounding::ceiling: return negative ? q : q + 1;
    case Rounding::half_up:
      if (twice >= den) return negative ? q - 1 : q + 1;
      return q;
    case Rounding::half_even:
      if (twice > den || (twice == den && (q % 2 != 0))) return negative ? q - 1 : q + 1;
      return q;
  }
  return q;
}

// Narrow a 128-bit value to int64, throwing on overflow.
inline std::int64_t narrow_checked(int128 v, const char* what) {
  if (v > INT64_MAX || v < INT64_MIN) throw Error(std::string("overflow: ") + what + " does not fit in 64 bits");
  return static_cast<std::int64_t>(v);
}

constexpr std::int64_t pow10_i64(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace finlab::money
