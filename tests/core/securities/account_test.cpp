// Known-answer tests of the account: T+1, same-day reuse and T+1 withdrawal of
// sale proceeds, lots and odd lots, the matching model, an ex-dividend day with
// bonus shares and FIFO dividend tax by holding period. Every expected figure is
// worked by hand in the comment next to it from the rules in
// assets/securities/rules.json (DOMAIN_SECURITIES.md part A, sources [n]).
#include <catch2/catch.hpp>

#include "core/securities/account.hpp"

using namespace finlab;
using namespace finlab::securities;
using money::Money;
using time::Date;

namespace {

const RuleBook& rb() { return RuleBook::builtin(); }

struct Book {
  Account acct{RuleBook::builtin(), time::TradingCalendar::builtin(), AccountSettings{}};
};

MarketDay day(const char* code, const char* date, const char* o, const char* h, const char* l, const char* c, std::int64_t vol, const char* ref,
              int day_index = 0) {
  MarketDay d;
  d.bar = Bar{Date::of(date), Money::of(o), Money::of(h), Money::of(l), Money::of(c), vol};
  d.reference = Money::of(ref);
  d.band = rb().limit_band(rb().stock(code).value(), Date::of(date), d.reference, day_index);
  return d;
}
// A quiet day around 10.00.
MarketDay flat(const char* code, const char* date, const char* price = "10.00") { return day(code, date, price, price, price, price, 10'000'000, price); }

Order order(const char* date, const char* code, Side side, std::int64_t shares, const char* price, Session session = Session::continuous,
            OrderType type = OrderType::limit) {
  Order o;
  o.id = std::string(code) + "-" + date;
  o.date = Date::of(date);
  o.code = code;
  o.side = side;
  o.shares = shares;
  o.type = type;
  o.session = session;
  if (type == OrderType::limit) o.limit_price = Money::of(price);
  return o;
}

}  // namespace

TEST_CASE("T+1: shares bought today are refused for sale today and sellable the next trading day", "[securities][account][t1]") {
  Book b;
  b.acct.deposit(Date::of("2023-09-04"), Money::of("100000.00"));
  const MarketDay d1 = day("600000", "2023-09-04", "7.00", "7.10", "6.90", "7.05", 10'000'000, "7.00");
  const Transaction& buy = b.acct.submit(order("2023-09-04", "600000", Side::buy, 1000, "7.10"), d1);
  REQUIRE(buy.kind == TxKind::buy);
  // limit 7.10 >= open 7.00: filled at the open. 7,000.00 + commission 5.00 (1.75 < 5) + transfer 0.001% = 0.07
  CHECK(buy.price == Money::of("7.00"));
  CHECK(b.acct.cash() == Money::of("92994.93"));

  const Transaction& same_day = b.acct.submit(order("2023-09-04", "600000", Side::sell, 1000, "7.00"), d1);
  CHECK(same_day.kind == TxKind::refused);
  CHECK(same_day.refusal == Refusal::t_plus_1);
  CHECK_THAT(same_day.why_en, Catch::Contains("T+1"));
  CHECK_THAT(same_day.why_zh, Catch::Contains("下一交易日"));

  const MarketDay d2 = day("600000", "2023-09-05", "7.05", "7.20", "7.00", "7.10", 10'000'000, "7.05");
  const Transaction& sell = b.acct.submit(order("2023-09-05", "600000", Side::sell, 1000, "7.00"), d2);
  REQUIRE(sell.kind == TxKind::sell);
  // 7,050.00 - commission 5.00 - stamp 0.05% 3.525 -> 3.53 - transfer 0.0705 -> 0.07 = 7,041.40; cost 7,005.07
  CHECK(sell.amount == Money::of("7041.40"));
  CHECK(sell.realised == Money::of("36.33"));
  CHECK(b.acct.cash() == Money::of("100036.33"));

  SECTION("sale proceeds buy again the same day") {
    // 13,500 x 7.05 = 95,175.00 + commission 23.79375 -> 23.79 + transfer 0.95175 -> 0.95 = 95,199.74 (> cash before the sale)
    const Transaction& again = b.acct.submit(order("2023-09-05", "600000", Side::buy, 13500, "7.05"), d2);
    REQUIRE(again.kind == TxKind::buy);
    CHECK(b.acct.cash() == Money::of("4836.59"));
  }
  SECTION("sale proceeds are withdrawable from the next trading day") {
    CHECK(b.acct.withdrawable(Date::of("2023-09-05")) == Money::of("92994.93"));
    CHECK_FALSE(b.acct.withdraw(Date::of("2023-09-05"), Money::of("95000.00")));
    CHECK(b.acct.journal().back().refusal == Refusal::insufficient_cash);
    CHECK(b.acct.withdrawable(Date::of("2023-09-06")) == Money::of("100036.33"));
    CHECK(b.acct.withdraw(Date::of("2023-09-06"), Money::of("100036.33")));
    CHECK(b.acct.cash() == Money());
  }
}

