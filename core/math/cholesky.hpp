// Cholesky factorisation A = L·Lᵀ of a symmetric positive (semi)definite
// matrix, deterministic everywhere: only + − × ÷ and IEEE sqrt (correctly
// rounded), in a fixed order, so natively and in wasm the factor has the same
// bits. Used to draw correlated shocks (core/portfolio's joint NAV model).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace finlab::math {

struct Cholesky {
  std::vector<double> lower;  // n×n row-major, zeros above the diagonal; empty when not positive semidefinite
  std::size_t failed_row = 0; // when `lower` is empty: the row whose pivot was negative
  double pivot = 0;           // that pivot (A_jj − Σ L_jk²)
  bool ok() const { return !lower.empty(); }
};

// A is n×n row-major; only its lower triangle is read (check symmetry
// before). A pivot in [−tolerance, 0] is taken as 0 (a semidefinite matrix,
// e.g. two perfectly correlated series); below −tolerance the matrix is not
// positive semidefinite and the result says which row.
Cholesky cholesky(std::span<const double> a, std::size_t n, double tolerance = 1e-12);

}  // namespace finlab::math
