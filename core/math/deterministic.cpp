#include "core/math/deterministic.hpp"

#include <cmath>
#include <limits>

namespace finlab::math {

namespace {
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // fdlibm split of ln 2
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// exp(r) for |r| <= 0.5*ln2 by Taylor series to degree 15 (error < 1e-17).
double exp_reduced(double r) {
  double term = 1.0, sum = 1.0;
  for (int k = 1; k <= 15; ++k) {
    term = term * r / k;
    sum += term;
  }
  return sum;
}
}  // namespace

double sqrt(double x) { return std::sqrt(x); }

double exp(double x) {
  if (x != x) return x;
  if (x > 709.782712893384) return kInf;
  if (x < -745.1332191019412) return 0.0;
  const double kf = std::nearbyint(x * kInvLn2);  // round-to-nearest, deterministic
  const int k = static_cast<int>(kf);
  const double r = (x - kf * kLn2Hi) - kf * kLn2Lo;
  return std::ldexp(exp_reduced(r), k);
}

double log(double x) {
  if (x != x || x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (x == kInf) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  // log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double s2 = s * s;
  double term = s, sum = 0.0;
  for (int k = 1; k <= 41; k += 2) {
    sum += term / k;
    term *= s2;
  }
  const double log_m = 2.0 * sum;
  const double ke = static_cast<double>(e);
  return (ke * kLn2Hi + log_m) + ke * kLn2Lo;
}

double log1p(double x) {
  if (x != x || x < -1.0) return kNaN;
  if (x == -1.0) return -kInf;
  const double u = 1.0 + x;
  if (u == 1.0) return x;
  // Goldberg: log(u) * x / (u - 1) corrects the rounding of 1 + x.
  return log(u) * (x / (u - 1.0));
}

double expm1(double x) {
  if (x != x) return x;
  if (x > -0.5 && x < 0.5) {
    double term = x, sum = x;
    for (int k = 2; k <= 20; ++k) {
      term = term * x / k;
      sum += term;
    }
    return sum;
  }
  return exp(x) - 1.0;
}

double pow(double x, double y) {
  if (y == 0) return 1.0;
  if (x == 0) return y > 0 ? 0.0 : kInf;
  if (x < 0) return kNaN;
  if (x == 1.0) return 1.0;
  // Integer powers by squaring are exact-er and deterministic.
  if (y == std::trunc(y) && std::fabs(y) <= 64) {
    long n = static_cast<long>(std::fabs(y));
    double base = x, result = 1.0;
    while (n) {
      if (n & 1) result *= base;
      base *= base;
      n >>= 1;
    }
    return y < 0 ? 1.0 / result : result;
  }
  return exp(y * log(x));
}

double logistic(double z) {
  if (z >= 0) return 1.0 / (1.0 + exp(-z));
  const double e = exp(z);
  return e / (1.0 + e);
}

double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    if (p == 0.0) return -kInf;
    if (p == 1.0) return kInf;
    return kNaN;
  }
  // AS241 PPND16 coefficients.
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
                    4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r +
                 1.3314166789178437745e2) * r + 3.3871328727963666080e0) /
           (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r +
                2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r +
             4.2313330701600911252e1) * r + 1.0);
  }
  double r = q < 0 ? p : 1.0 - p;
  r = sqrt(-log(r));
  double val;
  if (r <= 5.0) {
    r -= 1.6;
    val = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r +
               1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r +
            4.63033784615654529590e0) * r + 1.42343711074968357734e0) /
          (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r +
               1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r +
            2.05319162663775882187e0) * r + 1.0);
  } else {
    r -= 5.0;
    val = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r +
               2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r +
            5.46378491116411436990e0) * r + 6.65790464350110377720e0) /
          (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r +
               7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
            5.99832206555887937690e-1) * r + 1.0);
  }
  return q < 0 ? -val : val;
}

double normal_cdf(double x) {
  // W. J. Cody's rational approximations are libm-free; here the simpler
  // route: Phi(x) = 0.5 * erfc(-x/sqrt2) with erfc from a continued fraction
  // for |x| large and a Taylor series of erf for |x| small.
  if (x != x) return x;
  const double z = std::fabs(x) / 1.41421356237309504880;
  double erfc_z;
  if (z < 2.5) {
    // erf(z) = 2/sqrt(pi) * sum (-1)^n z^(2n+1) / (n! (2n+1))
    double term = z, sum = z;
    const double z2 = z * z;
    for (int n = 1; n < 80; ++n) {
      term *= -z2 / n;
      const double add = term / (2 * n + 1);
      sum += add;
      if (std::fabs(add) < 1e-18 * std::fabs(sum)) break;
    }
    erfc_z = 1.0 - 1.12837916709551257390 * sum;
  } else {
    // Lentz continued fraction: erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + 1/2/(z + 1/(z + 3/2/(z + ...))))
    double f = 0.0;
    for (int k = 60; k >= 1; --k) f = (k * 0.5) / (z + f);
    erfc_z = exp(-z * z) * 0.56418958354775628695 / (z + f);
  }
  return x >= 0 ? 1.0 - 0.5 * erfc_z : 0.5 * erfc_z;
}

}  // namespace finlab::math
