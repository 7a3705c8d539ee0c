// Fuzz target: the text parsers every file and option goes through — money
// (fen), shares, NAV, rates in percent and as ratios, fixed-point text at
// every scale, dates and China-time timestamps. Input: any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/time/date.hpp"
#include "core/time/date_time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace finlab;
  if (auto m = money::Money::parse(text); m.ok()) {
    // Round trip: what we print must read back as the same amount.
    if (money::Money::parse(m->to_string()).value() != *m) __builtin_trap();
  }
  (void)money::Shares::parse(text);
  (void)money::IncomePer10k::parse(text);
  if (auto r = money::Rate::parse_percent(text); r.ok()) (void)r->to_percent_string();
  (void)money::Rate::parse_ratio(text);
  for (int scale = 0; scale <= 8; ++scale) (void)money::parse_fixed(text, scale);
  if (auto d = time::Date::parse(text); d.ok()) {
    if (time::Date::parse(d->to_string()).value() != *d) __builtin_trap();
  }
  (void)time::DateTime::parse(text);
  return 0;
}
