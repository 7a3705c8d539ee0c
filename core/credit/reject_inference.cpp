#include "core/credit/reject_inference.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/random/stream.hpp"

namespace finlab::credit {

namespace {

// Stream purpose of the sampled labels and copies (core/random user_defined range).
constexpr std::uint32_t kPurposeRejectInference = 1200;

double draw(std::uint64_t seed, std::size_t row, std::uint32_t kind) {
  random::Stream rs(seed, static_cast<std::uint64_t>(row), kind, kPurposeRejectInference);
  return rs.uniform01();
}

// Rows (with repeats) and labels → a new data set, all rows in the train split.
Dataset select_rows(const Dataset& data, const std::vector<std::size_t>& rows, const std::vector<std::uint8_t>& bad) {
  Dataset out;
  out.source = data.source;
  out.target = data.target;
  out.bad_values = data.bad_values;
  out.notes = data.notes;
  out.bad = bad;
  out.consent.reserve(rows.size());
  out.line.reserve(rows.size());
  for (std::size_t r : rows) {
    out.consent.push_back(data.consent[r]);
    out.line.push_back(data.line[r]);
  }
  out.split.assign(rows.size(), Split::train);
  out.columns.reserve(data.columns.size());
  for (const DataColumn& c : data.columns) {
    DataColumn d;
    d.name = c.name;
    d.type = c.type;
    d.category = c.category;
    d.trend = c.trend;
    d.levels = c.levels;
    d.spec = c.spec;
    if (!c.numeric.empty()) {
      d.numeric.reserve(rows.size());
      for (std::size_t r : rows) d.numeric.push_back(c.numeric[r]);
    }
    if (!c.codes.empty()) {
      d.codes.reserve(rows.size());
      for (std::size_t r : rows) d.codes.push_back(c.codes[r]);
    }
    out.columns.push_back(std::move(d));
  }
  return out;
}

// Equal-count groups of the train rows by KGB score (ties stay together):
// group index per row (-1 for rows outside the train split).
std::vector<int> score_groups(const Dataset& data, std::span<const std::int32_t> score, int groups) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < data.rows(); ++i) {
    if (data.split[i] == Split::train) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
  std::vector<int> g(data.rows(), -1);
  const std::size_t n = order.size();
  int current = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const int target = static_cast<int>(k * static_cast<std::size_t>(groups) / std::max<std::size_t>(n, 1));
    if (target > current && score[order[k]] != score[order[k - 1]]) current = target;
    g[order[k]] = current;
  }
  return g;
}

}  // namespace

std::string_view to_string(RejectInference m) {
  switch (m) {
    case RejectInference::none: return "none";
    case RejectInference::hard_cutoff: return "hard_cutoff";
    case RejectInference::fuzzy: return "fuzzy";
    case RejectInference::parcelling: return "parcelling";
    case RejectInference::reweighting: return "reweighting";
  }
  return "none";
}

std::optional<RejectInference> reject_inference_from_string(std::string_view s) {
  for (auto m : all_reject_inference) {
    if (to_string(m) == s) return m;
  }
  return std::nullopt;
}

