#include "sim/population.hpp"

#include <algorithm>
#include <cmath>

#include "core/credit/dataset.hpp"
#include "core/credit/reject_inference.hpp"
#include "core/credit/scaling.hpp"
#include "core/credit/scorecard_json.hpp"
#include "core/credit/training.hpp"
#include "core/credit/validation.hpp"
#include "core/math/deterministic.hpp"
#include "core/random/stream.hpp"

namespace finlab::sim {

std::uint32_t monthly_hazard_ppm(double pd12) {
  if (!(pd12 > 0)) return 0;
  if (pd12 >= 1) return 1'000'000;
  const double h = -math::expm1(math::log1p(-pd12) / 12.0);
  return static_cast<std::uint32_t>(std::clamp(h * 1e6 + 0.5, 0.0, 1e6));
}

namespace {

ScoreTables tables_of(const credit::Scorecard& card) {
  ScoreTables t;
  for (int s = 0; s < 1024; ++s) {
    const double pd = card.pd_of_score(static_cast<double>(s));
    t.pd12_ppm[s] = static_cast<std::uint32_t>(std::clamp(pd * 1e6 + 0.5, 0.0, 1e6));
    t.card_band[s] = static_cast<std::uint8_t>(std::min(card.bands.band_of(s), kMaxScoreBands - 1));
  }
  t.train_band_counts = card.train_band_counts;
  t.band_names = card.bands.names;
  return t;
}

}  // namespace

HistorySetup history_setup(const CreditPolicy& c, const Assumptions& a) {
  HistorySetup h;
  h.cutoff = c.incumbent_cutoff;
  h.holdout_ppm = static_cast<std::uint32_t>(money::div_round(c.incumbent_holdout.units(), money::Rate::one_units / 1'000'000, money::Rounding::half_up));
  h.insight_ppm = a.incumbent_insight_ppm;
  h.pilot_users = a.pilot_users;
  h.reject_inference = c.reject_inference;
  h.parcel_factor = static_cast<double>(c.parcel_factor.units()) / static_cast<double>(money::Rate::one_units);
  return h;
}

std::vector<std::uint8_t> incumbent_booked(const credit::Population& pop, std::span<const std::int32_t> incumbent_score,
                                           const HistorySetup& setup, std::uint64_t seed) {
  FINLAB_REQUIRE(incumbent_score.size() == pop.size(), "incumbent_booked: one score per user");
  std::vector<std::uint8_t> booked(pop.size(), 1);
  if (setup.cutoff <= 0) return booked;
  const credit::ScoreScaling scaling{};
  const double insight = setup.insight_ppm / 1e6;
  const std::uint64_t sseed = sim_seed(seed);
  for (std::size_t i = 0; i < pop.size(); ++i) {
    const double pd = std::clamp(pop.pd[i], 1e-6, 1 - 1e-6);
    const double truth_score = credit::score_from_odds(scaling, (1 - pd) / pd);
    const double decision = incumbent_score[i] + insight * (truth_score - incumbent_score[i]);
    if (decision >= setup.cutoff) continue;
    random::Stream rs(sseed, pop.user_id[i], 0, kPurposeHistoryHoldout);
    booked[i] = rs.bernoulli_ppm(setup.holdout_ppm) ? 2 : 0;
  }
  return booked;
}

namespace {

double test_auc(const credit::Scorecard& card, const credit::Population& pop, const credit::Dataset& data, const std::vector<std::uint8_t>* only) {
  auto scorer = credit::PopulationScorer::bind(card);
  if (!scorer) return 0;
  std::vector<std::int32_t> scores(pop.size());
  scorer.value().score_all(pop, scores);
  std::vector<std::int32_t> ts;
  std::vector<std::uint8_t> tb;
  for (std::size_t i = 0; i < pop.size(); ++i) {
    if (data.split[i] == credit::Split::test && (!only || (*only)[i])) {
      ts.push_back(scores[i]);
      tb.push_back(pop.bad[i]);
    }
  }
  bool both = false;
  for (auto b : tb) both = both || b != tb.front();
  if (ts.empty() || !both) return 0;
  return credit::auc(std::span<const std::int32_t>(ts), std::span<const std::uint8_t>(tb));
}

}  // namespace

Result<ScoringModel> train_scoring_model(std::uint64_t seed, std::int64_t history_users, const credit::PopulationParams& params) {
  return train_scoring_model(seed, history_users, params, history_setup(CreditPolicy{}, Assumptions{}));
}

Result<BookedHistory> book_history(std::uint64_t seed, std::int64_t history_users, const credit::PopulationParams& params,
                                   const HistorySetup& setup) {
  if (history_users < 1000) return fail("the training history needs at least 1,000 users, got " + std::to_string(history_users));
  BookedHistory h;
  h.applicants = credit::generate_population(params, seed, kHistoryFirstUser, static_cast<std::size_t>(history_users));
  h.data = credit::dataset_from_population(h.applicants, credit::builtin_schema(), 0.3);
  h.booked.assign(h.applicants.size(), 1);
  if (setup.cutoff <= 0) return h;  // full information: every applicant's outcome is known
  if (setup.pilot_users < 1000) return fail("the incumbent's pilot needs at least 1,000 users, got " + std::to_string(setup.pilot_users));
  const credit::Population pilot = credit::generate_population(params, seed, kPilotFirstUser, static_cast<std::size_t>(setup.pilot_users));
  credit::TrainOptions popts;
  popts.name = "incumbent";
  auto inc = credit::train_scorecard(credit::dataset_from_population(pilot, credit::builtin_schema(), 0.0), popts);
  if (!inc) return fail("training the incumbent's card on its pilot failed: " + inc.error());
  auto inc_scorer = credit::PopulationScorer::bind(inc.value().card);
  if (!inc_scorer) return fail("the incumbent's card: " + inc_scorer.error());
  std::vector<std::int32_t> inc_score(h.applicants.size());
  inc_scorer.value().score_all(h.applicants, inc_score);
  h.booked = incumbent_booked(h.applicants, inc_score, setup, seed);
  return h;
}

credit::RejectInferenceOptions history_training_options(const HistorySetup& setup, std::uint64_t seed, credit::RejectInference method) {
  credit::RejectInferenceOptions ri;
  ri.method = method;
  ri.parcel_factor = setup.parcel_factor;
  ri.seed = sim_seed(seed);
  ri.train.name = "sim-history";
  return ri;
}

Result<ScoringModel> train_scoring_model(std::uint64_t seed, std::int64_t history_users, const credit::PopulationParams& params,
                                         const HistorySetup& setup) {
  auto booked_history = book_history(seed, history_users, params, setup);
  if (!booked_history) return fail(booked_history.error());
  const credit::Population& hist = booked_history.value().applicants;
  const credit::Dataset& data = booked_history.value().data;
  const std::vector<std::uint8_t>& booked = booked_history.value().booked;
  const credit::RejectInferenceOptions ri = history_training_options(setup, seed, setup.reject_inference);
  HistoryStats st;
  st.applicants = static_cast<std::int64_t>(hist.size());
  for (auto b : hist.bad) st.all_bads += b;
  std::shared_ptr<credit::Scorecard> card;
  if (setup.cutoff <= 0) {
    // Full information: every applicant's outcome is known.
    auto trained = credit::train_scorecard(data, ri.train);
    if (!trained) return fail("training the run's scorecard failed: " + trained.error());
    card = std::make_shared<credit::Scorecard>(trained.value().card);
    st.training_rows = trained.value().train_rows;
  } else {
    auto trained = credit::train_with_reject_inference(data, booked, ri);
    if (!trained) return fail("training the run's scorecard on the incumbent's booked history failed: " + trained.error());
    card = std::make_shared<credit::Scorecard>(trained.value().trained.card);
    st.inferred_bads = trained.value().inferred_bads;
    st.training_rows = trained.value().training_rows;
    for (auto b : booked) st.holdout_booked += b == 2 ? 1 : 0;
  }
  for (std::size_t i = 0; i < hist.size(); ++i) {
    st.booked += booked[i] ? 1 : 0;
    st.booked_bads += booked[i] ? hist.bad[i] : 0;
  }
  ScoringModel model;
  model.card_json = credit::scorecard_to_json(*card);
  model.tables = tables_of(*card);
  model.history_users = history_users;
  st.true_auc = test_auc(*card, hist, data, nullptr);
  st.booked_auc = setup.cutoff <= 0 ? st.true_auc : test_auc(*card, hist, data, &booked);
  model.train_auc = st.true_auc;
  model.history = st;
  model.card = std::move(card);
  return model;
}

Result<ScoringModel> scoring_model_from_json(std::string_view card_json) {
  auto card = credit::scorecard_from_json(card_json);
  if (!card) return fail("stored scorecard: " + card.error());
  ScoringModel model;
  auto c = std::make_shared<credit::Scorecard>(std::move(card).value());
  model.card_json = std::string(card_json);
  model.tables = tables_of(*c);
  model.card = std::move(c);
  return model;
}

namespace {

// Income band bounds in fen per month (assets/features/schema.json income_band levels).
constexpr std::int64_t kIncomeLo[5] = {150'000, 300'000, 500'000, 1'000'000, 2'000'000};
constexpr std::int64_t kIncomeHi[5] = {300'000, 500'000, 1'000'000, 2'000'000, 6'000'000};

std::uint16_t p16(double p) { return static_cast<std::uint16_t>(std::clamp(p * 65536.0, 0.0, 65535.0)); }

}  // namespace

void build_traits(const ScoringModel& model, const Scenario& scenario, const credit::PopulationParams& params, std::uint64_t seed,
                  std::uint64_t first_user, std::size_t count, Traits& tr, std::size_t offset) {
  FINLAB_REQUIRE(model.card, "build_traits: no scorecard");
  FINLAB_REQUIRE(tr.first_user + offset == first_user && offset + count <= tr.size(),
                 "build_traits: users " << first_user << "+" << count << " do not fit traits at offset " << offset);
  const auto& schema = credit::builtin_schema();
  const auto col_income = schema.index_of("income_band");
  const auto col_dti = schema.index_of("debt_to_income");
  FINLAB_REQUIRE(col_income && col_dti, "the feature schema lacks income_band or debt_to_income");
  auto scorer_r = credit::PopulationScorer::bind(*model.card, schema);
  FINLAB_REQUIRE(scorer_r.ok(), "scorecard does not fit the population: " << scorer_r.error());
  const credit::PopulationScorer& scorer = scorer_r.value();
  const std::uint64_t sseed = sim_seed(seed);
  const bool shock = scenario.has_consent_shock();

  constexpr std::size_t chunk = 16384;
  const credit::PopulationGenerator generator(params);  // set-up once, not per chunk
  credit::Population pop;
  std::vector<std::int32_t> beh(chunk), app(chunk);
  std::vector<std::uint8_t> consent_saved;
  for (std::size_t done = 0; done < count; done += chunk) {
    const std::size_t n = std::min(chunk, count - done);
    pop = generator.generate(seed, first_user + done, n);
    // Consent shock: each behaviour category is withdrawn with the scenario's probability.
    if (shock) {
      for (std::size_t i = 0; i < n; ++i) {
        random::Stream rs(sseed, pop.user_id[i], 0, kPurposeConsentShock);
        credit::ConsentMask mask = credit::ConsentMask::from_bits(pop.consent[i]);
        for (auto cat : credit::all_consent_categories) {
          if (cat == credit::ConsentCategory::application) continue;
          if (rs.bernoulli_ppm(scenario.consent_withdrawal_ppm[static_cast<int>(cat)])) mask = mask.without(cat);
        }
        pop.consent[i] = mask.bits();
      }
    }
    scorer.score_all(pop, std::span<std::int32_t>(beh.data(), n));
    consent_saved = pop.consent;
    std::fill(pop.consent.begin(), pop.consent.end(), credit::ConsentMask::application_only().bits());
    scorer.score_all(pop, std::span<std::int32_t>(app.data(), n));
    pop.consent = consent_saved;

    const auto& income_col = pop.values[*col_income];
    const auto& dti_col = pop.values[*col_dti];
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = offset + done + i;
      tr.score[k] = static_cast<std::uint16_t>(std::clamp(beh[i], 0, 1023));
      tr.score_app[k] = static_cast<std::uint16_t>(std::clamp(app[i], 0, 1023));
      tr.consent[k] = pop.consent[i];
      tr.bad[k] = pop.bad[i];
      const double pd = pop.pd[i];
      tr.pd_ppm[k] = static_cast<std::uint32_t>(std::clamp(pd * 1e6 + 0.5, 0.0, 1e6));
      tr.hazard_ppm[k] = monthly_hazard_ppm(pd);

      random::Stream risk_stream(sseed, pop.user_id[i], 0, kPurposeRiskTraits);
      tr.risk_u32[k] = risk_stream.next_u32();

      random::Stream rs(sseed, pop.user_id[i], 0, kPurposeTraits);
      const float band_f = income_col[i];
      const int band = std::isnan(band_f) ? 1 : std::clamp(static_cast<int>(band_f), 0, 4);
      std::int64_t income = kIncomeLo[band] + static_cast<std::int64_t>(rs.below(static_cast<std::uint64_t>(kIncomeHi[band] - kIncomeLo[band])));
      income -= income % 1000;  // whole 10 yuan
      tr.income_fen[k] = static_cast<std::uint32_t>(income);
      const float dti = dti_col[i];
      const std::int64_t dti_pct = std::isnan(dti) ? 0 : std::llround(static_cast<double>(dti) * 100.0);
      tr.debt_fen[k] = static_cast<std::uint32_t>(income * std::clamp<std::int64_t>(dti_pct, 0, 300) / 100);

      // Loan demand: about 2% a month, heavier-tailed across users, and more
      // frequent among riskier users (adverse selection).
      const double z = rs.normal();
      const double risk = std::min(pd / 0.06, 5.0);
      const double apply = 0.02 * math::exp(0.6 * z - 0.18) * (0.6 + 0.4 * risk);
      tr.apply_ppm[k] = static_cast<std::uint32_t>(std::clamp(apply, 0.0, 0.5) * 1e6 + 0.5);
      const double mult = 0.5 + 2.5 * rs.uniform01();  // wants 0.5 to 3 months of income
      tr.request_hundreds[k] = static_cast<std::uint16_t>(std::clamp<std::int64_t>(static_cast<std::int64_t>(income * mult) / 10'000, 5, 65535));

      // 活期宝 use: more common with higher income.
      const double uses = 0.30 + 0.08 * band;
      const double u0 = rs.uniform01(), u1 = rs.uniform01(), u2 = rs.uniform01(), u3 = rs.uniform01(), u4 = rs.uniform01(), u5 = rs.uniform01();
      if (u0 < uses) {
        tr.fund_deposit_p16[k] = std::max<std::uint16_t>(1, p16(0.2 + 0.5 * u1));
        tr.fund_deposit_permille[k] = static_cast<std::uint16_t>(50 + 350 * u2);
        tr.fund_redeem_p16[k] = p16(0.1 + 0.3 * u3);
        tr.fund_redeem_permille[k] = static_cast<std::uint16_t>(100 + 900 * u4);
        tr.fund_fast_p8[k] = static_cast<std::uint8_t>(std::min(255.0, 256.0 * (0.2 + 0.7 * u5)));
      } else {
        tr.fund_deposit_p16[k] = 0;
        tr.fund_deposit_permille[k] = 0;
        tr.fund_redeem_p16[k] = 0;
        tr.fund_redeem_permille[k] = 0;
        tr.fund_fast_p8[k] = 0;
      }
    }
  }
}

}  // namespace finlab::sim
