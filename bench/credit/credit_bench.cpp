// Benchmarks of core/credit, driven by bench/credit.sh (which runs the
// scikit-learn peer on the same data in the same run). Modes:
//   generate --users N                 population generation throughput
//   score --users N                    scoring throughput: pre-binned and from raw values
//   binning --columns C --rows R       binning C candidate columns of R rows
//   train --rows N --dir D [--full-consent] [--seed S]
//                                      trains on the synthetic population (70/30 split by
//                                      user id); writes the same split as raw float64
//                                      matrices to D for the peer; prints test AUC and time
// Output: one "key=value" line per measurement (parsed by bench/credit.sh).
// FINLAB_BENCH_FINGERPRINT=1 (train): also the card's and statistics' FNV-1a.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/credit/scorecard_json.hpp"
#include "core/credit/training.hpp"
#include "core/credit/validation.hpp"
#include "core/random/stream.hpp"

using namespace finlab::credit;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU time of this process (the machine is shared; wall time is printed too).
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

const char* arg(int argc, char** argv, const char* name, const char* def) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  return def;
}
bool flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return true;
  return false;
}

int run_generate(std::size_t users) {
  const PopulationGenerator gen;
  const std::size_t chunk = 1'000'000;
  double checksum = 0;
  const double c0 = cpu_seconds();
  const auto t0 = Clock::now();
  Population pop;
  for (std::size_t start = 0; start < users; start += chunk) {
    pop = gen.generate(2015, start, std::min(chunk, users - start));
    checksum += pop.pd[pop.size() / 2];
  }
  const double wall = seconds_since(t0), cpu = cpu_seconds() - c0;
  std::printf("generate users=%zu wall_s=%.3f cpu_s=%.3f users_per_cpu_s_M=%.2f checksum=%.6f\n", users, wall, cpu,
              double(users) / cpu / 1e6, checksum);
  return 0;
}

// A card with all 20 features of the population for the scoring benchmarks:
// the bins trained on 200k users, every feature in every sub-model of its
// consent categories (16 sub-models), coefficient 0.4 each.
Scorecard train_card(bool full_consent, std::size_t rows, std::uint64_t seed) {
  PopulationParams p;
  if (full_consent) p.consent_device = p.consent_location = p.consent_app_usage = p.consent_consumption = 1.0;
  const Population pop = generate_population(p, seed, 0, rows);
  auto r = train_scorecard(dataset_from_population(pop));
  if (!r.ok()) {
    std::fprintf(stderr, "training failed: %s\n", r.error().c_str());
    std::exit(1);
  }
  Scorecard card = r->card;
  card.features.clear();
  card.submodels.clear();
  for (const auto& c : r->candidates)
    if (!c.binning.bins.empty()) card.features.push_back(c.binning);
  const ConsentCategory behaviour[4] = {ConsentCategory::device, ConsentCategory::location, ConsentCategory::app_usage,
                                        ConsentCategory::consumption};
  for (int m = 0; m < 16; ++m) {
    ConsentMask consent;
    for (int k = 0; k < 4; ++k)
      if (m & (1 << k)) consent = consent.with(behaviour[k]);
    std::vector<int> idx;
    for (std::size_t f = 0; f < card.features.size(); ++f)
      if (consent.has(card.features[f].category)) idx.push_back(static_cast<int>(f));
    card.submodels.push_back(make_submodel(card.features, card.scaling, consent, idx, std::log(16.0), std::vector<double>(idx.size(), 0.4)));
  }
  return card;
}

