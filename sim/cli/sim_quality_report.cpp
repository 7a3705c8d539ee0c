// The credit-quality part of `finlab sim run/show` (sim_report.hpp): FPD7 and
// FPD30 by vintage, flow rates and the roll-rate matrix by month, ever-30+ /
// ever-90+ / M3+ by vintage and months on book, and the five-category loan
// classification of the book by month, as JSON and as tables. Definitions in
// docs/sim.md "Industry metrics"; the figures come from sim/credit_quality.hpp.
#include <algorithm>
#include <iostream>

#include "sim/cli/sim_report.hpp"
#include "sim/credit_quality.hpp"

namespace finlab::cli {

using nlohmann::ordered_json;
namespace sm = finlab::sim;

namespace {

constexpr const char* kClassSource =
    "CBIRC/PBOC 2023 Measures for the Risk Classification of Financial Assets of Commercial Banks (商业银行金融资产风险分类办法): "
    "overdue at all -> at least special mention, more than 90 days -> substandard, 270 -> doubtful, 360 -> loss";

ordered_json rate_or_null(std::int64_t num, std::int64_t den) {
  if (den == 0) return nullptr;
  return sm::percent_of(num, den);
}

std::string flow_name(int k) { return sm::bucket_name(k) + "->" + sm::bucket_name(k + 1); }

// A count proportion's interval as a sibling object of its rate: {low, high, events, trials, few_events}.
ordered_json count_interval_json(std::int64_t events, std::int64_t trials, std::int64_t min_events) {
  ordered_json j = interval_json(sm::count_interval("", events, trials, min_events));
  j.erase("value");
  j.erase("method");
  return j;
}

struct FpdTotals {
  std::int64_t due = 0, fpd7 = 0, due30 = 0, fpd30 = 0;
};
FpdTotals fpd_totals(const std::vector<sm::FpdRow>& rows) {
  FpdTotals t;
  for (const auto& r : rows) {
    t.due += r.first_due;
    t.fpd7 += r.fpd7;
    if (r.fpd30_observed) {
      t.due30 += r.first_due;
      t.fpd30 += r.fpd30;
    }
  }
  return t;
}

ordered_json fpd_json(const sm::StoredRun& r, std::int64_t min_events) {
  const auto ctx = r.kpi_context();
  const auto rows = sm::fpd_by_vintage(r.acc);
  const FpdTotals t = fpd_totals(rows);
  ordered_json by = ordered_json::array();
  for (const auto& v : rows) {
    by.push_back({{"vintage", sm::period_of(ctx.start, v.orig_month)},
                  {"booked", v.booked},
                  {"first_due", v.first_due},
                  {"fpd7", v.fpd7},
                  {"fpd30", v.fpd30},
                  {"fpd7_rate", rate_or_null(v.fpd7, v.first_due)},
                  {"fpd30_rate", v.fpd30_observed ? rate_or_null(v.fpd30, v.first_due) : ordered_json(nullptr)},
                  {"fpd7_interval", count_interval_json(v.fpd7, v.first_due, min_events)},
                  {"fpd30_interval", v.fpd30_observed ? count_interval_json(v.fpd30, v.first_due, min_events) : ordered_json(nullptr)}});
  }
  return {{"first_due", t.due}, {"fpd7_rate", rate_or_null(t.fpd7, t.due)}, {"fpd30_rate", rate_or_null(t.fpd30, t.due30)}, {"by_vintage", by}};
}

ordered_json flows_json(const sm::StoredRun& r) {
  const auto ctx = r.kpi_context();
  std::array<std::int64_t, 6> from{}, rolled{};
  ordered_json by = ordered_json::array();
  for (const auto& f : sm::flow_rates(r.acc)) {
    ordered_json o{{"month", f.month + 1}, {"period", sm::period_of(ctx.start, f.month)}};
    for (int k = 0; k < 6; ++k) {
      o[flow_name(k)] = rate_or_null(f.rolled[k], f.from[k]);
      from[k] += f.from[k];
      rolled[k] += f.rolled[k];
    }
    by.push_back(o);
  }
  ordered_json pooled;
  for (int k = 0; k < 6; ++k) pooled[flow_name(k)] = rate_or_null(rolled[k], from[k]);
  return {{"pooled", pooled}, {"by_month", by}};
}

ordered_json roll_row_json(const std::int64_t* row) {
  ordered_json to = ordered_json::object();
  std::int64_t n = 0;
  for (int t = 0; t < sm::kRollTo; ++t) {
    n += row[t];
    if (row[t] != 0) to[sm::roll_to_name(t)] = row[t];
  }
  return {{"loans", n}, {"to", to}};
}

ordered_json rolls_json(const sm::StoredRun& r) {
  const auto pooled = sm::pooled_rolls(r.acc);
  ordered_json p = ordered_json::array(), by = ordered_json::array();
  for (int f = 0; f < sm::kBuckets; ++f) {
    ordered_json row = roll_row_json(pooled.data() + f * sm::kRollTo);
    if (row["loans"] == 0) continue;
    row["from"] = sm::bucket_name(f);
    p.push_back(row);
  }
  for (int m = 0; m < r.summary.months; ++m) {
    for (int f = 0; f < sm::kBuckets; ++f) {
      ordered_json row = roll_row_json(r.acc.month[static_cast<std::size_t>(m)].roll.data() + f * sm::kRollTo);
      if (row["loans"] == 0) continue;
      row["month"] = m + 1;
      row["from"] = sm::bucket_name(f);
      by.push_back(row);
    }
  }
  return {{"pooled", p}, {"by_month", by}};
}

ordered_json vintage_quality_json(const sm::StoredRun& r, std::int64_t min_events) {
  const auto ctx = r.kpi_context();
  ordered_json arr = ordered_json::array();
  for (const auto& v : sm::vintage_quality(r.acc)) {
    arr.push_back({{"vintage", sm::period_of(ctx.start, v.orig_month)},
                   {"mob", v.mob},
                   {"loans", v.loans},
                   {"ever30_rate", sm::percent_of(v.ever30, v.loans)},
                   {"ever90_rate", sm::percent_of(v.ever90, v.loans)},
                   {"m3plus_rate", sm::percent_of(v.m3p_fen + v.chargeoff_fen, v.booked_fen)},
                   {"ever30_interval", count_interval_json(v.ever30, v.loans, min_events)},
                   {"ever90_interval", count_interval_json(v.ever90, v.loans, min_events)}});
  }
  return arr;
}

ordered_json classification_json(const sm::StoredRun& r) {
  const auto ctx = r.kpi_context();
  ordered_json by = ordered_json::array();
  for (const auto& c : sm::classification_by_month(r.acc)) {
    std::int64_t total = 0;
    for (auto v : c.outstanding_fen) total += v;
    ordered_json classes = ordered_json::array();
    for (int k = 0; k < sm::kLoanClasses; ++k) {
      const auto lc = static_cast<sm::LoanClass>(k);
      classes.push_back({{"class", sm::class_name_en(lc)},
                         {"class_zh", sm::class_name_zh(lc)},
                         {"loans", c.loans[k]},
                         {"outstanding", sm::yuan_of(c.outstanding_fen[k])},
                         {"share", sm::percent_of(c.outstanding_fen[k], total)}});
    }
    by.push_back({{"month", c.month + 1}, {"period", sm::period_of(ctx.start, c.month)}, {"classes", classes}});
  }
  return {{"source", kClassSource}, {"by_month", by}};
}

}  // namespace

ordered_json quality_json(const sm::StoredRun& r, std::int64_t min_events) {
  if (!r.quality_recorded) {
    return {{"recorded", false}, {"note", "this run was stored before the credit-quality figures were recorded (schema version 3); run it again"}};
  }
  return {{"recorded", true},
          {"intervals", intervals_json(sm::quality_intervals(r.acc, min_events))},
          {"fpd", fpd_json(r, min_events)},
          {"flow_rates", flows_json(r)},
          {"roll_rates", rolls_json(r)},
          {"vintages", vintage_quality_json(r, min_events)},
          {"classification", classification_json(r)}};
}

Table quality_summary_table(const sm::StoredRun& r, std::int64_t min_events) {
  Table t;
  t.headers = {"credit quality", "value", "95% interval", "events"};
  t.align = {Align::left, Align::right, Align::left, Align::right};
  if (!r.quality_recorded) {
    t.rows.push_back({"not recorded (run stored before schema version 3)", "-", "-", "-"});
    return t;
  }
  // The figures and their intervals come from sim::quality_intervals, in its order:
  // FPD7, FPD30, six flow rates, five classes' shares at the end.
  const auto iv = sm::quality_intervals(r.acc, min_events);
  auto row = [&](const std::string& label, const std::string& name) {
    const sm::KpiInterval* k = sm::find_interval(iv, name);
    if (!k) return;
    t.rows.push_back({label, k->trials == 0 && !k->available ? "-" : k->value + "%", interval_cell(*k), events_cell(*k)});
  };
  row("FPD7 (first instalment missed)", "fpd7_rate");
  row("FPD30 (first instalment 30+ days past due)", "fpd30_rate");
  for (int k = 0; k < 6; ++k) row("flow rate " + flow_name(k), "flow_" + flow_name(k));
  for (int k = 0; k < sm::kLoanClasses; ++k) {
    const auto lc = static_cast<sm::LoanClass>(k);
    std::string n = sm::class_name_en(lc);
    std::replace(n.begin(), n.end(), ' ', '_');
    row("book at the end: " + sm::class_name_zh(lc) + " " + sm::class_name_en(lc), "share_" + n);
  }
  return t;
}

namespace {

std::string pct2(std::int64_t n, std::int64_t d) { return d == 0 ? std::string("-") : sm::percent_of(n, d, 2) + "%"; }

void print_fpd(const sm::StoredRun& r) {
  const auto ctx = r.kpi_context();
  std::cout << "\nFirst payment default by vintage\n";
  Table fp;
  fp.headers = {"vintage", "booked", "first due", "FPD7", "FPD30"};
  fp.align = {Align::left};
  for (const auto& v : sm::fpd_by_vintage(r.acc)) {
    fp.rows.push_back({sm::period_of(ctx.start, v.orig_month), std::to_string(v.booked), std::to_string(v.first_due), pct2(v.fpd7, v.first_due),
                       v.fpd30_observed ? pct2(v.fpd30, v.first_due) : "-"});
  }
  print_table(std::cout, fp);
}

void print_flows(const sm::StoredRun& r) {
  const auto ctx = r.kpi_context();
  std::cout << "\nFlow rates by month (loans in a bucket at the month's start that rolled one bucket further)\n";
  Table fl;
  fl.headers = {"month", "period"};
  for (int k = 0; k < 6; ++k) fl.headers.push_back(flow_name(k));
  fl.align = {Align::right, Align::left};
  for (const auto& f : sm::flow_rates(r.acc)) {
    std::vector<std::string> row{std::to_string(f.month + 1), sm::period_of(ctx.start, f.month)};
    for (int k = 0; k < 6; ++k) row.push_back(pct2(f.rolled[k], f.from[k]));
    fl.rows.push_back(row);
  }
  print_table(std::cout, fl);
}

void print_roll_matrix(const sm::StoredRun& r) {
  std::cout << "\nRoll-rate matrix over the run (share of the loans in a bucket at a month's start, by where they ended the month)\n";
  const auto pooled = sm::pooled_rolls(r.acc);
  int last_to = 0;  // the furthest bucket reached
  for (int k = 0; k < sm::kBuckets * sm::kRollTo; ++k) {
    if (pooled[static_cast<std::size_t>(k)] != 0 && k % sm::kRollTo < sm::kBuckets) last_to = std::max(last_to, k % sm::kRollTo);
  }
  std::vector<int> cols;
  for (int t = 0; t <= last_to; ++t) cols.push_back(t);
  cols.push_back(sm::kRollPaidOff);
  cols.push_back(sm::kRollChargedOff);
  Table rm;
  rm.headers = {"from", "loans"};
  for (int t : cols) rm.headers.push_back(sm::roll_to_name(t));
  rm.align = {Align::left};
  for (int f = 0; f < sm::kBuckets; ++f) {
    const std::int64_t* row = pooled.data() + f * sm::kRollTo;
    std::int64_t n = 0;
    for (int t = 0; t < sm::kRollTo; ++t) n += row[t];
    if (n == 0) continue;
    std::vector<std::string> cells{sm::bucket_name(f), std::to_string(n)};
    for (int t : cols) cells.push_back(pct2(row[t], n));
    rm.rows.push_back(cells);
  }
  print_table(std::cout, rm);
}

void print_vintage_quality(const sm::StoredRun& r, std::int64_t min_events) {
  const auto ctx = r.kpi_context();
  std::cout << "\nVintages by months on book: ever 30+ / ever 90+ (share of loans), M3+ (90+ principal and charge-offs / booked); \"(few)\": "
               "fewer than "
            << min_events << " loans with or without the event\n";
  Table vq;
  vq.headers = {"vintage", "loans", "MOB3 ever30+", "MOB6 ever30+", "MOB6 ever90+", "MOB12 ever90+", "MOB6 M3+", "MOB12 M3+"};
  vq.align = {Align::left};
  const auto points = sm::vintage_quality(r.acc);
  for (int o = 0; o < r.summary.months; ++o) {
    std::vector<std::string> row;
    std::string cell[6] = {"-", "-", "-", "-", "-", "-"};
    for (const auto& p : points) {
      if (p.orig_month != o) continue;
      if (row.empty()) row = {sm::period_of(ctx.start, o), std::to_string(p.loans)};
      auto few = [&](std::int64_t e) { return sm::few_events(e, p.loans, min_events) ? std::string(" (few)") : std::string(); };
      if (p.mob == 3) cell[0] = pct2(p.ever30, p.loans) + few(p.ever30);
      if (p.mob == 6) {
        cell[1] = pct2(p.ever30, p.loans) + few(p.ever30);
        cell[2] = pct2(p.ever90, p.loans) + few(p.ever90);
        cell[4] = pct2(p.m3p_fen + p.chargeoff_fen, p.booked_fen);
      }
      if (p.mob == 12) {
        cell[3] = pct2(p.ever90, p.loans) + few(p.ever90);
        cell[5] = pct2(p.m3p_fen + p.chargeoff_fen, p.booked_fen);
      }
    }
    if (row.empty()) continue;
    for (const auto& c : cell) row.push_back(c);
    vq.rows.push_back(row);
  }
  print_table(std::cout, vq);
}

void print_classification(const sm::StoredRun& r) {
  const auto ctx = r.kpi_context();
  std::cout << "\nFive-category loan classification of the book by month (share of principal outstanding)\n" << kClassSource << "\n";
  Table cl;
  cl.headers = {"month", "period", "loans"};
  for (int k = 0; k < sm::kLoanClasses; ++k) {
    const auto lc = static_cast<sm::LoanClass>(k);
    cl.headers.push_back(sm::class_name_zh(lc) + " " + sm::class_name_en(lc));
  }
  cl.align = {Align::right, Align::left};
  for (const auto& c : sm::classification_by_month(r.acc)) {
    std::int64_t total = 0, loans = 0;
    for (int k = 0; k < sm::kLoanClasses; ++k) {
      total += c.outstanding_fen[k];
      loans += c.loans[k];
    }
    std::vector<std::string> row{std::to_string(c.month + 1), sm::period_of(ctx.start, c.month), std::to_string(loans)};
    for (int k = 0; k < sm::kLoanClasses; ++k) row.push_back(pct2(c.outstanding_fen[k], total));
    cl.rows.push_back(row);
  }
  print_table(std::cout, cl);
}

}  // namespace

void print_quality(const sm::StoredRun& r, std::int64_t min_events) {
  std::cout << "\nCredit quality (definitions: docs/sim.md \"Industry metrics\")\n";
  print_table(std::cout, quality_summary_table(r, min_events));
  if (!r.quality_recorded) return;
  print_fpd(r);
  print_flows(r);
  print_roll_matrix(r);
  print_vintage_quality(r, min_events);
  print_classification(r);
}

}  // namespace finlab::cli
