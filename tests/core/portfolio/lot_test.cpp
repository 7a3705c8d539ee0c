#include <catch2/catch.hpp>

#include "core/portfolio/lot.hpp"

using namespace finlab;
using money::Money;
using money::Rate;
using money::Shares;
using portfolio::Nav;
using time::Date;

TEST_CASE("A lot's holding period counts calendar days from confirmation", "[portfolio][lot]") {
  const portfolio::Lot lot{time::Date::of("2015-05-13"), money::Shares::of("1000.00")};
  CHECK(portfolio::holding_days(lot, time::Date::of("2015-05-13")) == 0);
  CHECK(portfolio::holding_days(lot, time::Date::of("2015-05-20")) == 7);
  CHECK_THROWS(portfolio::holding_days(lot, time::Date::of("2015-05-12")));
}

TEST_CASE("Redemption fee per prospectus: gross, fee and net rounded half-up to the fen", "[portfolio][fee][redemption]") {
  portfolio::RedemptionFeeSchedule flat;
  flat.tiers = {{std::nullopt, Rate::percent("0.5"), Rate::percent("25")}};
  portfolio::LotBook book;
  SECTION("9,677.41 shares at 1.1168, 0.5%: fee 54.04, net 10,753.69 (1mt.cn/366058, 例一)") {
    book.add({Date::of("2015-01-05"), Shares::of("9677.41"), 1});
    auto r = book.redeem(Shares::of("9677.41"), Nav::of("1.1168"), Date::of("2015-09-01"), Date::of("2015-09-02"), flat).value();
    CHECK(r.gross.to_string() == "10807.73");
    CHECK(r.fee.to_string() == "54.04");
    CHECK(r.net.to_string() == "10753.69");
    CHECK(r.fee_to_fund_assets.to_string() == "13.51");  // 25% of 54.04 = 13.51
  }
  SECTION("10,000 shares at 1.05, 0.5%: 10,500.00 − 52.50 = 10,447.50 (ti.zuoweng.com/ti/eog9KKKQ)") {
    book.add({Date::of("2015-01-05"), Shares::of("10000.00"), 1});
    auto r = book.redeem(Shares::of("10000.00"), Nav::of("1.0500"), Date::of("2015-09-01"), Date::of("2015-09-02"), flat).value();
    CHECK(r.gross.to_string() == "10500.00");
    CHECK(r.fee.to_string() == "52.50");
    CHECK(r.net.to_string() == "10447.50");
    CHECK(book.empty());
  }
}

TEST_CASE("Redemptions take the oldest lots first, each with its own holding-period rate", "[portfolio][lot][redemption][fifo]") {
  auto fees = portfolio::typical_index_fund_redemption();  // <7d 1.5%, <365d 0.5%, <730d 0.25%, then 0
  portfolio::LotBook book;
  book.add({Date::of("2018-01-03"), Shares::of("1000.00"), 1, Date::of("2018-01-02")});
  book.add({Date::of("2019-02-01"), Shares::of("500.00"), 2, Date::of("2019-01-31")});
  book.add({Date::of("2020-06-02"), Shares::of("300.00"), 3, Date::of("2020-06-01")});
  // Redeem Thu 2020-06-04 (T), confirmed Fri 2020-06-05: lot 1 held 884 days (0%), lot 2 held 490 days (0.25%),
  // lot 3 held 3 days (1.5%, all to fund assets).
  auto r = book.redeem(Shares::of("1700.00"), Nav::of("1.5000"), Date::of("2020-06-04"), Date::of("2020-06-05"), fees).value();
  REQUIRE(r.lots.size() == 3);
  CHECK(r.lots[0].lot_id == 1);
  CHECK(r.lots[0].held_days == 884);
  CHECK(r.lots[0].fee.to_string() == "0.00");
  CHECK(r.lots[1].held_days == 490);
  CHECK(r.lots[1].gross.to_string() == "750.00");
  CHECK(r.lots[1].fee.to_string() == "1.88");  // 750 × 0.25% = 1.875 -> 1.88
  CHECK(r.lots[2].shares.to_string() == "200.00");
  CHECK(r.lots[2].held_days == 3);
  CHECK(r.lots[2].gross.to_string() == "300.00");
  CHECK(r.lots[2].fee.to_string() == "4.50");
  CHECK(r.lots[2].fee_to_fund_assets.to_string() == "4.50");
  CHECK(r.gross.to_string() == "2550.00");
  CHECK(r.fee.to_string() == "6.38");
  CHECK(r.net.to_string() == "2543.62");
  CHECK(book.total().to_string() == "100.00");
  CHECK(book.lot_count() == 1);
  CHECK(book.lots()[0].id == 3);
}

