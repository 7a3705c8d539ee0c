// Synthetic population for behaviour credit scoring, in structure-of-arrays
// form. Each user is generated on its own from counter-based streams keyed by
// (seed, user id, 0, purpose), so any range or shard of user ids gives the same
// users natively, in wasm and for any thread count. Features are correlated
// through a few latent traits; the ground-truth default probability is known;
// features of a category the user did not consent to are missing (NaN), and a
// few consented values are missing for ordinary reasons (no bills, new phone).
// The generator does no I/O; writing CSV is the caller's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/credit/consent.hpp"
#include "core/credit/feature_schema.hpp"

namespace finlab::credit {

struct PopulationParams {
  // Target portfolio bad rate (12-month default); the intercept of the true
  // PD model is set so the mean PD is close to this.
  double target_bad_rate = 0.06;
  // Probability that a user grants each behaviour category (before the
  // trait-driven shift: disciplined users share payment data more often).
  double consent_device = 0.90;
  double consent_location = 0.55;
  double consent_app_usage = 0.65;
  double consent_consumption = 0.70;
  // How strongly consent depends on the latent traits (0 = independent).
  double consent_trait_shift = 0.5;
  // Share of consented values missing for ordinary reasons.
  double ordinary_missing = 0.03;
  // Scale of the latent risk not visible in any feature (idiosyncratic).
  double hidden_risk_sd = 0.6;
  // Multiplies every latent-risk effect (0.0 = a population with no signal).
  double signal_strength = 1.0;
};

// Latent traits of a user (standard normal, mutually correlated); exposed for tests and the sandbox.
struct LatentTraits {
  double discipline = 0;  // pays on time, stable spending
  double stability = 0;   // stable home/work location, long tenure
  double affluence = 0;   // income, device tier
};

// Structure of arrays: values[f][i] is feature f (builtin_schema() order) of
// user i; NaN = missing (not consented, or not available). Ordinal features
// hold their level code (0..k-1) as a float.
struct Population {
  std::uint64_t seed = 0;
  std::uint64_t first_user = 0;
  std::vector<std::uint64_t> user_id;
  std::vector<std::uint8_t> consent;   // ConsentMask::bits()
  std::vector<double> pd;              // ground-truth 12-month default probability
  std::vector<std::uint8_t> bad;       // 1 = defaulted within 12 months (drawn from pd)
  std::vector<std::vector<float>> values;

  std::size_t size() const { return user_id.size(); }
  std::size_t feature_count() const { return values.size(); }
  ConsentMask consent_of(std::size_t i) const { return ConsentMask::from_bits(consent[i]); }
  // Feature values of user i as doubles in schema order (NaN = missing).
  std::vector<double> row(std::size_t i) const;
};

// Users first_user .. first_user+count-1 of the population for `seed`.
Population generate_population(const PopulationParams& params, std::uint64_t seed,
                               std::uint64_t first_user, std::size_t count);

// Appends the same users to an existing population (reuses its vectors); for
// generating a very large population in chunks.
void generate_population_into(Population& out, const PopulationParams& params, std::uint64_t seed,
                              std::uint64_t first_user, std::size_t count);

// One user: the traits, the ground-truth PD, consent and feature values
// (schema order) — identical to that user's entry in generate_population().
struct SyntheticUser {
  std::uint64_t user_id = 0;
  LatentTraits traits;
  ConsentMask consent;
  double pd = 0;
  bool bad = false;
  std::vector<double> values;
};
SyntheticUser generate_user(const PopulationParams& params, std::uint64_t seed, std::uint64_t user_id);

// The generator with its set-up done once (intercept calibration, tables:
// ~0.5 ms); use it when generating users one by one. The free functions
// above construct one per call.
class PopulationGenerator {
public:
  explicit PopulationGenerator(const PopulationParams& params = {});
  ~PopulationGenerator();
  PopulationGenerator(PopulationGenerator&&) noexcept;
  PopulationGenerator& operator=(PopulationGenerator&&) noexcept;

  const PopulationParams& params() const;
  // The intercept c0 of the true PD model: logit(PD) = c0 − risk(traits) + hidden.
  double pd_intercept() const;
  SyntheticUser user(std::uint64_t seed, std::uint64_t user_id) const;
  void user_into(std::uint64_t seed, std::uint64_t user_id, SyntheticUser& out) const;  // reuses out's vectors
  void generate_into(Population& out, std::uint64_t seed, std::uint64_t first_user, std::size_t count) const;
  Population generate(std::uint64_t seed, std::uint64_t first_user, std::size_t count) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finlab::credit
