#include "sim/json_reader.hpp"

#include "core/strict_json.hpp"

#include <algorithm>
#include <sstream>

namespace finlab::sim {

using nlohmann::json;

void JsonErrors::add(const std::string& path, const std::string& message) {
  items_.push_back((path.empty() ? std::string("(top level)") : path) + ": " + message);
}

std::string JsonErrors::joined() const {
  std::string s;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (i) s += "\n";
    s += items_[i];
  }
  return s;
}

std::string json_type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string \"" + v.get<std::string>() + "\"";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "the number " + v.dump();
    default: return "an unsupported value";
  }
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
      errors.add(path, "number too large");
      return std::nullopt;
    }
    x = static_cast<std::int64_t>(u);
  } else if (v.is_number_integer()) {
    x = v.get<std::int64_t>();
  } else {
    errors.add(path, "expected a whole number, got " + json_type_name(v));
    return std::nullopt;
  }
  if (x < min || x > max) {
    errors.add(path, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + std::to_string(x));
    return std::nullopt;
  }
  return x;
}

std::optional<money::Rate> read_percent(const json& v, const std::string& path, JsonErrors& errors,
                                        std::string_view min_pct, std::string_view max_pct) {
  const auto text = decimal_text(v);
  if (!text) {
    errors.add(path, "expected a percentage as a decimal string (e.g. \"18\" for 18%), got " + json_type_name(v));
    return std::nullopt;
  }
  auto r = money::Rate::parse_percent(*text);
  if (!r) {
    errors.add(path, "not a valid percentage \"" + *text + "\": " + r.error());
    return std::nullopt;
  }
  const auto lo = money::Rate::percent(min_pct), hi = money::Rate::percent(max_pct);
  if (r.value() < lo || r.value() > hi) {
    errors.add(path, "must be between " + std::string(min_pct) + "% and " + std::string(max_pct) + "%, got " + *text + "%");
    return std::nullopt;
  }
  return r.value();
}

std::optional<money::Money> read_yuan(const json& v, const std::string& path, JsonErrors& errors, std::int64_t min_yuan,
                                      std::int64_t max_yuan) {
  const auto text = decimal_text(v);
  if (!text) {
    errors.add(path, "expected an amount in yuan (e.g. 5000 or \"5000.00\"), got " + json_type_name(v));
    return std::nullopt;
  }
  auto m = money::Money::parse(*text);
  if (!m) {
    // "5000.0" from a JSON float has one decimal: fine; "1e5" is rejected here.
    errors.add(path, "not a valid amount \"" + *text + "\": " + m.error());
    return std::nullopt;
  }
  if (m.value() < money::yuan(min_yuan) || m.value() > money::yuan(max_yuan)) {
    errors.add(path, "must be between " + std::to_string(min_yuan) + " and " + std::to_string(max_yuan) + " yuan, got " + *text);
    return std::nullopt;
  }
  return m.value();
}

// ---------------------------------------------------------------- JsonObject
JsonObject::JsonObject(const json* j, std::string path, JsonErrors& errors)
    : j_(j), path_(std::move(path)), errors_(errors) {
  if (j_ && !j_->is_object()) {
    errors_.add(path_, "expected an object, got " + json_type_name(*j_));
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
    if (required) errors_.add(child_path(key), "required field is missing");
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
    errors_.add(child_path(key), "expected a string, got " + json_type_name(*v));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> JsonObject::boolean(std::string_view key, std::optional<bool> fallback) {
  const json* v = field(key, !fallback.has_value());
  if (!v) return fallback;
  if (!v->is_boolean()) {
    errors_.add(child_path(key), "expected true or false, got " + json_type_name(*v));
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
    errors_.add(child_path(key), "expected an array, got " + json_type_name(*v));
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
    std::string msg = "unknown key \"" + k + "\"";
    const std::string near = closest_key(k, known_);
    if (!near.empty()) msg += " (did you mean \"" + near + "\"?)";
    std::string allowed;
    for (const auto& kk : known_) allowed += (allowed.empty() ? "" : ", ") + kk;
    msg += "; allowed keys: " + allowed;
    errors_.add(child_path(k), msg);
  }
}

// ---------------------------------------------------------------- helpers
Result<json> parse_json_text(std::string_view text, text::Message* why) {
  // One strict parse for every reader (core/strict_json.hpp): duplicate keys
  // refused with their path, syntax errors and number overflow with line/column.
  return parse_strict_json(text, "", why);
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
