// `finlab fund ...` through the real binary: outputs, JSON, exit codes and the
// file:line messages for every kind of bad input of issue 3.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

namespace {
// Example B's week (DOMAIN.md §1.4) plus one more day.
const char* kWeek =
    "date,income_per_10k\n2015-06-10,1.2012\n2015-06-11,1.1987\n2015-06-12,1.2050\n2015-06-13,1.2050\n"
    "2015-06-14,1.2050\n2015-06-15,1.1950\n2015-06-16,1.1998\n2015-06-17,1.3000\n";

std::string yields_constant(const char* first, int days, const char* r) {
  std::string s = "date,income_per_10k\n";
  // dates via the binary-independent arithmetic of the test: only September/October 2015 used here
  int y = 0, m = 0, d = 0;
  std::sscanf(first, "%d-%d-%d", &y, &m, &d);
  for (int i = 0; i < days; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    s += std::string(buf) + "," + r + "\n";
    const int dim = (m == 9 || m == 6) ? 30 : 31;
    if (++d > dim) { d = 1; ++m; }
  }
  return s;
}

void check_golden(const std::string& out, const std::string& name) {
  const std::string path = std::string(FINLAB_SOURCE_DIR) + "/tests/cli/golden/" + name;
  CHECK(out == slurp(path));
}

// Runs `fund statement` with the given transactions (and September-October 2015 yields) and expects exit 1.
std::string bad_transactions(const std::string& name, const std::string& csv) {
  const auto y = temp_file(name + "_y.csv", yields_constant("2015-09-28", 20, "1.2012"));
  const auto t = temp_file(name + ".csv", csv);
  auto r = run_cli({"fund", "statement", "--yields", y, "--transactions", t});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());  // nothing partial is written
  std::remove(y.c_str());
  std::remove(t.c_str());
  return r.err;
}
}  // namespace

TEST_CASE("fund yield prints the 7-day yield per day, null until 7 days are known", "[cli][fund]") {
  const auto f = temp_file("week.csv", kWeek);
  auto table = run_cli({"fund", "yield", "--input", f});
  CHECK(table.exit_code == 0);
  check_golden(table.out, "fund_yield_daily.txt");
  auto j = run_cli({"fund", "yield", "--input", f, "--json"});
  REQUIRE(j.exit_code == 0);
  const auto doc = json::parse(j.out);
  CHECK(doc["rows"][5]["seven_day_yield_pct"].is_null());
  CHECK(doc["rows"][6]["seven_day_yield_pct"] == "4.482");  // DOMAIN.md example B, compound
  CHECK(doc["rows"][6]["income_per_10k"] == "1.1998");
  auto monthly = run_cli({"fund", "yield", "--input", f, "--carry", "monthly", "--json"});
  CHECK(json::parse(monthly.out)["rows"][6]["seven_day_yield_pct"] == "4.385");  // example B, simple
  std::remove(f.c_str());
}

TEST_CASE("fund when explains a Thursday-before-15:00 purchase", "[cli][fund]") {
  auto r = run_cli({"fund", "when", "--at", "2015-05-14 14:59"});
  CHECK(r.exit_code == 0);
  check_golden(r.out, "fund_when_thursday.txt");
  auto j = run_cli({"fund", "when", "--at", "2015-06-19 14:59", "--json"});
  REQUIRE(j.exit_code == 0);
  const auto doc = json::parse(j.out);
  CHECK(doc["trade_date"] == "2015-06-19");
  CHECK(doc["confirmed_on"] == "2015-06-23");  // after Dragon Boat (DOMAIN.md example E)
  CHECK(doc["earns_from"] == "2015-06-23");
  CHECK(doc["first_income_on"] == "2015-06-24");
  CHECK(doc["funds_available_on"].is_null());
  CHECK_THAT(doc["reason"].get<std::string>(), Catch::Matchers::Contains("Dragon Boat"));
  auto fast = json::parse(run_cli({"fund", "when", "--at", "2015-06-20 09:00", "--type", "redeem_fast", "--json"}).out);
  CHECK(fast["funds_available_on"] == "2015-06-20");
}

