#include "core/credit/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/credit/validation.hpp"
#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

double two_sided_p(double z) {
  if (std::isnan(z)) return std::nan("");
  return 2.0 * math::normal_cdf(-std::fabs(z));
}

std::vector<CoefficientStat> coefficient_stats(const LogisticFit& fit, std::span<const std::string> names) {
  FINLAB_REQUIRE(names.size() == fit.coef.size(), "coefficient_stats: " << names.size() << " names for " << fit.coef.size() << " coefficients");
  const std::size_t q = fit.coef.size() + 1;
  std::vector<CoefficientStat> out(q);
  for (std::size_t j = 0; j < q; ++j) {
    CoefficientStat& c = out[j];
    c.name = j == 0 ? "intercept" : names[j - 1];
    c.estimate = j == 0 ? fit.intercept : fit.coef[j - 1];
    const double var = fit.covariance.size() == q * q ? fit.covariance[j * q + j] : std::nan("");
    c.std_error = var > 0 ? math::sqrt(var) : std::nan("");
    c.z = c.estimate / c.std_error;
    c.p_value = two_sided_p(c.z);
  }
  return out;
}

double aic(double ll, std::size_t k) { return 2.0 * double(k) - 2.0 * ll; }
double bic(double ll, std::size_t k, double n) { return double(k) * math::log(n) - 2.0 * ll; }

std::vector<double> correlation_matrix(std::span<const std::vector<double>> x, std::span<const double> weight) {
  const std::size_t p = x.size();
  const std::size_t n = p ? x[0].size() : 0;
  for (const auto& col : x) FINLAB_REQUIRE(col.size() == n, "correlation_matrix: ragged columns");
  FINLAB_REQUIRE(weight.empty() || weight.size() == n, "correlation_matrix: " << weight.size() << " weights for " << n << " rows");
  auto w = [&](std::size_t i) { return weight.empty() ? 1.0 : weight[i]; };
  double sw = 0;
  for (std::size_t i = 0; i < n; ++i) sw += w(i);
  std::vector<double> mean(p, 0.0);
  for (std::size_t j = 0; j < p; ++j) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += w(i) * x[j][i];
    mean[j] = sw > 0 ? s / sw : 0.0;
  }
  // Σ w·(x_a − mean_a)·(x_b − mean_b) in row order, four b at a time
  // (independent sums, each with the operations and order of one alone).
  std::vector<double> cov(p * p, 0.0);
  for (std::size_t a = 0; a < p; ++a)
    for (std::size_t b = a; b < p; b += 4) {
      const std::size_t g = std::min<std::size_t>(4, p - b);
      const double* xb[4];
      double mb[4];
      for (std::size_t k = 0; k < 4; ++k) {
        const std::size_t c = b + std::min(k, g - 1);  // the last group padded
        xb[k] = x[c].data();
        mb[k] = mean[c];
      }
      const double* xa = x[a].data();
      const double ma = mean[a];
      double s[4] = {0, 0, 0, 0};
      for (std::size_t i = 0; i < n; ++i) {
        const double u = w(i) * (xa[i] - ma);
        s[0] += u * (xb[0][i] - mb[0]);
        s[1] += u * (xb[1][i] - mb[1]);
        s[2] += u * (xb[2][i] - mb[2]);
        s[3] += u * (xb[3][i] - mb[3]);
      }
      for (std::size_t k = 0; k < g; ++k) cov[a * p + b + k] = cov[(b + k) * p + a] = s[k];
    }
  std::vector<double> r(p * p, 0.0);
  for (std::size_t a = 0; a < p; ++a)
    for (std::size_t b = 0; b < p; ++b) {
      const double d = cov[a * p + a] * cov[b * p + b];
      r[a * p + b] = a == b ? 1.0 : (d > 0 ? cov[a * p + b] / math::sqrt(d) : 0.0);
    }
  return r;
}

