// The Policy lab's totals (sim/kpi.cpp names such as "booked_count") as people
// read them: a label in English and Chinese, and the direction the figure
// should move for the platform (more profit is better, more losses worse),
// which colours the differences in Compare. Messages as data: one row per
// total, both languages side by side. Also the 95% interval of a rate total
// and its few-events mark as the Policy lab shows them (sim/kpi_interval.hpp,
// docs/sim.md "Uncertainty of the figures").
#pragma once

#include <string>
#include <string_view>

#include "sim/kpi_interval.hpp"
#include "sim/run_store.hpp"
#include "web/i18n.hpp"

namespace finlab::web {

struct KpiText {
  const char* name;  // the stored total's name (sim/kpi.cpp)
  const char* en;
  const char* zh;
  int better;        // +1 higher is better, -1 lower is better, 0 neither
};

// nullptr for a name the table does not know.
const KpiText* kpi_text(std::string_view name);
// The label in `lang`; the raw name when the table does not know it.
std::string kpi_label(std::string_view name, Lang lang);
// +1 when the change from A to B (its display text starts with '+' or '-')
// moves the way the figure should, -1 when it moves the wrong way, 0 otherwise.
int kpi_judgement(std::string_view name, const std::string& diff_text);

// The intervals of a run's rate totals with the Policy lab's few-events
// threshold (kFewEvents = sim::kDefaultMinEvents = 30 [D]).
std::vector<sim::KpiInterval> kpi_intervals(const sim::StoredRun& r);
// Shown after a rate: " [1.7800, 1.9400]", then " ⚠ few events (12 / 5,000)"
// when it rests on fewer than 30 events or non-events; "" without an interval.
std::string kpi_interval_suffix(const sim::KpiInterval* k, Lang lang);
// The line under a KPI card: "95% interval 1.7800–1.9400% · 93 / 5,000"
// (the few-events mark is the card's own); "" without an interval.
std::string kpi_interval_line(const sim::KpiInterval* k, Lang lang);

}  // namespace finlab::web
