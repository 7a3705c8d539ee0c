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
// a0·b[k] and a1·b[k] for four columns: eight accumulators, each with dot4's
// lanes and order (same bits); six loads per eight products instead of ten.
__attribute__((target("avx2"))) void dot2x4_avx2(const double* a0, const double* a1, const double* const* b, std::size_t n,
                                                 double* out0, double* out1) {
  __m256d acc[2][4];
  for (auto& row : acc)
    for (auto& v : row) v = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d v0 = _mm256_loadu_pd(a0 + i), v1 = _mm256_loadu_pd(a1 + i);
    for (int k = 0; k < 4; ++k) {
      const __m256d vb = _mm256_loadu_pd(b[k] + i);
      acc[0][k] = _mm256_add_pd(acc[0][k], _mm256_mul_pd(v0, vb));
      acc[1][k] = _mm256_add_pd(acc[1][k], _mm256_mul_pd(v1, vb));
    }
  }
  const double* a[2] = {a0, a1};
  double* out[2] = {out0, out1};
  for (int r = 0; r < 2; ++r)
    for (int k = 0; k < 4; ++k) {
      alignas(32) double lane[4];
      _mm256_store_pd(lane, acc[r][k]);
      for (std::size_t t = i; t < n; ++t) lane[0] += a[r][t] * b[k][t];
      out[r][k] = (lane[0] + lane[1]) + (lane[2] + lane[3]);
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
  if (have_avx2()) {
    for (; k + 4 <= count; k += 4) dot4x4_avx2(a, b + k, n, out + k);
    if (k < count) {  // the last 1-3: padded with the last column, the extra results dropped
      const double* last[4];
      double tmp[4];
      for (std::size_t t = 0; t < 4; ++t) last[t] = b[std::min(k + t, count - 1)];
      dot4x4_avx2(a, last, n, tmp);
      for (; k < count; ++k) out[k] = tmp[k % 4];
    }
  }
#endif
  for (; k < count; ++k) out[k] = dot4(a, b[k], n);
}

