#include "core/portfolio/projection.hpp"

#include <algorithm>
#include <numeric>

#include "core/portfolio/performance.hpp"
#include "core/portfolio/suitability_gate.hpp"

namespace finlab::portfolio {

using money::Money;

void PathOutputs::resize(std::size_t paths, std::size_t cps) {
  checkpoints = cps;
  checkpoint_fen.assign(paths * cps, 0);
  end_fen.assign(paths, 0);
  mmf_income_fen.assign(paths, 0);
  fees_fen.assign(paths, 0);
  twr_annualized.assign(paths, 0.0);
  max_drawdown.assign(paths, 0.0);
  regular_skipped.assign(paths, 0);
}

Result<Projection> Projection::prepare(const Plan& plan, const ProjectionSettings& settings, const time::TradingCalendar& calendar,
                                      text::Message* why) {
  using text::Arg;
  using text::Id;
  const auto refuse = [why](text::Message m) -> Result<Projection> {
    std::string en = text::render(m, text::Lang::en);
    if (why) *why = std::move(m);
    return fail(std::move(en));
  };
  if (settings.paths == 0) return refuse(text::make(Id::pf_paths_min, {}));
  if (settings.paths > 10'000'000) return refuse(text::make(Id::pf_paths_max, {}));
  if (settings.years < 1 || settings.years > 50) return refuse(text::make(Id::pf_years_range, {Arg::verbatim(std::to_string(settings.years))}));
  if (plan.funds.size() > 64) return refuse(text::make(Id::pf_funds_max, {}));
  if (const PlanSuitability su = check_plan_suitability(plan); !su.allowed())
    return refuse(text::make(Id::pf_suitability_refused, {Arg::names({su.decision.why_en, su.decision.why_zh}),
                                                          Arg::number(static_cast<std::int64_t>(su.decision.verdict))}));
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    if (auto err = plan.funds[f].nav_model.validate_message()) return refuse(text::make(Id::pf_fund_nav_model, {Arg::verbatim(plan.funds[f].id), Arg::of(*err)}));
  }
  ScheduleInputs in;
  in.end = projection_end(plan, settings.years);
  auto s = build_schedule(plan, calendar, in);
  if (!s) return refuse(text::with_english(s.error(), text::make(Id::pf_schedule_failed, {})));
  Projection p;
  p.plan_ = std::make_shared<const Plan>(plan);
  p.schedule_ = std::make_shared<const Schedule>(std::move(s).value());
  auto models = std::make_shared<std::vector<GarchNavModel>>();
  for (const auto& f : plan.funds) models->emplace_back(f.nav_model);
  p.models_ = std::move(models);
  if (plan.funds.size() >= 2) {
    std::vector<GarchNavParams> params;
    for (const auto& f : plan.funds) params.push_back(f.nav_model);
    const std::vector<money::Rate> corr = plan.correlation_matrix();
    CorrelationProblem bad;
    if (auto l = correlation_factor(corr, plan.funds.size(), &bad); !l) return refuse(text::make(Id::pf_corr_in, {Arg::of(bad.message())}));
    p.joint_ = std::make_shared<const JointNavModel>(params, corr);
  }
  p.settings_ = settings;
  // Money put in by each checkpoint: deposits do not depend on the path.
  const Schedule& sc = *p.schedule_;
  std::int64_t cum = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < sc.size() && k < sc.checkpoints.size(); ++i) {
    for (std::uint32_t e = sc.event_begin[i]; e < sc.event_begin[i + 1]; ++e) {
      const Event& ev = sc.events[e];
      if (ev.kind == EventKind::initial_deposit) cum += plan.initial_deposit.units();
      if (ev.kind == EventKind::deposit) cum += plan.deposits[ev.ref].amount.units();
    }
    if (sc.checkpoints[k] == i) {
      p.paid_in_at_.push_back(Money::from_units(cum));
      ++k;
    }
  }
  return p;
}

void Projection::joint_path(std::size_t path, std::int64_t* const* outs, std::int64_t* const* divs) const {
  const Schedule& s = *schedule_;
  const std::size_t nf = plan_->funds.size();
  std::vector<money::Rate> yields(nf);
  for (std::size_t f = 0; f < nf; ++f) yields[f] = plan_->funds[f].dividend_yield;
  joint_->generate(settings_.seed, path, std::span<std::int64_t* const>(outs, nf), s.size(),
                   std::span<const std::vector<std::uint32_t>>(s.ex_days.data(), nf), yields, std::span<std::int64_t* const>(divs, nf));
}

