// Policy lab run bar: the run settings as a checked sim::RunConfig, browser
// runs executed in chunks between frames (sim::Simulation, one thread, the
// same engine and seed streams as `finlab sim run`) and stored with
// sim::RunStore, the scorecard reused across runs of the same seed, cancel.
// Deliberately not here: the cutoff sweep (policy_lab_sweep.cpp).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <tuple>

#include "web/models.hpp"
#include "web/platform.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

// [SECTION] runs (chunked) and sweeps ------------------------------------------------

std::optional<sim::Scenario> PolicyLabModel::scenario_at(int index, text::Message& error) const {
  if (index < 0 || index >= static_cast<int>(scenarios_.size())) {
    error = text::make(text::Id::lab_no_scenario, {});
    return std::nullopt;
  }
  const std::string path = std::string(kAssets) + "/scenarios/" + scenarios_[index] + ".json";
  const std::string body = read_text_file(path);
  if (body.empty()) {
    error = text::make(text::Id::lab_cannot_read, {text::Arg::verbatim(path)});
    return std::nullopt;
  }
  sim::JsonErrors why;
  auto s = sim::parse_scenario(body, &why);
  if (!s) {
    // The file's mistakes, one per line, in either language.
    const text::Message what = text::make(text::Id::name, {text::Arg::names({s.error(), why.joined(text::Lang::zh)})});
    error = text::make(text::Id::error_in, {text::Arg::verbatim(scenarios_[index] + ".json"), text::Arg::of(what)});
    return std::nullopt;
  }
  return std::move(s).value();
}

namespace {

// What the scorecard's training history depends on beyond the seed and the
// population: how the incumbent booked it (credit.history) and the
// assumptions that shape it (incumbent insight, pilot users), as text.
std::string history_key(const sim::CreditPolicy& credit, const sim::Assumptions& a) {
  const sim::HistorySetup h = sim::history_setup(credit, a);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%d/%u/%u/%lld/%d/%.17g", h.cutoff, h.holdout_ppm, h.insight_ppm, static_cast<long long>(h.pilot_users),
                static_cast<int>(h.reject_inference), h.parcel_factor);
  return buf;
}

}  // namespace

// The run's scorecard depends only on (seed, history size, population
// parameters, history setup): reuse one trained earlier in this page, or
// stored with an earlier run of the browser database, instead of training it
// again. A run whose policy changes the history (credit.history, the
// incumbent-insight or pilot-users assumptions) trains its own.
std::optional<sim::ScoringModel> PolicyLabModel::cached_model(const sim::RunConfig& c, std::string& key) {
  const std::string pop = sim::population_params_to_json(c.population);
  const std::string hist = history_key(c.policy.credit, c.policy.assumptions.value_or(c.assumptions));
  key = std::to_string(c.seed) + "/" + std::to_string(c.history_users) + "/" + pop + "/" + hist;
  if (auto it = model_cache_.find(key); it != model_cache_.end()) return it->second;
  if (!runs_) return std::nullopt;
  auto st = runs_->db().prepare(
      "SELECT scorecard_json, train_auc, policy_json, assumptions_json FROM sim_runs WHERE status = 'complete' AND seed = ?1 AND history_users = ?2 "
      "AND population_json = ?3 AND scorecard_json IS NOT NULL ORDER BY run_id DESC");
  st.bind(1, std::to_string(c.seed)).bind(2, c.history_users).bind(3, pop);
  while (st.step()) {
    auto p = sim::parse_policy(st.column_text(2));
    auto a = sim::assumptions_from_json(st.column_text(3));
    if (!p || !a || history_key(p.value().credit, p.value().assumptions.value_or(a.value())) != hist) continue;
    auto m = sim::scoring_model_from_json(st.column_text(0));
    if (!m) continue;
    sim::ScoringModel model = std::move(m).value();
    model.history_users = c.history_users;
    model.train_auc = std::atof(st.column_text(1).c_str());
    model_cache_.emplace(key, model);
    return model;
  }
  return std::nullopt;
}

