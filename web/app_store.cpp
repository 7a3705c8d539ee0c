#include "web/app_store.hpp"

#include <cstdio>
#include <vector>

namespace finlab::web {

namespace {

// Schema history. Add a migration; never edit a shipped one (a browser may
// hold any earlier version).
const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> m = {
      {1, R"sql(
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE document (name TEXT PRIMARY KEY, json TEXT NOT NULL,
                               updated_at INTEGER NOT NULL DEFAULT 0);
      )sql"},
  };
  return m;
}

}  // namespace

void AppStore::migrate(store::Database& db) {
  // The browser file lives in memory between IDBFS syncs; a rollback journal
  // in memory keeps each write a single file change.
  db.exec("PRAGMA journal_mode = MEMORY");
  db.migrate(migrations());
}

Result<AppStore> AppStore::open(const std::string& path) {
  auto db = store::Database::open(path);
  if (!db.ok()) return fail(db.error());
  store::Database d = std::move(db).value();
  try {
    migrate(d);
  } catch (const Error& e) {
    return fail("cannot prepare the saved state in " + path + ": " + e.what());
  }
  return AppStore(std::move(d));
}

void AppStore::reset() {
  const std::string path = db_.path();
  {
    store::Database closing = std::move(db_);
  }
  std::remove(path.c_str());
  auto db = store::Database::open(path);
  db_ = std::move(db).value();
  migrate(db_);
  ++writes_;
}

std::optional<std::string> AppStore::setting(std::string_view key) {
  auto s = db_.prepare("SELECT value FROM setting WHERE key = ?1");
  s.bind(1, key);
  if (s.step()) return s.column_text(0);
  return std::nullopt;
}

void AppStore::set_setting(std::string_view key, std::string_view value) {
  auto s = db_.prepare("INSERT INTO setting(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(1, key).bind(2, value);
  s.step();
  ++writes_;
}

void AppStore::erase_setting(std::string_view key) {
  auto s = db_.prepare("DELETE FROM setting WHERE key = ?1");
  s.bind(1, key);
  s.step();
  ++writes_;
}

std::optional<std::string> AppStore::document(std::string_view name) {
  auto s = db_.prepare("SELECT json FROM document WHERE name = ?1");
  s.bind(1, name);
  if (s.step()) return s.column_text(0);
  return std::nullopt;
}

void AppStore::set_document(std::string_view name, std::string_view json) {
  auto s = db_.prepare("INSERT INTO document(name, json, updated_at) VALUES(?1, ?2, 0) ON CONFLICT(name) DO UPDATE SET json = excluded.json, updated_at = document.updated_at + 1");
  s.bind(1, name).bind(2, json);
  s.step();
  ++writes_;
}

void AppStore::erase_document(std::string_view name) {
  auto s = db_.prepare("DELETE FROM document WHERE name = ?1");
  s.bind(1, name);
  s.step();
  ++writes_;
}

}  // namespace finlab::web
