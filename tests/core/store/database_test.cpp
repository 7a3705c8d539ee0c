#include <catch2/catch.hpp>

#include <cstdio>

#include "core/store/database.hpp"

using namespace finlab::store;

TEST_CASE("A database round-trips a row and keeps money as integer fen", "[store]") {
  const std::string path = "finlab_store_test.sqlite";
  std::remove(path.c_str());
  {
    auto db = Database::open(path).value();
    db.migrate({{1, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount_fen INTEGER NOT NULL)"}});
    CHECK(db.user_version() == 1);
    db.prepare("INSERT INTO t(name, amount_fen) VALUES(?, ?)").bind(1, "活期宝").bind(2, std::int64_t{91680}).step();
  }
  {
    auto db = Database::open(path).value();
    db.migrate({{1, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount_fen INTEGER NOT NULL)"}});
    auto s = db.prepare("SELECT name, amount_fen FROM t");
    REQUIRE(s.step());
    CHECK(s.column_text(0) == "活期宝");
    CHECK(s.column_int64(1) == 91680);
    CHECK_FALSE(s.step());
  }
  std::remove(path.c_str());
}

TEST_CASE("A transaction that is not committed leaves nothing behind", "[store]") {
  auto db = Database::open(":memory:").value();
  db.exec("CREATE TABLE t(x INTEGER)");
  {
    Transaction t(db);
    db.exec("INSERT INTO t VALUES (1)");
  }  // destroyed without commit
  auto s = db.prepare("SELECT count(*) FROM t");
  s.step();
  CHECK(s.column_int64(0) == 0);
}

TEST_CASE("A newer schema or a file that is not a database is a clear error", "[store][errors]") {
  auto db = Database::open(":memory:").value();
  db.exec("PRAGMA user_version = 7");
  CHECK_THROWS_WITH(db.migrate({{1, "CREATE TABLE t(x)"}}), Catch::Matchers::Contains("newer than this program"));
  CHECK_THROWS_WITH(db.exec("SELEC 1"), Catch::Matchers::Contains("syntax error"));

  const std::string path = "finlab_not_a_db.sqlite";
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fputs("this is not an SQLite file, just some text that is long enough to be read as a header......", f);
    std::fclose(f);
  }
  auto r = Database::open(path);
  CHECK_FALSE(r.ok());
  // Said in words with the path (not SQLite's raw "file is not a database").
  CHECK_THAT(r.error(), Catch::Matchers::Contains("the database is damaged") && Catch::Matchers::Contains(path));
  std::remove(path.c_str());
}
