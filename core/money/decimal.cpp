#include "core/money/decimal.hpp"

#include <algorithm>

#include "core/excerpt.hpp"

namespace finlab::money {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
std::string quote(std::string_view s) {
  std::string q;  // built by append: GCC 12's -Wrestrict misfires on "\"" + string
  q.reserve(s.size() + 2);
  q.push_back('"');
  q.append(excerpt(s));  // short and escaped: bad input is never dumped (core/excerpt.hpp)
  q.push_back('"');
  return q;
}
}  // namespace

Result<std::int64_t> parse_fixed(std::string_view text, int scale) {
  const std::string q = quote(text);
  if (text.empty()) return fail("empty amount: expected a decimal number such as 12345.67");
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '-') { negative = true; i = 1; }
  if (i >= text.size() || !is_digit(text[i]))
    return fail("not a decimal number: " + q + " (expected digits, e.g. 12345.67 or -0.01)");

  // Integer part, optionally grouped by commas in threes.
  int128 whole = 0;
  const std::size_t int_start = i;
  bool grouped = false;
  std::size_t group_len = 0;
  for (; i < text.size() && (is_digit(text[i]) || text[i] == ','); ++i) {
    if (text[i] == ',') {
      if (i == int_start) return fail("misplaced thousands separator in " + q);
      if (grouped && group_len != 3) return fail("thousands separators must split groups of three digits in " + q);
      if (!grouped && (group_len == 0 || group_len > 3)) return fail("thousands separators must split groups of three digits in " + q);
      grouped = true;
      group_len = 0;
      continue;
    }
    whole = whole * 10 + (text[i] - '0');
    ++group_len;
    if (whole > int128(INT64_MAX)) return fail("amount out of range: " + q);
  }
  if (grouped && group_len != 3) return fail("thousands separators must split groups of three digits in " + q);

  // Fraction.
  int128 frac = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t frac_start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (frac_digits == scale) {
        return fail("too many decimal places in " + q + " (at most " + std::to_string(scale) + ")");
      }
      frac = frac * 10 + (text[i] - '0');
      ++frac_digits;
    }
    if (i == frac_start) return fail("expected digits after the decimal point in " + q);
  }
  if (i != text.size()) {
    const char c = text[i];
    std::string what = (c == 'e' || c == 'E') ? "exponent notation is not accepted"
                       : (c == '.')            ? "more than one decimal point"
                                               : std::string("unexpected character '") + c + "'";
    return fail(what + " in " + q + " at position " + std::to_string(i + 1));
  }
  for (int k = frac_digits; k < scale; ++k) frac *= 10;
  int128 units = whole * pow10_i64(scale) + frac;
  if (negative) units = -units;
  if (units > INT64_MAX || units < INT64_MIN) return fail("amount out of range: " + q);
  return static_cast<std::int64_t>(units);
}

std::string format_fixed(std::int64_t units, int scale, bool group_thousands) {
  const bool negative = units < 0;
  // Work in unsigned 128 so INT64_MIN formats correctly.
  uint128 mag = negative ? static_cast<uint128>(-(static_cast<int128>(units))) : static_cast<uint128>(units);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag != 0);
  while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  std::string int_part = digits.substr(0, digits.size() - static_cast<std::size_t>(scale));
  std::string frac_part = digits.substr(digits.size() - static_cast<std::size_t>(scale));
  if (group_thousands && int_part.size() > 3) {
    std::string g;
    const std::size_t lead = int_part.size() % 3;
    for (std::size_t k = 0; k < int_part.size(); ++k) {
      if (k != 0 && (k + (3 - lead)) % 3 == 0) g.push_back(',');
      g.push_back(int_part[k]);
    }
    int_part = g;
  }
  std::string out;
  out.reserve(int_part.size() + frac_part.size() + 2);
  if (negative) out.push_back('-');
  out.append(int_part);
  if (scale > 0) {
    out.push_back('.');
    out.append(frac_part);
  }
  return out;
}

}  // namespace finlab::money
