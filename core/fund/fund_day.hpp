// One day of a money market fund at fund level (DOMAIN.md §1.2, §1.3, worked
// example A): the portfolio's gross income for the day is shared between the
// share classes pro rata to their previous-day NAV; management and custody
// fees are accrued on the whole fund's previous-day NAV (H = E × rate ÷ 当年天数,
// half-up to the fen) and shared the same way; the sales service fee is charged
// per class on the class's NAV. Each class's net income gives its 万份收益.
//
// Pro-rata shares are split by the largest-remainder method (floor to the fen,
// then +0.01 to the largest dropped fractions, ties to the lower class index),
// so the parts add up to the whole exactly ([D]; example A's half-up figures
// are reproduced, since they already add up).
//
// What the classes can actually pay is shares × R ÷ 10000 truncated to the fen
// (R rounded to 4 decimals): the gap to the net income (`undistributed`) stays
// in the fund and is added to the next day's net income by the fund path
// (fund_path.hpp), so no income is lost or created over time.
// NAV is fixed at 1.00 (确定价); this file does not know about investors.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/fund/yield.hpp"
#include "core/money/rate.hpp"
#include "core/time/date.hpp"

namespace finlab::fund {

// Annual fee rates in force from `effective_from` (fees do change: DOMAIN.md §1.2).
struct FeeRates {
  time::Date effective_from;
  money::Rate management;                  // whole fund, e.g. 0.33%
  money::Rate custody;                     // whole fund, e.g. 0.10%
  std::vector<money::Rate> sales_service;  // one per share class, e.g. A 0.25%, B 0.01%
};

struct FundSpec {
  std::string name;
  std::vector<std::string> class_names;  // "A", "B"
  std::vector<FeeRates> fees;            // ascending effective_from; the first applies to all earlier days
  // The rates in force on `day` (the last period starting on or before it).
  const FeeRates& fees_on(time::Date day) const;
  // Throws finlab::Error when classes and fee rows do not match.
  void validate() const;
};

// Example A's fund: mgmt 0.33%, custody 0.10%, sales service A 0.25% / B 0.01%.
FundSpec example_fund_two_classes();

struct ClassDay {
  money::Money nav_prev;           // class NAV of the previous day
  money::Shares shares;            // share base for R (excludes unpaid income under monthly carry-over)
  money::Money gross_income;       // the class's part of the fund's gross income
  money::Money management_fee;     // the class's part of the fund's management fee
  money::Money custody_fee;        // the class's part of the fund's custody fee
  money::Money sales_service_fee;  // charged on this class only
  money::Money carried_in;         // undistributed income carried from the previous day
  money::Money net_income;         // gross − fees + carried_in
  money::IncomePer10k income_per_10k;  // R, half-up to 4 decimals
  money::Money distributable;      // shares × R ÷ 10000, truncated to the fen (what investors receive in total)
  money::Money undistributed;      // net_income − distributable (stays in the fund)
};

struct FundDay {
  time::Date date;
  money::Money nav_prev;        // E_prev, the whole fund
  money::Money gross_income;
  money::Money management_fee;  // H on E_prev
  money::Money custody_fee;
  std::vector<ClassDay> classes;
};

struct ClassInput {
  money::Money nav_prev;    // previous-day NAV of the class (shares + unpaid income at 1.00)
  money::Shares shares;     // share base for R
  money::Money carried_in;  // undistributed income from the previous day (0 for a standalone day)
};

// Computes one fund day. `classes` has one entry per FundSpec class.
FundDay compute_fund_day(const FundSpec& spec, time::Date date, money::Money gross_income, std::span<const ClassInput> classes);

// Splits `total` into parts proportional to `weights` (all >= 0, sum > 0) by
// the largest-remainder method; the parts add up to `total` exactly.
std::vector<money::Money> split_pro_rata(money::Money total, std::span<const money::Money> weights);

}  // namespace finlab::fund
