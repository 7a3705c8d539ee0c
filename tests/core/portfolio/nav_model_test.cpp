#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/portfolio/nav_model.hpp"

using namespace finlab;
using money::Rate;

TEST_CASE("A NAV path is a pure function of (seed, path, fund)", "[portfolio][nav_model][determinism]") {
  portfolio::GarchNavModel m(portfolio::GarchNavParams{});
  std::vector<std::int64_t> a(300), b(300), c(300), d(300);
  m.generate(42, 0, 0, a);
  m.generate(42, 0, 0, b);
  m.generate(42, 1, 0, c);
  m.generate(42, 0, 1, d);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a != d);
  CHECK(a[0] == 10000);
}

TEST_CASE("Golden NAV path: the same bits natively and in wasm", "[portfolio][nav_model][determinism][golden]") {
  portfolio::GarchNavModel m(portfolio::GarchNavParams{});
  std::vector<std::int64_t> nav(2441);
  m.generate(20150512, 3, 0, nav);
  // Recorded from the native build; the wasm build of this test must agree.
  CHECK(nav[1] == 10132);
  CHECK(nav[10] == 9605);
  CHECK(nav[244] == 13962);
  CHECK(nav[2440] == 25433);
  std::uint64_t h = 0;
  for (auto v : nav) h = h * 31 + static_cast<std::uint64_t>(v);
  const auto checksum = static_cast<std::int64_t>(h);
  CHECK(checksum == -1208956047099409136LL);
}

TEST_CASE("Simulated returns have the target volatility, fat tails and volatility clustering", "[portfolio][nav_model]") {
  portfolio::GarchNavParams p;  // 24% a year, alpha 0.05, beta 0.94, dof 5
  portfolio::GarchNavModel m(p);
  const int days = 2441, paths = 200;
  std::vector<std::int64_t> nav(days);
  double n = 0, s1 = 0, s2 = 0, s4 = 0, lag = 0, big = 0;
  for (int path = 0; path < paths; ++path) {
    m.generate(1, path, 0, nav);
    double prev_sq = -1;
    for (int i = 1; i < days; ++i) {
      const double r = double(nav[i]) / double(nav[i - 1]) - 1.0;
      n += 1; s1 += r; s2 += r * r; s4 += r * r * r * r;
      if (prev_sq >= 0) lag += r * r * prev_sq;
      prev_sq = r * r;
      if (std::fabs(r) >= 0.0999) big += 1;
    }
  }
  const double mean = s1 / n, var = s2 / n - mean * mean;
  const double annual_vol = std::sqrt(var * 244);
  const double kurtosis = (s4 / n) / (var * var);
  const double sq_autocorr = (lag / n - var * var) / (s4 / n - var * var);
  INFO("annual vol " << annual_vol << " kurtosis " << kurtosis << " lag-1 autocorrelation of r^2 " << sq_autocorr);
  CHECK(annual_vol == Approx(0.24).epsilon(0.08));
  CHECK(kurtosis > 4.5);       // normal: 3
  CHECK(sq_autocorr > 0.05);   // clustering: big moves follow big moves
  CHECK(mean * 244 == Approx(0.08).margin(0.04));
  CHECK(big / n < 0.002);      // limit moves are rare
}

TEST_CASE("Bad model parameters are explained", "[portfolio][nav_model][errors]") {
  portfolio::GarchNavParams p;
  p.alpha = Rate::ratio("0.1");
  p.beta = Rate::ratio("0.9");
  CHECK(p.validate() == "alpha + beta = 1 must be below 1 (a stationary variance)");
  p = {};
  p.dof = 2;
  CHECK(p.validate() == "dof 2 is not in [3, 1000] (unit variance needs more than 2 degrees of freedom)");
  p = {};
  p.daily_limit = Rate::percent("0");
  CHECK_THAT(p.validate(), Catch::Matchers::Contains("daily limit"));
  CHECK(portfolio::GarchNavParams{}.validate().empty());
}

TEST_CASE("Batched generation gives every path exactly as one at a time", "[portfolio][nav_model][determinism]") {
  portfolio::GarchNavParams p;
  portfolio::GarchNavModel m(p);
  const std::size_t days = 500, paths = 7;
  const std::vector<std::uint32_t> ex{100, 300};
  std::vector<std::vector<std::int64_t>> nav(paths, std::vector<std::int64_t>(days)), div = nav;
  std::vector<std::int64_t*> np, dp;
  for (std::size_t k = 0; k < paths; ++k) {
    np.push_back(nav[k].data());
    dp.push_back(div[k].data());
  }
  m.generate_batch(5, 20, 1, np, days, ex, Rate::percent("2"), dp);
  for (std::size_t k = 0; k < paths; ++k) {
    std::vector<std::int64_t> one(days), one_div(days);
    m.generate(5, 20 + k, 1, one, ex, Rate::percent("2"), one_div);
    CHECK(one == nav[k]);
    CHECK(one_div == div[k]);
    CHECK(one_div[100] > 0);
  }
}

TEST_CASE("The NAV model's Philox blocks are random::Stream's words", "[portfolio][nav_model][determinism]") {
  for (std::uint64_t seed : {0ull, 1ull, 20150512ull, 0xFFFFFFFFFFFFull}) {
    for (std::uint64_t path : {0ull, 7ull, 1ull << 33}) {
      random::Stream s(seed, path, 3, random::Purpose::nav_path);
      portfolio::PathBits b(seed, path, 3);
      for (int k = 0; k < 5; ++k) {
        std::uint32_t w[4];
        b.block(w);
        for (int j = 0; j < 4; ++j) CHECK(w[j] == s.next_u32());
      }
    }
  }
  portfolio::StudentTSampler t(5);
  for (std::uint32_t bits : {0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0x12345678u, 0xFFFFFFFFu, 0x00000100u}) {
    CHECK(t.from_bits32(bits) == t.from_bits(static_cast<std::uint64_t>(bits) << 32));
  }
}
