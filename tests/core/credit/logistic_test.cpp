#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/logistic.hpp"
#include "core/random/stream.hpp"

using namespace finlab::credit;

TEST_CASE("Logistic regression converges to the penalised optimum (gradient zero)", "[credit][logistic]") {
  finlab::random::Stream s(9, 0, 0, 1002u);
  const std::size_t n = 5000;
  std::vector<std::vector<double>> x(3, std::vector<double>(n));
  std::vector<std::uint8_t> good(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (auto& col : x) col[i] = s.normal();
    const double eta = 2.0 + 0.8 * x[0][i] - 0.5 * x[1][i] + 0.0 * x[2][i];
    good[i] = s.uniform01() < 1.0 / (1.0 + std::exp(-eta)) ? 1 : 0;
  }
  LogisticOptions o;
  o.l2 = 1.0;
  const LogisticFit fit = fit_logistic(x, good, o);
  REQUIRE(fit.converged);
  CHECK(fit.iterations < 15);
  CHECK(fit.max_step < o.tolerance);
  CHECK(fit.intercept == Approx(2.0).margin(0.15));
  CHECK(fit.coef[0] == Approx(0.8).margin(0.12));
  CHECK(fit.coef[1] == Approx(-0.5).margin(0.12));
  CHECK(fit.coef[2] == Approx(0.0).margin(0.1));
  // KKT: Σ (y − p) x_j − l2 β_j = 0 for every slope; Σ (y − p) = 0 for the intercept.
  std::vector<double> g(4, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    double eta = fit.intercept;
    for (std::size_t j = 0; j < 3; ++j) eta += fit.coef[j] * x[j][i];
    const double r = good[i] - 1.0 / (1.0 + std::exp(-eta));
    g[0] += r;
    for (std::size_t j = 0; j < 3; ++j) g[j + 1] += r * x[j][i];
  }
  CHECK(std::fabs(g[0]) < 1e-6);
  for (std::size_t j = 0; j < 3; ++j) CHECK(std::fabs(g[j + 1] - o.l2 * fit.coef[j]) < 1e-6);
}

TEST_CASE("Logistic regression: warm start on a subsample reaches the same optimum", "[credit][logistic]") {
  finlab::random::Stream s(10, 0, 0, 1003u);
  const std::size_t n = 40000;
  std::vector<std::vector<double>> x(2, std::vector<double>(n));
  std::vector<std::uint8_t> good(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[0][i] = s.normal();
    x[1][i] = s.normal();
    good[i] = s.uniform01() < 1.0 / (1.0 + std::exp(-(1.0 + x[0][i]))) ? 1 : 0;
  }
  LogisticOptions cold, warm;
  cold.warm_start_stride = 0;
  warm.warm_start_min_rows = 1000;
  const LogisticFit a = fit_logistic(x, good, cold), b = fit_logistic(x, good, warm);
  CHECK(a.intercept == Approx(b.intercept).margin(1e-8));
  CHECK(a.coef[0] == Approx(b.coef[0]).margin(1e-8));
  CHECK(b.iterations <= a.iterations);
}

TEST_CASE("Logistic regression rejects one-class data and ragged columns", "[credit][logistic]") {
  std::vector<std::vector<double>> x(1, std::vector<double>(10, 1.0));
  std::vector<std::uint8_t> all_good(10, 1);
  CHECK_THROWS(fit_logistic(x, all_good));
  std::vector<std::uint8_t> short_y(9, 1);
  CHECK_THROWS(fit_logistic(x, short_y));
}
