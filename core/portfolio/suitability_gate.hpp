// The suitability check of a portfolio plan (投资者适当性, docs/suitability.md):
// a plan that buys index funds (product "index_fund", R3 [D]) for an investor
// whose profile is given is allowed when the class reaches R3, allowed with
// the signed mismatch warning (Art. 19), and refused for the lowest category
// (Art. 22), without the signed warning, or after the assessment expired. The
// check date is the plan's start. A plan without a profile is not checked
// (the CLI and older plan files); a plan without index funds holds only
// 活期宝 (R1), which every class may buy.
#pragma once

#include <optional>
#include <string>

#include "core/portfolio/plan.hpp"
#include "core/suitability/suitability.hpp"

namespace finlab::portfolio {

struct PlanSuitability {
  bool checked = false;  // the plan has an investor profile and index funds
  suitability::Assessment assessment;
  suitability::Decision decision;
  bool allowed() const;
};

PlanSuitability check_plan_suitability(const Plan& plan);
// The reason the plan may not run, or nullopt.
std::optional<std::string> plan_suitability_refusal(const Plan& plan);

}  // namespace finlab::portfolio
