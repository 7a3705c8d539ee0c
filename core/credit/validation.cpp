#include "core/credit/validation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

double auc_from_counts(std::span<const std::int64_t> goods, std::span<const std::int64_t> bads) {
  FINLAB_REQUIRE(goods.size() == bads.size(), "auc_from_counts: " << goods.size() << " good counts, " << bads.size() << " bad counts");
  // Groups from low to high score. A pair (good, bad) is concordant when the
  // good scores higher; ties count half. Integer sums, one division.
  double G = 0, B = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    G += double(goods[i]);
    B += double(bads[i]);
  }
  if (G == 0 || B == 0) return 0.5;
  double concordant = 0, bads_below = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    concordant += double(goods[i]) * (bads_below + 0.5 * double(bads[i]));
    bads_below += double(bads[i]);
  }
  return concordant / (G * B);
}

double ks_from_counts(std::span<const std::int64_t> goods, std::span<const std::int64_t> bads) {
  FINLAB_REQUIRE(goods.size() == bads.size(), "ks_from_counts: " << goods.size() << " good counts, " << bads.size() << " bad counts");
  double G = 0, B = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    G += double(goods[i]);
    B += double(bads[i]);
  }
  if (G == 0 || B == 0) return 0;
  double cg = 0, cb = 0, ks = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    cg += double(goods[i]);
    cb += double(bads[i]);
    ks = std::max(ks, std::fabs(cb / B - cg / G));
  }
  return ks;
}

namespace {

// Distinct scores ascending with their good/bad counts.
void group_by_score(std::span<const double> score, std::span<const std::uint8_t> bad, std::vector<std::int64_t>& goods,
                    std::vector<std::int64_t>& bads) {
  FINLAB_REQUIRE(score.size() == bad.size(), "auc/ks: " << score.size() << " scores, " << bad.size() << " outcomes");
  std::vector<std::uint32_t> idx(score.size());
  std::iota(idx.begin(), idx.end(), 0u);
  std::sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return score[a] < score[b]; });
  goods.clear();
  bads.clear();
  for (std::size_t k = 0; k < idx.size(); ++k) {
    const double s = score[idx[k]];
    FINLAB_REQUIRE(!std::isnan(s), "auc/ks: a score is NaN");
    if (k == 0 || s != score[idx[k - 1]]) {
      goods.push_back(0);
      bads.push_back(0);
    }
    if (bad[idx[k]]) ++bads.back();
    else ++goods.back();
  }
}

void group_by_int_score(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad,
                        std::vector<std::int64_t>& goods, std::vector<std::int64_t>& bads) {
  FINLAB_REQUIRE(score.size() == bad.size(), "auc/ks: " << score.size() << " scores, " << bad.size() << " outcomes");
  goods.clear();
  bads.clear();
  if (score.empty()) return;
  const auto [lo, hi] = std::minmax_element(score.begin(), score.end());
  const std::int64_t range = std::int64_t(*hi) - std::int64_t(*lo) + 1;
  if (range > 10'000'000) {
    std::vector<double> d(score.begin(), score.end());
    group_by_score(d, bad, goods, bads);
    return;
  }
  goods.assign(static_cast<std::size_t>(range), 0);
  bads.assign(static_cast<std::size_t>(range), 0);
  for (std::size_t i = 0; i < score.size(); ++i) {
    const auto k = static_cast<std::size_t>(std::int64_t(score[i]) - *lo);
    if (bad[i]) ++bads[k];
    else ++goods[k];
  }
}

}  // namespace

double auc(std::span<const double> score, std::span<const std::uint8_t> bad) {
  std::vector<std::int64_t> g, b;
  group_by_score(score, bad, g, b);
  return auc_from_counts(g, b);
}
double ks(std::span<const double> score, std::span<const std::uint8_t> bad) {
  std::vector<std::int64_t> g, b;
  group_by_score(score, bad, g, b);
  return ks_from_counts(g, b);
}
double auc(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad) {
  std::vector<std::int64_t> g, b;
  group_by_int_score(score, bad, g, b);
  return auc_from_counts(g, b);
}
double ks(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad) {
  std::vector<std::int64_t> g, b;
  group_by_int_score(score, bad, g, b);
  return ks_from_counts(g, b);
}

double psi(std::span<const double> expected, std::span<const double> actual) {
  FINLAB_REQUIRE(expected.size() == actual.size(), "psi: " << expected.size() << " expected, " << actual.size() << " actual");
  double se = 0, sa = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    FINLAB_REQUIRE(expected[i] >= 0 && actual[i] >= 0, "psi: negative share");
    se += expected[i];
    sa += actual[i];
  }
  if (se == 0 || sa == 0) return 0;
  constexpr double floor_share = 0.0001;
  double out = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double e = std::max(expected[i] / se, floor_share), a = std::max(actual[i] / sa, floor_share);
    if (expected[i] == 0 && actual[i] == 0) continue;
    out += (a - e) * math::log(a / e);
  }
  return out;
}

