// Rate: an exact rate held as an int64 count of 10^-10 (so 0.05% a day is
// 5,000,000 units and 18% a year is 1,800,000,000). Named constructors say the
// unit: Rate::percent("18"), Rate::ratio("0.0005"), Rate::bps(25). A Rate does
// not carry a period; the functions that use it name the period and basis
// (annual/12, annual/360, daily ...). Applying a rate to money names a rounding.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/money/money.hpp"
#include "core/result.hpp"

namespace finlab::money {

class Rate {
public:
  static constexpr int scale = 10;
  static constexpr std::int64_t one_units = pow10_i64(scale);  // 1.0 == 100%

  constexpr Rate() = default;
  static constexpr Rate from_units(std::int64_t units) { return Rate(units); }
  static constexpr Rate bps(std::int64_t basis_points) { return Rate(basis_points * 1'000'000); }

  // User input: "18", "4.5", "0.05" (percent) / "0.18" (ratio). At most 8
  // decimals of a percent; errors say what was wrong.
  static Result<Rate> parse_percent(std::string_view text);
  static Result<Rate> parse_ratio(std::string_view text);
  // Literals in code and tests (throw on malformed text).
  static Rate percent(std::string_view text) { return parse_percent(text).value(); }
  static Rate ratio(std::string_view text) { return parse_ratio(text).value(); }

  constexpr std::int64_t units() const { return units_; }
  friend constexpr auto operator<=>(const Rate&, const Rate&) = default;

  // "18.00" etc.: percent with `digits` decimals, rounded with `mode`.
  std::string to_percent_string(int digits, Rounding mode = Rounding::half_up) const;
  // Full precision percent without trailing zeros: "4.5", "0.05".
  std::string to_percent_string() const;

  friend Rate operator+(Rate a, Rate b) { return Rate(checked_add(a.units_, b.units_)); }
  friend Rate operator-(Rate a, Rate b) { return Rate(checked_add(a.units_, -b.units_)); }
  Rate times(std::int64_t k) const;
  Rate divided_by(std::int64_t k, Rounding mode) const;

  // Exact value as a ratio of integers: units / 10^10.
  constexpr std::int64_t numerator() const { return units_; }
  static constexpr std::int64_t denominator() { return one_units; }

private:
  constexpr explicit Rate(std::int64_t units) : units_(units) {}
  static std::int64_t checked_add(std::int64_t a, std::int64_t b);
  std::int64_t units_ = 0;
};

// amount × rate ÷ divisor, rounded once with `mode` (e.g. a day's fee accrual:
// E × 0.33% ÷ 365, half-up to the fen; DOMAIN.md §1.2). Exact 128-bit math.
Money apply_rate(Money amount, Rate rate, std::int64_t divisor, Rounding mode);

}  // namespace finlab::money
