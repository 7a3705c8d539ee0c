// Portfolio: view-model, form and intents of the panel for a user's plan of
// 活期宝 plus index funds (定投), its Monte Carlo projection and the median
// path in detail. portfolio_model.cpp fills it from core/portfolio.
#pragma once

#include <string>
#include <vector>

#include "web/chart.hpp"
#include "web/suitability_view.hpp"
#include "web/ui.hpp"

namespace finlab::web {

struct PortfolioForm {
  int plan = 0;                       // template index (assets/plans)
  std::string initial_deposit = "10000";
  std::string monthly_deposit = "1000";
  std::string invest_amount = "1000";
  int invest_every = 0;               // 0: a day of the month, 1: a weekday every week
  std::string invest_day = "15";      // monthly: 1..31 (moved to the next trading day)
  int invest_weekday = 3;             // weekly: 0 = Monday .. 6 = Sunday
  // Target allocation of a rebalancing plan: plan id ("huoqibao" or a fund id) -> percent.
  std::vector<std::pair<std::string, std::string>> targets;
  std::string huoqibao_yield = "3.5";
  std::string paths = "1000";
  std::string years = "10";
  std::string seed = "1";
  bool sign_warning = false;          // the risk mismatch warning is signed for this plan
};

struct PortfolioFigure {
  std::string key;
  const char* label;       // English key for tr(), or nullptr: use label_text as is
  std::string value;
  Explanation explain;
  std::string label_text;  // a label already in display form (the core's figure names)
};

struct PortfolioTxRow {
  std::string date, kind, fund, amount, shares, nav, fee, note;
};

struct PortfolioView {
  std::vector<std::string> plan_names;
  std::vector<std::string> target_names;  // display name per form.targets entry
  std::string rebalance_rule;             // "every quarter, or beyond 5 points"
  std::string plan_error;             // JSON-path message from parse_plan / schedule
  std::string plan_summary;           // one line: what the plan does
  bool running = false;
  float progress = 0;
  std::string progress_text;
  bool has_result = false;
  std::string result_title;           // "1,000 paths × 10 years, seed 1"
  std::vector<PortfolioFigure> figures;
  ChartSpec fan_chart, outcome_chart;
  std::vector<PortfolioFigure> median_figures;  // performance of the median path
  std::vector<std::pair<std::string, std::string>> holdings;  // fund -> shares / value
  std::vector<PortfolioTxRow> transactions;
  std::string elapsed;                // "computed in 0.84 s"
  // Suitability before the first investment product (index funds, R3).
  int gate = 0;                       // 0 allowed or no fund, 1 needs the signed warning, 2 refused, 3 assess first
  std::string gate_text, warning_text;
  SuitabilityView suitability;
};

struct PortfolioIntents {
  bool changed = false;
  bool template_changed = false;      // a different plan template: its schedule and targets replace the form's
  bool editing = false;
  bool run = false;
  bool cancel = false;
  bool download_plan = false;
  SuitabilityIntents suitability;
};

PortfolioIntents draw_portfolio_panel(Ui& ui, const PortfolioView& view, PortfolioForm& form, SuitabilityProfile& profile);

}  // namespace finlab::web
