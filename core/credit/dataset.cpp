#include "core/credit/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/error.hpp"

namespace finlab::credit {

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Target values match as text, or as numbers when both parse ("1" == "1.0").
bool value_matches(std::string_view cell, const std::vector<std::string>& values) {
  cell = trim(cell);
  double a = 0;
  const bool cell_num = parse_number_cell(cell, &a);
  for (const auto& v : values) {
    if (cell == trim(v)) return true;
    double b = 0;
    if (cell_num && parse_number_cell(v, &b) && a == b) return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& v, std::size_t max = 8) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < max; ++i) out += (i ? ", " : "") + ("'" + v[i] + "'");
  if (v.size() > max) out += ", ...";
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

bool DataColumn::missing(std::size_t row) const {
  return type == FeatureType::categorical ? codes[row] < 0 : std::isnan(numeric[row]);
}

std::size_t Dataset::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return CsvTable::npos;
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 7 && s.size() != 10) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  if (month < 1 || month > 12) return false;
  if (s.size() == 10) {
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    if (day < 1 || day > 31) return false;
  }
  return true;
}

Result<bool> set_special_values(DataColumn& col, std::vector<std::string> specials) {
  for (std::size_t k = 0; k < specials.size(); ++k) {
    std::string& t = specials[k];
    t = std::string(trim(t));
    if (t.empty()) return fail("column '" + col.name + "': empty special value");
    for (std::size_t j = 0; j < k; ++j)
      if (specials[j] == t) return fail("column '" + col.name + "': duplicate special value '" + t + "'");
    double v = 0;
    if (col.type != FeatureType::categorical && !parse_number_cell(t, &v))
      return fail("column '" + col.name + "' is numeric; special value '" + t + "' is not a number");
  }
  col.specials = std::move(specials);
  return true;
}

namespace {

// The repayment-history columns of a dpd target: all columns named
// <prefix><k> (k = 1, 2, ...) in `all`, and the first `months` of them in order in `window`.
Result<bool> dpd_columns(const CsvTable& table, const DatasetOptions& o, std::vector<std::size_t>& window, std::vector<std::size_t>& all) {
  if (o.dpd_days < 1 || o.dpd_months < 1) return fail("dpd target: days past due and months must be at least 1");
  for (std::size_t c = 0; c < table.columns(); ++c) {
    const std::string& h = table.header[c];
    if (h.size() <= o.dpd_prefix.size() || h.compare(0, o.dpd_prefix.size(), o.dpd_prefix) != 0) continue;
    const std::string k = h.substr(o.dpd_prefix.size());
    if (k.find_first_not_of("0123456789") == std::string::npos) all.push_back(c);
  }
  for (int m = 1; m <= o.dpd_months; ++m) {
    const std::size_t c = table.column_index(o.dpd_prefix + std::to_string(m));
    if (c == CsvTable::npos)
      return fail(table.source + ": repayment-history column '" + o.dpd_prefix + std::to_string(m) + "' not found (a " +
                  std::to_string(o.dpd_months) + "-month window needs " + o.dpd_prefix + "1 .. " + o.dpd_prefix +
                  std::to_string(o.dpd_months) + ")");
    window.push_back(c);
  }
  return true;
}

// 1 = bad, 0 = good, -1 = immature (no bad month yet and a month of the window missing).
Result<int> dpd_outcome(const CsvTable& table, std::size_t r, const std::vector<std::size_t>& window, int days) {
  bool open = false;
  for (std::size_t c : window) {
    const std::string_view cell = table.cell(r, c);
    if (is_missing_cell(cell)) {
      open = true;
      continue;
    }
    double v = 0;
    if (!parse_number_cell(cell, &v) || v < 0)
      return fail(table.where(r) + ": column '" + table.header[c] + "' has '" + std::string(cell) +
                  "', expected days past due (a number >= 0)");
    if (v >= days) return 1;
  }
  return open ? -1 : 0;
}

}  // namespace

