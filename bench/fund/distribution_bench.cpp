// Daily income distribution throughput (issue 3, "Performance"): the flat-array
// engine (core/fund/distribution.hpp, FlatDistribution) over many accounts,
// next to two peers run in the same process:
//   - reference: allocate_income_reference (Boost.Multiprecision cpp_dec_float,
//     full sort) — must give identical incomes on >= 1M random accounts;
//   - list:      allocate_income (int128 math + partial_sort), the ledger's path.
// Prints account-days per second, bytes per account, the ratios and the check.
// Exit code 1 if any result differs. The same source builds with em++ (node).
#include <algorithm>
#include <chrono>
#include <ctime>
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/fund/distribution.hpp"
#include "core/random/stream.hpp"

using namespace finlab;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU seconds used by this process: the machine may be shared, and CPU time
// leaves out the time the process waited for a core. Under node, std::clock
// is wall time, so ask node for the process's CPU usage instead.
double cpu_seconds() {
#ifdef __EMSCRIPTEN__
  return EM_ASM_DOUBLE({
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  });
#else
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}

// Wall and CPU time of a piece of work.
struct Stopwatch {
  Clock::time_point w0 = Clock::now();
  double c0 = cpu_seconds();
  double wall() const { return seconds_since(w0); }
  double cpu() const { return cpu_seconds() - c0; }
};

// Log-uniform balances from 0.01 to ~10 million shares: many small accounts, a few large.
std::vector<std::int64_t> random_accounts(std::size_t n, std::uint64_t seed) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    random::Stream s(seed, i, 0, random::Purpose::generic);
    const std::uint64_t digits = 1 + s.below(9);
    std::uint64_t cap = 1;
    for (std::uint64_t k = 0; k < digits; ++k) cap *= 10;
    v[i] = static_cast<std::int64_t>(1 + s.below(cap));
  }
  return v;
}

money::IncomePer10k day_income(std::uint64_t seed, int day) {
  random::Stream s(seed, 0, static_cast<std::uint32_t>(day), random::Purpose::fund_yield);
  return money::IncomePer10k::from_units(9000 + static_cast<std::int64_t>(s.below(6000)));  // 0.9000 .. 1.4999
}

