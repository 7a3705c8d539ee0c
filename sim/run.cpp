#include "sim/run.hpp"

#include <algorithm>

#include "core/money/rounding.hpp"

namespace finlab::sim {

std::string_view to_string(Stage s) {
  switch (s) {
    case Stage::training: return "training the scorecard";
    case Stage::population: return "building the population";
    case Stage::months: return "simulating months";
    case Stage::analyses: return "analyses";
    case Stage::done: return "done";
  }
  return "";
}

std::optional<text::Message> check_config_message(const RunConfig& c) {
  using text::Arg;
  using text::Id;
  if (c.users < 1 || c.users > 200'000'000) return text::make(Id::sim_users_range, {Arg::verbatim(std::to_string(c.users))});
  if (c.months < 1 || c.months > 240) return text::make(Id::sim_months_range, {Arg::verbatim(std::to_string(c.months))});
  if (c.history_users < 1000 || c.history_users > 10'000'000)
    return text::make(Id::sim_history_range, {Arg::verbatim(std::to_string(c.history_users))});
  // Every offer against the legal caps in force in every month of the run (DOMAIN.md §2.6).
  const std::vector<PathMessage> breaches = policy_cap_breaches(c.policy, c.scenario.start, c.months);
  if (!breaches.empty()) {
    text::Message lines = text::make(Id::nothing, {});
    for (std::size_t k = breaches.size(); k-- > 0;) {
      const PathMessage& b = breaches[k];
      text::Message line = text::make(Id::sim_caps_line, {Arg::of(text::make(Id::error_in, {Arg::verbatim(b.path), Arg::of(b.message)}))});
      lines = text::make(Id::concat, {Arg::of(std::move(line)), Arg::of(std::move(lines))});
    }
    return text::make(Id::sim_caps_breached, {Arg::verbatim(c.scenario.start.to_string()), Arg::verbatim(std::to_string(c.months)),
                                              Arg::of(std::move(lines))});
  }
  return std::nullopt;
}

std::optional<std::string> check_config(const RunConfig& c) {
  if (auto m = check_config_message(c)) return text::render(*m, text::Lang::en);
  return std::nullopt;
}

UserRange user_range(std::uint64_t users, int rank, int ranks) {
  FINLAB_REQUIRE(ranks >= 1 && rank >= 0 && rank < ranks, "rank " << rank << " of " << ranks);
  const auto at = [&](int r) {
    return static_cast<std::uint64_t>(money::int128(users) * r / ranks);
  };
  return UserRange{at(rank), at(rank + 1) - at(rank)};
}

std::uint64_t fingerprint(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char ch : text) h = (h ^ ch) * 0x100000001b3ull;
  return h;
}

namespace {
// A score histogram summed over every rank.
void sum_all(Collective& c, ScoreHistogram& h) {
  c.sum_all(h.count);
  c.sum_all(h.pd_ppm);
  c.sum_all(h.bad);
}
}  // namespace

// ---------------------------------------------------------------- RunState
Result<std::unique_ptr<RunState>> RunState::create(const RunConfig& config, std::optional<ScoringModel> model, Collective* collective,
                                                   bool hold_users) {
  if (auto why = check_config(config)) return fail(*why);
  std::unique_ptr<RunState> s(new RunState());
  s->config_ = config;
  // A policy's "assumptions" section is the run's assumptions.
  if (config.policy.assumptions) s->config_.assumptions = *config.policy.assumptions;
  const Assumptions& assumptions = s->config_.assumptions;
  if (model) {
    s->model_ = std::move(*model);
  } else {
    auto trained = train_scoring_model(config.seed, config.history_users, config.population,
                                       history_setup(config.policy.credit, assumptions));
    if (!trained) return fail(trained.error());
    s->model_ = std::move(trained).value();
  }
  s->collective_ = collective;
  UserRange range{0, config.users};
  if (collective) {
    // Every rank trained on the same synthetic history; a different card
    // (mixed builds or settings) would silently split the run in two.
    if (!collective->all_equal(fingerprint(s->model_.card_json))) {
      return fail("the ranks trained different scorecards (are all ranks running the same finlab build with the same arguments?)");
    }
    range = user_range(config.users, collective->rank(), collective->size());
  }
  s->engine_ = std::make_unique<Engine>(config.policy, config.scenario, s->model_.tables, config.shape(), assumptions);
  s->held_ = range;
  s->traits_.first_user = range.first;
  if (hold_users) {
    s->traits_.resize(static_cast<std::size_t>(range.count));
    s->book_.resize(static_cast<std::size_t>(range.count));
  }
  s->allocations_.assign(static_cast<std::size_t>(config.months), {});
  s->folded_.init(config.months, s->engine_->total_days());
  return s;
}

void RunState::build_traits_range(std::size_t begin, std::size_t end) {
  if (end <= begin) return;
  build_traits(model_, config_.scenario, config_.population, config_.seed, traits_.first_user + begin, end - begin, traits_, begin);
}

