#include "core/portfolio/suitability_gate.hpp"

#include "core/error.hpp"

namespace finlab::portfolio {

bool PlanSuitability::allowed() const {
  using suitability::Verdict;
  return !checked || decision.verdict == Verdict::allowed || decision.verdict == Verdict::allowed_with_warning;
}

PlanSuitability check_plan_suitability(const Plan& plan) {
  PlanSuitability out;
  if (!plan.investor || plan.funds.empty()) return out;
  auto a = suitability::assess(suitability::Questionnaire::builtin(), plan.investor->answers, plan.investor->assessed, {});
  FINLAB_REQUIRE(a.ok(), "investor profile: " << a.error());  // parse_plan checked the answers
  out.checked = true;
  out.assessment = a.value();
  const suitability::Product fund = suitability::ProductCatalog::builtin().product("index_fund").value();
  out.decision = suitability::check(out.assessment, fund, plan.start, plan.investor->signed_warning);
  return out;
}

std::optional<std::string> plan_suitability_refusal(const Plan& plan) {
  const PlanSuitability s = check_plan_suitability(plan);
  if (s.allowed()) return std::nullopt;
  return "suitability: " + s.decision.why_en + " (" + std::string(suitability::to_string(s.decision.verdict)) + ")";
}

}  // namespace finlab::portfolio
