// `finlab sim`: the policy simulation sandbox on the command line (issue 6).
//   run      run a policy on a synthetic population under a scenario; store it
//   list     the runs in a database (incomplete ones marked)
//   show     one run: configuration, totals, months, analyses, vintages, partners
//   compare  two runs' totals side by side with the differences
//   export   one run's monthly KPIs (and totals, vintages) as CSV or JSON
//   sweep    the same population under a range of cutoffs; efficient frontier
//   user     one synthetic user of a run: decision, offer, schedule, payments, fund
// Tables by default; --json prints one JSON document with decimal strings.
// Bad arguments exit 2, bad files or data exit 1. Ctrl-C (SIGINT) or SIGTERM
// during a run stops it between chunks and marks it 'interrupted'; a harder
// kill leaves it 'running' (incomplete) with no result rows (run_store.hpp).
// Under an MPI launcher (`mpirun -np N finlab sim run|sweep`, sim/mpi_run.hpp)
// the users (run) or cutoffs (sweep) are shared out across the ranks; rank 0
// alone writes the database and prints; an error on any rank ends the job.
#include <CLI/CLI.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/credit/csv.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/output.hpp"
#include "sim/cli/sim_report.hpp"
#include "sim/cli/sim_selection.hpp"
#include "sim/cli/sim_store.hpp"
#include "sim/kpi.hpp"
#include "sim/mpi_run.hpp"
#include "sim/parallel.hpp"
#include "sim/run_store.hpp"
#include "sim/sweep.hpp"
#include "sim/user_lens.hpp"

