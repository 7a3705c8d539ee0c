// Policy lab panel: draws a LabView and returns the user's intents. No
// finance and no database here: every figure, error and chart series comes
// from policy_lab_model.cpp; the panel only edits the form's text buffers.
//
// [SECTION] helpers
// [SECTION] run bar
// [SECTION] policy editor
// [SECTION] results
// [SECTION] compare, sweep, runs
// [SECTION] panel
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/a11y.hpp"
#include "web/policy_lab_kpis.hpp"
#include "web/policy_lab_model.hpp"

namespace finlab::web {

namespace {

// [SECTION] helpers -----------------------------------------------------------------

const ImVec4 kOk(0.0f, 0.55f, 0.35f, 1.0f);
const ImVec4 kWarn(0.85f, 0.33f, 0.0f, 1.0f);
const ImVec4 kBetter(0.05f, 0.50f, 0.25f, 1.0f);  // 4.5:1 on the light background
const ImVec4 kWorse(0.75f, 0.10f, 0.10f, 1.0f);

// Errors reported at `path` or below it ("credit.limits_yuan" also shows
// "credit.limits_yuan[2]" and "credit.limits_yuan[2][1]").
std::string errors_at(const LabView& v, const std::string& path) {
  std::string out;
  for (auto it = v.field_errors.lower_bound(path); it != v.field_errors.end(); ++it) {
    const std::string& p = it->first;
    if (p.compare(0, path.size(), path) != 0) break;
    if (p.size() > path.size() && p[path.size()] != '[' && p[path.size()] != '.') continue;
    if (!out.empty()) out += "\n";
    out += (p.size() > path.size() ? p.substr(path.size()) + ": " : std::string()) + it->second;
  }
  return out;
}

void field_error(Ui& ui, const LabView& v, const std::string& path) {
  const std::string e = errors_at(v, path);
  if (e.empty()) return;
  ui.error_text(e);
}

// Names the input box of the last item (a labelled InputText's item rect also
// covers its label, and a click on the label does not focus the box).
void name_box(Ui& ui, const std::string& name, float width_px) {
  ui.name_item(name);
  const bool visible = ui.widgets().at(name).visible;
  const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
  ui.name_rect(name, mn, ImVec2(std::min(mx.x, mn.x + width_px), mx.y), visible);
}

void path_tooltip(const char* path) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path);
}

// One text field of the policy: label, input, its JSON path as a tooltip and
// the validator's message under it.
void text_field(Ui& ui, const LabView& v, LabIntents& out, const char* label_en, const char* id, std::string& value, const char* path,
                float width_css = 120.0f, ImGuiInputTextFlags flags = 0) {
  ImGui::SetNextItemWidth(ui.px(width_css));
  if (ImGui::InputText(ui.label(label_en, id).c_str(), &value, flags)) out.policy_changed = true;
  if (ImGui::IsItemDeactivatedAfterEdit()) out.policy_committed = true;
  name_box(ui, std::string("policy_lab.f.") + id, ui.px(width_css));
  path_tooltip(path);
  field_error(ui, v, path);
}

void same_line_unless_compact(Ui& ui) {
  if (!ui.compact()) ImGui::SameLine(0, ui.px(18));
}

// [SECTION] run bar ----------------------------------------------------------------------

void run_bar(Ui& ui, const LabView& v, LabRunForm& run, LabIntents& out) {
  const bool busy = v.running || v.sweeping;
  ImGui::SetNextItemWidth(ui.px(ui.compact() ? 130 : 150));
  const std::string current = v.scenarios.empty() ? std::string() : ui.tr(v.scenarios[std::clamp(run.scenario, 0, static_cast<int>(v.scenarios.size()) - 1)].c_str());
  if (a11y::begin_combo(ui.label("Scenario", "scenario").c_str(), current.c_str())) {
    for (int i = 0; i < static_cast<int>(v.scenarios.size()); ++i) {
      const std::string shown = std::string(ui.tr(v.scenarios[i].c_str())) + "###" + v.scenarios[i];
      if (ImGui::Selectable(shown.c_str(), i == run.scenario)) {
        run.scenario = i;
        out.settings_committed = true;
      }
      ui.name_item("policy_lab.scenario." + v.scenarios[i]);
    }
    ImGui::EndCombo();
  }
  name_box(ui, "policy_lab.scenario", ui.px(ui.compact() ? 130 : 150));
  if (!v.scenario_description.empty() && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ui.px(360));
    ImGui::TextUnformatted(v.scenario_description.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  auto num = [&](const char* label, const char* id, std::string& s, float w) {
    ImGui::SetNextItemWidth(ui.px(w));
    ImGui::InputText(ui.label(label, id).c_str(), &s, ImGuiInputTextFlags_CharsDecimal);
    if (ImGui::IsItemDeactivatedAfterEdit()) out.settings_committed = true;
    name_box(ui, std::string("policy_lab.") + id, ui.px(w));
  };
  ImGui::SameLine();
  num("Users", "users", run.users, ui.compact() ? 80 : 90);
  if (!ui.compact()) ImGui::SameLine();
  num("Months", "months", run.months, 50);
  ImGui::SameLine();
  num("Seed", "seed", run.seed, 80);
  ImGui::SameLine();
  if (!busy) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1.0f, 0.42f, 0.0f, 0.85f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(ui.label("Run", "run").c_str())) out.run = true;
    ImGui::PopStyleColor(2);
    ui.name_item("policy_lab.run");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.tr("Runs the policy on a synthetic population in this browser (same engine as finlab sim run)"));
  } else {
    if (ImGui::Button(ui.label("Cancel", "cancel_run").c_str())) out.cancel = true;
    ui.name_item("policy_lab.cancel");
  }
  if (busy) {
    ImGui::ProgressBar(v.progress, ImVec2(-1, 0), v.progress_text.c_str());
    ui.name_item("policy_lab.progress");
  }
  if (!v.message.empty()) {
    if (v.message_error) ui.error_text(v.message);
    else ui.status_text(v.message);
    ui.name_item("policy_lab.message");
  }
}

