// A training/scoring data set in columns: numeric columns as doubles (NaN =
// missing), categorical columns as level codes; the binary target; each row's
// consent mask and train/test split; the source line of each row for messages.
// Built from a parsed CSV (any CSV: column types are inferred) or from a
// synthetic Population.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/credit/consent.hpp"
#include "core/credit/csv.hpp"
#include "core/credit/feature_schema.hpp"
#include "core/credit/population.hpp"
#include "core/result.hpp"

namespace finlab::credit {

struct DataColumn {
  std::string name;
  FeatureType type = FeatureType::numeric;      // numeric (also ordinal) or categorical
  ConsentCategory category = ConsentCategory::application;
  RiskTrend trend = RiskTrend::automatic;
  std::vector<double> numeric;                  // numeric: value per row, NaN = missing
  std::vector<std::int32_t> codes;              // categorical: index into levels, -1 = missing
  std::vector<std::string> levels;              // categorical: distinct values, sorted bytewise
  const FeatureSpec* spec = nullptr;            // schema entry when the name matched one
  // Special values (text as given: numbers for numeric columns, level names
  // for categorical ones); each gets its own bin (binning.hpp).
  std::vector<std::string> specials;
  // Manual bins (manual_bins.hpp): fixed cut points (numeric) or level
  // groups (categorical, level names); binning then only counts.
  bool manual = false;
  std::vector<double> manual_cuts;
  std::vector<std::vector<std::string>> manual_groups;
  bool missing(std::size_t row) const;
};

// oot: out-of-time rows (on or after DatasetOptions::oot_from), reported, never trained on.
enum class Split : std::uint8_t { train = 0, test = 1, other = 2, oot = 3 };

struct Dataset {
  std::vector<DataColumn> columns;
  std::vector<std::uint8_t> bad;        // 1 = bad (the target's bad class)
  std::vector<std::uint8_t> consent;    // ConsentMask::bits() per row; all() when the data has no consent column
  std::vector<Split> split;
  std::vector<std::size_t> line;        // source line per row (0 for generated data)
  std::string source;                   // "data.csv" or "synthetic"
  std::string target;                   // target column name ("bad" for synthetic data)
  std::vector<std::string> bad_values;  // target values meaning bad ("1" for synthetic data)
  std::vector<std::string> notes;       // what was dropped or excluded, and why
  std::size_t rows() const { return bad.size(); }
  std::size_t column_index(std::string_view name) const;  // CsvTable::npos when absent
};

struct DatasetOptions {
  std::string target;                    // target column (required)
  std::vector<std::string> bad_values;   // target values meaning "bad" (required)
  std::vector<std::string> good_values;  // empty: the one other value seen; rows with other values are dropped when given
  std::string split_column;              // optional: rows "train" / "test" (others ignored)
  std::string consent_column = "consent";  // used when present (ConsentMask::parse format)
  // Out-of-time split: rows whose ISO date (YYYY-MM or YYYY-MM-DD) in
  // oot_column is on or after oot_from are Split::oot; earlier rows keep their
  // train/test split (all train without split_column). The column is not a feature.
  std::string oot_column;
  std::string oot_from;
  // Target from repayment history instead of a target column: columns
  // <dpd_prefix>1 .. <dpd_prefix>N hold the days past due at the end of months
  // 1..N after the observation date (numbers; missing = not yet observed).
  // bad = ever >= dpd_days within the first dpd_months months; a row with no
  // such month but a missing month in the window is immature and dropped
  // (counted in notes). Every <dpd_prefix><k> column is excluded from the
  // features (they are the outcome).
  std::string dpd_prefix;
  int dpd_days = 0;
  int dpd_months = 0;
  std::vector<std::string> exclude;      // columns not to use as features
  const FeatureSchema* schema = nullptr;   // names matching a schema feature take its category/type/trend
  bool require_target = true;            // false for scoring files (apply): target optional
};

// Type inference: a column is numeric when every non-missing cell parses as a
// number; categorical when most cells are not numbers. A column where at
// least 90% of non-missing cells are numbers but some are not is an error
// naming the first offending line (it is almost always a typo). Constant and
// all-missing columns are kept but flagged in notes and skipped by training.
// True for "YYYY-MM" or "YYYY-MM-DD" (digits, month 01-12, day 01-31).
bool is_iso_date(std::string_view s);

// Sets the special values of a column (replacing the schema's): numbers for a
// numeric column, level names for a categorical one (a level absent from the
// data is allowed: its bin stays empty). Fails on a non-number for a numeric
// column or a duplicate.
Result<bool> set_special_values(DataColumn& col, std::vector<std::string> specials);

Result<Dataset> dataset_from_csv(const CsvTable& table, const DatasetOptions& options);

// The population's features as a data set (schema order, categories from the
// schema, split by a deterministic hash of user id: share `test_share` goes to test).
Dataset dataset_from_population(const Population& pop, const FeatureSchema& schema = builtin_schema(),
                                double test_share = 0.3);

}  // namespace finlab::credit
