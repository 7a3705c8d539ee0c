// A trained behaviour scorecard (DOMAIN.md §3.2–3.3): shared bins and WoE per
// feature, and one sub-model per consent combination (logistic coefficients
// and whole-number points per bin), so that a score is produced for any
// consent choice without reading a category the user did not grant. Scoring a
// user: pick the sub-model for (user consent ∩ model categories), add the
// points of the user's bin of each of its features. Score → PD from the exact
// (unrounded) log-odds. Reason codes rank the points lost against each
// feature's best bin (§3.3). Pure computation; JSON in scorecard_json.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/text/messages.hpp"
#include <vector>

#include "core/credit/binning.hpp"
#include "core/credit/consent.hpp"
#include "core/credit/dataset.hpp"
#include "core/credit/population.hpp"
#include "core/credit/scaling.hpp"
#include "core/result.hpp"

namespace finlab::credit {

// Score bands: band i covers [lower[i], lower[i+1]); band 0 starts at -inf.
// Default (DOMAIN.md §3.7 limit matrix edges 570/600/640 plus 540 and 680):
// E < 540 ≤ D < 570 ≤ C < 600 ≤ B < 640 ≤ A < 680 ≤ A+.
struct ScoreBands {
  std::vector<int> lower{540, 570, 600, 640, 680};         // lower edges of bands 1..k
  std::vector<std::string> names{"E", "D", "C", "B", "A", "A+"};  // k+1 names, worst first
  int band_of(int score) const;                             // 0..k
  std::size_t count() const { return names.size(); }
};

struct SubModel {
  ConsentMask consent;               // the categories this sub-model may read
  std::vector<int> features;         // indices into Scorecard::features, in fit order
  double intercept = 0;              // β0 of ln(odds_good)
  std::vector<double> coef;          // β_j per entry of `features`
  // points[k][b]: whole points of bin b of feature features[k] (§3.2 formula,
  // rounded half away from zero); points_exact keeps the unrounded values.
  std::vector<std::vector<int>> points;
  std::vector<std::vector<double>> points_exact;
  int base_points = 0;               // only when `features` is empty: round(offset + factor·β0)
  double base_points_exact = 0;
  std::int64_t train_rows = 0;       // rows the coefficients were fitted on
  int iterations = 0;
  bool converged = false;
};

struct ReasonCode {
  int feature = -1;          // index into Scorecard::features
  std::string name;          // feature name
  int points_lost = 0;       // best-bin points − user's points (> 0)
  std::string bin_label;     // the user's bin
  std::string best_label;    // the best bin
  text::Message message;     // the sentence as a catalog message (any language)
  std::string text;          // message in English (the CLI's text)
};

struct ScoreResult {
  int score = 0;                 // sum of whole points
  double score_exact = 0;        // sum of unrounded points = offset + factor·ln(odds)
  double pd = 0;                 // 1 / (1 + odds), odds from score_exact
  int band = 0;                  // index into ScoreBands
  std::string band_name;
  ConsentMask categories_used;   // the sub-model's categories (application always)
  int submodel = -1;             // index into Scorecard::submodels
  std::vector<ReasonCode> reasons;  // top factors that lowered the score (≤ max_reasons)
};

class Scorecard {
public:
  static constexpr int format_version = 1;

  std::string name = "scorecard";
  std::string target;                    // target column it was trained on
  std::vector<std::string> bad_values;   // target values that meant "bad"
  ScoreScaling scaling;
  ScoreBands bands;
  std::vector<FeatureBinning> features;  // every feature any sub-model uses
  std::vector<SubModel> submodels;       // one per subset of model_categories()
  // Training distribution for PSI: rows per score band, and per feature bin (= bins' counts).
  std::vector<std::int64_t> train_band_counts;
  // Sums of sample weights per score band when trained with weights (empty
  // otherwise); PSI then compares weighted shares. Per feature: the bins' good_weight + bad_weight.
  std::vector<double> train_band_weights;
  int max_reasons = 4;

  // Behaviour categories (not application) used by at least one feature.
  ConsentMask model_categories() const;
  // The sub-model for a user's consent: consent ∩ model_categories(); throws if absent.
  const SubModel& submodel_for(ConsentMask consent) const;
  int submodel_index(ConsentMask consent) const;
  int feature_index(std::string_view name) const;  // -1 when absent

  // values: one entry per Scorecard::features (numeric value, or categorical
  // level code as double; NaN = missing). Only features of the chosen
  // sub-model are read.
  ScoreResult score(ConsentMask consent, std::span<const double> values, bool with_reasons = true) const;
  // The bins are already known (one per Scorecard::features; entries of
  // features outside the sub-model are ignored).
  ScoreResult score_bins(ConsentMask consent, std::span<const std::uint8_t> bins, bool with_reasons = true) const;

  // PD of a (whole or exact) score under this card's scaling.
  double pd_of_score(double score) const;
};

// A sub-model from fitted coefficients: points per bin by the §3.2 formula
// (n = number of features), whole points rounded half away from zero. With no
// features the score is round(offset + factor·β0).
SubModel make_submodel(const std::vector<FeatureBinning>& features, const ScoreScaling& scaling, ConsentMask consent,
                       std::vector<int> feature_indices, double intercept, std::vector<double> coef);

// Fast paths over many users (structure of arrays). bins[j][i] is user i's bin
// of feature j of the card; consent[i] the user's ConsentMask bits; out gets
// the whole-point scores. No allocation per user.
void score_binned(const Scorecard& card, std::span<const std::vector<std::uint8_t>> bins,
                  std::span<const std::uint8_t> consent, std::span<std::int32_t> out);
// Bins raw values: values[j][i] for feature j of the card (NaN = missing).
void bin_values(const FeatureBinning& fb, std::span<const float> values, std::span<std::uint8_t> out);
void bin_values(const FeatureBinning& fb, std::span<const double> values, std::span<std::uint8_t> out);

// Maps a population's schema-ordered columns onto a card's features by name
// (a card feature absent from the population → error message).
struct PopulationScorer {
  const Scorecard* card = nullptr;
  std::vector<int> column_of_feature;  // population column per card feature
  static Result<PopulationScorer> bind(const Scorecard& card, const FeatureSchema& schema = builtin_schema());
  // Scores user i (full result with reasons).
  ScoreResult score(const Population& pop, std::size_t i, bool with_reasons = true) const;
  // Whole-point scores for every user of pop (binning included), into out (size pop.size()).
  void score_all(const Population& pop, std::span<std::int32_t> out) const;
  // The card-ordered values of user i (NaN where missing).
  std::vector<double> values_of(const Population& pop, std::size_t i) const;
};

// Scores rows of a data set (e.g. a CSV) with a card: columns are matched by
// name, categorical levels by text. A card feature whose column is absent is
// treated as not shared by anyone (its category is withheld for every row);
// an absent application-data column is an error.
struct DatasetScores {
  std::vector<std::uint32_t> rows;                // the data set rows scored
  std::vector<std::int32_t> score;
  std::vector<double> pd;
  std::vector<std::uint8_t> consent;              // effective consent bits used
  std::vector<std::uint8_t> bad;                  // the data set's target (0 when it has none)
  std::vector<std::vector<std::uint8_t>> bins;    // bins[f][k] for card feature f
  std::vector<std::vector<double>> values;        // values[k]: card-ordered values of row k (NaN = missing / not shared)
  std::vector<double> weight;                     // the data set's sample weight of row k (empty when unweighted)
  std::vector<std::string> notes;
};
Result<DatasetScores> score_dataset(const Scorecard& card, const Dataset& data, std::span<const std::uint32_t> rows);

}  // namespace finlab::credit
