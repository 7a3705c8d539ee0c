#include "sim/limit_ladder.hpp"

namespace finlab::sim {

std::optional<LimitLadder> read_limit_ladder(JsonObject o) {
  if (!o.valid()) return std::nullopt;
  LimitLadder l;
  if (auto v = o.percent("raise_pct", "20", "0", "1000")) l.raise = *v;
  if (auto v = o.integer("raise_after_clean_months", 3, 1, 120)) l.raise_after_clean_months = static_cast<int>(*v);
  if (auto v = o.percent("cut_pct", "50", "0", "100")) l.cut = *v;
  if (o.has("cut_below_score")) {
    if (auto v = o.integer("cut_below_score", std::nullopt, 0, 1000)) l.cut_below_score = static_cast<int>(*v);
  }
  if (o.has("close_below_score")) {
    if (auto v = o.integer("close_below_score", std::nullopt, 0, 1000)) l.close_below_score = static_cast<int>(*v);
  }
  if (auto v = o.yuan("max_yuan", "0", 0, 10'000'000)) l.max = *v;
  o.finish();
  return l;
}

nlohmann::ordered_json limit_ladder_json(const LimitLadder& l) {
  nlohmann::ordered_json j = {{"raise_pct", l.raise.to_percent_string()},
                              {"raise_after_clean_months", l.raise_after_clean_months},
                              {"cut_pct", l.cut.to_percent_string()}};
  if (l.cut_below_score) j["cut_below_score"] = *l.cut_below_score;
  if (l.close_below_score) j["close_below_score"] = *l.close_below_score;
  if (l.max.units() % 100 == 0) j["max_yuan"] = l.max.units() / 100;
  else j["max_yuan"] = l.max.to_string();
  return j;
}

}  // namespace finlab::sim