// [SECTION] policy editor -----------------------------------------------------------------

void policy_status(Ui& ui, const LabView& v) {
  if (v.policy_valid) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kOk, "✓ %s", v.policy_summary.c_str());
    ImGui::PopTextWrapPos();
  } else {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kWarn, "%s", v.policy_summary.c_str());
    ImGui::PopTextWrapPos();
    std::string all;
    for (const auto& e : v.policy_errors) all += "• " + e + "\n";
    if (!all.empty()) all.pop_back();
    ui.error_text(all);
  }
  ui.name_item("policy_lab.policy_status");
}

void policy_files(Ui& ui, const LabView& v, LabRunForm& run, LabIntents& out) {
  ImGui::SetNextItemWidth(ui.px(150));
  int& chosen = run.template_choice;
  chosen = std::clamp(chosen, 0, std::max(0, static_cast<int>(v.templates.size()) - 1));
  const char* preview = v.templates.empty() ? "" : v.templates[chosen].c_str();
  if (a11y::begin_combo("##template", preview)) {
    for (int i = 0; i < static_cast<int>(v.templates.size()); ++i) {
      if (ImGui::Selectable(v.templates[i].c_str(), i == chosen)) chosen = i;
      ui.name_item("policy_lab.template." + v.templates[i]);
    }
    ImGui::EndCombo();
  }
  ui.name_item("policy_lab.template");
  ImGui::SameLine();
  if (ImGui::Button(ui.label("Load template", "load_template").c_str())) out.load_template = chosen;
  ui.name_item("policy_lab.load_template");
  if (!ui.compact()) ImGui::SameLine(0, ui.px(18));
  if (ImGui::Button(ui.label("Export policy JSON", "export_policy").c_str())) out.export_policy = true;
  ui.name_item("policy_lab.export_policy");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.tr("Downloads the policy for finlab sim run --policy FILE"));
  ImGui::SameLine();
  if (ImGui::Button(ui.label("Import policy JSON", "import_policy").c_str())) out.import_policy = true;
  ui.name_item("policy_lab.import_policy");
}

// A collapsible section header named for the tests; true when it is open.
bool section(Ui& ui, const char* label_en, const char* id, const char* name, bool default_open) {
  const bool open = ImGui::CollapsingHeader(ui.label(label_en, id).c_str(), default_open ? ImGuiTreeNodeFlags_DefaultOpen : 0);
  ui.name_item(name);
  return open;
}

void credit_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (!section(ui, "Credit decision", "sec_credit", "policy_lab.sec.credit", true)) return;
  text_field(ui, v, out, "Policy name", "name", f.name, "name", 200);
  text_field(ui, v, out, "Score cutoff (approve at or above)", "cutoff", f.cutoff, "credit.cutoff", 80, ImGuiInputTextFlags_CharsDecimal);
  if (ImGui::Checkbox(ui.label("Refer band (manual review below the cutoff)", "refer_on").c_str(), &f.refer_on)) {
    out.policy_changed = out.policy_committed = true;
    if (f.refer_from.empty()) f.refer_from = "580";
  }
  ui.name_item("policy_lab.f.refer_on");
  if (f.refer_on) {
    ImGui::Indent(ui.px(16));
    text_field(ui, v, out, "Refer from score", "refer_from", f.refer_from, "credit.refer_band.from", 80, ImGuiInputTextFlags_CharsDecimal);
    text_field(ui, v, out, "Reviewers approve (%)", "refer_pct", f.refer_pct, "credit.refer_band.approve_pct", 80);
    field_error(ui, v, "credit.refer_band");
    ImGui::Unindent(ui.px(16));
  }
  ImGui::TextDisabled("%s", ui.tr("Required consents (an applicant who withholds one is declined):"));
  static const char* kConsent[] = {"Device & account", "Location", "App usage", "Consumption & payments"};
  for (int k = 0; k < 4; ++k) {
    if (k > 0 && !(ui.compact() && k == 2)) ImGui::SameLine();
    if (ImGui::Checkbox(ui.label(kConsent[k], kConsent[k]).c_str(), &f.consents[k])) out.policy_changed = out.policy_committed = true;
    ui.name_item("policy_lab.f.consent" + std::to_string(k));
  }
  field_error(ui, v, "credit.required_consents");
  text_field(ui, v, out, "Wait after a decline (months)", "reapply", f.reapply_months, "credit.reapply_after_decline_months", 80, ImGuiInputTextFlags_CharsDecimal);
}

