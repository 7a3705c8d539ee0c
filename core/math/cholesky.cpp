#include "core/math/cholesky.hpp"

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::math {

Cholesky cholesky(std::span<const double> a, std::size_t n, double tolerance) {
  FINLAB_REQUIRE(a.size() == n * n, "cholesky: " << a.size() << " values for a " << n << "x" << n << " matrix");
  Cholesky out;
  std::vector<double> l(n * n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
    if (d < -tolerance) {
      out.failed_row = j;
      out.pivot = d;
      return out;
    }
    const double ljj = d > 0 ? math::sqrt(d) : 0.0;
    l[j * n + j] = ljj;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = ljj > 0 ? s / ljj : 0.0;
    }
  }
  out.lower = std::move(l);
  return out;
}

}  // namespace finlab::math
