#include "core/credit/feature_schema.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace finlab::credit {

std::string_view to_string(FeatureType t) {
  switch (t) {
    case FeatureType::numeric: return "numeric";
    case FeatureType::ordinal: return "ordinal";
    case FeatureType::categorical: return "categorical";
  }
  return "?";
}

std::string_view to_string(RiskTrend t) {
  switch (t) {
    case RiskTrend::automatic: return "auto";
    case RiskTrend::ascending: return "ascending";
    case RiskTrend::descending: return "descending";
    case RiskTrend::none: return "none";
    case RiskTrend::peak: return "peak";
    case RiskTrend::valley: return "valley";
    case RiskTrend::auto_shape: return "auto_shape";
  }
  return "?";
}

Result<RiskTrend> parse_risk_trend(std::string_view s) {
  if (s == "auto") return RiskTrend::automatic;
  if (s == "ascending") return RiskTrend::ascending;
  if (s == "descending") return RiskTrend::descending;
  if (s == "none") return RiskTrend::none;
  if (s == "peak") return RiskTrend::peak;
  if (s == "valley") return RiskTrend::valley;
  if (s == "auto_shape") return RiskTrend::auto_shape;
  return fail("unknown trend '" + std::string(s) + "' (expected auto, auto_shape, ascending, descending, peak, valley or none)");
}

FeatureSchema::FeatureSchema(std::vector<FeatureSpec> features) : features_(std::move(features)) {}

std::optional<std::size_t> FeatureSchema::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < features_.size(); ++i)
    if (features_[i].name == name) return i;
  return std::nullopt;
}

const FeatureSpec* FeatureSchema::find(std::string_view name) const {
  auto i = index_of(name);
  return i ? &features_[*i] : nullptr;
}

namespace {

using nlohmann::json;

Result<std::string> get_string(const json& obj, const char* key, const std::string& path, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) return fail(path + "." + key + ": missing");
    return std::string();
  }
  if (!it->is_string()) return fail(path + "." + key + ": expected a string");
  return it->get<std::string>();
}

Result<double> get_number(const json& obj, const char* key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end()) return fail(path + "." + key + ": missing");
  if (!it->is_number()) return fail(path + "." + key + ": expected a number");
  return it->get<double>();
}

