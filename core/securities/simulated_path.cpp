// Daily bars from the NAV model (see simulated_path.hpp).
#include "core/securities/simulated_path.hpp"

#include <algorithm>

#include "core/securities/rules.hpp"

namespace finlab::securities {

std::vector<Bar> simulate_bars(const std::vector<time::Date>& days, money::Money start_price, money::Rate limit_percent,
                               const SimulatedPathSettings& s, std::uint64_t seed, std::uint64_t path) {
  FINLAB_REQUIRE(start_price.is_positive(), "simulate_bars: start price " << start_price.to_string() << " must be positive");
  std::vector<Bar> out;
  if (days.empty()) return out;
  std::vector<std::int64_t> level(days.size());
  portfolio::GarchNavModel(s.model).generate(seed, path, 0, level);
  const std::int64_t start_units = s.model.start.units();
  money::Money prev = start_price;
  for (std::size_t i = 0; i < days.size(); ++i) {
    money::Money close = money::Money::from_units(
        money::narrow_checked(money::div_round(money::int128(start_price.units()) * level[i], start_units, money::Rounding::half_up), "simulated price"));
    if (i > 0) close = std::clamp(close, limit_price(prev, limit_percent, false), limit_price(prev, limit_percent, true));
    if (!close.is_positive()) close = money::fen(1);
    const money::Money open = i == 0 ? close : prev;
    out.push_back({days[i], open, std::max(open, close), std::min(open, close), close, s.volume});
    prev = close;
  }
  return out;
}

}  // namespace finlab::securities
