// Scoring with a trained card (see scorecard.hpp). Section index:
//   [bands]    score bands
//   [lookup]   sub-model choice by consent
//   [score]    one user: points, PD, reason codes
//   [bulk]     structure-of-arrays scoring: flattened points table, binning of raw columns
#include "core/credit/scorecard.hpp"
#include "core/credit/reason_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>
#define FINLAB_CREDIT_X86_DISPATCH 1
#endif

#include "core/error.hpp"

namespace finlab::credit {

// ----------------------------------------------------------------- [bands]
int ScoreBands::band_of(int score) const {
  int b = 0;
  for (int edge : lower)
    if (score >= edge) ++b;
  return b;
}

// ---------------------------------------------------------------- [lookup]
ConsentMask Scorecard::model_categories() const {
  ConsentMask m = ConsentMask::application_only();
  for (const auto& f : features) m = m.with(f.category);
  return m;
}

int Scorecard::submodel_index(ConsentMask consent) const {
  const ConsentMask want = consent & model_categories();
  for (std::size_t i = 0; i < submodels.size(); ++i)
    if (submodels[i].consent == want) return static_cast<int>(i);
  return -1;
}

const SubModel& Scorecard::submodel_for(ConsentMask consent) const {
  const int i = submodel_index(consent);
  FINLAB_REQUIRE(i >= 0, "scorecard '" << name << "' has no sub-model for consent " << consent.to_string());
  return submodels[static_cast<std::size_t>(i)];
}

int Scorecard::feature_index(std::string_view feature) const {
  for (std::size_t i = 0; i < features.size(); ++i)
    if (features[i].name == feature) return static_cast<int>(i);
  return -1;
}

double Scorecard::pd_of_score(double score) const { return pd_from_score(scaling, score); }

// ----------------------------------------------------------------- [score]
namespace {

// The best points a feature can reach in a sub-model: over value bins and a
// non-empty missing bin (an empty missing bin is neutral, not attainable).
int best_bin(const FeatureBinning& fb, const std::vector<int>& pts) {
  int best = -1;
  for (std::size_t b = 0; b < fb.bins.size(); ++b) {
    const Bin& bin = fb.bins[b];
    if ((bin.is_missing || bin.is_special) && bin.n_good + bin.n_bad == 0) continue;
    if (best < 0 || pts[b] > pts[static_cast<std::size_t>(best)]) best = static_cast<int>(b);
  }
  return best < 0 ? 0 : best;
}

ScoreResult finish(const Scorecard& card, int submodel, std::span<const int> bins_of_submodel_features, bool with_reasons) {
  const SubModel& sm = card.submodels[static_cast<std::size_t>(submodel)];
  ScoreResult r;
  r.submodel = submodel;
  r.categories_used = sm.consent;
  if (sm.features.empty()) {
    r.score = sm.base_points;
    r.score_exact = sm.base_points_exact;
  }
  for (std::size_t k = 0; k < sm.features.size(); ++k) {
    const std::size_t b = static_cast<std::size_t>(bins_of_submodel_features[k]);
    r.score += sm.points[k][b];
    r.score_exact += sm.points_exact[k][b];
  }
  r.pd = card.pd_of_score(r.score_exact);
  r.band = card.bands.band_of(r.score);
  r.band_name = card.bands.names[static_cast<std::size_t>(r.band)];
  if (!with_reasons) return r;
  std::vector<ReasonCode> reasons;
  for (std::size_t k = 0; k < sm.features.size(); ++k) {
    const int f = sm.features[k];
    const FeatureBinning& fb = card.features[static_cast<std::size_t>(f)];
    const int b = bins_of_submodel_features[k];
    const int best = best_bin(fb, sm.points[k]);
    const int lost = sm.points[k][static_cast<std::size_t>(best)] - sm.points[k][static_cast<std::size_t>(b)];
    if (lost <= 0) continue;
    ReasonCode rc;
    rc.feature = f;
    rc.name = fb.name;
    rc.points_lost = lost;
    rc.bin_label = fb.bins[static_cast<std::size_t>(b)].label;
    rc.best_label = fb.bins[static_cast<std::size_t>(best)].label;
    rc.message = reason_message(fb, b, best, lost);
    rc.text = text::render(rc.message, text::Lang::en);
    reasons.push_back(std::move(rc));
  }
  // Most points lost first; ties in the order of the sub-model's features (stable).
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const ReasonCode& a, const ReasonCode& b) { return a.points_lost > b.points_lost; });
  if (reasons.size() > static_cast<std::size_t>(std::max(0, card.max_reasons)))
    reasons.resize(static_cast<std::size_t>(std::max(0, card.max_reasons)));
  r.reasons = std::move(reasons);
  return r;
}

}  // namespace

