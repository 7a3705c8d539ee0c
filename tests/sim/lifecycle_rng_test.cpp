#include <catch2/catch.hpp>

#include "core/random/stream.hpp"
#include "sim/lifecycle_rng.hpp"

using namespace finlab;

TEST_CASE("The lifecycle generator draws exactly what random::Stream draws", "[sim][random]") {
  for (std::uint64_t seed : {0ull, 42ull, 0xFFFFFFFFFFFFFFFFull}) {
    const sim::StreamKey key(seed, 1003);
    for (std::uint64_t entity : {0ull, 7ull, (1ull << 40) + 3}) {
      for (std::uint32_t period : {0u, 35u}) {
        random::Stream a(seed, entity, period, 1003u);
        sim::LifecycleRng b(key, entity, period);
        for (int k = 0; k < 9; ++k) CHECK(a.next_u32() == b.next_u32());
        CHECK(a.bernoulli_ppm(500'000) == b.bernoulli_ppm(500'000));
        CHECK(a.below(31) == b.below(31));
        CHECK(a.next_u64() == b.next_u64());
      }
    }
  }
}
