// Scorecard training (see training.hpp). Section index:
//   [rows]       training rows per consent category
//   [binning]    bin every candidate column, WoE/IV
//   [selection]  IV threshold, correlation filter
//   [submodels]  logistic regression per consent subset, sign check, recalibration, points
//   [psi]        training score distribution
#include "core/credit/training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/credit/fast_math.hpp"
#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit {

namespace {

std::string fmt2(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

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

// Intercept-only Newton on rows `rows` with fixed offsets (the slope part of η).
double refit_intercept(std::span<const double> offset, std::span<const std::uint8_t> good, double start) {
  double b0 = start;
  for (int it = 0; it < 50; ++it) {
    double g = 0, h = 0;
    for (std::size_t i = 0; i < offset.size(); ++i) {
      const double p = detail::fast_logistic(b0 + offset[i]);
      g += (good[i] ? 1.0 : 0.0) - p;
      h += p * (1.0 - p);
    }
    if (!(h > 0)) break;
    const double step = g / h;
    b0 += step;
    if (std::fabs(step) < 1e-10) break;
  }
  return b0;
}

}  // namespace

Result<TrainResult> train_scorecard(const Dataset& data, const TrainOptions& o) {
  const std::size_t n = data.rows();
  // ------------------------------------------------------------------ [rows]
  std::vector<std::uint32_t> train;
  std::int64_t bads = 0;
  for (std::size_t r = 0; r < n; ++r)
    if (data.split[r] == Split::train) {
      train.push_back(static_cast<std::uint32_t>(r));
      bads += data.bad[r];
    }
  if (train.empty()) return fail("no training rows (split column has no 'train' rows)");
  const std::int64_t goods = static_cast<std::int64_t>(train.size()) - bads;
  if (bads == 0) return fail("the training rows have no bad outcome; cannot train");
  if (goods == 0) return fail("the training rows have no good outcome; cannot train");
  // Rows that consented to each category (application: all).
  std::vector<std::vector<std::uint32_t>> rows_of(consent_category_count);
  for (std::uint32_t r : train)
    for (ConsentCategory c : all_consent_categories)
      if (ConsentMask::from_bits(data.consent[r]).has(c)) rows_of[static_cast<int>(c)].push_back(r);

  TrainResult result;
  result.train_rows = static_cast<std::int64_t>(train.size());
  result.train_bads = bads;

  // --------------------------------------------------------------- [binning]
  for (const DataColumn& col : data.columns) {
    FeatureReport fr;
    fr.name = col.name;
    fr.category = col.category;
    const auto& rows = rows_of[static_cast<int>(col.category)];
    bool all_missing = false;
    if (rows.empty() || is_constant_or_empty(col, rows, &all_missing)) {
      fr.status = rows.empty() || all_missing ? "all missing" : "constant";
      result.candidates.push_back(std::move(fr));
      continue;
    }
    fr.binning = bin_feature(col, data.bad, rows, o.binning);
    fr.iv = fr.binning.iv;
    if (fr.binning.value_bin_count() < 2 && fr.binning.bins.back().n_good + fr.binning.bins.back().n_bad == 0)
      fr.status = "no usable split";
    else if (fr.iv < o.min_iv)
      fr.status = "low IV";
    result.candidates.push_back(std::move(fr));
  }

  // ------------------------------------------------------------- [selection]
  std::vector<std::size_t> order;
  for (std::size_t c = 0; c < result.candidates.size(); ++c)
    if (result.candidates[c].status.empty()) order.push_back(c);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return result.candidates[a].iv > result.candidates[b].iv; });
  // Bins of a column for every data row (the missing bin where the row did not consent).
  auto bins_of_column = [&](const DataColumn& col, const FeatureBinning& fb) {
    std::vector<std::uint8_t> b(n);
    if (col.type == FeatureType::categorical) {
      for (std::size_t r = 0; r < n; ++r) b[r] = static_cast<std::uint8_t>(fb.bin_of(column_value(col, r)));
    } else {
      bin_values(fb, std::span<const double>(col.numeric), b);
    }
    if (col.category != ConsentCategory::application) {
      const auto miss = static_cast<std::uint8_t>(fb.missing_bin());
      for (std::size_t r = 0; r < n; ++r)
        if (!ConsentMask::from_bits(data.consent[r]).has(col.category)) b[r] = miss;
    }
    return b;
  };
  auto woe_table = [](const FeatureBinning& fb) {
    std::vector<double> t;
    for (const Bin& b : fb.bins) t.push_back(b.woe);
    return t;
  };
  // Correlations are measured on at most ~100k training rows (every k-th, a
  // fixed choice), enough for two decimals.
  std::vector<std::uint32_t> corr_rows;
  const std::size_t corr_stride = std::max<std::size_t>(1, train.size() / 100000);
  for (std::size_t i = 0; i < train.size(); i += corr_stride) corr_rows.push_back(train[i]);

  std::vector<std::size_t> selected;                     // candidate indices
  std::vector<std::vector<std::uint8_t>> selected_bins;  // bin per data row
  std::vector<std::vector<double>> selected_woe;         // WoE per bin
  for (std::size_t c : order) {
    FeatureReport& fr = result.candidates[c];
    if (static_cast<int>(selected.size()) >= o.max_features) {
      fr.status = "over max features";
      continue;
    }
    const DataColumn& col = data.columns[c];
    std::vector<std::uint8_t> bins = bins_of_column(col, fr.binning);
    const std::vector<double> wt = woe_table(fr.binning);
    bool ok = true;
    for (std::size_t s = 0; s < selected.size() && ok; ++s) {
      const std::vector<std::uint8_t>& other = selected_bins[s];
      const std::vector<double>& ot = selected_woe[s];
      const ConsentMask both = ConsentMask::application_only().with(col.category).with(data.columns[selected[s]].category);
      double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, m = 0;
      for (std::uint32_t r : corr_rows) {
        if (!ConsentMask::from_bits(data.consent[r]).contains(both)) continue;
        const double a = wt[bins[r]], b = ot[other[r]];
        sa += a;
        sb += b;
        saa += a * a;
        sbb += b * b;
        sab += a * b;
        m += 1;
      }
      if (m < 2) continue;
      const double cov = sab - sa * sb / m, va = saa - sa * sa / m, vb = sbb - sb * sb / m;
      if (!(va > 0 && vb > 0)) continue;
      const double corr = cov / math::sqrt(va * vb);
      if (std::fabs(corr) > o.max_correlation) {
        fr.status = "correlated with " + result.candidates[selected[s]].name + " (r=" + fmt2(corr) + ")";
        ok = false;
      }
    }
    if (!ok) continue;
    fr.status = "selected";
    selected.push_back(c);
    selected_bins.push_back(std::move(bins));
    selected_woe.push_back(wt);
  }
  if (selected.empty()) return fail("no usable feature: every candidate column is constant, missing or has IV < " + fmt2(o.min_iv));

  // ------------------------------------------------------------- [submodels]
  // Behaviour categories among the selected features.
  std::vector<ConsentCategory> behaviour;
  for (ConsentCategory c : all_consent_categories) {
    if (c == ConsentCategory::application) continue;
    for (std::size_t s : selected)
      if (data.columns[s].category == c) {
        behaviour.push_back(c);
        break;
      }
  }
  const int nb = static_cast<int>(behaviour.size());
  const int subsets = 1 << nb;
  const ConsentMask all_behaviour = [&] {
    ConsentMask m = ConsentMask::application_only();
    for (ConsentCategory c : behaviour) m = m.with(c);
    return m;
  }();
  struct Fitted {
    ConsentMask consent;
    std::vector<std::size_t> features;  // indices into `selected`
    LogisticFit fit;
    std::int64_t rows = 0;
  };
  std::vector<Fitted> fitted;
  std::vector<double> full_coef;  // warm start for the smaller sub-models: coef per selected feature
  double full_intercept = 0;
  bool have_full = false;
  // Largest subset first (the full model), so the others can start from it.
  for (int mask_i = subsets - 1; mask_i >= 0; --mask_i) {
    ConsentMask consent = ConsentMask::application_only();
    for (int k = 0; k < nb; ++k)
        if (mask_i & (1 << k)) consent = consent.with(behaviour[static_cast<std::size_t>(k)]);
    std::vector<std::size_t> feats;
    for (std::size_t s = 0; s < selected.size(); ++s)
      if (consent.has(data.columns[selected[s]].category)) feats.push_back(s);
    // Rows that shared at least these categories.
    std::vector<std::uint32_t> rows;
    for (std::uint32_t r : train)
      if (ConsentMask::from_bits(data.consent[r]).contains(consent)) rows.push_back(r);
    Fitted f;
    f.consent = consent;
    f.rows = static_cast<std::int64_t>(rows.size());
    std::vector<std::uint8_t> good(rows.size());
    std::int64_t row_bads = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      good[i] = data.bad[rows[i]] ? 0 : 1;
      row_bads += data.bad[rows[i]];
    }
    if (rows.empty() || row_bads == 0 || row_bads == static_cast<std::int64_t>(rows.size())) {
      // Not enough outcomes to fit: fall back to the portfolio odds with no features.
      f.fit.intercept = math::log(double(goods) / double(bads));
      f.fit.converged = true;
      fitted.push_back(std::move(f));
      continue;
    }
    for (;;) {
      std::vector<std::vector<double>> x(feats.size(), std::vector<double>(rows.size()));
      for (std::size_t k = 0; k < feats.size(); ++k) {
        const std::vector<std::uint8_t>& b = selected_bins[feats[k]];
        const std::vector<double>& w = selected_woe[feats[k]];
        for (std::size_t i = 0; i < rows.size(); ++i) x[k][i] = w[b[rows[i]]];
      }
      std::vector<double> start;
      if (have_full) {
        start.push_back(full_intercept);
        for (std::size_t s : feats) start.push_back(full_coef[s]);
      }
      f.fit = fit_logistic(x, good, o.logistic, start);
      // Sign check (DOMAIN.md §3.2): drop the most negative coefficient and refit.
      std::size_t worst = feats.size();
      double worst_v = 0;
      for (std::size_t k = 0; k < feats.size(); ++k)
        if (f.fit.coef[k] < worst_v) {
          worst_v = f.fit.coef[k];
          worst = k;
        }
      if (worst == feats.size()) break;
      if (consent == all_behaviour) result.candidates[selected[feats[worst]]].status = "negative coefficient";
      feats.erase(feats.begin() + static_cast<std::ptrdiff_t>(worst));
      if (feats.empty()) {
        f.fit = LogisticFit{};
        f.fit.intercept = math::log(double(rows.size() - static_cast<std::size_t>(row_bads)) / double(row_bads));
        f.fit.converged = true;
        break;
      }
    }
    // Recalibrate the intercept on the people this sub-model will score.
    if (o.recalibrate_min_rows > 0 && !feats.empty()) {
      std::vector<double> offset;
      std::vector<std::uint8_t> g2;
      std::int64_t b2 = 0;
      std::size_t exact = 0;
      for (std::uint32_t r : train) exact += (ConsentMask::from_bits(data.consent[r]) & all_behaviour) == consent;
      // Nothing to recalibrate when the people it scores are the rows it was fitted on.
      for (std::uint32_t r : exact == rows.size() ? std::span<const std::uint32_t>() : std::span<const std::uint32_t>(train)) {
        if ((ConsentMask::from_bits(data.consent[r]) & all_behaviour) != consent) continue;
        double eta = 0;
        for (std::size_t k = 0; k < feats.size(); ++k)
          eta += f.fit.coef[k] * selected_woe[feats[k]][selected_bins[feats[k]][r]];
        offset.push_back(eta);
        g2.push_back(data.bad[r] ? 0 : 1);
        b2 += data.bad[r];
      }
      if (offset.size() < rows.size() && static_cast<std::int64_t>(offset.size()) >= o.recalibrate_min_rows && b2 >= 20 &&
          b2 < static_cast<std::int64_t>(offset.size()))
        f.fit.intercept = refit_intercept(offset, g2, f.fit.intercept);
    }
    if (!have_full) {
      have_full = true;
      full_intercept = f.fit.intercept;
      full_coef.assign(selected.size(), 0.0);
      for (std::size_t k = 0; k < feats.size(); ++k) full_coef[feats[k]] = f.fit.coef[k];
    }
    f.features = std::move(feats);
    fitted.push_back(std::move(f));
  }
  // Card features: selected features used by at least one sub-model, in selection (IV) order.
  std::vector<int> card_index(selected.size(), -1);
  Scorecard& card = result.card;
  card.name = o.name;
  card.target = data.target;
  card.bad_values = data.bad_values;
  card.scaling = o.scaling;
  card.bands = o.bands;
  FINLAB_REQUIRE(card.bands.names.size() == card.bands.lower.size() + 1,
                 "score bands: " << card.bands.names.size() << " names for " << card.bands.lower.size() + 1 << " bands");
  for (std::size_t s = 0; s < selected.size(); ++s) {
    bool used = false;
    for (const auto& f : fitted)
      used = used || std::find(f.features.begin(), f.features.end(), s) != f.features.end();
    if (!used) {
      if (result.candidates[selected[s]].status == "selected") result.candidates[selected[s]].status = "negative coefficient";
      continue;
    }
    card_index[s] = static_cast<int>(card.features.size());
    card.features.push_back(result.candidates[selected[s]].binning);
  }
  for (auto& fr : result.candidates) fr.selected = fr.status == "selected";
  // Sub-models in ascending mask order (stable and easy to read).
  std::stable_sort(fitted.begin(), fitted.end(), [](const Fitted& a, const Fitted& b) { return a.consent.bits() < b.consent.bits(); });
  for (const auto& f : fitted) {
    std::vector<int> idx;
    for (std::size_t s : f.features) idx.push_back(card_index[s]);
    SubModel sm = make_submodel(card.features, o.scaling, f.consent, std::move(idx), f.fit.intercept, f.fit.coef);
    sm.train_rows = f.rows;
    sm.iterations = f.fit.iterations;
    sm.converged = f.fit.converged;
    card.submodels.push_back(std::move(sm));
  }

  // ------------------------------------------------------------------- [psi]
  const std::size_t F = card.features.size();
  std::vector<std::vector<std::uint8_t>> bins(F, std::vector<std::uint8_t>(train.size()));
  std::vector<std::uint8_t> consent(train.size());
  for (std::size_t i = 0; i < train.size(); ++i) consent[i] = data.consent[train[i]];
  for (std::size_t s = 0; s < selected.size(); ++s) {
    if (card_index[s] < 0) continue;
    const std::vector<std::uint8_t>& b = selected_bins[s];
    auto& out = bins[static_cast<std::size_t>(card_index[s])];
    for (std::size_t i = 0; i < train.size(); ++i) out[i] = b[train[i]];
  }
  std::vector<std::int32_t> scores(train.size());
  score_binned(card, bins, consent, scores);
  card.train_band_counts.assign(card.bands.count(), 0);
  for (std::int32_t s : scores) ++card.train_band_counts[static_cast<std::size_t>(card.bands.band_of(s))];
  return result;
}

}  // namespace finlab::credit
