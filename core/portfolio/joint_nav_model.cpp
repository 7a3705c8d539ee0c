#include "core/portfolio/joint_nav_model.hpp"

#include <algorithm>

#include "core/math/cholesky.hpp"
#include "core/math/deterministic.hpp"

namespace finlab::portfolio {

using money::Rate;

Rate default_index_correlation() { return Rate::ratio("0.85"); }

namespace {
// "0.85", "-1", "1": the exact ratio, trailing zeros dropped.
std::string ratio_text(Rate r) {
  const std::int64_t u = r.units() < 0 ? -r.units() : r.units();
  std::string s = (r.units() < 0 ? "-" : "") + std::to_string(u / Rate::one_units);
  std::string frac = std::to_string(u % Rate::one_units);
  frac.insert(0, 10 - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return frac.empty() ? s : s + "." + frac;
}
}  // namespace

Result<std::vector<double>> correlation_factor(std::span<const Rate> m, std::size_t n, CorrelationProblem* why) {
  using text::Arg;
  using text::Id;
  // The English error, and the same said as a catalog message at `at` for `why`.
  const auto refuse = [why](std::string at, text::Message what) -> Result<std::vector<double>> {
    const std::string en = text::render(what, text::Lang::en);
    if (why) *why = CorrelationProblem{at, std::move(what)};
    return fail(at.empty() ? en : at + ": " + en);
  };
  if (m.size() != n * n) return refuse("", text::make(Id::pf_corr_size, {Arg::verbatim(std::to_string(n)), Arg::verbatim(std::to_string(m.size()))}));
  auto at = [&](std::size_t i, std::size_t j) { return "[" + std::to_string(i) + "][" + std::to_string(j) + "]"; };
  std::vector<double> a(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const Rate r = m[i * n + j];
      if (i == j && r != Rate::ratio("1")) return refuse(at(i, j), text::make(Id::pf_corr_diagonal, {Arg::verbatim(ratio_text(r))}));
      if (r < Rate::ratio("-1") || r > Rate::ratio("1")) return refuse(at(i, j), text::make(Id::pf_corr_range, {Arg::verbatim(ratio_text(r))}));
      if (m[j * n + i] != r)
        return refuse(at(i, j), text::make(Id::pf_corr_symmetric, {Arg::verbatim(ratio_text(r)), Arg::verbatim(ratio_text(m[j * n + i])),
                                                                   Arg::verbatim(at(j, i))}));
      a[i * n + j] = to_double(r);
    }
  }
  const math::Cholesky c = math::cholesky(a, n);
  if (!c.ok())
    return refuse("", text::make(Id::pf_corr_not_psd, {Arg::verbatim(std::to_string(c.failed_row)), Arg::verbatim(std::to_string(c.pivot))}));
  return c.lower;
}

text::Message CorrelationProblem::message() const {
  if (at.empty()) return what;
  return text::make(text::Id::error_in, {text::Arg::verbatim(at), text::Arg::of(what)});
}

JointNavModel::JointNavModel(std::span<const GarchNavParams> params, std::span<const Rate> correlation)
    : params_(params.begin(), params.end()) {
  FINLAB_REQUIRE(!params_.empty(), "JointNavModel: no funds");
  for (const auto& p : params_) {
    const std::string err = p.validate();
    FINLAB_REQUIRE(err.empty(), "JointNavModel: " << err);
    k_.push_back(GarchNavCoefficients::from(p));
    samplers_.emplace_back(p.dof);
  }
  auto l = correlation_factor(correlation, params_.size());
  FINLAB_REQUIRE(l.ok(), "JointNavModel: correlation " << l.error());
  l_ = std::move(l).value();
  alpha_ = k_.front().alpha;
  beta_ = k_.front().beta;
}

void JointNavModel::generate(std::uint64_t seed, std::uint64_t path, std::span<std::int64_t* const> outs, std::size_t days,
                             std::span<const std::vector<std::uint32_t>> ex_days, std::span<const Rate> dividend_yields,
                             std::span<std::int64_t* const> dividend_outs) const {
  const std::size_t n = k_.size();
  FINLAB_REQUIRE(outs.size() == n && ex_days.size() == n && dividend_yields.size() == n && dividend_outs.size() == n,
                 "JointNavModel::generate: one output per fund");
  if (days == 0) return;
  std::vector<PathBits> rng(n);
  std::vector<double> level(n), u(n), z(n);
  std::vector<std::size_t> next_ex(n, 0);
  std::vector<std::uint32_t> block(4 * n);
  for (std::size_t f = 0; f < n; ++f) {
    rng[f] = PathBits(seed, path, static_cast<std::uint32_t>(f));
    level[f] = static_cast<double>(params_[f].start.units());
    outs[f][0] = params_[f].start.units();
    if (dividend_outs[f]) std::fill(dividend_outs[f], dividend_outs[f] + days, 0);
  }
  const double omega = 1.0 - alpha_ - beta_;
  double g = 1.0;  // shared variance regime (1 = every fund at its long-run variance)
  for (std::size_t i = 1; i < days; ++i) {
    const std::size_t w = (i - 1) % 4;
    for (std::size_t f = 0; f < n; ++f) {
      if (w == 0) rng[f].block(&block[4 * f]);
      u[f] = samplers_[f].from_bits32(block[4 * f + w]);
    }
    double shock = 0;
    for (std::size_t f = 0; f < n; ++f) {
      double s = 0;
      for (std::size_t k = 0; k <= f; ++k) s += l_[f * n + k] * u[k];
      z[f] = s;
    }
    for (std::size_t f = 0; f < n; ++f) {
      const GarchNavCoefficients& k = k_[f];
      double r = k.mu + math::sqrt(k.long_run_variance * g) * z[f];
      if (r > k.limit) r = k.limit;
      if (r < -k.limit) r = -k.limit;
      level[f] *= 1.0 + r;
      const double eps = r - k.mu;
      shock += k.long_run_variance > 0 ? eps * eps / k.long_run_variance : 0.0;
      std::int64_t units = static_cast<std::int64_t>(level[f] + 0.5);
      if (units < 1) units = 1;
      const auto& ex = ex_days[f];
      if (next_ex[f] < ex.size() && ex[next_ex[f]] == i) {
        ++next_ex[f];
        const std::int64_t div = money::narrow_checked(
            money::div_round(money::int128(units) * dividend_yields[f].units(), Rate::one_units, money::Rounding::truncate), "dividend");
        if (div > 0 && div < units && dividend_outs[f]) {
          dividend_outs[f][i] = div;
          units -= div;
          level[f] -= static_cast<double>(div);
        }
      }
      outs[f][i] = units;
    }
    g = omega + alpha_ * (shock / static_cast<double>(n)) + beta_ * g;
  }
}

}  // namespace finlab::portfolio
