#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/math/deterministic.hpp"

using namespace finlab;

namespace {
std::int64_t ulps(double a, double b) {
  std::int64_t ia, ib;
  std::memcpy(&ia, &a, 8);
  std::memcpy(&ib, &b, 8);
  if (ia < 0) ia = INT64_MIN - ia;
  if (ib < 0) ib = INT64_MIN - ib;
  return ia > ib ? ia - ib : ib - ia;
}
}  // namespace

TEST_CASE("Deterministic exp/log give the same bits on every platform", "[math][golden]") {
  // Bit patterns produced natively (x86-64, glibc) and required of the wasm
  // build too: a mismatch means a platform-dependent operation crept in.
  const double exp_cases[][2] = {
      {-0x1.48p+4, 0x1.57a3afeed00acp-30}, {-0x1p+0, 0x1.78b56362cef39p-2},
      {-0x1.5798ee2308c3ap-27, 0x1.ffffffaa19c47p-1}, {0x1.3333333333333p-2, 0x1.599058c8c1a95p+0},
      {0x1p+0, 0x1.5bf0a8b145768p+1}, {0x1.4p+1, 0x1.85d6fd931e0bdp+3},
      {0x1.4p+3, 0x1.5829dcf95055fp+14}, {0x1.5ep+9, 0x1.d945df4f8ec8ep+1009}};
  for (const auto& c : exp_cases) CHECK(math::exp(c[0]) == c[1]);
  const double log_cases[][2] = {
      {0x1.56e1fc2f8f359p-997, -0x1.5963447f87fb5p+9}, {0x1.5798ee2308c3ap-27, -0x1.26bb1bbb55516p+4},
      {0x1p-1, -0x1.62e42fefa39efp-1}, {0x1.fae147ae147aep-1, -0x1.495453e6fd4bcp-7},
      {0x1.000001ad7f29bp+0, 0x1.ad7f2847b6491p-24}, {0x1p+1, 0x1.62e42fefa39efp-1},
      {0x1.4p+3, 0x1.26bb1bbb55515p+1}, {0x1.7e43c8800759cp+996, 0x1.5963447f87fb5p+9}};
  for (const auto& c : log_cases) CHECK(math::log(c[0]) == c[1]);
  const double q_cases[][2] = {
      {0x1.b7cdfd9d7bdbbp-34, -0x1.97203597a2154p+2}, {0x1.47ae147ae147bp-7, -0x1.29c5c4630ff0ep+1},
      {0x1.3333333333333p-2, -0x1.0c7e39582c5fap-1}, {0x1p-1, 0x0p+0},
      {0x1.f333333333333p-1, 0x1.f5c0331eeff82p+0}, {0x1.ffffde7210be9p-1, 0x1.30381a97985f1p+2}};
  for (const auto& c : q_cases) CHECK(math::normal_quantile(c[0]) == c[1]);
}

TEST_CASE("Deterministic exp/log stay within a few ulp of libm", "[math][accuracy]") {
  std::int64_t worst_exp = 0, worst_log = 0;
  for (double x = -700; x < 700; x += 0.37) worst_exp = std::max(worst_exp, ulps(math::exp(x), std::exp(x)));
  for (double x = 1e-300; x < 1e300; x *= 1.7) worst_log = std::max(worst_log, ulps(math::log(x), std::log(x)));
  for (double x = 0.01; x < 3; x += 0.0013) worst_log = std::max(worst_log, ulps(math::log(x), std::log(x)));
  CHECK(worst_exp <= 4);
  CHECK(worst_log <= 4);
  for (double x : {1e-12, -3e-9, 1e-5, 0.2, -0.4, 3.0}) {
    INFO("x = " << x);
    CHECK(ulps(math::log1p(x), std::log1p(x)) <= 4);
    CHECK(ulps(math::expm1(x), std::expm1(x)) <= 4);
  }
  CHECK(math::pow(1.015, 12) == Approx(std::pow(1.015, 12)).epsilon(1e-15));
  CHECK(math::pow(2.0, 0.5) == Approx(std::sqrt(2.0)).epsilon(1e-15));
  CHECK(math::logistic(800) == 1.0);
  CHECK(math::logistic(-800) == 0.0);
  CHECK(math::logistic(0) == 0.5);
}

TEST_CASE("Normal quantile and CDF invert each other", "[math][normal]") {
  for (double p : {1e-12, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999, 1 - 1e-9}) {
    INFO("p = " << p);
    CHECK(math::normal_cdf(math::normal_quantile(p)) == Approx(p).epsilon(1e-9).margin(1e-15));
  }
  CHECK(math::normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
  CHECK(math::normal_cdf(1.0) == Approx(0.8413447460685429).epsilon(1e-14));
  CHECK(std::isnan(math::log(-1.0)));
  CHECK(std::isinf(math::normal_quantile(0.0)));
}
