#include "core/portfolio/lot.hpp"

namespace finlab::portfolio {

using money::Money;
using money::Shares;

int holding_days(const Lot& lot, time::Date as_of) {
  FINLAB_REQUIRE(as_of >= lot.confirmed_on, "holding_days: as_of " << as_of.to_string() << " before confirmation " << lot.confirmed_on.to_string());
  return as_of - lot.confirmed_on;
}

void LotBook::add(const Lot& lot) {
  FINLAB_REQUIRE(lot.shares.is_positive(), "LotBook::add: lot shares " << lot.shares.to_string() << " must be positive");
  FINLAB_REQUIRE(empty() || lots_.back().confirmed_on <= lot.confirmed_on,
                 "LotBook::add: lot confirmed " << lot.confirmed_on.to_string() << " after a later lot ("
                                                << lots_.back().confirmed_on.to_string() << "): FIFO needs confirmation order");
  if (head_ > 64 && head_ * 2 > lots_.size()) {  // drop fully redeemed lots now and then
    lots_.erase(lots_.begin(), lots_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  lots_.push_back(lot);
  total_ += lot.shares;
}

Shares LotBook::confirmed_by(time::Date d) const {
  Shares s;
  for (std::size_t i = head_; i < lots_.size() && lots_[i].confirmed_on <= d; ++i) s += lots_[i].shares;
  return s;
}

text::Message LotBook::redeem_refusal(Shares shares, time::Date trade_date) const {
  if (!shares.is_positive()) return text::make(text::Id::pf_redeem_not_positive, {text::Arg::verbatim(shares.to_string())});
  return text::make(text::Id::pf_redeem_not_held, {text::Arg::verbatim(shares.to_string()), text::Arg::verbatim(trade_date.to_string()),
                                                   text::Arg::verbatim(confirmed_by(trade_date).to_string())});
}

Result<Redemption> LotBook::redeem(Shares shares, Nav nav, time::Date trade_date, time::Date confirm_date,
                                   const RedemptionFeeSchedule& fees, bool lot_detail) {
  if (!shares.is_positive()) return fail(text::render(redeem_refusal(shares, trade_date), text::Lang::en));
  FINLAB_REQUIRE(confirm_date > trade_date, "LotBook::redeem: confirmation " << confirm_date.to_string() << " not after T " << trade_date.to_string());
  const Shares available = confirmed_by(trade_date);
  if (shares > available) {
    return fail(text::render(redeem_refusal(shares, trade_date), text::Lang::en));
  }
  Redemption r;
  r.shares = shares;
  r.nav = nav;
  r.trade_date = trade_date;
  r.confirm_date = confirm_date;
  Shares left = shares;
  for (std::size_t i = head_; left.is_positive(); ++i) {
    Lot& lot = lots_[i];
    const Shares take = lot.shares < left ? lot.shares : left;
    LotRedemption lr;
    lr.lot_id = lot.id;
    lr.confirmed_on = lot.confirmed_on;
    lr.shares = take;
    lr.held_days = holding_days(lot, confirm_date);
    lr.rate = redemption_rate(fees, lr.held_days, trade_date);
    lr.gross = value_of(take, nav, money::Rounding::half_up);
    lr.fee = money::apply_rate(lr.gross, lr.rate.rate, 1, fees.rounding);
    lr.fee_to_fund_assets = money::apply_rate(lr.fee, lr.rate.to_fund_assets, 1, money::Rounding::half_up);
    lr.net = lr.gross - lr.fee;
    r.gross += lr.gross;
    r.fee += lr.fee;
    r.fee_to_fund_assets += lr.fee_to_fund_assets;
    r.net += lr.net;
    if (lot_detail) r.lots.push_back(lr);
    lot.shares -= take;
    left -= take;
    if (lot.shares.is_zero()) ++head_;
  }
  total_ -= shares;
  return r;
}

}  // namespace finlab::portfolio
