// The intervals of the rate KPIs (sim/kpi_interval.hpp, docs/sim.md
// "Uncertainty of the figures"): Wilson score intervals against published and
// independently computed values, the outward rounding, the few-events mark,
// the amount-ratio approximation, and the KPIs' intervals on a run's
// accumulators (built by hand, so every count is known).
#include <catch2/catch.hpp>

#include "sim/kpi_interval.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

struct Row {
  std::int64_t x, n;
  std::int64_t low, high;  // percent × 10^4
  const char* source;
};

}  // namespace

TEST_CASE("Wilson intervals match published and reference values, rounded outwards", "[sim][interval]") {
  // Newcombe (1998), Stat. Med. 17:857-872, Table I, method 3 (Wilson score),
  // printed to 4 decimals of a proportion: our 6 decimals must round to them.
  // Reference: Python's statistics.NormalDist().inv_cdf(0.975) and the Wilson
  // formula in 50-digit decimals (exact bounds shown), floored / ceiled.
  const Row rows[] = {
      {81, 263, 255288, 366210, "Newcombe 1998: 0.2553-0.3662 (ref. 25.528852, 36.620958)"},
      {15, 148, 62386, 160488, "Newcombe 1998: 0.0624-0.1605 (ref. 6.238640, 16.048724)"},
      {0, 20, 0, 161126, "Newcombe 1998: 0.0000-0.1611 (ref. 0, 16.112516)"},
      {1, 29, 6113, 171756, "Newcombe 1998: 0.0061-0.1718 (ref. 0.611321, 17.175522)"},
      {0, 10, 0, 277533, "ref. 0, 27.753280"},
      {5, 10, 236593, 763407, "ref. 23.659309, 76.340691"},
      {50, 1000, 38130, 65314, "ref. 3.813026, 6.531382"},
      {10, 10, 722467, 1000000, "ref. 72.246720, 100"},
      {12, 5000, 1373, 4191, "ref. 0.137347, 0.419055"},
  };
  for (const Row& r : rows) {
    INFO(r.x << " / " << r.n << ": " << r.source);
    const WilsonBounds w = wilson_interval(r.x, r.n);
    CHECK(w.low_units == r.low);
    CHECK(w.high_units == r.high);
  }
}

TEST_CASE("Wilson bounds bracket the rate, shrink with n and are symmetric in x and n - x", "[sim][interval]") {
  const WilsonBounds small = wilson_interval(20, 100), large = wilson_interval(2000, 10000);
  CHECK(small.low_units < 200000);
  CHECK(small.high_units > 200000);
  CHECK(large.high_units - large.low_units < small.high_units - small.low_units);
  const WilsonBounds lo = wilson_interval(7, 40), hi = wilson_interval(33, 40);
  // x/n and (n-x)/n mirror around 50%; outward rounding may differ by one unit at most.
  CHECK(std::abs((1000000 - lo.high_units) - hi.low_units) <= 1);
  CHECK(std::abs((1000000 - lo.low_units) - hi.high_units) <= 1);
}

TEST_CASE("Bad counts are refused with the numbers", "[sim][interval]") {
  CHECK_THROWS_WITH(wilson_interval(3, 0), Catch::Contains("3 events out of 0 trials"));
  CHECK_THROWS_WITH(wilson_interval(11, 10), Catch::Contains("11 events out of 10 trials"));
  CHECK_THROWS_WITH(wilson_interval(-1, 10), Catch::Contains("-1 events"));
  CHECK_THROWS_WITH(wilson_interval_of_ratio(5, 4, 10), Catch::Contains("5 / 4"));
  CHECK_THROWS_WITH(wilson_interval(1, 2'000'000'000'000), Catch::Contains("10^12"));
}

TEST_CASE("A figure on fewer than min_events events or non-events is marked few", "[sim][interval]") {
  CHECK(few_events(12, 5000, kDefaultMinEvents));   // 12 charge-offs
  CHECK_FALSE(few_events(30, 5000, kDefaultMinEvents));
  CHECK(few_events(29, 5000, kDefaultMinEvents));
  CHECK(few_events(990, 1000, kDefaultMinEvents));  // only 10 non-events: a 99% rate is as uncertain
  CHECK_FALSE(few_events(12, 5000, 10));            // the threshold is a setting
  const KpiInterval k = count_interval("fpd7_rate", 12, 5000, kDefaultMinEvents);
  CHECK(k.few_events);
  CHECK(k.value == "0.2400");
  CHECK(k.low == "0.1373");
  CHECK(k.high == "0.4191");
  const KpiInterval none = count_interval("fpd30_rate", 0, 0, kDefaultMinEvents);
  CHECK_FALSE(none.available);
  CHECK(none.few_events);
  CHECK(none.low.empty());
}