// The run settings of the form as a checked configuration, or nullopt after
// saying what is wrong (policy problems, counts, scenario, sim::check_config).
std::optional<sim::RunConfig> PolicyLabModel::config_from_form() {
  if (!policy_) {
    const sim::PathMessage first = errors_.front();
    say_in([&](Lang l) { return std::string(translate(l, "The policy has problems; fix them in the Policy tab first:")) + " " + first.line(text_lang(l)); }, true);
    return std::nullopt;
  }
  // The counts, read (and any problem said) in the given language.
  auto counts = [this](Lang l, std::string& err) {
    auto users = read_count(run_form_.users, "Users", 1, kMaxBrowserUsers, l, err);
    auto months = users ? read_count(run_form_.months, "Months", 1, 120, l, err) : std::nullopt;
    auto seed = months ? read_count(run_form_.seed, "Seed", 0, 9'000'000'000'000'000'000ULL, l, err) : std::nullopt;
    return std::make_tuple(users, months, seed);
  };
  std::string err;
  const auto [users, months, seed] = counts(Lang::en, err);
  if (!seed) {
    say_in([&](Lang l) {
      std::string e;
      counts(l, e);
      return e;
    }, true);
    return std::nullopt;
  }
  text::Message bad_scenario;
  auto scenario = scenario_at(run_form_.scenario, bad_scenario);
  if (!scenario) {
    say_in([&](Lang l) { return text::render(bad_scenario, text_lang(l)); }, true);
    return std::nullopt;
  }
  sim::RunConfig c;
  c.policy = *policy_;
  c.scenario = std::move(*scenario);
  c.users = *users;
  c.months = static_cast<int>(*months);
  c.seed = *seed;
  c.history_users = kHistoryUsers;
  if (auto why = sim::check_config_message(c)) {
    say_in([&](Lang l) { return text::render(*why, text_lang(l)); }, true);
    return std::nullopt;
  }
  return c;
}

void PolicyLabModel::start_run(AppContext& ctx) {
  if (busy()) return;
  auto c = config_from_form();
  if (!c) return;
  if (!runs_) {
    say_in([](Lang l) { return std::string(translate(l, "The runs database is not available.")); }, true);
    return;
  }
  auto job = std::make_unique<RunJob>();
  auto model = cached_model(*c, job->seed_key);
  job->run_id = runs_->begin_run(*c, now_iso(), 1);
  job->sim = std::make_unique<sim::Simulation>(*c, std::move(model));
  job->t0 = ctx.platform.now_ms();
  run_job_ = std::move(job);
  last_progress_ = run_job_->sim->progress();
  ctx.saved();
  refresh_lists();
  say("", false);
}

void PolicyLabModel::cancel(AppContext& ctx) {
  if (run_job_) {
    if (runs_) runs_->mark_unfinished(run_job_->run_id, "interrupted", "cancelled in the browser", now_iso());
    run_job_.reset();
    ctx.saved();
    refresh_lists();
    say_in([](Lang l) { return std::string(translate(l, "Run cancelled; it is kept in the list as interrupted, with no results.")); }, false);
  }
  if (sweep_job_) {
    sweep_job_.reset();
    say_in([](Lang l) { return std::string(translate(l, "Sweep cancelled.")); }, false);
  }
}

void PolicyLabModel::advance(AppContext& ctx, Platform& platform) {
  if (run_job_) advance_run(ctx, platform);
  if (sweep_job_) advance_sweep(platform);
}

