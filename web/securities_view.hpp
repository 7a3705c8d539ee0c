// Securities (证券): view-model, ticket and intents of the paper A-share
// account panel. securities_model.cpp replays the account with core/securities
// (the same replay and statement as `finlab securities trade|statement`) and
// fills this view with exact strings and each number's "why";
// panel_securities.cpp draws it.
#pragma once

#include <string>
#include <vector>

#include "web/chart.hpp"
#include "web/suitability_view.hpp"
#include "web/ui.hpp"

namespace finlab::web {

struct SecuritiesTicket {
  int stock = 0;                 // index in the example universe
  int side = 0;                  // 0 buy, 1 sell
  int type = 0;                  // 0 limit, 1 market (best-5 IOC)
  int session = 1;               // 0 opening call auction, 1 continuous, 2 closing call auction
  std::string shares = "100";
  std::string price;             // limit price; empty: today's open
  std::string deposit = "100000";
  bool sign_warning = false;     // the risk mismatch warning is signed for this order
};

struct SecuritiesFigure {
  std::string key;
  const char* label;
  std::string value;
  Explanation explain;
};

struct SecuritiesPositionRow {
  std::string code, name, shares, sellable, cost, last, value, unrealised;
};

struct SecuritiesTxRow {
  std::string date, what, code, shares, price, amount, fees;
  std::string why;               // the core's reason in the UI language
  Explanation explain;           // the drill-down: fill, each fee and tax with its rule
  bool refused = false;
};

struct SecuritiesView {
  std::vector<std::string> stock_names;  // "600000 浦发银行"
  std::string today;                     // "2023-08-21 Mon"
  bool last_day = false;                 // no later bar in the market window
  std::string market_note;               // where the prices come from
  std::vector<SecuritiesFigure> figures;  // cash, equity, P&L, fees, taxes
  // The ticket's stock on this day.
  std::string bar_text;                  // "open 7.52 high ... close ..."
  std::string band_text;                 // "limit 6.77 – 8.27: main board ±10% of 7.52"
  ChartSpec chart;
  std::string stock_level;               // "A shares (main board) R3"
  int gate = 0;                          // 0 allowed, 1 needs the signed warning, 2 refused, 3 assess first
  std::string gate_text;                 // why (core words in the UI language)
  std::string warning_text;              // the warning to sign
  // Preview before sending.
  std::string ticket_error;              // a bad field (names it)
  std::vector<std::pair<std::string, std::string>> preview;  // label -> value (with the rule)
  std::string preview_outcome;           // what today's bar would do with it
  bool preview_refused = false;
  // After sending.
  std::string sent_status, sent_error;
  std::vector<SecuritiesPositionRow> positions;
  std::vector<SecuritiesTxRow> transactions;  // newest first
  std::string statement_error;
  SuitabilityView suitability;
};

struct SecuritiesIntents {
  bool changed = false;
  bool editing = false;
  bool send = false;
  bool deposit = false;
  bool next_day = false;
  bool start_over = false;
  SuitabilityIntents suitability;
};

SecuritiesIntents draw_securities_panel(Ui& ui, const SecuritiesView& view, SecuritiesTicket& ticket, SuitabilityProfile& profile);

}  // namespace finlab::web
