#include "sim/cli/output.hpp"

#include <algorithm>
#include <ostream>

namespace finlab::cli {

int display_width(const std::string& s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    unsigned cp = 0;
    if (len == 1) cp = c;
    else if (len == 2) cp = c & 0x1F;
    else if (len == 3) cp = c & 0x0F;
    else cp = c & 0x07;
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
    i += len;
  }
  return w;
}

void print_table(std::ostream& os, const Table& t) {
  std::vector<int> width(t.headers.size(), 0);
  for (std::size_t c = 0; c < t.headers.size(); ++c) width[c] = display_width(t.headers[c]);
  for (const auto& r : t.rows)
    for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], display_width(r[c]));
  auto emit = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const int pad = width[c] - display_width(cell);
      const Align a = c < t.align.size() ? t.align[c] : Align::right;
      if (c) os << "  ";
      if (a == Align::right) os << std::string(static_cast<std::size_t>(pad), ' ') << cell;
      else os << cell << (c + 1 < width.size() ? std::string(static_cast<std::size_t>(pad), ' ') : "");
    }
    os << '\n';
  };
  emit(t.headers);
  std::vector<std::string> rule;
  for (int w : width) rule.push_back(std::string(static_cast<std::size_t>(w), '-'));
  emit(rule);
  for (const auto& r : t.rows) emit(r);
}

}  // namespace finlab::cli
