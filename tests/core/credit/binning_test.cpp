#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/credit/binning.hpp"
#include "core/credit/scorecard.hpp"
#include "core/random/stream.hpp"

using namespace finlab::credit;
using finlab::random::Stream;

namespace {

struct Data {
  DataColumn col;
  std::vector<std::uint8_t> bad;
  std::vector<std::uint32_t> rows;
};

// x ~ U(0, 100) with a bad probability given by pd(x); 5% missing with 20% bad rate.
template <class F>
Data make(std::uint64_t seed, std::size_t n, F pd) {
  Data d;
  d.col.name = "x";
  Stream s(seed, 0, 0, 1000u);
  for (std::size_t i = 0; i < n; ++i) {
    const bool missing = s.uniform01() < 0.05;
    const double x = std::floor(s.uniform01() * 1000) / 10;
    d.col.numeric.push_back(missing ? std::nan("") : x);
    d.bad.push_back(s.uniform01() < (missing ? 0.2 : pd(x)) ? 1 : 0);
    d.rows.push_back(static_cast<std::uint32_t>(i));
  }
  return d;
}

void check_monotonic(const FeatureBinning& fb) {
  for (int b = 1; b < fb.value_bin_count(); ++b) {
    const double prev = fb.bins[b - 1].bad_rate(), cur = fb.bins[b].bad_rate();
    if (fb.direction == RiskTrend::ascending) CHECK(prev < cur);
    else if (fb.direction == RiskTrend::descending) CHECK(prev > cur);
  }
}

}  // namespace

TEST_CASE("Numeric binning is monotonic in bad rate - respects the minimum bin share and the bin cap", "[credit][binning]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    // Noisy, non-linear but increasing risk.
    auto d = make(seed, 20000, [](double x) { return 0.02 + 0.1 * (x / 100) * (x / 100) + 0.02 * std::sin(x / 3); });
    BinningOptions o;
    const FeatureBinning fb = bin_feature(d.col, d.bad, d.rows, o);
    INFO("seed " << seed);
    CHECK(fb.direction == RiskTrend::ascending);
    CHECK(fb.value_bin_count() >= 2);
    CHECK(fb.value_bin_count() <= o.max_bins);
    check_monotonic(fb);
    std::int64_t non_missing = 0;
    for (int b = 0; b < fb.value_bin_count(); ++b) non_missing += fb.bins[b].n_good + fb.bins[b].n_bad;
    for (int b = 0; b < fb.value_bin_count(); ++b) {
      CHECK(fb.bins[b].n_good + fb.bins[b].n_bad >= std::ceil(0.05 * non_missing));
      CHECK(fb.bins[b].n_bad >= 1);
      CHECK(fb.bins[b].n_good >= 1);
    }
    // The missing bin holds exactly the missing rows.
    std::int64_t missing = 0;
    for (double x : d.col.numeric) missing += std::isnan(x) ? 1 : 0;
    CHECK(fb.bins.back().is_missing);
    CHECK(fb.bins.back().n_good + fb.bins.back().n_bad == missing);
  }
}

TEST_CASE("Binning finds a falling risk trend and obeys a configured trend", "[credit][binning]") {
  auto d = make(7, 20000, [](double x) { return 0.15 - 0.1 * x / 100; });
  FeatureBinning fb = bin_feature(d.col, d.bad, d.rows);
  CHECK(fb.direction == RiskTrend::descending);
  check_monotonic(fb);
  // Forcing the opposite trend on falling data leaves (at most) a weak binning.
  d.col.trend = RiskTrend::ascending;
  FeatureBinning forced = bin_feature(d.col, d.bad, d.rows);
  CHECK(forced.iv < fb.iv);
  if (forced.value_bin_count() > 1) CHECK(forced.direction == RiskTrend::ascending);
}

TEST_CASE("A U-shaped feature configured with trend none keeps its non-monotonic shape", "[credit][binning]") {
  auto d = make(3, 30000, [](double x) { return 0.02 + 0.2 * ((x - 50) / 50) * ((x - 50) / 50); });
  FeatureBinning mono = bin_feature(d.col, d.bad, d.rows);
  d.col.trend = RiskTrend::none;
  FeatureBinning free = bin_feature(d.col, d.bad, d.rows);
  CHECK(free.iv > mono.iv);
  bool falls = false, rises = false;
  for (int b = 1; b < free.value_bin_count(); ++b) {
    falls = falls || free.bins[b].bad_rate() < free.bins[b - 1].bad_rate();
    rises = rises || free.bins[b].bad_rate() > free.bins[b - 1].bad_rate();
  }
  CHECK(falls);
  CHECK(rises);
}

TEST_CASE("Binning is deterministic and does not depend on the row order", "[credit][binning]") {
  auto d = make(11, 10000, [](double x) { return 0.03 + 0.001 * x; });
  const FeatureBinning a = bin_feature(d.col, d.bad, d.rows);
  const FeatureBinning b = bin_feature(d.col, d.bad, d.rows);
  std::vector<std::uint32_t> reversed(d.rows.rbegin(), d.rows.rend());
  const FeatureBinning c = bin_feature(d.col, d.bad, reversed);
  CHECK(a.cuts == b.cuts);
  CHECK(a.cuts == c.cuts);
  CHECK(a.iv == c.iv);
  for (std::size_t k = 0; k < a.bins.size(); ++k) CHECK(a.bins[k].woe == c.bins[k].woe);
}

