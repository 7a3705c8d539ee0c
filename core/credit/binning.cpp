// Binning (see binning.hpp). Section index:
//   [prebin]  equal-frequency pre-bins (numeric) and level groups (categorical)
//   [dp]      exact optimal monotonic grouping by dynamic programming
//   [build]   bins, labels, WoE and IV
#include "core/credit/binning.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"

namespace finlab::credit {

namespace {

__extension__ using int128 = __int128;

struct Cell {
  std::int64_t good = 0;
  std::int64_t bad = 0;
  std::int64_t n() const { return good + bad; }
};

// bad rate a < bad rate b, exactly (cross-multiplied integers).
bool rate_less(const Cell& a, const Cell& b) {
  return static_cast<int128>(a.bad) * b.n() < static_cast<int128>(b.bad) * a.n();
}

std::string format_number(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

// ------------------------------------------------------------------ [dp]
// Groups pre-bins 0..m-1 into contiguous groups maximising Σ iv_part subject to
// the constraints. Returns the group end indices (exclusive), or empty when no
// feasible grouping exists.
std::vector<int> optimal_groups(const std::vector<Cell>& pre, RiskTrend trend, const BinningOptions& o,
                                double total_good, double total_bad, std::int64_t min_count, double* best_iv) {
  const int m = static_cast<int>(pre.size());
  const int max_bins = std::max(1, std::min(o.max_bins, m));
  // Prefix sums.
  std::vector<Cell> pref(m + 1);
  for (int i = 0; i < m; ++i) {
    pref[i + 1].good = pref[i].good + pre[i].good;
    pref[i + 1].bad = pref[i].bad + pre[i].bad;
  }
  auto group = [&](int a, int b) { return Cell{pref[b].good - pref[a].good, pref[b].bad - pref[a].bad}; };
  auto feasible = [&](const Cell& c) { return c.n() >= min_count && c.good >= o.min_good && c.bad >= o.min_bad; };
  auto ordered = [&](const Cell& prev, const Cell& next) {
    switch (trend) {
      case RiskTrend::ascending: return rate_less(prev, next);
      case RiskTrend::descending: return rate_less(next, prev);
      default: return true;
    }
  };
  // iv of each group [a, b)
  std::vector<double> iv((m + 1) * (m + 1), 0.0);
  for (int a = 0; a < m; ++a)
    for (int b = a + 1; b <= m; ++b) {
      const Cell c = group(a, b);
      iv[a * (m + 1) + b] = iv_part(double(c.good), double(c.bad), total_good, total_bad, o.woe_adjust);
    }
  // best[(k*(m+1) + a)*(m+1) + b]: best IV of a grouping of [0, b) into k+1 groups whose last is [a, b).
  constexpr double none = -1e300;
  const int M1 = m + 1;
  std::vector<double> best(static_cast<std::size_t>(max_bins) * M1 * M1, none);
  std::vector<int> from(best.size(), -1);
  auto idx = [&](int k, int a, int b) { return (static_cast<std::size_t>(k) * M1 + a) * M1 + b; };
  for (int b = 1; b <= m; ++b)
    if (feasible(group(0, b))) best[idx(0, 0, b)] = iv[b];
  for (int k = 1; k < max_bins; ++k)
    for (int b = 2; b <= m; ++b)
      for (int a = 1; a < b; ++a) {
        const Cell last = group(a, b);
        if (!feasible(last)) continue;
        double top = none;
        int arg = -1;
        for (int h = 0; h < a; ++h) {
          const double prev = best[idx(k - 1, h, a)];
          if (prev == none || !ordered(group(h, a), last)) continue;
          const double v = prev + iv[a * M1 + b];
          if (v > top) {
            top = v;
            arg = h;
          }
        }
        best[idx(k, a, b)] = top;
        from[idx(k, a, b)] = arg;
      }
  // Best over k and a with b = m. Ties keep the fewer bins.
  double top = none;
  int top_k = -1, top_a = -1;
  for (int k = 0; k < max_bins; ++k)
    for (int a = 0; a < m; ++a) {
      const double v = best[idx(k, a, m)];
      if (v != none && v > top + 1e-12) {
        top = v;
        top_k = k;
        top_a = a;
      }
    }
  if (top_k < 0) return {};
  std::vector<int> ends;
  int k = top_k, a = top_a, b = m;
  while (k >= 0) {
    ends.push_back(b);
    const int h = from[idx(k, a, b)];
    b = a;
    a = h;
    --k;
  }
  std::reverse(ends.begin(), ends.end());
  *best_iv = top;
  return ends;
}

}  // namespace

int FeatureBinning::bin_of(double x) const {
  if (std::isnan(x)) return missing_bin();
  if (type == FeatureType::categorical) {
    if (x < 0 || x >= static_cast<double>(level_bin.size()) || x != std::floor(x)) return missing_bin();
    return level_bin[static_cast<std::size_t>(x)];
  }
  // Number of cuts <= x (cuts are ascending lower edges of bins 1..k-1).
  return static_cast<int>(std::upper_bound(cuts.begin(), cuts.end(), x) - cuts.begin());
}

int FeatureBinning::bin_of_level(std::string_view level) const {
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (levels[i] == level) return type == FeatureType::categorical ? level_bin[i] : bin_of(double(i));
  return missing_bin();
}

FeatureBinning bin_feature(const DataColumn& col, std::span<const std::uint8_t> bad, std::span<const std::uint32_t> rows,
                           const BinningOptions& o) {
  FINLAB_REQUIRE(o.prebins >= 2 && o.max_bins >= 1 && o.min_bin_share >= 0 && o.min_bin_share < 1,
                 "bin_feature: bad options (prebins " << o.prebins << ", max_bins " << o.max_bins << ", min_bin_share "
                                                      << o.min_bin_share << ")");
  FeatureBinning fb;
  fb.name = col.name;
  fb.label = col.spec && !col.spec->label.empty() ? col.spec->label : col.name;
  fb.reason = col.spec ? col.spec->reason : "";
  fb.advice = col.spec ? col.spec->advice : "";
  fb.decimals = col.spec ? col.spec->decimals : -1;
  fb.actionable = col.spec ? col.spec->actionable : true;
  fb.type = col.type;
  fb.category = col.category;
  fb.trend = col.trend;
  const bool categorical = col.type == FeatureType::categorical;

  // ------------------------------------------------------------ [prebin]
  Cell total, missing;
  std::vector<Cell> pre;
  std::vector<double> cuts;                    // numeric pre-bin lower edges
  std::vector<std::vector<std::int32_t>> pre_levels;  // categorical: levels per pre-bin
  if (!categorical) {
    std::vector<double> vals;
    vals.reserve(rows.size());
    double vmin = HUGE_VAL;
    for (std::uint32_t r : rows) {
      const double x = col.numeric[r];
      if (bad[r]) ++total.bad;
      else ++total.good;
      if (std::isnan(x)) {
        if (bad[r]) ++missing.bad;
        else ++missing.good;
        continue;
      }
      vals.push_back(x);
      if (x < vmin) vmin = x;
    }
    const std::size_t n = vals.size();
    if (n > 0) {
      std::size_t lo = 0;
      for (int k = 1; k < o.prebins; ++k) {
        const std::size_t rank = static_cast<std::size_t>((static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(k)) / static_cast<std::uint64_t>(o.prebins));
        if (rank < lo || rank >= n) continue;
        std::nth_element(vals.begin() + static_cast<std::ptrdiff_t>(lo), vals.begin() + static_cast<std::ptrdiff_t>(rank), vals.end());
        const double q = vals[rank];
        if (q > vmin && (cuts.empty() || q > cuts.back())) cuts.push_back(q);
        lo = rank + 1;
      }
    }
    pre.assign(cuts.size() + 1, Cell{});
    for (std::uint32_t r : rows) {
      const double x = col.numeric[r];
      if (std::isnan(x)) continue;
      const std::size_t b = static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), x) - cuts.begin());
      if (bad[r]) ++pre[b].bad;
      else ++pre[b].good;
    }
  } else {
    std::vector<Cell> per_level(col.levels.size());
    for (std::uint32_t r : rows) {
      const std::int32_t c = col.codes[r];
      if (bad[r]) ++total.bad;
      else ++total.good;
      if (c < 0) {
        if (bad[r]) ++missing.bad;
        else ++missing.good;
        continue;
      }
      if (bad[r]) ++per_level[static_cast<std::size_t>(c)].bad;
      else ++per_level[static_cast<std::size_t>(c)].good;
    }
    const std::int64_t n = total.n() - missing.n();
    const auto small_limit = static_cast<std::int64_t>(std::ceil(o.min_bin_share * static_cast<double>(n)));
    // Levels below the minimum share are pooled into one group; the rest are groups of their own.
    std::vector<std::int32_t> order;
    Cell pooled;
    std::vector<std::int32_t> pooled_levels;
    for (std::size_t l = 0; l < per_level.size(); ++l) {
      if (per_level[l].n() == 0) continue;
      if (per_level[l].n() < small_limit) {
        pooled.good += per_level[l].good;
        pooled.bad += per_level[l].bad;
        pooled_levels.push_back(static_cast<std::int32_t>(l));
      } else {
        order.push_back(static_cast<std::int32_t>(l));
      }
    }
    struct Group {
      Cell cell;
      std::vector<std::int32_t> levels;
    };
    std::vector<Group> groups;
    for (std::int32_t l : order) groups.push_back({per_level[static_cast<std::size_t>(l)], {l}});
    if (!pooled_levels.empty()) groups.push_back({pooled, pooled_levels});
    // Order groups by bad rate (ties: first level code), so contiguous merging is natural.
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
      if (rate_less(a.cell, b.cell)) return true;
      if (rate_less(b.cell, a.cell)) return false;
      return a.levels.front() < b.levels.front();
    });
    for (auto& g : groups) {
      pre.push_back(g.cell);
      pre_levels.push_back(std::move(g.levels));
    }
    if (pre.empty()) {
      pre.push_back({});
      pre_levels.emplace_back();
    }
  }
  fb.n_total = total.n();

  // ---------------------------------------------------------------- [dp]
  const std::int64_t non_missing = total.n() - missing.n();
  const auto min_count = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(o.min_bin_share * static_cast<double>(non_missing))));
  std::vector<int> ends;
  RiskTrend direction = RiskTrend::none;
  if (total.good > 0 && total.bad > 0 && pre.size() > 1) {
    const double G = double(total.good), B = double(total.bad);
    // Categorical groups are already ordered by bad rate: ascending is the natural trend.
    const RiskTrend want = categorical ? (col.trend == RiskTrend::none ? RiskTrend::none : RiskTrend::ascending) : col.trend;
    if (want == RiskTrend::automatic) {
      double iv_up = -1, iv_down = -1;
      auto up = optimal_groups(pre, RiskTrend::ascending, o, G, B, min_count, &iv_up);
      auto down = optimal_groups(pre, RiskTrend::descending, o, G, B, min_count, &iv_down);
      if (!up.empty() && (down.empty() || iv_up >= iv_down)) {
        ends = std::move(up);
        direction = RiskTrend::ascending;
      } else if (!down.empty()) {
        ends = std::move(down);
        direction = RiskTrend::descending;
      }
    } else {
      double iv_best = -1;
      ends = optimal_groups(pre, want, o, G, B, min_count, &iv_best);
      direction = want;
    }
  }
  if (ends.size() <= 1) {
    ends.assign(1, static_cast<int>(pre.size()));  // one value bin: no usable split
    direction = RiskTrend::none;
  }
  fb.direction = direction;

  // ------------------------------------------------------------- [build]
  const double G = double(total.good), B = double(total.bad);
  auto finish = [&](Bin& bin) {
    if (bin.n_good + bin.n_bad == 0 || G == 0 || B == 0) {
      bin.woe = 0;
      bin.iv = 0;
    } else {
      bin.woe = woe(double(bin.n_good), double(bin.n_bad), G, B, o.woe_adjust);
      bin.iv = iv_part(double(bin.n_good), double(bin.n_bad), G, B, o.woe_adjust);
    }
    fb.iv += bin.iv;
  };
  const bool ordinal_labels = col.type == FeatureType::ordinal && col.spec && !col.spec->levels.empty();
  if (categorical) fb.levels = col.levels;
  else if (ordinal_labels) fb.levels = col.spec->levels;
  if (categorical) fb.level_bin.assign(col.levels.size(), -1);
  int start = 0;
  for (std::size_t g = 0; g < ends.size(); ++g) {
    Bin bin;
    for (int p = start; p < ends[g]; ++p) {
      bin.n_good += pre[static_cast<std::size_t>(p)].good;
      bin.n_bad += pre[static_cast<std::size_t>(p)].bad;
    }
    if (!categorical) {
      if (start > 0) bin.lo = cuts[static_cast<std::size_t>(start - 1)];
      if (ends[g] < static_cast<int>(pre.size())) bin.hi = cuts[static_cast<std::size_t>(ends[g] - 1)];
      if (start > 0) fb.cuts.push_back(bin.lo);
      if (ordinal_labels) {
        std::string label;
        const int from_code = std::isinf(bin.lo) ? 0 : static_cast<int>(std::ceil(bin.lo));
        const int to_code = std::isinf(bin.hi) ? static_cast<int>(fb.levels.size()) - 1 : static_cast<int>(std::ceil(bin.hi)) - 1;
        for (int c = std::max(0, from_code); c <= to_code && c < static_cast<int>(fb.levels.size()); ++c)
          label += (label.empty() ? "" : ", ") + fb.levels[static_cast<std::size_t>(c)];
        bin.label = "{" + label + "}";
      } else if (std::isinf(bin.lo) && std::isinf(bin.hi)) {
        bin.label = "any value";
      } else if (std::isinf(bin.lo)) {
        bin.label = "< " + format_number(bin.hi);
      } else if (std::isinf(bin.hi)) {
        bin.label = ">= " + format_number(bin.lo);
      } else {
        bin.label = "[" + format_number(bin.lo) + ", " + format_number(bin.hi) + ")";
      }
    } else {
      for (int p = start; p < ends[g]; ++p)
        for (std::int32_t l : pre_levels[static_cast<std::size_t>(p)]) bin.levels.push_back(l);
      std::sort(bin.levels.begin(), bin.levels.end());
      std::string label;
      for (std::size_t k = 0; k < bin.levels.size(); ++k) {
        if (k == 6) {
          label += ", ... (" + std::to_string(bin.levels.size()) + " levels)";
          break;
        }
        label += (k ? ", " : "") + col.levels[static_cast<std::size_t>(bin.levels[k])];
      }
      bin.label = "{" + label + "}";
      for (std::int32_t l : bin.levels) fb.level_bin[static_cast<std::size_t>(l)] = static_cast<std::int32_t>(g);
    }
    finish(bin);
    fb.bins.push_back(std::move(bin));
    start = ends[g];
  }
  Bin miss;
  miss.is_missing = true;
  miss.n_good = missing.good;
  miss.n_bad = missing.bad;
  miss.label = "missing";
  finish(miss);
  const std::int32_t miss_index = static_cast<std::int32_t>(fb.bins.size());
  fb.bins.push_back(std::move(miss));
  // Levels never seen in these rows score as missing.
  for (auto& b : fb.level_bin)
    if (b < 0) b = miss_index;
  return fb;
}

std::vector<std::int64_t> bin_counts(const FeatureBinning& fb, const DataColumn& col, std::span<const std::uint32_t> rows) {
  std::vector<std::int64_t> counts(fb.bins.size(), 0);
  for (std::uint32_t r : rows) {
    const double x = col.type == FeatureType::categorical
                         ? (col.codes[r] < 0 ? std::nan("") : static_cast<double>(col.codes[r]))
                         : col.numeric[r];
    ++counts[static_cast<std::size_t>(fb.bin_of(x))];
  }
  return counts;
}

}  // namespace finlab::credit
