// Fuzz target: scenario JSON (sim/scenario.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)finlab::sim::parse_scenario(text);
  return 0;
}
