// The risk questionnaire (风险承受能力评估) drawn inside a panel before its
// first investment product, and once assessed, the class C1..C5 with what it
// allows for every product finlab offers. Draws a SuitabilityView; computes
// nothing (the answers go to SuitabilityProfile, which asks core/suitability).
#include <imgui.h>

#include <algorithm>

#include "web/a11y.hpp"
#include "web/suitability_view.hpp"

namespace finlab::web {

namespace {

void questionnaire(Ui& ui, const SuitabilityView& v, SuitabilityProfile& profile, const std::string& prefix, SuitabilityIntents& out) {
  ui.section("Risk assessment (风险承受能力评估)");
  ui.help_text("Before your first investment product the law asks us to assess your risk tolerance. Your answers class you C1 (lowest) to C5; each product has a level R1 to R5 and you may buy up to your class.");
  auto& answers = profile.answers();
  answers.resize(v.questions.size(), -1);
  const float w = ui.compact() ? ui.css_size().x - 40.0f : 380.0f;
  for (std::size_t i = 0; i < v.questions.size(); ++i) {
    const QuestionView& q = v.questions[i];
    const std::string name = prefix + ".q." + std::to_string(i);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("%zu. %s", i + 1, q.text.c_str());
    ImGui::PopTextWrapPos();
    int& a = answers[i];
    const char* preview = a >= 0 && a < static_cast<int>(q.options.size()) ? q.options[static_cast<std::size_t>(a)].c_str() : ui.tr("Choose an answer");
    ImGui::SetNextItemWidth(ui.px(w));
    // The visible label is the question above; the combo's own label names it for screen readers.
    const std::string label = "##" + name;
    ImGui::PushID(static_cast<int>(i));
    if (a11y::begin_combo(label.c_str(), preview, 0, q.text.c_str())) {
      for (std::size_t k = 0; k < q.options.size(); ++k) {
        if (ImGui::Selectable(q.options[k].c_str(), a == static_cast<int>(k))) {
          a = static_cast<int>(k);
          out.changed = true;
        }
        ui.name_item(name + "." + std::to_string(k));
      }
      ImGui::EndCombo();
    }
    ImGui::PopID();
    ui.name_item(name);
  }
  const bool ready = profile.complete();
  ImGui::BeginDisabled(!ready);
  if (ImGui::Button(ui.label("See my result", "suit_submit").c_str())) out.submit = true;
  ImGui::EndDisabled();
  ui.name_item(prefix + ".submit");
  if (!ready) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", ui.tr("Answer every question first."));
  }
  if (!v.error.empty()) ui.error_text(v.error);
}

void result(Ui& ui, const SuitabilityView& v, const std::string& prefix, SuitabilityIntents& out) {
  ui.section("Your risk assessment");
  ImGui::Text("%s %s", ui.tr("Class"), v.category.c_str());
  ui.name_item(prefix + ".category");
  ImGui::SameLine();
  ImGui::TextDisabled("%s %s · %s %s", ui.tr("score"), v.score.c_str(), ui.tr("valid until"), v.expires.c_str());
  ui.key_number(prefix + ".category", "Risk class", v.category);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", v.why.c_str());
  ImGui::PopTextWrapPos();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
  if (ImGui::BeginTable("suit_products", 3, flags)) {
    ImGui::TableSetupColumn(ui.tr("Product"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(ui.tr("Level"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn(ui.tr("For you"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    for (const auto& p : v.products) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.product.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.level.c_str());
      ImGui::TableNextColumn();
      const ImVec4 colour = p.tone == 0 ? ImVec4(0.15f, 0.55f, 0.25f, 1) : p.tone == 1 ? ImVec4(0.80f, 0.50f, 0.05f, 1) : ImVec4(0.85f, 0.25f, 0.20f, 1);
      ImGui::TextColored(colour, "%s", p.verdict.c_str());
    }
    ImGui::EndTable();
  }
  if (ImGui::Button(ui.label("Assess again", "suit_reassess").c_str())) out.reassess = true;
  ui.name_item(prefix + ".reassess");
}

}  // namespace

SuitabilityIntents draw_suitability(Ui& ui, const SuitabilityView& v, SuitabilityProfile& profile, const std::string& prefix) {
  SuitabilityIntents out;
  ImGui::PushID(prefix.c_str());
  if (v.assessed) result(ui, v, prefix, out);
  else questionnaire(ui, v, profile, prefix, out);
  ImGui::PopID();
  return out;
}

}  // namespace finlab::web
