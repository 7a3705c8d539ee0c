#include "core/portfolio/subscription_fee.hpp"

#include <sstream>

namespace finlab::portfolio {

using money::Money;
using money::Rate;
using money::Rounding;

Rate times_ratio(Rate rate, Rate multiplier) {
  std::int64_t p;
  if (detail::mul_fits(rate.units(), multiplier.units(), p)) return Rate::from_units(detail::div_round64(p, Rate::one_units, Rounding::half_up));
  const money::int128 num = money::int128(rate.units()) * multiplier.units();
  return Rate::from_units(money::narrow_checked(money::div_round(num, Rate::one_units, Rounding::half_up), "times_ratio"));
}

std::optional<text::Message> SubscriptionFeeSchedule::validate_message() const {
  using text::Arg;
  using text::Id;
  if (tiers.empty()) return text::make(Id::pf_fee_no_tiers, {});
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const auto& t = tiers[i];
    const bool last = i + 1 == tiers.size();
    const auto at_tier = [&](text::Message what) {
      return text::make(Id::pf_fee_tier, {Arg::number(static_cast<std::int64_t>(i + 1)), Arg::of(std::move(what))});
    };
    if (t.rate.has_value() == t.flat.has_value()) return at_tier(text::make(Id::pf_fee_rate_or_flat, {}));
    if (t.rate && (t.rate->units() < 0 || t.rate->units() >= Rate::one_units))
      return at_tier(text::make(Id::pf_fee_rate_range, {Arg::verbatim(t.rate->to_percent_string())}));
    if (t.flat && t.flat->is_negative()) return at_tier(text::make(Id::pf_fee_flat_negative, {Arg::verbatim(t.flat->to_string())}));
    if (last && t.below) return at_tier(text::make(Id::pf_fee_last_unbounded, {Arg::verbatim("below")}));
    if (!last && !t.below) return at_tier(text::make(Id::pf_fee_only_last_unbounded, {}));
    if (!last && !t.below->is_positive())
      return at_tier(text::make(Id::pf_fee_bound_positive, {Arg::verbatim("below"), Arg::verbatim(t.below->to_string())}));
    if (i > 0 && t.below && *t.below <= *tiers[i - 1].below)
      return at_tier(text::make(Id::pf_fee_bound_not_above, {Arg::verbatim("below"), Arg::verbatim(t.below->to_string()),
                                                             Arg::number(static_cast<std::int64_t>(i)), Arg::verbatim(tiers[i - 1].below->to_string())}));
  }
  if (discount.units() < 0 || discount.units() > Rate::one_units)
    return text::make(Id::pf_fee_discount_range, {Arg::verbatim(discount.to_percent_string())});
  if (minimum.is_negative()) return text::make(Id::pf_fee_minimum_negative, {Arg::verbatim(minimum.to_string())});
  return std::nullopt;
}

std::string SubscriptionFeeSchedule::validate() const {
  const auto m = validate_message();
  return m ? text::render(*m, text::Lang::en) : std::string();
}

SubscriptionFeeSchedule typical_index_fund_subscription() {
  SubscriptionFeeSchedule s;
  s.tiers = {
      {Money::of("1000000.00"), Rate::percent("1.2"), std::nullopt},
      {Money::of("5000000.00"), Rate::percent("0.8"), std::nullopt},
      {std::nullopt, std::nullopt, Money::of("1000.00")},
  };
  s.discount = Rate::ratio("0.1");
  return s;
}

std::size_t subscription_tier_for(const SubscriptionFeeSchedule& s, Money amount) {
  FINLAB_REQUIRE(!s.tiers.empty(), "subscription schedule has no tiers");
  for (std::size_t i = 0; i < s.tiers.size(); ++i) {
    if (!s.tiers[i].below || amount < *s.tiers[i].below) return i;
  }
  return s.tiers.size() - 1;
}

