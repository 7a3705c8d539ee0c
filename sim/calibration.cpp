#include "sim/calibration.hpp"

#include <cstdio>

namespace finlab::sim {

const std::vector<CalibrationTarget>& calibration_targets() {
  static const std::vector<CalibrationTarget> t{
      {"dq90", "90+ DPD ratio (month-end, on balance)", 1.8, 3.4, "%",
       "LexinFintech 1.84% at 2021-03-31 (press release, 2021-07-16); Qifu Technology 3.35% Q1 2024 and 3.4% Q2 2024 (earnings summaries)"},
      {"dq1", "1+ DPD ratio (month-end, on balance)", 4.9, 8.1, "%",
       "LexinFintech 4.92% at 2021-06-30 and 8.08% a year earlier (press release, 2021-07-16)"},
      {"fpd30", "FPD30 (first instalment 30+ days past due)", 0.0, 1.0, "%",
       "LexinFintech: below 1% for eight months to 2021-03-31 (press release, 2021-07-16)"},
      {"stress_loss_multiple", "severe-stress loss rate / baseline loss rate", 1.5, 4.0, "x",
       "US commercial banks' credit-card charge-off rate about 4% in 2006-07 and 10.97% at the 2010 Q2 peak (Federal Reserve charge-off "
       "rates, FRED CORCCACBS): x2.7 in a severe recession"},
  };
  return t;
}

namespace {

double pct(double num, double den) { return den > 0 ? 100.0 * num / den : 0.0; }

double annual_loss_pct(const RunAcc& a) {
  double net = 0, outstanding = 0;
  for (const MonthAcc& m : a.month) {
    net += double(m.chargeoff_fen - m.recoveries_fen);
    outstanding += double(m.outstanding_fen);
  }
  return pct(net * 12.0, outstanding);
}

}  // namespace

CalibrationFigures measure_calibration(const RunAcc& base, const RunAcc* stress) {
  CalibrationFigures f;
  const std::size_t n = base.month.size();
  double dq90 = 0, dq1 = 0;
  std::size_t k = 0;
  for (std::size_t m = n / 2; m < n; ++m, ++k) {
    const MonthAcc& a = base.month[m];
    dq90 += pct(double(a.outstanding_90p_fen), double(a.outstanding_fen));
    dq1 += pct(double(a.outstanding_fen - a.bucket_fen[0]), double(a.outstanding_fen));
  }
  if (k > 0) {
    f.dq90_pct = dq90 / double(k);
    f.dq1_pct = dq1 / double(k);
  }
  std::int64_t due = 0, fpd30 = 0;
  for (std::size_t v = 0; v < base.fpd_due.size(); ++v) {
    due += base.fpd_due[v];
    fpd30 += base.fpd30[v];
  }
  f.fpd30_pct = pct(double(fpd30), double(due));
  f.annual_loss_pct = annual_loss_pct(base);
  if (stress && f.annual_loss_pct > 0) f.stress_loss_multiple = annual_loss_pct(*stress) / f.annual_loss_pct;
  return f;
}

std::vector<CalibrationCheck> check_calibration(const CalibrationFigures& f) {
  std::vector<CalibrationCheck> out;
  for (const CalibrationTarget& t : calibration_targets()) {
    CalibrationCheck c;
    c.target = t;
    if (t.key == "dq90") c.measured = f.dq90_pct;
    else if (t.key == "dq1") c.measured = f.dq1_pct;
    else if (t.key == "fpd30") c.measured = f.fpd30_pct;
    else if (t.key == "stress_loss_multiple") c.measured = f.stress_loss_multiple;
    c.inside = c.measured && *c.measured >= t.lo && *c.measured <= t.hi;
    out.push_back(c);
  }
  return out;
}

std::string CalibrationCheck::sentence() const {
  char buf[160];
  const bool pct_unit = target.unit == "%";
  if (!measured) {
    std::snprintf(buf, sizeof buf, "%s was not measured (it needs a stress run)", target.figure.c_str());
    return buf;
  }
  std::snprintf(buf, sizeof buf, pct_unit ? "%s %.2f%% is %s %.1f-%.1f%%" : "%s %.2fx is %s %.1f-%.1fx", target.figure.c_str(), *measured,
                inside ? "inside" : "outside", target.lo, target.hi);
  return std::string(buf) + " (source: " + target.source + ")";
}

}  // namespace finlab::sim
