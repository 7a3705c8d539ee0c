#include "core/credit/validation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

double auc_from_weights(std::span<const double> goods, std::span<const double> bads) {
  FINLAB_REQUIRE(goods.size() == bads.size(), "auc: " << goods.size() << " good counts, " << bads.size() << " bad counts");
  // Groups from low to high score. A pair (good, bad) is concordant when the
  // good scores higher; ties count half. One division at the end.
  double G = 0, B = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    G += goods[i];
    B += bads[i];
  }
  if (G == 0 || B == 0) return 0.5;
  double concordant = 0, bads_below = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    concordant += goods[i] * (bads_below + 0.5 * bads[i]);
    bads_below += bads[i];
  }
  return concordant / (G * B);
}

double ks_from_weights(std::span<const double> goods, std::span<const double> bads) {
  FINLAB_REQUIRE(goods.size() == bads.size(), "ks: " << goods.size() << " good counts, " << bads.size() << " bad counts");
  double G = 0, B = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    G += goods[i];
    B += bads[i];
  }
  if (G == 0 || B == 0) return 0;
  double cg = 0, cb = 0, ks = 0;
  for (std::size_t i = 0; i < goods.size(); ++i) {
    cg += goods[i];
    cb += bads[i];
    ks = std::max(ks, std::fabs(cb / B - cg / G));
  }
  return ks;
}

double auc_from_counts(std::span<const std::int64_t> goods, std::span<const std::int64_t> bads) {
  const std::vector<double> g(goods.begin(), goods.end()), b(bads.begin(), bads.end());
  return auc_from_weights(g, b);
}

double ks_from_counts(std::span<const std::int64_t> goods, std::span<const std::int64_t> bads) {
  const std::vector<double> g(goods.begin(), goods.end()), b(bads.begin(), bads.end());
  return ks_from_weights(g, b);
}

namespace {

void check_weights(std::size_t n, std::span<const double> weight) {
  FINLAB_REQUIRE(weight.empty() || weight.size() == n, "auc/ks: " << weight.size() << " weights for " << n << " rows");
}

// Distinct scores ascending with their good/bad weights (counts when unweighted).
void group_by_score(std::span<const double> score, std::span<const std::uint8_t> bad, std::span<const double> weight,
                    std::vector<double>& goods, std::vector<double>& bads) {
  FINLAB_REQUIRE(score.size() == bad.size(), "auc/ks: " << score.size() << " scores, " << bad.size() << " outcomes");
  check_weights(score.size(), weight);
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
    (bad[idx[k]] ? bads : goods).back() += weight.empty() ? 1.0 : weight[idx[k]];
  }
}

void group_by_int_score(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad, std::span<const double> weight,
                        std::vector<double>& goods, std::vector<double>& bads) {
  FINLAB_REQUIRE(score.size() == bad.size(), "auc/ks: " << score.size() << " scores, " << bad.size() << " outcomes");
  check_weights(score.size(), weight);
  goods.clear();
  bads.clear();
  if (score.empty()) return;
  const auto [lo, hi] = std::minmax_element(score.begin(), score.end());
  const std::int64_t range = std::int64_t(*hi) - std::int64_t(*lo) + 1;
  if (range > 10'000'000) {
    std::vector<double> d(score.begin(), score.end());
    group_by_score(d, bad, weight, goods, bads);
    return;
  }
  goods.assign(static_cast<std::size_t>(range), 0.0);
  bads.assign(static_cast<std::size_t>(range), 0.0);
  for (std::size_t i = 0; i < score.size(); ++i) {
    const auto k = static_cast<std::size_t>(std::int64_t(score[i]) - *lo);
    (bad[i] ? bads : goods)[k] += weight.empty() ? 1.0 : weight[i];
  }
}

}  // namespace

double auc(std::span<const double> score, std::span<const std::uint8_t> bad, std::span<const double> weight) {
  std::vector<double> g, b;
  group_by_score(score, bad, weight, g, b);
  return auc_from_weights(g, b);
}
double ks(std::span<const double> score, std::span<const std::uint8_t> bad, std::span<const double> weight) {
  std::vector<double> g, b;
  group_by_score(score, bad, weight, g, b);
  return ks_from_weights(g, b);
}
double auc(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad, std::span<const double> weight) {
  std::vector<double> g, b;
  group_by_int_score(score, bad, weight, g, b);
  return auc_from_weights(g, b);
}
double ks(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad, std::span<const double> weight) {
  std::vector<double> g, b;
  group_by_int_score(score, bad, weight, g, b);
  return ks_from_weights(g, b);
}
double auc(std::span<const double> score, std::span<const std::uint8_t> bad) { return auc(score, bad, {}); }
double ks(std::span<const double> score, std::span<const std::uint8_t> bad) { return ks(score, bad, {}); }
double auc(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad) { return auc(score, bad, {}); }
double ks(std::span<const std::int32_t> score, std::span<const std::uint8_t> bad) { return ks(score, bad, {}); }

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