TEST_CASE("bin_of puts values into lo-inclusive hi-exclusive bins and NaN into the missing bin", "[credit][binning]") {
  auto d = make(5, 5000, [](double x) { return 0.02 + 0.002 * x; });
  const FeatureBinning fb = bin_feature(d.col, d.bad, d.rows);
  REQUIRE(fb.value_bin_count() >= 2);
  const double cut = fb.cuts[0];
  CHECK(fb.bin_of(cut) == 1);
  CHECK(fb.bin_of(std::nextafter(cut, -1e9)) == 0);
  CHECK(fb.bin_of(-1e300) == 0);
  CHECK(fb.bin_of(1e300) == fb.value_bin_count() - 1);
  CHECK(fb.bin_of(std::nan("")) == fb.missing_bin());
  // The bulk path agrees, for double and for float input.
  std::vector<double> xs{cut, std::nextafter(cut, -1e9), std::nan(""), 55.5, 0, 99.9};
  std::vector<std::uint8_t> out(xs.size());
  bin_values(fb, xs, out);
  for (std::size_t i = 0; i < xs.size(); ++i) CHECK(out[i] == fb.bin_of(xs[i]));
  std::vector<float> xf{static_cast<float>(cut), 55.5f, std::nanf("")};
  std::vector<std::uint8_t> outf(xf.size());
  bin_values(fb, xf, outf);
  CHECK(outf[0] == fb.bin_of(cut));
  CHECK(outf[1] == fb.bin_of(55.5));
  CHECK(outf[2] == fb.missing_bin());
}

TEST_CASE("Categorical levels are grouped by bad rate - rare levels are pooled - unseen levels score as missing", "[credit][binning]") {
  DataColumn col;
  col.name = "city_tier";
  col.type = FeatureType::categorical;
  col.levels = {"A", "B", "C", "D", "rare1", "rare2"};
  std::vector<std::uint8_t> bad;
  Stream s(1, 0, 0, 1001u);
  const double rate[] = {0.02, 0.05, 0.10, 0.02, 0.3, 0.3};
  const int count[] = {4000, 3000, 2500, 2000, 100, 100};
  for (int l = 0; l < 6; ++l)
    for (int i = 0; i < count[l]; ++i) {
      col.codes.push_back(l);
      bad.push_back(s.uniform01() < rate[l] ? 1 : 0);
    }
  for (int i = 0; i < 300; ++i) {
    col.codes.push_back(-1);
    bad.push_back(s.uniform01() < 0.1 ? 1 : 0);
  }
  std::vector<std::uint32_t> rows(bad.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const FeatureBinning fb = bin_feature(col, bad, rows);
  CHECK(fb.type == FeatureType::categorical);
  // Rare levels (< 5%) share a bin.
  CHECK(fb.level_bin[4] == fb.level_bin[5]);
  // Bins are ordered by bad rate, ascending.
  for (int b = 1; b < fb.value_bin_count(); ++b) CHECK(fb.bins[b].bad_rate() > fb.bins[b - 1].bad_rate());
  // A and D (both 2%) end up together or adjacent; C is riskier than A.
  CHECK(fb.level_bin[2] > fb.level_bin[0]);
  CHECK(fb.bin_of_level("Z") == fb.missing_bin());
  CHECK(fb.bin_of(-1) == fb.missing_bin());
  CHECK(fb.bins.back().n_good + fb.bins.back().n_bad == 300);
}

TEST_CASE("A feature with no usable split gets a single value bin", "[credit][binning]") {
  DataColumn col;
  col.name = "noise";
  std::vector<std::uint8_t> bad;
  for (int i = 0; i < 100; ++i) {
    col.numeric.push_back(i % 7);
    bad.push_back(0);
  }
  bad[3] = 1;  // one bad only: no two bins can each hold a bad
  std::vector<std::uint32_t> rows(100);
  for (std::uint32_t i = 0; i < 100; ++i) rows[i] = i;
  const FeatureBinning fb = bin_feature(col, bad, rows);
  CHECK(fb.value_bin_count() == 1);
  CHECK(fb.bins[0].label == "any value");
  CHECK(fb.direction == RiskTrend::none);
}

TEST_CASE("Pre-bin edges of a sampled column are the exact quantiles of the sample (radix path), also with -0.0", "[credit][binning]") {
  // 300,000 rows > quantile_sample: the edges come from every 3rd non-missing
  // value; checked against std::sort of that sample (an independent computation).
  for (const bool with_negative_zero : {false, true}) {
    INFO(with_negative_zero);
    Data d = make(4242, 300000, [](double x) { return 0.02 + 0.002 * x; });
    for (std::size_t i = 0; i < d.col.numeric.size(); ++i)
      if (!std::isnan(d.col.numeric[i])) d.col.numeric[i] -= 50;  // negatives, positives and zeros
    if (with_negative_zero) d.col.numeric[7] = -0.0;
    BinningOptions o;
    o.prebins = 20;
    o.max_bins = 20;
    o.min_bin_share = 0;
    d.col.trend = RiskTrend::none;
    const FeatureBinning fb = bin_feature(d.col, d.bad, d.rows, o);
    std::vector<double> sample;
    for (double x : d.col.numeric)
      if (!std::isnan(x)) sample.push_back(x);
    const std::size_t stride = (sample.size() + o.quantile_sample - 1) / o.quantile_sample;
    std::vector<double> s;
    for (std::size_t i = 0; i < sample.size(); i += stride) s.push_back(sample[i]);
    std::sort(s.begin(), s.end());
    std::vector<double> expected;
    for (int k = 1; k < o.prebins; ++k) {
      const double q = s[s.size() * static_cast<std::size_t>(k) / static_cast<std::size_t>(o.prebins)];
      if (q > s.front() && (expected.empty() || q > expected.back())) expected.push_back(q);
    }
    REQUIRE(fb.cuts.size() >= 10);
    for (double c : fb.cuts) CHECK(std::find(expected.begin(), expected.end(), c) != expected.end());
  }
}
