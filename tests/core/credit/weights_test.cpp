// Known-answer tests of sample weights through core/credit: the weight
// column of a CSV (and its errors), binning/WoE/IV, the logistic regression,
// training end to end, and the weighted metrics. The reference for integer
// weights is the data with each row repeated w times: counts, WoE and IV must
// be equal exactly, coefficients and standard errors to a tight tolerance.
// Hand-computed weighted AUC/KS on a small table.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/credit/binning.hpp"
#include "core/credit/logistic.hpp"
#include "core/credit/monitoring.hpp"
#include "core/credit/training.hpp"
#include "core/credit/validation.hpp"

using namespace finlab::credit;

namespace {

// A fixed LCG (the same on every platform).
struct Lcg {
  std::uint64_t s;
  double u01() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(s >> 11) * (1.0 / 9007199254740992.0);
  }
};

// The data set with row r repeated weight[r] times (integer weights), unweighted.
Dataset repeat_rows(const Dataset& d) {
  Dataset out;
  out.source = d.source;
  out.target = d.target;
  out.bad_values = d.bad_values;
  out.columns = d.columns;
  for (auto& c : out.columns) {
    c.numeric.clear();
    c.codes.clear();
  }
  for (std::size_t r = 0; r < d.rows(); ++r) {
    const auto times = static_cast<int>(d.weight[r]);
    REQUIRE(double(times) == d.weight[r]);
    for (int k = 0; k < times; ++k) {
      for (std::size_t c = 0; c < d.columns.size(); ++c) {
        if (d.columns[c].type == FeatureType::categorical) out.columns[c].codes.push_back(d.columns[c].codes[r]);
        else out.columns[c].numeric.push_back(d.columns[c].numeric[r]);
      }
      out.bad.push_back(d.bad[r]);
      out.consent.push_back(d.consent[r]);
      out.split.push_back(d.split[r]);
      out.line.push_back(d.line[r]);
    }
  }
  return out;
}

std::vector<std::uint32_t> all_rows(std::size_t n) {
  std::vector<std::uint32_t> r(n);
  for (std::uint32_t i = 0; i < n; ++i) r[i] = i;
  return r;
}

void check_same_bins(const FeatureBinning& w, const FeatureBinning& d) {
  REQUIRE(w.bins.size() == d.bins.size());
  CHECK(w.cuts == d.cuts);
  CHECK(w.level_bin == d.level_bin);
  CHECK(w.direction == d.direction);
  for (std::size_t b = 0; b < w.bins.size(); ++b) {
    INFO("bin " << b << " " << w.bins[b].label);
    CHECK(w.bins[b].label == d.bins[b].label);
    CHECK(w.bins[b].good_weight == double(d.bins[b].n_good));  // exact: sums of integers
    CHECK(w.bins[b].bad_weight == double(d.bins[b].n_bad));
    CHECK(w.bins[b].woe == d.bins[b].woe);
    CHECK(w.bins[b].iv == d.bins[b].iv);
  }
  CHECK(w.iv == d.iv);
}

}  // namespace

