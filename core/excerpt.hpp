// A short, escaped excerpt of untrusted input for error messages: at most
// `max_chars` bytes of the input, control and non-UTF-8-lead bytes written as
// \xNN, then "..." and the total length when it was cut. Messages quote bad
// input through this, never raw (a 100k-column header or binary garbage must
// not flood the terminal; docs/limits.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace finlab {

inline std::string excerpt(std::string_view text, std::size_t max_chars = 40) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  const std::size_t n = text.size() < max_chars ? text.size() : max_chars;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);  // printable ASCII or UTF-8 bytes
    }
  }
  if (text.size() > n) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace finlab
