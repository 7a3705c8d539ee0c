#include "sim/analysis.hpp"

#include "core/money/rounding.hpp"

namespace finlab::sim {

using money::int128;

void ScoreHistogram::add(const ScoreHistogram& o) {
  for (std::size_t s = 0; s < count.size(); ++s) {
    count[s] += o.count[s];
    pd_ppm[s] += o.pd_ppm[s];
    bad[s] += o.bad[s];
  }
}

std::int64_t ScoreHistogram::approved(int cutoff) const {
  std::int64_t n = 0;
  for (int s = std::max(cutoff, 0); s < static_cast<int>(count.size()); ++s) n += count[s];
  return n;
}

std::int64_t ScoreHistogram::approved_pd(int cutoff) const {
  std::int64_t n = 0;
  for (int s = std::max(cutoff, 0); s < static_cast<int>(pd_ppm.size()); ++s) n += pd_ppm[s];
  return n;
}

void score_histograms(const Traits& t, std::size_t begin, std::size_t end, ScoreHistogram& beh, ScoreHistogram& app) {
  for (std::size_t i = begin; i < end; ++i) {
    beh.count[t.score[i]] += 1;
    beh.pd_ppm[t.score[i]] += t.pd_ppm[i];
    beh.bad[t.score[i]] += t.bad[i];
    app.count[t.score_app[i]] += 1;
    app.pd_ppm[t.score_app[i]] += t.pd_ppm[i];
    app.bad[t.score_app[i]] += t.bad[i];
  }
}

ValueOfData value_of_data(const ScoreHistogram& beh, const ScoreHistogram& app, int policy_cutoff) {
  ValueOfData v;
  v.population = beh.approved(0);
  v.behaviour_cutoff = policy_cutoff;
  v.behaviour_approved = beh.approved(policy_cutoff);
  v.behaviour_pd_ppm = beh.approved_pd(policy_cutoff);
  // Lowest application-only cutoff whose expected bad rate is at most the
  // behaviour score's: pd_a / n_a <= pd_b / n_b  <=>  pd_a * n_b <= pd_b * n_a.
  v.application_cutoff = 1024;
  for (int c = 0; c <= 1024; ++c) {
    const std::int64_t n = app.approved(c), pd = app.approved_pd(c);
    if (n == 0) break;
    if (v.behaviour_approved == 0 || int128(pd) * v.behaviour_approved <= int128(v.behaviour_pd_ppm) * n) {
      v.application_cutoff = c;
      break;
    }
  }
  v.application_approved = app.approved(v.application_cutoff);
  v.application_pd_ppm = app.approved_pd(v.application_cutoff);
  return v;
}

int matched_cutoff(const ScoreHistogram& h, std::int64_t approvals) {
  // The highest cutoff that still approves at least `approvals` users.
  if (approvals <= 0) return static_cast<int>(h.count.size());
  std::int64_t n = 0;
  for (int c = static_cast<int>(h.count.size()) - 1; c >= 0; --c) {
    n += h.count[c];
    if (n >= approvals) return c;
  }
  return 0;
}

void swap_table(const Traits& t, std::size_t begin, std::size_t end, SwapTable& out) {
  for (std::size_t i = begin; i < end; ++i) {
    const bool champion = t.score_app[i] >= out.champion_cutoff;
    const bool challenger = t.score[i] >= out.challenger_cutoff;
    const int cell = champion ? (challenger ? kBothApprove : kSwapOut) : (challenger ? kSwapIn : kBothDecline);
    out.count[cell] += 1;
    out.pd_ppm[cell] += t.pd_ppm[i];
    out.bad[cell] += t.bad[i];
  }
}

Analyses compute_analyses(const Traits& t, int policy_cutoff) {
  Analyses a;
  score_histograms(t, 0, t.size(), a.behaviour, a.application);
  a.value = value_of_data(a.behaviour, a.application, policy_cutoff);
  a.swap.challenger_cutoff = policy_cutoff;
  a.swap.champion_cutoff = matched_cutoff(a.application, a.value.behaviour_approved);
  swap_table(t, 0, t.size(), a.swap);
  return a;
}

}  // namespace finlab::sim
