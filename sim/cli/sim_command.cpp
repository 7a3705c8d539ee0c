// `finlab sim`: registered here; implemented by the sim issue.
#include <CLI/CLI.hpp>

#include "sim/cli/command.hpp"

namespace finlab::cli {

void register_sim_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("sim", "sim commands");
  cmd->require_subcommand(1);
}

}  // namespace finlab::cli
