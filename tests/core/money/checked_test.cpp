// core/money/checked.hpp and the Error location: overflow is an error naming
// what overflowed; messages carry a file name, never a source path.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "core/error.hpp"
#include "core/money/checked.hpp"

using Catch::Matchers::Contains;

TEST_CASE("Checked fen arithmetic refuses to wrap", "[money][overflow]") {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  CHECK(finlab::money::add_checked(1, 2, "x") == 3);
  CHECK(finlab::money::sub_checked(-max, 1, "x") == std::numeric_limits<std::int64_t>::min());
  CHECK_THROWS_WITH(finlab::money::add_checked(max, 1, "portfolio value"), Contains("portfolio value") && Contains("too large"));
  CHECK_THROWS_AS(finlab::money::sub_checked(std::numeric_limits<std::int64_t>::min(), 1, "x"), finlab::Error);
  CHECK_THROWS_AS(finlab::money::mul_checked(max / 2 + 1, 2, "x"), finlab::Error);
}

TEST_CASE("A broken precondition names the file, not the build machine's path", "[messages]") {
  try {
    FINLAB_REQUIRE(1 + 1 == 3, "arithmetic");
    FAIL("no throw");
  } catch (const finlab::Error& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Contains("[checked_test.cpp:"));
    CHECK(what.find('/') == std::string::npos);
  }
}
