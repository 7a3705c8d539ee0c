#include "core/portfolio/student_t.hpp"

#include <cstdint>

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::portfolio {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

double deterministic_atan(double x) noexcept {
  if (x < 0) return -deterministic_atan(-x);
  bool invert = false;
  if (x > 1.0) {
    x = 1.0 / x;
    invert = true;
  }
  // Halve the angle twice: atan(x) = 2 atan(x / (1 + sqrt(1 + x^2))); x <= tan(pi/16) ~ 0.199.
  int doublings = 0;
  for (int i = 0; i < 2; ++i) {
    x = x / (1.0 + __builtin_sqrt(1.0 + x * x));
    ++doublings;
  }
  const double x2 = x * x;
  // Taylor series to x^31: the next term is < 0.2^33/33 < 1e-24.
  double term = x, sum = 0.0;
  for (int k = 0; k < 16; ++k) {
    const double t = term / (2 * k + 1);
    sum += (k % 2 == 0) ? t : -t;
    term *= x2;
  }
  for (int i = 0; i < doublings; ++i) sum *= 2.0;
  return invert ? kPi / 2 - sum : sum;
}

namespace {
// noexcept: the table builder calls it ~10^5 times; in the wasm build (JS-based
// exception handling) a call that may throw costs a round trip through JS.
double tail(double t, int dof) noexcept;
}  // namespace

double student_t_two_sided_tail(double t, int dof) {
  FINLAB_REQUIRE(dof >= 1, "student_t_two_sided_tail: dof " << dof << " must be >= 1");
  return tail(t, dof);
}

namespace {
double tail(double t, int dof) noexcept {
  if (t <= 0) return 1.0;
  const double nu = dof;
  const double r = __builtin_sqrt(nu + t * t);
  const double sin_t = t / r;               // sin(theta), theta = atan(t / sqrt(nu))
  const double cos_t = __builtin_sqrt(nu) / r;  // cos(theta)
  const double c2 = cos_t * cos_t;
  const bool even = dof % 2 == 0;
  // A(t|nu) = P(|T| <= t) (Abramowitz & Stegun 26.7.3/26.7.4):
  //   even nu: A = sin θ Σ_{k=0}^{m} a_k cos^{2k}θ,          a_k = (1·3···(2k−1))/(2·4···2k), m = (ν−2)/2
  //   odd nu:  A = (2/π)[θ + sin θ Σ_{k=0}^{m} b_k cos^{2k+1}θ], b_k = (2·4···2k)/(1·3···(2k+1)), m = (ν−3)/2
  // Both sums are partial sums of series whose full value makes A = 1
  // (Σ a_k x^{2k} = (1−x²)^(−1/2); Σ b_k x^{2k+1} = arcsin(x)/√(1−x²)), so the
  // tail 1 − A is the rest of the series. Far out (cos²θ small) the rest is
  // summed directly, which keeps full relative precision for tiny tails.
  const int m = even ? (dof - 2) / 2 : (dof - 3) / 2;  // -1 for dof 1
  if (c2 < 0.5) {
    double coef = 1.0, power = even ? 1.0 : cos_t, rest = 0.0;
    for (int k = 0; k < 100000; ++k) {
      if (k > 0) {
        coef *= even ? (2.0 * k - 1) / (2.0 * k) : (2.0 * k) / (2.0 * k + 1);
        power *= c2;
      }
      if (k > m) {
        const double term = coef * power;
        rest += term;
        if (term <= 1e-17 * rest) break;
      }
    }
    return even ? sin_t * rest : 2.0 / kPi * sin_t * rest;
  }
  double a;
  if (even) {
    double term = 1.0, sum = 1.0;
    for (int k = 1; k <= m; ++k) {
      term *= c2 * (2 * k - 1) / (2 * k);
      sum += term;
    }
    a = sin_t * sum;
  } else {
    const double theta = deterministic_atan(t / __builtin_sqrt(nu));
    double sum = 0.0;
    if (dof >= 3) {
      double term = cos_t;
      sum = term;
      for (int k = 1; k <= m; ++k) {
        term *= c2 * (2 * k) / (2 * k + 1);
        sum += term;
      }
    }
    a = 2.0 / kPi * (theta + sin_t * sum);
  }
  const double s = 1.0 - a;
  return s < 0 ? 0.0 : s;
}

// Density of the standard t at t (for Newton steps), c = Γ((ν+1)/2)/(√(νπ)Γ(ν/2)).
double t_density(double t, int dof, double c) noexcept {
  const double base = 1.0 + t * t / dof;
  // base^(-(ν+1)/2) with integer/half-integer powers only.
  double p = 1.0;
  for (int i = 0; i < (dof + 1) / 2; ++i) p *= base;
  if ((dof + 1) % 2 == 1) p *= __builtin_sqrt(base);
  return c / p;
}

double t_constant(int dof) noexcept {
  // R(ν) = Γ((ν+1)/2)/Γ(ν/2): R(1) = 1/√π, R(2) = √π/2, R(ν+2) = R(ν)(ν+1)/ν.
  const double sqrt_pi = __builtin_sqrt(kPi);
  double r = (dof % 2 == 1) ? 1.0 / sqrt_pi : sqrt_pi / 2.0;
  for (int n = (dof % 2 == 1) ? 1 : 2; n < dof; n += 2) r *= static_cast<double>(n + 1) / n;
  return r / __builtin_sqrt(dof * kPi);
}

// Standard (not unit-variance) |t| quantile for two-sided tail s, Newton from `guess`.
double invert_tail(double s, int dof, double c, double guess) noexcept {
  double lo = 0.0, hi = 1.0;
  while (tail(hi, dof) > s) hi *= 2.0;  // bracket
  double t = (guess > lo && guess < hi) ? guess : 0.5 * (lo + hi);
  for (int it = 0; it < 200; ++it) {
    const double f = tail(t, dof) - s;  // decreasing in t
    if (f > 0) lo = t; else hi = t;
    const double d = -2.0 * t_density(t, dof, c);
    double next = t - f / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (next == t || hi - lo <= 1e-15 * hi) return next;
    const double step = next > t ? next - t : t - next;
    t = next;
    if (step <= 1e-14 * t) return t;
  }
  return t;
}

}  // namespace

StudentTSampler::StudentTSampler(int dof) : dof_(dof) {
  FINLAB_REQUIRE(dof >= 3 && dof <= 1000, "StudentTSampler: dof " << dof << " not in [3, 1000] (unit variance needs dof > 2)");
  unit_scale_ = __builtin_sqrt((dof - 2.0) / dof);
  const double c = t_constant(dof);
  table_.assign(static_cast<std::size_t>(kOctaves) * (kCells + 1), 0.0);
  double guess = 0.0;
  // Fill from s = 1 (q = 0) outwards so each Newton solve starts near its neighbour.
  for (int e = 0; e < kOctaves; ++e) {
    const double lo = 1.0 / static_cast<double>(1ull << (e + 1));  // 2^-(e+1), exact
    for (int j = kCells; j >= 0; --j) {
      const double s = lo * (1.0 + static_cast<double>(j) / kCells);
      double q;
      if (e == 0 && j == kCells) q = 0.0;  // s = 1
      else if (j == kCells) q = table_[static_cast<std::size_t>(e - 1) * (kCells + 1)] / unit_scale_;  // same s as (e-1, 0)
      else q = invert_tail(s, dof, c, guess);
      guess = q;
      table_[static_cast<std::size_t>(e) * (kCells + 1) + j] = q * unit_scale_;
    }
  }
}

double StudentTSampler::exact_abs_quantile(double s) const {
  FINLAB_REQUIRE(s > 0 && s <= 1, "exact_abs_quantile: s " << s << " not in (0, 1]");
  if (s == 1.0) return 0.0;
  return invert_tail(s, dof_, t_constant(dof_), 1.0) * unit_scale_;
}

}  // namespace finlab::portfolio
