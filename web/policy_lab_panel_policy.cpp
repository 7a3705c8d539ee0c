// Policy lab panel, Policy tab: the policy editor (each field one JSON path of
// the policy document, its validation message under it), templates, export
// and import, the JSON editor. Draws the LabView and edits the form's text
// buffers only.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "web/a11y.hpp"
#include "web/policy_lab_panel.hpp"

namespace finlab::web::lab_panel {

namespace {

// Errors reported at `path` or below it ("credit.limits_yuan" also shows
// "credit.limits_yuan[2]" and "credit.limits_yuan[2][1]").
std::string errors_at(const LabView& v, const std::string& path, const char* colon) {
  std::string out;
  for (auto it = v.field_errors.lower_bound(path); it != v.field_errors.end(); ++it) {
    const std::string& p = it->first;
    if (p.compare(0, path.size(), path) != 0) break;
    if (p.size() > path.size() && p[path.size()] != '[' && p[path.size()] != '.') continue;
    if (!out.empty()) out += "\n";
    out += (p.size() > path.size() ? p.substr(path.size()) + colon : std::string()) + it->second;
  }
  return out;
}

void field_error(Ui& ui, const LabView& v, const std::string& path) {
  const std::string e = errors_at(v, path, ui.lang() == Lang::zh ? "：" : ": ");
  if (e.empty()) return;
  ui.error_text(e);
}

// Names the input box of the last item (a labelled InputText's item rect also

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
  ui.wrapped_dim(ui.tr("Required consents (an applicant who withholds one is declined):"));
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
    // On a phone the label goes above a box as wide as the screen (beside it, it would be clipped);
    // the box keeps the label as its hidden name, which the accessible layer reads.
    const bool above = ui.compact();
    if (above) ui.wrapped_dim(ui.tr(label));
    ImGui::SetNextItemWidth(above ? ImGui::GetContentRegionAvail().x : ui.px(220));
    if (ImGui::InputText((above ? std::string("##") + ui.tr(label) : ui.label(label, id)).c_str(), &s)) out.policy_changed = true;
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
  ui.wrapped_dim(ui.tr("Limit (¥) by score band (rows) and monthly income band (columns); 0 declines:"));
  const int cols = static_cast<int>(f.limits.empty() ? 1 : f.limits[0].size());
  const ImGuiStyle& st = ImGui::GetStyle();
  float width = ImGui::CalcTextSize("560–600 ").x + 2.0f * st.CellPadding.x;
  for (int c = 0; c < cols; ++c) {
    const std::string h = c < static_cast<int>(v.income_band_labels.size()) ? v.income_band_labels[c] : "?";
    width += std::max(ui.px(72), ImGui::CalcTextSize(h.c_str()).x) + 2.0f * st.CellPadding.x + 1.0f;
  }
  const InputTable lt = input_table(static_cast<int>(f.limits.size()), width, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit);
  if (ImGui::BeginTable("limits", cols + 1, lt.flags, lt.size)) {
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
  ui.wrapped_dim(f.quote == 0 ? ui.tr("Daily rate (%) by score band:") : ui.tr("Annual rate (%) by score band:"));
  const ImGuiStyle& st = ImGui::GetStyle();
  float width = 0;
  for (std::size_t i = 0; i < f.rates.size(); ++i) {
    const std::string h = i < v.score_band_labels.size() ? v.score_band_labels[i] : "?";
    width += std::max(ui.px(72), ImGui::CalcTextSize(h.c_str()).x) + 2.0f * st.CellPadding.x + 1.0f;
  }
  const InputTable rt = input_table(1, width, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit);
  if (ImGui::BeginTable("rates", static_cast<int>(std::max<std::size_t>(1, f.rates.size())), rt.flags, rt.size)) {
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
  const ImGuiStyle& st = ImGui::GetStyle();
  // Each column is as wide as its box or its header, whichever is wider.
  const char* heads[] = {"Name", "Min score", "Funding cost (%/yr)", "Capacity (¥/month)", "Revenue share (%)"};
  const float boxes[] = {170, 70, 70, 110, 70};
  float width = ImGui::CalcTextSize(ui.tr("Remove")).x + 2.0f * st.FramePadding.x + 6.0f * (2.0f * st.CellPadding.x + 1.0f);
  for (int c = 0; c < 5; ++c) width += std::max(ui.px(boxes[c]), ImGui::CalcTextSize(ui.tr(heads[c])).x);
  const InputTable pt = input_table(static_cast<int>(f.partners.size()), width, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit);
  if (ImGui::BeginTable("partners", 6, pt.flags, pt.size)) {
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
  ui.wrapped_dim(ui.tr("New-user yield boost (加息), paid by the platform; leave empty for none:"));
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

}  // namespace

void policy_tab(Ui& ui, const LabView& v, LabPolicyForm& f, LabRunForm& run, LabIntents& out) {
  policy_status(ui, v);
  policy_files(ui, v, run, out);
  credit_section(ui, v, f, out);
  limits_section(ui, v, f, out);
  ladder_section(ui, v, f, out);
  pricing_section(ui, v, f, out);
  partners_section(ui, v, f, out);
  fund_section(ui, v, f, out);
  assumptions_sections(ui, v, f, out);
  json_section(ui, v, f, out);
  // Mistakes at paths the form does not show (provision, collections, ...).
  std::string other;
  for (const auto& [path, msg] : v.field_errors) {
    static const char* kShown[] = {"name", "credit.cutoff", "credit.refer_band", "credit.required_consents", "credit.reapply_after_decline_months",
                                   "credit.score_bands", "credit.income_bands_yuan", "credit.limits_yuan", "credit.limit_ladder", "credit.first_loan_cap_yuan",
                                   "credit.min_loan_yuan", "credit.amount_step_yuan", "credit.max_dti_pct", "credit.pricing.rates_pct",
                                   "credit.pricing.rate_cap_pct", "credit.terms_months", "credit.repayment_method", "credit.origination_fee_pct",
                                   "credit.penalty_multiple_pct", "credit.writeoff_dpd", "platform", "fund.gross_yield_pct", "fund.fee_pct",
                                   "fund.fast_redeem_limit_yuan", "fund.new_user_boost", "credit.pricing.quote", "credit.pricing.day_basis", "assumptions", "pnl"};
    bool shown = false;
    for (const char* s : kShown) {
      const std::size_t n = std::char_traits<char>::length(s);
      if (path.compare(0, n, s) == 0 && (path.size() == n || path[n] == '.' || path[n] == '[')) shown = true;
    }
    if (!shown) other += (other.empty() ? "" : "\n") + (path.empty() ? std::string() : path + (ui.lang() == Lang::zh ? "：" : ": ")) + msg;
  }
  if (!other.empty()) {
    ImGui::Separator();
    ui.wrapped_dim(ui.tr("Other problems (edit them in the JSON):"));
    ui.error_text(other);
  }
}

}  // namespace finlab::web::lab_panel
