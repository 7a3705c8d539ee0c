// Policy lab, Results tab: the run's credit quality as `finlab sim show`
// prints it (sim/cli/sim_quality_report.cpp; definitions in docs/sim.md
// "Industry metrics"): FPD7 and FPD30 by vintage, flow rates C→M1 … M5→M6 by
// month, the roll-rate matrix pooled over the run, M3+ (含核销) curves by
// vintage and months on book, and the five-category classification
// (正常/关注/次级/可疑/损失) of the book by month. Every figure comes from
// sim/credit_quality.hpp on the run's stored accumulators; percentages have
// 2 decimals, rounded half-up once (sim::percent_of), as the CLI's tables.
// Deliberately not here: drawing (policy_lab_panel_quality.cpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "sim/credit_quality.hpp"
#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

namespace {

// "12.34%", or "-" for an empty base (as the CLI's tables).
std::string pct2(std::int64_t num, std::int64_t den) { return den == 0 ? std::string("-") : sim::percent_of(num, den, 2) + "%"; }

std::string flow_label(int k) { return sim::bucket_name(k) + "→" + sim::bucket_name(k + 1); }

// "Normal 正常" in English (the Chinese term is the regulation's name), "正常" in Chinese.
std::string class_label(sim::LoanClass c, Lang lang) {
  if (lang == Lang::zh) return sim::class_name_zh(c);
  std::string en = sim::class_name_en(c);
  if (!en.empty()) en[0] = static_cast<char>(en[0] - 'a' + 'A');
  return en + " " + sim::class_name_zh(c);
}

LabTable fpd_table(const sim::StoredRun& r, Ui& ui, LabQualityView& q) {
  const sim::KpiContext kc = r.kpi_context();
  LabTable t{"fpd", {ui.tr("Vintage"), ui.tr("Loans booked"), ui.tr("Reached the first due date"), "FPD7", "FPD30"}, {}};
  std::int64_t booked = 0, due = 0, fpd7 = 0, due30 = 0, fpd30 = 0;
  for (const auto& v : sim::fpd_by_vintage(r.acc)) {
    t.rows.push_back({sim::period_of(kc.start, v.orig_month), format_int(v.booked), format_int(v.first_due), pct2(v.fpd7, v.first_due),
                      v.fpd30_observed ? pct2(v.fpd30, v.first_due) : std::string("-")});
    booked += v.booked;
    due += v.first_due;
    fpd7 += v.fpd7;
    if (v.fpd30_observed) {
      due30 += v.first_due;
      fpd30 += v.fpd30;
    }
  }
  q.fpd7 = pct2(fpd7, due);
  q.fpd30 = pct2(fpd30, due30);
  q.fpd_basis = format_int(fpd7) + " / " + format_int(due) + " " + ui.tr("loans missed their first instalment");
  t.rows.push_back({ui.tr("All vintages"), format_int(booked), format_int(due), q.fpd7, q.fpd30});
  return t;
}

LabTable flow_table(const sim::StoredRun& r, Ui& ui) {
  const sim::KpiContext kc = r.kpi_context();
  LabTable t{"flow_rates", {ui.tr("Month")}, {}};
  for (int k = 0; k < 6; ++k) t.header.push_back(flow_label(k));
  std::array<std::int64_t, 6> from{}, rolled{};
  for (const auto& f : sim::flow_rates(r.acc)) {
    std::vector<std::string> row{sim::period_of(kc.start, f.month)};
    for (int k = 0; k < 6; ++k) {
      row.push_back(pct2(f.rolled[k], f.from[k]));
      from[k] += f.from[k];
      rolled[k] += f.rolled[k];
    }
    t.rows.push_back(std::move(row));
  }
  std::vector<std::string> pooled{ui.tr("Whole run (pooled)")};
  for (int k = 0; k < 6; ++k) pooled.push_back(pct2(rolled[k], from[k]));
  t.rows.push_back(std::move(pooled));
  return t;
}

// Rows: the buckets loans were in at a month's start (only those that held
// loans); columns: the buckets up to the furthest one reached, paid off,
// charged off; cells: share of the row's loans (the CLI's table).
LabTable roll_table(const sim::StoredRun& r, Ui& ui) {
  const auto pooled = sim::pooled_rolls(r.acc);
  int last_to = 0;
  for (int k = 0; k < sim::kBuckets * sim::kRollTo; ++k) {
    if (pooled[static_cast<std::size_t>(k)] != 0 && k % sim::kRollTo < sim::kBuckets) last_to = std::max(last_to, k % sim::kRollTo);
  }
  std::vector<int> cols;
  for (int to = 0; to <= last_to; ++to) cols.push_back(to);
  cols.push_back(sim::kRollPaidOff);
  cols.push_back(sim::kRollChargedOff);
  LabTable t{"roll_matrix", {ui.tr("From bucket"), ui.tr("Loans")}, {}};
  for (int to : cols) {
    t.header.push_back(to == sim::kRollPaidOff ? std::string(ui.tr("Paid off")) : to == sim::kRollChargedOff ? std::string(ui.tr("Charged off"))
                                                                                                              : sim::bucket_name(to));
  }
  for (int f = 0; f < sim::kBuckets; ++f) {
    const std::int64_t* row = pooled.data() + f * sim::kRollTo;
    std::int64_t n = 0;
    for (int to = 0; to < sim::kRollTo; ++to) n += row[to];
    if (n == 0) continue;
    std::vector<std::string> cells{sim::bucket_name(f), format_int(n)};
    for (int to : cols) cells.push_back(pct2(row[to], n));
    t.rows.push_back(std::move(cells));
  }
  return t;
}

LabTable class_table(const sim::StoredRun& r, Ui& ui) {
  const sim::KpiContext kc = r.kpi_context();
  LabTable t{"classification", {ui.tr("Month"), ui.tr("Open loans"), ui.tr("Principal outstanding")}, {}};
  for (int k = 0; k < sim::kLoanClasses; ++k) t.header.push_back(class_label(static_cast<sim::LoanClass>(k), ui.lang()));
  for (const auto& c : sim::classification_by_month(r.acc)) {
    std::int64_t total = 0, loans = 0;
    for (int k = 0; k < sim::kLoanClasses; ++k) {
      total += c.outstanding_fen[k];
      loans += c.loans[k];
    }
    std::vector<std::string> row{sim::period_of(kc.start, c.month), format_int(loans), yuan_text(total)};
    for (int k = 0; k < sim::kLoanClasses; ++k) row.push_back(pct2(c.outstanding_fen[k], total));
    t.rows.push_back(std::move(row));
  }
  return t;
}

// M3+ (含核销) by months on book: (principal 90+ DPD at the end of the MOB +
// principal charged off by then) ÷ amount booked, one curve per vintage
// (at most about six, evenly spaced, as the ever-30+ chart).
ChartSpec m3_chart(const sim::StoredRun& r, Ui& ui, float h) {
  return vintage_mob_chart("policy_lab.chart.m3plus", r, ui, h, sim::vintage_quality(r.acc), [](const auto& p) {
    const std::int64_t bad = p.m3p_fen + p.chargeoff_fen;
    const std::string pct = sim::percent_of(bad, p.booked_fen);
    return std::pair{pct, pct + "% (" + yuan_text(bad) + " / " + yuan_text(p.booked_fen) + ")"};
  });
}

}  // namespace

void PolicyLabModel::build_quality(Ui& ui) {
  LabQualityView& q = view_.current.quality;
  q = LabQualityView{};
  const sim::StoredRun& r = current_->run;
  if (!r.quality_recorded) {
    q.note = ui.tr("This run was stored before the credit-quality figures were recorded (runs database schema 3); run it again to see them.");
    return;
  }
  q.recorded = true;
  q.fpd = fpd_table(r, ui, q);
  q.flows = flow_table(r, ui);
  q.rolls = roll_table(r, ui);
  q.classes = class_table(r, ui);
  q.m3_chart = m3_chart(r, ui, 190.0f);
  bool any = false;
  for (const auto& s : q.m3_chart.series)
    for (double y : s.y)
      if (!std::isnan(y) && y != 0.0) any = true;
  if (!any) q.m3_note = ui.tr("No loan reached 90 days past due or was charged off in this run.");
}

}  // namespace finlab::web::lab
