// Daily income of investors (DOMAIN.md §1.5): each account gets
// shares × R ÷ 10000 truncated to the fen (去尾); the dropped fractions are
// pooled and handed out again, 0.01 at a time, to the accounts with the
// largest dropped fraction (ties: the lower account index first) until the
// pool has fewer than 0.01 left ([D] largest-remainder method). So, every day:
//
//     Σ income_i + residual == Σ shares_i × R ÷ 10000      (exactly; residual < 0.01)
//
// where the residual (in 1e-8 fen) stays with the fund. Negative R is
// symmetric: amounts truncate toward zero and the remainder is taken back
// 0.01 at a time from the largest dropped fractions.
//
// Three implementations with identical results:
//  - allocate_income: one call per day over a list of holdings (the ledger);
//  - FlatDistribution: the hot path over flat arrays of int64 share units,
//    8 bytes per account (16 with monthly carry-over), no allocation per
//    account, one streaming sweep per day with a fraction histogram (bench/fund);
//  - allocate_income_reference: Boost.Multiprecision cpp_dec_float, the
//    straightforward formula with a full sort; the check of the other two.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/fund/yield.hpp"
#include "core/money/money.hpp"
#include "core/money/rounding.hpp"

namespace finlab::fund {

// 1 yuan of income = 10^10 of these: shares (1e-2) × R (1e-4 per 10^4 shares).
inline constexpr std::int64_t sub_fen_per_fen = 100'000'000;

struct DistributionTotals {
  money::int128 pool_units = 0;     // Σ shares × R ÷ 10000, exact, in 1e-8 fen
  money::Money paid;                // Σ income actually credited
  std::int64_t residual_units = 0;  // pool − paid, in 1e-8 fen; |residual| < 10^8 (one fen)
  std::int64_t redistributed_fen = 0;  // how many accounts got the extra 0.01 (or gave it back)
  bool conserves() const { return money::int128(paid.units()) * sub_fen_per_fen + residual_units == pool_units; }
};

struct Allocation {
  std::vector<std::int64_t> income_fen;  // per holding, same order as the input
  DistributionTotals totals;
};

// Shares in units of 0.01 (Shares::units()), one per account in account order.
Allocation allocate_income(std::span<const std::int64_t> share_units, money::IncomePer10k r);

// The same with Boost.Multiprecision decimals and a full sort (slow; checks).
Allocation allocate_income_reference(std::span<const std::int64_t> share_units, money::IncomePer10k r);

// Flat-array engine for many accounts (structure of arrays). The account index
// is the tie-break order. Shares are the shares entitled to the day's income;
// the caller adds confirmed purchases / removes stopped redemptions between days.
class FlatDistribution {
public:
  // Bounds that keep shares × |R| inside 64 bits.
  static constexpr std::int64_t max_share_units = 9'000'000'000'000;  // 90 billion shares per account
  static constexpr std::int64_t max_income_units = 1'000'000;         // |R| <= 100.0000 per 10k shares a day

  FlatDistribution(std::size_t accounts, Carry carry);

  std::size_t size() const { return shares_.size(); }
  Carry carry() const { return carry_; }
  std::span<std::int64_t> share_units() { return shares_; }
  std::span<const std::int64_t> share_units() const { return shares_; }
  // Monthly carry-over only: accrued unpaid income per account, in fen.
  std::span<std::int64_t> unpaid_fen() { return unpaid_; }
  std::span<const std::int64_t> unpaid_fen() const { return unpaid_; }

  // Credits one natural day's income: daily carry-over adds it to the shares,
  // monthly carry-over to the unpaid income. Throws (changing nothing) if a
  // share balance is negative or above max_share_units.
  DistributionTotals distribute(money::IncomePer10k r);
  // Several consecutive days in one call, one sweep over the accounts per day
  // (the next day's fractions are gathered while the current day is applied).
  // Same results as calling distribute() once per day. Monthly carry-over:
  // call it per stretch between payouts. If a balance leaves the bounds, the
  // days before are applied and the error names the day.
  std::vector<DistributionTotals> distribute_days(std::span<const money::IncomePer10k> r);
  // Monthly carry-over: unpaid income becomes shares (a negative balance
  // reduces shares, DOMAIN.md §1.1). Returns the total paid.
  money::Money pay_out_unpaid();

  // Memory the engine keeps per account (the arrays above), in bytes.
  std::size_t bytes_per_account() const { return carry_ == Carry::daily ? 8 : 16; }

private:
  void check_bounds(const char* when) const;
  Carry carry_;
  std::vector<std::int64_t> shares_;
  std::vector<std::int64_t> unpaid_;
  std::vector<std::uint32_t> histogram_;  // fixed size, reused each day
  std::vector<std::uint64_t> candidates_; // accounts in the threshold bucket, reused
};

}  // namespace finlab::fund
