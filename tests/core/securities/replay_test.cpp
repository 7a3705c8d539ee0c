// A replay end to end: JSON input, day loop (ex-date before orders, auctions
// before continuous), statement totals; and the input's JSON-path errors.
#include <catch2/catch.hpp>

#include "core/securities/report.hpp"

using namespace finlab;
using namespace finlab::securities;
using money::Money;

namespace {
const char* kInput = R"({
  "cash": [{"date": "2016-05-30", "amount": "50000.00"}, {"date": "2016-06-02", "amount": "-1000.00"}],
  "orders": [
    {"id": "b1", "date": "2016-05-30", "code": "600000", "side": "buy", "shares": 2000, "price": "10.00"},
    {"id": "s1", "date": "2016-05-30", "code": "600000", "side": "sell", "shares": 1000, "price": "10.00"},
    {"id": "s2", "date": "2016-06-02", "code": "600000", "side": "sell", "shares": 1000, "price": "9.00", "session": "opening_auction"}
  ],
  "actions": [{"code": "600000", "ex_date": "2016-06-01", "cash_per_10": "5.00"}]
})";
std::vector<Bar> bars() {
  return parse_bars_csv("600000.csv",
                        "date,open,high,low,close,volume\n"
                        "2016-05-30,10.00,10.10,9.90,10.00,1000000\n"
                        "2016-05-31,10.00,10.20,9.90,10.10,1000000\n"
                        "2016-06-01,9.60,9.70,9.50,9.60,1000000\n"
                        "2016-06-02,9.50,9.70,9.40,9.60,1000000\n",
                        time::TradingCalendar::builtin())
      .value();
}
}  // namespace

TEST_CASE("A replay books fills, refusals, dividends and tax, and its statement adds up", "[securities][replay]") {
  ReplayInput in = parse_replay_input("orders.json", kInput).value();
  in.bars["600000"] = bars();
  const ReplayResult r = replay(RuleBook::builtin(), time::TradingCalendar::builtin(), AccountSettings{}, in).value();
  const auto& j = r.account.journal();
  // deposit, buy b1, refused s1 (T+1), dividend, withdrawal, sell s2
  REQUIRE(j.size() == 6);
  CHECK(j[1].kind == TxKind::buy);
  CHECK(j[2].refusal == Refusal::t_plus_1);
  CHECK(j[3].kind == TxKind::dividend);
  CHECK(j[3].amount == Money::of("1000.00"));  // 2,000 x 0.50
  CHECK(j[4].kind == TxKind::withdrawal);
  CHECK(j[5].kind == TxKind::sell);
  // opening auction at 9.50: 9,500.00; tax: 1,000 of 2,000 bought 2016-05-30, up to 1 month: 20% x 500.00 = 100.00
  CHECK(j[5].price == Money::of("9.50"));
  CHECK(j[5].dividend_tax == Money::of("100.00"));
  const nlohmann::json s = statement_json(r);
  CHECK(s["positions"][0]["shares"] == 1000);
  // buy: 20,000.00 + 5.00 + 0.40 = 20,005.40; half cost 10,002.70; close 9.60 -> market value 9,600.00
  CHECK(s["positions"][0]["cost"] == "10002.70");
  CHECK(s["positions"][0]["unrealised"] == "-402.70");
  // sell: 9,500.00 - 5.00 - 9.50 - 0.19 - 100.00 = 9,385.31; realised 9,385.31 - 10,002.70 = -617.39
  CHECK(s["totals"]["realised"] == "-617.39");
  CHECK(s["totals"]["dividend_tax"] == "100.00");
  // cash: 50,000 - 20,005.40 + 1,000 - 1,000 + 9,385.31 = 39,379.91
  CHECK(s["cash"] == "39379.91");
  CHECK(s["totals"]["equity"] == "48979.91");
}

TEST_CASE("Replay input errors name the JSON path", "[securities][replay]") {
  CHECK_THAT(parse_replay_input("o.json", "{}").error(), Catch::Contains("o.json: $.orders: expected an array"));
  CHECK_THAT(parse_replay_input("o.json", R"({"orders":[{"date":"2016-05-30","code":"600000","side":"buy","shares":100,"price":"ten"}]})").error(),
             Catch::Contains("$.orders[0]: price"));
  CHECK_THAT(parse_replay_input("o.json", R"({"orders":[{"date":"2016-05-30","code":"600000","side":"hold","shares":100,"price":"1.00"}]})").error(),
             Catch::Contains("side: expected buy or sell"));
  CHECK_THAT(parse_replay_input("o.json", R"({"orders":[{"date":"2016-05-30","code":"600000","side":"buy","shares":"100"}]})").error(),
             Catch::Contains("$.orders[0].shares"));
  CHECK_THAT(parse_replay_input("o.json", "{").error(), Catch::Contains("o.json:"));
  // A misspelt key is refused, not ignored: "prcie" would have sent the order at the open.
  CHECK_THAT(parse_replay_input("o.json", R"({"orders":[{"date":"2016-05-30","code":"600000","side":"buy","shares":100,"prcie":"1.00"}]})").error(),
             Catch::Contains("o.json: $.orders[0].prcie: unknown key"));
  CHECK_THAT(parse_replay_input("o.json", R"({"order":[]})").error(), Catch::Contains("o.json: $.order: unknown key"));
  CHECK_THAT(parse_replay_input("o.json", R"({"orders":[],"cash":[{"date":"2016-05-30","amount":"1.00","amout":"2.00"}]})").error(),
             Catch::Contains("$.cash[0].amout: unknown key"));
  CHECK_THAT(parse_replay_input("o.json", R"({"orders":[],"actions":[{"code":"600000","ex_date":"2016-06-23","cash_per_10":"1","bonus":"1"}]})").error(),
             Catch::Contains("$.actions[0].bonus: unknown key"));
  // A key given twice is refused with its path instead of "the last one wins".
  CHECK_THAT(parse_replay_input("o.json", R"({"orders":[{"date":"2016-05-30","code":"600000","side":"buy","side":"sell","shares":100,"price":"1.00"}]})").error(),
             Catch::Contains("o.json: $.orders[0].side: duplicate key"));
  ReplayInput in = parse_replay_input("o.json", R"({"orders":[{"date":"2016-05-30","code":"999999","side":"buy","shares":100,"price":"1.00"}]})").value();
  CHECK_THAT(replay(RuleBook::builtin(), time::TradingCalendar::builtin(), AccountSettings{}, in).error(), Catch::Contains("unknown stock 999999"));
}
