// 活期宝 Wallet panel: draws a WalletView, returns the user's intents. No
// finance here: every figure, date and explanation comes from wallet_model.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "web/a11y.hpp"
#include "web/wallet_view.hpp"

namespace finlab::web {

namespace {

void figures_grid(Ui& ui, const WalletView& v) {
  const int cols = ui.compact() ? 2 : 4;
  if (!ImGui::BeginTable("figures", cols, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) return;
  for (std::size_t i = 0; i < v.figures.size(); ++i) {
    const WalletFigure& f = v.figures[i];
    ImGui::TableNextColumn();
    ui.figure(f.key, f.label, f.value, f.explain, i == 0);
    ui.key_number(f.key, f.label, f.value);
  }
  ImGui::EndTable();
}

void clock_bar(Ui& ui, const WalletView& v, WalletForm& form, WalletIntents& out) {
  ImGui::TextDisabled("%s", ui.tr("Simulated clock"));
  ImGui::SameLine();
  ImGui::TextUnformatted(v.now.c_str());
  ui.name_item("wallet.clock");
  if (!ui.compact()) ImGui::SameLine();
  ImGui::TextDisabled("%s", v.now_status.c_str());
  if (ImGui::Button(ui.label("+1 minute", "plus_minute").c_str())) out.advance_minutes = 1;
  ui.name_item("wallet.clock.plus_minute");
  ImGui::SameLine();
  if (ImGui::Button(ui.label("+1 hour", "plus_hour").c_str())) out.advance_minutes = 60;
  ui.name_item("wallet.clock.plus_hour");
  ImGui::SameLine();
  if (ImGui::Button(ui.label("+1 day", "plus_day").c_str())) out.advance_minutes = 24 * 60;
  ui.name_item("wallet.clock.plus_day");
  if (!ui.compact()) ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(150));
  if (ImGui::InputTextWithHint("##goto", "YYYY-MM-DD HH:MM", &form.goto_time, ImGuiInputTextFlags_EnterReturnsTrue)) out.go_to = true;
  a11y::mark_last(a11y::Role::textbox, ui.tr("Go to"));
  ui.name_item("wallet.goto_input");
  ImGui::SameLine();
  if (ImGui::Button(ui.label("Go to", "goto").c_str())) out.go_to = true;
  ui.name_item("wallet.goto");
}

void actions(Ui& ui, const WalletView& v, WalletForm& form, WalletIntents& out) {
  ImGui::SetNextItemWidth(ui.px(ui.compact() ? 140 : 160));
  ImGui::InputText(ui.label("Amount (¥)", "amount").c_str(), &form.amount, ImGuiInputTextFlags_CharsDecimal);
  ui.name_item("wallet.amount");
  if (ImGui::Button(ui.label("Deposit", "deposit").c_str())) out.order = WalletIntents::Order::deposit;
  ui.name_item("wallet.deposit");
  ImGui::SameLine();
  if (ImGui::Button(ui.label("Redeem", "redeem").c_str())) out.order = WalletIntents::Order::redeem;
  ui.name_item("wallet.redeem");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.tr("Normal redemption: the cash arrives on the next trading day after the trade date."));
  ImGui::SameLine();
  if (ImGui::Button(ui.label("Fast redeem (T+0)", "redeem_fast").c_str())) out.order = WalletIntents::Order::redeem_fast;
  ui.name_item("wallet.redeem_fast");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.tr("Fast redemption: the cash arrives today, up to a daily quota."));
  ImGui::TextDisabled("%s", v.quota_text.c_str());
  if (!v.transit_text.empty()) ui.wrapped(v.transit_text);
  ui.name_item("wallet.quota");
  if (!v.message.empty()) {
    if (v.message_is_error) ui.error_text(v.message);
    else ui.status_text(v.message);
    ui.name_item("wallet.message");
  }
}

void charts(Ui& ui, const WalletView& v, WalletForm& form, WalletIntents& out) {
  ImGui::TextUnformatted(ui.tr("Fund history"));
  ImGui::SameLine();
  if (ImGui::RadioButton(ui.label("30 days", "r30").c_str(), form.range_days == 30)) {
    form.range_days = 30;
    out.range_changed = true;
  }
  ui.name_item("wallet.range30");
  ImGui::SameLine();
  if (ImGui::RadioButton(ui.label("90 days", "r90").c_str(), form.range_days == 90)) {
    form.range_days = 90;
    out.range_changed = true;
  }
  ui.name_item("wallet.range90");
  chart(ui, v.income_chart);
  chart(ui, v.yield_chart);
}

