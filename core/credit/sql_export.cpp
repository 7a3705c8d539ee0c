#include "core/credit/sql_export.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace finlab::credit {

namespace {

// Shortest text that reads back as the same double (what SQLite parses too).
std::string sql_number(double x) { return nlohmann::json(x).dump(); }

std::string sql_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string sql_text(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string feature_case(const FeatureBinning& fb, const std::vector<int>& pts, const std::string& indent) {
  const std::string col = sql_ident(fb.name);
  const int missing = pts[static_cast<std::size_t>(fb.missing_bin())];
  std::string s = "CASE WHEN " + col + " IS NULL THEN " + std::to_string(missing);
  if (fb.type == FeatureType::categorical) {
    for (int b = 0; b < fb.missing_bin(); ++b) {  // value bins and special levels
      std::string list;
      for (std::size_t l = 0; l < fb.level_bin.size(); ++l)
        if (fb.level_bin[l] == b) list += (list.empty() ? "" : ", ") + sql_text(fb.levels[l]);
      if (list.empty()) continue;
      s += "\n" + indent + "  WHEN " + col + " IN (" + list + ") THEN " + std::to_string(pts[static_cast<std::size_t>(b)]);
    }
    s += "\n" + indent + "  ELSE " + std::to_string(missing) + " END";
    return s;
  }
  for (std::size_t k = 0; k < fb.special_values.size(); ++k)  // special codes first: they may lie inside a range
    s += "\n" + indent + "  WHEN " + col + " = " + sql_number(fb.special_values[k]) + " THEN " +
         std::to_string(pts[static_cast<std::size_t>(fb.first_special_bin()) + k]);
  for (std::size_t c = 0; c < fb.cuts.size(); ++c)
    s += "\n" + indent + "  WHEN " + col + " < " + sql_number(fb.cuts[c]) + " THEN " + std::to_string(pts[c]);
  s += "\n" + indent + "  ELSE " + std::to_string(pts[fb.cuts.size()]) + " END";
  return s;
}

std::string submodel_sum(const Scorecard& card, const SubModel& sm, const std::string& indent) {
  if (sm.features.empty()) return std::to_string(sm.base_points);
  std::string s;
  for (std::size_t k = 0; k < sm.features.size(); ++k) {
    const FeatureBinning& fb = card.features[static_cast<std::size_t>(sm.features[k])];
    s += (k ? "\n" + indent + "+ " : "") + std::string("(") + feature_case(fb, sm.points[k], indent + "  ") + ")";
  }
  return s;
}

}  // namespace

std::string scorecard_sql_expression(const Scorecard& card, const SqlExportOptions& options) {
  FINLAB_REQUIRE(!card.submodels.empty(), "scorecard_sql_expression: the card has no sub-model");
  if (card.submodels.size() == 1) return "(" + submodel_sum(card, card.submodels[0], "  ") + ")";
  const unsigned model_bits = card.model_categories().bits();
  std::string s = "(CASE ((" + sql_ident(options.consent_column) + " | 1) & " + std::to_string(model_bits) + ")";
  for (const auto& sm : card.submodels)
    s += "\n  WHEN " + std::to_string(sm.consent.bits()) + " THEN (" + submodel_sum(card, sm, "    ") + ")";
  s += "\n  END)";
  return s;
}

std::string scorecard_sql(const Scorecard& card, const SqlExportOptions& options) {
  std::string s = "-- finlab scorecard '" + card.name + "' as SQL (whole-point score, same as `finlab score apply`).\n";
  s += "-- Feature columns hold numbers (categorical: text); NULL = missing.\n";
  if (card.submodels.size() > 1)
    s += "-- Column " + sql_ident(options.consent_column) +
         " holds the consent bit mask: 1 application, 2 device, 4 location, 8 app_usage, 16 consumption.\n";
  const std::string expr = scorecard_sql_expression(card, options);
  if (options.table.empty()) return s + expr + "\n";
  return s + "SELECT *, " + expr + " AS score\nFROM " + sql_ident(options.table) + ";\n";
}

}  // namespace finlab::credit
