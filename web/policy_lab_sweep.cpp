// Policy lab, Sweep tab: the lifecycle once per cutoff over one population
// (the steps of sim::run_sweep, in chunks between frames, so it equals
// `finlab sim sweep`), the efficient frontier (sim::mark_frontier), the table
// and charts of the result.
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/error.hpp"
#include "web/format.hpp"
#include "web/platform.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

void PolicyLabModel::start_sweep() {
  if (busy()) return;
  auto c = config_from_form();
  if (!c) return;
  const std::string range = trim(run_form_.sweep_from) + ":" + trim(run_form_.sweep_to) + ":" + trim(run_form_.sweep_step);
  auto cutoffs = sim::parse_cutoff_range(range);
  if (!cutoffs) {
    const std::string error = cutoffs.error();
    say_in([&](Lang l) { return std::string(translate(l, "Cutoff sweep:")) + " " + error; }, true);
    return;
  }
  if (cutoffs.value().size() > 40) {
    say_in([](Lang l) { return std::string(translate(l, "Cutoff sweep: at most 40 cutoffs in the browser (use finlab sim sweep for more).")); }, true);
    return;
  }
  auto job = std::make_unique<SweepJob>();
  job->config = std::move(*c);
  job->cutoffs = std::move(cutoffs).value();
  job->total = job->config.users + job->config.users * static_cast<std::uint64_t>(job->config.months) * job->cutoffs.size();
  job->t0 = ctx_ ? ctx_->platform.now_ms() : 0;
  sweep_job_ = std::move(job);
  say("", false);
}

namespace {

// Stage 2 finished the last month of one cutoff: the same figures sim::run_sweep keeps.
sim::SweepPoint sweep_point(const SweepJob& job, sim::RunOutput r) {
  return sim::make_sweep_point(job.config, job.cutoffs[job.point], r);
}

// Stage 1: builds a chunk of the population; at its end starts the first cutoff.
void sweep_population_step(SweepJob& job) {
  const std::size_t users = static_cast<std::size_t>(job.config.users);
  const std::size_t n = std::min<std::size_t>(kChunk, users - job.cursor);
  job.state->build_traits_range(job.cursor, job.cursor + n);
  job.cursor += n;
  job.done += n;
  if (job.cursor < users) return;
  job.stage = 2;
  job.point = 0;
  job.month = 0;
  job.cursor = 0;
  job.state->reset_policy(sim::with_cutoff(job.config.policy, job.cutoffs[0]));
  job.state->make_shards(1);
  job.state->begin_month(0);
}

// Stage 2: a chunk of users of one month under one cutoff.
void sweep_month_step(SweepJob& job) {
  sim::RunState& s = *job.state;
  const std::size_t users = static_cast<std::size_t>(job.config.users);
  const std::size_t n = std::min<std::size_t>(kChunk, users - job.cursor);
  s.phase_a(0, job.month, job.cursor, job.cursor + n);
  job.cursor += n;
  job.done += n;
  if (job.cursor < users) return;
  s.allocate(job.month);
  s.phase_b(job.month);
  job.cursor = 0;
  if (++job.month < job.config.months) {
    s.begin_month(job.month);
    return;
  }
  job.points.push_back(sweep_point(job, s.finish()));
  if (++job.point < job.cutoffs.size()) {
    job.month = 0;
    s.reset_policy(sim::with_cutoff(job.config.policy, job.cutoffs[job.point]));
    s.make_shards(1);
    s.begin_month(0);
  } else {
    job.stage = 3;
  }
}

}  // namespace

void PolicyLabModel::advance_sweep(Platform& platform) {
  SweepJob& job = *sweep_job_;
  const double start = platform.now_ms();
  try {
    while (platform.now_ms() - start < kSliceMs && job.stage < 3) {
      if (job.stage == 0) {
        std::string key;
        auto model = cached_model(job.config, key);
        job.seed_key = key;
        auto st = sim::RunState::create(job.config, std::move(model));
        if (!st) throw Error(st.error());
        job.state = std::move(st).value();
        job.stage = 1;
        job.cursor = 0;
      } else if (job.stage == 1) {
        sweep_population_step(job);
      } else {
        sweep_month_step(job);
      }
    }
  } catch (const std::exception& e) {
    sweep_job_.reset();
    const std::string what = e.what();
    say_in([&](Lang l) { return std::string(translate(l, "The sweep failed:")) + " " + what; }, true);
    return;
  }
  view_dirty_ = true;
  if (job.stage == 3) finish_sweep(platform);
}

