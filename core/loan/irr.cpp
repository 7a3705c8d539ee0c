// IRR / XIRR solver. Sections:
//   [1] "minus one" arithmetic: E_k(w) = (1+w)^k − 1 without cancellation
//   [2] the unique-root fast path for periodic flows (Halley on a bracket)
//   [3] generalized polynomials Σ c_k z^{e_k}: scaled evaluation, all positive
//       roots by derivative recursion (the several-sign-changes path)
//   [4] irr(), xirr() and the explanation strings
#include "core/loan/irr.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/math/deterministic.hpp"

namespace finlab::loan {

using money::int128;
using money::Money;

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

int sign_of(double v) { return (v > 0) - (v < 0); }
int sign_of(std::int64_t v) { return (v > 0) - (v < 0); }
int sign_of(int128 v) { return (v > 0) - (v < 0); }

// ---------------------------------------------------------------- [1]
// (1+a)(1+b) − 1 = a + b + ab. For a, b > −1 of the same sign there is no
// cancellation, so relative errors stay at a few ulps per operation.
inline double e_mul(double a, double b) { return a + b + a * b; }

// (1+w)^k − 1 by binary powering in minus-one form, k >= 0.
double e_pow(double w, std::int64_t k) {
  double acc = 0.0, base = w;
  for (; k != 0; k >>= 1) {
    if (k & 1) acc = e_mul(acc, base);
    if (k > 1) base = base * base + 2.0 * base;
  }
  return acc;
}

// A flow at integer time e (period or day) with coefficient c (fen as double).
struct Term {
  std::int64_t e;
  double c;
};

// f(w) = Σ c_k (1+w)^{e_k} evaluated as S + Σ c_k E_{e_k}(w) (S = Σ c_k, exact
// in double for sums below 2^53 fen), and f'(w) = Σ e_k c_k (1+w)^{e_k − 1}.
// Near w = 0 both the value and its error scale with w, which keeps the
// relative accuracy of the root even for tiny rates.
struct WEval {
  double f, df;
};
WEval eval_w(const std::vector<Term>& t, double sum_c, double w) {
  double f = sum_c, d = 0.0, ek = 0.0;
  std::int64_t prev = 0;
  for (const Term& term : t) {
    if (term.e != prev) {
      ek = e_mul(ek, term.e - prev == 1 ? w : e_pow(w, term.e - prev));
      prev = term.e;
    }
    f += term.c * ek;
    d += term.c * static_cast<double>(term.e) * (1.0 + ek);
  }
  return {f, d / (1.0 + w)};
}

// Polish a root w0 of f with Newton steps in w, staying inside [lo, hi].
double polish_w(const std::vector<Term>& t, double sum_c, double w0, double lo, double hi) {
  double w = w0;
  for (int it = 0; it < 4; ++it) {
    const WEval v = eval_w(t, sum_c, w);
    if (v.f == 0.0 || !(std::fabs(v.df) > 0.0) || !std::isfinite(v.f)) break;
    const double next = w - v.f / v.df;
    if (!(next >= lo && next <= hi)) break;
    const bool small = std::fabs(next - w) <= 4 * kEps * std::fabs(w);
    w = next;
    if (small) break;
  }
  return w;
}

// ---------------------------------------------------------------- [2]
// Taylor coefficients of p at x: p(x+h) = a + b h + c h² + O(h³).
struct Taylor2 {
  double a, b, c;
};

// p(x) = Σ_{k=0..n} c_k x^k and its first two derivatives (as Taylor
// coefficients) by Horner, split into a low and a high half that run as two
// independent dependency chains (p = L + x^h·U), which halves the latency of a
// pass. n >= 2. The operation order is fixed, so the bits are the same on
// every IEEE platform.
inline Taylor2 horner_taylor(const double* c, int n, double x) {
  const int h = (n + 1) / 2;  // low half c[0..h-1], high half c[h..n]
  double u0 = c[n], u1 = 0, u2 = 0;
  int hi = n - 1;
  if ((n + 1 - h) > h) {  // the high half is one longer: one step on it alone
    u2 = u2 * x + u1; u1 = u1 * x + u0; u0 = u0 * x + c[hi];
    --hi;
  }
  double l0 = c[h - 1], l1 = 0, l2 = 0;
  for (int lo = h - 2; lo >= 0; --lo, --hi) {
    u2 = u2 * x + u1; u1 = u1 * x + u0; u0 = u0 * x + c[hi];
    l2 = l2 * x + l1; l1 = l1 * x + l0; l0 = l0 * x + c[lo];
  }
  // g = x^h as Taylor coefficients: x^h, h x^(h−1), C(h,2) x^(h−2).
  double xp = 1.0;  // x^(h−1)
  {
    double b = x;
    for (int k = h - 1; k != 0; k >>= 1) {
      if (k & 1) xp *= b;
      if (k > 1) b *= b;
    }
  }
  const double hd = static_cast<double>(h);
  const double g0 = xp * x, g1 = hd * xp;
  const double g2 = 0.5 * (hd - 1) * g1 / x;
  // Product of the Taylor series g·U, plus L.
  return {l0 + g0 * u0, l1 + g0 * u1 + g1 * u0, l2 + g0 * u2 + g1 * u1 + g2 * u0};
}

// Four-way split for longer flows: p = B0 + x^q B1 + x^2q B2 + x^3q B3, four
// independent Horner chains in lockstep. D = 2 gives (p, p'), D = 3 adds p''/2.
// The top block is padded with zero coefficients. n >= 11.
template <int D>
inline Taylor2 horner4(const double* c, int n, double x) {
  const int q = (n + 4) / 4;  // block length; blocks start at 0, q, 2q, 3q
  double a0 = 0, a1 = 0, a2 = 0, b0 = 0, b1 = 0, b2 = 0, e0 = 0, e1 = 0, e2 = 0, f0 = 0, f1 = 0, f2 = 0;
  for (int m = q - 1; m >= 0; --m) {
    const int k3 = 3 * q + m;
    const double v3 = k3 <= n ? c[k3] : 0.0;
    if (D == 3) { a2 = a2 * x + a1; b2 = b2 * x + b1; e2 = e2 * x + e1; f2 = f2 * x + f1; }
    a1 = a1 * x + a0; b1 = b1 * x + b0; e1 = e1 * x + e0; f1 = f1 * x + f0;
    a0 = a0 * x + c[m];
    b0 = b0 * x + c[q + m];
    e0 = e0 * x + c[2 * q + m];
    f0 = f0 * x + v3;
  }
  // x^q, x^2q, x^3q and their Taylor coefficients s x^(s−1), C(s,2) x^(s−2).
  double xq1 = 1.0;  // x^(q−1)
  {
    double b = x;
    for (int k = q - 1; k != 0; k >>= 1) {
      if (k & 1) xq1 *= b;
      if (k > 1) b *= b;
    }
  }
  const double xq = xq1 * x, x2q = xq * xq, x3q = x2q * xq, inv_x = 1.0 / x;
  const double s1 = q, s2 = 2.0 * q, s3 = 3.0 * q;
  const double g11 = s1 * xq * inv_x, g21 = s2 * x2q * inv_x, g31 = s3 * x3q * inv_x;
  Taylor2 t;
  t.a = a0 + xq * b0 + x2q * e0 + x3q * f0;
  t.b = a1 + (xq * b1 + g11 * b0) + (x2q * e1 + g21 * e0) + (x3q * f1 + g31 * f0);
  t.c = 0;
  if (D == 3) {
    const double g12 = 0.5 * (s1 - 1) * g11 * inv_x, g22 = 0.5 * (s2 - 1) * g21 * inv_x, g32 = 0.5 * (s3 - 1) * g31 * inv_x;
    t.c = a2 + (xq * b2 + g11 * b1 + g12 * b0) + (x2q * e2 + g21 * e1 + g22 * e0) + (x3q * f2 + g31 * f1 + g32 * f0);
  }
  return t;
}

// The same at x = 1, where the Taylor coefficients are the moments
// Σ c_k, Σ k c_k, Σ C(k,2) c_k (additions only).
inline Taylor2 taylor_at_one(const double* c, int n) {
  double a = 0, b = 0, cc = 0;
  for (int k = 0; k <= n; ++k) {
    const double kd = static_cast<double>(k), v = c[k];
    a += v;
    b += kd * v;
    cc += 0.5 * kd * (kd - 1) * v;
  }
  return {a, b, cc};
}

struct Scan {
  int first = -1, last = -1;  // first and last non-zero flow
  int sign_changes = 0;
  int128 sum = 0;             // exact Σ fen
  Taylor2 at_one{0, 0, 0};    // moments about index 0 (valid as p's Taylor coefficients when first == 0)
};

// Signs, first/last non-zero flow and the exact sum, allowing zeros and
// huge amounts (int128). The general path of scan_flows.
void scan_general(std::span<const Money> flows, Scan& s) {
  int prev_sign = 0;
  int128 sum = 0;
  s = Scan{};
  for (int k = 0; k < static_cast<int>(flows.size()); ++k) {
    const std::int64_t u = flows[k].units();
    sum += u;
    if (u == 0) continue;
    const int sg = u > 0 ? 1 : -1;
    if (s.first < 0) s.first = k;
    s.sign_changes += (prev_sign != 0) & (sg != prev_sign);
    prev_sign = sg;
    s.last = k;
  }
  s.sum = sum;
}

// One pass over the flows: the sign changes, the exact sum, the moments at
// x = 1, and the flows as doubles in `coef` (exact: fen below 2^53) so later
// passes do not convert. Branch-free for the usual case (no zero flow, no
// huge amount); otherwise scan_general fills in the bookkeeping.
Scan scan_flows(std::span<const Money> flows, double* coef) {
  Scan s;
  const std::size_t n = flows.size();
  std::uint64_t sum = 0, mag = 0;  // unsigned: wraps instead of overflowing; checked below
  bool zero = false;
  int changes = 0;
  std::int64_t prev = n ? flows[0].units() : 0;
  double a = 0, b = 0, c = 0, kd = 0, tri = 0;  // tri = C(k, 2)
  for (std::size_t k = 0; k < n; ++k) {
    const std::int64_t u = flows[k].units();
    const double v = static_cast<double>(u);
    coef[k] = v;
    sum += static_cast<std::uint64_t>(u);
    mag |= static_cast<std::uint64_t>(u < 0 ? -u : u);
    zero |= u == 0;
    changes += (u ^ prev) < 0;
    prev = u;
    a += v;
    b += kd * v;
    c += tri * v;
    tri += kd;
    kd += 1.0;
  }
  if (!zero && n > 0 && n < 4096 && mag < (std::uint64_t{1} << 50)) {
    s.first = 0;
    s.last = static_cast<int>(n) - 1;
    s.sign_changes = changes;
    s.sum = static_cast<std::int64_t>(sum);  // |sum| < 4096 · 2^50: no wrap
  } else {
    scan_general(flows, s);
  }
  s.at_one = {a, b, c};
  return s;
}

// Rate from a root w = x − 1 of the discount polynomial: i = 1/x − 1 = −w/(1+w).
inline double rate_from_w(double w) { return -w / (1.0 + w); }

// The unique root of p(x) = Σ c_k x^k on (0, ∞) when the flows change sign once.
double solve_unique(const double* coef, const Scan& s) {
  const double* c = coef + s.first;
  const int n = s.last - s.first;
  if (s.sum == 0) return 0.0;  // x = 1 exactly
  const double c0 = c[0];
  if (n == 1) {
    // c0 + c1 x = 0 → i = −(c0 + c1)/c0: one correctly rounded division.
    return -static_cast<double>(s.sum) / c0;
  }
  const int s0 = sign_of(c0);  // sign of p on (0, root); the other sign beyond it
  double lo, hi;
  if (sign_of(s.sum) != s0) {
    lo = 0.0; hi = 1.0;        // root x < 1: a positive rate
  } else {
    // Root x > 1 (a negative rate): below the Cauchy bound 1 + max|c_k|/|c_n|.
    double m = 0;
    for (int k = 0; k < n; ++k) m = std::max(m, std::fabs(c[k]));
    lo = 1.0;
    hi = 1.0 + m / std::fabs(c[n]);
  }
  // Safeguarded by the bracket: Halley steps, the first from x = 1 where the
  // Taylor coefficients are the scan's moments; once a step is below 1e-4·x
  // the next pass is a (cheaper) Newton step. Stop when the step is so small
  // that the error left (~K·step³ for Halley, ~K·step² for Newton, K ~ n/2
  // per order) is far below one ulp.
  const double tol_halley = 1e-6 / (1.0 + n / 8.0);
  const double tol_newton = 3e-9 / (1.0 + n / 8.0);
  double x = 1.0, last_step = 1.0;
  Taylor2 t = s.first == 0 ? s.at_one : taylor_at_one(c, n);
  for (int it = 0; it < 200; ++it) {
    const bool newton = it > 0 && last_step <= 1e-4 * x;
    if (it > 0) {
      if (n >= 11) t = newton ? horner4<2>(c, n, x) : horner4<3>(c, n, x);
      else t = horner_taylor(c, n, x);
      const int sg = sign_of(t.a);
      if (sg == 0) break;
      if (sg == s0) lo = x; else hi = x;
    }
    double dx;
    if (it >= 24) {
      dx = 0.5 * (lo + hi) - x;  // bisection if it ever stalls
    } else if (newton) {
      dx = -t.a / t.b;
    } else {
      const double den = t.b * t.b - t.a * t.c;  // Halley: −a·b / (b² − a·c)
      dx = den != 0 ? -t.a * t.b / den : -t.a / t.b;
    }
    double next = x + dx;
    const bool inside = next > lo && next < hi;
    if (it > 0 && std::fabs(dx) <= (newton ? tol_newton : tol_halley) * x) {
      // Converged: a step below the resolution may land on the bracket end.
      if (inside) x = next;
      break;
    }
    if (!inside) next = 0.5 * (lo + hi);
    last_step = std::fabs(next - x);
    x = next;
    if (hi - lo <= 4 * kEps * hi) break;
  }
  double w = x - 1.0;  // exact (Sterbenz) near 1
  if (std::fabs(w) < 1e-3) {
    // Small rate: 1/x − 1 would lose relative accuracy; polish in w.
    std::vector<Term> terms;
    terms.reserve(static_cast<std::size_t>(n) + 1);
    for (int k = 0; k <= n; ++k)
      if (c[k] != 0) terms.push_back({k, c[k]});
    w = polish_w(terms, static_cast<double>(s.sum), w, lo - 1.0, hi - 1.0);
    return rate_from_w(w);
  }
  // 1 − x is exact for x in [0.5, 2] (Sterbenz), so one rounding here.
  return x >= 0.5 && x <= 2.0 ? (1.0 - x) / x : 1.0 / x - 1.0;
}

// ---------------------------------------------------------------- [3]
// Σ c_k z^{e_k} (e ascending, e_0 = 0) with the sum of |terms|, scaled by
// z^{−e_max} when z > 1 so that nothing overflows. Only the sign and the ratio
// value/abs_sum are used.
struct Scaled {
  double value, abs_sum;
};
Scaled eval_scaled(const std::vector<Term>& t, double z) {
  double v = 0, a = 0;
  if (z <= 1.0) {
    double pw = 1.0;
    std::int64_t prev = 0;
    for (const Term& term : t) {
      if (term.e != prev) {
        double b = z, m = 1.0;
        for (std::int64_t k = term.e - prev; k != 0; k >>= 1) {
          if (k & 1) m *= b;
          if (k > 1) b *= b;
        }
        pw *= m;
        prev = term.e;
      }
      v += term.c * pw;
      a += std::fabs(term.c) * pw;
    }
  } else {
    const double y = 1.0 / z;
    double pw = 1.0;
    std::int64_t prev = t.back().e;
    for (auto it = t.rbegin(); it != t.rend(); ++it) {
      if (it->e != prev) {
        double b = y, m = 1.0;
        for (std::int64_t k = prev - it->e; k != 0; k >>= 1) {
          if (k & 1) m *= b;
          if (k > 1) b *= b;
        }
        pw *= m;
        prev = it->e;
      }
      v += it->c * pw;
      a += std::fabs(it->c) * pw;
    }
  }
  return {v, a};
}

int sign_changes_of(const std::vector<Term>& t) {
  int n = 0;
  for (std::size_t k = 1; k < t.size(); ++k)
    if ((t[k].c > 0) != (t[k - 1].c > 0)) ++n;
  return n;
}

// Sign at z, treating values within rounding noise as zero.
int noisy_sign(const std::vector<Term>& t, double z) {
  const Scaled s = eval_scaled(t, z);
  if (std::fabs(s.value) <= 256 * kEps * s.abs_sum * static_cast<double>(t.size())) return 0;
  return sign_of(s.value);
}

double bisect_z(const std::vector<Term>& t, double a, double b, int sign_a) {
  for (int it = 0; it < 2000 && b - a > 2 * kEps * b; ++it) {
    const double m = 0.5 * (a + b);
    if (m <= a || m >= b) break;
    const int sm = sign_of(eval_scaled(t, m).value);
    if (sm == 0) return m;
    if (sm == sign_a) a = m; else b = m;
  }
  return 0.5 * (a + b);
}

// All roots of Σ c_k z^{e_k} in (0, bound): sign changes between consecutive
// critical points (roots of the derivative, found recursively), plus critical
// points where the value vanishes within rounding noise (even multiplicity).
std::vector<double> positive_roots(const std::vector<Term>& t, double bound, int depth) {
  std::vector<double> roots;
  const int v = sign_changes_of(t);
  if (v == 0) return roots;
  const int s0 = sign_of(t.front().c);
  if (v == 1 || depth > 4000) {
    // Exactly one positive root (Descartes); it is in (0, bound) iff the sign flips there.
    if (sign_of(eval_scaled(t, bound).value) != s0) roots.push_back(bisect_z(t, 0.0, bound, s0));
    return roots;
  }
  // Derivative Σ e_k c_k z^{e_k − 1}, shifted so its lowest exponent is 0 and
  // scaled to max |c| = 1 (neither changes its positive roots).
  std::vector<Term> d;
  d.reserve(t.size());
  double mx = 0;
  for (const Term& term : t)
    if (term.e > 0) {
      d.push_back({term.e - 1, term.c * static_cast<double>(term.e)});
      mx = std::max(mx, std::fabs(d.back().c));
    }
  const std::int64_t shift = d.front().e;
  for (Term& term : d) {
    term.e -= shift;
    term.c /= mx;
  }
  std::vector<double> pts{0.0};
  for (double z : positive_roots(d, bound, depth + 1))
    if (z > 0 && z < bound) pts.push_back(z);
  pts.push_back(bound);
  std::vector<int> sg(pts.size());
  sg[0] = s0;
  for (std::size_t k = 1; k < pts.size(); ++k) sg[k] = noisy_sign(t, pts[k]);
  for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
    if (sg[k] != 0 && sg[k + 1] != 0 && sg[k] != sg[k + 1]) roots.push_back(bisect_z(t, pts[k], pts[k + 1], sg[k]));
    if (k > 0 && sg[k] == 0) roots.push_back(pts[k]);  // touches zero at a critical point
  }
  std::sort(roots.begin(), roots.end());
  std::vector<double> out;
  for (double z : roots)
    if (out.empty() || z - out.back() > 1e-12 * z) out.push_back(z);
  return out;
}

