// Scorecard training (see training.hpp). The steps, in order:
//   prepare_rows        training rows per consent category
//   bin_candidates      bin every candidate column, WoE/IV
//   select_by_iv_and_correlation, select_by_vif, select_stepwise
//   fit_submodels       logistic regression per consent subset, sign check,
//                       p-value rule, recalibration
//   build_card          points per bin (scale) and the training distribution
//   model_statistics    standard errors, p-values, AIC/BIC, correlation, VIF
#include "core/credit/training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/credit/fast_math.hpp"
#include "core/credit/training_steps.hpp"
#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

std::string_view to_string(StepwiseDirection d) {
  switch (d) {
    case StepwiseDirection::none: return "none";
    case StepwiseDirection::forward: return "forward";
    case StepwiseDirection::backward: return "backward";
    case StepwiseDirection::both: return "both";
  }
  return "none";
}
std::string_view to_string(StepwiseCriterion c) {
  switch (c) {
    case StepwiseCriterion::aic: return "aic";
    case StepwiseCriterion::bic: return "bic";
    case StepwiseCriterion::p_value: return "p";
  }
  return "aic";
}
Result<StepwiseDirection> parse_stepwise_direction(std::string_view s) {
  for (auto d : {StepwiseDirection::none, StepwiseDirection::forward, StepwiseDirection::backward, StepwiseDirection::both})
    if (s == to_string(d)) return d;
  return fail("stepwise direction must be none, forward, backward or both, got '" + std::string(s) + "'");
}
Result<StepwiseCriterion> parse_stepwise_criterion(std::string_view s) {
  for (auto c : {StepwiseCriterion::aic, StepwiseCriterion::bic, StepwiseCriterion::p_value})
    if (s == to_string(c)) return c;
  return fail("stepwise criterion must be aic, bic or p, got '" + std::string(s) + "'");
}

Result<TrainResult> train_scorecard(const Dataset& data, const TrainOptions& o) {
  using namespace training;
  auto prepared = prepare_rows(data);
  if (!prepared) return fail(prepared.error());
  const TrainRows& rows = *prepared;
  TrainResult result;
  result.train_rows = static_cast<std::int64_t>(rows.train.size());
  result.train_bads = rows.bads;
  bin_candidates(data, rows, o, result);
  const std::vector<std::uint32_t> sample = correlation_sample(rows.train);
  Design design = select_by_iv_and_correlation(data, rows.train, sample, o, result);
  if (design.cand.empty())
    return fail("no usable feature: every candidate column is constant, missing or has IV < " + fmt(o.min_iv, 2));
  select_by_vif(data, sample, o, result, design);
  select_stepwise(data, rows, o, result, design);
  std::vector<Fitted> fitted = fit_submodels(data, rows, o, result, design);
  build_card(data, rows, o, design, fitted, result);
  return result;
}

}  // namespace finlab::credit
