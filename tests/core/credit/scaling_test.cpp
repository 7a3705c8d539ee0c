#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/scaling.hpp"

using namespace finlab::credit;

TEST_CASE("Points scaling gives base points at base odds and PDO per doubling", "[credit][scaling]") {
  const ScoreScaling s{};  // 600 at 50:1, PDO 20
  CHECK(score_from_odds(s, 50.0) == Approx(600.0).margin(1e-9));
  CHECK(score_from_odds(s, 100.0) == Approx(620.0).margin(1e-9));
  CHECK(score_from_odds(s, 25.0) == Approx(580.0).margin(1e-9));
  CHECK_THROWS(score_from_odds(s, 0.0));
}

TEST_CASE("Scaling reproduces DOMAIN.md worked example K (factor and offset and score checks)", "[credit][scaling]") {
  const ScoreScaling s{};
  // Factor = 20 / ln 2 = 28.853901; Offset = 600 − 28.853901 × ln 50 = 487.122876.
  CHECK(std::round(scaling_factor(s) * 1e6) / 1e6 == 28.853901);
  CHECK(std::round(scaling_offset(s) * 1e6) / 1e6 == 487.122876);
  // Check row: odds 10 → 553.56; 1 → 487.12.
  CHECK(std::round(score_from_odds(s, 10) * 100) / 100 == 553.56);
  CHECK(std::round(score_from_odds(s, 1) * 100) / 100 == 487.12);
  // Score → PD is the inverse: 600 ↔ odds 50 ↔ PD 1/51.
  CHECK(pd_from_score(s, 600) == Approx(1.0 / 51).epsilon(1e-12));
  CHECK(log_odds_from_score(s, score_from_odds(s, 7.5)) == Approx(std::log(7.5)).epsilon(1e-12));
}

TEST_CASE("Attribute points follow (β·WoE + β0/n)·factor + offset/n and round half away from zero", "[credit][scaling]") {
  const ScoreScaling s{};
  const double b0 = std::log(20.0);
  // Example K, location stability bin "< 3 m": 172.60 → 173.
  CHECK(attribute_points(s, 0.85, -0.7577, b0, 3) == Approx(172.60).margin(0.005));
  CHECK(round_points(172.5) == 173);
  CHECK(round_points(-2.5) == -3);
  CHECK(round_points(2.4999) == 2);
  CHECK_THROWS(attribute_points(s, 1, 0, 0, 0));
  CHECK_THROWS(round_points(NAN));
}
