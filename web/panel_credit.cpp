// Credit score panel: behaviour profile (sliders grouped by consent category,
// one consent switch per category with what it reads and why), the score with
// its band, PD, reason codes and categories used, the exact counterfactual,
// what withdrawing one consent changes, the policy's offer, "delete my data".
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "web/a11y.hpp"
#include "web/credit_view.hpp"

namespace finlab::web {

namespace {

void profile(Ui& ui, const CreditView& v, CreditForm& f, CreditIntents& out) {
  for (const CreditCategoryGroup& g : v.groups) {
    ImGui::PushID(g.id.c_str());
    ImGui::Spacing();
    if (g.always) {
      ImGui::TextUnformatted(g.title.c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s", ui.tr("(always used)"));
    } else {
      bool on = (f.consent_bits >> g.category) & 1u;
      if (ImGui::Checkbox(g.title.c_str(), &on)) {
        f.consent_bits = on ? (f.consent_bits | (1u << g.category)) : (f.consent_bits & ~(1u << g.category));
        out.changed = true;
      }
      ui.name_item("credit.consent." + g.id);
      if (g.used) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.0f, 0.45f, 0.7f, 1), "%s", ui.tr("used by the score"));
      }
    }
    ImGui::Indent();
    ui.wrapped_dim(std::string(ui.tr("Reads:")) + " " + ui.tr(g.reads));
    ui.wrapped_dim(std::string(ui.tr("Why:")) + " " + ui.tr(g.why));
    if (!g.granted) {
      ImGui::TextDisabled("%s", ui.tr("Not shared: the score does not read these."));
    } else {
      if (g.pending) {
        ui.wrapped(ui.tr("Shared, but not used yet: enter your own values below. The score reads this category only once every value is entered; nothing is guessed for you."),
                   ImVec4(0.80f, 0.45f, 0.05f, 1));
      }
      for (const CreditFeatureRow& r : g.features) {
        double& value = f.values[static_cast<std::size_t>(r.index)];
        ImGui::SetNextItemWidth(ui.px(ui.compact() ? 170 : 220));
        bool changed = false;
        if (r.missing && !r.ordinal) {
          // No value yet: an empty field with the range and unit; used on Enter.
          std::string& typed = f.typed[r.index];
          const bool enter = ImGui::InputTextWithHint(r.label.c_str(), r.hint.c_str(), &typed,
                                                      ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
          if (enter || ImGui::IsItemDeactivatedAfterEdit()) out.commit_typed = true;
          if (ImGui::IsItemActive()) out.editing = true;
          ui.name_item("credit.feature." + r.name);
          if (!r.error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", r.error.c_str());
          continue;
        }
        if (r.ordinal) {
          int level = std::isnan(value) ? -1 : static_cast<int>(value);
          const char* preview = level >= 0 && level < static_cast<int>(r.levels.size()) ? ui.tr(r.levels[static_cast<std::size_t>(level)].c_str()) : ui.tr("Choose…");
          if (a11y::begin_combo(r.label.c_str(), preview)) {
            for (int i = 0; i < static_cast<int>(r.levels.size()); ++i) {
              const std::string shown = std::string(ui.tr(r.levels[static_cast<std::size_t>(i)].c_str())) + "###level" + std::to_string(i);
              if (ImGui::Selectable(shown.c_str(), i == level)) {
                value = i;
                changed = true;
              }
              ui.name_item("credit.feature." + r.name + "." + std::to_string(i));
            }
            ImGui::EndCombo();
          }
        } else {
          float x = std::isnan(value) ? r.min : static_cast<float>(value);
          char fmt[16];
          std::snprintf(fmt, sizeof fmt, "%%.%df", r.decimals);
          if (ImGui::SliderFloat(r.label.c_str(), &x, r.min, r.max, fmt, ImGuiSliderFlags_AlwaysClamp)) {
            // Values are recorded to the schema's decimals (what a CSV would hold).
            const double scale = std::pow(10.0, r.decimals);
            value = std::round(static_cast<double>(x) * scale) / scale;
            changed = true;
          }
          a11y::mark_last(a11y::Role::slider, r.label);
          if (ImGui::IsItemActive()) out.editing = true;
        }
        ui.name_item("credit.feature." + r.name);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.meaning.c_str());
        if (r.used_by_model) {
          ImGui::SameLine();
          ImGui::TextColored(ImVec4(0.0f, 0.45f, 0.7f, 1), "•");
        }
        out.changed |= changed;
      }
    }
    ImGui::Unindent();
    ImGui::PopID();
  }
}

// The score on a bar from the lowest to the highest score the model can give,
// shaded by band with each band's lower edge written under the bar.
void score_gauge(Ui& ui, const CreditView& v) {
  if (v.gauge_hi <= v.gauge_lo || v.band_names.empty()) return;
  const int lo = std::min(v.gauge_lo, v.band_edges.empty() ? v.gauge_lo : v.band_edges.front() - 20);
  const int hi = std::max(v.gauge_hi, v.band_edges.empty() ? v.gauge_hi : v.band_edges.back() + 20);
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = ui.px(14);
  const float text_h = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto x_of = [&](int s) { return p.x + w * static_cast<float>(s - lo) / static_cast<float>(hi - lo); };
  static const ImU32 kBand[] = {IM_COL32(214, 96, 77, 255), IM_COL32(244, 165, 130, 255), IM_COL32(253, 219, 199, 255),
                                IM_COL32(209, 229, 240, 255), IM_COL32(146, 197, 222, 255), IM_COL32(67, 147, 195, 255)};
  for (std::size_t b = 0; b < v.band_names.size(); ++b) {
    const int from = b == 0 ? lo : v.band_edges[b - 1];
    const int to = b < v.band_edges.size() ? v.band_edges[b] : hi;
    const float x0 = x_of(from), x1 = x_of(to);
    dl->AddRectFilled(ImVec2(x0, p.y), ImVec2(x1, p.y + h), kBand[std::min<std::size_t>(b, 5)]);
    const ImVec2 ts = ImGui::CalcTextSize(v.band_names[b].c_str());
    dl->AddText(ImVec2((x0 + x1 - ts.x) * 0.5f, p.y + (h - ts.y) * 0.5f), IM_COL32(20, 20, 30, 255), v.band_names[b].c_str());
    if (b > 0) {
      const std::string e = std::to_string(from);
      const ImVec2 es = ImGui::CalcTextSize(e.c_str());
      dl->AddText(ImVec2(x0 - es.x * 0.5f, p.y + h), IM_COL32(90, 94, 102, 255), e.c_str());
    }
  }
  const std::string l = std::to_string(lo), r = std::to_string(hi);
  dl->AddText(ImVec2(p.x, p.y + h), IM_COL32(90, 94, 102, 255), l.c_str());
  dl->AddText(ImVec2(p.x + w - ImGui::CalcTextSize(r.c_str()).x, p.y + h), IM_COL32(90, 94, 102, 255), r.c_str());
  const float sx = x_of(std::clamp(v.gauge_score, lo, hi));
  dl->AddTriangleFilled(ImVec2(sx, p.y + h), ImVec2(sx - ui.px(6), p.y - ui.px(6)), ImVec2(sx + ui.px(6), p.y - ui.px(6)), IM_COL32(20, 20, 30, 255));
  ImGui::Dummy(ImVec2(w, h + text_h));
  ui.name_item("credit.gauge");
  ImGui::TextDisabled("%s %d–%d", ui.tr("Score range of this model (points):"), lo, hi);
}

void results(Ui& ui, const CreditView& v, CreditForm& f, CreditIntents& out) {
  if (ImGui::BeginTable("figures", 3, ImGuiTableFlags_SizingStretchSame)) {
    for (std::size_t i = 0; i < v.figures.size(); ++i) {
      ImGui::TableNextColumn();
      ui.figure(v.figures[i].key, v.figures[i].label, v.figures[i].value, v.figures[i].explain, i == 0);
      ui.key_number(v.figures[i].key, v.figures[i].label, v.figures[i].value);
    }
    ImGui::EndTable();
  }
  score_gauge(ui, v);
  ImGui::TextDisabled("%s", ui.tr("Data used:"));
  ImGui::SameLine();
  ui.wrapped(v.categories_used);
  ui.name_item("credit.categories_used");
  ui.key_number("credit.categories_used", "Data used:", v.categories_used);

  ui.section("What lowered the score");
  if (v.reasons.empty()) ui.help_text("Nothing: every factor is in its best range.");
  for (std::size_t i = 0; i < v.reasons.size(); ++i) {
    ImGui::Bullet();
    ui.explain_link("credit.reason." + std::to_string(i), v.reasons[i], v.reason_explain[i]);
  }

  ui.section("What would raise my score");
  ui.wrapped(v.cf_title);
  for (const std::string& c : v.cf_changes) {
    ImGui::Bullet();
    ui.wrapped(c);
  }
  if (v.cf_applicable) {
    if (ImGui::Button(ui.label("Try these changes", "apply_cf").c_str())) out.apply_counterfactual = true;
    ui.name_item("credit.apply_counterfactual");
  }

  ui.section("If you withdraw one consent");
  if (v.withdraw.empty()) ui.help_text("No behaviour data is shared, so there is nothing to withdraw.");
  else if (ImGui::BeginTable("withdraw", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(ui.tr("Withdraw"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(ui.tr("Score"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(ui.tr("Data used then"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    for (const CreditWithdrawRow& r : v.withdraw) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ui.wrapped(r.category);
      ui.name_item("credit.withdraw." + r.id);
      ImGui::TableNextColumn(); ImGui::Text("%s (%s)", r.score.c_str(), r.delta.c_str());
      ImGui::TableNextColumn(); ui.wrapped(r.used);
    }
    ImGui::EndTable();
  }

  ui.section("What the current policy would offer");
  ImGui::SetNextItemWidth(ui.px(140));
  if (ImGui::InputText(ui.label("Monthly income (¥)", "income").c_str(), &f.income, ImGuiInputTextFlags_CharsDecimal)) out.changed = true;
  if (ImGui::IsItemActive()) out.editing = true;
  ui.name_item("credit.income");
  ImGui::TextColored(v.offer_approved ? ImVec4(0.1f, 0.5f, 0.25f, 1) : ImVec4(0.8f, 0.3f, 0.1f, 1), "%s", v.offer_decision.c_str());
  ui.name_item("credit.offer");
  ui.key_number("credit.offer", "Decision", v.offer_decision);
  for (const auto& [label, value] : v.offer) ImGui::Text("%s %s", ui.tr(label), value.c_str());

  ImGui::Separator();
  if (ImGui::Button(ui.label("Another sample user", "sample").c_str())) out.next_sample = true;
  ui.name_item("credit.next_sample");
  ui.same_line_if_fits(ui.tr("Delete my data"));
  if (ImGui::Button(ui.label("Delete my data", "delete").c_str())) out.delete_data = true;
  ui.name_item("credit.delete");
  ui.same_line_if_fits(ui.tr("Download the scorecard (JSON)"));
  if (ImGui::Button(ui.label("Download the scorecard (JSON)", "download").c_str())) out.download_card = true;
  ui.name_item("credit.download_card");
  ImGui::TextDisabled("%s", v.stored_note.c_str());
}

}  // namespace

CreditIntents draw_credit_panel(Ui& ui, const CreditView& v, CreditForm& form) {
  CreditIntents out;
  if (!v.ready) {
    ImGui::TextUnformatted(v.status.c_str());
    ui.name_item("credit.status");
    return out;
  }
  if (!ui.compact() && ImGui::BeginTable("layout", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextColumn();
    ImGui::BeginChild("profile", ImVec2(0, ImGui::GetContentRegionAvail().y), false);
    profile(ui, v, form, out);
    ImGui::EndChild();
    ImGui::TableNextColumn();
    ImGui::BeginChild("results", ImVec2(0, ImGui::GetContentRegionAvail().y), false);
    results(ui, v, form, out);
    ImGui::EndChild();
    ImGui::EndTable();
  } else {
    results(ui, v, form, out);
    ImGui::Separator();
    profile(ui, v, form, out);
  }
  return out;
}

}  // namespace finlab::web
