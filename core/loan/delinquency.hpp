// Missed payments (DOMAIN.md §2.5): days past due, overdue buckets, penalty
// interest (罚息) and write-off. Rules (docs/loan.md):
//  * payments are applied on their date in the order fees → penalty interest →
//    overdue interest → overdue principal → current interest → current
//    principal (DOMAIN.md §2.2(d)); anything left is held as a credit and used
//    when the next installments fall due;
//  * penalty rate = contract daily rate (annual / day basis) × multiplier
//    (default 1.5, i.e. +50%; PBOC 银发〔2003〕251号 allows +30%..+50%); it runs on
//    overdue principal and, compounding (复利), on overdue interest, for each day
//    an amount stays unpaid after its due date; accrued exactly and rounded
//    half-up once per installment and part when paid or reported;
//  * DPD = as-of date − due date of the oldest installment not fully paid;
//    buckets current / M1 (1–30) / M2 (31–60) / M3 (61–90) / M4-M6 (91–180) /
//    M6+ (> 180); written off when DPD > write_off_days (default 180).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/loan/schedule.hpp"

namespace finlab::loan {

enum class DelinquencyBucket { current, m1, m2, m3, m4_m6, m6_plus };
std::string_view to_string(DelinquencyBucket bucket);  // "current", "M1", "M2", "M3", "M4-M6", "M6+"
DelinquencyBucket bucket_for(int days_past_due);

struct DelinquencyPolicy {
  money::Rate penalty_multiplier = money::Rate::ratio("1.5");  // penalty rate = contract rate × this
  bool compound_overdue_interest = true;                      // penalty also on unpaid interest (复利)
  int write_off_days = 180;                                   // written off when DPD exceeds this
};

struct Repayment {
  time::Date date;
  money::Money amount;  // > 0
};

struct InstallmentStatus {
  int period = 0;
  time::Date due_date;
  money::Money principal_due, interest_due;    // scheduled
  money::Money principal_paid, interest_paid;  // paid so far
  money::Money penalty_on_principal;           // accrued penalty, rounded
  money::Money penalty_on_interest;            // accrued compound penalty, rounded
  money::Money penalty_paid;
  int days_past_due = 0;                       // 0 when paid in full or not yet overdue
  bool settled() const { return principal_paid == principal_due && interest_paid == interest_due; }
};

struct DelinquencyReport {
  time::Date as_of;
  int days_past_due = 0;
  DelinquencyBucket bucket = DelinquencyBucket::current;
  bool written_off = false;
  money::Money overdue_principal;    // due before as_of and unpaid
  money::Money overdue_interest;
  money::Money penalty_outstanding;  // penalty accrued and unpaid (rounded per installment and part)
  money::Money penalty_paid;
  money::Money due_today;            // installment due on as_of, unpaid (not yet overdue)
  money::Money total_due;            // overdue principal + interest + penalty + due today
  money::Money credit;               // payments not yet applied (paid ahead)
  std::vector<InstallmentStatus> installments;  // every installment due on or before as_of
};

// Applies `payments` (any order; same-day in the given order) to the schedule
// up to `as_of`. Failures: non-positive payment amounts, a bad policy.
Result<DelinquencyReport> assess_delinquency(const Schedule& schedule, std::span<const Repayment> payments, time::Date as_of,
                                             const DelinquencyPolicy& policy = {});

}  // namespace finlab::loan
