// Output helpers of the CLI: aligned text tables (the default) and JSON
// documents (--json), where amounts and rates are decimal strings.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace finlab::cli {

enum class Align { left, right };

struct Table {
  std::vector<std::string> headers;
  std::vector<Align> align;  // per column; missing entries default to right
  std::vector<std::vector<std::string>> rows;
};

// Prints the table with columns padded to their widest cell (display width,
// so CJK text lines up).
void print_table(std::ostream& os, const Table& t);

// Terminal display width of UTF-8 text (East Asian wide characters count 2).
int display_width(const std::string& utf8);

}  // namespace finlab::cli