namespace finlab::cli {

namespace {

using nlohmann::ordered_json;
namespace sm = finlab::sim;

// ---------------------------------------------------------------- helpers
bool file_exists(const std::string& path) {
  std::ifstream f(path);
  return static_cast<bool>(f);
}

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string indent_lines(const std::string& text, const std::string& prefix) {
  std::string out, line;
  std::istringstream is(text);
  while (std::getline(is, line)) out += prefix + line + "\n";
  return out;
}

sm::Policy load_policy(const std::string& path_or_empty) {
  const std::string path = path_or_empty.empty() ? assets_dir() + "/policies/baseline-2015.json" : path_or_empty;
  if (!file_exists(path)) {
    if (path_or_empty.empty()) throw InputError("the default policy " + path + " is missing (set FINLAB_ASSETS)");
    throw UsageError("--policy: no such file: " + path);
  }
  sm::JsonErrors why;
  auto p = sm::parse_policy(read_file(path), &why);
  // In English (the default) the parser's own text, byte for byte; --lang zh says the same mistakes in Chinese.
  if (!p) {
    const std::string list = output_lang() == text::Lang::en || why.empty() ? p.error() : why.joined(output_lang());
    throw InputError(say(text::make(text::Id::sim_invalid_policy, {text::Arg::verbatim(path)})) + "\n" + indent_lines(list, "  ") +
                     say(text::make(text::Id::sim_format_note, {text::Arg::names({"docs/sim.md \"Policy\"", "docs/sim.md 的“Policy”一节"})})));
  }
  return std::move(p).value();
}

sm::Scenario load_scenario(const std::string& name_or_file) {
  std::string path;
  const bool looks_like_file = name_or_file.find('/') != std::string::npos ||
                               (name_or_file.size() > 5 && name_or_file.compare(name_or_file.size() - 5, 5, ".json") == 0);
  if (looks_like_file) {
    if (!file_exists(name_or_file)) throw UsageError("--scenario: no such file: " + name_or_file);
    path = name_or_file;
  } else {
    path = assets_dir() + "/scenarios/" + name_or_file + ".json";
    if (!file_exists(path)) {
      std::string names;
      for (const auto& n : sm::builtin_scenario_names()) names += (names.empty() ? "" : ", ") + n;
      throw UsageError("--scenario: unknown scenario \"" + name_or_file + "\" (built in: " + names + "; or give a .json file)");
    }
  }
  sm::JsonErrors why;
  auto s = sm::parse_scenario(read_file(path), &why);
  if (!s) {
    const std::string list = output_lang() == text::Lang::en || why.empty() ? s.error() : why.joined(output_lang());
    throw InputError(say(text::make(text::Id::sim_invalid_scenario, {text::Arg::verbatim(path)})) + "\n" + indent_lines(list, "  "));
  }
  return std::move(s).value();
}

// Read commands open an existing database only: a mistyped --db must not
// create an empty one (docs/limits.md "Store").
// ---------------------------------------------------------------- signals, progress
// Ctrl-C and SIGTERM: sim/cli/interrupt.hpp. run and sweep poll the flag
// between chunks of users; a stop that takes longer than the grace period is
// forced, and the run is marked by the forced stop's own cleanup.
namespace intr = finlab::cli::interrupt;

class ProgressBar {
public:
  explicit ProgressBar(bool enabled) : enabled_(enabled && ::isatty(2)), start_(std::chrono::steady_clock::now()) {}
  void update(const sm::Progress& p) {
    if (!enabled_) return;
    const double f = p.fraction();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    char eta[32] = "--";
    if (f > 0.02 && f < 1) std::snprintf(eta, sizeof eta, "%.1fs", elapsed * (1 - f) / f);
    else if (f >= 1) std::snprintf(eta, sizeof eta, "0s");
    const int width = 30, filled = static_cast<int>(f * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    std::string stage(sm::to_string(p.stage));
    if (p.stage == sm::Stage::months) stage += " " + std::to_string(p.month + 1);
    std::fprintf(stderr, "\r[%s] %5.1f%%  %-28s  elapsed %.1fs  ETA %s   ", bar.c_str(), f * 100, stage.c_str(), elapsed, eta);
    std::fflush(stderr);
    shown_ = true;
  }
  void done() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", 100, "");
  }

private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

// ---------------------------------------------------------------- ranks
// Runs a command's body on this rank. With several ranks an error on any one
// of them ends the whole job (MPI_Abort with the CLI's exit code) instead of
// leaving the others waiting for it in a collective.
template <class Body>
void on_this_rank(sm::MpiJob& mpi, Body body) {
  if (mpi.size() == 1) return body();
  try {
    body();
  } catch (const UsageError& e) {
    std::cerr << "finlab: usage error (rank " << mpi.rank() << "): " << e.what() << "\n";
    mpi.abort(2);
  } catch (const std::exception& e) {
    std::cerr << "finlab: error (rank " << mpi.rank() << "): " << e.what() << "\n";
    mpi.abort(1);
  }
}

// Ends this rank after its run failed. When a signal arrived, mpirun is
// already stopping the job (or the user stopped it): exit at once, since
// MPI_Abort would wait for a job that is being torn down. Otherwise (an MPI
// error, a failed check) abort the whole job so no rank waits forever.
[[noreturn]] void end_rank(sm::MpiJob& mpi, int code) {
  if (intr::requested()) std::_Exit(code);
  mpi.abort(code);
}

// ---------------------------------------------------------------- run
struct RunOptions {
  std::string policy;
  std::string scenario = "baseline";
  std::uint64_t users = 0;
  int months = 0;
  std::uint64_t seed = 0;
  int threads = 0;
  std::int64_t history = 40'000;
  std::uint64_t block_users = sm::kDefaultBlockUsers;
  std::string db;
  bool json = false;
  bool no_progress = false;
  int replicates = 0;                             // rerun with seeds S+1..S+K (docs/sim.md "Uncertainty of the figures")
  std::int64_t min_events = sm::kDefaultMinEvents;
};

sm::RunConfig make_config(const sm::Policy& policy, const sm::Scenario& scenario, std::uint64_t users, int months, std::uint64_t seed,
                          std::int64_t history) {
  sm::RunConfig c;
  c.policy = policy;
  c.scenario = scenario;
  c.users = users;
  c.months = months;
  c.seed = seed;
  c.history_users = history;
  // English by default (byte for byte the text before the catalog); --lang zh in Chinese.
  if (auto why = sm::check_config_message(c)) throw UsageError(text::render(*why, output_lang()));
  return c;
}

// More threads than this is a typing mistake, not a machine: thread creation
// would fail part-way (docs/limits.md, "Threads") [D].
constexpr int kMaxThreads = 256;

int threads_or_default(int t) {
  if (t < 0) throw UsageError("--threads must be at least 1");
  return t == 0 ? sm::hardware_threads() : t;
}

// One run executed on every rank and stored by rank 0.
struct Executed {
  std::int64_t id = 0;
  std::uint64_t blocks = 0;
  int passes = 0;
  long long elapsed_ms = 0;
};

Executed execute_run(const RunOptions& o, const sm::RunConfig& config, int threads, sm::MpiJob& mpi, std::optional<sm::RunStore>& store) {
  const bool root = mpi.rank() == 0, ranked = mpi.size() > 1;
  std::int64_t id = 0;
  intr::Cooperative guard;  // before the run row exists, so a Ctrl-C always finds it handled
  if (root) id = store->begin_run(config, now_utc(), threads);
  // A stop that does not come back within the grace period (the scorecard
  // training, a month's serial phase, the analyses) is forced: mark the run
  // through a connection of its own, as the cooperative path below would.
  std::optional<intr::ForcedStop> mark;
  if (root)
    mark.emplace([db = o.db, id, ranked] {
      auto s = sm::RunStore::open(db, finlab::store::Database::OpenMode::existing);
      if (!s) throw InputError(s.error());
      s.value().mark_unfinished(id, ranked ? "failed" : "interrupted",
                                ranked ? "the MPI job was stopped (a rank died or the job was cancelled)" : "interrupted", now_utc());
      std::fprintf(stderr, "finlab: run %lld %s; it is marked incomplete in %s\n", static_cast<long long>(id),
                   ranked ? "stopped" : "interrupted", db.c_str());
    });
  ProgressBar bar(!o.no_progress && root);
  sm::ParallelOptions po;
  po.threads = threads;
  po.cancel = &intr::flag();
  po.collective = mpi.collective();
  po.block_users = o.block_users;
  po.on_progress = [&bar](const sm::Progress& p) { bar.update(p); };
  const auto t0 = std::chrono::steady_clock::now();
  finlab::Result<sm::RunOutput> out = [&]() -> finlab::Result<sm::RunOutput> {
    try {
      return sm::run_parallel(config, po);
    } catch (const std::exception& e) {
      return finlab::fail(std::string("failed: ") + e.what());
    }
  }();
  bar.done();
  if (!out) {
    const bool interrupted = out.error() == "interrupted";
    if (ranked) {
      // mpirun stops every rank with SIGTERM when one dies or the job is
      // cancelled: from here that is a failed run of the job, not a Ctrl-C.
      const std::string note = interrupted ? "the MPI job was stopped (a rank died or the job was cancelled)" : out.error();
      if (root) store->mark_unfinished(id, "failed", note, now_utc());
      std::cerr << "finlab: rank " << mpi.rank() << ": " << note << (root ? "; run " + std::to_string(id) + " is marked failed in " + o.db : "")
                << "\n";
      end_rank(mpi, interrupted ? 130 : 1);
    }
    store->mark_unfinished(id, interrupted ? "interrupted" : "failed", out.error(), now_utc());
    if (interrupted) {
      std::cerr << "finlab: run " << id << " interrupted; it is marked incomplete in " << o.db << "\n";
      intr::exit_interrupted();
    }
    throw InputError("run " + std::to_string(id) + " " + out.error());
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  const Executed e{id, out.value().blocks, out.value().passes, static_cast<long long>(elapsed)};
  if (!root) return e;
  try {
    store->finish_run(id, out.value(), now_utc(), elapsed);  // marks the run 'failed' if the results cannot be written
  } catch (const std::exception& ex) {
    throw InputError("run " + std::to_string(id) + " failed: " + ex.what());
  }
  return e;
}

void run_run(const RunOptions& o, sm::MpiJob& mpi) {
  const sm::Policy policy = load_policy(o.policy);
  const sm::Scenario scenario = load_scenario(o.scenario);
  const sm::RunConfig config = make_config(policy, scenario, o.users, o.months, o.seed, o.history);
  const int threads = threads_or_default(o.threads);
  if (o.block_users < 1) throw UsageError("--block-users must be at least 1");
  if (o.replicates < 0) throw UsageError("--replicates must be at least 0");
  if (o.seed > std::numeric_limits<std::uint64_t>::max() - static_cast<std::uint64_t>(o.replicates))
    throw UsageError("--seed " + std::to_string(o.seed) + " + --replicates " + std::to_string(o.replicates) + " passes the largest seed");
  const bool root = mpi.rank() == 0, ranked = mpi.size() > 1;
  // Rank 0 alone owns the database: the run is 'running' before any work
  // and only finished after every rank's results have been summed.
  std::optional<sm::RunStore> store;
  if (root) store.emplace(open_store(o.db, /*create=*/true));
  const Executed ex = execute_run(o, config, threads, mpi, store);
  const std::int64_t id = ex.id;
  // Replicates: the same run with seeds S+1..S+K, each stored as a run of its own.
  std::vector<sm::StoredRun> reps;
  for (int k = 1; k <= o.replicates; ++k) {
    const sm::RunConfig ck = make_config(policy, scenario, o.users, o.months, o.seed + static_cast<std::uint64_t>(k), o.history);
    const Executed ek = execute_run(o, ck, threads, mpi, store);
    if (root) reps.push_back(load_run(*store, ek.id));
  }
  if (!root) return;
  const auto elapsed = ex.elapsed_ms;
  const sm::StoredRun r = load_run(*store, id);
  const auto intervals = run_intervals(r, o.min_events);
  if (o.json) {
    ordered_json doc;
    doc["run_id"] = id;
    doc["status"] = r.summary.status;
    doc["db"] = o.db;
    doc["policy"] = policy.name;
    doc["scenario"] = scenario.name;
    doc["users"] = config.users;
    doc["months"] = config.months;
    doc["seed"] = std::to_string(config.seed);
    doc["threads"] = threads;
    if (ranked) doc["ranks"] = mpi.size();
    doc["elapsed_ms"] = elapsed;
    doc["streaming"] = {{"block_users", o.block_users}, {"blocks", ex.blocks}, {"passes", ex.passes}};
    doc["totals"] = totals_json(r.totals);
    doc["min_events"] = o.min_events;
    doc["intervals"] = intervals_json(intervals);
    doc["credit_quality"] = quality_json(r, o.min_events);
    if (!reps.empty()) doc["replicates"] = replicates_json(r, reps, o.min_events);
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "run " << id << " (complete) in " << o.db << ": policy " << policy.name << ", scenario " << scenario.name << ", "
            << config.users << " users x " << config.months << " months, seed " << config.seed << ", "
            << (ranked ? std::to_string(mpi.size()) + " ranks x " : "") << threads << " thread" << (threads == 1 ? "" : "s")
            << (ranked ? " each" : "") << ", " << elapsed << " ms"
            << (ex.passes > 1 || ex.blocks > 1
                    ? ", streamed in " + std::to_string(ex.blocks) + " blocks" + (ranked ? " per rank" : "") + " x " +
                          std::to_string(ex.passes) + " passes"
                    : std::string())
            << "\n95% intervals and events: docs/sim.md \"Uncertainty of the figures\"; few = fewer than " << o.min_events
            << " events or non-events\n\n";
  print_table(std::cout, totals_table(r.totals, intervals));
  std::cout << "\n";
  print_table(std::cout, quality_summary_table(r, o.min_events));
  if (!reps.empty()) print_replicates(r, reps, o.min_events);
}

// ---------------------------------------------------------------- list
void run_list(const std::string& db, bool json) {
  sm::RunStore store = open_store(db);
  const auto runs = store.list();
  auto status_of = [](const sm::RunSummary& s) { return s.status == "complete" ? s.status : "incomplete (" + s.status + ")"; };
  if (json) {
    ordered_json arr = ordered_json::array();
    for (const auto& s : runs) {
      arr.push_back({{"run_id", s.run_id},
                     {"status", s.status},
                     {"complete", s.status == "complete"},
                     {"created_at", s.created_at},
                     {"policy", s.policy_name},
                     {"scenario", s.scenario_name},
                     {"users", s.users},
                     {"months", s.months},
                     {"seed", std::to_string(s.seed)},
                     {"threads", s.threads},
                     {"elapsed_ms", s.elapsed_ms},
                     {"approval_rate", s.approval_rate},
                     {"loss_rate", s.loss_rate},
                     {"net_profit", s.net_profit},
                     {"note", s.note}});
    }
    std::cout << ordered_json{{"db", db}, {"runs", arr}}.dump(2) << "\n";
    return;
  }
  if (runs.empty()) {
    std::cout << "no runs in " << db << "\n";
    return;
  }
  Table t;
  t.headers = {"run", "status", "created", "policy", "scenario", "users", "months", "seed", "approval", "loss", "net profit"};
  t.align = {Align::right, Align::left, Align::left, Align::left, Align::left};
  for (const auto& s : runs) {
    t.rows.push_back({std::to_string(s.run_id), status_of(s), s.created_at, s.policy_name, s.scenario_name, std::to_string(s.users),
                      std::to_string(s.months), std::to_string(s.seed), s.approval_rate.empty() ? "-" : s.approval_rate + "%",
                      s.loss_rate.empty() ? "-" : s.loss_rate + "%", s.net_profit.empty() ? "-" : s.net_profit});
  }
  print_table(std::cout, t);
}

// ---------------------------------------------------------------- show / export
void run_show(std::int64_t id, const std::string& db, bool json, std::int64_t min_events) {
  sm::RunStore store = open_store(db);
  const sm::StoredRun r = load_run(store, id);
  if (json) {
    std::cout << run_doc(r, min_events).dump(2) << "\n";
    return;
  }
  print_show(r, min_events);
}

// The one CSV cell writer (core/credit/csv.hpp): quotes and neutralises formulas.
std::string csv_cell(const std::string& s) { return finlab::credit::csv_quote(s); }

void run_export(std::int64_t id, const std::string& db, const std::string& format, const std::string& out_path) {
  sm::RunStore store = open_store(db);
  const sm::StoredRun r = load_run(store, id);
  std::ostringstream os;
  if (format == "json") {
    os << run_doc(r).dump(2) << "\n";
  } else {
    const auto& cols = sm::monthly_columns();
    for (std::size_t k = 0; k < cols.size(); ++k) os << (k ? "," : "") << cols[k];
    os << "\n";
    for (const auto& row : sm::monthly_rows(r.acc, r.kpi_context())) {
      for (std::size_t k = 0; k < row.size(); ++k) os << (k ? "," : "") << csv_cell(row[k]);
      os << "\n";
    }
  }
  if (out_path.empty() || out_path == "-") {
    std::cout << os.str();
    return;
  }
  write_file(out_path, os.str());
}

// ---------------------------------------------------------------- sweep
struct SweepOptions {
  std::string policy;
  std::string scenario = "baseline";
  std::string cutoffs;
  std::uint64_t users = 0;
  int months = 0;
  std::uint64_t seed = 0;
  int threads = 0;
  std::int64_t history = 40'000;
  bool json = false;
  bool no_progress = false;
};

void run_sweep_cmd(const SweepOptions& o, sm::MpiJob& mpi) {
  auto cutoffs = sm::parse_cutoff_range(o.cutoffs);
  if (!cutoffs) throw UsageError("--cutoffs: " + cutoffs.error());
  const sm::Policy policy = load_policy(o.policy);
  const sm::Scenario scenario = load_scenario(o.scenario);
  const sm::RunConfig config = make_config(policy, scenario, o.users, o.months, o.seed, o.history);
  intr::Cooperative guard;
  ProgressBar bar(!o.no_progress && mpi.rank() == 0);
  sm::ParallelOptions po;
  po.threads = threads_or_default(o.threads);
  po.cancel = &intr::flag();
  po.collective = mpi.collective();
  po.on_progress = [&bar](const sm::Progress& p) { bar.update(p); };
  auto pts = [&]() -> finlab::Result<std::vector<sm::SweepPoint>> {
    try {
      return sm::run_sweep(config, cutoffs.value(), po);
    } catch (const finlab::Error& e) {
      return finlab::fail(e.what());  // a stopped MPI job
    }
  }();
  bar.done();
  if (!pts) {
    if (mpi.size() > 1) {
      std::cerr << "finlab: sweep stopped on rank " << mpi.rank() << ": " << pts.error() << "\n";
      end_rank(mpi, pts.error() == "interrupted" ? 130 : 1);
    }
    if (pts.error() == "interrupted") {
      std::cerr << "finlab: sweep interrupted\n";
      intr::exit_interrupted();
    }
    throw InputError(pts.error());
  }
  if (mpi.rank() != 0) return;  // rank 0 has every point and prints them
  auto get = [](const sm::SweepPoint& p, const char* n) {
    const auto* v = find_total(p.totals, n);
    return v ? v->value : std::string();
  };
  if (o.json) {
    ordered_json arr = ordered_json::array();
    for (const auto& p : pts.value()) {
      arr.push_back({{"cutoff", p.cutoff},
                     {"efficient", p.efficient},
                     {"approval_rate", get(p, "approval_rate")},
                     {"loss_rate", get(p, "loss_rate")},
                     {"net_profit", get(p, "net_profit")},
                     {"roa", get(p, "roa")},
                     {"booked_amount", get(p, "booked_amount")},
                     {"booked_count", get(p, "booked_count")}});
    }
    ordered_json doc = {{"policy", policy.name}, {"scenario", scenario.name}, {"users", o.users}, {"months", o.months},
                        {"seed", std::to_string(o.seed)}, {"points", arr}};
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "cutoff sweep: policy " << policy.name << ", scenario " << scenario.name << ", " << o.users << " users x " << o.months
            << " months, seed " << o.seed << "\n* = efficient: no other cutoff has at least the approval rate and profit with at most the loss rate\n\n";
  Table t;
  t.headers = {"cutoff", "approval", "loss rate", "net profit", "ROA", "booked", "loans", "frontier"};
  for (const auto& p : pts.value()) {
    t.rows.push_back({std::to_string(p.cutoff), get(p, "approval_rate") + "%", get(p, "loss_rate") + "%", get(p, "net_profit"),
                      get(p, "roa") + "%", get(p, "booked_amount"), get(p, "booked_count"), p.efficient ? "*" : ""});
  }
  print_table(std::cout, t);
}

// ---------------------------------------------------------------- user
void run_user(std::int64_t id, std::uint64_t user, const std::string& db, bool json) {
  sm::RunStore store = open_store(db);
  const sm::StoredRun r = load_run(store, id);
  if (user >= r.summary.users) {
    throw UsageError("user " + std::to_string(user) + " is not in run " + std::to_string(id) + " (users 0 to " + std::to_string(r.summary.users - 1) + ")");
  }
  auto config = r.config();
  if (!config) throw InputError(config.error());
  auto model = sm::scoring_model_from_json(r.scorecard_json);
  if (!model) throw InputError(model.error());
  auto view = sm::replay_user(config.value(), model.value(), r.allocations, user);
  if (!view) throw InputError(view.error());
  const sm::UserView& v = view.value();
  const sm::KpiContext ctx = r.kpi_context();
  sm::KpiContext one = ctx;
  one.users = 1;
  const auto totals = sm::run_totals(v.acc, one);
  auto pick = [&](std::vector<std::string> names) {
    std::vector<sm::NamedValue> out;
    for (const auto& n : names) {
      if (const auto* t = find_total(totals, n)) out.push_back(*t);
    }
    return out;
  };
  const auto figures = pick({"applicants", "booked_count", "booked_amount", "interest_income", "penalty_income", "fee_income", "funding_cost",
                             "chargeoffs", "recoveries", "outstanding", "provision", "net_profit", "fund_deposits", "fund_redemptions",
                             "fast_redemptions", "fund_income_paid", "subsidy_cost", "fund_aum", "acquisition_cost", "data_cost",
                             "collection_cost", "interest_tax", "capital_charge", "provision_stage1", "provision_stage2", "provision_stage3",
                             "guarantee_fee_income", "guaranteed_losses", "prepaid_amount", "repeat_draws", "repeat_draw_amount"});
  if (json) {
    ordered_json events = ordered_json::array();
    for (const auto& e : v.events) {
      events.push_back({{"month", e.month + 1}, {"period", sm::period_of(ctx.start, e.month)}, {"event", e.kind},
                        {"amount", sm::yuan_of(e.amount_fen)}, {"balance", sm::yuan_of(e.balance_fen)}, {"detail", e.detail}});
    }
    ordered_json loans = ordered_json::array();
    for (const auto& l : v.loans) {
      ordered_json inst = ordered_json::array();
      for (const auto& k : l.schedule.installments) {
        inst.push_back({{"period", k.period}, {"due_date", k.due_date.to_string()}, {"payment", k.payment.to_string()},
                        {"principal", k.principal.to_string()}, {"interest", k.interest.to_string()}, {"balance", k.balance.to_string()}});
      }
      loans.push_back({{"booked", sm::period_of(ctx.start, l.month)}, {"amount", sm::yuan_of(l.amount_fen)}, {"term_months", l.term},
                       {"partner", l.partner}, {"annual_rate_pct", config.value().policy.credit.annual_rate(l.band).to_percent_string(4)},
                       {"installments", inst}});
    }
    ordered_json doc = {{"run_id", id},
                        {"user_id", user},
                        {"score", v.score},
                        {"score_application_only", v.score_app},
                        {"consent", v.consent},
                        {"monthly_income", sm::yuan_of(v.income_fen)},
                        {"existing_debt_payments", sm::yuan_of(v.debt_fen)},
                        {"true_pd_12m", sm::percent_of(v.pd_ppm, 1'000'000)},
                        {"uses_fund", v.uses_fund},
                        {"events", events},
                        {"loans", loans},
                        {"figures", totals_json(figures)}};
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "user " << user << " of run " << id << ": score " << v.score << " (application data only: " << v.score_app << "), consent "
            << v.consent << ", income " << sm::yuan_of(v.income_fen) << "/month, existing debt payments " << sm::yuan_of(v.debt_fen)
            << "/month, true 12-month PD " << sm::percent_of(v.pd_ppm, 1'000'000, 2) << "%" << (v.uses_fund ? ", uses 活期宝" : "") << "\n\n";
  Table ev;
  ev.headers = {"month", "period", "event", "amount", "balance", "detail"};
  ev.align = {Align::right, Align::left, Align::left, Align::right, Align::right, Align::left};
  for (const auto& e : v.events) {
    ev.rows.push_back({std::to_string(e.month + 1), sm::period_of(ctx.start, e.month), e.kind, sm::yuan_of(e.amount_fen),
                       sm::yuan_of(e.balance_fen), e.detail});
  }
  if (ev.rows.empty()) std::cout << "(no events: this user neither applied nor used the fund)\n";
  else print_table(std::cout, ev);
  for (const auto& l : v.loans) {
    std::cout << "\nLoan booked " << sm::period_of(ctx.start, l.month) << ": " << sm::yuan_of(l.amount_fen) << " over " << l.term
              << " months at " << config.value().policy.credit.annual_rate(l.band).to_percent_string(2) << "% a year, funded by " << l.partner
              << "; contract schedule (core/loan):\n";
    Table s;
    s.headers = {"period", "due date", "payment", "principal", "interest", "balance"};
    for (const auto& k : l.schedule.installments) {
      s.rows.push_back({std::to_string(k.period), k.due_date.to_string(), k.payment.to_string(), k.principal.to_string(), k.interest.to_string(),
                        k.balance.to_string()});
    }
    print_table(std::cout, s);
  }
  std::cout << "\nThis user's figures (summed over all users they give the run's totals, to the fen)\n";
  print_table(std::cout, totals_table(figures));
}

}  // namespace

void register_sim_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("sim", "policy simulation sandbox: run, list, show, compare, export, sweep, user, selection");
  cmd->require_subcommand(1);
  {
    auto o = std::make_shared<RunOptions>();
    auto* c = cmd->add_subcommand("run", "run a policy on a synthetic population month by month under a scenario; store the run");
    c->add_option("--policy", o->policy, "policy JSON (default assets/policies/baseline-2015.json)");
    c->add_option("--scenario", o->scenario, "scenario name (baseline, mild-stress, severe-stress, consent-shock, rate-shock) or JSON file");
    c->add_option("--users", o->users, "number of synthetic users")->required();
    c->add_option("--months", o->months, "months to simulate (1-240)")->required();
    c->add_option("--seed", o->seed, "random seed")->required();
    c->add_option("--threads", o->threads, "worker threads, 1-256 (default: all cores)")->check(in_range(1, kMaxThreads));
    c->add_option("--history", o->history, "synthetic history users the scorecard is trained on (default 40000)");
    c->add_option("--block-users", o->block_users,
                  "most users in memory at once per process, 1-200,000,000; more stream through in blocks, same results (default 4194304)")
        ->check(in_range(1, 200'000'000));
    c->add_option("--db", o->db, "SQLite runs database (created if missing)")->required();
    c->add_flag("--json", o->json, "print one JSON document");
    c->add_flag("--no-progress", o->no_progress, "no progress bar on the terminal");
    c->add_option("--replicates", o->replicates, "also run seeds S+1..S+K (stored as runs) and report each total's spread, 0-100 (default 0)")
        ->check(in_range(0, 100));
    c->add_option("--min-events", o->min_events, "mark a rate resting on fewer events (or non-events) as few, 1-1,000,000 (default 30)")
        ->check(in_range(1, 1'000'000));
    c->callback([o] {
      sm::MpiJob mpi(&intr::flag());
      on_this_rank(mpi, [&] { run_run(*o, mpi); });
    });
  }
  {
    auto db = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto* c = cmd->add_subcommand("list", "list the runs in a database (incomplete runs marked)");
    c->add_option("--db", *db, "SQLite runs database")->required();
    c->add_flag("--json", *json, "print one JSON document");
    c->callback([db, json] { run_list(*db, *json); });
  }
  {
    auto id = std::make_shared<std::int64_t>(0);
    auto db = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto min_events = std::make_shared<std::int64_t>(sm::kDefaultMinEvents);
    auto* c = cmd->add_subcommand("show", "one run: totals, months, value of behaviour data, swap-in/out, partners, vintages");
    c->add_option("RUN", *id, "run id")->required();
    c->add_option("--db", *db, "SQLite runs database")->required();
    c->add_flag("--json", *json, "print one JSON document");
    c->add_option("--min-events", *min_events, "mark a rate resting on fewer events (or non-events) as few (default 30)")->check(in_range(1, 1'000'000));
    c->callback([id, db, json, min_events] { run_show(*id, *db, *json, *min_events); });
  }
  {
    auto a = std::make_shared<std::int64_t>(0), b = std::make_shared<std::int64_t>(0);
    auto db = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto* c = cmd->add_subcommand("compare", "two runs' totals side by side with the differences");
    c->add_option("RUN_A", *a, "first run id")->required();
    c->add_option("RUN_B", *b, "second run id")->required();
    c->add_option("--db", *db, "SQLite runs database")->required();
    c->add_flag("--json", *json, "print one JSON document");
    auto min_events = std::make_shared<std::int64_t>(sm::kDefaultMinEvents);
    c->add_option("--min-events", *min_events, "mark a rate resting on fewer events (or non-events) as few (default 30)")->check(in_range(1, 1'000'000));
    c->callback([a, b, db, json, min_events] { run_compare(*a, *b, *db, *json, *min_events); });
  }
  {
    auto id = std::make_shared<std::int64_t>(0);
    auto db = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* c = cmd->add_subcommand("export", "a run's monthly KPIs as CSV, or everything as JSON");
    c->add_option("RUN", *id, "run id")->required();
    c->add_option("--format", *format, "csv or json")->required()->check(CLI::IsMember({"csv", "json"}));
    c->add_option("--db", *db, "SQLite runs database")->required();
    c->add_option("--out", *out, "file to write (default: stdout)");
    c->callback([id, db, format, out] { run_export(*id, *db, *format, *out); });
  }
  {
    auto o = std::make_shared<SweepOptions>();
    auto* c = cmd->add_subcommand("sweep", "run the same population at a range of cutoffs; print the efficient frontier");
    c->add_option("--policy", o->policy, "policy JSON (default assets/policies/baseline-2015.json)");
    c->add_option("--scenario", o->scenario, "scenario name or JSON file (default baseline)");
    c->add_option("--cutoffs", o->cutoffs, "FROM:TO:STEP, e.g. 520:700:10")->required();
    c->add_option("--users", o->users, "number of synthetic users")->required();
    c->add_option("--months", o->months, "months to simulate")->required();
    c->add_option("--seed", o->seed, "random seed")->required();
    c->add_option("--threads", o->threads, "worker threads, 1-256 (default: all cores)")->check(in_range(1, kMaxThreads));
    c->add_option("--history", o->history, "synthetic history users for the scorecard (default 40000)");
    c->add_flag("--json", o->json, "print one JSON document");
    c->add_flag("--no-progress", o->no_progress, "no progress bar on the terminal");
    c->callback([o] {
      sm::MpiJob mpi(&intr::flag());
      on_this_rank(mpi, [&] { run_sweep_cmd(*o, mpi); });
    });
  }
  {
    auto id = std::make_shared<std::int64_t>(0);
    auto user = std::make_shared<std::uint64_t>(0);
    auto db = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto* c = cmd->add_subcommand("user", "what one synthetic user of a run saw: decision, offer, schedule, payments, fund income");
    c->add_option("RUN", *id, "run id")->required();
    c->add_option("ID", *user, "user id (0 .. users-1)")->required();
    c->add_option("--db", *db, "SQLite runs database")->required();
    c->add_flag("--json", *json, "print one JSON document");
    c->callback([id, user, db, json] { run_user(*id, *user, *db, *json); });
  }
  register_sim_selection(*cmd, load_policy, load_scenario);
}

}  // namespace finlab::cli
