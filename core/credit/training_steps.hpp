// The named steps of train_scorecard (internal to core/credit; see
// training.hpp for what each does). Split out so that each step is a
// function one can read and test on its own.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/credit/training.hpp"

namespace finlab::credit::training {

std::string fmt(double x, int dp);

struct TrainRows {
  std::vector<std::uint32_t> train;
  std::int64_t bads = 0;
  std::int64_t goods = 0;
  double bad_weight = 0;   // sums of sample weights (= bads, goods unweighted)
  double good_weight = 0;
  // Per consent category: the training rows that consented. A category every
  // training row consented to (bit set in `common`) uses `train` itself.
  std::vector<std::vector<std::uint32_t>> rows_of;
  std::uint8_t common = 0;
  std::span<const std::uint32_t> rows_for(ConsentCategory c) const {
    return ConsentMask::from_bits(common).has(c) ? std::span<const std::uint32_t>(train) : rows_of[static_cast<int>(c)];
  }
};

// The features chosen so far: candidate index, bin per training row
// (bins[k][i] is the bin of data row train[i]), WoE per bin.
struct Design {
  std::span<const std::uint32_t> train;
  std::vector<std::size_t> cand;
  std::vector<std::vector<std::uint8_t>> bins;
  std::vector<std::vector<double>> woe;
  void erase(std::size_t k);
};

struct Fitted {
  ConsentMask consent;
  std::vector<std::size_t> features;  // indices into Design
  LogisticFit fit;
  std::int64_t rows = 0;
};

Result<TrainRows> prepare_rows(const Dataset& data);
void bin_candidates(const Dataset& data, const TrainRows& rows, const TrainOptions& o, TrainResult& result);
// Every k-th training row, at most ~100,000 (a fixed choice, enough for two
// decimals of r), as positions in `train`.
std::vector<std::uint32_t> correlation_sample(std::span<const std::uint32_t> train);
Design select_by_iv_and_correlation(const Dataset& data, std::span<const std::uint32_t> train,
                                    std::span<const std::uint32_t> sample, const TrainOptions& o, TrainResult& result);
// WoE columns of the design's features on the sample (positions in d.train)
// rows that consented to all of them; *used gets their data row indices.
std::vector<std::vector<double>> woe_columns(const Dataset& data, const Design& d, std::span<const std::size_t> feats,
                                             std::span<const std::uint32_t> sample, std::vector<std::uint32_t>* used = nullptr);
// The sample weights of `rows` (empty when the data set is unweighted).
std::vector<double> weights_of(const Dataset& data, std::span<const std::uint32_t> rows);
void select_by_vif(const Dataset& data, std::span<const std::uint32_t> sample, const TrainOptions& o, TrainResult& result,
                   Design& design);
void select_stepwise(const Dataset& data, const TrainRows& rows, const TrainOptions& o, TrainResult& result, Design& design);
std::vector<Fitted> fit_submodels(const Dataset& data, const TrainRows& rows, const TrainOptions& o, TrainResult& result,
                                  const Design& design);
// The last step: it moves the design's bins into the training score distribution.
void build_card(const Dataset& data, const TrainRows& rows, const TrainOptions& o, Design& design,
                std::vector<Fitted>& fitted, TrainResult& result);

// Marks candidate c as dropped by `rule` with its statistic and threshold.
void drop(FeatureReport& fr, std::string rule, double statistic, double threshold, std::string status);

}  // namespace finlab::credit::training