TEST_CASE("fund when rejects impossible moments and years without calendar data (exit 2)", "[cli][fund][errors]") {
  auto bad = run_cli({"fund", "when", "--at", "2015-02-30 10:00"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Matchers::Contains("no such date: 2015-02-30"));
  auto year = run_cli({"fund", "when", "--at", "2030-03-01 10:00"});
  CHECK(year.exit_code == 2);
  CHECK_THAT(year.err, Catch::Matchers::Contains("no trading calendar for 2030"));
  CHECK(run_cli({"fund", "when", "--at", "2015-05-14"}).exit_code == 2);
  CHECK(run_cli({"fund", "when"}).exit_code == 2);
  CHECK(run_cli({"fund", "when", "--at", "2015-05-14 10:00", "--type", "swap"}).exit_code == 2);
}

TEST_CASE("fund statement gives the daily statement and per-transaction timing (example E, National Day 2015)", "[cli][fund]") {
  const auto y = temp_file("nd_y.csv", yields_constant("2015-09-28", 12, "1.2012"));
  const auto t = temp_file("nd_t.csv",
                           "id,timestamp,type,amount\n"
                           "t1,2015-09-29 14:00,purchase,\"100,000.00\"\n"
                           "t2,2015-10-03 10:00,redeem_fast,60000.00\n"
                           "t3,2015-10-04 10:00,redeem,999999.00\n");
  auto r = run_cli({"fund", "statement", "--yields", y, "--transactions", t, "--json"});
  REQUIRE(r.exit_code == 0);
  const auto doc = json::parse(r.out);
  const auto& t1 = doc["transactions"][0];
  CHECK(t1["accepted"] == true);
  CHECK(t1["confirmed_on"] == "2015-09-30");
  CHECK(t1["earns_from"] == "2015-09-30");
  const auto& t2 = doc["transactions"][1];
  CHECK(t2["accepted"] == false);  // 2015 T+0 limit 50,000
  CHECK_THAT(t2["refusal"].get<std::string>(), Catch::Matchers::Contains("remaining 50,000.00"));
  CHECK(doc["transactions"][2]["accepted"] == false);
  CHECK_THAT(doc["transactions"][2]["refusal"].get<std::string>(), Catch::Matchers::Contains("only 100,"));
  // 09-30 .. 10-07 = 8 days of income, 100,000.00 -> 100,096.10.
  for (const auto& d : doc["days"])
    if (d["date"] == "2015-10-07") CHECK(d["balance"] == "100096.10");
  auto table = run_cli({"fund", "statement", "--yields", y, "--transactions", t});
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.out, Catch::Matchers::Contains("Daily statement"));
  CHECK_THAT(table.out, Catch::Matchers::Contains("100,096.10"));
  auto fast_limit = json::parse(run_cli({"fund", "statement", "--yields", y, "--transactions", t, "--json", "--fast-limit-2015", "60000"}).out);
  CHECK(fast_limit["transactions"][1]["accepted"] == true);
  CHECK(run_cli({"fund", "statement", "--yields", y, "--transactions", t, "--fast-limit-2015", "-1"}).exit_code == 2);
  std::remove(y.c_str());
  std::remove(t.c_str());
}

