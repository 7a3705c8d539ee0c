// `finlab score`: registered here; implemented by the score issue.
#include <CLI/CLI.hpp>

#include "sim/cli/command.hpp"

namespace finlab::cli {

void register_score_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("score", "score commands");
  cmd->require_subcommand(1);
}

}  // namespace finlab::cli
