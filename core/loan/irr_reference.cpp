#include "core/loan/irr_reference.hpp"

#include <algorithm>

#include "core/math/deterministic.hpp"

namespace finlab::loan {

using money::HighDecimal;

namespace {

// Newton on Σ c_k z^{e_k} for z near z0, in 50-digit decimal.
HighDecimal newton_z(std::span<const std::pair<std::int64_t, std::int64_t>> terms, HighDecimal z) {
  const HighDecimal tiny("1e-45");
  for (int it = 0; it < 200; ++it) {
    HighDecimal f = 0, df = 0;
    for (const auto& [e, c] : terms) {
      const HighDecimal ze = boost::multiprecision::pow(z, static_cast<int>(e));
      f += HighDecimal(c) * ze;
      if (e > 0) df += HighDecimal(c) * HighDecimal(e) * ze / z;
    }
    if (df == 0) break;
    const HighDecimal step = f / df;
    z -= step;
    if (z <= 0) z = tiny;
    if (boost::multiprecision::abs(step) <= tiny * boost::multiprecision::abs(z)) break;
  }
  return z;
}

}  // namespace

HighDecimal irr_reference(std::span<const money::Money> flows, double start) {
  std::vector<std::pair<std::int64_t, std::int64_t>> terms;
  for (std::size_t k = 0; k < flows.size(); ++k)
    if (flows[k].units() != 0) terms.emplace_back(static_cast<std::int64_t>(k), flows[k].units());
  FINLAB_REQUIRE(terms.size() >= 2, "irr_reference: fewer than two non-zero flows");
  const std::int64_t e0 = terms.front().first;
  for (auto& t : terms) t.first -= e0;
  const HighDecimal z0 = HighDecimal(1) / (HighDecimal(1) + HighDecimal(start));
  const HighDecimal z = newton_z(terms, z0);
  return HighDecimal(1) / z - 1;
}

HighDecimal xirr_reference(std::span<const DatedCashFlow> flows, double start) {
  FINLAB_REQUIRE(!flows.empty(), "xirr_reference: no flows");
  time::Date d0 = flows.front().date;
  for (const auto& f : flows) d0 = std::min(d0, f.date);
  std::vector<std::pair<std::int64_t, std::int64_t>> terms;
  for (const auto& f : flows) {
    const std::int64_t e = f.date - d0;
    auto it = std::find_if(terms.begin(), terms.end(), [&](const auto& t) { return t.first == e; });
    if (it == terms.end()) terms.emplace_back(e, f.amount.units());
    else it->second += f.amount.units();
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::remove_if(terms.begin(), terms.end(), [](const auto& t) { return t.second == 0; }), terms.end());
  FINLAB_REQUIRE(terms.size() >= 2, "xirr_reference: fewer than two non-zero dates");
  const std::int64_t e0 = terms.front().first;
  for (auto& t : terms) t.first -= e0;
  // z0 = (1+start)^(−1/365) from the deterministic double pow, then refined.
  const HighDecimal z0(math::pow(1.0 + start, -1.0 / 365.0));
  const HighDecimal z = newton_z(terms, z0);
  return boost::multiprecision::pow(HighDecimal(1) / z, 365) - 1;
}

double relative_difference(double a, const HighDecimal& b) {
  const HighDecimal d = boost::multiprecision::abs(HighDecimal(a) - b);
  if (b == 0) return d.convert_to<double>();
  return (d / boost::multiprecision::abs(b)).convert_to<double>();
}

}  // namespace finlab::loan
