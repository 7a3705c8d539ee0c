// Fuzz target: the one CSV reader of every CSV input (credit::parse_csv: yield,
// transaction, cash-flow, payment, line-event and scoring data files) and the
// NAV history reader (portfolio::parse_nav_csv) over the built-in calendar.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/credit/csv.hpp"
#include "core/portfolio/nav_series.hpp"
#include "core/time/trading_calendar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace finlab;
  if (auto t = credit::parse_csv(text, "fuzz.csv"); t.ok()) {
    for (std::size_t r = 0; r < t->rows() && r < 64; ++r)
      for (std::size_t c = 0; c < t->columns(); ++c) {
        double x = 0;
        (void)credit::parse_number_cell(t->cell(r, c), &x);
      }
  }
  (void)portfolio::parse_nav_csv(text, "fuzz.csv", time::TradingCalendar::builtin());
  return 0;
}
