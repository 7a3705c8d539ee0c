#include "sim/selection_report.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "core/credit/training.hpp"
#include "core/credit/validation.hpp"
#include "core/money/decimal.hpp"
#include "core/money/rounding.hpp"
#include "sim/population.hpp"

namespace finlab::sim {

namespace {

using money::int128;

// One method's card on the history, with what training reports.
struct MethodCard {
  credit::Scorecard card;
  std::int64_t training_rows = 0;
  std::int64_t inferred_bads = 0;
};

Result<MethodCard> train_method(const BookedHistory& h, const HistorySetup& setup, std::uint64_t seed, credit::RejectInference method) {
  const credit::RejectInferenceOptions ri = history_training_options(setup, seed, method);
  if (setup.cutoff <= 0) {
    // Full information, as train_scoring_model: every method is the plain card.
    auto t = credit::train_scorecard(h.data, ri.train);
    if (!t) return fail("training the card failed: " + t.error());
    return MethodCard{t.value().card, t.value().train_rows, 0};
  }
  auto t = credit::train_with_reject_inference(h.data, h.booked, ri);
  if (!t) return fail("training the card with reject inference '" + std::string(credit::to_string(method)) + "' failed: " + t.error());
  return MethodCard{t.value().trained.card, t.value().training_rows, t.value().inferred_bads};
}

// What the incumbent did with the test split (the report's header).
void count_incumbent(const BookedHistory& h, SelectionReport& r) {
  for (std::size_t i = 0; i < h.applicants.size(); ++i) {
    if (h.data.split[i] != credit::Split::test) continue;
    ++r.test_applicants;
    r.test_bads += h.applicants.bad[i];
    if (h.booked[i] == 1) ++r.test_approved;
    else if (h.booked[i] == 2) ++r.test_holdout;
    else {
      ++r.test_declined;
      r.test_declined_bads += h.applicants.bad[i];
    }
  }
}

// The card's row: AUC on every test applicant, swap-ins and swap-outs at the cutoff.
Result<SelectionRow> method_row(const BookedHistory& h, const MethodCard& mc, credit::RejectInference method, int cutoff) {
  auto scorer = credit::PopulationScorer::bind(mc.card);
  if (!scorer) return fail("the card of '" + std::string(credit::to_string(method)) + "': " + scorer.error());
  const credit::Population& pop = h.applicants;
  std::vector<std::int32_t> score(pop.size());
  scorer.value().score_all(pop, score);
  // 12-month PD in ppm per whole score, as the run's tables (population.cpp tables_of).
  std::vector<std::int64_t> pd_ppm(1024);
  for (int s = 0; s < 1024; ++s) pd_ppm[static_cast<std::size_t>(s)] = static_cast<std::int64_t>(std::clamp(mc.card.pd_of_score(s) * 1e6 + 0.5, 0.0, 1e6));
  SelectionRow row;
  row.method = method;
  row.training_rows = mc.training_rows;
  row.inferred_bads = mc.inferred_bads;
  std::vector<std::int32_t> test_score;
  std::vector<std::uint8_t> test_bad;
  for (std::size_t i = 0; i < pop.size(); ++i) {
    if (h.data.split[i] != credit::Split::test) continue;
    test_score.push_back(score[i]);
    test_bad.push_back(pop.bad[i]);
    const int s = std::clamp(score[i], 0, 1023);
    const bool approves = s >= cutoff;
    row.approved += approves ? 1 : 0;
    if (approves && h.booked[i] == 0) {
      ++row.swap_in;
      row.swap_in_pd_ppm += pd_ppm[static_cast<std::size_t>(s)];
      row.swap_in_bads += pop.bad[i];
    } else if (!approves && h.booked[i] == 1) {
      ++row.swap_out;
      row.swap_out_bads += pop.bad[i];
    }
  }
  const auto bads = std::count(test_bad.begin(), test_bad.end(), std::uint8_t{1});
  const bool both = bads > 0 && bads < static_cast<std::ptrdiff_t>(test_bad.size());  // AUC needs goods and bads
  row.auc = both ? credit::auc(std::span<const std::int32_t>(test_score), std::span<const std::uint8_t>(test_bad)) : 0.0;
  return row;
}

// num ÷ den × 10^digits, half-up, as text with `digits` decimals ("" when den is 0).
std::string fixed_ratio(int128 num, int128 den, int digits) {
  if (den == 0) return {};
  const int128 scaled = money::div_round(num * money::pow10_i64(digits), den, money::Rounding::half_up);
  return money::format_fixed(money::narrow_checked(scaled, "selection report"), digits);
}

}  // namespace

Result<SelectionReport> selection_report(const Policy& policy, std::uint64_t seed, std::int64_t history_users,
                                         const credit::PopulationParams& params, std::span<const credit::RejectInference> methods) {
  const HistorySetup setup = history_setup(policy.credit, policy.assumptions ? *policy.assumptions : Assumptions{});
  auto booked = book_history(seed, history_users, params, setup);
  if (!booked) return fail(booked.error());
  const BookedHistory& h = booked.value();
  SelectionReport r;
  r.seed = seed;
  r.history_users = history_users;
  r.cutoff = policy.credit.cutoff;
  r.incumbent_cutoff = setup.cutoff;
  r.run_method = setup.reject_inference;
  count_incumbent(h, r);
  std::unique_ptr<MethodCard> full;  // under full information one card serves every method
  for (const auto method : methods) {
    if (!full || setup.cutoff > 0) {
      auto mc = train_method(h, setup, seed, method);
      if (!mc) return fail(mc.error());
      full = std::make_unique<MethodCard>(std::move(mc).value());
    }
    auto row = method_row(h, *full, method, r.cutoff);
    if (!row) return fail(row.error());
    r.rows.push_back(row.value());
  }
  return r;
}

std::string predicted_bad_rate(const SelectionRow& r) { return fixed_ratio(int128(r.swap_in_pd_ppm) * 100, int128(r.swap_in) * 1'000'000, 4); }
std::string true_bad_rate(const SelectionRow& r) { return fixed_ratio(int128(r.swap_in_bads) * 100, r.swap_in, 4); }
std::string difference_pp(const SelectionRow& r) {
  return fixed_ratio((int128(r.swap_in_pd_ppm) - int128(r.swap_in_bads) * 1'000'000) * 100, int128(r.swap_in) * 1'000'000, 4);
}
std::string predicted_to_true(const SelectionRow& r) {
  if (r.swap_in == 0) return {};
  return fixed_ratio(r.swap_in_pd_ppm, int128(r.swap_in_bads) * 1'000'000, 4);
}
std::string swap_out_bad_rate(const SelectionRow& r) { return fixed_ratio(int128(r.swap_out_bads) * 100, r.swap_out, 4); }
std::string auc_text(const SelectionRow& r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", r.auc);
  return buf;
}

}  // namespace finlab::sim
