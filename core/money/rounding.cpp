#include "core/money/rounding.hpp"

namespace finlab::money {

std::string_view to_string(Rounding mode) {
  switch (mode) {
    case Rounding::half_up: return "half-up";
    case Rounding::half_even: return "half-even";
    case Rounding::truncate: return "truncate";
    case Rounding::floor: return "floor";
    case Rounding::ceiling: return "ceiling";
  }
  return "?";
}

}  // namespace finlab::money
