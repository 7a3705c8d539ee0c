#include "sim/json_reader.hpp"

#include "core/strict_json.hpp"

#include <algorithm>
#include <sstream>

namespace finlab::sim {

using nlohmann::json;
using text::Arg;
using text::Id;
using text::make;

namespace {
Arg words(const json& v) { return Arg::of(json_value_words(v)); }
Arg num(std::int64_t n) { return Arg::verbatim(std::to_string(n)); }
}  // namespace

std::string PathMessage::line(text::Lang lang) const {
  if (path.empty()) return text::render(message, lang);
  return text::render(make(Id::error_in, {Arg::verbatim(path), Arg::of(message)}), lang);
}

void JsonErrors::add(const std::string& path, text::Message message) {
  if (path.empty()) message = make(Id::located, {Arg::of(make(Id::sim_top_level, {})), Arg::of(std::move(message))});
  items_.push_back({path, std::move(message)});
}

void JsonErrors::add_unplaced(text::Message message) { items_.push_back({"", std::move(message)}); }

std::vector<std::string> JsonErrors::lines(text::Lang lang) const {
  std::vector<std::string> out;
  for (const auto& e : items_) out.push_back(e.line(lang));
  return out;
}

std::string JsonErrors::joined(text::Lang lang) const {
  std::string s;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (i) s += "\n";
    s += items_[i].line(lang);
  }
  return s;
}

text::Message json_value_words(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return make(Id::sim_value_kind, {Arg::number(0)});
    case json::value_t::object: return make(Id::sim_value_kind, {Arg::number(1)});
    case json::value_t::array: return make(Id::sim_value_kind, {Arg::number(2)});
    case json::value_t::string: return make(Id::sim_value_string, {Arg::verbatim(v.get<std::string>())});
    case json::value_t::boolean: return make(Id::sim_value_bool, {Arg::number(v.get<bool>() ? 1 : 0)});
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return make(Id::sim_value_number, {Arg::verbatim(v.dump())});
    default: return make(Id::sim_value_kind, {Arg::number(3)});
  }
}

std::string json_type_name(const json& v) { return text::render(json_value_words(v), text::Lang::en); }

text::Message not_one_of(std::string en, const std::string& text, const std::vector<std::string>& options) {
  std::string en_list, zh_list;
  for (const auto& o : options) {
    en_list += (en_list.empty() ? "" : ", ") + o;
    zh_list += (zh_list.empty() ? "" : "、") + ("“" + o + "”");
  }
  return text::with_english(std::move(en), make(Id::sim_not_one_of, {Arg::verbatim(text), Arg::names({en_list, zh_list})}));
}

std::string index_path(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::optional<std::string> decimal_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) {
    // nlohmann writes the shortest text that reads back as the same double:
    // 0.05 -> "0.05", 18.0 -> "18.0". Exponent forms are rejected by the
    // decimal parsers below with a clear message.
    return v.dump();
  }
  return std::nullopt;
}

std::optional<std::int64_t> read_integer(const json& v, const std::string& path, JsonErrors& errors, std::int64_t min,
                                         std::int64_t max) {
  std::int64_t x = 0;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) {
      errors.add(path, make(Id::sim_number_too_large, {}));
      return std::nullopt;
    }
    x = static_cast<std::int64_t>(u);
  } else if (v.is_number_integer()) {
    x = v.get<std::int64_t>();
  } else {
    errors.add(path, make(Id::sim_expected_whole, {words(v)}));
    return std::nullopt;
  }
  if (x < min || x > max) {
    errors.add(path, make(Id::sim_int_range, {num(min), num(max), num(x)}));
    return std::nullopt;
  }
  return x;
}

std::optional<money::Rate> read_percent(const json& v, const std::string& path, JsonErrors& errors,
                                        std::string_view min_pct, std::string_view max_pct) {
  const auto text = decimal_text(v);
  if (!text) {
    errors.add(path, make(Id::sim_expected_percent, {words(v)}));
    return std::nullopt;
  }
  auto r = money::Rate::parse_percent(*text);
  if (!r) {
    errors.add(path, text::with_english("not a valid percentage \"" + *text + "\": " + r.error(), make(Id::sim_not_percent, {Arg::verbatim(*text)})));
    return std::nullopt;
  }
  const auto lo = money::Rate::percent(min_pct), hi = money::Rate::percent(max_pct);
  if (r.value() < lo || r.value() > hi) {
    errors.add(path, make(Id::sim_pct_range, {Arg::verbatim(std::string(min_pct)), Arg::verbatim(std::string(max_pct)), Arg::verbatim(*text)}));
    return std::nullopt;
  }
  return r.value();
}

std::optional<money::Money> read_yuan(const json& v, const std::string& path, JsonErrors& errors, std::int64_t min_yuan,
                                      std::int64_t max_yuan) {
  const auto text = decimal_text(v);
  if (!text) {
    errors.add(path, make(Id::sim_expected_yuan, {words(v)}));
    return std::nullopt;
  }
  auto m = money::Money::parse(*text);
  if (!m) {
    // "5000.0" from a JSON float has one decimal: fine; "1e5" is rejected here.
    errors.add(path, text::with_english("not a valid amount \"" + *text + "\": " + m.error(), make(Id::input_not_amount, {Arg::verbatim(*text)})));
    return std::nullopt;
  }
  if (m.value() < money::yuan(min_yuan) || m.value() > money::yuan(max_yuan)) {
    errors.add(path, make(Id::sim_yuan_range, {num(min_yuan), num(max_yuan), Arg::verbatim(*text)}));
    return std::nullopt;
  }
  return m.value();
}

