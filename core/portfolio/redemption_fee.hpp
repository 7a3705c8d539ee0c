// Redemption fee (赎回费) of a NAV-based fund by holding period, per lot:
//   赎回总额 gross = shares × NAV(T)      half-up to the fen
//   赎回费用 fee   = gross × rate          half-up to the fen
//   赎回金额 net   = gross − fee
// The holding period (持续持有期) of a lot is counted in natural days from its
// confirmation day up to (not including) the redemption's confirmation day
// (T+1 trading day), as fund registrars count it; docs/portfolio.md §3.
//
// Regulatory floor: 《公开募集开放式证券投资基金流动性风险管理规定》 (CSRC
// announcement [2017] No. 12, effective 2017-10-01; Art. 23 applies to existing
// funds from 2018-03-31) requires open-end funds other than money funds and ETFs
// to charge at least 1.5% on shares held less than 7 days and to credit that fee
// in full to fund assets. With `csrc_short_hold_floor` the schedule enforces it
// for redemptions whose trade date is on/after `floor_effective_from`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/money/rate.hpp"
#include "core/portfolio/nav.hpp"
#include "core/text/messages.hpp"
#include "core/time/date.hpp"

namespace finlab::portfolio {

struct RedemptionTier {
  std::optional<int> held_days_below;  // applies when held days < this; nullopt: no bound (last tier)
  money::Rate rate;                    // fee as a fraction of gross
  money::Rate to_fund_assets;          // part of the fee credited to fund assets (the rest pays sales/registration)
};

struct RedemptionFeeSchedule {
  std::vector<RedemptionTier> tiers;  // ascending `held_days_below`; the last is unbounded
  bool csrc_short_hold_floor = true;
  time::Date floor_effective_from = time::Date::ymd(2018, 3, 31);
  money::Rounding rounding = money::Rounding::half_up;

  std::string validate() const;  // empty when well formed
  std::optional<text::Message> validate_message() const;  // the same, to be said in any language
};

// Minimum fee and held-days bound of the 2017 rule (Art. 23).
inline constexpr int kShortHoldDays = 7;
inline money::Rate short_hold_minimum_rate() { return money::Rate::bps(150); }

// A typical broad-index fund today: 1.5% below 7 days (all to fund assets),
// 0.5% below 1 year (25% to assets), 0.25% below 2 years, free after.
RedemptionFeeSchedule typical_index_fund_redemption();

struct RedemptionRate {
  money::Rate rate;
  money::Rate to_fund_assets;
  std::size_t tier = 0;
  bool floor_applied = false;  // the 2017 rule set this rate (raised it or its share to fund assets)
  bool rate_raised = false;    // ... and the schedule's own rate was below 1.5%
};

// The fee rate for a lot held `held_days` and redeemed with trade date `trade_date`.
RedemptionRate redemption_rate(const RedemptionFeeSchedule& s, int held_days, time::Date trade_date);

// Why, in words: "held 5 days (< 7): 1.50%, all credited to fund assets (CSRC
// 2017 liquidity rules, Art. 23)".
std::string describe(const RedemptionFeeSchedule& s, const RedemptionRate& r, int held_days);
text::Message describe_message(const RedemptionFeeSchedule& s, const RedemptionRate& r, int held_days);  // describe() is its English

}  // namespace finlab::portfolio
