// Loans panel: the calculator form, the schedule, the true rate next to the
// quoted one, the method comparison, prepayment what-if and charts. Draws a
// LoansView; computes nothing.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/a11y.hpp"
#include "web/loans_view.hpp"

namespace finlab::web {

namespace {

const char* kPeriods[] = {"annual", "monthly", "daily"};
const char* kMethods[] = {"Equal installment (等额本息)", "Equal principal (等额本金)", "Interest only (先息后本)", "Bullet (一次性还本付息)"};
const char* kBases[] = {"ACT/360", "ACT/365"};
const char* kModes[] = {"Shorten the term", "Lower the installment"};
const char* kLenders[] = {"Commercial bank", "Consumer finance company", "Microloan company", "Private lending", "Platform-facilitated lending"};

bool combo(Ui& ui, const char* label_en, const char* id, int& value, const char* const* items, int count, bool translate_items, const std::string& name) {
  bool changed = false;
  const std::string label = ui.label(label_en, id);
  const char* preview = translate_items ? ui.tr(items[value]) : items[value];
  if (a11y::begin_combo(label.c_str(), preview)) {
    for (int i = 0; i < count; ++i) {
      const bool sel = i == value;
      if (ImGui::Selectable(translate_items ? ui.tr(items[i]) : items[i], sel)) {
        value = i;
        changed = true;
      }
      ui.name_item(name + "." + std::to_string(i));
      if (sel) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  ui.name_item(name);
  return changed;
}

bool text(Ui& ui, const char* label_en, const char* id, std::string& value, const std::string& name, LoansIntents& out, float width_css,
          ImGuiInputTextFlags flags = 0) {
  ImGui::SetNextItemWidth(ui.px(width_css));
  const bool changed = ImGui::InputText(ui.label(label_en, id).c_str(), &value, flags);
  ui.name_item(name);
  if (ImGui::IsItemActive()) out.editing = true;
  return changed;
}

void form_section(Ui& ui, LoansForm& f, LoansIntents& out) {
  const float w = ui.compact() ? 150.0f : 170.0f;
  bool c = false;
  c |= text(ui, "Amount (¥)", "amount", f.amount, "loans.amount", out, w, ImGuiInputTextFlags_CharsDecimal);
  c |= text(ui, "Rate (%)", "rate", f.rate, "loans.rate", out, w, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(110));
  c |= combo(ui, "per", "period", f.period, kPeriods, 3, true, "loans.period");
  c |= text(ui, "Term (months)", "term", f.term, "loans.term", out, w, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SetNextItemWidth(ui.px(ui.compact() ? 230 : 260));
  c |= combo(ui, "Method", "method", f.method, kMethods, 4, true, "loans.method");
  if (ImGui::TreeNodeEx(ui.label("More terms", "more").c_str(), ImGuiTreeNodeFlags_FramePadding)) {
    ui.name_item("loans.more");
    c |= text(ui, "Start date", "start", f.start, "loans.start", out, w);
    ImGui::SetNextItemWidth(ui.px(w));
    c |= combo(ui, "Day basis", "basis", f.basis, kBases, 2, false, "loans.basis");
    c |= text(ui, "Upfront fee (¥)", "upfront", f.upfront_fee, "loans.upfront_fee", out, w, ImGuiInputTextFlags_CharsDecimal);
    c |= text(ui, "Monthly fee (% of principal)", "mfee", f.monthly_fee, "loans.monthly_fee", out, w, ImGuiInputTextFlags_CharsDecimal);
    ImGui::SetNextItemWidth(ui.px(ui.compact() ? 230 : 260));
    c |= combo(ui, "Lender", "lender", f.lender, kLenders, 5, true, "loans.lender");
    ImGui::TreePop();
  } else {
    ui.name_item("loans.more");
  }
  out.changed |= c;
}

void figures(Ui& ui, const std::vector<LoansFigure>& figs, const char* table_id, bool first_big, int wide_cols = 3) {
  const int cols = ui.compact() ? 2 : wide_cols;
  if (!ImGui::BeginTable(table_id, cols, ImGuiTableFlags_SizingStretchSame)) return;
  for (std::size_t i = 0; i < figs.size(); ++i) {
    ImGui::TableNextColumn();
    ui.figure(figs[i].key, figs[i].label, figs[i].value, figs[i].explain, first_big && i < 2);
    ui.key_number(figs[i].key, figs[i].label, figs[i].value);
  }
  ImGui::EndTable();
}

void cap_box(Ui& ui, const LoansView& v) {
  if (v.cap_zone == 0) {
    // Ui::wrapped: never breaks inside a figure ("18.↵00%" with ImGui's own wrapping).
    ui.wrapped(std::string(ui.tr("Legal cap:")) + " " + v.cap_message, ImVec4(0.1f, 0.5f, 0.25f, 1));
    if (ImGui::IsItemHovered() && !v.cap_detail.empty()) ImGui::SetTooltip("%s", v.cap_detail.c_str());
  } else {
    const ImVec4 col = v.cap_zone == 2 ? ImVec4(0.8f, 0.1f, 0.1f, 1) : ImVec4(0.8f, 0.45f, 0.0f, 1);
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ui.wrapped(ui.tr(v.cap_zone == 2 ? "Warning: the all-in cost breaks a legal cap in force." : "Warning: the all-in cost is above a cap courts do not enforce."));
    ui.wrapped(v.cap_message);
    if (ImGui::IsItemHovered() && !v.cap_detail.empty()) ImGui::SetTooltip("%s", v.cap_detail.c_str());
    ImGui::PopStyleColor();
  }
  ui.name_item("loans.cap");
  ui.key_number("loans.cap", "Legal cap", v.cap_message);
  if (!v.disclosure.empty()) {
    ui.wrapped_dim(v.disclosure);
    ui.key_number("loans.disclosure", "Disclosure", v.disclosure);
  }
}

void schedule_table(Ui& ui, const LoansView& v, const std::vector<LoansRow>& rows, const char* title_en, const char* id) {
  ImGui::TextUnformatted(ui.tr(title_en));
  const int cols = v.with_fee ? 7 : 6;
  // As tall as its rows (a short schedule after a prepayment leaves no empty box), at most 260/300 px.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float fit = static_cast<float>(rows.size() + 1) * (ImGui::GetTextLineHeight() + 2.0f * st.CellPadding.y) + 4.0f * st.CellPadding.y;
  const float h = std::min(fit, ui.px(ui.compact() ? 260.0f : 300.0f));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(id, cols, flags, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthStretch, 0.4f);
  ImGui::TableSetupColumn(ui.tr("Due date"), ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ImGui::TableSetupColumn(ui.tr("Payment"));
  ImGui::TableSetupColumn(ui.tr("Principal"));
  ImGui::TableSetupColumn(ui.tr("Interest"));
  if (v.with_fee) ImGui::TableSetupColumn(ui.tr("Fee"));
  ImGui::TableSetupColumn(ui.tr("Principal left"));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const LoansRow& r = rows[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.period.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.due.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.payment.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.principal.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.interest.c_str());
      if (v.with_fee) { ImGui::TableNextColumn(); ImGui::TextUnformatted(r.fee.c_str()); }
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.balance.c_str());
    }
  }
  ImGui::EndTable();
  ui.name_item(std::string("loans.") + id);
}

void compare_table(Ui& ui, const LoansView& v, LoansIntents& out) {
  ImGui::TextUnformatted(ui.tr("Compare the methods"));
  // Every column at its content's width; on a phone the table scrolls sideways.
  const char* heads[] = {"Method", "First payment", "Total interest", "Total payment", "True APR", "EAR"};
  float widths[6] = {};
  for (int c = 0; c < 6; ++c) widths[c] = ImGui::CalcTextSize(ui.tr(heads[c])).x;
  for (const LoansCompareRow& r : v.compare) {
    const std::string* cells[] = {nullptr, &r.first_payment, &r.total_interest, &r.total_payment, &r.apr, &r.ear};
    widths[0] = std::max(widths[0], ImGui::CalcTextSize(ui.tr(r.method)).x);
    for (int c = 1; c < 6; ++c) widths[c] = std::max(widths[c], ImGui::CalcTextSize(cells[c]->c_str()).x);
  }
  float need = 0;
  for (float w : widths) need += w + 2.0f * ImGui::GetStyle().CellPadding.x;
  const auto [flags, size] = ui.fit_table(static_cast<int>(v.compare.size()), need,
                                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp);
  if (!ImGui::BeginTable("compare", 6, flags, size)) return;
  const bool scroll = (flags & ImGuiTableFlags_ScrollX) != 0;
  ImGui::TableSetupColumn(ui.tr(heads[0]), scroll ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch, scroll ? widths[0] : 2.0f);
  for (int c = 1; c < 6; ++c) ImGui::TableSetupColumn(ui.tr(heads[c]), scroll ? ImGuiTableColumnFlags_WidthFixed : 0, scroll ? widths[c] : 0.0f);
  ImGui::TableHeadersRow();
  for (const LoansCompareRow& r : v.compare) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(ui.tr(r.method), r.current, ImGuiSelectableFlags_SpanAllColumns)) out.pick_method = r.method_index;
    ui.name_item("loans.compare." + std::to_string(r.method_index));
    ImGui::TableNextColumn(); ImGui::TextUnformatted(r.first_payment.c_str());
    ImGui::TableNextColumn(); ImGui::TextUnformatted(r.total_interest.c_str());
    ImGui::TableNextColumn(); ImGui::TextUnformatted(r.total_payment.c_str());
    ImGui::TableNextColumn(); ImGui::TextUnformatted(r.apr.c_str());
    ImGui::TableNextColumn(); ImGui::TextUnformatted(r.ear.c_str());
  }
  ImGui::EndTable();
}

void prepay_section(Ui& ui, const LoansView& v, LoansForm& f, LoansIntents& out) {
  if (ImGui::Checkbox(ui.label("Prepayment what-if", "prepay_on").c_str(), &f.prepay_on)) out.changed = true;
  ui.name_item("loans.prepay_on");
  if (!f.prepay_on) return;
  bool c = false;
  c |= text(ui, "Prepay on", "prepay_date", f.prepay_date, "loans.prepay_date", out, 150);
  c |= text(ui, "Principal to prepay (¥)", "prepay_amount", f.prepay_amount, "loans.prepay_amount", out, 150, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SetNextItemWidth(ui.px(200));
  c |= combo(ui, "Then", "prepay_mode", f.prepay_mode, kModes, 2, true, "loans.prepay_mode");
  out.changed |= c;
  if (!v.prepay_error.empty()) {
    ui.error_text(v.prepay_error);
    ui.name_item("loans.prepay_error");
    return;
  }
  figures(ui, v.prepay_figures, "prepay_figures", false, 2);  // in the form's column: two figures a row
  schedule_table(ui, v, v.prepay_rows, "Schedule after the prepayment", "prepay_schedule");
}

}  // namespace

LoansIntents draw_loans_panel(Ui& ui, const LoansView& v, LoansForm& form) {
  LoansIntents out;
  const bool two = !ui.compact();
  if (two && ImGui::BeginTable("layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("form", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("results", ImGuiTableColumnFlags_WidthStretch, 2.1f);
    ImGui::TableNextColumn();
    form_section(ui, form, out);
    ImGui::Separator();
    if (v.has_schedule) prepay_section(ui, v, form, out);
    ImGui::TableNextColumn();
  } else {
    form_section(ui, form, out);
    ImGui::Separator();
  }
  if (!v.error.empty()) {
    ui.error_text(v.error);
    ui.name_item("loans.error");
  }
  if (v.has_schedule) {
    figures(ui, v.figures, "figures", true);
    cap_box(ui, v);
    ImGui::Separator();
    schedule_table(ui, v, v.rows, "Repayment schedule", "schedule");
    chart(ui, v.balance_chart);
    chart(ui, v.payment_chart);
    ImGui::Separator();
    compare_table(ui, v, out);
    if (!two) {
      ImGui::Separator();
      prepay_section(ui, v, form, out);
    }
  }
  if (two) ImGui::EndTable();
  return out;
}

}  // namespace finlab::web
