// prepare, bin and the data-only selection steps of train_scorecard.
#include "core/credit/training_steps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit::training {

std::string fmt(double x, int dp) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", dp, x);
  return buf;
}

void Design::erase(std::size_t k) {
  cand.erase(cand.begin() + static_cast<std::ptrdiff_t>(k));
  bins.erase(bins.begin() + static_cast<std::ptrdiff_t>(k));
  woe.erase(woe.begin() + static_cast<std::ptrdiff_t>(k));
}

void drop(FeatureReport& fr, std::string rule, double statistic, double threshold, std::string status) {
  fr.rule = std::move(rule);
  fr.statistic = statistic;
  fr.threshold = threshold;
  fr.status = std::move(status);
  fr.selected = false;
}

namespace {

bool is_constant_or_empty(const DataColumn& col, std::span<const std::uint32_t> rows, bool* all_missing) {
  bool seen = false;
  double first_num = 0;
  std::int32_t first_code = -1;
  for (std::uint32_t r : rows) {
    if (col.missing(r)) continue;
    if (col.type == FeatureType::categorical) {
      if (!seen) first_code = col.codes[r];
      else if (col.codes[r] != first_code) return false;
    } else {
      if (!seen) first_num = col.numeric[r];
      else if (col.numeric[r] != first_num) return false;
    }
    seen = true;
  }
  *all_missing = !seen;
  return true;
}

double column_value(const DataColumn& col, std::size_t r) {
  if (col.type == FeatureType::categorical) return col.codes[r] < 0 ? std::nan("") : double(col.codes[r]);
  return col.numeric[r];
}

// Bins of a column for the training rows (the missing bin where the row did not consent).
std::vector<std::uint8_t> bins_of_column(const Dataset& data, std::span<const std::uint32_t> train, const DataColumn& col,
                                         const FeatureBinning& fb) {
  const std::size_t n = train.size();
  std::vector<std::uint8_t> b(n);
  if (col.type == FeatureType::categorical) {
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(fb.bin_of(column_value(col, train[i])));
  } else {
    constexpr std::size_t chunk = 4096;
    double x[chunk];
    for (std::size_t b0 = 0; b0 < n; b0 += chunk) {
      const std::size_t m = std::min(chunk, n - b0);
      for (std::size_t i = 0; i < m; ++i) x[i] = col.numeric[train[b0 + i]];
      bin_values(fb, std::span<const double>(x, m), std::span<std::uint8_t>(b.data() + b0, m));
    }
  }
  if (col.category != ConsentCategory::application) {
    const auto miss = static_cast<std::uint8_t>(fb.missing_bin());
    for (std::size_t i = 0; i < n; ++i)
      if (!ConsentMask::from_bits(data.consent[train[i]]).has(col.category)) b[i] = miss;
  }
  return b;
}

std::vector<double> woe_table(const FeatureBinning& fb) {
  std::vector<double> t;
  for (const Bin& b : fb.bins) t.push_back(b.woe);
  return t;
}

// Weighted sums of a sample column over the rows of the sample (every weight
// 1 without weights): Σw·a, Σw·a·a, Σw and the row count.
struct Moments {
  double s = 0, ss = 0, m = 0, rows = 0;
};
Moments moments_of(const std::vector<double>& v, const std::vector<double>& w) {
  Moments t;
  for (std::size_t i = 0; i < v.size(); ++i) {
    t.s += w[i] * v[i];
    t.ss += w[i] * v[i] * v[i];
    t.m += w[i];
    t.rows += 1;
  }
  return t;
}

// Weighted Pearson r from the sums, or NaN when undefined.
double pearson(double sa, double sb, double saa, double sbb, double sab, double m, double rows) {
  if (rows < 2 || !(m > 0)) return std::nan("");
  const double cov = sab - sa * sb / m, va = saa - sa * sa / m, vb = sbb - sb * sb / m;
  if (!(va > 0 && vb > 0)) return std::nan("");
  return cov / math::sqrt(va * vb);
}

// Pearson r of the sample column sv against each kept column, on the sample
// rows that consented to both categories; NaN where undefined. Every sum runs
// in sample order. When every sample row consented, the sums of one column
// alone are the same for every pair and only Σw·a·b is per pair; four pairs
// then share one pass (independent sums: the same bits as one at a time).
std::vector<double> correlations(const Dataset& data, const DataColumn& col, const std::vector<std::size_t>& kept,
                                 const std::vector<double>& sv, const Moments& a, const std::vector<std::vector<double>>& sample_woe,
                                 const std::vector<Moments>& kept_moments, const std::vector<std::uint8_t>& consent,
                                 const std::vector<double>& weight, std::uint8_t common) {
  std::vector<double> corr(kept.size(), std::nan(""));
  std::vector<std::size_t> fast;  // pairs on every sample row
  for (std::size_t s = 0; s < kept.size(); ++s) {
    const ConsentMask both = ConsentMask::application_only().with(col.category).with(data.columns[kept[s]].category);
    if ((common & both.bits()) == both.bits()) {
      fast.push_back(s);
      continue;
    }
    const std::vector<double>& ov = sample_woe[s];
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, m = 0, rows = 0;
    for (std::size_t i = 0; i < sv.size(); ++i) {
      if (!ConsentMask::from_bits(consent[i]).contains(both)) continue;
      const double a = sv[i], b = ov[i], w = weight[i];
      sa += w * a;
      sb += w * b;
      saa += w * a * a;
      sbb += w * b * b;
      sab += w * a * b;
      m += w;
      rows += 1;
    }
    corr[s] = pearson(sa, sb, saa, sbb, sab, m, rows);
  }
  for (std::size_t f = 0; f < fast.size(); f += 4) {
    const std::size_t g = std::min<std::size_t>(4, fast.size() - f);
    const double* ov[4];
    for (std::size_t k = 0; k < 4; ++k) ov[k] = sample_woe[fast[f + std::min(k, g - 1)]].data();
    double sab[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < sv.size(); ++i) {
      const double wa = weight[i] * sv[i];
      sab[0] += wa * ov[0][i];
      sab[1] += wa * ov[1][i];
      sab[2] += wa * ov[2][i];
      sab[3] += wa * ov[3][i];
    }
    for (std::size_t k = 0; k < g; ++k) {
      const Moments& b = kept_moments[fast[f + k]];
      corr[fast[f + k]] = pearson(a.s, b.s, a.ss, b.ss, sab[k], a.m, a.rows);
    }
  }
  return corr;
}

}  // namespace