ScoreResult Scorecard::score(ConsentMask consent, std::span<const double> values, bool with_reasons) const {
  FINLAB_REQUIRE(values.size() == features.size(), "Scorecard::score: " << values.size() << " values for "
                                                                        << features.size() << " features");
  const int s = submodel_index(consent);
  FINLAB_REQUIRE(s >= 0, "scorecard '" << name << "' has no sub-model for consent " << consent.to_string());
  const SubModel& sm = submodels[static_cast<std::size_t>(s)];
  std::vector<int> bins(sm.features.size());
  // Only the sub-model's features are read: never a category the user did not grant.
  for (std::size_t k = 0; k < sm.features.size(); ++k) {
    const auto f = static_cast<std::size_t>(sm.features[k]);
    bins[k] = features[f].bin_of(values[f]);
  }
  return finish(*this, s, bins, with_reasons);
}

ScoreResult Scorecard::score_bins(ConsentMask consent, std::span<const std::uint8_t> bins_in, bool with_reasons) const {
  FINLAB_REQUIRE(bins_in.size() == features.size(), "Scorecard::score_bins: " << bins_in.size() << " bins for "
                                                                              << features.size() << " features");
  const int s = submodel_index(consent);
  FINLAB_REQUIRE(s >= 0, "scorecard '" << name << "' has no sub-model for consent " << consent.to_string());
  const SubModel& sm = submodels[static_cast<std::size_t>(s)];
  std::vector<int> bins(sm.features.size());
  for (std::size_t k = 0; k < sm.features.size(); ++k) {
    const auto f = static_cast<std::size_t>(sm.features[k]);
    FINLAB_REQUIRE(bins_in[f] < features[f].bins.size(), "Scorecard::score_bins: bin " << int(bins_in[f])
                                                                                        << " out of range for " << features[f].name);
    bins[k] = bins_in[f];
  }
  return finish(*this, s, bins, with_reasons);
}

SubModel make_submodel(const std::vector<FeatureBinning>& features, const ScoreScaling& scaling, ConsentMask consent,
                       std::vector<int> feature_indices, double intercept, std::vector<double> coef) {
  FINLAB_REQUIRE(feature_indices.size() == coef.size(), "make_submodel: " << feature_indices.size() << " features, "
                                                                          << coef.size() << " coefficients");
  SubModel sm;
  sm.consent = consent;
  sm.intercept = intercept;
  const int n = static_cast<int>(feature_indices.size());
  for (std::size_t k = 0; k < feature_indices.size(); ++k) {
    const int f = feature_indices[k];
    FINLAB_REQUIRE(f >= 0 && static_cast<std::size_t>(f) < features.size(), "make_submodel: feature index " << f << " out of range");
    const FeatureBinning& fb = features[static_cast<std::size_t>(f)];
    FINLAB_REQUIRE(consent.has(fb.category), "make_submodel: feature '" << fb.name << "' (" << to_string(fb.category)
                                                                        << ") is outside consent " << consent.to_string());
    std::vector<double> pe;
    std::vector<int> pr;
    for (const Bin& b : fb.bins) {
      const double pts = attribute_points(scaling, coef[k], b.woe, intercept, n);
      pe.push_back(pts);
      pr.push_back(round_points(pts));
    }
    sm.points_exact.push_back(std::move(pe));
    sm.points.push_back(std::move(pr));
  }
  if (n == 0) {
    sm.base_points_exact = scaling_offset(scaling) + scaling_factor(scaling) * intercept;
    sm.base_points = round_points(sm.base_points_exact);
  }
  sm.features = std::move(feature_indices);
  sm.coef = std::move(coef);
  return sm;
}

