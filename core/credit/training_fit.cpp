// The model steps of train_scorecard: stepwise selection, the logistic
// regression per consent sub-model (sign check, p-value rule, intercept
// recalibration), the card (points, training distribution) and its statistics.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/credit/fast_math.hpp"
#include "core/credit/training_steps.hpp"
#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::credit::training {

namespace {

// Intercept-only Newton on rows with fixed offsets (the slope part of η).
double refit_intercept(std::span<const double> offset, std::span<const std::uint8_t> good, std::span<const double> weight,
                       double start) {
  double b0 = start;
  for (int it = 0; it < 50; ++it) {
    double g = 0, h = 0;
    for (std::size_t i = 0; i < offset.size(); ++i) {
      const double p = detail::fast_logistic(b0 + offset[i]);
      const double w = weight.empty() ? 1.0 : weight[i];
      g += w * ((good[i] ? 1.0 : 0.0) - p);
      h += w * (p * (1.0 - p));
    }
    if (!(h > 0)) break;
    const double step = g / h;
    b0 += step;
    if (std::fabs(step) < 1e-10) break;
  }
  return b0;
}

ConsentMask categories_of(const Dataset& data, const Design& d) {
  ConsentMask m = ConsentMask::application_only();
  for (std::size_t c : d.cand) m = m.with(data.columns[c].category);
  return m;
}

// Rows of the full model (consented to every category of the design), as
// positions in the training rows (TrainRows::train, Design::train), their
// good flag and sample weight (empty when unweighted).
struct FullRows {
  std::vector<std::uint32_t> rows;
  std::vector<std::uint8_t> good;
  std::vector<double> weight;
  std::int64_t bads = 0;
  double good_weight = 0, bad_weight = 0;  // = goods, bads unweighted
  // Both classes present with positive weight: a regression can be fitted.
  bool fittable() const { return bad_weight > 0 && good_weight > 0; }
};
FullRows full_rows(const Dataset& data, const TrainRows& t, ConsentMask need) {
  FullRows f;
  for (std::size_t i = 0; i < t.train.size(); ++i)
    if (const std::uint32_t r = t.train[i]; ConsentMask::from_bits(data.consent[r]).contains(need)) {
      f.rows.push_back(static_cast<std::uint32_t>(i));
      f.good.push_back(data.bad[r] ? 0 : 1);
      f.bads += data.bad[r];
      (data.bad[r] ? f.bad_weight : f.good_weight) += data.weight_of(r);
      if (data.weighted()) f.weight.push_back(data.weight[r]);
    }
  return f;
}

// The WoE design of `feats` on the rows of f, kept as bins (no n x p
// matrix: the fit gathers each block of rows; same values, same bits).
BinnedDesign design_of(const Design& d, std::span<const std::size_t> feats, const FullRows& f) {
  BinnedDesign x;
  for (std::size_t k : feats) {
    x.bins.push_back(d.bins[k].data());
    x.woe.push_back(d.woe[k].data());
  }
  // Every training row (positions 0..n-1 in order): no index needed.
  if (f.rows.size() != d.train.size()) x.rows = f.rows;
  return x;
}

LogisticFit fit_features(const Design& d, std::span<const std::size_t> feats, const FullRows& f,
                         const LogisticOptions& lo) {
  return fit_logistic(design_of(d, feats, f), f.good, lo, {}, f.weight);
}

double criterion_of(const LogisticFit& fit, std::size_t k, double n, StepwiseCriterion c) {
  return c == StepwiseCriterion::bic ? bic(fit.log_likelihood, k + 1, n) : aic(fit.log_likelihood, k + 1);
}

double p_value_of(const LogisticFit& fit, std::size_t j) {
  const std::size_t q = fit.coef.size() + 1;
  if (fit.covariance.size() != q * q) return std::nan("");
  const double var = fit.covariance[(j + 1) * q + (j + 1)];
  return var > 0 ? two_sided_p(fit.coef[j] / math::sqrt(var)) : std::nan("");
}

std::string crit_name(StepwiseCriterion c) { return c == StepwiseCriterion::bic ? "BIC" : "AIC"; }

}  // namespace

