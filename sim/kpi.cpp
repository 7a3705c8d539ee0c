#include "sim/kpi.hpp"

#include <cstdio>

#include "core/credit/validation.hpp"
#include "core/money/decimal.hpp"
#include "core/money/money.hpp"

namespace finlab::sim {

using money::int128;
using money::Rounding;

std::string percent_of(std::int64_t num, std::int64_t den, int digits) {
  if (den == 0) return money::format_fixed(0, digits);
  const int128 scaled = money::div_round(int128(num) * 100 * money::pow10_i64(digits), den, Rounding::half_up);
  return money::format_fixed(money::narrow_checked(scaled, "percent"), digits);
}

std::string yuan_of(std::int64_t fen) { return money::Money::from_units(fen).to_string(); }

std::string period_of(time::Date start, int month) {
  const time::Date d = start.plus_months(month);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  return buf;
}

std::int64_t provision_expense(const RunAcc& acc, int m) {
  const MonthAcc& a = acc.month[m];
  const std::int64_t prev = m > 0 ? acc.month[m - 1].allowance_fen : 0;
  return a.allowance_fen - prev + a.chargeoff_fen - a.recoveries_fen;
}

std::int64_t operating_costs(const MonthAcc& a) {
  const int128 v = int128(a.acquisition_cost_fen) + a.data_cost_fen + a.collection_cost_fen + a.interest_tax_fen + a.capital_charge_fen;
  return money::narrow_checked(v, "operating costs");
}

std::int64_t net_profit(const RunAcc& acc, int m) {
  const MonthAcc& a = acc.month[m];
  const int128 v = int128(a.interest_fen) + a.penalty_fen + a.fee_fen - a.funding_cost_fen - provision_expense(acc, m) - a.subsidy_fen -
                   operating_costs(a);
  return money::narrow_checked(v, "net profit");
}

double month_psi(const RunAcc& acc, int m, const std::vector<std::int64_t>& train) {
  if (train.empty()) return 0;
  const MonthAcc& a = acc.month[m];
  std::vector<std::int64_t> actual(train.size(), 0);
  std::int64_t n = 0;
  for (std::size_t b = 0; b < kMaxScoreBands; ++b) {
    const std::size_t k = std::min(b, train.size() - 1);
    actual[k] += a.applicant_bands[b];
    n += a.applicant_bands[b];
  }
  if (n == 0) return 0;
  return credit::psi(std::span<const std::int64_t>(train), std::span<const std::int64_t>(actual));
}

namespace {
std::string fixed4(double x) {
  // Deterministic: x is computed with core/math; printing 4 decimals of a double is exact formatting.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", x);
  return buf;
}
}  // namespace

std::pair<int, std::int64_t> fast_peak(const RunAcc& acc) {
  int best = -1;
  std::int64_t v = 0;
  for (std::size_t d = 0; d < acc.fast_by_day.size(); ++d) {
    if (acc.fast_by_day[d] > v) {
      v = acc.fast_by_day[d];
      best = static_cast<int>(d);
    }
  }
  return {best, v};
}

std::vector<NamedValue> run_totals(const RunAcc& acc, const KpiContext& ctx) {
  MonthAcc sum;
  for (const auto& a : acc.month) sum.add(a);
  const MonthAcc& last = acc.month.back();
  std::int64_t outstanding_sum = 0, prov = 0, net = 0;
  double psi_max = 0;
  for (int m = 0; m < acc.months; ++m) {
    outstanding_sum = money::narrow_checked(int128(outstanding_sum) + acc.month[m].outstanding_fen, "outstanding");
    prov = money::narrow_checked(int128(prov) + provision_expense(acc, m), "provision expense");
    net = money::narrow_checked(int128(net) + net_profit(acc, m), "net profit");
    psi_max = std::max(psi_max, month_psi(acc, m, ctx.train_band_counts));
  }
  // Platform's share: revenue share of each partner's net result (after its
  // tax, capital charge and the guarantee fee it pays the platform, before the
  // losses the platform guarantees), plus the guarantee fees less the
  // guaranteed losses, less the platform's own costs (subsidy, acquisition,
  // data, collection).
  int128 platform = int128(-sum.subsidy_fen) - sum.acquisition_cost_fen - sum.data_cost_fen - sum.collection_cost_fen;
  for (std::size_t p = 0; p < ctx.revenue_share.size() && p < kMaxPartners; ++p) {
    const PartnerAcc& ps = sum.partners[p];
    const int128 net_p = int128(ps.income_fen) - ps.funding_cost_fen - (last.partners[p].allowance_fen + ps.chargeoff_fen - ps.recoveries_fen) -
                         ps.interest_tax_fen - ps.capital_charge_fen - ps.guarantee_fee_fen + ps.guaranteed_loss_fen;
    platform += money::div_round(net_p * ctx.revenue_share[p].units(), money::Rate::one_units, Rounding::half_up);
    platform += int128(ps.guarantee_fee_fen) - ps.guaranteed_loss_fen;
  }
  const auto [peak_day, peak_amount] = fast_peak(acc);
  std::vector<NamedValue> t;
  auto add = [&](std::string n, std::string v, std::string u) { t.push_back(NamedValue{std::move(n), std::move(v), std::move(u)}); };
  add("users", std::to_string(ctx.users), "count");
  add("months", std::to_string(ctx.months), "months");
  add("applicants", std::to_string(sum.applicants), "count");
  add("approved", std::to_string(sum.approved), "count");
  add("booked_count", std::to_string(sum.booked_count), "count");
  add("approval_rate", percent_of(sum.application_bookings(), sum.applicants), "%");
  add("booked_amount", yuan_of(sum.booked_fen), "yuan");
  add("average_loan", yuan_of(sum.booked_count ? money::narrow_checked(money::div_round(sum.booked_fen, sum.booked_count, Rounding::half_up), "avg") : 0), "yuan");
  add("outstanding", yuan_of(last.outstanding_fen), "yuan");
  add("dq30_rate", percent_of(last.outstanding_30p_fen, last.outstanding_fen), "%");
  add("dq90_rate", percent_of(last.outstanding_90p_fen, last.outstanding_fen), "%");
  add("chargeoffs", yuan_of(sum.chargeoff_fen), "yuan");
  add("chargeoff_count", std::to_string(sum.chargeoff_count), "count");
  add("recoveries", yuan_of(sum.recoveries_fen), "yuan");
  add("loss_rate", percent_of(sum.chargeoff_fen - sum.recoveries_fen, sum.booked_fen), "%");
  add("interest_income", yuan_of(sum.interest_fen + sum.penalty_fen), "yuan");
  add("penalty_income", yuan_of(sum.penalty_fen), "yuan");
  add("fee_income", yuan_of(sum.fee_fen), "yuan");
  add("funding_cost", yuan_of(sum.funding_cost_fen), "yuan");
  add("provision", yuan_of(last.allowance_fen), "yuan");
  add("provision_expense", yuan_of(prov), "yuan");
  add("net_profit", yuan_of(net), "yuan");
  add("roa", percent_of(net * 12, outstanding_sum), "%");
  add("platform_profit", yuan_of(money::narrow_checked(platform, "platform profit")), "yuan");
  add("fund_aum", yuan_of(last.aum_fen), "yuan");
  add("fund_holders", std::to_string(last.fund_holders), "count");
  add("fund_deposits", yuan_of(sum.deposits_fen), "yuan");
  add("fund_redemptions", yuan_of(sum.redemptions_fen), "yuan");
  add("fast_redemptions", yuan_of(sum.fast_redemptions_fen), "yuan");
  add("fund_income_paid", yuan_of(sum.fund_income_fen), "yuan");
  add("fund_rounding_residual", money::format_fixed(sum.fund_residual_units, 10), "yuan");
  add("subsidy_cost", yuan_of(sum.subsidy_fen), "yuan");
  add("fast_redemption_peak_day", peak_day >= 0 ? ctx.start.plus_days(peak_day).to_string() : std::string("-"), "date");
  add("fast_redemption_peak_amount", yuan_of(peak_amount), "yuan");
  add("psi_max", fixed4(psi_max), "ratio");
  // Test-and-learn (credit.test_and_learn_pct): what the random approvals below the cutoff booked and lost.
  add("test_and_learn_booked", std::to_string(sum.tl_booked), "count");
  add("test_and_learn_amount", yuan_of(sum.tl_booked_fen), "yuan");
  add("test_and_learn_chargeoffs", yuan_of(sum.tl_chargeoff_fen), "yuan");
  // Default dynamics (docs/sim.md): 1+ DPD on balance, offers not taken, fraud.
  add("dq1_rate", percent_of(last.outstanding_fen - last.bucket_fen[0], last.outstanding_fen), "%");
  add("not_taken_up", std::to_string(sum.not_taken_up), "count");
  add("takeup_rate", percent_of(sum.application_bookings(), sum.application_bookings() + sum.not_taken_up), "%");
  add("fraud_booked", std::to_string(sum.fraud_booked), "count");
  // Full P&L (docs/sim.md "Full P&L"): net_profit = interest_income + fee_income
  // − funding_cost − provision_expense − subsidy_cost − acquisition_cost −
  // data_cost − collection_cost − interest_tax − capital_charge, to the fen.
  add("new_applicants", std::to_string(sum.new_applicants), "count");
  add("acquisition_cost", yuan_of(sum.acquisition_cost_fen), "yuan");
  add("data_cost", yuan_of(sum.data_cost_fen), "yuan");
  add("collection_accounts", std::to_string(sum.collection_accounts), "count");
  add("collection_cost", yuan_of(sum.collection_cost_fen), "yuan");
  add("interest_tax", yuan_of(sum.interest_tax_fen), "yuan");
  add("capital_charge", yuan_of(sum.capital_charge_fen), "yuan");
  add("provision_stage1", yuan_of(last.allowance_stage1_fen), "yuan");
  add("provision_stage2", yuan_of(last.allowance_stage2_fen), "yuan");
  add("provision_stage3", yuan_of(last.allowance_stage3_fen), "yuan");
  add("guarantee_fee_income", yuan_of(sum.guarantee_fee_fen), "yuan");
  add("guaranteed_losses", yuan_of(sum.guaranteed_loss_fen), "yuan");
  // Customer behaviour (docs/sim.md "Customer behaviour"): prepayment, draws on
  // open lines, the limit ladder's moves, and the behaviour-score drift.
  add("prepaid", std::to_string(sum.prepaid), "count");
  add("prepaid_amount", yuan_of(sum.prepaid_fen), "yuan");
  add("repeat_draws", std::to_string(sum.repeat_draws), "count");
  add("repeat_draw_amount", yuan_of(sum.repeat_draw_fen), "yuan");
  add("repeat_draw_share", percent_of(sum.repeat_draws, sum.booked_count), "%");
  add("lines_raised", std::to_string(sum.lines_raised), "count");
  add("lines_cut", std::to_string(sum.lines_cut), "count");
  add("lines_closed", std::to_string(sum.lines_closed), "count");
  add("open_lines", std::to_string(last.open_lines), "count");
  add("open_line_amount", yuan_of(last.open_line_fen), "yuan");
  add("score_down_20", std::to_string(last.score_down_20), "count");
  return t;
}

const std::vector<std::string>& monthly_columns() {
  static const std::vector<std::string> cols{
      "month",        "period",          "applicants",   "approval_rate", "booked_count",      "booked_amount",
      "outstanding",  "dq30_rate",       "dq90_rate",    "chargeoffs",    "recoveries",        "interest_income",
      "fee_income",   "funding_cost",    "provision",    "provision_expense", "net_profit",    "roa",
      "fund_aum",     "fund_income_paid", "subsidy_cost", "fast_redemptions", "psi",
      "acquisition_cost", "data_cost",     "collection_cost", "interest_tax", "capital_charge",    "provision_stage1",
      "provision_stage2", "provision_stage3", "guarantee_fee_income", "guaranteed_losses"};
  return cols;
}

std::vector<std::vector<std::string>> monthly_rows(const RunAcc& acc, const KpiContext& ctx) {
  std::vector<std::vector<std::string>> rows;
  for (int m = 0; m < acc.months; ++m) {
    const MonthAcc& a = acc.month[m];
    const std::int64_t net = net_profit(acc, m);
    rows.push_back({std::to_string(m + 1), period_of(ctx.start, m), std::to_string(a.applicants), percent_of(a.application_bookings(), a.applicants),
                    std::to_string(a.booked_count), yuan_of(a.booked_fen), yuan_of(a.outstanding_fen),
                    percent_of(a.outstanding_30p_fen, a.outstanding_fen), percent_of(a.outstanding_90p_fen, a.outstanding_fen),
                    yuan_of(a.chargeoff_fen), yuan_of(a.recoveries_fen), yuan_of(a.interest_fen + a.penalty_fen), yuan_of(a.fee_fen),
                    yuan_of(a.funding_cost_fen), yuan_of(a.allowance_fen), yuan_of(provision_expense(acc, m)), yuan_of(net),
                    percent_of(net * 12, a.outstanding_fen), yuan_of(a.aum_fen), yuan_of(a.fund_income_fen), yuan_of(a.subsidy_fen),
                    yuan_of(a.fast_redemptions_fen), fixed4(month_psi(acc, m, ctx.train_band_counts)), yuan_of(a.acquisition_cost_fen),
                    yuan_of(a.data_cost_fen), yuan_of(a.collection_cost_fen), yuan_of(a.interest_tax_fen), yuan_of(a.capital_charge_fen),
                    yuan_of(a.allowance_stage1_fen), yuan_of(a.allowance_stage2_fen), yuan_of(a.allowance_stage3_fen),
                    yuan_of(a.guarantee_fee_fen), yuan_of(a.guaranteed_loss_fen)});
  }
  return rows;
}

std::vector<VintagePoint> vintage_curves(const RunAcc& acc) {
  std::vector<VintagePoint> out;
  const int M = acc.months;
  for (int o = 0; o < M; ++o) {
    const MonthAcc& a = acc.month[o];
    if (a.booked_count == 0) continue;
    std::int64_t bad = 0, bad_fen = 0;
    for (int mob = 1; o + mob < M; ++mob) {
      const std::size_t idx = std::size_t(o) * (M + 1) + mob;
      bad += acc.vintage_bad_count[idx];
      bad_fen += acc.vintage_bad_fen[idx];
      out.push_back(VintagePoint{o, mob, a.booked_count, a.booked_fen, bad, bad_fen});
    }
  }
  return out;
}

}  // namespace finlab::sim