Result<TrainRows> prepare_rows(const Dataset& data) {
  TrainRows t;
  std::size_t n_train = 0;
  for (Split s : data.split) n_train += s == Split::train;
  t.train.reserve(n_train);
  for (std::size_t r = 0; r < data.rows(); ++r)
    if (data.split[r] == Split::train) {
      t.train.push_back(static_cast<std::uint32_t>(r));
      t.bads += data.bad[r];
      (data.bad[r] ? t.bad_weight : t.good_weight) += data.weight_of(r);
    }
  if (t.train.empty()) return fail("no training rows (split column has no 'train' rows)");
  t.goods = static_cast<std::int64_t>(t.train.size()) - t.bads;
  if (t.bads == 0) return fail("the training rows have no bad outcome; cannot train");
  if (t.goods == 0) return fail("the training rows have no good outcome; cannot train");
  if (data.weighted() && !(t.bad_weight > 0 && t.good_weight > 0))
    return fail("the weights (column '" + data.weight_column + "') of the training rows sum to " + fmt(t.good_weight, 6) +
                " over the goods and " + fmt(t.bad_weight, 6) + " over the bads; both must be above zero to train");
  t.rows_of.resize(consent_category_count);
  std::uint8_t common = 0xFF;  // categories every training row consented to: their row list is t.train itself
  for (std::uint32_t r : t.train) common &= data.consent[r];
  t.common = common;
  for (std::uint32_t r : t.train)
    for (ConsentCategory c : all_consent_categories)
      if (!ConsentMask::from_bits(common).has(c) && ConsentMask::from_bits(data.consent[r]).has(c))
        t.rows_of[static_cast<int>(c)].push_back(r);
  return t;
}

void bin_candidates(const Dataset& data, const TrainRows& t, const TrainOptions& o, TrainResult& result) {
  for (const DataColumn& col : data.columns) {
    FeatureReport fr;
    fr.name = col.name;
    fr.category = col.category;
    const std::span<const std::uint32_t> rows = t.rows_for(col.category);
    bool all_missing = false;
    if (rows.empty() || is_constant_or_empty(col, rows, &all_missing)) {
      const bool none = rows.empty() || all_missing;
      drop(fr, none ? "all_missing" : "constant", std::nan(""), std::nan(""), none ? "all missing" : "constant");
      result.candidates.push_back(std::move(fr));
      continue;
    }
    fr.binning = bin_feature(col, data.bad, rows, o.binning, data.weight);
    fr.iv = fr.binning.iv;
    if (fr.binning.value_bin_count() < 2 && fr.binning.bins.back().n_good + fr.binning.bins.back().n_bad == 0)
      drop(fr, "no_usable_split", fr.iv, std::nan(""), "no usable split");
    else if (fr.iv < o.min_iv)
      drop(fr, "min_iv", fr.iv, o.min_iv, "low IV (" + fmt(fr.iv, 4) + " < " + fmt(o.min_iv, 4) + ")");
    result.candidates.push_back(std::move(fr));
  }
}

