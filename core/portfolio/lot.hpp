// Holding lots of a NAV-based fund and their first-in first-out redemption.
// Each purchase (or reinvested dividend) is a lot with its own confirmation
// day, because the redemption fee depends on how long each lot was held
// (redemption_fee.hpp). A redemption takes shares from the oldest lots first
// and computes gross, fee and net per lot; the totals are the sums of the lots.
// Not here: order timing (which days T and T+1 are; see index_fund.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/money/money.hpp"
#include "core/portfolio/nav.hpp"
#include "core/portfolio/redemption_fee.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::portfolio {

enum class LotSource : std::uint8_t { purchase, dividend_reinvestment };

struct Lot {
  time::Date confirmed_on;  // shares exist (and the holding period starts) on this day
  money::Shares shares;     // shares still held
  std::uint32_t id = 0;     // order id that created it (for statements)
  time::Date trade_date{};  // T: the day whose NAV priced it
  LotSource source = LotSource::purchase;
};

// Number of calendar days a lot has been held on `as_of` (0 on its confirmation
// day). For a redemption pass the redemption's confirmation day (T+1): a lot
// confirmed Tue 2015-06-02 and redeemed Mon 06-08 (confirmed Tue 06-09) is held 7 days.
int holding_days(const Lot& lot, time::Date as_of);

struct LotRedemption {
  std::uint32_t lot_id = 0;
  time::Date confirmed_on;
  money::Shares shares;
  int held_days = 0;
  RedemptionRate rate;
  money::Money gross;               // shares × NAV, half-up to the fen
  money::Money fee;                 // gross × rate, schedule rounding
  money::Money fee_to_fund_assets;  // fee × to_fund_assets, half-up
  money::Money net;                 // gross − fee
};

struct Redemption {
  money::Shares shares;
  Nav nav;
  time::Date trade_date;    // T (priced at NAV(T))
  time::Date confirm_date;  // T+1 trading day: the end of every lot's holding period
  std::vector<LotRedemption> lots;
  money::Money gross, fee, fee_to_fund_assets, net;  // sums over lots
};

class LotBook {
public:
  // Lots must arrive in confirmation order (FIFO); shares must be positive.
  void add(const Lot& lot);
  // Shares in all open lots / in lots confirmed on or before `d`.
  money::Shares total() const { return total_; }
  money::Shares confirmed_by(time::Date d) const;
  // Open lots, oldest first.
  std::vector<Lot> lots() const { return {lots_.begin() + static_cast<std::ptrdiff_t>(head_), lots_.end()}; }
  std::size_t lot_count() const { return lots_.size() - head_; }
  bool empty() const { return head_ == lots_.size(); }
  void clear() { lots_.clear(); head_ = 0; total_ = {}; }

  // Redeem `shares` on trade date T at NAV(T), first in first out, from lots
  // confirmed on or before T. `confirm_date` is T's next trading day. Fails,
  // leaving the book unchanged, when fewer shares are redeemable.
  // With lot_detail false, Redemption::lots stays empty (the Monte Carlo hot path).
  Result<Redemption> redeem(money::Shares shares, Nav nav, time::Date trade_date, time::Date confirm_date,
                            const RedemptionFeeSchedule& fees, bool lot_detail = true);
  // Why redeem() refuses these shares on T (the book unchanged), as a catalog
  // message; its English is redeem()'s error.
  text::Message redeem_refusal(money::Shares shares, time::Date trade_date) const;

  // Shares held at the end of `d` that count for a dividend with record date
  // `d` (confirmed on or before d).
  money::Shares entitled_on(time::Date d) const { return confirmed_by(d); }

private:
  std::vector<Lot> lots_;
  std::size_t head_ = 0;  // lots_[0, head_) are fully redeemed
  money::Shares total_;
};

}  // namespace finlab::portfolio