void select_stepwise(const Dataset& data, const TrainRows& t, const TrainOptions& o, TrainResult& result, Design& design) {
  const StepwiseOptions& sw = o.stepwise;
  if (sw.direction == StepwiseDirection::none || design.cand.empty()) return;
  const FullRows f = full_rows(data, t, categories_of(data, design));
  if (!f.fittable()) return;
  const double n = f.good_weight + f.bad_weight;  // BIC's n: the weighted count (statsmodels freq_weights)
  const bool by_p = sw.criterion == StepwiseCriterion::p_value;
  const std::size_t m = design.cand.size();
  std::vector<bool> in(m, sw.direction == StepwiseDirection::backward);
  std::vector<bool> banned(m, false);          // removed in "both": may not re-enter
  std::vector<double> stat(m, std::nan(""));   // the last statistic that kept a feature out
  auto current = [&] {
    std::vector<std::size_t> c;
    for (std::size_t k = 0; k < m; ++k)
      if (in[k]) c.push_back(k);
    return c;
  };
  // One backward step: removes a feature and returns true when the rule says so.
  auto backward_step = [&]() -> bool {
    const std::vector<std::size_t> cur = current();
    if (cur.empty()) return false;
    const LogisticFit base = fit_features(design, cur, f, o.logistic);
    if (by_p) {
      std::size_t worst = cur.size();
      double worst_p = -1;
      for (std::size_t j = 0; j < cur.size(); ++j) {
        const double p = p_value_of(base, j);
        if (p > worst_p) worst_p = p, worst = j;
      }
      if (worst == cur.size() || !(worst_p > sw.p_remove)) return false;
      in[cur[worst]] = false;
      banned[cur[worst]] = true;
      stat[cur[worst]] = worst_p;
      return true;
    }
    const double base_c = criterion_of(base, cur.size(), n, sw.criterion);
    std::size_t best = cur.size();
    double best_delta = 0;
    for (std::size_t j = 0; j < cur.size(); ++j) {
      std::vector<std::size_t> less = cur;
      less.erase(less.begin() + static_cast<std::ptrdiff_t>(j));
      const double delta = criterion_of(fit_features(design, less, f, o.logistic), less.size(), n, sw.criterion) - base_c;
      if (delta < best_delta) best_delta = delta, best = j;
    }
    if (best == cur.size()) return false;
    in[cur[best]] = false;
    banned[cur[best]] = true;
    stat[cur[best]] = best_delta;
    return true;
  };
  if (sw.direction == StepwiseDirection::backward) {
    while (backward_step()) {
    }
  } else {
    for (;;) {
      const std::vector<std::size_t> cur = current();
      const double base_c = by_p ? 0 : criterion_of(fit_features(design, cur, f, o.logistic), cur.size(), n, sw.criterion);
      std::size_t best = m;
      double best_v = std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < m; ++k) {
        if (in[k] || banned[k]) continue;
        std::vector<std::size_t> more = cur;
        more.insert(std::upper_bound(more.begin(), more.end(), k), k);
        const LogisticFit fit = fit_features(design, more, f, o.logistic);
        const std::size_t pos = static_cast<std::size_t>(std::find(more.begin(), more.end(), k) - more.begin());
        const double v = by_p ? p_value_of(fit, pos) : criterion_of(fit, more.size(), n, sw.criterion) - base_c;
        stat[k] = v;
        if (v < best_v) best_v = v, best = k;
      }
      const bool accept = best < m && (by_p ? best_v < sw.p_enter : best_v < 0);
      if (!accept) break;
      in[best] = true;
      if (sw.direction == StepwiseDirection::both)
        while (backward_step()) {
        }
    }
  }
  for (std::size_t k = m; k-- > 0;) {
    if (in[k]) continue;
    FeatureReport& fr = result.candidates[design.cand[k]];
    const bool removed = banned[k] || sw.direction == StepwiseDirection::backward;
    std::string what;
    if (by_p)
      what = std::string(removed ? "removed" : "not entered") + " by stepwise (p=" + fmt(stat[k], 4) + (removed ? " > " : " >= ") +
             fmt(removed ? sw.p_remove : sw.p_enter, 4) + ")";
    else
      what = std::string(removed ? "removed" : "not entered") + " by stepwise (" + (removed ? "removing" : "adding") + " it changes " +
             crit_name(sw.criterion) + " by " + fmt(stat[k], 2) + ")";
    drop(fr, "stepwise", stat[k], by_p ? (removed ? sw.p_remove : sw.p_enter) : 0.0, what);
    design.erase(k);
  }
}