// What the calendar's shading means: a swatch and its words for each colour.
void calendar_legend(Ui& ui) {
  const float s = ImGui::GetTextLineHeight();
  const auto swatch = [&](ImU32 fill, ImU32 text, const char* glyph, const char* en) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + s * 1.6f, p.y + s), fill, ui.px(3));
    dl->AddRect(p, ImVec2(p.x + s * 1.6f, p.y + s), IM_COL32(180, 180, 190, 255), ui.px(3));
    if (glyph) dl->AddText(ImVec2(p.x + ui.px(3), p.y), text, glyph);
    ImGui::Dummy(ImVec2(s * 1.6f, s));
    ImGui::SameLine();
    ImGui::TextUnformatted(ui.tr(en));
  };
  swatch(IM_COL32(255, 220, 190, 255), 0, nullptr, "Today");
  ui.same_line_if_fits(ui.tr("Market closed (weekend or holiday)"));
  swatch(IM_COL32(240, 232, 225, 255), 0, nullptr, "Market closed (weekend or holiday)");
  ui.same_line_if_fits(ui.tr("Income credited that day (¥)"));
  swatch(IM_COL32(255, 255, 255, 255), IM_COL32(217, 84, 0, 255), "+", "Income credited that day (¥)");
}

void month_calendar(Ui& ui, const WalletView& v, WalletIntents& out) {
  ImGui::TextUnformatted(ui.tr("Earnings calendar"));
  ImGui::SameLine();
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) out.month_step = -1;
  ui.name_item("wallet.month_prev");
  ImGui::SameLine();
  ImGui::TextUnformatted(v.month_title.c_str());
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) out.month_step = 1;
  ui.name_item("wallet.month_next");
  ImGui::SameLine();
  ImGui::TextDisabled("%s %s", ui.tr("Month total"), v.month_total.c_str());
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  if (!ImGui::BeginTable("month", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) return;
  for (const char* d : kDays) ImGui::TableSetupColumn(ui.tr(d));
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < v.month.size(); ++i) {
    const WalletCalendarDay& c = v.month[i];
    ImGui::TableNextColumn();
    if (c.day == 0) continue;
    if (!c.trading) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(240, 232, 225, 255));
    if (c.today) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(255, 220, 190, 255));
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginGroup();
    ImGui::TextDisabled("%d", c.day);
    if (!c.income.empty()) ImGui::TextColored(ImVec4(0.85f, 0.33f, 0.0f, 1.0f), "%s", c.income.c_str());
    else ImGui::TextUnformatted(" ");
    ImGui::EndGroup();
    ui.name_item("wallet.calendar." + c.date);
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(c.date.c_str());
      if (!c.trading) ImGui::Text("%s: %s", ui.tr("Market closed"), c.closed_why.c_str());
      if (!c.income.empty()) ImGui::Text("%s: %s", ui.tr("Income"), c.income.c_str());
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  calendar_legend(ui);
}

void history(Ui& ui, const WalletView& v) {
  ImGui::TextUnformatted(ui.tr("Transactions"));
  if (v.orders.empty()) {
    ui.help_text("No transactions yet. Deposit some money to see when it is confirmed and starts earning.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("orders", ui.compact() ? 2 : 4, flags)) return;
  if (!ui.compact()) {
    ImGui::TableSetupColumn(ui.tr("Placed at"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(ui.tr("Type"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(ui.tr("Amount"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
  } else {
    ImGui::TableSetupColumn(ui.tr("Order"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  }
  ImGui::TableSetupColumn(ui.tr("What happens when"), ImGuiTableColumnFlags_WidthStretch, 2.5f);
  ImGui::TableHeadersRow();
  for (const WalletOrderRow& o : v.orders) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui.wrapped(o.placed_at);
    ui.name_item("wallet.order." + o.id);
    if (ui.compact()) {
      ui.wrapped(std::string(ui.tr(o.type)) + " " + o.amount);
    } else {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ui.tr(o.type));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(o.amount.c_str());
    }
    ImGui::TableNextColumn();
    if (!o.accepted) {
      ui.wrapped(std::string(ui.tr("Refused:")) + " " + o.refusal, ImVec4(0.8f, 0.2f, 0.15f, 1));
    } else {
      for (const auto& [label, value] : o.timeline) ui.wrapped(std::string(ui.tr(label)) + " " + value);
      if (!o.reason.empty()) ui.wrapped_dim(o.reason);
    }
  }
  ImGui::EndTable();
}

}  // namespace

WalletIntents draw_wallet_panel(Ui& ui, const WalletView& v, WalletForm& form) {
  WalletIntents out;
  clock_bar(ui, v, form, out);
  ImGui::Separator();
  figures_grid(ui, v);
  ImGui::Separator();
  actions(ui, v, form, out);
  ImGui::Separator();
  if (ui.compact()) {
    charts(ui, v, form, out);
    ImGui::Separator();
    month_calendar(ui, v, out);
  } else if (ImGui::BeginTable("two", 2, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    charts(ui, v, form, out);
    ImGui::TableNextColumn();
    month_calendar(ui, v, out);
    ImGui::EndTable();
  }
  ImGui::Separator();
  history(ui, v);
  return out;
}

}  // namespace finlab::web
