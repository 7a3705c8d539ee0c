// `mpirun -np N finlab sim run|sweep` (sim/mpi_run.cpp, issue 15) against the
// same command in one process: the --json output and every result row in the
// database are identical byte for byte; a rank killed mid-run leaves the run
// marked failed with no result rows and earlier runs untouched. Built only
// when CMake found MPI (FINLAB_MPI); runs the real binaries (FINLAB_CLI,
// FINLAB_MPIEXEC). As root, mpirun needs OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM);
// more ranks than cores need --oversubscribe.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/store/database.hpp"
#include "tests/cli/cli_runner.hpp"

using finlab::test::CliResult;
using finlab::test::run_cli;
using finlab::test::shell_quote;
using finlab::test::slurp;
using finlab::test::temp_file;
using Catch::Matchers::Contains;

namespace {

void allow_root() {
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
}

std::vector<std::string> mpirun_args(int ranks) {
  return {FINLAB_MPIEXEC, "-np", std::to_string(ranks), "--oversubscribe", FINLAB_CLI};
}

// `mpirun -np N finlab ARGS...` with captured output.
CliResult run_mpi(int ranks, const std::vector<std::string>& args) {
  allow_root();
  static int counter = 0;
  const std::string base = "finlab_mpi_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  std::string cmd;
  for (const auto& a : mpirun_args(ranks)) cmd += shell_quote(a) + " ";
  for (const auto& a : args) cmd += shell_quote(a) + " ";
  cmd += "</dev/null >" + base + ".out 2>" + base + ".err";
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

std::string fresh_db(const std::string& name) {
  const std::string db = temp_file(name, "");
  std::remove(db.c_str());
  return db;
}

// Every result row of a run, and the run's configuration and scorecard, as
// text (what `sim show/export/user` read back); not the timestamps, elapsed
// time or thread count, which differ between any two runs.
std::string stored_run(const std::string& db, std::int64_t run) {
  auto d = finlab::store::Database::open(db).value();
  std::ostringstream os;
  auto dump = [&](const std::string& sql) {
    auto st = d.prepare(sql);
    st.bind(1, run);
    os << sql << "\n";
    while (st.step()) {
      for (int c = 0; c < st.column_count(); ++c) os << (st.column_is_null(c) ? "NULL" : st.column_text(c)) << "|";
      os << "\n";
    }
  };
  dump("SELECT status, engine_version, seed, users, months, history_users, start_date, policy_name, policy_json, scenario_name, "
       "scenario_json, assumptions_json, population_json, scorecard_json, train_auc FROM sim_runs WHERE run_id = ?1");
  for (const char* t : {"sim_run_totals", "sim_run_months", "sim_run_partners", "sim_run_bands", "sim_run_vintages", "sim_run_days",
                        "sim_run_allocations", "sim_run_scores", "sim_run_analyses"}) {
    dump(std::string("SELECT * FROM ") + t + " WHERE run_id = ?1 ORDER BY rowid");
  }
  return os.str();
}

std::int64_t count_rows(const std::string& db, const std::string& table, std::int64_t run) {
  auto d = finlab::store::Database::open(db).value();
  auto st = d.prepare("SELECT count(*) FROM " + table + " WHERE run_id = ?1");
  st.bind(1, run);
  REQUIRE(st.step());
  return st.column_int64(0);
}

std::string status_of(const std::string& db, std::int64_t run) {
  auto opened = finlab::store::Database::open(db);
  if (!opened) return "";
  finlab::store::Database d = std::move(opened).value();
  try {
    auto st = d.prepare("SELECT status FROM sim_runs WHERE run_id = ?1");
    st.bind(1, run);
    return st.step() ? st.column_text(0) : "";
  } catch (const std::exception&) {
    return "";  // schema not created yet
  }
}

std::string totals_of(const std::string& json_text) {
  return nlohmann::ordered_json::parse(json_text).at("totals").dump(2);
}

std::vector<std::string> run_args(const std::string& db, const std::string& users, const std::string& scenario, const std::string& threads) {
  return {"sim", "run", "--users", users, "--months", "12", "--seed", "2015", "--history", "3000", "--scenario", scenario,
          "--threads", threads, "--db", db, "--json", "--no-progress"};
}

}  // namespace

TEST_CASE("mpirun -np 2 gives the single-process run byte for byte: --json totals and every stored row", "[mpi][sim]") {
  const std::string one = fresh_db("one.sqlite"), two = fresh_db("two.sqlite");
  const CliResult a = run_cli(run_args(one, "6001", "severe-stress", "2"));
  REQUIRE(a.exit_code == 0);
  const CliResult b = run_mpi(2, run_args(two, "6001", "severe-stress", "1"));
  INFO(b.err);
  REQUIRE(b.exit_code == 0);
  // One JSON document (rank 0 prints, rank 1 does not) for the 2-rank run.
  const auto doc = nlohmann::ordered_json::parse(b.out);
  CHECK(doc.at("ranks") == 2);
  CHECK(doc.at("status") == "complete");
  CHECK(totals_of(b.out) == totals_of(a.out));
  CHECK(count_rows(two, "sim_run_months", 1) == 12);
  CHECK(stored_run(two, 1) == stored_run(one, 1));
  // The user lens replays one user of the distributed run like the single one's.
  const CliResult ua = run_cli({"sim", "user", "1", "4321", "--db", one, "--json"});
  const CliResult ub = run_cli({"sim", "user", "1", "4321", "--db", two, "--json"});
  REQUIRE(ua.exit_code == 0);
  CHECK(ub.out == ua.out);
  std::remove(one.c_str());
  std::remove(two.c_str());
}

TEST_CASE("mpirun -np 3 with 2 threads per rank, and more ranks than users, give the single-process run", "[mpi][sim]") {
  const std::string one = fresh_db("one3.sqlite"), three = fresh_db("three.sqlite");
  const CliResult a = run_cli(run_args(one, "5000", "consent-shock", "1"));
  REQUIRE(a.exit_code == 0);
  const CliResult b = run_mpi(3, run_args(three, "5000", "consent-shock", "2"));
  INFO(b.err);
  REQUIRE(b.exit_code == 0);
  CHECK(totals_of(b.out) == totals_of(a.out));
  CHECK(stored_run(three, 1) == stored_run(one, 1));
  // 2 users on 3 ranks: one rank holds nobody and still takes part.
  const CliResult c = run_cli(run_args(one, "2", "baseline", "1"));
  const CliResult d = run_mpi(3, run_args(three, "2", "baseline", "1"));
  INFO(d.err);
  REQUIRE(c.exit_code == 0);
  REQUIRE(d.exit_code == 0);
  CHECK(stored_run(three, 2) == stored_run(one, 2));
  std::remove(one.c_str());
  std::remove(three.c_str());
}

TEST_CASE("mpirun -np 2 streaming its users in small blocks gives the single-process run", "[mpi][sim][stream]") {
  // Each rank holds 3,000 users and streams them in blocks of 1,000 (several
  // passes over the blocks, demand summed over the ranks per pass): the
  // stored run equals the one-process run that holds every user at once.
  const std::string one = fresh_db("one_s.sqlite"), two = fresh_db("two_s.sqlite");
  const CliResult a = run_cli(run_args(one, "6000", "mild-stress", "2"));
  REQUIRE(a.exit_code == 0);
  std::vector<std::string> args = run_args(two, "6000", "mild-stress", "2");
  args.insert(args.end(), {"--block-users", "1000"});
  const CliResult b = run_mpi(2, args);
  INFO(b.err);
  REQUIRE(b.exit_code == 0);
  CHECK(totals_of(b.out) == totals_of(a.out));
  CHECK(stored_run(two, 1) == stored_run(one, 1));
  // A block size of 0 is a usage error on every rank.
  args.back() = "0";
  const CliResult bad = run_mpi(2, args);
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("--block-users must be at least 1"));
  std::remove(one.c_str());
  std::remove(two.c_str());
}

