// Policy lab text helpers: trimming and splitting what the user typed, the
// display text of a stored total by its unit and the exact difference of two,
// the run-settings counts. Exact: amounts and rates stay decimal strings or
// integers; a double appears only as a chart coordinate (plot_of).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <limits>

#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

using money::Money;

std::string trim(std::string s) {
  auto sp = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && sp(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && sp(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

bool is_integer_text(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  std::size_t i = (s[0] == '-') ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}


std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string now_iso() {
  // Wall-clock time of a run record (metadata only; never in a result).
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string dir_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

// Display strings of a stored total by its unit.
std::string display_total(const std::string& value, const std::string& unit) {
  if (unit == "yuan") {
    if (auto m = Money::parse(value)) return format_yuan(m.value());
    return value;
  }
  if (unit == "%") return value + "%";
  if (unit == "count") {
    if (is_integer_text(value)) return format_int(std::stoll(value));
  }
  return value;
}

// Exact difference b − a of two stored totals, as display text.
std::string total_diff(const std::string& a, const std::string& b, const std::string& unit) {
  auto signed_text = [](std::int64_t units, int scale) {
    const std::string t = money::format_fixed(units, scale, true);
    return units > 0 ? "+" + t : t;
  };
  if (unit == "yuan") {
    auto x = money::parse_fixed(a, 2), y = money::parse_fixed(b, 2);
    if (x && y) return (y.value() > x.value() ? "+¥" : (y.value() < x.value() ? "-¥" : "¥")) +
                       money::format_fixed(std::llabs(y.value() - x.value()), 2, true);
    auto x10 = money::parse_fixed(a, 10), y10 = money::parse_fixed(b, 10);
    if (x10 && y10) return signed_text(y10.value() - x10.value(), 10);
  } else if (unit == "%" || unit == "ratio") {
    auto x = money::parse_fixed(a, 4), y = money::parse_fixed(b, 4);
    if (x && y) return signed_text(y.value() - x.value(), 4) + (unit == "%" ? " pp" : "");
  } else if (unit == "count" || unit == "months") {
    if (is_integer_text(a) && is_integer_text(b)) return signed_text(std::stoll(b) - std::stoll(a), 0);
  }
  return a == b ? "=" : "≠";
}

double plot_of(const std::string& value, int scale) {
  auto v = money::parse_fixed(value, scale);
  return v ? to_plot(v.value(), scale) : std::numeric_limits<double>::quiet_NaN();
}

sim::MonthAcc sum_months(const sim::RunAcc& acc) {
  sim::MonthAcc s;
  for (const auto& a : acc.month) s.add(a);
  return s;
}

std::string total_of(const sim::StoredRun& r, const std::string& name) {
  for (const auto& t : r.totals)
    if (t.name == name) return t.value;
  return "";
}

std::string yuan_text(std::int64_t fen) { return format_yuan(Money::from_units(fen)); }

// Reads a whole number typed in the run settings.
std::optional<std::uint64_t> read_count(const std::string& text, const char* what, std::uint64_t lo, std::uint64_t hi, Lang lang, std::string& error) {
  const std::string s = trim(text);
  std::string digits;
  for (char c : s)
    if (c != ',' && c != '_') digits += c;
  if (digits.empty() || digits.size() > 19 || !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    error = std::string(translate(lang, what)) + ": " + translate(lang, "enter a whole number.");
    return std::nullopt;
  }
  const std::uint64_t v = std::stoull(digits);
  if (v < lo || v > hi) {
    error = std::string(translate(lang, what)) + ": " + translate(lang, "must be between") + " " + format_int(static_cast<std::int64_t>(lo)) + " " +
            translate(lang, "and") + " " + format_int(static_cast<std::int64_t>(hi)) + ".";
    return std::nullopt;
  }
  return v;
}

std::string run_name(const sim::RunSummary& s, Lang lang) {
  std::string when = s.created_at.size() >= 16 ? s.created_at.substr(0, 10) + " " + s.created_at.substr(11, 5) : s.created_at;
  return s.policy_name + (when.empty() ? std::string() : " · " + when) + " · " + translate(lang, "seed") + " " + std::to_string(s.seed);
}

}  // namespace finlab::web::lab
