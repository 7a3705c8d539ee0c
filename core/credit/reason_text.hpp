// Reason codes and counterfactual changes as catalog messages (core/text), in
// two wordings: the CLI's ("[0.42, 0.7); best: >= 0.7") and the browser's,
// with ranges in words ("from 3 to 11", "not shared"). Names come from the
// card (English) and, for the built-in features, from the schema's Chinese
// names (label_zh, reason_zh, advice_zh, levels_zh). Deliberately not here:
// which reasons or changes to show (scorecard.cpp, counterfactual.cpp).
#pragma once

#include "core/credit/binning.hpp"
#include "core/text/messages.hpp"

namespace finlab::credit {

// The feature's display name in both languages.
text::Bilingual feature_label(const FeatureBinning& fb, const FeatureSchema& schema = builtin_schema());

// The CLI's wording (ReasonCode::text, CounterfactualChange::text are its English).
text::Message reason_message(const FeatureBinning& fb, int bin, int best, int points_lost);
text::Message change_message(const FeatureBinning& fb, int from_bin, int to_bin, double value, int points_gained);

// The browser's wording.
text::Message bin_words(const FeatureBinning& fb, int bin, const FeatureSchema& schema = builtin_schema());
text::Message reason_plain(const FeatureBinning& fb, int bin, int best, int points_lost, const FeatureSchema& schema = builtin_schema());
text::Message change_plain(const FeatureBinning& fb, int from_bin, int to_bin, double value, int points_gained,
                           const FeatureSchema& schema = builtin_schema());

}  // namespace finlab::credit
