// Monitoring (monitoring.hpp): per-period score PSI, CSI per feature with
// verdicts, outcomes by band; CSI checked against a hand computation.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/binning.hpp"
#include "core/credit/monitoring.hpp"

using namespace finlab::credit;

namespace {

double r4(double x) { return std::round(x * 10000) / 10000; }

DataColumn months_column() {
  DataColumn col;
  col.name = "months";
  return col;
}

// The card: DOMAIN.md example J's feature (bins < 6, [6, 20), >= 20 holding
// 1,660 / 3,700 / 5,140 training rows) with one coefficient.
Scorecard example_card() {
  DataColumn col = months_column();
  std::vector<std::uint8_t> bad;
  auto add = [&](double v, int goods, int bads) {
    for (int i = 0; i < goods + bads; ++i) {
      col.numeric.push_back(v);
      bad.push_back(i < goods ? 0 : 1);
    }
  };
  add(1, 1500, 160);
  add(6, 3500, 200);
  add(20, 5000, 140);
  std::vector<std::uint32_t> rows(bad.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
  Scorecard card;
  card.features.push_back(bin_feature(col, bad, rows));
  card.submodels.push_back(make_submodel(card.features, card.scaling, ConsentMask::application_only(), {0}, 2.8, {1.0}));
  card.train_band_counts.assign(card.bands.count(), 0);
  // Training band counts from the training rows' scores.
  for (int b = 0; b < 3; ++b) {
    const double v = b == 0 ? 1 : b == 1 ? 6 : 20;
    const std::vector<double> x{v};
    const int n = b == 0 ? 1660 : b == 1 ? 3700 : 5140;
    card.train_band_counts[static_cast<std::size_t>(card.score(ConsentMask::application_only(), x).band)] += n;
  }
  return card;
}

}  // namespace

TEST_CASE("Monitoring gives CSI and score PSI per month with verdicts from the thresholds", "[credit][monitoring]") {
  const Scorecard card = example_card();
  // January: the training mix at a tenth of the size (CSI 0); February: half
  // at 1 month, half at 20 months.
  Dataset d;
  d.source = "new.csv";
  d.columns.push_back(months_column());
  std::vector<std::string> period;
  auto add = [&](const char* month, double v, int n, int bads) {
    for (int i = 0; i < n; ++i) {
      d.columns[0].numeric.push_back(v);
      d.bad.push_back(i < bads ? 1 : 0);
      d.consent.push_back(ConsentMask::all().bits());
      d.split.push_back(Split::train);
      d.line.push_back(d.line.size() + 2);
      period.emplace_back(month);
    }
  };
  add("2024-01", 1, 166, 16);
  add("2024-01", 6, 370, 20);
  add("2024-01", 20, 514, 14);
  add("2024-02", 1, 50, 5);
  add("2024-02", 20, 50, 1);
  std::vector<std::uint32_t> rows(d.rows());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
  auto scores = score_dataset(card, d, rows);
  REQUIRE(scores.ok());
  const MonitorReport m = monitor_scores(card, *scores, period, true, 0.3);
  REQUIRE(m.periods.size() == 3);
  CHECK(m.periods[0].period == "2024-01");
  CHECK(m.periods[1].period == "2024-02");
  CHECK(m.periods[2].period == "all");
  CHECK(m.periods[0].n == 1050);
  CHECK(m.periods[0].features[0].csi == Approx(0).margin(1e-12));
  CHECK(m.periods[0].features[0].verdict == "stable");
  CHECK(m.periods[0].score_psi == Approx(0).margin(1e-12));
  // By hand: Σ (a − e)·ln(a/e), e = 1660, 3700, 5140 / 10500, a = 0.5, 0 → 0.0001, 0.5: 3.2711.
  CHECK(r4(m.periods[1].features[0].csi) == 3.2711);
  CHECK(m.periods[1].features[0].verdict == "significant");
  CHECK(m.periods[1].verdict == "significant");
  // Scores: the < 6 and [6, 20) bins fall in band D (546 and 564 points), >= 20
  // in band C (584): training D 5,360, C 5,140; February 50 / 50. By hand:
  // (0.5 − 5360/10500)·ln(0.5·10500/5360) + (0.5 − 5140/10500)·ln(0.5·10500/5140) = 0.000439.
  CHECK(m.periods[1].score_psi == Approx(0.00043906652549715).epsilon(1e-9));
  CHECK(m.periods[1].score_verdict == "stable");
  // Outcomes: bad rate per band and KS, with the KS verdict against 0.3.
  CHECK(m.periods[1].outcomes.bads == 6);
  // KS by hand: the low-score group holds 5 of 6 bads and 45 of 94 goods: 5/6 − 45/94.
  CHECK(m.periods[1].outcomes.ks == Approx(5.0 / 6.0 - 45.0 / 94.0).epsilon(1e-12));
  CHECK(m.periods[1].ks_verdict == "ok");  // 0.3546 >= 0.8 × 0.3
  const MonitorReport strict = monitor_scores(card, *scores, period, true, 0.5);
  CHECK(strict.periods[1].ks_verdict == "act");  // 0.3546 < 0.8 × 0.5
  CHECK(strict.periods[1].verdict == "significant");
  std::int64_t banded = 0;
  for (const auto& b : m.periods[1].outcomes.calibration) banded += b.n;
  CHECK(banded == 100);
}

TEST_CASE("Monitoring thresholds: 0.1 and 0.25 bound the verdicts, bad thresholds are refused", "[credit][monitoring]") {
  const MonitorThresholds t;
  CHECK(std::string(stability_verdict(0.0999, t)) == "stable");
  CHECK(std::string(stability_verdict(0.1, t)) == "moderate");
  CHECK(std::string(stability_verdict(0.25, t)) == "moderate");
  CHECK(std::string(stability_verdict(0.2501, t)) == "significant");
  const Scorecard card = example_card();
  DatasetScores none;
  MonitorThresholds wrong;
  wrong.watch = 0.3;
  CHECK_THROWS(monitor_scores(card, none, {}, false, 0, wrong));
  const MonitorReport empty = monitor_scores(card, none, {}, false);
  REQUIRE(empty.periods.size() == 1);
  CHECK(empty.periods[0].n == 0);
}
