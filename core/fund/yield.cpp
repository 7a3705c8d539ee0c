#include "core/fund/yield.hpp"

#include "core/money/high_precision.hpp"

namespace finlab::fund {

using money::BigInt;
using money::HighDecimal;
using money::IncomePer10k;
using money::int128;
using money::Rounding;

std::string_view to_string(Carry c) { return c == Carry::daily ? "daily" : "monthly"; }

IncomePer10k income_per_10k(money::Money net_income, money::Shares shares) {
  FINLAB_REQUIRE(shares.is_positive(), "income_per_10k: share base must be positive, got " << shares.to_string());
  // R [1e-4 yuan] = net [fen] / 100 / (shares [1e-2] / 100) × 10000 × 10^4 = net_fen × 10^8 / share_units
  const int128 num = int128(net_income.units()) * 100'000'000;
  return IncomePer10k::from_units(money::narrow_checked(money::div_round(num, shares.units(), Rounding::half_up), "income_per_10k"));
}

YieldPercent seven_day_yield_simple(std::span<const IncomePer10k, 7> r) {
  // Y% = ΣR × 365 / 700; in units of 0.001%: Σr × 365 / 7000 with r in 1e-4 (exact integers).
  int128 sum = 0;
  for (auto x : r) sum += x.units();
  return YieldPercent::from_units(money::narrow_checked(money::div_round(sum * 365, 7000, Rounding::half_up), "seven_day_yield_simple"));
}

namespace {

// Exact sign of Y − b where Y = P^(365/7) − 1 in units of 0.001% and P = N / 10^56,
// for a boundary b = twice_b / 2: compares N^365 · (2·10^5)^7 with
// (2·10^5 + twice_b)^7 · 10^(56·365) (both sides raised to the 7th power).
// Only used next to a rounding tie, where 50 digits cannot decide.
int compare_compound(const BigInt& n, const BigInt& twice_b) {
  const BigInt two_e5 = BigInt(200000);
  const BigInt lhs = boost::multiprecision::pow(n, 365) * boost::multiprecision::pow(two_e5, 7);
  const BigInt rhs = boost::multiprecision::pow(two_e5 + twice_b, 7) * boost::multiprecision::pow(BigInt(10), 56 * 365);
  return lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
}

}  // namespace

YieldPercent seven_day_yield_compound(std::span<const IncomePer10k, 7> r) {
  // Each factor 1 + R/10000 = (10^8 + r) / 10^8 with r in units of 1e-4: exact integers.
  BigInt n = 1;
  for (auto x : r) {
    FINLAB_REQUIRE(x.units() > -100'000'000, "seven_day_yield_compound: income per 10k " << x.to_string() << " loses everything");
    n *= BigInt(100'000'000 + x.units());
  }
  const HighDecimal p = HighDecimal(n) / HighDecimal(BigInt(boost::multiprecision::pow(BigInt(10), 56)));
  const HighDecimal y = boost::multiprecision::pow(p, HighDecimal(365) / HighDecimal(7)) - HighDecimal(1);
  const HighDecimal scaled = y * HighDecimal(100000);  // units of 0.001%
  HighDecimal t = boost::multiprecision::trunc(scaled);
  const HighDecimal frac = boost::multiprecision::abs(scaled - t);
  const bool neg = scaled < 0;
  bool away;
  const HighDecimal half("0.5");
  if (boost::multiprecision::abs(frac - half) < HighDecimal("1e-30")) {
    // Half-up: round away from zero when |Y| >= |m| + 0.5. Decide exactly.
    const BigInt m = t.convert_to<BigInt>();
    if (!neg) away = compare_compound(n, 2 * m + 1) >= 0;   // Y >= m + 0.5
    else away = compare_compound(n, 2 * m - 1) <= 0;        // Y <= m - 0.5
  } else {
    away = frac > half;
  }
  if (away) t += neg ? -1 : 1;
  return YieldPercent::from_units(t.convert_to<long long>());
}

YieldPercent seven_day_yield(std::span<const IncomePer10k, 7> r, Carry carry) {
  return carry == Carry::daily ? seven_day_yield_compound(r) : seven_day_yield_simple(r);
}

std::vector<std::optional<YieldPercent>> seven_day_yields(std::span<const IncomePer10k> daily, Carry carry) {
  std::vector<std::optional<YieldPercent>> out(daily.size());
  for (std::size_t i = 6; i < daily.size(); ++i)
    out[i] = seven_day_yield(std::span<const IncomePer10k, 7>(daily.data() + i - 6, 7), carry);
  return out;
}

}  // namespace finlab::fund