TEST_CASE("Lots: buys in 100s (STAR 200 then 1), and odd lots are sold whole", "[securities][account][lots]") {
  Book b;
  b.acct.deposit(Date::of("2016-05-03"), Money::of("100000.00"));
  SECTION("main board buys in multiples of 100") {
    CHECK(b.acct.submit(order("2016-05-03", "600000", Side::buy, 150, "10.00"), flat("600000", "2016-05-03")).refusal == Refusal::lot_size);
    CHECK(b.acct.submit(order("2016-05-03", "600000", Side::buy, 200, "10.00"), flat("600000", "2016-05-03")).kind == TxKind::buy);
  }
  SECTION("an odd lot after bonus shares must be sold in one order") {
    b.acct.submit(order("2016-05-03", "600000", Side::buy, 1000, "10.00"), flat("600000", "2016-05-03"));
    b.acct.apply({"600000", Date::of("2016-05-10"), PerTen(), PerTen::of("0.5"), PerTen()});  // 送0.5股 per 10: +50
    REQUIRE(b.acct.positions().at("600000").shares() == 1050);
    const MarketDay d = flat("600000", "2016-05-11");
    CHECK(b.acct.submit(order("2016-05-11", "600000", Side::sell, 1030, "10.00"), d).refusal == Refusal::odd_lot);
    CHECK(b.acct.submit(order("2016-05-11", "600000", Side::sell, 1020, "10.00"), d).refusal == Refusal::odd_lot);
    CHECK(b.acct.submit(order("2016-05-11", "600000", Side::sell, 50, "10.00"), d).kind == TxKind::sell);
    CHECK(b.acct.submit(order("2016-05-11", "600000", Side::sell, 1000, "10.00"), d).kind == TxKind::sell);
    CHECK(b.acct.positions().count("600000") == 0);
  }
  SECTION("STAR: at least 200 then steps of 1; below 200 the remainder is sold whole") {
    const MarketDay d = day("688981", "2021-03-01", "60.00", "61.00", "59.00", "60.00", 1'000'000, "60.00");
    CHECK(b.acct.submit(order("2021-03-01", "688981", Side::buy, 199, "60.00"), d).refusal == Refusal::lot_size);
    CHECK(b.acct.submit(order("2021-03-01", "688981", Side::buy, 250, "60.00"), d).kind == TxKind::buy);
    const MarketDay d2 = day("688981", "2021-03-02", "60.00", "61.00", "59.00", "60.00", 1'000'000, "60.00");
    CHECK(b.acct.submit(order("2021-03-02", "688981", Side::sell, 100, "60.00"), d2).refusal == Refusal::odd_lot);
    CHECK(b.acct.submit(order("2021-03-02", "688981", Side::sell, 201, "60.00"), d2).kind == TxKind::sell);
    CHECK(b.acct.submit(order("2021-03-02", "688981", Side::sell, 49, "60.00"), d2).kind == TxKind::sell);
  }
}

