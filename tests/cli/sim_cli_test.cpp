// `finlab sim` through the real binary: every subcommand, JSON with decimal
// strings, the same totals for any thread count, and exit codes (2 for usage
// errors, 1 for bad data).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/store/database.hpp"
#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::temp_file;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

struct Db {
  std::string path;
  explicit Db(const char* name) : path(temp_file(std::string(name) + ".sqlite", "")) { std::remove(path.c_str()); }
  ~Db() { std::remove(path.c_str()); }
};

json run_json(const std::vector<std::string>& args) {
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::vector<std::string> run_args(const std::string& db, const std::string& threads) {
  return {"sim", "run", "--users", "3000", "--months", "12", "--seed", "5", "--history", "5000", "--threads", threads, "--db", db, "--json"};
}

}  // namespace

TEST_CASE("finlab sim run stores a run and prints its totals as decimal strings", "[cli][sim]") {
  Db db("run");
  const json one = run_json(run_args(db.path, "1"));
  CHECK(one["run_id"] == 1);
  CHECK(one["status"] == "complete");
  CHECK(one["policy"] == "baseline-2015");
  CHECK(one["scenario"] == "baseline");
  for (const char* k : {"approval_rate", "booked_amount", "loss_rate", "net_profit", "fund_aum", "subsidy_cost", "fast_redemption_peak_day"}) {
    INFO(k);
    REQUIRE(one["totals"].contains(k));
    CHECK(one["totals"][k].is_string());
  }
  CHECK(one["totals"]["booked_amount"].get<std::string>().find('.') != std::string::npos);

  SECTION("the same totals for any number of threads") {
    const json two = run_json(run_args(db.path, "2"));
    const json three = run_json(run_args(db.path, "3"));
    CHECK(two["run_id"] == 2);
    CHECK(one["totals"] == two["totals"]);
    CHECK(one["totals"] == three["totals"]);
  }
  SECTION("list, show, export and compare read it back") {
    auto list = run_cli({"sim", "list", "--db", db.path});
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.out, Contains("baseline-2015"));
    CHECK_THAT(list.out, Contains("complete"));
    const json shown = run_json({"sim", "show", "1", "--db", db.path, "--json"});
    CHECK(shown["totals"] == one["totals"]);
    CHECK(shown["months_detail"].size() == 12);
    CHECK(shown["analyses"].contains("approval_gain"));
    auto table = run_cli({"sim", "show", "1", "--db", db.path});
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Contains("Value of behaviour data"));
    CHECK_THAT(table.out, Contains("swap_in"));
    CHECK_THAT(table.out, Contains("Vintages"));
    auto csv = run_cli({"sim", "export", "1", "--format", "csv", "--db", db.path});
    CHECK(csv.exit_code == 0);
    CHECK(csv.out.rfind("month,period,applicants,approval_rate,", 0) == 0);
    CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 13);
    const json exported = run_json({"sim", "export", "1", "--format", "json", "--db", db.path});
    CHECK(exported["totals"] == one["totals"]);
    run_json(run_args(db.path, "1"));
    const json cmp = run_json({"sim", "compare", "1", "2", "--db", db.path, "--json"});
    for (const auto& row : cmp["totals"]) {
      INFO(row["name"]);
      CHECK(row["a"] == row["b"]);
    }
  }
}

