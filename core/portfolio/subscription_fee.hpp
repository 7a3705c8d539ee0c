// Front-end subscription fee (前端申购费) of a NAV-based fund, computed the way
// Chinese funds have since 2007 (外扣法, "charged on top"):
//   净申购金额 net   = amount / (1 + rate)      rounded to the fen
//   申购费用   fee   = amount − net             (so amount == net + fee exactly)
//   申购份额   shares = net / NAV(T)             rounded to 0.01 share
// or, for a flat tier (按笔收取, e.g. ¥1,000 per order at ≥ ¥5,000,000):
//   fee = flat, net = amount − fee.
// Tiers are chosen by the order amount (申购金额 M, fee included). A platform
// discount (e.g. "1折" = 10% of the list rate) multiplies percentage tiers only;
// flat fees are not discounted. Rounding rules and sources: docs/portfolio.md §2.
// Not here: back-end (后端) fees, sales-service fees of C classes, NAV lookup.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/money/rate.hpp"
#include "core/portfolio/nav.hpp"
#include "core/result.hpp"
#include "core/text/messages.hpp"

namespace finlab::portfolio {

struct SubscriptionTier {
  std::optional<money::Money> below;  // applies when amount < below; nullopt: no upper bound (last tier)
  std::optional<money::Rate> rate;    // a percentage tier (list rate, before discount) ...
  std::optional<money::Money> flat;   // ... or a fixed fee per order
};

struct SubscriptionFeeSchedule {
  std::vector<SubscriptionTier> tiers;                              // ascending `below`; the last is unbounded
  money::Rate discount = money::Rate::from_units(money::Rate::one_units);  // multiplier on rate tiers: 0.1 = 1折
  money::Rounding net_rounding = money::Rounding::half_up;          // 净申购金额 to the fen
  money::Rounding share_rounding = money::Rounding::half_up;        // 申购份额 to 0.01
  money::Money minimum = money::Money::from_units(100);             // smallest order accepted (¥1.00 default)

  // Empty string when the schedule is well formed, else what is wrong
  // ("tier 2: `below` 100.00 is not above tier 1's 1000000.00").
  std::string validate() const;  // empty when well formed, else what is wrong in English
  std::optional<text::Message> validate_message() const;  // the same, to be said in any language
};

// The typical broad-index fund of 2015: 1.2% below ¥1M, 0.8% below ¥5M, ¥1,000
// per order above, sold online at 1折 (0.12%). docs/portfolio.md §2 cites it.
SubscriptionFeeSchedule typical_index_fund_subscription();

struct SubscriptionQuote {
  money::Money amount;                // 申购金额 (what the investor pays)
  std::size_t tier = 0;               // index of the tier used
  money::Rate list_rate;              // zero for a flat tier
  money::Rate applied_rate;           // list_rate × discount, exact in 10^-10
  std::optional<money::Money> flat_fee;
  money::Money net;                   // 净申购金额
  money::Money fee;                   // 申购费用 = amount − net
  Nav nav;                            // NAV of the trade date T
  money::Shares shares;               // 申购份额
  money::Rounding net_rounding = money::Rounding::half_up;
  money::Rounding share_rounding = money::Rounding::half_up;
  // The computation in words with the numbers, e.g.
  // "net = 100000.00 / (1 + 1.2%) = 98814.23 (half_up); fee = 100000.00 − 98814.23 = 1185.77; shares = 98814.23 / 1.1800 = 83740.87 (half_up)".
  std::string explain() const;
  text::Message explain_message() const;  // the same as a catalog message (explain() is its English)
};

// The rate (or flat fee) tier for `amount`; amount must be positive.
std::size_t subscription_tier_for(const SubscriptionFeeSchedule& s, money::Money amount);

// A purchase of `amount` at `nav`. Fails (with the reason) for amount ≤ 0,
// amount below the minimum, or a flat fee that would eat the whole amount.
Result<SubscriptionQuote> quote_subscription(money::Money amount, Nav nav, const SubscriptionFeeSchedule& s);
// Why quote_subscription refused `amount`, as a catalog message (`english` is its error, kept as the English if no case matches).
text::Message subscription_refusal(money::Money amount, const SubscriptionFeeSchedule& s, const std::string& english);

// rate × multiplier, half-up to 10^-10 (exact for any discount with ≤ 10 decimals
// times a rate with ≤ 10 decimals whose product fits).
money::Rate times_ratio(money::Rate rate, money::Rate multiplier);

}  // namespace finlab::portfolio