TEST_CASE("Matching against the daily bar: auctions, continuous, limits, cage, volume cap, refusals", "[securities][account][matching]") {
  Book b;
  b.acct.deposit(Date::of("2018-08-17"), Money::of("1000000.00"));
  const MarketDay d = day("600000", "2018-08-17", "10.00", "10.50", "9.80", "10.20", 10'000'000, "10.00");
  SECTION("opening auction fills at the open, or not at all") {
    const Transaction& t = b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "10.00", Session::opening_auction), d);
    CHECK(t.price == Money::of("10.00"));
    CHECK(b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "9.99", Session::opening_auction), d).refusal == Refusal::price_not_reached);
  }
  SECTION("continuous: a limit below the open fills at the limit when the low reaches it") {
    CHECK(b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "9.90"), d).price == Money::of("9.90"));
    const Transaction& t = b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "9.79"), d);
    CHECK(t.refusal == Refusal::price_not_reached);
    CHECK_THAT(t.why_en, Catch::Contains("9.80..10.50"));
  }
  SECTION("closing auction: none on SSE before 2018-08-20, the close from then") {
    CHECK(b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "10.30", Session::closing_auction), d).refusal == Refusal::no_session);
    const MarketDay d20 = day("600000", "2018-08-20", "10.20", "10.40", "10.00", "10.30", 10'000'000, "10.20");
    CHECK(b.acct.submit(order("2018-08-20", "600000", Side::buy, 100, "10.30", Session::closing_auction), d20).price == Money::of("10.30"));
  }
  SECTION("orders outside the day's limits are refused") {
    // 10.00 x 1.1 = 11.00
    const Transaction& t = b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "11.01"), d);
    CHECK(t.refusal == Refusal::outside_limit);
    CHECK_THAT(t.why_en, Catch::Contains("9.00..11.00"));
  }
  SECTION("a one-price day at limit-up fills no buys") {
    const MarketDay locked = day("600000", "2018-08-17", "11.00", "11.00", "11.00", "11.00", 1'000'000, "10.00");
    CHECK(b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "11.00"), locked).refusal == Refusal::locked_at_limit);
  }
  SECTION("market orders: continuous only, filled at the open") {
    CHECK(b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "", Session::opening_auction, OrderType::market), d).refusal ==
          Refusal::market_order_session);
    CHECK(b.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "", Session::continuous, OrderType::market), d).price == Money::of("10.00"));
  }
  SECTION("fills are capped at 10% of the day's volume and the rest is cancelled") {
    const MarketDay thin = day("600000", "2018-08-17", "10.00", "10.50", "9.80", "10.20", 5'000, "10.00");
    const Transaction& t = b.acct.submit(order("2018-08-17", "600000", Side::buy, 1000, "10.00"), thin);
    CHECK(t.shares == 500);
    CHECK_THAT(t.why_en, Catch::Contains("partly filled 500 of 1000"));
  }
  SECTION("insufficient cash is refused before matching") {
    Book poor;
    poor.acct.deposit(Date::of("2018-08-17"), Money::of("1000.00"));
    // 100 x 10.00 + 5.00 + transfer 0.002% of 1,000.00 = 0.02 -> 1,005.02 > 1,000.00 (2018 rates)
    const Transaction& t = poor.acct.submit(order("2018-08-17", "600000", Side::buy, 100, "10.00"), d);
    CHECK(t.refusal == Refusal::insufficient_cash);
    CHECK_THAT(t.why_en, Catch::Contains("1005.02"));
  }
  SECTION("selling shares not held is refused") {
    CHECK(b.acct.submit(order("2018-08-17", "600000", Side::sell, 100, "10.00"), d).refusal == Refusal::insufficient_shares);
  }
}

TEST_CASE("The price cage applies to the main board from 2023-04-10", "[securities][account][cage]") {
  Book b;
  b.acct.deposit(Date::of("2023-04-07"), Money::of("100000.00"));
  // open 10.00: cage = max(10.00 x 1.02, 10.00 + 10 ticks) = max(10.20, 10.10) = 10.20 [13]
  const MarketDay before = day("600000", "2023-04-07", "10.00", "10.30", "9.90", "10.10", 10'000'000, "10.00");
  const MarketDay after = day("600000", "2023-04-10", "10.00", "10.30", "9.90", "10.10", 10'000'000, "10.00");
  CHECK(b.acct.submit(order("2023-04-07", "600000", Side::buy, 100, "10.21"), before).price == Money::of("10.00"));
  CHECK(b.acct.submit(order("2023-04-10", "600000", Side::buy, 100, "10.20"), after).price == Money::of("10.00"));
  const Transaction& t = b.acct.submit(order("2023-04-10", "600000", Side::buy, 100, "10.21"), after);
  CHECK(t.refusal == Refusal::outside_cage);
  CHECK_THAT(t.why_zh, Catch::Contains("价格笼子"));
}

