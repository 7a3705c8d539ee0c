// Money: an exact CNY amount in fen (0.01 yuan), int64. Fund shares (NAV 1.00,
// 2 decimals) and income per 10,000 shares (万份收益, 4 decimals) are their own
// types so that they are never added to money by accident (DOMAIN.md §1.9).
#pragma once

#include "core/money/decimal.hpp"

namespace finlab::money {

struct MoneyTag {};
struct SharesTag {};
struct PerTenKTag {};

using Money = Decimal<MoneyTag, 2>;         // yuan with 2 decimals; units() = fen
using Shares = Decimal<SharesTag, 2>;       // fund shares, 2 decimals
using IncomePer10k = Decimal<PerTenKTag, 4>;  // 万份收益: yuan per 10,000 shares, 4 decimals

inline Money fen(std::int64_t n) { return Money::from_units(n); }
inline Money yuan(std::int64_t n) { return Money::from_integer(n); }

}  // namespace finlab::money
