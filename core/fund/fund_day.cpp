#include "core/fund/fund_day.hpp"

#include <algorithm>
#include <numeric>

#include "core/fund/fee_accrual.hpp"
#include "core/time/date.hpp"

namespace finlab::fund {

using money::int128;
using money::Money;
using money::Rate;

const FeeRates& FundSpec::fees_on(time::Date day) const {
  FINLAB_REQUIRE(!fees.empty(), "fund " << name << " has no fee rates");
  const FeeRates* in_force = &fees.front();
  for (const auto& f : fees)
    if (f.effective_from <= day) in_force = &f;
  return *in_force;
}

void FundSpec::validate() const {
  FINLAB_REQUIRE(!class_names.empty(), "fund " << name << " has no share classes");
  FINLAB_REQUIRE(!fees.empty(), "fund " << name << " has no fee rates");
  for (std::size_t i = 0; i < fees.size(); ++i) {
    FINLAB_REQUIRE(fees[i].sales_service.size() == class_names.size(),
                   "fund " << name << ": fee period " << fees[i].effective_from.to_string() << " has " << fees[i].sales_service.size()
                           << " sales service rates for " << class_names.size() << " classes");
    FINLAB_REQUIRE(i == 0 || fees[i - 1].effective_from < fees[i].effective_from, "fund " << name << ": fee periods must ascend");
  }
}

FundSpec example_fund_two_classes() {
  return FundSpec{"example A (DOMAIN.md §1.3)",
                  {"A", "B"},
                  {FeeRates{time::Date::ymd(2013, 1, 1), Rate::percent("0.33"), Rate::percent("0.10"),
                            {Rate::percent("0.25"), Rate::percent("0.01")}}}};
}

std::vector<Money> split_pro_rata(Money total, std::span<const Money> weights) {
  int128 wsum = 0;
  for (auto w : weights) {
    FINLAB_REQUIRE(!w.is_negative(), "split_pro_rata: negative weight " << w.to_string());
    wsum += w.units();
  }
  FINLAB_REQUIRE(wsum > 0, "split_pro_rata: weights sum to zero");
  const bool neg = total.is_negative();
  const int128 t = neg ? -int128(total.units()) : int128(total.units());
  std::vector<Money> out(weights.size());
  std::vector<int128> frac(weights.size());
  int128 given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const int128 num = t * weights[i].units();
    const int128 q = num / wsum;
    frac[i] = num % wsum;
    out[i] = Money::from_units(static_cast<std::int64_t>(q));
    given += q;
  }
  int128 left = t - given;  // < number of parts
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return frac[a] > frac[b]; });
  for (std::size_t k = 0; left > 0; ++k, --left) out[order[k]] += money::fen(1);
  if (neg)
    for (auto& m : out) m = -m;
  return out;
}

FundDay compute_fund_day(const FundSpec& spec, time::Date date, Money gross_income, std::span<const ClassInput> classes) {
  spec.validate();
  FINLAB_REQUIRE(classes.size() == spec.class_names.size(),
                 "compute_fund_day: " << classes.size() << " class inputs for " << spec.class_names.size() << " classes");
  const FeeRates& rates = spec.fees_on(date);
  const int year_days = time::days_in_year(date.year());
  FundDay day;
  day.date = date;
  day.gross_income = gross_income;
  std::vector<Money> navs;
  for (const auto& c : classes) {
    day.nav_prev += c.nav_prev;
    navs.push_back(c.nav_prev);
  }
  day.management_fee = daily_fee(day.nav_prev, rates.management, year_days);
  day.custody_fee = daily_fee(day.nav_prev, rates.custody, year_days);
  const auto gross = split_pro_rata(gross_income, navs);
  const auto mgmt = split_pro_rata(day.management_fee, navs);
  const auto cust = split_pro_rata(day.custody_fee, navs);
  for (std::size_t i = 0; i < classes.size(); ++i) {
    ClassDay c;
    c.nav_prev = classes[i].nav_prev;
    c.shares = classes[i].shares;
    c.gross_income = gross[i];
    c.management_fee = mgmt[i];
    c.custody_fee = cust[i];
    c.sales_service_fee = daily_fee(c.nav_prev, rates.sales_service[i], year_days);
    c.carried_in = classes[i].carried_in;
    c.net_income = c.gross_income - c.management_fee - c.custody_fee - c.sales_service_fee + c.carried_in;
    if (c.shares.is_positive()) {
      c.income_per_10k = income_per_10k(c.net_income, c.shares);
      // shares [1e-2] × R [1e-4] / 10^4 yuan = s × r / 10^8 fen, truncated toward zero (去尾)
      const int128 raw = int128(c.shares.units()) * c.income_per_10k.units();
      c.distributable = Money::from_units(money::narrow_checked(raw / 100'000'000, "distributable income"));
    }
    c.undistributed = c.net_income - c.distributable;
    day.classes.push_back(c);
  }
  return day;
}

}  // namespace finlab::fund
