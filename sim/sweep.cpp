#include "sim/sweep.hpp"

#include <charconv>

namespace finlab::sim {

using money::int128;

Result<std::vector<int>> parse_cutoff_range(std::string_view text) {
  int v[3] = {0, 0, 0};
  std::size_t pos = 0;
  for (int k = 0; k < 3; ++k) {
    const std::size_t colon = k < 2 ? text.find(':', pos) : text.size();
    if (colon == std::string_view::npos) return fail("cutoffs must look like FROM:TO:STEP (e.g. 520:700:10), got \"" + std::string(text) + "\"");
    const std::string_view part = text.substr(pos, colon - pos);
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v[k]);
    if (ec != std::errc() || p != part.data() + part.size() || part.empty()) {
      return fail("cutoffs: \"" + std::string(part) + "\" is not a whole number (expected FROM:TO:STEP, e.g. 520:700:10)");
    }
    pos = colon + 1;
  }
  if (v[0] < 0 || v[1] > 1000) return fail("cutoffs must lie between 0 and 1000");
  if (v[2] <= 0) return fail("cutoffs: the step must be positive, got " + std::to_string(v[2]));
  if (v[0] > v[1]) return fail("cutoffs: inverted range " + std::to_string(v[0]) + " > " + std::to_string(v[1]));
  std::vector<int> out;
  for (int c = v[0]; c <= v[1]; c += v[2]) out.push_back(c);
  if (out.size() > 200) return fail("cutoffs: at most 200 points, got " + std::to_string(out.size()));
  return out;
}

Policy with_cutoff(const Policy& p, int cutoff) {
  Policy q = p;
  if (q.credit.refer_from) {
    const int width = q.credit.cutoff - *q.credit.refer_from;
    q.credit.refer_from = std::max(0, cutoff - width);
    if (*q.credit.refer_from >= cutoff) q.credit.refer_from.reset();
  }
  q.credit.cutoff = cutoff;
  return q;
}

void mark_frontier(std::vector<SweepPoint>& pts) {
  // approval = booked/applicants (higher better), loss = net_loss/booked (lower better), profit (higher better).
  auto cmp_ratio = [](std::int64_t an, std::int64_t ad, std::int64_t bn, std::int64_t bd) {
    // sign of an/ad − bn/bd (denominators >= 0; x/0 counts as 0)
    if (ad == 0) { an = 0; ad = 1; }
    if (bd == 0) { bn = 0; bd = 1; }
    const int128 l = int128(an) * bd, r = int128(bn) * ad;
    return l < r ? -1 : (l > r ? 1 : 0);
  };
  for (auto& p : pts) {
    p.efficient = true;
    for (const auto& q : pts) {
      if (&p == &q) continue;
      const int appr = cmp_ratio(q.application_bookings, q.applicants, p.application_bookings, p.applicants);  // >= 0: q at least as good
      const int loss = cmp_ratio(q.net_loss_fen, q.booked_fen, p.net_loss_fen, p.booked_fen);  // <= 0: q at least as good
      const int prof = q.net_profit_fen > p.net_profit_fen ? 1 : (q.net_profit_fen < p.net_profit_fen ? -1 : 0);
      if (appr >= 0 && loss <= 0 && prof >= 0 && (appr > 0 || loss < 0 || prof > 0)) {
        p.efficient = false;
        break;
      }
    }
  }
}

SweepPoint make_sweep_point(const RunConfig& config, int cutoff, const RunOutput& r) {
  SweepPoint p;
  p.cutoff = cutoff;
  MonthAcc sum;
  for (const auto& a : r.acc.month) sum.add(a);
  p.applicants = sum.applicants;
  p.booked_count = sum.booked_count;
  p.application_bookings = sum.application_bookings();
  p.booked_fen = sum.booked_fen;
  p.net_loss_fen = sum.chargeoff_fen - sum.recoveries_fen;
  for (int m = 0; m < r.acc.months; ++m) p.net_profit_fen += net_profit(r.acc, m);
  KpiContext ctx;
  ctx.users = config.users;
  ctx.months = config.months;
  ctx.start = config.scenario.start;
  for (const auto& pt : config.policy.partners) ctx.revenue_share.push_back(pt.revenue_share);
  ctx.train_band_counts = r.tables.train_band_counts;
  p.totals = run_totals(r.acc, ctx);
  return p;
}

Result<std::vector<SweepPoint>> run_sweep(const RunConfig& config, const std::vector<int>& cutoffs, ParallelOptions o) {
  if (cutoffs.empty()) return fail("no cutoffs to sweep");
  // With several ranks every rank builds the whole population and runs the
  // cutoffs k with k % ranks == rank; the accumulators meet on rank 0.
  Collective* const c = o.collective;
  o.collective = nullptr;  // the points' runs themselves are not split
  const int rank = c ? c->rank() : 0, ranks = c ? c->size() : 1;
  auto mine = [&](std::size_t k) { return static_cast<int>(k % static_cast<std::size_t>(ranks)) == rank; };
  std::uint64_t my_points = 0;
  for (std::size_t k = 0; k < cutoffs.size(); ++k) my_points += mine(k) ? 1 : 0;
  Progress progress;
  progress.work_total = config.users * kBuildUserWork + config.users * static_cast<std::uint64_t>(config.months) * my_points;
  auto st = RunState::create(config, std::move(o.model));
  if (!st) return fail(st.error());
  RunState& state = *st.value();
  if (c && !c->all_equal(fingerprint(state.model().card_json))) {
    return fail("the ranks trained different scorecards (are all ranks running the same finlab build with the same arguments?)");
  }
  if (!build_traits_parallel(state, o, progress)) return fail("interrupted");
  std::vector<RunAcc> accs(cutoffs.size());
  for (std::size_t k = 0; k < cutoffs.size(); ++k) {
    accs[k].init(config.months, state.engine().total_days());
    if (!mine(k)) continue;
    state.reset_policy(with_cutoff(config.policy, cutoffs[k]));
    if (!run_months_parallel(state, o, progress)) return fail("interrupted");
    accs[k] = state.finish().acc;
  }
  if (c) {
    std::vector<std::int64_t> all;
    for (const auto& a : accs) {
      const std::vector<std::int64_t> v = a.pack();
      all.insert(all.end(), v.begin(), v.end());
    }
    c->sum_to_root(all);
    if (rank != 0) return std::vector<SweepPoint>{};
    const std::size_t per = all.size() / accs.size();
    for (std::size_t k = 0; k < accs.size(); ++k) {
      accs[k].unpack(std::vector<std::int64_t>(all.begin() + static_cast<std::ptrdiff_t>(k * per),
                                               all.begin() + static_cast<std::ptrdiff_t>((k + 1) * per)));
    }
  }
  std::vector<SweepPoint> out;
  RunOutput r;
  r.tables = state.model().tables;
  for (std::size_t k = 0; k < cutoffs.size(); ++k) {
    r.acc = std::move(accs[k]);
    out.push_back(make_sweep_point(config, cutoffs[k], r));
  }
  mark_frontier(out);
  return out;
}

}  // namespace finlab::sim
