// Statistics of a fitted scorecard model for feature selection and review:
// coefficient standard errors, Wald z and two-sided p-values from the inverse
// Hessian (LogisticFit::covariance), AIC/BIC, Pearson correlation matrix and
// variance inflation factors (VIF) of the WoE design, and the characteristic
// stability of one feature (CSI: PSI over its bins, and the score shift
// Σ (actual% − expected%)·points of the "characteristic analysis").
// Deterministic: fixed summation order, core/math functions only.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/credit/binning.hpp"
#include "core/credit/dataset.hpp"
#include "core/credit/logistic.hpp"

namespace finlab::credit {

struct CoefficientStat {
  std::string name;        // "intercept" or the feature name
  double estimate = 0;
  double std_error = 0;    // sqrt of the covariance diagonal (NaN when singular)
  double z = 0;            // estimate / std_error (Wald)
  double p_value = 0;      // 2·Φ(−|z|)
};

// Two-sided p-value of a standard normal statistic: 2·Φ(−|z|).
double two_sided_p(double z);
// names: one per coefficient of fit (the intercept is added first).
std::vector<CoefficientStat> coefficient_stats(const LogisticFit& fit, std::span<const std::string> names);
// Akaike / Bayesian information criteria of a log-likelihood with k parameters on n rows.
double aic(double log_likelihood, std::size_t k);
double bic(double log_likelihood, std::size_t k, double n);

// Pearson correlation matrix (p×p row-major) of p columns of equal length,
// weighted when `weight` is not empty. A constant column has r = 0 with the
// others and 1 with itself.
std::vector<double> correlation_matrix(std::span<const std::vector<double>> x, std::span<const double> weight = {});
// VIF_j = 1 / (1 − R²_j), R²_j of the least-squares regression of column j on
// the others with an intercept; computed from the correlation matrix as
// 1 / (1 − r_jᵀ R_{−j}⁻¹ r_j). +inf when column j is an exact combination of
// the others. One column: VIF 1.
std::vector<double> vif_from_correlation(std::span<const double> corr, std::size_t p);

struct CharacteristicStability {
  double csi = 0;          // PSI over the feature's bins (same 1 bp floor as psi())
  double score_shift = 0;  // Σ (actual_b − expected_b)·points_b, shares in [0, 1]
};
// expected/actual: counts (or weights) per bin; points: per bin (may be empty: shift 0).
CharacteristicStability characteristic_stability(std::span<const double> expected, std::span<const double> actual,
                                                 std::span<const double> points = {});

// PSI of a candidate feature between its training bins (the binning's counts)
// and the data set rows `rows` of `split` that consented to its category
// (e.g. train vs out-of-time). 0 when no such row.
double feature_psi(const FeatureBinning& fb, const DataColumn& col, const Dataset& data, Split split);

}  // namespace finlab::credit