TEST_CASE("The weight column of a CSV is read, is not a feature, and bad weights are errors naming line and column",
          "[credit][weights][dataset]") {
  DatasetOptions o;
  o.target = "bad";
  o.bad_values = {"1"};
  o.weight_column = "w";
  SECTION("good weights") {
    auto t = parse_csv("x,w,bad\n1,2,0\n2,0.5,1\n3,0,0\n", "data.csv");
    REQUIRE(t.ok());
    auto d = dataset_from_csv(*t, o);
    REQUIRE(d.ok());
    CHECK(d->weighted());
    CHECK(d->weight == std::vector<double>{2, 0.5, 0});
    CHECK(d->weight_column == "w");
    REQUIRE(d->columns.size() == 1);  // x only: w is not a feature
    CHECK(d->columns[0].name == "x");
  }
  auto error_of = [&](const std::string& text) {
    auto t = parse_csv(text, "data.csv");
    REQUIRE(t.ok());
    auto d = dataset_from_csv(*t, o);
    REQUIRE_FALSE(d.ok());
    return d.error();
  };
  SECTION("negative") {
    const std::string e = error_of("x,w,bad\n1,1,0\n2,-1,1\n");
    CHECK_THAT(e, Catch::Matchers::Contains("data.csv:3") && Catch::Matchers::Contains("weight column 'w'") &&
                      Catch::Matchers::Contains("must not be negative"));
  }
  SECTION("NaN and empty cells") {
    CHECK_THAT(error_of("x,w,bad\n1,NaN,0\n2,1,1\n"), Catch::Matchers::Contains("data.csv:2") && Catch::Matchers::Contains("missing"));
    CHECK_THAT(error_of("x,w,bad\n1,1,0\n2,,1\n"), Catch::Matchers::Contains("data.csv:3") && Catch::Matchers::Contains("missing"));
  }
  SECTION("not a number") {
    CHECK_THAT(error_of("x,w,bad\n1,1,0\n2,heavy,1\n"),
               Catch::Matchers::Contains("data.csv:3") && Catch::Matchers::Contains("'heavy', expected a number >= 0"));
  }
  SECTION("zero total") {
    CHECK_THAT(error_of("x,w,bad\n1,0,0\n2,0,1\n"), Catch::Matchers::Contains("sum to zero"));
  }
  SECTION("absent column") {
    o.weight_column = "weight";
    CHECK_THAT(error_of("x,w,bad\n1,1,0\n"), Catch::Matchers::Contains("weight column 'weight' not found"));
  }
  SECTION("training rows without a weighted bad") {
    auto t = parse_csv("x,w,bad\n1,1,0\n2,0,1\n3,2,0\n", "data.csv");
    auto d = dataset_from_csv(*t, o);
    REQUIRE(d.ok());
    auto r = train_scorecard(*d);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Matchers::Contains("column 'w'") && Catch::Matchers::Contains("over the bads"));
  }
}

TEST_CASE("Integer weights bin exactly as the rows repeated: cuts, counts, WoE and IV", "[credit][weights][binning]") {
  Lcg g{7};
  Dataset d;
  DataColumn num, cat;
  num.name = "x";
  num.specials = {"-999"};
  cat.name = "c";
  cat.type = FeatureType::categorical;
  cat.levels = {"a", "b", "c", "d", "e"};
  const int n = 600;
  for (int i = 0; i < n; ++i) {
    const double u = g.u01();
    double x = std::floor(100 * u);
    if (g.u01() < 0.05) x = -999;
    if (g.u01() < 0.05) x = std::nan("");
    const auto code = static_cast<std::int32_t>(5 * g.u01()) - (g.u01() < 0.04 ? 6 : 0);  // some missing (< 0)
    num.numeric.push_back(x);
    cat.codes.push_back(code < 0 ? -1 : code);
    d.bad.push_back(g.u01() < 0.1 + 0.3 * u ? 1 : 0);
    d.weight.push_back(std::floor(4 * g.u01()));  // 0, 1, 2 or 3
    d.consent.push_back(ConsentMask::all().bits());
    d.split.push_back(Split::train);
    d.line.push_back(static_cast<std::size_t>(i + 2));
  }
  d.columns = {num, cat};
  const Dataset rep = repeat_rows(d);
  BinningOptions o;
  o.max_bins = 6;
  SECTION("numeric with a special value and missing values (zero weights included)") {
    for (RiskTrend t : {RiskTrend::automatic, RiskTrend::peak, RiskTrend::auto_shape}) {
      DataColumn a = d.columns[0], b = rep.columns[0];
      a.trend = b.trend = t;
      const FeatureBinning w = bin_feature(a, d.bad, all_rows(d.rows()), o, d.weight);
      const FeatureBinning u = bin_feature(b, rep.bad, all_rows(rep.rows()), o);
      CHECK(w.weighted);
      CHECK_FALSE(u.weighted);
      CHECK(w.value_bin_count() >= 2);
      check_same_bins(w, u);
    }
  }
  SECTION("categorical (weights 1..3: every level keeps a positive weight)") {
    Dataset d2 = d;
    for (double& w : d2.weight) w = w == 0 ? 1 : w;
    const Dataset rep2 = repeat_rows(d2);
    const FeatureBinning w = bin_feature(d2.columns[1], d2.bad, all_rows(d2.rows()), o, d2.weight);
    const FeatureBinning u = bin_feature(rep2.columns[1], rep2.bad, all_rows(rep2.rows()), o);
    check_same_bins(w, u);
  }
  SECTION("bin_weights sums the weights per bin") {
    const FeatureBinning w = bin_feature(d.columns[0], d.bad, all_rows(d.rows()), o, d.weight);
    const std::vector<double> per_bin = bin_weights(w, d.columns[0], all_rows(d.rows()), d.weight);
    for (std::size_t b = 0; b < w.bins.size(); ++b) CHECK(per_bin[b] == w.bins[b].good_weight + w.bins[b].bad_weight);
  }
}

