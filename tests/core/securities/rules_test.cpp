// Known-answer tests of the dated rules (DOMAIN_SECURITIES.md part A, sources
// [n] as numbered there): fees on both sides of 2015-08-01, 2022-04-29 and
// 2023-08-28, limit prices per board and their rounding, holding bands.
#include <catch2/catch.hpp>

#include "core/securities/rules.hpp"

using namespace finlab;
using namespace finlab::securities;
using money::Money;
using money::Rate;
using time::Date;

namespace {
const RuleBook& rb() { return RuleBook::builtin(); }
Stock stock(const char* code) { return rb().stock(code).value(); }
Fees fee(const char* code, Side side, const char* date, std::int64_t shares, const char* price, FeeSettings fs = {}) {
  return rb().fees(stock(code), side, Date::of(date), shares, Money::of(price), fs);
}
}  // namespace

TEST_CASE("Commission is the rate times the value with a 5-yuan minimum", "[securities][fees]") {
  // 1000 x 10.00 = 10,000.00; 0.025% = 2.50 < 5.00 -> 5.00 [14]
  CHECK(fee("600000", Side::buy, "2016-03-01", 1000, "10.00").commission == Money::of("5.00"));
  // 10,000 x 10.00 = 100,000.00; 0.025% = 25.00
  CHECK(fee("600000", Side::buy, "2016-03-01", 10000, "10.00").commission == Money::of("25.00"));
  // 10,100 x 12.34 = 124,634.00; 0.025% = 31.1585 -> half-up 31.16
  CHECK(fee("600000", Side::buy, "2016-03-01", 10100, "12.34").commission == Money::of("31.16"));
  FeeSettings no_min;
  no_min.commission_minimum = Money();
  CHECK(fee("600000", Side::buy, "2016-03-01", 1000, "10.00", no_min).commission == Money::of("2.50"));
  FeeSettings above_cap;
  above_cap.commission_rate = Rate::percent("0.31");
  CHECK_THROWS_WITH(fee("600000", Side::buy, "2016-03-01", 1000, "10.00", above_cap), Catch::Contains("0.3% cap"));
}

TEST_CASE("Stamp duty is charged on sales only: 0.1% to 2023-08-27, 0.05% from 2023-08-28", "[securities][fees][stamp]") {
  // value 10,000.00 [15][16]
  CHECK(fee("600000", Side::buy, "2023-08-25", 1000, "10.00").stamp_duty == Money());
  CHECK(fee("600000", Side::sell, "2023-08-25", 1000, "10.00").stamp_duty == Money::of("10.00"));
  CHECK(fee("600000", Side::sell, "2023-08-28", 1000, "10.00").stamp_duty == Money::of("5.00"));
  // 12,345.67 (1 share at 12,345.67) x 0.05% = 6.172835 -> 6.17 (half-up)
  CHECK(fee("000001", Side::sell, "2023-08-28", 1, "12345.67").stamp_duty == Money::of("6.17"));
  // 2015 sale, value 10,000.00 x 0.1% = 10.00
  CHECK(fee("000001", Side::sell, "2015-03-02", 1000, "10.00").stamp_duty == Money::of("10.00"));
}

TEST_CASE("Transfer fee by market and date: SSE par-based and SZSE value-based before 2015-08-01, then 0.02 per mille, 0.01 from 2022-04-29", "[securities][fees][transfer]") {
  // 2015-07-31: SSE 0.3 per mille of par 1,000 x 1.00 = 0.30 [17][21]
  CHECK(fee("600000", Side::buy, "2015-07-31", 1000, "10.00").transfer_fee == Money::of("0.30"));
  // 2015-07-31: SZSE 0.0255 per mille of 10,000.00 = 0.255 -> half-up 0.26
  CHECK(fee("000001", Side::buy, "2015-07-31", 1000, "10.00").transfer_fee == Money::of("0.26"));
  // 2015-08-03 (first trading day from 2015-08-01): 0.02 per mille of value, both markets [17]
  CHECK(fee("600000", Side::buy, "2015-08-03", 1000, "10.00").transfer_fee == Money::of("0.20"));
  CHECK(fee("000001", Side::sell, "2015-08-03", 1000, "10.00").transfer_fee == Money::of("0.20"));
  // 2022-04-28 still 0.02 per mille; 2022-04-29 0.01 per mille [18]
  CHECK(fee("600519", Side::sell, "2022-04-28", 100, "1800.00").transfer_fee == Money::of("3.60"));
  CHECK(fee("600519", Side::sell, "2022-04-29", 100, "1800.00").transfer_fee == Money::of("1.80"));
  CHECK(fee("000001", Side::buy, "2022-04-29", 1000, "10.00").transfer_fee == Money::of("0.10"));
}