TEST_CASE("The 2017 CSRC minimum: at least 1.5% under 7 days, all to fund assets, from 2018-03-31", "[portfolio][fee][redemption][csrc]") {
  portfolio::RedemptionFeeSchedule lax;  // a pre-2018 style schedule: 0.5% under 1 year, 25% to assets
  lax.tiers = {{365, Rate::percent("0.5"), Rate::percent("25")}, {std::nullopt, Rate::percent("0"), Rate::percent("0")}};
  SECTION("6 days held after the rule: raised to 1.5%, 100% to assets") {
    auto r = portfolio::redemption_rate(lax, 6, Date::of("2018-04-02"));
    CHECK(r.rate == Rate::percent("1.5"));
    CHECK(r.to_fund_assets == Rate::percent("100"));
    CHECK(r.rate_raised);
    CHECK(portfolio::describe(lax, r, 6) ==
          "held 6 days (< 365): 1.50% (raised from 0.50% to the minimum for holdings under 7 days), all credited to fund "
          "assets (CSRC 2017 liquidity rules, Art. 23)");
  }
  SECTION("7 days held is not short") {
    auto r = portfolio::redemption_rate(lax, 7, Date::of("2018-04-02"));
    CHECK(r.rate == Rate::percent("0.5"));
    CHECK_FALSE(r.floor_applied);
    CHECK(portfolio::describe(lax, r, 7) == "held 7 days (< 365): 0.50%, 25% of it credited to fund assets");
  }
  SECTION("before 2018-03-31 the schedule's own rate applies") {
    auto r = portfolio::redemption_rate(lax, 2, Date::of("2018-03-30"));
    CHECK(r.rate == Rate::percent("0.5"));
    CHECK_FALSE(r.floor_applied);
  }
  SECTION("a fund may charge more than the minimum") {
    portfolio::RedemptionFeeSchedule steep;
    steep.tiers = {{7, Rate::percent("2"), Rate::percent("50")}, {std::nullopt, Rate::percent("0"), Rate::percent("0")}};
    auto r = portfolio::redemption_rate(steep, 0, Date::of("2020-01-02"));
    CHECK(r.rate == Rate::percent("2"));
    CHECK(r.to_fund_assets == Rate::percent("100"));
  }
  SECTION("a week from Monday to Monday: confirmed Tue, redeemed Mon, confirmed Tue = 7 days, no short-hold fee") {
    portfolio::LotBook book;
    book.add({Date::of("2019-06-11"), Shares::of("100.00"), 1, Date::of("2019-06-10")});
    auto fees = portfolio::typical_index_fund_redemption();
    auto r = book.redeem(Shares::of("100.00"), Nav::of("1.0000"), Date::of("2019-06-17"), Date::of("2019-06-18"), fees).value();
    CHECK(r.lots[0].held_days == 7);
    CHECK(r.fee.to_string() == "0.50");
  }
}

TEST_CASE("Redeeming more than the confirmed shares is refused and changes nothing", "[portfolio][lot][errors]") {
  auto fees = portfolio::typical_index_fund_redemption();
  portfolio::LotBook book;
  book.add({Date::of("2019-06-11"), Shares::of("100.00"), 1});
  book.add({Date::of("2019-06-13"), Shares::of("50.00"), 2});  // bought on 06-12, not yet confirmed on T = 06-12
  auto r = book.redeem(Shares::of("120.00"), Nav::of("1.0000"), Date::of("2019-06-12"), Date::of("2019-06-13"), fees);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "redeem 120.00 shares on 2019-06-12: only 100.00 confirmed shares are held");
  CHECK(book.total().to_string() == "150.00");
  CHECK_FALSE(book.redeem(Shares::of("0.00"), Nav::of("1.0000"), Date::of("2019-06-14"), Date::of("2019-06-17"), fees).ok());
  CHECK_THROWS(book.add({Date::of("2019-06-12"), Shares::of("1.00"), 3}));  // out of FIFO order
}
