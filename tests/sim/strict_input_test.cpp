// Silent acceptance in policy and scenario files (issue 17): duplicate keys,
// NUL characters in names and a mid-month scenario start are refused with
// their JSON path (core/strict_json.hpp, sim/scenario.cpp).
#include <catch2/catch.hpp>

#include "sim/policy.hpp"
#include "sim/scenario.hpp"
#include "tests/test_files.hpp"

using namespace finlab::sim;
using Catch::Matchers::Contains;

namespace {
std::string baseline() { return finlab::test::slurp(std::string(FINLAB_SOURCE_DIR) + "/assets/policies/baseline-2015.json"); }
std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE("A policy with a duplicate key or a NUL in a name is refused with the path", "[sim][policy][errors]") {
  REQUIRE(parse_policy(baseline()).ok());
  // Before: the last "cutoff" won silently.
  auto r = parse_policy(replaced(baseline(), "\"cutoff\": 600,", "\"cutoff\": 600, \"cutoff\": 300,"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.credit.cutoff: duplicate key"));
  // Before: "base\u0000line" was stored as "base".
  r = parse_policy(replaced(baseline(), "\"name\": \"baseline-2015\"", "\"name\": \"base\\u0000line\""));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.name: text must not contain a NUL"));
}

TEST_CASE("A scenario starts on the first day of a month", "[sim][scenario][errors]") {
  CHECK(parse_scenario(R"({"name": "x", "start": "2015-06-01"})").ok());
  // Before: accepted and labelled "2015-06".
  auto r = parse_scenario(R"({"name": "x", "start": "2015-06-15"})");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("start: must be the first day of a month"));
  r = parse_scenario(R"({"name": "x", "name": "y"})");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.name: duplicate key"));
}
