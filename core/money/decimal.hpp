// Decimal<Tag, Scale>: an exact fixed-point decimal held as an int64 count of
// 10^-Scale units. The Tag makes amounts of different meaning distinct types
// (money in fen, shares, income per 10,000 shares, ...), so they cannot be mixed
// by accident. There is no construction from floating point: values come from
// integers in minor units or from decimal text. Arithmetic is checked: overflow
// throws finlab::Error. Changing scale always names a rounding mode.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/money/rounding.hpp"
#include "core/result.hpp"

namespace finlab::money {

// Parse decimal text into units of 10^-scale. Accepts an optional leading '-',
// digits with optional thousands separators in groups of three ("12,345.67"),
// and at most `scale` fraction digits. Rejects "", "NaN", "1e5", "1.2.3",
// " 1", "+1", ".5", "1.", "1,23" and values that overflow int64 units.
Result<std::int64_t> parse_fixed(std::string_view text, int scale);

// Format units of 10^-scale with exactly `scale` fraction digits.
std::string format_fixed(std::int64_t units, int scale, bool group_thousands = false);

template <class Tag, int Scale>
class Decimal {
  static_assert(Scale >= 0 && Scale <= 12, "Decimal scale out of range");

public:
  static constexpr int scale = Scale;
  static constexpr std::int64_t one_units = pow10_i64(Scale);

  constexpr Decimal() = default;
  static constexpr Decimal from_units(std::int64_t units) { return Decimal(units); }
  // Whole units (e.g. yuan for money): from_integer(5) == 5.00.
  static Decimal from_integer(std::int64_t whole) {
    return Decimal(narrow_checked(int128(whole) * one_units, "Decimal::from_integer"));
  }
  static Result<Decimal> parse(std::string_view text) {
    auto r = parse_fixed(text, Scale);
    if (!r) return fail(r.error());
    return Decimal(r.value());
  }
  // For literals in code and tests: throws on malformed text.
  static Decimal of(std::string_view text) { return parse(text).value(); }

  constexpr std::int64_t units() const { return units_; }
  std::string to_string() const { return format_fixed(units_, Scale, false); }
  std::string to_string_grouped() const { return format_fixed(units_, Scale, true); }

  constexpr bool is_zero() const { return units_ == 0; }
  constexpr bool is_negative() const { return units_ < 0; }
  constexpr bool is_positive() const { return units_ > 0; }

  friend constexpr auto operator<=>(const Decimal&, const Decimal&) = default;

  friend Decimal operator+(Decimal a, Decimal b) {
    std::int64_t r;
    if (__builtin_add_overflow(a.units_, b.units_, &r)) throw Error("overflow in Decimal addition: " + a.to_string() + " + " + b.to_string());
    return Decimal(r);
  }
  friend Decimal operator-(Decimal a, Decimal b) {
    std::int64_t r;
    if (__builtin_sub_overflow(a.units_, b.units_, &r)) throw Error("overflow in Decimal subtraction: " + a.to_string() + " - " + b.to_string());
    return Decimal(r);
  }
  friend Decimal operator-(Decimal a) {
    if (a.units_ == INT64_MIN) throw Error("overflow in Decimal negation");
    return Decimal(-a.units_);
  }
  friend Decimal operator*(Decimal a, std::int64_t k) {
    std::int64_t r;
    if (__builtin_mul_overflow(a.units_, k, &r)) throw Error("overflow in Decimal multiplication: " + a.to_string() + " * " + std::to_string(k));
    return Decimal(r);
  }
  friend Decimal operator*(std::int64_t k, Decimal a) { return a * k; }
  Decimal& operator+=(Decimal b) { return *this = *this + b; }
  Decimal& operator-=(Decimal b) { return *this = *this - b; }

  // Exact division by an integer with an explicit rounding mode.
  Decimal divided_by(std::int64_t k, Rounding mode) const {
    return Decimal(narrow_checked(div_round(units_, k, mode), "Decimal::divided_by"));
  }

  // Change scale (and/or meaning) explicitly: to<OtherTag, S2>(mode).
  template <class Tag2, int S2>
  Decimal<Tag2, S2> rescaled(Rounding mode) const {
    if constexpr (S2 >= Scale) {
      return Decimal<Tag2, S2>::from_units(narrow_checked(int128(units_) * pow10_i64(S2 - Scale), "Decimal::rescaled"));
    } else {
      return Decimal<Tag2, S2>::from_units(narrow_checked(div_round(units_, pow10_i64(Scale - S2), mode), "Decimal::rescaled"));
    }
  }
  // Round to `digits` fraction digits (digits <= Scale), keeping the type.
  Decimal rounded(int digits, Rounding mode) const {
    FINLAB_REQUIRE(digits >= 0 && digits <= Scale, "Decimal::rounded: digits " << digits << " not in [0," << Scale << "]");
    const std::int64_t step = pow10_i64(Scale - digits);
    return Decimal(narrow_checked(div_round(units_, step, mode) * step, "Decimal::rounded"));
  }

private:
  constexpr explicit Decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace finlab::money
