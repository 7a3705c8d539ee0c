// Throughput and memory of the simulation sandbox (issue 6 budgets):
//   - the monthly credit lifecycle, users × months, on 1 and T threads;
//   - bytes per user of the run's arrays (by construction) and measured as the
//     growth of the resident set while the users exist;
//   - the time to train the scorecard and to build (generate + score) users.
// The same source builds for wasm (single thread, run under node) so that
// bench/sim.sh can print wasm next to native. Output: one "key value" per line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <time.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include "sim/kpi.hpp"
#include "sim/parallel.hpp"
#include "sim/run.hpp"

using namespace finlab::sim;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU time of the whole process (all threads), seconds. On a shared machine
// wall time depends on the neighbours; CPU time does not (much).
#ifdef __EMSCRIPTEN__
EM_JS(double, node_cpu_seconds, (), {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
});
double cpu_seconds() { return node_cpu_seconds(); }
#else
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}
#endif

std::string slurp(const std::string& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "cannot read %s\n", p.c_str());
    std::exit(1);
  }
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// Resident set size in bytes (Linux /proc; 0 under wasm, where it would be node's).
long long rss_bytes() {
#ifdef __EMSCRIPTEN__
  return 0;
#endif
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t users = 1'000'000;
  int months = 36;
  int threads = 2;
  std::int64_t history = 40'000;
  std::string assets = FINLAB_SOURCE_DIR "/assets";
  bool single_only = false;
  bool full = false;
  for (int i = 1; i < argc; ++i) {
    auto next = [&] { return i + 1 < argc ? argv[++i] : ""; };
    if (!std::strcmp(argv[i], "--users")) users = std::strtoull(next(), nullptr, 10);
    else if (!std::strcmp(argv[i], "--months")) months = std::atoi(next());
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(next());
    else if (!std::strcmp(argv[i], "--history")) history = std::atoll(next());
    else if (!std::strcmp(argv[i], "--assets")) assets = next();
    else if (!std::strcmp(argv[i], "--single-only")) single_only = true;
    else if (!std::strcmp(argv[i], "--full")) full = true;
  }
  RunConfig c;
  c.policy = parse_policy(slurp(assets + "/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(slurp(assets + "/scenarios/baseline.json")).value();
  c.users = users;
  c.months = months;
  c.seed = 2015;
  c.history_users = history;

  if (full) {
    // What the browser's Policy lab does: one Simulation on one thread, from
    // training the scorecard to the analyses, in steps of 200k user-months.
    auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    Simulation sim(c);
    int steps = 0;
    double train_wall = 0, train_cpu = 0;
    while (!sim.step(200'000)) {
      if (steps++ == 0) {
        train_wall = seconds_since(t0);
        train_cpu = cpu_seconds() - c0;
      }
    }
    const double t = seconds_since(t0), tc = cpu_seconds() - c0;
    std::printf("users %llu\nmonths %d\nhistory_users %lld\nfull_run_s %.3f\nfull_run_cpu_s %.3f\ntrain_s %.3f\ntrain_cpu_s %.3f\nsteps %d\n",
                (unsigned long long)users, months, (long long)history, t, tc, train_wall, train_cpu, steps);
    return 0;
  }
  auto t0 = Clock::now();
  auto model = train_scoring_model(c.seed, c.history_users, c.population);
  if (!model) {
    std::fprintf(stderr, "%s\n", model.error().c_str());
    return 1;
  }
  const double t_train = seconds_since(t0);
  std::printf("users %llu\nmonths %d\nhistory_users %lld\ntrain_s %.3f\n", (unsigned long long)users, months, (long long)history, t_train);

  const long long rss0 = rss_bytes();
  auto st = RunState::create(c, model.value());
  RunState& s = *st.value();
  Progress progress;

  ParallelOptions one;
  one.threads = 1;
  t0 = Clock::now();
  double c0 = cpu_seconds();
  build_traits_parallel(s, one, progress);
  const double t_build1 = seconds_since(t0);
  std::printf("build_users_cpu_s_1t %.3f\n", cpu_seconds() - c0);
  const long long rss1 = rss_bytes();
  std::printf("build_users_s_1t %.3f\nbuild_users_per_s_1t %.0f\n", t_build1, double(users) / t_build1);
  std::printf("bytes_per_user_arrays %zu\n", s.traits().bytes_per_user() + s.book().bytes_per_user());
  if (rss0 > 0) std::printf("bytes_per_user_rss %.1f\n", double(rss1 - rss0) / double(users));

  const double user_months = double(users) * months;
  t0 = Clock::now();
  c0 = cpu_seconds();
  run_months_parallel(s, one, progress);
  const double t1 = seconds_since(t0), cpu1 = cpu_seconds() - c0;
  RunOutput out1 = s.finish();
  std::printf("lifecycle_s_1t %.3f\nlifecycle_cpu_s_1t %.3f\nuser_months_per_s_1t %.0f\nuser_months_per_cpu_s_1t %.0f\n", t1, cpu1,
              user_months / t1, user_months / cpu1);

  if (!single_only && threads > 1) {
    ParallelOptions many;
    many.threads = threads;
    s.reset_policy(c.policy);
    t0 = Clock::now();
    c0 = cpu_seconds();
    run_months_parallel(s, many, progress);
    const double tn = seconds_since(t0), cpun = cpu_seconds() - c0;
    RunOutput outn = s.finish();
    std::printf("threads %d\nlifecycle_s_%dt %.3f\nlifecycle_cpu_s_%dt %.3f\nuser_months_per_s_%dt %.0f\n", threads, threads, tn, threads, cpun,
                threads, user_months / tn);
    // Same totals for any thread count.
    KpiContext ctx;
    ctx.users = users;
    ctx.months = months;
    ctx.start = c.scenario.start;
    const auto a = run_totals(out1.acc, ctx), b = run_totals(outn.acc, ctx);
    bool same = a.size() == b.size();
    for (std::size_t i = 0; same && i < a.size(); ++i) same = a[i].value == b[i].value;
    std::printf("same_totals_1t_vs_%dt %s\n", threads, same ? "yes" : "NO");
    ParallelOptions many_build;
    many_build.threads = threads;
    t0 = Clock::now();
    build_traits_parallel(s, many_build, progress);
    std::printf("build_users_s_%dt %.3f\n", threads, seconds_since(t0));
  }
  KpiContext ctx;
  ctx.users = users;
  ctx.months = months;
  ctx.start = c.scenario.start;
  for (const auto& t : run_totals(out1.acc, ctx)) {
    if (t.name == "approval_rate" || t.name == "booked_amount" || t.name == "net_profit" || t.name == "loss_rate") {
      std::printf("total_%s %s\n", t.name.c_str(), t.value.c_str());
    }
  }
  return 0;
}
