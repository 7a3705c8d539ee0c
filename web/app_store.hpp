// The browser's saved state: one SQLite file (on IDBFS in the browser) opened
// through core/store, with a versioned schema. Money is stored as integer fen
// or decimal text, never REAL (STYLE.md "storage at the edge").
// Deliberately not here: syncing the file to IndexedDB (the platform does that
// after each write the app reports) and any finance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/store/database.hpp"

namespace finlab::web {

class AppStore {
public:
  // Opens or creates the database at `path` and migrates it to the current schema.
  static Result<AppStore> open(const std::string& path);
  // Deletes the file and starts an empty database ("reset demo").
  void reset();

  std::optional<std::string> setting(std::string_view key);
  void set_setting(std::string_view key, std::string_view value);
  void erase_setting(std::string_view key);

  // Named JSON documents per panel (e.g. "loans.inputs", "credit.profile").
  std::optional<std::string> document(std::string_view name);
  void set_document(std::string_view name, std::string_view json);
  void erase_document(std::string_view name);

  store::Database& db() { return db_; }
  int schema_version() { return db_.user_version(); }
  // Writes since the file was opened (each write makes the platform persist).
  std::int64_t writes() const { return writes_; }
  void note_write() { ++writes_; }

private:
  explicit AppStore(store::Database db) : db_(std::move(db)) {}
  static void migrate(store::Database& db);
  store::Database db_;
  std::int64_t writes_ = 0;
};

}  // namespace finlab::web
