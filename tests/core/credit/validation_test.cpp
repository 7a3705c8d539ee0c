#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/validation.hpp"

using namespace finlab::credit;

namespace {
double r4(double x) { return std::round(x * 10000) / 10000; }
}

TEST_CASE("KS - AUC and Gini reproduce DOMAIN.md worked example L", "[credit][validation]") {
  const std::vector<std::int64_t> goods{100, 300, 600, 1000, 1500, 2000};
  const std::vector<std::int64_t> bads{60, 50, 40, 30, 15, 5};
  CHECK(r4(ks_from_counts(goods, bads)) == 0.5682);
  const double a = auc_from_counts(goods, bads);
  CHECK(r4(a) == 0.8616);
  CHECK(r4(2 * a - 1) == 0.7232);
}

TEST_CASE("Per-observation AUC and KS equal the grouped values (ties count half)", "[credit][validation]") {
  const std::vector<std::int64_t> goods{100, 300, 600, 1000, 1500, 2000};
  const std::vector<std::int64_t> bads{60, 50, 40, 30, 15, 5};
  std::vector<std::int32_t> score;
  std::vector<double> dscore;
  std::vector<std::uint8_t> bad;
  for (std::size_t b = 0; b < goods.size(); ++b) {
    for (std::int64_t i = 0; i < goods[b]; ++i) { score.push_back(500 + 10 * int(b)); bad.push_back(0); }
    for (std::int64_t i = 0; i < bads[b]; ++i) { score.push_back(500 + 10 * int(b)); bad.push_back(1); }
  }
  for (auto s : score) dscore.push_back(s);
  CHECK(auc(score, bad) == Approx(auc_from_counts(goods, bads)).epsilon(1e-15));
  CHECK(auc(dscore, bad) == Approx(auc_from_counts(goods, bads)).epsilon(1e-15));
  CHECK(ks(score, bad) == Approx(ks_from_counts(goods, bads)).epsilon(1e-15));
  // Hand check on four points: goods {3, 1}, bads {2, 1}: pairs (3>2),(3>1),(1<2),(1=1) → (2 + 0.5)/4.
  const std::vector<std::int32_t> s4{3, 1, 2, 1};
  const std::vector<std::uint8_t> b4{0, 0, 1, 1};
  CHECK(auc(s4, b4) == 0.625);
}

TEST_CASE("PSI reproduces DOMAIN.md worked example M and classifies by 0.1 / 0.25", "[credit][validation]") {
  const std::vector<double> expected{10, 20, 30, 25, 15}, actual{14, 24, 28, 21, 13};
  const double v = psi(expected, actual);
  CHECK(r4(v) == 0.0320);
  // Term by term: 0.01346, 0.00729, 0.00138, 0.00697, 0.00286.
  const double terms[] = {0.01346, 0.00729, 0.00138, 0.00697, 0.00286};
  for (int i = 0; i < 5; ++i) {
    const double e = expected[i] / 100, a = actual[i] / 100;
    CHECK(std::round((a - e) * std::log(a / e) * 100000) / 100000 == terms[i]);
  }
  CHECK(std::string(psi_level(v)) == "stable");
  CHECK(std::string(psi_level(0.1)) == "moderate");
  CHECK(std::string(psi_level(0.25)) == "moderate");
  CHECK(std::string(psi_level(0.2501)) == "significant");
  // Counts give the same as shares; identical distributions give 0.
  CHECK(psi(std::vector<std::int64_t>{100, 200}, std::vector<std::int64_t>{10, 20}) == 0);
  // An empty actual cell is floored at 1 bp instead of giving infinity.
  CHECK(std::isfinite(psi(std::vector<double>{50, 50}, std::vector<double>{100, 0})));
}

TEST_CASE("validate() reports calibration by band - deciles and score PSI", "[credit][validation]") {
  Scorecard card;  // default bands E..A+
  card.train_band_counts = {10, 20, 30, 20, 15, 5};
  std::vector<std::int32_t> scores;
  std::vector<double> pd;
  std::vector<std::uint8_t> bad;
  for (int i = 0; i < 1000; ++i) {
    scores.push_back(500 + (i % 200));
    pd.push_back(0.1);
    bad.push_back(i % 10 == 0 ? 1 : 0);
  }
  const ValidationReport v = validate(card, scores, pd, bad);
  CHECK(v.n == 1000);
  CHECK(v.bads == 100);
  CHECK(v.bad_rate == 0.1);
  REQUIRE(v.calibration.size() == 6);
  CHECK(v.calibration[0].band == "E");
  CHECK(v.calibration[0].n == 200);  // 500..539
  CHECK(v.calibration[0].predicted_pd == Approx(0.1));
  REQUIRE(v.deciles.size() == 10);
  CHECK(v.deciles[0].n == 100);
  CHECK(v.deciles[0].min_score == 500);
  CHECK(v.deciles[9].max_score == 699);
  // Actual shares .20/.15/.15/.20/.20/.10 against expected .10/.20/.30/.20/.15/.05.
  const double hand = 0.1 * std::log(2.0) - 0.05 * std::log(0.75) - 0.15 * std::log(0.5) + 0.05 * std::log(4.0 / 3) +
                      0.05 * std::log(2.0);
  CHECK(v.score_psi == Approx(hand).epsilon(1e-12));
  CHECK(v.score_psi_level == "moderate");
}
