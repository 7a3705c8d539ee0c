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
  // Loaded from memory, then from the store, then from the card the site ships
  // (/data/scorecards/, trained at build time by the same code), else trained (blocking; ~1 s in wasm for 40,000 users).
  const sim::ScoringModel& get(std::uint64_t seed, std::int64_t history_users, AppStore* store);
  bool has(std::uint64_t seed, std::int64_t history_users, AppStore* store);
  void clear() { models_.clear(); }
  // Where the last card came from: "shipped" (the build-time asset), "stored"
  // (this browser's database) or "trained" (here, now).
  const char* last_source() const { return last_source_; }

private:
  std::map<std::pair<std::uint64_t, std::int64_t>, std::shared_ptr<sim::ScoringModel>> models_;
  const char* last_source_ = "";
};

}  // namespace finlab::web
