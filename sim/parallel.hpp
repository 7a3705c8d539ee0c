// Running a simulation on several threads (natively) — the only place in
// finlab_sim that knows about threads. Users are split into one contiguous
// shard per thread; each month every thread runs phase A on its shard, the
// calling thread merges the demand, allocates and books (phase B). Results are
// identical for any thread count because shards only add integers.
// In the wasm build (no pthreads) the same functions run the shards one after
// another on the calling thread. Progress is reported from the calling thread
// only; cancellation is polled between chunks of users. With a collective
// (collective.hpp) the same runs on this rank's users only and the ranks
// combine their integers at each month's allocation and at the end.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "sim/run.hpp"

namespace finlab::sim {

struct ParallelOptions {
  int threads = 1;                                   // >= 1
  std::function<void(const Progress&)> on_progress;  // called about 10 times a second
  const std::atomic<bool>* cancel = nullptr;         // set to stop early (the result is then a failure "interrupted")
  std::optional<ScoringModel> model;                 // reuse a trained scorecard
  Collective* collective = nullptr;                  // several processes (MPI ranks): this one runs its user range
};

int hardware_threads();

// Whole run. Returns the failure message "interrupted" when cancelled.
Result<RunOutput> run_parallel(const RunConfig& config, ParallelOptions options);

// Pieces, for sweeps that reuse the population: build the users, run the months.
bool build_traits_parallel(RunState& state, const ParallelOptions& options, Progress& progress);
bool run_months_parallel(RunState& state, const ParallelOptions& options, Progress& progress);

}  // namespace finlab::sim
