// Policy lab panel, Results tab: the "Credit quality" section (FPD7/FPD30,
// flow rates, the roll-rate matrix, vintage M3+ curves, the five-category
// classification), each table scrolling sideways when it is wider than the
// screen (a phone) and with its CSV download. Draws LabQualityView only.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "web/policy_lab_panel.hpp"

namespace finlab::web::lab_panel {

// A table of display strings in columns as wide as their text. When the
// columns do not fit the panel (a phone) it scrolls sideways with the row
// names frozen; ScrollX needs an exact height: one line per row, the header
// and the scrollbar.
void scroll_table(Ui& ui, const LabTable& t, LabIntents& out) {
  const int n = static_cast<int>(t.header.size());
  if (n == 0) return;
  const ImGuiStyle& st = ImGui::GetStyle();
  float need = 0;
  for (int c = 0; c < n; ++c) {
    float w = ImGui::CalcTextSize(t.header[c].c_str()).x;
    for (const auto& row : t.rows)
      if (c < static_cast<int>(row.size())) w = std::max(w, ImGui::CalcTextSize(row[c].c_str()).x);
    need += w + 2.0f * st.CellPadding.x + 1.0f;
  }
  const bool scroll = need > ImGui::GetContentRegionAvail().x;
  const float row_h = ImGui::GetTextLineHeight() + 2.0f * st.CellPadding.y;
  const float h = scroll ? row_h * static_cast<float>(t.rows.size() + 1) + st.ScrollbarSize + 2.0f * st.CellPadding.y : 0.0f;
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  if (scroll) tf |= ImGuiTableFlags_ScrollX;
  if (ImGui::BeginTable(t.id.c_str(), n, tf, ImVec2(0, h))) {
    if (scroll) ImGui::TableSetupScrollFreeze(1, 0);  // the row's name stays while the figures scroll
    for (const auto& c : t.header) ImGui::TableSetupColumn(c.c_str());
    ImGui::TableHeadersRow();
    for (const auto& row : t.rows) {
      ImGui::TableNextRow();
      for (int c = 0; c < n && c < static_cast<int>(row.size()); ++c) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[c].c_str());
      }
    }
    ImGui::EndTable();
  }
  ui.name_item("policy_lab.table." + t.id);
  csv_button(ui, t.id.c_str(), out);
}

namespace {

void headline(Ui& ui, const char* label_en, const std::string& value, const std::string& name) {
  if (ui.big_font) ImGui::PushFont(ui.big_font);
  ImGui::TextUnformatted(value.c_str());
  if (ui.big_font) ImGui::PopFont();
  ui.name_item(name);
  ImGui::SameLine();
  ui.wrapped(ui.tr(label_en));
}

}  // namespace

void quality_section(Ui& ui, const LabRunView& r, LabIntents& out) {
  if (!section(ui, "Credit quality", "quality", "policy_lab.quality", false)) return;
  const LabQualityView& q = r.quality;
  if (!q.recorded) {
    ui.wrapped_dim(q.note);  // already in the UI's language
    return;
  }
  ui.help_text("The industry's figures, as finlab sim show prints them (definitions: docs/sim.md \"Industry metrics\"). The simulation services loans once a month, so a missed instalment is at least a month overdue: FPD7 counts every missed first instalment.");
  // First payment default.
  ui.section("First payment default by vintage");
  headline(ui, "FPD7: first instalment missed", q.fpd7, "policy_lab.quality.fpd7");
  headline(ui, "FPD30: still unpaid at the second due date", q.fpd30, "policy_lab.quality.fpd30");
  ImGui::TextDisabled("%s", q.fpd_basis.c_str());
  scroll_table(ui, q.fpd, out);
  // Flow rates.
  ui.section("Flow rates by month");
  ui.help_text("Share of the loans in a bucket at the month's start that rolled one bucket further by its end (C = current, Mk = k instalments missed); \"-\" when the bucket was empty.");
  scroll_table(ui, q.flows, out);
  // Roll-rate matrix.
  ui.section("Roll-rate matrix over the run");
  ui.help_text("Rows: the bucket a loan was in at a month's start; columns: where it ended that month (a bucket, paid off, charged off), as a share of the row's loans, pooled over every month.");
  scroll_table(ui, q.rolls, out);
  ui.name_item("policy_lab.quality.roll_matrix");
  // Vintage M3+.
  ui.section("Vintage M3+ (含核销)");
  chart_block(ui, q.m3_chart, "M3+ by vintage: principal 90+ days past due plus principal charged off, ÷ amount booked, by months on book", q.m3_note);
  // Five categories.
  ui.section("Five-category classification of the book (五级分类)");
  ui.help_text("Share of the principal outstanding at each month end by class: current → normal; 1–90 days past due → special mention; 91–270 → substandard; 271–360 → doubtful; beyond → loss (CBIRC/PBOC 2023 Measures for the Risk Classification of Financial Assets). Loans are charged off at the policy's write-off days, so the later classes stay empty.");
  scroll_table(ui, q.classes, out);
}

}  // namespace finlab::web::lab_panel
