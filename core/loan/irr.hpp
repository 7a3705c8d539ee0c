// Internal rate of return of exact cash flows (DOMAIN.md §2.3: the true
// annualised rate is IRR-based). irr() solves Σ c_k / (1+i)^k = 0 for the rate
// per period; xirr() solves Σ c_k / (1+r)^((d_k − d_0)/365) = 0 for the annual
// effective rate of dated flows (Excel's XIRR convention, ACT/365).
//
// How it is solved (docs/loan.md has the details and sources):
//  * Descartes' rule of signs on the flows in time order: no sign change → no
//    IRR (an error, never NaN); one sign change → exactly one rate in (−100%, ∞);
//    several → every root is isolated (derivative recursion), listed, and one is
//    chosen by a stated rule: the smallest non-negative rate, else the negative
//    rate closest to zero (numpy-financial ≥ 1.1's rule, see numpy-financial#44).
//  * Unique case: Halley iterations on the discount polynomial, safeguarded by
//    a bracket that every evaluation tightens (so it never diverges), then a
//    final polish in "minus one" form ((1+w)^k − 1 computed without
//    cancellation) when the rate is small, so the relative error stays
//    ≤ 1e-12 down to tiny rates. Exact for a zero rate (Σ flows = 0) and for a
//    single period (one division of an exact integer).
//  * Only + − × ÷ on doubles (no libm pow/exp/log): the same bits natively and
//    in wasm. Rates are doubles; money stays exact integers of fen.
//
// Public API used by other modules (keep these names): loan::DatedCashFlow,
// loan::IrrResult, loan::irr, loan::xirr (the portfolio engine uses xirr for
// the money-weighted return), loan::irr_unique (no-allocation fast path).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "core/money/money.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::loan {

struct DatedCashFlow {
  time::Date date;
  money::Money amount;
};

// The rates that solve NPV = 0, ascending. Up to four are stored inline, so
// the usual single root costs no allocation (IRR is solved millions of times).
// Plain copy/move are right: begin() is derived from the size, not stored.
class RootList {
public:
  RootList() = default;
  RootList(std::initializer_list<double> l) {
    for (double x : l) push_back(x);
  }
  void push_back(double x) {
    if (n_ < inline_capacity) {
      inline_[n_++] = x;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_, inline_ + inline_capacity);
    heap_.push_back(x);
    ++n_;
  }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const double* begin() const { return n_ > inline_capacity ? heap_.data() : inline_; }
  const double* end() const { return begin() + n_; }
  double* begin() { return n_ > inline_capacity ? heap_.data() : inline_; }
  double* end() { return begin() + n_; }
  double operator[](std::size_t k) const { return begin()[k]; }
  double front() const { return begin()[0]; }
  double back() const { return begin()[n_ - 1]; }

private:
  static constexpr std::size_t inline_capacity = 4;
  double inline_[inline_capacity] = {};
  std::vector<double> heap_;
  std::size_t n_ = 0;
};

// How IrrResult::rate was picked among the roots.
enum class IrrChoice {
  unique,                 // exactly one rate solves NPV = 0
  smallest_non_negative,  // several roots: the smallest rate >= 0
  closest_to_zero,        // several roots, all negative: the one closest to zero
};

struct IrrResult {
  double rate = 0.0;          // irr: per period; xirr: annual effective (ACT/365)
  RootList roots;             // every rate in (−1, ∞) that solves NPV = 0, ascending
  int sign_changes = 0;       // sign changes of the flows in time order
  IrrChoice choice = IrrChoice::unique;
  bool dated = false;         // true for xirr

  bool unique() const { return choice == IrrChoice::unique; }
  // One sentence on why this rate: "the flows change sign once, so ...".
  std::string why() const;
};

// IRR per period of flows c_0, c_1, …, c_n (c_0 at time 0). Errors: fewer than
// two flows, all zero, all of one sign, or no root above −100%.
Result<IrrResult> irr(std::span<const money::Money> flows);

// XIRR of dated flows (any order; flows on the same day are added). Errors as
// irr, plus "all flows on the same day".
Result<IrrResult> xirr(std::span<const DatedCashFlow> flows);

enum class IrrStatus {
  ok,
  too_few_flows,         // fewer than two non-zero flows
  no_sign_change,        // all flows of one sign: no IRR
  several_sign_changes,  // use irr() to get every root and the choice
};
// The unique IRR of flows that change sign exactly once, without allocating.
// `rate` is written only when the status is ok.
IrrStatus irr_unique(std::span<const money::Money> flows, double& rate);

// (1+rate)^periods − 1 for integer periods, computed as a product of
// "minus one" factors ((1+a)(1+b) − 1 = a + b + ab), so small rates keep their
// relative accuracy: the effective annual rate of a periodic one.
double compound_minus_one(double rate, std::int64_t periods);

// Net present value at a periodic rate (i > −1): Σ c_k / (1+i)^k, in yuan as a
// double (an explanation aid, not money).
double npv(double rate, std::span<const money::Money> flows);
// Σ c_k / (1+r)^((d_k − d_0)/365), d_0 = the earliest date.
double xnpv(double rate, std::span<const DatedCashFlow> flows);

}  // namespace finlab::loan
