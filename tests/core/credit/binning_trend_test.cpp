// Trends of the binning DP (binning.hpp): ascending, descending, peak, valley,
// auto and auto_shape, checked against hand-computed IVs and an exhaustive
// search over every contiguous grouping.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/binning.hpp"

using namespace finlab::credit;

namespace {

double r4(double x) { return std::round(x * 10000) / 10000; }

struct Data {
  DataColumn col;
  std::vector<std::uint8_t> bad;
  std::vector<std::uint32_t> rows;
  std::vector<std::int64_t> goods, bads;  // per distinct value 0..k-1
  void add(double v, int goods_n, int bads_n) {
    for (int i = 0; i < goods_n + bads_n; ++i) {
      col.numeric.push_back(v);
      bad.push_back(i < goods_n ? 0 : 1);
      rows.push_back(static_cast<std::uint32_t>(rows.size()));
    }
    goods.push_back(goods_n);
    bads.push_back(bads_n);
  }
};

// Values 0..4, 2,000 rows each, bad rates 2%, 5%, 10%, 6%, 3%: a peak at 2.
Data peaked() {
  Data d;
  d.col.name = "x";
  const int bads[] = {40, 100, 200, 120, 60};
  for (int v = 0; v < 5; ++v) d.add(v, 2000 - bads[v], bads[v]);
  return d;
}

FeatureBinning bin_with(Data d, RiskTrend t) {
  d.col.trend = t;
  return bin_feature(d.col, d.bad, d.rows);
}

// Exhaustive search: the best IV over every contiguous grouping of the
// distinct values whose bad rates follow the trend (strictly), each group
// with a good and a bad. An independent check of the DP.
double brute_force_iv(const Data& d, RiskTrend t) {
  const int m = static_cast<int>(d.goods.size());
  double G = 0, B = 0;
  for (int i = 0; i < m; ++i) G += double(d.goods[i]), B += double(d.bads[i]);
  double best = -1;
  for (unsigned mask = 0; mask < (1u << (m - 1)); ++mask) {
    std::vector<double> g(1, 0), b(1, 0);
    for (int i = 0; i < m; ++i) {
      if (i > 0 && (mask >> (i - 1)) & 1u) g.push_back(0), b.push_back(0);
      g.back() += double(d.goods[i]);
      b.back() += double(d.bads[i]);
    }
    bool ok = true;
    std::vector<int> sign;  // +1 rise, -1 fall between neighbours
    for (std::size_t k = 0; k < g.size(); ++k) {
      ok = ok && g[k] >= 1 && b[k] >= 1;
      if (k > 0) {
        const double r0 = b[k - 1] / (g[k - 1] + b[k - 1]), r1 = b[k] / (g[k] + b[k]);
        sign.push_back(r1 > r0 ? 1 : r1 < r0 ? -1 : 0);
      }
    }
    for (int s : sign) ok = ok && s != 0;
    const int first = t == RiskTrend::descending || t == RiskTrend::valley ? -1 : 1;
    const bool two_phase = t == RiskTrend::peak || t == RiskTrend::valley;
    bool turned = false;
    for (int s : sign) {
      if (s == first && !turned) continue;
      if (two_phase && s == -first) turned = true;
      else ok = false;
    }
    if (!ok) continue;
    double iv = 0;
    for (std::size_t k = 0; k < g.size(); ++k) iv += iv_part(g[k], b[k], G, B);
    best = std::max(best, iv);
  }
  return best;
}

}  // namespace