TEST_CASE("Weighted logistic regression equals the fit on repeated rows", "[credit][weights][logistic]") {
  Lcg g{11};
  std::vector<std::vector<double>> x(2), xr(2);
  std::vector<std::uint8_t> good, good_r;
  std::vector<double> w;
  for (int i = 0; i < 500; ++i) {
    const double a = g.u01() - 0.5, b = std::floor(3 * g.u01());
    const bool gd = g.u01() < 1.0 / (1.0 + std::exp(-(1.0 + 2.0 * a - 0.5 * b)));
    const double wi = 1 + std::floor(3 * g.u01());
    x[0].push_back(a), x[1].push_back(b), good.push_back(gd ? 1 : 0), w.push_back(wi);
    for (int k = 0; k < int(wi); ++k) xr[0].push_back(a), xr[1].push_back(b), good_r.push_back(gd ? 1 : 0);
  }
  for (double l2 : {0.0, 1.0}) {
    LogisticOptions o;
    o.l2 = l2;
    o.tolerance = 1e-12;
    const LogisticFit fw = fit_logistic(x, good, o, {}, w);
    const LogisticFit fr = fit_logistic(xr, good_r, o);
    REQUIRE(fw.converged);
    REQUIRE(fr.converged);
    CHECK(fw.weight_total == double(xr[0].size()));
    CHECK(fw.rows == 500);
    CHECK(fw.intercept == Approx(fr.intercept).epsilon(1e-10));
    for (std::size_t j = 0; j < 2; ++j) CHECK(fw.coef[j] == Approx(fr.coef[j]).epsilon(1e-10));
    CHECK(fw.log_likelihood == Approx(fr.log_likelihood).epsilon(1e-12));
    REQUIRE(fw.covariance.size() == 9);
    for (std::size_t k = 0; k < 9; ++k) CHECK(fw.covariance[k] == Approx(fr.covariance[k]).epsilon(1e-9));
  }
  // Bad weights are broken preconditions.
  std::vector<double> bad_w = w;
  bad_w[3] = -1;
  CHECK_THROWS(fit_logistic(x, good, {}, {}, bad_w));
  bad_w[3] = std::nan("");
  CHECK_THROWS(fit_logistic(x, good, {}, {}, bad_w));
  CHECK_THROWS(fit_logistic(x, good, {}, {}, std::vector<double>(3, 1.0)));
}

TEST_CASE("Weighted AUC and KS by hand on a small table", "[credit][weights][validation]") {
  // score: 1 bad w2 | 2 good w1 | 3 bad w1 | 3 good w2 | 4 good w3.
  // G = 6, B = 3. Concordant weight (good above bad, ties half):
  //   good@2: 1·2 = 2; good@3: 2·(2 + 0.5·1) = 5; good@4: 3·(2 + 1) = 9 → 16.
  // AUC = 16 / (6·3) = 0.888889. KS over the cumulative shares:
  //   ≤1: bads 2/3, goods 0 → .6667; ≤2: 2/3, 1/6 → .5; ≤3: 1, 3/6 → .5; ≤4: 1, 1 → 0. KS = 2/3.
  const std::vector<std::int32_t> s{1, 2, 3, 3, 4};
  const std::vector<std::uint8_t> bad{1, 0, 1, 0, 0};
  std::vector<double> w{2, 1, 1, 2, 3};
  CHECK(auc(s, bad, w) == Approx(16.0 / 18.0).epsilon(1e-12));
  CHECK(ks(s, bad, w) == Approx(2.0 / 3.0).epsilon(1e-12));
  const std::vector<double> sd(s.begin(), s.end());
  CHECK(auc(sd, bad, w) == Approx(16.0 / 18.0).epsilon(1e-12));
  CHECK(ks(sd, bad, w) == Approx(2.0 / 3.0).epsilon(1e-12));
  // A fractional weight: good@3 weighs 0.5. G = 4.5; concordant 2 + 0.5·2.5 + 9 = 12.25;
  // AUC = 12.25 / 13.5 = 0.907407; KS: ≤1 .6667, ≤2 2/3 − 1/4.5 = .4444, ≤3 1 − 1.5/4.5 = .6667 → 2/3.
  w[3] = 0.5;
  CHECK(auc(s, bad, w) == Approx(12.25 / 13.5).epsilon(1e-12));
  CHECK(ks(s, bad, w) == Approx(2.0 / 3.0).epsilon(1e-12));
  // Unit weights give the unweighted figures.
  const std::vector<double> ones(5, 1.0);
  CHECK(auc(s, bad, ones) == auc(s, bad));
  CHECK(ks(s, bad, ones) == ks(s, bad));
}

