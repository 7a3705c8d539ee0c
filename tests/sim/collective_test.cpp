// The pieces of a run across ranks that do not need MPI (sim/collective.hpp,
// RunAcc::pack): how users are shared out, the scorecard fingerprint, the
// packed accumulators; and natively a whole run split over "ranks" that are
// threads of this process joined by an in-process Collective, which must give
// exactly the one-process run (the MPI suite does the same with mpirun).
#include <catch2/catch.hpp>

#include <numeric>

#include "sim/collective.hpp"
#include "sim/parallel.hpp"
#include "sim/sweep.hpp"
#include "tests/test_files.hpp"

#ifndef __EMSCRIPTEN__
#include <barrier>
#include <mutex>
#include <thread>
#endif

using namespace finlab;
using namespace finlab::sim;

TEST_CASE("user_range tiles the users in contiguous ranges differing by at most one", "[sim][collective]") {
  // 10 users on 3 ranks: 10*1/3 = 3, 10*2/3 = 6 (integer division).
  CHECK(user_range(10, 0, 3).first == 0);
  CHECK(user_range(10, 0, 3).count == 3);
  CHECK(user_range(10, 1, 3).first == 3);
  CHECK(user_range(10, 1, 3).count == 3);
  CHECK(user_range(10, 2, 3).first == 6);
  CHECK(user_range(10, 2, 3).count == 4);
  // More ranks than users: some ranks hold nobody.
  CHECK(user_range(2, 0, 3).count == 0);
  CHECK(user_range(2, 1, 3).count == 1);
  CHECK(user_range(2, 2, 3).count == 1);
  // 200 million users on 7 ranks: every user exactly once.
  std::uint64_t next = 0;
  for (int r = 0; r < 7; ++r) {
    const UserRange u = user_range(200'000'000, r, 7);
    CHECK(u.first == next);
    CHECK((u.count == 28'571'428 || u.count == 28'571'429));
    next += u.count;
  }
  CHECK(next == 200'000'000);
  CHECK_THROWS(user_range(10, 3, 3));
}

TEST_CASE("fingerprint is 64-bit FNV-1a", "[sim][collective]") {
  // Published FNV-1a 64 test vectors (offset basis; "a").
  CHECK(fingerprint("") == 0xcbf29ce484222325ull);
  CHECK(fingerprint("a") == 0xaf63dc4c8601ec8cull);
  CHECK(fingerprint("{\"card\":1}") != fingerprint("{\"card\":2}"));
}

TEST_CASE("RunAcc::pack lists every integer once, unpack restores it, and packs add like the accumulators", "[sim][collective]") {
  RunAcc a, b;
  a.init(3, 90);
  b.init(3, 90);
  std::int64_t k = 1;
  for (auto& m : a.month) {
    m.applicants = k++;
    m.aum_fen = k++;
    m.partners[7].allowance_fen = k++;
    m.applicant_bands[15] = k++;
  }
  a.vintage_bad_fen[11] = -5;
  a.fast_by_day[89] = 1234567890123;
  a.month[0].roll[kRollTo * 3 + 4] = 100;  // credit-quality fields travel too
  a.month[2].bucket_fen[12] = 50;
  a.fpd30[2] = 200;
  a.vintage_chargeoff_fen[5] = 250;
  b.month[2].booked_fen = 9;
  b.fast_by_day[89] = 7;
  const std::vector<std::int64_t> pa = a.pack(), pb = b.pack();
  // 3 months × (month fields + 8 partners × partner fields + 16 bands + 13 × 2 buckets + 13 × 15 rolls)
  // + 2 × 3 × 4 vintages + 90 days + 4 × 3 × 4 vintage quality + 3 × 3 first payment default.
  std::size_t month_fields = 0, partner_fields = 0;
#define FINLAB_X(name, doc) ++month_fields;
  FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
#define FINLAB_X(name, doc) ++partner_fields;
  FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
  CHECK(pa.size() == 3 * (month_fields + kMaxPartners * partner_fields + kMaxScoreBands + 2 * kBuckets + kBuckets * kRollTo) + 2 * 3 * 4 + 90 +
                         4 * 3 * 4 + 3 * 3);
  // Every value set above is in the pack, the rest are zero.
  CHECK(std::accumulate(pa.begin(), pa.end(), std::int64_t{0}) == (1 + 12) * 12 / 2 - 5 + 1234567890123 + 600);
  RunAcc c;
  c.init(3, 90);
  c.unpack(pa);
  CHECK(c.pack() == pa);
  CHECK(c.month[1].partners[7].allowance_fen == 7);
  CHECK(c.fast_by_day[89] == 1234567890123);
  CHECK(c.month[0].roll[kRollTo * 3 + 4] == 100);
  CHECK(c.fpd30[2] == 200);
  CHECK(c.vintage_chargeoff_fen[5] == 250);
  std::vector<std::int64_t> sum(pa.size());
  for (std::size_t i = 0; i < pa.size(); ++i) sum[i] = pa[i] + pb[i];
  a.add(b);
  CHECK(a.pack() == sum);
  CHECK_THROWS_WITH(c.unpack(std::vector<std::int64_t>(pa.size() - 1)), Catch::Contains("too few"));
  CHECK_THROWS_WITH(c.unpack(std::vector<std::int64_t>(pa.size() + 1)), Catch::Contains("values for a run that has"));
}