void Projection::market_path(std::size_t path, std::size_t fund, std::vector<std::int64_t>& nav, std::vector<std::int64_t>& div) const {
  const Schedule& s = *schedule_;
  nav.resize(s.size());
  div.resize(s.size());
  if (joint_) {
    const std::size_t nf = plan_->funds.size();
    std::vector<std::vector<std::int64_t>> navs(nf, std::vector<std::int64_t>(s.size())), divs(nf, std::vector<std::int64_t>(s.size()));
    std::vector<std::int64_t*> o(nf), d(nf);
    for (std::size_t f = 0; f < nf; ++f) {
      o[f] = navs[f].data();
      d[f] = divs[f].data();
    }
    joint_path(path, o.data(), d.data());
    nav = std::move(navs[fund]);
    div = std::move(divs[fund]);
    return;
  }
  (*models_)[fund].generate(settings_.seed, path, static_cast<std::uint32_t>(fund), nav, s.ex_days[fund], plan_->funds[fund].dividend_yield, div);
}

void Projection::run(std::size_t first, std::size_t count, PathOutputs& out) const {
  const Schedule& s = *schedule_;
  const std::size_t nf = plan_->funds.size();
  const std::size_t cps = s.checkpoints.size();
  const std::size_t days = s.size();
  FINLAB_REQUIRE(first + count <= settings_.paths, "Projection::run: paths " << first << "+" << count << " beyond " << settings_.paths);
  FINLAB_REQUIRE(out.end_fen.size() == settings_.paths && out.checkpoints == cps, "Projection::run: outputs not sized for this projection");
  // NAV paths are generated kBatch paths at a time (interleaved), then each path runs through the engine.
  constexpr std::size_t kBatch = 8;
  std::vector<std::int64_t> nav(nf * kBatch * days), div(nf * kBatch * days);
  auto nav_of = [&](std::size_t f, std::size_t b) { return nav.data() + (f * kBatch + b) * days; };
  auto div_of = [&](std::size_t f, std::size_t b) { return div.data() + (f * kBatch + b) * days; };
  std::vector<FundMarket> market(nf);
  Engine engine(*plan_, s);
  const int calendar_days = s.days.back() - s.days.front();
  for (std::size_t p0 = first; p0 < first + count; p0 += kBatch) {
    const std::size_t batch = std::min(kBatch, first + count - p0);
    if (joint_) {
      std::int64_t* navs[64];
      std::int64_t* divs[64];
      for (std::size_t b = 0; b < batch; ++b) {
        for (std::size_t f = 0; f < nf; ++f) {
          navs[f] = nav_of(f, b);
          divs[f] = div_of(f, b);
        }
        joint_path(p0 + b, navs, divs);
      }
    }
    for (std::size_t f = 0; f < nf && !joint_; ++f) {
      std::int64_t* navs[kBatch];
      std::int64_t* divs[kBatch];
      for (std::size_t b = 0; b < batch; ++b) {
        navs[b] = nav_of(f, b);
        divs[b] = div_of(f, b);
      }
      (*models_)[f].generate_batch(settings_.seed, p0, static_cast<std::uint32_t>(f), std::span<std::int64_t* const>(navs, batch), days,
                                   s.ex_days[f], plan_->funds[f].dividend_yield, std::span<std::int64_t* const>(divs, batch));
    }
    for (std::size_t b = 0; b < batch; ++b) {
      const std::size_t p = p0 + b;
      for (std::size_t f = 0; f < nf; ++f) market[f] = {std::span<const std::int64_t>(nav_of(f, b), days), std::span<const std::int64_t>(div_of(f, b), days)};
      const PathResult r = engine.run(market, nullptr, std::span<std::int64_t>(out.checkpoint_fen.data() + p * cps, cps));
      out.end_fen[p] = r.totals.end_value.units();
      out.mmf_income_fen[p] = r.totals.mmf_income.units();
      out.fees_fen[p] = (r.totals.subscription_fees + r.totals.redemption_fees).units();
      const double ann = annualize(r.stats.growth, calendar_days);
      out.twr_annualized[p] = ann == ann ? ann : -1.0;  // NaN (nothing invested) → −100%
      out.max_drawdown[p] = r.stats.max_drawdown;
      out.regular_skipped[p] = r.totals.regular_skipped;
    }
  }
}

PathOutputs Projection::run_all() const {
  PathOutputs out;
  out.resize(settings_.paths, schedule_->checkpoints.size());
  run(0, settings_.paths, out);
  return out;
}

PathResult Projection::replay_path(std::size_t path, Ledger& ledger) const {
  const std::size_t nf = plan_->funds.size();
  std::vector<std::vector<std::int64_t>> nav(nf), div(nf);
  std::vector<FundMarket> market(nf);
  for (std::size_t f = 0; f < nf; ++f) {
    market_path(path, f, nav[f], div[f]);
    market[f] = {nav[f], div[f]};
  }
  Engine engine(*plan_, *schedule_);
  return engine.run(market, &ledger, {});
}

