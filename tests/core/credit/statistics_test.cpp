// Known-answer tests of core/credit/statistics: coefficient standard errors
// from the inverse Hessian, VIF, correlation, PSI/CSI. Every expected value
// is worked out by hand in the comment next to it.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/logistic.hpp"
#include "core/credit/statistics.hpp"

using namespace finlab::credit;

TEST_CASE("Logistic covariance on a 2x2 table equals the closed-form MLE variances", "[credit][statistics]") {
  // One binary regressor x. With y = 1 for good: x = 0 has 30 goods, 10 bads;
  // x = 1 has 45 goods, 5 bads. The unpenalised MLE is saturated:
  //   β0 = ln(30/10) = ln 3,  β1 = ln(45/5) − ln 3 = ln 3
  //   Var β0 = 1/30 + 1/10 = 0.133333...,  Var β1 = 1/30 + 1/10 + 1/45 + 1/5 = 0.355555...
  // (the log odds ratio's variance, Woolf 1955 / Agresti, Categorical Data Analysis §3.1.)
  std::vector<std::vector<double>> x(1);
  std::vector<std::uint8_t> good;
  auto add = [&](double xv, int goods, int bads) {
    for (int i = 0; i < goods; ++i) x[0].push_back(xv), good.push_back(1);
    for (int i = 0; i < bads; ++i) x[0].push_back(xv), good.push_back(0);
  };
  add(0, 30, 10);
  add(1, 45, 5);
  LogisticOptions o;
  o.l2 = 0;
  o.tolerance = 1e-12;
  const LogisticFit fit = fit_logistic(x, good, o);
  REQUIRE(fit.converged);
  CHECK(fit.intercept == Approx(std::log(3.0)).epsilon(1e-9));
  CHECK(fit.coef[0] == Approx(std::log(3.0)).epsilon(1e-9));
  REQUIRE(fit.covariance.size() == 4);
  CHECK(fit.covariance[0] == Approx(1.0 / 30 + 1.0 / 10).epsilon(1e-7));
  CHECK(fit.covariance[3] == Approx(1.0 / 30 + 1.0 / 10 + 1.0 / 45 + 1.0 / 5).epsilon(1e-7));
  // Cov(β0, β1) = −Var β0 (β1 = ln odds(x=1) − β0, the two cells independent).
  CHECK(fit.covariance[1] == Approx(-(1.0 / 30 + 1.0 / 10)).epsilon(1e-7));
  const std::vector<std::string> names{"x"};
  const auto cs = coefficient_stats(fit, names);
  REQUIRE(cs.size() == 2);
  CHECK(cs[0].name == "intercept");
  CHECK(cs[1].name == "x");
  // SE β1 = sqrt(0.355556) = 0.596285; z = ln 3 / 0.596285 = 1.842429;
  // p = 2·Φ(−1.842434) = 0.065412 (normal table).
  CHECK(cs[1].std_error == Approx(0.5962848).epsilon(1e-6));
  CHECK(cs[1].z == Approx(1.842429).epsilon(1e-6));
  CHECK(cs[1].p_value == Approx(0.065412).epsilon(1e-5));
}

TEST_CASE("The penalty enters the covariance as the inverse of the penalised Hessian", "[credit][statistics]") {
  std::vector<std::vector<double>> x(1);
  std::vector<std::uint8_t> good;
  for (int i = 0; i < 200; ++i) {
    x[0].push_back(i % 2);
    good.push_back((i % 7 == 0) ? 0 : 1);
  }
  LogisticOptions none, some;
  none.l2 = 0;
  some.l2 = 50;
  const LogisticFit a = fit_logistic(x, good, none), b = fit_logistic(x, good, some);
  // A ridge penalty adds l2 to the slope's Hessian entry: smaller variance.
  CHECK(b.covariance[3] < a.covariance[3]);
}

TEST_CASE("two_sided_p, AIC and BIC", "[credit][statistics]") {
  CHECK(two_sided_p(0) == Approx(1.0));
  CHECK(two_sided_p(1.959963984540054) == Approx(0.05).epsilon(1e-9));  // the 97.5% normal quantile
  CHECK(two_sided_p(-2.575829303548901) == Approx(0.01).epsilon(1e-9));
  // AIC = 2k − 2LL = 2·3 + 200 = 206; BIC = k ln n − 2LL = 3 ln 100 + 200 = 213.8155
  CHECK(aic(-100, 3) == Approx(206));
  CHECK(bic(-100, 3, 100) == Approx(213.81551).epsilon(1e-7));
}

