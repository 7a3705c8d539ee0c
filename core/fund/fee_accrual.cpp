#include "core/fund/fee_accrual.hpp"

namespace finlab::fund {

money::Money daily_fee(money::Money nav_prev, money::Rate annual_rate, int days_in_year) {
  FINLAB_REQUIRE(days_in_year == 365 || days_in_year == 366, "daily_fee: days_in_year must be 365 or 366, got " << days_in_year);
  return money::apply_rate(nav_prev, annual_rate, days_in_year, money::Rounding::half_up);
}

}  // namespace finlab::fund
