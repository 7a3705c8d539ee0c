// Full P&L settings of a run (docs/sim.md "Full P&L", DOMAIN.md §3.7): the
// costs beyond interest, fees, funding and provisions — acquisition, data,
// collection, tax on interest income, a capital charge — and the three-stage
// expected-credit-loss provision (IFRS 9 / 新金融工具准则 CAS 22). Read from the
// policy's optional "pnl" section (sim/pnl_json.hpp); every field optional
// with the documented default. A run stored before these existed reads
// PnlSettings::legacy() (no cost, the old one-stage provision) so that its
// replay reproduces its stored totals.
#pragma once

#include <cstdint>
#include <optional>

#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/time/date.hpp"

namespace finlab::sim {

struct PnlSettings {
  // Sources and arithmetic: docs/sim.md "Full P&L", "Calibration of the costs".
  // Per new applicant, captive traffic: < 50 yuan per new borrower (Qudian
  // 2016 on Alipay's traffic, as reported from its 2017 F-1) × 17.99–22.78%
  // new borrowers per new applicant = 9.00–11.39.
  money::Money acquisition_cost = money::Money::of("10");
  // Per credit decision: the PBOC Credit Reference Center's base fee per
  // personal report at the 2015 launch, 6 yuan (cut to 5 from 2016-01-15 by
  // 发改价格〔2016〕54号); other data vendors are not priced [D].
  money::Money data_cost = money::Money::of("6");
  money::Money collection_cost = money::Money::of("30");  // per delinquent account-month (≥ 1 DPD at a month end) [D]
  // Tax on interest income (interest + penalty), as a share of the gross
  // amount received. nullopt = the dated rule (interest_tax_share): 营业税 5%
  // of the gross before 2016-05-01, VAT 6% (price-inclusive, 6/106 of the
  // gross) from 2016-05-01 (财税〔2016〕36号, 营改增).
  std::optional<money::Rate> interest_tax;
  // Capital charge: cost of equity × capital held per yuan outstanding, on the
  // principal outstanding at the start of each month, ÷ 12.
  money::Rate cost_of_equity = money::Rate::percent("12");  // [D] point in the published range (docs/sim.md)
  money::Rate capital_ratio = money::Rate::percent("10.5");  // 商业银行资本管理办法(试行) 2012: 8% + 2.5% buffer
  // Three-stage ECL (true) or the one-stage PD × LGD × EAD of runs stored
  // before it (false: every bucket uses its bucket PD, no lifetime PD).
  bool staged_ecl = true;

  static PnlSettings legacy();
  friend bool operator==(const PnlSettings&, const PnlSettings&) = default;
};

// The share of gross interest income paid as tax on a day under the dated
// rule: 5/100 before 2016-05-01, 6/106 from then.
struct TaxShare {
  std::int64_t num = 0;
  std::int64_t den = 1;
};
TaxShare interest_tax_share(time::Date day);

// Lifetime ECL rate (ppm of EAD) of a stage-2 loan from its bucket's 12-month
// PD × LGD (ppm): scaled by the remaining months ÷ 12 when more than 12
// remain (a loan with 12 months or fewer left has lifetime = 12-month), at
// most LGD (PD 100%). Half-up.
std::uint32_t lifetime_el_ppm(std::uint32_t el12, int months_left, std::uint32_t lgd_ppm);

}  // namespace finlab::sim