TEST_CASE("finlab sim user shows one user's path and sums to the run", "[cli][sim][user-lens]") {
  Db db("user");
  const json run = run_json({"sim", "run", "--users", "300", "--months", "8", "--seed", "11", "--history", "4000", "--db", db.path, "--json"});
  std::int64_t booked = 0, fund_income = 0;
  auto fen = [](const json& v) {
    std::string s = v.get<std::string>();
    const bool neg = !s.empty() && s[0] == '-';
    if (neg) s.erase(0, 1);
    const auto dot = s.find('.');
    const std::int64_t x = std::stoll(s.substr(0, dot)) * 100 + std::stoll(s.substr(dot + 1));
    return neg ? -x : x;
  };
  // The full P&L's components and the net profit add up over users too (docs/sim.md "Full P&L").
  const std::vector<std::string> pnl{"net_profit", "acquisition_cost", "data_cost", "collection_cost", "interest_tax", "capital_charge", "provision_stage3"};
  std::vector<std::int64_t> pnl_sum(pnl.size(), 0);
  for (int u = 0; u < 300; ++u) {
    const json v = run_json({"sim", "user", "1", std::to_string(u), "--db", db.path, "--json"});
    booked += fen(v["figures"]["booked_amount"]);
    fund_income += fen(v["figures"]["fund_income_paid"]);
    for (std::size_t k = 0; k < pnl.size(); ++k) pnl_sum[k] += fen(v["figures"][pnl[k]]);
  }
  CHECK(booked == fen(run["totals"]["booked_amount"]));
  CHECK(fund_income == fen(run["totals"]["fund_income_paid"]));
  for (std::size_t k = 0; k < pnl.size(); ++k) {
    INFO(pnl[k]);
    CHECK(pnl_sum[k] == fen(run["totals"][pnl[k]]));
  }
  CHECK(fen(run["totals"]["acquisition_cost"]) > 0);
  auto table = run_cli({"sim", "user", "1", "0", "--db", db.path});
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.out, Contains("user 0 of run 1"));
  auto out_of_range = run_cli({"sim", "user", "1", "300", "--db", db.path});
  CHECK(out_of_range.exit_code == 2);
  CHECK_THAT(out_of_range.err, Contains("not in run 1"));
}

TEST_CASE("finlab sim sweep prints the efficient frontier", "[cli][sim][sweep]") {
  const json doc = run_json({"sim", "sweep", "--cutoffs", "560:660:20", "--users", "3000", "--months", "9", "--seed", "2", "--history", "4000", "--json"});
  REQUIRE(doc["points"].size() == 6);
  int efficient = 0;
  for (const auto& p : doc["points"]) efficient += p["efficient"].get<bool>() ? 1 : 0;
  CHECK(efficient >= 1);
  CHECK(doc["points"][0]["cutoff"] == 560);
  auto table = run_cli({"sim", "sweep", "--cutoffs", "580:620:20", "--users", "2000", "--months", "6", "--seed", "2", "--history", "4000"});
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.out, Contains("frontier"));
}

