// Policy lab, Results tab: the KPI cards of a run with their "explain this
// number" (formula, inputs, rounding), the monthly charts, vintage curves,
// score distribution and fund balance, every total as stored. Only formats
// what sim/ computed (sim/kpi.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/money/money.hpp"
#include "web/format.hpp"
#include "sim/kpi_interval.hpp"
#include "web/policy_lab_detail.hpp"
#include "web/policy_lab_kpis.hpp"

namespace finlab::web::lab {

using money::Money;

namespace {

struct ExplainContext {
  const sim::StoredRun& r;
  sim::MonthAcc s;              // every month summed
  const sim::MonthAcc& last;    // the last month
  Lang lang;
  std::string tr(const char* en) const { return std::string(translate(lang, en)); }
  std::string pct_rounding() const { return tr("A percentage with 4 decimals, rounded half-up once from the exact integer ratio."); }
  std::string fen_rounding() const {
    return tr("None here: a sum of amounts in fen (each amount was rounded to the fen where it arose, by the loan and fund engines).");
  }
};

// Approvals, lending, losses and delinquency. False for another name.
bool explain_lending(const std::string& name, const ExplainContext& c, Explanation& ex) {
  const sim::StoredRun& r = c.r;
  const sim::MonthAcc& s = c.s;
  const sim::MonthAcc& last = c.last;
  auto tr = [&c](const char* en) { return c.tr(en); };
  const std::string pct_rounding = c.pct_rounding(), fen_rounding = c.fen_rounding();
  if (name == "approval_rate") {
    ex.title = tr("Approval rate");
    ex.formula = tr("approval rate = loans booked ÷ applications decided, over all months");
    ex.inputs = {{tr("Applications decided"), format_int(s.applicants)},
                 {tr("Approved by the credit decision"), format_int(s.approved)},
                 {tr("of which approved in manual review (refer band)"), format_int(s.refer_approved)},
                 {tr("Declined: score below the cutoff"), format_int(s.declined_score)},
                 {tr("Declined: required consent missing"), format_int(s.declined_consent)},
                 {tr("Declined: zero limit or debt-to-income"), format_int(s.declined_limit + s.declined_dti)},
                 {tr("Approved but no partner capacity"), format_int(s.declined_capacity)},
                 {tr("Loans booked"), format_int(s.booked_count)}};
    ex.rounding = pct_rounding;
  } else if (name == "booked_amount") {
    ex.title = tr("Amount booked");
    ex.formula = tr("the sum of every loan's amount at booking, over all months");
    ex.inputs = {{tr("Loans booked"), format_int(s.booked_count)},
                 {tr("of which first loans"), format_int(s.first_loans)},
                 {tr("Average loan"), display_total(total_of(r, "average_loan"), "yuan")}};
    ex.rounding = fen_rounding;
  } else if (name == "loss_rate") {
    ex.title = tr("Loss rate");
    ex.formula = tr("loss rate = (charge-offs − recoveries) ÷ amount booked");
    ex.inputs = {{tr("Principal charged off"), yuan_text(s.chargeoff_fen)},
                 {tr("Loans charged off"), format_int(s.chargeoff_count)},
                 {tr("Recoveries"), yuan_text(s.recoveries_fen)},
                 {tr("Amount booked"), yuan_text(s.booked_fen)}};
    ex.rounding = pct_rounding;
  } else if (name == "dq30_rate") {
    ex.title = tr("30+ days past due");
    ex.formula = tr("principal of loans 30+ days past due ÷ principal outstanding, at the last month end");
    ex.inputs = {{tr("Principal 30+ days past due"), yuan_text(last.outstanding_30p_fen)},
                 {tr("Loans 30+ days past due"), format_int(last.count_30p)},
                 {tr("Principal outstanding"), yuan_text(last.outstanding_fen)},
                 {tr("Open loans"), format_int(last.active_loans)}};
    ex.rounding = pct_rounding;
  } else {
    return false;
  }
  return true;
}

// Profit, return, the fund and its subsidy. False for another name.
bool explain_money(const std::string& name, const ExplainContext& c, Explanation& ex) {
  const sim::StoredRun& r = c.r;
  const sim::MonthAcc& s = c.s;
  const sim::MonthAcc& last = c.last;
  auto tr = [&c](const char* en) { return c.tr(en); };
  const std::string pct_rounding = c.pct_rounding(), fen_rounding = c.fen_rounding();
  if (name == "net_profit") {
    ex.title = tr("Net profit");
    ex.formula = tr("net profit = interest + penalty interest + fees − funding cost − provision expense − fund subsidy (加息) − acquisition − data − collection − interest tax − capital charge, summed over months");
    std::int64_t prov = 0;
    for (int m = 0; m < r.acc.months; ++m) prov += sim::provision_expense(r.acc, m);
    ex.inputs = {{tr("Contract interest"), yuan_text(s.interest_fen)},
                 {tr("Penalty interest"), yuan_text(s.penalty_fen)},
                 {tr("Origination fees"), yuan_text(s.fee_fen)},
                 {tr("Funding cost"), yuan_text(s.funding_cost_fen)},
                 {tr("Provision expense (Δ allowance + charge-offs − recoveries)"), yuan_text(prov)},
                 {tr("Fund subsidy (加息)"), yuan_text(s.subsidy_fen)},
                 {tr("Acquisition cost"), yuan_text(s.acquisition_cost_fen)},
                 {tr("Data and credit-bureau cost"), yuan_text(s.data_cost_fen)},
                 {tr("Collection cost"), yuan_text(s.collection_cost_fen)},
                 {tr("Tax on interest income (VAT)"), yuan_text(s.interest_tax_fen)},
                 {tr("Capital charge"), yuan_text(s.capital_charge_fen)}};
    ex.rounding = fen_rounding;
  } else if (name == "roa") {
    ex.title = tr("Return on assets");
    ex.formula = tr("ROA = net profit × 12 ÷ Σ month-end principal outstanding (annualised, on average assets)");
    std::int64_t outs = 0;
    for (const auto& a : r.acc.month) outs += a.outstanding_fen;
    ex.inputs = {{tr("Net profit"), display_total(total_of(r, "net_profit"), "yuan")},
                 {tr("Σ month-end outstanding"), yuan_text(outs)},
                 {tr("Months"), std::to_string(r.acc.months)}};
    ex.rounding = pct_rounding;
  } else if (name == "fund_aum") {
    ex.title = tr("Fund balance (AUM)");
    ex.formula = tr("the 活期宝 balance of all users at the last month end = deposits − redemptions − fast redemptions + income paid + subsidy");
    ex.inputs = {{tr("Deposits"), yuan_text(s.deposits_fen)},
                 {tr("Normal redemptions"), yuan_text(s.redemptions_fen)},
                 {tr("Fast (T+0) redemptions"), yuan_text(s.fast_redemptions_fen)},
                 {tr("Income paid to users"), yuan_text(s.fund_income_fen)},
                 {tr("Fund subsidy (加息)"), yuan_text(s.subsidy_fen)},
                 {tr("Users holding the fund"), format_int(last.fund_holders)}};
    ex.rounding = tr("Daily income is truncated to the fen per user; what is cut off stays with the fund (fund_rounding_residual).");
  } else if (name == "subsidy_cost") {
    ex.title = tr("Fund subsidy (加息)");
    ex.formula = tr("extra yield for new fund users, paid by the platform: balance up to the cap × extra yield ÷ 365, each day of the boost");
    ex.inputs = {{tr("New fund users"), format_int(s.new_fund_users)}, {tr("Subsidy paid"), yuan_text(s.subsidy_fen)}};
    if (auto cfg = r.config()) {
      const auto& b = cfg.value().policy.fund.boost;
      ex.inputs.emplace_back(tr("Extra yield"), format_percent(b.extra_yield, 4));
      ex.inputs.emplace_back(tr("Days of boost"), std::to_string(b.days));
      ex.inputs.emplace_back(tr("Balance cap"), format_yuan(b.cap));
    }
    ex.rounding = tr("Truncated to the fen per user per day.");
  } else {
    return false;
  }
  return true;
}

Explanation kpi_explanation(const std::string& name, const std::string& shown, const sim::StoredRun& r, Lang lang) {
  const ExplainContext c{r, sum_months(r.acc), r.acc.month.back(), lang};
  Explanation ex;
  ex.value = shown;
  ex.source = "docs/sim.md, sim/kpi.hpp";
  if (!explain_lending(name, c, ex) && !explain_money(name, c, ex)) {
    ex.title = name;
    ex.formula = name;
  }
  ex.title += " — " + c.tr("run") + " " + std::to_string(r.summary.run_id);
  return ex;
}

ChartSpec month_chart(const std::string& name, const sim::StoredRun& r, float height) {
  ChartSpec c;
  c.name = name;
  c.height_css = height;
  const sim::KpiContext kc = r.kpi_context();
  for (int m = 0; m < r.acc.months; ++m) c.x_labels.push_back(sim::period_of(kc.start, m));
  return c;
}

// Monthly approval.
ChartSpec approval_chart(const sim::StoredRun& r, Ui& ui, float h) {
  ChartSpec c = month_chart("policy_lab.chart.approval", r, h);
  c.y_suffix = "%";
  c.y_from_zero = true;
  ChartSeries s{ui.tr("Approval rate"), SeriesKind::line, {}, {}, {}, IM_COL32(0, 114, 178, 255), true};
  for (const auto& a : r.acc.month) {
    const std::string p = sim::percent_of(a.booked_count, a.applicants);
    s.y.push_back(plot_of(p, 4));
    s.y_text.push_back(p + "% (" + format_int(a.booked_count) + " / " + format_int(a.applicants) + ")");
  }
  c.series.push_back(std::move(s));
  return c;
}

// Losses.
ChartSpec losses_chart(const sim::StoredRun& r, Ui& ui, float h) {
  ChartSpec c = month_chart("policy_lab.chart.losses", r, h);
  c.y_from_zero = true;
  ChartSeries co{ui.tr("Charge-offs"), SeriesKind::bar, {}, {}, {}, IM_COL32(213, 94, 0, 255), true};
  ChartSeries rc{ui.tr("Recoveries"), SeriesKind::bar, {}, {}, {}, IM_COL32(0, 158, 115, 255), true};
  for (const auto& a : r.acc.month) {
    co.y.push_back(to_plot(a.chargeoff_fen, 2));
    co.y_text.push_back(yuan_text(a.chargeoff_fen));
    rc.y.push_back(to_plot(a.recoveries_fen, 2));
    rc.y_text.push_back(yuan_text(a.recoveries_fen));
  }
  c.series.push_back(std::move(co));
  c.series.push_back(std::move(rc));
  return c;
}

// Profit.
ChartSpec profit_chart(const sim::StoredRun& r, Ui& ui, float h) {
  ChartSpec c = month_chart("policy_lab.chart.profit", r, h);
  c.y_from_zero = true;
  ChartSeries np{ui.tr("Net profit"), SeriesKind::bar, {}, {}, {}, IM_COL32(86, 180, 233, 255), true};
  ChartSeries cum{ui.tr("Cumulative net profit"), SeriesKind::line, {}, {}, {}, IM_COL32(230, 120, 20, 255), true};
  std::int64_t run = 0;
  for (int m = 0; m < r.acc.months; ++m) {
    const std::int64_t p = sim::net_profit(r.acc, m);
    run += p;
    np.y.push_back(to_plot(p, 2));
    np.y_text.push_back(yuan_text(p));
    cum.y.push_back(to_plot(run, 2));
    cum.y_text.push_back(yuan_text(run));
  }
  c.series.push_back(std::move(np));
  c.series.push_back(std::move(cum));
  return c;
}

// Vintage curves: cumulative share of each origination month's loans ever 30+ DPD, by months on book.
ChartSpec vintage_chart(const sim::StoredRun& r, Ui& ui, float h) {
  return vintage_mob_chart("policy_lab.chart.vintages", r, ui, h, sim::vintage_curves(r.acc), [](const auto& p) {
    const std::string pct = sim::percent_of(p.bad_loans, p.loans);
    return std::pair{pct, pct + "% (" + format_int(p.bad_loans) + " / " + format_int(p.loans) + ")"};
  });
}

// Score distribution of the run's users (behaviour-enhanced vs application-only), 20-point bins.
ChartSpec score_chart(const LoadedRun& l, Ui& ui, float h) {
  ChartSpec c;
  c.name = "policy_lab.chart.scores";
  c.height_css = h;
  c.y_from_zero = true;
  int lo = 1024, hi = -1;
  for (int s = 0; s < 1024; ++s) {
    if (l.behaviour[s] || l.application[s]) {
      lo = std::min(lo, s);
      hi = std::max(hi, s);
    }
  }
  if (hi >= lo) {
    const int w = 20;
    lo = lo / w * w;
    ChartSeries b{ui.tr("Behaviour-enhanced score"), SeriesKind::bar, {}, {}, {}, IM_COL32(230, 159, 0, 255), true};
    ChartSeries a{ui.tr("Application-data-only score"), SeriesKind::bar, {}, {}, {}, IM_COL32(86, 180, 233, 255), true};
    for (int x = lo; x <= hi; x += w) {
      std::int64_t nb = 0, na = 0;
      for (int s = x; s < x + w && s < 1024; ++s) {
        nb += l.behaviour[s];
        na += l.application[s];
      }
      c.x_labels.push_back(std::to_string(x) + "–" + std::to_string(x + w - 1));
      b.y.push_back(static_cast<double>(nb));
      b.y_text.push_back(format_int(nb));
      a.y.push_back(static_cast<double>(na));
      a.y_text.push_back(format_int(na));
    }
    c.series.push_back(std::move(b));
    c.series.push_back(std::move(a));
  }
  return c;
}

// Fund balance.
ChartSpec fund_chart(const sim::StoredRun& r, Ui& ui, float h) {
  ChartSpec c = month_chart("policy_lab.chart.fund", r, h);
  c.name = "policy_lab.chart.fund";
  c.y_from_zero = true;
  ChartSeries s{ui.tr("Fund balance (AUM)"), SeriesKind::area, {}, {}, {}, IM_COL32(0, 158, 115, 255), true};
  for (const auto& a : r.acc.month) {
    s.y.push_back(to_plot(a.aum_fen, 2));
    s.y_text.push_back(yuan_text(a.aum_fen));
  }
  c.series.push_back(std::move(s));
  return c;
}

// The events a rate rests on, marked when there are fewer than kFewEvents
// of them, and the rate's 95% interval (sim/kpi_interval.hpp; docs/sim.md
// "Uncertainty of the figures").
void kpi_basis(const std::string& name, const sim::StoredRun& r, Ui& ui, LabKpi& k) {
  const sim::MonthAcc s = sum_months(r.acc);
  std::int64_t events = -1;
  if (name == "approval_rate") {
    events = s.application_bookings();
    k.basis = format_int(events) + " " + ui.tr("loans booked") + " / " + format_int(s.applicants) + " " + ui.tr("applications");
  } else if (name == "loss_rate") {
    events = s.chargeoff_count;
    k.basis = format_int(s.chargeoff_count) + " " + ui.tr("loans charged off") + " / " + format_int(s.booked_count) + " " + ui.tr("loans booked");
  } else if (name == "dq30_rate") {
    events = r.acc.month.back().count_30p;
    k.basis = format_int(events) + " " + ui.tr("loans 30+ days past due");
  }
  k.few = events >= 0 && events < kFewEvents;
  if (const sim::KpiInterval* iv = sim::find_interval(kpi_intervals(r), name)) {
    const std::string line = kpi_interval_line(iv, ui.lang());
    if (!line.empty()) k.basis += (k.basis.empty() ? "" : " · ") + line;
  }
}

}  // namespace

void PolicyLabModel::build_results(Ui& ui) {
  LabRunView& v = view_.current;
  v = LabRunView{};
  if (!current_) return;
  const Lang lang = ui.lang();
  const sim::StoredRun& r = current_->run;
  const bool imported = current_->ref.source == RunSource::imported;
  v.present = true;
  v.title = std::string(ui.tr("Run")) + " " + std::to_string(r.summary.run_id) + (imported ? paren(opened_name_, lang) : std::string()) + " · " +
            run_name(r.summary, lang);
  v.subtitle = r.summary.policy_name + " · " + r.summary.scenario_name + " · " + format_int(static_cast<std::int64_t>(r.summary.users)) + " " +
               ui.tr("users") + " × " + std::to_string(r.summary.months) + " " + ui.tr("months") + " · " + ui.tr("seed") + " " +
               std::to_string(r.summary.seed) + " · " + r.summary.engine_version;
  if (r.summary.elapsed_ms > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " · %.1f s", static_cast<double>(r.summary.elapsed_ms) / 1000.0);
    v.subtitle += buf;
  }
  struct K {
    const char* name;
    const char* label;
    const char* unit;
  };
  static const K kKpis[] = {{"approval_rate", "Approval rate", "%"}, {"booked_amount", "Amount booked", "yuan"},
                            {"loss_rate", "Loss rate", "%"},          {"net_profit", "Net profit", "yuan"},
                            {"roa", "Return on assets", "%"},         {"dq30_rate", "30+ days past due", "%"},
                            {"fund_aum", "Fund balance (AUM)", "yuan"}, {"subsidy_cost", "Fund subsidy (加息)", "yuan"}};
  for (const K& k : kKpis) {
    const std::string shown = display_total(total_of(r, k.name), k.unit);
    LabKpi kpi{std::string("policy_lab.kpi.") + k.name, k.label, shown, kpi_explanation(k.name, shown, r, lang), {}, false};
    kpi_basis(k.name, r, ui, kpi);
    v.kpis.push_back(std::move(kpi));
  }
  for (const auto& t : r.totals) v.totals.push_back({t.name, display_total(t.value, t.unit), t.unit});
  build_analyses(ui);
  build_drift(ui);
  build_quality(ui);
  build_pnl(ui);
  const bool selection_here = current_ && selection_run_ && *selection_run_ == current_->ref;
  build_selection(ui, selection_here ? selection_ : std::nullopt, selection_here ? selection_error_ : std::string(), v);

  const float h = 190.0f;
  v.charts.push_back(approval_chart(r, ui, h));
  v.charts.push_back(losses_chart(r, ui, h));
  v.charts.push_back(profit_chart(r, ui, h));
  v.charts.push_back(vintage_chart(r, ui, h));
  v.charts.push_back(score_chart(*current_, ui, h));
  v.charts.push_back(fund_chart(r, ui, h));
  // A chart whose every value is zero says so in words (an empty axis explains nothing).
  static const char* kNothing[] = {"No applications in this run.", "No charge-offs and no recoveries in this run.", "No income and no costs in this run.",
                                   "No loan reached 30 days past due in this run.", "No scores stored with this run.", "No fund balance in this run."};
  for (std::size_t i = 0; i < v.charts.size(); ++i) {
    bool any = false;
    for (const auto& s : v.charts[i].series)
      for (double y : s.y)
        if (!std::isnan(y) && y != 0.0) any = true;
    v.chart_notes.push_back(any ? std::string() : std::string(ui.tr(kNothing[std::min<std::size_t>(i, 5)])));
  }
}

}  // namespace finlab::web::lab
