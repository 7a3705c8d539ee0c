// The only file that includes mpi.h (see mpi_run.hpp). Compiled with
// FINLAB_HAVE_MPI=1 and linked with MPI::MPI_CXX when CMake's FindMPI found
// MPI and FINLAB_MPI is ON; otherwise only the one-process fallback remains.
#include "sim/mpi_run.hpp"

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/money/rounding.hpp"

#if FINLAB_HAVE_MPI
#include <mpi.h>
#endif

namespace finlab::sim {

bool mpi_built() { return FINLAB_HAVE_MPI != 0; }

bool launched_as_rank() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(v)) return true;
  }
  return false;
}

#if FINLAB_HAVE_MPI
namespace {

std::string mpi_error(int code) {
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  if (MPI_Error_string(code, text, &len) != MPI_SUCCESS) return "MPI error " + std::to_string(code);
  return std::string(text, static_cast<std::size_t>(len));
}

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw Error(std::string("MPI ") + what + " failed: " + mpi_error(code));
}

// MPI_COMM_WORLD with errors returned (not fatal) and non-blocking
// collectives waited for by polling, so a stopped job is noticed.
class MpiCollective final : public Collective {
public:
  explicit MpiCollective(const std::atomic<bool>* cancel) : cancel_(cancel) {
    check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "Comm_rank");
    check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "Comm_size");
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void sum_all(std::span<std::int64_t> values) override { sum(values, true); }
  void sum_to_root(std::span<std::int64_t> values) override { sum(values, false); }

  bool all_equal(std::uint64_t value) override {
    // max(v) and max(~v) = ~min(v): equal everywhere iff max == min.
    std::uint64_t v[2] = {value, ~value};
    MPI_Request req;
    check(MPI_Iallreduce(MPI_IN_PLACE, v, 2, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD, &req), "Iallreduce");
    wait(req, "comparing the ranks' scorecards");
    return v[0] == ~v[1];
  }

private:
  // Exact, overflow-checked sums: each value goes as a signed high half
  // (v >> 32) and an unsigned low half (v & 0xffffffff), each summed in 64
  // bits (no overflow below 2^31 ranks), recombined in 128 bits and checked
  // to fit an int64. MPI's own int64 sum would wrap silently.
  void sum(std::span<std::int64_t> values, bool everywhere) {
    const std::size_t n = values.size();
    std::vector<std::int64_t> halves(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
      halves[i] = values[i] >> 32;
      halves[n + i] = static_cast<std::int64_t>(static_cast<std::uint64_t>(values[i]) & 0xffffffffu);
    }
    const int count = static_cast<int>(halves.size());
    FINLAB_REQUIRE(halves.size() < (std::size_t(1) << 31), "sum over ranks of " << n << " values: too many at once");
    MPI_Request req;
    if (everywhere) {
      check(MPI_Iallreduce(MPI_IN_PLACE, halves.data(), count, MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD, &req), "Iallreduce");
    } else if (rank_ == 0) {
      check(MPI_Ireduce(MPI_IN_PLACE, halves.data(), count, MPI_INT64_T, MPI_SUM, 0, MPI_COMM_WORLD, &req), "Ireduce");
    } else {
      check(MPI_Ireduce(halves.data(), nullptr, count, MPI_INT64_T, MPI_SUM, 0, MPI_COMM_WORLD, &req), "Ireduce");
    }
    wait(req, "summing the ranks' results");
    if (!everywhere && rank_ != 0) return;
    for (std::size_t i = 0; i < n; ++i) {
      const money::int128 v = money::int128(halves[i]) * (money::int128(1) << 32) + halves[n + i];
      if (v > INT64_MAX || v < INT64_MIN) throw Error("a sum over the ranks does not fit in 64 bits (value " + std::to_string(i) + ")");
      values[i] = static_cast<std::int64_t>(v);
    }
  }

  void wait(MPI_Request& req, const char* what) {
    for (int spins = 0;; ++spins) {
      int done = 0;
      check(MPI_Test(&req, &done, MPI_STATUS_IGNORE), "Test");
      if (done) return;
      if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
        throw Error(std::string("the MPI job was stopped (a rank died or the job was cancelled) while ") + what);
      }
      if (spins > 1000) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  }

  const std::atomic<bool>* cancel_;
  int rank_ = 0, size_ = 1;
};

}  // namespace

struct MpiJob::Impl {
  bool started = false;
  std::unique_ptr<MpiCollective> collective;
};

MpiJob::MpiJob(const std::atomic<bool>* cancel) : impl_(std::make_unique<Impl>()) {
  if (!launched_as_rank()) return;
  int provided = 0;
  // Worker threads never call MPI; only the calling thread does.
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "Init_thread");
  impl_->started = true;
  check(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "Comm_set_errhandler");
  impl_->collective = std::make_unique<MpiCollective>(cancel);
}

MpiJob::~MpiJob() {
  if (impl_->started) MPI_Finalize();
}

int MpiJob::rank() const { return impl_->collective ? impl_->collective->rank() : 0; }
int MpiJob::size() const { return impl_->collective ? impl_->collective->size() : 1; }
Collective* MpiJob::collective() { return impl_->collective.get(); }

void MpiJob::abort(int code) {
  if (impl_->started) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

#else  // no MPI in this build: always a one-process job

struct MpiJob::Impl {};
MpiJob::MpiJob(const std::atomic<bool>*) : impl_(std::make_unique<Impl>()) {}
MpiJob::~MpiJob() = default;
int MpiJob::rank() const { return 0; }
int MpiJob::size() const { return 1; }
Collective* MpiJob::collective() { return nullptr; }
void MpiJob::abort(int code) { std::exit(code); }

#endif

}  // namespace finlab::sim
