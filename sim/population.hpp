// Adapter from the credit engine (core/credit) to the simulation's compact
// users. Implemented: training the run's scorecard on a synthetic "history"
// (users 2^40.. of the same generator, outcomes drawn from the ground-truth
// PD), and turning any range of population users into Traits in chunks: the
// consent shock of the scenario, the behaviour score (consented sub-model),
// the application-only score, the monthly hazard from the true PD, income
// and debt from the application data, and the sim's own propensities (loan
// applications, requested amount, fund use) from a sim-only stream.
// Not here: anything that changes over the months (engine.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/credit/population.hpp"
#include "core/credit/scorecard.hpp"
#include "core/result.hpp"
#include "core/credit/reject_inference.hpp"
#include "sim/engine.hpp"
#include "sim/policy.hpp"
#include "sim/scenario.hpp"
#include "sim/users.hpp"

namespace finlab::sim {

// First user id of the training history (runs use ids 0 .. users-1 < 2^40).
inline constexpr std::uint64_t kHistoryFirstUser = std::uint64_t(1) << 40;
// First user of the incumbent's fully labelled pilot (launch test-and-learn)
// sample: 1.5 × 2^40, above any history (at most 10 million users).
inline constexpr std::uint64_t kPilotFirstUser = std::uint64_t(3) << 39;
inline constexpr std::uint32_t kPurposeHistoryHoldout = 1004;

// How the training history was booked (docs/sim.md "Selection bias"): an
// incumbent card, trained on a fully labelled pilot of `pilot_users`, scored
// every history applicant; its underwriters also saw `insight_ppm` of the
// distance between that score and the score of the applicant's true PD
// (bureau checks, calls: risk the data misses); it booked decision scores ≥
// `cutoff` and `holdout_ppm` of the others at random. Only booked applicants
// have outcomes; the run's card is trained on them with `reject_inference`.
// cutoff 0 = everyone booked: full information (the card of earlier versions).
struct HistorySetup {
  int cutoff = 0;
  std::uint32_t holdout_ppm = 0;
  std::uint32_t insight_ppm = 0;
  std::int64_t pilot_users = 5000;
  credit::RejectInference reject_inference = credit::RejectInference::none;
  double parcel_factor = 1.5;
};
HistorySetup history_setup(const CreditPolicy& credit, const Assumptions& assumptions);

// What training saw (stored with the run's analyses).
struct HistoryStats {
  std::int64_t applicants = 0;     // history applicants (train and test split)
  std::int64_t booked = 0;         // with an outcome
  std::int64_t booked_bads = 0;
  std::int64_t all_bads = 0;       // truth of every applicant (the simulation knows it)
  std::int64_t holdout_booked = 0; // booked below the incumbent cutoff at random
  std::int64_t inferred_bads = 0;  // rejects labelled bad by reject inference
  std::int64_t training_rows = 0;
  double true_auc = 0;             // the final card's AUC on the test split's every applicant
  double booked_auc = 0;           // ... on the booked test applicants only (what the team can measure)
};

struct ScoringModel {
  std::shared_ptr<const credit::Scorecard> card;
  ScoreTables tables;
  std::string card_json;          // the scorecard artifact (stored with the run)
  std::int64_t history_users = 0;
  double train_auc = 0;           // on the history's test split (information only)
  HistoryStats history;
};

// The history as the run's trainer sees it: the applicants (users 2^40.. of
// the generator, with their true PD and 12-month outcome), their data set
// (70% train / 30% test split by user id) and who the incumbent booked (1;
// 2 = at random below its cutoff; all 1 under full information, cutoff 0).
struct BookedHistory {
  credit::Population applicants;
  credit::Dataset data;
  std::vector<std::uint8_t> booked;
};
Result<BookedHistory> book_history(std::uint64_t seed, std::int64_t history_users, const credit::PopulationParams& params,
                                   const HistorySetup& setup);
// How the run's card is trained on a booked history with `method` (the
// setup's own method in a run; the selection-bias report tries each).
credit::RejectInferenceOptions history_training_options(const HistorySetup& setup, std::uint64_t seed, credit::RejectInference method);

// Trains the run's scorecard on `history_users` synthetic users (70% train /
// 30% test split by user id) booked under the default incumbent policy
// (history_setup of a default CreditPolicy and Assumptions: what a policy file
// without a "history" object gets). Deterministic for (seed, history_users, params).
Result<ScoringModel> train_scoring_model(std::uint64_t seed, std::int64_t history_users, const credit::PopulationParams& params);
// The same under an incumbent policy (selection bias); setup.cutoff 0 gives the above.
Result<ScoringModel> train_scoring_model(std::uint64_t seed, std::int64_t history_users, const credit::PopulationParams& params,
                                         const HistorySetup& setup);
// The incumbent's booking decision for the users of `pop` (1 = booked), given
// the incumbent card's scores (2 = booked at random below the cutoff). Exposed for tests and the selection-bias report.
std::vector<std::uint8_t> incumbent_booked(const credit::Population& pop, std::span<const std::int32_t> incumbent_score,
                                           const HistorySetup& setup, std::uint64_t seed);
// Rebuilds a model from a stored scorecard artifact (the user lens, the browser).
Result<ScoringModel> scoring_model_from_json(std::string_view card_json);

// Fills traits[offset .. offset+count) with users first_user .. first_user+count-1
// (traits.first_user + offset must equal first_user). Generates and scores in
// chunks so memory stays small; no state between calls.
void build_traits(const ScoringModel& model, const Scenario& scenario, const credit::PopulationParams& params, std::uint64_t seed,
                  std::uint64_t first_user, std::size_t count, Traits& traits, std::size_t offset);

// Monthly default hazard in ppm from a 12-month PD: 1 − (1 − pd)^(1/12).
std::uint32_t monthly_hazard_ppm(double pd12);

}  // namespace finlab::sim