TEST_CASE("Ex-dividend day with bonus and transfer shares: reference price, cash, new shares, tax at sale", "[securities][account][dividend]") {
  Book b;
  b.acct.deposit(Date::of("2016-05-03"), Money::of("20000.00"));
  // 10,000.00 + commission 5.00 + transfer 0.002% 0.20 = 10,005.20
  b.acct.submit(order("2016-05-03", "600000", Side::buy, 1000, "10.00"), flat("600000", "2016-05-03"));
  const CorporateAction a{"600000", Date::of("2016-06-01"), PerTen::of("2.00"), PerTen::of("3"), PerTen::of("2")};
  // (10.00 - 0.20) / (1 + 0.5) = 6.5333 -> 6.53 [27]
  CHECK(Account::ex_right_reference(Money::of("10.00"), a) == Money::of("6.53"));
  // limits on the ex-date from the reference: 6.53 x 1.1 = 7.183 -> 7.18; x 0.9 = 5.877 -> 5.88
  const LimitBand band = rb().limit_band(rb().stock("600000").value(), Date::of("2016-06-01"), Money::of("6.53"), 0);
  CHECK(band.up == Money::of("7.18"));
  CHECK(band.down == Money::of("5.88"));
  b.acct.apply(a);
  // cash 1,000 x 0.20 = 200.00; new shares 1,000 x (3 + 2) / 10 = 500
  CHECK(b.acct.cash() == Money::of("9994.80") + Money::of("200.00"));
  CHECK(b.acct.positions().at("600000").shares() == 1500);
  CHECK(b.acct.journal()[b.acct.journal().size() - 2].kind == TxKind::dividend);
  CHECK(b.acct.journal().back().kind == TxKind::bonus_shares);
  // Sold the next day, held up to 1 month: 20% of (200.00 cash + 300 bonus shares x 1.00 par) = 100.00
  const MarketDay d = day("600000", "2016-06-02", "6.60", "6.70", "6.50", "6.60", 10'000'000, "6.53");
  const Transaction& s = b.acct.submit(order("2016-06-02", "600000", Side::sell, 1500, "6.60"), d);
  REQUIRE(s.kind == TxKind::sell);
  CHECK(s.dividend_tax == Money::of("100.00"));
  // 9,900.00 - commission 5.00 - stamp 0.1% 9.90 - transfer 0.198 -> 0.20 - tax 100.00 = 9,784.90; cost 10,005.20
  CHECK(s.amount == Money::of("9784.90"));
  CHECK(s.realised == Money::of("-220.30"));
}

TEST_CASE("FIFO dividend tax over lots held over 1 year, 1 month to 1 year and up to 1 month", "[securities][account][tax]") {
  Book b;
  b.acct.deposit(Date::of("2015-01-05"), Money::of("100000.00"));
  // A: 2015-01-05, 10,000.00 + 5.00 + SSE par transfer 0.30 = 10,005.30
  b.acct.submit(order("2015-01-05", "600000", Side::buy, 1000, "10.00"), flat("600000", "2015-01-05"));
  // B: 2016-03-01 and C: 2016-05-30, each 10,000.00 + 5.00 + 0.20 = 10,005.20
  b.acct.submit(order("2016-03-01", "600000", Side::buy, 1000, "10.00"), flat("600000", "2016-03-01"));
  b.acct.submit(order("2016-05-30", "600000", Side::buy, 1000, "10.00"), flat("600000", "2016-05-30"));
  b.acct.apply({"600000", Date::of("2016-06-01"), PerTen::of("5.00"), PerTen(), PerTen()});  // 500.00 per lot
  SECTION("selling all three lots") {
    const Transaction& s = b.acct.submit(order("2016-06-15", "600000", Side::sell, 3000, "10.00"), flat("600000", "2016-06-15"));
    REQUIRE(s.tax_lines.size() == 3);
    // A held 2015-01-05..2016-06-14 > 1 year: 0% (from 2015-09-08) = 0.00
    CHECK(s.tax_lines[0].band == HoldingBand::over_1_year);
    CHECK(s.tax_lines[0].tax == Money());
    // B held 2016-03-01..06-14: 1 month to 1 year, 10% x 500.00 = 50.00
    CHECK(s.tax_lines[1].band == HoldingBand::up_to_1_year);
    CHECK(s.tax_lines[1].tax == Money::of("50.00"));
    // C held 2016-05-30..06-14: up to 1 month, 20% x 500.00 = 100.00
    CHECK(s.tax_lines[2].band == HoldingBand::up_to_1_month);
    CHECK(s.tax_lines[2].tax == Money::of("100.00"));
    CHECK_THAT(s.tax_lines[2].why_zh, Catch::Contains("持股 1 个月以内（含）：500.00 × 20% = 100.00"));
    CHECK(s.dividend_tax == Money::of("150.00"));
    // 30,000.00 - commission 7.50 - stamp 30.00 - transfer 0.60 - tax 150.00 = 29,811.90; cost 30,015.70
    CHECK(s.realised == Money::of("-203.80"));
  }
  SECTION("selling 1,500 takes lot A whole and half of lot B") {
    const Transaction& s = b.acct.submit(order("2016-06-15", "600000", Side::sell, 1500, "10.00"), flat("600000", "2016-06-15"));
    REQUIRE(s.tax_lines.size() == 2);
    // B: 500 of 1,000 shares: 250.00 income x 10% = 25.00
    CHECK(s.tax_lines[1].income == Money::of("250.00"));
    CHECK(s.dividend_tax == Money::of("25.00"));
    CHECK(b.acct.positions().at("600000").shares() == 1500);
    CHECK(b.acct.positions().at("600000").lots.front().acquired == Date::of("2016-03-01"));
  }
}

