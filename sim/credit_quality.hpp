// Industry credit-quality metrics of a run (docs/sim.md "Industry metrics"),
// computed from the integer accumulators only: first payment default (FPD7,
// FPD30) by vintage, flow rates C→M1 … M5→M6 and the roll-rate matrix by
// month, ever-30+ / ever-90+ and M3+ by vintage and months on book, and the
// five-category loan classification (正常/关注/次级/可疑/损失) of the book by
// month. Reporting only: nothing here feeds a total, a KPI or a decision.
// Not modelled: days within a month (a missed instalment is at least one
// month overdue, so the sim cannot tell 7 from 29 days past due).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/accumulators.hpp"

namespace finlab::sim {

struct FpdRow {
  int orig_month = 0;
  std::int64_t booked = 0;     // loans booked in the vintage
  std::int64_t first_due = 0;  // of them, reached their first due date within the run
  std::int64_t fpd7 = 0;       // missed the first instalment
  std::int64_t fpd30 = 0;      // and had not paid it at the second due date
  bool fpd30_observed = false; // the second due date (MOB 2) is within the run
};
std::vector<FpdRow> fpd_by_vintage(const RunAcc& acc);

// Flow rates of a month: loans in bucket k at the month's start (k = C, M1 ..
// M5) and how many of them rolled to bucket k+1 by its end.
struct FlowRow {
  int month = 0;
  std::array<std::int64_t, 6> from{};
  std::array<std::int64_t, 6> rolled{};
};
std::vector<FlowRow> flow_rates(const RunAcc& acc);

// The roll-rate matrix summed over the months: [from bucket][to state].
std::array<std::int64_t, kBuckets * kRollTo> pooled_rolls(const RunAcc& acc);
std::string bucket_name(int bucket);  // "C", "M1" … "M12"
std::string roll_to_name(int to);     // bucket names, "paid off", "charged off"

// By vintage and months on book (1 .. months left in the run).
struct VintageQualityPoint {
  int orig_month = 0;
  int mob = 0;
  std::int64_t loans = 0, booked_fen = 0;
  std::int64_t ever30 = 0, ever90 = 0;  // loans ever 30+ (M2) / 90+ (M4) DPD by this MOB (cumulative)
  std::int64_t m3p_fen = 0;             // principal 90+ DPD at the end of this MOB
  std::int64_t chargeoff_fen = 0;       // principal charged off by this MOB (cumulative)
};
std::vector<VintageQualityPoint> vintage_quality(const RunAcc& acc);

// Five-category classification (CBIRC/PBOC 2023 《商业银行金融资产风险分类办法》:
// overdue at all → at least 关注, more than 90 days → 次级, 270 → 可疑, 360 → 损失).
enum class LoanClass { normal = 0, special_mention = 1, substandard = 2, doubtful = 3, loss = 4 };
inline constexpr int kLoanClasses = 5;
// The class of an open loan in bucket Mk (k missed instalments, days past due
// 30(k−1)+1 .. 30k): C → 正常, M1–M3 → 关注, M4–M9 → 次级, M10–M12 → 可疑.
LoanClass class_of_bucket(int bucket);
std::string class_name_en(LoanClass c);
std::string class_name_zh(LoanClass c);
struct ClassRow {
  int month = 0;
  std::array<std::int64_t, kLoanClasses> loans{};
  std::array<std::int64_t, kLoanClasses> outstanding_fen{};
};
std::vector<ClassRow> classification_by_month(const RunAcc& acc);

}  // namespace finlab::sim
