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

namespace {

// What one day needs from the first look at its fractions.
struct DayPlan {
  std::uint64_t ar = 0;     // |R| in 1e-4
  std::int64_t sign = 1;
  std::uint64_t k = 0;      // accounts that get the extra 0.01
  std::uint64_t b = 0;      // buckets >= b all get it
  std::uint64_t tb = 0;     // threshold bucket (kBuckets: none)
  std::uint64_t need = 0;   // how many of the threshold bucket get it
  std::uint64_t quot_sum = 0, frac_sum = 0;
};

DayPlan plan_day(money::IncomePer10k r) {
  DayPlan p;
  const std::int64_t a = r.units() < 0 ? -r.units() : r.units();
  FINLAB_REQUIRE(a <= FlatDistribution::max_income_units, "FlatDistribution: income per 10k " << r.to_string() << " above the engine's bound");
  p.ar = static_cast<std::uint64_t>(a);
  p.sign = r.units() < 0 ? -1 : 1;
  return p;
}

// After the histogram and sums are known: where the extra fen stop.
void finish_plan(DayPlan& p, const std::uint32_t* hist) {
  p.k = p.frac_sum / kUnit;
  std::uint64_t b = kBuckets, above = 0;
  while (b > 0 && above + hist[b - 1] <= p.k) above += hist[--b];
  p.b = b;
  p.need = p.k - above;
  p.tb = b == 0 ? kBuckets : b - 1;
}

DistributionTotals totals_of(const DayPlan& p) {
  DistributionTotals t;
  t.pool_units = p.sign * (int128(p.quot_sum) * kUnit + p.frac_sum);
  t.paid = money::Money::from_units(p.sign * static_cast<std::int64_t>(p.quot_sum + p.k));
  t.residual_units = p.sign * static_cast<std::int64_t>(p.frac_sum - p.k * kUnit);
  t.redistributed_fen = static_cast<std::int64_t>(p.k);
  return t;
}

constexpr std::uint64_t kIndexMask = (std::uint64_t{1} << 36) - 1;

struct SweepState {
  std::int64_t* s;
  std::int64_t* target;
  std::size_t n;
  std::uint64_t b, tb, ar;
  std::int64_t sign;
  std::uint64_t nar;
  std::uint32_t* nh;
  std::vector<std::uint64_t>* candidates;
  std::uint64_t nq_sum = 0, nf_sum = 0, out_of_range = 0;
};

// The hot loop, specialised so that no flag is tested per account.
template <bool HasNext, bool Daily>
void sweep(SweepState& st) {
  std::int64_t* const s = st.s;
  std::int64_t* const target = st.target;
  const std::uint64_t b = st.b, tb = st.tb, ar = st.ar, nar = st.nar;
  const std::int64_t sign = st.sign;
  std::uint32_t* const nh = st.nh;
  std::uint64_t nq_sum = 0, nf_sum = 0, out_of_range = 0;
  for (std::size_t i = 0; i < st.n; ++i) {
    const std::uint64_t si = static_cast<std::uint64_t>(s[i]);
    const std::uint64_t prod = si * ar;
    const std::uint64_t q = prod / kUnit;
    const std::uint64_t f = prod - q * kUnit;
    const std::uint64_t bucket = f >> kShift;
    if (bucket == tb) [[unlikely]]
      st.candidates->push_back((f << 36) | (kIndexMask - i));
    const std::int64_t v = target[i] + sign * static_cast<std::int64_t>(q + static_cast<std::uint64_t>(bucket >= b));
    target[i] = v;
    if constexpr (HasNext) {
      const std::uint64_t ns = Daily ? static_cast<std::uint64_t>(v) : si;
      if constexpr (Daily) out_of_range |= static_cast<std::uint64_t>(ns > static_cast<std::uint64_t>(FlatDistribution::max_share_units));
      const std::uint64_t np2 = ns * nar;
      const std::uint64_t nq = np2 / kUnit;
      const std::uint64_t nf = np2 - nq * kUnit;
      nq_sum += nq;
      nf_sum += nf;
      ++nh[nf >> kShift];
    }
  }
  st.nq_sum = nq_sum;
  st.nf_sum = nf_sum;
  st.out_of_range = out_of_range;
}

}  // namespace

void FlatDistribution::check_bounds(const char* when) const {
  for (std::size_t i = 0; i < shares_.size(); ++i)
    FINLAB_REQUIRE(shares_[i] >= 0 && shares_[i] <= max_share_units,
                   "FlatDistribution: account " << i << " has " << shares_[i] << " share units (allowed 0.." << max_share_units << ") " << when);
}

