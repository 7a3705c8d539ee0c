#include "core/credit/scorecard_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/credit/csv.hpp"

namespace finlab::credit {

using nlohmann::json;

namespace {

json number_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

}  // namespace

std::string scorecard_to_json(const Scorecard& card, int indent) {
  json doc;
  doc["format"] = "finlab.scorecard";
  doc["version"] = Scorecard::format_version;
  doc["name"] = card.name;
  doc["target"] = card.target;
  doc["bad_values"] = card.bad_values;
  doc["scaling"] = {{"base_points", card.scaling.base_points},
                    {"base_odds", card.scaling.base_odds},
                    {"pdo", card.scaling.pdo},
                    {"factor", scaling_factor(card.scaling)},
                    {"offset", scaling_offset(card.scaling)}};
  json bands = json::array();
  for (std::size_t b = 0; b < card.bands.count(); ++b)
    bands.push_back({{"name", card.bands.names[b]}, {"lower", b == 0 ? json(nullptr) : json(card.bands.lower[b - 1])}});
  doc["bands"] = bands;
  doc["max_reasons"] = card.max_reasons;
  json feats = json::array();
  for (const auto& f : card.features) {
    json jf;
    jf["name"] = f.name;
    jf["label"] = f.label;
    jf["reason"] = f.reason;
    jf["advice"] = f.advice;
    jf["decimals"] = f.decimals;
    jf["actionable"] = f.actionable;
    jf["category"] = std::string(to_string(f.category));
    jf["type"] = std::string(to_string(f.type));
    jf["trend"] = std::string(to_string(f.trend));
    jf["direction"] = std::string(to_string(f.direction));
    jf["iv"] = f.iv;
    jf["n_total"] = f.n_total;
    jf["levels"] = f.levels;
    jf["cuts"] = f.cuts;
    jf["level_bin"] = f.level_bin;
    if (!f.specials.empty()) jf["specials"] = f.specials;
    if (f.manual) jf["manual"] = true;
    json bins = json::array();
    for (const auto& b : f.bins) {
      json jb;
      jb["label"] = b.label;
      jb["lo"] = number_or_null(b.lo);
      jb["hi"] = number_or_null(b.hi);
      if (!b.levels.empty()) jb["levels"] = b.levels;
      jb["missing"] = b.is_missing;
      if (b.is_special) jb["special"] = true;
      jb["n_good"] = b.n_good;
      jb["n_bad"] = b.n_bad;
      jb["woe"] = b.woe;
      jb["iv"] = b.iv;
      bins.push_back(std::move(jb));
    }
    jf["bins"] = std::move(bins);
    feats.push_back(std::move(jf));
  }
  doc["features"] = std::move(feats);
  json subs = json::array();
  for (const auto& s : card.submodels) {
    json js;
    js["consent"] = s.consent.to_string();
    js["consent_bits"] = s.consent.bits();
    json names = json::array();
    for (int f : s.features) names.push_back(card.features[static_cast<std::size_t>(f)].name);
    js["features"] = std::move(names);
    js["intercept"] = s.intercept;
    js["coef"] = s.coef;
    js["points"] = s.points;
    js["points_exact"] = s.points_exact;
    js["base_points"] = s.base_points;
    js["base_points_exact"] = s.base_points_exact;
    js["train_rows"] = s.train_rows;
    js["iterations"] = s.iterations;
    js["converged"] = s.converged;
    subs.push_back(std::move(js));
  }
  doc["submodels"] = std::move(subs);
  doc["train_band_counts"] = card.train_band_counts;
  return doc.dump(indent);
}

namespace {

// Reads with a JSON path in every error.
struct Reader {
  std::string error;