// ---------------------------------------------------------------- [4]
std::string pct(double r) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f%%", r * 100);
  return buf;
}

// Chooses among several roots (ascending): the smallest non-negative rate,
// else the negative rate closest to zero.
void choose(IrrResult& r) {
  if (r.roots.size() == 1) {
    r.rate = r.roots.front();
    r.choice = IrrChoice::unique;
    return;
  }
  for (double x : r.roots)
    if (x >= 0) {
      r.rate = x;
      r.choice = IrrChoice::smallest_non_negative;
      return;
    }
  r.rate = r.roots.back();
  r.choice = IrrChoice::closest_to_zero;
}

std::string all_of_one_sign(bool positive) {
  return std::string("all cash flows are ") + (positive ? "positive or zero" : "negative or zero") +
         ": no rate makes the net present value zero, so there is no IRR";
}

// Roots (in z) → rates, via a polish in w = z − 1; `to_rate` maps w to the rate.
template <class ToRate>
std::vector<double> rates_from_z(const std::vector<Term>& t, double sum_c, const std::vector<double>& zs, ToRate to_rate) {
  std::vector<double> rates;
  for (std::size_t k = 0; k < zs.size(); ++k) {
    const double lo = (k == 0 ? 0.0 : 0.5 * (zs[k - 1] + zs[k])) - 1.0;
    const double hi = (k + 1 == zs.size() ? zs[k] * 2 : 0.5 * (zs[k] + zs[k + 1])) - 1.0;
    const double w = zs[k] == 1.0 && sum_c == 0 ? 0.0 : polish_w(t, sum_c, zs[k] - 1.0, lo, hi);
    rates.push_back(to_rate(w));
  }
  std::sort(rates.begin(), rates.end());
  return rates;
}

