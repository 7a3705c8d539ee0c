// L2-regularised logistic regression by Newton's method (IRLS) on a dense
// column-major design: minimises Σ_i loss_i + (l2/2)·Σ_j β_j² (the intercept is
// not penalised; l2 = 1 matches scikit-learn's default C = 1). The model is
// ln(odds_good) = β0 + Σ β_j x_j, i.e. y = 1 means GOOD, so with Siddiqi-sign
// WoE inputs the coefficients come out positive. Converged when the largest
// Newton step |Δβ_j| < tolerance. Sums run in a fixed order with fixed
// partial-sum lanes and core/math exp, so results are bit-identical natively
// and in wasm.
// Sample weights (optional): loss_i, its gradient and Hessian terms are
// multiplied by w_i (the weighted likelihood; statsmodels GLM freq_weights),
// so integer weights give the fit of the data with each row repeated w_i times.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace finlab::credit {

struct LogisticOptions {
  double l2 = 1.0;
  double tolerance = 1e-9;
  int max_iterations = 50;
  // Warm start on every k-th row first (0 = off); the full-data Newton steps
  // then only polish. Deterministic, and it does not change the optimum.
  std::size_t warm_start_stride = 16;
  std::size_t warm_start_min_rows = 200000;
};

struct LogisticFit {
  double intercept = 0;
  std::vector<double> coef;
  int iterations = 0;
  bool converged = false;
  double max_step = 0;           // last Newton step (convergence measure)
  double log_likelihood = 0;     // at the solution (without the penalty)
  std::int64_t rows = 0;         // observations fitted
  double weight_total = 0;       // their sum of weights (= rows unweighted): the n of BIC
  // Covariance of (intercept, coef...): the inverse of the penalised Hessian
  // X'WX + diag(0, l2, ..., l2) at the solution, (p+1)² row-major. With l2 = 0
  // this is the usual maximum-likelihood covariance (statsmodels Logit's
  // cov_params()); empty when the Hessian is singular.
  std::vector<double> covariance;
};

// A design kept as bins and WoE tables (scorecard training): x_j of row i is
// woe[j][bins[j][rows[i]]] (rows empty: row i itself). The fit gathers each
// block of 2,048 rows into a small buffer, so no n x p matrix is allocated;
// the values, and so the result bits, are those of the dense design.
struct BinnedDesign {
  std::vector<const std::uint8_t*> bins;
  std::vector<const double*> woe;
  std::span<const std::uint32_t> rows;
};

// x: p columns of n values each (x[j][i]); good[i] = 1 for good, 0 for bad.
// start: optional initial (intercept, coef...) of size p + 1; empty = ln(goods/bads), 0...
// weight: one finite weight >= 0 per row, or empty (all 1).
LogisticFit fit_logistic(std::span<const std::vector<double>> x, std::span<const std::uint8_t> good,
                         const LogisticOptions& options = {}, std::span<const double> start = {},
                         std::span<const double> weight = {});
// The same fit on a binned design (n = good.size() rows).
LogisticFit fit_logistic(const BinnedDesign& x, std::span<const std::uint8_t> good, const LogisticOptions& options = {},
                         std::span<const double> start = {}, std::span<const double> weight = {});

}  // namespace finlab::credit
