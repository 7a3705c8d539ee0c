// The China exchange (SSE/SZSE) trading calendar: which days trade, from the
// exchanges' yearly closure notices kept as data (assets/calendar/YYYY.txt,
// one file per year, each citing its sources; DOMAIN.md §4). Trading days are
// Monday..Friday minus the listed closures; weekend make-up working days
// (调休上班) are recorded but are NOT trading days. A date in a year without
// data is an error, never a guess.
//
// This class does no I/O: parse() takes the text of the year files, and
// builtin() is a calendar compiled into the library from assets/calendar/*.txt
// at build time (CMake embeds the texts), so it works in wasm and the browser.
//
// File format (one directive per line; blank lines and lines starting with '#'
// are ignored; `# source:` lines cite the notice):
//   year 2015                      the year this file covers (exactly once, first)
//   trading_days 244               checksum: the parser recounts and must agree
//   closed 2015-10-01 National Day weekday market closure + holiday name
//   makeup 2015-10-10 note         weekend make-up working day (not trading)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::time {

struct CalendarSource {
  std::string name;       // shown in errors: "2015.txt"
  std::string_view text;  // the file's content (must outlive parse())
};

struct Closure {
  Date date;
  std::string holiday;  // "National Day (国庆节)"
};

struct MakeupDay {
  Date date;
  std::string note;
};

struct CalendarYear {
  int year = 0;
  int trading_days = 0;
  std::string source_name;           // "2015.txt"
  std::vector<std::string> sources;  // text after "# source:"
  std::vector<Closure> closures;     // sorted by date
  std::vector<MakeupDay> makeup_days;
};

class TradingCalendar {
public:
  // Parse one or more year files. Errors say "NAME:LINE:COLUMN: what".
  static Result<TradingCalendar> parse(const std::vector<CalendarSource>& files);
  static Result<TradingCalendar> parse(std::string_view name, std::string_view text);
  // The calendar compiled in from assets/calendar/*.txt (2015..2026). Parsed
  // once on first use; immutable afterwards (safe to share).
  static const TradingCalendar& builtin();

  // --- coverage -----------------------------------------------------------
  bool covers(Date d) const;
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  std::vector<int> years() const;
  const CalendarYear* year_info(int year) const;  // nullptr when not covered
  // d itself, or a failure "no trading calendar for 2027 (the calendar covers
  // 2015..2026)". Use it to turn bad user input into a message instead of an
  // exception.
  Result<Date> check_covered(Date d) const;

  // --- queries (each throws finlab::Error naming the year when a date it
  // needs is not covered) ------------------------------------------------------
  bool is_trading_day(Date d) const;
  Date next_trading_day(Date d) const;        // first trading day strictly after d
  Date previous_trading_day(Date d) const;    // last trading day strictly before d
  Date trading_day_on_or_after(Date d) const;
  // Number of trading days t with a <= t < b (QuantLib's businessDaysBetween
  // default); negative when b < a. trading_days_between(2016-01-01, 2017-01-01) == 244.
  int trading_days_between(Date a, Date b) const;

  // --- explanations ------------------------------------------------------------
  const Closure* closure_on(Date d) const;     // weekday closure on d, or nullptr
  const MakeupDay* makeup_on(Date d) const;    // make-up working day on d, or nullptr
  // Why d is not a trading day: "Saturday", "Saturday, National Day (国庆节)"
  // (a weekend next to a closure), "Sunday, a make-up working day (not a
  // trading day)", "National Day (国庆节)"; empty for a trading day.
  std::string why_closed(Date d) const;

private:
  enum : std::uint8_t { covered_bit = 1, trading_bit = 2 };
  std::uint8_t flags(Date d) const;
  void require_covered(Date d, const char* what) const;

  int first_year_ = 0;
  int last_year_ = -1;
  std::int32_t base_serial_ = 0;             // serial of first_year-01-01
  std::vector<std::uint8_t> day_flags_;      // one per day from base_serial_
  std::vector<std::int32_t> trading_before_; // trading days in [base, base+i)
  std::vector<CalendarYear> years_;          // sorted by year
};

}  // namespace finlab::time
