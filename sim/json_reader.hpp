// Strict reading of policy and scenario JSON: every value is fetched through a
// JsonReader that knows its JSON path ("credit.limit_matrix.limits_yuan[2]"),
// checks its type, rejects keys it was not asked about, and collects every
// mistake (not just the first) as a path and a catalog message, "path: what
// is wrong" in English or Chinese (JsonErrors). Decimal quantities
// (rates, amounts) are read from strings ("0.05") or from JSON numbers through
// their shortest round-trip text, so "0.05" and 0.05 both mean exactly 0.05.
// It does not know what a policy is; policy.cpp and scenario.cpp do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/text/messages.hpp"

namespace finlab::sim {

// One mistake: where (a JSON path; "" = the document as a whole) and what, as
// a catalog message rendered in the reader's language (text/messages.hpp).
struct PathMessage {
  std::string path;
  text::Message message;
  // "path: what" in English (the CLI's wording), "path：what" in Chinese.
  std::string line(text::Lang lang) const;
};

class JsonErrors {
public:
  // A mistake at `path`; at "" it reads "(top level): what".
  void add(const std::string& path, text::Message message);
  // A mistake in the text itself (a syntax error that names its own line and column).
  void add_unplaced(text::Message message);
  bool empty() const { return items_.empty(); }
  const std::vector<PathMessage>& items() const { return items_; }
  // All messages, one per line: in English byte for byte what the CLI printed
  // before the catalog (and still prints by default).
  std::string joined(text::Lang lang = text::Lang::en) const;
  std::vector<std::string> lines(text::Lang lang) const;

private:
  std::vector<PathMessage> items_;
};

// A view of one JSON object at a path. Call the getters for every allowed key,
// then finish() to report keys that were never asked for (unknown keys).
class JsonObject {
public:
  JsonObject(const nlohmann::json* j, std::string path, JsonErrors& errors);

  bool valid() const { return j_ != nullptr; }
  const std::string& path() const { return path_; }
  bool has(std::string_view key) const;
  // The raw value of a key (nullptr when missing), without marking it read.
  const nlohmann::json* peek(std::string_view key) const;
  std::string child_path(std::string_view key) const;

  // Required (error when missing) / optional (fallback when missing) fields.
  std::optional<std::int64_t> integer(std::string_view key, std::optional<std::int64_t> fallback, std::int64_t min, std::int64_t max);
  std::optional<std::string> string(std::string_view key, std::optional<std::string> fallback);
  std::optional<bool> boolean(std::string_view key, std::optional<bool> fallback);
  // A percentage ("18" means 18%), in [min_pct, max_pct] (given as text).
  std::optional<money::Rate> percent(std::string_view key, std::optional<std::string_view> fallback,
                                     std::string_view min_pct, std::string_view max_pct);
  // An amount of yuan ("5000", 5000 or "5000.50"), in [min, max] yuan.
  std::optional<money::Money> yuan(std::string_view key, std::optional<std::string_view> fallback,
                                   std::int64_t min_yuan, std::int64_t max_yuan);
  // Sub-object / array; an invalid JsonObject/nullptr when missing (error if required).
  JsonObject object(std::string_view key, bool required);
  const nlohmann::json* array(std::string_view key, bool required);
  // Marks a key as known without reading it (e.g. "format", "$comment").
  void allow(std::string_view key);
  void finish();

  JsonErrors& errors() { return errors_; }

private:
  const nlohmann::json* field(std::string_view key, bool required);
  const nlohmann::json* j_;
  std::string path_;
  JsonErrors& errors_;
  std::vector<std::string> known_;
};

// Element readers with a path, for arrays.
std::string index_path(const std::string& path, std::size_t i);
// What a value is, for "got ...": "null", "a string \"600\"", "the number 5".
text::Message json_value_words(const nlohmann::json& v);
std::string json_type_name(const nlohmann::json& v);  // the same in English
std::optional<std::int64_t> read_integer(const nlohmann::json& v, const std::string& path, JsonErrors& errors,
                                         std::int64_t min, std::int64_t max);
std::optional<money::Rate> read_percent(const nlohmann::json& v, const std::string& path, JsonErrors& errors,
                                        std::string_view min_pct, std::string_view max_pct);
std::optional<money::Money> read_yuan(const nlohmann::json& v, const std::string& path, JsonErrors& errors,
                                      std::int64_t min_yuan, std::int64_t max_yuan);
// The decimal text of a JSON string or number ("0.05" for 0.05); nullopt for other types.
std::optional<std::string> decimal_text(const nlohmann::json& v);

// A name the core refused with its own English reason (`en`), said in Chinese
// as "“text” is not valid; one of: “a”、“b”" (text::with_english).
text::Message not_one_of(std::string en, const std::string& text, const std::vector<std::string>& options);

// Parses JSON text; a syntax error names line and column ("line 3, column 14: ...").
// `why`, when given, receives the failure as a catalog message (any language).
Result<nlohmann::json> parse_json_text(std::string_view text, text::Message* why = nullptr);
// The same for a whole document: a syntax error is also added to `errors` (no path).
Result<nlohmann::json> parse_json_document(std::string_view text, JsonErrors& errors);

// Closest of `candidates` to `key` by edit distance (for "did you mean"), or "".
std::string closest_key(std::string_view key, const std::vector<std::string>& candidates);

}  // namespace finlab::sim
