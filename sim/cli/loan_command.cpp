// `finlab loan`: the consumer-loan engine (core/loan) on the command line.
//   schedule  repayment schedule of an installment loan + its true annualised rate
//   apr       IRR / APR / EAR of a cash-flow list, or XIRR of a dated CSV
//   line      replay a credit line's draws and repayments with daily interest
//   prepay    partial prepayment (shorten the term / lower the installment) or payoff
//   overdue   days past due, bucket, penalty interest and write-off on a date
// Tables by default; --json prints one document with amounts and rates as
// decimal strings. Bad arguments (zero or negative term, negative principal,
// rate above 1000%, text in a number, unknown method) exit 2 with a message
// naming the option; bad file content exits 1 with "file:line: what".
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "core/credit/csv.hpp"
#include "core/loan/apr.hpp"
#include "core/loan/credit_line.hpp"
#include "core/loan/delinquency.hpp"
#include "core/loan/prepayment.hpp"
#include "core/loan/schedule.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/loan_line_account.hpp"
#include "sim/cli/loan_regulation.hpp"
#include "sim/cli/output.hpp"

namespace finlab::cli {

namespace {

using money::Money;
using money::Rate;
using nlohmann::ordered_json;
using time::Date;

// ---------------------------------------------------------------- parsing
Money parse_money_arg(const std::string& option, const std::string& text) {
  auto m = Money::parse(text);
  if (!m) throw UsageError(option + ": '" + text + "' is not an amount (" + m.error() + ")");
  return *m;
}

Rate parse_percent_arg(const std::string& option, const std::string& text) {
  auto r = Rate::parse_percent(text);
  if (!r) throw UsageError(option + ": '" + text + "' is not a percent number (" + r.error() + ")");
  if (r->units() < 0) throw UsageError(option + ": the rate must not be negative, got " + text + "%");
  return *r;
}

int parse_int_arg(const std::string& option, const std::string& text) {
  if (text.empty() || text.size() > 9) throw UsageError(option + ": '" + text + "' is not a whole number");
  std::size_t i = 0;
  bool neg = false;
  if (text[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i == text.size()) throw UsageError(option + ": '" + text + "' is not a whole number");
  int v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') throw UsageError(option + ": '" + text + "' is not a whole number");
    v = v * 10 + (text[i] - '0');
  }
  return neg ? -v : v;
}

Date parse_date_arg(const std::string& option, const std::string& text) {
  auto d = Date::parse(text);
  if (!d) throw UsageError(option + ": " + d.error());
  return *d;
}

money::Rounding parse_rounding(const std::string& text) {
  if (text == "half-up") return money::Rounding::half_up;
  if (text == "half-even") return money::Rounding::half_even;
  if (text == "truncate") return money::Rounding::truncate;
  if (text == "floor") return money::Rounding::floor;
  if (text == "ceiling") return money::Rounding::ceiling;
  throw UsageError("--rounding: unknown mode '" + text + "' (expected half-up, half-even, truncate, floor or ceiling)");
}

credit::CsvTable read_csv(const std::string& path, std::initializer_list<const char*> required) {
  auto t = credit::parse_csv(read_file(path), path);
  if (!t) throw InputError(t.error());
  std::string want;
  for (const char* c : required) want += std::string(want.empty() ? "" : ",") + c;
  for (const char* c : required)
    if (t->column_index(c) == credit::CsvTable::npos)
      throw InputError(path + ":1: missing column \"" + c + "\" (expected a header with " + want + ")");
  if (t->rows() == 0) throw InputError(path + ": no data rows (expected " + want + " lines after the header)");
  return std::move(t).value();
}

Money cell_money(const credit::CsvTable& t, std::size_t r, std::size_t c, const char* column) {
  auto m = Money::parse(t.cell(r, c));
  if (!m) throw InputError(t.where(r) + ": " + column + ": '" + std::string(t.cell(r, c)) + "' is not an amount (" + m.error() + ")");
  return *m;
}

Date cell_date(const credit::CsvTable& t, std::size_t r, std::size_t c) {
  auto d = Date::parse(t.cell(r, c));
  if (!d) throw InputError(t.where(r) + ": date: " + d.error());
  return *d;
}

std::string pct(double ratio, int dp) { return loan::format_percent(ratio, dp); }

// ---------------------------------------------------------------- loan options
// The options that describe one installment loan, shared by schedule, prepay
// and overdue.
struct LoanArgs {
  std::string principal, annual_rate, monthly_rate, daily_rate, term = "12", term_days, method = "equal-installment",
      start = "2015-05-12", basis = "360", accrual = "period", upfront_fee, monthly_fee, rounding = "half-up";

