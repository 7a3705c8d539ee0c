// Fuzz target: scorecard (model) JSON (core/credit/scorecard_json.cpp) and the
// feature schema JSON (core/credit/feature_schema.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/credit/feature_schema.hpp"
#include "core/credit/scorecard_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace finlab;
  if (auto c = credit::scorecard_from_json(text); c.ok()) {
    if (!credit::scorecard_from_json(credit::scorecard_to_json(*c, -1)).ok()) __builtin_trap();
  }
  (void)credit::FeatureSchema::parse(text);
  return 0;
}
