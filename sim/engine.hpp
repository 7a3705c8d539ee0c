// The monthly lifecycle engine. A month runs in two phases over user ranges:
//   phase A (per user, any order, any split): recoveries, loan servicing
//     (instalment due, default and cure draws, delinquency buckets, penalty
//     interest, charge-off), the fund (deposit, normal or T+0 redemption,
//     income on the month's daily 万份收益, new-user boost), and applications
//     (decision by the policy) — approved loans wait in the shard's pending
//     list and add their amount to the shard's demand histogram;
//   allocation (once per month, on the merged demand): partners take approved
//     loans best score first within their capacity;
//   phase B (pending loans only): booking with the allocated partner.
// Randomness: one counter-based stream per (user, month), so each user's path
// is the same for any split of the users, natively and in wasm. Money is
// integer fen; sums are integer; nothing depends on the order of users.
// No threads and no I/O here (sim/parallel.cpp runs shards on threads).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/loan/rate_convention.hpp"
#include "core/time/date.hpp"
#include "sim/accumulators.hpp"
#include "sim/assumptions.hpp"
#include "sim/lifecycle_rng.hpp"
#include "sim/policy.hpp"
#include "sim/scenario.hpp"
#include "sim/users.hpp"

namespace finlab::sim {

// Lifecycle stream purposes (stable numbers; core/random Purpose::user_defined + k).
inline constexpr std::uint32_t kPurposeTraits = 1001;
inline constexpr std::uint32_t kPurposeConsentShock = 1002;
inline constexpr std::uint32_t kPurposeLifecycle = 1003;
// 1004: history holdout (population.hpp); 1005: suitability classes.
inline constexpr std::uint32_t kPurposeRiskTraits = 1006;  // fraud and multi-lender draws of a user
// The seed of every sim-only stream: derived from the run seed so that the
// credit generator's own streams (same seed) never coincide with ours.
std::uint64_t sim_seed(std::uint64_t seed);

// What a run is: how many users, how many months, which seed, when it starts.
struct RunShape {
  std::uint64_t users = 0;
  int months = 0;
  std::uint64_t seed = 0;
  time::Date start;
};

// Behaviour-score drift is kept within ± this many points (Book::drift).
inline constexpr int kDriftMaxPoints = 100;

// Tables the engine takes from the trained scorecard.
struct ScoreTables {
  std::array<std::uint32_t, 1024> pd12_ppm{};  // model 12-month PD of each whole-point score
  std::array<std::uint8_t, 1024> card_band{};  // scorecard band of each score (PSI)
  std::vector<std::int64_t> train_band_counts;   // training distribution by band
  std::vector<std::string> band_names;
};

struct PendingLoan {
  std::uint32_t index = 0;   // into Traits/Book
  std::uint16_t key = 0;     // allocation key: score × 16 + tie-break
  std::uint8_t term = 0;
  std::uint8_t band = 0;
  std::uint8_t test_and_learn = 0;  // approved at random below the cutoff
  std::int32_t amount = 0;
  std::int32_t payment = 0;  // see Book::payment
  std::uint16_t hazard_permille = 1000;  // the offer's hazard multiple (see Book::hazard_permille)
  std::uint8_t repeat = 0;   // drawn on an open line (no application)
  std::int32_t line = 0;     // the approved limit: the user's credit line once booked (limit ladder)
};

// One user range and what it accumulated.
struct Shard {
  std::size_t begin = 0, end = 0;
  RunAcc acc;
  std::vector<std::int64_t> demand;   // this month's approved amounts by allocation key
  std::vector<PendingLoan> pending;   // this month's approved loans awaiting funding
};

// Partner of each allocation key in one month (-1: nobody funds it).
struct AllocationRange {
  int key_from = 0, key_to = 0;  // inclusive
  int partner = -1;
};
struct MonthAllocation {
  std::vector<std::int8_t> partner_of_key;  // kScoreKeys entries
  std::vector<AllocationRange> ranges() const;  // compressed: whole key space, adjacent keys merged
  static MonthAllocation from_ranges(std::span<const AllocationRange> ranges);
};

// Per-month environment derived from policy and scenario.
struct MonthContext {
  time::Date first;               // first day of the month
  int days = 0;
  int first_day = 0;              // index of `first` among the run's days
  std::uint32_t pd_mult_ppm = 1'000'000;
  std::uint32_t app_mult_ppm = 1'000'000;
  std::uint32_t red_mult_ppm = 1'000'000;
  std::uint32_t ml_mult_ppm = 1'000'000;  // × the multi-lender hazard multiple (scenario)
  std::array<loan::ExactRate, kMaxPartners> funding{};  // monthly funding rate per partner
  std::array<loan::ExactRate, kMaxPartners> guarantee_fee{};  // monthly guarantee / service fee rate per partner
  loan::ExactRate interest_tax{};  // share of gross interest income paid as tax (rule in force on the 1st)
  std::vector<std::int64_t> w_prefix;  // w_prefix[d] = Σ 万份收益 of days 1..d (units of 0.0001 yuan per 10k shares)
};

// Event sink for the user lens; the hot path uses NoLog (compiled out).
struct NoLog {
  static constexpr bool enabled = false;
  void event(int, const char*, std::int64_t, std::int64_t, const std::string&) {}
};
struct UserEvent {
  int month = 0;          // 0-based month of the run
  std::string kind;       // "applied", "declined", "booked", "payment", "missed", "charged_off", "deposit", ...
  std::int64_t amount_fen = 0;
  std::int64_t balance_fen = 0;  // loan principal outstanding or fund balance after the event
  std::string detail;
};
struct UserLog {
  static constexpr bool enabled = true;
  std::vector<UserEvent> events;
  void event(int m, const char* kind, std::int64_t amount, std::int64_t balance, const std::string& detail) {
    events.push_back(UserEvent{m, kind, amount, balance, detail});
  }
};

class Engine {
public:
  Engine(const Policy& policy, const Scenario& scenario, const ScoreTables& scores, RunShape shape,
         Assumptions assumptions = {});