TEST_CASE("finlab sim rejects bad arguments with exit 2 and bad files with exit 1", "[cli][sim][errors]") {
  Db db("errors");
  SECTION("usage errors") {
    CHECK(run_cli({"sim"}).exit_code == 2);
    CHECK(run_cli({"sim", "run", "--months", "12", "--seed", "1", "--db", db.path}).exit_code == 2);  // no --users
    auto zero = run_cli({"sim", "run", "--users", "0", "--months", "12", "--seed", "1", "--db", db.path});
    CHECK(zero.exit_code == 2);
    CHECK_THAT(zero.err, Contains("users must be between 1"));
    auto zero_zh = run_cli({"--lang", "zh", "sim", "run", "--users", "0", "--months", "12", "--seed", "1", "--db", db.path});
    CHECK(zero_zh.exit_code == 2);
    CHECK_THAT(zero_zh.err, Contains("用户数必须在 1 到 2 亿之间，实际为 0") && !Contains("users must be"));
    auto scen = run_cli({"sim", "run", "--users", "10", "--months", "2", "--seed", "1", "--scenario", "apocalypse", "--db", db.path});
    CHECK(scen.exit_code == 2);
    CHECK_THAT(scen.err, Contains("unknown scenario \"apocalypse\""));
    CHECK_THAT(scen.err, Contains("severe-stress"));
    auto cut = run_cli({"sim", "sweep", "--cutoffs", "700:520:10", "--users", "10", "--months", "2", "--seed", "1"});
    CHECK(cut.exit_code == 2);
    CHECK_THAT(cut.err, Contains("inverted range"));
    CHECK(run_cli({"sim", "sweep", "--cutoffs", "520-700", "--users", "10", "--months", "2", "--seed", "1"}).exit_code == 2);
    CHECK(run_cli({"sim", "export", "1", "--format", "xml", "--db", db.path}).exit_code == 2);
    CHECK(run_cli({"sim", "run", "--users", "10", "--months", "2", "--seed", "1", "--policy", "no-such.json", "--db", db.path}).exit_code == 2);
  }
  SECTION("an invalid policy is reported with JSON paths, exit 1") {
    const std::string bad = temp_file("bad_policy.json", R"({"credit": {"cutoff": "600", "score_bands": [600, 560], "income_bands_yuan": [],
      "limits_yuan": [[1], [2]], "pricing": {"quote": "daily", "rates_pct": ["0.05", "0.05", "0.05"]}, "terms_months": [3], "colour": 1},
      "platform": {"partners": [{"name": "x", "funding_cost_pct": "5"}]}})");
    auto r = run_cli({"sim", "run", "--users", "10", "--months", "2", "--seed", "1", "--policy", bad, "--db", db.path});
    // --lang zh: the same mistakes at the same paths, in Chinese.
    auto zh = run_cli({"--lang", "zh", "sim", "run", "--users", "10", "--months", "2", "--seed", "1", "--policy", bad, "--db", db.path});
    std::remove(bad.c_str());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("invalid policy "));
    CHECK_THAT(r.err, Contains("\n  credit.cutoff: expected a whole number, got a string \"600\"\n"));
    CHECK_THAT(r.err, Contains("credit.score_bands[1]: inverted band"));
    CHECK_THAT(r.err, Contains("credit.colour: unknown key"));
    CHECK_THAT(r.err, Contains("credit.limits_yuan: matrix of the wrong shape"));
    CHECK_THAT(r.err, Contains("(format: docs/sim.md \"Policy\")"));
    CHECK(zh.exit_code == 1);
    CHECK_THAT(zh.err, Contains("策略文件 "));
    CHECK_THAT(zh.err, Contains("\n  credit.cutoff：应为整数，实际为文本“600”\n"));
    CHECK_THAT(zh.err, Contains("credit.score_bands[1]：分段颠倒：560 不大于上一个分界 600（分数段必须严格递增）"));
    CHECK_THAT(zh.err, Contains("credit.colour：未知的项“colour”"));
    CHECK_THAT(zh.err, Contains("credit.limits_yuan：矩阵形状不对"));
    CHECK_THAT(zh.err, !Contains("expected") && !Contains("inverted band"));
  }
  SECTION("a run that does not exist, exit 1") {
    REQUIRE(finlab::store::Database::open(db.path).ok());  // an existing (empty) database: read commands never create one
    auto r = run_cli({"sim", "show", "42", "--db", db.path});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("no run 42"));
  }
}

