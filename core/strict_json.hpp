// The one strict JSON parse of finlab: every reader of policy, scenario, plan,
// scorecard, schema and stored-config JSON calls parse_strict_json (docs/limits.md).
//  - a NUL character (\u0000) in any key or string is refused with its path;
//  - a key repeated in one object is refused with its JSON path
//    ("$.fees.rate: duplicate key"), instead of nlohmann's "last one wins";
//  - syntax errors and number overflow ("1e999") say line and column;
//  - documents are bounded: at most kMaxJsonBytes of text and kMaxJsonDepth of
//    nesting, so a hostile file is refused before it costs memory or stack.
// Header-only (nlohmann is header-only too); no I/O.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/excerpt.hpp"
#include "core/result.hpp"

namespace finlab {

inline constexpr std::size_t kMaxJsonBytes = 64u << 20;  // 64 MiB: 100x the largest shipped asset [D]
inline constexpr int kMaxJsonDepth = 256;                // deepest shipped document: 6 [D]

namespace detail {

// Line and column (1-based) of the byte offset `byte` (1-based, as nlohmann reports).
inline std::string json_where(std::string_view text, std::size_t byte) {
  std::size_t line = 1, col = 1;
  const std::size_t upto = byte > 0 ? std::min(byte - 1, text.size()) : 0;
  for (std::size_t i = 0; i < upto; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

struct JsonDuplicateKey {
  std::string path;
};
struct JsonTooDeep {};
struct JsonNulCharacter {
  std::string path;
};

// Tracks the path of the value being parsed, one frame per open object/array.
class JsonPathTracker {
public:
  template <class BasicJson>
  bool on_event(int depth, nlohmann::detail::parse_event_t event, BasicJson& parsed) {
    using E = nlohmann::detail::parse_event_t;
    if (depth > kMaxJsonDepth) throw JsonTooDeep{};
    switch (event) {
      case E::object_start: frames_.push_back({true, {}, {}, 0}); break;
      case E::array_start: frames_.push_back({false, {}, {}, 0}); break;
      case E::key: {
        Frame& f = frames_.back();
        const std::string key = parsed.template get<std::string>();
        f.key = key;
        if (key.find('\0') != std::string::npos) throw JsonNulCharacter{path()};
        // Sorted insert: O(log n) per key, so 100k keys stay fast.
        auto it = std::lower_bound(f.keys.begin(), f.keys.end(), key);
        if (it != f.keys.end() && *it == key) throw JsonDuplicateKey{path()};
        f.keys.insert(it, key);
        break;
      }
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        element_done();
        break;
      case E::value:
        if (parsed.is_string() && parsed.template get_ref<const std::string&>().find('\0') != std::string::npos)
          throw JsonNulCharacter{path()};
        element_done();
        break;
    }
    return true;
  }

private:
  struct Frame {
    bool object;
    std::vector<std::string> keys;
    std::string key;
    std::size_t index;
  };
  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }
  std::string path() const {
    std::string p = "$";
    for (const Frame& f : frames_) p += f.object ? "." + f.key : "[" + std::to_string(f.index) + "]";
    return p;
  }
  std::vector<Frame> frames_;
};

}  // namespace detail

// Parses `text` strictly (see above). `what` names the document in messages
// ("plan", "scorecard"; empty: no prefix); messages never quote more than the JSON path.
template <class BasicJson = nlohmann::json>
Result<BasicJson> parse_strict_json(std::string_view text, std::string_view what = "JSON") {
  const std::string w = what.empty() ? std::string() : std::string(what) + ": ";
  if (text.size() > kMaxJsonBytes)
    return fail(w + "the document is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(kMaxJsonBytes));
  detail::JsonPathTracker tracker;
  typename BasicJson::parser_callback_t cb = [&tracker](int depth, nlohmann::detail::parse_event_t event, BasicJson& parsed) {
    return tracker.on_event(depth, event, parsed);
  };
  try {
    return BasicJson::parse(text.begin(), text.end(), cb);
  } catch (const detail::JsonDuplicateKey& d) {
    return fail(w + d.path + ": duplicate key (each key may appear once in an object)");
  } catch (const detail::JsonNulCharacter& d) {
    // A NUL (\u0000) cut names short when stored ("a\u0000b" became "a").
    return fail(w + d.path + ": text must not contain a NUL character (\\u0000)");
  } catch (const detail::JsonTooDeep&) {
    return fail(w + "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  } catch (const nlohmann::json::parse_error& e) {
    std::string msg = e.what();
    for (const char* marker : {"syntax error", "parse error"}) {
      const auto p = msg.find(marker);
      if (p != std::string::npos) {
        msg = msg.substr(p);
        break;
      }
    }
    return fail(w + detail::json_where(text, e.byte) + ": invalid JSON: " + msg);
  } catch (const nlohmann::json::out_of_range& e) {
    // Number overflow ("1e999"): nlohmann names the token but no position;
    // find the token in the text for line and column.
    const std::string m = e.what();
    const auto q1 = m.find('\''), q2 = m.rfind('\'');
    const std::string token = q1 != std::string::npos && q2 > q1 ? m.substr(q1 + 1, q2 - q1 - 1) : std::string();
    const auto at = token.empty() ? std::string_view::npos : text.find(token);
    const std::string where = at == std::string_view::npos ? std::string() : detail::json_where(text, at + 1) + ": ";
    return fail(w + where + "the number " + excerpt(token) + " is too large to read");
  } catch (const nlohmann::json::exception&) {
    return fail(w + "invalid JSON");
  }
}

// nlohmann's message without its "[json.exception.out_of_range.403] " tag, for
// errors that reach users ("key 'miss_base_ppm' not found").
inline std::string json_error_text(const std::exception& e) {
  std::string m = e.what();
  if (m.rfind("[json.exception.", 0) == 0) {
    const auto close = m.find("] ");
    if (close != std::string::npos) m = m.substr(close + 2);
  }
  return m;
}

}  // namespace finlab