#ifndef __EMSCRIPTEN__
namespace {

// Ranks as threads of one process: every collective meets at a barrier.
class ThreadGroup {
public:
  explicit ThreadGroup(int n) : n_(n), barrier_(n), seen_(static_cast<std::size_t>(n)) {}
  class Rank final : public Collective {
  public:
    Rank(ThreadGroup& g, int r) : g_(g), r_(r) {}
    int rank() const override { return r_; }
    int size() const override { return g_.n_; }
    void sum_all(std::span<std::int64_t> v) override { g_.sum(v, true, r_); }
    void sum_to_root(std::span<std::int64_t> v) override { g_.sum(v, false, r_); }
    bool all_equal(std::uint64_t x) override {
      g_.seen_[static_cast<std::size_t>(r_)] = x;
      g_.barrier_.arrive_and_wait();
      bool same = true;
      for (std::uint64_t y : g_.seen_) same = same && y == x;
      g_.barrier_.arrive_and_wait();
      return same;
    }

  private:
    ThreadGroup& g_;
    int r_;
  };

private:
  void sum(std::span<std::int64_t> v, bool everywhere, int rank) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (acc_.empty()) acc_.assign(v.size(), 0);
      for (std::size_t i = 0; i < v.size(); ++i) acc_[i] += v[i];
    }
    barrier_.arrive_and_wait();
    if (everywhere || rank == 0) std::copy(acc_.begin(), acc_.end(), v.begin());
    barrier_.arrive_and_wait();
    if (rank == 0) acc_.clear();
    barrier_.arrive_and_wait();
  }
  int n_;
  std::barrier<> barrier_;
  std::mutex mu_;
  std::vector<std::int64_t> acc_;
  std::vector<std::uint64_t> seen_;
};

RunConfig small_config(const char* scenario) {
  RunConfig c;
  c.policy = parse_policy(test::slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")).value();
  c.scenario = parse_scenario(test::slurp(std::string(FINLAB_SOURCE_DIR "/assets/scenarios/") + scenario + ".json")).value();
  c.users = 2500;
  c.months = 12;
  c.seed = 77;
  c.history_users = 3000;
  return c;
}

}  // namespace

