// The behaviour feature schema (assets/features/schema.json): for each feature
// its name, consent category, type, valid range, unit, meaning and the texts a
// reason code or counterfactual shows. Core does no file I/O: the schema is
// parsed from text; builtin_schema() returns the copy of
// assets/features/schema.json that CMake compiles into the library, so wasm
// and the browser need no files.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credit/consent.hpp"
#include "core/result.hpp"

namespace finlab::credit {

enum class FeatureType : std::uint8_t {
  numeric,      // a measured quantity; binned by value ranges
  ordinal,      // integer codes 0..k-1 with labels (e.g. income band); binned like numeric
  categorical,  // unordered levels (strings); bins are groups of levels
};
std::string_view to_string(FeatureType t);

// Expected direction of the bad rate as the value rises; binning enforces it.
enum class RiskTrend : std::uint8_t {
  automatic,   // monotonic, direction chosen from the data (the one with higher IV)
  ascending,   // bad rate rises with the value
  descending,  // bad rate falls as the value rises
  none,        // not constrained; configured explicitly
  peak,        // bad rate rises, then falls (an inverted U; the turn chosen by the DP)
  valley,      // bad rate falls, then rises (a U-shaped feature)
  auto_shape,  // automatic, or a peak / valley when it gains ≥ BinningOptions::shape_iv_gain × the IV
};
std::string_view to_string(RiskTrend t);
Result<RiskTrend> parse_risk_trend(std::string_view s);

struct FeatureSpec {
  std::string name;        // column name in CSV files, e.g. "home_night_share"
  ConsentCategory category = ConsentCategory::application;
  FeatureType type = FeatureType::numeric;
  double min = 0;          // valid range of values (inclusive); generator stays inside it
  double max = 0;
  std::string unit;        // "share", "months", "count/year", ...
  std::string label;       // short display name ("Nights at home")
  std::string label_zh;    // Chinese display name
  std::string meaning;     // one sentence: what is measured and over which window
  std::string reason;      // reason-code text when this feature lowers a score
  std::string advice;      // counterfactual wording ("spend more nights at your home address")
  std::vector<std::string> levels;  // ordinal / categorical level labels
  RiskTrend trend = RiskTrend::automatic;
  // Codes with a meaning of their own ("special_values": [-999, -998]; level
  // names for a categorical feature): each gets its own bin and WoE.
  std::vector<std::string> specials;
  int decimals = 0;        // values are recorded to this many decimals
  // Whether a counterfactual may suggest changing it: false for facts that
  // only time changes (account age) or that it would be perverse to suggest
  // changing (buy a dearer phone).
  bool actionable = true;
};

class FeatureSchema {
public:
  FeatureSchema() = default;
  explicit FeatureSchema(std::vector<FeatureSpec> features);

  // Parses the JSON schema text; errors name the JSON path ("features[3].category: ...").
  static Result<FeatureSchema> parse(std::string_view json_text);

  const std::vector<FeatureSpec>& features() const { return features_; }
  std::size_t size() const { return features_.size(); }
  const FeatureSpec& operator[](std::size_t i) const { return features_[i]; }
  std::optional<std::size_t> index_of(std::string_view name) const;
  const FeatureSpec* find(std::string_view name) const;
  const std::string& version() const { return version_; }

private:
  std::vector<FeatureSpec> features_;
  std::string version_;
};

// The JSON text of assets/features/schema.json as compiled into the library.
std::string_view builtin_schema_text();
// builtin_schema_text() parsed once (throws finlab::Error if the compiled-in text is broken).
const FeatureSchema& builtin_schema();

}  // namespace finlab::credit
