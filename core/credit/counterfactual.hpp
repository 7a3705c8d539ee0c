// The exact counterfactual (issue 5): the smallest change in consented
// behaviour that moves a user's score into the next band. Only actionable
// features (schema flag) of behaviour categories the user consented to (and
// columns of a generic CSV model, category application, when
// `include_application` is set) may change.
// "Smallest" = fewest bin steps in total (moving from bin 2 to bin 4 of an
// ordered feature is 2 steps; any move of a categorical or out of the
// missing bin is 1), then fewest features, then the smallest overshoot of the
// target. Solved exactly by dynamic programming over whole points.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/credit/scorecard.hpp"

namespace finlab::credit {

struct CounterfactualChange {
  int feature = -1;          // index into Scorecard::features
  std::string name;
  int from_bin = 0;
  int to_bin = 0;
  std::string from_label;
  std::string to_label;
  int points_gained = 0;
  // Numeric target: the value must move into [target_lo, target_hi).
  double target_lo = 0;
  double target_hi = 0;
  text::Message message;     // the sentence as a catalog message (any language)
  std::string text;          // message in English: "raise Nights at home from 0.42 to at least 0.70 (+12 points)"
};

struct Counterfactual {
  bool already_top = false;   // the user is in the best band
  bool reachable = false;     // some change reaches the next band
  int current_score = 0;
  int target_score = 0;       // lower edge of the next band
  std::string target_band;
  int new_score = 0;
  int steps = 0;
  std::vector<CounterfactualChange> changes;
  // When the next band is out of reach: the changes that raise the score the
  // most (each changeable feature to its best bin; ties: fewest steps) and
  // the score they give. Empty when nothing the user shares can add a point.
  std::vector<CounterfactualChange> best;
  int best_score = 0;
};

struct CounterfactualOptions {
  bool include_application = false;  // allow application-data features to change
};

Counterfactual counterfactual(const Scorecard& card, ConsentMask consent, std::span<const double> values,
                              const CounterfactualOptions& options = {});

}  // namespace finlab::credit