void limits_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (!section(ui, "Limits", "sec_limits", "policy_lab.sec.limits", true)) return;
  auto band_field = [&](const char* label, const char* id, std::string& s, const char* path) {
    ImGui::SetNextItemWidth(ui.px(220));
    if (ImGui::InputText(ui.label(label, id).c_str(), &s)) out.policy_changed = true;
    if (ImGui::IsItemDeactivatedAfterEdit()) {
      out.policy_committed = true;
      out.bands_changed = true;
    }
    name_box(ui, std::string("policy_lab.f.") + id, ui.px(220));
    path_tooltip(path);
    field_error(ui, v, path);
  };
  band_field("Score band edges", "score_bands", f.score_bands, "credit.score_bands");
  band_field("Monthly income band edges (¥)", "income_bands", f.income_bands, "credit.income_bands_yuan");
  ImGui::TextDisabled("%s", ui.tr("Limit (¥) by score band (rows) and monthly income band (columns); 0 declines:"));
  const int cols = static_cast<int>(f.limits.empty() ? 1 : f.limits[0].size());
  if (ImGui::BeginTable("limits", cols + 1, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX,
                        ImVec2(0, 0))) {
    ImGui::TableSetupColumn(ui.tr("Score"));
    for (int c = 0; c < cols; ++c) {
      const std::string h = c < static_cast<int>(v.income_band_labels.size()) ? v.income_band_labels[c] : "?";
      ImGui::TableSetupColumn(h.c_str());
    }
    ImGui::TableHeadersRow();
    for (std::size_t r = 0; r < f.limits.size(); ++r) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r < v.score_band_labels.size() ? v.score_band_labels[r].c_str() : "?");
      for (std::size_t c = 0; c < f.limits[r].size(); ++c) {
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(r * 64 + c));
        ImGui::SetNextItemWidth(ui.px(72));
        if (ImGui::InputText("##cell", &f.limits[r][c], ImGuiInputTextFlags_CharsDecimal)) out.policy_changed = true;
        if (ImGui::IsItemDeactivatedAfterEdit()) out.policy_committed = true;
        ui.name_item("policy_lab.f.limit." + std::to_string(r) + "." + std::to_string(c));
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  field_error(ui, v, "credit.limits_yuan");
  text_field(ui, v, out, "First-loan cap (¥, 0 = none)", "first_cap", f.first_loan_cap, "credit.first_loan_cap_yuan", 90);
  same_line_unless_compact(ui);
  text_field(ui, v, out, "Smallest loan (¥)", "min_loan", f.min_loan, "credit.min_loan_yuan", 80);
  text_field(ui, v, out, "Amount step (¥)", "amount_step", f.amount_step, "credit.amount_step_yuan", 80);
  same_line_unless_compact(ui);
  text_field(ui, v, out, "Max debt-to-income (%)", "max_dti", f.max_dti, "credit.max_dti_pct", 80);
}