TEST_CASE("fund statement rejects every kind of bad transaction file with file:line and exit 1", "[cli][fund][errors]") {
  const std::string head = "id,timestamp,type,amount\n";
  CHECK_THAT(bad_transactions("d1", head + "a,2015-02-30 10:00,purchase,10\n"), Catch::Matchers::Contains("d1.csv:2: timestamp: no such date: 2015-02-30"));
  CHECK_THAT(bad_transactions("d2", head + "a,2030-05-06 10:00,purchase,10\n"),
             Catch::Matchers::Contains("d2.csv:2: timestamp: no trading calendar for 2030"));
  CHECK_THAT(bad_transactions("d3", head + "a,2015-09-29 10:00,purchase,-5.00\n"), Catch::Matchers::Contains("d3.csv:2: amount: must be positive"));
  CHECK_THAT(bad_transactions("d4", head + "a,2015-09-29 10:00,purchase,ten\n"), Catch::Matchers::Contains("d4.csv:2: amount:"));
  CHECK_THAT(bad_transactions("d5", head + "a,2015-09-29 10:00,purchase,1.234\n"), Catch::Matchers::Contains("d5.csv:2: amount:"));
  CHECK_THAT(bad_transactions("d6", head + "a,2015-09-29 10:00,gift,10\n"),
             Catch::Matchers::Contains("d6.csv:2: type: unknown transaction type \"gift\" (expected purchase, redeem or redeem_fast)"));
  CHECK_THAT(bad_transactions("d7", head + "a,2015-09-29 10:00,purchase,10\nb,2015-09-29 11:00,purchase,10\na,2015-09-30 10:00,redeem,5\n"),
             Catch::Matchers::Contains("d7.csv:4: id: duplicate id \"a\" (first on line 2)"));
  CHECK_THAT(bad_transactions("d8", head + "a,2015-09-29 10:00,purchase\n"), Catch::Matchers::Contains("d8.csv:2"));
  CHECK_THAT(bad_transactions("d9", head + "a,\"2015-09-29 10:00,purchase,10\n"), Catch::Matchers::Contains("d9.csv"));
  CHECK_THAT(bad_transactions("d10", "id,when,type,amount\na,2015-09-29 10:00,purchase,10\n"),
             Catch::Matchers::Contains("d10.csv:1: missing column \"timestamp\""));
  CHECK_THAT(bad_transactions("d11", head), Catch::Matchers::Contains("no transactions"));
  CHECK_THAT(bad_transactions("d12", head + "a,2015-09-29T10:00,purchase,10\n"), Catch::Matchers::Contains("d12.csv:2: timestamp: expected a time as"));
  CHECK_THAT(bad_transactions("d13", head + "a,2016-03-01 10:00,purchase,10\n"), Catch::Matchers::Contains("is after the last date"));
  // A purchase on a weekend is not an error: it counts for the next trading day.
  const auto y = temp_file("wk_y.csv", yields_constant("2015-09-28", 20, "1.2012"));
  const auto t = temp_file("wk_t.csv", head + "a,2015-10-03 10:00,purchase,10\n");
  auto ok = run_cli({"fund", "statement", "--yields", y, "--transactions", t, "--json"});
  CHECK(ok.exit_code == 0);
  CHECK(json::parse(ok.out)["transactions"][0]["trade_date"] == "2015-10-08");
  std::remove(y.c_str());
  std::remove(t.c_str());
}

TEST_CASE("fund yield rejects bad yield files with file:line and exit 1", "[cli][fund][errors]") {
  auto bad = [](const std::string& name, const std::string& csv) {
    const auto f = temp_file(name, csv);
    auto r = run_cli({"fund", "yield", "--input", f});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    std::remove(f.c_str());
    return r.err;
  };
  CHECK_THAT(bad("y1.csv", "date,income_per_10k\n2015-02-30,1.0\n"), Catch::Matchers::Contains("y1.csv:2: date: no such date: 2015-02-30"));
  CHECK_THAT(bad("y2.csv", "date,income_per_10k\n2015-03-01,1.0\n2015-03-03,1.0\n"), Catch::Matchers::Contains("y2.csv:3: 2015-03-02 is missing"));
  CHECK_THAT(bad("y3.csv", "date,income_per_10k\n2015-03-01,NaN\n"), Catch::Matchers::Contains("y3.csv:2: income_per_10k:"));
  CHECK_THAT(bad("y4.csv", "date,r\n2015-03-01,1.0\n"), Catch::Matchers::Contains("y4.csv:1: missing column \"income_per_10k\""));
  CHECK_THAT(bad("y5.csv", "date,income_per_10k\n2015-03-01,1.0,7\n"), Catch::Matchers::Contains("y5.csv:2"));
  CHECK_THAT(bad("y6.csv", "date,income_per_10k\n2015-03-01,1e5\n"), Catch::Matchers::Contains("y6.csv:2: income_per_10k:"));
  auto missing = run_cli({"fund", "yield", "--input", "/nonexistent/dir/x.csv"});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Matchers::Contains("cannot open /nonexistent/dir/x.csv"));
  CHECK(run_cli({"fund", "yield"}).exit_code == 2);
  CHECK(run_cli({"fund", "yield", "--input", "x.csv", "--carry", "weekly"}).exit_code == 2);
}