// ------------------------------------------------------------------ [bulk]
namespace {

// points[(s·F + f)·SB + bin] as int32, 0 for features outside sub-model s;
// bias[s] = base points of an empty sub-model; sub_of[mask bits] = s.
struct FlatTable {
  std::size_t F = 0, SB = 1;
  std::vector<std::int32_t> points;
  std::vector<std::int32_t> bias;
  std::int32_t sub_of[32];
};

FlatTable flatten(const Scorecard& card) {
  FlatTable t;
  t.F = card.features.size();
  std::size_t max_bins = 1;
  for (const auto& f : card.features) max_bins = std::max(max_bins, f.bins.size());
  FINLAB_REQUIRE(max_bins <= 256, "scorecard: a feature has more than 256 bins");
  // At least 16 entries per feature row: one 512-bit register on the uniform path.
  t.SB = 16;
  while (t.SB < max_bins) t.SB *= 2;
  const std::size_t S = card.submodels.size();
  t.points.assign(S * t.F * t.SB, 0);
  t.bias.assign(S, 0);
  for (std::size_t s = 0; s < S; ++s) {
    const SubModel& sm = card.submodels[s];
    if (sm.features.empty()) t.bias[s] = sm.base_points;
    for (std::size_t k = 0; k < sm.features.size(); ++k) {
      const auto f = static_cast<std::size_t>(sm.features[k]);
      for (std::size_t b = 0; b < sm.points[k].size(); ++b) t.points[(s * t.F + f) * t.SB + b] = sm.points[k][b];
    }
  }
  for (std::uint32_t m = 0; m < 32; ++m) t.sub_of[m] = card.submodel_index(ConsentMask::from_bits(static_cast<std::uint8_t>(m)));
  return t;
}

constexpr std::size_t bulk_block = 1024;

// Σ_f points[base[i] + f·SB + bins[f][i]] added to out[i] (which holds the bias).
// Integer sums: the AVX2 gather path and the portable path give identical results.
void add_points_portable(const FlatTable& t, const std::uint8_t* const* bins, const std::uint32_t* base, std::size_t from,
                         std::size_t m, std::int32_t* out) {
  for (std::size_t i = from; i < m; ++i) {
    std::int32_t acc = out[i];
    const std::int32_t* row = t.points.data() + base[i];
    for (std::size_t f = 0; f < t.F; ++f) acc += row[f * t.SB + bins[f][i]];
    out[i] = acc;
  }
}

#ifdef FINLAB_CREDIT_X86_DISPATCH
__attribute__((target("avx2"))) void add_points_avx2(const FlatTable& t, const std::uint8_t* const* bins,
                                                     const std::uint32_t* base, std::size_t m, std::int32_t* out) {
  std::size_t i = 0;
  for (; i + 8 <= m; i += 8) {
    __m256i acc = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(out + i));
    const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(base + i));
    for (std::size_t f = 0; f < t.F; ++f) {
      const __m128i bb = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(bins[f] + i));
      const __m256i idx = _mm256_add_epi32(_mm256_cvtepu8_epi32(bb), b0);
      const int* table = reinterpret_cast<const int*>(t.points.data() + f * t.SB);
      acc = _mm256_add_epi32(acc, _mm256_i32gather_epi32(table, idx, 4));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), acc);
  }
  add_points_portable(t, bins, base, i, m, out);
}

bool have_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

// Every user of the block uses the same sub-model and a feature has at most
// 16 bins: the feature's 16 points sit in one register and a permute looks up
// 16 users at once (no gather).
__attribute__((target("avx512f"))) void add_points_uniform_avx512(const FlatTable& t, const std::uint8_t* const* bins,
                                                                  std::uint32_t base, std::size_t m, std::int32_t* out) {
  std::size_t i = 0;
  for (; i + 16 <= m; i += 16) {
    __m512i acc = _mm512_loadu_si512(out + i);
    for (std::size_t f = 0; f < t.F; ++f) {
      const __m512i table = _mm512_loadu_si512(t.points.data() + base + f * t.SB);
      // maskz forms with a full mask: same result, and no "undefined" source
      // operand for GCC 12's -Wmaybe-uninitialized to trip over.
      const __m512i idx =
          _mm512_maskz_cvtepu8_epi32(0xFFFF, _mm_loadu_si128(reinterpret_cast<const __m128i*>(bins[f] + i)));
      acc = _mm512_add_epi32(acc, _mm512_maskz_permutexvar_epi32(0xFFFF, idx, table));
    }
    _mm512_storeu_si512(out + i, acc);
  }
  for (; i < m; ++i) {
    std::int32_t acc = out[i];
    for (std::size_t f = 0; f < t.F; ++f) acc += t.points[base + f * t.SB + bins[f][i]];
    out[i] = acc;
  }
}

