// Policy lab panel: draws a LabView and returns the user's intents. No
// finance and no database here: every figure, error and chart series comes
// from policy_lab_model.cpp; the panel only edits the form's text buffers.
//
// The Policy tab is drawn in policy_lab_panel_policy.cpp, the Results tab in
// policy_lab_panel_results.cpp (shared helpers: policy_lab_panel.hpp).
//
// [SECTION] helpers
// [SECTION] run bar
// [SECTION] compare, sweep, runs
// [SECTION] panel
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "web/a11y.hpp"
#include "web/policy_lab_kpis.hpp"
#include "web/policy_lab_model.hpp"
#include "web/policy_lab_panel.hpp"

namespace finlab::web::lab_panel {

// [SECTION] helpers -----------------------------------------------------------------

void name_box(Ui& ui, const std::string& name, float width_px) {
  ui.name_item(name);
  const bool visible = ui.widgets().at(name).visible;
  const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
  ui.name_rect(name, mn, ImVec2(std::min(mx.x, mn.x + width_px), mx.y), visible);
}

void same_line_unless_compact(Ui& ui) {
  if (!ui.compact()) ImGui::SameLine(0, ui.px(18));
}

// A collapsible section header named for the tests; true when it is open.
bool section(Ui& ui, const char* label_en, const char* id, const char* name, bool default_open) {
  const bool open = ImGui::CollapsingHeader(ui.label(label_en, id).c_str(), default_open ? ImGuiTreeNodeFlags_DefaultOpen : 0);
  ui.name_item(name);
  return open;
}

void chart_block(Ui& ui, const ChartSpec& c, const char* title_en, const std::string& note) {
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

InputTable input_table(int rows, float width_px, ImGuiTableFlags flags) {
  const ImGuiStyle& st = ImGui::GetStyle();
  if (width_px <= ImGui::GetContentRegionAvail().x) return {flags | ImGuiTableFlags_NoHostExtendX, ImVec2(0, 0)};
  // A row holds a box and the spacing after it (a phone's 44 px boxes included), so every row shows
  // without a vertical scroll inside the table.
  const float h = ImGui::GetTextLineHeight() + 2.0f * st.CellPadding.y +
                  static_cast<float>(rows) * (ImGui::GetFrameHeightWithSpacing() + 2.0f * st.CellPadding.y + 1.0f) + st.ScrollbarSize +
                  2.0f * st.CellPadding.y + st.ItemSpacing.y;
  return {flags | ImGuiTableFlags_ScrollX, ImVec2(0, h)};
}

void csv_button(Ui& ui, const char* table_id, LabIntents& out) {
  ImGui::PushID(table_id);
  if (ImGui::Button(ui.label("Download CSV", "csv").c_str())) out.export_csv = table_id;
  ImGui::PopID();
  ui.name_item(std::string("policy_lab.csv.") + table_id);
}

}  // namespace finlab::web::lab_panel

namespace finlab::web {

namespace {

using namespace lab_panel;

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
  if (v.compare.empty()) {
    if (v.compare_choices.size() >= 2)
      ui.help_text("Choose run A and run B above: their totals appear side by side with B − A, coloured by whether B is better or worse for the platform, and their monthly approval and cumulative profit are drawn together.");
    return;
  }
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
  csv_button(ui, "compare", out);
  ui.help_text("▲ green: B is better for the platform on this figure; ▼ red: worse; uncoloured: neither better nor worse in itself.");
  ui.wrapped_dim(v.compare_a_title);
  ui.wrapped_dim(v.compare_b_title);
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
  csv_button(ui, "sweep", out);
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
  // On a phone the run's number heads "#", its description "Run".
  ImGui::TableSetupColumn(compact ? "#" : ui.tr("Run"), ImGuiTableColumnFlags_WidthStretch, 0.4f);
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
      ui.wrapped(r.policy + " · " + r.scenario);
      ImGui::TableNextColumn();
      ui.wrapped(r.size);
      if (!r.complete) {
        ImGui::TableNextColumn();
        ui.wrapped(r.status, kWarn);
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
      ui.wrapped(r.policy + " · " + r.scenario + " · " + r.size);
      if (r.complete)
        ui.wrapped_dim(std::string(ui.tr("Approval rate")) + " " + r.approval + " · " + ui.tr("Loss rate") + " " + r.loss + " · " +
                       ui.tr("Net profit") + " " + r.profit);
      else ui.wrapped(r.status, kWarn);
    }
    ImGui::TableNextColumn();
    if (r.complete) {
      ImGui::PushID(r.name.c_str());
      if (ui.small_button(ui.label("View", "view"))) out.view_run = r.ref;
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
  if (!v.runs.empty()) csv_button(ui, "runs", out);
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
    if (!v.imported_runs.empty()) csv_button(ui, "opened_runs", out);
  }
}

}  // namespace

// [SECTION] panel ----------------------------------------------------------------------------

LabIntents draw_policy_lab_panel(Ui& ui, const LabView& v, LabPolicyForm& form, LabRunForm& run) {
  LabIntents out;
  run_bar(ui, v, run, out);
  // Key numbers of the run on screen (ARIA mirror, test API), on every sub-tab.
  if (v.current.present) {
    // "Run 3" (the title goes on with the policy's own name, time and seed).
    ui.key_number("policy_lab.run", "Run", v.current.title.substr(0, v.current.title.find(" · ")));
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
