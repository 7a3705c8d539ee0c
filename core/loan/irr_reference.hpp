// High-precision reference for the IRR solver (Boost.Multiprecision, 50
// significant digits): Newton's method on the exact discount polynomial,
// started from a given rate. Slow (~1 ms); for tests and the benchmark's
// accuracy column, never for production paths.
#pragma once

#include <span>

#include "core/loan/irr.hpp"
#include "core/money/high_precision.hpp"

namespace finlab::loan {

// A root of Σ c_k / (1+i)^k near `start` (the periodic rate), to ~45 digits.
money::HighDecimal irr_reference(std::span<const money::Money> flows, double start);

// A root of Σ c_k (1+r)^(−(d_k − d_0)/365) near `start` (annual rate). Solved
// for the daily discount factor z = (1+r)^(−1/365) with integer powers only.
money::HighDecimal xirr_reference(std::span<const DatedCashFlow> flows, double start);

// |a − b| / |b| (or |a − b| when b == 0) as a double.
double relative_difference(double a, const money::HighDecimal& b);

}  // namespace finlab::loan
