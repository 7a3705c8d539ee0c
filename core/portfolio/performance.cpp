#include "core/portfolio/performance.hpp"

#include <cmath>

#include "core/math/deterministic.hpp"

namespace finlab::portfolio {

using money::Money;

std::string percent_text(double ratio, int digits) {
  if (!std::isfinite(ratio)) return "not available";
  // Through an exact Rate (10^-10) so the text has no platform-dependent printf in it.
  const double scaled = ratio * 1e10;
  if (scaled > 9e18 || scaled < -9e18) return ratio > 0 ? "> 10^8 %" : "< -10^8 %";
  const auto units = static_cast<std::int64_t>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
  return money::Rate::from_units(units).to_percent_string(digits, money::Rounding::half_up) + "%";
}

std::string number_text(double x, int digits) {
  if (!std::isfinite(x)) return "not available";
  const double scaled = x * static_cast<double>(money::pow10_i64(digits));
  if (scaled > 9e18 || scaled < -9e18) return x > 0 ? "huge" : "-huge";
  return money::format_fixed(static_cast<std::int64_t>(scaled < 0 ? scaled - 0.5 : scaled + 0.5), digits);
}

double annualize(double growth, int days) {
  if (days <= 0 || growth <= 0) return std::nan("");
  return math::pow(growth, 365.0 / days) - 1.0;
}

Performance measure(const Ledger& ledger, const PathTotals& t) {
  Performance p;
  const auto& days = ledger.days;
  FINLAB_REQUIRE(!days.empty(), "measure: the run has no days");
  const time::Date first = days.front().date, last = days.back().date;
  const int calendar_days = last - first;

  // --- TWR, volatility, drawdown over daily sub-periods ------------------------
  double growth = 1.0, sum = 0, sum2 = 0, peak = 1.0, max_dd = 0;
  int periods = 0;
  std::size_t peak_i = 0, dd_peak = 0, dd_trough = 0;
  long recovery = -1;
  bool awaiting = false;
  std::int64_t prev = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::int64_t base = prev + days[i].flow.units();
    const std::int64_t v = days[i].total.units();
    prev = v;
    if (base <= 0) continue;
    const double ratio = static_cast<double>(v) / static_cast<double>(base);
    growth *= ratio;
    sum += ratio - 1.0;
    sum2 += (ratio - 1.0) * (ratio - 1.0);
    ++periods;
    if (growth >= peak) {
      if (awaiting) {
        recovery = static_cast<long>(i);
        awaiting = false;
      }
      peak = growth;
      peak_i = i;
    } else if (1.0 - growth / peak > max_dd) {
      max_dd = 1.0 - growth / peak;
      dd_peak = peak_i;
      dd_trough = i;
      recovery = -1;
      awaiting = true;
    }
  }
  p.twr.name = "time-weighted return";
  p.twr.raw = growth - 1.0;
  p.twr.value = percent_text(p.twr.raw);
  p.twr.formula = "TWR = Π_t V_t / (V_{t−1} + F_t) − 1: each trading day's end value over the previous end value plus that day's deposits";
  p.twr.inputs = {{"first day", first.to_string()},
                  {"last day", last.to_string()},
                  {"daily sub-periods", std::to_string(periods)},
                  {"Π of the daily ratios", number_text(growth, 6)}};

  p.twr_annualized.name = "time-weighted return, annualised";
  const double ann = annualize(growth, calendar_days);
  p.twr_annualized.available = std::isfinite(ann);
  p.twr_annualized.raw = p.twr_annualized.available ? ann : 0.0;
  p.twr_annualized.value = percent_text(ann);
  p.twr_annualized.formula = "(1 + TWR)^(365 / calendar days) − 1";
  p.twr_annualized.inputs = {{"1 + TWR", number_text(growth, 6)}, {"calendar days", std::to_string(calendar_days)}};

