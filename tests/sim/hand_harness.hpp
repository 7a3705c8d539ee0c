// A hand-made population for known-answer tests of the lifecycle engine: a
// policy given as JSON, a handful of users set one by one, and a run of the
// engine's two phases month by month on one shard (as sim/run.cpp does with
// many). Scores: model PD 2% at 700, 0 elsewhere.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/engine.hpp"

namespace finlab::sim::test {

// Assumptions with every behaviour switched off and no random misses: the
// hand computations start from here and switch on what they test.
inline Assumptions certain_assumptions() {
  Assumptions a = Assumptions::legacy();
  a.miss_base_ppm = 0;
  a.miss_hazard_multiple = 0;
  return a;
}

struct Hand {
  Policy policy;
  Scenario scenario;
  ScoreTables tables;
  Traits t;
  Book b;
  Hand(const nlohmann::json& p, std::size_t users, const char* start = "2015-06-01")
      : policy(parse_policy(p.dump()).value()),
        scenario(parse_scenario(std::string(R"({"name": "baseline", "start": ")") + start + "\"}").value()) {
    tables.pd12_ppm[700] = 20'000;
    tables.train_band_counts = {1};
    tables.band_names = {"all"};
    t.first_user = 0;
    t.resize(users);
    b.resize(users);
  }
  // A borrower who applies every month it may (apply 100%) unless told otherwise.
  void set_user(std::size_t i, int score, std::uint32_t income_fen, std::uint16_t request_hundreds, std::uint32_t hazard_ppm,
                std::uint32_t apply_ppm = 1'000'000) {
    t.score[i] = static_cast<std::uint16_t>(score);
    t.score_app[i] = static_cast<std::uint16_t>(score);
    t.consent[i] = 0x1F;
    t.income_fen[i] = income_fen;
    t.apply_ppm[i] = apply_ppm;
    t.request_hundreds[i] = request_hundreds;
    t.hazard_ppm[i] = hazard_ppm;
  }
  Engine engine(int months, const Assumptions& a, std::uint64_t seed = 7) const {
    return Engine(policy, scenario, tables, RunShape{t.size(), months, seed, scenario.start}, a);
  }
  // Months [from, to) of the run on one shard holding every user.
  template <class Log = NoLog>
  void step(const Engine& e, Shard& s, int from, int to, Log* log = nullptr) {
    Log own;
    Log& l = log ? *log : own;
    for (int m = from; m < to; ++m) {
      e.begin_month(s);
      e.phase_a(t, b, s, m, 0, t.size(), l);
      const MonthAllocation al = e.allocate(s.demand);
      e.phase_b(t, b, s, m, al, l);
    }
  }
  RunAcc run(int months, const Assumptions& a) {
    const Engine e = engine(months, a);
    Shard s;
    e.init_shard(s, 0, t.size());
    step(e, s, 0, months);
    return s.acc;
  }
};

inline MonthAcc total(const RunAcc& acc) {
  MonthAcc sum;
  for (const auto& a : acc.month) sum.add(a);
  return sum;
}

}  // namespace finlab::sim::test
