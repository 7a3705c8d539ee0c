// Fuzz target: policy JSON (sim/policy.cpp); a policy that parses must
// round-trip through its canonical JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace finlab;
  if (auto p = sim::parse_policy(text); p.ok()) {
    if (!sim::parse_policy(sim::policy_to_json(*p)).ok()) __builtin_trap();
  }
  return 0;
}