Dataset reject_inference_training_set(const Dataset& data, std::span<const std::uint8_t> known, std::span<const double> kgb_pd,
                                      std::span<const std::int32_t> kgb_score, const RejectInferenceOptions& o,
                                      RejectInferenceResult& stats) {
  const std::size_t n = data.rows();
  FINLAB_REQUIRE(known.size() == n && kgb_pd.size() == n && kgb_score.size() == n, "reject inference: per-row inputs of the wrong size");
  std::vector<std::size_t> rows;
  std::vector<std::uint8_t> bad;
  std::vector<std::size_t> rejects;
  for (std::size_t i = 0; i < n; ++i) {
    if (data.split[i] != Split::train) continue;
    if (known[i]) {
      if (o.method != RejectInference::reweighting) {
        rows.push_back(i);
        bad.push_back(data.bad[i]);
      }
    } else {
      rejects.push_back(i);
    }
  }
  const double alpha = o.parcel_factor;
  switch (o.method) {
    case RejectInference::none: break;
    case RejectInference::hard_cutoff: {
      double expected = 0;
      for (std::size_t r : rejects) expected += kgb_pd[r];
      const auto k = static_cast<std::size_t>(std::clamp(std::llround(alpha * expected), 0LL, static_cast<long long>(rejects.size())));
      std::vector<std::size_t> order = rejects;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return kgb_pd[a] > kgb_pd[b]; });
      std::vector<std::uint8_t> is_bad(n, 0);
      for (std::size_t j = 0; j < k; ++j) is_bad[order[j]] = 1;
      for (std::size_t r : rejects) {
        rows.push_back(r);
        bad.push_back(is_bad[r]);
      }
      break;
    }
    case RejectInference::fuzzy:
      for (std::size_t r : rejects) {
        rows.push_back(r);
        bad.push_back(draw(o.seed, r, 0) < kgb_pd[r] ? 1 : 0);
      }
      break;
    case RejectInference::parcelling:
    case RejectInference::reweighting: {
      const int G = std::max(1, o.score_groups);
      const std::vector<int> grp = score_groups(data, kgb_score, G);
      std::vector<std::int64_t> all(G, 0), kn(G, 0), kb(G, 0);
      std::vector<double> pd_sum(G, 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        if (grp[i] < 0) continue;
        ++all[grp[i]];
        pd_sum[grp[i]] += kgb_pd[i];
        if (known[i]) {
          ++kn[grp[i]];
          kb[grp[i]] += data.bad[i];
        }
      }
      if (o.method == RejectInference::parcelling) {
        for (std::size_t r : rejects) {
          const int g = grp[r];
          // A group without known rows takes the KGB card's mean PD of the group.
          const double base = kn[g] > 0 ? double(kb[g]) / double(kn[g]) : pd_sum[g] / double(all[g]);
          const double p = std::min(1.0, alpha * base);
          rows.push_back(r);
          bad.push_back(draw(o.seed, r, 1) < p ? 1 : 0);
        }
        for (int g = 0; g < G; ++g) {
          if (kn[g] == 0 && all[g] > 0) {
            stats.notes.push_back("score group " + std::to_string(g + 1) + " has no known outcome: its rejects take the KGB card's PD × α");
          }
        }
      } else {
        for (std::size_t i = 0; i < n; ++i) {
          if (grp[i] < 0 || !known[i]) continue;
          const double w = double(all[grp[i]]) / double(kn[grp[i]]);
          auto copies = static_cast<std::int64_t>(std::floor(w));
          if (draw(o.seed, i, 2) < w - std::floor(w)) ++copies;
          for (std::int64_t c = 0; c < copies; ++c) {
            rows.push_back(i);
            bad.push_back(data.bad[i]);
          }
        }
        for (int g = 0; g < G; ++g) {
          if (kn[g] == 0 && all[g] > 0) {
            stats.notes.push_back("score group " + std::to_string(g + 1) + " (" + std::to_string(all[g]) +
                                  " applicants) has no known outcome: reweighting cannot represent it");
          }
        }
      }
      break;
    }
  }
  stats.reject_rows = static_cast<std::int64_t>(rejects.size());
  stats.inferred_bads = 0;
  if (o.method != RejectInference::none && o.method != RejectInference::reweighting) {
    const std::size_t first_reject = rows.size() - rejects.size();
    for (std::size_t j = first_reject; j < rows.size(); ++j) stats.inferred_bads += bad[j];
  }
  stats.training_rows = static_cast<std::int64_t>(rows.size());
  return select_rows(data, rows, bad);
}

Result<RejectInferenceResult> train_with_reject_inference(const Dataset& data, std::span<const std::uint8_t> known,
                                                          const RejectInferenceOptions& o) {
  if (known.size() != data.rows()) {
    return fail("reject inference: " + std::to_string(known.size()) + " known flags for " + std::to_string(data.rows()) + " rows");
  }
  if (!(o.parcel_factor > 0) || o.parcel_factor > 100) return fail("reject inference: the parcel factor must be in (0, 100]");
  if (o.score_groups < 1 || o.score_groups > 1000) return fail("reject inference: score groups must be 1 to 1,000");
  RejectInferenceResult res;
  std::vector<std::size_t> known_rows;
  std::vector<std::uint8_t> known_bad;
  for (std::size_t i = 0; i < data.rows(); ++i) {
    if (known[i] && data.split[i] == Split::train) {
      known_rows.push_back(i);
      known_bad.push_back(data.bad[i]);
      res.known_bads += data.bad[i];
    }
  }
  res.known_rows = static_cast<std::int64_t>(known_rows.size());
  TrainOptions kgb_opts = o.train;
  kgb_opts.name = o.train.name + " (known good/bad)";
  auto kgb = train_scorecard(select_rows(data, known_rows, known_bad), kgb_opts);
  if (!kgb) return fail("the known-good-bad card (booked applicants only) cannot be trained: " + kgb.error());
  res.kgb = kgb.value().card;
  if (o.method == RejectInference::none) {
    res.trained = std::move(kgb).value();
    res.training_rows = res.known_rows;
    for (std::size_t i = 0; i < data.rows(); ++i) res.reject_rows += (!known[i] && data.split[i] == Split::train) ? 1 : 0;
    return res;
  }
  std::vector<std::uint32_t> all_rows(data.rows());
  std::iota(all_rows.begin(), all_rows.end(), 0u);
  auto scored = score_dataset(res.kgb, data, all_rows);
  if (!scored) return fail("scoring the rejects with the known-good-bad card: " + scored.error());
  const Dataset augmented = reject_inference_training_set(data, known, scored.value().pd, scored.value().score, o, res);
  auto final_card = train_scorecard(augmented, o.train);
  if (!final_card) return fail("training with " + std::string(to_string(o.method)) + " reject inference: " + final_card.error());
  res.trained = std::move(final_card).value();
  return res;
}

}  // namespace finlab::credit