TEST_CASE("A sale's total is commission + stamp duty + transfer fee, each explained", "[securities][fees]") {
  // 2023-08-28 sell 1000 x 10.00: 5.00 + 5.00 + 0.10 = 10.10
  const Fees f = fee("600000", Side::sell, "2023-08-28", 1000, "10.00");
  CHECK(f.total() == Money::of("10.10"));
  CHECK_THAT(f.commission_why, Catch::Contains("minimum 5.00"));
  CHECK_THAT(f.stamp_why, Catch::Contains("0.05%"));
  CHECK_THAT(f.transfer_why, Catch::Contains("2022-04-29"));
  // The same in Chinese (the browser's 中文 explanations).
  CHECK_THAT(f.commission_why_zh, Catch::Contains("最低 5.00"));
  CHECK_THAT(f.stamp_why_zh, Catch::Contains("印花税（卖方）10000.00 × 0.05%，自 2023-08-28"));
  CHECK_THAT(f.transfer_why_zh, Catch::Contains("上交所，自 2022-04-29"));
  CHECK(fee("600000", Side::buy, "2023-08-28", 1000, "10.00").stamp_why_zh == "买入不收印花税");
}

TEST_CASE("Limit prices per board are rounded half-up to the 0.01 tick", "[securities][limits]") {
  const auto band = [](const char* code, const char* date, const char* base, int day = 0) {
    return rb().limit_band(stock(code), Date::of(date), Money::of(base), day);
  };
  SECTION("main board ±10% [3][5]") {
    CHECK(band("600000", "2016-03-01", "10.00").up == Money::of("11.00"));
    CHECK(band("600000", "2016-03-01", "10.00").down == Money::of("9.00"));
    // 9.99 x 1.1 = 10.989 -> 10.99; 9.99 x 0.9 = 8.991 -> 8.99
    CHECK(band("600000", "2016-03-01", "9.99").up == Money::of("10.99"));
    CHECK(band("600000", "2016-03-01", "9.99").down == Money::of("8.99"));
    // 3.35 x 1.1 = 3.685 -> 3.69 (half-up); 3.35 x 0.9 = 3.015 -> 3.02
    CHECK(band("000001", "2016-03-01", "3.35").up == Money::of("3.69"));
    CHECK(band("000001", "2016-03-01", "3.35").down == Money::of("3.02"));
    CHECK_THAT(band("000001", "2016-03-01", "3.35").why_zh, Catch::StartsWith("主板 以 3.35 为基准 ±10%") && Catch::EndsWith("四舍五入到 0.01：3.02～3.69"));
  }
  SECTION("ST ±5%, ±10% from 2026-07-06 [D] [10][11]") {
    // 3.35 x 1.05 = 3.5175 -> 3.52; 3.35 x 0.95 = 3.1825 -> 3.18
    CHECK(band("600998", "2026-07-03", "3.35").up == Money::of("3.52"));
    CHECK(band("600998", "2026-07-03", "3.35").down == Money::of("3.18"));
    CHECK(band("600998", "2026-07-06", "3.35").up == Money::of("3.69"));
  }
  SECTION("ChiNext ±10% until 2020-08-21, ±20% from 2020-08-24 [8]") {
    CHECK(band("300059", "2020-08-21", "50.00").up == Money::of("55.00"));
    CHECK(band("300059", "2020-08-24", "50.00").up == Money::of("60.00"));
    CHECK(band("300059", "2020-08-24", "50.00").down == Money::of("40.00"));
    // 12.34 x 1.2 = 14.808 -> 14.81; 12.34 x 0.8 = 9.872 -> 9.87
    CHECK(band("300750", "2021-03-01", "12.34").up == Money::of("14.81"));
    CHECK(band("300750", "2021-03-01", "12.34").down == Money::of("9.87"));
  }
  SECTION("STAR ±20%, no limit in the first 5 days of a registration IPO [6][7]") {
    CHECK(band("688981", "2020-07-16", "27.46", 1).unlimited);
    CHECK(band("688981", "2020-07-22", "80.00", 5).unlimited);
    const LimitBand d6 = band("688981", "2020-07-23", "80.00", 6);
    CHECK_FALSE(d6.unlimited);
    CHECK(d6.up == Money::of("96.00"));
    CHECK(d6.down == Money::of("64.00"));
  }
  SECTION("approval-era IPO first day +44% / -36% of the issue price [6]") {
    // CATL issue price 2.14: 2.14 x 1.44 = 3.0816 -> 3.08; 2.14 x 0.64 = 1.3696 -> 1.37
    const LimitBand d1 = band("300750", "2018-06-11", "2.14", 1);
    CHECK(d1.up == Money::of("3.08"));
    CHECK(d1.down == Money::of("1.37"));
  }
}

TEST_CASE("Holding bands: up to 1 month inclusive, up to 1 year inclusive, over 1 year", "[securities][tax]") {
  // The holding period runs to the day before the sale (财税〔2015〕101号).
  const Date bought = Date::of("2016-01-04");
  CHECK(holding_band(bought, Date::of("2016-02-05")) == HoldingBand::up_to_1_month);  // held to 02-04 = 1 month
  CHECK(holding_band(bought, Date::of("2016-02-15")) == HoldingBand::up_to_1_year);
  CHECK(holding_band(bought, Date::of("2017-01-05")) == HoldingBand::up_to_1_year);   // held to 2017-01-04 = 12 months
  CHECK(holding_band(bought, Date::of("2017-01-06")) == HoldingBand::over_1_year);
}