  const json* field(const json& obj, const char* key, const std::string& path) {
    if (!error.empty()) return nullptr;
    if (!obj.is_object()) {
      error = path + ": expected an object";
      return nullptr;
    }
    auto it = obj.find(key);
    if (it == obj.end()) {
      error = path + "." + key + ": missing";
      return nullptr;
    }
    return &*it;
  }
  double number(const json& obj, const char* key, const std::string& path, bool null_is_inf = false, double inf = 0) {
    const json* v = field(obj, key, path);
    if (!v) return 0;
    if (null_is_inf && v->is_null()) return inf;
    if (!v->is_number()) {
      error = path + "." + key + ": expected a number";
      return 0;
    }
    return v->get<double>();
  }
  std::int64_t integer(const json& obj, const char* key, const std::string& path) {
    const json* v = field(obj, key, path);
    if (!v) return 0;
    if (!v->is_number_integer()) {
      error = path + "." + key + ": expected an integer";
      return 0;
    }
    return v->get<std::int64_t>();
  }
  std::string string(const json& obj, const char* key, const std::string& path) {
    const json* v = field(obj, key, path);
    if (!v) return {};
    if (!v->is_string()) {
      error = path + "." + key + ": expected a string";
      return {};
    }
    return v->get<std::string>();
  }
  bool boolean(const json& obj, const char* key, const std::string& path) {
    const json* v = field(obj, key, path);
    if (!v) return false;
    if (!v->is_boolean()) {
      error = path + "." + key + ": expected true or false";
      return false;
    }
    return v->get<bool>();
  }
  const json* array(const json& obj, const char* key, const std::string& path) {
    const json* v = field(obj, key, path);
    if (!v) return nullptr;
    if (!v->is_array()) {
      error = path + "." + key + ": expected an array";
      return nullptr;
    }
    return v;
  }
  template <class T>
  std::vector<T> numbers(const json& obj, const char* key, const std::string& path) {
    std::vector<T> out;
    const json* a = array(obj, key, path);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const json& v = (*a)[i];
      if (!v.is_number() || (std::is_integral_v<T> && !v.is_number_integer())) {
        error = path + "." + key + "[" + std::to_string(i) + "]: expected a number";
        return {};
      }
      out.push_back(v.get<T>());
    }
    return out;
  }
};

// Optional "specials" of a feature (absent in models without special values)
// and the layout they imply: value bins, one bin per special, the missing bin.
Result<bool> read_specials(const json& jf, const std::string& p, FeatureBinning& f) {
  if (auto it = jf.find("specials"); it != jf.end()) {
    if (!it->is_array()) return fail(p + ".specials: expected an array of strings");
    for (std::size_t k = 0; k < it->size(); ++k) {
      const std::string sp = p + ".specials[" + std::to_string(k) + "]";
      if (!(*it)[k].is_string()) return fail(sp + ": expected a string");
      const std::string t = (*it)[k].get<std::string>();
      if (std::find(f.specials.begin(), f.specials.end(), t) != f.specials.end()) return fail(sp + ": duplicate special value '" + t + "'");
      f.specials.push_back(t);
      if (f.type == FeatureType::categorical) continue;
      double v = 0;
      if (!parse_number_cell(t, &v)) return fail(sp + ": '" + t + "' is not a number (the feature is numeric)");
      f.special_values.push_back(v);
    }
  }
  const std::size_t ns = f.specials.size();
  if (f.bins.size() < ns + 2) return fail(p + ".bins: expected the value bins, " + std::to_string(ns) + " special bin(s) and the missing bin");
  for (std::size_t b = 0; b + 1 < f.bins.size(); ++b) {
    const bool want = b + 1 + ns >= f.bins.size();
    if (f.bins[b].is_special != want)
      return fail(p + ".bins[" + std::to_string(b) + "]: " + (want ? "expected a special bin (one per special value, after the value bins)"
                                                                   : "unexpected special bin"));
  }
  return true;
}

}  // namespace

