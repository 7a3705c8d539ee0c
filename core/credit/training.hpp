// Scorecard training (DOMAIN.md §3.1–3.2), in named steps:
//   prepare  training rows per consent category
//   bin      bin every candidate column on the training rows, WoE/IV
//   select   IV threshold, pairwise correlation, VIF, optional stepwise
//            (forward / backward / both by AIC, BIC or p-value)
//   fit      L2 logistic regression on WoE values per consent sub-model; drop
//            features whose coefficient comes out negative (a sign flip means
//            collinearity, §3.2) and, optionally, those above a p-value; refit
//   scale    points per bin, and the training distribution for PSI
// Every dropped feature carries the rule and the number that dropped it.
// Deterministic: same data and options give the same card on every platform.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/credit/binning.hpp"
#include "core/credit/dataset.hpp"
#include "core/credit/logistic.hpp"
#include "core/credit/scorecard.hpp"
#include "core/credit/statistics.hpp"

namespace finlab::credit {

enum class StepwiseDirection : std::uint8_t { none, forward, backward, both };
enum class StepwiseCriterion : std::uint8_t { aic, bic, p_value };
Result<StepwiseDirection> parse_stepwise_direction(std::string_view s);
Result<StepwiseCriterion> parse_stepwise_criterion(std::string_view s);
std::string_view to_string(StepwiseDirection d);
std::string_view to_string(StepwiseCriterion c);

// Stepwise selection on the full model's rows (toad.selection.stepwise).
// forward: start from the intercept, add the feature that lowers the
// criterion most (AIC/BIC) or has the smallest p-value below p_enter; stop
// when none does. backward: start from all, remove the feature whose removal
// lowers the criterion most, or the largest p-value above p_remove. both:
// forward, and after each addition a backward pass.
struct StepwiseOptions {
  StepwiseDirection direction = StepwiseDirection::none;
  StepwiseCriterion criterion = StepwiseCriterion::aic;
  double p_enter = 0.05;   // [D] the conventional 5% level
  double p_remove = 0.05;  // [D]
};

struct TrainOptions {
  BinningOptions binning;
  double min_iv = 0.02;          // drop "useless" features (§3.1)
  double max_correlation = 0.7;  // |Pearson r| of WoE values; the lower-IV feature of a pair goes
  int max_features = 30;         // cap on selected features (highest IV first)
  // Drop the feature with the largest VIF while it exceeds this (0 = off; 5
  // and 10 are the usual rules of thumb, e.g. Kutner et al., Applied Linear
  // Statistical Models, §10.5).
  double max_vif = 0;
  // After the sign check, drop the full model's feature with the largest
  // coefficient p-value while it exceeds this, and refit (0 = off).
  double max_p_value = 0;
  StepwiseOptions stepwise;
  LogisticOptions logistic;
  ScoreScaling scaling;
  ScoreBands bands;
  // After a sub-model's coefficients are fitted on rows that consented to at
  // least its categories, re-fit its intercept on rows with exactly that
  // consent set when there are this many of them (and ≥ 20 bads), so PD is
  // calibrated for the people it will score. 0 = never.
  std::int64_t recalibrate_min_rows = 2000;
  std::string name = "scorecard";
};

struct FeatureReport {
  std::string name;
  ConsentCategory category = ConsentCategory::application;
  double iv = 0;
  bool selected = false;
  std::string status;   // "selected", or why not, with the number: "low IV (0.0123 < 0.02)", "correlated with X (r=0.83 > 0.70)", "negative coefficient (β=-0.153, z=-2.10)", ...
  // The rule that dropped it ("" when selected): constant, all_missing,
  // no_usable_split, min_iv, max_correlation, max_features, max_vif, stepwise,
  // sign, max_p_value; the statistic it tested and the threshold (NaN when none).
  std::string rule;
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double threshold = std::numeric_limits<double>::quiet_NaN();
  std::string against;  // max_correlation: the feature it correlates with
  FeatureBinning binning;
};

// Statistics of the full sub-model (every category the card reads): the
// coefficients with standard errors and p-values (from the penalised Hessian:
// with --l2 0 these are the maximum-likelihood ones statsmodels reports), fit
// criteria, and the WoE correlation matrix and VIF of its features.
struct ModelStatistics {
  std::string consent;
  std::int64_t rows = 0;
  double weight_total = 0;   // sum of the rows' sample weights (= rows unweighted); BIC uses it as n
  double l2 = 0;
  double log_likelihood = 0;
  double aic = 0;
  double bic = 0;
  std::vector<CoefficientStat> coefficients;  // intercept first, then the features
  std::vector<std::string> features;
  std::vector<double> vif;                     // per feature
  std::vector<double> correlation;             // features² row-major
  std::int64_t correlation_rows = 0;           // rows the correlation/VIF used (a fixed sample beyond 100k)
};

struct TrainResult {
  Scorecard card;
  std::vector<FeatureReport> candidates;  // every candidate column, in data order
  std::int64_t train_rows = 0;
  std::int64_t train_bads = 0;
  ModelStatistics statistics;
};

// Trains on the rows with split == train. Fails (Result) when there are no
// train rows, no goods or no bads, or no usable feature.
Result<TrainResult> train_scorecard(const Dataset& data, const TrainOptions& options = {});

}  // namespace finlab::credit
