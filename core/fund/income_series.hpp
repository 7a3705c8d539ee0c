// A published daily 万份收益 series: one value per consecutive natural day
// (funds publish holidays and weekends too, DOMAIN.md §1.4). Built from rows
// that the caller has already split out of a file (core does no I/O): each row
// keeps its line number, so errors say "line 7: ..." and the caller adds the
// file name.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/money/money.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::fund {

struct IncomeRow {
  int line = 0;                // 1-based line in the source file
  std::string date;            // "2015-05-12"
  std::string income_per_10k;  // "1.2012" (at most 4 decimals; may be negative)
};

class IncomeSeries {
public:
  IncomeSeries() = default;
  IncomeSeries(time::Date first, std::vector<money::IncomePer10k> values);

  bool empty() const { return values_.empty(); }
  std::size_t size() const { return values_.size(); }
  time::Date first() const { return first_; }
  time::Date last() const { return first_.plus_days(static_cast<std::int32_t>(values_.size()) - 1); }
  bool contains(time::Date d) const { return !empty() && d >= first_ && d <= last(); }
  std::optional<money::IncomePer10k> on(time::Date d) const;
  std::span<const money::IncomePer10k> values() const { return values_; }
  time::Date date_at(std::size_t i) const { return first_.plus_days(static_cast<std::int32_t>(i)); }

private:
  time::Date first_;
  std::vector<money::IncomePer10k> values_;
};

// Rows must be in date order, one per natural day, without gaps or repeats.
// Errors: "line 4: date: no such date: 2015-02-30 ...", "line 6: 2015-05-15 is
// missing (the series must list every natural day; this row is 2015-05-16)".
Result<IncomeSeries> load_income_series(std::span<const IncomeRow> rows);

}  // namespace finlab::fund
