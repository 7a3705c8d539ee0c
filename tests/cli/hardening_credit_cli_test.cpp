// Hostile input to what came after the first hardening pass (issue 17,
// docs/limits.md): streaming blocks, repayment-history targets, bins files,
// monitoring dates and the credit-quality tables of the runs database. Each
// failed on the main it was merged with: an option past its bound ran, a
// duplicate or misspelt key in a bins file was ignored, a date that finlab
// cannot read back was written, a flipped bit in a quality table was shown.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "core/store/database.hpp"
#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using Catch::Matchers::Contains;

TEST_CASE("Streaming and repayment-history options are refused past their bounds, naming the option", "[cli][limits]") {
  const std::string db = temp_file("hard_block.sqlite", "");
  std::remove(db.c_str());
  auto r = run_cli({"sim", "run", "--users", "1000", "--months", "1", "--block-users", "0", "--db", db});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--block-users") && Contains("between 1 and 200000000"));
  r = run_cli({"sim", "run", "--users", "1000", "--months", "1", "--block-users", "99999999999999999999", "--db", db});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--block-users") && Contains("99999999999999999999"));
  // Refused before the run row is created: no database was made.
  std::ifstream none(db);
  CHECK_FALSE(none.good());
  const std::string data = temp_file("hard_dpd.csv", "income,dpd1,dpd2\n1000,0,0\n2000,40,0\n");
  r = run_cli({"score", "train", "--data", data, "--target-dpd", "dpd", "--dpd-days", "0", "--out", "-"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--dpd-days") && Contains("between 1 and 36500"));
  r = run_cli({"score", "train", "--data", data, "--target-dpd", "dpd", "--dpd-months", "100000", "--out", "-"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--dpd-months") && Contains("between 1 and 120"));
  std::remove(data.c_str());
}

TEST_CASE("score generate never writes an application date finlab cannot read back", "[cli][limits][dates]") {
  // 2200-06 plus 12 months ran into 2201, past the date parser's range.
  auto r = run_cli({"score", "generate", "--users", "10", "--dates-from", "2200-06", "--months", "12", "--out", "-"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--dates-from/--months") && Contains("2200-12"));
  CHECK(r.out.empty());
  r = run_cli({"score", "generate", "--users", "10", "--dates-from", "0000-01", "--out", "-"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--dates-from"));
  r = run_cli({"score", "generate", "--users", "10", "--dates-from", "2200-01", "--months", "12", "--out", "-"});
  CHECK(r.exit_code == 0);
}

TEST_CASE("score train --bins refuses a bins file with a duplicate or unknown key, with its path", "[cli][score][bins][strict]") {
  const std::string data = temp_file("hard_bins_pop.csv", "");
  REQUIRE(run_cli({"score", "generate", "--users", "2000", "--seed", "5", "--out", data}).exit_code == 0);
  const std::string dup = temp_file(
      "hard_bins_dup.json", R"({"format":"finlab.bins","version":1,"features":[{"name":"age","type":"numeric","cuts":[30],"cuts":[40]}]})");
  auto r = run_cli({"score", "train", "--data", data, "--target", "bad", "--bad", "1", "--bins", dup, "--out", "-"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains(dup) && Contains("$.features[0].cuts") && Contains("duplicate key"));
  const std::string typo = temp_file(
      "hard_bins_typo.json", R"({"format":"finlab.bins","version":1,"features":[{"name":"age","type":"numeric","cuts":[30],"specails":["-1"]}]})");
  r = run_cli({"score", "train", "--data", data, "--target", "bad", "--bad", "1", "--bins", typo, "--out", "-"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("$.features[0].specails") && Contains("unknown key"));
  std::remove(dup.c_str());
  std::remove(typo.c_str());
  std::remove(data.c_str());
}

#ifdef FINLAB_HAVE_CKSUMVFS
TEST_CASE("A flipped bit in a credit-quality table is reported as damage, never shown", "[cli][store][integrity]") {
  const std::string db = temp_file("hard_quality_flip.sqlite", "");
  std::remove(db.c_str());
  auto r = run_cli({"sim", "run", "--users", "1000", "--months", "8", "--seed", "3", "--history", "3000", "--threads", "1", "--db", db, "--no-progress"});
  REQUIRE(r.exit_code == 0);
  // The root page of each table added with schema 3 (and the page size). Eight
  // months, so that each holds rows of the run: an empty table's page is never read.
  std::vector<std::pair<std::string, std::int64_t>> roots;
  std::int64_t page_size = 0;
  {
    auto d = finlab::store::Database::open(db, finlab::store::Database::OpenMode::existing).value();
    auto ps = d.prepare("PRAGMA page_size");
    REQUIRE(ps.step());
    page_size = ps.column_int64(0);
    auto st = d.prepare("SELECT name, rootpage FROM sqlite_master WHERE type = 'table' AND name IN "
                        "('sim_run_buckets', 'sim_run_rolls', 'sim_run_vintage_quality', 'sim_run_fpd') ORDER BY name");
    while (st.step()) roots.emplace_back(st.column_text(0), st.column_int64(1));
    for (const auto& [table, root] : roots) {
      auto n = d.prepare("SELECT count(*) FROM " + table + " WHERE run_id = 1");
      REQUIRE(n.step());
      INFO(table);
      REQUIRE(n.column_int64(0) > 0);
    }
  }
  REQUIRE(roots.size() == 4);
  const std::string original = slurp(db);
  const auto good = run_cli({"sim", "show", "1", "--db", db, "--json"});
  REQUIRE(good.exit_code == 0);
  REQUIRE_THAT(good.out, Contains("credit_quality"));
  for (const auto& [table, root] : roots) {
    // A bit in the middle of the table's root page (the checksum covers the whole page).
    const std::size_t at = static_cast<std::size_t>((root - 1) * page_size + page_size / 2);
    REQUIRE(at < original.size());
    std::string bytes = original;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    {
      std::ofstream f(db, std::ios::binary | std::ios::trunc);
      f << bytes;
    }
    const auto s = run_cli({"sim", "show", "1", "--db", db, "--json"});
    INFO(table << " (page " << root << "): exit " << s.exit_code << " " << s.err);
    CHECK(s.exit_code == 1);
    CHECK_THAT(s.err, Contains("damaged") && Contains(db));
    CHECK(s.out.empty());
  }
  std::remove(db.c_str());
}
#endif
