// A whole simulation run: configuration, the state it works on, what it
// produces, and a single-threaded driver that advances in small steps so a
// browser page can draw a progress bar between frames:
//
//   sim::Simulation s(config);
//   while (!s.step(200'000)) show(s.progress());   // ~200k user-months per call
//   const sim::RunOutput& out = s.output();
//
// RunState is the shared machinery (train, build users, phases, merge); the
// native multithreaded driver (parallel.hpp) runs the same pieces on shards.
// Results do not depend on the step size, the number of shards or threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/credit/population.hpp"
#include "sim/analysis.hpp"
#include "sim/collective.hpp"
#include "sim/engine.hpp"
#include "sim/policy.hpp"
#include "sim/population.hpp"
#include "sim/scenario.hpp"
#include "sim/users.hpp"

namespace finlab::sim {

struct RunConfig {
  Policy policy;
  Scenario scenario;
  std::uint64_t users = 10'000;
  int months = 36;
  std::uint64_t seed = 2015;
  std::int64_t history_users = 40'000;     // size of the synthetic history the scorecard learns from
  credit::PopulationParams population;     // generator settings (defaults)
  Assumptions assumptions;

  RunShape shape() const { return RunShape{users, months, seed, scenario.start}; }
};

// Checks the numbers a caller may get wrong (users, months, history size) and
// the policy against the legal caps over the run: the problem in English.
std::optional<std::string> check_config(const RunConfig& c);
// The same problem as a catalog message, to be said in any language.
std::optional<text::Message> check_config_message(const RunConfig& c);

// With several ranks (collective.hpp) acc and analyses are the merged ones on
// rank 0 only; the other ranks' copies are partial and not to be used.
struct RunOutput {
  RunConfig config;
  RunAcc acc;                                            // merged over all users
  std::vector<std::vector<AllocationRange>> allocations; // per month
  std::vector<std::int64_t> daily_income_per_10k;        // the fund's 万份收益 per day of the run
  std::string card_json;                                 // the run's scorecard
  double train_auc = 0;
  HistoryStats history;                                  // how the scorecard's history was booked (selection bias)
  Analyses analyses;
  ScoreTables tables;
  int passes = 1;           // passes over the users (2+ when streamed: parallel.hpp run_streamed)
  std::uint64_t blocks = 1; // blocks per pass of this process
};

enum class Stage { training, population, months, analyses, done };
std::string_view to_string(Stage s);

// Building one user (generate, score, derive traits) costs about as much as
// this many simulated user-months; work units and step budgets count it so.
inline constexpr std::uint64_t kBuildUserWork = 25;

struct Progress {
  Stage stage = Stage::training;
  int month = 0;                        // current month (0-based) during Stage::months
  std::uint64_t work_done = 0;          // users built × kBuildUserWork + user-months simulated
  std::uint64_t work_total = 0;
  double fraction() const { return work_total ? double(work_done) / double(work_total) : 0.0; }
};

// The machinery of a run over users [0, users), or, given a collective, over
// this rank's users only (user_range): then the monthly demand, the analyses'
// histograms and the final accumulators are summed over the ranks, and every
// rank trains the same scorecard (checked) so all derive the same tables.
class RunState {
public:
  // Trains the scorecard (or takes a given one) and sets up the engine.
  // hold_users false: no user arrays yet (streaming loads them block by block).
  static Result<std::unique_ptr<RunState>> create(const RunConfig& config, std::optional<ScoringModel> model = std::nullopt,
                                                  Collective* collective = nullptr, bool hold_users = true);

  const RunConfig& config() const { return config_; }
  const Engine& engine() const { return *engine_; }
  const ScoringModel& model() const { return model_; }
  Traits& traits() { return traits_; }
  Book& book() { return book_; }
  const Traits& traits() const { return traits_; }

  // Users this process holds: all of them, or this rank's range.
  UserRange users() const { return held_; }
  // Builds the loaded users at indices [begin, end) (user ids traits().first_user + begin ...).
  void build_traits_range(std::size_t begin, std::size_t end);
  // Replaces the policy (cutoff sweeps): resets the book, keeps the users.
  void reset_policy(const Policy& policy);
  // Splits users into `n` shards (contiguous ranges) with fresh accumulators.
  void make_shards(int n);
  std::vector<Shard>& shards() { return shards_; }

  void begin_month(int m);
  void phase_a(int shard, int m, std::size_t begin, std::size_t end);
  void allocate(int m);   // merges demand over shards (and ranks)
  void phase_b(int m);    // all shards
  // Merges the shards (and ranks, onto rank 0) and computes the analyses.
  RunOutput finish();

  // Streaming (run_streamed in parallel.hpp): the held users pass through in
  // blocks; only one block's Traits and Book are in memory at a time.
  // A pass starts with begin_pass (clears what the blocks folded); each block
  // is loaded (zero state), built, counted into the analyses' histograms
  // (first pass only), run over all months with phase_a + book_month against
  // a given allocation per month, and folded into the run's accumulators.
  void begin_pass();
  void load_block(std::uint64_t offset, std::size_t count);  // held users offset .. offset+count-1
  void count_block_analyses();
  void book_month(int m, const MonthAllocation& al);  // phase B of every shard with `al`
  void fold_block();
  void set_allocations(const std::vector<MonthAllocation>& al);

private:
  RunState() = default;
  Analyses analyses();
  Analyses streamed_analyses();
  SuitabilityCounts suitability_counts();
  UserRange held_;
  bool streamed_ = false;
  RunAcc folded_;                         // blocks of the current pass, merged
  ScoreHistogram beh_, app_;              // streamed analyses: the two scores' histograms
  std::array<ScoreHistogram, 2> app_by_challenger_;  // application score of users the policy cutoff declines / approves
  RunConfig config_;
  ScoringModel model_;
  Collective* collective_ = nullptr;
  std::unique_ptr<Engine> engine_;
  Traits traits_;
  Book book_;
  std::vector<Shard> shards_;
  std::vector<std::vector<AllocationRange>> allocations_;
  MonthAllocation current_;
};

// Single-threaded, resumable driver (the browser's Policy lab; wasm).
class Simulation {
public:
  explicit Simulation(RunConfig config, std::optional<ScoringModel> model = std::nullopt);
  // Advances by about `budget` units of work (a user-month is one unit, building
  // a user kBuildUserWork); returns true when the run is finished. The first
  // call trains the scorecard in one go (unless a model was given).
  // Errors (bad config, training failure) throw finlab::Error.
  bool step(std::uint64_t budget);
  bool done() const { return progress_.stage == Stage::done; }
  const Progress& progress() const { return progress_; }
  const RunOutput& output() const;

private:
  RunConfig config_;
  std::optional<ScoringModel> model_;
  std::unique_ptr<RunState> state_;
  Progress progress_;
  std::size_t cursor_ = 0;
  int phase_ = 0;  // within a month: 0 = phase A, 1 = allocation + phase B
  std::optional<RunOutput> output_;
};

// Convenience: a whole run in one call on this thread.
RunOutput run_simulation(const RunConfig& config);

}  // namespace finlab::sim
