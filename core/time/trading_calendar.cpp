#include "core/time/trading_calendar.hpp"

#include <algorithm>
#include <map>

namespace finlab::time {

namespace detail {
// Defined in the build-generated builtin_calendar.cpp (texts of assets/calendar/*.txt).
std::vector<CalendarSource> builtin_calendar_sources();
}  // namespace detail

namespace {

struct Token {
  std::string_view text;
  std::size_t column;  // 1-based
};

// Splits off the first whitespace-separated word; the rest (trimmed) is the tail.
Token next_word(std::string_view line, std::size_t& pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  const std::size_t start = pos;
  while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
  return {line.substr(start, pos - start), start + 1};
}

Token rest_of_line(std::string_view line, std::size_t pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  std::size_t end = line.size();
  while (end > pos && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  return {line.substr(pos, end - pos), pos + 1};
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 6) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::string weekday_name(Weekday w) {
  static const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return names[static_cast<int>(w)];
}

Result<CalendarYear> parse_year_file(const CalendarSource& src) {
  CalendarYear y;
  y.source_name = src.name;
  bool have_year = false, have_count = false;
  int count_line = 0;
  std::size_t line_no = 0;
  std::string_view text = src.text;
  std::map<std::int32_t, int> seen;  // date serial -> line, to report duplicates
  auto where = [&](std::size_t col) { return src.name + ":" + std::to_string(line_no) + ":" + std::to_string(col) + ": "; };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    start = end + 1;
    std::size_t pos = 0;
    const Token kw = next_word(line, pos);
    if (kw.text.empty()) {
      if (end == text.size()) break;
      continue;
    }
    if (kw.text[0] == '#') {
      const Token rest = rest_of_line(line, kw.column - 1);
      constexpr std::string_view tag = "# source:";
      if (rest.text.substr(0, tag.size()) == tag) y.sources.emplace_back(rest_of_line(rest.text, tag.size()).text);
      if (end == text.size()) break;
      continue;
    }
    if (kw.text == "year") {
      const Token v = next_word(line, pos);
      int yr = 0;
      if (have_year) return fail(where(kw.column) + "a second 'year' line (a file covers one year)");
      if (!parse_int(v.text, yr) || yr < 1990 || yr > 2100)
        return fail(where(v.column) + "expected a year such as 2015 after 'year', got \"" + std::string(v.text) + "\"");
      if (!rest_of_line(line, pos).text.empty()) return fail(where(rest_of_line(line, pos).column) + "unexpected text after the year");
      y.year = yr;
      have_year = true;
    } else if (kw.text == "trading_days") {
      const Token v = next_word(line, pos);
      int n = 0;
      if (!have_year) return fail(where(kw.column) + "'trading_days' before the 'year' line");
      if (have_count) return fail(where(kw.column) + "a second 'trading_days' line");
      if (!parse_int(v.text, n) || n > 366)
        return fail(where(v.column) + "expected a count of trading days after 'trading_days', got \"" + std::string(v.text) + "\"");
      y.trading_days = n;
      have_count = true;
      count_line = static_cast<int>(line_no);
    } else if (kw.text == "closed" || kw.text == "makeup") {
      const bool closed = kw.text == "closed";
      if (!have_year) return fail(where(kw.column) + "'" + std::string(kw.text) + "' before the 'year' line");
      const Token dt = next_word(line, pos);
      auto d = Date::parse(dt.text);
      if (!d) return fail(where(dt.column) + d.error());
      const Date date = d.value();
      if (date.year() != y.year)
        return fail(where(dt.column) + date.to_string() + " is not in " + std::to_string(y.year) + " (this file covers " + std::to_string(y.year) + ")");
      const Token name = rest_of_line(line, pos);
      if (name.text.empty())
        return fail(where(name.column) + (closed ? "expected the holiday's name after the date" : "expected a note after the date"));
      if (auto it = seen.find(date.serial()); it != seen.end())
        return fail(where(dt.column) + date.to_string() + " is already listed on line " + std::to_string(it->second));
      seen[date.serial()] = static_cast<int>(line_no);
      if (closed) {
        if (date.is_weekend())
          return fail(where(dt.column) + date.to_string() + " is a " + weekday_name(date.weekday()) +
                      "; weekends are always closed, list only weekday closures");
        y.closures.push_back({date, std::string(name.text)});
      } else {
        if (!date.is_weekend())
          return fail(where(dt.column) + date.to_string() + " is a " + weekday_name(date.weekday()) +
                      "; a make-up working day is a Saturday or Sunday");
        y.makeup_days.push_back({date, std::string(name.text)});
      }
    } else {
      return fail(where(kw.column) + "unknown directive \"" + std::string(kw.text) +
                  "\" (expected year, trading_days, closed, makeup or a # comment)");
    }
    if (end == text.size()) break;
  }
  if (!have_year) return fail(src.name + ": no 'year' line");
  if (!have_count) return fail(src.name + ": no 'trading_days' line (the checksum of the year's trading days)");
  std::sort(y.closures.begin(), y.closures.end(), [](const Closure& a, const Closure& b) { return a.date < b.date; });
  std::sort(y.makeup_days.begin(), y.makeup_days.end(), [](const MakeupDay& a, const MakeupDay& b) { return a.date < b.date; });
  int weekdays = 0;
  for (Date d = Date::ymd(y.year, 1, 1); d.year() == y.year; d = d.plus_days(1))
    if (!d.is_weekend()) ++weekdays;
  const int counted = weekdays - static_cast<int>(y.closures.size());
  if (counted != y.trading_days)
    return fail(src.name + ":" + std::to_string(count_line) + ": 'trading_days " + std::to_string(y.trading_days) + "' but " +
                std::to_string(weekdays) + " weekdays minus " + std::to_string(y.closures.size()) + " closures give " +
                std::to_string(counted));
  return y;
}

}  // namespace

Result<TradingCalendar> TradingCalendar::parse(std::string_view name, std::string_view text) {
  return parse(std::vector<CalendarSource>{{std::string(name), text}});
}

Result<TradingCalendar> TradingCalendar::parse(const std::vector<CalendarSource>& files) {
  if (files.empty()) return fail("no calendar files given");
  TradingCalendar cal;
  for (const auto& f : files) {
    auto y = parse_year_file(f);
    if (!y) return fail(y.error());
    for (const auto& other : cal.years_)
      if (other.year == y.value().year)
        return fail(f.name + ": year " + std::to_string(other.year) + " is already given by " + other.source_name);
    cal.years_.push_back(std::move(y).value());
  }
  std::sort(cal.years_.begin(), cal.years_.end(), [](const CalendarYear& a, const CalendarYear& b) { return a.year < b.year; });
  cal.first_year_ = cal.years_.front().year;
  cal.last_year_ = cal.years_.back().year;
  cal.base_serial_ = Date::ymd(cal.first_year_, 1, 1).serial();
  const std::int32_t end = Date::ymd(cal.last_year_ + 1, 1, 1).serial();
  cal.day_flags_.assign(static_cast<std::size_t>(end - cal.base_serial_), 0);
  for (const auto& y : cal.years_) {
    std::size_t c = 0;
    for (Date d = Date::ymd(y.year, 1, 1); d.year() == y.year; d = d.plus_days(1)) {
      std::uint8_t f = covered_bit;
      const bool closed = c < y.closures.size() && y.closures[c].date == d;
      if (closed) ++c;
      if (!d.is_weekend() && !closed) f |= trading_bit;
      cal.day_flags_[static_cast<std::size_t>(d.serial() - cal.base_serial_)] = f;
    }
  }
  cal.trading_before_.assign(cal.day_flags_.size() + 1, 0);
  for (std::size_t i = 0; i < cal.day_flags_.size(); ++i)
    cal.trading_before_[i + 1] = cal.trading_before_[i] + ((cal.day_flags_[i] & trading_bit) ? 1 : 0);
  return cal;
}

const TradingCalendar& TradingCalendar::builtin() {
  static const TradingCalendar cal = [] {
    auto r = parse(detail::builtin_calendar_sources());
    if (!r) throw Error("the built-in trading calendar does not parse: " + r.error());
    return std::move(r).value();
  }();
  return cal;
}

std::vector<int> TradingCalendar::years() const {
  std::vector<int> out;
  for (const auto& y : years_) out.push_back(y.year);
  return out;
}

const CalendarYear* TradingCalendar::year_info(int year) const {
  for (const auto& y : years_)
    if (y.year == year) return &y;
  return nullptr;
}

std::uint8_t TradingCalendar::flags(Date d) const {
  const std::int64_t i = static_cast<std::int64_t>(d.serial()) - base_serial_;
  if (i < 0 || i >= static_cast<std::int64_t>(day_flags_.size())) return 0;
  return day_flags_[static_cast<std::size_t>(i)];
}

bool TradingCalendar::covers(Date d) const { return (flags(d) & covered_bit) != 0; }

Result<Date> TradingCalendar::check_covered(Date d) const {
  if (covers(d)) return d;
  std::string range;
  if (years_.empty()) range = "no years";
  else if (static_cast<int>(years_.size()) == last_year_ - first_year_ + 1) range = std::to_string(first_year_) + ".." + std::to_string(last_year_);
  else
    for (const auto& y : years_) range += (range.empty() ? "" : ", ") + std::to_string(y.year);
  return fail("no trading calendar for " + std::to_string(d.year()) + " (needed for " + d.to_string() + "; the calendar covers " + range + ")");
}

void TradingCalendar::require_covered(Date d, const char* what) const {
  if (!covers(d)) throw Error(std::string(what) + ": " + check_covered(d).error());
}

bool TradingCalendar::is_trading_day(Date d) const {
  const std::uint8_t f = flags(d);
  if (!(f & covered_bit)) require_covered(d, "is_trading_day");
  return (f & trading_bit) != 0;
}

Date TradingCalendar::next_trading_day(Date d) const {
  for (Date x = d.plus_days(1);; x = x.plus_days(1)) {
    const std::uint8_t f = flags(x);
    if (!(f & covered_bit)) require_covered(x, ("next_trading_day(" + d.to_string() + ")").c_str());
    if (f & trading_bit) return x;
  }
}

Date TradingCalendar::previous_trading_day(Date d) const {
  for (Date x = d.plus_days(-1);; x = x.plus_days(-1)) {
    const std::uint8_t f = flags(x);
    if (!(f & covered_bit)) require_covered(x, ("previous_trading_day(" + d.to_string() + ")").c_str());
    if (f & trading_bit) return x;
  }
}

Date TradingCalendar::trading_day_on_or_after(Date d) const {
  return is_trading_day(d) ? d : next_trading_day(d);
}

int TradingCalendar::trading_days_between(Date a, Date b) const {
  if (b < a) return -trading_days_between(b, a);
  if (a == b) return 0;
  require_covered(a, "trading_days_between");
  require_covered(b.plus_days(-1), "trading_days_between");
  // Every year between must be covered too.
  for (int yr = a.year(); yr <= b.plus_days(-1).year(); ++yr)
    if (!year_info(yr)) require_covered(Date::ymd(yr, 1, 1), "trading_days_between");
  const auto i = static_cast<std::size_t>(a.serial() - base_serial_);
  const auto j = static_cast<std::size_t>(b.serial() - base_serial_);
  return trading_before_[j] - trading_before_[i];
}

const Closure* TradingCalendar::closure_on(Date d) const {
  const CalendarYear* y = year_info(d.year());
  if (!y) return nullptr;
  auto it = std::lower_bound(y->closures.begin(), y->closures.end(), d, [](const Closure& c, Date x) { return c.date < x; });
  return (it != y->closures.end() && it->date == d) ? &*it : nullptr;
}

const MakeupDay* TradingCalendar::makeup_on(Date d) const {
  const CalendarYear* y = year_info(d.year());
  if (!y) return nullptr;
  for (const auto& m : y->makeup_days)
    if (m.date == d) return &m;
  return nullptr;
}

std::string TradingCalendar::why_closed(Date d) const {
  if (is_trading_day(d)) return {};
  if (const Closure* c = closure_on(d)) return c->holiday;
  std::string s = weekday_name(d.weekday());
  if (makeup_on(d)) return s + ", a make-up working day (not a trading day)";
  // A weekend inside a holiday: name the holiday of the adjacent Friday or Monday closure.
  const bool sat = d.weekday() == Weekday::saturday;
  const Closure* fri = closure_on(d.plus_days(sat ? -1 : -2));
  const Closure* mon = closure_on(d.plus_days(sat ? 2 : 1));
  if (fri || mon) s += ", " + (fri ? fri : mon)->holiday;
  return s;
}

}  // namespace finlab::time
