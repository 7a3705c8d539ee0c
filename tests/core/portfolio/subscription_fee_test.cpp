#include <catch2/catch.hpp>

#include "core/portfolio/subscription_fee.hpp"

using namespace finlab;
using money::Money;
using money::Rate;
using portfolio::Nav;

namespace {
portfolio::SubscriptionFeeSchedule flat_rate(const char* percent) {
  portfolio::SubscriptionFeeSchedule s;
  s.tiers = {{std::nullopt, Rate::percent(percent), std::nullopt}};
  return s;
}
}  // namespace

TEST_CASE("Subscription fee matches hand-worked prospectus examples (外扣法, half-up)", "[portfolio][fee][subscription]") {
  struct Row {
    const char* amount;
    const char* rate;
    const char* nav;
    const char* net;
    const char* fee;
    const char* shares;
    const char* source;
  };
  const Row rows[] = {
      // Prospectus clause "申购费用=申购金额-净申购金额 ... 例：某投资人投资10万元 ... 1.2% ... 1.1800元",
      // lawinsider.com/zh/clause/申购费用-申购金额-净申购金额/_4
      {"100000.00", "1.2", "1.1800", "98814.23", "1185.77", "83740.87", "lawinsider 申购费用-申购金额-净申购金额 _4"},
      // Same page, second contract: 1.5%, NAV 1.0170
      {"100000.00", "1.5", "1.0170", "98522.17", "1477.83", "96875.29", "lawinsider _4 (1.5%, 1.0170)"},
      // ... and NAV 1.0168
      {"100000.00", "1.5", "1.0168", "98522.17", "1477.83", "96894.35", "lawinsider _4 (1.5%, 1.0168)"},
      // 18 contracts: "某投资者投资5,000元申购本基金，对应费率为1.2%，假设申购当日基金份额净值为1.1280元"
      {"5000.00", "1.2", "1.1280", "4940.71", "59.29", "4380.06", "lawinsider 申购费用申购金额-净申购金额 _3"},
      // "例4：某投资人投资1万元申购本基金A类 ... 0.80% ... 1.0025元", lawinsider 计算举例 _1
      {"10000.00", "0.8", "1.0025", "9920.63", "79.37", "9895.89", "lawinsider 计算举例 _1"},
      {"10000.00", "1.5", "1.0025", "9852.22", "147.78", "9827.65", "lawinsider 计算举例 _1 (1.50%)"},
      // Q&A page: 10000 at 1.5%, NAV 1.0150: 9852.22 / 147.78 / 9706.62, cfg88.com/wenda/detail-1813084.html
      {"10000.00", "1.5", "1.0150", "9852.22", "147.78", "9706.62", "cfg88 detail-1813084"},
      // 场外 part of the 场内 example: 10,000 at 1.2%, NAV 1.0250 -> 9881.42 / 118.58 / 9640.41
      {"10000.00", "1.2", "1.0250", "9881.42", "118.58", "9640.41", "lawinsider 申购费用申购金额-净申购金额 _9"},
  };
  for (const auto& r : rows) {
    INFO(r.source);
    auto q = portfolio::quote_subscription(Money::of(r.amount), Nav::of(r.nav), flat_rate(r.rate));
    REQUIRE(q.ok());
    CHECK(q->net.to_string() == r.net);
    CHECK(q->fee.to_string() == r.fee);
    CHECK(q->shares.to_string() == r.shares);
    CHECK(q->net + q->fee == Money::of(r.amount));
  }
}

TEST_CASE("Subscription tiers are chosen by the gross amount, flat tiers charge per order", "[portfolio][fee][subscription]") {
  auto s = portfolio::typical_index_fund_subscription();
  s.discount = Rate::ratio("1");  // list rates
  CHECK(portfolio::subscription_tier_for(s, Money::of("999999.99")) == 0);
  CHECK(portfolio::subscription_tier_for(s, Money::of("1000000.00")) == 1);
  CHECK(portfolio::subscription_tier_for(s, Money::of("4999999.99")) == 1);
  CHECK(portfolio::subscription_tier_for(s, Money::of("5000000.00")) == 2);

  SECTION("second tier: 2,000,000 at 0.8%, NAV 1.0000") {
    auto q = portfolio::quote_subscription(Money::of("2000000.00"), Nav::of("1.0000"), s).value();
    // 2,000,000 / 1.008 = 1,984,126.984... -> 1,984,126.98
    CHECK(q.net.to_string() == "1984126.98");
    CHECK(q.fee.to_string() == "15873.02");
    CHECK(q.shares.to_string() == "1984126.98");
  }
  SECTION("flat tier: 6,000,000 pays 1,000.00; the platform discount does not apply to it") {
    s.discount = Rate::ratio("0.1");
    auto q = portfolio::quote_subscription(Money::of("6000000.00"), Nav::of("1.2000"), s).value();
    CHECK(q.flat_fee.has_value());
    CHECK(q.fee.to_string() == "1000.00");
    CHECK(q.net.to_string() == "5999000.00");
    CHECK(q.shares.to_string() == "4999166.67");  // 5,999,000 / 1.2 = 4,999,166.666...
    CHECK_THAT(q.explain(), Catch::Matchers::Contains("flat fee 1000.00"));
  }
}

