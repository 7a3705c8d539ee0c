// core/excerpt.hpp: how messages quote bad input.
#include <catch2/catch.hpp>

#include "core/excerpt.hpp"

TEST_CASE("An excerpt is short, escaped and says how long the input was", "[messages]") {
  CHECK(finlab::excerpt("abc") == "abc");
  CHECK(finlab::excerpt(std::string("a\0b\n\x7f\"\\", 7)) == "a\\x00b\\x0a\\x7f\\\"\\\\");
  const std::string long_text(100000, 'x');
  CHECK(finlab::excerpt(long_text) == std::string(40, 'x') + "... (100000 bytes)");
  CHECK(finlab::excerpt(long_text, 5) == "xxxxx... (100000 bytes)");
  CHECK(finlab::excerpt("活期宝") == "活期宝");  // UTF-8 passes through
}
