#include "core/fund/distribution.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

#include "core/money/high_precision.hpp"

namespace finlab::fund {

using money::int128;

namespace {
constexpr std::uint64_t kUnit = static_cast<std::uint64_t>(sub_fen_per_fen);
// Fraction histogram: f in [0, 10^8) -> bucket f >> 16 (1526 buckets).
constexpr int kShift = 16;
constexpr std::size_t kBuckets = (kUnit >> kShift) + 1;

std::int64_t abs_units(money::IncomePer10k r) { return r.units() < 0 ? -r.units() : r.units(); }
}  // namespace

Allocation allocate_income(std::span<const std::int64_t> shares, money::IncomePer10k r) {
  const std::int64_t ar = abs_units(r);
  const std::int64_t sign = r.units() < 0 ? -1 : 1;
  Allocation out;
  out.income_fen.resize(shares.size());
  std::vector<std::int64_t> frac(shares.size());
  int128 frac_sum = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    FINLAB_REQUIRE(shares[i] >= 0, "allocate_income: negative shares " << shares[i] << " at holding " << i);
    const int128 p = int128(shares[i]) * ar;
    out.totals.pool_units += p;
    out.income_fen[i] = money::narrow_checked(p / kUnit, "income");
    frac[i] = static_cast<std::int64_t>(p % kUnit);
    frac_sum += frac[i];
  }
  const std::int64_t k = static_cast<std::int64_t>(frac_sum / kUnit);
  std::vector<std::size_t> order(shares.size());
  std::iota(order.begin(), order.end(), 0);
  std::partial_sort(order.begin(), order.begin() + k, order.end(),
                    [&](std::size_t a, std::size_t b) { return frac[a] != frac[b] ? frac[a] > frac[b] : a < b; });
  for (std::int64_t j = 0; j < k; ++j) out.income_fen[order[static_cast<std::size_t>(j)]] += 1;
  std::int64_t paid = 0;
  for (auto& v : out.income_fen) {
    v *= sign;
    paid += v;
  }
  out.totals.pool_units *= sign;
  out.totals.paid = money::Money::from_units(paid);
  out.totals.residual_units = static_cast<std::int64_t>(sign * (frac_sum - int128(k) * kUnit));
  out.totals.redistributed_fen = k;
  return out;
}

Allocation allocate_income_reference(std::span<const std::int64_t> shares, money::IncomePer10k r) {
  using money::HighDecimal;
  using money::Money;
  using money::Rounding;
  const HighDecimal rr = money::to_high(r);
  std::vector<HighDecimal> frac(shares.size());
  Allocation out;
  out.income_fen.resize(shares.size());
  HighDecimal pool = 0;
  std::int64_t truncated_sum = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const HighDecimal raw = money::to_high(money::Shares::from_units(shares[i])) * rr / HighDecimal(10000);  // yuan
    const Money t = money::from_high<Money>(raw, Rounding::truncate);
    out.income_fen[i] = t.units();
    truncated_sum += t.units();
    frac[i] = boost::multiprecision::abs(raw - money::to_high(t));
    pool += raw;
  }
  const Money target = money::from_high<Money>(pool, Rounding::truncate);
  const std::int64_t k = target.units() - truncated_sum;  // signed: give (k > 0) or take back (k < 0)
  std::vector<std::size_t> order(shares.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return frac[a] != frac[b] ? frac[a] > frac[b] : a < b; });
  const std::int64_t n = k < 0 ? -k : k;
  for (std::int64_t j = 0; j < n; ++j) out.income_fen[order[static_cast<std::size_t>(j)]] += (k < 0 ? -1 : 1);
  std::int64_t paid = 0;
  for (auto v : out.income_fen) paid += v;
  out.totals.paid = Money::from_units(paid);
  // Σ shares × R exactly as a big integer (1e-8 fen), narrowed to 128 bits.
  money::BigInt pool_units = 0;
  for (auto v : shares) pool_units += money::BigInt(v) * r.units();
  const bool neg = pool_units < 0;
  const money::BigInt mag = neg ? money::BigInt(-pool_units) : pool_units;
  const auto lo = static_cast<money::uint128>((mag & money::BigInt(0xFFFFFFFFFFFFFFFFull)).convert_to<unsigned long long>());
  const auto hi = static_cast<money::uint128>((mag >> 64).convert_to<unsigned long long>());
  out.totals.pool_units = static_cast<int128>((hi << 64) | lo) * (neg ? -1 : 1);
  out.totals.residual_units = static_cast<std::int64_t>(out.totals.pool_units - int128(paid) * sub_fen_per_fen);
  out.totals.redistributed_fen = n;
  return out;
}