TEST_CASE("A platform discount multiplies the list rate (1.2% at 1折 = 0.12%)", "[portfolio][fee][subscription]") {
  auto s = portfolio::typical_index_fund_subscription();
  auto q = portfolio::quote_subscription(Money::of("1000.00"), Nav::of("1.0000"), s).value();
  CHECK(q.list_rate == Rate::percent("1.2"));
  CHECK(q.applied_rate == Rate::percent("0.12"));
  // 1000 / 1.0012 = 998.801438... -> 998.80; fee 1.20
  CHECK(q.net.to_string() == "998.80");
  CHECK(q.fee.to_string() == "1.20");
  CHECK(q.shares.to_string() == "998.80");
  CHECK(q.explain() ==
        "net = 1000.00 / (1 + 0.12%) = 998.80 (half-up) [list rate 1.2% after the platform discount]; fee = 1000.00 − 998.80 = 1.20; "
        "shares = 998.80 / 1.0000 = 998.80 (half-up)");
}

TEST_CASE("Share rounding can be truncation (舍去尾数, the residue goes to fund assets)", "[portfolio][fee][subscription]") {
  auto s = flat_rate("1.2");
  s.share_rounding = money::Rounding::truncate;
  // net = 1000 / 1.012 = 988.14; 988.14 / 1.0007 = 987.4488... -> 987.44 truncated, 987.45 half-up
  auto t = portfolio::quote_subscription(Money::of("1000.00"), Nav::of("1.0007"), s).value();
  CHECK(t.shares.to_string() == "987.44");
  s.share_rounding = money::Rounding::half_up;
  auto h = portfolio::quote_subscription(Money::of("1000.00"), Nav::of("1.0007"), s).value();
  CHECK(h.shares.to_string() == "987.45");
}

TEST_CASE("Bad purchases are refused with the reason", "[portfolio][fee][subscription][errors]") {
  auto s = portfolio::typical_index_fund_subscription();
  CHECK_THAT(portfolio::quote_subscription(Money::of("0.00"), Nav::of("1.0000"), s).error(), Catch::Matchers::Contains("must be positive"));
  CHECK_THAT(portfolio::quote_subscription(Money::of("-5.00"), Nav::of("1.0000"), s).error(), Catch::Matchers::Contains("must be positive"));
  s.minimum = Money::of("10.00");
  CHECK_THAT(portfolio::quote_subscription(Money::of("9.99"), Nav::of("1.0000"), s).error(), Catch::Matchers::Contains("below the minimum order 10.00"));
  portfolio::SubscriptionFeeSchedule flat;
  flat.tiers = {{std::nullopt, std::nullopt, Money::of("1000.00")}};
  CHECK_THAT(portfolio::quote_subscription(Money::of("1000.00"), Nav::of("1.0000"), flat).error(), Catch::Matchers::Contains("flat fee"));
}

TEST_CASE("Malformed fee schedules are described", "[portfolio][fee][subscription][errors]") {
  portfolio::SubscriptionFeeSchedule s;
  CHECK(s.validate() == "no tiers");
  s.tiers = {{Money::of("100.00"), Rate::percent("1"), std::nullopt}};
  CHECK(s.validate() == "tier 1: the last tier must have no upper bound (`below`)");
  s.tiers = {{Money::of("100.00"), Rate::percent("1"), std::nullopt}, {Money::of("50.00"), Rate::percent("1"), std::nullopt},
             {std::nullopt, Rate::percent("1"), std::nullopt}};
  CHECK(s.validate() == "tier 2: `below` 50.00 is not above tier 1's 100.00");
  s.tiers = {{std::nullopt, Rate::percent("1"), Money::of("1.00")}};
  CHECK(s.validate() == "tier 1: give exactly one of a rate or a flat fee");
  CHECK(portfolio::typical_index_fund_subscription().validate().empty());
}
