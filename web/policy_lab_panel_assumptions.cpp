// Policy lab panel, Policy tab: the collapsible "Borrower behaviour
// (assumptions)" and "Costs (P&L)" sections, one input per field of the
// policy's "assumptions" and "pnl" objects (lab_extra_fields()), each with its
// unit, its JSON path as a tooltip and the parser's message under it. An
// empty box shows the engine's default greyed and leaves the field out of the
// policy. Edits the form's text buffers only.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "web/policy_lab_panel.hpp"

namespace finlab::web::lab_panel {

namespace {

std::string hint_of(const LabView& v, const std::string& path) {
  const auto it = v.extra_defaults.find(path);
  return it == v.extra_defaults.end() ? std::string() : it->second;
}

std::string label_of(Ui& ui, const LabExtraField& x) { return std::string(ui.tr(x.label_en)) + " (" + ui.tr(x.unit_en) + ")"; }

// The box without a drawn label ("##text": a screen reader reads the text,
// the panel draws it wrapped beside the box so a phone never clips it).
void one_input(Ui& ui, LabPolicyForm& f, LabIntents& out, const std::string& spoken, const std::string& path, const std::string& hint,
               float width_css) {
  ImGui::PushID(path.c_str());
  ImGui::SetNextItemWidth(ui.px(width_css));
  if (ImGui::InputTextWithHint(("##" + spoken).c_str(), hint.c_str(), &f.extra[path])) out.policy_changed = true;
  if (ImGui::IsItemDeactivatedAfterEdit()) out.policy_committed = true;
  ImGui::PopID();
}

void scalar_field(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out, const LabExtraField& x) {
  const std::string path = extra_path(x, 0);
  const std::string label = label_of(ui, x);
  one_input(ui, f, out, label, path, hint_of(v, path), x.kind == LabExtraKind::tax ? 90.0f : 80.0f);
  ui.name_item("policy_lab.x." + path);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
  ImGui::SameLine();
  ui.wrapped(label);
  const auto e = v.field_errors.find(path);
  if (e != v.field_errors.end()) ui.error_text(e->second);
}

// Column head of a list element: the bucket (M1 … M6+) or months on book
// (MOB 1 … MOB 12+); the last value holds on.
std::string head_of(Ui& ui, const LabExtraField& x, int i) {
  const std::string more = i == x.count - 1 ? "+" : "";
  (void)ui;  // "MOB" is the industry's term in Chinese too (MOB1 …)
  if (std::string(x.key) == "cure_pct") return "M" + std::to_string(i + 1) + more;
  return "MOB" + std::to_string(i + 1) + more;
}

// A list (cure by bucket, hazard by months on book): one box per element in
// a row that scrolls sideways on a phone.
void list_field(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out, const LabExtraField& x) {
  const std::string base = std::string(x.section) + "." + x.key;
  const std::string label = label_of(ui, x);
  ui.wrapped(label);
  // Sideways scrolling only when the boxes do not fit (ScrollX needs an exact height).
  const ImGuiStyle& st = ImGui::GetStyle();
  const float box = ui.px(58.0f);
  const bool scroll = static_cast<float>(x.count) * (box + 2.0f * st.CellPadding.x + 1.0f) > ImGui::GetContentRegionAvail().x;
  const float h = scroll ? ImGui::GetTextLineHeight() + ImGui::GetFrameHeight() + 6.0f * st.CellPadding.y + st.ItemSpacing.y + st.ScrollbarSize : 0.0f;
  ImGuiTableFlags tf = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  if (scroll) tf = (tf & ~ImGuiTableFlags_NoHostExtendX) | ImGuiTableFlags_ScrollX;
  if (ImGui::BeginTable(base.c_str(), x.count, tf, ImVec2(0, h))) {
    for (int i = 0; i < x.count; ++i) {
      ImGui::TableSetupColumn(head_of(ui, x, i).c_str());
    }
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    for (int i = 0; i < x.count; ++i) {
      ImGui::TableNextColumn();
      const std::string path = extra_path(x, i);
      one_input(ui, f, out, label + " " + head_of(ui, x, i), path, hint_of(v, path), 58.0f);
      ui.name_item("policy_lab.x." + base + "." + std::to_string(i));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
    }
    ImGui::EndTable();
  }
  ui.name_item("policy_lab.x." + base);  // the whole row (a clipped scrolling table draws no cells)
  // The parser names the element ("assumptions.cure_pct[2]: ...") or the list.
  std::string errs;
  for (auto it = v.field_errors.lower_bound(base); it != v.field_errors.end() && it->first.compare(0, base.size(), base) == 0; ++it) {
    if (it->first.size() > base.size() && it->first[base.size()] != '[') continue;
    errs += (errs.empty() ? "" : "\n") + (it->first.size() > base.size() ? it->first.substr(base.size()) + (ui.lang() == Lang::zh ? "：" : ": ") : std::string()) + it->second;
  }
  if (!errs.empty()) ui.error_text(errs);
}

void fields_of(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out, const char* section_key) {
  for (const LabExtraField& x : lab_extra_fields()) {
    if (std::string(x.section) != section_key) continue;
    if (x.count > 1) list_field(ui, v, f, out, x);
    else scalar_field(ui, v, f, out, x);
  }
  const auto e = v.field_errors.find(section_key);  // the section itself (not an object, unknown key)
  if (e != v.field_errors.end()) ui.error_text(e->second);
}

}  // namespace

void assumptions_sections(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (section(ui, "Borrower behaviour (assumptions)", "sec_assumptions", "policy_lab.sec.assumptions", false)) {
    ui.help_text("How borrowers behave beyond what the policy decides (docs/sim.md \"Roll-rate model\" and \"Default dynamics\", where each default names its source). Leave a box empty for the default shown in grey; a run stores the values it used.");
    fields_of(ui, v, f, out, "assumptions");
  }
  if (section(ui, "Costs (P&L)", "sec_pnl", "policy_lab.sec.pnl", false)) {
    ui.help_text("The full P&L's costs and provisions (docs/sim.md \"Full P&L\"). Leave a box empty for the default shown in grey.");
    fields_of(ui, v, f, out, "pnl");
    bool staged = f.ecl_stages != 0;
    if (ImGui::Checkbox(ui.label("Three-stage ECL (IFRS 9 / CAS 22)", "ecl_stages").c_str(), &staged)) {
      f.ecl_stages = staged ? 1 : 0;
      out.policy_changed = out.policy_committed = true;
    }
    ui.name_item("policy_lab.x.pnl.ecl_stages");
    ui.help_text("Off: the one-stage provision of runs stored before the stages (every bucket at its bucket PD).");
    const auto e = v.field_errors.find("pnl.ecl_stages");
    if (e != v.field_errors.end()) ui.error_text(e->second);
  }
}

void ladder_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (!section(ui, "Credit lines (limit ladder)", "sec_ladder", "policy_lab.sec.ladder", false)) return;
  if (ImGui::Checkbox(ui.label("Keep a credit line and re-score it every month", "ladder_on").c_str(), &f.ladder_on)) {
    out.policy_changed = out.policy_committed = true;
  }
  ui.name_item("policy_lab.f.ladder_on");
  ui.help_text(f.ladder_on ? "The first approved limit becomes a line the user draws on again without a new application. Each month it is re-scored on the "
                             "drifted behaviour score: raised after enough clean months (up to the limit matrix's cell), cut once per episode when the "
                             "score falls below the cut edge or the loan is in arrears, closed below the close edge, ended by a charge-off. "
                             "Leave a box empty for the default shown in grey."
                           : "Off: no lines; a user applies anew after each loan.");
  if (f.ladder_on) fields_of(ui, v, f, out, "credit.limit_ladder");
}

}  // namespace finlab::web::lab_panel
