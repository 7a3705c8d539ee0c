// The "assumptions" section of a policy file (docs/sim.md "Assumptions"):
// every field optional, percentages as text like the rest of the policy
// ("86" is 86%), each checked against its range and reported by JSON path.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "sim/assumptions.hpp"
#include "sim/json_reader.hpp"

namespace finlab::sim {

// Reads the section (an invalid object: std::nullopt). Values are rounded
// half-up to the field's resolution (ppm for shares, ‰ for multiples).
std::optional<Assumptions> read_assumptions(JsonObject o, JsonErrors& errors);
nlohmann::ordered_json assumptions_policy_json(const Assumptions& a);

}  // namespace finlab::sim
