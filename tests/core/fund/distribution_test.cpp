#include <catch2/catch.hpp>

#include "core/fund/distribution.hpp"
#include "core/random/stream.hpp"

using namespace finlab;
using money::IncomePer10k;

namespace {
// Random share balances with a realistic spread: many small, some large.
std::vector<std::int64_t> random_shares(std::uint64_t seed, std::size_t n) {
  random::Stream s(seed, 0, 0, random::Purpose::generic);
  std::vector<std::int64_t> v(n);
  for (auto& x : v) {
    const auto magnitude = s.below(9);  // up to 10^8 yuan
    std::uint64_t cap = 100;
    for (std::uint64_t i = 0; i < magnitude; ++i) cap *= 10;
    x = static_cast<std::int64_t>(s.below(cap));
    if (s.below(10) == 0) x = 0;
  }
  return v;
}
}  // namespace

TEST_CASE("Flat engine, list allocation and the Boost reference agree on random ledgers", "[fund][distribution][property]") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::size_t n = 1 + seed * 53 % 700;
    const auto shares = random_shares(seed, n);
    random::Stream s(seed, 1, 0, random::Purpose::generic);
    IncomePer10k r = IncomePer10k::from_units(static_cast<std::int64_t>(s.below(40000)) - (seed % 7 == 0 ? 30000 : 0));
    INFO("seed " << seed << " n " << n << " R " << r.to_string());
    const auto a = fund::allocate_income(shares, r);
    const auto ref = fund::allocate_income_reference(shares, r);
    REQUIRE(a.income_fen == ref.income_fen);
    REQUIRE(a.totals.paid == ref.totals.paid);
    REQUIRE(a.totals.pool_units == ref.totals.pool_units);
    REQUIRE(a.totals.residual_units == ref.totals.residual_units);
    REQUIRE(a.totals.conserves());
    REQUIRE((a.totals.residual_units < fund::sub_fen_per_fen && a.totals.residual_units > -fund::sub_fen_per_fen));
    fund::FlatDistribution flat(n, fund::Carry::daily);
    std::copy(shares.begin(), shares.end(), flat.share_units().begin());
    const auto t = flat.distribute(r);
    REQUIRE(t.paid == a.totals.paid);
    REQUIRE(t.pool_units == a.totals.pool_units);
    REQUIRE(t.residual_units == a.totals.residual_units);
    REQUIRE(t.redistributed_fen == a.totals.redistributed_fen);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(flat.share_units()[i] == shares[i] + a.income_fen[i]);
    // Each account gets its truncated amount or 0.01 more (never less, never two more).
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t trunc = shares[i] * (r.units() < 0 ? -r.units() : r.units()) / fund::sub_fen_per_fen;
      const std::int64_t got = r.units() < 0 ? -a.income_fen[i] : a.income_fen[i];
      REQUIRE((got == trunc || got == trunc + 1));
    }
  }
}

TEST_CASE("Ties in dropped fractions go to the lower account index", "[fund][distribution]") {
  // Four equal holdings each drop 0.5 fen: the pool pays two extra fen, to accounts 0 and 1.
  const std::vector<std::int64_t> shares(4, 5000);  // 50.00 shares × R 1.0000 / 10^4 = 0.005
  const auto a = fund::allocate_income(shares, IncomePer10k::of("1.0000"));
  CHECK(a.income_fen == std::vector<std::int64_t>{1, 1, 0, 0});
  fund::FlatDistribution flat(4, fund::Carry::monthly);
  std::copy(shares.begin(), shares.end(), flat.share_units().begin());
  flat.distribute(IncomePer10k::of("1.0000"));
  CHECK(std::vector<std::int64_t>(flat.unpaid_fen().begin(), flat.unpaid_fen().end()) == a.income_fen);
  CHECK(flat.pay_out_unpaid().to_string() == "0.02");
  CHECK(flat.share_units()[0] == 5001);
}

TEST_CASE("The flat engine keeps 8 or 16 bytes per account and refuses out-of-range balances", "[fund][distribution]") {
  fund::FlatDistribution daily(10, fund::Carry::daily), monthly(10, fund::Carry::monthly);
  CHECK(daily.bytes_per_account() == 8);
  CHECK(monthly.bytes_per_account() == 16);
  daily.share_units()[3] = -1;
  CHECK_THROWS_WITH(daily.distribute(IncomePer10k::of("1.0")), Catch::Matchers::Contains("account 3 has -1 share units"));
  CHECK(daily.share_units()[0] == 0);
  daily.share_units()[3] = fund::FlatDistribution::max_share_units + 1;
  CHECK_THROWS(daily.distribute(IncomePer10k::of("1.0")));
  daily.share_units()[3] = fund::FlatDistribution::max_share_units;
  CHECK_NOTHROW(daily.distribute(IncomePer10k::of("100.0000")));
  CHECK_THROWS(daily.distribute(IncomePer10k::of("100.0001")));
  CHECK_THROWS(daily.pay_out_unpaid());
}

TEST_CASE("Negative income is truncated toward zero and the remainder taken back", "[fund][distribution]") {
  const std::vector<std::int64_t> shares = {1500000, 1234567, 7000, 10000000};
  const auto a = fund::allocate_income(shares, IncomePer10k::of("-1.2932"));
  CHECK(a.income_fen == std::vector<std::int64_t>{-194, -159, -1, -1293});
  CHECK(a.totals.paid.to_string() == "-16.47");
  CHECK(a.totals.conserves());
}

TEST_CASE("Several days in one sweep each give the same results as one call per day", "[fund][distribution][property]") {
  for (auto carry : {fund::Carry::daily, fund::Carry::monthly}) {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      const std::size_t n = 500 + seed * 97;
      const auto shares = random_shares(seed + 100, n);
      random::Stream s(seed, 2, 0, random::Purpose::generic);
      std::vector<IncomePer10k> rs;
      for (int d = 0; d < 9; ++d) rs.push_back(IncomePer10k::from_units(static_cast<std::int64_t>(s.below(30000)) - (seed == 3 ? 20000 : 0)));
      fund::FlatDistribution one(n, carry), many(n, carry);
      std::copy(shares.begin(), shares.end(), one.share_units().begin());
      std::copy(shares.begin(), shares.end(), many.share_units().begin());
      std::vector<fund::DistributionTotals> t1;
      for (auto r : rs) t1.push_back(one.distribute(r));
      const auto t2 = many.distribute_days(rs);
      INFO("seed " << seed << " carry " << fund::to_string(carry));
      REQUIRE(t2.size() == t1.size());
      for (std::size_t d = 0; d < t1.size(); ++d) {
        REQUIRE(t2[d].paid == t1[d].paid);
        REQUIRE(t2[d].pool_units == t1[d].pool_units);
        REQUIRE(t2[d].residual_units == t1[d].residual_units);
        REQUIRE(t2[d].conserves());
      }
      REQUIRE(std::equal(one.share_units().begin(), one.share_units().end(), many.share_units().begin()));
      if (carry == fund::Carry::monthly) REQUIRE(std::equal(one.unpaid_fen().begin(), one.unpaid_fen().end(), many.unpaid_fen().begin()));
    }
  }
}
