#include "core/store/database.hpp"

#include <sqlite3.h>

#include <utility>

namespace finlab::store {

namespace {

std::string db_path(sqlite3* db) {
  const char* f = db ? sqlite3_db_filename(db, "main") : nullptr;
  return f && *f ? f : "(in memory)";
}

// What happened, in words, for the SQLite error `code` on `db` (docs/limits.md
// "Store"): damage, a full disk and I/O errors name the database file and are
// not left as the library's raw text ("step: database disk image is malformed").
std::string describe_sqlite(sqlite3* db, int code, std::string_view what) {
  const std::string path = db_path(db);
  switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return "the database is damaged: " + path;
    case SQLITE_IOERR:
      if (code == SQLITE_IOERR_DATA) return "the database is damaged (a page checksum does not match): " + path;
      return "could not read or write the database " + path + " (input/output error: the disk failed or the database is damaged)";
    case SQLITE_FULL: return "the disk is full: could not write the database " + path;
    case SQLITE_READONLY: return "the database " + path + " is read-only";
    case SQLITE_CANTOPEN: return "cannot open the database " + path;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "the database " + path + " is busy (another program holds a lock on it)";
    case SQLITE_NOMEM: return "out of memory while using the database " + path;
    default: return "database " + path + ": " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
  }
}

[[noreturn]] void throw_sqlite(sqlite3* db, std::string_view what) {
  throw Error(describe_sqlite(db, db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM, what));
}

#ifdef FINLAB_HAVE_CKSUMVFS
extern "C" int sqlite3_register_cksumvfs(const char*);
// Registers SQLite's checksum VFS (ext/misc/cksumvfs.c) once, as the default
// VFS: pages of databases with 8 reserve bytes carry a checksum, verified on
// every read (a mismatch is SQLITE_IOERR_DATA).
void register_checksums() {
  static const int rc = sqlite3_register_cksumvfs(nullptr);
  (void)rc;
}
#endif

}  // namespace

// ---------------------------------------------------------------- Statement
Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)) {}
Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = std::exchange(o.stmt_, nullptr);
  }
  return *this;
}
Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) throw_sqlite(db_, "bind");
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK) throw_sqlite(db_, "bind");
  return *this;
}
Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) throw_sqlite(db_, "bind");
  return *this;
}
bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, "step");
}
void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}
std::int64_t Statement::column_int64(int c) const { return sqlite3_column_int64(stmt_, c); }
std::string Statement::column_text(int c) const {
  const unsigned char* t = sqlite3_column_text(stmt_, c);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))) : std::string();
}
bool Statement::column_is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
int Statement::column_count() const { return sqlite3_column_count(stmt_); }

// ---------------------------------------------------------------- Database
Result<Database> Database::open(const std::string& path, OpenMode mode) {
#ifdef FINLAB_HAVE_CKSUMVFS
  register_checksums();
#endif
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = mode == OpenMode::existing && (rc & 0xff) == SQLITE_CANTOPEN
                          ? "no database at " + path + " (check the path; reading never creates a database)"
                          : "cannot open the database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return fail(msg);
  }
  sqlite3_busy_timeout(db, 5000);
  Database d(db, path);
  try {
    d.exec("PRAGMA foreign_keys = ON");
    // Deleted rows are overwritten with zeros, so "delete my data" leaves no
    // trace of them in the file's bytes (docs/limits.md "Store").
    d.exec("PRAGMA secure_delete = ON");
    // Touch the schema so that a file that is not a database fails here.
    d.user_version();
#ifdef FINLAB_HAVE_CKSUMVFS
    // A new, empty database gets 8 reserve bytes per page: the checksum VFS
    // then writes and verifies a checksum on every page (docs/limits.md).
    if (path != ":memory:" && !path.empty()) {
      Statement pc = d.prepare("PRAGMA page_count");
      if (pc.step() && pc.column_int64(0) == 0) {
        int n = 8;
        sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &n);
      }
    }
#endif
  } catch (const Error& e) {
    return fail(e.what());
  }
  return d;
}

Database::Database(Database&& o) noexcept : db_(std::exchange(o.db_, nullptr)), path_(std::move(o.path_)) {}
Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    sqlite3_close(db_);
    db_ = std::exchange(o.db_, nullptr);
    path_ = std::move(o.path_);
  }
  return *this;
}
Database::~Database() { sqlite3_close(db_); }

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error(describe_sqlite(db_, sqlite3_extended_errcode(db_), "sql error"));
  }
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK)
    throw_sqlite(db_, "prepare \"" + std::string(sql.substr(0, 60)) + "\"");
  return Statement(db_, s);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

int Database::user_version() {
  Statement s = prepare("PRAGMA user_version");
  s.step();
  return static_cast<int>(s.column_int64(0));
}

void Database::migrate(const std::vector<Migration>& migrations) {
  const int current = user_version();
  int latest = 0;
  for (const auto& m : migrations) latest = std::max(latest, m.version);
  if (current > latest)
    throw Error("database " + path_ + " has schema version " + std::to_string(current) +
                ", newer than this program understands (" + std::to_string(latest) + ")");
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    Transaction t(*this);
    exec(m.sql);
    exec("PRAGMA user_version = " + std::to_string(m.version));
    t.commit();
  }
}

void Database::begin() { exec("BEGIN IMMEDIATE"); }
void Database::commit() { exec("COMMIT"); }
void Database::rollback() { exec("ROLLBACK"); }

Transaction::~Transaction() {
  if (!done_) {
    try { db_.rollback(); } catch (...) {}
  }
}
void Transaction::commit() {
  db_.commit();
  done_ = true;
}

}  // namespace finlab::store