void PolicyLabModel::advance_run(AppContext& ctx, Platform& platform) {
  RunJob& job = *run_job_;
  const double start = platform.now_ms();
  bool finished = false;
  try {
    // The first step trains the scorecard (unless cached) in one call: draw a
    // frame that says so before the page stalls for it.
    ++job.frames;
    if (!job.announced) {
      job.announced = true;
      view_dirty_ = true;
      return;
    }
    do {
      finished = job.sim->step(kChunk);
    } while (!finished && platform.now_ms() - start < kSliceMs);
    last_progress_ = job.sim->progress();
    if (finished) {
      const sim::RunOutput& out = job.sim->output();
      const double elapsed = platform.now_ms() - job.t0;
      runs_->finish_run(job.run_id, out, now_iso(), static_cast<std::int64_t>(std::llround(elapsed)));
      if (!model_cache_.count(job.seed_key)) {
        if (auto m = sim::scoring_model_from_json(out.card_json)) {
          sim::ScoringModel model = std::move(m).value();
          model.history_users = out.config.history_users;
          model.train_auc = out.train_auc;
          model_cache_.emplace(job.seed_key, std::move(model));
        }
      }
      last_elapsed_ms_ = elapsed;
      last_run_frames_ = job.frames;
      const std::int64_t id = job.run_id;
      run_job_.reset();
      refresh_lists();
      current_.reset();
      select_run({RunSource::browser, id});
      tab_ = LabTab::results;
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.1f", elapsed / 1000.0);
      const std::string secs = buf;
      say_in([&secs](Lang l) { return std::string(translate(l, "Run finished in")) + " " + secs + (l == Lang::zh ? " 秒。" : " s."); }, false);
      save(ctx);
    }
  } catch (const std::exception& e) {
    if (runs_ && run_job_) runs_->mark_unfinished(run_job_->run_id, "failed", e.what(), now_iso());
    run_job_.reset();
    ctx.saved();
    refresh_lists();
    const std::string what = e.what();
    say_in([&](Lang l) { return std::string(translate(l, "The run failed:")) + " " + what; }, true);
  }
  view_dirty_ = true;
}

// The run bar's progress text of a run or a sweep in progress.
void PolicyLabModel::build_progress(Ui& ui, Platform& platform) {
  view_.running = run_job_ != nullptr;
  view_.sweeping = sweep_job_ != nullptr;
  view_.progress = 0;
  view_.progress_text.clear();
  if (run_job_) {
    const sim::Progress& p = last_progress_;
    view_.progress = static_cast<float>(p.fraction());
    const double elapsed = platform.now_ms() - run_job_->t0;
    std::string stage;
    switch (p.stage) {
      case sim::Stage::training: stage = ui.tr("Training the scorecard on the synthetic history…"); break;
      case sim::Stage::population: stage = ui.tr("Building the population"); break;
      case sim::Stage::months:
        stage = std::string(ui.tr("Simulating month")) + " " + std::to_string(p.month + 1) + " / " + run_form_.months;
        break;
      case sim::Stage::analyses: stage = ui.tr("Analyses and saving"); break;
      case sim::Stage::done: stage = ui.tr("done"); break;
    }
    char buf[96];
    if (p.fraction() > 0.05) std::snprintf(buf, sizeof buf, " · %.0f%% · ETA %.1f s", p.fraction() * 100, elapsed / 1000.0 * (1 - p.fraction()) / p.fraction());
    else std::snprintf(buf, sizeof buf, " · %.1f s", elapsed / 1000.0);
    view_.progress_text = stage + buf;
  } else if (sweep_job_) {
    const SweepJob& j = *sweep_job_;
    view_.progress = j.total ? static_cast<float>(static_cast<double>(j.done) / static_cast<double>(j.total)) : 0.0f;
    std::string stage = j.stage == 0 ? ui.tr("Training the scorecard on the synthetic history…")
                                     : (j.stage == 1 ? std::string(ui.tr("Building the population"))
                                                     : std::string(ui.tr("Cutoff")) + " " + std::to_string(j.cutoffs[std::min(j.point, j.cutoffs.size() - 1)]) + " (" +
                                                           std::to_string(j.point + 1) + " / " + std::to_string(j.cutoffs.size()) + "), " + ui.tr("month") + " " +
                                                           std::to_string(j.month + 1));
    char buf[32];
    std::snprintf(buf, sizeof buf, " · %.0f%%", view_.progress * 100.0);
    view_.progress_text = stage + buf;
  }
}

}  // namespace finlab::web::lab