double cauchy_bound(const std::vector<Term>& t) {
  double m = 0;
  for (std::size_t k = 0; k + 1 < t.size(); ++k) m = std::max(m, std::fabs(t[k].c));
  return 1.0 + m / std::fabs(t.back().c);
}

// The several-sign-changes path shared by irr and xirr.
template <class ToRate>
Result<IrrResult> all_roots(const std::vector<Term>& t, int128 sum, int sign_changes, bool dated, ToRate to_rate) {
  std::vector<double> zs = positive_roots(t, cauchy_bound(t), 0);
  if (sum == 0) {
    // z = 1 (rate 0) is an exact root: make sure it is listed exactly once.
    zs.erase(std::remove_if(zs.begin(), zs.end(), [](double z) { return std::fabs(z - 1.0) < 1e-9; }), zs.end());
    zs.push_back(1.0);
    std::sort(zs.begin(), zs.end());
  }
  if (zs.empty())
    return fail("the cash flows change sign " + std::to_string(sign_changes) +
                " times but no rate above -100% makes the net present value zero, so there is no IRR");
  IrrResult r;
  r.dated = dated;
  r.sign_changes = sign_changes;
  for (double x : rates_from_z(t, static_cast<double>(sum), zs, to_rate)) r.roots.push_back(x);
  if (sum == 0)
    for (double& x : r.roots)
      if (std::fabs(x) < 1e-9) x = 0.0;
  choose(r);
  return r;
}

