#include <catch2/catch.hpp>

#include <cmath>

#include "core/random/stream.hpp"

using namespace finlab::random;

TEST_CASE("Philox4x32-10 matches Random123's known-answer vectors", "[random][golden]") {
  // Random123 kat_vectors: philox4x32 10 rounds.
  struct Kat { std::uint32_t ctr[4], key[2], out[4]; };
  const Kat kats[] = {
      {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}},
      {{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu},
       {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}},
      {{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u},
       {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}},
  };
  for (const auto& k : kats) {
    std::uint32_t out[4];
    philox4x32_10(k.ctr, k.key, out);
    for (int i = 0; i < 4; ++i) CHECK(out[i] == k.out[i]);
  }
}

TEST_CASE("A stream is a pure function of its key: golden values", "[random][golden]") {
  Stream s(42, 7, 3, Purpose::generic);
  CHECK(s.next_u64() == 0xfed0c1fcf5036a4aull);
  CHECK(s.next_u64() == 0x5e249bef11ab84e4ull);
  CHECK(s.next_u64() == 0x88cab476d8cc22b3ull);
  CHECK(s.next_u64() == 0x6cccd77ed1d4bdedull);
  Stream t(42, 7, 3, Purpose::generic);
  CHECK(t.normal() == 0x1.4d1f483631f24p+1);
}

TEST_CASE("Streams with different keys are independent and do not depend on order", "[random]") {
  Stream a(1, 100, 0, Purpose::consent), b(1, 101, 0, Purpose::consent), c(1, 100, 1, Purpose::consent),
      d(2, 100, 0, Purpose::consent), e(1, 100, 0, Purpose::application);
  const auto va = a.next_u64();
  CHECK(va != b.next_u64());
  CHECK(va != c.next_u64());
  CHECK(va != d.next_u64());
  CHECK(va != e.next_u64());
  // Recreating the same key later gives the same numbers (no hidden state).
  Stream a2(1, 100, 0, Purpose::consent);
  CHECK(a2.next_u64() == va);
}

TEST_CASE("Distributions have the right moments", "[random][distribution]") {
  Stream s(7, 0, 0, Purpose::generic);
  const int n = 200000;
  double sum = 0, sum2 = 0, usum = 0;
  int hits = 0, ppm_hits = 0;
  for (int i = 0; i < n; ++i) {
    const double z = s.normal();
    sum += z;
    sum2 += z * z;
    usum += s.uniform01();
    hits += s.bernoulli(0.3);
    ppm_hits += s.bernoulli_ppm(250000);
  }
  CHECK(std::fabs(sum / n) < 0.01);
  CHECK(std::fabs(sum2 / n - 1.0) < 0.02);
  CHECK(std::fabs(usum / n - 0.5) < 0.005);
  CHECK(std::fabs(hits / double(n) - 0.3) < 0.005);
  CHECK(std::fabs(ppm_hits / double(n) - 0.25) < 0.005);
  for (int i = 0; i < 1000; ++i) CHECK(s.below(7) < 7);
  double tsum2 = 0;
  for (int i = 0; i < 50000; ++i) {
    const double t = s.student_t_unit(5);
    tsum2 += t * t;
  }
  CHECK(std::fabs(tsum2 / 50000 - 1.0) < 0.1);
}
