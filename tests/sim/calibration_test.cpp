// The calibration test (docs/sim.md "Calibration"): the shipped baseline
// policy under the baseline scenario lands inside every published range, the
// severe stress moves losses by a realistic multiple, and an assumption pushed
// out of range fails with the range and its source. Natively only: two runs
// of 300,000 users each take a few seconds on two threads.
#include <catch2/catch.hpp>

#include "sim/calibration.hpp"
#include "sim/parallel.hpp"
#include "sim/policy.hpp"
#include "sim/run.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;


TEST_CASE("The sentences name the figure, the range and the source", "[sim][calibration]") {
  CalibrationFigures f;
  f.dq90_pct = 0.64;
  f.dq1_pct = 6.0;
  f.fpd30_pct = 0.5;
  const auto checks = check_calibration(f);
  REQUIRE(checks.size() == calibration_targets().size());
  CHECK_FALSE(checks[0].inside);
  CHECK(checks[0].sentence().rfind("90+ DPD ratio (month-end, on balance) 0.64% is outside 1.8-3.4% (source: LexinFintech", 0) == 0);
  CHECK(checks[1].inside);
  CHECK(checks[2].inside);
  CHECK_FALSE(checks[3].measured.has_value());
  CHECK_FALSE(checks[3].inside);
  CHECK(checks[3].sentence() == "severe-stress loss rate / baseline loss rate was not measured (it needs a stress run)");
}

TEST_CASE("A hand-made accumulator measures as computed by hand", "[sim][calibration]") {
  RunAcc a;
  a.init(4, 120);
  for (int m = 0; m < 4; ++m) {
    a.month[m].outstanding_fen = 100'000;
    a.month[m].outstanding_90p_fen = m < 2 ? 0 : 2'000 * (m - 1);  // months 3, 4: 2%, 4%
    a.month[m].bucket_fen[0] = 95'000;                              // 5% 1+ DPD
    a.month[m].chargeoff_fen = 1'000;
    a.month[m].recoveries_fen = 250;
  }
  a.fpd_due[0] = 200;
  a.fpd30[0] = 3;
  RunAcc s = a;
  for (auto& m : s.month) m.chargeoff_fen = 2'500;
  const CalibrationFigures f = measure_calibration(a, &s);
  CHECK(f.dq90_pct == Approx(3.0));
  CHECK(f.dq1_pct == Approx(5.0));
  CHECK(f.fpd30_pct == Approx(1.5));
  CHECK(f.annual_loss_pct == Approx(100.0 * 3'000 * 12 / 400'000));  // 9% a year
  REQUIRE(f.stress_loss_multiple);
  CHECK(*f.stress_loss_multiple == Approx((9'000.0) / 3'000.0));
}

#ifndef __EMSCRIPTEN__
namespace {

RunConfig calibration_config(const char* scenario) {
  RunConfig c;
  c.policy = parse_policy(test::slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(test::slurp(std::string(FINLAB_SOURCE_DIR "/assets/scenarios/") + scenario + ".json")).value();
  c.users = 300'000;
  c.months = 24;
  c.seed = 1;
  return c;
}

std::string all_sentences(const std::vector<CalibrationCheck>& checks) {
  std::string s;
  for (const auto& c : checks) s += c.sentence() + "\n";
  return s;
}

}  // namespace

TEST_CASE("The baseline lands inside every published range, severe stress moves losses realistically", "[sim][calibration][slow]") {
  ParallelOptions o;
  o.threads = 2;
  const RunOutput base = run_parallel(calibration_config("baseline"), o).value();
  const RunOutput stress = run_parallel(calibration_config("severe-stress"), o).value();
  const auto checks = check_calibration(measure_calibration(base.acc, &stress.acc));
  INFO(all_sentences(checks));
  for (const auto& c : checks) {
    INFO(c.sentence());
    CHECK(c.inside);
  }
}

TEST_CASE("An assumption pushed out of range fails the calibration with the range and its source", "[sim][calibration][slow]") {
  RunConfig c = calibration_config("baseline");
  Assumptions a;
  a.multi_lender_ppm = 0;  // nobody borrows elsewhere: risk far below the published figures
  a.fraud_ppm = 0;
  c.policy.assumptions = a;
  ParallelOptions o;
  o.threads = 2;
  const RunOutput out = run_parallel(c, o).value();
  const auto checks = check_calibration(measure_calibration(out.acc));
  REQUIRE(checks[0].target.key == "dq90");
  INFO(checks[0].sentence());
  CHECK_FALSE(checks[0].inside);
  CHECK(checks[0].sentence().find("is outside 1.8-3.4% (source: LexinFintech 1.84%") != std::string::npos);
}
#endif
