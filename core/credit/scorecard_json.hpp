// Scorecard ⇄ JSON text (versioned artifact, "format": "finlab.scorecard",
// "version": 1): scaling, bands, every feature's bins with WoE and counts,
// every sub-model's coefficients and points, and the training distribution for
// PSI. Doubles are written shortest-round-trip, so a saved and reloaded card
// gives identical scores. Errors name the JSON path.
#pragma once

#include <string>
#include <string_view>

#include "core/credit/scorecard.hpp"
#include "core/result.hpp"

namespace finlab::credit {

std::string scorecard_to_json(const Scorecard& card, int indent = 1);
Result<Scorecard> scorecard_from_json(std::string_view text);

}  // namespace finlab::credit