TEST_CASE("finlab sim run/show/compare carry 95% intervals and the few-events mark", "[cli][sim][interval]") {
  Db db("intervals");
  const json one = run_json(run_args(db.path, "1"));
  // "intervals" is a sibling of "totals": the totals' strings are unchanged.
  REQUIRE(one.contains("intervals"));
  CHECK(one["min_events"] == 30);
  for (const char* k : {"approval_rate", "takeup_rate", "loss_rate", "dq1_rate", "dq30_rate", "dq90_rate"}) {
    INFO(k);
    const json& iv = one["intervals"][k];
    CHECK(iv["value"] == one["totals"][k]);
    REQUIRE(iv["low"].is_string());
    const double v = std::stod(iv["value"].get<std::string>()), lo = std::stod(iv["low"].get<std::string>()),
                 hi = std::stod(iv["high"].get<std::string>());
    CHECK(lo <= v);
    CHECK(v <= hi);
    CHECK(lo < hi);
    CHECK(iv["events"].get<std::int64_t>() <= iv["trials"].get<std::int64_t>());
    const std::int64_t e = iv["events"], n = iv["trials"];
    CHECK(iv["few_events"] == (e < 30 || n - e < 30));
  }
  // Loans booked on an application: draws on an open line are not applications.
  CHECK(one["intervals"]["approval_rate"]["events"] ==
        std::stoll(one["totals"]["booked_count"].get<std::string>()) - std::stoll(one["totals"]["repeat_draws"].get<std::string>()));
  CHECK(one["intervals"]["loss_rate"]["events"] == std::stoll(one["totals"]["chargeoff_count"].get<std::string>()));
  CHECK(one["intervals"]["loss_rate"]["method"] == "wilson-loans");
  CHECK(one["intervals"]["net_profit"]["low"].is_null());
  CHECK(one["intervals"]["net_profit"]["method"] == "replication over seeds");
  CHECK(one["credit_quality"]["intervals"]["fpd7_rate"]["value"] == one["credit_quality"]["fpd"]["fpd7_rate"]);
  CHECK(one["credit_quality"]["vintages"][0].contains("ever30_interval"));

  SECTION("show --json has the same intervals; --min-events moves the mark only") {
    const json shown = run_json({"sim", "show", "1", "--db", db.path, "--json"});
    CHECK(shown["intervals"] == one["intervals"]);
    const json strict = run_json({"sim", "show", "1", "--db", db.path, "--json", "--min-events", "1000000"});
    CHECK(strict["intervals"]["approval_rate"]["few_events"] == true);
    CHECK(strict["intervals"]["approval_rate"]["low"] == one["intervals"]["approval_rate"]["low"]);
    auto bad = run_cli({"sim", "show", "1", "--db", db.path, "--min-events", "0"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("--min-events"));
  }
  SECTION("the tables show the interval and the events next to each rate") {
    auto table = run_cli({"sim", "show", "1", "--db", db.path});
    REQUIRE(table.exit_code == 0);
    const std::string lo = one["intervals"]["approval_rate"]["low"], hi = one["intervals"]["approval_rate"]["high"];
    CHECK_THAT(table.out, Contains("[" + lo + ", " + hi + "]"));
    CHECK_THAT(table.out, Contains("95% interval"));
    CHECK_THAT(table.out, Contains("--replicates"));
  }
  SECTION("compare marks a difference within the two runs' noise") {
    run_json(run_args(db.path, "2"));  // the same run again: every difference is 0, within noise
    const json cmp = run_json({"sim", "compare", "1", "2", "--db", db.path, "--json"});
    bool saw = false;
    for (const auto& row : cmp["totals"]) {
      if (row["name"] != "loss_rate") continue;
      saw = true;
      CHECK(row["within_noise"] == true);
      CHECK(row["a_interval"] == one["intervals"]["loss_rate"]);
    }
    CHECK(saw);
    auto t = run_cli({"sim", "compare", "1", "2", "--db", db.path});
    CHECK_THAT(t.out, Contains("within noise"));
  }
}

TEST_CASE("finlab sim run --replicates K stores K more seeds and reports the spread", "[cli][sim][interval][replicates]") {
  Db db("replicates");
  auto args = run_args(db.path, "1");
  args.insert(args.end(), {"--replicates", "2"});
  const json r = run_json(args);
  REQUIRE(r.contains("replicates"));
  CHECK(r["replicates"]["seeds"] == json::array({"5", "6", "7"}));
  CHECK(r["replicates"]["run_ids"] == json::array({1, 2, 3}));
  const json& np = r["replicates"]["totals"]["net_profit"];
  CHECK(np["unit"] == "yuan");
  CHECK(std::stod(np["min"].get<std::string>()) <= std::stod(np["max"].get<std::string>()));
  CHECK(r["replicates"]["totals"]["loss_rate"].contains("intervals_holding_mean"));
  // Each replicate is a run of its own, identical to running that seed alone.
  const json seed6 = run_json({"sim", "show", "2", "--db", db.path, "--json"});
  CHECK(seed6["seed"] == "6");
  auto alone = run_args(db.path, "1");
  alone[7] = "6";
  CHECK(run_json(alone)["totals"] == seed6["totals"]);
  auto bad = run_cli({"sim", "run", "--users", "10", "--months", "2", "--seed", "18446744073709551615", "--replicates", "1", "--db", db.path});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("passes the largest seed"));
}
