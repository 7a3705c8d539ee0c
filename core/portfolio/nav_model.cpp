#include "core/portfolio/nav_model.hpp"

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include "core/math/deterministic.hpp"

namespace finlab::portfolio {

using money::Rate;

std::optional<text::Message> GarchNavParams::validate_message() const {
  using text::Arg;
  using text::Id;
  if (!start.is_positive()) return text::make(Id::pf_nav_start, {Arg::verbatim(start.to_string())});
  if (annual_return <= Rate::percent("-100") || annual_return > Rate::percent("100"))
    return text::make(Id::pf_nav_return, {Arg::verbatim(annual_return.to_percent_string())});
  if (annual_volatility.units() < 0 || annual_volatility > Rate::percent("200"))
    return text::make(Id::pf_nav_volatility, {Arg::verbatim(annual_volatility.to_percent_string())});
  if (alpha.units() < 0 || beta.units() < 0) return text::make(Id::pf_nav_alpha_beta, {Arg::verbatim("alpha"), Arg::verbatim("beta")});
  if (alpha + beta >= Rate::ratio("1")) {
    std::ostringstream os;
    os << to_double(alpha + beta);
    return text::make(Id::pf_nav_stationary, {Arg::verbatim("alpha"), Arg::verbatim("beta"), Arg::verbatim(os.str())});
  }
  if (dof < 3 || dof > 1000) return text::make(Id::pf_nav_dof, {Arg::verbatim("dof"), Arg::number(dof)});
  if (!daily_limit.units() || daily_limit.units() < 0 || daily_limit >= Rate::ratio("1"))
    return text::make(Id::pf_nav_daily_limit, {Arg::verbatim(daily_limit.to_percent_string())});
  if (trading_days_per_year < 200 || trading_days_per_year > 300) return text::make(Id::pf_nav_trading_days, {Arg::number(trading_days_per_year)});
  return std::nullopt;
}

std::string GarchNavParams::validate() const {
  const auto m = validate_message();
  return m ? text::render(*m, text::Lang::en) : std::string();
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
  std::int64_t* o = out.data();
  std::int64_t* d = dividend_out.empty() ? nullptr : dividend_out.data();
  generate_lanes<1>(seed, path, stream_period, &o, out.size(), ex_days, dividend_yield, &d);
}

void GarchNavModel::generate_batch(std::uint64_t seed, std::uint64_t first_path, std::uint32_t stream_period,
                                   std::span<std::int64_t* const> outs, std::size_t days, std::span<const std::uint32_t> ex_days,
                                   money::Rate dividend_yield, std::span<std::int64_t* const> dividend_outs) const {
  FINLAB_REQUIRE(ex_days.empty() || dividend_outs.size() == outs.size(), "GarchNavModel::generate_batch: dividend outputs must match");
  std::vector<std::int64_t*> none(outs.size(), nullptr);
  std::int64_t* const* divs = dividend_outs.empty() ? none.data() : dividend_outs.data();
  std::size_t k = 0;
  for (; k + 4 <= outs.size(); k += 4) generate_lanes<4>(seed, first_path + k, stream_period, outs.data() + k, days, ex_days, dividend_yield, divs + k);
  for (; k < outs.size(); ++k) generate_lanes<1>(seed, first_path + k, stream_period, outs.data() + k, days, ex_days, dividend_yield, divs + k);
}

template <std::size_t L>
void GarchNavModel::generate_lanes(std::uint64_t seed, std::uint64_t first_path, std::uint32_t stream_period, std::int64_t* const* outs,
                                   std::size_t days, std::span<const std::uint32_t> ex_days, money::Rate dividend_yield,
                                   std::int64_t* const* dividend_outs) const {
  if (days == 0) return;
  // Random bits come a Philox block (4 words) at a time, kBlock steps ahead,
  // so the GARCH recursion below runs without calls and the lanes overlap.
  constexpr std::size_t kBlock = 64;  // a multiple of 4: only a path's last block is partial
  PathBits rng[L];
  double level[L], variance[L];
  for (std::size_t l = 0; l < L; ++l) {
    rng[l] = PathBits(seed, first_path + l, stream_period);
    level[l] = static_cast<double>(params_.start.units());  // in 10^-4 units
    variance[l] = k_.long_run_variance;
    outs[l][0] = params_.start.units();
    if (dividend_outs[l]) std::fill(dividend_outs[l], dividend_outs[l] + days, 0);
  }
  std::uint32_t bits[L][kBlock];
  std::size_t next_ex = 0;
  for (std::size_t i0 = 1; i0 < days; i0 += kBlock) {
    const std::size_t n = std::min(kBlock, days - i0);
    for (std::size_t l = 0; l < L; ++l) {
      for (std::size_t k = 0; k < n; k += 4) rng[l].block(&bits[l][k]);
    }
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = i0 + k;
      const bool ex_day = next_ex < ex_days.size() && ex_days[next_ex] == i;
      for (std::size_t l = 0; l < L; ++l) {
        const double z = sampler_.from_bits32(bits[l][k]);
        double r = k_.mu + __builtin_sqrt(variance[l]) * z;  // IEEE sqrt: correctly rounded everywhere, inlined
        if (r > k_.limit) r = k_.limit;
        if (r < -k_.limit) r = -k_.limit;
        level[l] *= 1.0 + r;
        const double eps = r - k_.mu;
        variance[l] = k_.omega + k_.alpha * eps * eps + k_.beta * variance[l];
        // Half-up to a whole 10^-4 unit; a NAV never falls below 0.0001.
        std::int64_t units = static_cast<std::int64_t>(level[l] + 0.5);
        if (units < 1) units = 1;
        if (ex_day) {
          // Dividend per share = cum NAV × yield, truncated to 0.0001; NAV drops by it.
          const std::int64_t div = money::narrow_checked(
              money::div_round(money::int128(units) * dividend_yield.units(), money::Rate::one_units, money::Rounding::truncate), "dividend");
          if (div > 0 && div < units) {
            dividend_outs[l][i] = div;
            units -= div;
            level[l] -= static_cast<double>(div);
          }
        }
        outs[l][i] = units;
      }
      if (ex_day) ++next_ex;
    }
  }
}

}  // namespace finlab::portfolio
