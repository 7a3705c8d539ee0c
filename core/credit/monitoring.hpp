// Monitoring a deployed scorecard over time (DOMAIN.md §3.4): for each period
// (e.g. month) of scored rows, the score PSI against the training band
// distribution, the characteristic stability index (CSI = PSI of the bin
// distribution) of every card feature, and when outcomes are known the bad
// rate per score band and the KS; each figure gets a verdict from the stated
// thresholds. Pure computation over DatasetScores; the CLI groups rows.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/credit/scorecard.hpp"
#include "core/credit/validation.hpp"

namespace finlab::credit {

// Conventional PSI/CSI bands (Siddiqi, Credit Risk Scorecards, ch. 8; the same
// as psi_level): below `watch` stable, from `watch` to `act` moderate shift
// (investigate), from `act` up significant shift (act: recalibrate or rebuild).
struct MonitorThresholds {
  double watch = 0.1;
  double act = 0.25;
  // Outcomes: KS below this share of the training KS is a verdict "act" [D].
  double ks_ratio = 0.8;
};

struct MonitorFeature {
  std::string name;
  double csi = 0;
  std::string verdict;  // "stable", "moderate", "significant"
};

struct MonitorPeriod {
  std::string period;          // "2024-03", or "all"
  std::int64_t n = 0;
  double score_psi = 0;
  std::string score_verdict;   // "stable", "moderate", "significant"
  std::vector<MonitorFeature> features;
  bool has_outcomes = false;   // the rows have a target
  ValidationReport outcomes;   // bad rate, AUC, KS and bad rate per band (calibration) when has_outcomes
  std::string ks_verdict;      // "ok" / "act" (KS < ks_ratio × reference KS); "" without outcomes or reference
  std::string verdict;         // worst of the above: "stable", "moderate", "significant"
};

struct MonitorReport {
  MonitorThresholds thresholds;
  double reference_ks = 0;     // the KS that ks_ratio applies to (0 = none)
  std::vector<MonitorPeriod> periods;  // in period order, then "all"
};

// Verdict of a PSI/CSI under the thresholds.
const char* stability_verdict(double psi, const MonitorThresholds& t);

// period[k] names the period of scored row k (empty span: one period "all").
// has_outcomes: scores.bad holds real outcomes. reference_ks: the KS to
// compare with (e.g. the training or test KS; 0 = no KS verdict).
MonitorReport monitor_scores(const Scorecard& card, const DatasetScores& scores, std::span<const std::string> period,
                             bool has_outcomes, double reference_ks = 0, const MonitorThresholds& thresholds = {});

}  // namespace finlab::credit
