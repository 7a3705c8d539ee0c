// Fuzz target: portfolio plan JSON (core/portfolio/plan_json.cpp); a plan that
// parses must round-trip through plan_to_json.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/portfolio/plan_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace finlab;
  if (auto p = portfolio::parse_plan(text); p.ok()) {
    if (!portfolio::parse_plan(portfolio::plan_to_json(*p)).ok()) __builtin_trap();
  }
  return 0;
}