  void add(CLI::App* cmd) {
    cmd->add_option("--principal", principal, "amount lent, e.g. 10000")->required();
    cmd->add_option("--annual-rate", annual_rate, "annual rate in percent, e.g. 18 (monthly = annual / 12)");
    cmd->add_option("--monthly-rate", monthly_rate, "monthly rate in percent, e.g. 1.5");
    cmd->add_option("--daily-rate", daily_rate, "daily rate in percent, e.g. 0.05 (万分之五)");
    cmd->add_option("--term", term, "number of monthly periods (default 12)");
    cmd->add_option("--term-days", term_days, "bullet only: a term in days (interest by days)");
    cmd->add_option("--method", method, "equal-installment | equal-principal | interest-only | bullet");
    cmd->add_option("--start", start, "disbursement date YYYY-MM-DD (default 2015-05-12)");
    cmd->add_option("--basis", basis, "day basis for daily <-> annual: 360 (default) or 365");
    cmd->add_option("--accrual", accrual, "period (monthly rate, default) or days (daily rate x actual days)");
    cmd->add_option("--upfront-fee", upfront_fee, "fee deducted at disbursement (the borrower receives principal - fee)");
    cmd->add_option("--monthly-fee-rate", monthly_fee, "flat monthly fee in percent of the original principal (月费率)");
    cmd->add_option("--rounding", rounding, "half-up (default), half-even, truncate, floor, ceiling");
  }