// (1+w)^{−365} − 1 in minus-one form: the annual rate of a daily discount root.
double annual_from_daily_w(double w) { return e_pow(rate_from_w(w), 365); }

}  // namespace

std::string IrrResult::why() const {
  const std::string what = dated ? "XIRR" : "IRR";
  if (choice == IrrChoice::unique) {
    if (sign_changes == 1)
      return "the cash flows change sign once, so exactly one rate makes the net present value zero (Descartes' rule of signs)";
    return "the cash flows change sign " + std::to_string(sign_changes) + " times, but only one rate makes the net present value zero";
  }
  std::string list;
  for (double x : roots) list += (list.empty() ? "" : ", ") + pct(x);
  std::string s = "the cash flows change sign " + std::to_string(sign_changes) + " times and " + std::to_string(roots.size()) +
                  " rates make the net present value zero (" + list + "); chose " + pct(rate);
  if (choice == IrrChoice::smallest_non_negative) s += " as the smallest non-negative one";
  else s += " as the negative one closest to zero (none is non-negative)";
  return s + " (numpy-financial's rule); the " + what + " of such flows is ambiguous";
}

namespace {
// Stack room for the flows as doubles; longer vectors use the heap.
class CoefBuffer {
public:
  explicit CoefBuffer(std::size_t n) {
    if (n > sizeof stack_ / sizeof stack_[0]) heap_.resize(n);
  }
  double* data() { return heap_.empty() ? stack_ : heap_.data(); }

private:
  double stack_[160];
  std::vector<double> heap_;
};
}  // namespace

