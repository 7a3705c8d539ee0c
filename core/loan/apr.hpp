// The true annualised rate of a loan (DOMAIN.md §2.3, PBOC 〔2021〕 No. 3): the
// IRR of all cash flows the borrower actually sees (fees included, the
// principal actually received), annualised two ways:
//   nominal APR  = i × periods per year      (年化利率(单利), must be labelled "simple")
//   effective    = (1 + i)^periods − 1       (复利, IRR method)
// and the legal-cap check on it (DOMAIN.md §2.6). Also deterministic decimal
// formatting of these doubles for tables and JSON.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/loan/irr.hpp"
#include "core/loan/schedule.hpp"
#include "core/money/rate.hpp"

namespace finlab::loan {

struct AnnualizedRate {
  double irr_per_period = 0;     // periodic IRR
  double periods_per_year = 12;  // 12 for monthly flows, 365 for daily ...
  double nominal = 0;            // irr × periods per year (APR, simple)
  double effective = 0;          // (1 + irr)^periods_per_year − 1 (EAR, compound)
};

// Annualise a periodic rate. Integer periods per year use an exact product
// ((1+i)^m − 1 without cancellation); fractional ones (a bullet loan of 90
// days: 365/90) use the deterministic math::pow.
double apr_nominal(double periodic, double periods_per_year);
double apr_effective(double periodic, double periods_per_year);
AnnualizedRate annualize(double periodic, double periods_per_year);

struct TrueRate {
  AnnualizedRate rate;
  IrrResult irr;  // the roots and why this one (for the explanation)
};
// IRR of `flows` (one per period) annualised with `periods_per_year`.
Result<TrueRate> true_rate(std::span<const money::Money> flows, double periods_per_year = 12);
// The true rate of a schedule's own cash flows (fees and the upfront deduction
// included): 12 x the monthly IRR, or for daily-accrual products (interest on
// actual days, a term in days) 365 x the daily IRR on the actual dates (PBOC
// 2021 No. 3; the same rule as all_in_cost.hpp).
Result<TrueRate> schedule_true_rate(const Schedule& schedule);

// Legal caps (DOMAIN.md §2.6): the SPC "two lines, three zones" of 2015 (≤ 24%
// enforced, 24–36% natural debt, > 36% void) and today's 24% hard line for
// consumer lending. finlab defaults: flag above 24%, hard line 36%, compared
// with the IRR-based nominal APR (set use_effective for the compound rate).
struct RateCapPolicy {
  money::Rate soft_cap = money::Rate::percent("24");
  money::Rate hard_cap = money::Rate::percent("36");
  bool use_effective = false;
};

enum class CapZone {
  within,          // ≤ soft cap
  above_soft_cap,  // soft cap < rate ≤ hard cap: flagged (courts do not enforce the excess)
  above_hard_cap,  // > hard cap: the excess is void / not allowed
};
std::string_view to_string(CapZone zone);  // "within", "above-24%-line" style text is in CapCheck::message

struct CapCheck {
  CapZone zone = CapZone::within;
  double checked_rate = 0;  // the annual rate compared
  std::string message;      // "true APR 23.91% is within the 24% cap" ...
  bool flagged() const { return zone != CapZone::within; }
};
CapCheck check_rate_cap(const AnnualizedRate& rate, const RateCapPolicy& policy = {});

// Deterministic decimal text of a double: correctly rounded (round-half-even on
// the exact binary value, as printf does in glibc and musl alike), "-0.00" → "0.00".
std::string format_decimal(double value, int decimals);
// A ratio as a percent: 0.1956 → "19.56" (2 decimals).
std::string format_percent(double ratio, int decimals);

}  // namespace finlab::loan
