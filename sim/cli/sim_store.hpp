// What the `finlab sim` commands share about the runs database: opening it
// and loading one run (an InputError names the file or the run and what is
// wrong), and `finlab sim compare` (sim_compare.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "sim/cli/command.hpp"
#include "sim/run_store.hpp"

namespace finlab::cli {

inline sim::RunStore open_store(const std::string& path, bool create = false) {
  auto s = sim::RunStore::open(path, create ? finlab::store::Database::OpenMode::create : finlab::store::Database::OpenMode::existing);
  if (!s) throw InputError(s.error());
  return std::move(s).value();
}

inline sim::StoredRun load_run(sim::RunStore& store, std::int64_t id) {
  auto r = store.load(id);
  if (!r) throw InputError(r.error());
  return std::move(r).value();
}

// `finlab sim compare A B`: the two runs' totals side by side, each difference
// in its unit, and whether it is within the noise of the runs' intervals.
void run_compare(std::int64_t ida, std::int64_t idb, const std::string& db, bool json, std::int64_t min_events);

}  // namespace finlab::cli
