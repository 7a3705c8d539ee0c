// Fault injection for the runs database (issue 17): a wrapper SQLite VFS
// fails the Nth write or sync of a run's whole write sequence (begin_run,
// then finish_run, as `finlab sim run` does), once: a write fails with an I/O
// error or a full disk, a sync with a failed fsync. For every N: the database passes integrity_check,
// the earlier run reads back unchanged, and the new run is absent (the fault
// hit its first insert), 'failed' with no result rows, or — when the fault hit
// after SQLite's commit point — 'complete' with every row; never 'running' and
// never half-written. Native only (the wasm suite has no file VFS to wrap).
#include <catch2/catch.hpp>

#ifndef __EMSCRIPTEN__
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "sim/run_store.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

// ---------------------------------------------------------------- the wrapper VFS
struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;  // lives right after this struct (szOsFile covers both)
};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_fault_vfs;
sqlite3_io_methods g_methods;
long g_ops = 0;      // writes and syncs seen while armed
long g_fail_at = 0;  // 0: count only
bool g_disk_full = false;  // writes fail with SQLITE_FULL instead of SQLITE_IOERR_WRITE
bool g_armed = false;
bool g_fired = false;

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->real; }

// True when this write or sync is the one to fail.
bool should_fail() {
  if (!g_armed) return false;
  ++g_ops;
  if (g_fail_at != 0 && g_ops == g_fail_at) {
    g_fired = true;
    return true;
  }
  return false;
}

int f_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int f_read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return real_of(f)->pMethods->xRead(real_of(f), b, n, o); }
int f_write(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
  if (should_fail()) return g_disk_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
  return real_of(f)->pMethods->xWrite(real_of(f), b, n, o);
}
int f_truncate(sqlite3_file* f, sqlite3_int64 s) { return real_of(f)->pMethods->xTruncate(real_of(f), s); }
int f_sync(sqlite3_file* f, int flags) {
  if (should_fail()) return SQLITE_IOERR_FSYNC;
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int f_size(sqlite3_file* f, sqlite3_int64* s) { return real_of(f)->pMethods->xFileSize(real_of(f), s); }
int f_lock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xLock(real_of(f), l); }
int f_unlock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xUnlock(real_of(f), l); }
int f_check(sqlite3_file* f, int* r) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), r); }
int f_control(sqlite3_file* f, int op, void* a) { return real_of(f)->pMethods->xFileControl(real_of(f), op, a); }
int f_sector(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int f_dev(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int f_shm_map(sqlite3_file* f, int p, int s, int e, void volatile** out) { return real_of(f)->pMethods->xShmMap(real_of(f), p, s, e, out); }
int f_shm_lock(sqlite3_file* f, int o, int n, int fl) { return real_of(f)->pMethods->xShmLock(real_of(f), o, n, fl); }
void f_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int f_shm_unmap(sqlite3_file* f, int d) { return real_of(f)->pMethods->xShmUnmap(real_of(f), d); }
int f_fetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return real_of(f)->pMethods->xFetch(real_of(f), o, n, p); }
int f_unfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return real_of(f)->pMethods->xUnfetch(real_of(f), o, p); }

int f_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* ff = reinterpret_cast<FaultFile*>(file);
  ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
  const int rc = g_real->xOpen(g_real, name, ff->real, flags, out_flags);
  ff->base.pMethods = ff->real->pMethods ? &g_methods : nullptr;
  return rc;
}

// Installs the wrapper as the default VFS over whatever is default now
// (the checksum VFS once finlab has opened a database).
void install_fault_vfs() {
  if (g_real) return;
  (void)store::Database::open(":memory:");  // registers the checksum VFS first
  g_real = sqlite3_vfs_find(nullptr);
  g_fault_vfs = *g_real;
  g_fault_vfs.zName = "finlab-fault";
  g_fault_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
  g_fault_vfs.xOpen = f_open;
  g_fault_vfs.pNext = nullptr;
  g_methods = sqlite3_io_methods{3,      f_close,   f_read,         f_write,    f_truncate, f_sync,   f_size,
                                 f_lock, f_unlock,  f_check,        f_control,  f_sector,   f_dev,    f_shm_map,
                                 f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch};
  REQUIRE(sqlite3_vfs_register(&g_fault_vfs, 1) == SQLITE_OK);
}

void remove_fault_vfs() {
  if (!g_real) return;
  sqlite3_vfs_register(g_real, 1);
  sqlite3_vfs_unregister(&g_fault_vfs);
  g_real = nullptr;
}

