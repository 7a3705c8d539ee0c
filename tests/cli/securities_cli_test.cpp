// `finlab securities ...` and `finlab suitability ...` run as the real binary:
// a replay's statement, a stored account across calls (SQLite), refusals that
// store nothing, bad CSV bars, unknown stocks, orders outside the limit,
// insufficient cash or shares, usage errors (exit 2) and failures (exit 1).
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::temp_file;
using nlohmann::json;

namespace {
const std::string kBars =
    "date,open,high,low,close,volume\n"
    "2016-05-30,10.00,10.10,9.90,10.00,1000000\n"
    "2016-05-31,10.00,10.20,9.90,10.10,1000000\n"
    "2016-06-01,9.60,9.70,9.50,9.60,1000000\n"
    "2016-06-02,9.50,9.70,9.40,9.60,1000000\n";
const std::string kOrders = R"({
  "cash": [{"date": "2016-05-30", "amount": "50000.00"}],
  "orders": [
    {"id": "b1", "date": "2016-05-30", "code": "600000", "side": "buy", "shares": 2000, "price": "10.00"},
    {"id": "s2", "date": "2016-06-02", "code": "600000", "side": "sell", "shares": 1000, "price": "9.00", "session": "opening_auction"}
  ],
  "actions": [{"code": "600000", "ex_date": "2016-06-01", "cash_per_10": "5.00"}]
})";
std::vector<std::string> sec(std::initializer_list<std::string> args) {
  std::vector<std::string> v{"securities"};
  v.insert(v.end(), args);
  return v;
}
}  // namespace

TEST_CASE("finlab securities replay prints the statement with fees, dividend tax and P&L", "[cli][securities]") {
  const std::string bars = temp_file("600000.csv", kBars), orders = temp_file("orders.json", kOrders);
  const auto r = run_cli(sec({"replay", "--orders", orders, "--bars", "600000=" + bars, "--json"}));
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  // buy 20,005.40; dividend 1,000.00; sell at 9.50: 9,500.00 - 5.00 - 9.50 - 0.19 - tax 20% x 500.00 = 9,385.31
  CHECK(j["cash"] == "40379.91");
  CHECK(j["totals"]["dividend_tax"] == "100.00");
  CHECK(j["totals"]["realised"] == "-617.39");
  CHECK(j["positions"][0]["shares"] == 1000);
  CHECK(j["transactions"][3]["tax_lines"][0]["holding"] == "held up to 1 month");
  const auto text = run_cli(sec({"replay", "--orders", orders, "--bars", "600000=" + bars}));
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("浦发银行"));
  std::remove(bars.c_str());
  std::remove(orders.c_str());
}

TEST_CASE("finlab securities trade stores the account in SQLite, refused orders store nothing and exit 1", "[cli][securities]") {
  const std::string bars = temp_file("600000.csv", kBars);
  const std::string db = temp_file("acct.db", "");
  std::remove(db.c_str());
  const auto trade = [&](std::initializer_list<std::string> extra) {
    std::vector<std::string> v{"securities", "trade", "--db", db, "--bars", "600000=" + bars, "--json"};
    v.insert(v.end(), extra);
    return run_cli(v);
  };
  REQUIRE(trade({"--date", "2016-05-30", "--deposit", "30000.00"}).exit_code == 0);
  const auto buy = trade({"--date", "2016-05-30", "--code", "600000", "--shares", "2000", "--price", "10.00"});
  REQUIRE(buy.exit_code == 0);
  CHECK(json::parse(buy.out)["transactions"][0]["price"] == "10.00");
  CHECK(json::parse(buy.out)["cash"] == "9994.60");  // 30,000 - (20,000.00 + 5.00 + 0.40)

  const auto t1 = trade({"--date", "2016-05-30", "--code", "600000", "--side", "sell", "--shares", "1000", "--price", "10.00"});
  CHECK(t1.exit_code == 1);
  CHECK_THAT(t1.err, Catch::Contains("T+1"));
  CHECK_THAT(t1.err, Catch::Contains("nothing stored"));

  const auto limit = trade({"--date", "2016-05-31", "--code", "600000", "--shares", "100", "--price", "11.01"});
  CHECK(limit.exit_code == 1);
  CHECK_THAT(limit.err, Catch::Contains("outside the day's limits 9.00..11.00"));

  const auto cash = trade({"--date", "2016-05-31", "--code", "600000", "--shares", "1000", "--price", "10.00"});
  CHECK(cash.exit_code == 1);
  CHECK_THAT(cash.err, Catch::Contains("needs 10005.20"));

  const auto shares = trade({"--date", "2016-05-31", "--code", "600000", "--side", "sell", "--shares", "3000", "--price", "10.00"});
  CHECK(shares.exit_code == 1);
  CHECK_THAT(shares.err, Catch::Contains("only 2000 shares held"));

  const auto unknown = trade({"--date", "2016-05-31", "--code", "999999", "--shares", "100", "--price", "10.00"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("unknown stock 999999"));

  REQUIRE(trade({"--date", "2016-05-31", "--code", "600000", "--side", "sell", "--shares", "1000", "--price", "10.00"}).exit_code == 0);
  const auto st = run_cli(sec({"statement", "--db", db, "--json"}));
  REQUIRE(st.exit_code == 0);
  const json j = json::parse(st.out);
  // only the deposit, the buy and the 05-31 sale were stored
  CHECK(j["transactions"].size() == 3);
  CHECK(j["positions"][0]["shares"] == 1000);
  // sell at the open 10.00: 10,000.00 - 5.00 - 10.00 - 0.20 = 9,984.80; cash 9,994.60 + 9,984.80
  CHECK(j["cash"] == "19979.40");
  CHECK(run_cli(sec({"statement", "--db", db, "--account", "nobody"})).exit_code == 1);
  std::remove(db.c_str());
  std::remove(bars.c_str());
}

TEST_CASE("finlab securities: bad bars, bad orders and usage errors", "[cli][securities][errors]") {
  const std::string orders = temp_file("orders2.json", kOrders);
  const std::string bad = temp_file("bad.csv", "date,open,high,low,close,volume\n2016-05-30,10.00,9.00,9.90,10.00,100\n");
  // "2016-05-30,10.00," is 17 characters: the high starts in column 18
  const auto r = run_cli(sec({"replay", "--orders", orders, "--bars", "600000=" + bad}));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("bad.csv:2:18: high 9.00 is below"));
  const std::string bad_orders = temp_file("bad_orders.json", R"({"orders":[{"date":"2016-05-30","code":"600000","side":"buy","shares":100,"price":"x"}]})");
  const std::string bars = temp_file("600000b.csv", kBars);
  const auto o = run_cli(sec({"replay", "--orders", bad_orders, "--bars", "600000=" + bars}));
  CHECK(o.exit_code == 1);
  CHECK_THAT(o.err, Catch::Contains("$.orders[0]: price"));
  CHECK(run_cli(sec({"replay", "--bars", "600000=" + bars})).exit_code == 2);                           // --orders missing
  CHECK(run_cli(sec({"replay", "--orders", orders, "--bars", "600000"})).exit_code == 2);               // not CODE=FILE
  CHECK(run_cli(sec({"replay", "--orders", orders, "--bars", "999999=" + bars})).exit_code == 1);       // unknown stock
  CHECK(run_cli(sec({"replay", "--orders", orders, "--bars", "600000=" + bars, "--commission-rate", "0.5"})).exit_code == 2);
  CHECK(run_cli(sec({"replay", "--orders", "/nonexistent.json", "--bars", "600000=" + bars})).exit_code == 1);
  CHECK(run_cli(sec({"trade", "--db", "x.db"})).exit_code == 2);  // nothing to trade
  CHECK(run_cli({"securities"}).exit_code == 2);
  std::remove("x.db");
  for (const auto& f : {orders, bad, bad_orders, bars}) std::remove(f.c_str());
}

