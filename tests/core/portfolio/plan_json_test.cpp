#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/portfolio/plan_json.hpp"

using namespace finlab;

namespace {
std::string asset(const char* name) {
  std::ifstream f(std::string(FINLAB_SOURCE_DIR) + "/assets/plans/" + name, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
std::string err(const std::string& json) {
  auto p = portfolio::parse_plan(json);
  return p.ok() ? "ok" : p.error();
}
const std::string kHead = R"("name": "x", "start": "2015-06-01")";
}  // namespace

TEST_CASE("The example plans parse and round-trip through JSON", "[portfolio][plan]") {
  for (const char* name : {"csi300_monthly.json", "balanced_rebalance.json"}) {
    INFO(name);
    auto p = portfolio::parse_plan(asset(name));
    INFO(p.error());
    REQUIRE(p.ok());
    const std::string once = portfolio::plan_to_json(p.value());
    auto again = portfolio::parse_plan(once);
    INFO(again.error());
    REQUIRE(again.ok());
    CHECK(portfolio::plan_to_json(again.value()) == once);
  }
  auto p = portfolio::parse_plan(asset("csi300_monthly.json")).value();
  REQUIRE(p.funds.size() == 1);
  CHECK(p.funds[0].subscription.discount == money::Rate::ratio("0.1"));
  CHECK(p.funds[0].subscription.tiers[2].flat == money::Money::of("1000.00"));
  CHECK(p.funds[0].redemption.tiers[0].held_days_below == 7);
  CHECK(p.regular_investments[0].when.describe() == "monthly on day 15");
  CHECK(p.deposits[0].amount.to_string() == "1000.00");
}

TEST_CASE("Plan errors name the JSON path and what was expected", "[portfolio][plan][errors]") {
  CHECK_THAT(err("{\"name\": \"x\",}"), Catch::Matchers::StartsWith("line 1, column 14: invalid JSON"));
  CHECK(err("[]") == "$: expected an object, got an array");
  CHECK(err("{}") == "$: missing required key `name`");
  CHECK(err("{\"name\": \"x\"}") == "$: missing required key `start`");
  CHECK_THAT(err(R"({"name": "x", "start": "2015-02-30"})"), Catch::Matchers::StartsWith("$.start: "));
  CHECK(err("{" + kHead + R"(, "initial_deposit": 1000})") ==
        "$.initial_deposit: expected a decimal string such as \"1000.00\", got a number (amounts and rates are strings so that they stay exact)");
  CHECK_THAT(err("{" + kHead + R"(, "initial_deposit": "1,0000.00"})"), Catch::Matchers::StartsWith("$.initial_deposit: "));
  CHECK(err("{" + kHead + R"(, "colour": "red"})") == "$: unknown key `colour`");
  CHECK(err("{" + kHead + R"(, "years": 0})") == "$.years: 0 is not in [1, 50]");
  CHECK(err("{" + kHead + R"(, "years": "10"})") == "$.years: expected an integer, got a string");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "A B" } ]})") ==
        "$.funds[0].id: \"A B\" is not a valid id (1-32 of a-z, 0-9, _; not \"huoqibao\")");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" }, { "id": "a" } ]})") == "$.funds[1].id: duplicate fund id \"a\"");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a", "fee": "1" } ]})") == "$.funds[0]: unknown key `fee`");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a", "subscription_fee": { "tiers": [
        { "below": "100.00", "rate_percent": "1.5" }, { "below": "50.00", "rate_percent": "1" }, { "flat": "10.00" } ] } } ]})") ==
        "$.funds[0].subscription_fee: tier 2: `below` 50.00 is not above tier 1's 100.00");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a", "subscription_fee": { "tiers": [ { "rate_percent": 1.2 } ] } } ]})") ==
        "$.funds[0].subscription_fee.tiers[0].rate_percent: expected a decimal string such as \"1.2\", got a number (amounts and rates are strings so that they stay exact)");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a", "redemption_fee": { "tiers": [ { "held_days_below": 7 } ] } } ]})") ==
        "$.funds[0].redemption_fee.tiers[0]: missing required key `rate_percent`");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a", "nav_model": { "alpha": "0.1", "beta": "0.9" } } ]})") ==
        "$.funds[0].nav_model: alpha + beta = 1 must be below 1 (a stationary variance)");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a", "dividends": "shares" } ]})") ==
        "$.funds[0].dividends: expected \"cash\" or \"reinvest\", got \"shares\"");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" } ], "regular_investments": [ { "fund": "b", "amount": "100.00", "every": "month", "day": 1 } ]})") ==
        "$.regular_investments[0].fund: no fund with id \"b\" (funds: a)");
  CHECK(err("{" + kHead + R"(, "deposits": [ { "amount": "100.00", "every": "month", "day": 32 } ]})") == "$.deposits[0].day: 32 is not in [1, 31]");
  CHECK(err("{" + kHead + R"(, "deposits": [ { "amount": "100.00", "every": "week", "weekday": "friday" } ]})") ==
        "$.deposits[0].weekday: expected one of mon, tue, wed, thu, fri, sat, sun, got \"friday\"");
  CHECK(err("{" + kHead + R"(, "deposits": [ { "amount": "100.00", "every": "day" } ]})") == "$.deposits[0].every: expected \"month\" or \"week\", got \"day\"");
  CHECK(err("{" + kHead + R"(, "deposits": [ { "amount": "-5.00", "every": "month", "day": 1 } ]})") == "$.deposits[0].amount: must be positive");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" } ], "rebalance": { "targets_percent": { "huoqibao": "30", "a": "60" }, "every": "year" }})") ==
        "$.rebalance.targets_percent: targets add up to 90%, not 100%");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" } ], "rebalance": { "targets_percent": { "huoqibao": "40", "b": "60" }, "every": "year" }})") ==
        "$.rebalance.targets_percent: unknown key `b`");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" } ], "rebalance": { "targets_percent": { "huoqibao": "40", "a": "60" } }})") ==
        "$.rebalance: give `every`, `threshold_percent` or both");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" } ], "orders": [ { "at": "2015-06-18T14:59", "fund": "a", "buy": "1.00" } ]})").rfind("$.orders[0].at: ", 0) == 0);
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" } ], "orders": [ { "at": "2015-06-18 14:59", "fund": "a", "buy": "1.00", "sell_shares": "1.00" } ]})") ==
        "$.orders[0]: give exactly one of `buy` (money) or `sell_shares`");
  CHECK(err("{" + kHead + R"(, "funds": [ { "id": "a" } ], "orders": [ { "at": "2015-05-18 14:59", "fund": "a", "buy": "1.00" } ]})") ==
        "$.orders[0].at: is before the plan's start 2015-06-01");
  CHECK(err("{" + kHead + R"(, "huoqibao": { "annual_yield_percent": "3", "model": {} }})") ==
        "$.huoqibao: give either `annual_yield_percent` or `model`, not both");
}