// ---------------------------------------------------------------- JsonObject
JsonObject::JsonObject(const json* j, std::string path, JsonErrors& errors)
    : j_(j), path_(std::move(path)), errors_(errors) {
  if (j_ && !j_->is_object()) {
    errors_.add(path_, make(Id::sim_expected_kind, {Arg::number(0), words(*j_)}));
    j_ = nullptr;
  }
}

bool JsonObject::has(std::string_view key) const { return j_ && j_->contains(std::string(key)); }

const nlohmann::json* JsonObject::peek(std::string_view key) const {
  if (!has(key)) return nullptr;
  return &(*j_)[std::string(key)];
}

std::string JsonObject::child_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonObject::allow(std::string_view key) { known_.emplace_back(key); }

const json* JsonObject::field(std::string_view key, bool required) {
  known_.emplace_back(key);
  if (!j_) return nullptr;
  auto it = j_->find(std::string(key));
  if (it == j_->end()) {
    if (required) errors_.add(child_path(key), make(Id::sim_missing, {}));
    return nullptr;
  }
  return &*it;
}

std::optional<std::int64_t> JsonObject::integer(std::string_view key, std::optional<std::int64_t> fallback, std::int64_t min,
                                                std::int64_t max) {
  const json* v = field(key, !fallback.has_value());
  if (!v) return fallback;
  return read_integer(*v, child_path(key), errors_, min, max);
}

std::optional<std::string> JsonObject::string(std::string_view key, std::optional<std::string> fallback) {
  const json* v = field(key, !fallback.has_value());
  if (!v) return fallback;
  if (!v->is_string()) {
    errors_.add(child_path(key), make(Id::sim_expected_kind, {Arg::number(2), words(*v)}));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> JsonObject::boolean(std::string_view key, std::optional<bool> fallback) {
  const json* v = field(key, !fallback.has_value());
  if (!v) return fallback;
  if (!v->is_boolean()) {
    errors_.add(child_path(key), make(Id::sim_expected_kind, {Arg::number(3), words(*v)}));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<money::Rate> JsonObject::percent(std::string_view key, std::optional<std::string_view> fallback,
                                               std::string_view min_pct, std::string_view max_pct) {
  const json* v = field(key, !fallback.has_value());
  if (!v) {
    if (!fallback) return std::nullopt;
    return money::Rate::percent(*fallback);
  }
  return read_percent(*v, child_path(key), errors_, min_pct, max_pct);
}

std::optional<money::Money> JsonObject::yuan(std::string_view key, std::optional<std::string_view> fallback,
                                             std::int64_t min_yuan, std::int64_t max_yuan) {
  const json* v = field(key, !fallback.has_value());
  if (!v) {
    if (!fallback) return std::nullopt;
    return money::Money::of(*fallback);
  }
  return read_yuan(*v, child_path(key), errors_, min_yuan, max_yuan);
}

JsonObject JsonObject::object(std::string_view key, bool required) {
  const json* v = field(key, required);
  return JsonObject(v, child_path(key), errors_);
}

const json* JsonObject::array(std::string_view key, bool required) {
  const json* v = field(key, required);
  if (v && !v->is_array()) {
    errors_.add(child_path(key), make(Id::sim_expected_kind, {Arg::number(1), words(*v)}));
    return nullptr;
  }
  return v;
}

void JsonObject::finish() {
  if (!j_) return;
  for (auto it = j_->begin(); it != j_->end(); ++it) {
    const std::string& k = it.key();
    if (std::find(known_.begin(), known_.end(), k) != known_.end()) continue;
    if (!k.empty() && (k[0] == '$' || k.rfind("_comment", 0) == 0)) continue;  // "$comment" annotations are allowed
    const std::string near = closest_key(k, known_);
    std::string allowed, allowed_zh;
    for (const auto& kk : known_) {
      allowed += (allowed.empty() ? "" : ", ") + kk;
      allowed_zh += (allowed_zh.empty() ? "" : "、") + ("“" + kk + "”");
    }
    errors_.add(child_path(k), make(Id::sim_unknown_key, {Arg::verbatim(k),
                                                          Arg::of(near.empty() ? make(Id::nothing, {}) : make(Id::sim_did_you_mean, {Arg::verbatim(near)})),
                                                          Arg::names({allowed, allowed_zh})}));
  }
}

// ---------------------------------------------------------------- helpers
Result<json> parse_json_text(std::string_view text, text::Message* why) {
  // One strict parse for every reader (core/strict_json.hpp): duplicate keys
  // refused with their path, syntax errors and number overflow with line/column.
  return parse_strict_json(text, "", why);
}

Result<json> parse_json_document(std::string_view text, JsonErrors& errors) {
  text::Message syntax;
  auto parsed = parse_json_text(text, &syntax);
  if (!parsed) errors.add_unplaced(syntax);
  return parsed;
}

std::string closest_key(std::string_view key, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = 3;  // suggest only near misses
  for (const auto& c : candidates) {
    const std::size_t n = key.size(), m = c.size();
    std::vector<std::size_t> prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= m; ++j) {
        const std::size_t sub = prev[j - 1] + (key[i - 1] == c[j - 1] ? 0 : 1);
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      }
      std::swap(prev, cur);
    }
    if (prev[m] < best_d) {
      best_d = prev[m];
      best = c;
    }
  }
  return best;
}

}  // namespace finlab::sim
