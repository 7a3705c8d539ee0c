// Elementary functions that give the same bits on every platform: written with
// IEEE + - * / (correctly rounded everywhere; the build uses
// -ffp-contract=off so nothing is fused) plus frexp/ldexp (exact). Platform
// libm exp/log may differ in the last ulp between glibc and Emscripten's musl;
// anything that feeds a decision, a stored number or a cross-platform
// comparison uses these instead (DESIGN.md, "Same answer everywhere").
// Accuracy: within a few ulp of the true value over the whole double range.
#pragma once

namespace finlab::math {

double exp(double x);
double log(double x);     // NaN for x < 0, -inf for 0
double log1p(double x);   // log(1 + x), accurate for small x
double expm1(double x);   // exp(x) - 1, accurate for small x
double pow(double x, double y);  // x > 0, or x == 0 with y > 0
double sqrt(double x);    // IEEE sqrt is correctly rounded: same bits everywhere
double logistic(double z);  // 1 / (1 + exp(-z)), no overflow for large |z|

// Standard normal quantile (Wichura 1988, AS241 PPND16; ~1e-16 relative).
double normal_quantile(double p);
// Standard normal CDF (via erfc series/continued fraction; ~1e-15 absolute).
double normal_cdf(double x);

}  // namespace finlab::math
