#include "core/store/database.hpp"

#include <sqlite3.h>

#include <utility>

namespace finlab::store {

namespace {
[[noreturn]] void throw_sqlite(sqlite3* db, std::string_view what) {
  throw Error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
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
Result<Database> Database::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return fail(msg);
  }
  sqlite3_busy_timeout(db, 5000);
  Database d(db, path);
  try {
    d.exec("PRAGMA foreign_keys = ON");
    // Touch the schema so that a file that is not a database fails here.
    d.user_version();
  } catch (const Error& e) {
    return fail("cannot open database " + path + ": " + e.what());
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
    throw Error("sql error: " + msg);
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
