// Loan benchmark (issue 4): exact 12-period equal-installment schedules per
// second and IRR solves per second on one core, with the accuracy of every
// IRR against a 50-digit Boost.Multiprecision reference. Peers (QuantLib,
// formulajs) read the same input files and write their results next to ours;
// `--compare` prints the side-by-side report. Run through bench/loan.sh.
//
//   finlab_bench_loan DIR [--schedules N] [--irr N] [--sample K]   inputs, our timings, reference
//   finlab_bench_loan --compare DIR                                  the report with the peers
//
// Throughput is measured in thread CPU time (CLOCK_THREAD_CPUTIME_ID), best
// of three runs, so other processes on the machine do not count against us.
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/loan/annuity.hpp"
#include "core/loan/irr.hpp"
#include "core/loan/irr_reference.hpp"
#include "core/loan/schedule.hpp"

using namespace finlab;
using money::Money;

namespace {

double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Mix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::int64_t in(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
};

std::string human(double per_sec) {
  char b[64];
  if (per_sec >= 1e6) std::snprintf(b, sizeof b, "%.2f M/s", per_sec / 1e6);
  else if (per_sec >= 1e3) std::snprintf(b, sizeof b, "%.1f k/s", per_sec / 1e3);
  else std::snprintf(b, sizeof b, "%.0f /s", per_sec);
  return b;
}

template <class F>
double best_of_three(F&& f) {
  double best = 1e300;
  for (int rep = 0; rep < 3; ++rep) {
    const double t0 = cpu_seconds();
    f();
    best = std::min(best, cpu_seconds() - t0);
  }
  return best;
}

void write_number_file(const std::string& path, double v) {
  std::ofstream f(path);
  f.precision(17);
  f << v << "\n";
}

double read_number_file(const std::string& path) {
  std::ifstream f(path);
  double v = -1;
  if (!(f >> v)) return -1;
  return v;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream f(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(f, line);) out.push_back(line);
  return out;
}

// ---------------------------------------------------------------- run
int run(const std::string& dir, int n_sched, int n_irr, int n_sample) {
  Mix rng{20150512};
  // Schedules: P 1,000.00 – 500,000.00, 4.00% – 36.00% a year, 12 months.
  std::vector<loan::LoanTerms> terms(static_cast<std::size_t>(n_sched));
  {
    std::ofstream f(dir + "/schedules.txt");
    f << n_sched << "\n";
    for (auto& t : terms) {
      t.principal = Money::from_units(rng.in(1000'00, 500'000'00));
      t.rate = loan::QuotedRate::annual(money::Rate::bps(rng.in(400, 3600)));
      t.term_months = 12;
      t.start = time::Date::of("2015-05-12");
      f << t.principal.units() << " " << t.rate.rate.units() << " " << t.term_months << "\n";
    }
  }
  std::vector<loan::Installment> rows(12);
  std::int64_t checksum = 0;
  const double t_fill = best_of_three([&] {
    for (const auto& t : terms) checksum += loan::fill_schedule(t, rows).total_interest.units();
  });
  std::size_t built = 0;
  const double t_build = best_of_three([&] {
    for (const auto& t : terms) built += loan::build_schedule(t).installments.size();
  });
  // The payment alone (like a spreadsheet PMT), exactly rounded to the fen.
  std::vector<loan::ExactRate> monthly;
  monthly.reserve(terms.size());
  for (const auto& t : terms) monthly.push_back(loan::monthly_rate(t.rate));
  std::int64_t pay_sum = 0;
  const double t_pmt = best_of_three([&] {
    for (std::size_t k = 0; k < terms.size(); ++k)
      pay_sum += loan::annuity_payment(terms[k].principal, monthly[k], 12, money::Rounding::half_up).units();
  });
  write_number_file(dir + "/finlab_pmt.time", n_sched / t_pmt);
  int repairs = 0;
  {
    std::ofstream f(dir + "/finlab.pmt");
    for (const auto& t : terms) {
      const loan::ExactRate r = loan::monthly_rate(t.rate);
      if (!loan::annuity_payment_fast(t.principal, r, 12, money::Rounding::half_up)) ++repairs;
      f << loan::annuity_payment(t.principal, r, 12, money::Rounding::half_up).units() << "\n";
    }
  }
  write_number_file(dir + "/finlab_schedule.time", n_sched / t_fill);
  write_number_file(dir + "/finlab_schedule_alloc.time", n_sched / t_build);

  // IRR inputs: real loan cash flows, 12–36 periods, with fees.
  std::vector<std::vector<Money>> flows;
  flows.reserve(static_cast<std::size_t>(n_irr));
  {
    std::ofstream f(dir + "/irr_flows.txt");
    f << n_irr << "\n";
    for (int k = 0; k < n_irr; ++k) {
      loan::LoanTerms t;
      t.principal = Money::from_units(rng.in(1000'00, 500'000'00));
      t.rate = loan::QuotedRate::annual(money::Rate::bps(rng.in(400, 3600)));
      t.term_months = static_cast<int>(rng.in(12, 36));
      const auto m = rng.in(0, 9);
      t.method = m < 7 ? loan::RepaymentMethod::equal_installment : m < 9 ? loan::RepaymentMethod::equal_principal : loan::RepaymentMethod::interest_only;
      t.start = time::Date::of("2015-05-12");
      if (rng.in(0, 1)) t.upfront_fee = Money::from_units(t.principal.units() * rng.in(0, 300) / 10000);
      if (rng.in(0, 9) < 3) t.monthly_fee_rate = money::Rate::bps(rng.in(0, 80));
      flows.push_back(loan::build_schedule(t).cash_flows());
      f << flows.back().size();
      for (const Money& c : flows.back()) f << " " << c.units();
      f << "\n";
    }
  }
  std::vector<double> ours(flows.size());
  const double t_irr = best_of_three([&] {
    for (std::size_t k = 0; k < flows.size(); ++k) {
      auto r = loan::irr(flows[k]);
      ours[k] = r ? r->rate : std::nan("");
    }
  });
  double sink = 0;
  const double t_unique = best_of_three([&] {
    for (const auto& f : flows) {
      double r = 0;
      loan::irr_unique(f, r);
      sink += r;
    }
  });
  {
    std::ofstream f(dir + "/finlab.irr");
    f.precision(17);
    for (double v : ours) f << v << "\n";
  }
  write_number_file(dir + "/finlab.time", n_irr / t_irr);
  write_number_file(dir + "/finlab_unique.time", n_irr / t_unique);

  // 50-digit reference on an evenly spaced sample.
  {
    std::ofstream f(dir + "/reference.irr");
    const int step = std::max(1, n_irr / n_sample);
    for (int k = 0; k < n_irr; k += step) f << k << " " << loan::irr_reference(flows[k], ours[k]).str(40) << "\n";
  }

  std::cout << "loan schedules: " << n_sched << " exact 12-period equal-installment schedules (P 1,000-500,000, 4-36% a year)\n";
  std::cout << "  finlab fill_schedule (no allocation)  " << human(n_sched / t_fill) << "  (" << static_cast<int>(t_fill / n_sched * 1e9)
            << " ns each; goal >= 2 M/s)\n";
  std::cout << "  finlab build_schedule (allocating)    " << human(n_sched / t_build) << "\n";
  std::cout << "  finlab annuity_payment (payment only)  " << human(n_sched / t_pmt) << "  (exactly rounded; " << (pay_sum > 0 ? "ok" : "?") << ")\n";
  std::cout << "  payments needing the exact cpp_int repair: " << repairs << " of " << n_sched << " (checksum " << checksum % 1000
            << ", rows " << built / 3 << ")\n";
  std::cout << "IRR: " << n_irr << " loan cash-flow vectors of 13-37 flows (fees, upfront deductions)\n";
  std::cout << "  finlab irr()                 " << human(n_irr / t_irr) << "  (goal >= 5 M/s)\n";
  std::cout << "  finlab irr_unique()          " << human(n_irr / t_unique) << "  (no allocation; " << (sink > 0 ? "ok" : "?") << ")\n";
  return 0;
}

// ---------------------------------------------------------------- compare
struct Ref {
  std::size_t index;
  money::HighDecimal value;
};

struct PeerStats {
  double max_rel_ref = 0;     // vs the 50-digit reference (sample)
  double max_rel_ours = 0;    // vs finlab on every input
  std::size_t failures = 0;   // nan / missing
  std::size_t compared = 0;
};

PeerStats compare_irr(const std::vector<double>& peer, const std::vector<double>& ours, const std::vector<Ref>& ref) {
  PeerStats s;
  for (std::size_t k = 0; k < peer.size() && k < ours.size(); ++k) {
    if (!std::isfinite(peer[k])) {
      ++s.failures;
      continue;
    }
    ++s.compared;
    const double d = std::fabs(peer[k] - ours[k]) / std::max(std::fabs(ours[k]), 1e-300);
    s.max_rel_ours = std::max(s.max_rel_ours, d);
  }
  for (const Ref& r : ref)
    if (r.index < peer.size() && std::isfinite(peer[r.index]))
      s.max_rel_ref = std::max(s.max_rel_ref, loan::relative_difference(peer[r.index], r.value));
  return s;
}

std::vector<double> read_doubles(const std::string& path) {
  std::vector<double> v;
  for (const auto& line : read_lines(path)) {
    if (line == "nan" || line == "NaN" || line.empty()) v.push_back(std::nan(""));
    else v.push_back(std::strtod(line.c_str(), nullptr));
  }
  return v;
}

int compare(const std::string& dir) {
  const std::vector<double> ours = read_doubles(dir + "/finlab.irr");
  std::vector<Ref> ref;
  for (const auto& line : read_lines(dir + "/reference.irr")) {
    std::istringstream in(line);
    std::size_t k;
    std::string v;
    in >> k >> v;
    ref.push_back({k, money::HighDecimal(v)});
  }
  const double ours_rate = read_number_file(dir + "/finlab.time");
  std::printf("\nIRR side by side on the same %zu inputs (rates per month; reference: %zu sampled, 50 digits)\n", ours.size(), ref.size());
  std::printf("  %-34s %12s %14s %18s %16s %9s\n", "solver", "solves/s", "finlab is", "max rel err (ref)", "max rel vs finlab", "failures");
  const PeerStats self = compare_irr(ours, ours, ref);
  std::printf("  %-34s %12s %14s %18.2e %16s %9zu\n", "finlab irr()", human(ours_rate).c_str(), "-", self.max_rel_ref, "-", self.failures);
  const double unique_rate = read_number_file(dir + "/finlab_unique.time");
  if (unique_rate > 0) std::printf("  %-34s %12s %14s %18s %16s %9s\n", "finlab irr_unique() (no alloc)", human(unique_rate).c_str(), "-", "same", "0", "0");
  struct Peer { const char* file; const char* name; };
  for (const Peer& p : {Peer{"quantlib_yield", "QuantLib CashFlows::yield"}, Peer{"quantlib_yield_brent", "QuantLib CashFlows::yield(Brent)"},
                        Peer{"quantlib_brent", "QuantLib Brent on the polynomial"}, Peer{"formulajs_irr", "formulajs IRR (node)"}}) {
    const double rate = read_number_file(dir + "/" + p.file + ".time");
    if (rate <= 0) {
      std::printf("  %-34s %12s   (not run)\n", p.name, "-");
      continue;
    }
    const std::vector<double> peer = read_doubles(dir + "/" + p.file + ".irr");
    const PeerStats s = compare_irr(peer, ours, ref);
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.1fx faster", ours_rate / rate);
    std::printf("  %-34s %12s %14s %18.2e %16.2e %9zu\n", p.name, human(rate).c_str(), ratio, s.max_rel_ref, s.max_rel_ours, s.failures);
  }

  // Payments: formulajs PMT (a double) against finlab's exactly rounded annuity.
  const double sched_rate = read_number_file(dir + "/finlab_schedule.time");
  const double pmt_rate = read_number_file(dir + "/formulajs_pmt.time");
  const double ours_pmt = read_number_file(dir + "/finlab_pmt.time");
  std::printf("\n12-period equal-installment loans, same inputs\n");
  std::printf("  %-34s %12s\n", "finlab fill_schedule (12 rows)", human(sched_rate).c_str());
  std::printf("  %-34s %12s\n", "finlab annuity_payment (exact)", human(ours_pmt).c_str());
  if (pmt_rate > 0) {
    const auto exact = read_lines(dir + "/finlab.pmt");
    const std::vector<double> pmt = read_doubles(dir + "/formulajs_pmt.pmt");
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < pmt.size() && k < exact.size(); ++k) {
      const double fen = std::strtod(exact[k].c_str(), nullptr);
      const double peer_fen = std::fabs(pmt[k]) * 100;
      if (std::llround(peer_fen) != static_cast<long long>(fen)) ++mismatches;  // JS Math.round-like half-up on the double
    }
    std::printf("  %-34s %12s   finlab payment is %.1fx faster (the whole 12-row schedule %.1fx); PMT rounded half-up to the fen differs from the exact payment in %zu of %zu\n",
                "formulajs PMT (node)", human(pmt_rate).c_str(), ours_pmt / pmt_rate, sched_rate / pmt_rate, mismatches, pmt.size());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--compare") return compare(argv[2]);
  if (argc < 2) {
    std::cerr << "usage: finlab_bench_loan DIR [--schedules N] [--irr N] [--sample K] | --compare DIR\n";
    return 2;
  }
  int n_sched = 1'000'000, n_irr = 200'000, n_sample = 2000;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (a == "--schedules") n_sched = v;
    else if (a == "--irr") n_irr = v;
    else if (a == "--sample") n_sample = v;
  }
  return run(argv[1], n_sched, n_irr, n_sample);
}
