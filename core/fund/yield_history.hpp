// The history of money market fund yields as data: dated 7-day annualised
// yields (after fund fees) of large MMFs, 2015-2026, each with its status and
// source (assets/market/mmf_yield.csv; DOMAIN.md §1.8; docs/fund.md). The
// fund yield model reverts to this path (fund_path.hpp), so a run that starts
// in 2019 pays about 2019's yields.
//
// Like the trading calendar (core/time), this class does no I/O: parse()
// takes the file's text, and builtin() is the file compiled into the library
// at build time (works natively, in wasm and in the browser).
//
// Between two rows the level is interpolated linearly by day (integer math,
// half-up to a Rate unit); before the first row the first value holds, after
// the last row the last value holds. All [D], documented in docs/fund.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/money/rate.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::fund {

enum class YieldStatus : char {
  cited = 'C',      // value and date from a cited source
  uncertain = 'U',  // date or level approximate
  design = 'D',     // an anchor we set (e.g. the last level held)
};

struct YieldPoint {
  time::Date date;
  money::Rate yield;  // annual, after fees (the published 7-day yield)
  YieldStatus status = YieldStatus::cited;
  std::string source;
  int line = 0;  // line in the file (for messages)
};

class YieldHistory {
public:
  // Errors say "NAME:LINE:COLUMN: what".
  static Result<YieldHistory> parse(std::string_view name, std::string_view text);
  // assets/market/mmf_yield.csv, compiled in; parsed once on first use.
  static const YieldHistory& builtin();

  const std::vector<YieldPoint>& points() const { return points_; }
  const std::string& source_name() const { return name_; }
  time::Date first_date() const { return points_.front().date; }
  time::Date last_date() const { return points_.back().date; }

  // The 7-day yield on day d: linear between the rows around d, flat outside.
  money::Rate on(time::Date d) const;
  // on(first), on(first + 1), ... for `days` days.
  std::vector<money::Rate> daily(time::Date first, int days) const;

private:
  std::string name_;
  std::vector<YieldPoint> points_;  // at least one, dates strictly ascending
};

}  // namespace finlab::fund
