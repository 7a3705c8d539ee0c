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

// Users per block when a run streams (run_streamed): about 350 MB of user
// arrays (84 bytes a user). A process holding at most this many users runs
// them all at once (one pass); more stream through in blocks.
inline constexpr std::uint64_t kDefaultBlockUsers = std::uint64_t(1) << 22;

struct ParallelOptions {
  int threads = 1;                                   // >= 1
  std::function<void(const Progress&)> on_progress;  // called about 10 times a second
  const std::atomic<bool>* cancel = nullptr;         // set to stop early (the result is then a failure "interrupted")
  std::optional<ScoringModel> model;                 // reuse a trained scorecard
  Collective* collective = nullptr;                  // several processes (MPI ranks): this one runs its user range
  std::uint64_t block_users = kDefaultBlockUsers;    // >= 1: most users in memory at once per process (run_parallel)
};

int hardware_threads();

// Whole run. Returns the failure message "interrupted" when cancelled.
// When a process would hold more than options.block_users users (the same
// decision on every rank: ceil(users / ranks) > block_users) the run streams:
// see run_streamed. Results are identical either way.
Result<RunOutput> run_parallel(const RunConfig& config, ParallelOptions options);

// The held users in blocks of at most options.block_users: each block is
// built, simulated over all months and folded into the accumulators, then
// dropped. Users meet only in each month's allocation (partner capacity
// depends on every user's demand), so a pass runs every block against a
// guessed allocation per month and sums the demand; the allocations of that
// demand become the next guess, until a pass's demand reproduces the
// allocations it ran with (a fixed point, hence the exact run: month 0's
// demand depends on no allocation, month m's only on months < m). That takes
// two passes when every approved loan finds a partner whatever the demand
// (an uncapped partner accepting every score: the shipped policies), at most
// months + 1 otherwise. Returns the number of passes in `passes`.
bool run_streamed(RunState& state, const ParallelOptions& options, Progress& progress, int& passes);

// Pieces, for sweeps that reuse the population: build the users, run the months.
bool build_traits_parallel(RunState& state, const ParallelOptions& options, Progress& progress);
bool run_months_parallel(RunState& state, const ParallelOptions& options, Progress& progress);

}  // namespace finlab::sim
