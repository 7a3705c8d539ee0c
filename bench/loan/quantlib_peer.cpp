// QuantLib peer of the loan benchmark (Debian libquantlib0-dev 1.29, system
// Boost 1.74). Reads DIR/irr_flows.txt (fen integers; the first flow at the
// start date, then one per month) and solves each IRR three ways:
//   quantlib_yield        CashFlows::yield (default solver, NewtonSafe), 30/360
//                         so every month is exactly 1/12 year, monthly
//                         compounding: the monthly rate is yield / 12
//   quantlib_yield_brent  CashFlows::yield with QuantLib's Brent solver
//   quantlib_brent        QuantLib's Brent solver on the plain polynomial
//                         Σ c_k (1+i)^−k (Horner), bracket [−0.9, 1]
// Each writes DIR/<name>.irr (one monthly rate per line, "nan" on failure)
// and DIR/<name>.time (solves per second, thread CPU time; building the
// QuantLib Leg objects is not timed).
#include <ql/cashflows/cashflows.hpp>
#include <ql/cashflows/simplecashflow.hpp>
#include <ql/math/solvers1d/brent.hpp>
#include <ql/settings.hpp>
#include <ql/time/daycounters/thirty360.hpp>
#include <time.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace QuantLib;

namespace {

double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

void write_results(const std::string& dir, const std::string& name, const std::vector<double>& r, double per_sec) {
  std::ofstream f(dir + "/" + name + ".irr");
  f.precision(17);
  for (double v : r) {
    if (std::isfinite(v)) f << v << "\n";
    else f << "nan\n";
  }
  std::ofstream t(dir + "/" + name + ".time");
  t.precision(17);
  t << per_sec << "\n";
  std::printf("  %-34s %10.0f solves/s over %zu inputs (accuracy 1e-14 on the annual yield)\n", name.c_str(), per_sec, r.size());
}

struct Poly {
  const std::vector<double>* c;
  double operator()(double i) const {
    const double v = 1.0 / (1.0 + i);
    double p = 0;
    for (std::size_t k = c->size(); k-- > 0;) p = p * v + (*c)[k];
    return p;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: finlab_bench_loan_quantlib DIR [max_yield_inputs]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const std::size_t max_yield = argc > 2 ? std::stoul(argv[2]) : 50000;
  std::ifstream in(dir + "/irr_flows.txt");
  std::size_t n = 0;
  in >> n;
  std::vector<std::vector<double>> flows(n);
  for (auto& f : flows) {
    std::size_t m;
    in >> m;
    f.resize(m);
    for (auto& v : f) {
      long long fen;
      in >> fen;
      v = fen / 100.0;
    }
  }
  Settings::instance().evaluationDate() = Date(12, May, 2015);
  const Date start(12, May, 2015);
  const DayCounter dc = Thirty360(Thirty360::BondBasis);
  const double accuracy = 1e-14;  // on the annual yield: ~1e-12 relative on the monthly rate

  // CashFlows::yield, default solver and Brent; Legs built in chunks outside the timer.
  for (int variant = 0; variant < 2; ++variant) {
    const std::size_t count = std::min(max_yield, n);
    std::vector<double> out(count, std::nan(""));
    double secs = 0;
    for (std::size_t begin = 0; begin < count; begin += 5000) {
      const std::size_t end = std::min(count, begin + 5000);
      std::vector<Leg> legs(end - begin);
      for (std::size_t k = begin; k < end; ++k)
        for (std::size_t j = 1; j < flows[k].size(); ++j)
          legs[k - begin].push_back(ext::make_shared<SimpleCashFlow>(flows[k][j], start + Period(static_cast<Integer>(j), Months)));
      const double t0 = cpu_seconds();
      for (std::size_t k = begin; k < end; ++k) {
        try {
          const Real npv = -flows[k][0];
          Rate y;
          if (variant == 0) {
            y = CashFlows::yield(legs[k - begin], npv, dc, Compounded, Monthly, false, start, start, accuracy, 100, 0.05);
          } else {
            Brent brent;
            brent.setMaxEvaluations(200);
            y = CashFlows::yield(brent, legs[k - begin], npv, dc, Compounded, Monthly, false, start, start, accuracy, 0.05);
          }
          out[k] = y / 12.0;
        } catch (const std::exception&) {
          out[k] = std::nan("");
        }
      }
      secs += cpu_seconds() - t0;
    }
    write_results(dir, variant == 0 ? "quantlib_yield" : "quantlib_yield_brent", out, count / secs);
  }

  // Brent on the plain monthly polynomial, every input.
  {
    std::vector<double> out(n, std::nan(""));
    double best = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
      const double t0 = cpu_seconds();
      for (std::size_t k = 0; k < n; ++k) {
        try {
          Brent brent;
          brent.setMaxEvaluations(200);
          out[k] = brent.solve(Poly{&flows[k]}, 1e-15, 0.01, -0.9, 1.0);
        } catch (const std::exception&) {
          out[k] = std::nan("");
        }
      }
      best = std::min(best, cpu_seconds() - t0);
    }
    write_results(dir, "quantlib_brent", out, n / best);
  }
  return 0;
}