FlatDistribution::FlatDistribution(std::size_t accounts, Carry carry)
    : carry_(carry), shares_(accounts, 0), unpaid_(carry == Carry::monthly ? accounts : 0, 0), histogram_(kBuckets, 0) {}

DistributionTotals FlatDistribution::distribute(money::IncomePer10k r) {
  const std::int64_t ar_signed = abs_units(r);
  FINLAB_REQUIRE(static_cast<std::uint64_t>(shares_.size()) <= (std::uint64_t{1} << 36), "FlatDistribution: too many accounts");
  FINLAB_REQUIRE(ar_signed <= max_income_units, "FlatDistribution: income per 10k " << r.to_string() << " above the engine's bound");
  const std::uint64_t ar = static_cast<std::uint64_t>(ar_signed);
  const std::int64_t sign = r.units() < 0 ? -1 : 1;
  const std::size_t n = shares_.size();
  std::int64_t* const s = shares_.data();
  std::uint32_t* const hist = histogram_.data();
  std::fill(histogram_.begin(), histogram_.end(), 0u);

  // Pass 1 (read only): fractions' sum and histogram; bound check.
  std::uint64_t frac_sum = 0, quot_sum = 0;
  std::uint64_t out_of_range = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t si = static_cast<std::uint64_t>(s[i]);
    out_of_range |= static_cast<std::uint64_t>(si > static_cast<std::uint64_t>(max_share_units));
    const std::uint64_t p = si * ar;
    const std::uint64_t q = p / kUnit;
    const std::uint64_t f = p - q * kUnit;
    quot_sum += q;
    frac_sum += f;
    ++hist[f >> kShift];
  }
  if (out_of_range) {
    for (std::size_t i = 0; i < n; ++i)
      FINLAB_REQUIRE(s[i] >= 0 && s[i] <= max_share_units, "FlatDistribution: account " << i << " has " << s[i] << " share units (allowed 0.." << max_share_units << ")");
  }
  const std::uint64_t k = frac_sum / kUnit;

  // Threshold bucket: every account in a higher bucket gets +1; inside the
  // threshold bucket only the largest fractions (then lowest index) do.
  std::size_t b = kBuckets;
  std::uint64_t above = 0;
  while (b > 0 && above + hist[b - 1] <= k) above += hist[--b];
  // Now accounts in buckets >= b (count `above`) all get +1; `need` more come from bucket b-1.
  const std::uint64_t need = k - above;
  const std::uint64_t tb = b == 0 ? kBuckets : b - 1;  // threshold bucket (kBuckets: none)

  // Pass 2: apply quotient + extra; collect the threshold bucket's accounts
  // as keys (fraction << 36 | ~index) so that a descending sort gives
  // (fraction desc, index asc).
  candidates_.clear();
  std::int64_t* const target = carry_ == Carry::daily ? s : unpaid_.data();
  constexpr std::uint64_t kIndexMask = (std::uint64_t{1} << 36) - 1;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t p = static_cast<std::uint64_t>(s[i]) * ar;
    const std::uint64_t q = p / kUnit;
    const std::uint64_t f = p - q * kUnit;
    const std::uint64_t bucket = f >> kShift;
    if (bucket == tb) [[unlikely]]
      candidates_.push_back((f << 36) | (kIndexMask - i));
    target[i] += sign * static_cast<std::int64_t>(q + static_cast<std::uint64_t>(bucket >= b));
  }
  if (need != 0) {
    std::sort(candidates_.begin(), candidates_.end(), std::greater<>());
    for (std::uint64_t j = 0; j < need; ++j) target[kIndexMask - (candidates_[j] & kIndexMask)] += sign;
  }
  DistributionTotals t;
  t.pool_units = sign * (int128(quot_sum) * kUnit + frac_sum);
  t.paid = money::Money::from_units(sign * static_cast<std::int64_t>(quot_sum + k));
  t.residual_units = sign * static_cast<std::int64_t>(frac_sum - k * kUnit);
  t.redistributed_fen = static_cast<std::int64_t>(k);
  return t;
}

money::Money FlatDistribution::pay_out_unpaid() {
  FINLAB_REQUIRE(carry_ == Carry::monthly, "pay_out_unpaid: only for monthly carry-over");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < shares_.size(); ++i) {
    shares_[i] += unpaid_[i];
    total += unpaid_[i];
    unpaid_[i] = 0;
  }
  return money::Money::from_units(total);
}

}  // namespace finlab::fund
