#include "core/loan/apr.hpp"

#include <cmath>
#include <cstdio>

#include "core/loan/all_in_cost.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::loan {

double apr_nominal(double periodic, double periods_per_year) { return periodic * periods_per_year; }

double apr_effective(double periodic, double periods_per_year) {
  FINLAB_REQUIRE(periodic > -1.0, "apr_effective: rate must be above -100%, got " << periodic);
  FINLAB_REQUIRE(periods_per_year > 0, "apr_effective: periods per year must be positive, got " << periods_per_year);
  const double whole = std::floor(periods_per_year);
  if (whole == periods_per_year && whole < 1e9) return compound_minus_one(periodic, static_cast<std::int64_t>(whole));
  return math::expm1(periods_per_year * math::log1p(periodic));
}

AnnualizedRate annualize(double periodic, double periods_per_year) {
  return AnnualizedRate{periodic, periods_per_year, apr_nominal(periodic, periods_per_year), apr_effective(periodic, periods_per_year)};
}

Result<TrueRate> true_rate(std::span<const money::Money> flows, double periods_per_year) {
  auto r = irr(flows);
  if (!r) return fail(r.error());
  return TrueRate{annualize(r->rate, periods_per_year), std::move(r).value()};
}

Result<TrueRate> schedule_true_rate(const Schedule& s) {
  // Daily-accrual products (actual-day interest, a term in days): 365 x the
  // daily IRR on the actual dates (PBOC 2021 No. 3; all_in_cost.hpp).
  const ProductFlows product = product_flows(s);
  if (product.rule == DayCountRule::daily_accrual) {
    auto c = all_in_cost(product);
    if (!c) return fail(c.error());
    return TrueRate{AnnualizedRate{c->periodic_irr, c->periods_per_year, c->apr, c->ear}, std::move(c->irr)};
  }
  return true_rate(s.cash_flows(), 12);
}

std::string_view to_string(CapZone zone) {
  switch (zone) {
    case CapZone::within: return "within";
    case CapZone::above_soft_cap: return "above-soft-cap";
    case CapZone::above_hard_cap: return "above-hard-cap";
  }
  return "within";
}

CapCheck check_rate_cap(const AnnualizedRate& rate, const RateCapPolicy& policy) {
  CapCheck c;
  c.checked_rate = policy.use_effective ? rate.effective : rate.nominal;
  const double soft = static_cast<double>(policy.soft_cap.units()) / static_cast<double>(money::Rate::one_units);
  const double hard = static_cast<double>(policy.hard_cap.units()) / static_cast<double>(money::Rate::one_units);
  const std::string what = std::string("true ") + (policy.use_effective ? "effective annual rate " : "APR (IRR x periods, simple) ") +
                           format_percent(c.checked_rate, 2) + "%";
  const std::string soft_s = policy.soft_cap.to_percent_string() + "%", hard_s = policy.hard_cap.to_percent_string() + "%";
  if (c.checked_rate > hard) {
    c.zone = CapZone::above_hard_cap;
    c.message = what + " is above the " + hard_s + " hard line: interest above it is void";
  } else if (c.checked_rate > soft) {
    c.zone = CapZone::above_soft_cap;
    c.message = what + " is above the " + soft_s + " cap (at most " + hard_s + "): flagged";
  } else {
    c.zone = CapZone::within;
    c.message = what + " is within the " + soft_s + " cap";
  }
  return c;
}

std::string format_decimal(double value, int decimals) {
  FINLAB_REQUIRE(decimals >= 0 && decimals <= 17, "format_decimal: decimals " << decimals);
  FINLAB_REQUIRE(std::isfinite(value), "format_decimal: not a finite number");
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string format_percent(double ratio, int decimals) { return format_decimal(ratio * 100.0, decimals); }

}  // namespace finlab::loan
