#include "core/portfolio/nav_model.hpp"

#include <sstream>

#include "core/math/deterministic.hpp"

namespace finlab::portfolio {

using money::Rate;

std::string GarchNavParams::validate() const {
  std::ostringstream os;
  if (!start.is_positive()) return "start NAV " + start.to_string() + " must be positive";
  if (annual_return <= Rate::percent("-100") || annual_return > Rate::percent("100")) {
    return "annual return " + annual_return.to_percent_string() + "% is not in (-100%, 100%]";
  }
  if (annual_volatility.units() < 0 || annual_volatility > Rate::percent("200")) {
    return "annual volatility " + annual_volatility.to_percent_string() + "% is not in [0%, 200%]";
  }
  if (alpha.units() < 0 || beta.units() < 0) return "alpha and beta must not be negative";
  if (alpha + beta >= Rate::ratio("1")) {
    os << "alpha + beta = " << to_double(alpha + beta) << " must be below 1 (a stationary variance)";
    return os.str();
  }
  if (dof < 3 || dof > 1000) {
    os << "dof " << dof << " is not in [3, 1000] (unit variance needs more than 2 degrees of freedom)";
    return os.str();
  }
  if (!daily_limit.units() || daily_limit.units() < 0 || daily_limit >= Rate::ratio("1")) {
    return "daily limit " + daily_limit.to_percent_string() + "% is not in (0%, 100%)";
  }
  if (trading_days_per_year < 200 || trading_days_per_year > 300) {
    os << "trading days per year " << trading_days_per_year << " is not in [200, 300]";
    return os.str();
  }
  return {};
}

GarchNavCoefficients GarchNavCoefficients::from(const GarchNavParams& p) {
  GarchNavCoefficients k;
  const double n = p.trading_days_per_year;
  const double vol = to_double(p.annual_volatility);
  k.long_run_variance = vol * vol / n;
  k.alpha = to_double(p.alpha);
  k.beta = to_double(p.beta);
  k.omega = k.long_run_variance * (1.0 - k.alpha - k.beta);
  k.mu = math::pow(1.0 + to_double(p.annual_return), 1.0 / n) - 1.0;
  k.limit = to_double(p.daily_limit);
  return k;
}

GarchNavModel::GarchNavModel(const GarchNavParams& p)
    : params_(p), k_(GarchNavCoefficients::from(p)), sampler_(p.dof) {
  const std::string err = p.validate();
  FINLAB_REQUIRE(err.empty(), "GarchNavModel: " << err);
}

void GarchNavModel::generate(std::uint64_t seed, std::uint64_t path, std::uint32_t stream_period, std::span<std::int64_t> out,
                             std::span<const std::uint32_t> ex_days, money::Rate dividend_yield,
                             std::span<std::int64_t> dividend_out) const {
  if (out.empty()) return;
  FINLAB_REQUIRE(ex_days.empty() || dividend_out.size() == out.size(), "GarchNavModel::generate: dividend_out must match out");
  for (auto& d : dividend_out) d = 0;
  std::size_t next_ex = 0;
  random::Stream stream(seed, path, stream_period, random::Purpose::nav_path);
  const double start = static_cast<double>(params_.start.units());  // in 10^-4 units
  double level = start;
  double variance = k_.long_run_variance;
  out[0] = params_.start.units();
  for (std::size_t i = 1; i < out.size(); ++i) {
    const double z = sampler_.draw(stream);
    double r = k_.mu + __builtin_sqrt(variance) * z;  // IEEE sqrt: correctly rounded everywhere, inlined
    if (r > k_.limit) r = k_.limit;
    if (r < -k_.limit) r = -k_.limit;
    level *= 1.0 + r;
    const double eps = r - k_.mu;
    variance = k_.omega + k_.alpha * eps * eps + k_.beta * variance;
    // Half-up to a whole 10^-4 unit; a NAV never falls below 0.0001.
    std::int64_t units = static_cast<std::int64_t>(level + 0.5);
    if (units < 1) units = 1;
    if (next_ex < ex_days.size() && ex_days[next_ex] == i) {
      // Dividend per share = cum NAV × yield, truncated to 0.0001; NAV drops by it.
      const std::int64_t div = money::narrow_checked(
          money::div_round(money::int128(units) * dividend_yield.units(), money::Rate::one_units, money::Rounding::truncate), "dividend");
      if (div > 0 && div < units) {
        dividend_out[i] = div;
        units -= div;
        level -= static_cast<double>(div);
      }
      ++next_ex;
    }
    out[i] = units;
  }
}

}  // namespace finlab::portfolio
