// Policy lab, Results tab: the run's analyses as people read them (sim/analysis.hpp
// computes them; this file only lays them out):
//  - value of behaviour data: the behaviour-enhanced score at the policy
//    cutoff and the application-data-only score at the cutoff with the same
//    expected bad rate, side by side;
//  - the swap-in / swap-out matrix: rows approved / declined under A (the
//    application-data-only score, cutoff matched to the same number of
//    approvals), columns approved / declined under B (the behaviour-enhanced
//    score at the policy cutoff); each cell its users, expected bad rate
//    (mean ground-truth PD), observed bads (the generator's 12-month outcome)
//    and observed bad rate; totals by row and column;
//  - the history the scorecard learned from, labelled.
// A rate resting on fewer than kFewEvents events is marked (docs/web.md).
#include <string>

#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"
#include "web/policy_lab_kpis.hpp"

namespace finlab::web::lab {

namespace {

std::string analysis(const sim::StoredRun& r, const std::string& name) {
  for (const auto& t : r.analyses)
    if (t.name == name) return t.value;
  return "";
}

std::int64_t count_of(const sim::StoredRun& r, const std::string& name) {
  const std::string v = analysis(r, name);
  return is_integer_text(v) ? std::stoll(v) : 0;
}

std::string pct(const std::string& v) { return v.empty() ? "–" : v + "%"; }

// Cell [a][b]: a, b = 0 approves, 1 declines (sim's SwapCell order below).
const char* kCell[2][2] = {{"both_approve", "swap_out"}, {"swap_in", "both_decline"}};

LabSwapCell swap_cell(std::int64_t users, std::int64_t bads, const std::string& expected) {
  LabSwapCell c;
  c.users = format_int(users);
  c.bads = format_int(bads);
  c.expected = expected.empty() ? "–" : pct(expected);
  c.observed = users ? sim::percent_of(bads, users) + "%" : "–";
  c.few = bads < kFewEvents;
  return c;
}

}  // namespace

void PolicyLabModel::build_analyses(Ui& ui) {
  LabRunView& v = view_.current;
  const sim::StoredRun& r = current_->run;
  v.swap = LabSwap{};
  v.value_table = LabTable{"value_of_data", {ui.tr("Score"), ui.tr("Cutoff"), ui.tr("Approved"), ui.tr("Approval rate"), ui.tr("Expected bad rate")}, {}};
  v.swap_table = LabTable{"swap", {"A", "B", ui.tr("Users"), ui.tr("Expected bad rate"), ui.tr("Observed bads"), ui.tr("Observed bad rate")}, {}};
  v.history_table = LabTable{"history", {ui.tr("Figure"), ui.tr("Value (as stored)")}, {}};
  if (analysis(r, "swap_champion_cutoff").empty()) return;
  v.value_table.rows.push_back({ui.tr("Behaviour-enhanced score"), analysis(r, "behaviour_cutoff"), format_int(count_of(r, "behaviour_approved")),
                                pct(analysis(r, "behaviour_approval_rate")), pct(analysis(r, "behaviour_bad_rate"))});
  v.value_table.rows.push_back({ui.tr("Application-data-only score"), analysis(r, "application_cutoff"),
                                format_int(count_of(r, "application_approved")), pct(analysis(r, "application_approval_rate")),
                                pct(analysis(r, "application_bad_rate"))});
  v.value_gain = std::string(ui.tr("Approval gain from behaviour data at the same expected bad rate:")) + " " + pct(analysis(r, "approval_gain")) + " " +
                 ui.tr("of the population");
  LabSwap& s = v.swap;
  s.present = true;
  s.a_rule = std::string("A: ") + ui.tr("application-data-only score") + " ≥ " + analysis(r, "swap_champion_cutoff") +
             paren(ui.tr("cutoff matched to B's number of approvals"), ui.lang());
  s.b_rule = std::string("B: ") + ui.tr("behaviour-enhanced score") + " ≥ " + analysis(r, "swap_challenger_cutoff") + paren(ui.tr("the policy's cutoff"), ui.lang());
  std::int64_t users[3][3] = {}, bads[3][3] = {};
  for (int a = 0; a < 2; ++a) {
    for (int b = 0; b < 2; ++b) {
      const std::string k = std::string("swap_") + kCell[a][b];
      users[a][b] = count_of(r, k + "_count");
      bads[a][b] = count_of(r, k + "_bads");
      s.cell[a][b] = swap_cell(users[a][b], bads[a][b], analysis(r, k + "_bad_rate"));
      for (int i : {a, 2}) {
        for (int j : {b, 2}) {
          if (i == a && j == b) continue;
          users[i][j] += users[a][b];
          bads[i][j] += bads[a][b];
        }
      }
    }
  }
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      if (i == 2 || j == 2) s.cell[i][j] = swap_cell(users[i][j], bads[i][j], "");
  const char* word[3] = {"approves", "declines", "total"};
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      const LabSwapCell& c = s.cell[a][b];
      v.swap_table.rows.push_back({ui.tr(word[a]), ui.tr(word[b]), c.users, c.expected, c.bads, c.observed});
    }
  for (const auto& t : r.analyses) {
    if (t.name.rfind("history_", 0) != 0) continue;
    v.history_table.rows.push_back({kpi_label(t.name, ui.lang()), display_total(t.value, t.unit)});
  }
}

}  // namespace finlab::web::lab
