// Built-in analyses of a run's population, computed exactly from integer
// histograms of the two scores every user has: the behaviour-enhanced score
// (the consented sub-model) and the application-data-only score.
//  - Value of behaviour data: at the policy cutoff the behaviour score
//    approves A_b users with expected bad rate B_b (mean ground-truth PD); the
//    application-only score, at the lowest cutoff whose bad rate is ≤ B_b,
//    approves A_a. The difference is what the data is worth in approvals.
//  - Swap-in / swap-out: champion (application-only score, cutoff matched to
//    the same approval count) vs challenger (behaviour score at the policy
//    cutoff): both approve, swap-out (only the champion approves), swap-in
//    (only the challenger approves), both decline — counts and bad rates.
// The cutoff sweep frontier over full runs is in sweep.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/suitability_mix.hpp"
#include "sim/users.hpp"

namespace finlab::sim {

struct ScoreHistogram {
  std::vector<std::int64_t> count = std::vector<std::int64_t>(1024, 0);   // users by whole-point score
  std::vector<std::int64_t> pd_ppm = std::vector<std::int64_t>(1024, 0);  // Σ ground-truth PD (ppm)
  std::vector<std::int64_t> bad = std::vector<std::int64_t>(1024, 0);     // generator's 12-month outcome
  void add(const ScoreHistogram& o);
  // Users at or above `cutoff`, and their Σ PD ppm.
  std::int64_t approved(int cutoff) const;
  std::int64_t approved_pd(int cutoff) const;
};

struct ValueOfData {
  std::int64_t population = 0;
  int behaviour_cutoff = 0;
  std::int64_t behaviour_approved = 0;
  std::int64_t behaviour_pd_ppm = 0;       // Σ PD of the approved (ppm)
  int application_cutoff = 0;              // lowest cutoff with bad rate ≤ the behaviour score's
  std::int64_t application_approved = 0;
  std::int64_t application_pd_ppm = 0;
};

enum SwapCell { kBothApprove = 0, kSwapOut = 1, kSwapIn = 2, kBothDecline = 3 };

struct SwapTable {
  int champion_cutoff = 0;    // application-only score
  int challenger_cutoff = 0;  // behaviour score (the policy cutoff)
  std::array<std::int64_t, 4> count{};
  std::array<std::int64_t, 4> pd_ppm{};
  std::array<std::int64_t, 4> bad{};
};

struct Analyses {
  ScoreHistogram behaviour;
  ScoreHistogram application;
  ValueOfData value;
  SwapTable swap;
  SuitabilityCounts suitability;  // users by risk class and how many may be offered investment products
};

// Histograms of users [begin, end) (mergeable with add()).
void score_histograms(const Traits& t, std::size_t begin, std::size_t end, ScoreHistogram& behaviour, ScoreHistogram& application);
// Cutoffs of the two analyses from the merged histograms.
ValueOfData value_of_data(const ScoreHistogram& behaviour, const ScoreHistogram& application, int policy_cutoff);
int matched_cutoff(const ScoreHistogram& h, std::int64_t approvals);
// The swap table over users [begin, end) for given cutoffs (mergeable by summing).
void swap_table(const Traits& t, std::size_t begin, std::size_t end, SwapTable& out);

Analyses compute_analyses(const Traits& t, int policy_cutoff);

}  // namespace finlab::sim