TEST_CASE("Training with integer weights equals training on the rows repeated", "[credit][weights][training]") {
  const Population pop = generate_population({}, 2015, 0, 6000);
  Dataset d = dataset_from_population(pop);
  Lcg g{3};
  d.weight.resize(d.rows());
  for (double& w : d.weight) w = 1 + std::floor(3 * g.u01());
  d.weight_column = "w";
  const Dataset rep = repeat_rows(d);
  TrainOptions o;
  o.recalibrate_min_rows = 0;  // the rule counts rows, not weights
  o.logistic.tolerance = 1e-12;
  auto tw = train_scorecard(d, o);
  auto tr = train_scorecard(rep, o);
  REQUIRE(tw.ok());
  REQUIRE(tr.ok());
  REQUIRE(tw->candidates.size() == tr->candidates.size());
  for (std::size_t c = 0; c < tw->candidates.size(); ++c) {
    INFO(tw->candidates[c].name);
    CHECK(tw->candidates[c].iv == tr->candidates[c].iv);
    CHECK(tw->candidates[c].rule == tr->candidates[c].rule);
    CHECK(tw->candidates[c].selected == tr->candidates[c].selected);
  }
  const ModelStatistics& a = tw->statistics;
  const ModelStatistics& b = tr->statistics;
  REQUIRE(a.coefficients.size() == b.coefficients.size());
  REQUIRE(a.coefficients.size() >= 3);
  CHECK(a.weight_total == double(b.rows));
  for (std::size_t k = 0; k < a.coefficients.size(); ++k) {
    INFO(a.coefficients[k].name);
    CHECK(a.coefficients[k].estimate == Approx(b.coefficients[k].estimate).epsilon(1e-8));
    CHECK(a.coefficients[k].std_error == Approx(b.coefficients[k].std_error).epsilon(1e-8));
    CHECK(a.coefficients[k].p_value == Approx(b.coefficients[k].p_value).epsilon(1e-6).margin(1e-14));
  }
  CHECK(a.log_likelihood == Approx(b.log_likelihood).epsilon(1e-10));
  CHECK(a.bic == Approx(b.bic).epsilon(1e-10));
  for (std::size_t k = 0; k < a.vif.size(); ++k) CHECK(a.vif[k] == Approx(b.vif[k]).epsilon(1e-9));
  // The card: the same points; its weighted band distribution = the repeated rows' counts.
  const Scorecard& cw = tw->card;
  const Scorecard& cr = tr->card;
  REQUIRE(cw.submodels.size() == cr.submodels.size());
  for (std::size_t s = 0; s < cw.submodels.size(); ++s) CHECK(cw.submodels[s].points == cr.submodels[s].points);
  REQUIRE(cw.train_band_weights.size() == cr.train_band_counts.size());
  for (std::size_t b2 = 0; b2 < cr.train_band_counts.size(); ++b2) CHECK(cw.train_band_weights[b2] == double(cr.train_band_counts[b2]));

  SECTION("every metric on the test rows, and monitoring") {
    auto rows_of = [](const Dataset& data) {
      std::vector<std::uint32_t> r;
      for (std::uint32_t i = 0; i < data.rows(); ++i)
        if (data.split[i] == Split::test) r.push_back(i);
      return r;
    };
    auto sw = score_dataset(cw, d, rows_of(d));
    auto sr = score_dataset(cw, rep, rows_of(rep));
    REQUIRE(sw.ok());
    REQUIRE(sr.ok());
    REQUIRE(sw->weight.size() == sw->score.size());
    const ValidationReport vw = validate(cw, sw->score, sw->pd, sw->bad, sw->bins, sw->consent, sw->weight);
    const ValidationReport vr = validate(cw, sr->score, sr->pd, sr->bad, sr->bins, sr->consent);
    CHECK(vw.weighted);
    CHECK(vw.weight == double(vr.n));
    CHECK(vw.bad_weight == double(vr.bads));
    CHECK(vw.bad_rate == Approx(vr.bad_rate).epsilon(1e-14));
    CHECK(vw.auc == Approx(vr.auc).epsilon(1e-14));
    CHECK(vw.ks == Approx(vr.ks).epsilon(1e-14));
    CHECK(vw.score_psi == Approx(vr.score_psi).epsilon(1e-12));
    REQUIRE(vw.calibration.size() == vr.calibration.size());
    for (std::size_t b2 = 0; b2 < vw.calibration.size(); ++b2) {
      CHECK(vw.calibration[b2].weight == double(vr.calibration[b2].n));
      CHECK(vw.calibration[b2].observed_bad_rate == Approx(vr.calibration[b2].observed_bad_rate).epsilon(1e-14));
      CHECK(vw.calibration[b2].predicted_pd == Approx(vr.calibration[b2].predicted_pd).epsilon(1e-12));
    }
    REQUIRE(vw.feature_psi.size() == vr.feature_psi.size());
    for (std::size_t f = 0; f < vw.feature_psi.size(); ++f) CHECK(vw.feature_psi[f].psi == Approx(vr.feature_psi[f].psi).epsilon(1e-12).margin(1e-15));
    const MonitorReport mw = monitor_scores(cw, *sw, {}, true, 0.3);
    const MonitorReport mr = monitor_scores(cw, *sr, {}, true, 0.3);
    REQUIRE(mw.periods.size() == 1);
    CHECK(mw.periods[0].weight == double(mr.periods[0].n));
    CHECK(mw.periods[0].score_psi == Approx(mr.periods[0].score_psi).epsilon(1e-12));
    for (std::size_t f = 0; f < mw.periods[0].features.size(); ++f)
      CHECK(mw.periods[0].features[f].csi == Approx(mr.periods[0].features[f].csi).epsilon(1e-12).margin(1e-15));
  }
}