Result<Dataset> dataset_from_csv(const CsvTable& table, const DatasetOptions& o) {
  Dataset ds;
  ds.source = table.source;
  ds.target = o.target;
  ds.bad_values = o.bad_values;
  const std::string& src = table.source;
  const std::size_t nrows = table.rows();

  // --- special columns
  std::size_t target_col = CsvTable::npos;
  std::vector<std::size_t> dpd_window, dpd_all;
  const bool dpd = !o.dpd_prefix.empty();
  if (dpd) {
    if (!o.target.empty()) return fail("a target column and a repayment-history target are exclusive");
    auto c = dpd_columns(table, o, dpd_window, dpd_all);
    if (!c.ok()) return fail(c.error());
    ds.target = "ever " + std::to_string(o.dpd_days) + "+ days past due within " + std::to_string(o.dpd_months) + " months";
    ds.bad_values = {"1"};
  } else if (!o.target.empty()) {
    target_col = table.column_index(o.target);
    if (target_col == CsvTable::npos)
      return fail(src + ": target column '" + o.target + "' not found (columns: " + join(table.header, 40) + ")");
  } else if (o.require_target) {
    return fail("no target column given");
  }
  std::size_t immature = 0, first_immature = 0;
  if (target_col != CsvTable::npos && o.bad_values.empty()) return fail("no bad value given for target '" + o.target + "'");
  std::size_t split_col = CsvTable::npos;
  if (!o.split_column.empty()) {
    split_col = table.column_index(o.split_column);
    if (split_col == CsvTable::npos)
      return fail(src + ": split column '" + o.split_column + "' not found (columns: " + join(table.header, 40) + ")");
  }
  std::size_t oot_col = CsvTable::npos;
  if (!o.oot_column.empty()) {
    oot_col = table.column_index(o.oot_column);
    if (oot_col == CsvTable::npos)
      return fail(src + ": out-of-time column '" + o.oot_column + "' not found (columns: " + join(table.header, 40) + ")");
    if (!is_iso_date(o.oot_from))
      return fail("out-of-time start '" + o.oot_from + "' is not a date YYYY-MM or YYYY-MM-DD");
  }
  std::size_t oot_rows = 0;
  const std::size_t consent_col = o.consent_column.empty() ? CsvTable::npos : table.column_index(o.consent_column);
  for (const auto& e : o.exclude)
    if (table.column_index(e) == CsvTable::npos)
      return fail(src + ": excluded column '" + e + "' not found (columns: " + join(table.header, 40) + ")");

  // --- rows: target, split, consent
  std::vector<std::uint32_t> keep;  // table rows kept
  keep.reserve(nrows);
  std::string good_seen;            // the one good value when good_values is empty
  std::size_t good_seen_line = 0;
  bool bad_seen = false;
  std::size_t dropped_missing_target = 0, first_missing_target = 0;
  std::size_t dropped_other_target = 0, first_other_target = 0;
  std::size_t other_split = 0;
  for (std::size_t r = 0; r < nrows; ++r) {
    std::uint8_t bad = 0;
    if (dpd) {
      auto out = dpd_outcome(table, r, dpd_window, o.dpd_days);
      if (!out.ok()) return fail(out.error());
      if (*out < 0) {
        if (!immature++) first_immature = table.line[r];
        continue;
      }
      bad = static_cast<std::uint8_t>(*out);
      bad_seen = bad_seen || bad;
    } else if (target_col != CsvTable::npos) {
      const std::string_view cell = trim(table.cell(r, target_col));
      if (is_missing_cell(cell)) {
        if (o.require_target) {
          if (!dropped_missing_target++) first_missing_target = table.line[r];
          continue;
        }
      } else if (value_matches(cell, o.bad_values)) {
        bad = 1;
        bad_seen = true;
      } else if (!o.good_values.empty()) {
        if (!value_matches(cell, o.good_values)) {
          if (!dropped_other_target++) first_other_target = table.line[r];
          continue;
        }
      } else if (good_seen.empty()) {
        good_seen = std::string(cell);
        good_seen_line = table.line[r];
      } else if (!value_matches(cell, {good_seen})) {
        return fail(table.where(r) + ": target column '" + o.target + "' has more than two classes: bad " +
                    join(o.bad_values) + ", '" + good_seen + "' (first at line " + std::to_string(good_seen_line) +
                    ") and '" + std::string(cell) + "' (this line); name the good class(es) with --good (rows with "
                    "other values are then dropped) or clean the column");
      }
    }
    Split sp = Split::train;
    if (split_col != CsvTable::npos) {
      const std::string v = lower(trim(table.cell(r, split_col)));
      if (v == "train") sp = Split::train;
      else if (v == "test") sp = Split::test;
      else {
        sp = Split::other;
        ++other_split;
      }
    }
    if (oot_col != CsvTable::npos) {
      const std::string_view d = trim(table.cell(r, oot_col));
      if (!is_iso_date(d))
        return fail(table.where(r) + ": column '" + o.oot_column + "' has '" + std::string(d) + "', expected a date YYYY-MM or YYYY-MM-DD");
      // ISO dates order as text; compare at the precision of oot_from.
      if (d.substr(0, std::min(d.size(), o.oot_from.size())) >= std::string_view(o.oot_from).substr(0, std::min(d.size(), o.oot_from.size()))) {
        sp = Split::oot;
        ++oot_rows;
      }
    }
    std::uint8_t consent = ConsentMask::all().bits();
    if (consent_col != CsvTable::npos) {
      auto m = ConsentMask::parse(table.cell(r, consent_col));
      if (!m.ok()) return fail(table.where(r) + ": column '" + o.consent_column + "': " + m.error());
      consent = m->bits();
    }
    keep.push_back(static_cast<std::uint32_t>(r));
    ds.bad.push_back(bad);
    ds.split.push_back(sp);
    ds.consent.push_back(consent);
    ds.line.push_back(table.line[r]);
  }
  if (dpd && !bad_seen)
    return fail(src + ": no row is ever " + std::to_string(o.dpd_days) + "+ days past due within " + std::to_string(o.dpd_months) +
                " months (nothing to learn from)");
  if (immature)
    ds.notes.push_back(std::to_string(immature) + " rows not yet observed for " + std::to_string(o.dpd_months) +
                       " months and never " + std::to_string(o.dpd_days) + "+ days past due dropped as immature (first at line " +
                       std::to_string(first_immature) + ")");
  if (target_col != CsvTable::npos && o.require_target && !bad_seen)
    return fail(src + ": the bad value " + join(o.bad_values) + " never appears in target column '" + o.target + "'");
  if (dropped_missing_target)
    ds.notes.push_back(std::to_string(dropped_missing_target) + " rows with a missing target dropped (first at line " +
                       std::to_string(first_missing_target) + ")");
  if (dropped_other_target)
    ds.notes.push_back(std::to_string(dropped_other_target) + " rows with a target that is neither bad nor good dropped (first at line " +
                       std::to_string(first_other_target) + ")");
  if (other_split)
    ds.notes.push_back(std::to_string(other_split) + " rows with a split value other than train/test ignored");
  if (oot_col != CsvTable::npos)
    ds.notes.push_back(std::to_string(oot_rows) + " rows on or after " + o.oot_from + " in '" + o.oot_column + "' are out of time (not trained on)");

  // --- feature columns
  std::size_t unconsented_values = 0;
  for (std::size_t c = 0; c < table.columns(); ++c) {
    const std::string& name = table.header[c];
    if (c == target_col || c == split_col || c == consent_col || c == oot_col) continue;
    if (std::find(dpd_all.begin(), dpd_all.end(), c) != dpd_all.end()) continue;  // the outcome, never a feature
    if (std::find(o.exclude.begin(), o.exclude.end(), name) != o.exclude.end()) continue;
    DataColumn col;
    col.name = name;
    col.spec = o.schema ? o.schema->find(name) : nullptr;
    if (col.spec) {
      col.category = col.spec->category;
      col.trend = col.spec->trend;
    }
    // Type inference.
    std::size_t non_missing = 0, numeric_ok = 0, first_bad_row = CsvTable::npos;
    for (std::uint32_t r : keep) {
      const std::string_view cell = table.cell(r, c);
      if (is_missing_cell(cell)) continue;
      ++non_missing;
      double v;
      if (parse_number_cell(cell, &v)) ++numeric_ok;
      else if (first_bad_row == CsvTable::npos) first_bad_row = r;
    }
    const bool spec_categorical = col.spec && col.spec->type == FeatureType::categorical;
    const bool spec_numeric = col.spec && col.spec->type != FeatureType::categorical;
    bool numeric = non_missing == numeric_ok;
    if (!numeric && !spec_categorical && (spec_numeric || numeric_ok * 10 >= non_missing * 9)) {
      return fail(table.where(first_bad_row) + ": column '" + name + "' is numeric but this row has '" +
                  std::string(trim(table.cell(first_bad_row, c))) +
                  "'; fix the cell, write NA for a missing value, or --exclude the column");
    }
    if (spec_categorical) numeric = false;
    const ConsentMask need = ConsentMask::application_only().with(col.category);
    if (numeric) {
      col.type = col.spec ? col.spec->type : FeatureType::numeric;
      col.numeric.resize(keep.size());
      for (std::size_t k = 0; k < keep.size(); ++k) {
        const std::string_view cell = table.cell(keep[k], c);
        double v = nan_value;
        if (!is_missing_cell(cell)) parse_number_cell(cell, &v);
        if (!std::isnan(v) && !ConsentMask::from_bits(ds.consent[k]).contains(need)) {
          ++unconsented_values;  // never use data the user did not consent to
          v = nan_value;
        }
        col.numeric[k] = v;
      }
    } else {
      col.type = FeatureType::categorical;
      std::map<std::string, std::int32_t, std::less<>> level_index;
      for (std::uint32_t r : keep) {
        const std::string_view cell = trim(table.cell(r, c));
        if (!is_missing_cell(cell)) level_index.emplace(std::string(cell), 0);
      }
      std::int32_t next = 0;
      for (auto& [lvl, idx] : level_index) {
        idx = next++;
        col.levels.push_back(lvl);
      }
      col.codes.resize(keep.size());
      for (std::size_t k = 0; k < keep.size(); ++k) {
        const std::string_view cell = trim(table.cell(keep[k], c));
        std::int32_t code = -1;
        if (!is_missing_cell(cell)) code = level_index.find(cell)->second;
        if (code >= 0 && !ConsentMask::from_bits(ds.consent[k]).contains(need)) {
          ++unconsented_values;
          code = -1;
        }
        col.codes[k] = code;
      }
    }
    if (col.spec && !col.spec->specials.empty()) {
      auto sp = set_special_values(col, col.spec->specials);
      if (!sp.ok()) return fail(src + ": schema: " + sp.error());
    }
    ds.columns.push_back(std::move(col));
  }
  if (unconsented_values)
    ds.notes.push_back(std::to_string(unconsented_values) +
                       " values in categories the row did not consent to were ignored (treated as not shared)");
  return ds;
}

