// The sim's fund follows the market history by date (issue 12): the T+0
// limit in force on each day (core/fund: 50,000 [D] before 2018-06-01, 10,000
// from then, DOMAIN.md §1.7) and the gross yield around the MMF yield history
// (assets/market/mmf_yield.csv), so a 2019 start pays 2019's yields.
#include <catch2/catch.hpp>

#include "core/fund/yield_history.hpp"
#include "sim/engine.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

// A policy without "gross_yield_pct" and "fast_redeem_limit_yuan": the
// defaults ("history", the rule in force). `fund_extra` adds fund keys.
std::string policy_json(const std::string& fund_extra) {
  return R"({
  "name": "history",
  "credit": {
    "cutoff": 600, "score_bands": [640], "income_bands_yuan": [5000],
    "limits_yuan": [[2000, 3000], [4000, 5000]],
    "pricing": {"quote": "daily", "day_basis": 360, "rates_pct": ["0.06", "0.05"]},
    "terms_months": [3], "max_dti_pct": "50"
  },
  "platform": {"partners": [{"name": "Own book", "funding_cost_pct": "6", "capacity_yuan_per_month": null}]},
  "fund": {"fee_pct": "0.68")" +
         (fund_extra.find("gross_yield_volatility_pct") == std::string::npos ? std::string(R"(, "gross_yield_volatility_pct": "0")") : std::string()) +
         fund_extra + "}\n}";
}

Engine make_engine(const std::string& fund_extra, const char* start, int months) {
  const Policy p = parse_policy(policy_json(fund_extra)).value();
  const Scenario s = parse_scenario(std::string(R"({"name": "baseline", "start": ")") + start + "\"}").value();
  ScoreTables tables;
  tables.train_band_counts = {1};
  tables.band_names = {"all"};
  return Engine(p, s, tables, RunShape{1, months, 7, s.start});
}

// One fund-only user who deposits 60,000 yuan at the start of each month and
// redeems everything by T+0 on a day of the month: the T+0 part is capped by
// the day's limit. Returns the T+0 amount of each month (fen).
std::vector<std::int64_t> fast_by_month(const Engine& e) {
  Traits t;
  Book b;
  t.first_user = 0;
  t.resize(1);
  b.resize(1);
  t.score[0] = 500;
  t.score_app[0] = 500;
  t.consent[0] = 0x1F;
  t.income_fen[0] = 6'000'000;
  t.fund_deposit_p16[0] = 65535;
  t.fund_deposit_permille[0] = 1000;
  t.fund_redeem_p16[0] = 65535;
  t.fund_redeem_permille[0] = 1000;
  t.fund_fast_p8[0] = 255;
  Shard s;
  e.init_shard(s, 0, 1);
  std::vector<std::int64_t> out;
  for (int m = 0; m < e.shape().months; ++m) {
    e.begin_month(s);
    NoLog log;
    e.phase_a(t, b, s, m, 0, 1, log);
    const MonthAllocation al = e.allocate(s.demand);
    e.phase_b(t, b, s, m, al, log);
    out.push_back(s.acc.month[static_cast<std::size_t>(m)].fast_redemptions_fen);
  }
  return out;
}

}  // namespace