Result<Scorecard> scorecard_from_json(std::string_view text) {
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return fail("scorecard: not valid JSON");
  Reader rd;
  Scorecard card;
  if (rd.string(doc, "format", "$") != "finlab.scorecard" && rd.error.empty())
    return fail("$.format: expected \"finlab.scorecard\"");
  const std::int64_t version = rd.integer(doc, "version", "$");
  if (rd.error.empty() && version != Scorecard::format_version)
    return fail("$.version: this finlab reads scorecard version " + std::to_string(Scorecard::format_version) + ", the file is version " +
                std::to_string(version));
  card.name = rd.string(doc, "name", "$");
  card.target = rd.string(doc, "target", "$");
  if (const json* bv = rd.array(doc, "bad_values", "$"))
    for (std::size_t i = 0; i < bv->size(); ++i) {
      if (!(*bv)[i].is_string()) return fail("$.bad_values[" + std::to_string(i) + "]: expected a string");
      card.bad_values.push_back((*bv)[i].get<std::string>());
    }
  if (const json* sc = rd.field(doc, "scaling", "$")) {
    card.scaling.base_points = rd.number(*sc, "base_points", "$.scaling");
    card.scaling.base_odds = rd.number(*sc, "base_odds", "$.scaling");
    card.scaling.pdo = rd.number(*sc, "pdo", "$.scaling");
    if (rd.error.empty() && !(card.scaling.base_odds > 0 && card.scaling.pdo > 0))
      return fail("$.scaling: base_odds and pdo must be positive");
  }
  card.bands.lower.clear();
  card.bands.names.clear();
  if (const json* bands = rd.array(doc, "bands", "$")) {
    for (std::size_t b = 0; b < bands->size() && rd.error.empty(); ++b) {
      const std::string p = "$.bands[" + std::to_string(b) + "]";
      card.bands.names.push_back(rd.string((*bands)[b], "name", p));
      if (b > 0) {
        const std::int64_t lower = rd.integer((*bands)[b], "lower", p);
        if (rd.error.empty() && !card.bands.lower.empty() && lower <= card.bands.lower.back())
          return fail(p + ".lower: band edges must increase");
        card.bands.lower.push_back(static_cast<int>(lower));
      }
    }
    if (rd.error.empty() && card.bands.names.empty()) return fail("$.bands: at least one band is needed");
  }
  card.max_reasons = static_cast<int>(rd.integer(doc, "max_reasons", "$"));
  if (const json* feats = rd.array(doc, "features", "$")) {
    for (std::size_t i = 0; i < feats->size() && rd.error.empty(); ++i) {
      const json& jf = (*feats)[i];
      const std::string p = "$.features[" + std::to_string(i) + "]";
      FeatureBinning f;
      f.name = rd.string(jf, "name", p);
      f.label = rd.string(jf, "label", p);
      f.reason = rd.string(jf, "reason", p);
      f.advice = rd.string(jf, "advice", p);
      f.decimals = static_cast<int>(rd.integer(jf, "decimals", p));
      f.actionable = rd.boolean(jf, "actionable", p);
      const std::string cat = rd.string(jf, "category", p);
      const std::string type = rd.string(jf, "type", p);
      const std::string trend = rd.string(jf, "trend", p);
      const std::string direction = rd.string(jf, "direction", p);
      if (!rd.error.empty()) break;
      auto c = parse_consent_category(cat);
      if (!c.ok()) return fail(p + ".category: " + c.error());
      f.category = *c;
      if (type == "numeric") f.type = FeatureType::numeric;
      else if (type == "ordinal") f.type = FeatureType::ordinal;
      else if (type == "categorical") f.type = FeatureType::categorical;
      else return fail(p + ".type: unknown type '" + type + "'");
      auto t = parse_risk_trend(trend);
      if (!t.ok()) return fail(p + ".trend: " + t.error());
      f.trend = *t;
      auto d = parse_risk_trend(direction);
      if (!d.ok()) return fail(p + ".direction: " + d.error());
      f.direction = *d;
      f.iv = rd.number(jf, "iv", p);
      f.n_total = rd.integer(jf, "n_total", p);
      if (const json* lv = rd.array(jf, "levels", p))
        for (std::size_t k = 0; k < lv->size(); ++k) {
          if (!(*lv)[k].is_string()) return fail(p + ".levels[" + std::to_string(k) + "]: expected a string");
          f.levels.push_back((*lv)[k].get<std::string>());
        }
      f.cuts = rd.numbers<double>(jf, "cuts", p);
      f.level_bin = rd.numbers<std::int32_t>(jf, "level_bin", p);
      if (const json* bins = rd.array(jf, "bins", p)) {
        for (std::size_t k = 0; k < bins->size() && rd.error.empty(); ++k) {
          const json& jb = (*bins)[k];
          const std::string bp = p + ".bins[" + std::to_string(k) + "]";
          Bin b;
          b.label = rd.string(jb, "label", bp);
          b.lo = rd.number(jb, "lo", bp, true, -std::numeric_limits<double>::infinity());
          b.hi = rd.number(jb, "hi", bp, true, std::numeric_limits<double>::infinity());
          if (jb.contains("levels")) b.levels = rd.numbers<std::int32_t>(jb, "levels", bp);
          b.is_missing = rd.boolean(jb, "missing", bp);
          if (auto sp = jb.find("special"); sp != jb.end()) {
            if (!sp->is_boolean()) return fail(bp + ".special: expected true or false");
            b.is_special = sp->get<bool>();
          }
          b.n_good = rd.integer(jb, "n_good", bp);
          b.n_bad = rd.integer(jb, "n_bad", bp);
          b.woe = rd.number(jb, "woe", bp);
          b.iv = rd.number(jb, "iv", bp);
          f.bins.push_back(std::move(b));
        }
      }
      if (!rd.error.empty()) break;
      // Consistency: value bins = cuts + 1, missing bin last, level codes in range.
      if (f.bins.size() < 2 || !f.bins.back().is_missing)
        return fail(p + ".bins: expected at least one value bin and the missing bin last");
      if (auto sp = read_specials(jf, p, f); !sp) return fail(sp.error());
      if (auto mb = jf.find("manual"); mb != jf.end()) {
        if (!mb->is_boolean()) return fail(p + ".manual: expected true or false");
        f.manual = mb->get<bool>();
      }
      if (f.type != FeatureType::categorical && f.cuts.size() + 1 != static_cast<std::size_t>(f.value_bin_count()))
        return fail(p + ".cuts: " + std::to_string(f.cuts.size()) + " cuts for " + std::to_string(f.value_bin_count()) + " value bins");
      for (std::size_t k = 1; k < f.cuts.size(); ++k)
        if (!(f.cuts[k - 1] < f.cuts[k])) return fail(p + ".cuts: cut points must increase");
      if (f.type == FeatureType::categorical) {
        if (f.level_bin.size() != f.levels.size()) return fail(p + ".level_bin: one bin per level expected");
        for (auto lb : f.level_bin)
          if (lb < 0 || lb >= static_cast<std::int32_t>(f.bins.size())) return fail(p + ".level_bin: bin index out of range");
      }
      if (f.bins.size() > 256) return fail(p + ".bins: at most 256 bins");
      card.features.push_back(std::move(f));
    }
  }
  if (const json* subs = rd.array(doc, "submodels", "$")) {
    for (std::size_t i = 0; i < subs->size() && rd.error.empty(); ++i) {
      const json& js = (*subs)[i];
      const std::string p = "$.submodels[" + std::to_string(i) + "]";
      SubModel s;
      const std::int64_t bits = rd.integer(js, "consent_bits", p);
      if (rd.error.empty() && (bits < 0 || bits > 31)) return fail(p + ".consent_bits: expected 0..31");
      s.consent = ConsentMask::from_bits(static_cast<std::uint8_t>(bits));
      if (const json* names = rd.array(js, "features", p)) {
        for (std::size_t k = 0; k < names->size(); ++k) {
          if (!(*names)[k].is_string()) return fail(p + ".features[" + std::to_string(k) + "]: expected a feature name");
          const int fi = card.feature_index((*names)[k].get<std::string>());
          if (fi < 0) return fail(p + ".features[" + std::to_string(k) + "]: unknown feature '" + (*names)[k].get<std::string>() + "'");
          if (!s.consent.has(card.features[static_cast<std::size_t>(fi)].category))
            return fail(p + ".features[" + std::to_string(k) + "]: feature '" + (*names)[k].get<std::string>() +
                        "' is outside the sub-model's consent");
          s.features.push_back(fi);
        }
      }
      s.intercept = rd.number(js, "intercept", p);
      s.coef = rd.numbers<double>(js, "coef", p);
      if (const json* pts = rd.array(js, "points", p)) {
        for (std::size_t k = 0; k < pts->size() && rd.error.empty(); ++k) {
          std::vector<int> row;
          if (!(*pts)[k].is_array()) return fail(p + ".points[" + std::to_string(k) + "]: expected an array");
          for (const auto& v : (*pts)[k]) {
            if (!v.is_number_integer()) return fail(p + ".points[" + std::to_string(k) + "]: whole points expected");
            row.push_back(v.get<int>());
          }
          s.points.push_back(std::move(row));
        }
      }
      if (const json* pts = rd.array(js, "points_exact", p)) {
        for (std::size_t k = 0; k < pts->size() && rd.error.empty(); ++k) {
          std::vector<double> row;
          if (!(*pts)[k].is_array()) return fail(p + ".points_exact[" + std::to_string(k) + "]: expected an array");
          for (const auto& v : (*pts)[k]) {
            if (!v.is_number()) return fail(p + ".points_exact[" + std::to_string(k) + "]: numbers expected");
            row.push_back(v.get<double>());
          }
          s.points_exact.push_back(std::move(row));
        }
      }
      s.base_points = static_cast<int>(rd.integer(js, "base_points", p));
      s.base_points_exact = rd.number(js, "base_points_exact", p);
      s.train_rows = rd.integer(js, "train_rows", p);
      s.iterations = static_cast<int>(rd.integer(js, "iterations", p));
      s.converged = rd.boolean(js, "converged", p);
      if (!rd.error.empty()) break;
      if (s.coef.size() != s.features.size() || s.points.size() != s.features.size() ||
          s.points_exact.size() != s.features.size())
        return fail(p + ": coef, points and points_exact need one entry per feature");
      for (std::size_t k = 0; k < s.features.size(); ++k) {
        const std::size_t nb = card.features[static_cast<std::size_t>(s.features[k])].bins.size();
        if (s.points[k].size() != nb || s.points_exact[k].size() != nb)
          return fail(p + ".points[" + std::to_string(k) + "]: one value per bin expected (" + std::to_string(nb) + ")");
      }
      for (const auto& other : card.submodels)
        if (other.consent == s.consent) return fail(p + ".consent_bits: duplicate sub-model for " + s.consent.to_string());
      card.submodels.push_back(std::move(s));
    }
  }
  if (!rd.error.empty()) return fail(rd.error);
  if (card.submodels.empty()) return fail("$.submodels: at least one sub-model is needed");
  // Every consent combination must reach a sub-model.
  for (std::uint32_t m = 0; m < 32; ++m)
    if (card.submodel_index(ConsentMask::from_bits(static_cast<std::uint8_t>(m))) < 0)
      return fail("$.submodels: no sub-model for consent " + ConsentMask::from_bits(static_cast<std::uint8_t>(m)).to_string());
  card.train_band_counts = Reader{}.numbers<std::int64_t>(doc, "train_band_counts", "$");
  if (!card.train_band_counts.empty() && card.train_band_counts.size() != card.bands.count())
    return fail("$.train_band_counts: one count per band expected");
  return card;
}

}  // namespace finlab::credit
