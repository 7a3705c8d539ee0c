// The store's integrity guarantees (docs/limits.md "Store"): read-only opens
// never create a file; new databases carry a checksum on every page (SQLite's
// cksumvfs, native builds), so a flipped bit is reported as damage with the
// path, never read back as a changed value.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/store/database.hpp"

using finlab::store::Database;
using Catch::Matchers::Contains;

namespace {
bool exists(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0;
}
std::string slurp(const std::string& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("Opening an existing database never creates one", "[store][open]") {
  const std::string path = "finlab_store_missing.sqlite";
  std::remove(path.c_str());
  auto r = Database::open(path, Database::OpenMode::existing);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("no database at " + path));
  CHECK_FALSE(exists(path));
  REQUIRE(Database::open(path).ok());  // the default mode creates
  CHECK(exists(path));
  CHECK(Database::open(path, Database::OpenMode::existing).ok());
  std::remove(path.c_str());
}

#ifdef FINLAB_HAVE_CKSUMVFS
TEST_CASE("Every page carries a checksum: a flipped bit is damage, never a changed value", "[store][integrity]") {
  const std::string path = "finlab_store_flip.sqlite";
  std::remove(path.c_str());
  {
    auto db = Database::open(path).value();
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, fen INTEGER, note TEXT)");
    db.begin();
    auto ins = db.prepare("INSERT INTO t(fen, note) VALUES (?1, ?2)");
    for (int i = 0; i < 2000; ++i) {
      ins.bind(1, std::int64_t{966318} + i).bind(2, "row " + std::to_string(i));
      ins.step();
      ins.reset();
    }
    db.commit();
    auto rb = db.prepare("PRAGMA page_size");
    REQUIRE(rb.step());
  }
  const std::string original = slurp(path);
  REQUIRE(original.size() >= 4 * 4096);
  CHECK(static_cast<unsigned char>(original[20]) == 8);  // reserve bytes per page (header offset 20)
  auto sum_all = [&]() -> std::string {
    auto opened = Database::open(path, Database::OpenMode::existing);
    if (!opened) return "error: " + opened.error();
    try {
      Database db = std::move(opened).value();
      auto st = db.prepare("SELECT sum(fen), count(*), group_concat(note) FROM t");
      st.step();
      return std::to_string(st.column_int64(0)) + "/" + std::to_string(st.column_int64(1)) + "/" + st.column_text(2);
    } catch (const finlab::Error& e) {
      return std::string("error: ") + e.what();
    }
  };
  const std::string good = sum_all();
  REQUIRE(good.rfind("error", 0) != 0);
  int detected = 0;
  for (std::size_t at = 4096 + 37; at < original.size(); at += 1531) {
    std::string bytes = original;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x04);
    {
      std::ofstream f(path, std::ios::binary | std::ios::trunc);
      f << bytes;
    }
    const std::string got = sum_all();
    INFO("flip at byte " << at << ": " << got);
    if (got.rfind("error: ", 0) == 0) {
      CHECK_THAT(got, Contains("damaged") && Contains(path));
      ++detected;
    } else {
      CHECK(got == good);  // a page not read by the query (e.g. free space) may go unnoticed, a value never changes
    }
  }
  CHECK(detected > 0);
  std::remove(path.c_str());
}
#endif

TEST_CASE("Deleted rows leave no trace in the database file's bytes", "[store][privacy]") {
  const std::string path = "finlab_store_delete.sqlite";
  std::remove(path.c_str());
  const std::string secret = "zhang-san-13800138000-private-note";
  {
    auto db = Database::open(path).value();
    db.exec("PRAGMA journal_mode = MEMORY");  // as the browser's app store
    db.exec("CREATE TABLE document(name TEXT PRIMARY KEY, body TEXT)");
    auto ins = db.prepare("INSERT INTO document(name, body) VALUES (?1, ?2)");
    for (int i = 0; i < 50; ++i) {
      ins.bind(1, "doc" + std::to_string(i)).bind(2, i == 7 ? secret : "public text " + std::to_string(i));
      ins.step();
      ins.reset();
    }
  }
  REQUIRE(slurp(path).find(secret) != std::string::npos);
  {
    auto db = Database::open(path, Database::OpenMode::existing).value();
    db.exec("DELETE FROM document WHERE name = 'doc7'");
  }
  CHECK(slurp(path).find(secret) == std::string::npos);  // secure_delete zeroes the freed cell
  std::remove(path.c_str());
}
