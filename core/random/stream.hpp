// Counter-based random streams (Philox4x32-10 from Random123, Salmon et al.
// 2011). A stream is keyed by (seed, entity, period, purpose): the numbers a
// user gets in a month for a purpose do not depend on how many other users,
// threads or shards there are, nor on the order they run in. That is what
// makes runs identical for any thread count, natively and in wasm.
// Doubles are built from integer bits only (no libm), so they are the same
// everywhere; normal() uses the deterministic quantile of core/math.
#pragma once

#include <cstdint>

namespace finlab::random {

// Purposes: a stable number per use, so adding a new purpose never shifts others.
enum class Purpose : std::uint32_t {
  generic = 0,
  population_traits = 1,
  population_features = 2,
  consent = 3,
  application = 4,
  repayment = 5,
  default_event = 6,
  recovery = 7,
  fund_flow = 8,
  fund_yield = 9,
  nav_path = 10,
  train_split = 11,
  user_defined = 1000,
};

// The Philox4x32-10 block function: out = Philox(counter in, key).
void philox4x32_10(const std::uint32_t in[4], const std::uint32_t key[2], std::uint32_t out[4]);

class Stream {
public:
  Stream(std::uint64_t seed, std::uint64_t entity, std::uint32_t period, Purpose purpose);
  Stream(std::uint64_t seed, std::uint64_t entity, std::uint32_t period, std::uint32_t purpose);

  std::uint32_t next_u32();
  std::uint64_t next_u64();
  // Uniform in [0, 1) with 53 random bits.
  double uniform01();
  // Uniform integer in [0, n) without modulo bias (n > 0).
  std::uint64_t below(std::uint64_t n);
  // True with probability ppm / 1,000,000 (integer test, no floating point).
  bool bernoulli_ppm(std::uint32_t ppm);
  // True with probability p (compares 53-bit integers; exact for any double p).
  bool bernoulli(double p);
  // Standard normal by inversion (one uniform per draw).
  double normal();
  // Student-t with `dof` degrees of freedom scaled to unit variance (dof > 2).
  double student_t_unit(int dof);

private:
  void refill();
  std::uint32_t key_[2];
  std::uint32_t ctr_[4];
  std::uint32_t buf_[4];
  int pos_ = 4;
};

}  // namespace finlab::random