// Mixed sub-models in a block: 16-lane gathers.
__attribute__((target("avx512f"))) void add_points_gather_avx512(const FlatTable& t, const std::uint8_t* const* bins,
                                                                 const std::uint32_t* base, std::size_t m, std::int32_t* out) {
  std::size_t i = 0;
  for (; i + 16 <= m; i += 16) {
    __m512i acc = _mm512_loadu_si512(out + i);
    const __m512i b0 = _mm512_loadu_si512(base + i);
    for (std::size_t f = 0; f < t.F; ++f) {
      const __m512i idx = _mm512_add_epi32(
          _mm512_maskz_cvtepu8_epi32(0xFFFF, _mm_loadu_si128(reinterpret_cast<const __m128i*>(bins[f] + i))), b0);
      const int* table = reinterpret_cast<const int*>(t.points.data() + f * t.SB);
      acc = _mm512_add_epi32(acc, _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), 0xFFFF, idx, table, 4));
    }
    _mm512_storeu_si512(out + i, acc);
  }
  add_points_portable(t, bins, base, i, m, out);
}

bool have_avx512f() {
  static const bool yes = __builtin_cpu_supports("avx512f");
  return yes;
}
#endif

void add_points(const FlatTable& t, const std::uint8_t* const* bins, const std::uint32_t* base, std::size_t m,
                std::int32_t* out) {
#ifdef FINLAB_CREDIT_X86_DISPATCH
  if (t.SB == 16 && m > 0 && have_avx512f()) {
    bool uniform = true;
    for (std::size_t i = 1; i < m && uniform; ++i) uniform = base[i] == base[0];
    if (uniform) {
      add_points_uniform_avx512(t, bins, base[0], m, out);
      return;
    }
    add_points_gather_avx512(t, bins, base, m, out);
    return;
  }
  if (have_avx2()) {
    add_points_avx2(t, bins, base, m, out);
    return;
  }
#endif
  add_points_portable(t, bins, base, 0, m, out);
}

void accumulate_block(const FlatTable& t, const std::uint8_t* const* bins, const std::uint8_t* consent, std::size_t m,
                      std::int32_t* out) {
  std::uint32_t base[bulk_block];
  for (std::size_t i = 0; i < m; ++i) {
    const std::int32_t s = t.sub_of[consent[i] & 31u];
    FINLAB_REQUIRE(s >= 0, "score_binned: no sub-model for consent bits " << int(consent[i]));
    base[i] = static_cast<std::uint32_t>(static_cast<std::size_t>(s) * t.F * t.SB);
    out[i] = t.bias[static_cast<std::size_t>(s)];
  }
  add_points(t, bins, base, m, out);
}

void accumulate_block_single(const FlatTable& t, const std::uint8_t* const* bins, std::size_t m, std::int32_t* out) {
  static constexpr std::uint32_t zero[bulk_block] = {};
  for (std::size_t i = 0; i < m; ++i) out[i] = t.bias[0];
  add_points(t, bins, zero, m, out);
}

}  // namespace

void score_binned(const Scorecard& card, std::span<const std::vector<std::uint8_t>> bins,
                  std::span<const std::uint8_t> consent, std::span<std::int32_t> out) {
  FINLAB_REQUIRE(bins.size() == card.features.size(), "score_binned: " << bins.size() << " bin columns for "
                                                                       << card.features.size() << " features");
  const std::size_t n = out.size();
  FINLAB_REQUIRE(consent.size() == n, "score_binned: " << consent.size() << " consent values for " << n << " users");
  for (const auto& col : bins) FINLAB_REQUIRE(col.size() == n, "score_binned: a bin column has " << col.size() << " rows, expected " << n);
  const FlatTable t = flatten(card);
  const bool single = card.submodels.size() == 1;
  std::vector<const std::uint8_t*> ptr(t.F);
  for (std::size_t b0 = 0; b0 < n; b0 += bulk_block) {
    const std::size_t m = std::min(bulk_block, n - b0);
    for (std::size_t f = 0; f < t.F; ++f) ptr[f] = bins[f].data() + b0;
    if (single) accumulate_block_single(t, ptr.data(), m, out.data() + b0);
    else accumulate_block(t, ptr.data(), consent.data() + b0, m, out.data() + b0);
  }
}

