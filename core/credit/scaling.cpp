#include "core/credit/scaling.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

namespace {
constexpr double ln2 = 0.693147180559945309417232121458176568;
}

double scaling_factor(const ScoreScaling& s) {
  FINLAB_REQUIRE(s.pdo > 0, "score scaling: PDO must be positive, got " << s.pdo);
  return s.pdo / ln2;
}

double scaling_offset(const ScoreScaling& s) {
  FINLAB_REQUIRE(s.base_odds > 0, "score scaling: base odds must be positive, got " << s.base_odds);
  return s.base_points - scaling_factor(s) * math::log(s.base_odds);
}

double score_from_odds(const ScoreScaling& s, double odds) {
  FINLAB_REQUIRE(odds > 0, "score_from_odds: odds must be positive, got " << odds);
  return score_from_log_odds(s, math::log(odds));
}

double score_from_log_odds(const ScoreScaling& s, double log_odds) {
  return scaling_offset(s) + scaling_factor(s) * log_odds;
}

double log_odds_from_score(const ScoreScaling& s, double score) {
  return (score - scaling_offset(s)) / scaling_factor(s);
}

double pd_from_score(const ScoreScaling& s, double score) {
  // PD = 1 / (1 + odds_good) = logistic(−ln odds_good)
  return math::logistic(-log_odds_from_score(s, score));
}

double attribute_points(const ScoreScaling& s, double beta, double woe, double intercept, int n) {
  FINLAB_REQUIRE(n > 0, "attribute_points: number of characteristics must be positive, got " << n);
  return (beta * woe + intercept / n) * scaling_factor(s) + scaling_offset(s) / n;
}

int round_points(double points) {
  FINLAB_REQUIRE(std::isfinite(points), "round_points: points must be finite, got " << points);
  return static_cast<int>(points < 0 ? -std::floor(-points + 0.5) : std::floor(points + 0.5));
}

}  // namespace finlab::credit