std::vector<std::uint32_t> correlation_sample(std::span<const std::uint32_t> train) {
  std::vector<std::uint32_t> out;
  const std::size_t stride = std::max<std::size_t>(1, train.size() / 100000);
  for (std::size_t i = 0; i < train.size(); i += stride) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

Design select_by_iv_and_correlation(const Dataset& data, std::span<const std::uint32_t> train,
                                    std::span<const std::uint32_t> sample, const TrainOptions& o, TrainResult& result) {
  std::vector<std::size_t> order;
  for (std::size_t c = 0; c < result.candidates.size(); ++c)
    if (result.candidates[c].rule.empty()) order.push_back(c);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return result.candidates[a].iv > result.candidates[b].iv; });
  Design d;
  d.train = train;
  // WoE of each kept feature on the sample rows (contiguous: the pair loops
  // below read them sequentially); the sample's consent and weights.
  std::vector<std::vector<double>> sample_woe;
  std::vector<Moments> sample_moments;  // their sums over the whole sample
  std::vector<std::uint8_t> sample_consent(sample.size());
  std::vector<double> sample_weight(sample.size());
  std::uint8_t common = 0xFF;  // categories every sample row consented to
  for (std::size_t i = 0; i < sample.size(); ++i) {
    sample_consent[i] = data.consent[train[sample[i]]];
    sample_weight[i] = data.weight_of(train[sample[i]]);
    common &= sample_consent[i];
  }
  for (std::size_t c : order) {
    FeatureReport& fr = result.candidates[c];
    if (static_cast<int>(d.cand.size()) >= o.max_features) {
      drop(fr, "max_features", double(d.cand.size()), double(o.max_features),
           "over max features (" + std::to_string(o.max_features) + " with higher IV)");
      continue;
    }
    const DataColumn& col = data.columns[c];
    std::vector<std::uint8_t> bins = bins_of_column(data, train, col, fr.binning);
    const std::vector<double> wt = woe_table(fr.binning);
    std::vector<double> sv(sample.size());
    for (std::size_t i = 0; i < sample.size(); ++i) sv[i] = wt[bins[sample[i]]];
    const Moments sm = moments_of(sv, sample_weight);
    const std::vector<double> corr =
        correlations(data, col, d.cand, sv, sm, sample_woe, sample_moments, sample_consent, sample_weight, common);
    bool ok = true;
    for (std::size_t s = 0; s < d.cand.size() && ok; ++s) {
      if (std::isnan(corr[s])) continue;
      if (std::fabs(corr[s]) > o.max_correlation) {
        const std::string& with = result.candidates[d.cand[s]].name;
        drop(fr, "max_correlation", corr[s], o.max_correlation,
             "correlated with " + with + " (r=" + fmt(corr[s], 2) + ", |r| > " + fmt(o.max_correlation, 2) + ")");
        fr.against = with;
        ok = false;
      }
    }
    if (!ok) continue;
    fr.status = "selected";
    d.cand.push_back(c);
    d.bins.push_back(std::move(bins));
    d.woe.push_back(wt);
    sample_woe.push_back(std::move(sv));
    sample_moments.push_back(sm);
  }
  return d;
}

std::vector<std::vector<double>> woe_columns(const Dataset& data, const Design& d, std::span<const std::size_t> feats,
                                             std::span<const std::uint32_t> sample, std::vector<std::uint32_t>* used) {
  ConsentMask need = ConsentMask::application_only();
  for (std::size_t k : feats) need = need.with(data.columns[d.cand[k]].category);
  std::vector<std::uint32_t> keep;  // positions in d.train
  for (std::uint32_t i : sample)
    if (ConsentMask::from_bits(data.consent[d.train[i]]).contains(need)) keep.push_back(i);
  std::vector<std::vector<double>> x(feats.size(), std::vector<double>(keep.size()));
  for (std::size_t j = 0; j < feats.size(); ++j) {
    const auto& b = d.bins[feats[j]];
    const auto& w = d.woe[feats[j]];
    for (std::size_t i = 0; i < keep.size(); ++i) x[j][i] = w[b[keep[i]]];
  }
  if (used) {
    used->clear();
    for (std::uint32_t i : keep) used->push_back(d.train[i]);
  }
  return x;
}

std::vector<double> weights_of(const Dataset& data, std::span<const std::uint32_t> rows) {
  std::vector<double> w;
  if (!data.weighted()) return w;
  w.reserve(rows.size());
  for (std::uint32_t r : rows) w.push_back(data.weight[r]);
  return w;
}

void select_by_vif(const Dataset& data, std::span<const std::uint32_t> sample, const TrainOptions& o, TrainResult& result,
                   Design& design) {
  if (!(o.max_vif > 0)) return;
  while (design.cand.size() >= 2) {
    std::vector<std::size_t> all(design.cand.size());
    for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
    std::vector<std::uint32_t> used;
    const auto x = woe_columns(data, design, all, sample, &used);
    if (x.empty() || x[0].size() < 3) return;
    const std::vector<double> v = vif_from_correlation(correlation_matrix(x, weights_of(data, used)), all.size());
    // The largest VIF; ties go to the lower-IV feature (later in IV order).
    std::size_t worst = 0;
    for (std::size_t k = 1; k < v.size(); ++k)
      if (v[k] >= v[worst]) worst = k;
    if (!(v[worst] > o.max_vif)) return;
    drop(result.candidates[design.cand[worst]], "max_vif", v[worst], o.max_vif,
         "VIF " + fmt(v[worst], 2) + " > " + fmt(o.max_vif, 2));
    design.erase(worst);
  }
}

}  // namespace finlab::credit::training