// out0[k] = dot4(a0, b[k], n) and out1[k] = dot4(a1, b[k], n) for k < count.
void dot4_many2(const double* a0, const double* a1, const double* const* b, std::size_t count, std::size_t n, double* out0,
                double* out1) {
#ifdef FINLAB_CREDIT_X86_DISPATCH
  if (have_avx2()) {
    for (std::size_t k = 0; k < count; k += 4) {
      const double* cols[4];
      double t0[4], t1[4];
      for (std::size_t t = 0; t < 4; ++t) cols[t] = b[std::min(k + t, count - 1)];  // the last group padded
      dot2x4_avx2(a0, a1, cols, n, t0, t1);
      for (std::size_t t = 0; t < 4 && k + t < count; ++t) out0[k + t] = t0[t], out1[k + t] = t1[t];
    }
    return;
  }
#endif
  dot4_many(a0, b, count, n, out0);
  dot4_many(a1, b, count, n, out1);
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

// Row terms of rows [0, m) of a block, from η, the outcome yv (1.0 good,
// 0.0 bad) and the weight wv (null: every weight 1): r = w·(y − p), the IRLS
// weight w·p(1 − p) and the loss w·(log(1 + e) + margin), with one exp per
// row: e = exp(-|η|) gives P(good) and the loss -log P(y).
void row_terms(const double* eta, const double* yv, const double* wv, std::size_t m, double* r, double* w, double* loss) {
  for (std::size_t i = 0; i < m; ++i) {
    const double z = eta[i];
    const double e = detail::fast_exp(z < 0 ? z : -z);
    const double inv = 1.0 / (1.0 + e);
    const double pi = z >= 0 ? inv : e * inv;  // P(good)
    const bool yi = yv[i] != 0;
    const double margin = yi ? (z < 0 ? -z : 0.0) : (z > 0 ? z : 0.0);
    if (!wv) {
      r[i] = yv[i] - pi;
      w[i] = pi * (1.0 - pi);
      loss[i] = detail::fast_log1p_unit(e) + margin;
    } else {
      r[i] = wv[i] * (yv[i] - pi);
      w[i] = wv[i] * (pi * (1.0 - pi));
      loss[i] = wv[i] * (detail::fast_log1p_unit(e) + margin);
    }
  }
}

// eta[i] += b·x[i] and wx[i] = w[i]·x[i]: element-wise, the same bits in any width.
void add_scaled(double* eta, double b, const double* x, std::size_t m) {
  for (std::size_t i = 0; i < m; ++i) eta[i] += b * x[i];
}
void multiply(double* wx, const double* w, const double* x, std::size_t m) {
  for (std::size_t i = 0; i < m; ++i) wx[i] = w[i] * x[i];
}

#ifdef FINLAB_CREDIT_X86_DISPATCH
// detail::fast_exp for lanes x in [-708, 0], four at a time: the same
// operations in the same order (multiply, then add: no FMA), and 2^k through
// the exponent bits, k read from the rounding sum's low bits (exact for |k| <
// 2^51), so each lane has the bits of the scalar call.
__attribute__((target("avx2"))) inline __m256d c(double v) { return _mm256_set1_pd(v); }
__attribute__((target("avx2"))) inline __m256d lin(__m256d r, double a, double b) {
  return _mm256_add_pd(c(a), _mm256_mul_pd(r, c(b)));
}
__attribute__((target("avx2"))) __m256d exp_avx2(__m256d x) {
  const __m256d magic = c(0x1.8p52);
  const __m256d t = _mm256_add_pd(_mm256_mul_pd(x, c(1.4426950408889634074)), magic);
  const __m256d kf = _mm256_sub_pd(t, magic);
  const __m256d r = _mm256_sub_pd(_mm256_sub_pd(x, _mm256_mul_pd(kf, c(6.93147180369123816490e-01))),
                                  _mm256_mul_pd(kf, c(1.90821492927058770002e-10)));
  const __m256d r2 = _mm256_mul_pd(r, r), r4 = _mm256_mul_pd(r2, r2), r8 = _mm256_mul_pd(r4, r4);
  const __m256d p01 = _mm256_add_pd(c(1.0), r);
  const __m256d p23 = lin(r, 1.0 / 2, 1.0 / 6), p45 = lin(r, 1.0 / 24, 1.0 / 120), p67 = lin(r, 1.0 / 720, 1.0 / 5040);
  const __m256d p89 = lin(r, 1.0 / 40320, 1.0 / 362880), p1011 = lin(r, 1.0 / 3628800, 1.0 / 39916800);
  const __m256d p12 = c(1.0 / 479001600);
  const __m256d q03 = _mm256_add_pd(p01, _mm256_mul_pd(r2, p23));
  const __m256d q47 = _mm256_add_pd(p45, _mm256_mul_pd(r2, p67));
  const __m256d q811 = _mm256_add_pd(p89, _mm256_mul_pd(r2, p1011));
  const __m256d q07 = _mm256_add_pd(q03, _mm256_mul_pd(r4, q47));
  const __m256d q812 = _mm256_add_pd(q811, _mm256_mul_pd(r4, p12));
  const __m256d p = _mm256_add_pd(q07, _mm256_mul_pd(r8, q812));
  const __m256i k = _mm256_sub_epi64(_mm256_castpd_si256(t), _mm256_castpd_si256(magic));
  return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(p), _mm256_slli_epi64(k, 52)));
}
// detail::fast_log1p_unit, four lanes, same operations and order.
__attribute__((target("avx2"))) __m256d log1p_unit_avx2(__m256d t) {
  __m256d u = _mm256_add_pd(c(1.0), t);
  const __m256d big = _mm256_cmp_pd(u, c(1.4142135623730951), _CMP_GT_OQ);
  u = _mm256_blendv_pd(u, _mm256_mul_pd(u, c(0.5)), big);
  const __m256d k = _mm256_and_pd(big, c(1.0));
  const __m256d s = _mm256_div_pd(_mm256_sub_pd(u, c(1.0)), _mm256_add_pd(u, c(1.0)));
  const __m256d z = _mm256_mul_pd(s, s);
  __m256d p = c(1.0 / 23);
  for (const double a : {1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11, 1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1.0})
    p = _mm256_add_pd(_mm256_mul_pd(p, z), c(a));
  return _mm256_add_pd(_mm256_mul_pd(k, c(0.693147180559945309417)), _mm256_mul_pd(_mm256_mul_pd(c(2.0), s), p));
}
// row_terms four rows at a time (same bits); rows whose |η| is beyond
// fast_exp's polynomial range (or NaN) take the scalar path.
__attribute__((target("avx2"))) void row_terms_avx2(const double* eta, const double* yv, const double* wv, std::size_t m,
                                                    double* r, double* w, double* loss) {
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0), sign = _mm256_set1_pd(-0.0);
  std::size_t i = 0;
  for (; i + 4 <= m; i += 4) {
    const __m256d z = _mm256_loadu_pd(eta + i);
    const __m256d neg = _mm256_xor_pd(z, sign);
    const __m256d lt = _mm256_cmp_pd(z, zero, _CMP_LT_OQ);
    const __m256d a = _mm256_blendv_pd(neg, z, lt);  // z < 0 ? z : -z
    if (_mm256_movemask_pd(_mm256_cmp_pd(a, _mm256_set1_pd(-708.0), _CMP_GE_OQ)) != 0xF) {
      row_terms(eta + i, yv + i, wv ? wv + i : nullptr, 4, r + i, w + i, loss + i);
      continue;
    }
    const __m256d e = exp_avx2(a);
    const __m256d inv = _mm256_div_pd(one, _mm256_add_pd(one, e));
    const __m256d pi = _mm256_blendv_pd(_mm256_mul_pd(e, inv), inv, _mm256_cmp_pd(z, zero, _CMP_GE_OQ));
    const __m256d y = _mm256_loadu_pd(yv + i);
    const __m256d margin = _mm256_blendv_pd(_mm256_and_pd(_mm256_cmp_pd(z, zero, _CMP_GT_OQ), z), _mm256_and_pd(lt, neg),
                                            _mm256_cmp_pd(y, zero, _CMP_NEQ_UQ));
    __m256d ri = _mm256_sub_pd(y, pi), wi = _mm256_mul_pd(pi, _mm256_sub_pd(one, pi));
    __m256d li = _mm256_add_pd(log1p_unit_avx2(e), margin);
    if (wv) {
      const __m256d v = _mm256_loadu_pd(wv + i);
      ri = _mm256_mul_pd(v, ri), wi = _mm256_mul_pd(v, wi), li = _mm256_mul_pd(v, li);
    }
    _mm256_storeu_pd(r + i, ri);
    _mm256_storeu_pd(w + i, wi);
    _mm256_storeu_pd(loss + i, li);
  }
  row_terms(eta + i, yv + i, wv ? wv + i : nullptr, m - i, r + i, w + i, loss + i);
}
__attribute__((target("avx2"))) void add_scaled_avx2(double* eta, double b, const double* x, std::size_t m) {
  const __m256d vb = _mm256_set1_pd(b);
  std::size_t i = 0;
  for (; i + 4 <= m; i += 4)
    _mm256_storeu_pd(eta + i, _mm256_add_pd(_mm256_loadu_pd(eta + i), _mm256_mul_pd(vb, _mm256_loadu_pd(x + i))));
  add_scaled(eta + i, b, x + i, m - i);
}
__attribute__((target("avx2"))) void multiply_avx2(double* wx, const double* w, const double* x, std::size_t m) {
  std::size_t i = 0;
  for (; i + 4 <= m; i += 4) _mm256_storeu_pd(wx + i, _mm256_mul_pd(_mm256_loadu_pd(w + i), _mm256_loadu_pd(x + i)));
  multiply(wx + i, w + i, x + i, m - i);
}
#endif

