#include "core/portfolio/lot.hpp"

namespace finlab::portfolio {

int holding_days(const Lot& lot, time::Date as_of) {
  FINLAB_REQUIRE(as_of >= lot.confirmed_on, "holding_days: as_of " << as_of.to_string() << " before confirmation " << lot.confirmed_on.to_string());
  return as_of - lot.confirmed_on;
}

}  // namespace finlab::portfolio