TEST_CASE("A constant 活期宝 yield becomes a daily 万份收益 by the compound relation", "[portfolio][plan]") {
  // (1.035)^(1/365) − 1 = 0.0000942549... → R = 0.9425 per 10,000 shares (Python decimal, 50 digits)
  CHECK(portfolio::income_per_10k_for_annual_yield(money::Rate::percent("3.5")).to_string() == "0.9425");
  CHECK(portfolio::income_per_10k_for_annual_yield(money::Rate::percent("4.5")).to_string() == "1.2060");
  CHECK(portfolio::income_per_10k_for_annual_yield(money::Rate::percent("3")).to_string() == "0.8099");
  CHECK(portfolio::income_per_10k_for_annual_yield(money::Rate::percent("0")).to_string() == "0.0000");
}

TEST_CASE("The plan templates' names are in the catalog, a parser error comes as a message in both languages", "[portfolio][plan][text]") {
  using text::Id;
  const std::pair<const char*, Id> names[] = {{"csi300_monthly.json", Id::pf_plan_csi300_monthly},
                                              {"balanced_rebalance.json", Id::pf_plan_balanced_rebalance}};
  for (const auto& [file, id] : names) {
    INFO(file);
    CHECK(portfolio::parse_plan(asset(file)).value().name == text::render(text::make(id, {}), text::Lang::en));
    CHECK(text::render(text::make(id, {}), text::Lang::zh).find("monthly") == std::string::npos);
  }
  text::Message why;
  const std::string bad = R"({"name": "x", "start": "2015-06-01", "deposits": [{"amount": "-5", "every": "month", "day": 10}]})";
  auto p = portfolio::parse_plan(bad, &why);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error() == "$.deposits[0].amount: must be positive");
  CHECK(text::render(why, text::Lang::en) == p.error());
  CHECK(text::render(why, text::Lang::zh) == "$.deposits[0].amount：必须大于零");
}

TEST_CASE("Rare plan errors are catalog messages too: the CLI's English, Chinese without English words", "[portfolio][plan][text]") {
  const std::string head = R"({"name": "x", "start": "2015-06-01", )";
  const std::string bad[] = {
      head + R"("years": "3"})",                                                             // expected an integer
      head + R"("deposits": {"amount": "1"}})",                                              // expected an array, got an object
      head + R"("deposits": [{"amount": "1", "every": "day", "day": 1}]})",                  // expected "month" or "week"
      head + R"("deposits": [{"amount": "1", "every": "month", "day": 1, "weekday": "mon"}]})",  // day, not weekday
      head + R"("deposits": [{"amount": "1", "every": "week", "weekday": "xyz"}]})",        // one of mon..sun
      head + R"("start": "2015-02-30"})",                                                    // no such date (strict JSON: duplicate key)
      R"({"name": "x", "start": "2015-02-30"})",                                             // no such date
      head + R"("huoqibao": {"annual_yield_percent": "30"}})",                               // must be in [0, 20]
      head + R"("trades": [{"at": "2015-06-01", "fund": "a", "buy": "1"}]})",               // not a date and time / unknown fund
      "{\"name\": \"x\",\n \"start\": }",                                                    // JSON syntax
  };
  for (const std::string& json : bad) {
    INFO(json);
    text::Message why;
    auto p = portfolio::parse_plan(json, &why);
    REQUIRE_FALSE(p.ok());
    CHECK(text::render(why, text::Lang::en) == p.error());
    const std::string zh = text::render(why, text::Lang::zh);
    INFO(zh);
    // No English word (three letters or more) outside the JSON path and the quoted input.
    std::string plain;
    bool quoted = false;
    for (std::size_t i = 0; i < zh.size(); ++i) {
      if (zh.compare(i, 3, "“") == 0) quoted = true;
      if (zh.compare(i, 3, "”") == 0) quoted = false;
      if (!quoted) plain += zh[i];
    }
    const std::string body = plain.substr(plain.find("：") == std::string::npos ? 0 : plain.find("："));
    int run = 0;
    bool word = false;
    for (char c : body) {
      run = std::isalpha(static_cast<unsigned char>(c)) ? run + 1 : 0;
      word = word || run >= 3;
    }
    CHECK_FALSE(word);
  }
}
