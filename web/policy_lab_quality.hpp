// Policy lab view-model parts of issue 11's "where it shows": a run's credit
// quality (FPD7/FPD30 by vintage, flow rates by month, the pooled roll-rate
// matrix, vintage M3+ curves, the five-category classification of the book;
// built by policy_lab_quality.cpp from sim/credit_quality.hpp) and its full
// P&L as a waterfall (policy_lab_pnl.cpp, the terms of sim::net_profit), plus
// the policy editor's "assumptions" and "pnl" fields (policy_lab_assumptions.cpp).
// Display strings and plot coordinates only: every figure is computed in sim/.
// Deliberately not here: drawing (policy_lab_panel_quality.cpp,
// policy_lab_panel_pnl.cpp, policy_lab_panel_assumptions.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "web/chart.hpp"

namespace finlab::web {

// A table as shown, for its CSV download (the panel draws the analyses and
// drift tables from it as they are).
struct LabTable {
  std::string id;                              // "swap", "compare", ... (file policy_lab_<id>.csv)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// ---------------------------------------------------------------- credit quality
struct LabQualityView {
  bool recorded = false;        // the run stored its credit-quality rows (schema 3 on)
  std::string note;             // why there is nothing to show
  std::string fpd7, fpd30;      // over every vintage: "0.52%" or "-"
  std::string fpd_basis;        // "1,234 loans reached their first due date"
  LabTable fpd;                 // by vintage
  LabTable flows;               // by month, C→M1 … M5→M6, pooled last
  LabTable rolls;               // pooled roll-rate matrix: from bucket × to state, percentages
  LabTable classes;             // five-category classification by month (share of principal)
  ChartSpec m3_chart;           // M3+ (含核销) by vintage and months on book
  std::string m3_note;          // shown instead of the chart when it has nothing to plot
};

// ---------------------------------------------------------------- P&L waterfall
// One bar: an income (+), a cost (−) or the resulting net profit (=).
struct LabPnlStep {
  std::string key;         // "interest", "provision", ..., "net_profit"
  const char* label_en = "";  // translation key (the DOM mirror's label)
  std::string label;       // in the UI's language ("Interest income" / "利息收入")
  std::string label_other; // in the other language (each bar is labelled in both)
  std::int64_t fen = 0;    // the term's amount, signed as it enters net profit
  std::string value;       // "+¥12,345.67", "−¥1,234.00", "¥11,111.67" (net)
  std::string yuan;        // sim::yuan_of(fen): the run total's own format (test API)
  int kind = 0;            // +1 income, −1 cost, 0 the net profit
  double from = 0, to = 0; // bar extent in yuan (plot coordinates only)
};

struct LabPnlView {
  bool present = false;
  std::vector<LabPnlStep> steps;  // the terms in net_profit's order, net profit last
  LabTable table;                 // the same, for CSV and the test API
  std::string formula;            // the identity in words
};

// ---------------------------------------------------------------- assumptions and costs
// A field of the policy's optional "assumptions" or "pnl" section
// (docs/sim.md "Default dynamics", "Roll-rate model", "Full P&L"). The form
// keeps its text by JSON path ("assumptions.cure_pct[2]"); empty = the
// documented default (shown greyed in the box), omitted from the document.
enum class LabExtraKind { percent, integer, yuan, tax };  // tax: a percent or "dated"
struct LabExtraField {
  const char* section;   // "assumptions" or "pnl"
  const char* key;       // "miss_base_pct"
  const char* label_en;  // translation key
  const char* unit_en;   // "%", "×", "yuan", ... (translation key)
  int count;             // 1, or the array length (cure_pct 6, mob_hazard_multiple_pct 12)
  LabExtraKind kind;
};
std::span<const LabExtraField> lab_extra_fields();
// "assumptions.cure_pct[2]", "pnl.data_cost_yuan".
std::string extra_path(const LabExtraField& f, int index);

}  // namespace finlab::web
