// Policy lab panel internals shared by its drawing files: colours, the
// widget-naming helpers, section headers, chart blocks, the CSV button, and
// the sub-tabs drawn in their own files (policy_lab_panel_policy.cpp: the
// policy editor; policy_lab_panel_results.cpp: a run's results, analyses and
// score drift). Not for other panels.
#pragma once

#include <imgui.h>

#include <string>

#include "web/policy_lab_model.hpp"

namespace finlab::web::lab_panel {

inline const ImVec4 kOk(0.0f, 0.55f, 0.35f, 1.0f);
inline const ImVec4 kWarn(0.85f, 0.33f, 0.0f, 1.0f);
inline const ImVec4 kBetter(0.05f, 0.50f, 0.25f, 1.0f);  // 4.5:1 on the light background
inline const ImVec4 kWorse(0.75f, 0.10f, 0.10f, 1.0f);

// Names the input box of the last item (a labelled InputText's item rect also
// covers its label, and a click on the label does not focus the box).
void name_box(Ui& ui, const std::string& name, float width_px);
void same_line_unless_compact(Ui& ui);
// A collapsible section header named for the tests; true when it is open.
bool section(Ui& ui, const char* label_en, const char* id, const char* name, bool default_open);
void chart_block(Ui& ui, const ChartSpec& c, const char* title_en, const std::string& note = std::string());
// A table of input boxes `width_px` wide with `rows` rows under its header:
// it scrolls sideways only when it does not fit the panel, with the exact
// height ScrollX needs (a scrolling table of height 0 would fill the window).
struct InputTable {
  ImGuiTableFlags flags;
  ImVec2 size;
};
InputTable input_table(int rows, float width_px, ImGuiTableFlags flags);
// "Download CSV" of the table `table_id` (LabIntents::export_csv), named policy_lab.csv.<id>.
void csv_button(Ui& ui, const char* table_id, LabIntents& out);

void policy_tab(Ui& ui, const LabView& v, LabPolicyForm& f, LabRunForm& run, LabIntents& out);
void results_tab(Ui& ui, const LabView& v, LabIntents& out);

// A table of display strings that scrolls sideways when wider than the panel,
// with its CSV button (policy_lab_panel_quality.cpp).
void scroll_table(Ui& ui, const LabTable& t, LabIntents& out);
// Results sections: credit quality (policy_lab_panel_quality.cpp), the P&L
// waterfall (policy_lab_panel_pnl.cpp).
void quality_section(Ui& ui, const LabRunView& r, LabIntents& out);
void pnl_section(Ui& ui, const LabRunView& r, LabIntents& out);
// Policy sections: borrower behaviour and costs (policy_lab_panel_assumptions.cpp).
void assumptions_sections(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out);
// The limit ladder (credit.limit_ladder): a tick box and, when ticked, its fields.
void ladder_section(Ui& ui, const LabView& v, LabPolicyForm& f, LabIntents& out);

}  // namespace finlab::web::lab_panel
