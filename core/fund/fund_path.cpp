#include "core/fund/fund_path.hpp"

#include <cmath>

#include "core/math/deterministic.hpp"
#include "core/random/stream.hpp"

namespace finlab::fund {

using money::Money;
using money::Rate;

std::vector<Rate> simulate_gross_yields(const GrossYieldModel& m, time::Date first, int days) {
  FINLAB_REQUIRE(days >= 0, "simulate_gross_yields: negative day count " << days);
  FINLAB_REQUIRE(m.reversion_per_year >= 0 && m.reversion_per_year <= 365, "reversion_per_year must be in [0, 365], got " << m.reversion_per_year);
  FINLAB_REQUIRE(m.volatility.units() >= 0, "volatility must not be negative, got " << m.volatility.to_percent_string());
  const double unit = static_cast<double>(Rate::one_units);
  const bool path = !m.level_path.empty();
  FINLAB_REQUIRE(!path || m.level_path.size() >= static_cast<std::size_t>(days),
                 "simulate_gross_yields: level path of " << m.level_path.size() << " days for " << days << " days");
  auto theta_of = [&](int i) { return static_cast<double>((path ? m.level_path[static_cast<std::size_t>(i)] : m.level).units()) / unit; };
  double theta = days > 0 ? theta_of(0) : 0.0;
  const double sigma = static_cast<double>(m.volatility.units()) / unit;
  const double lo = static_cast<double>(m.floor.units()) / unit;
  const double dt = 1.0 / 365.0;
  const double sqrt_dt = math::sqrt(dt);
  double y = m.start ? static_cast<double>(m.start->units()) / unit : theta;
  std::vector<Rate> out;
  out.reserve(static_cast<std::size_t>(days));
  for (int i = 0; i < days; ++i) {
    const time::Date d = first.plus_days(i);
    if (i > 0) {
      if (path) {
        // The deviation from the path reverts, not the level: carry y along with θ's move.
        const double next = theta_of(i);
        y += next - theta;
        theta = next;
      }
      random::Stream s(m.seed, m.fund_id, static_cast<std::uint32_t>(d.serial()), random::Purpose::fund_yield);
      const double z = s.normal();
      y = y + m.reversion_per_year * (theta - y) * dt + sigma * sqrt_dt * z;
      if (y < lo) y = lo;  // reflect at the floor: an MMF's portfolio yield does not go below it in this model
    }
    // Quantise to whole Rate units (floor(x + 0.5): exact IEEE operations): from here on, integers.
    out.push_back(Rate::from_units(static_cast<std::int64_t>(std::floor(y * unit + 0.5))));
  }
  return out;
}

std::vector<Rate> history_gross_levels(const YieldHistory& history, Rate fee, time::Date first, int days) {
  std::vector<Rate> out = history.daily(first, days);
  for (Rate& r : out) r = r + fee;
  return out;
}

std::vector<FundPathDay> simulate_fund_path(const FundPathParams& p, time::Date first, time::Date last,
                                            const time::TradingCalendar& calendar) {
  p.fund.validate();
  FINLAB_REQUIRE(first <= last, "simulate_fund_path: first " << first.to_string() << " after last " << last.to_string());
  const std::size_t nclass = p.fund.class_names.size();
  std::vector<Money> nav = p.class_nav;
  if (nav.empty()) nav = {Money::of("6000000000.00"), Money::of("4000000000.00")};
  FINLAB_REQUIRE(nav.size() == nclass, "simulate_fund_path: " << nav.size() << " starting NAVs for " << nclass << " classes");
  std::vector<money::Shares> shares;
  for (auto n : nav) shares.push_back(money::Shares::from_units(n.units()));
  std::vector<Money> carry(nclass), unpaid(nclass);
  const int days = (last - first) + 1;
  const auto yields = simulate_gross_yields(p.model, first, days);
  std::vector<std::vector<money::IncomePer10k>> r_hist(nclass);
  std::vector<FundPathDay> out;
  out.reserve(static_cast<std::size_t>(days));
  for (int i = 0; i < days; ++i) {
    const time::Date d = first.plus_days(i);
    if (p.carry == Carry::monthly && d == calendar.trading_day_on_or_after(time::Date::ymd(d.year(), d.month(), 15))) {
      for (std::size_t c = 0; c < nclass; ++c) {
        shares[c] += unpaid[c].rescaled<money::SharesTag, 2>(money::Rounding::truncate);
        unpaid[c] = Money{};
      }
    }
    Money total_nav;
    for (auto n : nav) total_nav += n;
    const Money gross = money::apply_rate(total_nav, yields[static_cast<std::size_t>(i)], time::days_in_year(d.year()), money::Rounding::half_up);
    std::vector<ClassInput> in;
    for (std::size_t c = 0; c < nclass; ++c) in.push_back({nav[c], shares[c], carry[c]});
    FundPathDay row;
    row.date = d;
    row.gross_yield = yields[static_cast<std::size_t>(i)];
    row.day = compute_fund_day(p.fund, d, gross, in);
    for (std::size_t c = 0; c < nclass; ++c) {
      const ClassDay& cd = row.day.classes[c];
      carry[c] = cd.undistributed;
      nav[c] += cd.distributable;  // income stays in the fund as shares (daily) or unpaid income (monthly)
      if (p.carry == Carry::daily) shares[c] += cd.distributable.rescaled<money::SharesTag, 2>(money::Rounding::truncate);
      else unpaid[c] += cd.distributable;
      r_hist[c].push_back(cd.income_per_10k);
      const auto& h = r_hist[c];
      row.seven_day.push_back(h.size() >= 7 ? std::optional(seven_day_yield(std::span<const money::IncomePer10k, 7>(h.data() + h.size() - 7, 7), p.carry))
                                            : std::nullopt);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace finlab::fund