TEST_CASE("fund simulate is deterministic per seed and offers table, CSV and JSON", "[cli][fund]") {
  auto a = run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-06-30", "--json"});
  auto b = run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-06-30", "--json"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  const auto doc = json::parse(a.out);
  CHECK(doc["rows"].size() == 50);
  CHECK(doc["rows"][0]["gross_yield_pct"] == "4.5000");
  CHECK(doc["rows"][5]["seven_day_yield_pct"].is_null());
  CHECK(doc["rows"][6]["seven_day_yield_pct"].is_string());
  auto other = run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-06-30", "--json", "--seed", "7"});
  CHECK(other.out != a.out);
  auto csv = run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-05-20", "--csv", "--class", "B"});
  CHECK(csv.exit_code == 0);
  CHECK(csv.out.rfind("date,gross_yield_pct,income_per_10k,seven_day_yield_pct\n2015-05-12,4.5000,", 0) == 0);
  CHECK(run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-05-20"}).exit_code == 0);
  CHECK(run_cli({"fund", "simulate", "--from", "2015-05-20", "--to", "2015-05-12"}).exit_code == 2);
  CHECK(run_cli({"fund", "simulate", "--from", "2014-05-20", "--to", "2015-05-12"}).exit_code == 2);
  CHECK(run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-05-20", "--level", "abc"}).exit_code == 2);
  CHECK(run_cli({"fund", "simulate", "--from", "2015-05-12", "--to", "2015-05-20", "--json", "--csv"}).exit_code == 2);
}

TEST_CASE("every fund command has --help", "[cli][fund]") {
  for (const char* sub : {"yield", "statement", "when", "simulate"}) {
    auto r = run_cli({"fund", sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Matchers::Contains("Usage"));
  }
  CHECK(run_cli({"fund", "--help"}).exit_code == 0);
  CHECK(run_cli({"fund"}).exit_code == 2);
}

TEST_CASE("finlab --lang zh says the timing reason in Chinese, tables and JSON keys stay English", "[cli][fund][lang]") {
  auto en = run_cli({"--lang", "en", "fund", "when", "--at", "2015-05-14 14:59"});
  REQUIRE(en.exit_code == 0);
  check_golden(en.out, "fund_when_thursday.txt");  // --lang en is the default, byte for byte
  auto zh = run_cli({"--lang", "zh", "fund", "when", "--at", "2015-05-14 14:59"});
  REQUIRE(zh.exit_code == 0);
  CHECK_THAT(zh.out, Catch::Matchers::Contains("first_income_on  2015-05-16 Sat"));
  CHECK_THAT(zh.out, Catch::Matchers::Contains(
                         "2015-05-14（周四） 14:59 早于交易日 15:00 的截止时间，订单按当天受理（T = 2015-05-14）。"
                         "份额在下一个交易日 2015-05-15（周五）确认，并从当天起计息，包括其后的 2 个非交易日（周末 05-16 至 05-17）。"
                         "首笔收益于 2015-05-16 入账。"));
  auto j = run_cli({"--lang", "zh", "fund", "when", "--at", "2015-06-19 14:59", "--json"});
  REQUIRE(j.exit_code == 0);
  const auto doc = json::parse(j.out);
  CHECK_THAT(doc["reason"].get<std::string>(), Catch::Matchers::Contains("（中间为周末 06-20 至 06-21、端午节 06-22）"));
  CHECK_THAT(doc["reason"].get<std::string>(), !Catch::Matchers::Contains("Dragon Boat"));
  auto bad = run_cli({"--lang", "fr", "fund", "when", "--at", "2015-05-14 14:59"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Matchers::Contains("expected en or zh, got 'fr'"));
}
