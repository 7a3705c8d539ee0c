// finlab — the command-line tool: fund, loan, score, sim and portfolio
// subcommands over the shared core. Exit codes: 0 ok, 2 usage error, 1 failure.
#include <CLI/CLI.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/interrupt.hpp"

namespace finlab::cli {

namespace {
text::Lang g_lang = text::Lang::en;  // set once from --lang before any command runs
}  // namespace

text::Lang output_lang() { return g_lang; }
void set_output_lang(text::Lang lang) { g_lang = lang; }
std::string say(const text::Message& m) { return text::render(m, g_lang); }
std::string say(const std::vector<text::Message>& sentences) { return text::render(sentences, g_lang); }

int run_main(int argc, char** argv);

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

// Written beside the target and renamed over it at the end, so that a full
// disk or a Ctrl-C never leaves a half-written model or report behind.
void write_file(const std::string& path, const std::string& text) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {  // /dev/stdout, a pipe: written in place
    std::ofstream f(path, std::ios::binary);
    if (!(f << text) || !f.flush()) throw InputError("cannot write " + path);
    return;
  }
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  interrupt::ForcedStop remove_tmp([tmp] { std::remove(tmp.c_str()); });
  {
    std::ofstream f(tmp, std::ios::binary);
    if (!f) throw InputError("cannot write " + path);
    f << text;
    f.flush();
    if (!f) {
      f.close();
      std::remove(tmp.c_str());
      throw InputError("cannot write " + path + " (disk full?)");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw InputError("cannot write " + path + ": " + std::strerror(errno));
  }
}

// Output that could not be written (`> /dev/full`, a closed pipe) is a
// failure: exit 1 with a message instead of 0 with a truncated result.
int checked_exit(int rc) {
  std::cout.flush();
  errno = 0;
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout;
  if (!failed) return rc;
  const int err = errno;
  std::cerr << "finlab: error: could not write the output to standard output" << (err ? std::string(" (") + std::strerror(err) + ")" : "")
            << "\n";
  return rc == 0 ? 1 : rc;
}

}  // namespace finlab::cli

int main(int argc, char** argv) {
  return finlab::cli::checked_exit(finlab::cli::run_main(argc, argv));
}

int finlab::cli::run_main(int argc, char** argv) {
  // Ctrl-C / SIGTERM end every command within a second with exit 130,
  // marking a run or removing a half-written file first (interrupt.hpp).
  finlab::cli::interrupt::install();
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
  check_integer_options(app);  // after registering: every whole-number option of every command
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
