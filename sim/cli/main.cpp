// finlab — the command-line tool: fund, loan, score, sim and portfolio
// subcommands over the shared core. Exit codes: 0 ok, 2 usage error, 1 failure.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.hpp"
#include "sim/cli/command.hpp"

namespace finlab::cli {

namespace {
text::Lang g_lang = text::Lang::en;  // set once from --lang before any command runs
}  // namespace

text::Lang output_lang() { return g_lang; }
void set_output_lang(text::Lang lang) { g_lang = lang; }
std::string say(const text::Message& m) { return text::render(m, g_lang); }
std::string say(const std::vector<text::Message>& sentences) { return text::render(sentences, g_lang); }

std::string assets_dir() {
  if (const char* env = std::getenv("FINLAB_ASSETS")) return env;
  return FINLAB_ASSETS_DIR;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError("cannot open " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  if (!f) throw InputError("cannot write " + path);
  f << text;
  if (!f) throw InputError("cannot write " + path);
}

}  // namespace finlab::cli

int main(int argc, char** argv) {
  using namespace finlab::cli;
  CLI::App app{"finlab — a sandbox for retail internet finance: money-market fund (活期宝), loans, behaviour credit scores, policy simulation", "finlab"};
  app.require_subcommand(1);
  app.fallthrough(false);
  app.add_option_function<std::string>(
         "--lang",
         [](const std::string& code) {
           finlab::text::Lang lang;
           if (!finlab::text::parse_lang(code, lang)) throw CLI::ValidationError("--lang", "expected en or zh, got '" + code + "'");
           set_output_lang(lang);
         },
         "language of the sentences (reasons, timing notes): en (default) or zh")
      ->type_name("en|zh");
  register_fund_commands(app);
  register_loan_commands(app);
  register_score_commands(app);
  register_sim_commands(app);
  register_portfolio_commands(app);
  register_securities_commands(app);
  register_suitability_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "finlab: usage error: " << e.what() << "\n(run with --help for usage)\n";
    return 2;
  } catch (const InputError& e) {
    std::cerr << "finlab: error: " << e.what() << "\n";
    return 1;
  } catch (const finlab::Error& e) {
    std::cerr << "finlab: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "finlab: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
