#include <catch2/catch.hpp>

#include <cmath>

#include "core/portfolio/student_t.hpp"

using namespace finlab;

TEST_CASE("deterministic_atan agrees with known values", "[portfolio][student_t]") {
  CHECK(portfolio::deterministic_atan(0.0) == 0.0);
  CHECK(portfolio::deterministic_atan(1.0) == Approx(0.78539816339744830962).epsilon(1e-15));
  CHECK(portfolio::deterministic_atan(0.5) == Approx(0.46364760900080611621).epsilon(1e-15));
  CHECK(portfolio::deterministic_atan(-3.0) == Approx(-1.24904577239825442582).epsilon(1e-15));
  CHECK(portfolio::deterministic_atan(1e6) == Approx(1.57079532679489666).epsilon(1e-15));
}

TEST_CASE("Two-sided Student-t tails match published critical values", "[portfolio][student_t]") {
  // Critical values t(0.975) and t(0.995) from standard t tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
  struct Row { int dof; double t; double tail; };
  const Row rows[] = {{3, 3.182446305, 0.05}, {3, 5.840909310, 0.01}, {4, 2.776445105, 0.05}, {5, 2.570581836, 0.05},
                      {5, 4.032142984, 0.01}, {6, 2.446911851, 0.05}, {10, 2.228138852, 0.05}, {30, 2.042272456, 0.05}};
  for (const auto& r : rows) {
    INFO("dof " << r.dof << " t " << r.t);
    CHECK(portfolio::student_t_two_sided_tail(r.t, r.dof) == Approx(r.tail).epsilon(1e-8));
  }
  CHECK(portfolio::student_t_two_sided_tail(0.0, 5) == 1.0);
}

TEST_CASE("The table sampler follows the exact quantile to 1e-6 relative, tails included", "[portfolio][student_t]") {
  for (int dof : {3, 5, 8}) {
    portfolio::StudentTSampler t(dof);
    double worst = 0;
    // Cell midpoints are the worst case for linear interpolation.
    for (int e = 0; e < portfolio::StudentTSampler::kOctaves; e += 3) {
      for (int j = 0; j < 512; j += 17) {
        const double s = std::ldexp(1.0 + (j + 0.5) / 512.0, -(e + 1));
        // Bits that encode this s: r = s * 2^63 (positive sign).
        const std::uint64_t bits = static_cast<std::uint64_t>(std::ldexp(s, 63));
        const double got = t.from_bits(bits);
        const double want = t.exact_abs_quantile(std::ldexp(static_cast<double>(bits), -63));
        if (want > 0) worst = std::max(worst, std::fabs(got - want) / want);
      }
    }
    INFO("dof " << dof << " worst relative error " << worst);
    CHECK(worst < 1e-6);
  }
}

TEST_CASE("Sampled variates are symmetric with unit variance and t tails", "[portfolio][student_t]") {
  portfolio::StudentTSampler t(5);
  random::Stream s(7, 0, 0, random::Purpose::nav_path);
  const int n = 400000;
  double sum = 0, sum2 = 0;
  int beyond = 0;
  const double q01 = 4.032142984 * std::sqrt(3.0 / 5.0);  // unit-variance two-sided 1% point
  for (int i = 0; i < n; ++i) {
    const double z = t.draw(s);
    sum += z;
    sum2 += z * z;
    if (std::fabs(z) > q01) ++beyond;
  }
  CHECK(std::fabs(sum / n) < 0.01);
  CHECK(sum2 / n == Approx(1.0).epsilon(0.03));
  CHECK(beyond / double(n) == Approx(0.01).epsilon(0.06));
}

TEST_CASE("A sampler rejects degrees of freedom without a unit variance", "[portfolio][student_t][errors]") {
  CHECK_THROWS_WITH(portfolio::StudentTSampler(2), Catch::Matchers::Contains("dof 2 not in [3, 1000]"));
}
