// The Policy lab's totals (sim/kpi.cpp names such as "booked_count") as people
// read them: a label in English and Chinese, and the direction the figure
// should move for the platform (more profit is better, more losses worse),
// which colours the differences in Compare. Messages as data: one row per
// total, both languages side by side.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace finlab::web