namespace {

// Deciles by score rank (ties broken by row order: a stable sort); see validate().
void add_deciles(std::span<const std::int32_t> scores, std::span<const std::uint8_t> bad, std::span<const double> weight,
                 ValidationReport& v) {
  const std::size_t n = scores.size();
  if (n == 0) return;
  std::vector<std::uint32_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0u);
  std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return scores[a] < scores[b]; });
  double bounds[10];
  for (int d = 1; d < 10; ++d) bounds[d] = std::floor(v.weight * double(d) / 10.0);
  std::vector<DecileRow> rows(10);
  std::vector<double> bad_w(10, 0.0);
  double before = 0;
  for (std::uint32_t i : idx) {
    int d = 0;
    while (d < 9 && bounds[d + 1] <= before) ++d;
    DecileRow& r = rows[static_cast<std::size_t>(d)];
    if (r.n == 0) r.min_score = scores[i];
    r.max_score = scores[i];
    ++r.n;
    r.bads += bad[i];
    const double wi = weight.empty() ? 1.0 : weight[i];
    r.weight += wi;
    bad_w[static_cast<std::size_t>(d)] += bad[i] ? wi : 0.0;
    before += wi;
  }
  for (int d = 0; d < 10; ++d) {
    DecileRow& r = rows[static_cast<std::size_t>(d)];
    if (r.n == 0) continue;
    r.decile = d + 1;
    r.bad_rate = r.weight > 0 ? bad_w[static_cast<std::size_t>(d)] / r.weight : 0;
    v.deciles.push_back(r);
  }
}

}  // namespace

ValidationReport validate(const Scorecard& card, std::span<const std::int32_t> scores, std::span<const double> pd,
                          std::span<const std::uint8_t> bad, std::span<const std::vector<std::uint8_t>> bins,
                          std::span<const std::uint8_t> consent, std::span<const double> weight) {
  const std::size_t n = scores.size();
  FINLAB_REQUIRE(pd.size() == n && bad.size() == n, "validate: " << n << " scores, " << pd.size() << " PDs, " << bad.size()
                                                                  << " outcomes");
  FINLAB_REQUIRE(weight.empty() || weight.size() == n, "validate: " << weight.size() << " weights for " << n << " rows");
  auto w = [&](std::size_t i) { return weight.empty() ? 1.0 : weight[i]; };
  ValidationReport v;
  v.n = static_cast<std::int64_t>(n);
  v.weighted = !weight.empty();
  for (std::size_t i = 0; i < n; ++i) {
    v.bads += bad[i];
    v.weight += w(i);
    v.bad_weight += bad[i] ? w(i) : 0.0;
  }
  v.bad_rate = v.weight > 0 ? v.bad_weight / v.weight : 0;
  v.auc = auc(scores, bad, weight);
  v.gini = 2 * v.auc - 1;
  v.ks = ks(scores, bad, weight);
  // Calibration by band.
  const std::size_t nb = card.bands.count();
  std::vector<std::int64_t> band_n(nb, 0), band_bad(nb, 0);
  std::vector<double> band_pd(nb, 0), band_w(nb, 0), band_bad_w(nb, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = static_cast<std::size_t>(card.bands.band_of(scores[i]));
    ++band_n[b];
    band_bad[b] += bad[i];
    band_w[b] += w(i);
    band_bad_w[b] += bad[i] ? w(i) : 0.0;
    band_pd[b] += w(i) * pd[i];
  }
  for (std::size_t b = 0; b < nb; ++b) {
    BandCalibration c;
    c.band = card.bands.names[b];
    c.n = band_n[b];
    c.bads = band_bad[b];
    c.weight = band_w[b];
    if (c.weight > 0) {
      c.predicted_pd = band_pd[b] / c.weight;
      c.observed_bad_rate = band_bad_w[b] / c.weight;
      const double var = c.predicted_pd * (1 - c.predicted_pd) / c.weight;
      c.z = var > 0 ? (c.observed_bad_rate - c.predicted_pd) / math::sqrt(var) : 0;
    }
    v.calibration.push_back(c);
  }
  if (!card.train_band_weights.empty() && card.train_band_weights.size() == nb) {
    v.score_psi = psi(card.train_band_weights, band_w);
    v.score_psi_level = psi_level(v.score_psi);
  } else if (!card.train_band_counts.empty() && card.train_band_counts.size() == nb) {
    const std::vector<double> expected(card.train_band_counts.begin(), card.train_band_counts.end());
    v.score_psi = psi(expected, band_w);
    v.score_psi_level = psi_level(v.score_psi);
  }
  add_deciles(scores, bad, weight, v);
  // Per-feature PSI (CSI): bin distribution of consented rows vs the training bins.
  if (!bins.empty()) {
    FINLAB_REQUIRE(bins.size() == card.features.size(), "validate: " << bins.size() << " bin columns for "
                                                                     << card.features.size() << " features");
    for (std::size_t f = 0; f < card.features.size(); ++f) {
      const FeatureBinning& fb = card.features[f];
      std::vector<double> expected, actual(fb.bins.size(), 0.0);
      for (const Bin& b : fb.bins) expected.push_back(b.good_weight + b.bad_weight);
      for (std::size_t i = 0; i < n; ++i) {
        if (!consent.empty() && !ConsentMask::from_bits(consent[i]).has(fb.category)) continue;
        actual[bins[f][i]] += w(i);
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
