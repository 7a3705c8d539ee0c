#include "core/credit/logistic.hpp"

#include <algorithm>
#include <cmath>

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>
#define FINLAB_CREDIT_X86_DISPATCH 1
#endif

#include "core/credit/fast_math.hpp"
#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

namespace {

constexpr std::size_t block = 2048;

// Σ a[i]·b[i] over [0, n) with four fixed partial-sum lanes (same order everywhere).
double dot4_portable(const double* a, const double* b, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; ++i) s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

#ifdef FINLAB_CREDIT_X86_DISPATCH
// The same four lanes in one AVX register: lane j sums a[i]·b[i] for i ≡ j
// (mod 4) in the same order, multiply then add (no FMA), so the result has
// the same bits as dot4_portable.
__attribute__((target("avx2"))) double dot4_avx2(const double* a, const double* b, std::size_t n) {
  __m256d acc = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) acc = _mm256_add_pd(acc, _mm256_mul_pd(_mm256_loadu_pd(a + i), _mm256_loadu_pd(b + i)));
  alignas(32) double lane[4];
  _mm256_store_pd(lane, acc);
  for (; i < n; ++i) lane[0] += a[i] * b[i];
  return (lane[0] + lane[1]) + (lane[2] + lane[3]);
}
// Four dot products a·b0 .. a·b3 at once: four independent accumulators hide
// the add latency, and each has exactly dot4's lanes and order (same bits).
__attribute__((target("avx2"))) void dot4x4_avx2(const double* a, const double* const* b, std::size_t n, double* out) {
  __m256d acc0 = _mm256_setzero_pd(), acc1 = _mm256_setzero_pd(), acc2 = _mm256_setzero_pd(), acc3 = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d va = _mm256_loadu_pd(a + i);
    acc0 = _mm256_add_pd(acc0, _mm256_mul_pd(va, _mm256_loadu_pd(b[0] + i)));
    acc1 = _mm256_add_pd(acc1, _mm256_mul_pd(va, _mm256_loadu_pd(b[1] + i)));
    acc2 = _mm256_add_pd(acc2, _mm256_mul_pd(va, _mm256_loadu_pd(b[2] + i)));
    acc3 = _mm256_add_pd(acc3, _mm256_mul_pd(va, _mm256_loadu_pd(b[3] + i)));
  }
  alignas(32) double lane[4][4];
  _mm256_store_pd(lane[0], acc0);
  _mm256_store_pd(lane[1], acc1);
  _mm256_store_pd(lane[2], acc2);
  _mm256_store_pd(lane[3], acc3);
  for (int k = 0; k < 4; ++k) {
    for (std::size_t t = i; t < n; ++t) lane[k][0] += a[t] * b[k][t];
    out[k] = (lane[k][0] + lane[k][1]) + (lane[k][2] + lane[k][3]);
  }
}
bool have_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

double dot4(const double* a, const double* b, std::size_t n) {
#ifdef FINLAB_CREDIT_X86_DISPATCH
  if (have_avx2()) return dot4_avx2(a, b, n);
#endif
  return dot4_portable(a, b, n);
}

// out[k] = dot4(a, b[k], n) for k < count (count ≤ 4 at a time on AVX2).
void dot4_many(const double* a, const double* const* b, std::size_t count, std::size_t n, double* out) {
  std::size_t k = 0;
#ifdef FINLAB_CREDIT_X86_DISPATCH
  if (have_avx2())
    for (; k + 4 <= count; k += 4) dot4x4_avx2(a, b + k, n, out + k);
#endif
  for (; k < count; ++k) out[k] = dot4(a, b[k], n);
}

double sum4(const double* a, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (; i < n; ++i) s0 += a[i];
  return (s0 + s1) + (s2 + s3);
}


struct Pass {
  std::vector<double> grad;  // size q = p + 1 (intercept first)
  std::vector<double> hess;  // q x q, upper triangle filled then mirrored
  double loss = 0;           // negative log-likelihood (no penalty)
};

