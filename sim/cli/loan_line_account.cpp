#include "sim/cli/loan_line_account.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "core/credit/csv.hpp"
#include "core/loan/credit_line.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"

namespace finlab::cli {

using money::Money;
using nlohmann::ordered_json;
using time::Date;

namespace {

credit::CsvTable read_table(const std::string& path, std::initializer_list<const char*> required) {
  auto t = credit::parse_csv(read_file(path), path);
  if (!t) throw InputError(t.error());
  for (const char* c : required)
    if (t->column_index(c) == credit::CsvTable::npos) throw InputError(path + ":1: missing column \"" + c + "\"");
  return std::move(t).value();
}

Date date_cell(const credit::CsvTable& t, std::size_t r, const char* col) {
  auto d = Date::parse(t.cell(r, t.column_index(col)));
  if (!d) throw InputError(t.where(r) + ": " + col + ": " + d.error());
  return *d;
}

Money money_cell(const credit::CsvTable& t, std::size_t r, const char* col) {
  auto m = Money::parse(t.cell(r, t.column_index(col)));
  if (!m || !m->is_positive()) throw InputError(t.where(r) + ": " + col + ": '" + std::string(t.cell(r, t.column_index(col))) + "' is not a positive amount");
  return *m;
}

int int_option(const std::string& option, const std::string& text, int lo, int hi) {
  int v = 0;
  if (text.empty() || text.size() > 6) throw UsageError(option + ": '" + text + "' is not a whole number");
  for (char c : text) {
    if (c < '0' || c > '9') throw UsageError(option + ": '" + text + "' is not a whole number");
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) throw UsageError(option + ": must be " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " + text);
  return v;
}

ordered_json statement_json(const loan::LineStatementCycle& s) {
  ordered_json j{{"statement_date", s.statement_date.to_string()}, {"due_date", s.due_date.to_string()}, {"grace_end", s.grace_end.to_string()}};
  j["items"] = ordered_json::array();
  for (const auto& i : s.items)
    j["items"].push_back({{"draw", i.draw}, {"period", i.period}, {"principal", i.principal.to_string()}, {"interest", i.interest.to_string()}});
  j["new_billed"] = s.new_billed.to_string();
  j["past_due"] = s.past_due.to_string();
  j["penalty"] = s.penalty.to_string();
  j["total_due"] = s.total_due.to_string();
  j["minimum_due"] = s.minimum_due ? ordered_json(s.minimum_due->to_string()) : ordered_json(nullptr);
  j["paid_in_full_on"] = s.paid_in_full_on ? ordered_json(s.paid_in_full_on->to_string()) : ordered_json(nullptr);
  j["paid_within_grace"] = s.paid_within_grace;
  j["missed"] = s.missed;
  return j;
}

}  // namespace

void LineAccountArgs::add(CLI::App* cmd) {
  cmd->add_option("--draws", draws, "credit line account: CSV with date,amount,term_months (each draw its own loan, 借据)");
  cmd->add_option("--payments", payments, "with --draws: CSV with date,amount of the payments");
  cmd->add_option("--statement-day", statement_day, "with --draws: statement (账单日) day of month 1..28 (default 1)");
  cmd->add_option("--due-days", due_days, "with --draws: due date = statement + N days (default 20)");
  cmd->add_option("--grace-days", grace_days, "with --draws: grace period (宽限期) in days (default 3)");
  cmd->add_option("--accelerate-after", accelerate_after, "with --draws: acceleration (提前到期) after N missed statements (default 3)");
  cmd->add_option("--minimum-due-pct", minimum_due_pct, "with --draws: minimum due as percent of the new bills (default: no minimum)");
  cmd->add_option("--penalty-multiplier", penalty_multiplier, "with --draws: penalty = contract rate x this, within the cap (default 1.5)");
  cmd->add_option("--method", method, "with --draws: each draw's repayment method (default equal-installment)");
}

void run_line_account_cmd(const LineAccountArgs& a, const loan::QuotedRate& rate, loan::DayBasis basis, const std::string& limit,
                          const std::string& until_text, const RegulationArgs& ra, bool json) {
  loan::LineProduct p;
  p.rate = rate;
  p.day_basis = basis;
  if (!limit.empty()) {
    auto m = Money::parse(limit);
    if (!m || m->is_negative()) throw UsageError("--limit: '" + limit + "' is not an amount");
    p.limit = *m;
  }
  p.statement_day = int_option("--statement-day", a.statement_day, 1, 28);
  p.due_days = int_option("--due-days", a.due_days, 1, 27);
  p.grace_days = int_option("--grace-days", a.grace_days, 0, 26);
  p.accelerate_after = int_option("--accelerate-after", a.accelerate_after, 1, 120);
  if (!a.minimum_due_pct.empty()) {
    auto r = money::Rate::parse_percent(a.minimum_due_pct);
    if (!r || r->units() < 0 || *r > money::Rate::percent("100")) throw UsageError("--minimum-due-pct: '" + a.minimum_due_pct + "' is not a percent 0..100");
    p.minimum_due_share = *r;
  }
  auto m = money::Rate::parse_ratio(a.penalty_multiplier);
  if (!m || m->units() < 0) throw UsageError("--penalty-multiplier: '" + a.penalty_multiplier + "' is not a non-negative number");
  p.penalty_multiplier = *m;
  auto meth = loan::parse_repayment_method(a.method);
  if (!meth) throw UsageError("--method: " + meth.error());
  p.method = *meth;
  p.lender = ra.lender_type();

  const auto dt = read_table(a.draws, {"date", "amount", "term_months"});
  std::vector<loan::LineDrawRequest> draws;
  for (std::size_t r = 0; r < dt.rows(); ++r) {
    const std::string term(dt.cell(r, dt.column_index("term_months")));
    int t = 0;
    try {
      t = int_option("term_months", term, 1, loan::max_term_months);
    } catch (const UsageError& e) {
      throw InputError(dt.where(r) + ": " + e.what());
    }
    draws.push_back({date_cell(dt, r, "date"), money_cell(dt, r, "amount"), t});
  }
  if (draws.empty()) throw InputError(a.draws + ": no draws");
  std::vector<loan::LinePayment> pays;
  if (!a.payments.empty()) {
    const auto pt = read_table(a.payments, {"date", "amount"});
    for (std::size_t r = 0; r < pt.rows(); ++r) pays.push_back({date_cell(pt, r, "date"), money_cell(pt, r, "amount")});
  }
  Date until = draws.back().date;
  if (!pays.empty()) until = std::max(until, pays.back().date);
  if (!until_text.empty()) {
    auto u = Date::parse(until_text);
    if (!u) throw UsageError("--until: " + u.error());
    until = *u;
  }
  auto rep = loan::run_line_account(p, draws, pays, until, ra.table());
  if (!rep) throw InputError(rep.error());
  const loan::LineAccountReport& r = *rep;
  if (json) {
    ordered_json doc;
    doc["as_of"] = r.as_of.to_string();
    doc["draws"] = ordered_json::array();
    for (const auto& d : r.draws) {
      ordered_json dj{{"id", d.id}, {"date", d.date.to_string()}, {"amount", d.amount.to_string()}, {"term_months", d.term_months}};
      dj["installments"] = ordered_json::array();
      for (const auto& i : d.installments)
        dj["installments"].push_back({{"period", i.period}, {"due_date", i.due_date.to_string()}, {"payment", i.payment.to_string()},
                                      {"principal", i.principal.to_string()}, {"interest", i.interest.to_string()}});
      dj["all_in"] = assessment_json(d.all_in);
      doc["draws"].push_back(dj);
    }
    doc["statements"] = ordered_json::array();
    for (const auto& s : r.statements) doc["statements"].push_back(statement_json(s));
    doc["penalty_annual_pct"] = loan::format_percent(r.penalty_annual, 4);
    doc["penalty_capped"] = r.penalty_capped;
    doc["penalty_verdict"] = verdict_json(r.penalty_verdict);
    doc["missed_in_a_row"] = r.missed_in_a_row;
    doc["accelerated_on"] = r.accelerated_on ? ordered_json(r.accelerated_on->to_string()) : ordered_json(nullptr);
    doc["principal_outstanding"] = r.principal_outstanding.to_string();
    doc["overdue_principal"] = r.overdue_principal.to_string();
    doc["overdue_interest"] = r.overdue_interest.to_string();
    doc["penalty_outstanding"] = r.penalty_outstanding.to_string();
    doc["penalty_paid"] = r.penalty_paid.to_string();
    doc["interest_paid"] = r.interest_paid.to_string();
    doc["principal_paid"] = r.principal_paid.to_string();
    doc["credit"] = r.credit.to_string();
    doc["total_due"] = r.total_due.to_string();
    std::cout << doc.dump(2) << "\n";
    return;
  }
  for (const auto& d : r.draws) {
    std::cout << "draw " << d.id << " (借据) on " << d.date.to_string() << ": " << d.amount.to_string_grouped() << " over " << d.term_months
              << " months, all-in APR " << loan::format_percent(d.all_in.cost.apr, 2) << "% (" << loan::to_string(d.all_in.cost.rule) << ")"
              << (d.all_in.verdict.breached() ? " CAP BREACHED" : "") << "\n";
    Table t{{"period", "due_date", "payment", "principal", "interest"}, {Align::right, Align::left}, {}};
    for (const auto& i : d.installments)
      t.rows.push_back({std::to_string(i.period), i.due_date.to_string(), i.payment.to_string_grouped(), i.principal.to_string_grouped(),
                        i.interest.to_string_grouped()});
    print_table(std::cout, t);
  }
  Table st{{"statement", "due", "grace_end", "new", "past_due", "penalty", "total", "minimum", "paid_on", "status"}, {Align::left}, {}};
  for (const auto& s : r.statements)
    st.rows.push_back({s.statement_date.to_string(), s.due_date.to_string(), s.grace_end.to_string(), s.new_billed.to_string_grouped(),
                       s.past_due.to_string_grouped(), s.penalty.to_string_grouped(), s.total_due.to_string_grouped(),
                       s.minimum_due ? s.minimum_due->to_string_grouped() : "-", s.paid_in_full_on ? s.paid_in_full_on->to_string() : "-",
                       s.missed ? "missed" : (s.paid_within_grace ? "paid in grace" : (s.paid_in_full_on ? "paid" : "open"))});
  print_table(std::cout, st);
  std::cout << "penalty rate " << loan::format_percent(r.penalty_annual, 2) << "% a year" << (r.penalty_capped ? " (cut to the cap)" : "") << "\n";
  print_verdict(std::cout, r.penalty_verdict);
  if (r.accelerated_on)
    std::cout << "accelerated (提前到期) on " << r.accelerated_on->to_string() << " after " << r.missed_in_a_row << " missed statements\n";
  std::cout << "as of " << r.as_of.to_string() << ": principal outstanding " << r.principal_outstanding.to_string_grouped() << ", overdue principal "
            << r.overdue_principal.to_string_grouped() << " + interest " << r.overdue_interest.to_string_grouped() << " + penalty "
            << r.penalty_outstanding.to_string_grouped() << "; total due " << r.total_due.to_string_grouped() << "\n";
}

}  // namespace finlab::cli