  const RunShape& shape() const { return shape_; }
  const Policy& policy() const { return policy_; }
  const Scenario& scenario() const { return scenario_; }
  const ScoreTables& scores() const { return scores_; }
  const Assumptions& assumptions() const { return assumptions_; }
  const MonthContext& month(int m) const { return months_[m]; }
  int total_days() const { return total_days_; }
  // Daily 万份收益 of the run (units of 0.0001 yuan per 10,000 shares).
  const std::vector<std::int64_t>& daily_income_per_10k() const { return w_daily_; }
  // T+0 limit per investor of each day of the run, in fen (the rule in force,
  // lowered by the policy's limit).
  const std::vector<std::int64_t>& daily_fast_limit() const { return fast_limit_daily_; }

  void init_shard(Shard& s, std::size_t begin, std::size_t end) const;
  // Clears a shard's demand histogram and pending list before phase A of a month.
  void begin_month(Shard& s) const;
  template <class Log>
  void phase_a(const Traits& t, Book& b, Shard& s, int m, std::size_t begin, std::size_t end, Log& log) const;
  MonthAllocation allocate(std::span<const std::int64_t> demand) const;
  template <class Log>
  void phase_b(const Traits& t, Book& b, Shard& s, int m, const MonthAllocation& alloc, Log& log) const;

private:
  template <class Log>
  friend struct UserStep;
  void compile_behaviour();

  Policy policy_;
  Scenario scenario_;
  ScoreTables scores_;
  RunShape shape_;
  Assumptions assumptions_;
  std::uint64_t lifecycle_seed_ = 0;
  StreamKey lifecycle_key_;
  std::vector<MonthContext> months_;
  std::vector<std::int64_t> w_daily_;
  std::vector<std::int64_t> fast_limit_daily_;  // T+0 limit of each day (fen)
  int total_days_ = 0;
  // Compiled policy.
  std::vector<loan::ExactRate> band_rate_;      // monthly contract rate per score band
  std::vector<loan::ExactRate> band_penalty_;   // monthly penalty rate per score band
  loan::ExactRate fee_rate_{};
  loan::ExactRate recovery_rate_{};
  std::array<std::uint32_t, 1024> el_current_ppm_{};  // PD12(score) × LGD
  std::vector<std::uint32_t> el_bucket_ppm_;           // bucket PD × LGD (M1, M2, ...)
  // Full P&L (docs/sim.md "Full P&L"):
  std::uint32_t lgd_ppm_ = 0;                          // stage 3 ECL per yuan (PD 100%)
  bool staged_ecl_ = true;
  std::int64_t acquisition_fen_ = 0, data_fen_ = 0, collection_fen_ = 0;
  loan::ExactRate capital_rate_{};                     // cost of equity × capital ratio ÷ 12, monthly
  std::array<loan::ExactRate, kMaxPartners> guarantee_share_{};
  std::array<std::uint8_t, 1024> policy_band_{};       // policy score band of each score
  std::uint32_t refer_ppm_ = 0;
  std::uint32_t test_and_learn_ppm_ = 0;                // share of below-cutoff applicants approved at random
  std::vector<std::int64_t> test_and_learn_limit_;      // per income band: the lowest positive limit of the matrix
  std::int64_t boost_units_ = 0;                        // extra yield, Rate units
  std::vector<std::int64_t> band_rate_bps_;             // annual contract rate per score band, basis points (take-up)
  std::uint32_t fraud_p16_ = 0;                         // Traits::risk_u32 thresholds of the assumptions' shares
  std::uint32_t multi_lender_p16_ = 0;
  // Customer behaviour (docs/sim.md "Customer behaviour").
  bool drift_on_ = false;
  std::array<std::uint32_t, 2 * kDriftMaxPoints + 1> drift_hazard_permille_{};  // by drift points −max..+max
  bool ladder_on_ = false;
  loan::ExactRate ladder_raise_{}, ladder_keep_{};     // × (1 + raise), × (1 − cut)
  int ladder_cut_below_ = 0, ladder_close_below_ = 0;

public:
  bool fraudster(const Traits& t, std::size_t i) const { return (t.risk_u32[i] & 0xFFFFu) < fraud_p16_; }
  bool multi_lender(const Traits& t, std::size_t i) const { return (t.risk_u32[i] >> 16) < multi_lender_p16_; }
  // The user's behaviour score now: the run's score moved by its drift (whole points, toward −∞), within 0..1023.
  int score_now(const Traits& t, const Book& b, std::size_t i) const {
    return std::clamp(int(t.score[i]) + (b.drift[i] >> 4), 0, 1023);
  }
  // Hazard multiple (‰) of a drift: 2^(−points ÷ 20) (the card's points to
  // double the odds), linear between whole powers of two.
  std::uint32_t drift_hazard_permille(std::int16_t drift16) const {
    return drift_hazard_permille_[static_cast<std::size_t>(std::clamp(drift16 >> 4, -kDriftMaxPoints, kDriftMaxPoints) + kDriftMaxPoints)];
  }
};


}  // namespace finlab::sim
