// Policy lab panel, Results tab: a run's KPI cards (with the events each rests
// on), charts, every total, the value of behaviour data, the swap-in /
// swap-out matrix and the score drift, each table with its CSV download.
// Draws the LabView only.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "web/policy_lab_kpis.hpp"
#include "web/policy_lab_panel.hpp"

namespace finlab::web::lab_panel {

namespace {

// A table of display strings with its CSV button; `levels` (when given)
// colours the last column: 1 moderate, 2 significant.
void plain_table(Ui& ui, const LabTable& t, LabIntents& out, const std::vector<int>& levels = {}) {
  const int n = static_cast<int>(t.header.size());
  const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (n > 0 && ImGui::BeginTable(t.id.c_str(), n, tf)) {
    for (const auto& h : t.header) ImGui::TableSetupColumn(h.c_str());
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      ImGui::TableNextRow();
      for (int c = 0; c < n && c < static_cast<int>(t.rows[i].size()); ++c) {
        ImGui::TableNextColumn();
        const int level = (c == n - 1 && i < levels.size()) ? levels[i] : 0;
        if (level == 2) ImGui::TextColored(kWorse, "▼ %s", t.rows[i][c].c_str());
        else if (level == 1) ImGui::TextColored(kWarn, "△ %s", t.rows[i][c].c_str());
        else ImGui::TextUnformatted(t.rows[i][c].c_str());
      }
    }
    ImGui::EndTable();
  }
  ui.name_item("policy_lab.table." + t.id);
  csv_button(ui, t.id.c_str(), out);
}

void totals_section(Ui& ui, const LabRunView& r, LabIntents& out) {
  if (!section(ui, "All totals", "all_totals", "policy_lab.all_totals", false)) return;
  if (ImGui::BeginTable("totals", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    for (const auto& t : r.totals) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(kpi_label(t.name, ui.lang()).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.value.c_str());
    }
    ImGui::EndTable();
  }
  csv_button(ui, "totals", out);
}

// One cell of the swap matrix: users, expected and observed bad rate.
// Wrapped inside the cell: a narrow phone column never clips a figure.
void swap_cell(Ui& ui, const LabSwapCell& c) {
  ui.wrapped(c.users + " " + ui.tr("users"));
  if (c.expected != "–") ui.wrapped_dim(std::string(ui.tr("expected")) + " " + c.expected);
  const std::string bads = c.bads + " " + ui.tr("bads") + " (" + c.observed + ")";
  if (c.few) ui.wrapped("⚠ " + bads, kWarn);
  else ui.wrapped_dim(bads);
}

void swap_matrix(Ui& ui, const LabSwap& s, LabIntents& out) {
  ImGui::TextUnformatted(ui.tr("Swap-in / swap-out: who A and B approve"));
  ui.wrapped_dim(s.a_rule);
  ui.wrapped_dim(s.b_rule);
  const ImGuiTableFlags tf = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame;
  if (ImGui::BeginTable("swap_matrix", 4, tf)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn(ui.tr("B approves"));
    ImGui::TableSetupColumn(ui.tr("B declines"));
    ImGui::TableSetupColumn(ui.tr("Total"));
    ImGui::TableHeadersRow();
    const char* rows[3] = {"A approves", "A declines", "Total"};
    for (int a = 0; a < 3; ++a) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ui.tr(rows[a]));
      for (int b = 0; b < 3; ++b) {
        ImGui::TableNextColumn();
        if ((a == 0 && b == 1) || (a == 1 && b == 0)) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(255, 236, 214, 255));
        swap_cell(ui, s.cell[a][b]);
      }
    }
    ImGui::EndTable();
  }
  ui.name_item("policy_lab.swap_matrix");
  ui.help_text("Swap-out (A approves, B declines) and swap-in (A declines, B approves) are the users the behaviour data changes; their bad rates say whether the change is good.");
  csv_button(ui, "swap", out);
}

void analyses_section(Ui& ui, const LabRunView& r, LabIntents& out) {
  if (!section(ui, "Value of behaviour data and swap-in / swap-out", "analyses", "policy_lab.analyses", false)) return;
  if (!r.swap.present) {
    ui.help_text("No analyses stored with this run.");
    return;
  }
  ImGui::TextUnformatted(ui.tr("Value of behaviour data"));
  plain_table(ui, r.value_table, out);
  ImGui::TextUnformatted(r.value_gain.c_str());
  ImGui::Separator();
  swap_matrix(ui, r.swap, out);
  if (!r.history_table.rows.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted(ui.tr("History the scorecard learned from"));
    plain_table(ui, r.history_table, out);
  }
  ImGui::Separator();
  ImGui::TextUnformatted(ui.tr("Selection-bias report"));
  ui.help_text("For each reject-inference method: the bad rate the team's card predicts for the applicants the incumbent declined and it now approves (swap-ins), next to the bad rate they really have (finlab sim selection).");
  if (ImGui::Button(ui.label(r.selection_present ? "Train the five cards again" : "Train the five cards and compare", "selection").c_str())) out.selection_report = true;
  ui.name_item("policy_lab.selection_button");
  if (!r.selection_error.empty()) ImGui::TextColored(kWorse, "%s", r.selection_error.c_str());
  if (r.selection_present) {
    scroll_table(ui, r.selection_table, out);
    ui.wrapped_dim(r.selection_note);
  }
}