void row_terms_any(const double* eta, const double* yv, const double* wv, std::size_t m, double* r, double* w, double* loss) {
#ifdef FINLAB_CREDIT_X86_DISPATCH
  if (have_avx2()) return row_terms_avx2(eta, yv, wv, m, r, w, loss);
#endif
  row_terms(eta, yv, wv, m, r, w, loss);
}
void add_scaled_any(double* eta, double b, const double* x, std::size_t m) {
#ifdef FINLAB_CREDIT_X86_DISPATCH
  if (have_avx2()) return add_scaled_avx2(eta, b, x, m);
#endif
  add_scaled(eta, b, x, m);
}
void multiply_any(double* wx, const double* w, const double* x, std::size_t m) {
#ifdef FINLAB_CREDIT_X86_DISPATCH
  if (have_avx2()) return multiply_avx2(wx, w, x, m);
#endif
  multiply(wx, w, x, m);
}

// Block buffers of evaluate.
struct Block {
  std::vector<double> eta, w, r, wx, wx2, loss, yv, wv, dots, dots2;
  std::vector<std::vector<double>> xb;  // gathered columns
  std::vector<const double*> xp;        // the block's columns (in place or gathered)
};

// The block's columns (in place, or gathered: strided rows when
// warm-starting, WoE of the bins for a binned design), η = β·x in column
// order, and the block's outcomes and weights.
void load_block(const Columns& x, std::span<const std::uint8_t> y, std::span<const double> wt, std::size_t stride,
                const std::vector<double>& beta, std::size_t b0, std::size_t m, Block& k) {
  const std::size_t p = x.p();
  const bool gather = stride > 1 || x.binned;
  std::fill(k.eta.begin(), k.eta.begin() + static_cast<std::ptrdiff_t>(m), beta[0]);
  for (std::size_t j = 0; j < p; ++j) {
    if (!gather) {
      k.xp[j] = x.dense[j].data() + b0;
    } else {
      double* dst = k.xb[j].data();
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
      k.xp[j] = dst;
    }
    add_scaled_any(k.eta.data(), beta[j + 1], k.xp[j], m);
  }
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t row = (b0 + i) * stride;
    k.yv[i] = y[row] != 0 ? 1.0 : 0.0;
    if (!wt.empty()) k.wv[i] = wt[row];
  }
}

