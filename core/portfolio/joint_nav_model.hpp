// Index funds drawn jointly: the daily shocks of a plan's funds are
// correlated (a correlation matrix, Cholesky-factored with core/math), and
// their volatilities share one regime. Each fund keeps its own mean, long-run
// volatility, Student-t degrees of freedom and ±limit (GarchNavParams):
//   u_f,t   ~ Student-t(dof_f) scaled to variance 1, independent (fund f's own stream)
//   z_t     = L u_t                      (L Lᵀ = the correlation matrix: corr(z_f, z_g) = ρ_fg)
//   r_f,t   = mu_f + sqrt(v_f g_t) z_f,t  clamped to ±limit_f
//   g_t     = (1 − α − β) + α · mean_f((r_f,t−1 − mu_f)² / v_f) + β g_t−1,  g_0 = 1
// v_f = vol_f² / trading days is fund f's long-run daily variance and g the
// shared GARCH(1,1) regime (α, β of the plan's first fund): calm and stormy
// spells hit every index at once, and each fund's unconditional variance
// stays v_f. NAVs as in nav_model.hpp (half-up to 4 decimals, dividends).
// Determinism: the same Philox streams as GarchNavModel (stream period = the
// fund's index), only + − × ÷ and IEEE sqrt: same bits natively and in wasm.
// Defaults and sources: docs/portfolio.md §4.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/money/rate.hpp"
#include "core/portfolio/nav_model.hpp"
#include "core/result.hpp"

namespace finlab::portfolio {

// The default correlation of the daily returns of two index funds in a plan
// (CSI 300 / CSI 500: about 0.85, docs/portfolio.md §4).
money::Rate default_index_correlation();

// Checks an n×n correlation matrix (row-major): unit diagonal, entries in
// [−1, 1], symmetric, positive semidefinite (Cholesky). Returns its lower
// Cholesky factor, or an error naming the entry as "[i][j]" or the row.
// `why`, when given, receives the problem as an entry ("[0][1]", "" for the
// matrix as a whole) and a catalog message, to be said in any language.
struct CorrelationProblem {
  std::string at;
  text::Message what;
  text::Message message() const;  // "[0][1]: what" (or just what)
};
Result<std::vector<double>> correlation_factor(std::span<const money::Rate> matrix, std::size_t n, CorrelationProblem* why = nullptr);

class JointNavModel {
public:
  // params: one per fund; correlation: n×n row-major (n = params.size()).
  JointNavModel(std::span<const GarchNavParams> params, std::span<const money::Rate> correlation);
  std::size_t funds() const { return k_.size(); }
  const std::vector<double>& factor() const { return l_; }

  // One path of every fund: outs[f] gets `days` NAV units (day 0 = start NAV);
  // ex_days[f] / dividend_yields[f] / dividend_outs[f] as in GarchNavModel
  // (dividend_outs[f] may be null when fund f has no ex-days).
  void generate(std::uint64_t seed, std::uint64_t path, std::span<std::int64_t* const> outs, std::size_t days,
                std::span<const std::vector<std::uint32_t>> ex_days, std::span<const money::Rate> dividend_yields,
                std::span<std::int64_t* const> dividend_outs) const;

private:
  std::vector<GarchNavParams> params_;
  std::vector<GarchNavCoefficients> k_;
  std::vector<StudentTSampler> samplers_;
  std::vector<double> l_;  // lower Cholesky factor, n×n
  double alpha_ = 0, beta_ = 0;
};

}  // namespace finlab::portfolio
