// Monte Carlo projection throughput (issue 8): N paths × Y years of daily
// steps (GARCH(1,1)-t NAV model + the exact portfolio engine with a monthly
// 定投) for a plan, on T threads natively or one thread in wasm. Prints one
// `key=value` line per measurement for bench/portfolio.sh, and with --export
// DIR writes the first K paths' NAVs, the plan's daily events and the exact
// end values so that the numpy peer (numpy_peer.py) can redo the same paths in
// floating point and report the difference.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

#include "core/portfolio/performance.hpp"
#include "core/portfolio/plan_json.hpp"
#include "core/portfolio/projection.hpp"

using namespace finlab;

namespace {

std::string read(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_i64(const std::string& path, const std::vector<std::int64_t>& v) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(std::int64_t)));
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string plan_path = "assets/plans/csi300_monthly.json", export_dir;
  std::size_t paths = 10000, threads = 2, export_paths = 1000;
  int years = 10, repeat = 1;
  std::uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--plan") plan_path = v;
    else if (k == "--paths") paths = std::stoull(v);
    else if (k == "--years") years = std::stoi(v);
    else if (k == "--seed") seed = std::stoull(v);
    else if (k == "--threads") threads = std::stoull(v);
    else if (k == "--repeat") repeat = std::stoi(v);
    else if (k == "--export") export_dir = v;
    else if (k == "--export-paths") export_paths = std::stoull(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
#ifdef __EMSCRIPTEN__
  threads = 1;
  const char* where = "wasm";
#else
  const char* where = "native";
#endif
  auto plan = portfolio::parse_plan(read(plan_path));
  if (!plan) {
    std::fprintf(stderr, "%s: %s\n", plan_path.c_str(), plan.error().c_str());
    return 1;
  }
  double best_wall = 1e9, best_cpu = 1e9, prepare_s = 0, summarize_s = 0;
  portfolio::ProjectionSummary summary;
  portfolio::PathOutputs out;
  std::size_t days = 0;
  for (int rep = 0; rep < repeat; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    auto pr = portfolio::Projection::prepare(plan.value(), {paths, years, seed}, time::TradingCalendar::builtin());
    if (!pr) {
      std::fprintf(stderr, "%s\n", pr.error().c_str());
      return 1;
    }
    prepare_s = seconds_since(t0);
    days = pr->schedule().size();
    out.resize(paths, pr->schedule().checkpoints.size());
#ifdef __EMSCRIPTEN__
    pr->run(0, paths, out);
#else
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < threads; ++w) {
      const std::size_t a = paths * w / threads, b = paths * (w + 1) / threads;
      pool.emplace_back([&, a, b] { pr->run(a, b - a, out); });
    }
    for (auto& t : pool) t.join();
#endif
    const auto t1 = std::chrono::steady_clock::now();
    summary = pr->summarize(out);
    summarize_s = seconds_since(t1);
    const double wall = seconds_since(t0);
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    if (wall < best_wall) best_wall = wall;
    if (cpu < best_cpu) best_cpu = cpu;

    if (rep == 0 && !export_dir.empty()) {
      // Events per trading day and the first K paths, for the floating-point peer.
      const auto& s = pr->schedule();
      const auto& p = pr->plan();
      const std::size_t k = std::min(export_paths, paths);
      std::vector<std::int64_t> nav(k * days), div(k * days), end(k), ev(4 * days, 0);
      for (std::size_t path = 0; path < k; ++path) {
        std::vector<std::int64_t> n, d;
        pr->market_path(path, 0, n, d);
        std::copy(n.begin(), n.end(), nav.begin() + static_cast<std::ptrdiff_t>(path * days));
        std::copy(d.begin(), d.end(), div.begin() + static_cast<std::ptrdiff_t>(path * days));
        end[path] = out.end_fen[path];
      }
      for (std::size_t i = 0; i < days; ++i) {
        ev[4 * i + 0] = s.gap_after(i);
        for (std::uint32_t e = s.event_begin[i]; e < s.event_begin[i + 1]; ++e) {
          const auto& x = s.events[e];
          if (x.kind == portfolio::EventKind::initial_deposit) ev[4 * i + 1] += p.initial_deposit.units();
          if (x.kind == portfolio::EventKind::deposit) ev[4 * i + 1] += p.deposits[x.ref].amount.units();
          if (x.kind == portfolio::EventKind::regular_investment) ev[4 * i + 2] += p.regular_investments[x.ref].amount.units();
        }
        ev[4 * i + 3] = s.mmf_r_units[static_cast<std::size_t>(s.days[i] - s.days[0])];
      }
      write_i64(export_dir + "/nav.bin", nav);
      write_i64(export_dir + "/div.bin", div);
      write_i64(export_dir + "/end.bin", end);
      write_i64(export_dir + "/events.bin", ev);
      const auto fee = portfolio::times_ratio(*p.funds[0].subscription.tiers[0].rate, p.funds[0].subscription.discount);
      const auto& m = p.funds[0].nav_model;
      std::ofstream meta(export_dir + "/meta.txt");
      meta << "paths " << k << "\ndays " << days << "\nfee_rate " << portfolio::number_text(portfolio::to_double(fee), 10)
           << "\nannual_return " << portfolio::number_text(portfolio::to_double(m.annual_return), 10) << "\nannual_volatility "
           << portfolio::number_text(portfolio::to_double(m.annual_volatility), 10) << "\nalpha " << portfolio::number_text(portfolio::to_double(m.alpha), 10)
           << "\nbeta " << portfolio::number_text(portfolio::to_double(m.beta), 10) << "\ndof " << m.dof << "\nlimit "
           << portfolio::number_text(portfolio::to_double(m.daily_limit), 10) << "\ntrading_days_per_year " << m.trading_days_per_year
           << "\npaid_in " << summary.paid_in.to_string() << "\n";
    }
  }
  const double path_days = static_cast<double>(paths) * static_cast<double>(days);
  std::printf("%s paths=%zu years=%d trading_days=%zu threads=%zu repeat=%d wall_s=%.3f cpu_s=%.3f prepare_s=%.3f summarize_s=%.3f "
              "paths_per_s=%.0f path_days_per_s_M=%.1f\n",
              where, paths, years, days, threads, repeat, best_wall, best_cpu, prepare_s, summarize_s, paths / best_wall, path_days / best_wall / 1e6);
  std::printf("%s result paid_in=%s p5=%s p50=%s p95=%s p_below=%s twr_p50=%s\n", where, summary.paid_in.to_string().c_str(),
              summary.end_value.p5.to_string().c_str(), summary.end_value.p50.to_string().c_str(), summary.end_value.p95.to_string().c_str(),
              portfolio::percent_text(summary.p_below_paid_in).c_str(), portfolio::percent_text(summary.twr_annualized.p50).c_str());
  return 0;
}
