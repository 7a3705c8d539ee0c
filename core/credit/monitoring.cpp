#include "core/credit/monitoring.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"

namespace finlab::credit {

const char* stability_verdict(double psi, const MonitorThresholds& t) {
  if (psi > t.act) return "significant";  // as psi_level: 0.25 itself is moderate
  if (psi >= t.watch) return "moderate";
  return "stable";
}

namespace {

int rank(const std::string& v) { return v == "significant" ? 2 : v == "moderate" ? 1 : 0; }

MonitorPeriod monitor_rows(const Scorecard& card, const DatasetScores& s, const std::vector<std::size_t>& rows, bool has_outcomes,
                           double reference_ks, const MonitorThresholds& t) {
  std::vector<std::int32_t> score;
  std::vector<double> pd;
  std::vector<std::uint8_t> bad, consent;
  std::vector<std::vector<std::uint8_t>> bins(s.bins.size());
  for (std::size_t k : rows) {
    score.push_back(s.score[k]);
    pd.push_back(s.pd[k]);
    bad.push_back(s.bad[k]);
    consent.push_back(s.consent[k]);
    for (std::size_t f = 0; f < bins.size(); ++f) bins[f].push_back(s.bins[f][k]);
  }
  MonitorPeriod p;
  p.n = static_cast<std::int64_t>(rows.size());
  const ValidationReport v = validate(card, score, pd, bad, bins, consent);
  p.score_psi = v.score_psi;
  p.score_verdict = stability_verdict(v.score_psi, t);
  int worst = rank(p.score_verdict);
  for (const FeatureStability& f : v.feature_psi) {
    p.features.push_back({f.name, f.psi, stability_verdict(f.psi, t)});
    worst = std::max(worst, rank(p.features.back().verdict));
  }
  p.has_outcomes = has_outcomes;
  if (has_outcomes) {
    p.outcomes = v;
    if (reference_ks > 0 && v.bads > 0 && v.bads < v.n) {
      p.ks_verdict = v.ks < t.ks_ratio * reference_ks ? "act" : "ok";
      if (p.ks_verdict == "act") worst = 2;
    }
  }
  p.verdict = worst == 2 ? "significant" : worst == 1 ? "moderate" : "stable";
  return p;
}

}  // namespace

MonitorReport monitor_scores(const Scorecard& card, const DatasetScores& scores, std::span<const std::string> period,
                             bool has_outcomes, double reference_ks, const MonitorThresholds& thresholds) {
  FINLAB_REQUIRE(period.empty() || period.size() == scores.score.size(),
                 "monitor_scores: " << period.size() << " periods for " << scores.score.size() << " rows");
  FINLAB_REQUIRE(thresholds.watch > 0 && thresholds.act > thresholds.watch,
                 "monitor_scores: thresholds must satisfy 0 < watch < act (" << thresholds.watch << ", " << thresholds.act << ")");
  MonitorReport r;
  r.thresholds = thresholds;
  r.reference_ks = reference_ks;
  std::map<std::string, std::vector<std::size_t>> by;  // ordered: ISO periods sort in time order
  for (std::size_t k = 0; k < period.size(); ++k) by[period[k]].push_back(k);
  for (const auto& [name, rows] : by) {
    r.periods.push_back(monitor_rows(card, scores, rows, has_outcomes, reference_ks, thresholds));
    r.periods.back().period = name;
  }
  std::vector<std::size_t> all(scores.score.size());
  for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
  r.periods.push_back(monitor_rows(card, scores, all, has_outcomes, reference_ks, thresholds));
  r.periods.back().period = "all";
  return r;
}

}  // namespace finlab::credit
