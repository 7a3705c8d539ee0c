// Shared pieces of the `finlab` CLI: how commands report usage errors (exit 2)
// versus failures (exit 1), and the registration hook of each domain.
#pragma once

#include <stdexcept>
#include <vector>
#include <string>

#include <cstdint>

#include "core/text/messages.hpp"

namespace CLI { class App; class Validator; }

namespace finlab::cli {

// Wrong or missing arguments: printed with a hint, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Bad input data (file content) or a failed operation: exit code 1.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The language of the sentences the core says (reasons, timing notes): the
// global `--lang en|zh` option; English unless given. Tables, keys and JSON
// field names stay English.
text::Lang output_lang();
void set_output_lang(text::Lang lang);
// A catalog message or sentences in the output language.
std::string say(const text::Message& m);
std::string say(const std::vector<text::Message>& sentences);

// Where the default assets (calendar, policies, schema) live.
std::string assets_dir();

// Whole-file I/O of every command: InputError "cannot open/write PATH".
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

// Strict decimal integers for every INT/UINT option of `app` and its
// subcommands (no saturation, no octal, no negative unsigned); call once after
// registering the commands (sim/cli/integer_options.cpp).
void check_integer_options(CLI::App& app);
// A per-option bound: `->check(in_range(1, 256))` ("--threads: must be between 1 and 256").
CLI::Validator in_range(std::int64_t lo, std::int64_t hi);

void register_fund_commands(CLI::App& app);
void register_loan_commands(CLI::App& app);
void register_score_commands(CLI::App& app);
void register_sim_commands(CLI::App& app);
void register_portfolio_commands(CLI::App& app);
void register_securities_commands(CLI::App& app);
void register_suitability_commands(CLI::App& app);

}  // namespace finlab::cli