double psi(std::span<const std::int64_t> expected, std::span<const std::int64_t> actual) {
  std::vector<double> e(expected.begin(), expected.end()), a(actual.begin(), actual.end());
  return psi(e, a);
}

const char* psi_level(double v) {
  if (v < 0.1) return "stable";
  if (v <= 0.25) return "moderate";
  return "significant";
}

ValidationReport validate(const Scorecard& card, std::span<const std::int32_t> scores, std::span<const double> pd,
                          std::span<const std::uint8_t> bad, std::span<const std::vector<std::uint8_t>> bins,
                          std::span<const std::uint8_t> consent) {
  const std::size_t n = scores.size();
  FINLAB_REQUIRE(pd.size() == n && bad.size() == n, "validate: " << n << " scores, " << pd.size() << " PDs, " << bad.size()
                                                                  << " outcomes");
  ValidationReport v;
  v.n = static_cast<std::int64_t>(n);
  for (std::uint8_t b : bad) v.bads += b;
  v.bad_rate = n ? double(v.bads) / double(n) : 0;
  v.auc = auc(scores, bad);
  v.gini = 2 * v.auc - 1;
  v.ks = ks(scores, bad);
  // Calibration by band.
  const std::size_t nb = card.bands.count();
  std::vector<std::int64_t> band_n(nb, 0), band_bad(nb, 0);
  std::vector<double> band_pd(nb, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = static_cast<std::size_t>(card.bands.band_of(scores[i]));
    ++band_n[b];
    band_bad[b] += bad[i];
    band_pd[b] += pd[i];
  }
  for (std::size_t b = 0; b < nb; ++b) {
    BandCalibration c;
    c.band = card.bands.names[b];
    c.n = band_n[b];
    c.bads = band_bad[b];
    if (c.n > 0) {
      c.predicted_pd = band_pd[b] / double(c.n);
      c.observed_bad_rate = double(c.bads) / double(c.n);
      const double var = c.predicted_pd * (1 - c.predicted_pd) / double(c.n);
      c.z = var > 0 ? (c.observed_bad_rate - c.predicted_pd) / math::sqrt(var) : 0;
    }
    v.calibration.push_back(c);
  }
  if (!card.train_band_counts.empty() && card.train_band_counts.size() == nb) {
    v.score_psi = psi(card.train_band_counts, band_n);
    v.score_psi_level = psi_level(v.score_psi);
  }
  // Deciles by score rank (ties broken by row order: a stable sort).
  if (n > 0) {
    std::vector<std::uint32_t> idx(n);
    std::iota(idx.begin(), idx.end(), 0u);
    std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return scores[a] < scores[b]; });
    for (int d = 0; d < 10; ++d) {
      const std::size_t lo = n * static_cast<std::size_t>(d) / 10, hi = n * static_cast<std::size_t>(d + 1) / 10;
      if (lo == hi) continue;
      DecileRow row;
      row.decile = d + 1;
      row.n = static_cast<std::int64_t>(hi - lo);
      row.min_score = scores[idx[lo]];
      row.max_score = scores[idx[hi - 1]];
      for (std::size_t k = lo; k < hi; ++k) row.bads += bad[idx[k]];
      row.bad_rate = double(row.bads) / double(row.n);
      v.deciles.push_back(row);
    }
  }
  // Per-feature PSI (CSI): bin distribution of consented rows vs the training bins.
  if (!bins.empty()) {
    FINLAB_REQUIRE(bins.size() == card.features.size(), "validate: " << bins.size() << " bin columns for "
                                                                     << card.features.size() << " features");
    for (std::size_t f = 0; f < card.features.size(); ++f) {
      const FeatureBinning& fb = card.features[f];
      std::vector<std::int64_t> expected, actual(fb.bins.size(), 0);
      for (const Bin& b : fb.bins) expected.push_back(b.n_good + b.n_bad);
      for (std::size_t i = 0; i < n; ++i) {
        if (!consent.empty() && !ConsentMask::from_bits(consent[i]).has(fb.category)) continue;
        ++actual[bins[f][i]];
      }
      FeatureStability s;
      s.name = fb.name;
      s.psi = psi(expected, actual);
      s.level = psi_level(s.psi);
      v.feature_psi.push_back(s);
    }
  }
  return v;
}

}  // namespace finlab::credit
