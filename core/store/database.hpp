// A thin RAII layer over SQLite: the only place in core that includes
// sqlite3.h (STYLE.md "storage at the edge"). Money is stored as integer minor
// units or decimal text, never REAL. Schemas carry a version in
// PRAGMA user_version and move forward by numbered migrations in one
// transaction each, so an interrupted upgrade leaves the old schema intact.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace finlab::store {

class Statement {
public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, std::string_view v);
  Statement& bind_null(int index);
  // Advance: true while a row is available, false when done. Errors throw.
  bool step();
  void reset();

  std::int64_t column_int64(int col) const;
  std::string column_text(int col) const;
  bool column_is_null(int col) const;
  int column_count() const;

private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* s) : db_(db), stmt_(s) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

struct Migration {
  int version;       // schema version after this step (1, 2, ...)
  std::string sql;   // statements that move version-1 to version
};

class Database {
public:
  // create: opens, creating the file if needed; ":memory:" for a private one.
  // existing: a missing file is an error ("no database at PATH"), so that
  // read commands never create a database from a mistyped path.
  enum class OpenMode { create, existing };
  static Result<Database> open(const std::string& path, OpenMode mode = OpenMode::create);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  void exec(std::string_view sql);           // throws finlab::Error with SQLite's message
  Statement prepare(std::string_view sql);   // throws on a syntax error
  std::int64_t last_insert_rowid() const;
  int changes() const;

  int user_version();
  // Applies the migrations whose version is above user_version, in order, each
  // in its own transaction. A database newer than the code is an error.
  void migrate(const std::vector<Migration>& migrations);

  void begin();
  void commit();
  void rollback();

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

// Commits on commit(); rolls back if destroyed without it (exceptions, early return).
class Transaction {
public:
  explicit Transaction(Database& db) : db_(db) { db_.begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

private:
  Database& db_;
  bool done_ = false;
};

}  // namespace finlab::store
