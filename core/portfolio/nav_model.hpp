// A seeded model of an index fund's daily NAV: GARCH(1,1) volatility
// clustering with Student-t shocks (fat tails), on trading days only.
//   r_t      = mu + eps_t,  eps_t = sigma_t z_t,  z_t ~ Student-t(dof) scaled to variance 1
//   sigma²_t = omega + alpha eps²_(t-1) + beta sigma²_(t-1)
//   level_t  = level_(t-1) (1 + clamp(r_t, ±daily_limit))      (simple daily returns)
//   NAV_t    = level_t rounded half-up to 4 decimals (the published NAV)
// omega is set from the target annual volatility: the unconditional daily
// variance is vol² / trading_days_per_year and omega = that × (1 − alpha − beta).
// mu is the daily mean giving the target expected annual return:
// (1 + mu)^trading_days_per_year = 1 + annual_return. The clamp stands for the
// constituents' ±10% price limits (涨跌停板), which bound a broad index's daily
// move. Defaults and their sources (CSI 300 estimates): docs/portfolio.md §4.
// Floating point here uses + − × / and sqrt only (and core/math for pow), so a
// seed gives the same path natively and in wasm.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/money/rate.hpp"
#include "core/portfolio/nav.hpp"
#include "core/portfolio/student_t.hpp"
#include "core/random/stream.hpp"
#include "core/text/messages.hpp"

namespace finlab::portfolio {

struct GarchNavParams {
  Nav start = Nav::of("1.0000");
  money::Rate annual_return = money::Rate::percent("8");       // expected NAV growth, after fund fees
  money::Rate annual_volatility = money::Rate::percent("24");  // long-run (unconditional) volatility
  money::Rate alpha = money::Rate::ratio("0.05");              // reaction to yesterday's shock
  money::Rate beta = money::Rate::ratio("0.94");               // persistence of variance
  int dof = 5;                                                 // Student-t degrees of freedom (>= 3)
  money::Rate daily_limit = money::Rate::percent("10");        // |daily return| cap
  int trading_days_per_year = 244;

  std::string validate() const;  // empty when usable, else what is wrong
  std::optional<text::Message> validate_message() const;  // the same, to be said in any language
};

// The parameters in the model's own units (doubles), derived once.
struct GarchNavCoefficients {
  double mu = 0, omega = 0, alpha = 0, beta = 0, limit = 0, long_run_variance = 0;
  static GarchNavCoefficients from(const GarchNavParams& p);
};

class GarchNavModel {
public:
  explicit GarchNavModel(const GarchNavParams& p);
  const GarchNavParams& params() const { return params_; }
  const GarchNavCoefficients& coefficients() const { return k_; }

  // Writes NAV units (10^-4) for trading days 0..out.size()-1: day 0 is the
  // start NAV, each later day one model step. The stream is
  // Stream(seed, path, stream_period, Purpose::nav_path); each step uses one
  // 32-bit word of it (StudentTSampler::from_bits32).
  void generate(std::uint64_t seed, std::uint64_t path, std::uint32_t stream_period, std::span<std::int64_t> out) const {
    generate(seed, path, stream_period, out, {}, money::Rate{}, {});
  }
  // The same with dividends: on each ex-day index (ascending) the fund pays
  // `dividend_yield` of that day's cum-dividend NAV per share (truncated to
  // 0.0001 yuan), written to dividend_out (units of 0.0001 yuan, 0 on other
  // days), and the published NAV is the ex-dividend NAV. The random draws are
  // the same as without dividends.
  void generate(std::uint64_t seed, std::uint64_t path, std::uint32_t stream_period, std::span<std::int64_t> out,
                std::span<const std::uint32_t> ex_days, money::Rate dividend_yield, std::span<std::int64_t> dividend_out) const;

  // Paths first_path .. first_path + outs.size() − 1 at once (each exactly as
  // generate() would give it), interleaved four at a time so that the
  // independent recursions overlap in the CPU: the Monte Carlo hot path.
  // outs[k] / dividend_outs[k] point to `days` values each (dividend_outs may
  // be empty when ex_days is empty).
  void generate_batch(std::uint64_t seed, std::uint64_t first_path, std::uint32_t stream_period, std::span<std::int64_t* const> outs,
                      std::size_t days, std::span<const std::uint32_t> ex_days, money::Rate dividend_yield,
                      std::span<std::int64_t* const> dividend_outs) const;

private:
  template <std::size_t L>
  void generate_lanes(std::uint64_t seed, std::uint64_t first_path, std::uint32_t stream_period, std::int64_t* const* outs,
                      std::size_t days, std::span<const std::uint32_t> ex_days, money::Rate dividend_yield,
                      std::int64_t* const* dividend_outs) const;

  GarchNavParams params_;
  GarchNavCoefficients k_;
  StudentTSampler sampler_;
};

// The words of random::Stream(seed, path, period, Purpose::nav_path), a whole
// Philox block (4 words, in next_u32() order) at a time: the same key and
// counter layout as core/random/stream.cpp (checked against it in
// tests/core/portfolio/nav_model_test.cpp), without a call per word.
class PathBits {
public:
  PathBits() = default;
  PathBits(std::uint64_t seed, std::uint64_t path, std::uint32_t period) {
    const std::uint64_t k = mix64(seed ^ mix64(static_cast<std::uint32_t>(random::Purpose::nav_path)));
    key_[0] = static_cast<std::uint32_t>(k);
    key_[1] = static_cast<std::uint32_t>(k >> 32);
    ctr_[0] = 0;
    ctr_[1] = period;
    ctr_[2] = static_cast<std::uint32_t>(path);
    ctr_[3] = static_cast<std::uint32_t>(path >> 32);
  }
  void block(std::uint32_t out[4]) {
    random::philox4x32_10(ctr_, key_, out);
    ++ctr_[0];
  }

private:
  static std::uint64_t mix64(std::uint64_t z) {  // SplitMix64 finaliser, as in stream.cpp
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint32_t key_[2] = {0, 0};
  std::uint32_t ctr_[4] = {0, 0, 0, 0};
};

// Rate -> double (units / 10^10): exact for the rates of a plan, deterministic.
inline double to_double(money::Rate r) { return static_cast<double>(r.units()) / static_cast<double>(money::Rate::one_units); }

}  // namespace finlab::portfolio