std::vector<Fitted> fit_submodels(const Dataset& data, const TrainRows& t, const TrainOptions& o, TrainResult& result,
                                  const Design& design) {
  const std::vector<std::size_t>& selected = design.cand;
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
  const ConsentMask all_behaviour = categories_of(data, design);
  std::vector<Fitted> fitted;
  std::vector<double> full_coef;  // warm start for the smaller sub-models: coef per selected feature
  double full_intercept = 0;
  bool have_full = false;
  std::vector<bool> dropped_by_p(selected.size(), false);  // the p-value rule applies to every sub-model
  // Largest subset first (the full model), so the others can start from it.
  for (int mask_i = (1 << nb) - 1; mask_i >= 0; --mask_i) {
    ConsentMask consent = ConsentMask::application_only();
    for (int k = 0; k < nb; ++k)
      if (mask_i & (1 << k)) consent = consent.with(behaviour[static_cast<std::size_t>(k)]);
    const bool is_full = consent == all_behaviour;
    std::vector<std::size_t> feats;
    for (std::size_t s = 0; s < selected.size(); ++s)
      if (consent.has(data.columns[selected[s]].category) && !dropped_by_p[s]) feats.push_back(s);
    const FullRows fr = full_rows(data, t, consent);
    Fitted f;
    f.consent = consent;
    f.rows = static_cast<std::int64_t>(fr.rows.size());
    if (fr.rows.empty() || !fr.fittable()) {
      // Not enough outcomes to fit: fall back to the portfolio odds with no features.
      f.fit.intercept = math::log(t.good_weight / t.bad_weight);
      f.fit.converged = true;
      fitted.push_back(std::move(f));
      continue;
    }
    // The design once per sub-model; a dropped feature's column is erased (no rebuild per refit).
    BinnedDesign x = design_of(design, feats, fr);
    for (;;) {
      std::vector<double> start;
      if (have_full) {
        start.push_back(full_intercept);
        for (std::size_t s : feats) start.push_back(full_coef[s]);
      }
      f.fit = fit_logistic(x, fr.good, o.logistic, start, fr.weight);
      // Sign check (DOMAIN.md §3.2): drop the most negative coefficient and refit.
      std::size_t worst = feats.size();
      double worst_v = 0;
      for (std::size_t k = 0; k < feats.size(); ++k)
        if (f.fit.coef[k] < worst_v) worst_v = f.fit.coef[k], worst = k;
      std::string rule;
      double statistic = 0, threshold = 0;
      std::string status;
      if (worst < feats.size()) {
        const double p = p_value_of(f.fit, worst);
        const std::size_t q = feats.size() + 1;
        const double se = f.fit.covariance.size() == q * q ? math::sqrt(f.fit.covariance[(worst + 1) * q + worst + 1]) : std::nan("");
        rule = "sign";
        statistic = worst_v;
        status = "negative coefficient (β=" + fmt(worst_v, 4) + ", z=" + fmt(worst_v / se, 2) + ", p=" + fmt(p, 4) + ")";
      } else if (is_full && o.max_p_value > 0) {
        double worst_p = -1;
        for (std::size_t k = 0; k < feats.size(); ++k) {
          const double p = p_value_of(f.fit, k);
          if (p > worst_p) worst_p = p, worst = k;
        }
        if (worst < feats.size() && worst_p > o.max_p_value) {
          rule = "max_p_value";
          statistic = worst_p;
          threshold = o.max_p_value;
          status = "p-value " + fmt(worst_p, 4) + " > " + fmt(o.max_p_value, 4);
          dropped_by_p[feats[worst]] = true;
        } else {
          worst = feats.size();
        }
      }
      if (worst == feats.size()) break;
      if (is_full) drop(result.candidates[selected[feats[worst]]], rule, statistic, threshold, status);
      feats.erase(feats.begin() + static_cast<std::ptrdiff_t>(worst));
      x.bins.erase(x.bins.begin() + static_cast<std::ptrdiff_t>(worst));
      x.woe.erase(x.woe.begin() + static_cast<std::ptrdiff_t>(worst));
      if (feats.empty()) {
        f.fit = LogisticFit{};
        f.fit.intercept = math::log(fr.good_weight / fr.bad_weight);
        f.fit.converged = true;
        break;
      }
    }
    // Recalibrate the intercept on the people this sub-model will score.
    if (o.recalibrate_min_rows > 0 && !feats.empty()) {
      std::vector<double> offset, w2;
      std::vector<std::uint8_t> g2;
      std::int64_t b2 = 0;
      double bw2 = 0, gw2 = 0;
      std::size_t exact = 0;
      for (std::uint32_t r : t.train) exact += (ConsentMask::from_bits(data.consent[r]) & all_behaviour) == consent;
      // Nothing to recalibrate when the people it scores are the rows it was fitted on.
      const std::size_t scan = exact == fr.rows.size() ? 0 : t.train.size();
      for (std::size_t i = 0; i < scan; ++i) {
        const std::uint32_t r = t.train[i];
        if ((ConsentMask::from_bits(data.consent[r]) & all_behaviour) != consent) continue;
        double eta = 0;
        for (std::size_t k = 0; k < feats.size(); ++k) eta += f.fit.coef[k] * design.woe[feats[k]][design.bins[feats[k]][i]];
        offset.push_back(eta);
        g2.push_back(data.bad[r] ? 0 : 1);
        b2 += data.bad[r];
        (data.bad[r] ? bw2 : gw2) += data.weight_of(r);
        if (data.weighted()) w2.push_back(data.weight[r]);
      }
      if (offset.size() < fr.rows.size() && static_cast<std::int64_t>(offset.size()) >= o.recalibrate_min_rows && b2 >= 20 &&
          b2 < static_cast<std::int64_t>(offset.size()) && bw2 > 0 && gw2 > 0)
        f.fit.intercept = refit_intercept(offset, g2, w2, f.fit.intercept);
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
  return fitted;
}

namespace {

ModelStatistics model_statistics(const Dataset& data, const TrainRows& t, const TrainOptions& o, const Design& design,
                                 const Fitted& full) {
  ModelStatistics st;
  st.consent = full.consent.to_string();
  st.rows = full.rows;
  st.weight_total = full.fit.weight_total > 0 ? full.fit.weight_total : double(full.rows);
  st.l2 = o.logistic.l2;
  st.log_likelihood = full.fit.log_likelihood;
  const std::size_t k = full.features.size();
  st.aic = aic(st.log_likelihood, k + 1);
  st.bic = st.weight_total > 0 ? bic(st.log_likelihood, k + 1, st.weight_total) : 0;
  for (std::size_t s : full.features) st.features.push_back(data.columns[design.cand[s]].name);
  if (full.fit.coef.size() == k) st.coefficients = coefficient_stats(full.fit, st.features);
  const std::vector<std::uint32_t> sample = correlation_sample(t.train);
  std::vector<std::uint32_t> used;
  const auto x = woe_columns(data, design, full.features, sample, &used);
  st.correlation_rows = static_cast<std::int64_t>(used.size());
  if (k > 0 && used.size() >= 2) {
    st.correlation = correlation_matrix(x, weights_of(data, used));
    st.vif = vif_from_correlation(st.correlation, k);
  }
  return st;
}

}  // namespace

void build_card(const Dataset& data, const TrainRows& t, const TrainOptions& o, Design& design,
                std::vector<Fitted>& fitted, TrainResult& result) {
  const std::vector<std::size_t>& selected = design.cand;
  // fitted[0] is the full model (largest subset first).
  result.statistics = model_statistics(data, t, o, design, fitted.front());
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
    for (const auto& f : fitted) used = used || std::find(f.features.begin(), f.features.end(), s) != f.features.end();
    if (!used) {
      FeatureReport& fr = result.candidates[selected[s]];
      if (fr.status == "selected") drop(fr, "sign", std::nan(""), 0.0, "negative coefficient in every sub-model");
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
  // Training score distribution (for PSI).
  const std::size_t F = card.features.size();
  std::vector<std::vector<std::uint8_t>> bins(F);
  std::vector<std::uint8_t> consent(t.train.size());
  for (std::size_t i = 0; i < t.train.size(); ++i) consent[i] = data.consent[t.train[i]];
  for (std::size_t s = 0; s < selected.size(); ++s)  // the design's bins are per training row already
    if (card_index[s] >= 0) bins[static_cast<std::size_t>(card_index[s])] = std::move(design.bins[s]);
  std::vector<std::int32_t> scores(t.train.size());
  score_binned(card, bins, consent, scores);
  card.train_band_counts.assign(card.bands.count(), 0);
  for (std::int32_t s : scores) ++card.train_band_counts[static_cast<std::size_t>(card.bands.band_of(s))];
  if (data.weighted()) {
    card.train_band_weights.assign(card.bands.count(), 0.0);
    for (std::size_t i = 0; i < scores.size(); ++i)
      card.train_band_weights[static_cast<std::size_t>(card.bands.band_of(scores[i]))] += data.weight[t.train[i]];
  }
}

}  // namespace finlab::credit::training
