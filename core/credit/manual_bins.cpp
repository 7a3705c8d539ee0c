#include "core/credit/manual_bins.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace finlab::credit {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

Result<std::vector<std::string>> strings_at(const json& a, const std::string& path) {
  if (!a.is_array()) return fail(path + ": expected an array of strings");
  std::vector<std::string> out;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (!a[k].is_string()) return fail(path + "[" + std::to_string(k) + "]: expected a string");
    out.push_back(a[k].get<std::string>());
  }
  return out;
}

Result<ManualFeatureBins> parse_feature(const json& f, const std::string& p) {
  if (!f.is_object()) return fail(p + ": expected an object");
  ManualFeatureBins m;
  auto name = f.find("name");
  if (name == f.end() || !name->is_string() || name->get<std::string>().empty()) return fail(p + ".name: expected a column name");
  m.name = name->get<std::string>();
  auto type = f.find("type");
  if (type == f.end() || !type->is_string()) return fail(p + ".type: expected \"numeric\", \"ordinal\" or \"categorical\"");
  const std::string t = type->get<std::string>();
  if (t == "numeric") m.type = FeatureType::numeric;
  else if (t == "ordinal") m.type = FeatureType::ordinal;
  else if (t == "categorical") m.type = FeatureType::categorical;
  else return fail(p + ".type: unknown type '" + t + "' (expected numeric, ordinal or categorical)");
  if (m.type == FeatureType::categorical) {
    auto g = f.find("groups");
    if (g == f.end() || !g->is_array() || g->empty()) return fail(p + ".groups: expected an array of level-name arrays");
    std::vector<std::string> seen;
    for (std::size_t k = 0; k < g->size(); ++k) {
      const std::string gp = p + ".groups[" + std::to_string(k) + "]";
      auto levels = strings_at((*g)[k], gp);
      if (!levels.ok()) return fail(levels.error());
      if (levels->empty()) return fail(gp + ": an empty group");
      for (const auto& l : *levels) {
        if (std::find(seen.begin(), seen.end(), l) != seen.end()) return fail(gp + ": level '" + l + "' is in two groups");
        seen.push_back(l);
      }
      m.groups.push_back(std::move(levels).value());
    }
  } else {
    auto c = f.find("cuts");
    if (c == f.end() || !c->is_array()) return fail(p + ".cuts: expected an array of numbers");
    for (std::size_t k = 0; k < c->size(); ++k) {
      const std::string cp = p + ".cuts[" + std::to_string(k) + "]";
      if (!(*c)[k].is_number() || !std::isfinite((*c)[k].get<double>())) return fail(cp + ": expected a finite number");
      const double v = (*c)[k].get<double>();
      if (!m.cuts.empty() && !(v > m.cuts.back())) return fail(cp + ": cut points must increase");
      m.cuts.push_back(v);
    }
  }
  if (auto s = f.find("specials"); s != f.end()) {
    auto sp = strings_at(*s, p + ".specials");
    if (!sp.ok()) return fail(sp.error());
    m.has_specials = true;
    m.specials = std::move(sp).value();
  }
  return m;
}

}  // namespace

Result<ManualBins> parse_manual_bins(std::string_view text) {
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return fail("bins file: not valid JSON");
  if (!doc.is_object()) return fail("$: expected an object");
  if (auto f = doc.find("format"); f == doc.end() || *f != "finlab.bins") return fail("$.format: expected \"finlab.bins\"");
  if (auto v = doc.find("version"); v == doc.end() || *v != 1) return fail("$.version: this finlab reads bins files of version 1");
  auto feats = doc.find("features");
  if (feats == doc.end() || !feats->is_array()) return fail("$.features: expected an array");
  ManualBins out;
  for (std::size_t i = 0; i < feats->size(); ++i) {
    const std::string p = "$.features[" + std::to_string(i) + "]";
    auto m = parse_feature((*feats)[i], p);
    if (!m.ok()) return fail(m.error());
    for (const auto& prev : out.features)
      if (prev.name == m->name) return fail(p + ".name: feature '" + m->name + "' is listed twice");
    out.features.push_back(std::move(m).value());
  }
  return out;
}

std::string manual_bins_to_json(const std::vector<FeatureBinning>& features) {
  ordered_json doc;
  doc["format"] = "finlab.bins";
  doc["version"] = 1;
  ordered_json list = ordered_json::array();
  for (const FeatureBinning& fb : features) {
    if (fb.bins.empty()) continue;
    ordered_json f;
    f["name"] = fb.name;
    f["type"] = std::string(to_string(fb.type));
    if (fb.type == FeatureType::categorical) {
      ordered_json groups = ordered_json::array();
      for (int b = 0; b < fb.value_bin_count(); ++b) {
        ordered_json g = ordered_json::array();
        for (std::int32_t l : fb.bins[static_cast<std::size_t>(b)].levels) g.push_back(fb.levels[static_cast<std::size_t>(l)]);
        if (!g.empty()) groups.push_back(g);
      }
      f["groups"] = groups;
    } else {
      f["cuts"] = fb.cuts;
    }
    f["specials"] = fb.specials;
    list.push_back(f);
  }
  doc["features"] = list;
  return doc.dump(2);
}

Result<bool> apply_manual_bins(Dataset& data, const ManualBins& bins) {
  for (const ManualFeatureBins& m : bins.features) {
    const std::size_t c = data.column_index(m.name);
    if (c == CsvTable::npos) return fail("bins file: feature '" + m.name + "' is not a column of " + data.source);
    DataColumn& col = data.columns[c];
    const bool want_cat = m.type == FeatureType::categorical;
    if (want_cat != (col.type == FeatureType::categorical))
      return fail("bins file: feature '" + m.name + "' is " + std::string(to_string(m.type)) + " in the file but " +
                  std::string(to_string(col.type)) + " in " + data.source);
    col.manual = true;
    col.manual_cuts = m.cuts;
    col.manual_groups = m.groups;
    if (m.has_specials) {
      auto s = set_special_values(col, m.specials);
      if (!s.ok()) return fail("bins file: " + s.error());
    }
  }
  return true;
}

}  // namespace finlab::credit
