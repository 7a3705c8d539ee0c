// Build tool (run under node at wasm build time): trains the browser's default
// behaviour scorecard with the simulation's own trainer — the same call the
// Credit panel would make on a cold open (sim::train_scoring_model for the seed
// and history size) — and writes its JSON, which the site preloads as
// /data/scorecards/<seed>.<history>.json. Deterministic: same seed, same bytes.
//   finlab_scorecard_asset <seed> <history_users> <out.json>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "sim/population.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: finlab_scorecard_asset <seed> <history_users> <out.json>\n";
    return 2;
  }
  const auto seed = std::strtoull(argv[1], nullptr, 10);
  const auto history = std::strtoll(argv[2], nullptr, 10);
  if (seed == 0 || history <= 0) {
    std::cerr << "finlab_scorecard_asset: seed and history_users must be positive integers\n";
    return 2;
  }
  auto m = finlab::sim::train_scoring_model(seed, history, finlab::credit::PopulationParams{});
  if (!m.ok()) {
    std::cerr << "finlab_scorecard_asset: training failed: " << m.error() << "\n";
    return 1;
  }
  std::ofstream out(argv[3], std::ios::binary);
  out << m->card_json;
  if (!out) {
    std::cerr << "finlab_scorecard_asset: cannot write " << argv[3] << "\n";
    return 1;
  }
  return 0;
}
