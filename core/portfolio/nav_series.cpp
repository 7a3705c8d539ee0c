#include "core/portfolio/nav_series.hpp"

#include <algorithm>

#include "core/excerpt.hpp"


namespace finlab::portfolio {

using time::Date;

namespace {

struct Cell {
  std::string_view text;
  int column;  // 1-based column of its first character
};

std::vector<Cell> split_row(std::string_view line) {
  std::vector<Cell> cells;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    cells.push_back({line.substr(start, end - start), static_cast<int>(start) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return cells;
}

std::string where(const std::string& name, int line, int col) {
  return name + ":" + std::to_string(line) + ":" + std::to_string(col);
}

}  // namespace

Result<NavHistory> parse_nav_csv(std::string_view text, const std::string& name, const time::TradingCalendar& cal) {
  NavHistory h;
  h.name = name;
  int line_no = 0;
  bool header = false;
  bool with_dividend = false;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 BOM
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (pos > text.size()) break;
      continue;
    }
    const auto cells = split_row(line);
    if (!header) {
      header = true;
      const bool date_first = cells[0].text == "date";
      if (date_first && cells.size() == 2 && cells[1].text == "nav") h.kind = NavHistory::Kind::nav;
      else if (date_first && cells.size() == 3 && cells[1].text == "nav" && cells[2].text == "dividend") h.kind = NavHistory::Kind::nav;
      else if (date_first && cells.size() == 2 && cells[1].text == "close") h.kind = NavHistory::Kind::close;
      else {
        return fail(where(name, line_no, 1) + ": expected the header `date,nav`, `date,nav,dividend` or `date,close`, got `" +
                    excerpt(line) + "`");
      }
      with_dividend = cells.size() == 3;
      continue;
    }
    const std::size_t columns = with_dividend ? 3 : 2;
    if (cells.size() != columns) {
      return fail(where(name, line_no, 1) + ": expected " + std::to_string(columns) + " columns, got " + std::to_string(cells.size()));
    }
    auto d = Date::parse(cells[0].text);
    if (!d) return fail(where(name, line_no, cells[0].column) + ": " + d.error());
    if (auto c = cal.check_covered(d.value()); !c) return fail(where(name, line_no, cells[0].column) + ": " + c.error());
    if (!cal.is_trading_day(d.value())) {
      return fail(where(name, line_no, cells[0].column) + ": " + d->to_string() + " is not a trading day (" + cal.why_closed(d.value()) + ")");
    }
    if (!h.dates.empty() && !(d.value() > h.dates.back())) {
      return fail(where(name, line_no, cells[0].column) + ": " + d->to_string() + " does not come after " + h.dates.back().to_string() +
                  " (line " + std::to_string(h.lines.back()) + "); rows must be in increasing date order");
    }
    auto v = Nav::parse(cells[1].text);  // 4 decimals for both NAVs and closes
    if (!v) return fail(where(name, line_no, cells[1].column) + ": " + (h.kind == NavHistory::Kind::close ? "close" : "nav") + ": " + v.error());
    if (!v->is_positive()) return fail(where(name, line_no, cells[1].column) + ": " + std::string(cells[1].text) + " must be positive");
    std::int64_t div = 0;
    if (with_dividend && !cells[2].text.empty()) {
      auto dv = Nav::parse(cells[2].text);
      if (!dv) return fail(where(name, line_no, cells[2].column) + ": dividend: " + dv.error());
      if (dv->is_negative()) return fail(where(name, line_no, cells[2].column) + ": dividend " + std::string(cells[2].text) + " is negative");
      div = dv->units();
    }
    h.dates.push_back(d.value());
    h.values.push_back(v->units());
    h.dividends.push_back(div);
    h.lines.push_back(line_no);
    if (pos > text.size()) break;
  }
  if (!header) return fail(name + ": empty file (expected a header `date,nav` or `date,close`)");
  if (h.dates.empty()) return fail(name + ": no rows after the header");
  return h;
}

Date last_date(const NavHistory& h) { return h.dates.back(); }

Result<AlignedNav> align_nav(const NavHistory& h, const Schedule& s, Nav start_nav) {
  AlignedNav out;
  out.nav_units.resize(s.size());
  out.dividend_units.assign(s.size(), 0);
  auto it = std::lower_bound(h.dates.begin(), h.dates.end(), s.days.front());
  std::size_t k = static_cast<std::size_t>(it - h.dates.begin());
  std::int64_t base_close = 0;
  for (std::size_t i = 0; i < s.size(); ++i, ++k) {
    if (k >= h.dates.size() || h.dates[k] != s.days[i]) {
      std::string ctx;
      if (k > 0 && k <= h.dates.size()) ctx += "after line " + std::to_string(h.lines[k - 1]) + ", " + h.dates[k - 1].to_string();
      if (k < h.dates.size()) ctx += (ctx.empty() ? "before line " : "; before line ") + std::to_string(h.lines[k]) + ", " + h.dates[k].to_string();
      if (k >= h.dates.size()) ctx += (ctx.empty() ? "" : "; ") + std::string("the file ends");
      return fail(h.name + ": no row for trading day " + s.days[i].to_string() + " (" + ctx + ")");
    }
    if (h.kind == NavHistory::Kind::nav) {
      out.nav_units[i] = h.values[k];
      out.dividend_units[i] = h.dividends[k];
    } else {
      if (i == 0) base_close = h.values[k];
      // NAV = start × close / close_0, half-up to 4 decimals (exact in 128 bits).
      out.nav_units[i] = money::narrow_checked(
          money::div_round(money::int128(start_nav.units()) * h.values[k], base_close, money::Rounding::half_up), "scaled NAV");
      if (out.nav_units[i] < 1) out.nav_units[i] = 1;
    }
  }
  return out;
}

}  // namespace finlab::portfolio
