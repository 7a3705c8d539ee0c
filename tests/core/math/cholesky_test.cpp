#include <catch2/catch.hpp>

#include <cmath>

#include "core/math/cholesky.hpp"

using namespace finlab;

TEST_CASE("Cholesky known answers: L·Lᵀ = A, and the row where a matrix is not positive semidefinite", "[math][cholesky]") {
  // [[4, 2], [2, 3]] = [[2, 0], [1, √2]] · [[2, 1], [0, √2]]  (by hand: L00 = √4, L10 = 2/2, L11 = √(3 − 1)).
  const double a[] = {4, 2, 2, 3};
  const auto c = math::cholesky(a, 2);
  REQUIRE(c.ok());
  CHECK(c.lower[0] == 2.0);
  CHECK(c.lower[1] == 0.0);
  CHECK(c.lower[2] == 1.0);
  CHECK(c.lower[3] == std::sqrt(2.0));
  // Correlation 0.85: L = [[1, 0], [0.85, √(1 − 0.85²)]] = [[1, 0], [0.85, √0.2775]].
  const double r[] = {1, 0.85, 0.85, 1};
  const auto cr = math::cholesky(r, 2);
  REQUIRE(cr.ok());
  CHECK(cr.lower[2] == 0.85);
  CHECK(cr.lower[3] == std::sqrt(1.0 - 0.85 * 0.85));
  // Perfect correlation is semidefinite: accepted, second pivot 0.
  const double one[] = {1, 1, 1, 1};
  const auto co = math::cholesky(one, 2);
  REQUIRE(co.ok());
  CHECK(co.lower[3] == 0.0);
  // ρ12 = ρ23 = 0.9 but ρ13 = −0.9 cannot happen together: pivot of row 2 is 1 − 0.81 − (−0.9 − 0.81)²/0.19 < 0.
  const double bad[] = {1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1};
  const auto cb = math::cholesky(bad, 3);
  CHECK_FALSE(cb.ok());
  CHECK(cb.failed_row == 2);
  CHECK(cb.pivot < -1.0);
}