// One pass over the rows [selected by stride]: gradient, Hessian and loss at beta.
void evaluate(const Columns& x, std::span<const std::uint8_t> y, std::span<const double> wt,
              std::size_t stride, const std::vector<double>& beta, bool want_hessian, Pass& out) {
  const std::size_t p = x.p(), q = p + 1, n = y.size();
  out.grad.assign(q, 0.0);
  out.hess.assign(q * q, 0.0);
  out.loss = 0;
  Block k;
  for (auto* v : {&k.eta, &k.w, &k.r, &k.wx, &k.wx2, &k.loss, &k.yv}) v->resize(block);
  k.wv.resize(wt.empty() ? 0 : block);
  k.dots.resize(p);
  k.dots2.resize(p);
  k.xb.assign(stride > 1 || x.binned ? p : 0, std::vector<double>(block));
  k.xp.resize(p);
  double* dots = k.dots.data();
  const std::size_t rows = stride > 1 ? (n + stride - 1) / stride : n;
  for (std::size_t b0 = 0; b0 < rows; b0 += block) {
    const std::size_t m = std::min(block, rows - b0);
    load_block(x, y, wt, stride, beta, b0, m, k);
    row_terms_any(k.eta.data(), k.yv.data(), wt.empty() ? nullptr : k.wv.data(), m, k.r.data(), k.w.data(), k.loss.data());
    out.loss += sum4(k.loss.data(), m);
    out.grad[0] += sum4(k.r.data(), m);
    dot4_many(k.r.data(), k.xp.data(), p, m, dots);
    for (std::size_t j = 0; j < p; ++j) out.grad[j + 1] += dots[j];
    if (!want_hessian) continue;
    out.hess[0] += sum4(k.w.data(), m);
    dot4_many(k.w.data(), k.xp.data(), p, m, dots);  // (0, j+1): the lanes and order of sum4(w·x_j)
    for (std::size_t j = 0; j < p; ++j) out.hess[j + 1] += dots[j];
    std::size_t j = 0;
    for (; j + 1 < p; j += 2) {  // two Hessian rows at a time (their (j+1, j) product is not used)
      multiply_any(k.wx.data(), k.w.data(), k.xp[j], m);
      multiply_any(k.wx2.data(), k.w.data(), k.xp[j + 1], m);
      dot4_many2(k.wx.data(), k.wx2.data(), k.xp.data() + j, p - j, m, dots, k.dots2.data());
      for (std::size_t c = j; c < p; ++c) out.hess[(j + 1) * q + (c + 1)] += dots[c - j];
      for (std::size_t c = j + 1; c < p; ++c) out.hess[(j + 2) * q + (c + 1)] += k.dots2[c - j];
    }
    for (; j < p; ++j) {
      multiply_any(k.wx.data(), k.w.data(), k.xp[j], m);
      dot4_many(k.wx.data(), k.xp.data() + j, p - j, m, dots);
      for (std::size_t c = j; c < p; ++c) out.hess[(j + 1) * q + (c + 1)] += dots[c - j];
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