Result<SubscriptionQuote> quote_subscription(Money amount, Nav nav, const SubscriptionFeeSchedule& s) {
  if (!amount.is_positive()) return fail("purchase amount " + amount.to_string() + " must be positive");
  if (amount < s.minimum) return fail("purchase amount " + amount.to_string() + " is below the minimum order " + s.minimum.to_string());
  FINLAB_REQUIRE(nav.is_positive(), "quote_subscription: NAV must be positive, got " << nav.to_string());
  SubscriptionQuote q;
  q.amount = amount;
  q.nav = nav;
  q.tier = subscription_tier_for(s, amount);
  const SubscriptionTier& t = s.tiers[q.tier];
  if (t.flat) {
    if (*t.flat >= amount) {
      return fail("purchase amount " + amount.to_string() + " does not exceed the flat fee " + t.flat->to_string());
    }
    q.flat_fee = *t.flat;
    q.fee = *t.flat;
    q.net = amount - q.fee;
  } else {
    q.list_rate = *t.rate;
    q.applied_rate = times_ratio(*t.rate, s.discount);
    // net = amount / (1 + r): in fen, amount_fen × 10^10 / (10^10 + r_units)
    // (64-bit when it fits, up to about ¥9.2 million: the Monte Carlo hot path).
    const std::int64_t den = Rate::one_units + q.applied_rate.units();
    std::int64_t num64;
    if (detail::mul_fits(amount.units(), Rate::one_units, num64)) {
      q.net = Money::from_units(detail::div_round64(num64, den, s.net_rounding));
    } else {
      const money::int128 num = money::int128(amount.units()) * Rate::one_units;
      q.net = Money::from_units(money::narrow_checked(money::div_round(num, den, s.net_rounding), "subscription net"));
    }
    q.fee = amount - q.net;
  }
  q.net_rounding = s.net_rounding;
  q.share_rounding = s.share_rounding;
  q.shares = shares_for(q.net, nav, s.share_rounding);
  return q;
}

std::string SubscriptionQuote::explain() const { return text::render(explain_message(), text::Lang::en); }

text::Message SubscriptionQuote::explain_message() const {
  using text::Arg;
  using text::Id;
  const auto rounding = [](money::Rounding r) { return Arg::number(static_cast<std::int64_t>(r)); };
  text::Message fees;
  if (flat_fee) {
    fees = text::make(Id::pf_quote_flat, {Arg::verbatim(flat_fee->to_string()), Arg::verbatim(amount.to_string()), Arg::verbatim(fee.to_string()),
                                          Arg::verbatim(net.to_string())});
  } else {
    const text::Message discount = applied_rate != list_rate ? text::make(Id::pf_quote_discount, {Arg::verbatim(list_rate.to_percent_string())})
                                                             : text::make(Id::nothing, {});
    fees = text::make(Id::pf_quote_rate, {Arg::verbatim(amount.to_string()), Arg::verbatim(applied_rate.to_percent_string()), Arg::verbatim(net.to_string()),
                                          rounding(net_rounding), Arg::of(discount), Arg::verbatim(fee.to_string())});
  }
  return text::make(Id::pf_quote_shares, {Arg::of(std::move(fees)), Arg::verbatim(net.to_string()), Arg::verbatim(nav.to_string()),
                                          Arg::verbatim(shares.to_string()), rounding(share_rounding)});
}

text::Message subscription_refusal(Money amount, const SubscriptionFeeSchedule& s, const std::string& english) {
  using text::Arg;
  using text::Id;
  if (!amount.is_positive()) return text::make(Id::pf_sub_not_positive, {Arg::verbatim(amount.to_string())});
  if (amount < s.minimum) return text::make(Id::pf_sub_below_minimum, {Arg::verbatim(amount.to_string()), Arg::verbatim(s.minimum.to_string())});
  const SubscriptionTier& t = s.tiers[subscription_tier_for(s, amount)];
  if (t.flat && *t.flat >= amount) return text::make(Id::pf_sub_flat_exceeds, {Arg::verbatim(amount.to_string()), Arg::verbatim(t.flat->to_string())});
  return text::with_english(english, text::make(Id::pf_sub_failed, {}));
}

}  // namespace finlab::portfolio
