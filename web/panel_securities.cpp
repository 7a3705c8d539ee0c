// Securities panel (证券): the paper account's day, the risk assessment before
// the first investment product, cash in, the order ticket with its fee and tax
// preview, the price chart with the day's limit band, positions and P&L, and
// the statement whose every row opens its "why". Draws a SecuritiesView;
// computes nothing.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/a11y.hpp"
#include "web/securities_sources.hpp"
#include "web/securities_view.hpp"

namespace finlab::web {

namespace {

bool combo(Ui& ui, const char* label_en, const char* id, int& value, const std::vector<std::string>& items, bool translate, const std::string& name, float w) {
  bool changed = false;
  value = std::clamp(value, 0, static_cast<int>(items.size()) - 1);
  auto text = [&](std::size_t i) { return translate ? ui.tr(items[i].c_str()) : items[i].c_str(); };
  ImGui::SetNextItemWidth(ui.px(w));
  if (a11y::begin_combo(ui.label(label_en, id).c_str(), text(static_cast<std::size_t>(value)))) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (ImGui::Selectable(text(i), static_cast<int>(i) == value)) {
        changed = static_cast<int>(i) != value;
        value = static_cast<int>(i);
      }
      ui.name_item(name + "." + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  ui.name_item(name);
  return changed;
}

bool text(Ui& ui, const char* label_en, const char* id, std::string& value, const std::string& name, SecuritiesIntents& out, float w) {
  ImGui::SetNextItemWidth(ui.px(w));
  const bool c = ImGui::InputText(ui.label(label_en, id).c_str(), &value, ImGuiInputTextFlags_CharsDecimal);
  ui.name_item(name);
  if (ImGui::IsItemActive()) out.editing = true;
  return c;
}

void day_bar(Ui& ui, const SecuritiesView& v, SecuritiesIntents& out) {
  ImGui::Text("%s %s", ui.tr("Trading day:"), v.today.c_str());
  ui.name_item("securities.today");
  ui.key_number("securities.today", "Trading day", v.today);
  ImGui::BeginDisabled(v.last_day);
  if (ImGui::Button(ui.label("Next trading day", "next_day").c_str())) out.next_day = true;
  ImGui::EndDisabled();
  ui.name_item("securities.next_day");
  ui.same_line_if_fits(ui.tr("Start over"));
  if (ImGui::Button(ui.label("Start over", "start_over").c_str())) out.start_over = true;
  ui.name_item("securities.start_over");
  ui.help_text("A paper account on simulated prices of example stocks (seed 1). Orders match against the day's bar under the exchange rules of that date.");
}

void ticket(Ui& ui, const SecuritiesView& v, SecuritiesTicket& t, SecuritiesIntents& out) {
  const float w = ui.compact() ? 200.0f : 190.0f;
  ui.section("Cash");
  bool c = text(ui, "Deposit (¥)", "deposit_amount", t.deposit, "securities.deposit_amount", out, w);
  if (ImGui::Button(ui.label("Deposit", "deposit").c_str())) out.deposit = true;
  ui.name_item("securities.deposit");
  ui.section("Order ticket");
  if (v.gate == 3) {
    ui.help_text("Complete the risk assessment above to trade.");
    out.changed |= c;
    return;
  }
  c |= combo(ui, "Stock", "stock", t.stock, v.stock_names, false, "securities.stock", ui.compact() ? 240.0f : 230.0f);
  ImGui::TextDisabled("%s %s", ui.tr("Risk level:"), v.stock_level.c_str());
  static const std::vector<std::string> kSides = {"Buy", "Sell"};
  static const std::vector<std::string> kTypes = {"Limit", "Market (best 5, rest cancelled)"};
  static const std::vector<std::string> kSessions = {"Opening call auction", "Continuous trading", "Closing call auction"};
  c |= combo(ui, "Side", "side", t.side, kSides, true, "securities.side", w);
  c |= combo(ui, "Order type", "type", t.type, kTypes, true, "securities.type", w);
  c |= combo(ui, "Session", "session", t.session, kSessions, true, "securities.session", w);
  c |= text(ui, "Number of shares", "shares", t.shares, "securities.shares", out, w);
  if (t.type == 0) {
    c |= text(ui, "Limit price (¥)", "price", t.price, "securities.price", out, w);
    if (t.price.empty()) ImGui::TextDisabled("%s", ui.tr("Empty: today's open."));
  }
  if (v.gate == 1 || v.gate == 2) {
    ui.wrapped(v.gate_text, ImVec4(0.80f, 0.45f, 0.05f, 1));
    ui.name_item("securities.gate");
  }
  if (v.gate == 1 || (v.gate == 0 && t.sign_warning)) {
    ui.wrapped(v.warning_text);
    c |= ImGui::Checkbox(ui.label("I have read the risk mismatch warning and sign it", "sign").c_str(), &t.sign_warning);
    ui.name_item("securities.sign_warning");
  }
  out.changed |= c;
  ui.section("Before you send");
  if (!v.ticket_error.empty()) {
    ui.error_text(v.ticket_error);
  } else {
    if (ImGui::BeginTable("preview", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
      for (const auto& [k, val] : v.preview) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.c_str());
        ImGui::TableNextColumn();
        ui.wrapped(val);
      }
      ImGui::EndTable();
    }
    ui.name_item("securities.preview");
    ui.wrapped(std::string(ui.tr("Against today's bar:")) + " " + v.preview_outcome,
               v.preview_refused ? ImVec4(0.85f, 0.25f, 0.20f, 1) : ImVec4(0.15f, 0.45f, 0.25f, 1));
  }
  ImGui::BeginDisabled(!v.ticket_error.empty() || v.gate == 2 || (v.gate == 1 && !t.sign_warning));
  if (ImGui::Button(ui.label("Send the order", "send").c_str())) out.send = true;
  ImGui::EndDisabled();
  ui.name_item("securities.send");
}

void account(Ui& ui, const SecuritiesView& v) {
  const int cols = ui.compact() ? 2 : 4;
  if (ImGui::BeginTable("figures", cols, ImGuiTableFlags_SizingStretchSame)) {
    for (std::size_t i = 0; i < v.figures.size(); ++i) {
      ImGui::TableNextColumn();
      ui.figure(v.figures[i].key, v.figures[i].label, v.figures[i].value, v.figures[i].explain, i == 0);
      ui.key_number(v.figures[i].key, v.figures[i].label, v.figures[i].value);
    }
    ImGui::EndTable();
  }
}

void market(Ui& ui, const SecuritiesView& v) {
  ui.section("Price and the day's limit band");
  chart(ui, v.chart);
  ui.wrapped(v.bar_text);
  ui.wrapped_dim(v.band_text);
  ui.name_item("securities.band");
}

void positions(Ui& ui, const SecuritiesView& v) {
  ui.section("Positions");
  if (v.positions.empty()) {
    ui.help_text("No shares held yet.");
    return;
  }
  const bool narrow = ui.compact();
  // Phone: stock, shares (sellable), value, unrealised; laptop: every column.
  if (ImGui::BeginTable("positions", narrow ? 4 : 8, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersOuter)) {
    ImGui::TableSetupColumn(ui.tr("Stock"));
    ImGui::TableSetupColumn(ui.tr("Shares held"));
    if (!narrow) {
      ImGui::TableSetupColumn(ui.tr("Sellable today"));
      ImGui::TableSetupColumn(ui.tr("Cost"));
      ImGui::TableSetupColumn(ui.tr("Closing price"));
    }
    ImGui::TableSetupColumn(ui.tr("Value"));
    ImGui::TableSetupColumn(ui.tr("Unrealised P&L"));
    if (!narrow) ImGui::TableSetupColumn(ui.tr("Name"));
    ImGui::TableHeadersRow();
    for (const auto& p : v.positions) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::TextUnformatted(p.code.c_str());
      ImGui::TableNextColumn();
      if (narrow) ImGui::Text("%s (%s)", p.shares.c_str(), p.sellable.c_str());
      else ImGui::TextUnformatted(p.shares.c_str());
      if (!narrow) {
        ImGui::TableNextColumn(); ImGui::TextUnformatted(p.sellable.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(p.cost.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(p.last.c_str());
      }
      ImGui::TableNextColumn(); ImGui::TextUnformatted(p.value.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(p.unrealised.c_str());
      if (!narrow) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.name.c_str());
      }
    }
    ImGui::EndTable();
  }
  ui.name_item("securities.positions");
}

void statement(Ui& ui, const SecuritiesView& v) {
  ui.section("Statement (newest first; click a reason for the detail)");
  if (!v.statement_error.empty()) ui.error_text(v.statement_error);
  if (v.transactions.empty()) {
    ui.help_text("No transactions yet: deposit cash, then send an order.");
    return;
  }
  const bool narrow = ui.compact();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("statement", narrow ? 3 : 7, flags)) {
    ImGui::TableSetupColumn(ui.tr("Date"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(ui.tr("What"), ImGuiTableColumnFlags_WidthFixed);
    if (!narrow) {
      ImGui::TableSetupColumn(ui.tr("Number of shares"), ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn(ui.tr("Price"), ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn(ui.tr("Amount"), ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn(ui.tr("Fees"), ImGuiTableColumnFlags_WidthFixed);
    }
    ImGui::TableSetupColumn(ui.tr("Why"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < v.transactions.size(); ++i) {
      const SecuritiesTxRow& r = v.transactions[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.date.c_str());
      ImGui::TableNextColumn();
      if (r.refused) ImGui::TextColored(ImVec4(0.85f, 0.25f, 0.20f, 1), "%s %s", r.what.c_str(), r.code.c_str());
      else ImGui::Text("%s %s", r.what.c_str(), r.code.c_str());
      if (!narrow) {
        ImGui::TableNextColumn(); ImGui::TextUnformatted(r.shares.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(r.price.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(r.amount.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(r.fees.c_str());
      }
      ImGui::TableNextColumn();
      ui.explain_link("securities.tx." + std::to_string(i), narrow ? r.amount + " · " + r.why : r.why, r.explain);
    }
    ImGui::EndTable();
  }
  ui.name_item("securities.statement");
}

void left_column(Ui& ui, const SecuritiesView& v, SecuritiesTicket& t, SuitabilityProfile& profile, SecuritiesIntents& out) {
  day_bar(ui, v, out);
  if (v.suitability.assessed) {
    const std::string head = std::string(ui.tr("Risk assessment:")) + " " + v.suitability.category + "###suit_head";
    if (ImGui::TreeNodeEx(head.c_str(), ImGuiTreeNodeFlags_FramePadding)) {
      ui.name_item("securities.suit.head");
      out.suitability = draw_suitability(ui, v.suitability, profile, "securities.suit");
      ImGui::TreePop();
    } else {
      ui.name_item("securities.suit.head");
    }
  } else {
    out.suitability = draw_suitability(ui, v.suitability, profile, "securities.suit");
  }
  ticket(ui, v, t, out);
  if (!v.sent_error.empty()) {
    ui.error_text(v.sent_error);
    ui.name_item("securities.sent_error");
  }
  if (!v.sent_status.empty()) ui.status_text(v.sent_status);
}

// The sources that reasons cite as "[3]" or "[D]", folded under the statement.
void sources(Ui& ui) {
  const bool open = ImGui::TreeNodeEx(ui.label("Sources of the rules cited as [n]", "sources").c_str(), ImGuiTreeNodeFlags_FramePadding);
  ui.name_item("securities.sources");
  if (!open) return;
  for (const SecuritiesSource& s : securities_sources())
    ui.wrapped(std::string(s.mark) + " " + (ui.lang() == Lang::zh ? s.zh : s.en));
  ImGui::TreePop();
}

void right_column(Ui& ui, const SecuritiesView& v) {
  account(ui, v);
  market(ui, v);
  positions(ui, v);
  statement(ui, v);
  sources(ui);
}

}  // namespace

SecuritiesIntents draw_securities_panel(Ui& ui, const SecuritiesView& v, SecuritiesTicket& t, SuitabilityProfile& profile) {
  SecuritiesIntents out;
  if (!ui.compact() && ImGui::BeginTable("layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("ticket", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("account", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableNextColumn();
    left_column(ui, v, t, profile, out);
    ImGui::TableNextColumn();
    right_column(ui, v);
    ImGui::EndTable();
  } else {
    left_column(ui, v, t, profile, out);
    ImGui::Separator();
    right_column(ui, v);
  }
  return out;
}

}  // namespace finlab::web
