// Consent categories for behaviour credit scoring (DOMAIN.md §3.8, PIPL Arts.
// 14/28/29): a user grants or withholds each category separately. Application
// data (what the user types into the loan application: age, income band,
// existing debt) is always available; the four behaviour categories are not.
// A ConsentMask is a small bitmask value type; it does no I/O and has no state.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace finlab::credit {

enum class ConsentCategory : std::uint8_t {
  application = 0,  // traditional application data; always available, never withheld
  device = 1,       // device & account: account age, device price tier, number tenure
  location = 2,     // location stability: nights at home, moves per year (PIPL Art. 28 sensitive)
  app_usage = 3,    // app usage: finance-app use, late-night share, install churn
  consumption = 4,  // consumption & payments: on-time bills, top-up regularity, spend volatility
};
inline constexpr int consent_category_count = 5;
inline constexpr std::array<ConsentCategory, consent_category_count> all_consent_categories{
    ConsentCategory::application, ConsentCategory::device, ConsentCategory::location,
    ConsentCategory::app_usage, ConsentCategory::consumption};

// Stable machine names ("application", "device", "location", "app_usage", "consumption").
std::string_view to_string(ConsentCategory c);
// Human-readable English / Chinese names for UIs and reason texts.
std::string_view display_name(ConsentCategory c);
std::string_view display_name_zh(ConsentCategory c);
Result<ConsentCategory> parse_consent_category(std::string_view name);

// Bit i set = category i granted. The application bit is always set by the
// constructors; bits() is stable and is what CSV files and SQL use.
class ConsentMask {
public:
  constexpr ConsentMask() : bits_(1) {}  // application only
  static constexpr ConsentMask from_bits(std::uint8_t bits) { return ConsentMask(static_cast<std::uint8_t>(bits | 1u)); }
  static constexpr ConsentMask all() { return ConsentMask(0x1F); }
  static constexpr ConsentMask application_only() { return ConsentMask(1); }

  constexpr bool has(ConsentCategory c) const { return (bits_ >> static_cast<int>(c)) & 1u; }
  constexpr ConsentMask with(ConsentCategory c) const { return ConsentMask(static_cast<std::uint8_t>(bits_ | (1u << static_cast<int>(c)))); }
  constexpr ConsentMask without(ConsentCategory c) const {
    return c == ConsentCategory::application ? *this : ConsentMask(static_cast<std::uint8_t>(bits_ & ~(1u << static_cast<int>(c))));
  }
  constexpr ConsentMask operator&(ConsentMask o) const { return ConsentMask(static_cast<std::uint8_t>(bits_ & o.bits_)); }
  constexpr ConsentMask operator|(ConsentMask o) const { return ConsentMask(static_cast<std::uint8_t>(bits_ | o.bits_)); }
  constexpr bool contains(ConsentMask o) const { return (bits_ & o.bits_) == o.bits_; }
  constexpr std::uint8_t bits() const { return bits_; }
  constexpr bool operator==(const ConsentMask&) const = default;
  int count() const;

  // "application+device+location" (category names joined by '+', in enum order).
  std::string to_string() const;
  // Accepts the to_string() form (application may be omitted; "none" or ""
  // means application only) or a decimal bit mask ("7").
  static Result<ConsentMask> parse(std::string_view text);

private:
  explicit constexpr ConsentMask(std::uint8_t bits) : bits_(bits) {}
  std::uint8_t bits_;
};

}  // namespace finlab::credit
