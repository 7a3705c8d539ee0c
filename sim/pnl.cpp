#include "sim/pnl.hpp"

#include <algorithm>

#include "sim/pnl_json.hpp"

namespace finlab::sim {

PnlSettings PnlSettings::legacy() {
  PnlSettings s;
  s.acquisition_cost = money::Money::from_units(0);
  s.data_cost = money::Money::from_units(0);
  s.collection_cost = money::Money::from_units(0);
  s.interest_tax = money::Rate::from_units(0);
  s.cost_of_equity = money::Rate::from_units(0);
  s.capital_ratio = money::Rate::from_units(0);
  s.staged_ecl = false;
  return s;
}

TaxShare interest_tax_share(time::Date day) {
  // 营改增 (财税〔2016〕36号): financial services pay VAT at 6% from 2016-05-01 on
  // the price-inclusive amount (tax = gross × 6 ÷ 106); before, business tax
  // (营业税) at 5% of the gross turnover.
  if (day < time::Date::ymd(2016, 5, 1)) return TaxShare{5, 100};
  return TaxShare{6, 106};
}

std::uint32_t lifetime_el_ppm(std::uint32_t el12, int months_left, std::uint32_t lgd_ppm) {
  if (months_left <= 12) return el12;
  const std::uint64_t v = (std::uint64_t(el12) * static_cast<std::uint64_t>(months_left) + 6) / 12;
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, lgd_ppm));
}

void read_pnl(JsonObject o, PnlSettings& s) {
  if (!o.valid()) return;
  if (auto v = o.yuan("acquisition_cost_yuan", s.acquisition_cost.to_string(), 0, 100'000)) s.acquisition_cost = *v;
  if (auto v = o.yuan("data_cost_yuan", s.data_cost.to_string(), 0, 10'000)) s.data_cost = *v;
  if (auto v = o.yuan("collection_cost_yuan", s.collection_cost.to_string(), 0, 100'000)) s.collection_cost = *v;
  if (const nlohmann::json* t = o.peek("interest_tax_pct"); t && t->is_string() && t->get<std::string>() == "dated") {
    o.allow("interest_tax_pct");
    s.interest_tax.reset();
  } else if (t) {
    if (auto v = o.percent("interest_tax_pct", std::nullopt, "0", "50")) s.interest_tax = *v;
  }
  if (auto v = o.percent("cost_of_equity_pct", s.cost_of_equity.to_percent_string(), "0", "100")) s.cost_of_equity = *v;
  if (auto v = o.percent("capital_ratio_pct", s.capital_ratio.to_percent_string(), "0", "100")) s.capital_ratio = *v;
  if (auto v = o.boolean("ecl_stages", s.staged_ecl)) s.staged_ecl = *v;
  o.finish();
}

nlohmann::ordered_json pnl_policy_json(const PnlSettings& s) {
  return nlohmann::ordered_json{{"acquisition_cost_yuan", s.acquisition_cost.to_string()},
                                {"data_cost_yuan", s.data_cost.to_string()},
                                {"collection_cost_yuan", s.collection_cost.to_string()},
                                {"interest_tax_pct", s.interest_tax ? s.interest_tax->to_percent_string() : std::string("dated")},
                                {"cost_of_equity_pct", s.cost_of_equity.to_percent_string()},
                                {"capital_ratio_pct", s.capital_ratio.to_percent_string()},
                                {"ecl_stages", s.staged_ecl}};
}

}  // namespace finlab::sim