namespace {

template <class T>
void bin_values_impl(const FeatureBinning& fb, std::span<const T> values, std::span<std::uint8_t> out) {
  FINLAB_REQUIRE(values.size() == out.size(), "bin_values: " << values.size() << " values, " << out.size() << " outputs");
  const auto missing = static_cast<std::uint8_t>(fb.missing_bin());
  if (fb.type == FeatureType::categorical) {
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = static_cast<std::uint8_t>(fb.bin_of(static_cast<double>(values[i])));
    return;
  }
  // Thresholds in the input's type: for float input the cut is rounded to the
  // nearest float, so a float holding a recorded decimal bins like the decimal.
  // bin = number of cuts <= x, counted cut by cut over a block (vectorisable).
  const std::size_t k = fb.cuts.size();
  const std::size_t n = values.size();
  constexpr std::size_t chunk = 1024;
  std::int32_t count[chunk];
  for (std::size_t b0 = 0; b0 < n; b0 += chunk) {
    const std::size_t m = std::min(chunk, n - b0);
    const T* x = values.data() + b0;
    for (std::size_t i = 0; i < m; ++i) count[i] = 0;
    if constexpr (std::is_same_v<T, double>) {
      detail::add_cut_counts(x, m, fb.cuts.data(), k, count);
    } else {
      for (std::size_t c = 0; c < k; ++c) {
        const T cut = static_cast<T>(fb.cuts[c]);
        for (std::size_t i = 0; i < m; ++i) count[i] += x[i] >= cut ? 1 : 0;
      }
    }
    for (std::size_t i = 0; i < m; ++i) out[b0 + i] = x[i] != x[i] ? missing : static_cast<std::uint8_t>(count[i]);
    for (std::size_t s = 0; s < fb.special_values.size(); ++s) {
      const T code = static_cast<T>(fb.special_values[s]);
      const auto bin = static_cast<std::uint8_t>(fb.first_special_bin() + static_cast<int>(s));
      for (std::size_t i = 0; i < m; ++i)
        if (x[i] == code) out[b0 + i] = bin;
    }
  }
}

}  // namespace

void bin_values(const FeatureBinning& fb, std::span<const float> values, std::span<std::uint8_t> out) {
  bin_values_impl(fb, values, out);
}
void bin_values(const FeatureBinning& fb, std::span<const double> values, std::span<std::uint8_t> out) {
  bin_values_impl(fb, values, out);
}

Result<PopulationScorer> PopulationScorer::bind(const Scorecard& card, const FeatureSchema& schema) {
  PopulationScorer ps;
  ps.card = &card;
  for (const auto& f : card.features) {
    auto i = schema.index_of(f.name);
    if (!i) return fail("scorecard feature '" + f.name + "' is not in the population's feature schema");
    ps.column_of_feature.push_back(static_cast<int>(*i));
  }
  return ps;
}

std::vector<double> PopulationScorer::values_of(const Population& pop, std::size_t i) const {
  std::vector<double> v(card->features.size());
  static constexpr double p10[] = {1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9};
  for (std::size_t f = 0; f < v.size(); ++f) {
    const float x = pop.values[static_cast<std::size_t>(column_of_feature[f])][i];
    const int d = card->features[f].decimals;
    // Restore the recorded decimal (see dataset_from_population).
    v[f] = std::isnan(x) ? static_cast<double>(x)
           : d >= 0 && d <= 9 ? std::floor(static_cast<double>(x) * p10[d] + 0.5) / p10[d]
                              : static_cast<double>(x);
  }
  return v;
}

ScoreResult PopulationScorer::score(const Population& pop, std::size_t i, bool with_reasons) const {
  const auto v = values_of(pop, i);
  return card->score(pop.consent_of(i), v, with_reasons);
}

void PopulationScorer::score_all(const Population& pop, std::span<std::int32_t> out) const {
  FINLAB_REQUIRE(out.size() == pop.size(), "PopulationScorer::score_all: output has " << out.size() << " entries for "
                                                                                      << pop.size() << " users");
  const FlatTable t = flatten(*card);
  const bool single = card->submodels.size() == 1;
  const std::size_t F = card->features.size();
  std::vector<std::uint8_t> bins(F * bulk_block);
  std::vector<const std::uint8_t*> ptr(F);
  for (std::size_t f = 0; f < F; ++f) ptr[f] = bins.data() + f * bulk_block;
  for (std::size_t b0 = 0; b0 < pop.size(); b0 += bulk_block) {
    const std::size_t m = std::min(bulk_block, pop.size() - b0);
    for (std::size_t f = 0; f < F; ++f) {
      const auto& col = pop.values[static_cast<std::size_t>(column_of_feature[f])];
      bin_values(card->features[f], std::span<const float>(col.data() + b0, m), std::span<std::uint8_t>(bins.data() + f * bulk_block, m));
    }
    if (single) accumulate_block_single(t, ptr.data(), m, out.data() + b0);
    else accumulate_block(t, ptr.data(), pop.consent.data() + b0, m, out.data() + b0);
  }
}

}  // namespace finlab::credit

