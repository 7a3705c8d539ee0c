// Holding lots of a NAV-based fund, kept first-in first-out.
#pragma once

#include "core/money/money.hpp"
#include "core/time/date.hpp"

namespace finlab::portfolio {

struct Lot {
  time::Date confirmed_on;
  money::Shares shares;
};

// Number of calendar days a lot has been held on `as_of` (0 on its confirmation day).
int holding_days(const Lot& lot, time::Date as_of);

}  // namespace finlab::portfolio