// ---------------------------------------------------------------- the run
RunConfig small_config(std::uint64_t seed) {
  RunConfig c;
  c.policy = parse_policy(test::slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(test::slurp(FINLAB_SOURCE_DIR "/assets/scenarios/severe-stress.json")).value();
  c.users = 300;
  c.months = 6;
  c.seed = seed;
  c.history_users = 3000;
  return c;
}

std::int64_t scalar(RunStore& s, const std::string& sql) {
  auto st = s.db().prepare(sql);
  REQUIRE(st.step());
  return st.column_int64(0);
}

std::string totals_of(RunStore& s, std::int64_t id) {
  auto run = s.load(id);
  if (!run) return "error: " + run.error();
  std::string all;
  for (const auto& t : run.value().totals) all += t.name + "=" + t.value + ";";
  return all;
}

// The sequence `finlab sim run` performs on the database: open, begin, finish.
void write_run(const std::string& path, const RunOutput& out) {
  auto opened = RunStore::open(path, store::Database::OpenMode::existing);
  if (!opened) throw Error(opened.error());
  RunStore s = std::move(opened).value();
  const std::int64_t id = s.begin_run(out.config, "2015-06-01T00:00:00Z", 1);
  s.finish_run(id, out, "2015-06-01T00:00:01Z", 5);
}

}  // namespace

TEST_CASE("A failed write or sync at any point of a run leaves the store consistent and the run failed or absent",
          "[sim][store][fault]") {
  const std::string dir = "finlab_fault_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string base = dir + "/base.sqlite", work = dir + "/work.sqlite";
  const RunOutput first = run_simulation(small_config(1));
  const RunOutput second = run_simulation(small_config(2));
  std::string first_totals;
  {
    RunStore s = RunStore::open(base).value();
    const std::int64_t id = s.begin_run(first.config, "2015-06-01T00:00:00Z", 1);
    s.finish_run(id, first, "2015-06-01T00:00:01Z", 5);
    first_totals = totals_of(s, id);
  }
  install_fault_vfs();
  // The length of the write sequence, counted once without a fault.
  std::filesystem::copy_file(base, work, std::filesystem::copy_options::overwrite_existing);
  g_ops = 0, g_fail_at = 0, g_armed = true;
  write_run(work, second);
  g_armed = false;
  const long total = g_ops;
  INFO("writes and syncs in the sequence: " << total);
  REQUIRE(total >= 4);

  int absent = 0, failed = 0, complete = 0;
  for (bool disk_full : {false, true}) {
    for (long n = 1; n <= total; ++n) {
      INFO((disk_full ? "disk full" : "I/O error") << " at write/sync " << n << " of " << total);
      std::filesystem::copy_file(base, work, std::filesystem::copy_options::overwrite_existing);
      std::filesystem::remove(work + "-journal");
      g_ops = 0, g_fail_at = n, g_disk_full = disk_full, g_fired = false, g_armed = true;
      bool threw = false;
      try {
        write_run(work, second);
      } catch (const std::exception& e) {
        threw = true;
        // Said in words with the path, not SQLite's raw text.
        CHECK(std::string(e.what()).find("work.sqlite") != std::string::npos);
      }
      g_armed = false;
      REQUIRE(g_fired);
      RunStore s = RunStore::open(work, store::Database::OpenMode::existing).value();
      {
        auto st = s.db().prepare("PRAGMA integrity_check");
        REQUIRE(st.step());
        CHECK(st.column_text(0) == "ok");
      }
      CHECK(totals_of(s, 1) == first_totals);  // the earlier run is intact
      const std::int64_t rows = scalar(s, "SELECT count(*) FROM sim_runs WHERE run_id = 2");
      const std::int64_t result_rows = scalar(s, "SELECT (SELECT count(*) FROM sim_run_totals WHERE run_id = 2) + "
                                                 "(SELECT count(*) FROM sim_run_months WHERE run_id = 2)");
      if (rows == 0) {
        CHECK(threw);
        CHECK(result_rows == 0);
        ++absent;
        continue;
      }
      const std::string status = s.list().at(1).status;  // ordered by run id
      if (status == "complete") {
        CHECK(result_rows > 0);
        CHECK(totals_of(s, 2).size() > 0);
        ++complete;
      } else {
        CHECK(status == "failed");
        CHECK(threw);
        CHECK(result_rows == 0);
        ++failed;
      }
    }
  }
  remove_fault_vfs();
  INFO("absent " << absent << ", failed " << failed << ", complete " << complete);
  CHECK(absent > 0);
  CHECK(failed > 0);
  std::filesystem::remove_all(dir);
}
#endif
