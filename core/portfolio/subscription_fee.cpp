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

std::string SubscriptionFeeSchedule::validate() const {
  std::ostringstream os;
  if (tiers.empty()) return "no tiers";
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const auto& t = tiers[i];
    const bool last = i + 1 == tiers.size();
    if (t.rate.has_value() == t.flat.has_value()) {
      os << "tier " << i + 1 << ": give exactly one of a rate or a flat fee";
      return os.str();
    }
    if (t.rate && (t.rate->units() < 0 || t.rate->units() >= Rate::one_units)) {
      os << "tier " << i + 1 << ": rate " << t.rate->to_percent_string() << "% is not in [0%, 100%)";
      return os.str();
    }
    if (t.flat && t.flat->is_negative()) {
      os << "tier " << i + 1 << ": flat fee " << t.flat->to_string() << " is negative";
      return os.str();
    }
    if (last && t.below) {
      os << "tier " << i + 1 << ": the last tier must have no upper bound (`below`)";
      return os.str();
    }
    if (!last && !t.below) {
      os << "tier " << i + 1 << ": only the last tier may be unbounded";
      return os.str();
    }
    if (!last && !t.below->is_positive()) {
      os << "tier " << i + 1 << ": `below` " << t.below->to_string() << " must be positive";
      return os.str();
    }
    if (i > 0 && t.below && *t.below <= *tiers[i - 1].below) {
      os << "tier " << i + 1 << ": `below` " << t.below->to_string() << " is not above tier " << i << "'s "
         << tiers[i - 1].below->to_string();
      return os.str();
    }
  }
  if (discount.units() < 0 || discount.units() > Rate::one_units) {
    os << "discount " << discount.to_percent_string() << "% is not in [0%, 100%]";
    return os.str();
  }
  if (minimum.is_negative()) return "minimum order " + minimum.to_string() + " is negative";
  return {};
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
  return text::make(Id::pf_error_text, {Arg::verbatim(english)});
}

}  // namespace finlab::portfolio
