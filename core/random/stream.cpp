#include "core/random/stream.hpp"

#include "core/error.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::random {

namespace {
// Philox4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy
// as 1, 2, 3", SC11), the same function as Random123's philox4x32 with 10
// rounds; Random123's header refuses to compile for wasm32, so the 20 lines are
// here, checked against its known-answer vectors in tests/core/random.
constexpr std::uint32_t kPhiloxM0 = 0xD2511F53u, kPhiloxM1 = 0xCD9E8D57u;
constexpr std::uint32_t kPhiloxW0 = 0x9E3779B9u, kPhiloxW1 = 0xBB67AE85u;
}  // namespace

void philox4x32_10(const std::uint32_t in[4], const std::uint32_t key[2], std::uint32_t out[4]) {
  std::uint32_t c0 = in[0], c1 = in[1], c2 = in[2], c3 = in[3];
  std::uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < 10; ++round) {
    const std::uint64_t p0 = std::uint64_t(kPhiloxM0) * c0;
    const std::uint64_t p1 = std::uint64_t(kPhiloxM1) * c2;
    const std::uint32_t hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
    const std::uint32_t hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

namespace {
// SplitMix64 finaliser: spreads (seed, purpose) over the 64-bit key.
std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
}  // namespace

Stream::Stream(std::uint64_t seed, std::uint64_t entity, std::uint32_t period, Purpose purpose)
    : Stream(seed, entity, period, static_cast<std::uint32_t>(purpose)) {}

Stream::Stream(std::uint64_t seed, std::uint64_t entity, std::uint32_t period, std::uint32_t purpose) {
  const std::uint64_t k = mix64(seed ^ mix64(purpose));
  key_[0] = static_cast<std::uint32_t>(k);
  key_[1] = static_cast<std::uint32_t>(k >> 32);
  ctr_[0] = 0;  // draw block index
  ctr_[1] = period;
  ctr_[2] = static_cast<std::uint32_t>(entity);
  ctr_[3] = static_cast<std::uint32_t>(entity >> 32);
}

void Stream::refill() {
  philox4x32_10(ctr_, key_, buf_);
  ++ctr_[0];
  FINLAB_REQUIRE(ctr_[0] != 0, "random::Stream exhausted (2^34 draws for one key)");
  pos_ = 0;
}

std::uint32_t Stream::next_u32() {
  if (pos_ == 4) refill();
  return buf_[pos_++];
}

std::uint64_t Stream::next_u64() {
  const std::uint64_t hi = next_u32();
  const std::uint64_t lo = next_u32();
  return (hi << 32) | lo;
}

double Stream::uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

std::uint64_t Stream::below(std::uint64_t n) {
  FINLAB_REQUIRE(n > 0, "random::Stream::below: n must be positive");
  const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % n);
  std::uint64_t v;
  do { v = next_u64(); } while (v >= limit);
  return v % n;
}

bool Stream::bernoulli_ppm(std::uint32_t ppm) { return (next_u32() % 1'000'000u) < ppm; }

bool Stream::bernoulli(double p) {
  if (p <= 0) { next_u64(); return false; }
  if (p >= 1) { next_u64(); return true; }
  // p * 2^53 is exact for a double in (0,1); compare integers.
  const std::uint64_t threshold = static_cast<std::uint64_t>(p * 0x1.0p53);
  return (next_u64() >> 11) < threshold;
}

double Stream::normal() {
  double u;
  do { u = uniform01(); } while (u == 0.0);
  return math::normal_quantile(u);
}

double Stream::student_t_unit(int dof) {
  FINLAB_REQUIRE(dof > 2, "student_t_unit: dof must exceed 2, got " << dof);
  // t = Z / sqrt(chi2/dof), chi2 as a sum of squared normals; scaled to variance 1.
  const double z = normal();
  double chi2 = 0.0;
  for (int i = 0; i < dof; ++i) {
    const double n = normal();
    chi2 += n * n;
  }
  const double t = z / math::sqrt(chi2 / dof);
  return t * math::sqrt((dof - 2.0) / dof);
}

}  // namespace finlab::random
