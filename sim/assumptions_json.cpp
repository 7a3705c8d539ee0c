#include "sim/assumptions_json.hpp"

#include <string>

#include "core/money/rate.hpp"

namespace finlab::sim {

namespace {

using ojson = nlohmann::ordered_json;
using money::Rate;

// Rate units are 1e-10 of one: a ppm is 1e4 units, a permille 1e7.
constexpr std::int64_t kPpm = 10'000, kPermille = 10'000'000;

std::int64_t to_unit(Rate r, std::int64_t unit) { return money::div_round(r.units(), unit, money::Rounding::half_up); }
std::string pct(std::int64_t v, std::int64_t unit) { return Rate::from_units(v * unit).to_percent_string(); }

template <class T>
void read_pct(JsonObject& o, const char* key, T& field, std::int64_t unit, const char* min_pct, const char* max_pct) {
  if (auto v = o.percent(key, pct(field, unit), min_pct, max_pct)) field = static_cast<T>(to_unit(*v, unit));
}

template <class T, std::size_t N>
void read_pct_array(JsonObject& o, const char* key, std::array<T, N>& field, std::int64_t unit, const char* max_pct, JsonErrors& errors) {
  const nlohmann::json* arr = o.array(key, false);
  if (!arr) return;
  const std::string path = o.child_path(key);
  if (arr->size() != N) {
    errors.add(path, text::make(text::Id::sim_values_count, {text::Arg::verbatim(std::to_string(N)), text::Arg::verbatim(std::to_string(arr->size()))}));
    return;
  }
  // Each element is read as {"v": element} so the usual percent checks apply.
  for (std::size_t i = 0; i < N; ++i) {
    nlohmann::json wrap = {{"v", (*arr)[i]}};
    JsonErrors local;
    JsonObject w(&wrap, index_path(path, i), local);
    if (auto v = w.percent("v", std::nullopt, "0", max_pct)) field[i] = static_cast<T>(to_unit(*v, unit));
    // Said at the element's path, not at the wrapper's "…[i].v".
    for (const auto& e : local.items()) errors.add(e.path == w.child_path("v") ? index_path(path, i) : e.path, e.message);
  }
}

}  // namespace

std::optional<Assumptions> read_assumptions(JsonObject o, JsonErrors& errors) {
  if (!o.valid()) return std::nullopt;
  Assumptions a;
  read_pct_array(o, "cure_pct", a.cure_ppm, kPpm, "100", errors);
  read_pct(o, "miss_base_pct", a.miss_base_ppm, kPpm, "0", "50");
  if (auto v = o.integer("miss_hazard_multiple", a.miss_hazard_multiple, 0, 20)) a.miss_hazard_multiple = static_cast<std::uint32_t>(*v);
  read_pct(o, "incumbent_insight_pct", a.incumbent_insight_ppm, kPpm, "0", "100");
  if (auto v = o.integer("pilot_users", a.pilot_users, 100, 10'000'000)) a.pilot_users = static_cast<std::uint32_t>(*v);
  read_pct(o, "fraud_share_pct", a.fraud_ppm, kPpm, "0", "10");
  if (auto v = o.integer("fraud_application_multiple", a.fraud_apply_multiple, 1, 20)) a.fraud_apply_multiple = static_cast<std::uint32_t>(*v);
  read_pct(o, "multi_lender_share_pct", a.multi_lender_ppm, kPpm, "0", "100");
  read_pct(o, "multi_lender_hazard_multiple_pct", a.multi_lender_hazard_permille, kPermille, "10", "2000");
  read_pct_array(o, "mob_hazard_multiple_pct", a.mob_hazard_permille, kPermille, "1000", errors);
  read_pct(o, "dti_reference_pct", a.dti_ref_permille, kPermille, "0", "500");
  read_pct(o, "dti_hazard_slope_pct", a.dti_hazard_slope_permille, kPermille, "0", "2000");
  read_pct(o, "amount_hazard_slope_pct", a.amount_hazard_slope_permille, kPermille, "0", "2000");
  read_pct(o, "takeup_base_pct", a.takeup_base_ppm, kPpm, "0.0001", "100");
  if (auto v = o.percent("takeup_reference_rate_pct", pct(a.takeup_ref_rate_bps, 1'000'000), "0", "1000")) {
    a.takeup_ref_rate_bps = static_cast<std::uint32_t>(to_unit(*v, 1'000'000));
  }
  read_pct(o, "takeup_price_sensitivity_pct_per_point", a.takeup_price_ppm_per_pp, kPpm, "0", "100");
  read_pct(o, "takeup_sensitivity_at_high_pd_pct", a.takeup_price_pd_floor_ppm, kPpm, "0", "100");
  read_pct(o, "takeup_high_pd_pct", a.takeup_pd_ref_ppm, kPpm, "0.0001", "100");
  read_pct(o, "takeup_limit_sensitivity_pct", a.takeup_limit_ppm, kPpm, "0", "100");
  read_pct(o, "prepayment_pct_per_month", a.prepay_ppm, kPpm, "0", "100");
  read_pct(o, "repeat_draw_pct_per_month", a.repeat_draw_ppm, kPpm, "0", "100");
  if (auto v = o.integer("score_drift_sd_points", a.drift_sd_points, 0, 100)) a.drift_sd_points = static_cast<std::uint32_t>(*v);
  read_pct(o, "score_drift_reversion_pct", a.drift_reversion_ppm, kPpm, "0", "100");
  if (auto v = o.integer("score_drift_after_default_points", a.drift_default_points, 0, 200)) a.drift_default_points = static_cast<std::uint32_t>(*v);
  o.finish();
  return a;
}

ojson assumptions_policy_json(const Assumptions& a) {
  ojson cure = ojson::array(), mob = ojson::array();
  for (auto v : a.cure_ppm) cure.push_back(pct(v, kPpm));
  for (auto v : a.mob_hazard_permille) mob.push_back(pct(v, kPermille));
  return ojson{{"cure_pct", cure},
               {"miss_base_pct", pct(a.miss_base_ppm, kPpm)},
               {"miss_hazard_multiple", a.miss_hazard_multiple},
               {"incumbent_insight_pct", pct(a.incumbent_insight_ppm, kPpm)},
               {"pilot_users", a.pilot_users},
               {"fraud_share_pct", pct(a.fraud_ppm, kPpm)},
               {"fraud_application_multiple", a.fraud_apply_multiple},
               {"multi_lender_share_pct", pct(a.multi_lender_ppm, kPpm)},
               {"multi_lender_hazard_multiple_pct", pct(a.multi_lender_hazard_permille, kPermille)},
               {"mob_hazard_multiple_pct", mob},
               {"dti_reference_pct", pct(a.dti_ref_permille, kPermille)},
               {"dti_hazard_slope_pct", pct(a.dti_hazard_slope_permille, kPermille)},
               {"amount_hazard_slope_pct", pct(a.amount_hazard_slope_permille, kPermille)},
               {"takeup_base_pct", pct(a.takeup_base_ppm, kPpm)},
               {"takeup_reference_rate_pct", pct(a.takeup_ref_rate_bps, 1'000'000)},
               {"takeup_price_sensitivity_pct_per_point", pct(a.takeup_price_ppm_per_pp, kPpm)},
               {"takeup_sensitivity_at_high_pd_pct", pct(a.takeup_price_pd_floor_ppm, kPpm)},
               {"takeup_high_pd_pct", pct(a.takeup_pd_ref_ppm, kPpm)},
               {"takeup_limit_sensitivity_pct", pct(a.takeup_limit_ppm, kPpm)},
               {"prepayment_pct_per_month", pct(a.prepay_ppm, kPpm)},
               {"repeat_draw_pct_per_month", pct(a.repeat_draw_ppm, kPpm)},
               {"score_drift_sd_points", a.drift_sd_points},
               {"score_drift_reversion_pct", pct(a.drift_reversion_ppm, kPpm)},
               {"score_drift_after_default_points", a.drift_default_points}};
}

}  // namespace finlab::sim
