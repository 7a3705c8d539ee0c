// Yield math of a money market fund (DOMAIN.md §1.3, §1.4):
//  - 万份收益 (income per 10,000 shares) from a share class's net income,
//    4 decimals, half-up ([D] rounding);
//  - 七日年化 (7-day annualised yield) over the last 7 NATURAL days (holidays
//    included), in percent with 3 decimals, half-up: the simple formula for
//    monthly carry-over funds and the compound formula for daily carry-over.
// Deterministic everywhere: the simple formula is integer math; the compound
// one is evaluated with Boost cpp_dec_float (software exp/log, identical bits
// natively and in wasm) and, when the 50-digit value lies within 1e-30 of a
// rounding boundary, decided exactly with big integers. No <cmath> pow.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/money/money.hpp"

namespace finlab::fund {

// How the daily income becomes shares (DOMAIN.md §1.1).
enum class Carry {
  daily,    // 按日结转: income becomes shares the same day, compounds daily; compound 7-day formula
  monthly,  // 按月结转: income accrues as unpaid income, paid as shares monthly; simple 7-day formula
};

std::string_view to_string(Carry c);  // "daily" / "monthly"

struct YieldPercentTag {};
// A yield in percent with 3 decimals: YieldPercent::of("4.385") is 4.385%.
using YieldPercent = money::Decimal<YieldPercentTag, 3>;

// R = net_income / shares × 10000, half-up to 4 decimals. shares > 0.
money::IncomePer10k income_per_10k(money::Money net_income, money::Shares shares);

// Y = (Σ R_i / 7) × 365 / 10000 × 100%, half-up to 0.001%.   (monthly carry-over)
YieldPercent seven_day_yield_simple(std::span<const money::IncomePer10k, 7> r);
// Y = (Π (1 + R_i/10000))^(365/7) − 1, × 100%, half-up to 0.001%.   (daily carry-over)
YieldPercent seven_day_yield_compound(std::span<const money::IncomePer10k, 7> r);
YieldPercent seven_day_yield(std::span<const money::IncomePer10k, 7> r, Carry carry);

// For a series of consecutive natural days: the 7-day yield ending on each
// day, std::nullopt for the first six (fewer than 7 days known).
std::vector<std::optional<YieldPercent>> seven_day_yields(std::span<const money::IncomePer10k> daily, Carry carry);

}  // namespace finlab::fund
