// `finlab portfolio`: registered here; implemented by the portfolio issue.
#include <CLI/CLI.hpp>

#include "sim/cli/command.hpp"

namespace finlab::cli {

void register_portfolio_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("portfolio", "portfolio commands");
  cmd->require_subcommand(1);
}

}  // namespace finlab::cli
