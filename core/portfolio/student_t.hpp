// Student-t variates for the NAV model's fat-tailed daily shocks, fast and
// identical natively and in wasm. random::Stream::student_t_unit needs dof+1
// normals per draw (too slow for 24 million draws a second); this sampler
// inverts the distribution function instead, through a table built once per
// degrees of freedom with + − × / and sqrt only (so it has the same bits
// everywhere) and read with one 64-bit draw, a leading-zero count and one
// linear interpolation per variate.
//
// Table layout: a draw gives a sign bit and a tail probability s = P(|T| > q)
// in (0, 1). s is split into octaves [2^-(e+1), 2^-e), e = 0..39, each cut
// into 512 equal cells; the table holds the exact quantile at every cell edge
// and the variate is interpolated linearly in s inside its cell. The octave
// grid keeps the relative resolution the same far out in the tails (down to
// s = 2^-40 ≈ 9e-13; the rarer draws, one in 10^12, are clamped there).
// Accuracy against the exact quantile: tests/core/portfolio/student_t_test.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "core/random/stream.hpp"

namespace finlab::portfolio {

// P(|T| > t) for Student's t with integer dof >= 1 (Abramowitz & Stegun
// 26.7.3/26.7.4, written with a deterministic atan); t >= 0.
double student_t_two_sided_tail(double t, int dof);

// atan with + − × / and sqrt only (argument halving + Taylor series), for
// platform-independent results; |error| < 2 ulp-ish of pi/2.
double deterministic_atan(double x) noexcept;

class StudentTSampler {
public:
  static constexpr int kOctaves = 40;
  static constexpr int kCells = 512;

  // dof >= 3 (unit variance needs dof > 2).
  explicit StudentTSampler(int dof);

  int dof() const { return dof_; }
  // A Student-t variate scaled to variance 1, from one next_u64() of `s`.
  double draw(random::Stream& s) const { return from_bits(s.next_u64()); }
  // The same from 32 random bits (the NAV model's draws): exactly
  // from_bits(bits << 32), so the tail resolution is 2^-31 of probability —
  // plenty under the model's ±10% daily cap.
  double from_bits32(std::uint32_t bits) const { return from_bits(static_cast<std::uint64_t>(bits) << 32); }
  // The same from given 64 random bits (top bit: sign; the rest: tail probability).
  double from_bits(std::uint64_t bits) const {
    const bool negative = (bits >> 63) != 0;
    const std::uint64_t r = bits & 0x7FFFFFFFFFFFFFFFull;  // s = r / 2^63
    const int e = r == 0 ? 63 : __builtin_clzll(r) - 1;    // r in [2^(62-e), 2^(63-e)): s in [2^-(e+1), 2^-e)
    double q;
    if (e >= kOctaves) {
      q = table_[static_cast<std::size_t>(kOctaves - 1) * (kCells + 1)];  // clamp at s = 2^-40 (p ~ 1e-12)
    } else {
      const int frac_bits = 62 - e - 9;                       // bits below the leading one and the 9 cell bits (>= 13)
      const std::uint64_t m = r - (1ull << (62 - e));         // position inside the octave
      const std::uint64_t j = m >> frac_bits;                 // cell 0..511
      // w = (m mod 2^frac_bits) / 2^frac_bits: an exact power-of-two scale, no division.
      const double scale = __builtin_bit_cast(double, static_cast<std::uint64_t>(1023 - frac_bits) << 52);
      const double w = static_cast<double>(m & ((1ull << frac_bits) - 1)) * scale;
      const double* row = &table_[static_cast<std::size_t>(e) * (kCells + 1) + j];
      q = row[0] + w * (row[1] - row[0]);
    }
    return negative ? -q : q;
  }

  // Exact (to ~1e-13 relative) unit-variance quantile for tail probability
  // s = P(|T| > q), by Newton steps on the distribution function.
  double exact_abs_quantile(double s) const;

private:
  int dof_;
  double unit_scale_;          // sqrt((dof-2)/dof): t -> unit variance
  std::vector<double> table_;  // kOctaves × (kCells + 1), unit-variance quantiles
};

}  // namespace finlab::portfolio
