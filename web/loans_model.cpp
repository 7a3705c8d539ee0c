// Loans model: parses the calculator form (as typed, or from the URL hash),
// builds the schedule, the true annualised rate and the legal-cap check with
// core/loan exactly as `finlab loan schedule` does (same defaults: start
// 2015-05-12, ACT/360, per-period accrual, half-up), compares the four
// methods, runs the prepayment what-if, and keeps the inputs in the URL hash
// and in the browser's database.
//
// [SECTION] form <-> terms, URL hash
// [SECTION] model
// [SECTION] view building
#include <imgui.h>

#include <nlohmann/json.hpp>

#include "core/loan/all_in_cost.hpp"
#include "core/loan/apr.hpp"
#include "core/loan/prepayment.hpp"
#include "core/loan/schedule.hpp"
#include "web/app_store.hpp"
#include "web/format.hpp"
#include "web/loans_view.hpp"
#include "web/models.hpp"
#include "web/platform.hpp"

namespace finlab::web {

namespace {

using money::Money;

const loan::RepaymentMethod kMethods[] = {loan::RepaymentMethod::equal_installment, loan::RepaymentMethod::equal_principal,
                                          loan::RepaymentMethod::interest_only, loan::RepaymentMethod::bullet};
const char* kMethodLabels[] = {"Equal installment (等额本息)", "Equal principal (等额本金)", "Interest only (先息后本)", "Bullet (一次性还本付息)"};
const char* kPeriodWords[] = {"annual", "monthly", "daily"};

// [SECTION] form <-> terms, URL hash ------------------------------------------------

// Terms from the form, or a message naming the field (the same checks as the CLI).
Result<loan::LoanTerms> terms_from(const LoansForm& f, Lang lang) {
  auto field = [&](const char* name) { return std::string(translate(lang, name)) + ": "; };
  loan::LoanTerms t;
  auto p = Money::parse(f.amount);
  if (!p) return fail(field("Amount (¥)") + p.error());
  if (!p->is_positive()) return fail(field("Amount (¥)") + translate(lang, "must be positive"));
  t.principal = p.value();
  auto r = money::Rate::parse_percent(f.rate);
  if (!r) return fail(field("Rate (%)") + r.error());
  if (r->units() < 0) return fail(field("Rate (%)") + translate(lang, "must not be negative"));
  const loan::RatePeriod periods[] = {loan::RatePeriod::annual, loan::RatePeriod::monthly, loan::RatePeriod::daily};
  t.rate = loan::QuotedRate{r.value(), periods[std::clamp(f.period, 0, 2)]};
  try {
    std::size_t used = 0;
    const int n = std::stoi(f.term, &used);
    if (used != f.term.size() || n <= 0) return fail(field("Term (months)") + translate(lang, "must be a whole number of months, such as 12"));
    t.term_months = n;
  } catch (const std::exception&) {
    return fail(field("Term (months)") + translate(lang, "must be a whole number of months, such as 12"));
  }
  t.method = kMethods[std::clamp(f.method, 0, 3)];
  auto d = time::Date::parse(f.start);
  if (!d) return fail(field("Start date") + d.error());
  t.start = d.value();
  t.day_basis = f.basis == 1 ? loan::DayBasis::act_365 : loan::DayBasis::act_360;
  if (!f.upfront_fee.empty()) {
    auto fee = Money::parse(f.upfront_fee);
    if (!fee) return fail(field("Upfront fee (¥)") + fee.error());
    t.upfront_fee = fee.value();
  }
  if (!f.monthly_fee.empty()) {
    auto mf = money::Rate::parse_percent(f.monthly_fee);
    if (!mf) return fail(field("Monthly fee (% of principal)") + mf.error());
    t.monthly_fee_rate = mf.value();
  }
  if (auto err = loan::check_terms(t)) return fail(*err);
  return t;
}

std::string form_to_hash(const LoansForm& f) {
  std::string h = "loans?amount=" + f.amount + "&rate=" + f.rate + "&per=" + kPeriodWords[std::clamp(f.period, 0, 2)] +
                  "&term=" + f.term + "&method=" + std::string(loan::to_string(kMethods[std::clamp(f.method, 0, 3)])) + "&start=" + f.start +
                  "&basis=" + (f.basis == 1 ? "365" : "360");
  if (!f.upfront_fee.empty()) h += "&fee=" + f.upfront_fee;
  if (!f.monthly_fee.empty()) h += "&mfee=" + f.monthly_fee;
  if (f.lender != LoansForm{}.lender) h += "&lender=" + std::string(loan::to_string(loan::all_lender_types[std::clamp(f.lender, 0, 4)]));
  return h;
}

// Reads "loans?amount=...&rate=..." into the form; unknown keys are ignored
// and bad values are kept as typed so the panel shows what is wrong with them.
bool form_from_hash(const std::string& hash, LoansForm& f) {
  if (hash.rfind("loans?", 0) != 0) return false;
  std::string q = hash.substr(6);
  std::size_t pos = 0;
  while (pos <= q.size()) {
    const std::size_t amp = q.find('&', pos);
    const std::string kv = q.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    const std::size_t eq = kv.find('=');
    if (eq != std::string::npos) {
      const std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
      if (k == "amount") f.amount = v;
      else if (k == "rate") f.rate = v;
      else if (k == "per") f.period = v == "monthly" ? 1 : v == "daily" ? 2 : 0;
      else if (k == "term") f.term = v;
      else if (k == "method") {
        if (auto m = loan::parse_repayment_method(v))
          for (int i = 0; i < 4; ++i)
            if (kMethods[i] == m.value()) f.method = i;
      } else if (k == "start") f.start = v;
      else if (k == "basis") f.basis = v == "365" ? 1 : 0;
      else if (k == "fee") f.upfront_fee = v;
      else if (k == "mfee") f.monthly_fee = v;
      else if (k == "lender") {
        if (auto l = loan::parse_lender_type(v))
          for (int i = 0; i < 5; ++i)
            if (loan::all_lender_types[i] == l.value()) f.lender = i;
      }
    }
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return true;
}

nlohmann::json form_to_json(const LoansForm& f) {
  return {{"amount", f.amount}, {"rate", f.rate}, {"period", f.period}, {"term", f.term}, {"method", f.method}, {"start", f.start},
          {"basis", f.basis}, {"upfront_fee", f.upfront_fee}, {"monthly_fee", f.monthly_fee}, {"prepay_on", f.prepay_on},
          {"prepay_date", f.prepay_date}, {"prepay_amount", f.prepay_amount}, {"prepay_mode", f.prepay_mode}, {"lender", f.lender}};
}

void form_from_json(const nlohmann::json& j, LoansForm& f) {
  f.amount = j.value("amount", f.amount);
  f.rate = j.value("rate", f.rate);
  f.period = j.value("period", f.period);
  f.term = j.value("term", f.term);
  f.method = j.value("method", f.method);
  f.start = j.value("start", f.start);
  f.basis = j.value("basis", f.basis);
  f.upfront_fee = j.value("upfront_fee", f.upfront_fee);
  f.monthly_fee = j.value("monthly_fee", f.monthly_fee);
  f.prepay_on = j.value("prepay_on", f.prepay_on);
  f.prepay_date = j.value("prepay_date", f.prepay_date);
  f.prepay_amount = j.value("prepay_amount", f.prepay_amount);
  f.prepay_mode = j.value("prepay_mode", f.prepay_mode);
  f.lender = std::clamp(j.value("lender", f.lender), 0, 4);
}

std::string pct(double ratio) { return loan::format_percent(ratio, 2) + "%"; }

// [SECTION] model -------------------------------------------------------------------

class LoansModel final : public PanelModel {
public:
  void load(AppContext& ctx) override {
    form_ = LoansForm{};
    if (auto doc = ctx.store->document("loans")) {
      const auto j = nlohmann::json::parse(*doc, nullptr, false);
      if (j.is_object()) form_from_json(j, form_);
    }
    // A shared link wins over the saved inputs.
    from_hash_ = form_from_hash(ctx.platform.url_hash(), form_);
    dirty_ = true;
    hash_.clear();
  }

  void shown(AppContext&) override { hash_.clear(); }

  void draw(Ui& ui, AppContext& ctx) override {
    if (dirty_ || lang_ != ui.lang()) build(ui);
    const std::string h = form_to_hash(form_);
    if (h != hash_) {  // the loan's inputs in the URL, while this tab is shown
      ctx.platform.set_url_hash(h);
      hash_ = h;
    }
    const LoansIntents in = draw_loans_panel(ui, view_, form_);
    if (in.pick_method >= 0) {
      form_.method = in.pick_method;
      dirty_ = unsaved_ = true;
    }
    if (in.changed) dirty_ = unsaved_ = true;
    if (unsaved_ && !in.editing) {
      ctx.store->set_document("loans", form_to_json(form_).dump());
      ctx.saved();
      unsaved_ = false;
    }
  }

  nlohmann::json state() const override { return state_; }

private:
  void build(Ui& ui);
  void build_prepay(Ui& ui, const loan::LoanTerms& t);
  void set_cap_view(Ui& ui, const loan::ProductAssessment& a);

  LoansForm form_;
  LoansView view_;
  nlohmann::json state_ = nlohmann::json::object();
  Lang lang_ = Lang::en;
  bool dirty_ = true, unsaved_ = false, from_hash_ = false;
  std::string hash_;
};

// [SECTION] view building --------------------------------------------------------------

// The verdict of the all-in APR against every cap in force for the lender type
// on the contract date, the 年化利率（单利） disclosure, and the all-in figure.
void LoansModel::set_cap_view(Ui& ui, const loan::ProductAssessment& a) {
  const bool zh = ui.lang() == Lang::zh;
  const loan::CapVerdict& v = a.verdict;
  bool binding = false;
  for (const auto& f : v.findings)
    if (f.breached && f.rule->consequence != loan::CapConsequence::unenforceable) binding = true;
  view_.cap_zone = !v.breached() ? 0 : binding ? 2 : 1;
  view_.cap_message = zh ? v.summary_zh() : v.summary_en();
  for (const auto& f : v.findings) {
    if (!view_.cap_detail.empty()) view_.cap_detail += "\n";
    view_.cap_detail += (f.breached ? "✗ " : "✓ ") + (zh ? f.reason_zh : f.reason_en);
  }
  view_.disclosure = zh ? a.text.zh : a.text.en;

  const loan::AllInCost& c = a.cost;
  Explanation ex;
  ex.title = ui.tr("All-in APR (PBOC rule)");
  ex.value = pct(c.apr);
  ex.formula = ui.tr(c.rule == loan::DayCountRule::daily_accrual
                         ? "APR = 365 × the daily IRR of every payment on its actual date (interest and every fee), on the money actually received"
                         : "APR = 12 × the monthly IRR of every payment (interest and every fee), on the money actually received");
  ex.inputs = {{ui.tr("Money received (principal − upfront fee)"), format_yuan(c.net_received)},
               {ui.tr("Interest and fees"), format_yuan(c.total_cost)},
               {ui.tr("IRR per period i"), loan::format_decimal(c.periodic_irr, 10)},
               {ui.tr("Lender"), zh ? std::string(loan::chinese_name(v.lender)) : std::string(loan::to_string(v.lender))},
               {ui.tr("Why"), zh ? c.why_zh : c.why_en}};
  ex.rounding = ui.tr("Shown to 2 decimals (half to even).");
  ex.source = zh ? a.text.rule_zh : a.text.rule_en;
  view_.figures.push_back({"loans.all_in_apr", "All-in APR", pct(c.apr), ex});

  state_["all_in"] = {{"apr_pct", loan::format_percent(c.apr, 4)},
                      {"ear_pct", loan::format_percent(c.ear, 4)},
                      {"rule", std::string(loan::to_string(c.rule))},
                      {"lender_type", std::string(loan::to_string(v.lender))},
                      {"breached", v.breached()},
                      {"caps_in_force", v.findings.size()},
                      {"summary", v.summary_en()},
                      {"summary_zh", v.summary_zh()},
                      {"disclosure", {{"zh", a.text.zh}, {"en", a.text.en}}}};
  state_["cap"] = {{"zone", view_.cap_zone == 0 ? "within" : view_.cap_zone == 1 ? "above_unenforceable_cap" : "above_binding_cap"},
                   {"flagged", v.breached()},
                   {"message", view_.cap_message}};
}

void LoansModel::build(Ui& ui) {
  const Lang lang = ui.lang();
  lang_ = lang;
  dirty_ = false;
  view_ = LoansView{};
  state_ = nlohmann::json::object();
  state_["form"] = form_to_json(form_);
  auto terms = terms_from(form_, lang);
  if (!terms) {
    view_.error = terms.error();
    state_["error"] = view_.error;
    return;
  }
  const loan::LoanTerms& t = terms.value();
  const loan::Schedule s = loan::build_schedule(t);
  auto tr = loan::schedule_true_rate(s);
  if (!tr) {
    view_.error = std::string(ui.tr("No true rate:")) + " " + tr.error();
    state_["error"] = view_.error;
    return;
  }
  // The all-in cost and its verdict against the caps in force for the lender
  // type on the contract date: the same call as `finlab loan schedule`.
  const loan::LenderType lender = loan::all_lender_types[std::clamp(form_.lender, 0, 4)];
  auto assessed = loan::assess_product(loan::product_flows(s), lender, t.start);
  if (!assessed) {
    view_.error = std::string(ui.tr("No all-in cost:")) + " " + assessed.error();
    state_["error"] = view_.error;
    return;
  }
  const loan::ProductAssessment& all_in = assessed.value();
  view_.has_schedule = true;
  view_.with_fee = s.total_fees.is_positive();
  const std::string quoted_annual = loan::annual_rate(t.rate, t.day_basis).to_percent_string(4);

  // Figures with their drill-downs.
  {
    Explanation ex;
    ex.title = ui.tr(t.method == loan::RepaymentMethod::equal_installment ? "Monthly installment" : "First payment");
    ex.value = format_yuan(s.installment);
    switch (t.method) {
      case loan::RepaymentMethod::equal_installment:
        ex.formula = ui.tr("A = P·r·(1+r)^n ÷ ((1+r)^n − 1), r = monthly rate, n = months; each month's interest = balance × r, the rest repays principal; the last payment clears the balance");
        break;
      case loan::RepaymentMethod::equal_principal:
        ex.formula = ui.tr("principal each month = P ÷ n; interest = balance × r; payment = principal + interest, falling every month");
        break;
      case loan::RepaymentMethod::interest_only:
        ex.formula = ui.tr("interest = P × r every month; the last payment also repays P");
        break;
      case loan::RepaymentMethod::bullet:
        ex.formula = ui.tr("one payment at maturity = P + P × r × n (simple interest)");
        break;
    }
    ex.inputs = {{ui.tr("Principal P"), format_yuan(t.principal)},
                 {ui.tr("Monthly rate r (exact)"), s.periodic_rate.to_percent_string(8) + "%"},
                 {ui.tr("Months n"), std::to_string(t.term_months)}};
    if (t.monthly_fee_rate.units() > 0) ex.inputs.emplace_back(ui.tr("Monthly fee"), format_percent(t.monthly_fee_rate, 4));
    ex.rounding = ui.tr("The installment and each month's interest are rounded half-up to the fen once, from exact rates; the last period absorbs the rounding.");
    ex.source = "DOMAIN.md §2.2, §2.7";
    view_.figures.push_back({"loans.installment", t.method == loan::RepaymentMethod::equal_installment ? "Monthly installment" : "First payment",
                             format_yuan(s.installment), ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("True annualised rate (APR)");
    ex.value = pct(tr->rate.nominal);
    ex.formula = ui.tr("Find i with Σ CF_k ÷ (1 + i)^k = 0 over the cash flows the borrower sees (CF_0 = money received, then each payment); APR = i × 12 (simple), EAR = (1 + i)^12 − 1 (compound)");
    ex.inputs = {{ui.tr("Money received (principal − upfront fee)"), format_yuan(s.net_disbursed())},
                 {ui.tr("Payments"), std::to_string(s.installments.size())},
                 {ui.tr("IRR per period i"), loan::format_decimal(tr->rate.irr_per_period, 10)},
                 {ui.tr("Periods per year"), loan::format_decimal(tr->rate.periods_per_year, tr->rate.periods_per_year == 12 ? 0 : 4)},
                 {ui.tr("Quoted annual rate"), quoted_annual + "%"},
                 {ui.tr("Why this root"), tr->irr.why()}};
    ex.rounding = ui.tr("Shown to 2 decimals (half to even); the rate is solved exactly the same way on every device.");
    ex.source = "PBOC 〔2021〕 No. 3; DOMAIN.md §2.3";
    view_.figures.push_back({"loans.true_apr", "True APR", pct(tr->rate.nominal), ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("Quoted annual rate");
    ex.value = quoted_annual + "%";
    ex.formula = ui.tr("annual = monthly × 12 = daily × day basis (the contract's nominal rate, before fees and without compounding)");
    ex.inputs = {{ui.tr("Rate as typed"), form_.rate + "% " + ui.tr(kPeriodWords[std::clamp(form_.period, 0, 2)])},
                 {ui.tr("Day basis"), std::string(loan::to_string(t.day_basis))}};
    ex.source = "DOMAIN.md §2.1";
    view_.figures.push_back({"loans.quoted_rate", "Quoted annual rate", quoted_annual + "%", ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("Total interest");
    ex.value = format_yuan(s.total_interest);
    ex.formula = ui.tr("the sum of every month's interest");
    ex.inputs = {{ui.tr("Total payment"), format_yuan(s.total_payment)}, {ui.tr("Principal P"), format_yuan(t.principal)}};
    if (view_.with_fee) ex.inputs.emplace_back(ui.tr("Total fees"), format_yuan(s.total_fees));
    ex.rounding = ui.tr("Each month rounded to the fen; the sum is exact.");
    ex.source = "DOMAIN.md §2.2";
    view_.figures.push_back({"loans.total_interest", "Total interest", format_yuan(s.total_interest), ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("Effective annual rate (EAR)");
    ex.value = pct(tr->rate.effective);
    ex.formula = ui.tr("EAR = (1 + i)^12 − 1: the APR with monthly compounding");
    ex.inputs = {{ui.tr("IRR per period i"), loan::format_decimal(tr->rate.irr_per_period, 10)}};
    ex.source = "DOMAIN.md §2.3";
    view_.figures.push_back({"loans.ear", "EAR (compound)", pct(tr->rate.effective), ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("Total payment");
    ex.value = format_yuan(s.total_payment);
    ex.formula = ui.tr("the sum of every payment (principal + interest + fees)");
    ex.source = "DOMAIN.md §2.2";
    view_.figures.push_back({"loans.total_payment", "Total payment", format_yuan(s.total_payment), ex});
  }
  set_cap_view(ui, all_in);

  // Schedule rows and charts.
  view_.balance_chart.name = "loans.chart.balance";
  view_.payment_chart.name = "loans.chart.payments";
  view_.balance_chart.height_css = 150;
  view_.payment_chart.height_css = 150;
  ChartSeries bal{ui.tr("Principal left"), SeriesKind::area, {}, {}, {}, IM_COL32(0, 114, 178, 255), true};
  ChartSeries pri{ui.tr("Principal"), SeriesKind::bar, {}, {}, {}, IM_COL32(86, 180, 233, 255), true};
  ChartSeries intr{ui.tr("Interest"), SeriesKind::bar, {}, {}, {}, IM_COL32(230, 159, 0, 255), true};
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& i : s.installments) {
    LoansRow r{std::to_string(i.period), i.due_date.to_string(), i.payment.to_string_grouped(), i.principal.to_string_grouped(),
               i.interest.to_string_grouped(), i.fee.to_string_grouped(), i.balance.to_string_grouped()};
    view_.rows.push_back(r);
    const std::string x = std::to_string(i.period);
    view_.balance_chart.x_labels.push_back(x);
    view_.payment_chart.x_labels.push_back(x);
    bal.y.push_back(to_plot(i.balance));
    bal.y_text.push_back(format_yuan(i.balance));
    pri.y.push_back(to_plot(i.principal));
    pri.y_text.push_back(format_yuan(i.principal));
    intr.y.push_back(to_plot(i.interest));
    intr.y_text.push_back(format_yuan(i.interest));
    rows.push_back({{"period", i.period}, {"due_date", i.due_date.to_string()}, {"payment", i.payment.to_string()},
                    {"principal", i.principal.to_string()}, {"interest", i.interest.to_string()}, {"balance", i.balance.to_string()}});
  }
  view_.balance_chart.series.push_back(std::move(bal));
  view_.payment_chart.series.push_back(std::move(pri));
  view_.payment_chart.series.push_back(std::move(intr));

  // The four methods side by side, same amount, rate and term.
  for (int m = 0; m < 4; ++m) {
    loan::LoanTerms tm = t;
    tm.method = kMethods[m];
    LoansCompareRow row;
    row.method = kMethodLabels[m];
    row.method_index = m;
    row.current = m == form_.method;
    if (loan::check_terms(tm)) continue;
    const loan::Schedule sm = loan::build_schedule(tm);
    auto trm = loan::schedule_true_rate(sm);
    row.first_payment = format_yuan(sm.installments.empty() ? Money{} : sm.installments.front().payment);
    row.total_interest = format_yuan(sm.total_interest);
    row.total_payment = format_yuan(sm.total_payment);
    row.apr = trm ? pct(trm->rate.nominal) : "–";
    row.ear = trm ? pct(trm->rate.effective) : "–";
    view_.compare.push_back(row);
  }

  if (form_.prepay_on) build_prepay(ui, t);

  state_["installments"] = rows;
  state_["total_payment"] = s.total_payment.to_string();
  state_["total_interest"] = s.total_interest.to_string();
  state_["irr_per_period"] = loan::format_decimal(tr->rate.irr_per_period, 12);
  state_["apr_nominal_pct"] = loan::format_percent(tr->rate.nominal, 4);
  state_["apr_effective_pct"] = loan::format_percent(tr->rate.effective, 4);
  state_["from_hash"] = from_hash_;
}

void LoansModel::build_prepay(Ui& ui, const loan::LoanTerms& t) {
  auto d = time::Date::parse(form_.prepay_date);
  if (!d) {
    view_.prepay_error = std::string(ui.tr("Prepay on")) + ": " + d.error();
    return;
  }
  auto a = Money::parse(form_.prepay_amount);
  if (!a) {
    view_.prepay_error = std::string(ui.tr("Principal to prepay (¥)")) + ": " + a.error();
    return;
  }
  loan::PrepaymentRequest req{d.value(), a.value(), form_.prepay_mode == 1 ? loan::PrepayMode::lower_installment : loan::PrepayMode::shorten_term, {}};
  auto r = loan::prepay(t, req);
  if (!r) {
    view_.prepay_error = r.error();
    return;
  }
  const auto& p = r.value();
  Explanation due;
  due.title = ui.tr("Cash due on the prepayment date");
  due.value = format_yuan(p.cash_due);
  due.formula = ui.tr("prepaid principal + interest on it since the last due date (daily rate × days) + fee");
  due.inputs = {{ui.tr("Principal prepaid"), format_yuan(p.amount)},
                {ui.tr("Days since the last due date"), std::to_string(p.accrued_days)},
                {ui.tr("Accrued interest"), format_yuan(p.accrued_interest)},
                {ui.tr("Fee"), format_yuan(p.fee)}};
  due.rounding = ui.tr("Accrued interest rounded half-up to the fen once.");
  due.source = "DOMAIN.md §2.4";
  view_.prepay_figures.push_back({"loans.prepay.cash_due", "Cash due", format_yuan(p.cash_due), due});
  Explanation saved;
  saved.title = ui.tr("Interest saved");
  saved.value = format_yuan(p.interest_saved());
  saved.formula = ui.tr("interest of the remaining schedule before − (interest after + accrued interest)");
  saved.inputs = {{ui.tr("Interest before"), format_yuan(p.interest_before)}, {ui.tr("Interest after"), format_yuan(p.interest_after)}};
  saved.source = "DOMAIN.md §2.4";
  view_.prepay_figures.push_back({"loans.prepay.saved", "Interest saved", format_yuan(p.interest_saved()), saved});
  Explanation inst;
  inst.title = ui.tr("New installment");
  inst.value = format_yuan(p.new_installment);
  inst.formula = ui.tr(form_.prepay_mode == 1 ? "same number of months, a new annuity on the lower balance" : "same installment, fewer months");
  inst.inputs = {{ui.tr("Balance after"), format_yuan(p.balance_after)},
                 {ui.tr("Payments left"), std::to_string(p.remaining_after.size())},
                 {ui.tr("Payments left before"), std::to_string(p.remaining_before.size())}};
  inst.source = "DOMAIN.md §2.4";
  view_.prepay_figures.push_back({"loans.prepay.new_installment", "New installment", format_yuan(p.new_installment), inst});
  // The new term: payments left before -> after, and the new last due date.
  const std::string last_before = p.remaining_before.empty() ? std::string("-") : p.remaining_before.back().due_date.to_string();
  const std::string last_after = p.remaining_after.empty() ? d.value().to_string() : p.remaining_after.back().due_date.to_string();
  const std::string term_text =
      std::to_string(p.remaining_before.size()) + " → " + std::to_string(p.remaining_after.size()) + paren(std::string(ui.tr("last due")) + " " + last_after, ui.lang());
  Explanation term;
  term.title = ui.tr("Payments left, before → after");
  term.value = term_text;
  term.formula = ui.tr(form_.prepay_mode == 1 ? "same number of months, a new annuity on the lower balance" : "same installment, fewer months");
  term.inputs = {{ui.tr("Payments left before"), std::to_string(p.remaining_before.size())},
                 {ui.tr("Payments left"), std::to_string(p.remaining_after.size())},
                 {ui.tr("Last payment before"), last_before},
                 {ui.tr("Last payment now"), last_after}};
  term.source = "DOMAIN.md §2.4";
  view_.prepay_figures.push_back({"loans.prepay.term", "Payments left", term_text, term});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& i : p.remaining_after) {
    view_.prepay_rows.push_back({std::to_string(i.period), i.due_date.to_string(), i.payment.to_string_grouped(), i.principal.to_string_grouped(),
                                 i.interest.to_string_grouped(), i.fee.to_string_grouped(), i.balance.to_string_grouped()});
    rows.push_back({{"period", i.period}, {"due_date", i.due_date.to_string()}, {"payment", i.payment.to_string()},
                    {"principal", i.principal.to_string()}, {"interest", i.interest.to_string()}, {"balance", i.balance.to_string()}});
  }
  state_["prepay"] = {{"cash_due", p.cash_due.to_string()}, {"interest_saved", p.interest_saved().to_string()},
                      {"new_installment", p.new_installment.to_string()}, {"payments_left", p.remaining_after.size()},
                      {"payments_left_before", p.remaining_before.size()}, {"last_due_date", last_after}, {"schedule", rows}};
}

}  // namespace

std::unique_ptr<PanelModel> make_loans_model() { return std::make_unique<LoansModel>(); }

}  // namespace finlab::web
