#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/scorecard.hpp"

using namespace finlab::credit;

namespace {

// A bin list with given WoE values (value bins) plus an empty missing bin.
FeatureBinning feature(const std::string& name, ConsentCategory cat, std::vector<double> woes,
                       std::vector<std::string> labels, std::vector<double> cuts) {
  FeatureBinning f;
  f.name = name;
  f.label = name;
  f.category = cat;
  f.cuts = std::move(cuts);
  for (std::size_t i = 0; i < woes.size(); ++i) {
    Bin b;
    b.woe = woes[i];
    b.label = labels[i];
    b.n_good = 100;
    b.n_bad = 5;
    f.bins.push_back(b);
  }
  Bin m;
  m.is_missing = true;
  m.label = "missing";
  f.bins.push_back(m);
  return f;
}

// DOMAIN.md worked example K: three characteristics, β0 = ln 20, n = 3.
Scorecard example_k() {
  Scorecard card;
  card.features.push_back(feature("location_stability", ConsentCategory::location, {-0.7577, -0.1335, 0.5798},
                                  {"< 3 m", "3-12 m", ">= 12 m"}, {3, 12}));
  card.features.push_back(feature("app_usage_mix", ConsentCategory::app_usage, {-0.55, 0.10, 0.40},
                                  {"finance-app heavy", "normal", "low"}, {1, 2}));
  card.features.push_back(feature("bill_payment", ConsentCategory::consumption, {-0.90, -0.05, 0.60},
                                  {"late bills", "mixed", "on time"}, {1, 2}));
  card.features[0].reason = "Recently moved night-time location";
  const double b0 = std::log(20.0);
  // One sub-model per subset of the three behaviour categories: the full one
  // is example K; the others reuse its coefficients (enough for these tests).
  const ConsentCategory cats[3] = {ConsentCategory::location, ConsentCategory::app_usage, ConsentCategory::consumption};
  const double beta[3] = {0.85, 0.70, 0.95};
  for (int m = 0; m < 8; ++m) {
    ConsentMask consent;
    std::vector<int> idx;
    std::vector<double> coef;
    for (int k = 0; k < 3; ++k)
      if (m & (1 << k)) {
        consent = consent.with(cats[k]);
        idx.push_back(k);
        coef.push_back(beta[k]);
      }
    card.submodels.push_back(make_submodel(card.features, card.scaling, consent, idx, b0, coef));
  }
  return card;
}

}  // namespace

TEST_CASE("Attribute points reproduce DOMAIN.md worked example K", "[credit][scorecard]") {
  const Scorecard card = example_k();
  const SubModel& full = card.submodel_for(ConsentMask::all());
  REQUIRE(full.features == std::vector<int>{0, 1, 2});
  CHECK(full.points[0] == std::vector<int>{173, 188, 205, 191});  // missing bin: WoE 0 → (β0/3)·factor + offset/3
  CHECK(full.points[1] == std::vector<int>{180, 193, 199, 191});
  CHECK(full.points[2] == std::vector<int>{167, 190, 208, 191});
}

TEST_CASE("The example K applicant scores 558 (exact 557.81) with PD 7.95%", "[credit][scorecard]") {
  const Scorecard card = example_k();
  // 3–12 m, finance-heavy, mixed bills.
  const std::vector<double> values{5, 0, 1.5};
  const ScoreResult r = card.score(ConsentMask::all(), values);
  CHECK(r.score == 558);
  CHECK(std::round(r.score_exact * 100) / 100 == 557.81);
  // ln odds = 2.995732 − 0.113475 − 0.385 − 0.0475 = 2.449757 (DOMAIN.md prints 2.4497,
  // truncated) → odds 11.59 → PD 7.95%.
  CHECK(std::round((r.score_exact - 487.122876) / 28.853901 * 1000) / 1000 == 2.450);
  CHECK(std::round(std::exp(2.449757) * 100) / 100 == 11.59);
  CHECK(std::round(r.pd * 10000) / 100 == 7.95);
  CHECK(r.band_name == "D");  // 540 ≤ 558 < 570
  CHECK(r.categories_used == ConsentMask::all() .without(ConsentCategory::device));
}

