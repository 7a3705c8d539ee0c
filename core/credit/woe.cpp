#include "core/credit/woe.hpp"

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

double woe(double good, double bad, double total_good, double total_bad, double adjust) {
  FINLAB_REQUIRE(total_good > 0 && total_bad > 0, "woe: totals must be positive, got " << total_good << " goods, "
                                                                                         << total_bad << " bads");
  const double g = good > 0 ? good : adjust;
  const double b = bad > 0 ? bad : adjust;
  return math::log((g / total_good) / (b / total_bad));
}

double iv_part(double good, double bad, double total_good, double total_bad, double adjust) {
  const double g = good > 0 ? good : adjust;
  const double b = bad > 0 ? bad : adjust;
  return (g / total_good - b / total_bad) * woe(good, bad, total_good, total_bad, adjust);
}

const char* iv_strength(double iv) {
  if (iv < 0.02) return "useless";
  if (iv < 0.1) return "weak";
  if (iv < 0.3) return "medium";
  if (iv <= 0.5) return "strong";
  return "suspicious";
}

}  // namespace finlab::credit
