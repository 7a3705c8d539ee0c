#include <catch2/catch.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;

TEST_CASE("finlab --help lists every domain and exits 0", "[cli]") {
  auto r = run_cli({"--help"});
  CHECK(r.exit_code == 0);
  for (const char* sub : {"fund", "loan", "score", "sim", "portfolio"}) CHECK_THAT(r.out, Catch::Matchers::Contains(sub));
}

TEST_CASE("finlab without a command or with an unknown one is a usage error (exit 2)", "[cli][errors]") {
  auto none = run_cli({});
  CHECK(none.exit_code == 2);
  auto bogus = run_cli({"bogus"});
  CHECK(bogus.exit_code == 2);
  CHECK_FALSE(bogus.err.empty());
}
