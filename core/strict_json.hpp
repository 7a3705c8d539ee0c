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
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/excerpt.hpp"
#include "core/result.hpp"
#include "core/text/messages.hpp"

namespace finlab {

inline constexpr std::size_t kMaxJsonBytes = 64u << 20;  // 64 MiB: 100x the largest shipped asset [D]
inline constexpr int kMaxJsonDepth = 256;                // deepest shipped document: 6 [D]

namespace detail {

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

// The line and column (1-based) of the byte offset `byte` (1-based), as a message.
inline text::Message json_where_message(std::string_view text, std::size_t byte) {
  std::int64_t line = 1, col = 1;
  const std::size_t upto = byte > 0 ? std::min(byte - 1, text.size()) : 0;
  for (std::size_t i = 0; i < upto; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return text::make(text::Id::json_line_column, {text::Arg::number(line), text::Arg::number(col)});
}

// Why the parse failed, as a catalog message (any language); the English is
// the text the CLI prints.
inline text::Message strict_json_problem(std::string_view text, std::string_view what, std::exception_ptr problem) {
  using text::Arg;
  using text::Id;
  text::Message m;
  try {
    std::rethrow_exception(problem);
  } catch (const JsonDuplicateKey& d) {
    m = text::make(Id::json_duplicate_key, {Arg::verbatim(d.path)});
  } catch (const JsonNulCharacter& d) {
    // A NUL (\u0000) cut names short when stored ("a\u0000b" became "a").
    m = text::make(Id::json_nul, {Arg::verbatim(d.path)});
  } catch (const JsonTooDeep&) {
    m = text::make(Id::json_too_deep, {Arg::verbatim(std::to_string(kMaxJsonDepth))});
  } catch (const nlohmann::json::parse_error& e) {
    std::string msg = e.what();
    for (const char* marker : {"syntax error", "parse error"}) {
      const auto p = msg.find(marker);
      if (p != std::string::npos) {
        msg = msg.substr(p);
        break;
      }
    }
    // nlohmann's wording stays English; Chinese names the token it stopped at.
    auto token_after = [&msg](const char* marker) {
      const auto p = msg.find(marker);
      if (p == std::string::npos) return std::string();
      const std::string t = msg.substr(p + std::char_traits<char>::length(marker));
      return t.substr(0, t.find(';'));
    };
    const std::string last = token_after("last read: "), unexpected = token_after("unexpected ");
    const text::Message zh = !last.empty()         ? text::make(Id::json_last_read, {Arg::verbatim(excerpt(last))})
                             : !unexpected.empty() ? text::make(Id::json_unexpected, {Arg::verbatim(excerpt(unexpected))})
                                                   : text::make(Id::nothing, {});
    const text::Message detail = text::with_english(msg, zh);
    m = text::make(Id::located, {Arg::of(json_where_message(text, e.byte)), Arg::of(text::make(Id::json_syntax, {Arg::of(detail)}))});
  } catch (const nlohmann::json::out_of_range& e) {
    // Number overflow ("1e999"): nlohmann names the token but no position;
    // find the token in the text for line and column.
    const std::string msg = e.what();
    const auto q1 = msg.find('\''), q2 = msg.rfind('\'');
    const std::string token = q1 != std::string::npos && q2 > q1 ? msg.substr(q1 + 1, q2 - q1 - 1) : std::string();
    const auto at = token.empty() ? std::string_view::npos : text.find(token);
    m = text::make(Id::json_number_too_large, {Arg::verbatim(excerpt(token))});
    if (at != std::string_view::npos) m = text::make(Id::located, {Arg::of(json_where_message(text, at + 1)), Arg::of(std::move(m))});
  } catch (const nlohmann::json::exception&) {
    m = text::make(Id::json_invalid, {});
  }
  if (what.empty()) return m;
  return text::make(Id::error_in, {Arg::verbatim(std::string(what)), Arg::of(std::move(m))});
}

}  // namespace detail

// Parses `text` strictly (see above). `what` names the document in messages
// ("plan", "scorecard"; empty: no prefix); messages never quote more than the
// JSON path. `why`, when given, receives the failure as a catalog message.
template <class BasicJson = nlohmann::json>
Result<BasicJson> parse_strict_json(std::string_view text, std::string_view what = "JSON", text::Message* why = nullptr) {
  auto failed = [&](text::Message m) -> Result<BasicJson> {
    std::string en = text::render(m, text::Lang::en);
    if (why) *why = std::move(m);
    return fail(std::move(en));
  };
  if (text.size() > kMaxJsonBytes) {
    text::Message m = text::make(text::Id::json_too_big, {text::Arg::verbatim(std::to_string(text.size())), text::Arg::verbatim(std::to_string(kMaxJsonBytes))});
    return failed(what.empty() ? std::move(m) : text::make(text::Id::error_in, {text::Arg::verbatim(std::string(what)), text::Arg::of(std::move(m))}));
  }
  detail::JsonPathTracker tracker;
  typename BasicJson::parser_callback_t cb = [&tracker](int depth, nlohmann::detail::parse_event_t event, BasicJson& parsed) {
    return tracker.on_event(depth, event, parsed);
  };
  try {
    return BasicJson::parse(text.begin(), text.end(), cb);
  } catch (...) {
    return failed(detail::strict_json_problem(text, what, std::current_exception()));
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
