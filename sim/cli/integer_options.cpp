// Whole numbers on the command line, checked for every command at once.
// CLI11 reads integers with strtoll/strtoull in base 0, which silently
// saturates out-of-range text (`--seed 18446744073709551616` became 2^64-1,
// `sim show 99999999999999999999` looked for run 2^63-1), wraps "-1" into an
// unsigned option and reads "010" as octal 8. check_integer_options() puts a
// strict decimal check in front of every INT/UINT option of every command;
// in_range() adds a per-option bound (docs/limits.md) naming the range.
#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <limits>

#include "core/excerpt.hpp"
#include "sim/cli/command.hpp"

namespace finlab::cli {

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Normalises decimal text in place ("+007" -> "7"); returns an error message or "".
std::string check_decimal_integer(std::string& s, bool is_unsigned) {
  std::string digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.erase(0, 1);
  }
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
    return "expected a whole number in decimal digits, got '" + excerpt(s) + "'";
  const auto nz = digits.find_first_not_of('0');
  digits = nz == std::string::npos ? "0" : digits.substr(nz);
  if (negative && digits != "0" && is_unsigned) return "must not be negative, got '" + excerpt(s) + "'";
  const std::string text = (negative && digits != "0" ? "-" : "") + digits;
  if (is_unsigned) {
    std::uint64_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
      return excerpt(s) + " is out of range (0 to " + std::to_string(std::numeric_limits<std::uint64_t>::max()) + ")";
  } else {
    std::int64_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
      return excerpt(s) + " is out of range (" + std::to_string(std::numeric_limits<std::int64_t>::min()) + " to " +
             std::to_string(std::numeric_limits<std::int64_t>::max()) + ")";
  }
  s = text;
  return {};
}

}  // namespace

void check_integer_options(CLI::App& app) {
  for (CLI::Option* o : app.get_options()) {
    const std::string type = o->get_type_name();
    const bool is_unsigned = starts_with(type, "UINT");
    if (!is_unsigned && !starts_with(type, "INT")) continue;
    o->transform(CLI::Validator([is_unsigned](std::string& s) { return check_decimal_integer(s, is_unsigned); }, ""));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) check_integer_options(*sub);
}

CLI::Validator in_range(std::int64_t lo, std::int64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& s) -> std::string {
        std::int64_t v = 0;
        const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size() && v >= lo && v <= hi) return {};
        return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + " (docs/limits.md), got " + excerpt(s);
      },
      "");
}

}  // namespace finlab::cli