void drift_section(Ui& ui, const LabRunView& r, LabIntents& out) {
  if (!section(ui, "Score drift (monitoring)", "drift", "policy_lab.drift", false)) return;
  const ImVec4 col = r.drift_level == 2 ? kWorse : (r.drift_level == 1 ? kWarn : kOk);
  ImGui::TextColored(col, "%s", r.drift_verdict.c_str());
  ui.name_item("policy_lab.drift_verdict");
  ImGui::TextDisabled("%s", r.drift_thresholds.c_str());
  ui.help_text("Score PSI by month: the applicants of each month against the scorecard's training distribution (the PSI column of finlab sim show); verdicts as finlab score monitor gives them.");
  chart_block(ui, r.drift_chart, "Score PSI by month");
  plain_table(ui, r.drift_months, out, r.drift_levels);
  ImGui::Separator();
  ImGui::TextUnformatted(ui.tr("Feature stability (CSI)"));
  ui.wrapped_dim(r.drift_note);
  if (!r.drift_features.rows.empty()) plain_table(ui, r.drift_features, out, r.drift_feature_levels);
}

}  // namespace

void results_tab(Ui& ui, const LabView& v, LabIntents& out) {
  const LabRunView& r = v.current;
  if (!r.present) {
    ui.help_text("No run to show yet. Edit the policy, choose the scenario, population size and seed above and press Run; or open a runs database made by finlab sim in the Runs tab.");
    if (ImGui::Button(ui.label("Go to Runs", "goto_runs").c_str())) out.tab = LabTab::runs;
    ui.name_item("policy_lab.goto_runs");
    return;
  }
  if (ui.big_font) ImGui::PushFont(ui.big_font);
  ui.wrapped(r.title);  // a phone is narrower than "Run 2 · name · date · seed"
  if (ui.big_font) ImGui::PopFont();
  ui.name_item("policy_lab.run_title");
  ui.wrapped_dim(r.subtitle);
  const int cols = ui.compact() ? 2 : 4;
  if (ImGui::BeginTable("kpis", cols, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
    for (const LabKpi& k : r.kpis) {
      ImGui::TableNextColumn();
      ui.figure(k.key, k.label, k.value, k.explain, true);
      if (k.basis.empty()) continue;
      if (k.few) ui.wrapped("⚠ " + k.basis + " · " + ui.tr("few events"), kWarn);
      else ui.wrapped_dim(k.basis);
      ui.name_item(k.key + ".basis");
    }
    ImGui::EndTable();
  }
  ui.help_text("⚠ marks a figure resting on fewer than 30 events (loans, charge-offs, bads): a rate from so few cases is uncertain.");
  ImGui::Separator();
  static const char* kTitles[] = {"Monthly approval rate", "Losses by month (charge-offs and recoveries, ¥)", "Net profit by month (¥)",
                                  "Vintage curves: share of loans ever 30+ days past due, by months on book",
                                  "Score distribution of the population (users per 20-point band)", "活期宝 fund balance at month end (¥)"};
  const int ncharts = static_cast<int>(std::min<std::size_t>(r.charts.size(), 6));
  auto note = [&](int i) { return i < static_cast<int>(r.chart_notes.size()) ? r.chart_notes[i] : std::string(); };
  if (ui.compact()) {
    for (int i = 0; i < ncharts; ++i) chart_block(ui, r.charts[i], kTitles[i], note(i));
  } else if (ImGui::BeginTable("charts", 2, ImGuiTableFlags_SizingStretchSame)) {
    for (int i = 0; i < ncharts; ++i) {
      ImGui::TableNextColumn();
      chart_block(ui, r.charts[i], kTitles[i], note(i));
    }
    ImGui::EndTable();
  }
  totals_section(ui, r, out);
  pnl_section(ui, r, out);
  quality_section(ui, r, out);
  analyses_section(ui, r, out);
  drift_section(ui, r, out);
}

}  // namespace finlab::web::lab_panel
