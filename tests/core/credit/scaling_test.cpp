#include <catch2/catch.hpp>

#include "core/credit/scaling.hpp"

using namespace finlab::credit;

TEST_CASE("Points scaling gives base points at base odds and PDO per doubling", "[credit][scaling]") {
  const ScoreScaling s{};  // 600 at 50:1, PDO 20
  CHECK(score_from_odds(s, 50.0) == Approx(600.0).margin(1e-9));
  CHECK(score_from_odds(s, 100.0) == Approx(620.0).margin(1e-9));
  CHECK(score_from_odds(s, 25.0) == Approx(580.0).margin(1e-9));
  CHECK_THROWS(score_from_odds(s, 0.0));
}
