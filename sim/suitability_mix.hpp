// Investor risk classes of the simulated users (投资者适当性, docs/sim.md
// "Suitability"): each user gets a class C1..C5 (and, for C1, whether they are
// of the lowest category 最低类别) from a stream of their own (purpose 1005),
// so the draw changes no other figure of a run. The policy says to which
// classes the platform offers investment products (index funds, R3 [D]); the
// run reports how many users were eligible:
//   class ≥ 3 and offered             -> eligible (C_n may buy up to R_n [36])
//   class 1 or 2 (not lowest), offered -> eligible only with a signed warning (Art. 19)
//   lowest category                    -> never (Art. 22), whatever the policy
// Not here: users' investment behaviour (the sim has no investment products yet).
#pragma once

#include <array>
#include <cstdint>

namespace finlab::sim {

inline constexpr std::uint32_t kPurposeSuitability = 1005;

struct SuitabilityPolicy {
  // Share of users in C1..C5, ppm, adding up to 1,000,000 [D] (no published
  // distribution for a 2015 internet platform was found; docs/sim.md).
  std::array<std::uint32_t, 5> class_ppm = {100'000, 250'000, 350'000, 200'000, 100'000};
  std::uint32_t lowest_ppm_of_c1 = 300'000;  // C1 users of the lowest category [D]
  // Offer investment products to C1..C5 (C1 and C2 only with a signed warning).
  std::array<bool, 5> offer = {false, true, true, true, true};
};

struct SuitabilityCounts {
  std::array<std::int64_t, 5> users{};  // by class
  std::int64_t lowest = 0;               // C1 of the lowest category
  std::int64_t eligible = 0;             // offered and allowed (with or without the warning)
  std::int64_t eligible_with_warning = 0;  // of which only with a signed warning
};

// The class (1..5) of a user; `lowest` set for the lowest category.
int draw_risk_class(std::uint64_t seed, std::uint64_t user_id, const SuitabilityPolicy& p, bool& lowest);
// Counts over users first_user .. first_user + n - 1 (mergeable by summing).
SuitabilityCounts count_suitability(std::uint64_t seed, std::uint64_t first_user, std::uint64_t n, const SuitabilityPolicy& p);

}  // namespace finlab::sim
