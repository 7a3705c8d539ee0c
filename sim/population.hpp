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
#include <string>

#include "core/credit/population.hpp"
#include "core/credit/scorecard.hpp"
#include "core/result.hpp"
#include "sim/engine.hpp"
#include "sim/scenario.hpp"
#include "sim/users.hpp"

namespace finlab::sim {

// First user id of the training history (runs use ids 0 .. users-1 < 2^40).
inline constexpr std::uint64_t kHistoryFirstUser = std::uint64_t(1) << 40;

struct ScoringModel {
  std::shared_ptr<const credit::Scorecard> card;
  ScoreTables tables;
  std::string card_json;          // the scorecard artifact (stored with the run)
  std::int64_t history_users = 0;
  double train_auc = 0;           // on the history's test split (information only)
};

// Trains the run's scorecard on `history_users` synthetic users (70% train /
// 30% test split by user id). Deterministic for (seed, history_users, params).
Result<ScoringModel> train_scoring_model(std::uint64_t seed, std::int64_t history_users, const credit::PopulationParams& params);
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
