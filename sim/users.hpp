// The simulated users in structure-of-arrays form, sized for a million users
// in well under 200 bytes each: the static traits a run derives from the
// credit population (scores, ground-truth hazard, income, propensities) and
// the dynamic book (one loan at a time, the fund balance). Arrays hold a
// contiguous range of user ids starting at `first_user`; a shard is a
// sub-range [begin, end) of indices. Money is integer fen; no doubles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace finlab::sim {

// Static per-user facts, fixed for the run.
struct Traits {
  std::uint64_t first_user = 0;
  std::vector<std::uint16_t> score;            // behaviour-enhanced score (consented sub-model), 0..1023
  std::vector<std::uint16_t> score_app;        // application-data-only score, 0..1023
  std::vector<std::uint8_t> consent;           // ConsentMask bits after the scenario's consent shock
  std::vector<std::uint8_t> bad;               // the generator's 12-month default outcome (analyses)
  std::vector<std::uint32_t> pd_ppm;           // ground-truth 12-month PD, ppm (analyses)
  std::vector<std::uint32_t> hazard_ppm;       // monthly default hazard at multiplier 1, ppm
  std::vector<std::uint32_t> income_fen;       // monthly income
  std::vector<std::uint32_t> debt_fen;         // existing monthly debt payments
  std::vector<std::uint32_t> apply_ppm;        // monthly probability of applying for a loan
  std::vector<std::uint16_t> request_hundreds; // desired loan amount, units of 100 yuan
  // Probabilities "p16" are p × 65536 with 65535 meaning certain; "p8" the same of 256 with 255 certain.
  std::vector<std::uint16_t> fund_deposit_p16;  // monthly P(deposit); 0 = never uses the fund
  std::vector<std::uint16_t> fund_deposit_permille;  // deposit size, ‰ of monthly income
  std::vector<std::uint16_t> fund_redeem_p16;   // monthly P(redemption) × 65536 (before the scenario multiplier)
  std::vector<std::uint16_t> fund_redeem_permille;   // share of the balance redeemed, ‰
  std::vector<std::uint8_t> fund_fast_p8;       // P(a redemption is T+0 fast) × 256
  // Two uniform 16-bit draws (own stream): low half < fraud share → fraudster,
  // high half < multi-lender share → multi-lender. The shares are assumptions
  // of the engine, so a draw is kept rather than a flag.
  std::vector<std::uint32_t> risk_u32;

  std::size_t size() const { return score.size(); }
  void resize(std::size_t n);
  std::size_t bytes_per_user() const;
};

// Status bits of Book::status.
enum : std::uint8_t {
  kHasLoan = 1,      // a loan is open
  kDefaulted = 2,    // the borrower has defaulted (stops paying; ground truth)
  kBarred = 4,       // charged off: never lent to again
  kEver30 = 8,       // the open loan has been 30+ days past due
  kFundUser = 16,    // has made a first fund deposit
  kTestAndLearn = 32,  // the open loan was approved at random below the cutoff (test-and-learn)
  kEver90 = 64,      // the open loan has been 90+ days past due (reporting only)
  kApplied = 128,    // has applied at least once (acquisition cost paid; docs/sim.md "Full P&L")
};

inline constexpr std::uint8_t kLadderCut = 255;  // Book::ladder_clean: the line was cut in this episode

// Dynamic per-user state.
struct Book {
  // Loan
  std::vector<std::int32_t> balance;            // principal not yet due
  std::vector<std::int32_t> payment;            // level payment (equal installment), principal per period
                                                // (equal principal) or total interest (bullet)
  std::vector<std::int32_t> overdue_principal;  // missed principal
  std::vector<std::int32_t> overdue_interest;   // missed contract interest
  std::vector<std::int32_t> penalty;            // accrued penalty interest (罚息)
  std::vector<std::int32_t> booked;             // original amount of the open loan
  std::vector<std::int32_t> recovery;           // collections still to come after a charge-off
  std::vector<std::uint8_t> status;             // kHasLoan | kDefaulted | ...
  std::vector<std::uint8_t> band;               // score band of the open loan (its rate)
  std::vector<std::uint8_t> periods_left;
  std::vector<std::uint8_t> missed;             // consecutive missed instalments (M1 = 1, M2 = 2, ...)
  std::vector<std::uint8_t> orig_month;
  std::vector<std::uint8_t> partner;
  std::vector<std::uint8_t> loans;              // loans booked so far (saturates at 255)
  std::vector<std::uint8_t> next_apply;         // first month the user may apply again
  std::vector<std::uint8_t> recovery_month;
  std::vector<std::uint16_t> hazard_permille;   // the open loan's hazard multiple from its offer (DTI, amount), ‰
  // Customer behaviour (docs/sim.md "Customer behaviour")
  std::vector<std::int16_t> drift;              // behaviour-score drift, 1/16 points (score now = score + drift / 16)
  std::vector<std::int32_t> line;               // open credit line (limit ladder), fen; 0 = none
  std::vector<std::uint8_t> ladder_clean;       // clean months since the line last moved; kLadderCut while cut
  // Fund
  std::vector<std::int64_t> shares;             // 活期宝 shares in fen (NAV 1.00)
  std::vector<std::uint16_t> boost_days_left;   // days of 加息 still to earn

  std::size_t size() const { return balance.size(); }
  void resize(std::size_t n);  // zero state
  std::size_t bytes_per_user() const;
};

}  // namespace finlab::sim