TEST_CASE("A 2019 start applies the 10,000 yuan T+0 limit in force, a 2015 start 50,000", "[sim][engine][fund][history]") {
  const Engine y2019 = make_engine("", "2019-03-01", 3);
  for (std::int64_t limit : y2019.daily_fast_limit()) REQUIRE(limit == 1'000'000);  // 10,000.00 yuan (CSRC/PBOC 2018)
  for (std::int64_t fast : fast_by_month(y2019)) CHECK(fast == 1'000'000);

  const Engine y2015 = make_engine("", "2015-06-01", 2);
  for (std::int64_t limit : y2015.daily_fast_limit()) REQUIRE(limit == 5'000'000);  // 50,000 [D] before 2018-06-01
  for (std::int64_t fast : fast_by_month(y2015)) CHECK(fast == 5'000'000);

  // A run across 2018-06-01 switches on that day: 2018-05-01 is day 0, 06-01 day 31.
  const Engine across = make_engine("", "2018-05-01", 2);
  CHECK(across.daily_fast_limit()[30] == 5'000'000);
  CHECK(across.daily_fast_limit()[31] == 1'000'000);

  // A policy value may only lower the limit: 50,000 in 2019 still gives 10,000; 5,000 gives 5,000.
  const Engine higher = make_engine(R"(, "fast_redeem_limit_yuan": 50000)", "2019-03-01", 1);
  CHECK(fast_by_month(higher).front() == 1'000'000);
  const Engine lower = make_engine(R"(, "fast_redeem_limit_yuan": 5000)", "2019-03-01", 1);
  CHECK(lower.daily_fast_limit().front() == 500'000);
  CHECK(fast_by_month(lower).front() == 500'000);
}

TEST_CASE("A 2019 start pays 2019's MMF yield level, a fixed gross_yield_pct keeps a constant level", "[sim][engine][fund][history]") {
  // Volatility 0: the gross yield IS the history + fee, the 万份收益 is the history level.
  const Engine e = make_engine("", "2019-04-01", 1);
  const auto& w = e.daily_income_per_10k();
  REQUIRE(w.size() == 30);
  // 2019-04-21 (day 20): Yu'e Bao 2.308% (DOMAIN.md §1.8 S25): 10,000 × 2.308% ÷ 365
  // = 0.63233 yuan → half-up to 0.0001: 0.6323 (6323 units).
  CHECK(w[20] == 6323);
  // The whole month lies between the 2018-12-31 row (2.5% → 0.6849) and the
  // 2019-12-31 row (2.25% → 10,000 × 2.25% ÷ 365 = 0.61644 → 0.6164).
  for (std::int64_t x : w) {
    CHECK(x >= 6164);
    CHECK(x <= 6849);
  }
  // The same start with the old constant 4.8% gross (4.12% net): 10,000 × 4.12% ÷ 365 = 1.12877 → 1.1288.
  const Engine fixed = make_engine(R"(, "gross_yield_pct": "4.8")", "2019-04-01", 1);
  for (std::int64_t x : fixed.daily_income_per_10k()) CHECK(x == 11288);
  // With the default volatility the month's mean stays near the history (σ 0.5%, κ 6/yr).
  const Engine noisy = make_engine(R"(, "gross_yield_volatility_pct": "0.5")", "2019-01-01", 12);
  std::int64_t sum = 0;
  for (std::int64_t x : noisy.daily_income_per_10k()) sum += x;
  const double mean_pct = static_cast<double>(sum) / static_cast<double>(noisy.daily_income_per_10k().size()) * 365.0 / 1e6;
  const double history_pct = [] {
    std::int64_t s = 0;
    for (auto r : fund::YieldHistory::builtin().daily(time::Date::of("2019-01-01"), 365)) s += r.units();
    return static_cast<double>(s) / 365.0 / 1e8;
  }();
  CHECK(std::abs(mean_pct - history_pct) < 0.15);
  CHECK(mean_pct < 2.6);  // not the 2015 level (about 4%)
}

TEST_CASE("gross_yield_pct accepts \"history\" or a percentage, and says which when wrong", "[sim][policy][history]") {
  auto p = parse_policy(policy_json(R"(, "gross_yield_pct": "history")"));
  REQUIRE(p);
  CHECK_FALSE(p.value().fund.gross_yield.has_value());
  CHECK(policy_to_json(p.value()).find("\"gross_yield_pct\": \"history\"") != std::string::npos);
  CHECK(policy_to_json(p.value()).find("fast_redeem_limit_yuan") == std::string::npos);
  auto bad = parse_policy(policy_json(R"(, "gross_yield_pct": "histroy")"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().find("fund.gross_yield_pct: expected \"history\" or a percentage such as \"4.8\", got \"histroy\"") != std::string::npos);
  auto fixed = parse_policy(policy_json(R"(, "gross_yield_pct": "4.5", "fast_redeem_limit_yuan": 20000)"));
  REQUIRE(fixed);
  CHECK(fixed.value().fund.gross_yield == money::Rate::percent("4.5"));
  CHECK(fixed.value().fund.fast_redeem_limit == money::yuan(20000));
  CHECK(parse_policy(policy_to_json(fixed.value())).value().fund.fast_redeem_limit == money::yuan(20000));
}