// The design: dense columns, or bins and WoE tables (BinnedDesign).
struct Columns {
  std::span<const std::vector<double>> dense;
  const BinnedDesign* binned = nullptr;
  std::size_t p() const { return binned ? binned->bins.size() : dense.size(); }
};

// One pass over the rows [selected by stride]: gradient, Hessian and loss at beta.
void evaluate(const Columns& x, std::span<const std::uint8_t> y, std::span<const double> wt,
              std::size_t stride, const std::vector<double>& beta, bool want_hessian, Pass& out) {
  const std::size_t p = x.p(), q = p + 1, n = y.size();
  out.grad.assign(q, 0.0);
  out.hess.assign(q * q, 0.0);
  out.loss = 0;
  std::vector<double> eta(block), w(block), r(block), wx(block), loss(block), dots(p);
  const bool gather = stride > 1 || x.binned;
  std::vector<std::vector<double>> xb(gather ? p : 0, std::vector<double>(block));
  std::vector<const double*> xp(p);
  const std::size_t rows = stride > 1 ? (n + stride - 1) / stride : n;
  for (std::size_t b0 = 0; b0 < rows; b0 += block) {
    const std::size_t m = std::min(block, rows - b0);
    // The block's columns: in place, or gathered (strided rows when
    // warm-starting; WoE of the bins for a binned design).
    for (std::size_t j = 0; j < p; ++j) {
      if (!gather) {
        xp[j] = x.dense[j].data() + b0;
        continue;
      }
      double* dst = xb[j].data();
      if (x.binned) {
        const std::uint8_t* bins = x.binned->bins[j];
        const double* woe = x.binned->woe[j];
        const std::uint32_t* map = x.binned->rows.empty() ? nullptr : x.binned->rows.data();
        for (std::size_t i = 0; i < m; ++i) {
          const std::size_t row = (b0 + i) * stride;
          dst[i] = woe[bins[map ? map[row] : row]];
        }
      } else {
        const double* col = x.dense[j].data();
        for (std::size_t i = 0; i < m; ++i) dst[i] = col[(b0 + i) * stride];
      }
      xp[j] = dst;
    }
    for (std::size_t i = 0; i < m; ++i) eta[i] = beta[0];
    for (std::size_t j = 0; j < p; ++j) {
      const double bj = beta[j + 1];
      const double* xj = xp[j];
      for (std::size_t i = 0; i < m; ++i) eta[i] += bj * xj[i];
    }
    for (std::size_t i = 0; i < m; ++i) {
      const std::size_t row = stride > 1 ? (b0 + i) * stride : b0 + i;
      // One exp per row: e = exp(-|η|) gives P(good) and the loss -log P(y).
      const double z = eta[i];
      const double e = detail::fast_exp(z < 0 ? z : -z);
      const double inv = 1.0 / (1.0 + e);
      const double pi = z >= 0 ? inv : e * inv;  // P(good)
      const bool yi = y[row] != 0;
      const double margin = yi ? (z < 0 ? -z : 0.0) : (z > 0 ? z : 0.0);
      if (wt.empty()) {
        r[i] = (yi ? 1.0 : 0.0) - pi;
        w[i] = pi * (1.0 - pi);
        loss[i] = detail::fast_log1p_unit(e) + margin;
      } else {
        const double wi = wt[row];
        r[i] = wi * ((yi ? 1.0 : 0.0) - pi);
        w[i] = wi * (pi * (1.0 - pi));
        loss[i] = wi * (detail::fast_log1p_unit(e) + margin);
      }
    }
    out.loss += sum4(loss.data(), m);
    out.grad[0] += sum4(r.data(), m);
    dot4_many(r.data(), xp.data(), p, m, dots.data());
    for (std::size_t j = 0; j < p; ++j) out.grad[j + 1] += dots[j];
    if (!want_hessian) continue;
    out.hess[0] += sum4(w.data(), m);
    for (std::size_t j = 0; j < p; ++j) {
      const double* xj = xp[j];
      for (std::size_t i = 0; i < m; ++i) wx[i] = w[i] * xj[i];
      out.hess[j + 1] += sum4(wx.data(), m);  // (0, j+1)
      dot4_many(wx.data(), xp.data() + j, p - j, m, dots.data());
      for (std::size_t k = j; k < p; ++k) out.hess[(j + 1) * q + (k + 1)] += dots[k - j];
    }
  }
  for (std::size_t a = 0; a < q; ++a)
    for (std::size_t b = 0; b < a; ++b) out.hess[a * q + b] = out.hess[b * q + a];
}

