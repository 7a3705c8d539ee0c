// `finlab loan line --draws FILE`: a credit line run as products run it (core/loan
// run_line_account): each draw its own loan (借据) with its schedule and all-in
// APR, monthly statements, grace, penalty within the cap, acceleration.
#pragma once

#include <string>

#include "sim/cli/loan_regulation.hpp"

namespace finlab::cli {

struct LineAccountArgs {
  std::string draws, payments, statement_day = "1", due_days = "20", grace_days = "3", accelerate_after = "3", minimum_due_pct,
      penalty_multiplier = "1.5", method = "equal-installment";
  void add(CLI::App* cmd);
};

// Rate options come from `finlab loan line` (--daily-rate / --annual-rate, --basis, --limit, --until).
void run_line_account_cmd(const LineAccountArgs& a, const loan::QuotedRate& rate, loan::DayBasis basis, const std::string& limit,
                          const std::string& until, const RegulationArgs& ra, bool json);

}  // namespace finlab::cli
