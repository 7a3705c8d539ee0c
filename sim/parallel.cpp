#include "sim/parallel.hpp"

#include <algorithm>
#include <chrono>

#ifndef __EMSCRIPTEN__
#include <condition_variable>
#include <mutex>
#include <thread>
#endif

namespace finlab::sim {

namespace {

constexpr std::size_t kChunk = 65536;  // users between progress updates and cancel checks

bool cancelled(const ParallelOptions& o) { return o.cancel && o.cancel->load(std::memory_order_relaxed); }

// Runs job(k) for k in [0, n) — on n threads natively, one after another in
// wasm — while the calling thread reports `done` (an atomic counter of work
// units) through on_progress.
template <class Job>
void for_each_shard(int n, const ParallelOptions& o, Progress& progress, std::atomic<std::uint64_t>& done, std::uint64_t base, Job job) {
#ifndef __EMSCRIPTEN__
  if (n > 1) {
    std::mutex mu;
    std::condition_variable cv;
    int finished = 0;
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) {
      workers.emplace_back([&, k] {
        job(k);
        std::lock_guard<std::mutex> lock(mu);
        ++finished;
        cv.notify_all();
      });
    }
    {
      std::unique_lock<std::mutex> lock(mu);
      while (finished < n) {
        cv.wait_for(lock, std::chrono::milliseconds(100));
        if (o.on_progress && finished < n) {
          lock.unlock();
          progress.work_done = base + done.load(std::memory_order_relaxed);
          o.on_progress(progress);
          lock.lock();
        }
      }
    }
    for (auto& w : workers) w.join();
    progress.work_done = base + done.load();
    return;
  }
#endif
  for (int k = 0; k < n; ++k) job(k);
  progress.work_done = base + done.load();
  if (o.on_progress) o.on_progress(progress);
}

}  // namespace

int hardware_threads() {
#ifndef __EMSCRIPTEN__
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
#else
  return 1;
#endif
}

bool build_traits_parallel(RunState& state, const ParallelOptions& o, Progress& progress) {
  const int n = std::max(1, o.threads);
  const std::size_t users = state.traits().size();
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> stop{false};
  progress.stage = Stage::population;
  const std::uint64_t base = progress.work_done;
  for_each_shard(n, o, progress, done, base, [&](int k) {
    const std::size_t b = users * static_cast<std::size_t>(k) / static_cast<std::size_t>(n);
    const std::size_t e = users * static_cast<std::size_t>(k + 1) / static_cast<std::size_t>(n);
    for (std::size_t i = b; i < e; i += kChunk) {
      if (cancelled(o)) {
        stop = true;
        return;
      }
      const std::size_t j = std::min(e, i + kChunk);
      state.build_traits_range(i, j);
      done += (j - i) * kBuildUserWork;
    }
  });
  return !stop && !cancelled(o);
}

namespace {

// Phase A of month m over every shard, one thread each.
bool phase_a_all(RunState& state, const ParallelOptions& o, Progress& progress, int m) {
  const int n = static_cast<int>(state.shards().size());
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  const std::uint64_t base = progress.work_done;
  for_each_shard(n, o, progress, done, base, [&](int k) {
    const Shard& sh = state.shards()[k];
    for (std::size_t i = sh.begin; i < sh.end; i += kChunk) {
      if (cancelled(o)) {
        stop = true;
        return;
      }
      const std::size_t j = std::min(sh.end, i + kChunk);
      state.phase_a(k, m, i, j);
      done += j - i;
    }
  });
  return !stop && !cancelled(o);
}

}  // namespace

bool run_months_parallel(RunState& state, const ParallelOptions& o, Progress& progress) {
  const int n = std::max(1, o.threads);
  const int months = state.config().months;
  state.make_shards(n);
  progress.stage = Stage::months;
  for (int m = 0; m < months; ++m) {
    progress.month = m;
    state.begin_month(m);
    if (!phase_a_all(state, o, progress, m)) return false;
    state.allocate(m);
    state.phase_b(m);
  }
  return true;
}

