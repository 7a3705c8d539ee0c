// Weight of evidence and information value (DOMAIN.md §3.1, Siddiqi sign:
// WoE > 0 means better than average):
//   WoE_i = ln(%Good_i / %Bad_i),  IV = Σ (%Good_i − %Bad_i) · WoE_i.
// A zero cell is replaced by `adjust` (SAS WOEADJUST, default 0.5) before the
// shares are taken, so WoE stays finite. Logarithms come from core/math
// (same bits natively and in wasm).
#pragma once

#include <cstdint>

namespace finlab::credit {

inline constexpr double default_woe_adjust = 0.5;

// WoE of a bin with `good`/`bad` counts out of totals (totals > 0).
double woe(double good, double bad, double total_good, double total_bad, double adjust = default_woe_adjust);
// That bin's IV contribution (%G − %B) · WoE, with the same adjustment.
double iv_part(double good, double bad, double total_good, double total_bad, double adjust = default_woe_adjust);

// Predictive power label for an IV value (DOMAIN.md §3.1): "useless" < 0.02,
// "weak" < 0.1, "medium" < 0.3, "strong" ≤ 0.5, "suspicious" above.
const char* iv_strength(double iv);

}  // namespace finlab::credit