TEST_CASE("A run split over ranks (threads with an in-process Collective) equals the one-process run", "[sim][collective]") {
  const RunConfig c = small_config("severe-stress");
  ParallelOptions one;
  const RunOutput whole = run_parallel(c, one).value();
  for (int ranks : {2, 3}) {
    INFO(ranks << " ranks");
    ThreadGroup group(ranks);
    std::vector<std::unique_ptr<ThreadGroup::Rank>> members;
    for (int r = 0; r < ranks; ++r) members.push_back(std::make_unique<ThreadGroup::Rank>(group, r));
    std::vector<std::optional<Result<RunOutput>>> outs(static_cast<std::size_t>(ranks));
    std::vector<std::thread> threads;
    for (int r = 0; r < ranks; ++r) {
      threads.emplace_back([&, r] {
        ParallelOptions o;
        o.threads = 2;
        o.collective = members[static_cast<std::size_t>(r)].get();
        outs[static_cast<std::size_t>(r)] = run_parallel(c, o);
      });
    }
    for (auto& t : threads) t.join();
    const RunOutput& root = outs[0]->value();
    CHECK(root.acc.pack() == whole.acc.pack());
    CHECK(root.allocations.size() == whole.allocations.size());
    for (std::size_t m = 0; m < whole.allocations.size(); ++m) {
      REQUIRE(root.allocations[m].size() == whole.allocations[m].size());
      for (std::size_t i = 0; i < whole.allocations[m].size(); ++i) {
        CHECK(root.allocations[m][i].key_from == whole.allocations[m][i].key_from);
        CHECK(root.allocations[m][i].key_to == whole.allocations[m][i].key_to);
        CHECK(root.allocations[m][i].partner == whole.allocations[m][i].partner);
      }
    }
    CHECK(root.analyses.behaviour.count == whole.analyses.behaviour.count);
    CHECK(root.analyses.application.pd_ppm == whole.analyses.application.pd_ppm);
    CHECK(root.analyses.value.application_cutoff == whole.analyses.value.application_cutoff);
    CHECK(root.analyses.swap.count == whole.analyses.swap.count);
    CHECK(root.analyses.swap.pd_ppm == whole.analyses.swap.pd_ppm);
    CHECK(root.card_json == whole.card_json);
    // Each rank held only its share of the users.
    CHECK(outs[1]->value().analyses.swap.count != whole.analyses.swap.count);
  }
}

TEST_CASE("Ranks that trained different scorecards refuse to run together", "[sim][collective]") {
  // Rank 1 was given another training history (a mixed command line or build):
  // both ranks fail at the same check instead of merging two different runs.
  ThreadGroup group(2);
  ThreadGroup::Rank r0(group, 0), r1(group, 1);
  RunConfig c0 = small_config("baseline"), c1 = c0;
  c1.history_users = 3500;
  std::optional<Result<RunOutput>> a, b;
  std::thread t1([&] {
    ParallelOptions o;
    o.collective = &r1;
    b = run_parallel(c1, o);
  });
  ParallelOptions o;
  o.collective = &r0;
  a = run_parallel(c0, o);
  t1.join();
  REQUIRE(!*a);
  REQUIRE(!*b);
  CHECK_THAT(a->error(), Catch::Contains("the ranks trained different scorecards"));
  CHECK(b->error() == a->error());
}

TEST_CASE("A sweep split over ranks gives rank 0 every point of the one-process sweep", "[sim][collective]") {
  const RunConfig c = small_config("baseline");
  const std::vector<int> cutoffs{560, 600, 640};
  const auto whole = run_sweep(c, cutoffs, ParallelOptions{}).value();
  ThreadGroup group(2);
  ThreadGroup::Rank r0(group, 0), r1(group, 1);
  std::optional<Result<std::vector<SweepPoint>>> a, b;
  std::thread t1([&] {
    ParallelOptions o;
    o.collective = &r1;
    b = run_sweep(c, cutoffs, o);
  });
  ParallelOptions o;
  o.collective = &r0;
  a = run_sweep(c, cutoffs, o);
  t1.join();
  REQUIRE(a->value().size() == 3);
  CHECK(b->value().empty());
  for (std::size_t k = 0; k < 3; ++k) {
    CHECK(a->value()[k].cutoff == whole[k].cutoff);
    CHECK(a->value()[k].net_profit_fen == whole[k].net_profit_fen);
    CHECK(a->value()[k].booked_fen == whole[k].booked_fen);
    CHECK(a->value()[k].efficient == whole[k].efficient);
    REQUIRE(a->value()[k].totals.size() == whole[k].totals.size());
    for (std::size_t i = 0; i < whole[k].totals.size(); ++i) CHECK(a->value()[k].totals[i].value == whole[k].totals[i].value);
  }
}
#endif
