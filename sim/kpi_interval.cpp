// Intervals of the rate KPIs (kpi_interval.hpp). Integer arithmetic only:
// z, z² and every intermediate are fixed-point int128, the square root is an
// exact integer square root, so the digits are the same on every platform.
#include "sim/kpi_interval.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/money/decimal.hpp"
#include "sim/credit_quality.hpp"
#include "sim/kpi.hpp"

namespace finlab::sim {

using money::int128;
using money::uint128;
using money::Rounding;

namespace {

constexpr std::int64_t kScale = 1'000'000;       // x and n carried × 10^6
constexpr std::int64_t kZ = 1'959'964;           // z = 1.959964 (0.975 normal quantile 1.95996398...) × 10^6
constexpr int128 kZ2 = int128(kZ) * kZ;          // z² × 10^12
constexpr std::int64_t kMaxTrials = 1'000'000'000'000;  // keeps every product below 2^127
constexpr std::int64_t kMaxReplicateUnits = 1'000'000'000'000'000;

// Smallest r with r² >= v (ceiling square root), exactly.
uint128 isqrt_ceil(uint128 v) {
  if (v == 0) return 0;
  // Integer Newton from above: any start >= floor(sqrt(v)) descends to it.
  int bits = 0;
  for (uint128 t = v; t != 0; t >>= 1) ++bits;
  uint128 x = uint128(1) << ((bits + 1) / 2);  // >= sqrt(v)
  for (;;) {
    const uint128 y = (x + v / x) / 2;
    if (y >= x) break;
    x = y;
  }
  return x * x == v ? x : x + 1;
}

// Wilson bounds for x successes in n trials, x given × 10^6 (xs in [0, n·10^6]):
//   (2x + z² ∓ z·sqrt(z² + 4x(n−x)/n)) ÷ (2(n + z²)),
// the low bound rounded down and the high bound up to 10^-6 (percent × 10^4).
WilsonBounds wilson_scaled(int128 xs, std::int64_t n) {
  FINLAB_REQUIRE(n >= 1 && n <= kMaxTrials, "interval over " << n << " trials (1 .. 10^12)");
  const int128 ns = int128(n) * kScale;
  FINLAB_REQUIRE(xs >= 0 && xs <= ns, "interval: " << static_cast<long long>(xs / kScale) << " events out of " << n << " trials");
  const int128 a = 2 * xs * kScale + kZ2;                                     // (2x + z²) × 10^12
  const int128 inner = kZ2 + (4 * xs * (ns - xs)) / n;                        // (z² + 4x(n−x)/n) × 10^12
  const int128 b = int128(kZ) * int128(isqrt_ceil(static_cast<uint128>(inner)));  // z·sqrt(...) × 10^12, rounded up
  const int128 d = 2 * (ns * kScale + kZ2);                                   // 2(n + z²) × 10^12
  WilsonBounds w;
  w.low_units = money::narrow_checked(std::max<int128>(0, money::div_round((a - b) * kScale, d, Rounding::floor)), "interval");
  w.high_units = money::narrow_checked(std::min<int128>(100 * 10'000, money::div_round((a + b) * kScale, d, Rounding::ceiling)), "interval");
  return w;
}

std::string pct_units(std::int64_t units) { return money::format_fixed(units, 4); }

void fill(KpiInterval& k, const WilsonBounds& w) {
  k.available = true;
  k.low_units = w.low_units;
  k.high_units = w.high_units;
  k.low = pct_units(w.low_units);
  k.high = pct_units(w.high_units);
}

}  // namespace

WilsonBounds wilson_interval(std::int64_t events, std::int64_t trials) {
  FINLAB_REQUIRE(trials >= 1 && events >= 0 && events <= trials, "interval: " << events << " events out of " << trials << " trials");
  return wilson_scaled(int128(events) * kScale, trials);
}

WilsonBounds wilson_interval_of_ratio(std::int64_t num, std::int64_t den, std::int64_t trials) {
  FINLAB_REQUIRE(den >= 1 && num >= 0 && num <= den, "interval of the ratio " << num << " / " << den);
  FINLAB_REQUIRE(trials >= 1 && trials <= kMaxTrials, "interval over " << trials << " trials (1 .. 10^12)");
  return wilson_scaled(money::div_round(int128(trials) * kScale * num, den, Rounding::half_up), trials);
}

bool few_events(std::int64_t events, std::int64_t trials, std::int64_t min_events) {
  return events < min_events || trials - events < min_events;
}

const char* method_name(IntervalMethod m) {
  switch (m) {
    case IntervalMethod::wilson: return "wilson";
    case IntervalMethod::wilson_loans: return "wilson-loans";
    case IntervalMethod::replication: return "replication over seeds";
  }
  return "";
}

KpiInterval count_interval(std::string name, std::int64_t events, std::int64_t trials, std::int64_t min_events) {
  KpiInterval k;
  k.name = std::move(name);
  k.value = percent_of(events, trials);
  k.events = events;
  k.trials = trials;
  k.method = IntervalMethod::wilson;
  k.few_events = trials <= 0 || few_events(events, trials, min_events);
  if (trials > 0) fill(k, wilson_interval(events, trials));
  return k;
}

KpiInterval amount_interval(std::string name, std::int64_t num, std::int64_t den, std::int64_t events, std::int64_t trials,
                            std::int64_t min_events) {
  KpiInterval k;
  k.name = std::move(name);
  k.value = percent_of(num, den);
  k.events = events;
  k.trials = trials;
  k.method = IntervalMethod::wilson_loans;
  k.few_events = trials <= 0 || few_events(events, trials, min_events);
  if (den > 0 && trials > 0) fill(k, wilson_interval_of_ratio(std::clamp<std::int64_t>(num, 0, den), den, trials));
  return k;
}

std::vector<KpiInterval> total_intervals(const RunAcc& acc, bool quality_recorded, std::int64_t min_events) {
  FINLAB_REQUIRE(acc.months >= 1 && !acc.month.empty(), "intervals of a run without months");
  MonthAcc sum;
  for (const auto& a : acc.month) sum.add(a);
  const MonthAcc& last = acc.month.back();
  std::int64_t open = 0, open_90p = 0;
  for (int b = 0; b < kBuckets; ++b) {
    open += last.bucket_count[static_cast<std::size_t>(b)];
    if (b >= 4) open_90p += last.bucket_count[static_cast<std::size_t>(b)];  // M4+ = more than 90 days
  }
  std::vector<KpiInterval> out;
  out.push_back(count_interval("approval_rate", sum.application_bookings(), sum.applicants, min_events));
  out.push_back(count_interval("takeup_rate", sum.application_bookings(), sum.application_bookings() + sum.not_taken_up, min_events));
  out.push_back(amount_interval("loss_rate", sum.chargeoff_fen - sum.recoveries_fen, sum.booked_fen, sum.chargeoff_count, sum.booked_count, min_events));
  KpiInterval dq1 = amount_interval("dq1_rate", last.outstanding_fen - last.bucket_fen[0], last.outstanding_fen, open - last.bucket_count[0], open, min_events);
  out.push_back(amount_interval("dq30_rate", last.outstanding_30p_fen, last.outstanding_fen, last.count_30p, last.active_loans, min_events));
  KpiInterval dq90 = amount_interval("dq90_rate", last.outstanding_90p_fen, last.outstanding_fen, open_90p, open, min_events);
  for (KpiInterval* k : {&dq1, &dq90}) {
    if (!quality_recorded) *k = KpiInterval{k->name, k->value, false, "", "", 0, 0, 0, 0, false, IntervalMethod::wilson_loans};
    out.push_back(*k);
  }
  // Money totals: the spread over seeds (finlab sim run --replicates K), no analytic interval.
  std::int64_t net = 0, outstanding_sum = 0;
  for (int m = 0; m < acc.months; ++m) {
    net = money::narrow_checked(int128(net) + net_profit(acc, m), "net profit");
    outstanding_sum = money::narrow_checked(int128(outstanding_sum) + acc.month[static_cast<std::size_t>(m)].outstanding_fen, "outstanding");
  }
  out.push_back(KpiInterval{"net_profit", yuan_of(net), false, "", "", 0, 0, 0, 0, false, IntervalMethod::replication});
  out.push_back(KpiInterval{"roa", percent_of(net * 12, outstanding_sum), false, "", "", 0, 0, 0, 0, false, IntervalMethod::replication});
  return out;
}

std::vector<KpiInterval> quality_intervals(const RunAcc& acc, std::int64_t min_events) {
  std::vector<KpiInterval> out;
  std::int64_t due = 0, fpd7 = 0, due30 = 0, fpd30 = 0;
  for (const auto& r : fpd_by_vintage(acc)) {
    due += r.first_due;
    fpd7 += r.fpd7;
    if (r.fpd30_observed) {
      due30 += r.first_due;
      fpd30 += r.fpd30;
    }
  }
  out.push_back(count_interval("fpd7_rate", fpd7, due, min_events));
  out.push_back(count_interval("fpd30_rate", fpd30, due30, min_events));
  std::array<std::int64_t, 6> from{}, rolled{};
  for (const auto& f : flow_rates(acc)) {
    for (std::size_t k = 0; k < 6; ++k) {
      from[k] += f.from[k];
      rolled[k] += f.rolled[k];
    }
  }
  for (int k = 0; k < 6; ++k) {
    out.push_back(count_interval("flow_" + bucket_name(k) + "->" + bucket_name(k + 1), rolled[static_cast<std::size_t>(k)],
                                 from[static_cast<std::size_t>(k)], min_events));
  }
  const auto classes = classification_by_month(acc);
  if (!classes.empty()) {
    const ClassRow& c = classes.back();
    std::int64_t fen = 0, loans = 0;
    for (int k = 0; k < kLoanClasses; ++k) {
      fen += c.outstanding_fen[static_cast<std::size_t>(k)];
      loans += c.loans[static_cast<std::size_t>(k)];
    }
    for (int k = 0; k < kLoanClasses; ++k) {
      std::string n = class_name_en(static_cast<LoanClass>(k));
      std::replace(n.begin(), n.end(), ' ', '_');
      out.push_back(amount_interval("share_" + n, c.outstanding_fen[static_cast<std::size_t>(k)], fen, c.loans[static_cast<std::size_t>(k)], loans,
                                    min_events));
    }
  }
  return out;
}

const KpiInterval* find_interval(const std::vector<KpiInterval>& v, const std::string& name) {
  for (const auto& k : v)
    if (k.name == name) return &k;
  return nullptr;
}

bool intervals_overlap(const KpiInterval& a, const KpiInterval& b) {
  return a.available && b.available && a.low_units <= b.high_units && b.low_units <= a.high_units;
}

ReplicateStats replicate_stats(const std::vector<std::int64_t>& units) {
  FINLAB_REQUIRE(units.size() >= 2, "the spread over seeds needs at least 2 runs, got " << units.size());
  FINLAB_REQUIRE(units.size() <= 10'000, "the spread over seeds of " << units.size() << " runs (at most 10,000)");
  const int128 n = static_cast<int128>(units.size());
  int128 sum = 0, sum_sq = 0;
  ReplicateStats s;
  s.min = s.max = units.front();
  for (std::int64_t x : units) {
    // |x| < 10^15 units (10^13 yuan) and at most ~10^4 runs keep n·Σx² inside int128.
    FINLAB_REQUIRE(x > -kMaxReplicateUnits && x < kMaxReplicateUnits, "a figure of " << x << " units is beyond the spread's range (10^15)");
    sum += x;
    sum_sq += int128(x) * x;
    s.min = std::min(s.min, x);
    s.max = std::max(s.max, x);
  }
  s.mean = money::narrow_checked(money::div_round(sum, n, Rounding::half_up), "mean over seeds");
  // (n Σx² − (Σx)²) ÷ (n (n − 1)), exact in integers until the final division.
  const int128 var = (n * sum_sq - sum * sum) / (n * (n - 1));
  s.sd = money::narrow_checked(static_cast<int128>(isqrt_ceil(static_cast<uint128>(var))), "sd over seeds");
  if (int128(s.sd) * s.sd > var) --s.sd;  // truncate
  return s;
}

}  // namespace finlab::sim