TEST_CASE("VIF by hand: two columns with r = 0.8, and an exact combination", "[credit][statistics]") {
  // x1 = 1..5, x2 = (2,1,4,3,5): deviations (−2,−1,0,1,2) and (−1,−2,1,0,2),
  // Σd1d2 = 8, Σd1² = Σd2² = 10, so r = 0.8 and VIF = 1/(1 − 0.64) = 2.7778.
  std::vector<std::vector<double>> x{{1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}};
  const auto r = correlation_matrix(x);
  REQUIRE(r.size() == 4);
  CHECK(r[0] == 1.0);
  CHECK(r[1] == Approx(0.8));
  CHECK(r[2] == Approx(0.8));
  const auto v = vif_from_correlation(r, 2);
  CHECK(v[0] == Approx(1.0 / 0.36));
  CHECK(v[1] == Approx(1.0 / 0.36));
  // x3 = x1 + x2: every column is an exact combination of the others.
  x.push_back({3, 3, 7, 7, 10});
  const auto v3 = vif_from_correlation(correlation_matrix(x), 3);
  for (double vi : v3) CHECK(std::isinf(vi));
}

TEST_CASE("VIF with three columns equals 1/(1 − R²) of the auxiliary regression", "[credit][statistics]") {
  // x1 = (1,2,3,4,5,6), x2 = (1,0,1,0,1,0), x3 = (3,1,4,1,5,9).
  // Regress x1 on x2 and x3 by hand: centred, d2 = (.5,−.5,.5,−.5,.5,−.5),
  // d3 = (−.8333,−2.8333,.1667,−2.8333,1.1667,5.1667), d1 = (−2.5,−1.5,−.5,.5,1.5,2.5).
  // S22 = 1.5, S33 = 44.8333, S23 = 0.5·(−.8333+2.8333+.1667+2.8333+1.1667−5.1667) = 0.5,
  // S12 = −1.5, S13 = 2.0833+4.25−.0833−1.4167+1.75+12.9167 = 19.5, S11 = 17.5.
  // Normal equations: [1.5 .5; .5 44.8333]·b = [−1.5; 19.5], det = 67:
  // b2 = (−1.5·44.8333 − .5·19.5)/67 = −77/67, b3 = (1.5·19.5 + .5·1.5)/67 = 30/67.
  // SSR = b2·S12 + b3·S13 = 1.723881 + 8.731343 = 10.455224; R² = 0.597441;
  // VIF1 = 1/(1 − 0.597441) = 2.484110 (statsmodels variance_inflation_factor agrees).
  std::vector<std::vector<double>> x{{1, 2, 3, 4, 5, 6}, {1, 0, 1, 0, 1, 0}, {3, 1, 4, 1, 5, 9}};
  const auto v = vif_from_correlation(correlation_matrix(x), 3);
  CHECK(v[0] == Approx(2.484110).epsilon(1e-6));
  CHECK(v[1] >= 1.0);
  CHECK(v[2] >= 1.0);
}

TEST_CASE("Weighted correlation equals the unweighted one on repeated rows", "[credit][statistics]") {
  // Weight 2 on a row = the row twice.
  const std::vector<std::vector<double>> xw{{1, 2, 3, 4}, {2, 1, 5, 3}};
  const std::vector<double> w{1, 2, 1, 1};
  const std::vector<std::vector<double>> xr{{1, 2, 2, 3, 4}, {2, 1, 1, 5, 3}};
  CHECK(correlation_matrix(xw, w)[1] == Approx(correlation_matrix(xr)[1]).epsilon(1e-12));
}

TEST_CASE("PSI and CSI by hand on a three-bin table", "[credit][statistics]") {
  // Expected 40/30/30 %, actual 30/30/40 %:
  // PSI = (.3−.4)·ln(.3/.4) + 0 + (.4−.3)·ln(.4/.3) = 0.2·ln(4/3) = 0.0575364.
  // Score shift with points 10/20/30: (−.1)·10 + 0·20 + .1·30 = 2.0 points.
  const std::vector<double> e{400, 300, 300}, a{30, 30, 40}, pts{10, 20, 30};
  const auto s = characteristic_stability(e, a, pts);
  CHECK(s.csi == Approx(0.2 * std::log(4.0 / 3.0)).epsilon(1e-12));
  CHECK(s.score_shift == Approx(2.0).epsilon(1e-12));
  // No points: no shift; same distribution: zero.
  CHECK(characteristic_stability(e, a).score_shift == 0.0);
  CHECK(characteristic_stability(e, e, pts).csi == 0.0);
  CHECK_THROWS(characteristic_stability(e, std::vector<double>{1, 2}));
}
