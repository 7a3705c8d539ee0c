// The lifecycle's random numbers: exactly the sequence of
// random::Stream(seed, entity, period, purpose) (core/random: Philox4x32-10,
// key = SplitMix64(seed ^ SplitMix64(purpose)), counter = [block, period,
// entity lo, entity hi]), but with the key computed once per run instead of
// once per (user, month) and the draw logic inline in the hot loop.
// tests/sim/lifecycle_rng_test.cpp checks it against random::Stream.
#pragma once

#include <cstdint>

#include "core/error.hpp"
#include "core/random/stream.hpp"

namespace finlab::sim {

struct StreamKey {
  std::uint32_t k[2];
  StreamKey(std::uint64_t seed, std::uint32_t purpose) {
    const std::uint64_t key = mix64(seed ^ mix64(purpose));
    k[0] = static_cast<std::uint32_t>(key);
    k[1] = static_cast<std::uint32_t>(key >> 32);
  }
  static std::uint64_t mix64(std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

class LifecycleRng {
public:
  LifecycleRng(const StreamKey& key, std::uint64_t entity, std::uint32_t period) : key_(key.k) {
    ctr_[0] = 0;
    ctr_[1] = period;
    ctr_[2] = static_cast<std::uint32_t>(entity);
    ctr_[3] = static_cast<std::uint32_t>(entity >> 32);
  }
  std::uint32_t next_u32() {
    if (pos_ == 4) refill();
    return buf_[pos_++];
  }
  std::uint64_t next_u64() {
    const std::uint64_t hi = next_u32();
    const std::uint64_t lo = next_u32();
    return (hi << 32) | lo;
  }
  // As random::Stream::bernoulli_ppm.
  bool bernoulli_ppm(std::uint32_t ppm) { return (next_u32() % 1'000'000u) < ppm; }
  // As random::Stream::below (64-bit, rejection: no modulo bias).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % n);
    std::uint64_t v;
    do { v = next_u64(); } while (v >= limit);
    return v % n;
  }

private:
  void refill() {
    random::philox4x32_10(ctr_, key_, buf_);
    ++ctr_[0];
    pos_ = 0;
  }
  const std::uint32_t* key_;
  std::uint32_t ctr_[4];
  std::uint32_t buf_[4];
  int pos_ = 4;
};

}  // namespace finlab::sim
