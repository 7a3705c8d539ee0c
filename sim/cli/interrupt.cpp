// See interrupt.hpp. The signal handler does only async-signal-safe work (an
// atomic store and sem_post); everything else runs on the watchdog thread.
#include "sim/cli/interrupt.hpp"

#include <semaphore.h>
#include <signal.h>
#include <time.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace finlab::cli::interrupt {

namespace {

std::atomic<bool> g_flag{false};
std::atomic<int> g_cooperative{0};
sem_t g_wake;
std::mutex g_exit_mu;  // held by whoever ends the process
std::mutex g_cleanup_mu;
std::map<int, std::function<void()>> g_cleanups;
int g_next_id = 0;

extern "C" void on_signal(int) {
  g_flag.store(true);
  sem_post(&g_wake);  // a second signal ends the grace period at once
}

void put_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

void wait_wake() {
  while (sem_wait(&g_wake) != 0 && errno == EINTR) {
  }
}

// Waits up to ms for another signal; returns early when it comes.
void wait_grace(int ms) {
  timespec until{};
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += ms / 1000;
  until.tv_nsec += static_cast<long>(ms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec += 1;
    until.tv_nsec -= 1000000000L;
  }
  while (sem_timedwait(&g_wake, &until) != 0 && errno == EINTR) {
  }
}

[[noreturn]] void watchdog() {
  wait_wake();
  if (g_cooperative.load() > 0) wait_grace(kGraceMs);
  std::lock_guard<std::mutex> exit_lock(g_exit_mu);
  {
    std::lock_guard<std::mutex> lock(g_cleanup_mu);
    for (auto it = g_cleanups.rbegin(); it != g_cleanups.rend(); ++it) {
      try {
        it->second();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "finlab: while stopping: %s\n", e.what());
      }
    }
  }
  std::fprintf(stderr, "finlab: interrupted\n");
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(kExitCode);
}

}  // namespace

void install() {
  static std::once_flag once;
  std::call_once(once, [] {
    sem_init(&g_wake, 0, 0);
    std::thread(watchdog).detach();
  });
  put_handlers();
}

const std::atomic<bool>& flag() { return g_flag; }
bool requested() { return g_flag.load(); }

Cooperative::Cooperative() {
  install();  // again: a library (MPI) may have replaced the handlers since main
  ++g_cooperative;
}
Cooperative::~Cooperative() { --g_cooperative; }

ForcedStop::ForcedStop(std::function<void()> cleanup) {
  std::lock_guard<std::mutex> lock(g_cleanup_mu);
  id_ = g_next_id++;
  g_cleanups.emplace(id_, std::move(cleanup));
}
ForcedStop::~ForcedStop() {
  std::lock_guard<std::mutex> lock(g_cleanup_mu);
  g_cleanups.erase(id_);
}

void exit_interrupted() {
  std::lock_guard<std::mutex> exit_lock(g_exit_mu);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(kExitCode);
}

}  // namespace finlab::cli::interrupt
