#include "core/loan/rate_convention.hpp"

namespace finlab::loan {

money::Rate daily_from_annual(money::Rate annual, DayBasis basis) {
  return annual.divided_by(static_cast<int>(basis), money::Rounding::half_up);
}

money::Rate annual_from_daily(money::Rate daily, DayBasis basis) {
  return daily.times(static_cast<int>(basis));
}

}  // namespace finlab::loan
