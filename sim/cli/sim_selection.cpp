// `finlab sim selection`: for the run's history (same policy, seed and
// history size as `sim run`), the bad rate each reject-inference method's card
// predicts for the applicants a policy change newly approves (swap-ins) next
// to the bad rate they really have (sim/selection_report.hpp, docs/sim.md
// "Selection-bias report"). A thin translation: arguments in, table or one
// JSON document (decimal strings) out. Exit 2 for usage errors, 1 for bad
// files or a card that cannot be trained (as the other sim commands).
#include "sim/cli/sim_selection.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"
#include "sim/kpi.hpp"
#include "sim/selection_report.hpp"

namespace finlab::cli {

namespace {

using nlohmann::ordered_json;
namespace sm = finlab::sim;
namespace cr = finlab::credit;

struct SelectionOptions {
  std::string policy;
  std::string scenario = "baseline";
  std::uint64_t seed = 0;
  std::int64_t history = 40'000;
  std::string method = "all";
  bool json = false;
};

// --method: all (default), policy (the policy's own method: the run's card
// alone, a fifth of the work) or one method's name.
std::vector<cr::RejectInference> methods_of(const std::string& m, const sm::Policy& policy) {
  if (m == "all") return {std::begin(cr::all_reject_inference), std::end(cr::all_reject_inference)};
  if (m == "policy") return {policy.credit.reject_inference};
  if (auto one = cr::reject_inference_from_string(m)) return {*one};
  std::string names;
  for (auto x : cr::all_reject_inference) names += std::string(", ") + std::string(cr::to_string(x));
  throw UsageError("--method: unknown method \"" + m + "\" (all, policy" + names + ")");
}

// Empty text (an undefined rate) as JSON null.
ordered_json text_or_null(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }

// Sentences in the output language (--lang); tables and keys stay English.
std::string definition(const sm::SelectionReport& r) {
  const std::string c = std::to_string(r.cutoff);
  if (output_lang() == text::Lang::zh)
    return "换入（swap-in）= 原有策略拒绝、未放款（团队不知其结果）、该方法的评分卡在 score >= " + c +
           " 时批准的申请人；换出（swap-out）= 原有策略批准、该评分卡拒绝的申请人。统计于历史样本的测试集（未用于训练）。";
  return "swap-in = declined by the incumbent and not booked (no outcome for the team), approved by the method's card at score >= " + c +
         "; swap-out = approved by the incumbent, declined by the card. Counted on the history's test split (never trained on).";
}

std::string no_swap_ins() {
  if (output_lang() == text::Lang::zh) return "没有换入：全信息历史（incumbent_cutoff 0）中每个申请人都已放款，没有需要推断的拒绝样本。";
  return "no swap-ins: under full information (incumbent_cutoff 0) every history applicant was booked; there are no rejects to infer.";
}

ordered_json report_json(const sm::SelectionReport& r, const sm::Policy& policy, const sm::Scenario& scenario, long long elapsed_ms) {
  ordered_json rows = ordered_json::array();
  for (const auto& row : r.rows) {
    rows.push_back({{"method", std::string(cr::to_string(row.method))},
                    {"policy_method", row.method == r.run_method},
                    {"auc", sm::auc_text(row) /* on every test applicant */},
                    {"training_rows", row.training_rows},
                    {"inferred_bads", row.inferred_bads},
                    {"approved", row.approved},
                    {"swap_in", row.swap_in},
                    {"predicted_bad_rate", text_or_null(sm::predicted_bad_rate(row))},
                    {"true_bad_rate", text_or_null(sm::true_bad_rate(row))},
                    {"difference_pp", text_or_null(sm::difference_pp(row))},
                    {"predicted_to_true", text_or_null(sm::predicted_to_true(row))},
                    {"swap_out", row.swap_out},
                    {"swap_out_true_bad_rate", text_or_null(sm::swap_out_bad_rate(row))}});
  }
  ordered_json doc = {{"policy", policy.name},
                      {"scenario", scenario.name},
                      {"seed", std::to_string(r.seed)},
                      {"history_users", r.history_users},
                      {"cutoff", r.cutoff},
                      {"incumbent_cutoff", r.incumbent_cutoff},
                      {"policy_method", std::string(cr::to_string(r.run_method))},
                      {"elapsed_ms", elapsed_ms},
                      {"test_split",
                       {{"applicants", r.test_applicants},
                        {"true_bad_rate", sm::percent_of(r.test_bads, r.test_applicants)},
                        {"incumbent_approved", r.test_approved},
                        {"booked_at_random", r.test_holdout},
                        {"declined", r.test_declined},
                        {"declined_true_bad_rate", text_or_null(r.test_declined ? sm::percent_of(r.test_declined_bads, r.test_declined) : "")}}},
                      {"methods", rows}};
  if (r.test_declined == 0) doc["note"] = no_swap_ins();
  return doc;
}

void print_report(const sm::SelectionReport& r, const sm::Policy& policy, const sm::Scenario& scenario, long long elapsed_ms) {
  std::cout << "selection-bias report: policy " << policy.name << " (cutoff " << r.cutoff << ", reject inference "
            << cr::to_string(r.run_method) << "), scenario " << scenario.name << ", seed " << r.seed << ", history " << r.history_users
            << " users, " << elapsed_ms << " ms\n"
            << "test split: " << r.test_applicants << " applicants, true bad rate " << sm::percent_of(r.test_bads, r.test_applicants)
            << "%; incumbent (cutoff " << r.incumbent_cutoff << ") approved " << r.test_approved << ", booked " << r.test_holdout
            << " at random, declined " << r.test_declined;
  if (r.test_declined) std::cout << " (true bad rate " << sm::percent_of(r.test_declined_bads, r.test_declined) << "%)";
  std::cout << "\n" << definition(r) << "\n\n";
  auto pct = [](const std::string& s) { return s.empty() ? std::string("-") : s + "%"; };
  auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
  Table t;
  t.headers = {"method", "AUC (all)", "swap-ins", "predicted bad", "true bad", "diff (pp)", "pred/true", "swap-outs", "swap-out true bad"};
  t.align = {Align::left};
  for (const auto& row : r.rows) {
    t.rows.push_back({std::string(cr::to_string(row.method)) + (row.method == r.run_method ? " *" : ""), sm::auc_text(row),
                      std::to_string(row.swap_in), pct(sm::predicted_bad_rate(row)), pct(sm::true_bad_rate(row)), or_dash(sm::difference_pp(row)),
                      or_dash(sm::predicted_to_true(row)), std::to_string(row.swap_out), pct(sm::swap_out_bad_rate(row))});
  }
  print_table(std::cout, t);
  std::cout << "* = the policy's own method (the run's card)\n";
  if (r.test_declined == 0) std::cout << no_swap_ins() << "\n";
}

void run_selection(const SelectionOptions& o, PolicyLoader load_policy, ScenarioLoader load_scenario) {
  const sm::Policy policy = load_policy(o.policy);
  const sm::Scenario scenario = load_scenario(o.scenario);  // checked; the history does not depend on it
  if (o.history < 1000 || o.history > 10'000'000)
    throw UsageError("--history: the training history must have 1,000 to 10,000,000 users, got " + std::to_string(o.history));
  const std::vector<cr::RejectInference> methods = methods_of(o.method, policy);
  const auto t0 = std::chrono::steady_clock::now();
  auto report = sm::selection_report(policy, o.seed, o.history, cr::PopulationParams{}, methods);
  if (!report) throw InputError(report.error());
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  if (o.json) {
    std::cout << report_json(report.value(), policy, scenario, static_cast<long long>(elapsed)).dump(2) << "\n";
    return;
  }
  print_report(report.value(), policy, scenario, static_cast<long long>(elapsed));
}

}  // namespace

void register_sim_selection(CLI::App& sim_command, PolicyLoader load_policy, ScenarioLoader load_scenario) {
  auto o = std::make_shared<SelectionOptions>();
  auto* c = sim_command.add_subcommand(
      "selection", "selection-bias report: predicted vs true bad rate of the swap-ins of each reject-inference method's card");
  c->add_option("--policy", o->policy, "policy JSON (default assets/policies/baseline-2015.json)");
  c->add_option("--scenario", o->scenario, "scenario name or JSON file (default baseline; checked, the history does not depend on it)");
  c->add_option("--seed", o->seed, "random seed (as the run's)")->required();
  c->add_option("--history", o->history, "synthetic history users, 1000-10000000 (default 40000, as the run's)");
  c->add_option("--method", o->method, "all (default), policy (the policy's own method only) or none, hard_cutoff, fuzzy, parcelling, reweighting");
  c->add_flag("--json", o->json, "print one JSON document");
  c->callback([o, load_policy, load_scenario] { run_selection(*o, load_policy, load_scenario); });
}

}  // namespace finlab::cli
