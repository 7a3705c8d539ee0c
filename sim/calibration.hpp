// Calibration of the sandbox against published figures (docs/sim.md
// "Calibration"): the targets with their sources, the figures a run shows for
// them, and the comparison. Ratios here are doubles: they are measurements of
// a run, never amounts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/accumulators.hpp"

namespace finlab::sim {

struct CalibrationTarget {
  std::string key;     // "dq90", "dq1", "fpd30", "stress_loss_multiple"
  std::string figure;  // what is measured, in words
  double lo = 0, hi = 0;
  std::string unit;    // "%" or "x"
  std::string source;
};
const std::vector<CalibrationTarget>& calibration_targets();

// What a run shows for each target. dq90 and dq1 are month-end ratios on
// principal outstanding averaged over the second half of the run (the book is
// seasoned by then; one month-end is noisy); fpd30 is over every vintage that
// reached its first due date; the loss rate is net charge-offs over the run ×
// 12 ÷ Σ month-end outstanding (annualised, on balance).
struct CalibrationFigures {
  double dq90_pct = 0, dq1_pct = 0, fpd30_pct = 0, annual_loss_pct = 0;
  std::optional<double> stress_loss_multiple;  // the stress run's loss ÷ the baseline's
};
CalibrationFigures measure_calibration(const RunAcc& baseline, const RunAcc* stress = nullptr);

struct CalibrationCheck {
  CalibrationTarget target;
  std::optional<double> measured;  // absent: the figure needs a run that was not given
  bool inside = false;
  // "90+ DPD ratio 0.64% is outside 1.8-3.4% (source: ...)" or "... inside ...".
  std::string sentence() const;
};
std::vector<CalibrationCheck> check_calibration(const CalibrationFigures& f);

}  // namespace finlab::sim