TEST_CASE("Reason codes rank points lost against each feature's best bin (example K)", "[credit][scorecard][reasons]") {
  const Scorecard card = example_k();
  const ScoreResult r = card.score(ConsentMask::all(), std::vector<double>{5, 0, 1.5});
  // Shortfalls: loc 205−188 = 17, app 199−180 = 19, pay 208−190 = 18.
  REQUIRE(r.reasons.size() == 3);
  CHECK(r.reasons[0].name == "app_usage_mix");
  CHECK(r.reasons[0].points_lost == 19);
  CHECK(r.reasons[1].name == "bill_payment");
  CHECK(r.reasons[1].points_lost == 18);
  CHECK(r.reasons[2].name == "location_stability");
  CHECK(r.reasons[2].points_lost == 17);
  CHECK(r.reasons[2].text == "Recently moved night-time location (location_stability: 3-12 m; best: >= 12 m; -17 points)");
  CHECK(r.reasons[0].best_label == "low");
  // A top applicant has no reasons (shortfall 0 is skipped).
  const ScoreResult best = card.score(ConsentMask::all(), std::vector<double>{20, 5, 5});
  CHECK(best.reasons.empty());
  CHECK(best.score == 205 + 199 + 208);
  // At most max_reasons are reported.
  Scorecard two = card;
  two.max_reasons = 2;
  CHECK(two.score(ConsentMask::all(), std::vector<double>{5, 0, 1.5}).reasons.size() == 2);
}

TEST_CASE("Scoring never reads a category the user did not consent to", "[credit][scorecard][consent]") {
  const Scorecard card = example_k();
  const ConsentMask no_location = ConsentMask::all().without(ConsentCategory::location);
  const std::vector<double> honest{std::nan(""), 0, 1.5};
  const std::vector<double> poisoned{1e300, 0, 1.5};  // a value that must not be used
  const ScoreResult a = card.score(no_location, honest);
  const ScoreResult b = card.score(no_location, poisoned);
  CHECK(a.score == b.score);
  CHECK(a.score_exact == b.score_exact);
  CHECK_FALSE(a.categories_used.has(ConsentCategory::location));
  CHECK(a.categories_used.has(ConsentCategory::app_usage));
  for (const auto& rc : a.reasons) CHECK(rc.name != "location_stability");
  // Every consent combination gets a score from the matching sub-model.
  for (std::uint8_t m = 0; m < 32; ++m) {
    const ConsentMask c = ConsentMask::from_bits(m);
    const ScoreResult r = card.score(c, poisoned);
    CHECK(r.categories_used == (c & card.model_categories()));
    CHECK(card.submodels[static_cast<std::size_t>(r.submodel)].consent == r.categories_used);
  }
  // Application only: intercept-only sub-model, round(offset + factor·ln 20).
  const ScoreResult app = card.score(ConsentMask::application_only(), poisoned);
  CHECK(app.score == 574);  // 487.122876 + 28.853901 × 2.995732 = 573.56
  CHECK(app.reasons.empty());
}

TEST_CASE("Bulk scoring of bins and of raw values equals one-by-one scoring", "[credit][scorecard]") {
  const Scorecard card = example_k();
  const std::size_t n = 3000;
  // Mixed consent (gather paths) and one consent for everyone (the uniform
  // table path), with block tails that are not a multiple of 16.
  const bool uniform = GENERATE(false, true);
  std::vector<std::vector<double>> raw(3, std::vector<double>(n));
  std::vector<std::uint8_t> consent(n);
  for (std::size_t i = 0; i < n; ++i) {
    raw[0][i] = i % 11 == 0 ? std::nan("") : double(i % 17);
    raw[1][i] = double(i % 3);
    raw[2][i] = double((i / 3) % 4) * 0.7;
    consent[i] = static_cast<std::uint8_t>(uniform ? 31 : i % 32);
  }
  std::vector<std::vector<std::uint8_t>> bins(3, std::vector<std::uint8_t>(n));
  for (std::size_t f = 0; f < 3; ++f) bin_values(card.features[f], raw[f], bins[f]);
  std::vector<std::int32_t> out(n);
  score_binned(card, bins, consent, out);
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<double> v{raw[0][i], raw[1][i], raw[2][i]};
    const ScoreResult r = card.score(ConsentMask::from_bits(consent[i]), v, false);
    REQUIRE(out[i] == r.score);
    const std::vector<std::uint8_t> b{bins[0][i], bins[1][i], bins[2][i]};
    REQUIRE(card.score_bins(ConsentMask::from_bits(consent[i]), b, false).score == r.score);
  }
}

TEST_CASE("Score bands: edges belong to the upper band", "[credit][scorecard]") {
  const ScoreBands bands;
  CHECK(bands.band_of(539) == 0);
  CHECK(bands.band_of(540) == 1);
  CHECK(bands.band_of(679) == 4);
  CHECK(bands.band_of(680) == 5);
  CHECK(bands.names[static_cast<std::size_t>(bands.band_of(600))] == "B");
}
