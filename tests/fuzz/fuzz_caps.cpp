// Fuzz target: the rate-cap tables (core/loan/rate_caps.cpp): caps.csv, the
// LPR history and the benchmark-rate history (assets/regulation/). The input
// is tried in each role with the built-in texts in the other two; a table
// that parses must answer a verdict query without failing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/loan/rate_caps.hpp"

namespace finlab::loan::detail {
CapTableSource builtin_caps_source();
CapTableSource builtin_lpr_source();
CapTableSource builtin_benchmark_source();
}  // namespace finlab::loan::detail

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace finlab::loan;
  const CapTableSource in{"fuzz.csv", std::string_view(reinterpret_cast<const char*>(data), size)};
  const CapTableSource caps = detail::builtin_caps_source(), lpr = detail::builtin_lpr_source(), bench = detail::builtin_benchmark_source();
  for (auto t : {RateCapTable::parse(in, lpr, bench), RateCapTable::parse(caps, in, bench), RateCapTable::parse(caps, lpr, in)}) {
    if (!t.ok()) continue;
    for (const auto& p : t->lpr()) (void)t->lpr_on(p.from);
    for (const auto& p : t->benchmark()) (void)t->benchmark_on(p.from);
  }
  return 0;
}