// Every cutoff done: the frontier, the result kept (and saved), the Sweep tab.
void PolicyLabModel::finish_sweep(Platform& platform) {
  SweepJob& job = *sweep_job_;
  sim::mark_frontier(job.points);
  SweepResult res;
  char title[256];
  std::snprintf(title, sizeof title, "%s · %s · %s × %d", job.config.policy.name.c_str(), job.config.scenario.name.c_str(),
                format_int(static_cast<std::int64_t>(job.config.users)).c_str(), job.config.months);
  res.title = title;
  res.seed = job.config.seed;
  for (const auto& p : job.points) {
    SweepResult::Point q;
    q.cutoff = p.cutoff;
    q.efficient = p.efficient;
    for (const auto& t : p.totals) {
      if (t.name == "approval_rate") q.approval_rate = t.value;
      else if (t.name == "loss_rate") q.loss_rate = t.value;
      else if (t.name == "net_profit") q.net_profit = t.value;
      else if (t.name == "booked_amount") q.booked_amount = t.value;
      else if (t.name == "booked_count") q.booked_count = t.value;
    }
    res.points.push_back(std::move(q));
  }
  sweep_ = std::move(res);
  const double elapsed = platform.now_ms() - job.t0;
  sweep_job_.reset();
  tab_ = LabTab::sweep;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f", elapsed / 1000.0);
  const std::string secs = buf;
  say_in([&](Lang l) { return std::string(translate(l, "Sweep finished in")) + " " + secs + (l == Lang::zh ? " 秒。" : " s."); }, false);
  if (ctx_) save(*ctx_);
}

void PolicyLabModel::build_sweep(Ui& ui) {
  view_.sweep.clear();
  view_.sweep_charts.clear();
  view_.sweep_title.clear();
  if (!sweep_) return;
  view_.sweep_title = sweep_->title + " · " + ui.tr("seed") + " " + std::to_string(sweep_->seed);  // in the language of the moment
  ChartSpec ap, lo, pr;
  ap.name = "policy_lab.sweep.chart.approval";
  lo.name = "policy_lab.sweep.chart.loss";
  pr.name = "policy_lab.sweep.chart.profit";
  ap.height_css = lo.height_css = pr.height_css = 170;
  ap.y_suffix = lo.y_suffix = "%";
  ap.y_from_zero = lo.y_from_zero = pr.y_from_zero = true;
  ChartSeries sa{ui.tr("Approval rate"), SeriesKind::line, {}, {}, {}, IM_COL32(0, 114, 178, 255), true};
  ChartSeries sl{ui.tr("Loss rate"), SeriesKind::line, {}, {}, {}, IM_COL32(213, 94, 0, 255), true};
  ChartSeries se{ui.tr("Net profit (efficient cutoff)"), SeriesKind::bar, {}, {}, {}, IM_COL32(0, 158, 115, 255), true};
  ChartSeries sd{ui.tr("Net profit (dominated cutoff)"), SeriesKind::bar, {}, {}, {}, IM_COL32(160, 160, 170, 255), true};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& p : sweep_->points) {
    LabSweepRow row;
    row.cutoff = std::to_string(p.cutoff);
    row.approval = p.approval_rate + "%";
    row.loss = p.loss_rate + "%";
    row.profit = display_total(p.net_profit, "yuan");
    row.booked = display_total(p.booked_amount, "yuan");
    row.efficient = p.efficient;
    view_.sweep.push_back(row);
    const std::string x = std::to_string(p.cutoff);
    ap.x_labels.push_back(x);
    lo.x_labels.push_back(x);
    pr.x_labels.push_back(x);
    sa.y.push_back(plot_of(p.approval_rate, 4));
    sa.y_text.push_back(row.approval);
    sl.y.push_back(plot_of(p.loss_rate, 4));
    sl.y_text.push_back(row.loss);
    const double np = plot_of(p.net_profit, 2);
    se.y.push_back(p.efficient ? np : nan);
    se.y_text.push_back(p.efficient ? row.profit : "–");
    sd.y.push_back(p.efficient ? nan : np);
    sd.y_text.push_back(p.efficient ? "–" : row.profit);
  }
  ap.series.push_back(std::move(sa));
  lo.series.push_back(std::move(sl));
  pr.series.push_back(std::move(se));
  pr.series.push_back(std::move(sd));
  view_.sweep_charts = {std::move(ap), std::move(lo), std::move(pr)};
}

}  // namespace finlab::web::lab
