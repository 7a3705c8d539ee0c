// Conversions between quoted rate periods (DOMAIN.md §2.1): bank convention
// annual = monthly × 12 = daily × 360; online lenders often daily × 365.
#pragma once

#include "core/money/rate.hpp"

namespace finlab::loan {

enum class DayBasis { act_360 = 360, act_365 = 365 };

// Daily rate from an annual one: annual ÷ basis, exact to 10^-10, half-up.
money::Rate daily_from_annual(money::Rate annual, DayBasis basis);
// Annual simple rate from a daily one: daily × basis (exact).
money::Rate annual_from_daily(money::Rate daily, DayBasis basis);

}  // namespace finlab::loan
