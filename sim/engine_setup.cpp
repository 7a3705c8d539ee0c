// The engine's construction (sim/engine.hpp): month contexts, the fund's
// daily income curve, the compiled policy and assumptions, and the shard set-up.
#include "sim/engine.hpp"

#include <algorithm>

#include "core/fund/fund_path.hpp"
#include "core/fund/ledger.hpp"

namespace finlab::sim {

using loan::ExactRate;
using money::int128;
using money::Money;
using money::Rounding;

std::uint64_t sim_seed(std::uint64_t seed) {
  // SplitMix64 of the seed xor "finlab-sim": a key space of its own.
  std::uint64_t z = seed ^ 0x66696e6c61622d73ull;
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}


namespace {

// Rate units (1e-10) of a percentage of one in ppm, half-up.
inline std::uint32_t rate_ppm(money::Rate r) {
  return static_cast<std::uint32_t>(money::div_round(r.units(), 10'000, Rounding::half_up));
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] construction
Engine::Engine(const Policy& policy, const Scenario& scenario, const ScoreTables& scores, RunShape shape, Assumptions assumptions)
    : policy_(policy),
      scenario_(scenario),
      scores_(scores),
      shape_(shape),
      assumptions_(assumptions),
      lifecycle_seed_(sim_seed(shape.seed)),
      lifecycle_key_(lifecycle_seed_, kPurposeLifecycle) {
  FINLAB_REQUIRE(shape.months >= 1 && shape.months <= 240, "a run lasts 1 to 240 months, got " << shape.months);
  FINLAB_REQUIRE(!policy.partners.empty() && policy.partners.size() <= static_cast<std::size_t>(kMaxPartners),
                 "a policy has 1 to " << kMaxPartners << " partners, got " << policy.partners.size());
  const CreditPolicy& cp = policy.credit;
  FINLAB_REQUIRE(cp.rates.size() == cp.score_bands.size() + 1 && cp.limits.size() == cp.score_bands.size() + 1,
                 "policy tables do not match its score bands (validate it with parse_policy)");

  // Month contexts.
  months_.resize(static_cast<std::size_t>(shape.months));
  total_days_ = 0;
  for (int m = 0; m < shape.months; ++m) {
    MonthContext& c = months_[m];
    c.first = shape.start.plus_months(m);
    c.days = shape.start.plus_months(m + 1) - c.first;
    c.first_day = total_days_;
    total_days_ += c.days;
    auto clamp_u32 = [](std::int64_t v) { return static_cast<std::uint32_t>(std::clamp<std::int64_t>(v, 0, 4'000'000'000)); };
    c.pd_mult_ppm = clamp_u32(scenario.pd_multiplier_ppm.at(m));
    c.app_mult_ppm = clamp_u32(scenario.application_multiplier_ppm.at(m));
    c.red_mult_ppm = clamp_u32(scenario.redemption_multiplier_ppm.at(m));
    c.ml_mult_ppm = clamp_u32(scenario.multi_lender_multiplier_ppm.at(m));
    const std::int64_t shift_units = scenario.rate_shift_bps.at(m) * 1'000'000;  // 1 bp = 1e-4 = 1e6 units
    for (std::size_t p = 0; p < policy.partners.size(); ++p) {
      const std::int64_t annual = std::max<std::int64_t>(0, policy.partners[p].funding_cost.units() + shift_units);
      c.funding[p] = ExactRate::ratio(annual, money::Rate::one_units * 12);
      c.guarantee_fee[p] = ExactRate::ratio(policy.partners[p].guarantee_fee.units(), money::Rate::one_units * 12);
    }
    // Tax on interest income: the policy's share, or the rule in force on the month's first day.
    const TaxShare ts = interest_tax_share(c.first);
    c.interest_tax = policy.pnl.interest_tax ? ExactRate::of(*policy.pnl.interest_tax) : ExactRate::ratio(ts.num, ts.den);
  }
  // The fund's daily 万份收益: the gross yield path from core/fund's seeded
  // mean-reverting model around the policy's level (by default the dated MMF
  // yield history plus the fund's fees, for the run's own dates), moved by the
  // scenario's rate shift, less the fund's fees; 10,000 × net ÷ 当年天数 in
  // 0.0001 yuan, half-up (DOMAIN.md §1.3), never below zero.
  fund::GrossYieldModel ym;
  if (policy.fund.gross_yield) ym.level = *policy.fund.gross_yield;
  else ym.level_path = fund::history_gross_levels(fund::YieldHistory::builtin(), policy.fund.fee, shape.start, total_days_);
  ym.seed = shape.seed;
  ym.fund_id = 0;
  ym.volatility = policy.fund.gross_yield_volatility;
  const std::vector<money::Rate> gross = fund::simulate_gross_yields(ym, shape.start, total_days_);
  for (int m = 0; m < shape.months; ++m) {
    MonthContext& c = months_[m];
    const std::int64_t shift_units = scenario.rate_shift_bps.at(m) * 1'000'000;
    c.w_prefix.assign(static_cast<std::size_t>(c.days) + 1, 0);
    for (int d = 0; d < c.days; ++d) {
      const time::Date day = c.first.plus_days(d);
      const std::int64_t net = std::max<std::int64_t>(0, gross[static_cast<std::size_t>(c.first_day + d)].units() + shift_units - policy.fund.fee.units());
      const std::int64_t w = money::narrow_checked(money::div_round(net, 100 * time::days_in_year(day.year()), Rounding::half_up), "w");
      w_daily_.push_back(w);
      c.w_prefix[d + 1] = c.w_prefix[d] + w;
    }
  }

  // The T+0 limit of each day: the rule in force (core/fund: 50,000 [D] before
  // 2018-06-01, 10,000 from then), lowered by the policy's own limit if any.
  const fund::LedgerSettings fund_rules;
  fast_limit_daily_.reserve(static_cast<std::size_t>(total_days_));
  for (int i = 0; i < total_days_; ++i) {
    std::int64_t limit = fund_rules.fast_limit_on(shape.start.plus_days(i)).units();
    if (policy.fund.fast_redeem_limit) limit = std::min(limit, policy.fund.fast_redeem_limit->units());
    fast_limit_daily_.push_back(limit);
  }

  // Compiled policy.
  const ExactRate penalty_multiple = ExactRate::of(cp.penalty_multiple);
  for (std::size_t band = 0; band < cp.rates.size(); ++band) {
    band_rate_.push_back(cp.monthly_rate(static_cast<int>(band)));
    band_penalty_.push_back(band_rate_.back().scaled(penalty_multiple.num, penalty_multiple.den));
    const ExactRate annual = cp.annual_rate(static_cast<int>(band));
    band_rate_bps_.push_back(money::narrow_checked(money::div_round(int128(annual.num) * 10'000, annual.den, Rounding::half_up), "rate bps"));
  }
  fee_rate_ = ExactRate::of(cp.origination_fee);
  recovery_rate_ = ExactRate::of(cp.recovery_rate);
  const std::uint64_t lgd_ppm = rate_ppm(cp.lgd);
  for (int s = 0; s < 1024; ++s) {
    el_current_ppm_[s] = static_cast<std::uint32_t>(money::div_round(int128(scores_.pd12_ppm[s]) * lgd_ppm, 1'000'000, Rounding::half_up));
    policy_band_[s] = static_cast<std::uint8_t>(cp.score_band_of(s));
  }
  for (money::Rate r : cp.bucket_pd) {
    el_bucket_ppm_.push_back(static_cast<std::uint32_t>(money::div_round(int128(rate_ppm(r)) * lgd_ppm, 1'000'000, Rounding::half_up)));
  }
  if (el_bucket_ppm_.empty()) el_bucket_ppm_.push_back(static_cast<std::uint32_t>(lgd_ppm));
  // Full P&L (docs/sim.md "Full P&L").
  const PnlSettings& pnl = policy.pnl;
  lgd_ppm_ = static_cast<std::uint32_t>(lgd_ppm);
  staged_ecl_ = pnl.staged_ecl;
  acquisition_fen_ = pnl.acquisition_cost.units(), data_fen_ = pnl.data_cost.units(), collection_fen_ = pnl.collection_cost.units();
  FINLAB_REQUIRE(acquisition_fen_ >= 0 && data_fen_ >= 0 && collection_fen_ >= 0, "pnl: a negative cost");
  capital_rate_ = ExactRate::of(pnl.cost_of_equity).scaled(pnl.capital_ratio.units(), money::Rate::one_units * 12);
  for (std::size_t p = 0; p < policy.partners.size(); ++p) guarantee_share_[p] = ExactRate::of(policy.partners[p].guarantee_share);
  refer_ppm_ = rate_ppm(cp.refer_approve_share);
  test_and_learn_ppm_ = rate_ppm(cp.test_and_learn);
  test_and_learn_limit_.assign(cp.income_bands.size() + 1, 0);
  for (std::size_t ib = 0; ib < test_and_learn_limit_.size(); ++ib) {
    for (const auto& row : cp.limits) {
      if (ib < row.size() && row[ib].is_positive()) {
        test_and_learn_limit_[ib] = row[ib].units();
        break;
      }
    }
  }
  boost_units_ = policy.fund.boost.extra_yield.units();

  // Default dynamics (docs/sim.md "Default dynamics").
  const Assumptions& as = assumptions_;
  FINLAB_REQUIRE(as.fraud_ppm <= 100'000, "assumptions: fraud share above 10%: " << as.fraud_ppm << " ppm");
  FINLAB_REQUIRE(as.fraud_apply_multiple >= 1 && as.fraud_apply_multiple <= 20, "assumptions: fraud application multiple outside 1..20");
  FINLAB_REQUIRE(as.multi_lender_ppm <= 1'000'000, "assumptions: multi-lender share above 100%");
  FINLAB_REQUIRE(as.multi_lender_hazard_permille >= 100 && as.multi_lender_hazard_permille <= 20'000,
                 "assumptions: multi-lender hazard multiple outside 0.1..20");
  for (std::uint16_t v : as.mob_hazard_permille) FINLAB_REQUIRE(v <= 10'000, "assumptions: a months-on-book hazard multiple above 10");
  FINLAB_REQUIRE(as.dti_ref_permille <= 5'000 && as.dti_hazard_slope_permille <= 20'000 && as.amount_hazard_slope_permille <= 20'000,
                 "assumptions: offer hazard slopes outside 0..20");
  FINLAB_REQUIRE(as.takeup_base_ppm >= 1 && as.takeup_base_ppm <= 1'000'000 && as.takeup_price_ppm_per_pp <= 1'000'000 &&
                     as.takeup_price_pd_floor_ppm <= 1'000'000 && as.takeup_pd_ref_ppm >= 1 && as.takeup_pd_ref_ppm <= 1'000'000 &&
                     as.takeup_limit_ppm <= 1'000'000 && as.takeup_ref_rate_bps <= 100'000,
                 "assumptions: take-up parameters outside their ranges");
  fraud_p16_ = std::uint32_t(std::uint64_t(as.fraud_ppm) * 65536 / 1'000'000);
  multi_lender_p16_ = std::uint32_t(std::uint64_t(as.multi_lender_ppm) * 65536 / 1'000'000);
  compile_behaviour();
}

// Customer behaviour (docs/sim.md "Customer behaviour"): the drift's hazard
// table and the limit ladder.
void Engine::compile_behaviour() {
  const Assumptions& as = assumptions_;
  FINLAB_REQUIRE(as.prepay_ppm <= 1'000'000 && as.repeat_draw_ppm <= 1'000'000 && as.drift_reversion_ppm <= 1'000'000,
                 "assumptions: a behaviour probability above 100%");
  FINLAB_REQUIRE(as.drift_sd_points <= 100 && as.drift_default_points <= 200, "assumptions: score drift outside 0..100 (0..200 after default) points");
  drift_on_ = as.drift_sd_points > 0 || as.drift_default_points > 0;
  // 2^(x ÷ 20) for x = −drift points (x > 0: the score fell, the risk rose),
  // linear between whole powers of two: x = 20q + r → 2^q × (20 + r) ÷ 20.
  for (int d = -kDriftMaxPoints; d <= kDriftMaxPoints; ++d) {
    const int x = -d;
    const int q = x >= 0 ? x / 20 : -((-x + 19) / 20);
    const int r = x - 20 * q;
    const std::uint64_t base = std::uint64_t(1000) * static_cast<std::uint64_t>(20 + r);
    const std::uint64_t v = q >= 0 ? (base << q) / 20 : (base / 20) >> -q;
    drift_hazard_permille_[static_cast<std::size_t>(d + kDriftMaxPoints)] = static_cast<std::uint32_t>(v);
  }
  const CreditPolicy& cp = policy_.credit;
  ladder_on_ = cp.ladder.has_value();
  if (ladder_on_) {
    const LimitLadder& l = *cp.ladder;
    ladder_raise_ = ExactRate::ratio(l.raise.units() + money::Rate::one_units, money::Rate::one_units);
    ladder_keep_ = ExactRate::ratio(money::Rate::one_units - l.cut.units(), money::Rate::one_units);
    ladder_cut_below_ = l.cut_below_score.value_or(cp.cutoff);
    ladder_close_below_ = l.close_below_score.value_or(std::max(0, cp.cutoff - 40));
  }
}

Assumptions Assumptions::legacy() {
  Assumptions a;
  a.fraud_ppm = 0;
  a.fraud_apply_multiple = 1;
  a.multi_lender_ppm = 0;
  a.multi_lender_hazard_permille = 1'000;
  a.mob_hazard_permille.fill(1'000);
  a.dti_hazard_slope_permille = 0;
  a.amount_hazard_slope_permille = 0;
  a.takeup_base_ppm = 1'000'000;
  a.takeup_price_ppm_per_pp = 0;
  a.takeup_limit_ppm = 0;
  a.prepay_ppm = 0;
  a.repeat_draw_ppm = 0;
  a.drift_sd_points = 0;
  a.drift_reversion_ppm = 0;
  a.drift_default_points = 0;
  return a;
}

void Engine::init_shard(Shard& s, std::size_t begin, std::size_t end) const {
  s.begin = begin;
  s.end = end;
  s.acc.init(shape_.months, total_days_);
  s.demand.assign(kScoreKeys, 0);
  s.pending.clear();
}

void Engine::begin_month(Shard& s) const {
  std::fill(s.demand.begin(), s.demand.end(), 0);
  s.pending.clear();
}

}  // namespace finlab::sim
