#include "core/portfolio/plan.hpp"

#include "core/portfolio/joint_nav_model.hpp"

#include "core/money/high_precision.hpp"

namespace finlab::portfolio {

std::string Recurrence::describe() const {
  if (every == Every::month) {
    return day_of_month >= 29 ? "monthly on day " + std::to_string(day_of_month) + " (or the month's last day)"
                              : "monthly on day " + std::to_string(day_of_month);
  }
  return "weekly on " + std::string(time::to_string(weekday));
}

std::vector<money::Rate> Plan::correlation_matrix() const {
  if (!correlation.empty()) return correlation;
  const std::size_t n = funds.size();
  std::vector<money::Rate> m(n * n, default_index_correlation());
  for (std::size_t i = 0; i < n; ++i) m[i * n + i] = money::Rate::ratio("1");
  return m;
}

std::optional<std::size_t> Plan::fund_index(const std::string& id) const {
  for (std::size_t i = 0; i < funds.size(); ++i) {
    if (funds[i].id == id) return i;
  }
  return std::nullopt;
}

money::IncomePer10k income_per_10k_for_annual_yield(money::Rate annual_yield) {
  using money::HighDecimal;
  FINLAB_REQUIRE(annual_yield.units() > -money::Rate::one_units, "annual yield " << annual_yield.to_percent_string() << "% must exceed -100%");
  const HighDecimal one(1);
  const HighDecimal daily = boost::multiprecision::pow(one + money::to_high(annual_yield), one / HighDecimal(365)) - one;
  return money::from_high<money::IncomePer10k>(daily * HighDecimal(10000), money::Rounding::half_up);
}

}  // namespace finlab::portfolio