TEST_CASE("Dividend tax on both sides of 2015-09-08: 5% then 0% for shares held over a year", "[securities][account][tax]") {
  const auto tax_for_ex_date = [](const char* ex) {
    Book b;
    b.acct.deposit(Date::of("2015-01-05"), Money::of("20000.00"));
    b.acct.submit(order("2015-01-05", "600000", Side::buy, 1000, "10.00"), flat("600000", "2015-01-05"));
    b.acct.apply({"600000", Date::of(ex), PerTen::of("5.00"), PerTen(), PerTen()});
    // sold 2016-02-01, held 2015-01-05..2016-01-31: over 1 year
    return b.acct.submit(order("2016-02-01", "600000", Side::sell, 1000, "10.00"), flat("600000", "2016-02-01")).dividend_tax;
  };
  CHECK(tax_for_ex_date("2015-09-07") == Money::of("25.00"));  // 5% x 500.00 (财税〔2012〕85号)
  CHECK(tax_for_ex_date("2015-09-08") == Money());             // 0% (财税〔2015〕101号)
}

TEST_CASE("Circuit breaker: closed on 2016-01-04 and 2016-01-07, halted at 5%, nothing from 2016-01-08", "[securities][breaker]") {
  const auto idx = [](const char* date, const char* low) {
    return Bar{Date::of(date), Money::of("3700.00"), Money::of("3700.00"), Money::of(low), Money::of(low), 0};
  };
  // Index levels are illustrative; the rule is the percent from the previous close [29].
  // prev 3731.00 x 0.93 = 3469.83; low 3469.07 crosses 7%
  CHECK(circuit_breaker_on(rb(), Date::of("2016-01-04"), Money::of("3731.00"), idx("2016-01-04", "3469.07")).kind == BreakerState::closed);
  // prev 3361.84 x 0.93 = 3126.51; low 3119.99 crosses 7%
  CHECK(circuit_breaker_on(rb(), Date::of("2016-01-07"), Money::of("3361.84"), idx("2016-01-07", "3119.99")).kind == BreakerState::closed);
  // prev 3469.07 x 0.95 = 3295.62; low 3280.00 crosses 5% but not 7% (3226.24)
  const BreakerState halt = circuit_breaker_on(rb(), Date::of("2016-01-05"), Money::of("3469.07"), idx("2016-01-05", "3280.00"));
  CHECK(halt.kind == BreakerState::halted);
  CHECK_THAT(halt.why_en, Catch::Contains("15 minutes"));
  CHECK(circuit_breaker_on(rb(), Date::of("2016-01-08"), Money::of("3294.38"), idx("2016-01-08", "3050.00")).kind == BreakerState::none);
  CHECK(circuit_breaker_on(rb(), Date::of("2015-12-31"), Money::of("3731.00"), idx("2015-12-31", "3400.00")).kind == BreakerState::none);

  SECTION("a closed day refuses the closing auction and notes the breaker on fills") {
    Book b;
    b.acct.deposit(Date::of("2016-01-04"), Money::of("100000.00"));
    MarketDay d = day("000001", "2016-01-04", "11.99", "12.00", "11.00", "11.00", 10'000'000, "12.00");
    d.breaker = circuit_breaker_on(rb(), Date::of("2016-01-04"), Money::of("3731.00"), idx("2016-01-04", "3469.07"));
    const Transaction& closing = b.acct.submit(order("2016-01-04", "000001", Side::buy, 100, "11.50", Session::closing_auction), d);
    CHECK(closing.refusal == Refusal::circuit_breaker_closed);
    CHECK_THAT(closing.why_zh, Catch::Contains("熔断"));
    const Transaction& cont = b.acct.submit(order("2016-01-04", "000001", Side::buy, 100, "11.50"), d);
    CHECK(cont.kind == TxKind::buy);
    CHECK_THAT(cont.why_en, Catch::Contains("circuit breaker"));
  }
}
