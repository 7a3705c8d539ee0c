// Integer accumulators of a run: per month, per partner, per vintage and per
// day. Every field is a count or an amount in fen (fund residuals in 1e-8
// fen), summed with integer addition, so the partial results of any split of
// the users (threads, shards, processes) merge into exactly the same totals in
// any order. Field lists are X-macros so that merging, storage and export
// name every field once.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace finlab::sim {

inline constexpr int kMaxPartners = 8;
inline constexpr int kMaxScoreBands = 16;   // card bands tracked for the applicants' distribution
inline constexpr int kScoreKeys = 1024 * 16;  // allocation keys: score × 16 tie-break buckets
// Delinquency buckets of an open loan: C (current, 0) and M1 .. M12 (that many
// consecutive missed instalments; a policy charges off at 60-360 DPD, i.e. by
// M13 at the latest, so an open loan is never beyond M12).
inline constexpr int kBuckets = 13;
// Where a loan open at the start of a month is at its end: bucket 0..12, or
inline constexpr int kRollPaidOff = kBuckets;          // repaid in full
inline constexpr int kRollChargedOff = kBuckets + 1;   // charged off
inline constexpr int kRollTo = kBuckets + 2;

// name, meaning. "_fen" = money in fen; stocks are month-end values.
// FINLAB_SIM_MONTH_FIELDS is every field; the _V1 list is frozen (the columns
// schema version 1 of the runs database created), later fields are appended to
// the _V2 list (added to old databases by migration 2 with value 0).
#define FINLAB_SIM_MONTH_FIELDS(X) FINLAB_SIM_MONTH_FIELDS_V1(X) FINLAB_SIM_MONTH_FIELDS_V2(X) FINLAB_SIM_MONTH_FIELDS_V4(X) FINLAB_SIM_MONTH_FIELDS_V5(X) FINLAB_SIM_MONTH_FIELDS_V6(X)

// Added by migration 6 (customer behaviour, docs/sim.md "Customer behaviour"; value 0 in older runs).
#define FINLAB_SIM_MONTH_FIELDS_V6(X)                                                           \
  X(prepaid, "loans repaid early in full")                                                      \
  X(prepaid_fen, "principal repaid early")                                                       \
  X(repeat_draws, "loans booked by drawing on an open line (no new application)")              \
  X(repeat_draw_fen, "amount of those loans")                                                   \
  X(lines_raised, "credit lines raised by the limit ladder")                                     \
  X(lines_cut, "credit lines cut by the limit ladder")                                           \
  X(lines_closed, "credit lines closed by the limit ladder")                                     \
  X(open_lines, "users holding an open credit line (stock)")                                     \
  X(open_line_fen, "sum of the open credit lines (stock)")                                      \
  X(score_down_20, "users whose behaviour score is 20+ points below where it started (stock)")

// Added by migration 5 (full P&L, docs/sim.md "Full P&L"; value 0 in older runs).
#define FINLAB_SIM_MONTH_FIELDS_V5(X)                                                           \
  X(new_applicants, "first applications of a user")                                            \
  X(acquisition_cost_fen, "acquisition cost of new applicants")                                 \
  X(data_cost_fen, "data and bureau query cost of the credit decisions")                        \
  X(collection_accounts, "open loans 1+ days past due at the month end (account-months)")       \
  X(collection_cost_fen, "collection cost of the delinquent account-months")                    \
  X(interest_tax_fen, "tax on interest income (business tax, then VAT)")                        \
  X(capital_charge_fen, "cost of equity on the capital held against the outstanding")          \
  X(guarantee_fee_fen, "guarantee and service fees partners paid the platform")                \
  X(guaranteed_loss_fen, "partners' charge-offs less recoveries borne by the platform")        \
  X(allowance_stage1_fen, "ECL stage 1: 12-month ECL of loans 0-29 DPD (stock)")               \
  X(allowance_stage2_fen, "ECL stage 2: lifetime ECL of loans 30-89 DPD (stock)")              \
  X(allowance_stage3_fen, "ECL stage 3: lifetime ECL of loans 90+ DPD, PD 100% (stock)")

