// The limit ladder of a policy (docs/sim.md "Customer behaviour"): a user who
// has been lent to holds a credit line and may draw on it again after
// repaying, without a new application. Each month the line is re-scored on
// the user's current (drifted) behaviour score:
//   - below `close_below_score`: the line is closed (the user applies anew);
//   - below `cut_below_score`, or the open loan in arrears: cut by `cut_pct`
//     once per episode (to zero when below the smallest loan);
//   - otherwise a clean month; after `raise_after_clean_months` of them the
//     line rises by `raise_pct`, up to the limit matrix's cell for the
//     current score and income (and `max_yuan` when set).
// Amounts are whole multiples of the policy's amount step, rounded down.
// JSON: the optional `credit.limit_ladder` object; absent = no lines (users
// re-apply after each loan, as before the ladder existed).
#pragma once

#include <optional>

#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "sim/json_reader.hpp"

namespace finlab::sim {

struct LimitLadder {
  money::Rate raise = money::Rate::percent("20");  // [D]
  int raise_after_clean_months = 3;                // [D]
  money::Rate cut = money::Rate::percent("50");    // [D]
  std::optional<int> cut_below_score;              // nullopt = the policy's cutoff
  std::optional<int> close_below_score;            // nullopt = the cutoff − 40 points [D]
  money::Money max;                                // 0 = the limit matrix only
  friend bool operator==(const LimitLadder&, const LimitLadder&) = default;
};

// Reads `credit.limit_ladder` (every field optional); errors by JSON path.
std::optional<LimitLadder> read_limit_ladder(JsonObject o);
nlohmann::ordered_json limit_ladder_json(const LimitLadder& l);

}  // namespace finlab::sim
