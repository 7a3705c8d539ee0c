// Daily fee accrual of a money market fund (DOMAIN.md §1.2):
// H = E_prev × annual_rate ÷ days_in_current_year, half-up to the fen.
#pragma once

#include "core/money/rate.hpp"

namespace finlab::fund {

// A day's fee on the previous day's net asset value. `days_in_year` is 365 or
// 366 (当年天数).
money::Money daily_fee(money::Money nav_prev, money::Rate annual_rate, int days_in_year);

}  // namespace finlab::fund