// Added by migration 4 (default dynamics; value 0 in older runs).
#define FINLAB_SIM_MONTH_FIELDS_V4(X)                                                           \
  X(not_taken_up, "approved offers the user did not take")                                     \
  X(fraud_booked, "loans booked to fraudsters (ground truth)")

#define FINLAB_SIM_MONTH_FIELDS_V2(X)                                                           \
  X(tl_approved, "approved at random below the cutoff (test-and-learn)")                       \
  X(tl_booked, "test-and-learn loans booked")                                                  \
  X(tl_booked_fen, "amount of test-and-learn loans booked")                                    \
  X(tl_chargeoff_fen, "principal of test-and-learn loans charged off")

#define FINLAB_SIM_MONTH_FIELDS_V1(X)                                                           \
  X(applicants, "applications decided")                                                       \
  X(approved, "approved by the credit decision (before funding)")                              \
  X(referred, "sent to manual review (refer band)")                                            \
  X(refer_approved, "approved by manual review")                                               \
  X(declined_consent, "declined: a required consent not granted")                             \
  X(declined_score, "declined: score below the cutoff and the refer band")                     \
  X(declined_refer, "declined by manual review")                                               \
  X(declined_limit, "declined: zero limit for the score and income band")                      \
  X(declined_dti, "declined: debt-to-income leaves no room for the minimum loan")              \
  X(declined_capacity, "approved but no partner had capacity")                                 \
  X(booked_count, "loans booked")                                                              \
  X(booked_fen, "amount booked")                                                               \
  X(first_loans, "first loans of a user")                                                      \
  X(interest_fen, "contract interest received")                                                \
  X(penalty_fen, "penalty interest received")                                                  \
  X(fee_fen, "origination fees received")                                                      \
  X(principal_repaid_fen, "principal received")                                                \
  X(funding_cost_fen, "partners' funding cost on the outstanding principal")                   \
  X(defaults, "borrowers who defaulted (ground truth)")                                        \
  X(cures, "delinquent loans brought current")                                                 \
  X(paid_off, "loans repaid in full")                                                          \
  X(chargeoff_count, "loans charged off")                                                      \
  X(chargeoff_fen, "principal charged off")                                                    \
  X(interest_written_off_fen, "unpaid interest and penalty never received")                    \
  X(recoveries_fen, "collections on charged-off loans")                                        \
  X(recovery_pending_fen, "collections still expected (stock)")                                \
  X(active_loans, "open loans (stock)")                                                        \
  X(outstanding_fen, "principal outstanding (stock)")                                          \
  X(outstanding_30p_fen, "principal of loans 30+ days past due (stock)")                       \
  X(outstanding_90p_fen, "principal of loans 90+ days past due (stock)")                       \
  X(count_30p, "loans 30+ days past due (stock)")                                              \
  X(allowance_fen, "expected-credit-loss provision, all three stages (stock)")                           \
  X(fund_holders, "users with a fund balance (stock)")                                         \
  X(new_fund_users, "first fund deposits")                                                     \
  X(deposits_fen, "fund deposits")                                                             \
  X(redemptions_fen, "normal fund redemptions")                                                \
  X(fast_redemptions_fen, "T+0 fast redemptions")                                              \
  X(fast_count, "T+0 fast redemption requests")                                                \
  X(fund_income_fen, "fund income paid to users (truncated to the fen)")                       \
  X(fund_residual_units, "fund income below the fen kept by the fund, 1e-8 fen")               \
  X(subsidy_fen, "new-user yield boost (加息) paid by the platform")                           \
  X(aum_fen, "fund balance of all users (stock)")

