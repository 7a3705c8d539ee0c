// Ctrl-C (SIGINT) and SIGTERM for every finlab command (issue 17): a long job
// stops within a second and leaves nothing that looks finished.
//
// install() (from main) puts one handler on both signals; the handler only
// sets flag() and wakes a watchdog thread. A command that polls flag() itself
// (sim run, sim sweep: between chunks of users) holds a Cooperative while it
// does; the watchdog gives it kGraceMs to stop on its own. Past that, or at
// once for a command that does not poll, the watchdog runs the registered
// ForcedStop cleanups (mark the run, remove a half-written file) and ends the
// process with exit code 130. exit_interrupted() is the cooperative path's
// exit; the two never run at the same time.
#pragma once

#include <atomic>
#include <functional>

namespace finlab::cli::interrupt {

inline constexpr int kExitCode = 130;  // 128 + SIGINT, the shell's convention
inline constexpr int kGraceMs = 500;   // the cooperative stop's share of the one-second budget [D]

void install();
const std::atomic<bool>& flag();
bool requested();

// While one is alive the watchdog waits kGraceMs before it forces the exit.
class Cooperative {
public:
  Cooperative();
  ~Cooperative();
  Cooperative(const Cooperative&) = delete;
  Cooperative& operator=(const Cooperative&) = delete;
};

// A cleanup the watchdog runs (on its own thread, while the command may still
// be running) before it forces the exit. Unregistered on destruction.
class ForcedStop {
public:
  explicit ForcedStop(std::function<void()> cleanup);
  ~ForcedStop();
  ForcedStop(const ForcedStop&) = delete;
  ForcedStop& operator=(const ForcedStop&) = delete;

private:
  int id_;
};

// Flushes the standard streams and ends the process with kExitCode; waits for
// (and never races) a forced stop that has already begun.
[[noreturn]] void exit_interrupted();

}  // namespace finlab::cli::interrupt
