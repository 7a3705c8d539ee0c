// Whole-file reading for the test suites (native and wasm under node).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace finlab::test {

// The file's bytes; empty when it cannot be opened.
inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace finlab::test
