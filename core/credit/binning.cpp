// Binning (see binning.hpp). Section index:
//   [prebin]  equal-frequency pre-bins (numeric) and level groups (categorical)
//   [dp]      exact optimal monotonic grouping by dynamic programming
//   [build]   bins, labels, WoE and IV
#include "core/credit/binning.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#define FINLAB_CREDIT_X86_DISPATCH 1
#endif

#include "core/credit/csv.hpp"
#include "core/error.hpp"

namespace finlab::credit {

namespace {

// Goods and bads of a group of rows: sums of weights (the row counts when
// unweighted) and the row counts themselves (for display).
struct Cell {
  double good = 0;
  double bad = 0;
  std::int64_t rows_good = 0;
  std::int64_t rows_bad = 0;
  double n() const { return good + bad; }
  // Branch-free (the outcome is unpredictable): the other sum gets +0.0,
  // which leaves it unchanged (sums of weights >= 0 are never -0.0).
  void add(bool is_bad, double w) {
    bad += is_bad ? w : 0.0;
    good += is_bad ? 0.0 : w;
    rows_bad += is_bad ? 1 : 0;
    rows_good += is_bad ? 0 : 1;
  }
  Cell& operator+=(const Cell& o) {
    good += o.good, bad += o.bad, rows_good += o.rows_good, rows_bad += o.rows_bad;
    return *this;
  }
};

// bad rate a < bad rate b, cross-multiplied (exact for counts and integer
// weights while the products stay below 2^53).
bool rate_less(const Cell& a, const Cell& b) { return a.bad * b.n() < b.bad * a.n(); }

// Puts the exact order statistics of the given (ascending) ranks in place:
// after the call vals[rank] holds the value of that rank. Recursive
// multi-select: O(n log k) instead of k passes of nth_element.
void select_ranks(std::vector<double>& vals, std::size_t lo, std::size_t hi, const std::size_t* ranks, std::size_t nr) {
  if (nr == 0 || hi - lo < 2) return;
  const std::size_t mid = nr / 2;
  const std::size_t r = ranks[mid];
  std::nth_element(vals.begin() + static_cast<std::ptrdiff_t>(lo), vals.begin() + static_cast<std::ptrdiff_t>(r),
                   vals.begin() + static_cast<std::ptrdiff_t>(hi));
  select_ranks(vals, lo, r, ranks, mid);
  select_ranks(vals, r + 1, hi, ranks + mid + 1, nr - mid - 1);
}

// Sorts vals (no NaN) ascending by an LSD radix sort of order-preserving
// 64-bit keys, 8-bit digits, skipping a digit that is the same in every key.
// Then vals[rank] is the exact order statistic select_ranks would place
// there: values with the same bits are interchangeable. Only -0.0 and +0.0
// compare equal with different bits, so a column holding -0.0 is left as it
// is (returns false) and keeps select_ranks, whose choice of zero stays as it
// was. The scratch half is vals' own spare capacity (memory the value pass
// already touched: no fresh pages); without room for it, false as well.
bool radix_sort(std::vector<double>& vals) {
  const std::size_t n = vals.size();
  constexpr std::uint64_t top = std::uint64_t{1} << 63;
  auto bits = [](double v) {
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
  };
  if (n < 2 || vals.capacity() < 2 * n) return false;
  for (double v : vals)
    if (bits(v) == top) return false;
  vals.resize(2 * n);
  double* src = vals.data();
  double* dst = vals.data() + n;
  for (std::size_t i = 0; i < n; ++i) {  // keys in place, stored in the doubles' bytes
    const std::uint64_t b = bits(src[i]);
    const std::uint64_t k = (b & top) ? ~b : b | top;
    std::memcpy(&src[i], &k, sizeof k);
  }
  for (int shift = 0; shift < 64; shift += 8) {
    std::size_t count[256] = {};
    for (std::size_t i = 0; i < n; ++i) ++count[(bits(src[i]) >> shift) & 255];
    if (count[(bits(src[0]) >> shift) & 255] == n) continue;  // the same digit everywhere
    std::size_t at = 0;
    for (std::size_t& c : count) {
      const std::size_t here = c;
      c = at;
      at += here;
    }
    for (std::size_t i = 0; i < n; ++i) dst[count[(bits(src[i]) >> shift) & 255]++] = src[i];
    std::swap(src, dst);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = bits(src[i]);
    const std::uint64_t b = (k & top) ? k & ~top : ~k;
    std::memcpy(&vals[i], &b, sizeof b);  // src may be the second half: vals[i] is written after src[i] is read
  }
  vals.resize(n);
  return true;
}

std::string format_number(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

// ------------------------------------------------------------------ [dp]
// Groups pre-bins 0..m-1 into contiguous groups maximising Σ iv_part subject to
// the constraints. Returns the group end indices (exclusive), or empty when no
// feasible grouping exists. Peak / valley: the groups run through two phases,
// rising then falling (peak) or falling then rising (valley); the state of the
// DP carries the phase, so the turning point is chosen optimally too. A
// grouping that never leaves the first phase is allowed (the turn at an end);
// *turned says whether the best one did turn.
std::vector<int> optimal_groups(const std::vector<Cell>& pre, RiskTrend trend, const BinningOptions& o,
                                double total_good, double total_bad, double min_count, double* best_iv,
                                bool* turned = nullptr) {
  const int m = static_cast<int>(pre.size());
  const int max_bins = std::max(1, std::min(o.max_bins, m));
  const bool two_phase = trend == RiskTrend::peak || trend == RiskTrend::valley;
  const int phases = two_phase ? 2 : 1;
  // Prefix sums.
  std::vector<Cell> pref(m + 1);
  for (int i = 0; i < m; ++i) {
    pref[i + 1].good = pref[i].good + pre[i].good;
    pref[i + 1].bad = pref[i].bad + pre[i].bad;
  }
  auto group = [&](int a, int b) { return Cell{pref[b].good - pref[a].good, pref[b].bad - pref[a].bad, 0, 0}; };
  auto feasible = [&](const Cell& c) { return c.n() >= min_count && c.good >= o.min_good && c.bad >= o.min_bad; };
  // Direction of phase p: rising (bad rate up) or falling.
  auto rising = [&](int p) {
    if (trend == RiskTrend::peak) return p == 0;
    if (trend == RiskTrend::valley) return p == 1;
    return trend == RiskTrend::ascending;
  };
  auto ordered = [&](const Cell& prev, const Cell& next, int p) {
    if (trend == RiskTrend::none) return true;
    return rising(p) ? rate_less(prev, next) : rate_less(next, prev);
  };
  // iv of each group [a, b)
  const int M1 = m + 1;
  std::vector<double> iv(static_cast<std::size_t>(M1) * M1, 0.0);
  for (int a = 0; a < m; ++a)
    for (int b = a + 1; b <= m; ++b) {
      const Cell c = group(a, b);
      iv[a * M1 + b] = iv_part(double(c.good), double(c.bad), total_good, total_bad, o.woe_adjust);
    }
  // best[idx(p, k, a, b)]: best IV of a grouping of [0, b) into k+1 groups whose
  // last is [a, b), in phase p; from[] the previous group's start h and phase.
  constexpr double none = -1e300;
  auto idx = [&](int p, int k, int a, int b) {
    return ((static_cast<std::size_t>(p) * max_bins + k) * M1 + a) * M1 + b;
  };
  std::vector<double> best(static_cast<std::size_t>(phases) * max_bins * M1 * M1, none);
  std::vector<int> from(best.size(), -1);
  for (int b = 1; b <= m; ++b)
    if (feasible(group(0, b))) best[idx(0, 0, 0, b)] = iv[b];
  for (int k = 1; k < max_bins; ++k)
    for (int b = 2; b <= m; ++b)
      for (int a = 1; a < b; ++a) {
        const Cell last = group(a, b);
        if (!feasible(last)) continue;
        for (int p = 0; p < phases; ++p) {
          double top = none;
          int arg = -1;
          for (int q = 0; q <= p; ++q)  // the previous group is in this phase or the one before
            for (int h = 0; h < a; ++h) {
              const double prev = best[idx(q, k - 1, h, a)];
              if (prev == none || !ordered(group(h, a), last, p)) continue;
              const double v = prev + iv[a * M1 + b];
              if (v > top) {
                top = v;
                arg = h * phases + q;
              }
            }
          best[idx(p, k, a, b)] = top;
          from[idx(p, k, a, b)] = arg;
        }
      }
  // Best over phase, k and a with b = m. Ties keep the fewer bins, then the first phase.
  double top = none;
  int top_p = -1, top_k = -1, top_a = -1;
  for (int k = 0; k < max_bins; ++k)
    for (int p = 0; p < phases; ++p)
      for (int a = 0; a < m; ++a) {
        const double v = best[idx(p, k, a, m)];
        if (v != none && v > top + 1e-12) {
          top = v;
          top_p = p;
          top_k = k;
          top_a = a;
        }
      }
  if (top_k < 0) return {};
  std::vector<int> ends;
  int first_phase_groups = 0;
  int p = top_p, k = top_k, a = top_a, b = m;
  while (k >= 0) {
    ends.push_back(b);
    first_phase_groups += p == 0 ? 1 : 0;
    const int f = from[idx(p, k, a, b)];
    b = a;
    a = f < 0 ? -1 : f / phases;
    p = f < 0 ? 0 : f % phases;
    --k;
  }
  std::reverse(ends.begin(), ends.end());
  // A real turn needs two groups before it (one alone is just a monotone run).
  if (turned) *turned = top_p == 1 && first_phase_groups >= 2;
  *best_iv = top;
  return ends;
}

// The grouping for a configured trend and the trend it found.
// automatic: ascending or descending, whichever has the higher IV (ties:
// ascending). auto_shape: that, unless the best peak or valley grouping (which
// really turns) has an IV at least shape_iv_gain times the monotone one [D].
// peak / valley that do not turn report the monotone direction they found.
std::vector<int> grouping_for_trend(const std::vector<Cell>& pre, RiskTrend want, const BinningOptions& o, double G, double B,
                                    double min_count, RiskTrend* direction) {
  if (want == RiskTrend::automatic || want == RiskTrend::auto_shape) {
    double iv_up = -1, iv_down = -1;
    auto up = optimal_groups(pre, RiskTrend::ascending, o, G, B, min_count, &iv_up);
    auto down = optimal_groups(pre, RiskTrend::descending, o, G, B, min_count, &iv_down);
    std::vector<int> ends;
    double iv_mono = -1;
    if (!up.empty() && (down.empty() || iv_up >= iv_down)) {
      ends = std::move(up);
      *direction = RiskTrend::ascending;
      iv_mono = iv_up;
    } else if (!down.empty()) {
      ends = std::move(down);
      *direction = RiskTrend::descending;
      iv_mono = iv_down;
    }
    if (want == RiskTrend::auto_shape) {
      for (RiskTrend shape : {RiskTrend::peak, RiskTrend::valley}) {
        double iv_shape = -1;
        bool turned = false;
        auto g = optimal_groups(pre, shape, o, G, B, min_count, &iv_shape, &turned);
        if (turned && iv_shape >= o.shape_iv_gain * iv_mono && iv_shape > 0) {
          ends = std::move(g);
          *direction = shape;
          iv_mono = iv_shape / o.shape_iv_gain;  // a valley then has to reach at least the peak's IV
        }
      }
    }
    return ends;
  }
  double iv_best = -1;
  bool turned = false;
  auto ends = optimal_groups(pre, want, o, G, B, min_count, &iv_best, &turned);
  *direction = want;
  if ((want == RiskTrend::peak || want == RiskTrend::valley) && !turned && ends.size() >= 2) {
    // No turn: a monotone run; its direction from the first two groups.
    Cell g0, g1;
    for (int i = 0; i < ends[1]; ++i) {
      (i < ends[0] ? g0 : g1) += pre[static_cast<std::size_t>(i)];
    }
    *direction = rate_less(g0, g1) ? RiskTrend::ascending : RiskTrend::descending;
  }
  return ends;
}

// Categorical bins fixed by a bins file: the given groups in the given order
// (level names unknown to the data and special levels are skipped; a group
// left with no level is dropped); rows of levels in no group count as missing.
void manual_groups(const DataColumn& col, std::vector<Cell>& per_level, const std::vector<std::int32_t>& special_codes, Cell& missing,
                   std::vector<Cell>& pre, std::vector<std::vector<std::int32_t>>& pre_levels) {
  std::vector<bool> used(per_level.size(), false);
  for (std::int32_t c : special_codes)
    if (c >= 0) used[static_cast<std::size_t>(c)] = true;
  for (const auto& group : col.manual_groups) {
    Cell cell;
    std::vector<std::int32_t> levels;
    for (const std::string& name : group) {
      const auto it = std::find(col.levels.begin(), col.levels.end(), name);
      if (it == col.levels.end()) continue;
      const auto code = static_cast<std::size_t>(it - col.levels.begin());
      if (used[code]) continue;
      used[code] = true;
      cell += per_level[code];
      levels.push_back(static_cast<std::int32_t>(code));
    }
    if (levels.empty()) continue;
    pre.push_back(cell);
    pre_levels.push_back(std::move(levels));
  }
  for (std::size_t l = 0; l < per_level.size(); ++l)
    if (!used[l]) missing += per_level[l];
}

}  // namespace

int FeatureBinning::bin_of(double x) const {
  if (std::isnan(x)) return missing_bin();
  if (type == FeatureType::categorical) {
    if (x < 0 || x >= static_cast<double>(level_bin.size()) || x != std::floor(x)) return missing_bin();
    return level_bin[static_cast<std::size_t>(x)];
  }
  for (std::size_t s = 0; s < special_values.size(); ++s)
    if (x == special_values[s]) return first_special_bin() + static_cast<int>(s);
  // Number of cuts <= x (cuts are ascending lower edges of bins 1..k-1).
  return static_cast<int>(std::upper_bound(cuts.begin(), cuts.end(), x) - cuts.begin());
}

int FeatureBinning::bin_of_level(std::string_view level) const {
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (levels[i] == level) return type == FeatureType::categorical ? level_bin[i] : bin_of(double(i));
  return missing_bin();
}

namespace {

// Cuts at the weighted quantiles W·k/prebins of (value, weight) pairs: the
// smallest value whose cumulative weight exceeds the rank, as the unweighted
// rule (value at 0-based rank floor(n·k/prebins)) does with every weight 1.
std::vector<double> weighted_cuts(std::vector<double>& vals, std::vector<double>& wts, int prebins) {
  std::vector<std::uint32_t> idx(vals.size());
  for (std::uint32_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return vals[a] < vals[b]; });
  double total = 0, vmin = HUGE_VAL;
  for (std::size_t i = 0; i < vals.size(); ++i) {
    total += wts[i];
    if (wts[i] > 0) vmin = std::min(vmin, vals[i]);
  }
  std::vector<double> cuts;
  double cum = 0;
  std::size_t i = 0;
  for (int k = 1; k < prebins && i < idx.size(); ++k) {
    const double rank = total * double(k) / double(prebins);
    while (i < idx.size() && !(cum + wts[idx[i]] > rank)) cum += wts[idx[i++]];
    if (i == idx.size()) break;
    const double q = vals[idx[i]];
    if (q > vmin && (cuts.empty() || q > cuts.back())) cuts.push_back(q);
  }
  return cuts;
}

// The value pass of an unweighted column without special values (the
// common case, lean so that its sums stay in registers): the non-missing
// values in row order into vals, their count and minimum, and the counts of
// bads, missing values and missing bads.
struct PlainPass {
  std::size_t n = 0;
  double vmin = HUGE_VAL;
  std::int64_t bad = 0, missing = 0, missing_bad = 0;
};
PlainPass plain_values(const double* numeric, const std::uint8_t* bad, std::span<const std::uint32_t> rows, double* vals) {
  std::size_t n = 0;
  double lo = HUGE_VAL;
  std::int64_t nb = 0, nm = 0, nmb = 0;
  for (std::uint32_t r : rows) {
    const double x = numeric[r];
    const std::int64_t b = bad[r];
    nb += b;
    if (x != x) {
      ++nm;
      nmb += b;
      continue;
    }
    vals[n++] = x;
    lo = x < lo ? x : lo;
  }
  return {n, lo, nb, nm, nmb};
}

// Goods and bads per numeric pre-bin (missing and special values left out):
// pre-bin = number of cuts <= x, counted cut by cut over a block of rows
// (vectorisable). An x of +inf also counts the padding a power-of-two
// binary search over the cuts padded with HUGE_VAL would, as before.
template <typename IsSpecial>
std::vector<Cell> prebin_cells(const DataColumn& col, std::span<const std::uint8_t> bad, std::span<const std::uint32_t> rows,
                               std::span<const double> weight, const std::vector<double>& cuts, IsSpecial is_special, bool specials) {
  const bool weighted = !weight.empty();
  std::size_t span = 1;
  while (span < cuts.size() + 1) span *= 2;
  const auto pad = static_cast<std::int32_t>(span - 1 - cuts.size());
  std::vector<std::int64_t> nb(span, 0), nt(span, 0);
  std::vector<double> wg(weighted ? span : 0, 0.0), wb(weighted ? span : 0, 0.0);
  constexpr std::size_t chunk = 1024;
  double x[chunk];
  std::int32_t count[chunk];
  for (std::size_t b0 = 0; b0 < rows.size(); b0 += chunk) {
    const std::size_t m = std::min(chunk, rows.size() - b0);
    const std::uint32_t* r = rows.data() + b0;
    for (std::size_t i = 0; i < m; ++i) x[i] = col.numeric[r[i]];
    for (std::size_t i = 0; i < m; ++i) count[i] = x[i] >= HUGE_VAL ? pad : 0;
    detail::add_cut_counts(x, m, cuts.data(), cuts.size(), count);
    for (std::size_t i = 0; i < m; ++i) {
      if (x[i] != x[i] || (specials && is_special(x[i]))) continue;
      const auto idx = static_cast<std::size_t>(count[i]);
      ++nt[idx];
      nb[idx] += bad[r[i]];
      if (weighted) (bad[r[i]] ? wb : wg)[idx] += weight[r[i]];
    }
  }
  std::vector<Cell> pre(cuts.size() + 1);
  for (std::size_t b = 0; b < pre.size(); ++b) {
    pre[b].rows_bad = nb[b];
    pre[b].rows_good = nt[b] - nb[b];
    pre[b].bad = weighted ? wb[b] : double(pre[b].rows_bad);
    pre[b].good = weighted ? wg[b] : double(pre[b].rows_good);
  }
  return pre;
}

}  // namespace

FeatureBinning bin_feature(const DataColumn& col, std::span<const std::uint8_t> bad, std::span<const std::uint32_t> rows,
                           const BinningOptions& o, std::span<const double> weight) {
  FINLAB_REQUIRE(o.prebins >= 2 && o.prebins <= 256 && o.max_bins >= 1 && o.min_bin_share >= 0 && o.min_bin_share < 1,
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
  const bool weighted = !weight.empty();
  FINLAB_REQUIRE(!weighted || weight.size() == bad.size(), "bin_feature: " << weight.size() << " weights for " << bad.size() << " rows");
  fb.weighted = weighted;
  auto wt = [&](std::uint32_t r) { return weighted ? weight[r] : 1.0; };

  // ------------------------------------------------------------ [prebin]
  Cell total, missing;
  std::vector<Cell> special(col.specials.size());
  fb.specials = col.specials;
  std::vector<std::int32_t> special_codes;  // categorical: level code per special (-1: level not in the data)
  if (!categorical) {
    for (const std::string& t : col.specials) {
      double v = 0;
      FINLAB_REQUIRE(parse_number_cell(t, &v), "bin_feature: special value '" << t << "' of numeric column '" << col.name
                                                                               << "' is not a number");
      fb.special_values.push_back(v);
    }
  } else {
    for (const std::string& t : col.specials) {
      const auto it = std::find(col.levels.begin(), col.levels.end(), t);
      special_codes.push_back(it == col.levels.end() ? -1 : static_cast<std::int32_t>(it - col.levels.begin()));
    }
  }
  // Index of the special value of x, or -1.
  auto special_of = [&](double x) -> int {
    for (std::size_t s = 0; s < fb.special_values.size(); ++s)
      if (x == fb.special_values[s]) return static_cast<int>(s);
    return -1;
  };
  std::vector<Cell> pre;
  std::vector<double> cuts;                    // numeric pre-bin lower edges
  std::vector<std::vector<std::int32_t>> pre_levels;  // categorical: levels per pre-bin
  if (!categorical) {
    std::vector<double> vals(rows.size()), wvals(weighted ? rows.size() : 0);
    std::size_t nv = 0;
    double vmin = HUGE_VAL;
    double* vp = vals.data();
    // Unweighted, the sums of weights are the row counts: integer counters
    // (a sum of 1.0s is exact, so the same bits); weighted, the cells.
    Cell tot, mis;
    std::int64_t t_rows = 0, t_bad = 0, m_rows = 0, m_bad = 0;
    if (!weighted && special.empty()) {
      const PlainPass pp = plain_values(col.numeric.data(), bad.data(), rows, vp);
      nv = pp.n;
      vmin = pp.vmin;
      t_rows = static_cast<std::int64_t>(rows.size());
      t_bad = pp.bad;
      m_rows = pp.missing;
      m_bad = pp.missing_bad;
    }
    for (std::uint32_t r : !weighted && special.empty() ? std::span<const std::uint32_t>() : rows) {
      const double x = col.numeric[r];
      const double w = wt(r);
      ++t_rows;
      t_bad += bad[r];
      if (weighted) tot.add(bad[r], w);
      if (std::isnan(x)) {
        ++m_rows;
        m_bad += bad[r];
        if (weighted) mis.add(bad[r], w);
        continue;
      }
      if (!special.empty()) {
        if (const int s = special_of(x); s >= 0) {
          special[static_cast<std::size_t>(s)].add(bad[r], w);
          continue;
        }
      }
      if (weighted) wvals[nv] = w;
      vp[nv++] = x;
      if (x < vmin) vmin = x;
    }
    if (!weighted) {
      tot = Cell{double(t_rows - t_bad), double(t_bad), t_rows - t_bad, t_bad};
      mis = Cell{double(m_rows - m_bad), double(m_bad), m_rows - m_bad, m_bad};
    }
    total = tot;
    missing = mis;
    vals.resize(nv);
    if (weighted) wvals.resize(nv);
    const std::size_t n_all = nv;
    // Pre-bin edges come from at most quantile_sample values: every k-th
    // non-missing value in row order when there are more (as LightGBM builds
    // its histogram bins from bin_construct_sample_cnt rows). Counts, WoE and
    // IV below always use every row.
    if (n_all > o.quantile_sample && o.quantile_sample > 0) {
      const std::size_t stride = (n_all + o.quantile_sample - 1) / o.quantile_sample;
      std::size_t k = 0;
      for (std::size_t i = 0; i < n_all; i += stride, ++k) {
        vals[k] = vals[i];
        if (weighted) wvals[k] = wvals[i];
      }
      vals.resize(k);
      if (weighted) wvals.resize(k);
    }
    const std::size_t n = vals.size();
    if (col.manual) {
      cuts = col.manual_cuts;  // fixed by a bins file: no quantiles
    } else if (weighted) {
      cuts = weighted_cuts(vals, wvals, o.prebins);
    } else if (n > 0) {
      // Exact quantiles of those values at ranks n·k/prebins (values, not positions).
      std::vector<std::size_t> ranks;
      for (int k = 1; k < o.prebins; ++k) {
        const std::size_t rank = static_cast<std::size_t>((static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(k)) /
                                                          static_cast<std::uint64_t>(o.prebins));
        if (rank < n && (ranks.empty() || rank > ranks.back())) ranks.push_back(rank);
      }
      if (!radix_sort(vals)) select_ranks(vals, 0, n, ranks.data(), ranks.size());
      for (std::size_t rank : ranks) {
        const double q = vals[rank];
        if (q > vmin && (cuts.empty() || q > cuts.back())) cuts.push_back(q);
      }
    }
    pre = prebin_cells(col, bad, rows, weight, cuts, [&](double x) { return special_of(x) >= 0; }, !special.empty());
  } else {
    std::vector<Cell> per_level(col.levels.size());
    for (std::uint32_t r : rows) {
      const std::int32_t c = col.codes[r];
      const double w = wt(r);
      total.add(bad[r], w);
      if (c < 0) {
        missing.add(bad[r], w);
        continue;
      }
      per_level[static_cast<std::size_t>(c)].add(bad[r], w);
    }
    // Special levels leave the grouping: their counts move to their own cells.
    for (std::size_t s = 0; s < special_codes.size(); ++s)
      if (special_codes[s] >= 0) std::swap(special[s], per_level[static_cast<std::size_t>(special_codes[s])]);
    if (col.manual) {
      manual_groups(col, per_level, special_codes, missing, pre, pre_levels);
    } else {
      double n = total.n() - missing.n();
      for (const Cell& c : special) n -= c.n();
      const double small_limit = std::ceil(o.min_bin_share * n);
      // Levels below the minimum share are pooled into one group; the rest are groups of their own.
      std::vector<std::int32_t> order;
      Cell pooled;
      std::vector<std::int32_t> pooled_levels;
      for (std::size_t l = 0; l < per_level.size(); ++l) {
        if (per_level[l].rows_good + per_level[l].rows_bad == 0) continue;  // also the special levels (emptied above)
        if (per_level[l].n() < small_limit) {
          pooled += per_level[l];
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
    }
    if (pre.empty()) {
      pre.push_back({});
      pre_levels.emplace_back();
    }
  }
  fb.n_total = total.rows_good + total.rows_bad;

  // ---------------------------------------------------------------- [dp]
  double non_missing = total.n() - missing.n();
  for (const Cell& c : special) non_missing -= c.n();
  // Unweighted: at least one row; weighted: the share alone (a weight may be fractional).
  const double min_count = std::max(weighted ? 0.0 : 1.0, std::ceil(o.min_bin_share * non_missing));
  std::vector<int> ends;
  RiskTrend direction = RiskTrend::none;
  fb.manual = col.manual;
  if (col.manual) {
    for (std::size_t g = 1; g <= pre.size(); ++g) ends.push_back(static_cast<int>(g));  // every given bin as it is
  } else if (total.good > 0 && total.bad > 0 && pre.size() > 1) {
    const double G = total.good, B = total.bad;
    // Categorical groups are already ordered by bad rate: ascending is the natural trend.
    const RiskTrend want = categorical ? (col.trend == RiskTrend::none ? RiskTrend::none : RiskTrend::ascending) : col.trend;
    ends = grouping_for_trend(pre, want, o, G, B, min_count, &direction);
  }
  if (ends.size() <= 1) {
    ends.assign(1, static_cast<int>(pre.size()));  // one value bin: no usable split
    direction = RiskTrend::none;
  }
  fb.direction = direction;

  // ------------------------------------------------------------- [build]
  const double G = total.good, B = total.bad;
  auto finish = [&](Bin& bin) {
    if (!(bin.good_weight + bin.bad_weight > 0) || G == 0 || B == 0) {
      bin.woe = 0;
      bin.iv = 0;
    } else {
      bin.woe = woe(bin.good_weight, bin.bad_weight, G, B, o.woe_adjust);
      bin.iv = iv_part(bin.good_weight, bin.bad_weight, G, B, o.woe_adjust);
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
      const Cell& c = pre[static_cast<std::size_t>(p)];
      bin.n_good += c.rows_good;
      bin.n_bad += c.rows_bad;
      bin.good_weight += c.good;
      bin.bad_weight += c.bad;
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
  for (std::size_t s = 0; s < special.size(); ++s) {
    Bin sb;
    sb.is_special = true;
    sb.n_good = special[s].rows_good;
    sb.n_bad = special[s].rows_bad;
    sb.good_weight = special[s].good;
    sb.bad_weight = special[s].bad;
    sb.label = "special " + fb.specials[s];
    finish(sb);
    const auto index = static_cast<std::int32_t>(fb.bins.size());
    if (categorical) {
      std::int32_t code = special_codes[s];
      if (code < 0) {  // a special level not in these rows: known to the card all the same
        code = static_cast<std::int32_t>(fb.levels.size());
        fb.levels.push_back(fb.specials[s]);
        fb.level_bin.push_back(index);
      }
      sb.levels = {code};
      fb.level_bin[static_cast<std::size_t>(code)] = index;
    }
    fb.bins.push_back(std::move(sb));
  }
  Bin miss;
  miss.is_missing = true;
  miss.n_good = missing.rows_good;
  miss.n_bad = missing.rows_bad;
  miss.good_weight = missing.good;
  miss.bad_weight = missing.bad;
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

std::vector<double> bin_weights(const FeatureBinning& fb, const DataColumn& col, std::span<const std::uint32_t> rows,
                                std::span<const double> weight) {
  std::vector<double> out(fb.bins.size(), 0.0);
  for (std::uint32_t r : rows) {
    const double x = col.type == FeatureType::categorical
                         ? (col.codes[r] < 0 ? std::nan("") : static_cast<double>(col.codes[r]))
                         : col.numeric[r];
    out[static_cast<std::size_t>(fb.bin_of(x))] += weight.empty() ? 1.0 : weight[r];
  }
  return out;
}

namespace detail {
namespace {
[[gnu::always_inline]] inline void add_cut_counts_body(const double* x, std::size_t m, const double* cuts, std::size_t k,
                                                       std::int32_t* count) {
  for (std::size_t c = 0; c < k; ++c) {
    const double cut = cuts[c];
    for (std::size_t i = 0; i < m; ++i) count[i] += x[i] >= cut ? 1 : 0;
  }
}
#ifdef FINLAB_CREDIT_X86_DISPATCH
__attribute__((target("avx2"))) void add_cut_counts_avx2(const double* x, std::size_t m, const double* cuts, std::size_t k,
                                                         std::int32_t* count) {
  add_cut_counts_body(x, m, cuts, k, count);
}
#endif
}  // namespace

void add_cut_counts(const double* x, std::size_t m, const double* cuts, std::size_t k, std::int32_t* count) {
#ifdef FINLAB_CREDIT_X86_DISPATCH
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return add_cut_counts_avx2(x, m, cuts, k, count);
#endif
  add_cut_counts_body(x, m, cuts, k, count);
}
}  // namespace detail

}  // namespace finlab::credit