IrrStatus irr_unique(std::span<const Money> flows, double& rate) {
  CoefBuffer buf(flows.size());
  const Scan s = scan_flows(flows, buf.data());
  if (s.first < 0 || s.first == s.last) return IrrStatus::too_few_flows;
  if (s.sign_changes == 0) return IrrStatus::no_sign_change;
  if (s.sign_changes > 1) return IrrStatus::several_sign_changes;
  rate = solve_unique(buf.data(), s);
  return IrrStatus::ok;
}

Result<IrrResult> irr(std::span<const Money> flows) {
  if (flows.size() < 2) return fail("IRR needs at least two cash flows, got " + std::to_string(flows.size()));
  CoefBuffer buf(flows.size());
  const Scan s = scan_flows(flows, buf.data());
  if (s.first < 0) return fail("all cash flows are zero: the IRR is undefined");
  if (s.sign_changes == 0) return fail(all_of_one_sign(flows[s.first].is_positive()));
  if (s.sign_changes == 1) {
    IrrResult r;
    r.rate = solve_unique(buf.data(), s);
    r.roots.push_back(r.rate);
    r.sign_changes = 1;
    return r;
  }
  std::vector<Term> t;
  for (int k = s.first; k <= s.last; ++k)
    if (flows[k].units() != 0) t.push_back({k - s.first, static_cast<double>(flows[k].units())});
  return all_roots(t, s.sum, s.sign_changes, false, [](double w) { return rate_from_w(w); });
}