TEST_CASE("finlab suitability assess and check: bands, lowest category, warnings and exit codes", "[cli][suitability]") {
  const std::string c3 = "0,1,3,3,0,0,1,0,1,1,0";           // score 40 -> C3
  const std::string lowest = "0,3,3,3,3,3,3,3,3,0,2";       // score 90 but accepts no loss -> C1 lowest
  const auto a = run_cli({"suitability", "assess", "--answers", c3, "--date", "2017-07-03", "--json"});
  REQUIRE(a.exit_code == 0);
  CHECK(json::parse(a.out)["category"] == "C3");
  CHECK(json::parse(a.out)["expires"] == "2018-07-03");
  const auto l = run_cli({"suitability", "assess", "--answers", lowest, "--date", "2017-07-03", "--json"});
  CHECK(json::parse(l.out)["category"] == "C1");
  CHECK(json::parse(l.out)["lowest_category"] == true);

  CHECK(run_cli({"suitability", "check", "--answers", c3, "--date", "2017-07-03", "--product", "index_fund"}).exit_code == 0);
  const auto w = run_cli({"suitability", "check", "--answers", c3, "--date", "2017-07-03", "--stock", "300750", "--json"});
  CHECK(w.exit_code == 1);
  CHECK(json::parse(w.out)["verdict"] == "needs_signed_warning");
  CHECK(run_cli({"suitability", "check", "--answers", c3, "--date", "2017-07-03", "--stock", "300750", "--signed-warning"}).exit_code == 0);
  const auto refused = run_cli({"suitability", "check", "--answers", lowest, "--date", "2017-07-03", "--product", "index_fund", "--signed-warning", "--json"});
  CHECK(refused.exit_code == 1);
  CHECK(json::parse(refused.out)["verdict"] == "refused_lowest");
  const auto expired = run_cli({"suitability", "check", "--answers", c3, "--assessed", "2017-07-03", "--date", "2018-07-04", "--product", "mmf", "--json"});
  CHECK(json::parse(expired.out)["verdict"] == "refused_expired");

  const auto bad = run_cli({"suitability", "assess", "--answers", "0,1", "--date", "2017-07-03"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("expected 11 answers"));
  CHECK(run_cli({"suitability", "assess", "--answers", "0,x", "--date", "2017-07-03"}).exit_code == 2);
  CHECK(run_cli({"suitability", "assess", "--answers", c3}).exit_code == 2);
  CHECK(run_cli({"suitability", "check", "--answers", c3, "--date", "2017-07-03"}).exit_code == 2);
  CHECK(run_cli({"suitability", "check", "--answers", c3, "--date", "2017-07-03", "--product", "crypto"}).exit_code == 2);
  CHECK(run_cli({"suitability", "questions", "--json"}).exit_code == 0);
}