TEST_CASE("mpirun -np 2 sim sweep shares the cutoffs out and prints the single-process frontier", "[mpi][sim]") {
  const std::vector<std::string> args{"sim", "sweep", "--cutoffs", "560:640:20", "--users", "3000", "--months", "12", "--seed", "9",
                                      "--history", "3000", "--threads", "1", "--json", "--no-progress"};
  const CliResult a = run_cli(args);
  REQUIRE(a.exit_code == 0);
  const CliResult b = run_mpi(2, args);
  INFO(b.err);
  REQUIRE(b.exit_code == 0);
  CHECK(b.out == a.out);
  CHECK(nlohmann::json::parse(b.out).at("points").size() == 5);
}

TEST_CASE("Errors under mpirun end the whole job with the CLI's exit code", "[mpi][sim]") {
  const std::string db = fresh_db("err.sqlite");
  const CliResult usage = run_mpi(2, {"sim", "run", "--users", "0", "--months", "12", "--seed", "1", "--db", db});
  CHECK(usage.exit_code == 2);
  CHECK_THAT(usage.err, Contains("users must be between 1 and 200,000,000"));
  const CliResult missing = run_mpi(2, {"sim", "run", "--users", "100", "--months", "12", "--seed", "1", "--db", db, "--policy", "no-such.json"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Contains("--policy: no such file: no-such.json"));
  std::remove(db.c_str());
}

namespace {

pid_t start_mpi(int ranks, const std::vector<std::string>& args) {
  allow_root();
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    std::vector<std::string> all = mpirun_args(ranks);
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(FINLAB_MPIEXEC, argv.data());
    ::_exit(127);
  }
  return pid;
}

// The process of rank `rank` among the descendants of `launcher` (found by
// the OMPI_COMM_WORLD_RANK in its environment); 0 if none yet.
pid_t find_rank(pid_t launcher, int rank) {
  auto parent_of = [](pid_t p) -> pid_t {
    std::ifstream f("/proc/" + std::to_string(p) + "/stat");
    std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const auto close = s.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(s.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    return ppid;
  };
  const std::string want = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  DIR* dir = ::opendir("/proc");
  pid_t found = 0;
  while (dirent* e = ::readdir(dir)) {
    const pid_t p = static_cast<pid_t>(std::atoi(e->d_name));
    if (p <= 0) continue;
    bool mine = false;
    for (pid_t q = parent_of(p), hops = 0; q > 1 && hops < 5; q = parent_of(q), ++hops) mine = mine || q == launcher;
    if (!mine) continue;
    std::string env = slurp("/proc/" + std::to_string(p) + "/environ");
    for (char& ch : env) ch = ch == '\0' ? '\n' : ch;
    if (("\n" + env + "\n").find("\n" + want + "\n") != std::string::npos) found = p;
  }
  ::closedir(dir);
  return found;
}

}  // namespace

TEST_CASE("A rank killed mid-run (SIGKILL) leaves the run failed with no result rows and earlier runs intact", "[mpi][sim][kill]") {
  const std::string db = fresh_db("mpikill.sqlite");
  // Run 1: a finished 2-rank run that must survive untouched.
  const CliResult first = run_mpi(2, run_args(db, "3000", "baseline", "1"));
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const std::string before = stored_run(db, 1);
  // Run 2: long enough to be killed in the middle. mpirun stops the other
  // ranks with SIGCONT, SIGTERM and SIGKILL, odls_base_sigkill_timeout
  // seconds apart (1 s by default): give rank 0 3 s between SIGTERM and
  // SIGKILL to mark the run, as a loaded CI machine may need.
  ::setenv("OMPI_MCA_odls_base_sigkill_timeout", "3", 1);
  const pid_t launcher = start_mpi(2, {"sim", "run", "--users", "400000", "--months", "36", "--seed", "3", "--history", "3000", "--threads",
                                       "1", "--db", db, "--no-progress"});
  for (int i = 0; i < 600 && status_of(db, 2) != "running"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(status_of(db, 2) == "running");
  pid_t victim = 0;
  for (int i = 0; i < 100 && victim == 0; ++i) {
    victim = find_rank(launcher, 1);
    if (victim == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(victim > 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ::kill(victim, SIGKILL);
  int st = 0;
  ::waitpid(launcher, &st, 0);
  ::unsetenv("OMPI_MCA_odls_base_sigkill_timeout");
  // mpirun reports the job as failed ...
  CHECK(!(WIFEXITED(st) && WEXITSTATUS(st) == 0));
  // ... rank 0 (stopped by mpirun with SIGTERM) marked the run failed, with
  // no result rows; the first run is as it was.
  CHECK(status_of(db, 2) == "failed");
  for (const char* t : {"sim_run_totals", "sim_run_months", "sim_run_days", "sim_run_vintages", "sim_run_allocations", "sim_run_scores"}) {
    INFO(t);
    CHECK(count_rows(db, t, 2) == 0);
  }
  CHECK(stored_run(db, 1) == before);
  const CliResult list = run_cli({"sim", "list", "--db", db});
  CHECK(list.exit_code == 0);
  CHECK_THAT(list.out, Contains("incomplete (failed)"));
  const CliResult show = run_cli({"sim", "show", "2", "--db", db});
  CHECK(show.exit_code == 1);
  CHECK_THAT(show.err, Contains("incomplete"));
  std::remove(db.c_str());
}