// Solves H·d = g by Cholesky (H symmetric positive definite); false if not PD.
bool cholesky_solve(std::vector<double> h, std::vector<double> g, std::size_t q, std::vector<double>& d) {
  for (std::size_t j = 0; j < q; ++j) {
    double s = h[j * q + j];
    for (std::size_t k = 0; k < j; ++k) s -= h[j * q + k] * h[j * q + k];
    if (!(s > 0)) return false;
    const double l = math::sqrt(s);
    h[j * q + j] = l;
    for (std::size_t i = j + 1; i < q; ++i) {
      double t = h[i * q + j];
      for (std::size_t k = 0; k < j; ++k) t -= h[i * q + k] * h[j * q + k];
      h[i * q + j] = t / l;
    }
  }
  for (std::size_t i = 0; i < q; ++i) {  // L z = g
    double t = g[i];
    for (std::size_t k = 0; k < i; ++k) t -= h[i * q + k] * g[k];
    g[i] = t / h[i * q + i];
  }
  d.assign(q, 0.0);
  for (std::size_t i = q; i-- > 0;) {  // Lᵀ d = z
    double t = g[i];
    for (std::size_t k = i + 1; k < q; ++k) t -= h[k * q + i] * d[k];
    d[i] = t / h[i * q + i];
  }
  return true;
}

double penalty(const std::vector<double>& beta, double l2) {
  double s = 0;
  for (std::size_t j = 1; j < beta.size(); ++j) s += beta[j] * beta[j];
  return 0.5 * l2 * s;
}

// Newton with step halving on rows selected by stride; beta is the start and the result.
void newton(const Columns& x, std::span<const std::uint8_t> y, std::span<const double> wt,
            std::size_t stride, const LogisticOptions& o, std::vector<double>& beta, LogisticFit& fit) {
  const std::size_t q = x.p() + 1;
  const double l2 = o.l2;
  Pass cur;
  evaluate(x, y, wt, stride, beta, true, cur);
  double obj = cur.loss + penalty(beta, l2);
  std::vector<double> d, trial(q);
  Pass next;
  for (int it = 0; it < o.max_iterations; ++it) {
    std::vector<double> g = cur.grad;
    std::vector<double> h = cur.hess;
    for (std::size_t j = 1; j < q; ++j) {
      g[j] -= l2 * beta[j];
      h[j * q + j] += l2;
    }
    if (!cholesky_solve(h, g, q, d)) {
      double trace = 0;
      for (std::size_t j = 0; j < q; ++j) trace += h[j * q + j];
      for (std::size_t j = 0; j < q; ++j) h[j * q + j] += 1e-9 * trace + 1e-12;
      FINLAB_REQUIRE(cholesky_solve(h, g, q, d), "logistic regression: Hessian is not positive definite");
    }
    double step = 1.0, max_step = 0;
    bool accepted = false;
    for (int half = 0; half < 40; ++half) {
      for (std::size_t j = 0; j < q; ++j) trial[j] = beta[j] + step * d[j];
      evaluate(x, y, wt, stride, trial, true, next);
      const double trial_obj = next.loss + penalty(trial, l2);
      if (trial_obj <= obj || half == 39) {
        accepted = true;
        obj = trial_obj;
        break;
      }
      step *= 0.5;
    }
    max_step = 0;
    for (std::size_t j = 0; j < q; ++j) max_step = std::max(max_step, std::fabs(trial[j] - beta[j]));
    beta = trial;
    std::swap(cur, next);
    fit.iterations += 1;
    fit.max_step = max_step;
    if (accepted && max_step < o.tolerance) {
      fit.converged = true;
      break;
    }
  }
  fit.log_likelihood = -cur.loss;
  // Covariance: invert the penalised Hessian at the solution column by column.
  std::vector<double> h = cur.hess, e(q), col;
  for (std::size_t j = 1; j < q; ++j) h[j * q + j] += l2;
  fit.covariance.assign(q * q, 0.0);
  for (std::size_t j = 0; j < q; ++j) {
    std::fill(e.begin(), e.end(), 0.0);
    e[j] = 1.0;
    if (!cholesky_solve(h, e, q, col)) {
      fit.covariance.clear();
      break;
    }
    for (std::size_t i = 0; i < q; ++i) fit.covariance[i * q + j] = col[i];
  }
}

