// 活期宝 Wallet: the view-model the panel draws and the intents it returns.
// Everything here is display-ready (exact strings, explanations); the panel
// computes nothing. Built by wallet_model.cpp from core/fund's Ledger.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "web/chart.hpp"
#include "web/ui.hpp"

namespace finlab::web {

struct WalletFigure {
  std::string key;     // "wallet.balance"
  const char* label;   // English key for tr()
  std::string value;
  Explanation explain;
};

struct WalletOrderRow {
  std::string id;
  std::string placed_at;  // "2015-09-24 Thu 14:00"
  const char* type;       // "Deposit" / "Redeem" / "Fast redeem" (tr keys)
  std::string amount;
  bool accepted = false;
  std::string refusal;    // core's words
  // "confirmed on / earns from / money arrives" lines: label key + value.
  std::vector<std::pair<const char*, std::string>> timeline;
  std::string reason;     // core's reason in words (cut-off, weekend, holiday)
};

struct WalletCalendarDay {
  int day = 0;            // 1..31; 0 = padding cell
  std::string date;       // "2015-10-01"
  std::string income;     // "+1.23" or "" (no income / not yet)
  bool trading = true;
  bool today = false;
  std::string closed_why; // "National Day (国庆节)"
};

struct WalletView {
  std::string now;                // "2015-09-24 Thu 14:00"
  std::string now_status;         // "Trading day, before the 15:00 cut-off" (already translated)
  std::vector<WalletFigure> figures;
  std::string transit_text;       // "In transit (转出中) ¥1,000.00, arrives 2015-06-23 Tue"; empty when nothing is
  std::string quota_text;         // "¥50,000.00 of ¥50,000.00 left today"
  std::vector<WalletOrderRow> orders;       // newest first
  std::string month_title;                  // "2015-10"
  std::vector<WalletCalendarDay> month;     // 7 × n cells, Monday first
  std::string month_total;
  ChartSpec income_chart;                   // 万份收益
  ChartSpec yield_chart;                    // 七日年化
  std::string message;                      // last refusal / input error (translated prefix)
  bool message_is_error = false;
};

struct WalletForm {
  std::string amount = "10000";
  std::string goto_time;          // "YYYY-MM-DD HH:MM"
  int range_days = 30;            // 30 or 90
};

struct WalletIntents {
  enum class Order { none, deposit, redeem, redeem_fast } order = Order::none;
  int advance_minutes = 0;        // +1 min, +60, +1440
  bool go_to = false;             // form.goto_time
  int month_step = 0;             // -1 / +1
  bool range_changed = false;
};

WalletIntents draw_wallet_panel(Ui& ui, const WalletView& view, WalletForm& form);

}  // namespace finlab::web
