// CSV of daily bars: a strict reader with FILE:LINE:COLUMN errors.
#include "core/securities/bars.hpp"

#include <charconv>

namespace finlab::securities {

namespace {

std::vector<std::string_view> split_fields(std::string_view line, std::vector<std::size_t>& columns) {
  std::vector<std::string_view> out;
  columns.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    columns.push_back(start + 1);
    out.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<Bar>> parse_bars_csv(std::string_view name, std::string_view text, const time::TradingCalendar& calendar) {
  std::vector<Bar> bars;
  std::size_t pos = 0;
  int line_no = 0;
  bool header_seen = false;
  std::vector<std::size_t> cols;
  const auto where = [&](std::size_t col) { return std::string(name) + ":" + std::to_string(line_no) + ":" + std::to_string(col) + ": "; };
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (pos > text.size()) break;
      continue;
    }
    const auto f = split_fields(line, cols);
    if (!header_seen) {
      if (line != "date,open,high,low,close,volume")
        return fail(where(1) + "expected the header \"date,open,high,low,close,volume\", got \"" + std::string(line) + "\"");
      header_seen = true;
      continue;
    }
    if (f.size() != 6) return fail(where(1) + "expected 6 fields (date,open,high,low,close,volume), got " + std::to_string(f.size()));
    Bar b;
    auto d = time::Date::parse(f[0]);
    if (!d) return fail(where(cols[0]) + "date: " + d.error());
    b.date = *d;
    if (!calendar.covers(b.date)) return fail(where(cols[0]) + calendar.check_covered(b.date).error());
    if (!calendar.is_trading_day(b.date)) return fail(where(cols[0]) + b.date.to_string() + " is not a trading day (" + calendar.why_closed(b.date) + ")");
    if (!bars.empty() && b.date <= bars.back().date)
      return fail(where(cols[0]) + "date " + b.date.to_string() + " is not after the previous row's " + bars.back().date.to_string());
    money::Money* prices[4] = {&b.open, &b.high, &b.low, &b.close};
    const char* names[4] = {"open", "high", "low", "close"};
    for (int k = 0; k < 4; ++k) {
      auto p = money::Money::parse(f[k + 1]);
      if (!p) return fail(where(cols[k + 1]) + names[k] + ": " + p.error());
      if (!p->is_positive()) return fail(where(cols[k + 1]) + names[k] + " must be positive, got " + p->to_string());
      *prices[k] = *p;
    }
    const std::string_view v = f[5];
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), b.volume);
    if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || b.volume < 0)
      return fail(where(cols[5]) + "volume: expected a whole number of shares >= 0, got \"" + std::string(v) + "\"");
    if (b.high < b.open || b.high < b.close || b.high < b.low)
      return fail(where(cols[2]) + "high " + b.high.to_string() + " is below the open, low or close");
    if (b.low > b.open || b.low > b.close)
      return fail(where(cols[3]) + "low " + b.low.to_string() + " is above the open or close");
    bars.push_back(b);
  }
  if (!header_seen) return fail(std::string(name) + ":1:1: empty file (expected the header \"date,open,high,low,close,volume\")");
  return bars;
}

}  // namespace finlab::securities
