// Fuzz target: a trading-calendar year file (assets/calendar/YYYY.txt format).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/time/trading_calendar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace finlab;
  if (auto c = time::TradingCalendar::parse("fuzz.txt", text); c.ok()) {
    for (int y : c->years()) (void)c->year_info(y);
  }
  return 0;
}
