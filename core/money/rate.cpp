#include "core/money/rate.hpp"

namespace finlab::money {

Result<Rate> Rate::parse_percent(std::string_view text) {
  // Percent with up to 8 decimals == ratio with up to 10 decimals.
  auto r = parse_fixed(text, 8);
  if (!r) return fail("invalid percent: " + r.error());
  return Rate(r.value());  // 10^-8 percent == 10^-10 of one: the same units
}

Result<Rate> Rate::parse_ratio(std::string_view text) {
  auto r = parse_fixed(text, scale);
  if (!r) return fail("invalid rate: " + r.error());
  return Rate(r.value());
}

std::string Rate::to_percent_string(int digits, Rounding mode) const {
  FINLAB_REQUIRE(digits >= 0 && digits <= 8, "Rate::to_percent_string: digits " << digits);
  // units are 10^-8 percent
  const std::int64_t step = pow10_i64(8 - digits);
  const std::int64_t q = narrow_checked(div_round(units_, step, mode), "Rate::to_percent_string");
  return format_fixed(q, digits);
}

std::string Rate::to_percent_string() const {
  std::string s = format_fixed(units_, 8);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::int64_t Rate::checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw Error("overflow in Rate arithmetic");
  return r;
}

Rate Rate::times(std::int64_t k) const {
  std::int64_t r;
  if (__builtin_mul_overflow(units_, k, &r)) throw Error("overflow in Rate::times");
  return Rate(r);
}

Rate Rate::divided_by(std::int64_t k, Rounding mode) const {
  return Rate(narrow_checked(div_round(units_, k, mode), "Rate::divided_by"));
}

Money apply_rate(Money amount, Rate rate, std::int64_t divisor, Rounding mode) {
  FINLAB_REQUIRE(divisor > 0, "apply_rate: divisor must be positive, got " << divisor);
  const int128 num = int128(amount.units()) * rate.units();
  const int128 den = int128(Rate::one_units) * divisor;
  return Money::from_units(narrow_checked(div_round(num, den, mode), "apply_rate"));
}

}  // namespace finlab::money
