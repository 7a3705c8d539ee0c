// Loans: view-model, form and intents of the loan calculator panel. The form
// holds the user's text as typed; loans_model.cpp parses it, calls core/loan
// and fills the view with exact strings and explanations.
#pragma once

#include <string>
#include <vector>

#include "web/chart.hpp"
#include "web/ui.hpp"

namespace finlab::web {

struct LoansForm {
  std::string amount = "10000";
  std::string rate = "18";
  int period = 0;                  // 0 annual, 1 monthly, 2 daily
  std::string term = "12";         // months
  int method = 0;                  // loan::RepaymentMethod order
  std::string start = "2015-05-12";
  int basis = 0;                   // 0 ACT/360, 1 ACT/365
  std::string upfront_fee;         // optional, yuan
  std::string monthly_fee;         // optional, percent of principal a month
  bool prepay_on = false;
  std::string prepay_date = "2015-11-12";
  std::string prepay_amount = "3000";
  int prepay_mode = 0;             // 0 shorten term, 1 lower installment
  int lender = 2;                  // loan::all_lender_types order; 2 = microloan, the CLI's default
};

struct LoansFigure {
  std::string key;
  const char* label;
  std::string value;
  Explanation explain;
};

struct LoansRow {
  std::string period, due, payment, principal, interest, fee, balance;
};

struct LoansCompareRow {
  const char* method;              // tr key
  int method_index = 0;
  std::string first_payment, total_interest, total_payment, apr, ear;
  bool current = false;
};

struct LoansView {
  std::string error;               // why the inputs make no schedule
  bool has_schedule = false;
  std::vector<LoansFigure> figures;
  std::vector<LoansRow> rows;
  bool with_fee = false;
  int cap_zone = 0;                // 0 within every cap in force, 1 above an unenforceable cap only, 2 above a binding cap
  std::string cap_message;         // the verdict against the caps in force, in the UI language
  std::string cap_detail;          // each cap in force with its reason (tooltip)
  std::string disclosure;          // the 年化利率（单利） sentence a lender must show, in the UI language
  std::vector<LoansCompareRow> compare;
  ChartSpec balance_chart, payment_chart;
  std::string prepay_error;
  std::vector<LoansFigure> prepay_figures;
  std::vector<LoansRow> prepay_rows;  // the schedule after the prepayment
};

struct LoansIntents {
  bool changed = false;            // any input edited
  bool editing = false;            // a text field is still active (save later)
  int pick_method = -1;            // a row of the comparison was chosen
};

LoansIntents draw_loans_panel(Ui& ui, const LoansView& view, LoansForm& form);

}  // namespace finlab::web
