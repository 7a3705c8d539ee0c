// The selection-bias report (docs/sim.md "Selection-bias report", DOMAIN.md
// §3.5): for a policy change, the bad rate the analyst's card PREDICTS for
// the newly approved applicants (swap-ins) next to the bad rate they REALLY
// have in the simulation, for each reject-inference method. Only a simulation
// can print the second column: a lender never observes the outcomes of the
// applicants it declined.
//
//   auto r = sim::selection_report(policy, /*seed*/ 2015, /*history*/ 40'000);
//   for (const auto& row : r.value().rows) show(row.method, predicted_bad_rate(row), true_bad_rate(row));
//
// The history is the run's own (book_history: same seed, size and policy), so
// the row of the policy's method is the run's card. Swap-ins and swap-outs are
// counted on the history's test split (never used for training):
//   swap-in   declined by the incumbent and not booked (no outcome for the
//             team), approved by the method's card at the policy's cutoff
//   swap-out  approved by the incumbent's policy, declined by the card
// Applicants booked at random below the incumbent's cutoff (its holdout) are
// neither: the team knows their outcome. Rates are exact ratios of integers:
// the predicted rate sums each swap-in's 12-month PD in ppm (the card's PD of
// its score, rounded half-up to the ppm, as the run's tables hold it).
// Deterministic (counter-based draws, no threads), natively and in wasm.
// Not here: the months of a run (the report looks at the history only).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/credit/population.hpp"
#include "core/credit/reject_inference.hpp"
#include "core/result.hpp"
#include "sim/policy.hpp"

namespace finlab::sim {

struct SelectionRow {
  credit::RejectInference method = credit::RejectInference::none;
  double auc = 0;                      // the card's AUC on every test applicant (truth only the simulation knows)
  std::int64_t training_rows = 0;      // rows the card was fitted on (after copies)
  std::int64_t inferred_bads = 0;      // rejects the method labelled bad
  std::int64_t approved = 0;           // test applicants the card approves at the policy's cutoff
  std::int64_t swap_in = 0;
  std::int64_t swap_in_pd_ppm = 0;     // Σ of the card's 12-month PD (ppm) over the swap-ins
  std::int64_t swap_in_bads = 0;       // swap-ins whose generator outcome is bad
  std::int64_t swap_out = 0;
  std::int64_t swap_out_bads = 0;
};

struct SelectionReport {
  std::uint64_t seed = 0;
  std::int64_t history_users = 0;
  int cutoff = 0;                      // the policy's cutoff (approve when score >= cutoff)
  int incumbent_cutoff = 0;            // 0 = full information: everyone booked, no swap-ins
  credit::RejectInference run_method = credit::RejectInference::none;  // the policy's own method
  std::int64_t test_applicants = 0;    // the history's test split
  std::int64_t test_bads = 0;
  std::int64_t test_approved = 0;      // approved by the incumbent's policy
  std::int64_t test_holdout = 0;       // booked at random below its cutoff
  std::int64_t test_declined = 0;      // neither: no outcome for the team
  std::int64_t test_declined_bads = 0; // their true bads
  std::vector<SelectionRow> rows;      // one per method asked for, in that order
};

// Trains one card per method (each of `methods`, default all five) on the
// run's history and counts swap-ins and swap-outs. Fails with the trainer's
// message (too small a history or pilot, a card that cannot be trained).
Result<SelectionReport> selection_report(const Policy& policy, std::uint64_t seed, std::int64_t history_users,
                                         const credit::PopulationParams& params = {},
                                         std::span<const credit::RejectInference> methods = credit::all_reject_inference);

// The row as decimal text. Empty when undefined: no swap-ins (every rate),
// no swap-outs (swap_out_bad_rate), no true bad among the swap-ins (ratio).
std::string predicted_bad_rate(const SelectionRow& r);  // percent, 4 decimals: mean PD of the swap-ins
std::string true_bad_rate(const SelectionRow& r);       // percent, 4 decimals: their share of bads
std::string difference_pp(const SelectionRow& r);       // predicted − true, percentage points, 4 decimals
std::string predicted_to_true(const SelectionRow& r);   // predicted ÷ true, 4 decimals
std::string swap_out_bad_rate(const SelectionRow& r);   // percent, 4 decimals
std::string auc_text(const SelectionRow& r);            // 4 decimals

}  // namespace finlab::sim
