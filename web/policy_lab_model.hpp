// Policy lab (for product teams): the view-model the panel draws, the form it
// edits and the intents it returns. Everything here is display-ready (exact
// strings from sim/, explanations, chart series); the panel computes nothing.
// Built by policy_lab_model.cpp on the simulation engine (sim/): the policy is
// a finlab.policy JSON document validated by sim::parse_policy (errors carry
// JSON paths), runs execute in chunks between frames with sim::Simulation and
// are stored with sim::RunStore, the same schema `finlab sim` writes.
// Deliberately not here: drawing (panel_policy_lab.cpp) and any simulation
// rule (sim/).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "web/chart.hpp"
#include "web/policy_lab_quality.hpp"
#include "web/ui.hpp"

namespace finlab::web {

enum class LabTab { policy = 0, results, compare, sweep, runs };
inline constexpr int kLabTabCount = 5;

// A run in one of the two databases the lab shows.
enum class RunSource { browser = 0, imported = 1 };
struct RunRef {
  RunSource source = RunSource::browser;
  std::int64_t id = 0;
  bool operator==(const RunRef&) const = default;
};

// ---------------------------------------------------------------- editable form
// Text buffers of the policy editor. Each field maps to one JSON path of the
// policy document (docs/sim.md); what is not in the form (provision,
// collections, description, ...) is kept as it is in the document.
struct LabPartnerForm {
  std::string name, min_score, funding_cost, capacity, revenue_share;
};

struct LabPolicyForm {
  std::string name;
  std::string cutoff;
  bool refer_on = false;
  std::string refer_from, refer_pct;
  std::array<bool, 4> consents{};  // device, location, app_usage, consumption
  std::string reapply_months;
  std::string score_bands, income_bands;           // "560, 600, 640, 680"
  std::vector<std::vector<std::string>> limits;   // [score band][income band], yuan
  std::string first_loan_cap, min_loan, amount_step;
  int quote = 0;                                  // 0 daily, 1 annual
  int day_basis = 360;                            // 360 or 365
  std::vector<std::string> rates;                 // per score band, percent
  std::string rate_cap;
  std::string terms;                              // "3, 6, 12"
  int method = 0;                                 // index into the method list
  std::string max_dti, fee, penalty_multiple, writeoff_dpd;
  std::vector<LabPartnerForm> partners;
  std::string gross_yield, fund_fee, fast_limit;
  std::string boost_pct, boost_days, boost_cap;
  // The "assumptions" and "pnl" sections by JSON path (lab_extra_fields());
  // "" = the documented default. ecl_stages: -1 default (true), 0 false, 1 true.
  std::map<std::string, std::string> extra;
  int ecl_stages = -1;
  bool ladder_on = false;                         // credit.limit_ladder present (its fields in `extra`)
  std::string json;                               // the JSON editor's text
};

struct LabRunForm {
  int scenario = 0;                               // index into view.scenarios
  std::string users = "10000", months = "24", seed = "2015";
  std::string sweep_from = "540", sweep_to = "660", sweep_step = "20";
  int compare_a = -1, compare_b = -1;             // index into view.compare_choices
  // UI state of the panel (not saved): the template the combo shows, and the
  // sub-tab the model asked for until ImGui has shown it.
  int template_choice = 0;
  int tab_seen = -1, tab_pending = -1;
};

// ---------------------------------------------------------------- view
// A rate whose numerator counts fewer events than this (loans booked, loans
// charged off, loans 30+ days past due, bads) is marked "few events" [D]: at 30
// events the relative standard error of a Poisson count is 1/√30 ≈ 18%.
// The simulation gives no intervals of its own (one run is one path).
inline constexpr std::int64_t kFewEvents = 30;

// LabTable: web/policy_lab_quality.hpp.

struct LabKpi {
  std::string key;    // "policy_lab.approval_rate"
  const char* label;  // English key for tr()
  std::string value;  // "25.5743%"
  Explanation explain;
  std::string basis;  // "2,557 loans booked of 10,000 applications"; "" when not a rate of events
  bool few = false;   // rests on fewer than kFewEvents events
};

// One cell of the swap matrix (totals have no expected bad rate: "–").
struct LabSwapCell {
  std::string users, expected, bads, observed;  // "1,234", "3.2100%", "40", "3.2415%"
  bool few = false;                             // fewer than kFewEvents bads
};

// Swap-in / swap-out: [A approves, A declines, total][B approves, B declines, total].
struct LabSwap {
  bool present = false;
  std::string a_rule, b_rule;
  LabSwapCell cell[3][3];
};

struct LabRunRow {
  RunRef ref;
  std::string name;   // widget name suffix: "b3" / "i1"
  std::string id, status, created, policy, scenario, size, approval, loss, profit;
  bool complete = false;
  bool viewing = false;
};

struct LabTotalRow {
  std::string name, value, unit;
};

struct LabRunView {
  bool present = false;
  std::string title;
  std::string subtitle;
  std::vector<LabKpi> kpis;
  std::vector<ChartSpec> charts;        // approval, losses, profit, vintages, scores, fund
  std::vector<std::string> chart_notes; // per chart: shown instead of it when it has nothing to plot
  std::vector<LabTotalRow> totals;      // every total, as stored
  // Analyses (policy_lab_analyses.cpp).
  LabTable value_table;                 // value of behaviour data: two scores at equal expected bad rate
  std::string value_gain;
  LabSwap swap;
  LabTable swap_table;                  // the matrix in long form (CSV, test API)
  LabTable history_table;               // the history the scorecard learned from
  // Score drift (policy_lab_drift.cpp).
  LabTable drift_months, drift_features;
  std::vector<int> drift_levels, drift_feature_levels;  // 0 stable, 1 moderate, 2 significant
  int drift_level = 0;
  std::string drift_verdict, drift_thresholds, drift_note;
  ChartSpec drift_chart;
  // Credit quality and the full P&L (policy_lab_quality.cpp, policy_lab_pnl.cpp).
  LabQualityView quality;
  LabPnlView pnl;
  // Selection-bias report (policy_lab_selection.cpp), computed on request.
  LabTable selection_table;
  std::string selection_note, selection_error;
  bool selection_present = false;
};

struct LabCompareRow {
  std::string key;             // stored total name ("booked_count")
  std::string name, a, b, diff;  // name: the label in the UI's language
  bool differs = false;
  int judgement = 0;           // +1 B moved the right way, -1 the wrong way (policy_lab_kpis.hpp)
};

struct LabSweepRow {
  std::string cutoff, approval, loss, profit, booked;
  bool efficient = false;
};

struct LabView {
  LabTab tab = LabTab::policy;
  // policy
  bool policy_valid = false;
  std::vector<std::string> policy_errors;            // "credit.cutoff: ..."
  std::map<std::string, std::string> field_errors;   // JSON path -> message
  std::vector<std::string> score_band_labels;        // "< 560", "560–599", ...
  std::vector<std::string> income_band_labels;       // "< ¥3,000", ...
  std::vector<std::string> templates;                // policy files in assets/policies
  std::vector<std::string> methods;                  // repayment methods
  std::string policy_summary;
  std::map<std::string, std::string> extra_defaults;  // JSON path -> the default, shown greyed in an empty box
  // run
  std::vector<std::string> scenarios;
  std::string scenario_description;
  bool running = false;
  bool sweeping = false;
  float progress = 0;
  std::string progress_text;
  std::string message;
  bool message_error = false;
  // results
  LabRunView current;
  // compare
  std::vector<std::string> compare_choices;           // "Run 3 (browser) · baseline-2015 · baseline"
  std::string compare_a_title, compare_b_title;
  std::vector<LabCompareRow> compare;
  std::vector<ChartSpec> compare_charts;
  // sweep
  std::vector<LabSweepRow> sweep;
  std::vector<ChartSpec> sweep_charts;
  std::string sweep_title;
  // runs
  std::vector<LabRunRow> runs;                        // browser database
  std::string imported_name;                          // "" when none is open
  std::string imported_note;
  std::vector<LabRunRow> imported_runs;
};

struct LabIntents {
  std::optional<LabTab> tab;
  // policy editor
  bool policy_changed = false;     // a field changed this frame (validate)
  bool policy_committed = false;   // an edit finished (save)
  bool bands_changed = false;      // score / income bands edited: fit matrix and prices
  bool apply_json = false;
  bool reload_json = false;        // refresh the JSON editor from the form
  int load_template = -1;
  bool add_partner = false;
  int remove_partner = -1;
  bool export_policy = false;
  bool import_policy = false;      // file picker for a policy JSON
  // runs
  bool settings_committed = false;
  bool run = false;
  bool cancel = false;
  bool sweep = false;
  bool open_db = false;
  bool close_db = false;
  std::optional<RunRef> view_run;
  bool compare_changed = false;
  std::string export_csv;          // id of a table to download as CSV
  bool selection_report = false;   // train the five reject-inference cards for the run shown
};

LabIntents draw_policy_lab_panel(Ui& ui, const LabView& view, LabPolicyForm& form, LabRunForm& run);

}  // namespace finlab::web