DistributionTotals FlatDistribution::distribute(money::IncomePer10k r) { return distribute_days({&r, 1}).front(); }

std::vector<DistributionTotals> FlatDistribution::distribute_days(std::span<const money::IncomePer10k> rs) {
  FINLAB_REQUIRE(static_cast<std::uint64_t>(shares_.size()) <= (std::uint64_t{1} << 36), "FlatDistribution: too many accounts");
  std::vector<DayPlan> plans;
  for (auto r : rs) plans.push_back(plan_day(r));  // validates every R before anything changes
  std::vector<DistributionTotals> out;
  if (rs.empty()) return out;
  const std::size_t n = shares_.size();
  std::int64_t* const s = shares_.data();
  std::int64_t* const target = carry_ == Carry::daily ? s : unpaid_.data();
  const bool daily = carry_ == Carry::daily;
  std::uint32_t* const hist = histogram_.data();
  std::vector<std::uint32_t> next_hist(kBuckets);

  // First look at day 0 (read only): histogram, sums, bounds.
  std::fill(histogram_.begin(), histogram_.end(), 0u);
  {
    DayPlan& p = plans[0];
    std::uint64_t out_of_range = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t si = static_cast<std::uint64_t>(s[i]);
      out_of_range |= static_cast<std::uint64_t>(si > static_cast<std::uint64_t>(max_share_units));
      const std::uint64_t prod = si * p.ar;
      const std::uint64_t q = prod / kUnit;
      const std::uint64_t f = prod - q * kUnit;
      p.quot_sum += q;
      p.frac_sum += f;
      ++hist[f >> kShift];
    }
    if (out_of_range) check_bounds("before the first day");
    finish_plan(p, hist);
  }

  // One sweep per day: apply day d and, fused into the same loop, take the
  // first look at day d+1 on the updated balances (daily carry-over) — one
  // read and one write of each account per day.
  for (std::size_t d = 0; d < plans.size(); ++d) {
    const DayPlan& p = plans[d];
    const bool has_next = d + 1 < plans.size();
    DayPlan* np = has_next ? &plans[d + 1] : nullptr;
    const std::uint64_t nar = has_next ? np->ar : 0;
    std::fill(next_hist.begin(), next_hist.end(), 0u);
    std::uint32_t* const nh = next_hist.data();
    candidates_.clear();
    SweepState st{s, target, n, p.b, p.tb, p.ar, p.sign, nar, nh, &candidates_};
    if (!has_next) sweep<false, false>(st);
    else if (daily) sweep<true, true>(st);
    else sweep<true, false>(st);
    std::uint64_t nq_sum = st.nq_sum, nf_sum = st.nf_sum;
    std::uint64_t out_of_range = st.out_of_range;
    const std::int64_t sign = p.sign;
    // The threshold bucket: (fraction desc, index asc), the first `need` get the extra fen.
    if (p.need != 0) {
      std::sort(candidates_.begin(), candidates_.end(), std::greater<>());
      for (std::uint64_t j = 0; j < p.need; ++j) {
        const std::uint64_t i = kIndexMask - (candidates_[j] & kIndexMask);
        if (has_next && daily) {
          // Its next-day fraction was taken on the balance without the extra fen: correct it.
          const std::uint64_t old_p = static_cast<std::uint64_t>(s[i]) * nar;
          --nh[(old_p % kUnit) >> kShift];
          nq_sum -= old_p / kUnit;
          nf_sum -= old_p % kUnit;
          if (s[i] + sign > max_share_units) out_of_range = 1;
          const std::uint64_t new_p = static_cast<std::uint64_t>(s[i] + sign) * nar;
          ++nh[(new_p % kUnit) >> kShift];
          nq_sum += new_p / kUnit;
          nf_sum += new_p % kUnit;
        }
        target[i] += sign;
      }
    }
    out.push_back(totals_of(p));
    if (has_next) {
      if (out_of_range) check_bounds(("after day " + std::to_string(d + 1) + " of " + std::to_string(plans.size()) + " (earlier days are applied)").c_str());
      np->quot_sum = nq_sum;
      np->frac_sum = nf_sum;
      std::copy(next_hist.begin(), next_hist.end(), histogram_.begin());
      finish_plan(*np, hist);
    }
  }
  return out;
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
