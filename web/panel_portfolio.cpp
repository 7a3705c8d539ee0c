// Portfolio panel: plan inputs (定投 and 活期宝), a Monte Carlo run with a
// progress bar, the percentile fan, the outcome distribution, return figures
// and the median path's holdings and transactions with fees.
#include <imgui.h>
#include <algorithm>
#include <imgui_stdlib.h>

#include "web/a11y.hpp"
#include "web/portfolio_view.hpp"

namespace finlab::web {

namespace {

bool text(Ui& ui, const char* label_en, const char* id, std::string& value, const std::string& name, PortfolioIntents& out, float w,
          ImGuiInputTextFlags flags = ImGuiInputTextFlags_CharsDecimal) {
  ImGui::SetNextItemWidth(ui.px(w));
  const bool c = ImGui::InputText(ui.label(label_en, id).c_str(), &value, flags);
  ui.name_item(name);
  if (ImGui::IsItemActive()) out.editing = true;
  return c;
}

// A combo over translated items; widget names `name` and `name.<i>`.
bool choice(Ui& ui, const char* label_en, const char* id, const std::string& name, const char* const* items_en, int n, int& value, float w) {
  bool changed = false;
  value = std::clamp(value, 0, n - 1);
  ImGui::SetNextItemWidth(ui.px(w));
  if (a11y::begin_combo(ui.label(label_en, id).c_str(), ui.tr(items_en[value]))) {
    for (int i = 0; i < n; ++i) {
      if (ImGui::Selectable(ui.tr(items_en[i]), i == value)) {
        changed = i != value;
        value = i;
      }
      ui.name_item(name + "." + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  ui.name_item(name);
  return changed;
}

// The risk assessment before the first index fund, and the plan's verdict.
void suitability_gate(Ui& ui, const PortfolioView& v, PortfolioForm& f, SuitabilityProfile& profile, PortfolioIntents& out) {
  if (v.gate == 3) {
    out.suitability = draw_suitability(ui, v.suitability, profile, "portfolio.suit");
    return;
  }
  if (v.suitability.assessed) {
    const std::string head = std::string(ui.tr("Risk assessment:")) + " " + v.suitability.category + "###suit_head";
    const bool open = ImGui::TreeNodeEx(head.c_str(), ImGuiTreeNodeFlags_FramePadding);
    ui.name_item("portfolio.suit.head");
    if (open) {
      out.suitability = draw_suitability(ui, v.suitability, profile, "portfolio.suit");
      ImGui::TreePop();
    }
  }
  if (v.gate == 1 || v.gate == 2) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.80f, 0.45f, 0.05f, 1), "%s", v.gate_text.c_str());
    ImGui::PopTextWrapPos();
    ui.name_item("portfolio.gate");
  }
  if (v.gate == 1 || (v.gate == 0 && f.sign_warning)) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(v.warning_text.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Checkbox(ui.label("I have read the risk mismatch warning and sign it", "sign").c_str(), &f.sign_warning)) out.changed = true;
    ui.name_item("portfolio.sign_warning");
  }
}

void inputs(Ui& ui, const PortfolioView& v, PortfolioForm& f, SuitabilityProfile& profile, PortfolioIntents& out) {
  const float w = ui.compact() ? 130.0f : 150.0f;
  const std::string plan_label = ui.label("Plan", "plan");
  ImGui::SetNextItemWidth(ui.px(ui.compact() ? 230 : 280));
  const char* preview = f.plan >= 0 && f.plan < static_cast<int>(v.plan_names.size()) ? v.plan_names[static_cast<std::size_t>(f.plan)].c_str() : "";
  if (a11y::begin_combo(plan_label.c_str(), preview)) {
    for (int i = 0; i < static_cast<int>(v.plan_names.size()); ++i) {
      const std::string shown = v.plan_names[static_cast<std::size_t>(i)] + "###plan" + std::to_string(i);
      if (ImGui::Selectable(shown.c_str(), i == f.plan)) {
        if (i != f.plan) out.template_changed = true;
        f.plan = i;
        out.changed = true;
      }
      ui.name_item("portfolio.plan." + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  ui.name_item("portfolio.plan");
  bool c = false;
  c |= text(ui, "Initial deposit (¥)", "initial", f.initial_deposit, "portfolio.initial_deposit", out, w);
  c |= text(ui, "Monthly deposit into 活期宝 (¥)", "deposit", f.monthly_deposit, "portfolio.monthly_deposit", out, w);
  c |= text(ui, "定投 amount (¥)", "invest", f.invest_amount, "portfolio.invest_amount", out, w);
  static const char* kEvery[] = {"every month", "every week"};
  c |= choice(ui, "定投 schedule", "every", "portfolio.invest_every", kEvery, 2, f.invest_every, w);
  if (f.invest_every == 0) {
    c |= text(ui, "定投 day of the month", "day", f.invest_day, "portfolio.invest_day", out, w);
  } else {
    static const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    c |= choice(ui, "定投 weekday", "weekday", "portfolio.invest_weekday", kWeekdays, 7, f.invest_weekday, w);
  }
  c |= text(ui, "活期宝 yield (% a year)", "yield", f.huoqibao_yield, "portfolio.huoqibao_yield", out, w);
  if (!f.targets.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", ui.tr("Target allocation (% of the portfolio)"));
    for (std::size_t i = 0; i < f.targets.size(); ++i) {
      const std::string& label = i < v.target_names.size() ? v.target_names[i] : f.targets[i].first;
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(ui.px(w));
      // "###": the ID ignores the label, which changes (fund name or id) while the user types.
      c |= ImGui::InputText((label + "###target").c_str(), &f.targets[i].second, ImGuiInputTextFlags_CharsDecimal);
      ui.name_item("portfolio.target." + f.targets[i].first);
      if (ImGui::IsItemActive()) out.editing = true;
      ImGui::PopID();
    }
    if (!v.rebalance_rule.empty()) ImGui::TextDisabled("%s", v.rebalance_rule.c_str());
  }
  ImGui::Spacing();
  c |= text(ui, "Paths", "paths", f.paths, "portfolio.paths", out, w);
  c |= text(ui, "Years", "years", f.years, "portfolio.years", out, w);
  c |= text(ui, "Seed", "seed", f.seed, "portfolio.seed", out, w);
  out.changed |= c;
  if (!v.plan_error.empty()) {
    ui.error_text(v.plan_error);
    ui.name_item("portfolio.error");
  } else {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", v.plan_summary.c_str());
    ImGui::PopTextWrapPos();
  }
  if (v.running) {
    if (ImGui::Button(ui.label("Cancel", "cancel").c_str())) out.cancel = true;
    ui.name_item("portfolio.cancel");
    ImGui::ProgressBar(v.progress, ImVec2(-1, 0), v.progress_text.c_str());
    ui.name_item("portfolio.progress");
  } else {
    suitability_gate(ui, v, f, profile, out);
    ImGui::BeginDisabled(!v.plan_error.empty() || v.gate >= 2 || (v.gate == 1 && !f.sign_warning));
    if (ImGui::Button(ui.label("Run the projection", "run").c_str())) out.run = true;
    ImGui::EndDisabled();
    ui.name_item("portfolio.run");
  }
  ui.same_line_if_fits(ui.tr("Download the plan (JSON)"));
  if (ImGui::Button(ui.label("Download the plan (JSON)", "download").c_str())) out.download_plan = true;
  ui.name_item("portfolio.download_plan");
}

void figures(Ui& ui, const std::vector<PortfolioFigure>& figs, const char* id, bool big_first) {
  const int cols = ui.compact() ? 2 : 4;
  if (!ImGui::BeginTable(id, cols, ImGuiTableFlags_SizingStretchSame)) return;
  for (std::size_t i = 0; i < figs.size(); ++i) {
    ImGui::TableNextColumn();
    if (figs[i].label) {
      ui.figure(figs[i].key, figs[i].label, figs[i].value, figs[i].explain, big_first && i == 0);
      ui.key_number(figs[i].key, figs[i].label, figs[i].value);
    } else {
      ui.figure_text(figs[i].key, figs[i].label_text, figs[i].value, figs[i].explain);
      ui.key_number_shown(figs[i].key, figs[i].label_text, figs[i].value);
    }
  }
  ImGui::EndTable();
}

void results(Ui& ui, const PortfolioView& v) {
  if (!v.has_result) {
    ui.help_text("Run the projection to see the range of outcomes of this plan.");
    return;
  }
  ImGui::TextUnformatted(v.result_title.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%s", v.elapsed.c_str());
  figures(ui, v.figures, "figures", true);
  chart(ui, v.fan_chart);
  chart(ui, v.outcome_chart);
  ui.section("The median path's own figures");
  ui.help_text("The median path is the one path whose end value is the median. Its own return and drawdown are shown here; the figures above are medians taken figure by figure across all paths, so they can differ.");
  figures(ui, v.median_figures, "median", false);
  if (ImGui::BeginTable("holdings", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(ui.tr("Holding at the end"));
    ImGui::TableSetupColumn(ui.tr("Value"));
    ImGui::TableHeadersRow();
    for (const auto& [k, val] : v.holdings) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::TextUnformatted(k.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(val.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::TextUnformatted(ui.tr("Transactions (with fees)"));
  const int cols = ui.compact() ? 4 : 7;
  // The figures' columns fit their contents (never clipped: "申购 csi300", "10,000.00"); the
  // explanation takes the rest of the width, its whole text in the tooltip.
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("tx", cols, flags, ImVec2(0, ui.px(260)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.tr("Date"));
    ImGui::TableSetupColumn(ui.tr("What"));
    ImGui::TableSetupColumn(ui.tr("Amount"));
    ImGui::TableSetupColumn(ui.tr("Fee"));
    if (!ui.compact()) {
      ImGui::TableSetupColumn(ui.tr("Shares"));
      ImGui::TableSetupColumn(ui.tr("NAV"));
      ImGui::TableSetupColumn(ui.tr("Why"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    }
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(v.transactions.size()));
    while (clip.Step()) {
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const PortfolioTxRow& r = v.transactions[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::TextUnformatted(r.date.c_str());
        ImGui::TableNextColumn(); ImGui::Text("%s %s", r.kind.c_str(), r.fund.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(r.amount.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(r.fee.c_str());
        if (!ui.compact()) {
          ImGui::TableNextColumn(); ImGui::TextUnformatted(r.shares.c_str());
          ImGui::TableNextColumn(); ImGui::TextUnformatted(r.nav.c_str());
          ImGui::TableNextColumn(); ImGui::TextUnformatted(r.note.c_str());
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.note.c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  ui.name_item("portfolio.transactions");
}

}  // namespace

PortfolioIntents draw_portfolio_panel(Ui& ui, const PortfolioView& v, PortfolioForm& form, SuitabilityProfile& profile) {
  PortfolioIntents out;
  if (!ui.compact() && ImGui::BeginTable("layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("inputs", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("results", ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableNextColumn();
    inputs(ui, v, form, profile, out);
    ImGui::TableNextColumn();
    results(ui, v);
    ImGui::EndTable();
  } else {
    inputs(ui, v, form, profile, out);
    ImGui::Separator();
    results(ui, v);
  }
  return out;
}

}  // namespace finlab::web
