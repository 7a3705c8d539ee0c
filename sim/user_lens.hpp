// The second lens on a run: one synthetic user, replayed alone. Because every
// draw comes from a stream keyed by (seed, user, month) and the month's
// partner allocation is stored with the run, replaying user 42 by itself
// retraces exactly the path it had in the full run: decision, offer, the
// schedule from the loan engine, payments, delinquency, fund income. The
// user's own accumulators add up over all users to the run's totals, to the
// fen (tests/sim/user_lens_test.cpp checks it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/loan/schedule.hpp"
#include "core/result.hpp"
#include "sim/engine.hpp"
#include "sim/population.hpp"
#include "sim/run.hpp"

namespace finlab::sim {

struct UserLoan {
  int month = 0;             // booking month (0-based)
  std::int64_t amount_fen = 0;
  int term = 0;
  int band = 0;
  std::string partner;
  loan::Schedule schedule;   // the contract schedule from core/loan
};

struct UserView {
  std::uint64_t user_id = 0;
  int score = 0;
  int score_app = 0;
  std::string consent;       // categories shared (after the scenario's consent shock)
  std::int64_t income_fen = 0;
  std::int64_t debt_fen = 0;
  std::uint32_t pd_ppm = 0;  // ground-truth 12-month PD
  bool uses_fund = false;
  RunAcc acc;                // this user's share of every accumulator
  std::vector<UserEvent> events;
  std::vector<UserLoan> loans;
};

// Replays `user_id` (0 ≤ id < users) of a run with the given configuration,
// scorecard and per-month allocations (as stored with the run).
Result<UserView> replay_user(const RunConfig& config, const ScoringModel& model,
                             const std::vector<std::vector<AllocationRange>>& allocations, std::uint64_t user_id);

}  // namespace finlab::sim