// "special_values": numbers for a numeric/ordinal feature, level names
// (strings) for a categorical one; no duplicates.
Result<std::vector<std::string>> get_specials(const json& f, FeatureType type, const std::string& path) {
  std::vector<std::string> out;
  auto it = f.find("special_values");
  if (it == f.end()) return out;
  if (!it->is_array()) return fail(path + ".special_values: expected an array");
  for (std::size_t k = 0; k < it->size(); ++k) {
    const json& v = (*it)[k];
    const std::string p = path + ".special_values[" + std::to_string(k) + "]";
    if (type == FeatureType::categorical && !v.is_string()) return fail(p + ": expected a level name (string)");
    if (type != FeatureType::categorical && !v.is_number()) return fail(p + ": expected a number");
    std::string t = v.is_string() ? v.get<std::string>() : v.dump();
    if (std::find(out.begin(), out.end(), t) != out.end()) return fail(p + ": duplicate special value " + t);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Result<FeatureSchema> FeatureSchema::parse(std::string_view text) {
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return fail("feature schema: not valid JSON");
  if (!doc.is_object()) return fail("feature schema: expected a JSON object at the top");
  auto fit = doc.find("features");
  if (fit == doc.end() || !fit->is_array()) return fail("features: missing or not an array");
  std::vector<FeatureSpec> out;
  for (std::size_t i = 0; i < fit->size(); ++i) {
    const json& f = (*fit)[i];
    const std::string path = "features[" + std::to_string(i) + "]";
    if (!f.is_object()) return fail(path + ": expected an object");
    FeatureSpec s;
    auto name = get_string(f, "name", path, true);
    if (!name.ok()) return fail(name.error());
    s.name = *name;
    if (s.name.empty()) return fail(path + ".name: empty");
    for (const auto& prev : out)
      if (prev.name == s.name) return fail(path + ".name: duplicate feature '" + s.name + "'");
    auto cat = get_string(f, "category", path, true);
    if (!cat.ok()) return fail(cat.error());
    auto c = parse_consent_category(*cat);
    if (!c.ok()) return fail(path + ".category: " + c.error());
    s.category = *c;
    auto type = get_string(f, "type", path, true);
    if (!type.ok()) return fail(type.error());
    if (*type == "numeric") s.type = FeatureType::numeric;
    else if (*type == "ordinal") s.type = FeatureType::ordinal;
    else if (*type == "categorical") s.type = FeatureType::categorical;
    else return fail(path + ".type: unknown type '" + *type + "' (expected numeric, ordinal or categorical)");
    if (s.type != FeatureType::categorical) {
      auto mn = get_number(f, "min", path);
      if (!mn.ok()) return fail(mn.error());
      auto mx = get_number(f, "max", path);
      if (!mx.ok()) return fail(mx.error());
      if (!(*mn <= *mx)) return fail(path + ": min must not exceed max");
      s.min = *mn;
      s.max = *mx;
    }
    if (auto it = f.find("levels"); it != f.end()) {
      if (!it->is_array()) return fail(path + ".levels: expected an array of strings");
      for (std::size_t k = 0; k < it->size(); ++k) {
        if (!(*it)[k].is_string()) return fail(path + ".levels[" + std::to_string(k) + "]: expected a string");
        s.levels.push_back((*it)[k].get<std::string>());
      }
    }
    if (s.type == FeatureType::ordinal &&
        (s.levels.size() != static_cast<std::size_t>(s.max - s.min + 1) || s.min != 0))
      return fail(path + ".levels: an ordinal feature needs min 0 and one label per code 0..max");
    if (s.type == FeatureType::categorical && s.levels.empty())
      return fail(path + ".levels: a categorical feature needs its levels");
    if (auto it = f.find("decimals"); it != f.end()) {
      if (!it->is_number_integer() || it->get<int>() < 0 || it->get<int>() > 9)
        return fail(path + ".decimals: expected an integer 0..9");
      s.decimals = it->get<int>();
    }
    for (auto [key, field] : {std::pair{"unit", &s.unit}, std::pair{"label", &s.label}, std::pair{"label_zh", &s.label_zh},
                              std::pair{"meaning", &s.meaning}, std::pair{"reason", &s.reason},
                              std::pair{"advice", &s.advice}}) {
      auto v = get_string(f, key, path, false);
      if (!v.ok()) return fail(v.error());
      *field = *v;
    }
    if (s.label.empty()) s.label = s.name;
    if (auto it = f.find("actionable"); it != f.end()) {
      if (!it->is_boolean()) return fail(path + ".actionable: expected true or false");
      s.actionable = it->get<bool>();
    }
    auto trend = get_string(f, "trend", path, false);
    if (!trend.ok()) return fail(trend.error());
    if (!trend->empty()) {
      auto t = parse_risk_trend(*trend);
      if (!t.ok()) return fail(path + ".trend: " + t.error());
      s.trend = *t;
    }
    auto specials = get_specials(f, s.type, path);
    if (!specials.ok()) return fail(specials.error());
    s.specials = *specials;
    out.push_back(std::move(s));
  }
  FeatureSchema schema(std::move(out));
  if (auto v = doc.find("version"); v != doc.end() && v->is_string()) schema.version_ = v->get<std::string>();
  return schema;
}

const FeatureSchema& builtin_schema() {
  static const FeatureSchema schema = [] {
    auto r = FeatureSchema::parse(builtin_schema_text());
    FINLAB_REQUIRE(r.ok(), "builtin feature schema (assets/features/schema.json) is broken: " << r.error());
    return std::move(r).value();
  }();
  return schema;
}

}  // namespace finlab::credit