  loan::LoanTerms terms() const {
    loan::LoanTerms t;
    t.principal = parse_money_arg("--principal", principal);
    if (t.principal.is_negative()) throw UsageError("--principal: must not be negative, got " + principal);
    if (t.principal.is_zero()) throw UsageError("--principal: must be positive, got " + principal);
    const int given = !annual_rate.empty() + !monthly_rate.empty() + !daily_rate.empty();
    if (given != 1) throw UsageError("give exactly one of --annual-rate, --monthly-rate, --daily-rate");
    if (!annual_rate.empty()) t.rate = loan::QuotedRate::annual(parse_percent_arg("--annual-rate", annual_rate));
    if (!monthly_rate.empty()) t.rate = loan::QuotedRate::monthly(parse_percent_arg("--monthly-rate", monthly_rate));
    if (!daily_rate.empty()) t.rate = loan::QuotedRate::daily(parse_percent_arg("--daily-rate", daily_rate));
    t.term_months = parse_int_arg("--term", term);
    if (t.term_months <= 0) throw UsageError("--term: must be a positive number of months, got " + term);
    if (!term_days.empty()) {
      t.term_days = parse_int_arg("--term-days", term_days);
      if (t.term_days <= 0) throw UsageError("--term-days: must be a positive number of days, got " + term_days);
    }
    auto m = loan::parse_repayment_method(method);
    if (!m) throw UsageError("--method: " + m.error());
    t.method = *m;
    t.start = parse_date_arg("--start", start);
    try {  // every due date must be one finlab can read back (docs/limits.md "Dates")
      (void)t.start.plus_months(t.term_months + 1);
    } catch (const finlab::Error& e) {
      throw UsageError("--start/--term: " + std::string(e.what()));
    }
    auto b = loan::parse_day_basis(basis);
    if (!b) throw UsageError("--basis: " + b.error());
    t.day_basis = *b;
    if (accrual == "period") t.accrual = loan::InterestAccrual::per_period;
    else if (accrual == "days") t.accrual = loan::InterestAccrual::actual_days;
    else throw UsageError("--accrual: unknown '" + accrual + "' (expected period or days)");
    if (!upfront_fee.empty()) t.upfront_fee = parse_money_arg("--upfront-fee", upfront_fee);
    if (!monthly_fee.empty()) t.monthly_fee_rate = parse_percent_arg("--monthly-fee-rate", monthly_fee);
    t.rounding = parse_rounding(rounding);
    if (auto err = loan::check_terms(t)) throw UsageError(*err);
    return t;
  }
};

struct CapArgs {
  std::string soft = "24", hard = "36";
  bool effective = false;
  void add(CLI::App* cmd) {
    cmd->add_option("--cap", soft, "legal cap to flag, percent (default 24)");
    cmd->add_option("--hard-cap", hard, "hard line, percent (default 36)");
    cmd->add_flag("--cap-on-effective", effective, "compare the effective (compound) rate instead of the nominal APR");
  }
  loan::RateCapPolicy policy() const {
    loan::RateCapPolicy p;
    p.soft_cap = parse_percent_arg("--cap", soft);
    p.hard_cap = parse_percent_arg("--hard-cap", hard);
    if (p.hard_cap < p.soft_cap) throw UsageError("--hard-cap " + hard + "% is below --cap " + soft + "%");
    p.use_effective = effective;
    return p;
  }
};

ordered_json installment_json(const loan::Installment& i, bool with_fee) {
  ordered_json j{{"period", i.period},
                 {"due_date", i.due_date.to_string()},
                 {"payment", i.payment.to_string()},
                 {"principal", i.principal.to_string()},
                 {"interest", i.interest.to_string()}};
  if (with_fee) j["fee"] = i.fee.to_string();
  j["balance"] = i.balance.to_string();
  return j;
}

Table installment_table(const std::vector<loan::Installment>& rows, bool with_fee) {
  Table t{{"period", "due_date", "payment", "principal", "interest"}, {Align::right, Align::left}, {}};
  if (with_fee) t.headers.push_back("fee");
  t.headers.push_back("balance");
  for (const auto& i : rows) {
    std::vector<std::string> r{std::to_string(i.period), i.due_date.to_string(), i.payment.to_string_grouped(),
                               i.principal.to_string_grouped(), i.interest.to_string_grouped()};
    if (with_fee) r.push_back(i.fee.to_string_grouped());
    r.push_back(i.balance.to_string_grouped());
    t.rows.push_back(std::move(r));
  }
  return t;
}

std::string quoted_rate_text(const loan::LoanTerms& t) {
  return t.rate.rate.to_percent_string() + "% " + std::string(loan::to_string(t.rate.period));
}

// ---------------------------------------------------------------- schedule
void run_schedule(const LoanArgs& la, const CapArgs& ca, const RegulationArgs& ra, bool json) {
  const loan::LoanTerms terms = la.terms();
  const loan::RateCapPolicy policy = ca.policy();
  const loan::Schedule s = loan::build_schedule(terms);
  const auto tr = loan::schedule_true_rate(s);
  if (!tr) throw InputError("true rate: " + tr.error());
  const loan::CapCheck cap = loan::check_rate_cap(tr->rate, policy);
  const std::vector<loan::ExtraCharge> extras = ra.extras();
  auto all_in = loan::assess_product(loan::product_flows(s, extras), ra.lender_type(), ra.date(), ra.table());
  if (!all_in) throw InputError("all-in cost: " + all_in.error());
  const bool fees = s.total_fees.is_positive();
  if (json) {
    ordered_json doc;
    doc["principal"] = terms.principal.to_string();
    doc["method"] = std::string(loan::to_string(terms.method));
    doc["quoted_rate_pct"] = terms.rate.rate.to_percent_string();
    doc["quoted_rate_period"] = std::string(loan::to_string(terms.rate.period));
    doc["periodic_rate_pct"] = s.periodic_rate.to_percent_string(8);
    doc["start"] = terms.start.to_string();
    doc["installments"] = ordered_json::array();
    for (const auto& i : s.installments) doc["installments"].push_back(installment_json(i, fees));
    doc["total_payment"] = s.total_payment.to_string();
    doc["total_interest"] = s.total_interest.to_string();
    doc["total_fees"] = s.total_fees.to_string();
    doc["net_disbursed"] = s.net_disbursed().to_string();
    doc["irr_per_period"] = loan::format_decimal(tr->rate.irr_per_period, 12);
    doc["apr_nominal_pct"] = pct(tr->rate.nominal, 4);
    doc["apr_effective_pct"] = pct(tr->rate.effective, 4);
    doc["cap"] = {{"zone", std::string(loan::to_string(cap.zone))}, {"flagged", cap.flagged()}, {"message", cap.message}};
    doc["all_in"] = assessment_json(*all_in);
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << loan::to_string(terms.method) << " loan of " << terms.principal.to_string_grouped() << " at " << quoted_rate_text(terms)
            << " (" << s.periodic_rate.to_percent_string(4) << "% a month), " << s.installments.size() << " installment"
            << (s.installments.size() == 1 ? "" : "s") << " from " << terms.start.to_string() << "\n";
  print_table(std::cout, installment_table(s.installments, fees));
  std::cout << "total payment " << s.total_payment.to_string_grouped() << ", interest " << s.total_interest.to_string_grouped();
  if (fees) std::cout << ", fees " << s.total_fees.to_string_grouped();
  std::cout << "\n";
  if (terms.upfront_fee.is_positive())
    std::cout << "upfront fee " << terms.upfront_fee.to_string_grouped() << ": the borrower receives " << s.net_disbursed().to_string_grouped() << "\n";
  std::cout << "true rate (IRR of the cash flows): " << pct(tr->rate.irr_per_period, 4) << "% a period, APR " << pct(tr->rate.nominal, 2)
            << "% (simple, x" << loan::format_decimal(tr->rate.periods_per_year, tr->rate.periods_per_year == 12 || tr->rate.periods_per_year == 365 ? 0 : 4) << "), EAR "
            << pct(tr->rate.effective, 2) << "% (compound)\n";
  std::cout << "cap check: " << cap.message << "\n";
  print_assessment(std::cout, *all_in);
}

// ---------------------------------------------------------------- apr
std::vector<Money> parse_cashflows(const std::string& text) {
  std::vector<Money> flows;
  std::size_t start = 0;
  int item = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::string cell = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    ++item;
    while (!cell.empty() && cell.front() == ' ') cell.erase(0, 1);
    while (!cell.empty() && cell.back() == ' ') cell.pop_back();
    auto m = Money::parse(cell);
    if (!m) throw UsageError("--cashflows: item " + std::to_string(item) + " '" + cell + "' is not an amount (" + m.error() + ")");
    flows.push_back(*m);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return flows;
}

void run_apr(const std::string& cashflows, const std::string& dated, const std::string& ppy_text, const CapArgs& ca,
             const RegulationArgs& ra, bool json) {
  if (cashflows.empty() == dated.empty()) throw UsageError("give either --cashflows \"-10000,916.80,...\" or --dated FILE.csv");
  const loan::RateCapPolicy policy = ca.policy();
  if (!cashflows.empty()) {
    const std::vector<Money> flows = parse_cashflows(cashflows);
    const int ppy = parse_int_arg("--periods-per-year", ppy_text);
    if (ppy <= 0 || ppy > 366) throw UsageError("--periods-per-year: must be 1..366, got " + ppy_text);
    auto tr = loan::true_rate(flows, ppy);
    if (!tr) throw InputError("no IRR: " + tr.error());
    const loan::CapCheck cap = loan::check_rate_cap(tr->rate, policy);
    if (json) {
      ordered_json doc;
      doc["cashflows"] = ordered_json::array();
      for (const Money& m : flows) doc["cashflows"].push_back(m.to_string());
      doc["periods_per_year"] = ppy;
      doc["irr_per_period"] = loan::format_decimal(tr->rate.irr_per_period, 12);
      doc["apr_nominal_pct"] = pct(tr->rate.nominal, 4);
      doc["apr_effective_pct"] = pct(tr->rate.effective, 4);
      doc["roots"] = ordered_json::array();
      for (double x : tr->irr.roots) doc["roots"].push_back(loan::format_decimal(x, 12));
      doc["unique"] = tr->irr.unique();
      doc["why"] = tr->irr.why();
      doc["cap"] = {{"zone", std::string(loan::to_string(cap.zone))}, {"flagged", cap.flagged()}, {"message", cap.message}};
      if (ra.date()) {
        auto v = ra.table().check(ra.lender_type(), loan::CapSubject::all_in_apr, *ra.date(), tr->rate.nominal);
        if (!v) throw InputError(v.error());
        doc["verdict"] = verdict_json(*v);
      }
      std::cout << doc.dump(2) << "\n";
      return;
    }
    Table t{{"measure", "value"}, {Align::left, Align::right}, {}};
    t.rows.push_back({"IRR per period", pct(tr->rate.irr_per_period, 4) + "%"});
    t.rows.push_back({"APR (IRR x " + std::to_string(ppy) + ", simple)", pct(tr->rate.nominal, 2) + "%"});
    t.rows.push_back({"EAR ((1+IRR)^" + std::to_string(ppy) + " - 1, compound)", pct(tr->rate.effective, 2) + "%"});
    print_table(std::cout, t);
    std::cout << "why: " << tr->irr.why() << "\n";
    std::cout << "cap check: " << cap.message << "\n";
    if (ra.date()) {
      auto v = ra.table().check(ra.lender_type(), loan::CapSubject::all_in_apr, *ra.date(), tr->rate.nominal);
      if (!v) throw InputError(v.error());
      print_verdict(std::cout, *v);
    }
    return;
  }
  const auto csv = read_csv(dated, {"date", "amount"});
  const auto dc = csv.column_index("date"), ac = csv.column_index("amount");
  std::vector<loan::DatedCashFlow> flows;
  for (std::size_t r = 0; r < csv.rows(); ++r) flows.push_back({cell_date(csv, r, dc), cell_money(csv, r, ac, "amount")});
  auto x = loan::xirr(flows);
  if (!x) throw InputError(dated + ": no XIRR: " + x.error());
  // The all-in APR of dated flows: 365 x the daily IRR (PBOC 2021 No. 3), judged on --on or the first flow's date.
  Date first = flows.front().date;
  for (const auto& f : flows) first = std::min(first, f.date);
  auto all_in = loan::assess_dated(flows, ra.lender_type(), ra.date().value_or(first), ra.table());
  if (!all_in) throw InputError(dated + ": " + all_in.error());
  if (json) {
    ordered_json doc;
    doc["flows"] = flows.size();
    doc["xirr"] = loan::format_decimal(x->rate, 12);
    doc["apr_effective_pct"] = pct(x->rate, 4);
    doc["day_count"] = "ACT/365";
    doc["roots"] = ordered_json::array();
    for (double r : x->roots) doc["roots"].push_back(loan::format_decimal(r, 12));
    doc["unique"] = x->unique();
    doc["why"] = x->why();
    doc["all_in"] = assessment_json(*all_in);
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "XIRR (annual effective, ACT/365) of " << flows.size() << " dated flows: " << pct(x->rate, 4) << "%\n";
  std::cout << "why: " << x->why() << "\n";
  print_assessment(std::cout, *all_in);
}

// ---------------------------------------------------------------- line
void run_line(const std::string& events_path, const std::string& daily, const std::string& annual, const std::string& basis_text,
              const std::string& limit, const std::string& until_text, bool include_repayment_day, const LineAccountArgs& la,
              const RegulationArgs& ra, bool json) {
  if (daily.empty() == annual.empty()) throw UsageError("give exactly one of --daily-rate and --annual-rate");
  auto basis = loan::parse_day_basis(basis_text);
  if (!basis) throw UsageError("--basis: " + basis.error());
  const loan::QuotedRate q = daily.empty() ? loan::QuotedRate::annual(parse_percent_arg("--annual-rate", annual))
                                           : loan::QuotedRate::daily(parse_percent_arg("--daily-rate", daily));
  const loan::ExactRate annual_exact = loan::annual_rate(q, *basis);
  if (money::int128(annual_exact.num) * 10 > money::int128(annual_exact.den) * 100)
    throw UsageError("rate is " + annual_exact.to_percent_string(2) + "% a year, above the 1000% limit");
  if (events_path.empty() == la.draws.empty()) throw UsageError("give either --events FILE (a revolving replay) or --draws FILE (a line account)");
  if (!la.draws.empty()) {
    run_line_account_cmd(la, q, *basis, limit, until_text, ra, json);
    return;
  }
  loan::CreditLineTerms terms;
  terms.daily_rate = loan::daily_rate(q, *basis);
  if (!limit.empty()) terms.limit = parse_money_arg("--limit", limit);
  terms.accrue_on_repayment_day = include_repayment_day;

  const auto csv = read_csv(events_path, {"date", "type", "amount"});
  const auto dc = csv.column_index("date"), tc = csv.column_index("type"), ac = csv.column_index("amount");
  std::vector<loan::LineEvent> events;
  for (std::size_t r = 0; r < csv.rows(); ++r) {
    auto kind = loan::parse_line_event_kind(csv.cell(r, tc));
    if (!kind) throw InputError(csv.where(r) + ": type: " + kind.error());
    const Money amount = cell_money(csv, r, ac, "amount");
    if (!amount.is_positive()) throw InputError(csv.where(r) + ": amount: must be positive, got " + amount.to_string());
    const Date d = cell_date(csv, r, dc);
    if (!events.empty() && d < events.back().date)
      throw InputError(csv.where(r) + ": date: " + d.to_string() + " is before the previous event (" + events.back().date.to_string() + "); list events in date order");
    events.push_back({d, *kind, amount});
  }
  const Date until = until_text.empty() ? events.back().date : parse_date_arg("--until", until_text);
  auto st = loan::replay_credit_line(terms, events, until);
  if (!st) {
    // "event 3 (...)" → the CSV line of that event
    std::string e = st.error();
    if (e.rfind("event ", 0) == 0) {
      const std::size_t k = std::stoul(e.substr(6));
      if (k >= 1 && k <= csv.rows()) e = csv.where(k - 1) + ": " + e;
    }
    throw InputError(e);
  }
  const std::string rate_text = terms.daily_rate.to_percent_string(6) + "% a day";
  // The line's all-in APR: draws, repayments and what a payoff on `until` would pay, 365 x the daily IRR.
  std::vector<loan::DatedCashFlow> line_flows;
  for (const auto& e : events) line_flows.push_back({e.date, e.kind == loan::LineEventKind::draw ? -e.amount : e.amount});
  const Money payoff = st->principal_outstanding + st->interest_outstanding;
  if (payoff.is_positive()) line_flows.push_back({until, payoff});
  std::optional<loan::ProductAssessment> all_in;
  if (auto a = loan::assess_dated(line_flows, ra.lender_type(), ra.date().value_or(events.front().date), ra.table())) all_in = std::move(a).value();
  if (json) {
    ordered_json doc;
    doc["daily_rate_pct"] = terms.daily_rate.to_percent_string(8);
    doc["accrue_on_repayment_day"] = include_repayment_day;
    doc["days"] = ordered_json::array();
    for (const auto& d : st->days)
      doc["days"].push_back({{"date", d.date.to_string()},
                             {"drawn", d.drawn.to_string()},
                             {"repaid", d.repaid.to_string()},
                             {"interest_paid", d.interest_paid.to_string()},
                             {"principal_paid", d.principal_paid.to_string()},
                             {"principal", d.principal.to_string()},
                             {"day_interest", d.day_interest.to_string(8)},
                             {"interest_due", d.interest_due.to_string()}});
    doc["total_drawn"] = st->total_drawn.to_string();
    doc["total_repaid"] = st->total_repaid.to_string();
    doc["interest_paid"] = st->interest_paid.to_string();
    doc["principal_outstanding"] = st->principal_outstanding.to_string();
    doc["interest_outstanding"] = st->interest_outstanding.to_string();
    doc["interest_accrued"] = st->interest_accrued.to_string(8);
    if (all_in) doc["all_in"] = assessment_json(*all_in);
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "credit line at " << rate_text << ", interest "
            << (include_repayment_day ? "including" : "up to the day before") << " the repayment day, repayments pay interest first\n";
  Table t{{"date", "drawn", "repaid", "interest_paid", "principal_paid", "principal", "day_interest", "interest_due"}, {Align::left}, {}};
  for (const auto& d : st->days)
    t.rows.push_back({d.date.to_string(), d.drawn.to_string_grouped(), d.repaid.to_string_grouped(), d.interest_paid.to_string_grouped(),
                      d.principal_paid.to_string_grouped(), d.principal.to_string_grouped(), d.day_interest.to_string(4),
                      d.interest_due.to_string_grouped()});
  print_table(std::cout, t);
  std::cout << "drawn " << st->total_drawn.to_string_grouped() << ", repaid " << st->total_repaid.to_string_grouped() << ", interest paid "
            << st->interest_paid.to_string_grouped() << "; outstanding principal " << st->principal_outstanding.to_string_grouped()
            << " + interest " << st->interest_outstanding.to_string_grouped() << "\n";
  if (all_in) print_assessment(std::cout, *all_in);
  else std::cout << "all-in cost: no rate (the flows have no IRR, e.g. nothing paid back yet)\n";
}

// ---------------------------------------------------------------- prepay
void run_prepay(const LoanArgs& la, const std::string& date_text, const std::string& amount_text, const std::string& mode_text,
                const std::string& fee_text, bool payoff, bool json) {
  const loan::LoanTerms terms = la.terms();
  const Date date = parse_date_arg("--date", date_text);
  const Money fee = fee_text.empty() ? Money{} : parse_money_arg("--fee", fee_text);
  if (fee.is_negative()) throw UsageError("--fee: must not be negative, got " + fee_text);
  if (payoff) {
    if (!amount_text.empty()) throw UsageError("--payoff computes the amount: do not give --amount");
    auto p = loan::payoff_amount(terms, date, fee);
    if (!p) throw UsageError(p.error());
    if (json) {
      ordered_json doc{{"date", date.to_string()},
                       {"periods_paid", p->periods_paid},
                       {"principal", p->principal.to_string()},
                       {"accrued_interest", p->accrued_interest.to_string()},
                       {"accrued_days", p->accrued_days},
                       {"fee", p->fee.to_string()},
                       {"payoff", p->total.to_string()}};
      std::cout << doc.dump(2) << "\n";
      return;
    }
    std::cout << "payoff on " << date.to_string() << " (installments 1.." << p->periods_paid << " assumed paid): principal "
              << p->principal.to_string_grouped() << " + interest " << p->accrued_interest.to_string_grouped() << " (" << p->accrued_days
              << " days) + fee " << p->fee.to_string_grouped() << " = " << p->total.to_string_grouped() << "\n";
    return;
  }
  if (amount_text.empty()) throw UsageError("give --amount X for a partial prepayment, or --payoff");
  const Money amount = parse_money_arg("--amount", amount_text);
  if (!amount.is_positive()) throw UsageError("--amount: must be positive, got " + amount_text);
  auto mode = loan::parse_prepay_mode(mode_text);
  if (!mode) throw UsageError("--mode: " + mode.error());
  auto r = loan::prepay(terms, {date, amount, *mode, fee});
  if (!r) throw UsageError(r.error());
  const bool fees = terms.monthly_fee_rate.units() != 0;
  if (json) {
    ordered_json doc;
    doc["date"] = date.to_string();
    doc["mode"] = std::string(loan::to_string(*mode));
    doc["periods_paid"] = r->periods_paid;
    doc["balance_before"] = r->balance_before.to_string();
    doc["amount"] = r->amount.to_string();
    doc["accrued_interest"] = r->accrued_interest.to_string();
    doc["fee"] = r->fee.to_string();
    doc["cash_due"] = r->cash_due.to_string();
    doc["balance_after"] = r->balance_after.to_string();
    doc["new_installment"] = r->new_installment.to_string();
    doc["installments"] = ordered_json::array();
    for (const auto& i : r->remaining_after) doc["installments"].push_back(installment_json(i, fees));
    doc["interest_before"] = r->interest_before.to_string();
    doc["interest_after"] = r->interest_after.to_string();
    doc["interest_saved"] = r->interest_saved().to_string();
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "prepay " << amount.to_string_grouped() << " on " << date.to_string() << " after installment " << r->periods_paid
            << " (balance " << r->balance_before.to_string_grouped() << " -> " << r->balance_after.to_string_grouped() << "), "
            << loan::to_string(*mode) << "\n";
  if (r->accrued_interest.is_positive() || r->fee.is_positive())
    std::cout << "paid today: " << r->amount.to_string_grouped() << " + interest " << r->accrued_interest.to_string_grouped() << " ("
              << r->accrued_days << " days) + fee " << r->fee.to_string_grouped() << " = " << r->cash_due.to_string_grouped() << "\n";
  if (!r->remaining_after.empty()) print_table(std::cout, installment_table(r->remaining_after, fees));
  std::cout << "remaining interest " << r->interest_before.to_string_grouped() << " -> " << r->interest_after.to_string_grouped()
            << " (saved " << r->interest_saved().to_string_grouped() << "); " << r->remaining_before.size() << " -> "
            << r->remaining_after.size() << " installments\n";
}

// ---------------------------------------------------------------- overdue
void run_overdue(const LoanArgs& la, const RegulationArgs& ra, const std::string& as_of_text, const std::string& payments_path,
                 const std::string& multiplier, bool no_compound, const std::string& write_off, bool json) {
  const loan::LoanTerms terms = la.terms();
  const Date as_of = parse_date_arg("--as-of", as_of_text);
  loan::DelinquencyPolicy policy;
  auto m = Rate::parse_ratio(multiplier);
  if (!m || m->units() < 0) throw UsageError("--penalty-multiplier: '" + multiplier + "' is not a non-negative number (e.g. 1.5)");
  policy.penalty_multiplier = *m;
  policy.compound_overdue_interest = !no_compound;
  policy.write_off_days = parse_int_arg("--write-off-days", write_off);
  if (policy.write_off_days < 1) throw UsageError("--write-off-days: must be at least 1, got " + write_off);
  std::vector<loan::Repayment> pays;
  if (!payments_path.empty()) {
    const auto csv = read_csv(payments_path, {"date", "amount"});
    const auto dc = csv.column_index("date"), ac = csv.column_index("amount");
    for (std::size_t r = 0; r < csv.rows(); ++r) {
      const Money a = cell_money(csv, r, ac, "amount");
      if (!a.is_positive()) throw InputError(csv.where(r) + ": amount: must be positive, got " + a.to_string());
      const Date paid = cell_date(csv, r, dc);
      // Not silently applied or ignored: a payment before the loan existed or
      // after the assessment date is a mistake in the file (issue 17).
      if (paid < terms.start)
        throw InputError(csv.where(r) + ": date: " + paid.to_string() + " is before the disbursement on " + terms.start.to_string());
      if (as_of < paid)
        throw InputError(csv.where(r) + ": date: " + paid.to_string() + " is after --as-of " + as_of.to_string());
      pays.push_back({paid, a});
    }
  }
  const loan::Schedule s = loan::build_schedule(terms);
  auto rep = loan::assess_delinquency(s, pays, as_of, policy);
  if (!rep) throw InputError(rep.error());
  auto pen = loan::assess_penalty(terms, policy, ra.lender_type(), ra.date(), ra.table());
  if (!pen) throw InputError("penalty cap: " + pen.error());
  if (json) {
    ordered_json doc;
    doc["as_of"] = as_of.to_string();
    doc["days_past_due"] = rep->days_past_due;
    doc["bucket"] = std::string(loan::to_string(rep->bucket));
    doc["written_off"] = rep->written_off;
    doc["overdue_principal"] = rep->overdue_principal.to_string();
    doc["overdue_interest"] = rep->overdue_interest.to_string();
    doc["penalty_outstanding"] = rep->penalty_outstanding.to_string();
    doc["penalty_paid"] = rep->penalty_paid.to_string();
    doc["due_today"] = rep->due_today.to_string();
    doc["total_due"] = rep->total_due.to_string();
    doc["credit"] = rep->credit.to_string();
    doc["installments"] = ordered_json::array();
    for (const auto& i : rep->installments)
      doc["installments"].push_back({{"period", i.period},
                                     {"due_date", i.due_date.to_string()},
                                     {"principal_due", i.principal_due.to_string()},
                                     {"interest_due", i.interest_due.to_string()},
                                     {"principal_paid", i.principal_paid.to_string()},
                                     {"interest_paid", i.interest_paid.to_string()},
                                     {"penalty_on_principal", i.penalty_on_principal.to_string()},
                                     {"penalty_on_interest", i.penalty_on_interest.to_string()},
                                     {"penalty_paid", i.penalty_paid.to_string()},
                                     {"days_past_due", i.days_past_due}});
    doc["penalty_cap"] = penalty_json(*pen);
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "as of " << as_of.to_string() << ": " << rep->days_past_due << " days past due, bucket " << loan::to_string(rep->bucket)
            << (rep->written_off ? ", WRITTEN OFF (more than " + std::to_string(policy.write_off_days) + " days)" : "") << "\n";
  Table t{{"period", "due_date", "principal_due", "interest_due", "paid", "penalty", "penalty_paid", "dpd"}, {Align::right, Align::left}, {}};
  for (const auto& i : rep->installments)
    t.rows.push_back({std::to_string(i.period), i.due_date.to_string(), i.principal_due.to_string_grouped(), i.interest_due.to_string_grouped(),
                      (i.principal_paid + i.interest_paid).to_string_grouped(), (i.penalty_on_principal + i.penalty_on_interest).to_string_grouped(),
                      i.penalty_paid.to_string_grouped(), std::to_string(i.days_past_due)});
  print_table(std::cout, t);
  std::cout << "overdue principal " << rep->overdue_principal.to_string_grouped() << " + interest " << rep->overdue_interest.to_string_grouped()
            << " + penalty " << rep->penalty_outstanding.to_string_grouped() << " (rate x" << multiplier
            << (no_compound ? "" : ", compound on unpaid interest") << ") + due today " << rep->due_today.to_string_grouped() << " = "
            << rep->total_due.to_string_grouped() << "\n";
  if (rep->credit.is_positive()) std::cout << "paid ahead (credit): " << rep->credit.to_string_grouped() << "\n";
  print_penalty(std::cout, *pen);
}

}  // namespace

void register_loan_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("loan", "consumer loans: schedules, true annualised rate, credit lines, prepayment, overdue");
  cmd->require_subcommand(1);

  {
    auto* sc = cmd->add_subcommand("schedule", "repayment schedule and true annualised rate (IRR-based APR) of an installment loan");
    auto la = std::make_shared<LoanArgs>();
    auto ca = std::make_shared<CapArgs>();
    auto json = std::make_shared<bool>(false);
    la->add(sc);
    ca->add(sc);
    auto ra = std::make_shared<RegulationArgs>();
    ra->add(sc, true);
    sc->add_flag("--json", *json, "print one JSON document");
    sc->callback([=] { run_schedule(*la, *ca, *ra, *json); });
  }
  {
    auto* ap = cmd->add_subcommand("apr", "IRR, APR (simple) and EAR (compound) of cash flows; XIRR of dated flows");
    auto flows = std::make_shared<std::string>();
    auto dated = std::make_shared<std::string>();
    auto ppy = std::make_shared<std::string>("12");
    auto ca = std::make_shared<CapArgs>();
    auto json = std::make_shared<bool>(false);
    ap->add_option("--cashflows", *flows, "comma-separated flows, first at time 0: \"-10000,916.80,...\"");
    ap->add_option("--dated", *dated, "CSV with date,amount columns (XIRR, ACT/365)");
    ap->add_option("--periods-per-year", *ppy, "periods per year of --cashflows (default 12)");
    ca->add(ap);
    auto ra = std::make_shared<RegulationArgs>();
    ra->add(ap, false);
    ap->add_flag("--json", *json, "print one JSON document");
    ap->callback([=] { run_apr(*flows, *dated, *ppy, *ca, *ra, *json); });
  }
  {
    auto* ln = cmd->add_subcommand("line", "replay a credit line (date,type,amount CSV of draws/repayments) with daily interest");
    auto events = std::make_shared<std::string>();
    auto daily = std::make_shared<std::string>();
    auto annual = std::make_shared<std::string>();
    auto basis = std::make_shared<std::string>("360");
    auto limit = std::make_shared<std::string>();
    auto until = std::make_shared<std::string>();
    auto incl = std::make_shared<bool>(false);
    auto json = std::make_shared<bool>(false);
    ln->add_option("--events", *events, "CSV with date,type,amount (type: draw or repay): a revolving replay");
    auto lacc = std::make_shared<LineAccountArgs>();
    lacc->add(ln);
    ln->add_option("--daily-rate", *daily, "daily rate in percent, e.g. 0.05");
    ln->add_option("--annual-rate", *annual, "annual rate in percent (daily = annual / basis)");
    ln->add_option("--basis", *basis, "day basis: 360 (default) or 365");
    ln->add_option("--limit", *limit, "credit limit (draws above it are refused)");
    ln->add_option("--until", *until, "last day to show (default: the last event)");
    ln->add_flag("--include-repayment-day", *incl, "charge interest on the repayment day too");
    auto ra = std::make_shared<RegulationArgs>();
    ra->add(ln, false);
    ln->add_flag("--json", *json, "print one JSON document");
    ln->callback([=] { run_line(*events, *daily, *annual, *basis, *limit, *until, *incl, *lacc, *ra, *json); });
  }
  {
    auto* pp = cmd->add_subcommand("prepay", "partial prepayment (shorten the term or lower the installment), or the payoff amount");
    auto la = std::make_shared<LoanArgs>();
    auto date = std::make_shared<std::string>();
    auto amount = std::make_shared<std::string>();
    auto mode = std::make_shared<std::string>("shorten-term");
    auto fee = std::make_shared<std::string>();
    auto payoff = std::make_shared<bool>(false);
    auto json = std::make_shared<bool>(false);
    la->add(pp);
    pp->add_option("--date", *date, "prepayment / payoff date YYYY-MM-DD")->required();
    pp->add_option("--amount", *amount, "principal to prepay");
    pp->add_option("--mode", *mode, "shorten-term (default) or lower-installment");
    pp->add_option("--fee", *fee, "prepayment fee, if the product charges one");
    pp->add_flag("--payoff", *payoff, "print the amount that closes the loan on --date");
    pp->add_flag("--json", *json, "print one JSON document");
    pp->callback([=] { run_prepay(*la, *date, *amount, *mode, *fee, *payoff, *json); });
  }
  {
    auto* od = cmd->add_subcommand("overdue", "days past due, bucket, penalty interest and write-off on a date");
    auto la = std::make_shared<LoanArgs>();
    auto as_of = std::make_shared<std::string>();
    auto payments = std::make_shared<std::string>();
    auto mult = std::make_shared<std::string>("1.5");
    auto no_compound = std::make_shared<bool>(false);
    auto write_off = std::make_shared<std::string>("180");
    auto json = std::make_shared<bool>(false);
    la->add(od);
    auto ra = std::make_shared<RegulationArgs>();
    ra->add(od, false);
    od->add_option("--as-of", *as_of, "assessment date YYYY-MM-DD")->required();
    od->add_option("--payments", *payments, "CSV with date,amount of the payments made");
    od->add_option("--penalty-multiplier", *mult, "penalty rate = contract rate x this (default 1.5)");
    od->add_flag("--no-compound", *no_compound, "no penalty on unpaid interest");
    od->add_option("--write-off-days", *write_off, "written off when days past due exceed this (default 180)");
    od->add_flag("--json", *json, "print one JSON document");
    od->callback([=] { run_overdue(*la, *ra, *as_of, *payments, *mult, *no_compound, *write_off, *json); });
  }
}

}  // namespace finlab::cli