int run_score(std::size_t users) {
  for (bool full : {true, false}) {
    const Scorecard card = train_card(full, 200000, 99);
    PopulationParams p;
    if (full) p.consent_device = p.consent_location = p.consent_app_usage = p.consent_consumption = 1.0;
    // The population to score: generated once (not timed).
    const Population pop = generate_population(p, 2016, 0, users);
    auto ps = PopulationScorer::bind(card).value();
    const std::size_t F = card.features.size();
    // Pre-binned input (binning not timed).
    std::vector<std::vector<std::uint8_t>> bins(F, std::vector<std::uint8_t>(users));
    for (std::size_t f = 0; f < F; ++f)
      bin_values(card.features[f], pop.values[static_cast<std::size_t>(ps.column_of_feature[f])], bins[f]);
    std::vector<std::int32_t> out(users);
    double best_binned = 0, best_raw = 0;
    long long sum = 0;
    for (int rep = 0; rep < 3; ++rep) {
      double c0 = cpu_seconds();
      score_binned(card, bins, pop.consent, out);
      best_binned = std::max(best_binned, double(users) / (cpu_seconds() - c0));
      for (std::size_t i = 0; i < users; i += 4099) sum += out[i];
      c0 = cpu_seconds();
      ps.score_all(pop, out);
      best_raw = std::max(best_raw, double(users) / (cpu_seconds() - c0));
      for (std::size_t i = 0; i < users; i += 4099) sum += out[i];
    }
    // Check: bulk scores equal one-by-one scores on a sample.
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < users; i += users / 1000 + 1)
      if (ps.score(pop, i, false).score != out[i]) ++mismatches;
    std::printf("score consent=%s features=%zu submodels=%zu users=%zu prebinned_M_per_cpu_s=%.1f raw_M_per_cpu_s=%.1f "
                "mismatches=%zu checksum=%lld\n",
                full ? "all" : "mixed", F, card.submodels.size(), users, best_binned / 1e6, best_raw / 1e6, mismatches, sum);
  }
  return 0;
}

int run_binning(std::size_t columns, std::size_t rows) {
  // Candidate columns: noisy read-outs of one risk driver, some pure noise, 3% missing.
  finlab::random::Stream s(7, 0, 0, 2000u);
  std::vector<std::uint8_t> bad(rows);
  std::vector<double> risk(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    risk[i] = s.normal();
    bad[i] = s.uniform01() < 1.0 / (1.0 + std::exp(2.8 - 0.9 * risk[i])) ? 1 : 0;
  }
  std::vector<DataColumn> cols(columns);
  for (std::size_t c = 0; c < columns; ++c) {
    cols[c].name = "x" + std::to_string(c);
    cols[c].numeric.resize(rows);
    const double w = (c % 4 == 0) ? 0.0 : 0.3 + 0.1 * double(c % 7);
    for (std::size_t i = 0; i < rows; ++i) {
      const double v = w * risk[i] + s.normal();
      cols[c].numeric[i] = s.uniform01() < 0.03 ? NAN : std::floor(v * 1000) / 1000;
    }
  }
  std::vector<std::uint32_t> all(rows);
  for (std::uint32_t i = 0; i < rows; ++i) all[i] = i;
  const double c0 = cpu_seconds();
  const auto t0 = Clock::now();
  double iv = 0;
  for (const auto& col : cols) iv += bin_feature(col, bad, all).iv;
  std::printf("binning columns=%zu rows=%zu wall_s=%.3f cpu_s=%.3f total_iv=%.4f\n", columns, rows, seconds_since(t0),
              cpu_seconds() - c0, iv);
  return 0;
}

void write_matrix(const std::string& path, const std::vector<std::vector<double>>& cols, std::size_t n) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(1);
  }
  std::vector<double> row(cols.size());
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t c = 0; c < cols.size(); ++c) row[c] = cols[c][i];
    std::fwrite(row.data(), sizeof(double), row.size(), f);
  }
  std::fclose(f);
}

