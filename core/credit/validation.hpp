// Validation metrics (DOMAIN.md §3.4): AUC (Mann–Whitney, ties count half; equal
// to the trapezoid under the ROC), Gini = 2·AUC − 1, KS = max |CumBad − CumGood|,
// PSI = Σ (A − E)·ln(A/E) with the usual bands (< 0.1 stable, 0.1–0.25
// moderate, > 0.25 significant), calibration by score band (mean predicted PD
// vs observed bad rate, binomial z), bad rate by score decile.
// Convention: a HIGHER score means a BETTER (less risky) applicant.
// Sample weights (optional everywhere): a row of weight w counts as w rows in
// every figure (AUC pairs, KS shares, bad rates, band and decile tables, PSI);
// n and bads stay row counts, weight and bad_weight are the weighted ones.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/credit/scorecard.hpp"

namespace finlab::credit {

// Grouped data ordered from the lowest to the highest score.
double auc_from_counts(std::span<const std::int64_t> goods, std::span<const std::int64_t> bads);
double ks_from_counts(std::span<const std::int64_t> goods, std::span<const std::int64_t> bads);
// The same from sums of weights per group.
double auc_from_weights(std::span<const double> goods, std::span<const double> bads);
double ks_from_weights(std::span<const double> goods, std::span<const double> bads);
// Per-observation scores (higher = better); bad[i] = 1 for bad.
double auc(std::span<const double> score, std::span<const std::uint8_t> bad);
double ks(std::span<const double> score, std::span<const std::uint8_t> bad);
// Whole-point scores: counting sort, O(n + range).
double auc(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad);
double ks(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad);
// Weighted (weight per observation, >= 0; empty = unweighted).
double auc(std::span<const double> score, std::span<const std::uint8_t> bad, std::span<const double> weight);
double ks(std::span<const double> score, std::span<const std::uint8_t> bad, std::span<const double> weight);
double auc(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad, std::span<const double> weight);
double ks(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad, std::span<const double> weight);

// PSI from shares or counts (each side normalised to sum 1). A zero share is
// replaced by 0.0001 (1 bp) before the log (documented in docs/credit.md).
double psi(std::span<const double> expected, std::span<const double> actual);
double psi(std::span<const std::int64_t> expected, std::span<const std::int64_t> actual);
// "stable" (< 0.1), "moderate" (0.1–0.25), "significant" (> 0.25).
const char* psi_level(double psi);

struct BandCalibration {
  std::string band;
  std::int64_t n = 0;
  std::int64_t bads = 0;
  double weight = 0;         // sum of weights (= n unweighted)
  double predicted_pd = 0;   // (weighted) mean model PD
  double observed_bad_rate = 0;
  double z = 0;              // (observed − predicted) / sqrt(p(1−p)/weight); 0 when empty
};

struct DecileRow {
  int decile = 0;            // 1 = lowest scores
  std::int64_t n = 0;
  std::int64_t bads = 0;
  double weight = 0;         // sum of weights (= n unweighted)
  int min_score = 0;
  int max_score = 0;
  double bad_rate = 0;       // weighted
};

struct FeatureStability {
  std::string name;
  double psi = 0;
  std::string level;
};

struct ValidationReport {
  std::int64_t n = 0;
  std::int64_t bads = 0;
  bool weighted = false;
  double weight = 0;               // sum of weights (= n unweighted)
  double bad_weight = 0;           // (= bads unweighted)
  double bad_rate = 0;             // bad_weight / weight
  double auc = 0;
  double gini = 0;
  double ks = 0;
  double score_psi = 0;            // band distribution vs card.train_band_counts
  std::string score_psi_level;
  std::vector<BandCalibration> calibration;
  std::vector<DecileRow> deciles;
  std::vector<FeatureStability> feature_psi;  // per card feature: bin distribution vs training
};

// scores/pds/bad per row; bins[j][i] the bins of each card feature (may be
// empty to skip per-feature PSI; missing bins of non-consented rows should be
// excluded by the caller via `consent`); weight per row (empty = unweighted).
// Deciles: sorted by score (stable), row k goes to decile d+1 where d is the
// number of d' in 1..9 with floor(W·d'/10) <= the weight of the rows before it.
ValidationReport validate(const Scorecard& card, std::span<const std::int32_t> scores, std::span<const double> pd,
                          std::span<const std::uint8_t> bad, std::span<const std::vector<std::uint8_t>> bins = {},
                          std::span<const std::uint8_t> consent = {}, std::span<const double> weight = {});

}  // namespace finlab::credit
