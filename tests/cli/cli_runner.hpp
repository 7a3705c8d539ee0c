// Runs the real `finlab` binary (FINLAB_CLI) for CLI tests: arguments,
// optional stdin text, captured stdout/stderr and exit code.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_files.hpp"

namespace finlab::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

// run_cli({"loan", "schedule", "--principal", "10000"})
inline CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  static int counter = 0;
  const std::string base = "finlab_cli_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  const std::string out_path = base + ".out", err_path = base + ".err", in_path = base + ".in";
  {
    std::ofstream in(in_path, std::ios::binary);
    in << stdin_text;
  }
  std::string cmd = shell_quote(FINLAB_CLI);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " <" + in_path + " >" + out_path + " 2>" + err_path;
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  std::remove(in_path.c_str());
  return r;
}

// Writes `content` to a temporary file named after `name` and returns its path.
inline std::string temp_file(const std::string& name, const std::string& content) {
  const std::string path = "finlab_cli_test_" + std::to_string(::getpid()) + "_" + name;
  std::ofstream f(path, std::ios::binary);
  f << content;
  return path;
}

}  // namespace finlab::test