namespace {
// Solves A·x = b for symmetric positive definite A (m×m) by Cholesky; false if not PD.
bool spd_solve(std::vector<double> a, std::vector<double>& b, std::size_t m) {
  for (std::size_t j = 0; j < m; ++j) {
    double s = a[j * m + j];
    for (std::size_t k = 0; k < j; ++k) s -= a[j * m + k] * a[j * m + k];
    if (!(s > 1e-12)) return false;
    const double l = math::sqrt(s);
    a[j * m + j] = l;
    for (std::size_t i = j + 1; i < m; ++i) {
      double t = a[i * m + j];
      for (std::size_t k = 0; k < j; ++k) t -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = t / l;
    }
  }
  for (std::size_t i = 0; i < m; ++i) {
    double t = b[i];
    for (std::size_t k = 0; k < i; ++k) t -= a[i * m + k] * b[k];
    b[i] = t / a[i * m + i];
  }
  for (std::size_t i = m; i-- > 0;) {
    double t = b[i];
    for (std::size_t k = i + 1; k < m; ++k) t -= a[k * m + i] * b[k];
    b[i] = t / a[i * m + i];
  }
  return true;
}
}  // namespace

std::vector<double> vif_from_correlation(std::span<const double> corr, std::size_t p) {
  FINLAB_REQUIRE(corr.size() == p * p, "vif: a " << p << "x" << p << " matrix needs " << p * p << " values, got " << corr.size());
  std::vector<double> out(p, 1.0);
  if (p < 2) return out;
  const std::size_t m = p - 1;
  for (std::size_t j = 0; j < p; ++j) {
    std::vector<double> a(m * m), rj(m);
    std::size_t ii = 0;
    for (std::size_t i = 0; i < p; ++i) {
      if (i == j) continue;
      rj[ii] = corr[i * p + j];
      std::size_t kk = 0;
      for (std::size_t k = 0; k < p; ++k) {
        if (k == j) continue;
        a[ii * m + kk] = corr[i * p + k];
        ++kk;
      }
      ++ii;
    }
    std::vector<double> sol = rj;
    if (!spd_solve(a, sol, m)) {
      out[j] = std::numeric_limits<double>::infinity();
      continue;
    }
    double r2 = 0;
    for (std::size_t k = 0; k < m; ++k) r2 += rj[k] * sol[k];
    out[j] = r2 < 1.0 - 1e-12 ? 1.0 / (1.0 - r2) : std::numeric_limits<double>::infinity();
  }
  return out;
}

CharacteristicStability characteristic_stability(std::span<const double> expected, std::span<const double> actual,
                                                 std::span<const double> points) {
  FINLAB_REQUIRE(expected.size() == actual.size(), "characteristic_stability: " << expected.size() << " expected bins, " << actual.size() << " actual");
  FINLAB_REQUIRE(points.empty() || points.size() == expected.size(), "characteristic_stability: points per bin do not match the bins");
  CharacteristicStability s;
  s.csi = psi(expected, actual);
  double te = 0, ta = 0;
  for (double v : expected) te += v;
  for (double v : actual) ta += v;
  if (!points.empty() && te > 0 && ta > 0)
    for (std::size_t b = 0; b < expected.size(); ++b) s.score_shift += (actual[b] / ta - expected[b] / te) * points[b];
  return s;
}

double feature_psi(const FeatureBinning& fb, const DataColumn& col, const Dataset& data, Split split) {
  if (fb.bins.empty()) return 0;
  std::vector<std::uint32_t> rows;
  for (std::size_t r = 0; r < data.rows(); ++r)
    if (data.split[r] == split && ConsentMask::from_bits(data.consent[r]).has(col.category)) rows.push_back(static_cast<std::uint32_t>(r));
  if (rows.empty()) return 0;
  const std::vector<double> a = bin_weights(fb, col, rows, data.weight);
  std::vector<double> e;
  for (const Bin& b : fb.bins) e.push_back(b.good_weight + b.bad_weight);
  return psi(e, a);
}

}  // namespace finlab::credit
