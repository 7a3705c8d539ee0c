// The credit-quality rows of a run in the runs database (schema version 3,
// docs/sim.md "Industry metrics"): delinquency buckets and the roll-rate
// matrix per month, 90+ and M3+ by vintage and months on book, first payment
// default by vintage. Reporting only: no total is computed from them.
// Runs stored before version 3 have none of these rows; they still open,
// and StoredRun::quality_recorded says the metrics were not recorded.
#pragma once

#include <cstdint>
#include <string>

#include "core/store/database.hpp"
#include "sim/accumulators.hpp"

namespace finlab::sim {

// Migration 3: the four tables.
std::string quality_tables_sql();
// Inside finish_run's transaction.
void write_quality_rows(store::Database& db, std::int64_t run_id, const RunAcc& acc);
// Fills acc's credit-quality fields (acc init()ed to the run's shape);
// returns whether the run has them (false for runs stored before version 3).
bool read_quality_rows(store::Database& db, std::int64_t run_id, RunAcc& acc);

}  // namespace finlab::sim
