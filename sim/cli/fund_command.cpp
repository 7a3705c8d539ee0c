// `finlab fund`: registered here; implemented by the fund issue.
#include <CLI/CLI.hpp>

#include "sim/cli/command.hpp"

namespace finlab::cli {

void register_fund_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("fund", "fund commands");
  cmd->require_subcommand(1);
}

}  // namespace finlab::cli
