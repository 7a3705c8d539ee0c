// The behaviour scorecards the browser uses, trained once per (seed, history
// size) with the simulation's own trainer (sim::train_scoring_model, the card
// `finlab sim run` uses) and kept as JSON in the browser's database, so a
// reload rebuilds the same card without training again. Shared by the Credit
// score panel and the Policy lab.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <utility>

#include "sim/population.hpp"

namespace finlab::web {

class AppStore;

class ScoringCache {
public:
  // Loaded from memory, then from the store, else trained (blocking; ~1 s in wasm for 40,000 users).
  const sim::ScoringModel& get(std::uint64_t seed, std::int64_t history_users, AppStore* store);
  bool has(std::uint64_t seed, std::int64_t history_users, AppStore* store);
  void clear() { models_.clear(); }

private:
  std::map<std::pair<std::uint64_t, std::int64_t>, std::shared_ptr<sim::ScoringModel>> models_;
};

}  // namespace finlab::web