void RunState::reset_policy(const Policy& policy) {
  config_.policy = policy;
  if (policy.assumptions) config_.assumptions = *policy.assumptions;
  engine_ = std::make_unique<Engine>(policy, config_.scenario, model_.tables, config_.shape(), config_.assumptions);
  book_.resize(traits_.size());
  allocations_.assign(static_cast<std::size_t>(config_.months), {});
}

void RunState::make_shards(int n) {
  FINLAB_REQUIRE(n >= 1, "at least one shard");
  const std::size_t users = traits_.size();
  shards_.assign(static_cast<std::size_t>(n), Shard{});
  for (int k = 0; k < n; ++k) {
    const std::size_t b = users * static_cast<std::size_t>(k) / static_cast<std::size_t>(n);
    const std::size_t e = users * static_cast<std::size_t>(k + 1) / static_cast<std::size_t>(n);
    engine_->init_shard(shards_[k], b, e);
  }
}

void RunState::begin_month(int) {
  for (auto& s : shards_) engine_->begin_month(s);
}

void RunState::phase_a(int shard, int m, std::size_t begin, std::size_t end) {
  NoLog log;
  engine_->phase_a(traits_, book_, shards_[shard], m, begin, end, log);
}

void RunState::allocate(int m) {
  std::vector<std::int64_t> demand(kScoreKeys, 0);
  for (const auto& s : shards_) {
    for (int k = 0; k < kScoreKeys; ++k) demand[k] += s.demand[k];
  }
  if (collective_) collective_->sum_all(demand);  // every rank allocates on the same merged demand
  current_ = engine_->allocate(demand);
  allocations_[m] = current_.ranges();
}

void RunState::phase_b(int m) {
  NoLog log;
  for (auto& s : shards_) engine_->phase_b(traits_, book_, s, m, current_, log);
}

RunOutput RunState::finish() {
  RunOutput out;
  out.config = config_;
  out.acc = folded_;  // streamed blocks (zero otherwise)
  for (const auto& s : shards_) out.acc.add(s.acc);
  if (collective_) {
    std::vector<std::int64_t> v = out.acc.pack();
    collective_->sum_to_root(v);
    if (collective_->rank() == 0) out.acc.unpack(v);
  }
  out.allocations = allocations_;
  out.daily_income_per_10k = engine_->daily_income_per_10k();
  out.card_json = model_.card_json;
  out.train_auc = model_.train_auc;
  out.history = model_.history;
  out.analyses = streamed_ ? streamed_analyses() : analyses();
  out.tables = model_.tables;
  return out;
}

// ---------------------------------------------------------------- streaming
void RunState::begin_pass() {
  streamed_ = true;
  folded_.init(config_.months, engine_->total_days());
  shards_.clear();
}

void RunState::load_block(std::uint64_t offset, std::size_t count) {
  FINLAB_REQUIRE(offset + count <= held_.count, "block " << offset << "+" << count << " outside the " << held_.count << " held users");
  traits_.first_user = held_.first + offset;
  traits_.resize(count);
  book_.resize(count);  // zero state: every user starts the run with nothing
}

void RunState::count_block_analyses() {
  score_histograms(traits_, 0, traits_.size(), beh_, app_);
  const int cutoff = config_.policy.credit.cutoff;
  for (std::size_t i = 0; i < traits_.size(); ++i) {
    ScoreHistogram& h = app_by_challenger_[traits_.score[i] >= cutoff ? 1 : 0];
    h.count[traits_.score_app[i]] += 1;
    h.pd_ppm[traits_.score_app[i]] += traits_.pd_ppm[i];
    h.bad[traits_.score_app[i]] += traits_.bad[i];
  }
}

void RunState::book_month(int m, const MonthAllocation& al) {
  NoLog log;
  for (auto& s : shards_) engine_->phase_b(traits_, book_, s, m, al, log);
}

void RunState::fold_block() {
  for (const auto& s : shards_) folded_.add(s.acc);
  shards_.clear();
}

void RunState::set_allocations(const std::vector<MonthAllocation>& al) {
  FINLAB_REQUIRE(al.size() == allocations_.size(), "allocations for " << al.size() << " months, the run has " << allocations_.size());
  for (std::size_t m = 0; m < al.size(); ++m) allocations_[m] = al[m].ranges();
}

// The analyses of compute_analyses from histograms alone: the swap table's
// challenger cutoff is the policy's, known before any user is built, so the
// application-score histograms of the users it approves and declines give
// every cell for the champion cutoff found at the end.
Analyses RunState::streamed_analyses() {
  Analyses a;
  a.behaviour = beh_;
  a.application = app_;
  std::array<ScoreHistogram, 2> split = app_by_challenger_;
  if (collective_) {
    for (ScoreHistogram* h : {&a.behaviour, &a.application, &split[0], &split[1]}) sum_all(*collective_, *h);
  }
  const int cutoff = config_.policy.credit.cutoff;
  a.value = value_of_data(a.behaviour, a.application, cutoff);
  a.swap.challenger_cutoff = cutoff;
  a.swap.champion_cutoff = matched_cutoff(a.application, a.value.behaviour_approved);
  for (int challenger = 0; challenger < 2; ++challenger) {
    const ScoreHistogram& h = split[challenger];
    for (int sc = 0; sc < static_cast<int>(h.count.size()); ++sc) {
      const bool champion = sc >= a.swap.champion_cutoff;
      const int cell = champion ? (challenger ? kBothApprove : kSwapOut) : (challenger ? kSwapIn : kBothDecline);
      a.swap.count[cell] += h.count[sc];
      a.swap.pd_ppm[cell] += h.pd_ppm[sc];
      a.swap.bad[cell] += h.bad[sc];
    }
  }
  a.suitability = suitability_counts();
  return a;
}

