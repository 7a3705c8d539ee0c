// Synthetic population generator (see population.hpp). Section index:
//   [traits]    latent traits and the ground-truth PD
//   [features]  feature values as noisy read-outs of the traits
//   [consent]   consent choices and ordinary missingness
//   [driver]    per-user generation into structure-of-arrays
#include "core/credit/population.hpp"

#include <cmath>
#include <limits>

#include "core/credit/fast_math.hpp"
#include "core/error.hpp"
#include "core/math/deterministic.hpp"
#include "core/random/stream.hpp"

namespace finlab::credit {

namespace {

using detail::fast_exp;
using detail::fast_logistic;
constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

// The builtin schema's feature order, looked up once per call by name.
enum F : int {
  f_age, f_income_band, f_debt_to_income, f_credit_history_months,
  f_account_age_months, f_device_price_tier, f_number_tenure_months,
  f_home_night_share, f_months_at_night_location, f_moves_per_year, f_work_regularity,
  f_finance_app_days, f_lending_app_count, f_late_night_share, f_install_churn,
  f_bill_ontime_share, f_topup_regularity, f_spend_volatility, f_spend_to_income, f_wallet_balance_days,
  f_count
};
constexpr const char* feature_names[f_count] = {
    "age", "income_band", "debt_to_income", "credit_history_months",
    "account_age_months", "device_price_tier", "number_tenure_months",
    "home_night_share", "months_at_night_location", "moves_per_year", "work_regularity",
    "finance_app_days", "lending_app_count", "late_night_share", "install_churn",
    "bill_ontime_share", "topup_regularity", "spend_volatility", "spend_to_income", "wallet_balance_days"};

struct Layout {
  int column[f_count];
  std::size_t columns;
  int decimals[f_count];
  double lo[f_count];
  double hi[f_count];
  ConsentCategory category[f_count];
};

Layout layout_of(const FeatureSchema& schema) {
  Layout l{};
  l.columns = schema.size();
  for (int f = 0; f < f_count; ++f) {
    auto i = schema.index_of(feature_names[f]);
    FINLAB_REQUIRE(i, "population generator: the schema has no feature '" << feature_names[f] << "'");
    l.column[f] = static_cast<int>(*i);
    l.decimals[f] = schema[*i].decimals;
    l.lo[f] = schema[*i].min;
    l.hi[f] = schema[*i].max;
    l.category[f] = schema[*i].category;
  }
  return l;
}

double uniform32(random::Stream& s) { return (static_cast<double>(s.next_u32()) + 0.5) * 0x1.0p-32; }

// Standard normal by inversion of one 32-bit draw: the quantile at the 4096
// cell edges comes from math::normal_quantile, linearly interpolated with the
// remaining 20 bits (error < 2e-4 sd); the 16 outermost cells on each side
// (u < 0.0039) use the exact quantile. Tails are cut at ~6.2 sd.
class NormalTable {
public:
  NormalTable() {
    for (std::uint32_t j = 0; j <= cells; ++j) q_[j] = j == 0 || j == cells ? 0.0 : math::normal_quantile(double(j) / cells);
  }
  double operator()(std::uint32_t bits) const {
    const std::uint32_t j = bits >> 20;
    if (j < exact_cells || j >= cells - exact_cells)
      return math::normal_quantile((static_cast<double>(bits) + 0.5) * 0x1.0p-32);
    const double t = (static_cast<double>(bits & 0xFFFFFu) + 0.5) * 0x1.0p-20;
    return q_[j] + (q_[j + 1] - q_[j]) * t;
  }

private:
  static constexpr std::uint32_t cells = 4096, exact_cells = 16;
  double q_[cells + 1];
};

double round_to(double x, int decimals) {
  static constexpr double p10[] = {1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9};
  const double k = p10[decimals];
  return std::floor(x * k + 0.5) / k;
}

// ---------------------------------------------------------------- [traits]
// Loadings of the latent risk: logit(PD) = c0 + s·(−0.80·D − 0.40·S − 0.30·A) + hidden·H.
constexpr double w_discipline = 0.80, w_stability = 0.40, w_affluence = 0.30;
// Trait correlations: S = 0.4·z1 + √0.84·z2, A = 0.3·z1 + 0.2·z2 + √0.87·z3, D = z1.
constexpr double s_z1 = 0.4, s_z2 = 0.9165151389911680, a_z1 = 0.3, a_z2 = 0.2, a_z3 = 0.9327379053088815;

// Standard deviation of the linear risk predictor (without c0).
double risk_sd(const PopulationParams& p) {
  // Var(w_d·D + w_s·S + w_a·A) with the loadings above.
  const double c1 = w_discipline + w_stability * s_z1 + w_affluence * a_z1;
  const double c2 = w_stability * s_z2 + w_affluence * a_z2;
  const double c3 = w_affluence * a_z3;
  const double v = p.signal_strength * p.signal_strength * (c1 * c1 + c2 * c2 + c3 * c3) + p.hidden_risk_sd * p.hidden_risk_sd;
  return math::sqrt(v);
}

// Mean of logistic(c0 + sd·Z), Z standard normal, by the trapezoid rule on [-8, 8].
double mean_pd(double c0, double sd) {
  constexpr int n = 640;
  constexpr double h = 16.0 / n;
  double sum = 0, wsum = 0;
  for (int i = 0; i <= n; ++i) {
    const double z = -8.0 + h * i;
    const double w = (i == 0 || i == n ? 0.5 : 1.0) * fast_exp(-0.5 * z * z);
    sum += w * fast_logistic(c0 + sd * z);
    wsum += w;
  }
  return sum / wsum;
}

// c0 such that the mean PD equals params.target_bad_rate (bisection, 60 steps: deterministic).
double calibrated_intercept(const PopulationParams& p) {
  FINLAB_REQUIRE(p.target_bad_rate > 0 && p.target_bad_rate < 1,
                 "population: target_bad_rate must be in (0, 1), got " << p.target_bad_rate);
  const double sd = risk_sd(p);
  double lo = -30, hi = 30;
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (mean_pd(mid, sd) < p.target_bad_rate) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

struct Prepared {
  PopulationParams params;
  Layout layout;
  double c0;
  double consent_logit[4];
  NormalTable normal;
};

void prepare(Prepared& pr, const PopulationParams& p) {
  FINLAB_REQUIRE(p.ordinary_missing >= 0 && p.ordinary_missing < 0.5,
                 "population: ordinary_missing must be in [0, 0.5), got " << p.ordinary_missing);
  FINLAB_REQUIRE(p.hidden_risk_sd >= 0 && p.signal_strength >= 0,
                 "population: hidden_risk_sd and signal_strength must not be negative");
  pr.params = p;
  pr.layout = layout_of(builtin_schema());
  pr.c0 = calibrated_intercept(p);
  const double probs[4] = {p.consent_device, p.consent_location, p.consent_app_usage, p.consent_consumption};
  for (int c = 0; c < 4; ++c) {
    FINLAB_REQUIRE(probs[c] >= 0 && probs[c] <= 1, "population: consent probabilities must be in [0, 1], got " << probs[c]);
    const double q = std::fmin(std::fmax(probs[c], 1e-9), 1 - 1e-9);
    pr.consent_logit[c] = math::log(q / (1 - q));
  }
}

// -------------------------------------------------------------- [features]
double clampd(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }
double maxd(double a, double b) { return a < b ? b : a; }

// Draws n standard normals from a stream (4 per Philox block).
template <int n>
void draw_normals(random::Stream& s, const NormalTable& table, double (&z)[n]) {
  std::uint32_t bits[n];
  for (int i = 0; i < n; ++i) bits[i] = s.next_u32();
  for (int i = 0; i < n; ++i) z[i] = table(bits[i]);
}

// Fills the user's traits, PD, consent and values (schema order, NaN = missing).
void generate_one(const Prepared& pr, std::uint64_t seed, std::uint64_t id, SyntheticUser& u) {
  const PopulationParams& p = pr.params;
  const Layout& L = pr.layout;
  u.user_id = id;
  u.values.assign(L.columns, nan_value);

  random::Stream ts(seed, id, 0, random::Purpose::population_traits);
  double tz[4];
  draw_normals(ts, pr.normal, tz);
  const double z1 = tz[0], z2 = tz[1], z3 = tz[2], hidden = tz[3];
  const double D = z1, S = s_z1 * z1 + s_z2 * z2, A = a_z1 * z1 + a_z2 * z2 + a_z3 * z3;
  u.traits = {D, S, A};
  const double risk = p.signal_strength * (w_discipline * D + w_stability * S + w_affluence * A);
  u.pd = fast_logistic(pr.c0 - risk + p.hidden_risk_sd * hidden);

  random::Stream fs(seed, id, 0, random::Purpose::population_features);
  double e[21];
  draw_normals(fs, pr.normal, e);
  const double thin_u = uniform32(fs);
  double v[f_count];
  const double age = clampd(std::floor(35.0 + 4.0 * S + 2.0 * A + 9.0 * e[0] + 0.5), 18, 70);
  v[f_age] = age;
  const double youth = (30.0 - age) / 10.0;
  {
    const double inc = 0.85 * A + 0.15 * S - 0.1 * youth + 0.5 * e[1];
    v[f_income_band] = inc < -1.0 ? 0 : inc < -0.2 ? 1 : inc < 0.7 ? 2 : inc < 1.5 ? 3 : 4;
  }
  v[f_debt_to_income] = 0.30 * fast_exp(-0.35 * D - 0.15 * A + 0.55 * e[2]);
  {
    const double thin = fast_logistic(-0.6 - 0.7 * A - 0.08 * (age - 30.0) + 0.6 * e[3]);
    const double span = (age - 18.0) * 12.0;
    const double frac = fast_logistic(0.4 * S + 0.2 * A + 0.8 * e[4]);
    v[f_credit_history_months] = thin_u < thin ? 0.0 : maxd(1.0, std::floor(span * frac + 0.5));
  }
  v[f_account_age_months] = 30.0 * fast_exp(0.35 * S + 0.15 * D + 0.55 * e[5]);
  {
    const double dev = 0.75 * A + 0.1 * youth + 0.6 * e[6];
    v[f_device_price_tier] = dev < -0.6 ? 0 : dev < 0.4 ? 1 : dev < 1.2 ? 2 : 3;
  }
  v[f_number_tenure_months] = 40.0 * fast_exp(0.5 * S + 0.2 * D + 0.6 * e[7]);
  v[f_home_night_share] = fast_logistic(1.6 + 0.8 * S + 0.2 * D + 0.7 * e[8]);
  v[f_months_at_night_location] = 16.0 * fast_exp(0.6 * S + 0.6 * e[9]);
  v[f_moves_per_year] = std::floor(0.9 * fast_exp(-0.6 * S - 0.1 * D + 0.6 * e[10]));
  v[f_work_regularity] = fast_logistic(0.8 + 0.5 * S + 0.4 * D + 0.8 * e[11]);
  {
    // Finance apps: investors (affluent) and people short of money (low discipline) both use them a lot.
    const double need = maxd(0.0, -D - 0.3);
    v[f_finance_app_days] = 5.0 + 2.5 * A + 5.0 * need + 3.0 * e[12];
  }
  v[f_lending_app_count] = std::floor(1.2 * fast_exp(-0.7 * D - 0.1 * A + 0.5 * e[13]));
  v[f_late_night_share] = fast_logistic(-2.2 - 0.45 * D - 0.25 * S + 0.3 * youth + 0.6 * e[14]);
  v[f_install_churn] = 3.0 * fast_exp(-0.3 * D + 0.15 * youth + 0.6 * e[15]);
  v[f_bill_ontime_share] = 1.0 - fast_logistic(-2.8 - 1.1 * D - 0.2 * S + 0.7 * e[16]);
  v[f_topup_regularity] = fast_logistic(0.5 + 0.6 * D + 0.25 * S + 0.8 * e[17]);
  v[f_spend_volatility] = 0.35 * fast_exp(-0.4 * D - 0.1 * S + 0.5 * e[18]);
  v[f_spend_to_income] = 0.5 * fast_exp(-0.25 * A - 0.25 * D + 0.5 * e[19]);
  v[f_wallet_balance_days] = 14.0 + 5.0 * A + 4.0 * D + 6.0 * e[20];
  // Recorded precision and valid range from the schema.
  for (int f = 0; f < f_count; ++f) v[f] = clampd(round_to(v[f], L.decimals[f]), L.lo[f], L.hi[f]);

  // ------------------------------------------------------------ [consent]
  random::Stream cs(seed, id, 0, random::Purpose::consent);
  ConsentMask consent = ConsentMask::application_only();
  const double tilt[4] = {0.4 * S + 0.2 * D, 0.5 * S + 0.3 * D, 0.3 * D + 0.1 * A, 0.6 * D + 0.2 * S};
  const ConsentCategory cats[4] = {ConsentCategory::device, ConsentCategory::location, ConsentCategory::app_usage,
                                   ConsentCategory::consumption};
  for (int c = 0; c < 4; ++c) {
    const double pc = fast_logistic(pr.consent_logit[c] + p.consent_trait_shift * tilt[c]);
    if (uniform32(cs) < pc) consent = consent.with(cats[c]);
  }
  u.consent = consent;
  // Ordinary missingness among consented values: no bills, no top-ups, no daytime pattern, no wallet.
  const double miss = p.ordinary_missing;
  const bool no_bills = uniform32(cs) < 2.0 * miss;
  const bool no_topups = uniform32(cs) < miss;
  const bool no_daytime = uniform32(cs) < miss;
  const bool no_wallet = uniform32(cs) < miss;

  for (int f = 0; f < f_count; ++f) {
    if (!consent.has(L.category[f])) continue;  // not consented: missing, never imputed
    u.values[static_cast<std::size_t>(L.column[f])] = v[f];
  }
  if (no_bills && consent.has(ConsentCategory::consumption)) u.values[L.column[f_bill_ontime_share]] = nan_value;
  if (no_topups && consent.has(ConsentCategory::consumption)) u.values[L.column[f_topup_regularity]] = nan_value;
  if (no_wallet && consent.has(ConsentCategory::consumption)) u.values[L.column[f_wallet_balance_days]] = nan_value;
  if (no_daytime && consent.has(ConsentCategory::location)) u.values[L.column[f_work_regularity]] = nan_value;

  random::Stream ds(seed, id, 0, random::Purpose::default_event);
  u.bad = ds.bernoulli(u.pd);
}

}  // namespace

// ---------------------------------------------------------------- [driver]
std::vector<double> Population::row(std::size_t i) const {
  std::vector<double> out(values.size());
  for (std::size_t f = 0; f < values.size(); ++f) out[f] = static_cast<double>(values[f][i]);
  return out;
}

struct PopulationGenerator::Impl {
  Prepared pr;
};

PopulationGenerator::PopulationGenerator(const PopulationParams& params) : impl_(std::make_unique<Impl>()) {
  prepare(impl_->pr, params);
}
PopulationGenerator::~PopulationGenerator() = default;
PopulationGenerator::PopulationGenerator(PopulationGenerator&&) noexcept = default;
PopulationGenerator& PopulationGenerator::operator=(PopulationGenerator&&) noexcept = default;

const PopulationParams& PopulationGenerator::params() const { return impl_->pr.params; }
double PopulationGenerator::pd_intercept() const { return impl_->pr.c0; }

void PopulationGenerator::user_into(std::uint64_t seed, std::uint64_t user_id, SyntheticUser& out) const {
  generate_one(impl_->pr, seed, user_id, out);
}

SyntheticUser PopulationGenerator::user(std::uint64_t seed, std::uint64_t user_id) const {
  SyntheticUser u;
  user_into(seed, user_id, u);
  return u;
}

void PopulationGenerator::generate_into(Population& out, std::uint64_t seed, std::uint64_t first_user,
                                        std::size_t count) const {
  const Prepared& pr = impl_->pr;
  const std::size_t base = out.size();
  if (base == 0) {
    out.seed = seed;
    out.first_user = first_user;
  }
  FINLAB_REQUIRE(out.seed == seed, "generate_population_into: population seed " << out.seed << " differs from " << seed);
  const std::size_t columns = pr.layout.columns;
  if (out.values.empty()) out.values.resize(columns);
  FINLAB_REQUIRE(out.values.size() == columns, "generate_population_into: population has " << out.values.size()
                                                   << " feature columns, the schema " << columns);
  out.user_id.resize(base + count);
  out.consent.resize(base + count);
  out.pd.resize(base + count);
  out.bad.resize(base + count);
  for (auto& col : out.values) col.resize(base + count);
  SyntheticUser u;
  for (std::size_t i = 0; i < count; ++i) {
    generate_one(pr, seed, first_user + i, u);
    const std::size_t k = base + i;
    out.user_id[k] = u.user_id;
    out.consent[k] = u.consent.bits();
    out.pd[k] = u.pd;
    out.bad[k] = u.bad ? 1 : 0;
    for (std::size_t f = 0; f < columns; ++f) out.values[f][k] = static_cast<float>(u.values[f]);
  }
}

Population PopulationGenerator::generate(std::uint64_t seed, std::uint64_t first_user, std::size_t count) const {
  Population pop;
  generate_into(pop, seed, first_user, count);
  return pop;
}

SyntheticUser generate_user(const PopulationParams& params, std::uint64_t seed, std::uint64_t user_id) {
  return PopulationGenerator(params).user(seed, user_id);
}

void generate_population_into(Population& out, const PopulationParams& params, std::uint64_t seed,
                              std::uint64_t first_user, std::size_t count) {
  PopulationGenerator(params).generate_into(out, seed, first_user, count);
}

Population generate_population(const PopulationParams& params, std::uint64_t seed, std::uint64_t first_user,
                               std::size_t count) {
  return PopulationGenerator(params).generate(seed, first_user, count);
}

}  // namespace finlab::credit
