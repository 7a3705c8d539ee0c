// `finlab loan`: registered here; implemented by the loan issue.
#include <CLI/CLI.hpp>

#include "sim/cli/command.hpp"

namespace finlab::cli {

void register_loan_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("loan", "loan commands");
  cmd->require_subcommand(1);
}

}  // namespace finlab::cli
