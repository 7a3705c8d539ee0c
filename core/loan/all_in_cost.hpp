// The all-in cost of a credit product (DOMAIN.md §2.3, PBOC 〔2021〕 No. 3) and
// its verdict against the caps in force (rate_caps.hpp): the one function the
// CLI (`finlab loan schedule/apr/line/overdue`), the sim's policy validation
// and the web panels use.
//
// Rules (docs/loan.md "All-in cost"):
//  * every cash flow the borrower pays counts: interest, upfront fees (deducted
//    at disbursement or paid on the day), periodic fees, guarantee and
//    membership fees, insurance bundled with the loan; the base is the
//    principal actually received (principal − what is paid on the start day);
//  * monthly-instalment products: APR = monthly IRR × 12 on the instalment
//    periods (a flow must fall on a monthly due date start + k months);
//  * daily-accrual products (interest by actual days, a term in days, credit
//    lines): APR = 365 × daily IRR on the actual dates;
//  * EAR = (1 + periodic IRR)^(periods a year) − 1 (the compound equivalent).
// Rates are doubles (annual ratios); money stays exact.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/loan/apr.hpp"
#include "core/loan/delinquency.hpp"
#include "core/loan/irr.hpp"
#include "core/loan/rate_caps.hpp"
#include "core/loan/schedule.hpp"

namespace finlab::loan {

enum class CostKind { principal, interest, upfront_fee, periodic_fee, guarantee_fee, membership_fee, insurance };
inline constexpr int cost_kind_count = 7;
std::string_view to_string(CostKind k);  // "principal", "interest", "upfront_fee", ...
Result<CostKind> parse_cost_kind(std::string_view text);

// The PBOC 2021 No. 3 day-count rule used to annualise the IRR.
enum class DayCountRule {
  monthly_instalments,  // APR = monthly IRR × 12
  daily_accrual,        // APR = daily IRR × 365 (actual dates)
};
std::string_view to_string(DayCountRule r);  // "monthly-irr-x12", "daily-irr-x365"

// A payment by the borrower: amount > 0.
struct CostFlow {
  time::Date date;
  money::Money amount;
  CostKind kind = CostKind::interest;
};

struct ProductFlows {
  time::Date start;                    // disbursement date (contract formation)
  money::Money principal;              // contract principal, > 0
  std::vector<CostFlow> payments;      // everything the borrower pays; a payment on `start` is deducted from what is received
  DayCountRule rule = DayCountRule::monthly_instalments;
  // For the explanation only: the quoted annual simple rate and whether the
  // product repays in one payment (a bullet loan's APR is below its quoted rate).
  std::optional<double> quoted_annual;
  bool single_payment = false;
};

struct AllInCost {
  DayCountRule rule = DayCountRule::monthly_instalments;
  money::Money principal;
  money::Money net_received;            // principal − payments on the start day
  money::Money total_paid;              // Σ payments
  money::Money total_cost;              // total_paid − principal (interest + every fee)
  money::Money by_kind[cost_kind_count];  // Σ payments of each kind
  double periodic_irr = 0;              // per month, or per day
  double periods_per_year = 12;         // 12 or 365
  double apr = 0;                       // periodic IRR × periods (年化利率, 单利)
  double ear = 0;                       // (1 + periodic IRR)^periods − 1
  IrrResult irr;
  std::string why_en, why_zh;           // how it was computed, and why it differs from the quoted rate
};

Result<AllInCost> all_in_cost(const ProductFlows& product);

// The all-in cost of arbitrary dated flows in the lender's view (draws
// negative, repayments positive; e.g. a credit line with several draws) by the
// daily rule: 365 x the daily IRR. principal = Σ draws; net_received too.
Result<AllInCost> dated_all_in_cost(std::span<const DatedCashFlow> flows);

// An extra charge on an instalment product: on the start day, or with each instalment.
struct ExtraCharge {
  CostKind kind = CostKind::guarantee_fee;
  money::Money amount;       // > 0
  bool every_period = false;  // false: once, on the start day
};

// The borrower's flows of a schedule (instalments, its upfront and monthly
// fees) plus `extras`, with the day-count rule the product's accrual implies:
// daily for actual-day interest or a term in days, else monthly.
ProductFlows product_flows(const Schedule& schedule, std::span<const ExtraCharge> extras = {});

// The 年化利率（单利） sentence a lender must show (PBOC 2021 No. 3), in both languages, and the rule it follows.
struct Disclosure {
  std::string zh, en;
  std::string rule_zh, rule_en;
};
Disclosure disclosure(const AllInCost& cost);

// All-in cost + verdict + disclosure: the one call the front ends make.
struct ProductAssessment {
  AllInCost cost;
  CapVerdict verdict;
  Disclosure text;
};
Result<ProductAssessment> assess_product(const ProductFlows& product, LenderType lender, std::optional<time::Date> on = std::nullopt,
                                         const RateCapTable& table = RateCapTable::builtin());

Result<ProductAssessment> assess_dated(std::span<const DatedCashFlow> flows, LenderType lender, time::Date on,
                                       const RateCapTable& table = RateCapTable::builtin());

// The penalty rate of a schedule under a delinquency policy (annual contract
// rate × multiplier) against the penalty caps, and the compound caps when
// unpaid interest compounds.
struct PenaltyAssessment {
  double contract_annual = 0;  // annual contract rate (quoted, on its day basis)
  double penalty_annual = 0;   // contract × multiplier
  CapVerdict penalty;
  std::optional<CapVerdict> compound;
  bool breached() const { return penalty.breached() || (compound && compound->breached()); }
};
Result<PenaltyAssessment> assess_penalty(const LoanTerms& terms, const DelinquencyPolicy& policy, LenderType lender,
                                         std::optional<time::Date> on = std::nullopt, const RateCapTable& table = RateCapTable::builtin());

}  // namespace finlab::loan