TEST_CASE("Weighted deciles and band table: unit weights change nothing", "[credit][weights][validation]") {
  Scorecard card;
  card.bands = ScoreBands{};
  std::vector<std::int32_t> s;
  std::vector<double> pd;
  std::vector<std::uint8_t> bad;
  for (int i = 0; i < 37; ++i) {
    s.push_back(500 + 7 * (i % 13) + i);
    pd.push_back(0.01 * (i % 9));
    bad.push_back(i % 5 == 0 ? 1 : 0);
  }
  const ValidationReport a = validate(card, s, pd, bad);
  const ValidationReport b = validate(card, s, pd, bad, {}, {}, std::vector<double>(s.size(), 1.0));
  REQUIRE(a.deciles.size() == b.deciles.size());
  for (std::size_t d = 0; d < a.deciles.size(); ++d) {
    CHECK(a.deciles[d].n == b.deciles[d].n);
    CHECK(a.deciles[d].min_score == b.deciles[d].min_score);
    CHECK(a.deciles[d].bad_rate == b.deciles[d].bad_rate);
  }
  // Weight 3 on the first (lowest-score) row: it fills 3 of the 40 weight units.
  std::vector<double> w(s.size(), 1.0);
  std::size_t lowest = 0;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] < s[lowest]) lowest = i;
  w[lowest] = 4;  // W = 40: decile bounds at 4, 8, ...: the lowest row alone is decile 1
  const ValidationReport c = validate(card, s, pd, bad, {}, {}, w);
  CHECK(c.deciles[0].n == 1);
  CHECK(c.deciles[0].weight == 4);
  CHECK(c.weight == 40);
}