// Risk classes of the users this process holds, from their own stream
// (suitability_mix.hpp), summed onto rank 0; they need no traits, so a
// streamed run counts them the same way.
SuitabilityCounts RunState::suitability_counts() {
  SuitabilityCounts su = count_suitability(config_.seed, held_.first, held_.count, config_.policy.suitability);
  if (!collective_) return su;
  std::vector<std::int64_t> v(su.users.begin(), su.users.end());
  v.insert(v.end(), {su.lowest, su.eligible, su.eligible_with_warning});
  collective_->sum_to_root(v);
  for (std::size_t c = 0; c < 5; ++c) su.users[c] = v[c];
  su.lowest = v[5];
  su.eligible = v[6];
  su.eligible_with_warning = v[7];
  return su;
}

Analyses RunState::analyses() {
  const SuitabilityCounts su = suitability_counts();
  if (!collective_) {
    Analyses a = compute_analyses(traits_, config_.policy.credit.cutoff);
    a.suitability = su;
    return a;
  }
  // compute_analyses over all ranks: the histograms are summed everywhere
  // (the cutoffs depend on all users), the swap table onto rank 0.
  Analyses a;
  score_histograms(traits_, 0, traits_.size(), a.behaviour, a.application);
  for (ScoreHistogram* h : {&a.behaviour, &a.application}) sum_all(*collective_, *h);
  const int cutoff = config_.policy.credit.cutoff;
  a.value = value_of_data(a.behaviour, a.application, cutoff);
  a.swap.challenger_cutoff = cutoff;
  a.swap.champion_cutoff = matched_cutoff(a.application, a.value.behaviour_approved);
  swap_table(traits_, 0, traits_.size(), a.swap);
  for (auto* cells : {&a.swap.count, &a.swap.pd_ppm, &a.swap.bad}) collective_->sum_to_root(*cells);
  a.suitability = su;
  return a;
}

// ---------------------------------------------------------------- Simulation
Simulation::Simulation(RunConfig config, std::optional<ScoringModel> model) : config_(std::move(config)), model_(std::move(model)) {
  if (auto why = check_config(config_)) throw Error(*why);
  progress_.work_total = config_.users * kBuildUserWork + config_.users * static_cast<std::uint64_t>(config_.months);
}

bool Simulation::step(std::uint64_t budget) {
  if (budget == 0) budget = 1;
  switch (progress_.stage) {
    case Stage::training: {
      auto s = RunState::create(config_, std::move(model_));
      if (!s) throw Error(s.error());
      state_ = std::move(s).value();
      progress_.stage = Stage::population;
      cursor_ = 0;
      return false;
    }
    case Stage::population: {
      const std::size_t users = static_cast<std::size_t>(config_.users);
      const std::uint64_t want = std::max<std::uint64_t>(1, budget / kBuildUserWork);
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(want, users - cursor_));
      state_->build_traits_range(cursor_, cursor_ + n);
      cursor_ += n;
      progress_.work_done += n * kBuildUserWork;
      if (cursor_ == users) {
        state_->make_shards(1);
        state_->begin_month(0);
        progress_.stage = Stage::months;
        progress_.month = 0;
        cursor_ = 0;
        phase_ = 0;
      }
      return false;
    }
    case Stage::months: {
      const std::size_t users = static_cast<std::size_t>(config_.users);
      while (budget > 0) {
        if (phase_ == 0) {
          const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(budget, users - cursor_));
          state_->phase_a(0, progress_.month, cursor_, cursor_ + n);
          cursor_ += n;
          budget -= std::min<std::uint64_t>(budget, n);
          progress_.work_done += n;
          if (cursor_ == users) phase_ = 1;
        }
        if (phase_ == 1) {
          state_->allocate(progress_.month);
          state_->phase_b(progress_.month);
          ++progress_.month;
          cursor_ = 0;
          phase_ = 0;
          if (progress_.month == config_.months) {
            progress_.stage = Stage::analyses;
            return false;
          }
          state_->begin_month(progress_.month);
        }
      }
      return false;
    }
    case Stage::analyses:
      output_ = state_->finish();
      progress_.stage = Stage::done;
      return true;
    case Stage::done: return true;
  }
  return true;
}

const RunOutput& Simulation::output() const {
  FINLAB_REQUIRE(output_.has_value(), "Simulation::output: the run has not finished");
  return *output_;
}

RunOutput run_simulation(const RunConfig& config) {
  Simulation s(config);
  while (!s.step(std::uint64_t(1) << 22)) {
  }
  return s.output();
}

}  // namespace finlab::sim
