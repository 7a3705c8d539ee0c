// Several processes working on one run (MPI ranks) as the run sees them: a
// rank number, a rank count and three integer collectives. The simulation
// code (run.cpp, sweep.cpp) only talks to this interface; the one
// implementation that talks to MPI is sim/mpi_run.cpp, so the engine and
// the wasm build never see MPI. Sums are of integers (counts and fen), so the
// combined result is exact and does not depend on the order of the ranks.
// Every collective must be called by every rank in the same order; a failure
// (a rank died, the job was stopped, a sum overflowed) throws finlab::Error.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace finlab::sim {

class Collective {
public:
  virtual ~Collective() = default;
  virtual int rank() const = 0;  // 0 .. size()-1; rank 0 writes the database
  virtual int size() const = 0;
  // Element-wise sums over all ranks; every rank receives them (in place).
  virtual void sum_all(std::span<std::int64_t> values) = 0;
  // Element-wise sums over all ranks onto rank 0 (in place there; the other
  // ranks' values are left unspecified).
  virtual void sum_to_root(std::span<std::int64_t> values) = 0;
  // True when every rank passed the same value (a check that all ranks
  // derived the same thing, e.g. the trained scorecard).
  virtual bool all_equal(std::uint64_t value) = 0;
};

// The contiguous users [first, first + count) that rank `rank` of `ranks`
// simulates: users × rank / ranks up to users × (rank + 1) / ranks, so the
// ranges tile 0 .. users-1 and differ in size by at most one.
struct UserRange {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};
UserRange user_range(std::uint64_t users, int rank, int ranks);

// FNV-1a of a text, for all_equal() checks (e.g. of the scorecard JSON).
std::uint64_t fingerprint(std::string_view text);

}  // namespace finlab::sim
