#include "core/portfolio/redemption_fee.hpp"

#include <sstream>

namespace finlab::portfolio {

using money::Rate;

std::optional<text::Message> RedemptionFeeSchedule::validate_message() const {
  using text::Arg;
  using text::Id;
  if (tiers.empty()) return text::make(Id::pf_fee_no_tiers, {});
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const auto& t = tiers[i];
    const bool last = i + 1 == tiers.size();
    const auto at_tier = [&](text::Message what) {
      return text::make(Id::pf_fee_tier, {Arg::number(static_cast<std::int64_t>(i + 1)), Arg::of(std::move(what))});
    };
    if (t.rate.units() < 0 || t.rate.units() >= Rate::one_units)
      return at_tier(text::make(Id::pf_fee_rate_range, {Arg::verbatim(t.rate.to_percent_string())}));
    if (t.to_fund_assets.units() < 0 || t.to_fund_assets.units() > Rate::one_units)
      return at_tier(text::make(Id::pf_fee_to_assets_range, {Arg::verbatim(t.to_fund_assets.to_percent_string())}));
    if (last && t.held_days_below) return at_tier(text::make(Id::pf_fee_last_unbounded_held, {Arg::verbatim("held_days_below")}));
    if (!last && !t.held_days_below) return at_tier(text::make(Id::pf_fee_only_last_unbounded, {}));
    if (!last && *t.held_days_below <= 0)
      return at_tier(text::make(Id::pf_fee_bound_positive, {Arg::verbatim("held_days_below"), Arg::verbatim(std::to_string(*t.held_days_below))}));
    if (i > 0 && t.held_days_below && *t.held_days_below <= *tiers[i - 1].held_days_below)
      return at_tier(text::make(Id::pf_fee_bound_not_above,
                                {Arg::verbatim("held_days_below"), Arg::verbatim(std::to_string(*t.held_days_below)),
                                 Arg::number(static_cast<std::int64_t>(i)), Arg::verbatim(std::to_string(*tiers[i - 1].held_days_below))}));
  }
  return std::nullopt;
}

std::string RedemptionFeeSchedule::validate() const {
  const auto m = validate_message();
  return m ? text::render(*m, text::Lang::en) : std::string();
}

RedemptionFeeSchedule typical_index_fund_redemption() {
  RedemptionFeeSchedule s;
  s.tiers = {
      {7, Rate::percent("1.5"), Rate::percent("100")},
      {365, Rate::percent("0.5"), Rate::percent("25")},
      {730, Rate::percent("0.25"), Rate::percent("25")},
      {std::nullopt, Rate::percent("0"), Rate::percent("0")},
  };
  return s;
}

RedemptionRate redemption_rate(const RedemptionFeeSchedule& s, int held_days, time::Date trade_date) {
  FINLAB_REQUIRE(!s.tiers.empty(), "redemption schedule has no tiers");
  FINLAB_REQUIRE(held_days >= 0, "redemption_rate: held days " << held_days << " is negative");
  RedemptionRate r;
  r.tier = s.tiers.size() - 1;
  for (std::size_t i = 0; i < s.tiers.size(); ++i) {
    if (!s.tiers[i].held_days_below || held_days < *s.tiers[i].held_days_below) {
      r.tier = i;
      break;
    }
  }
  r.rate = s.tiers[r.tier].rate;
  r.to_fund_assets = s.tiers[r.tier].to_fund_assets;
  if (s.csrc_short_hold_floor && held_days < kShortHoldDays && trade_date >= s.floor_effective_from) {
    const Rate all = Rate::from_units(Rate::one_units);
    r.rate_raised = r.rate < short_hold_minimum_rate();
    r.floor_applied = r.rate_raised || r.to_fund_assets != all;
    if (r.rate_raised) r.rate = short_hold_minimum_rate();
    r.to_fund_assets = all;
  }
  return r;
}

std::string describe(const RedemptionFeeSchedule& s, const RedemptionRate& r, int held_days) {
  return text::render(describe_message(s, r, held_days), text::Lang::en);
}

text::Message describe_message(const RedemptionFeeSchedule& s, const RedemptionRate& r, int held_days) {
  using text::Arg;
  using text::Id;
  const text::Message none = text::make(Id::nothing, {});
  text::Message tier = none, raised = none, assets = none;
  if (r.tier < s.tiers.size() && s.tiers[r.tier].held_days_below) tier = text::make(Id::pf_held_tier, {Arg::number(*s.tiers[r.tier].held_days_below)});
  if (r.rate_raised) raised = text::make(Id::pf_held_raised, {Arg::verbatim(s.tiers[r.tier].rate.to_percent_string(2))});
  if (s.csrc_short_hold_floor && held_days < kShortHoldDays && r.to_fund_assets == Rate::from_units(Rate::one_units) &&
      (r.floor_applied || r.rate == short_hold_minimum_rate())) {
    assets = text::make(Id::pf_held_csrc, {});
  } else if (r.rate.units() > 0) {
    assets = text::make(Id::pf_held_to_assets, {Arg::verbatim(r.to_fund_assets.to_percent_string())});
  }
  return text::make(Id::pf_held, {Arg::number(held_days), Arg::of(std::move(tier)), Arg::verbatim(r.rate.to_percent_string(2)), Arg::of(std::move(raised)),
                                  Arg::of(std::move(assets))});
}

}  // namespace finlab::portfolio