Dataset dataset_from_population(const Population& pop, const FeatureSchema& schema, double test_share) {
  FINLAB_REQUIRE(pop.feature_count() == schema.size(), "dataset_from_population: population has "
                                                           << pop.feature_count() << " features, schema " << schema.size());
  FINLAB_REQUIRE(test_share >= 0 && test_share <= 1, "dataset_from_population: test_share must be in [0, 1]");
  Dataset ds;
  ds.source = "synthetic";
  ds.target = "bad";
  ds.bad_values = {"1"};
  const std::size_t n = pop.size();
  ds.bad = pop.bad;
  ds.consent = pop.consent;
  ds.line.assign(n, 0);
  ds.split.resize(n);
  const std::uint64_t threshold = static_cast<std::uint64_t>(test_share * 1000000.0 + 0.5);
  for (std::size_t i = 0; i < n; ++i) {
    // SplitMix64 of the user id: the split of a user does not depend on the range generated.
    std::uint64_t z = pop.user_id[i] + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    ds.split[i] = (z % 1000000u) < threshold ? Split::test : Split::train;
  }
  static constexpr double p10[] = {1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9};
  for (std::size_t f = 0; f < schema.size(); ++f) {
    const FeatureSpec& spec = schema[f];
    DataColumn col;
    col.name = spec.name;
    col.category = spec.category;
    col.trend = spec.trend;
    col.spec = &spec;
    col.specials = spec.specials;
    col.type = spec.type == FeatureType::categorical ? FeatureType::categorical : spec.type;
    FINLAB_REQUIRE(spec.type != FeatureType::categorical, "dataset_from_population: categorical feature '"
                                                              << spec.name << "' is not generated");
    // The float holds a value recorded to spec.decimals; restore that decimal as
    // a double so training on the population equals training on its CSV.
    const double k = p10[spec.decimals];
    col.numeric.resize(n);
    const auto& src = pop.values[f];
    for (std::size_t i = 0; i < n; ++i) {
      const float x = src[i];
      col.numeric[i] = std::isnan(x) ? nan_value : std::floor(static_cast<double>(x) * k + 0.5) / k;
    }
    ds.columns.push_back(std::move(col));
  }
  return ds;
}

}  // namespace finlab::credit