Result<IrrResult> xirr(std::span<const DatedCashFlow> flows) {
  if (flows.size() < 2) return fail("XIRR needs at least two cash flows, got " + std::to_string(flows.size()));
  std::vector<DatedCashFlow> sorted(flows.begin(), flows.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const DatedCashFlow& a, const DatedCashFlow& b) { return a.date < b.date; });
  // Merge same-day flows; terms in days since the first non-zero flow.
  std::vector<Term> t;
  std::vector<std::int64_t> fen;
  time::Date first_date;
  bool any = false;
  int128 sum = 0;
  for (std::size_t k = 0; k < sorted.size();) {
    std::int64_t day_total = 0;
    std::size_t j = k;
    for (; j < sorted.size() && sorted[j].date == sorted[k].date; ++j) {
      if (__builtin_add_overflow(day_total, sorted[j].amount.units(), &day_total))
        return fail("cash flows on " + sorted[k].date.to_string() + " overflow when added");
    }
    if (day_total != 0) {
      if (!any) {
        first_date = sorted[k].date;
        any = true;
      }
      t.push_back({sorted[k].date - first_date, static_cast<double>(day_total)});
      fen.push_back(day_total);
      sum += day_total;
    }
    k = j;
  }
  if (!any) return fail("all cash flows are zero: the XIRR is undefined");
  if (t.size() == 1) {
    if (sorted.front().date == sorted.back().date)
      return fail("all cash flows are on the same day (" + sorted.front().date.to_string() + "): XIRR needs at least two dates");
    return fail("only one date (" + first_date.to_string() + ") has a non-zero net cash flow: the XIRR is undefined");
  }
  int v = 0;
  for (std::size_t k = 1; k < fen.size(); ++k)
    if (sign_of(fen[k]) != sign_of(fen[k - 1])) ++v;
  if (v == 0) return fail(all_of_one_sign(fen.front() > 0));
  const double sum_c = static_cast<double>(sum);
  if (v > 1) return all_roots(t, sum, v, true, annual_from_daily_w);

  // One sign change: the unique root w of f(w) = Σ c_k (1+w)^{d_k}, w = z − 1,
  // z = (1+r)^{−1/365} the daily discount factor. Newton on a bracket.
  IrrResult r;
  r.dated = true;
  r.sign_changes = 1;
  if (sum == 0) {
    r.rate = 0.0;
    r.roots = {0.0};
    return r;
  }
  const int s0 = sign_of(fen.front());
  double lo, hi;
  if (sign_of(sum) != s0) {
    lo = -1.0; hi = 0.0;
  } else {
    lo = 0.0; hi = 1e-3;
    for (int k = 0; k < 3000; ++k) {
      const double f = eval_w(t, sum_c, hi).f;
      const int sg = std::isfinite(f) ? sign_of(f) : sign_of(t.back().c);
      if (sg != s0) break;
      lo = hi;
      hi *= 2;
    }
  }
  double w = std::clamp(-sum_c / eval_w(t, sum_c, 0.0).df, lo, hi);
  if (!(w > lo && w < hi)) w = 0.5 * (lo + hi);
  for (int it = 0; it < 400; ++it) {
    const WEval e = eval_w(t, sum_c, w);
    const int sg = std::isfinite(e.f) ? sign_of(e.f) : sign_of(t.back().c);
    if (sg == 0) break;
    if (sg == s0) lo = w; else hi = w;
    const bool newton = it < 60 && std::isfinite(e.f) && e.df != 0 && std::isfinite(e.df);
    double next = newton ? w - e.f / e.df : 0.5 * (lo + hi);
    const bool inside = next > lo && next < hi;
    if (newton && std::fabs(next - w) <= 1e-10 * std::fabs(w)) {  // quadratic: the error left is ~1e-20
      if (inside) w = next;
      break;
    }
    if (!inside) next = 0.5 * (lo + hi);
    w = next;
    if (hi - lo <= 2 * kEps * std::max(std::fabs(lo), std::fabs(hi))) break;
  }
  r.rate = annual_from_daily_w(w);
  r.roots = {r.rate};
  return r;
}

