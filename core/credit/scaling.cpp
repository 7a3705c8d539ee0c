#include "core/credit/scaling.hpp"

#include <cmath>

#include "core/error.hpp"

namespace finlab::credit {

double score_from_odds(const ScoreScaling& s, double odds) {
  FINLAB_REQUIRE(odds > 0, "score_from_odds: odds must be positive, got " << odds);
  const double factor = s.pdo / std::log(2.0);
  const double offset = s.base_points - factor * std::log(s.base_odds);
  return offset + factor * std::log(odds);
}

}  // namespace finlab::credit
