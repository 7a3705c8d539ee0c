// `finlab sim selection`: the selection-bias report (sim/selection_report.hpp)
// on the command line. Registered under `finlab sim` by sim_command.cpp, which
// lends it the policy and scenario loaders every sim command uses.
#pragma once

#include <string>

#include "sim/policy.hpp"
#include "sim/scenario.hpp"

namespace CLI { class App; }

namespace finlab::cli {

using PolicyLoader = sim::Policy (*)(const std::string& path_or_empty);
using ScenarioLoader = sim::Scenario (*)(const std::string& name_or_file);

void register_sim_selection(CLI::App& sim_command, PolicyLoader load_policy, ScenarioLoader load_scenario);

}  // namespace finlab::cli
