// The high-precision decimal path (Boost.Multiprecision): reference
// computations that check the fast integer paths, and formulas that need more
// than 128 bits (e.g. (1+r)^n as an exact rational). Not for hot loops.
#pragma once

#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include "core/money/money.hpp"
#include "core/money/rate.hpp"

namespace finlab::money {

using BigInt = boost::multiprecision::cpp_int;
using HighDecimal = boost::multiprecision::cpp_dec_float_50;  // 50 significant digits

template <class Tag, int S>
HighDecimal to_high(Decimal<Tag, S> d) {
  return HighDecimal(d.units()) / HighDecimal(pow10_i64(S));
}
inline HighDecimal to_high(Rate r) { return HighDecimal(r.units()) / HighDecimal(Rate::one_units); }

// Round a high-precision value to a Decimal with the named mode.
template <class D>
D from_high(const HighDecimal& x, Rounding mode) {
  const HighDecimal scaled = x * HighDecimal(pow10_i64(D::scale));
  HighDecimal t = boost::multiprecision::trunc(scaled);
  const HighDecimal frac = scaled - t;
  const HighDecimal afrac = boost::multiprecision::abs(frac);
  const bool neg = scaled < 0;
  const HighDecimal half("0.5");
  bool away = false;
  switch (mode) {
    case Rounding::truncate: away = false; break;
    case Rounding::floor: away = neg && afrac > 0; break;
    case Rounding::ceiling: away = !neg && afrac > 0; break;
    case Rounding::half_up: away = afrac >= half; break;
    case Rounding::half_even: {
      const long long ti = t.convert_to<long long>();
      away = afrac > half || (afrac == half && (ti % 2 != 0));
      break;
    }
  }
  if (away) t += neg ? -1 : 1;
  FINLAB_REQUIRE(t <= HighDecimal(INT64_MAX) && t >= HighDecimal(INT64_MIN), "from_high: value out of range");
  return D::from_units(t.convert_to<long long>());
}

}  // namespace finlab::money