#define FINLAB_SIM_PARTNER_FIELDS(X) FINLAB_SIM_PARTNER_FIELDS_V1(X) FINLAB_SIM_PARTNER_FIELDS_V5(X)

// Added by migration 5 (loss sharing with partners; value 0 in older runs).
#define FINLAB_SIM_PARTNER_FIELDS_V5(X)                                          \
  X(guarantee_fee_fen, "guarantee / service fee paid to the platform")           \
  X(guaranteed_loss_fen, "charge-offs less recoveries borne by the platform")    \
  X(interest_tax_fen, "tax on the interest income received")                     \
  X(capital_charge_fen, "capital charge on the outstanding")

#define FINLAB_SIM_PARTNER_FIELDS_V1(X)                     \
  X(booked_fen, "amount booked")                            \
  X(income_fen, "interest, penalty and fees received")      \
  X(funding_cost_fen, "funding cost")                       \
  X(chargeoff_fen, "principal charged off")                 \
  X(recoveries_fen, "collections")                          \
  X(outstanding_fen, "principal outstanding (stock)")       \
  X(allowance_fen, "provision (stock)")

struct PartnerAcc {
#define FINLAB_X(name, doc) std::int64_t name = 0;
  FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
  void add(const PartnerAcc& o);
};

struct MonthAcc {
#define FINLAB_X(name, doc) std::int64_t name = 0;
  FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
  std::array<PartnerAcc, kMaxPartners> partners{};
  std::array<std::int64_t, kMaxScoreBands> applicant_bands{};  // applicants by scorecard band (PSI)
  // Credit quality (reporting only, docs/sim.md "Industry metrics"):
  std::array<std::int64_t, kBuckets> bucket_count{};  // open loans by bucket at month end (stock)
  std::array<std::int64_t, kBuckets> bucket_fen{};    // their principal outstanding (balance + overdue principal)
  std::array<std::int64_t, kBuckets * kRollTo> roll{};  // roll[from * kRollTo + to]: loans open at the month's start by bucket, where they ended
  void add(const MonthAcc& o);
  // Loans booked on an application (draws on an open line are not applications):
  // the numerator of the approval and take-up rates.
  std::int64_t application_bookings() const { return booked_count - repeat_draws; }
};

// Everything one shard accumulates over a run (months × ...). Merge with add().
struct RunAcc {
  int months = 0;
  std::vector<MonthAcc> month;
  // Vintages: index orig_month * months + mob (months on book, 1-based at the
  // first due date). Loans that first reach 30+ DPD at that MOB.
  std::vector<std::int64_t> vintage_bad_count;
  std::vector<std::int64_t> vintage_bad_fen;   // their original amounts
  std::vector<std::int64_t> fast_by_day;       // T+0 volume per day of the run
  // Credit quality by vintage (reporting only), same orig_month × MOB index:
  std::vector<std::int64_t> vintage_bad90_count;  // loans that first reach 90+ DPD (M4) at that MOB
  std::vector<std::int64_t> vintage_bad90_fen;    // their original amounts
  std::vector<std::int64_t> vintage_m3p_fen;      // principal outstanding of the vintage's loans 90+ DPD at the end of that MOB (stock)
  std::vector<std::int64_t> vintage_chargeoff_fen;  // principal of the vintage charged off at that MOB
  // First payment default by vintage (orig_month):
  std::vector<std::int64_t> fpd_due;    // loans that reached their first due date (MOB 1) in the run
  std::vector<std::int64_t> fpd7;       // ... and missed it (FPD7)
  std::vector<std::int64_t> fpd30;      // ... and had not paid it at the second due date (FPD30)
  void init(int months, int days);
  void add(const RunAcc& o);
  // Every integer of the run in one fixed order (months, vintages, days), for
  // reductions across processes; unpack() takes the same layout back into a
  // RunAcc of the same shape (init() it first).
  std::vector<std::int64_t> pack() const;
  void unpack(const std::vector<std::int64_t>& values);
};

}  // namespace finlab::sim
