// The "pnl" section of a policy file (docs/sim.md "Full P&L"): every field
// optional, amounts in yuan and percentages as text like the rest of the
// policy, each checked against its range and reported by JSON path.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/json_reader.hpp"
#include "sim/pnl.hpp"

namespace finlab::sim {

// Reads the section into `out` (left at its defaults when the section is absent).
void read_pnl(JsonObject o, PnlSettings& out);
nlohmann::ordered_json pnl_policy_json(const PnlSettings& s);

}  // namespace finlab::sim
