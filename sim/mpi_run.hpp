// One run across several processes with MPI (`mpirun -np N finlab sim run`).
// This header and sim/mpi_run.cpp are the only code that knows about MPI
// (tests/lint/mpi_confined.cmake checks that only mpi_run.cpp includes
// mpi.h); the run itself sees the Collective interface of collective.hpp.
// MPI is started only when a launcher (mpirun/mpiexec, srun) started this
// process as a rank, because starting it alone costs ~0.4 s; a build
// without MPI (FINLAB_MPI=OFF) or a process started directly is a job of one
// process without a collective, i.e. exactly the CLI as before.
// While a collective waits for the other ranks it polls the cancel flag (set
// by SIGINT/SIGTERM, which mpirun sends to every rank when one rank dies or
// the job is stopped) and then throws, so rank 0 can mark its run failed.
#pragma once

#include <atomic>
#include <memory>

#include "sim/collective.hpp"

namespace finlab::sim {

// True when this build has MPI (CMake found it and FINLAB_MPI is ON).
bool mpi_built();
// True when the environment says an MPI launcher started this process
// (OMPI_COMM_WORLD_SIZE, PMIX_RANK, PMI_RANK or PMI_SIZE is set).
bool launched_as_rank();

class MpiJob {
public:
  // Starts MPI if mpi_built() && launched_as_rank(); else a one-process job.
  // `cancel` (may be null) is polled while waiting for other ranks.
  explicit MpiJob(const std::atomic<bool>* cancel);
  ~MpiJob();  // MPI_Finalize after a normal end
  MpiJob(const MpiJob&) = delete;
  MpiJob& operator=(const MpiJob&) = delete;

  int rank() const;
  int size() const;
  // The ranks' collectives; null for a one-process job.
  Collective* collective();
  // Ends every rank of the job with this exit code (MPI_Abort); for an error
  // on one rank, which would otherwise leave the others waiting forever.
  // In a one-process job: std::exit(code).
  [[noreturn]] void abort(int code);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finlab::sim