TEST_CASE("Dividend tax regimes: 5% over 1 year until 2015-09-07, 0% from 2015-09-08 [28]", "[securities][tax]") {
  CHECK(rb().dividend_tax_rate(Date::of("2015-09-07"), HoldingBand::over_1_year) == Rate::percent("5"));
  CHECK(rb().dividend_tax_rate(Date::of("2015-09-08"), HoldingBand::over_1_year) == Rate::percent("0"));
  CHECK(rb().dividend_tax_rate(Date::of("2015-09-08"), HoldingBand::up_to_1_year) == Rate::percent("10"));
  CHECK(rb().dividend_tax_rate(Date::of("2015-09-07"), HoldingBand::up_to_1_month) == Rate::percent("20"));
}

TEST_CASE("Lots, cages and closing auctions by board, market and date", "[securities][lots]") {
  CHECK(rb().buy_minimum(stock("600000")) == 100);
  CHECK(rb().buy_step(stock("600000")) == 100);
  CHECK(rb().buy_minimum(stock("688981")) == 200);
  CHECK(rb().buy_step(stock("688981")) == 1);
  CHECK(rb().max_order(stock("688981"), true) == 50000);
  CHECK_FALSE(rb().price_cage(stock("600000"), Date::of("2023-04-07")).has_value());
  CHECK(rb().price_cage(stock("600000"), Date::of("2023-04-10")).has_value());
  CHECK_FALSE(rb().has_closing_auction(Market::sse, Date::of("2018-08-17")));
  CHECK(rb().has_closing_auction(Market::sse, Date::of("2018-08-20")));
  CHECK(rb().has_closing_auction(Market::szse, Date::of("2015-06-01")));
}

TEST_CASE("Unknown stocks and malformed rule files are errors that say where", "[securities][rules]") {
  CHECK_THAT(rb().stock("123456").error(), Catch::Contains("unknown stock 123456"));
  auto bad = RuleBook::parse(R"({"commission":{"cap_rate_percent":"x"}})", "{}");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains("$.commission.cap_rate_percent"));
}

namespace {
// Latin words of three letters or more left in a Chinese sentence; "ST" and
// citations such as [16] or [D] are part of the Chinese text too.
std::vector<std::string> latin_words(const std::string& s) {
  std::vector<std::string> words;
  std::string w;
  for (char c : s + " ") {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      w += c;
    } else {
      if (w.size() >= 3) words.push_back(w);
      w.clear();
    }
  }
  return words;
}
}  // namespace

TEST_CASE("Every Chinese explanation of a fee or a price limit is Chinese, with its source cited in Chinese", "[securities][rules][zh]") {
  const char* dates[] = {"2012-09-03", "2015-07-31", "2015-08-03", "2016-03-01", "2020-08-24", "2022-04-28", "2022-04-29", "2023-08-25", "2023-08-28", "2026-07-06"};
  int checked = 0;
  for (const Stock& s : rb().stocks()) {
    for (const char* d : dates) {
      if (Date::of(d) < s.listed) continue;
      for (Side side : {Side::buy, Side::sell}) {
        const Fees f = rb().fees(s, side, Date::of(d), 1000, Money::of("10.00"), {});
        for (const std::string* zh : {&f.commission_why_zh, &f.stamp_why_zh, &f.transfer_why_zh}) {
          INFO(s.code << " " << d << ": " << *zh);
          CHECK(latin_words(*zh).empty());
          ++checked;
        }
      }
      const LimitBand b = rb().limit_band(s, Date::of(d), Money::of("10.00"), 0);
      INFO(s.code << " " << d << ": " << b.why_zh);
      CHECK(latin_words(b.why_zh).empty());
      CHECK_THAT(b.why_zh, Catch::Contains("["));  // the source is cited
      if (auto cage = rb().price_cage(s, Date::of(d))) CHECK(latin_words(cage->source_zh).empty());
      ++checked;
    }
  }
  for (const char* d : {"2015-09-07", "2015-09-08"}) CHECK(latin_words(rb().dividend_tax(Date::of(d)).source_zh).empty());
  CHECK(latin_words(rb().circuit_breaker().source_zh).empty());
  CHECK(checked > 100);
}

TEST_CASE("A rule without its Chinese source is refused with its JSON path", "[securities][rules][zh]") {
  std::string rules(securities::detail::builtin_rules_json());
  const std::string key = R"("source_zh": "[16])";
  const auto at = rules.find(key);
  REQUIRE(at != std::string::npos);
  rules.replace(at, std::string(R"("source_zh")").size(), R"("source_cn")");
  auto bad = RuleBook::parse(rules, securities::detail::builtin_stocks_json());
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains(R"($.stamp_duty[1]: missing "source_zh")"));
}