namespace finlab::credit {

Result<DatasetScores> score_dataset(const Scorecard& card, const Dataset& data, std::span<const std::uint32_t> rows) {
  DatasetScores out;
  const std::size_t F = card.features.size();
  std::vector<std::size_t> column(F, CsvTable::npos);
  std::vector<std::vector<double>> level_map(F);  // data level code -> card level code (NaN: unknown)
  ConsentMask absent_categories = ConsentMask::application_only();
  bool any_absent = false;
  for (std::size_t f = 0; f < F; ++f) {
    const FeatureBinning& fb = card.features[f];
    column[f] = data.column_index(fb.name);
    if (column[f] == CsvTable::npos) {
      if (fb.category == ConsentCategory::application)
        return fail(data.source + ": column '" + fb.name + "' used by the scorecard is missing");
      absent_categories = absent_categories.with(fb.category);
      any_absent = true;
      out.notes.push_back("column '" + fb.name + "' is absent: category " + std::string(to_string(fb.category)) +
                          " treated as not shared");
      continue;
    }
    const DataColumn& col = data.columns[column[f]];
    if (fb.type == FeatureType::categorical) {
      if (col.type != FeatureType::categorical) {
        // Numbers in a categorical feature: match their text against the card levels.
        return fail(data.source + ": column '" + fb.name + "' holds numbers but the scorecard treats it as categorical");
      }
      level_map[f].resize(col.levels.size());
      for (std::size_t l = 0; l < col.levels.size(); ++l) {
        double code = std::nan("");
        for (std::size_t k = 0; k < fb.levels.size(); ++k)
          if (fb.levels[k] == col.levels[l]) code = double(k);
        level_map[f][l] = code;
      }
    } else if (col.type == FeatureType::categorical) {
      return fail(data.source + ": column '" + fb.name + "' holds text but the scorecard expects numbers");
    }
  }
  const std::uint8_t clear = any_absent ? static_cast<std::uint8_t>(~absent_categories.bits() | 1u) : 0xFF;
  const std::size_t n = rows.size();
  out.rows.assign(rows.begin(), rows.end());
  out.score.resize(n);
  out.pd.resize(n);
  out.consent.resize(n);
  out.bad.resize(n);
  out.bins.assign(F, std::vector<std::uint8_t>(n));
  out.values.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t r = rows[k];
    std::vector<double> v(F, std::nan(""));
    const ConsentMask consent = ConsentMask::from_bits(static_cast<std::uint8_t>(data.consent[r] & clear));
    for (std::size_t f = 0; f < F; ++f) {
      if (column[f] == CsvTable::npos) continue;
      if (!consent.has(card.features[f].category)) continue;  // never read what was not shared
      const DataColumn& col = data.columns[column[f]];
      if (col.type == FeatureType::categorical) {
        const std::int32_t c = col.codes[r];
        v[f] = c < 0 ? std::nan("") : level_map[f][static_cast<std::size_t>(c)];
      } else {
        v[f] = col.numeric[r];
      }
      out.bins[f][k] = static_cast<std::uint8_t>(card.features[f].bin_of(v[f]));
    }
    for (std::size_t f = 0; f < F; ++f)
      if (column[f] == CsvTable::npos || !consent.has(card.features[f].category))
        out.bins[f][k] = static_cast<std::uint8_t>(card.features[f].missing_bin());
    const ScoreResult s = card.score(consent, v, false);
    out.score[k] = s.score;
    out.pd[k] = s.pd;
    out.consent[k] = consent.bits();
    out.bad[k] = data.bad.empty() ? 0 : data.bad[r];
    out.values[k] = std::move(v);
    if (data.weighted()) out.weight.push_back(data.weight[r]);
  }
  return out;
}

}  // namespace finlab::credit