TEST_CASE("An amount ratio gets the interval of a proportion of its loans, around the amount ratio", "[sim][interval]") {
  // 1.86% of the amount charged off, over 5,000 loans (93 of them charged off):
  // the interval is that of 93 / 5,000 since 1.86% × 5,000 = 93.
  const KpiInterval k = amount_interval("loss_rate", 186, 10000, 93, 5000, kDefaultMinEvents);
  const WilsonBounds w = wilson_interval(93, 5000);
  CHECK(k.value == "1.8600");
  CHECK(k.low_units == w.low_units);
  CHECK(k.high_units == w.high_units);
  CHECK(k.method == IntervalMethod::wilson_loans);
  CHECK_FALSE(k.few_events);
  // The same ratio over fewer loans is wider.
  const KpiInterval few = amount_interval("loss_rate", 186, 10000, 9, 500, kDefaultMinEvents);
  CHECK(few.high_units - few.low_units > k.high_units - k.low_units);
  CHECK(few.few_events);
}

TEST_CASE("The run's rate totals carry intervals from the accumulators", "[sim][interval]") {
  RunAcc acc;
  acc.init(2, 61);
  MonthAcc& m0 = acc.month[0];
  m0.applicants = 1000;
  m0.booked_count = 200;
  m0.not_taken_up = 50;
  m0.booked_fen = 60'000'000;
  MonthAcc& m1 = acc.month[1];
  m1.chargeoff_count = 12;
  m1.chargeoff_fen = 3'000'000;
  m1.recoveries_fen = 300'000;
  m1.active_loans = 180;
  m1.outstanding_fen = 40'000'000;
  m1.outstanding_30p_fen = 2'000'000;
  m1.count_30p = 9;
  m1.outstanding_90p_fen = 1'000'000;
  m1.bucket_count = {160, 5, 6, 4, 3, 2, 0, 0, 0, 0, 0, 0, 0};
  m1.bucket_fen = {36'000'000, 1'000'000, 1'000'000, 1'000'000, 600'000, 400'000, 0, 0, 0, 0, 0, 0, 0};
  const auto iv = total_intervals(acc, /*quality_recorded=*/true, kDefaultMinEvents);
  const KpiInterval* a = find_interval(iv, "approval_rate");
  REQUIRE(a);
  CHECK(a->value == "20.0000");
  CHECK(a->events == 200);
  CHECK(a->trials == 1000);
  CHECK(a->low_units == wilson_interval(200, 1000).low_units);
  CHECK(find_interval(iv, "takeup_rate")->trials == 250);
  const KpiInterval* loss = find_interval(iv, "loss_rate");
  CHECK(loss->value == "4.5000");  // (30,000 − 3,000) ÷ 600,000 yuan
  CHECK(loss->events == 12);
  CHECK(loss->few_events);          // 12 charge-offs
  CHECK(loss->trials == 200);
  const KpiInterval* dq90 = find_interval(iv, "dq90_rate");
  CHECK(dq90->available);
  CHECK(dq90->events == 5);         // M4 and beyond
  CHECK(dq90->trials == 180);
  CHECK(find_interval(iv, "dq1_rate")->events == 20);
  CHECK(find_interval(iv, "dq30_rate")->events == 9);
  CHECK_FALSE(find_interval(iv, "net_profit")->available);
  CHECK(find_interval(iv, "roa")->method == IntervalMethod::replication);
  SECTION("a run stored without bucket counts has no dq1 / dq90 interval") {
    const auto old = total_intervals(acc, /*quality_recorded=*/false, kDefaultMinEvents);
    CHECK_FALSE(find_interval(old, "dq90_rate")->available);
    CHECK(find_interval(old, "dq90_rate")->value == "2.5000");
    CHECK(find_interval(old, "dq30_rate")->available);
  }
  SECTION("overlap: within noise or not") {
    const KpiInterval x = count_interval("approval_rate", 200, 1000, kDefaultMinEvents);
    const KpiInterval y = count_interval("approval_rate", 210, 1000, kDefaultMinEvents);
    const KpiInterval z = count_interval("approval_rate", 300, 1000, kDefaultMinEvents);
    CHECK(intervals_overlap(x, y));
    CHECK_FALSE(intervals_overlap(x, z));
    CHECK_FALSE(intervals_overlap(x, count_interval("approval_rate", 0, 0, kDefaultMinEvents)));
  }
}

TEST_CASE("The spread over seeds: mean, sample sd, range", "[sim][interval][replicates]") {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32 / 7 = 4.571.., sd 2.138.. (truncated 2).
  const ReplicateStats s = replicate_stats({200, 400, 400, 400, 500, 500, 700, 900});
  CHECK(s.mean == 500);
  CHECK(s.sd == 213);  // sqrt(45714.28..) = 213.8.., in units of 0.01
  CHECK(s.min == 200);
  CHECK(s.max == 900);
  CHECK(replicate_stats({-5, -5}).sd == 0);
  CHECK(replicate_stats({-3, 4}).mean == 1);  // 0.5 half-up
  CHECK_THROWS_WITH(replicate_stats({7}), Catch::Contains("at least 2 runs, got 1"));
}