LogisticFit fit_columns(const Columns& x, std::span<const std::uint8_t> good, const LogisticOptions& o,
                        std::span<const double> start, std::span<const double> weight) {
  const std::size_t n = good.size(), p = x.p();
  FINLAB_REQUIRE(o.l2 >= 0 && o.tolerance > 0 && o.max_iterations > 0, "fit_logistic: bad options");
  FINLAB_REQUIRE(weight.empty() || weight.size() == n, "fit_logistic: " << weight.size() << " weights for " << n << " rows");
  double goods = 0, bads = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weight.empty() ? 1.0 : weight[i];
    FINLAB_REQUIRE(std::isfinite(w) && w >= 0, "fit_logistic: weight " << w << " of row " << i << " is not a finite number >= 0");
    (good[i] ? goods : bads) += w;
  }
  FINLAB_REQUIRE(goods > 0 && bads > 0, "fit_logistic: need both classes (goods " << goods << ", bads " << bads << ")");
  std::vector<double> beta(p + 1, 0.0);
  beta[0] = math::log(goods / bads);
  if (!start.empty()) {
    FINLAB_REQUIRE(start.size() == p + 1, "fit_logistic: start has " << start.size() << " values, expected " << p + 1);
    beta.assign(start.begin(), start.end());
  }
  LogisticFit fit;
  if (o.warm_start_stride > 1 && n >= o.warm_start_min_rows) {
    LogisticOptions warm = o;
    warm.tolerance = std::max(o.tolerance, 1e-4);
    // The penalty is per row count: scale l2 so the subsample solves the same problem.
    warm.l2 = o.l2 / static_cast<double>(o.warm_start_stride);
    LogisticFit wfit;
    newton(x, good, weight, o.warm_start_stride, warm, beta, wfit);
  }
  newton(x, good, weight, 1, o, beta, fit);
  fit.rows = static_cast<std::int64_t>(n);
  fit.weight_total = goods + bads;
  fit.intercept = beta[0];
  fit.coef.assign(beta.begin() + 1, beta.end());
  return fit;
}

}  // namespace

LogisticFit fit_logistic(std::span<const std::vector<double>> x, std::span<const std::uint8_t> good,
                         const LogisticOptions& o, std::span<const double> start, std::span<const double> weight) {
  for (const auto& col : x)
    FINLAB_REQUIRE(col.size() == good.size(), "fit_logistic: a column has " << col.size() << " rows, the target " << good.size());
  Columns c;
  c.dense = x;
  return fit_columns(c, good, o, start, weight);
}

LogisticFit fit_logistic(const BinnedDesign& x, std::span<const std::uint8_t> good, const LogisticOptions& o,
                         std::span<const double> start, std::span<const double> weight) {
  FINLAB_REQUIRE(x.woe.size() == x.bins.size(), "fit_logistic: " << x.bins.size() << " bin columns, " << x.woe.size() << " WoE tables");
  FINLAB_REQUIRE(x.rows.empty() || x.rows.size() == good.size(),
                 "fit_logistic: " << x.rows.size() << " row indices for " << good.size() << " outcomes");
  Columns c;
  c.binned = &x;
  return fit_columns(c, good, o, start, weight);
}

}  // namespace finlab::credit