TEST_CASE("A peak trend keeps the inverted U that a monotone trend must flatten", "[credit][binning][trend]") {
  // IVs by hand (WoE = ln(%G/%B), G = 9,480, B = 520): all five values apart
  // 0.3222; the best ascending grouping {0}, {1}, {2, 3, 4} 0.1576; the best
  // descending {0..3}, {4} 0.0606.
  const Data d = peaked();
  const FeatureBinning peak = bin_with(d, RiskTrend::peak);
  CHECK(peak.direction == RiskTrend::peak);
  CHECK(peak.cuts == std::vector<double>{1, 2, 3, 4});
  CHECK(r4(peak.iv) == 0.3222);
  const FeatureBinning up = bin_with(d, RiskTrend::ascending);
  CHECK(up.cuts == std::vector<double>{1, 2});
  CHECK(r4(up.iv) == 0.1576);
  const FeatureBinning down = bin_with(d, RiskTrend::descending);
  CHECK(down.cuts == std::vector<double>{4});
  CHECK(r4(down.iv) == 0.0606);
  // auto: the better monotone direction.
  const FeatureBinning automatic = bin_with(d, RiskTrend::automatic);
  CHECK(automatic.direction == RiskTrend::ascending);
  CHECK(automatic.cuts == up.cuts);
  // auto_shape: 0.3222 >= 1.1 x 0.1576, so the peak.
  const FeatureBinning shape = bin_with(d, RiskTrend::auto_shape);
  CHECK(shape.direction == RiskTrend::peak);
  CHECK(shape.cuts == peak.cuts);
  // A valley cannot turn on this data: its best grouping is the ascending one.
  const FeatureBinning valley = bin_with(d, RiskTrend::valley);
  CHECK(valley.direction == RiskTrend::ascending);
  CHECK(valley.cuts == up.cuts);
}

TEST_CASE("auto_shape stays monotone when a turn gains less than 10% IV", "[credit][binning][trend]") {
  // Bad rates 2%, 6%, 10%, 9.6%: the dip at the end is small.
  Data d;
  d.col.name = "x";
  const int bads[] = {40, 120, 200, 192};
  for (int v = 0; v < 4; ++v) d.add(v, 2000 - bads[v], bads[v]);
  const FeatureBinning peak = bin_with(d, RiskTrend::peak);
  CHECK(peak.direction == RiskTrend::peak);
  const FeatureBinning shape = bin_with(d, RiskTrend::auto_shape);
  CHECK(shape.direction == RiskTrend::ascending);
  CHECK(peak.iv < 1.1 * shape.iv);
  CHECK(peak.iv > shape.iv);
}

TEST_CASE("The DP finds the best grouping of every trend (exhaustive check)", "[credit][binning][trend]") {
  // Eight values with bad rates from a fixed linear congruential sequence.
  std::uint32_t state = 12345;
  for (int table = 0; table < 12; ++table) {
    Data d;
    d.col.name = "x";
    for (int v = 0; v < 8; ++v) {
      state = state * 1103515245u + 12345u;
      const int n = 1000 + static_cast<int>((state >> 8) % 1000);
      state = state * 1103515245u + 12345u;
      const int b = 10 + static_cast<int>((state >> 8) % 150);
      d.add(v, n - b, b);
    }
    for (RiskTrend t : {RiskTrend::ascending, RiskTrend::descending, RiskTrend::peak, RiskTrend::valley}) {
      INFO("table " << table << ", trend " << to_string(t));
      Data e = d;
      e.col.trend = t;
      BinningOptions o;
      o.min_bin_share = 0;
      o.max_bins = 8;
      const FeatureBinning fb = bin_feature(e.col, e.bad, e.rows, o);
      const double want = brute_force_iv(d, t);
      if (fb.value_bin_count() > 1) CHECK(fb.iv == Approx(want).epsilon(1e-12));
      else CHECK(want <= fb.iv + 1e-12);  // single bin: no feasible split (IV of one bin is 0)
    }
  }
}

TEST_CASE("Peak, valley and auto_shape parse, print and are rejected when misspelt", "[credit][binning][trend]") {
  for (const char* name : {"auto", "auto_shape", "ascending", "descending", "peak", "valley", "none"}) {
    auto t = parse_risk_trend(name);
    REQUIRE(t.ok());
    CHECK(to_string(*t) == name);
  }
  auto bad = parse_risk_trend("u-shape");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() == "unknown trend 'u-shape' (expected auto, auto_shape, ascending, descending, peak, valley or none)");
}
