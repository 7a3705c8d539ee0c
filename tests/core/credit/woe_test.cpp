#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/binning.hpp"
#include "core/credit/woe.hpp"

using namespace finlab::credit;

namespace {
double r4(double x) { return std::round(x * 10000) / 10000; }
}

TEST_CASE("WoE and IV match DOMAIN.md worked example J to 4 decimals", "[credit][woe]") {
  // G_total = 10,000, B_total = 500 (months at the same night-time location).
  struct Row { double good, bad, woe, iv; };
  const Row rows[] = {{1500, 160, -0.7577, 0.1288}, {3500, 200, -0.1335, 0.0067}, {5000, 140, 0.5798, 0.1276}};
  double iv = 0;
  for (const auto& r : rows) {
    CHECK(r4(woe(r.good, r.bad, 10000, 500)) == r.woe);
    CHECK(r4(iv_part(r.good, r.bad, 10000, 500)) == r.iv);
    iv += iv_part(r.good, r.bad, 10000, 500);
  }
  CHECK(r4(iv) == 0.2630);
  CHECK(std::string(iv_strength(iv)) == "medium");
}

TEST_CASE("A zero cell is replaced by the 0.5 adjustment - so WoE stays finite", "[credit][woe]") {
  // No bads: WoE = ln((100/1000) / (0.5/50)) = ln(10).
  CHECK(woe(100, 0, 1000, 50) == Approx(std::log(10.0)).epsilon(1e-14));
  CHECK(woe(0, 10, 1000, 50) == Approx(std::log((0.5 / 1000) / (10.0 / 50))).epsilon(1e-14));
  CHECK(std::isfinite(iv_part(0, 10, 1000, 50)));
  CHECK_THROWS(woe(1, 1, 0, 10));
}

TEST_CASE("IV strength labels follow the usual thresholds", "[credit][woe]") {
  CHECK(std::string(iv_strength(0.01)) == "useless");
  CHECK(std::string(iv_strength(0.05)) == "weak");
  CHECK(std::string(iv_strength(0.2)) == "medium");
  CHECK(std::string(iv_strength(0.4)) == "strong");
  CHECK(std::string(iv_strength(0.8)) == "suspicious");
}

TEST_CASE("Binning example J's data gives its three bins and WoE", "[credit][woe][binning]") {
  // Three distinct values standing for < 3, 3–12 and ≥ 12 months.
  DataColumn col;
  col.name = "months_at_night_location";
  std::vector<std::uint8_t> bad;
  auto add = [&](double v, int goods, int bads) {
    for (int i = 0; i < goods; ++i) { col.numeric.push_back(v); bad.push_back(0); }
    for (int i = 0; i < bads; ++i) { col.numeric.push_back(v); bad.push_back(1); }
  };
  add(1, 1500, 160);
  add(6, 3500, 200);
  add(20, 5000, 140);
  std::vector<std::uint32_t> rows(bad.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const FeatureBinning fb = bin_feature(col, bad, rows);
  REQUIRE(fb.value_bin_count() == 3);
  CHECK(fb.direction == RiskTrend::descending);
  CHECK(fb.cuts == std::vector<double>{6, 20});
  CHECK(r4(fb.bins[0].woe) == -0.7577);
  CHECK(r4(fb.bins[1].woe) == -0.1335);
  CHECK(r4(fb.bins[2].woe) == 0.5798);
  CHECK(r4(fb.iv) == 0.2630);
  CHECK(fb.bins[0].label == "< 6");
  CHECK(fb.bins[1].label == "[6, 20)");
  CHECK(fb.bins[2].label == ">= 20");
  CHECK(fb.bins[3].is_missing);
  CHECK(fb.bins[3].woe == 0);  // empty missing bin is neutral
}
