// Policy lab panel, Results tab: the "Full P&L" section, a horizontal
// waterfall. One row per term of the net profit (interest, penalty, fees,
// then each cost), each labelled in the UI's language with the other
// language under it, a bar from the running total before the term to the one
// after it, and the exact amount; the last row is the net profit from zero.
// Rows rather than columns so that every label stays readable on a phone.
// Draws LabPnlView only (bar extents are plot coordinates; the amounts shown
// are the model's exact strings).
#include <imgui.h>

#include <algorithm>
#include <string>

#include "web/policy_lab_panel.hpp"

namespace finlab::web::lab_panel {

namespace {

const ImU32 kIncome = IM_COL32(0, 158, 115, 255);  // Okabe-Ito bluish green
const ImU32 kCost = IM_COL32(213, 94, 0, 255);     // vermillion
const ImU32 kNet = IM_COL32(0, 114, 178, 255);     // blue

struct Scale {
  double lo = 0, hi = 1;
  float x0 = 0, w = 1;
  float at(double v) const { return x0 + static_cast<float>((v - lo) / (hi - lo)) * w; }
};

Scale scale_of(const LabPnlView& p) {
  Scale s;
  s.lo = 0;
  s.hi = 0;
  for (const auto& st : p.steps) {
    s.lo = std::min({s.lo, st.from, st.to});
    s.hi = std::max({s.hi, st.from, st.to});
  }
  if (s.hi <= s.lo) s.hi = s.lo + 1;
  return s;
}

void label_cell(Ui& ui, const LabPnlStep& st) {
  ui.wrapped(st.label);
  ui.wrapped_dim(st.label_other);
}

// The bar of one term in the space left in its cell; returns the x of its end
// (the running total after the term) for the connector to the next row.
float bar(Ui& ui, const LabPnlStep& st, Scale s, float height, float prev_end, float prev_bottom) {
  const ImVec2 o = ImGui::GetCursorScreenPos();
  s.x0 = o.x + ui.px(2);
  s.w = std::max(ui.px(20), ImGui::GetContentRegionAvail().x - ui.px(4));
  ImGui::Dummy(ImVec2(s.w + ui.px(4), height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float top = o.y + height * 0.2f, bottom = o.y + height * 0.8f;
  const float zero = s.at(0.0);
  dl->AddLine(ImVec2(zero, o.y), ImVec2(zero, o.y + height), IM_COL32(150, 150, 150, 255), ui.px(1));
  if (prev_bottom > 0) dl->AddLine(ImVec2(prev_end, prev_bottom), ImVec2(prev_end, top), IM_COL32(120, 120, 120, 200), ui.px(1));
  float a = s.at(std::min(st.from, st.to)), b = s.at(std::max(st.from, st.to));
  if (b - a < ui.px(2)) b = a + ui.px(2);  // a zero term still shows where it sits
  dl->AddRectFilled(ImVec2(a, top), ImVec2(b, bottom), st.kind == 0 ? kNet : (st.kind > 0 ? kIncome : kCost), ui.px(2));
  return s.at(st.to);
}

}  // namespace

void pnl_section(Ui& ui, const LabRunView& r, LabIntents& out) {
  if (!section(ui, "Full P&L (waterfall)", "pnl", "policy_lab.pnl", false)) return;
  const LabPnlView& p = r.pnl;
  if (!p.present) return;
  ui.wrapped_dim(p.formula);
  const bool compact = ui.compact();
  const Scale s = scale_of(p);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  float value_w = 0;
  for (const auto& st : p.steps) value_w = std::max(value_w, ImGui::CalcTextSize(st.value.c_str()).x);
  const ImGuiTableFlags tf = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (ImGui::BeginTable("pnl_waterfall", compact ? 2 : 3, tf)) {
    ImGui::TableSetupColumn("term", ImGuiTableColumnFlags_WidthStretch, compact ? 1.0f : 0.9f);
    if (!compact) ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("value", compact ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed, compact ? 1.1f : value_w + ui.px(8));
    float prev_end = 0, prev_bottom = -1;
    for (const auto& st : p.steps) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      label_cell(ui, st);
      ImGui::TableNextColumn();
      if (compact) {
        // Phone: the amount over its bar, both beside the labels.
        ImGui::TextUnformatted(st.value.c_str());
        ui.name_item("policy_lab.pnl." + st.key);
      }
      const float y0 = ImGui::GetCursorScreenPos().y;
      const float h = compact ? line : 2 * line;
      prev_end = bar(ui, st, s, h, prev_end, prev_bottom);
      // Connectors join bar to bar on a wide screen; on a phone the amount
      // sits between two bars, so none (a line would cross the figure).
      prev_bottom = compact ? -1.0f : y0 + h * 0.8f;
      if (!compact) {
        ImGui::TableNextColumn();
        const float pad = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(st.value.c_str()).x;
        if (pad > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad);  // right-aligned amounts
        ImGui::TextUnformatted(st.value.c_str());
        ui.name_item("policy_lab.pnl." + st.key);
      }
      ui.key_number("policy_lab.pnl." + st.key, st.label_en, st.value);
    }
    ImGui::EndTable();
  }
  ui.name_item("policy_lab.pnl.waterfall");
  ui.help_text("Green adds to the profit, orange takes from it, blue is the net profit; each bar starts where the one above ended. Amounts are run totals to the fen; they add up to the net profit exactly.");
  csv_button(ui, "pnl", out);
}

}  // namespace finlab::web::lab_panel