bool run_streamed(RunState& state, const ParallelOptions& o, Progress& progress, int& passes) {
  const int n = std::max(1, o.threads);
  const int months = state.config().months;
  const std::uint64_t held = state.users().count;
  const std::uint64_t block = std::max<std::uint64_t>(1, o.block_users);
  const std::size_t keys = static_cast<std::size_t>(kScoreKeys);
  const std::vector<std::int64_t> no_demand(keys, 0);
  std::vector<MonthAllocation> guess(static_cast<std::size_t>(months), state.engine().allocate(no_demand));
  std::vector<std::int64_t> demand(static_cast<std::size_t>(months) * keys);
  const std::uint64_t pass_work = held * (kBuildUserWork + static_cast<std::uint64_t>(months));
  for (passes = 1; passes <= months + 1; ++passes) {
    if (passes > 1) progress.work_total += pass_work;
    state.begin_pass();
    std::fill(demand.begin(), demand.end(), 0);
    for (std::uint64_t offset = 0; offset < held; offset += block) {
      state.load_block(offset, static_cast<std::size_t>(std::min(block, held - offset)));
      if (!build_traits_parallel(state, o, progress)) return false;
      if (passes == 1) state.count_block_analyses();  // traits do not depend on allocations
      state.make_shards(n);
      progress.stage = Stage::months;
      for (int m = 0; m < months; ++m) {
        progress.month = m;
        state.begin_month(m);
        if (!phase_a_all(state, o, progress, m)) return false;
        std::int64_t* d = demand.data() + static_cast<std::size_t>(m) * keys;
        for (const Shard& sh : state.shards()) {
          for (std::size_t k = 0; k < keys; ++k) d[k] += sh.demand[k];
        }
        state.book_month(m, guess[static_cast<std::size_t>(m)]);
      }
      state.fold_block();
    }
    if (o.collective) o.collective->sum_all(demand);  // every rank allocates on the same merged demand
    bool same = true;
    std::vector<MonthAllocation> next(static_cast<std::size_t>(months));
    for (int m = 0; m < months; ++m) {
      const std::size_t mm = static_cast<std::size_t>(m);
      next[mm] = state.engine().allocate(std::span<const std::int64_t>(demand.data() + mm * keys, keys));
      same = same && next[mm].partner_of_key == guess[mm].partner_of_key;
    }
    if (same) {
      state.set_allocations(guess);
      return true;
    }
    guess = std::move(next);
  }
  throw Error("run_streamed: the allocations did not settle in months + 1 passes (a bug: they must)");
}

Result<RunOutput> run_parallel(const RunConfig& config, ParallelOptions o) {
  Progress progress;
  progress.work_total = config.users * kBuildUserWork + config.users * static_cast<std::uint64_t>(config.months);
  if (o.on_progress) o.on_progress(progress);
  // The same decision on every rank: does the largest rank's share exceed a block?
  const std::uint64_t ranks = o.collective ? static_cast<std::uint64_t>(o.collective->size()) : 1;
  const bool stream = (config.users + ranks - 1) / ranks > std::max<std::uint64_t>(1, o.block_users);
  auto st = RunState::create(config, std::move(o.model), o.collective, !stream);
  if (!st) return fail(st.error());
  RunState& state = *st.value();
  const std::uint64_t held = state.users().count;  // this rank's users
  progress.work_total = held * kBuildUserWork + held * static_cast<std::uint64_t>(config.months);
  int passes = 1;
  if (stream) {
    if (!run_streamed(state, o, progress, passes)) return fail("interrupted");
  } else {
    if (!build_traits_parallel(state, o, progress)) return fail("interrupted");
    if (!run_months_parallel(state, o, progress)) return fail("interrupted");
  }
  progress.stage = Stage::analyses;
  if (o.on_progress) o.on_progress(progress);
  RunOutput out = state.finish();
  out.passes = passes;
  const std::uint64_t block = std::max<std::uint64_t>(1, o.block_users);
  out.blocks = stream ? std::max<std::uint64_t>(1, (held + block - 1) / block) : 1;
  progress.stage = Stage::done;
  if (o.on_progress) o.on_progress(progress);
  return out;
}

}  // namespace finlab::sim