void pricing_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (!section(ui, "Pricing and terms", "sec_pricing", "policy_lab.sec.pricing", true)) return;
  ImGui::TextDisabled("%s", ui.tr("Rates quoted as:"));
  ImGui::SameLine();
  if (ImGui::RadioButton(ui.label("daily", "quote_daily").c_str(), f.quote == 0)) {
    f.quote = 0;
    out.policy_changed = out.policy_committed = true;
  }
  ui.name_item("policy_lab.f.quote_daily");
  ImGui::SameLine();
  if (ImGui::RadioButton(ui.label("annual", "quote_annual").c_str(), f.quote == 1)) {
    f.quote = 1;
    out.policy_changed = out.policy_committed = true;
  }
  ui.name_item("policy_lab.f.quote_annual");
  ImGui::SameLine(0, ui.px(18));
  ImGui::TextDisabled("%s", ui.tr("day basis"));
  ImGui::SameLine();
  if (ImGui::RadioButton("360", f.day_basis == 360)) {
    f.day_basis = 360;
    out.policy_changed = out.policy_committed = true;
  }
  ui.name_item("policy_lab.f.basis360");
  ImGui::SameLine();
  if (ImGui::RadioButton("365", f.day_basis == 365)) {
    f.day_basis = 365;
    out.policy_changed = out.policy_committed = true;
  }
  ui.name_item("policy_lab.f.basis365");
  ImGui::TextDisabled("%s", f.quote == 0 ? ui.tr("Daily rate (%) by score band:") : ui.tr("Annual rate (%) by score band:"));
  if (ImGui::BeginTable("rates", static_cast<int>(std::max<std::size_t>(1, f.rates.size())), ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX)) {
    for (std::size_t i = 0; i < f.rates.size(); ++i) {
      const std::string h = i < v.score_band_labels.size() ? v.score_band_labels[i] : "?";
      ImGui::TableSetupColumn(h.c_str());
    }
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    for (std::size_t i = 0; i < f.rates.size(); ++i) {
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(ui.px(72));
      if (ImGui::InputText("##rate", &f.rates[i], ImGuiInputTextFlags_CharsDecimal)) out.policy_changed = true;
      if (ImGui::IsItemDeactivatedAfterEdit()) out.policy_committed = true;
      ui.name_item("policy_lab.f.rate." + std::to_string(i));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  field_error(ui, v, "credit.pricing.rates_pct");
  text_field(ui, v, out, "Rate cap (% a year)", "rate_cap", f.rate_cap, "credit.pricing.rate_cap_pct", 70);
  same_line_unless_compact(ui);
  text_field(ui, v, out, "Terms offered (months)", "terms", f.terms, "credit.terms_months", 110);
  ImGui::SetNextItemWidth(ui.px(230));
  const int mi = std::clamp(f.method, 0, std::max(0, static_cast<int>(v.methods.size()) - 1));
  if (a11y::begin_combo(ui.label("Repayment method", "method").c_str(), v.methods.empty() ? "" : v.methods[mi].c_str())) {
    for (int i = 0; i < static_cast<int>(v.methods.size()); ++i) {
      if (ImGui::Selectable(v.methods[i].c_str(), i == f.method)) {
        f.method = i;
        out.policy_changed = out.policy_committed = true;
      }
      ui.name_item("policy_lab.f.method." + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  name_box(ui, "policy_lab.f.method", ui.px(230));
  field_error(ui, v, "credit.repayment_method");
  text_field(ui, v, out, "Origination fee (%)", "fee", f.fee, "credit.origination_fee_pct", 70);
  same_line_unless_compact(ui);
  text_field(ui, v, out, "Penalty rate (% of the contract rate)", "penalty", f.penalty_multiple, "credit.penalty_multiple_pct", 70);
  text_field(ui, v, out, "Charge-off after (days past due)", "writeoff", f.writeoff_dpd, "credit.writeoff_dpd", 70, ImGuiInputTextFlags_CharsDecimal);
  field_error(ui, v, "credit.pricing.quote");
  field_error(ui, v, "credit.pricing.day_basis");
}

void partners_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (!section(ui, "Partner lenders", "sec_partners", "policy_lab.sec.partners", true)) return;
  ui.help_text("Approved loans go to partners best score first, each within its monthly capacity (empty = unlimited).");
  const ImGuiTableFlags tf = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
  if (ImGui::BeginTable("partners", 6, tf)) {
    ImGui::TableSetupColumn(ui.tr("Name"));
    ImGui::TableSetupColumn(ui.tr("Min score"));
    ImGui::TableSetupColumn(ui.tr("Funding cost (%/yr)"));
    ImGui::TableSetupColumn(ui.tr("Capacity (¥/month)"));
    ImGui::TableSetupColumn(ui.tr("Revenue share (%)"));
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < f.partners.size(); ++i) {
      LabPartnerForm& p = f.partners[i];
      ImGui::TableNextRow();
      ImGui::PushID(static_cast<int>(i));
      auto cell = [&](const char* id, std::string& s, float w, ImGuiInputTextFlags flags) {
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(ui.px(w));
        if (ImGui::InputText(id, &s, flags)) out.policy_changed = true;
        if (ImGui::IsItemDeactivatedAfterEdit()) out.policy_committed = true;
        ui.name_item("policy_lab.f.partner." + std::to_string(i) + "." + (id + 2));
      };
      cell("##name", p.name, 170, 0);
      cell("##min_score", p.min_score, 70, ImGuiInputTextFlags_CharsDecimal);
      cell("##funding_cost", p.funding_cost, 70, ImGuiInputTextFlags_CharsDecimal);
      cell("##capacity", p.capacity, 110, ImGuiInputTextFlags_CharsDecimal);
      cell("##revenue_share", p.revenue_share, 70, ImGuiInputTextFlags_CharsDecimal);
      ImGui::TableNextColumn();
      if (ImGui::SmallButton(ui.label("Remove", "remove").c_str())) out.remove_partner = static_cast<int>(i);
      ui.name_item("policy_lab.f.partner." + std::to_string(i) + ".remove");
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  field_error(ui, v, "platform");
  if (ImGui::Button(ui.label("Add partner", "add_partner").c_str())) out.add_partner = true;
  ui.name_item("policy_lab.f.add_partner");
}

void fund_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (!section(ui, "活期宝 fund", "sec_fund", "policy_lab.sec.fund", true)) return;
  text_field(ui, v, out, "Gross yield (% a year)", "gross_yield", f.gross_yield, "fund.gross_yield_pct", 70);
  same_line_unless_compact(ui);
  text_field(ui, v, out, "Fund fees (% a year)", "fund_fee", f.fund_fee, "fund.fee_pct", 70);
  text_field(ui, v, out, "T+0 fast redemption limit (¥ a day)", "fast_limit", f.fast_limit, "fund.fast_redeem_limit_yuan", 100);
  ImGui::TextDisabled("%s", ui.tr("New-user yield boost (加息), paid by the platform; leave empty for none:"));
  text_field(ui, v, out, "Extra yield (%)", "boost_pct", f.boost_pct, "fund.new_user_boost.extra_yield_pct", 60);
  same_line_unless_compact(ui);
  text_field(ui, v, out, "Days", "boost_days", f.boost_days, "fund.new_user_boost.days", 60, ImGuiInputTextFlags_CharsDecimal);
  same_line_unless_compact(ui);
  text_field(ui, v, out, "Balance cap (¥)", "boost_cap", f.boost_cap, "fund.new_user_boost.cap_yuan", 90);
  field_error(ui, v, "fund.new_user_boost");
}

void json_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out) {
  if (!section(ui, "Policy JSON (every field)", "sec_json", "policy_lab.sec.json", false)) return;
  ui.help_text("The whole document (finlab.policy version 1, docs/sim.md), including provision and collections. Edit and apply; mistakes are listed with their JSON path.");
  ImGui::InputTextMultiline("##json", &f.json, ImVec2(-1, ui.px(ui.compact() ? 260 : 340)), ImGuiInputTextFlags_AllowTabInput);
  ui.name_item("policy_lab.f.json");
  if (ImGui::Button(ui.label("Apply JSON", "apply_json").c_str())) out.apply_json = true;
  ui.name_item("policy_lab.apply_json");
  ImGui::SameLine();
  if (ImGui::Button(ui.label("Reset to the form", "reload_json").c_str())) out.reload_json = true;
  ui.name_item("policy_lab.reload_json");
  (void)v;
}

void policy_tab(Ui& ui, const LabView& v, LabPolicyForm& f, LabRunForm& run, LabIntents& out) {
  policy_status(ui, v);
  policy_files(ui, v, run, out);
  credit_section(ui, v, f, out);
  limits_section(ui, v, f, out);
  pricing_section(ui, v, f, out);
  partners_section(ui, v, f, out);
  fund_section(ui, v, f, out);
  json_section(ui, v, f, out);
  // Mistakes at paths the form does not show (provision, collections, ...).
  std::string other;
  for (const auto& [path, msg] : v.field_errors) {
    static const char* kShown[] = {"name", "credit.cutoff", "credit.refer_band", "credit.required_consents", "credit.reapply_after_decline_months",
                                   "credit.score_bands", "credit.income_bands_yuan", "credit.limits_yuan", "credit.first_loan_cap_yuan",
                                   "credit.min_loan_yuan", "credit.amount_step_yuan", "credit.max_dti_pct", "credit.pricing.rates_pct",
                                   "credit.pricing.rate_cap_pct", "credit.terms_months", "credit.repayment_method", "credit.origination_fee_pct",
                                   "credit.penalty_multiple_pct", "credit.writeoff_dpd", "platform", "fund.gross_yield_pct", "fund.fee_pct",
                                   "fund.fast_redeem_limit_yuan", "fund.new_user_boost", "credit.pricing.quote", "credit.pricing.day_basis"};
    bool shown = false;
    for (const char* s : kShown) {
      const std::size_t n = std::char_traits<char>::length(s);
      if (path.compare(0, n, s) == 0 && (path.size() == n || path[n] == '.' || path[n] == '[')) shown = true;
    }
    if (!shown) other += (other.empty() ? "" : "\n") + (path.empty() ? std::string() : path + ": ") + msg;
  }
  if (!other.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("%s", ui.tr("Other problems (edit them in the JSON):"));
    ui.error_text(other);
  }
}

// [SECTION] results ------------------------------------------------------------------------

void chart_block(Ui& ui, const ChartSpec& c, const char* title_en, const std::string& note = std::string()) {
  ImGui::TextUnformatted(ui.tr(title_en));
  if (!note.empty()) {
    ImGui::TextDisabled("%s", note.c_str());
    ui.name_item(c.name);
    return;
  }
  if (c.x_labels.empty()) {
    ImGui::TextDisabled("%s", ui.tr("No data yet"));
    return;
  }
  chart(ui, c);
}

void results_tab(Ui& ui, const LabView& v, LabIntents& out) {
  const LabRunView& r = v.current;
  if (!r.present) {
    ui.help_text("No run to show yet. Edit the policy, choose the scenario, population size and seed above and press Run; or open a runs database made by finlab sim in the Runs tab.");
    if (ImGui::Button(ui.label("Go to Runs", "goto_runs").c_str())) out.tab = LabTab::runs;
    ui.name_item("policy_lab.goto_runs");
    return;
  }
  if (ui.big_font) ImGui::PushFont(ui.big_font);
  ImGui::TextUnformatted(r.title.c_str());
  if (ui.big_font) ImGui::PopFont();
  ui.name_item("policy_lab.run_title");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", r.subtitle.c_str());
  ImGui::PopTextWrapPos();
  const int cols = ui.compact() ? 2 : 4;
  if (ImGui::BeginTable("kpis", cols, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
    for (const LabKpi& k : r.kpis) {
      ImGui::TableNextColumn();
      ui.figure(k.key, k.label, k.value, k.explain, true);
    }
    ImGui::EndTable();
  }
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
  if (section(ui, "All totals (as stored; same names as finlab sim --json)", "all_totals", "policy_lab.all_totals", false)) {
    if (ImGui::BeginTable("totals", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
      for (const auto& t : r.totals) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(kpi_label(t.name, ui.lang()).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.value.c_str());
      }
      ImGui::EndTable();
    }
  }
  if (section(ui, "Value of behaviour data and swap-in / swap-out", "analyses", "policy_lab.analyses", false)) {
    ui.help_text("Approvals of the behaviour-enhanced score vs the application-data-only score at an equal expected bad rate, and the champion/challenger swap table.");
    if (ImGui::BeginTable("analyses", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
      for (const auto& t : r.analyses) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.value.c_str());
      }
      ImGui::EndTable();
    }
  }
}

// [SECTION] compare, sweep, runs --------------------------------------------------------------

bool run_combo(Ui& ui, const char* label, const char* id, const std::vector<std::string>& choices, int& sel) {
  bool changed = false;
  const float width = ui.compact() ? ImGui::GetContentRegionAvail().x * 0.65f : ui.px(520);
  ImGui::SetNextItemWidth(width);
  const char* preview = (sel >= 0 && sel < static_cast<int>(choices.size())) ? choices[sel].c_str() : ui.tr("choose a run");
  if (a11y::begin_combo(ui.label(label, id).c_str(), preview)) {
    for (int i = 0; i < static_cast<int>(choices.size()); ++i) {
      if (ImGui::Selectable(choices[i].c_str(), i == sel)) {
        sel = i;
        changed = true;
      }
      ui.name_item(std::string("policy_lab.") + id + "." + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  name_box(ui, std::string("policy_lab.") + id, width);
  return changed;
}

void compare_tab(Ui& ui, const LabView& v, LabRunForm& run, LabIntents& out) {
  if (v.compare_choices.size() < 2) {
    ui.help_text("Comparing needs two complete runs: run the policy twice (e.g. two cutoffs or two scenarios), or open a runs database made by finlab sim.");
  }
  if (run_combo(ui, "Run A", "compare_a", v.compare_choices, run.compare_a)) out.compare_changed = true;
  if (run_combo(ui, "Run B", "compare_b", v.compare_choices, run.compare_b)) out.compare_changed = true;
  if (v.compare.empty()) return;
  ImGui::Separator();
  const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("compare", 4, tf)) {
    ImGui::TableSetupColumn(ui.tr("Total"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("A", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("B", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("B − A", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (const auto& row : v.compare) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.a.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.b.c_str());
      ImGui::TableNextColumn();
      if (row.judgement > 0) ImGui::TextColored(kBetter, "▲ %s", row.diff.c_str());
      else if (row.judgement < 0) ImGui::TextColored(kWorse, "▼ %s", row.diff.c_str());
      else if (row.differs) ImGui::TextUnformatted(row.diff.c_str());
      else ImGui::TextDisabled("%s", row.diff.c_str());
    }
    ImGui::EndTable();
  }
  ui.name_item("policy_lab.compare.table");
  ui.help_text("▲ green: B is better for the platform on this figure; ▼ red: worse; uncoloured: neither better nor worse in itself.");
  ImGui::TextDisabled("%s", v.compare_a_title.c_str());
  ImGui::TextDisabled("%s", v.compare_b_title.c_str());
  static const char* kTitles[] = {"Monthly approval rate, A vs B", "Cumulative net profit, A vs B (¥)"};
  if (ui.compact()) {
    for (std::size_t i = 0; i < v.compare_charts.size() && i < 2; ++i) chart_block(ui, v.compare_charts[i], kTitles[i]);
  } else if (ImGui::BeginTable("compare_charts", 2, ImGuiTableFlags_SizingStretchSame)) {
    for (std::size_t i = 0; i < v.compare_charts.size() && i < 2; ++i) {
      ImGui::TableNextColumn();
      chart_block(ui, v.compare_charts[i], kTitles[i]);
    }
    ImGui::EndTable();
  }
}

void sweep_tab(Ui& ui, const LabView& v, LabRunForm& run, LabIntents& out) {
  ui.help_text("Runs the whole lifecycle once per cutoff on one population (the run settings above), then marks the efficient frontier: a cutoff is efficient when no other has a higher approval rate, a lower loss rate and a higher net profit all at once.");
  auto num = [&](const char* label, const char* id, std::string& s) {
    ImGui::SetNextItemWidth(ui.px(60));
    ImGui::InputText(ui.label(label, id).c_str(), &s, ImGuiInputTextFlags_CharsDecimal);
    if (ImGui::IsItemDeactivatedAfterEdit()) out.settings_committed = true;
    name_box(ui, std::string("policy_lab.") + id, ui.px(60));
  };
  num("From", "sweep_from", run.sweep_from);
  ImGui::SameLine();
  num("To", "sweep_to", run.sweep_to);
  ImGui::SameLine();
  num("Step", "sweep_step", run.sweep_step);
  if (!ui.compact()) ImGui::SameLine();
  ImGui::BeginDisabled(v.running || v.sweeping);
  if (ImGui::Button(ui.label("Run sweep", "run_sweep").c_str())) out.sweep = true;
  ImGui::EndDisabled();
  ui.name_item("policy_lab.run_sweep");
  if (v.sweep.empty()) return;
  ImGui::Separator();
  ImGui::TextUnformatted(v.sweep_title.c_str());
  const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("sweep", ui.compact() ? 4 : 6, tf)) {
    ImGui::TableSetupColumn(ui.tr("Cutoff"));
    ImGui::TableSetupColumn(ui.tr("Approval rate"));
    ImGui::TableSetupColumn(ui.tr("Loss rate"));
    ImGui::TableSetupColumn(ui.tr("Net profit"));
    if (!ui.compact()) {
      ImGui::TableSetupColumn(ui.tr("Amount booked"));
      ImGui::TableSetupColumn(ui.tr("Efficient"));
    }
    ImGui::TableHeadersRow();
    for (const auto& p : v.sweep) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (p.efficient) ImGui::TextColored(kOk, "%s ★", p.cutoff.c_str());
      else ImGui::TextUnformatted(p.cutoff.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.approval.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.loss.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.profit.c_str());
      if (!ui.compact()) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.booked.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.efficient ? ui.tr("efficient") : ui.tr("dominated"));
      }
    }
    ImGui::EndTable();
  }
  ui.name_item("policy_lab.sweep.table");
  static const char* kTitles[] = {"Approval rate by cutoff", "Loss rate by cutoff", "Net profit by cutoff (¥; green = on the frontier)"};
  const int n = static_cast<int>(std::min<std::size_t>(v.sweep_charts.size(), 3));
  if (ui.compact()) {
    for (int i = 0; i < n; ++i) chart_block(ui, v.sweep_charts[i], kTitles[i]);
  } else if (ImGui::BeginTable("sweep_charts", 3, ImGuiTableFlags_SizingStretchSame)) {
    for (int i = 0; i < n; ++i) {
      ImGui::TableNextColumn();
      chart_block(ui, v.sweep_charts[i], kTitles[i]);
    }
    ImGui::EndTable();
  }
}

void runs_table(Ui& ui, const char* id, const std::vector<LabRunRow>& rows, LabIntents& out) {
  const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  const bool compact = ui.compact();
  if (!ImGui::BeginTable(id, compact ? 3 : 8, tf)) return;
  ImGui::TableSetupColumn(ui.tr("Run"), ImGuiTableColumnFlags_WidthStretch, 0.4f);
  if (!compact) {
    ImGui::TableSetupColumn(ui.tr("Created (UTC)"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.tr("Policy · scenario"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(ui.tr("Users × months"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(ui.tr("Approval rate"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(ui.tr("Loss rate"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn(ui.tr("Net profit"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
  } else {
    ImGui::TableSetupColumn(ui.tr("Run"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  }
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.5f);
  ImGui::TableHeadersRow();
  for (const auto& r : rows) {
    ImGui::TableNextRow();
    if (r.viewing) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(255, 228, 205, 255));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.id.c_str());
    if (!compact) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.created.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s · %s", r.policy.c_str(), r.scenario.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r.size.c_str());
      if (!r.complete) {
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kWarn, "%s", r.status.c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
      } else {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.approval.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.loss.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.profit.c_str());
      }
    } else {
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted((r.policy + " · " + r.scenario + " · " + r.size).c_str());
      if (r.complete) ImGui::TextDisabled("%s · %s · %s", r.approval.c_str(), r.loss.c_str(), r.profit.c_str());
      else ImGui::TextColored(kWarn, "%s", r.status.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::TableNextColumn();
    if (r.complete) {
      ImGui::PushID(r.name.c_str());
      if (ImGui::SmallButton(ui.label("View", "view").c_str())) out.view_run = r.ref;
      ui.name_item("policy_lab.view." + r.name);
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void runs_tab(Ui& ui, const LabView& v, LabIntents& out) {
  ImGui::TextUnformatted(ui.tr("Runs in this browser"));
  if (v.runs.empty()) ui.help_text("None yet: press Run above. Runs are saved in this browser's database and survive a reload.");
  else runs_table(ui, "runs", v.runs, out);
  ImGui::Separator();
  ImGui::TextUnformatted(ui.tr("A runs database made by finlab sim"));
  ui.help_text("Open the SQLite file that finlab sim run --db FILE wrote (or drop it on the page) to browse and chart its runs. The browser keeps a copy; the original is never changed.");
  if (ImGui::Button(ui.label("Open runs database…", "open_db").c_str())) out.open_db = true;
  ui.name_item("policy_lab.open_db");
  if (!v.imported_name.empty()) {
    ImGui::SameLine();
    if (ImGui::Button(ui.label("Close", "close_db").c_str())) out.close_db = true;
    ui.name_item("policy_lab.close_db");
    ImGui::TextDisabled("%s", v.imported_name.c_str());
    ui.name_item("policy_lab.opened_name");
    if (v.imported_runs.empty()) ui.help_text("This database has no runs.");
    else runs_table(ui, "opened_runs", v.imported_runs, out);
  }
}

}  // namespace

// [SECTION] panel ----------------------------------------------------------------------------

LabIntents draw_policy_lab_panel(Ui& ui, const LabView& v, LabPolicyForm& form, LabRunForm& run) {
  LabIntents out;
  run_bar(ui, v, run, out);
  // Key numbers of the run on screen (ARIA mirror, test API), on every sub-tab.
  if (v.current.present) {
    ui.key_number("policy_lab.run", "Run", v.current.title);
    for (const LabKpi& k : v.current.kpis) ui.key_number(k.key, k.label, k.value);
  }
  if (v.running || v.sweeping) ui.key_number("policy_lab.progress", "Progress", v.progress_text);
  ImGui::Separator();

  static const char* kTabs[] = {"Policy", "Results", "Compare", "Sweep", "Runs"};
  static const char* kIds[] = {"lab_policy", "lab_results", "lab_compare", "lab_sweep", "lab_runs"};
  // The model may switch the sub-tab (a run finished: Results); ImGui applies
  // a programmatic selection one frame later, so the request stays pending
  // until ImGui shows that tab and no intent is sent meanwhile.
  if (static_cast<int>(v.tab) != run.tab_seen) {
    run.tab_seen = static_cast<int>(v.tab);
    run.tab_pending = static_cast<int>(v.tab);
  }
  if (ImGui::BeginTabBar("lab_tabs", ImGuiTabBarFlags_FittingPolicyScroll)) {
    for (int i = 0; i < kLabTabCount; ++i) {
      ImGuiTabItemFlags f = run.tab_pending == i ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(ui.label(kTabs[i], kIds[i]).c_str(), nullptr, f);
      ui.name_item(std::string("policy_lab.tab.") + (kIds[i] + 4));
      if (!open) continue;
      if (run.tab_pending >= 0) {
        if (run.tab_pending == i) run.tab_pending = -1;
      } else if (i != static_cast<int>(v.tab)) {
        out.tab = static_cast<LabTab>(i);
      }
      ImGui::BeginChild("lab_body", ImVec2(0, 0), false, ImGuiWindowFlags_NoSavedSettings);
      switch (static_cast<LabTab>(i)) {
        case LabTab::policy: policy_tab(ui, v, form, run, out); break;
        case LabTab::results: results_tab(ui, v, out); break;
        case LabTab::compare: compare_tab(ui, v, run, out); break;
        case LabTab::sweep: sweep_tab(ui, v, run, out); break;
        case LabTab::runs: runs_tab(ui, v, out); break;
      }
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  return out;
}

}  // namespace finlab::web