namespace {

// Nearest rank: the smallest value with at least pct% of the values at or below it.
template <class T>
T rank(const std::vector<T>& sorted, int pct) {
  const std::size_t n = sorted.size();
  std::size_t r = (static_cast<std::size_t>(pct) * n + 99) / 100;  // ceil(pct/100 × n)
  if (r < 1) r = 1;
  return sorted[r - 1];
}

// Several nearest-rank percentiles (ascending pct) with partial selection
// instead of a full sort; `v` is reordered.
std::vector<std::int64_t> ranks(std::vector<std::int64_t>& v, std::initializer_list<int> pcts) {
  std::vector<std::int64_t> out;
  auto from = v.begin();
  for (int pct : pcts) {
    std::size_t r = (static_cast<std::size_t>(pct) * v.size() + 99) / 100;
    if (r < 1) r = 1;
    auto nth = v.begin() + static_cast<std::ptrdiff_t>(r - 1);
    if (nth >= from) std::nth_element(from, nth, v.end());
    out.push_back(*nth);
    from = nth + 1;
  }
  return out;
}

}  // namespace

ProjectionSummary Projection::summarize(const PathOutputs& out) const {
  const Schedule& s = *schedule_;
  const std::size_t n = settings_.paths;
  const std::size_t cps = s.checkpoints.size();
  FINLAB_REQUIRE(out.end_fen.size() == n, "summarize: outputs of " << out.end_fen.size() << " paths for " << n);
  ProjectionSummary sum;
  sum.paths = n;
  sum.years = settings_.years;
  sum.seed = settings_.seed;
  sum.first_day = s.days.front();
  sum.last_day = s.days.back();
  sum.paid_in = paid_in_at_.empty() ? Money{} : paid_in_at_.back();

  std::vector<std::int64_t> col(n);
  for (std::size_t k = 0; k < cps; ++k) {
    for (std::size_t p = 0; p < n; ++p) col[p] = out.checkpoint_fen[p * cps + k];
    const auto q = ranks(col, {5, 25, 50, 75, 95});
    sum.fan.push_back({s.days[s.checkpoints[k]], paid_in_at_[k], Money::from_units(q[0]), Money::from_units(q[1]), Money::from_units(q[2]),
                       Money::from_units(q[3]), Money::from_units(q[4])});
  }

  std::vector<std::int64_t> end = out.end_fen;
  std::sort(end.begin(), end.end());
  money::int128 total = 0;
  for (auto v : end) total += v;
  auto& e = sum.end_value;
  e.p1 = Money::from_units(rank(end, 1));
  e.p5 = Money::from_units(rank(end, 5));
  e.p10 = Money::from_units(rank(end, 10));
  e.p25 = Money::from_units(rank(end, 25));
  e.p50 = Money::from_units(rank(end, 50));
  e.p75 = Money::from_units(rank(end, 75));
  e.p90 = Money::from_units(rank(end, 90));
  e.p95 = Money::from_units(rank(end, 95));
  e.p99 = Money::from_units(rank(end, 99));
  e.mean = Money::from_units(money::narrow_checked(money::div_round(total, static_cast<std::int64_t>(n), money::Rounding::half_up), "mean"));
  sum.below_paid_in = static_cast<std::size_t>(std::lower_bound(end.begin(), end.end(), sum.paid_in.units()) - end.begin());
  sum.p_below_paid_in = static_cast<double>(sum.below_paid_in) / static_cast<double>(n);

  // Histogram: 20 equal bins over [p1, p99]; the first and last bins also hold the tails.
  const std::int64_t lo = e.p1.units(), hi = e.p99.units();
  const int bins = 20;
  const std::int64_t width = std::max<std::int64_t>(1, (hi - lo + bins - 1) / bins);
  for (int b = 0; b < bins; ++b) sum.histogram.push_back({Money::from_units(lo + b * width), Money::from_units(lo + (b + 1) * width), 0});
  for (auto v : end) {
    std::int64_t b = v < lo ? 0 : (v - lo) / width;
    if (b >= bins) b = bins - 1;
    ++sum.histogram[static_cast<std::size_t>(b)].count;
  }

  auto ratios = [&](const std::vector<double>& xs) {
    std::vector<double> v = xs;
    std::sort(v.begin(), v.end());
    return RatioPercentiles{rank(v, 5), rank(v, 25), rank(v, 50), rank(v, 75), rank(v, 95)};
  };
  sum.twr_annualized = ratios(out.twr_annualized);
  sum.max_drawdown = ratios(out.max_drawdown);
  money::int128 inc = 0, fees = 0;
  for (std::size_t p = 0; p < n; ++p) {
    inc += out.mmf_income_fen[p];
    fees += out.fees_fen[p];
    if (out.regular_skipped[p] > 0) ++sum.paths_with_skipped_regular;
  }
  sum.mean_mmf_income = Money::from_units(money::narrow_checked(money::div_round(inc, static_cast<std::int64_t>(n), money::Rounding::half_up), "mean"));
  sum.mean_fees = Money::from_units(money::narrow_checked(money::div_round(fees, static_cast<std::int64_t>(n), money::Rounding::half_up), "mean"));
  // The lowest-numbered path whose end value equals the median.
  for (std::size_t p = 0; p < n; ++p) {
    if (out.end_fen[p] == e.p50.units()) {
      sum.median_path = p;
      break;
    }
  }
  return sum;
}

}  // namespace finlab::portfolio