int run_train(std::size_t rows, const std::string& dir, bool full_consent, bool generic, std::uint64_t seed, bool selection) {
  PopulationParams p;
  if (full_consent) p.consent_device = p.consent_location = p.consent_app_usage = p.consent_consumption = 1.0;
  const Population pop = generate_population(p, seed, 0, rows);
  Dataset data = dataset_from_population(pop);
  // --generic: the columns as a plain CSV would give them (no consent
  // categories): one logistic regression, as the peer fits.
  if (generic)
    for (auto& c : data.columns) c.category = ConsentCategory::application;
  // The peer's inputs: the same values and split, row-major float64 (NaN = missing).
  std::vector<std::vector<double>> train_cols(data.columns.size()), test_cols(data.columns.size());
  std::vector<double> y_train, y_test;
  for (std::size_t r = 0; r < data.rows(); ++r) {
    auto& cols = data.split[r] == Split::train ? train_cols : test_cols;
    for (std::size_t c = 0; c < data.columns.size(); ++c) cols[c].push_back(data.columns[c].numeric[r]);
    (data.split[r] == Split::train ? y_train : y_test).push_back(data.bad[r]);
  }
  write_matrix(dir + "/X_train.f64", train_cols, y_train.size());
  write_matrix(dir + "/X_test.f64", test_cols, y_test.size());
  write_matrix(dir + "/y_train.f64", {y_train}, y_train.size());
  write_matrix(dir + "/y_test.f64", {y_test}, y_test.size());
  FILE* shape = std::fopen((dir + "/shape.txt").c_str(), "w");
  std::fprintf(shape, "%zu %zu %zu\n", y_train.size(), y_test.size(), data.columns.size());
  std::fclose(shape);

  const double c0 = cpu_seconds();
  const auto t0 = Clock::now();
  TrainOptions options;
  if (selection) {  // --selection: the statistics-based rules on (VIF ≤ 10, p ≤ 0.05)
    options.max_vif = 10;
    options.max_p_value = 0.05;
  }
  auto r = train_scorecard(data, options);
  const double wall = seconds_since(t0), cpu = cpu_seconds() - c0;
  if (!r.ok()) {
    std::fprintf(stderr, "training failed: %s\n", r.error().c_str());
    return 1;
  }
  const Scorecard& card = r->card;
  // FINLAB_BENCH_FINGERPRINT=1: FNV-1a of the card JSON and of the statistics
  // (SE, p, VIF at 17 digits), to check that a speed-up left the bits alone.
  if (std::getenv("FINLAB_BENCH_FINGERPRINT")) {
    const std::string js = scorecard_to_json(card);
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : js) h = (h ^ ch) * 1099511628211ull;
    std::string st;
    char b[80];
    for (const auto& c : r->statistics.coefficients) {
      std::snprintf(b, sizeof b, "%.17g/%.17g;", c.std_error, c.p_value);
      st += b;
    }
    for (double v : r->statistics.vif) {
      std::snprintf(b, sizeof b, "%.17g;", v);
      st += b;
    }
    std::uint64_t h2 = 1469598103934665603ull;
    for (unsigned char ch : st) h2 = (h2 ^ ch) * 1099511628211ull;
    std::printf("fingerprint card=%llu statistics=%llu\n", static_cast<unsigned long long>(h), static_cast<unsigned long long>(h2));
  }
  auto ps = PopulationScorer::bind(card).value();
  std::vector<std::int32_t> all(pop.size()), test_scores;
  ps.score_all(pop, all);
  std::vector<std::uint8_t> test_bad;
  std::vector<double> true_pd;
  for (std::size_t i = 0; i < pop.size(); ++i)
    if (data.split[i] == Split::test) {
      test_scores.push_back(all[i]);
      test_bad.push_back(pop.bad[i]);
      true_pd.push_back(-pop.pd[i]);
    }
  int iterations = 0;
  for (const auto& sm : card.submodels) iterations += sm.iterations;
  double max_vif = 0, max_p = 0;
  for (double v : r->statistics.vif) max_vif = std::max(max_vif, v);
  for (std::size_t k = 1; k < r->statistics.coefficients.size(); ++k) max_p = std::max(max_p, r->statistics.coefficients[k].p_value);
  std::printf("stats model_features=%zu max_vif=%.3f max_p=%.6f aic=%.1f\n", r->statistics.features.size(), max_vif, max_p, r->statistics.aic);
  std::printf("train rows=%zu generic=%d consent=%s features=%zu selected=%zu submodels=%zu newton_iterations=%d wall_s=%.3f cpu_s=%.3f "
              "test_auc=%.4f test_ks=%.4f true_pd_auc=%.4f\n",
              rows, generic ? 1 : 0, full_consent ? "all" : "mixed", data.columns.size(), card.features.size(), card.submodels.size(),
              iterations, wall, cpu, auc(test_scores, test_bad), ks(test_scores, test_bad),
              auc(std::span<const double>(true_pd), test_bad));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: finlab_bench_credit generate|score|binning|train [options]\n");
    return 2;
  }
  const std::string mode = argv[1];
  if (mode == "generate") return run_generate(std::strtoull(arg(argc, argv, "--users", "10000000"), nullptr, 10));
  if (mode == "score") return run_score(std::strtoull(arg(argc, argv, "--users", "10000000"), nullptr, 10));
  if (mode == "binning")
    return run_binning(std::strtoull(arg(argc, argv, "--columns", "1000"), nullptr, 10),
                       std::strtoull(arg(argc, argv, "--rows", "100000"), nullptr, 10));
  if (mode == "train")
    return run_train(std::strtoull(arg(argc, argv, "--rows", "1000000"), nullptr, 10), arg(argc, argv, "--dir", "."),
                     flag(argc, argv, "--full-consent"), flag(argc, argv, "--generic"), std::strtoull(arg(argc, argv, "--seed", "2015"), nullptr, 10),
                     flag(argc, argv, "--selection"));
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
