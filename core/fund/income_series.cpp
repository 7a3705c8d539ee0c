#include "core/fund/income_series.hpp"

namespace finlab::fund {

IncomeSeries::IncomeSeries(time::Date first, std::vector<money::IncomePer10k> values) : first_(first), values_(std::move(values)) {}

std::optional<money::IncomePer10k> IncomeSeries::on(time::Date d) const {
  if (!contains(d)) return std::nullopt;
  return values_[static_cast<std::size_t>(d - first_)];
}

Result<IncomeSeries> load_income_series(std::span<const IncomeRow> rows) {
  if (rows.empty()) return fail("no rows: expected one income_per_10k per natural day");
  std::vector<money::IncomePer10k> values;
  time::Date first, prev;
  int prev_line = 0;
  for (const auto& row : rows) {
    const std::string at = "line " + std::to_string(row.line) + ": ";
    auto d = time::Date::parse(row.date);
    if (!d) return fail(at + "date: " + d.error());
    auto v = money::IncomePer10k::parse(row.income_per_10k);
    if (!v) return fail(at + "income_per_10k: " + v.error());
    if (values.empty()) {
      first = d.value();
    } else if (d.value() == prev) {
      return fail(at + "date " + prev.to_string() + " repeats (first on line " + std::to_string(prev_line) + ")");
    } else if (d.value() < prev) {
      return fail(at + "date " + d.value().to_string() + " comes after " + prev.to_string() + " (line " + std::to_string(prev_line) +
                  "): rows must be in date order");
    } else if (d.value() != prev.plus_days(1)) {
      return fail(at + prev.plus_days(1).to_string() + " is missing (the series must list every natural day; this row is " +
                  d.value().to_string() + ")");
    }
    values.push_back(v.value());
    prev = d.value();
    prev_line = row.line;
  }
  return IncomeSeries(first, std::move(values));
}

}  // namespace finlab::fund
