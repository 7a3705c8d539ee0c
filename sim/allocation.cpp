// Allocation of a month's approved loans to partners (docs/sim.md): each
// score key goes whole to the first partner, in policy order, that accepts its
// score and still has room; and the compact range form in which MPI ranks and
// stored runs exchange an allocation.
#include <array>
#include <limits>

#include "sim/engine.hpp"

namespace finlab::sim {

MonthAllocation Engine::allocate(std::span<const std::int64_t> demand) const {
  FINLAB_REQUIRE(demand.size() == static_cast<std::size_t>(kScoreKeys), "demand histogram of the wrong size");
  MonthAllocation al;
  al.partner_of_key.assign(kScoreKeys, -1);
  const std::size_t np = policy_.partners.size();
  std::array<std::int64_t, kMaxPartners> remaining{};
  for (std::size_t p = 0; p < np; ++p) {
    remaining[p] = policy_.partners[p].capacity ? policy_.partners[p].capacity->units() : std::numeric_limits<std::int64_t>::max();
  }
  // Best keys first; each key goes whole to the first partner in policy order
  // that accepts its score and still has room for all of it.
  for (int key = kScoreKeys - 1; key >= 0; --key) {
    const int score = key >> 4;
    const std::int64_t d = demand[key];
    for (std::size_t p = 0; p < np; ++p) {
      if (score >= policy_.partners[p].min_score && remaining[p] >= d) {
        al.partner_of_key[key] = static_cast<std::int8_t>(p);
        remaining[p] -= d;
        break;
      }
    }
  }
  return al;
}

std::vector<AllocationRange> MonthAllocation::ranges() const {
  std::vector<AllocationRange> out;
  for (int k = 0; k < static_cast<int>(partner_of_key.size()); ++k) {
    if (!out.empty() && out.back().partner == partner_of_key[k]) {
      out.back().key_to = k;
    } else {
      out.push_back(AllocationRange{k, k, partner_of_key[k]});
    }
  }
  return out;
}

MonthAllocation MonthAllocation::from_ranges(std::span<const AllocationRange> ranges) {
  MonthAllocation al;
  al.partner_of_key.assign(kScoreKeys, -1);
  for (const auto& r : ranges) {
    FINLAB_REQUIRE(r.key_from >= 0 && r.key_to < kScoreKeys && r.key_from <= r.key_to, "bad allocation range " << r.key_from << ".." << r.key_to);
    for (int k = r.key_from; k <= r.key_to; ++k) al.partner_of_key[k] = static_cast<std::int8_t>(r.partner);
  }
  return al;
}

}  // namespace finlab::sim
