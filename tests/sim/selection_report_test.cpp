// The selection-bias report (sim/selection_report.hpp, docs/sim.md
// "Selection-bias report"): each reject-inference method's predicted swap-in
// bad rate next to the truth the simulation knows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/credit/dataset.hpp"
#include "core/credit/validation.hpp"
#include "sim/kpi.hpp"
#include "sim/population.hpp"
#include "sim/selection_report.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;
using credit::RejectInference;

namespace {

Policy baseline() { return parse_policy(finlab::test::slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value(); }

const SelectionRow& row_of(const SelectionReport& r, RejectInference m) {
  for (const auto& row : r.rows)
    if (row.method == m) return row;
  FAIL("no row for " << credit::to_string(m));
  return r.rows.front();
}

double predicted(const SelectionRow& r) { return double(r.swap_in_pd_ppm) / 1e6 / double(r.swap_in); }
double truth(const SelectionRow& r) { return double(r.swap_in_bads) / double(r.swap_in); }

}  // namespace

TEST_CASE("Selection report rates are exact ratios rounded half-up, empty when undefined", "[sim][selection-report]") {
  SelectionRow r;
  // Hand-made: 3 swap-ins with PDs 2%, 4%, 6% (Σ 120,000 ppm), one of them bad; 8 swap-outs, 3 bad.
  r.swap_in = 3;
  r.swap_in_pd_ppm = 120'000;
  r.swap_in_bads = 1;
  r.swap_out = 8;
  r.swap_out_bads = 3;
  CHECK(predicted_bad_rate(r) == "4.0000");      // 120,000 / 3 ppm = 4%
  CHECK(true_bad_rate(r) == "33.3333");          // 1/3
  CHECK(difference_pp(r) == "-29.3333");         // 4 − 33.3333...
  CHECK(predicted_to_true(r) == "0.1200");       // 0.04 / (1/3)
  CHECK(swap_out_bad_rate(r) == "37.5000");      // 3/8
  r.swap_in_bads = 2;
  CHECK(true_bad_rate(r) == "66.6667");          // 2/3 half-up
  CHECK(difference_pp(r) == "-62.6667");
  SECTION("no true bad among the swap-ins: no ratio") {
    r.swap_in_bads = 0;
    CHECK(true_bad_rate(r) == "0.0000");
    CHECK(predicted_to_true(r).empty());
  }
  SECTION("no swap-ins, no swap-outs: every rate empty, no division by zero") {
    const SelectionRow none;
    CHECK(predicted_bad_rate(none).empty());
    CHECK(true_bad_rate(none).empty());
    CHECK(difference_pp(none).empty());
    CHECK(predicted_to_true(none).empty());
    CHECK(swap_out_bad_rate(none).empty());
  }
}

TEST_CASE("The selection report's row of the policy's method is the run's card, and its truth column recounts", "[sim][selection-report]") {
  Policy p = baseline();
  p.credit.reject_inference = RejectInference::parcelling;
  const std::uint64_t seed = 9;
  const std::int64_t n = 8000;
  const SelectionReport r = selection_report(p, seed, n).value();
  REQUIRE(r.rows.size() == 5);
  CHECK(r.run_method == RejectInference::parcelling);
  CHECK(r.cutoff == 600);
  CHECK(r.incumbent_cutoff == 600);

  // Independently: the run's trainer, its PD table, the 30% test split and the truth of the generator.
  const HistorySetup setup = history_setup(p.credit, Assumptions{});
  const ScoringModel model = train_scoring_model(seed, n, credit::PopulationParams{}, setup).value();
  const credit::Population pop = credit::generate_population({}, seed, kHistoryFirstUser, std::size_t(n));
  const credit::Dataset data = credit::dataset_from_population(pop, credit::builtin_schema(), 0.3);
  const std::vector<std::uint8_t> booked = book_history(seed, n, {}, setup).value().booked;
  std::vector<std::int32_t> score(pop.size());
  credit::PopulationScorer::bind(*model.card).value().score_all(pop, score);
  std::int64_t tests = 0, swap_in = 0, bads = 0, pd_ppm = 0, swap_out = 0, out_bads = 0, declined = 0;
  for (std::size_t i = 0; i < pop.size(); ++i) {
    if (data.split[i] != credit::Split::test) continue;
    ++tests;
    const int s = std::clamp(score[i], 0, 1023);
    declined += booked[i] == 0 ? 1 : 0;
    if (s >= 600 && booked[i] == 0) {
      ++swap_in;
      bads += pop.bad[i];
      pd_ppm += model.tables.pd12_ppm[std::size_t(s)];
    }
    if (s < 600 && booked[i] == 1) {
      ++swap_out;
      out_bads += pop.bad[i];
    }
  }
  INFO("test " << tests << ", declined " << declined << ", swap-ins " << swap_in << " (" << bads << " bad), swap-outs " << swap_out);
  const SelectionRow& row = row_of(r, RejectInference::parcelling);
  CHECK(r.test_applicants == tests);
  CHECK(r.test_declined == declined);
  REQUIRE(swap_in > 20);
  REQUIRE(bads > 0);
  CHECK(row.swap_in == swap_in);
  CHECK(row.swap_in_bads == bads);
  CHECK(row.swap_in_pd_ppm == pd_ppm);
  CHECK(row.swap_out == swap_out);
  CHECK(row.swap_out_bads == out_bads);
  CHECK(row.auc == model.history.true_auc);  // the same card as the run's (bit for bit)
  CHECK(row.inferred_bads == model.history.inferred_bads);
  CHECK(true_bad_rate(row) == percent_of(bads, swap_in));

  SECTION("deterministic: the same inputs give the same report; one method alone gives the same row") {
    const SelectionReport again = selection_report(p, seed, n).value();
    for (std::size_t k = 0; k < r.rows.size(); ++k) {
      CHECK(again.rows[k].swap_in_pd_ppm == r.rows[k].swap_in_pd_ppm);
      CHECK(again.rows[k].swap_in_bads == r.rows[k].swap_in_bads);
      CHECK(again.rows[k].auc == r.rows[k].auc);
    }
    const RejectInference only[] = {RejectInference::parcelling};
    const SelectionReport one = selection_report(p, seed, n, {}, only).value();
    REQUIRE(one.rows.size() == 1);
    CHECK(one.rows[0].swap_in_pd_ppm == row.swap_in_pd_ppm);
    CHECK(one.rows[0].swap_out == row.swap_out);
  }
}

TEST_CASE("Each reject-inference method moves the predicted swap-in bad rate as documented", "[sim][selection-report]") {
  // docs/sim.md "Selection-bias report": the directions
  // tests/core/credit/reject_inference_test.cpp asserts, here at the sim level
  // (the run's history, swap-ins at the policy's cutoff 600).
  const SelectionReport r = selection_report(baseline(), 2015, 30'000).value();
  const SelectionRow& none = row_of(r, RejectInference::none);
  const SelectionRow& hard = row_of(r, RejectInference::hard_cutoff);
  const SelectionRow& fuzzy = row_of(r, RejectInference::fuzzy);
  const SelectionRow& parcel = row_of(r, RejectInference::parcelling);
  const SelectionRow& rew = row_of(r, RejectInference::reweighting);
  for (const auto& row : r.rows) {
    INFO(credit::to_string(row.method) << ": " << row.swap_in << " swap-ins, predicted " << predicted_bad_rate(row) << "%, true "
                                       << true_bad_rate(row) << "%, AUC " << auc_text(row));
    REQUIRE(row.swap_in >= 100);
    CHECK(row.auc > 0.6);
  }
  // The figures of `finlab sim selection --seed 2015 --history 30000`: the same
  // natively and in wasm (this suite runs in both), a golden check of the
  // whole chain (history, incumbent, five trainings, counts, exact rate text).
  CHECK(none.swap_in == 581);
  CHECK(predicted_bad_rate(none) == "1.4610");
  CHECK(true_bad_rate(none) == "4.9914");
  CHECK(auc_text(none) == "0.7311");
  CHECK(parcel.swap_in == 150);
  CHECK(predicted_bad_rate(parcel) == "1.4733");
  CHECK(true_bad_rate(parcel) == "4.6667");
  CHECK(hard.swap_in == 2041);
  CHECK(predicted_bad_rate(hard) == "0.6754");
  CHECK(rew.swap_out == 513);
  CHECK(swap_out_bad_rate(rew) == "1.3645");
  // Held on every seed measured (1-6 and 2015, docs/sim.md):
  // the known-good-bad card, fuzzy augmentation and reweighting under-predict
  // the swap-ins' bad rate (they only re-use what the KGB card believes);
  CHECK(predicted(none) < 0.9 * truth(none));
  CHECK(predicted(fuzzy) < 0.9 * truth(fuzzy));
  CHECK(predicted(rew) < 0.9 * truth(rew));
  // hard cutoff labels the best rejects good: it approves more of them and
  // predicts them better still (its known weakness, Siddiqi 2006 ch. 6);
  CHECK(predicted(hard) < predicted(none));
  CHECK(hard.swap_in > none.swap_in);
  // parcelling's card believes the rejects are worse (α 1.5): it approves fewer of them.
  CHECK(parcel.swap_in < none.swap_in);
  // At this seed parcelling also raises the prediction and comes closer to the
  // truth, as in the core test; at a fixed score cutoff that is not so on every
  // seed (docs/sim.md: each on 5 of 7, both on 3), since every card maps a
  // score to the same PD: a regression check of this seed, not a law.
  CHECK(predicted(parcel) > predicted(none));
  CHECK(std::abs(predicted(parcel) / truth(parcel) - 1) < std::abs(predicted(none) / truth(none) - 1));
}

TEST_CASE("Under full information the selection report has no swap-ins and no undefined rates", "[sim][selection-report]") {
  Policy p = baseline();
  p.credit.incumbent_cutoff = 0;
  const SelectionReport r = selection_report(p, 3, 5000).value();
  CHECK(r.incumbent_cutoff == 0);
  CHECK(r.test_declined == 0);
  CHECK(r.test_holdout == 0);
  CHECK(r.test_approved == r.test_applicants);
  REQUIRE(r.rows.size() == 5);
  const ScoringModel model = train_scoring_model(3, 5000, {}, history_setup(p.credit, Assumptions{})).value();
  for (const auto& row : r.rows) {
    CHECK(row.swap_in == 0);
    CHECK(predicted_bad_rate(row).empty());
    CHECK(true_bad_rate(row).empty());
    CHECK(predicted_to_true(row).empty());
    // Everyone was booked, so every applicant the card declines is a swap-out.
    CHECK(row.swap_out == r.test_applicants - row.approved);
    CHECK(row.swap_out > 0);
    CHECK(row.auc == model.history.true_auc);  // one full-information card, the run's
  }
}

TEST_CASE("The selection report refuses a history too small to train on", "[sim][selection-report]") {
  auto r = selection_report(baseline(), 1, 500);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().find("at least 1,000 users, got 500") != std::string::npos);
}
