// Policy lab, Compare tab: two complete runs side by side, every total with
// its label and the exact difference B − A judged by the direction the figure
// should move (policy_lab_kpis.hpp), and month-by-month overlays. A rate shows
// its 95% interval and few-events mark; a difference whose two intervals
// overlap is "within noise" and left unjudged (neutral colour).
#include <algorithm>
#include <limits>

#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"
#include "web/policy_lab_kpis.hpp"

namespace finlab::web::lab {

namespace {

std::string run_choice(const sim::RunSummary& s, RunSource src, const std::string& opened, Lang lang) {
  return std::string(translate(lang, "Run")) + " " + std::to_string(s.run_id) +
         paren(src == RunSource::browser ? std::string(translate(lang, "browser")) : opened, lang) + " · " + run_name(s, lang) + " · " + s.scenario_name +
         " · " + format_int(static_cast<std::int64_t>(s.users)) + " × " + std::to_string(s.months);
}

// Month-by-month overlays of A and B.
std::vector<ChartSpec> compare_charts(const sim::StoredRun& a, const sim::StoredRun& b, Ui& ui) {
  std::vector<ChartSpec> out;
  const int M = std::max(a.acc.months, b.acc.months);
  auto base = [&](const char* name) {
    ChartSpec c;
    c.name = name;
    c.height_css = 190;
    for (int m = 0; m < M; ++m) c.x_labels.push_back(std::to_string(m + 1));
    return c;
  };
  {
    ChartSpec c = base("policy_lab.compare.chart.approval");
    c.y_suffix = "%";
    c.y_from_zero = true;
    for (int k = 0; k < 2; ++k) {
      const sim::StoredRun& r = k == 0 ? a : b;
      ChartSeries s{std::string(k == 0 ? "A " : "B ") + ui.tr("Approval rate"), SeriesKind::line, {}, {}, {}, k == 0 ? IM_COL32(0, 114, 178, 255) : IM_COL32(213, 94, 0, 255), true};
      for (int m = 0; m < M; ++m) {
        if (m < r.acc.months) {
          const std::string p = sim::percent_of(r.acc.month[m].application_bookings(), r.acc.month[m].applicants);
          s.y.push_back(plot_of(p, 4));
          s.y_text.push_back(p + "%");
        } else {
          s.y.push_back(std::numeric_limits<double>::quiet_NaN());
          s.y_text.push_back("–");
        }
      }
      c.series.push_back(std::move(s));
    }
    out.push_back(std::move(c));
  }
  {
    ChartSpec c = base("policy_lab.compare.chart.profit");
    c.y_from_zero = true;
    for (int k = 0; k < 2; ++k) {
      const sim::StoredRun& r = k == 0 ? a : b;
      ChartSeries s{std::string(k == 0 ? "A " : "B ") + ui.tr("Cumulative net profit"), SeriesKind::line, {}, {}, {}, k == 0 ? IM_COL32(0, 114, 178, 255) : IM_COL32(213, 94, 0, 255), true};
      std::int64_t run = 0;
      for (int m = 0; m < M; ++m) {
        if (m < r.acc.months) {
          run += sim::net_profit(r.acc, m);
          s.y.push_back(to_plot(run, 2));
          s.y_text.push_back(yuan_text(run));
        } else {
          s.y.push_back(std::numeric_limits<double>::quiet_NaN());
          s.y_text.push_back("–");
        }
      }
      c.series.push_back(std::move(s));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

void PolicyLabModel::build_compare(Ui& ui) {
  const Lang lang = ui.lang();
  view_.compare_choices.clear();
  for (const RunRef& r : compare_refs_) {
    const auto& list = r.source == RunSource::browser ? runs_list_ : opened_list_;
    for (const auto& s : list)
      if (s.run_id == r.id) view_.compare_choices.push_back(run_choice(s, r.source, opened_name_, lang));
  }
  view_.compare.clear();
  view_.compare_charts.clear();
  view_.compare_a_title.clear();
  view_.compare_b_title.clear();
  if (!cmp_a_ || !cmp_b_) return;
  const sim::StoredRun& a = cmp_a_->run;
  const sim::StoredRun& b = cmp_b_->run;
  view_.compare_a_title = std::string("A: ") + run_choice(a.summary, cmp_a_->ref.source, opened_name_, lang);
  view_.compare_b_title = std::string("B: ") + run_choice(b.summary, cmp_b_->ref.source, opened_name_, lang);
  const auto ia = kpi_intervals(a), ib = kpi_intervals(b);
  for (const auto& ta : a.totals) {
    LabCompareRow row;
    row.key = ta.name;
    row.name = kpi_label(ta.name, lang);
    const sim::KpiInterval* ka = sim::find_interval(ia, ta.name);
    const sim::KpiInterval* kb = sim::find_interval(ib, ta.name);
    row.a = display_total(ta.value, ta.unit) + kpi_interval_suffix(ka, lang);
    std::string bv;
    for (const auto& tb : b.totals)
      if (tb.name == ta.name) bv = tb.value;
    row.b = bv.empty() ? "–" : display_total(bv, ta.unit) + kpi_interval_suffix(kb, lang);
    row.diff = bv.empty() ? "" : total_diff(ta.value, bv, ta.unit);
    row.differs = bv != ta.value;
    const bool noise = row.differs && ka && kb && sim::intervals_overlap(*ka, *kb);
    row.judgement = row.differs && !noise ? kpi_judgement(ta.name, row.diff) : 0;
    if (noise) row.diff += std::string(" · ") + translate(lang, "within noise");
    view_.compare.push_back(std::move(row));
  }
  view_.compare_charts = compare_charts(a, b, ui);
}

}  // namespace finlab::web::lab
