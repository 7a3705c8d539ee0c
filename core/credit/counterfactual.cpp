#include "core/credit/counterfactual.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/error.hpp"

namespace finlab::credit {

namespace {

std::string format_value(double x, int decimals) {
  char buf[64];
  if (decimals >= 0 && decimals <= 9) std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  else std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

struct Option {
  int bin;
  int gain;
  int steps;
};

struct Cost {
  int steps = std::numeric_limits<int>::max();
  int features = 0;
  bool operator<(const Cost& o) const { return steps != o.steps ? steps < o.steps : features < o.features; }
  bool valid() const { return steps != std::numeric_limits<int>::max(); }
};

// One change in words: "raise Nights at home from 0.42 to at least 0.70 (+12 points)".
CounterfactualChange make_change(const Scorecard& card, int feature, int current_bin, const Option& op, std::span<const double> values) {
  const auto f = static_cast<std::size_t>(feature);
  const FeatureBinning& fb = card.features[f];
  const Bin& from = fb.bins[static_cast<std::size_t>(current_bin)];
  const Bin& to = fb.bins[static_cast<std::size_t>(op.bin)];
  CounterfactualChange ch;
  ch.feature = feature;
  ch.name = fb.name;
  ch.from_bin = current_bin;
  ch.to_bin = op.bin;
  ch.from_label = from.label;
  ch.to_label = to.label;
  ch.points_gained = op.gain;
  ch.target_lo = to.lo;
  ch.target_hi = to.hi;
  const std::string label = fb.label.empty() ? fb.name : fb.label;
  const std::string pts = " (+" + std::to_string(op.gain) + (op.gain == 1 ? " point)" : " points)");
  const double x = values[f];
  const bool ordered = fb.type != FeatureType::categorical && !from.is_missing && !from.is_special && fb.levels.empty();
  if (ordered && op.bin > current_bin) {
    ch.text = "raise " + label + " from " + format_value(x, fb.decimals) + " to at least " + format_value(to.lo, fb.decimals) + pts;
  } else if (ordered) {
    ch.text = "lower " + label + " from " + format_value(x, fb.decimals) + " to below " + format_value(to.hi, fb.decimals) + pts;
  } else {
    ch.text = "move " + label + " from " + from.label + " to " + to.label + pts;
  }
  if (!fb.advice.empty()) ch.text = fb.advice + ": " + ch.text;
  return ch;
}

}  // namespace

Counterfactual counterfactual(const Scorecard& card, ConsentMask consent, std::span<const double> values,
                              const CounterfactualOptions& options) {
  FINLAB_REQUIRE(values.size() == card.features.size(), "counterfactual: " << values.size() << " values for "
                                                                           << card.features.size() << " features");
  Counterfactual cf;
  const ScoreResult now = card.score(consent, values, false);
  const SubModel& sm = card.submodels[static_cast<std::size_t>(now.submodel)];
  cf.current_score = now.score;
  const std::size_t band = static_cast<std::size_t>(now.band);
  if (band >= card.bands.lower.size()) {
    cf.already_top = true;
    cf.new_score = now.score;
    return cf;
  }
  cf.target_score = card.bands.lower[band];
  cf.target_band = card.bands.names[band + 1];
  const int need = cf.target_score - now.score;

  // Options per sub-model feature.
  const std::size_t K = sm.features.size();
  std::vector<int> current(K);
  std::vector<std::vector<Option>> opts(K);
  int max_total = 0;
  for (std::size_t k = 0; k < K; ++k) {
    const FeatureBinning& fb = card.features[static_cast<std::size_t>(sm.features[k])];
    current[k] = fb.bin_of(values[static_cast<std::size_t>(sm.features[k])]);
    if (fb.category == ConsentCategory::application && !options.include_application) continue;
    if (!consent.has(fb.category)) continue;  // defensive: the sub-model only has consented features
    if (!fb.actionable) continue;             // e.g. account age, device price tier
    int best_gain = 0;
    for (int b = 0; b < static_cast<int>(fb.bins.size()); ++b) {
      // Withholding is not a behaviour change, nor is taking a special code ("no record").
      if (b == current[k] || fb.bins[static_cast<std::size_t>(b)].is_missing || fb.bins[static_cast<std::size_t>(b)].is_special) continue;
      const int gain = sm.points[k][static_cast<std::size_t>(b)] - sm.points[k][static_cast<std::size_t>(current[k])];
      if (gain <= 0) continue;
      const Bin& now_bin = fb.bins[static_cast<std::size_t>(current[k])];
      const bool unordered = fb.type == FeatureType::categorical || now_bin.is_missing || now_bin.is_special;
      const int steps = unordered ? 1 : std::abs(b - current[k]);
      opts[k].push_back({b, gain, steps});
      best_gain = std::max(best_gain, gain);
    }
    max_total += best_gain;
  }
  if (max_total < need) {
    cf.reachable = false;
    cf.new_score = now.score;
    // The most the user's shared behaviour can add: every feature to its best bin.
    for (std::size_t k = 0; k < K; ++k) {
      const Option* top = nullptr;
      for (const Option& op : opts[k])
        if (!top || op.gain > top->gain || (op.gain == top->gain && op.steps < top->steps)) top = &op;
      if (top) cf.best.push_back(make_change(card, sm.features[k], current[k], *top, values));
    }
    std::stable_sort(cf.best.begin(), cf.best.end(), [](const CounterfactualChange& a, const CounterfactualChange& b) { return a.points_gained > b.points_gained; });
    cf.best_score = now.score + max_total;
    return cf;
  }
  // dp[layer][g]: the cheapest way to gain exactly g points with features < layer.
  const std::size_t G = static_cast<std::size_t>(max_total) + 1;
  std::vector<std::vector<Cost>> dp(K + 1, std::vector<Cost>(G));
  std::vector<std::vector<int>> choice(K + 1, std::vector<int>(G, -1));  // option index taken at layer-1, -1 = none
  dp[0][0] = Cost{0, 0};
  for (std::size_t k = 0; k < K; ++k) {
    for (std::size_t g = 0; g < G; ++g) {
      if (!dp[k][g].valid()) continue;
      // Keep the feature as it is.
      if (dp[k][g] < dp[k + 1][g]) {
        dp[k + 1][g] = dp[k][g];
        choice[k + 1][g] = -1;
      }
      for (std::size_t o = 0; o < opts[k].size(); ++o) {
        const std::size_t g2 = g + static_cast<std::size_t>(opts[k][o].gain);
        if (g2 >= G) continue;
        const Cost c{dp[k][g].steps + opts[k][o].steps, dp[k][g].features + 1};
        if (c < dp[k + 1][g2]) {
          dp[k + 1][g2] = c;
          choice[k + 1][g2] = static_cast<int>(o);
        }
      }
    }
  }
  // Cheapest (steps, features), then the smallest overshoot.
  int best_g = -1;
  for (std::size_t g = static_cast<std::size_t>(std::max(need, 0)); g < G; ++g)
    if (dp[K][g].valid() && (best_g < 0 || dp[K][g] < dp[K][static_cast<std::size_t>(best_g)])) best_g = static_cast<int>(g);
  if (best_g < 0) {
    cf.new_score = now.score;
    return cf;
  }
  cf.reachable = true;
  cf.steps = dp[K][static_cast<std::size_t>(best_g)].steps;
  // Reconstruct by walking the layers back. Recompute each layer's state.
  std::size_t g = static_cast<std::size_t>(best_g);
  std::vector<CounterfactualChange> changes;
  for (std::size_t k = K; k-- > 0;) {
    const int o = choice[k + 1][g];
    if (o < 0) continue;
    const Option& op = opts[k][static_cast<std::size_t>(o)];
    CounterfactualChange ch = make_change(card, sm.features[k], current[k], op, values);
    changes.push_back(std::move(ch));
    g -= static_cast<std::size_t>(op.gain);
  }
  std::reverse(changes.begin(), changes.end());
  cf.changes = std::move(changes);
  cf.new_score = now.score + best_g;
  return cf;
}

}  // namespace finlab::credit
