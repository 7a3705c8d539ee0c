#include "web/text_wrap.hpp"

#include <cstdint>
#include <vector>

namespace finlab::web {

namespace {

// One UTF-8 code point starting at s[i]: its value and length (1 for a
// malformed byte, which is then kept as it is).
std::uint32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  len = b < 0x80 ? 1 : b >> 5 == 6 ? 2 : b >> 4 == 14 ? 3 : b >> 3 == 30 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return b;
  std::uint32_t c = b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) c = c << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

bool is_cjk(std::uint32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF);
}

// Full-width marks that never start a line, and those that never end one.
bool closes(std::uint32_t c) {
  switch (c) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF01: case 0xFF1F:
    case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0x300B: case 0x3015: case 0x201D: case 0x2019:
      return true;
    default:
      return false;
  }
}
bool opens(std::uint32_t c) {
  switch (c) {
    case 0xFF08: case 0x300C: case 0x300E: case 0x3010: case 0x300A: case 0x3014: case 0x201C: case 0x2018:
      return true;
    default:
      return false;
  }
}

// A piece that is never split unless it alone is wider than a line: a run of
// non-space characters between break opportunities, plus the spaces after it.
struct Piece {
  std::size_t begin, end;  // the piece's text
  std::size_t spaces_end;  // end of the spaces that follow it
};

std::vector<Piece> pieces(std::string_view line) {
  std::vector<Piece> out;
  std::size_t i = 0;
  while (i < line.size()) {
    Piece p{i, i, i};
    std::uint32_t prev = 0;
    while (i < line.size() && line[i] != ' ') {
      std::size_t len = 0;
      const std::uint32_t c = decode(line, i, len);
      if (i > p.begin && (is_cjk(c) || is_cjk(prev)) && !closes(c) && !opens(prev)) break;
      prev = c;
      i += len;
    }
    p.end = i;
    while (i < line.size() && line[i] == ' ') ++i;
    p.spaces_end = i;
    out.push_back(p);
  }
  return out;
}

// Cuts a piece wider than a line at code-point boundaries.
void cut_long(std::string_view piece, float width, const std::function<float(std::string_view)>& measure, std::string& out) {
  std::size_t start = 0, i = 0;
  while (i < piece.size()) {
    std::size_t len = 0;
    decode(piece, i, len);
    if (i > start && measure(piece.substr(start, i + len - start)) > width) {
      out.append(piece.substr(start, i - start));
      out.push_back('\n');
      start = i;
    }
    i += len;
  }
  out.append(piece.substr(start));
}

void wrap_line(std::string_view line, float width, const std::function<float(std::string_view)>& measure, std::string& out) {
  float x = 0;  // width of the current output line so far
  float pending = 0;  // width of the spaces after the last piece on the line
  std::size_t pending_begin = 0, pending_end = 0;
  bool line_empty = true;
  for (const Piece& p : pieces(line)) {
    const std::string_view word = line.substr(p.begin, p.end - p.begin);
    const float w = measure(word);
    if (!line_empty && x + pending + w > width) {
      out.push_back('\n');
      x = 0;
      line_empty = true;
    } else if (!line_empty) {
      out.append(line.substr(pending_begin, pending_end - pending_begin));
      x += pending;
    }
    if (line_empty && w > width) {
      cut_long(word, width, measure, out);
      const std::size_t nl = out.rfind('\n');
      x = measure(std::string_view(out).substr(nl == std::string::npos ? 0 : nl + 1));
    } else {
      out.append(word);
      x += w;
    }
    line_empty = false;
    pending_begin = p.end;
    pending_end = p.spaces_end;
    pending = p.spaces_end > p.end ? measure(line.substr(p.end, p.spaces_end - p.end)) : 0;
  }
}

}  // namespace

std::string wrap_text(std::string_view text, float width, const std::function<float(std::string_view)>& measure) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', start);
    wrap_line(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start), width, measure, out);
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    start = nl + 1;
  }
  return out;
}

}  // namespace finlab::web
