// Fuzz target: bins files (core/credit/manual_bins.cpp, `score train --bins`).
// Duplicate and unknown keys, bounds and excerpts are exercised through the strict parse.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/credit/manual_bins.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)finlab::credit::parse_manual_bins(text);
  return 0;
}
