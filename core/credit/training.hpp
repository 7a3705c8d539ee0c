// Scorecard training (DOMAIN.md §3.1–3.2): bin every candidate column on the
// training rows, compute WoE/IV, select features by IV and correlation, fit an
// L2 logistic regression on WoE values, drop features whose coefficient comes
// out negative (a sign flip means collinearity, §3.2) and refit, then fit one
// sub-model per subset of the behaviour categories present, scale to points,
// and record the training distribution for PSI. Deterministic: same data and
// options give the same card on every platform.
#pragma once

#include <string>
#include <vector>

#include "core/credit/binning.hpp"
#include "core/credit/dataset.hpp"
#include "core/credit/logistic.hpp"
#include "core/credit/scorecard.hpp"

namespace finlab::credit {

struct TrainOptions {
  BinningOptions binning;
  double min_iv = 0.02;          // drop "useless" features (§3.1)
  double max_correlation = 0.7;  // |Pearson r| of WoE values; the lower-IV feature of a pair goes
  int max_features = 30;         // cap on selected features (highest IV first)
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
  std::string status;   // "selected", "low IV", "correlated with X (r=0.83)", "negative coefficient", "constant", "all missing"
  FeatureBinning binning;
};

struct TrainResult {
  Scorecard card;
  std::vector<FeatureReport> candidates;  // every candidate column, in data order
  std::int64_t train_rows = 0;
  std::int64_t train_bads = 0;
};

// Trains on the rows with split == train. Fails (Result) when there are no
// train rows, no goods or no bads, or no usable feature.
Result<TrainResult> train_scorecard(const Dataset& data, const TrainOptions& options = {});

}  // namespace finlab::credit
