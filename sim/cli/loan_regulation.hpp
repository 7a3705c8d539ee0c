// The regulatory part of `finlab loan`: the options that choose the lender
// type, the date and the caps table (--lender-type, --on, --caps/--lpr,
// --charge), and the text and JSON of an all-in cost verdict (core/loan
// all_in_cost.hpp). Shared by schedule, apr, line and overdue.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/loan/all_in_cost.hpp"

namespace CLI { class App; }

namespace finlab::cli {

struct RegulationArgs {
  std::string lender = "microloan";  // [D] docs/loan.md: the platform's own small-loan company
  std::string on;                     // verdict date; default: the loan's start
  std::string caps_file, lpr_file;    // another caps table (both or neither)
  std::vector<std::string> charges;   // KIND:AMOUNT[:monthly]

  void add(CLI::App* cmd, bool with_charges);
  loan::LenderType lender_type() const;
  std::optional<time::Date> date() const;
  std::vector<loan::ExtraCharge> extras() const;
  const loan::RateCapTable& table() const;  // builtin, or the files (loaded once)

private:
  mutable std::shared_ptr<loan::RateCapTable> loaded_;
};

nlohmann::ordered_json verdict_json(const loan::CapVerdict& v);
nlohmann::ordered_json assessment_json(const loan::ProductAssessment& a);
nlohmann::ordered_json penalty_json(const loan::PenaltyAssessment& a);
void print_verdict(std::ostream& os, const loan::CapVerdict& v);
void print_assessment(std::ostream& os, const loan::ProductAssessment& a);
void print_penalty(std::ostream& os, const loan::PenaltyAssessment& a);

}  // namespace finlab::cli
