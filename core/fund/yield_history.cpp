#include "core/fund/yield_history.hpp"

#include "core/money/rounding.hpp"

namespace finlab::fund {

namespace detail {
// Defined in the build-generated builtin_yield_history.cpp (text of assets/market/mmf_yield.csv).
std::string_view builtin_yield_history_text();
}  // namespace detail

using money::Rate;
using time::Date;

namespace {

constexpr std::string_view kHeader = "date,yield_pct,status,source";

struct Field {
  std::string_view text;
  std::size_t column;  // 1-based
};

// The next comma-separated field starting at pos (pos moves past the comma).
Field next_field(std::string_view line, std::size_t& pos) {
  if (pos > line.size()) return {{}, line.size() + 1};  // past the end: the row ended early
  const std::size_t start = pos;
  std::size_t end = line.find(',', pos);
  if (end == std::string_view::npos) end = line.size();
  pos = end < line.size() ? end + 1 : line.size() + 1;
  return {line.substr(start, end - start), start + 1};
}

// "2.308": digits, an optional point and at most 3 decimals; 0 <= value < 100.
bool valid_yield_text(std::string_view s) {
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 2 || (dot != std::string_view::npos && (frac.empty() || frac.size() > 3))) return false;
  for (char c : whole) if (c < '0' || c > '9') return false;
  for (char c : frac) if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Result<YieldHistory> YieldHistory::parse(std::string_view name, std::string_view text) {
  YieldHistory h;
  h.name_ = std::string(name);
  std::size_t line_no = 0, start = 0;
  bool have_header = false;
  auto where = [&](std::size_t col) { return h.name_ + ":" + std::to_string(line_no) + ":" + std::to_string(col) + ": "; };
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (!have_header) {
      if (line != kHeader) return fail(where(1) + "expected the header \"" + std::string(kHeader) + "\", got \"" + std::string(line) + "\"");
      have_header = true;
      continue;
    }
    std::size_t pos = 0;
    const Field date = next_field(line, pos);
    const Field yield = next_field(line, pos);
    const Field status = next_field(line, pos);
    if (pos > line.size()) return fail(where(line.size() + 1) + "expected 4 fields (date,yield_pct,status,source), the row ends early");
    const Field source{line.substr(pos), pos + 1};  // the rest of the line, commas included
    YieldPoint p;
    p.line = static_cast<int>(line_no);
    auto d = Date::parse(date.text);
    if (!d) return fail(where(date.column) + d.error());
    p.date = d.value();
    if (!h.points_.empty() && p.date <= h.points_.back().date)
      return fail(where(date.column) + "date " + p.date.to_string() + " is not after the previous row's " + h.points_.back().date.to_string() +
                  " (line " + std::to_string(h.points_.back().line) + "); rows must be in strictly ascending date order");
    if (!valid_yield_text(yield.text))
      return fail(where(yield.column) + "expected a yield in percent such as 2.308 (0 to 99.999, at most 3 decimals), got \"" +
                  std::string(yield.text) + "\"");
    p.yield = Rate::percent(yield.text);
    if (status.text != "C" && status.text != "U" && status.text != "D")
      return fail(where(status.column) + "expected a status C (cited), U (uncertain) or D (design choice), got \"" + std::string(status.text) + "\"");
    p.status = static_cast<YieldStatus>(status.text[0]);
    if (source.text.empty()) return fail(where(source.column) + "every row needs its source (the rest of the line after the status)");
    p.source = std::string(source.text);
    h.points_.push_back(std::move(p));
  }
  if (!have_header) return fail(h.name_ + ":1:1: empty file: expected the header \"" + std::string(kHeader) + "\"");
  if (h.points_.empty()) return fail(h.name_ + ":" + std::to_string(line_no) + ":1: no rows after the header");
  return h;
}

const YieldHistory& YieldHistory::builtin() {
  static const YieldHistory h = [] {
    auto r = parse("mmf_yield.csv", detail::builtin_yield_history_text());
    if (!r) throw Error("the built-in MMF yield history does not parse: " + r.error());
    return std::move(r).value();
  }();
  return h;
}

Rate YieldHistory::on(Date d) const {
  if (d <= points_.front().date) return points_.front().yield;
  if (d >= points_.back().date) return points_.back().yield;
  std::size_t i = 1;
  while (points_[i].date < d) ++i;  // points_[i-1].date < d <= points_[i].date
  const YieldPoint& a = points_[i - 1];
  const YieldPoint& b = points_[i];
  const std::int64_t span = b.date - a.date, t = d - a.date;
  const money::int128 delta = money::int128(b.yield.units() - a.yield.units()) * t;
  return Rate::from_units(a.yield.units() + money::narrow_checked(money::div_round(delta, span, money::Rounding::half_up), "YieldHistory::on"));
}

std::vector<Rate> YieldHistory::daily(Date first, int days) const {
  FINLAB_REQUIRE(days >= 0, "YieldHistory::daily: negative day count " << days);
  std::vector<Rate> out;
  out.reserve(static_cast<std::size_t>(days));
  for (int i = 0; i < days; ++i) out.push_back(on(first.plus_days(i)));
  return out;
}

}  // namespace finlab::fund
