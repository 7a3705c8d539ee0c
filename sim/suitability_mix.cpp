#include "sim/suitability_mix.hpp"

#include "core/random/stream.hpp"

namespace finlab::sim {

int draw_risk_class(std::uint64_t seed, std::uint64_t user_id, const SuitabilityPolicy& p, bool& lowest) {
  random::Stream rs(seed, user_id, 0, kPurposeSuitability);
  const std::uint64_t u = rs.below(1'000'000);
  std::uint64_t acc = 0;
  int cls = 5;
  for (int c = 0; c < 5; ++c) {
    acc += p.class_ppm[static_cast<std::size_t>(c)];
    if (u < acc) {
      cls = c + 1;
      break;
    }
  }
  lowest = cls == 1 && rs.bernoulli_ppm(p.lowest_ppm_of_c1);
  return cls;
}

SuitabilityCounts count_suitability(std::uint64_t seed, std::uint64_t first_user, std::uint64_t n, const SuitabilityPolicy& p) {
  SuitabilityCounts out;
  for (std::uint64_t i = 0; i < n; ++i) {
    bool lowest = false;
    const int c = draw_risk_class(seed, first_user + i, p, lowest);
    ++out.users[static_cast<std::size_t>(c - 1)];
    if (lowest) {
      ++out.lowest;
      continue;  // never offered above R1 (Art. 22)
    }
    if (!p.offer[static_cast<std::size_t>(c - 1)]) continue;
    ++out.eligible;
    if (c < 3) ++out.eligible_with_warning;
  }
  return out;
}

}  // namespace finlab::sim