  p.volatility.name = "volatility (annualised)";
  const double years = calendar_days / 365.0;
  const double per_year = years > 0 ? periods / years : 0.0;
  if (periods >= 2 && per_year > 0) {
    const double mean = sum / periods;
    const double var = (sum2 - periods * mean * mean) / (periods - 1);
    p.volatility.raw = math::sqrt(var > 0 ? var : 0) * math::sqrt(per_year);
    p.volatility.value = percent_text(p.volatility.raw);
  } else {
    p.volatility.available = false;
    p.volatility.value = "not available (fewer than 2 daily returns)";
  }
  p.volatility.formula = "sample standard deviation of the daily sub-period returns × √(trading days per year)";
  p.volatility.inputs = {{"daily returns", std::to_string(periods)},
                         {"trading days per year (observed)", number_text(per_year, 1)}};

  p.max_drawdown.name = "maximum drawdown";
  p.max_drawdown.raw = max_dd;
  p.max_drawdown.value = percent_text(-max_dd);
  p.max_drawdown.formula = "largest fall of the TWR index (Π of daily ratios) from its running peak: 1 − trough / peak";
  if (max_dd > 0) {
    p.max_drawdown.inputs = {{"peak", days[dd_peak].date.to_string()},
                             {"trough", days[dd_trough].date.to_string()},
                             {"recovered", recovery >= 0 ? days[static_cast<std::size_t>(recovery)].date.to_string() : "not by the last day"}};
  } else {
    p.max_drawdown.inputs = {{"peak", "never fell below a previous peak"}};
  }

  // --- MWR: XIRR of the user's own flows ----------------------------------------
  p.mwr.name = "money-weighted return (XIRR)";
  for (const auto& d : days) {
    if (d.flow.is_positive()) p.mwr_flows.push_back({d.date, -d.flow});
  }
  p.mwr_flows.push_back({last, days.back().total});
  p.mwr.formula = "the annual rate r with Σ flow_k / (1 + r)^((d_k − d_0) / 365) = 0, deposits negative and the end value positive (loan::xirr, ACT/365)";
  auto x = loan::xirr(p.mwr_flows);
  if (x) {
    p.mwr.raw = x->rate;
    p.mwr.value = percent_text(x->rate);
    p.mwr.inputs = {{"cash flows", std::to_string(p.mwr_flows.size())},
                    {"money put in", t.paid_in.to_string()},
                    {"end value", days.back().total.to_string()},
                    {"why this root", x->why()}};
  } else {
    p.mwr.available = false;
    p.mwr.value = "not available: " + x.error();
    p.mwr.inputs = {{"cash flows", std::to_string(p.mwr_flows.size())}};
  }

  // --- where the money came from -----------------------------------------------------
  p.income_split.name = "活期宝 income vs fund gain";
  p.income_split.available = true;
  p.income_split.value = "活期宝 " + t.mmf_income.to_string() + ", funds " + t.fund_gain.to_string();
  p.income_split.formula = "end value = money put in + 活期宝 income + fund gain; fund gain = fund value + redemption proceeds + cash dividends − purchases (fees included)";
  p.income_split.inputs = {{"money put in", t.paid_in.to_string()},
                           {"活期宝 income", t.mmf_income.to_string()},
                           {"fund value at the end", t.end_funds.to_string()},
                           {"redemption proceeds (after fees)", t.redemptions_net.to_string()},
                           {"cash dividends", t.cash_dividends.to_string()},
                           {"dividends reinvested", t.reinvested_dividends.to_string()},
                           {"purchases (fees included)", t.purchases.to_string()},
                           {"end value", t.end_value.to_string()}};
  p.fees.name = "fees paid";
  const Money fees = t.subscription_fees + t.redemption_fees;
  p.fees.value = fees.to_string();
  p.fees.formula = "subscription fees (申购费) + redemption fees (赎回费)";
  p.fees.inputs = {{"subscription fees", t.subscription_fees.to_string()},
                   {"redemption fees", t.redemption_fees.to_string()},
                   {"of which credited to fund assets", t.redemption_fees_to_fund_assets.to_string()},
                   {"fund gain before fees", (t.fund_gain + fees).to_string()}};
  return p;
}

}  // namespace finlab::portfolio