double compound_minus_one(double rate, std::int64_t periods) {
  FINLAB_REQUIRE(periods >= 0, "compound_minus_one: periods " << periods);
  return e_pow(rate, periods);
}

double npv(double rate, std::span<const Money> flows) {
  FINLAB_REQUIRE(rate > -1.0, "npv: rate must be above -100%, got " << rate);
  const double x = 1.0 / (1.0 + rate);
  double v = 0;
  for (std::size_t k = flows.size(); k-- > 0;) v = v * x + static_cast<double>(flows[k].units());
  return v / 100.0;
}

double xnpv(double rate, std::span<const DatedCashFlow> flows) {
  FINLAB_REQUIRE(rate > -1.0, "xnpv: rate must be above -100%, got " << rate);
  if (flows.empty()) return 0.0;
  time::Date d0 = flows.front().date;
  for (const auto& f : flows) d0 = std::min(d0, f.date);
  const double z = math::pow(1.0 + rate, -1.0 / 365.0);
  double v = 0;
  for (const auto& f : flows) {
    double b = z, m = 1.0;
    for (std::int64_t k = f.date - d0; k != 0; k >>= 1) {
      if (k & 1) m *= b;
      if (k > 1) b *= b;
    }
    v += static_cast<double>(f.amount.units()) * m;
  }
  return v / 100.0;
}

}  // namespace finlab::loan