long arg(int argc, char** argv, const char* name, long def) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::atol(argv[i + 1]);
  return def;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t accounts = static_cast<std::size_t>(arg(argc, argv, "--accounts", 10'000'000));
  const int days = static_cast<int>(arg(argc, argv, "--days", 30));
  const std::size_t check_accounts = static_cast<std::size_t>(arg(argc, argv, "--check-accounts", 1'000'000));
  const int check_days = static_cast<int>(arg(argc, argv, "--check-days", 2));
  const std::uint64_t seed = 2015;
  int failures = 0;

  std::printf("fund distribution benchmark: %zu accounts x %d days (flat engine), check on %zu accounts x %d days\n", accounts, days,
              check_accounts, check_days);

  // ---- flat engine throughput, daily and monthly carry-over: one call per
  // day (two passes over the accounts) and all days in one call (one fused
  // sweep per day). Best of `reps` runs (the machine may be shared).
  const int reps = static_cast<int>(arg(argc, argv, "--reps", 3));
  double flat_rate[2] = {0, 0}, fused_rate[2] = {0, 0};
  std::size_t bytes[2] = {0, 0};
  std::vector<money::IncomePer10k> rs;
  for (int d = 1; d <= days; ++d) rs.push_back(day_income(seed, d));
  const auto init = random_accounts(accounts, seed);
  for (int m = 0; m < 2; ++m) {
    const auto carry = m == 0 ? fund::Carry::daily : fund::Carry::monthly;
    fund::FlatDistribution eng(accounts, carry);
    bytes[m] = eng.bytes_per_account();
    std::int64_t paid_a = 0, paid_b = 0;
    double best_a = 1e30, best_b = 1e30, cpu_a = 1e30, cpu_b = 1e30;
    for (int rep = 0; rep < reps; ++rep) {
      std::copy(init.begin(), init.end(), eng.share_units().begin());
      if (m == 1) std::fill(eng.unpaid_fen().begin(), eng.unpaid_fen().end(), 0);
      paid_a = 0;
      Stopwatch sa;
      for (const auto r : rs) {
        const auto tot = eng.distribute(r);
        if (!tot.conserves()) ++failures;
        paid_a += tot.paid.units();
      }
      best_a = std::min(best_a, sa.wall());
      cpu_a = std::min(cpu_a, sa.cpu());
      std::copy(init.begin(), init.end(), eng.share_units().begin());
      if (m == 1) std::fill(eng.unpaid_fen().begin(), eng.unpaid_fen().end(), 0);
      paid_b = 0;
      Stopwatch sb;
      for (const auto& tot : eng.distribute_days(rs)) {
        if (!tot.conserves()) ++failures;
        paid_b += tot.paid.units();
      }
      best_b = std::min(best_b, sb.wall());
      cpu_b = std::min(cpu_b, sb.cpu());
    }
    if (paid_a != paid_b) ++failures;
    const double ad = static_cast<double>(accounts) * days;
    flat_rate[m] = ad / cpu_a;
    fused_rate[m] = ad / cpu_b;
    std::printf("  flat engine, %-7s carry-over: %7.1f M account-days per CPU-second one call per day, %7.1f M fused (%d days per call)\n"
                "                                 (wall clock: %.1f M and %.1f M); paid %.2f yuan%s\n",
                std::string(fund::to_string(carry)).c_str(), flat_rate[m] / 1e6, fused_rate[m] / 1e6, days, ad / best_a / 1e6, ad / best_b / 1e6,
                static_cast<double>(paid_a) / 100.0, paid_a == paid_b ? "" : " MISMATCH");
  }
  // Scratch memory beyond the arrays: a 1,526-bucket histogram and the threshold bucket's candidates.
  std::printf("  memory: %zu bytes/account daily, %zu monthly (+ %zu bytes fixed histogram)\n", bytes[0], bytes[1],
              static_cast<std::size_t>(1526 * 4));

  // ---- reference check on >= 1M random accounts: identical incomes, day after day (daily carry-over)
  {
    const auto init = random_accounts(check_accounts, seed + 1);
    fund::FlatDistribution eng(check_accounts, fund::Carry::daily);
    std::copy(init.begin(), init.end(), eng.share_units().begin());
    std::vector<std::int64_t> ref_shares = init, list_shares = init;
    double t_flat = 0, t_ref = 0, t_list = 0;
    std::size_t mismatches = 0;
    for (int d = 0; d < check_days; ++d) {
      const auto r = day_income(seed + 1, d);
      Stopwatch s1;
      const auto ft = eng.distribute(r);
      t_flat += s1.cpu();
      Stopwatch s2;
      const auto ref = fund::allocate_income_reference(ref_shares, r);
      t_ref += s2.cpu();
      Stopwatch s3;
      const auto lst = fund::allocate_income(list_shares, r);
      t_list += s3.cpu();
      for (std::size_t i = 0; i < check_accounts; ++i) {
        ref_shares[i] += ref.income_fen[i];
        list_shares[i] += lst.income_fen[i];
        if (ref_shares[i] != eng.share_units()[i] || list_shares[i] != ref_shares[i]) ++mismatches;
      }
      if (ft.paid != ref.totals.paid || ft.residual_units != ref.totals.residual_units || ft.pool_units != ref.totals.pool_units) ++mismatches;
    }
    const double ad = static_cast<double>(check_accounts) * check_days;
    std::printf("  reference (Boost cpp_dec_float, full sort): %8.3f M account-days per CPU-second\n", ad / t_ref / 1e6);
    std::printf("  list allocation (int128 + partial sort):    %8.3f M account-days per CPU-second\n", ad / t_list / 1e6);
    std::printf("  flat engine, one call per day, same sample: %8.1f M account-days per CPU-second\n", ad / t_flat / 1e6);
    std::printf("  ratio flat engine (best daily, big run) / reference: %.0fx   / list: %.0fx\n", std::max(fused_rate[0], flat_rate[0]) / (ad / t_ref),
                std::max(fused_rate[0], flat_rate[0]) / (ad / t_list));
    std::printf("  check: %zu accounts x %d days, %zu differences -> %s\n", check_accounts, check_days, mismatches,
                mismatches == 0 ? "IDENTICAL" : "MISMATCH");
    if (mismatches) ++failures;
  }
  std::printf("RESULT best_daily_M=%.1f fused_daily_M=%.1f fused_monthly_M=%.1f per_day_daily_M=%.1f per_day_monthly_M=%.1f bytes_per_account=%zu check=%s\n",
              std::max(fused_rate[0], flat_rate[0]) / 1e6, fused_rate[0] / 1e6, fused_rate[1] / 1e6, flat_rate[0] / 1e6, flat_rate[1] / 1e6, bytes[0], failures ? "FAIL" : "OK");
  return failures ? 1 : 0;
}
