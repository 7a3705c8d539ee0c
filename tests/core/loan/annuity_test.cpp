#include <catch2/catch.hpp>

#include <cstdint>

#include "core/loan/annuity.hpp"

using namespace finlab;
using loan::ExactRate;
using money::Money;
using money::Rounding;

namespace {
// A small deterministic generator for property tests (splitmix64).
struct Mix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::int64_t in(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
};
}  // namespace

TEST_CASE("The annuity payment reproduces DOMAIN.md §2.2(a)", "[loan][annuity][golden]") {
  // P = 10,000.00, r = 1.5%/month, n = 12: A_exact = 916.79993 → 916.80.
  const ExactRate r = ExactRate::ratio(15, 1000);
  CHECK(loan::annuity_payment(Money::of("10000"), r, 12, Rounding::half_up).to_string() == "916.80");
  CHECK(loan::annuity_payment(Money::of("10000"), r, 12, Rounding::truncate).to_string() == "916.79");
  // DOMAIN.md §2.4 example H: 2,223.18 over the 6 remaining months → 390.22.
  CHECK(loan::annuity_payment(Money::of("2223.18"), r, 6, Rounding::half_up).to_string() == "390.22");
}

TEST_CASE("A zero rate repays principal / n", "[loan][annuity]") {
  CHECK(loan::annuity_payment(Money::of("12000"), ExactRate{}, 12, Rounding::half_up).to_string() == "1000.00");
  CHECK(loan::annuity_payment(Money::of("100.00"), ExactRate{}, 3, Rounding::half_up).to_string() == "33.33");
  CHECK(loan::annuity_payment(Money::of("0.03"), ExactRate{}, 2, Rounding::half_up).to_string() == "0.02");  // 1.5 fen
  CHECK(loan::annuity_payment(Money::of("0.03"), ExactRate{}, 2, Rounding::half_even).to_string() == "0.02");
  CHECK(loan::annuity_payment(Money::of("0.05"), ExactRate{}, 2, Rounding::half_even).to_string() == "0.02");  // 2.5 fen
}

TEST_CASE("Exact .5-fen ties are repaired by the exact path, not guessed from a double", "[loan][annuity][boundary]") {
  SECTION("one period: P(1+r) = 100.5 fen; in double 1.00 × 1.005 is 1.00499999…") {
    const ExactRate r = ExactRate::ratio(5, 1000);
    CHECK_FALSE(loan::annuity_payment_fast(Money::of("1.00"), r, 1, Rounding::half_up).has_value());
    CHECK(loan::annuity_payment(Money::of("1.00"), r, 1, Rounding::half_up).to_string() == "1.01");
    CHECK(loan::annuity_payment(Money::of("1.00"), r, 1, Rounding::half_even).to_string() == "1.00");
  }
  SECTION("two periods at 50%: A = 9/5 × P, a tie for P = 5 × odd fen") {
    // P = 1,000.05 (100,005 fen) → A = 90,004.5 fen exactly.
    const ExactRate r = ExactRate::ratio(1, 2);
    CHECK_FALSE(loan::annuity_payment_fast(Money::of("1000.05"), r, 2, Rounding::half_up).has_value());
    CHECK(loan::annuity_payment(Money::of("1000.05"), r, 2, Rounding::half_up).to_string() == "900.05");
    CHECK(loan::annuity_payment(Money::of("1000.05"), r, 2, Rounding::half_even).to_string() == "900.04");
    CHECK(loan::annuity_payment(Money::of("1000.05"), r, 2, Rounding::truncate).to_string() == "900.04");
    CHECK(loan::annuity_payment(Money::of("1000.05"), r, 2, Rounding::ceiling).to_string() == "900.05");
  }
  SECTION("an exact whole number of fen is not truncated to the fen below") {
    // P = 0.10, 50%, 2 periods: A = 18/10 × 10 fen / 2 = 9 fen exactly.
    const ExactRate r = ExactRate::ratio(1, 2);
    CHECK(loan::annuity_payment(Money::of("0.10"), r, 2, Rounding::truncate).to_string() == "0.09");
    CHECK(loan::annuity_payment(Money::of("0.10"), r, 2, Rounding::ceiling).to_string() == "0.09");
    CHECK(loan::annuity_payment(Money::of("0.10"), r, 2, Rounding::floor).to_string() == "0.09");
  }
  SECTION("the closest cases found by a scan stay decided and right") {
    // From a scan of 3 million principals (exact distance to x.5 fen in parentheses).
    struct Case { const char* p; std::int64_t bp; int n; };
    for (const Case& c : {Case{"9924.03", 1800, 12},    // 1.2e-7 fen
                          Case{"7248.10", 2400, 24},    // 1.3e-7 fen
                          Case{"9040.23", 1200, 36},    // 5.7e-8 fen
                          Case{"2168.43", 3600, 12},    // 2.1e-7 fen
                          Case{"13078.74", 1500, 12}}) {
      const ExactRate r = ExactRate::ratio(c.bp, 10000 * 12);
      const Money exact = loan::annuity_payment_exact(Money::of(c.p), r, c.n, Rounding::half_up);
      CHECK(loan::annuity_payment(Money::of(c.p), r, c.n, Rounding::half_up) == exact);
    }
  }
}

TEST_CASE("The fast path agrees with the exact rational path on random loans", "[loan][annuity][property]") {
  Mix rng{20150512};
  int undecided = 0;
  for (int k = 0; k < 2000; ++k) {
    const Money p = Money::from_units(rng.in(1, 5'000'000'000));      // 0.01 .. 50,000,000.00
    const ExactRate r = ExactRate::ratio(rng.in(0, 40'000), 1'200'000);  // 0 .. 40% a year, monthly
    const int n = static_cast<int>(rng.in(1, 240));
    const Rounding mode = static_cast<Rounding>(rng.in(0, 4));
    const auto fast = loan::annuity_payment_fast(p, r, n, mode);
    const Money exact = loan::annuity_payment_exact(p, r, n, mode);
    if (!fast) ++undecided;
    else CHECK(*fast == exact);
    CHECK(loan::annuity_payment(p, r, n, mode) == exact);
  }
  CHECK(undecided < 20);  // the exact path is the rare exception
}

TEST_CASE("Bad annuity arguments are refused", "[loan][annuity][errors]") {
  CHECK_THROWS_WITH(loan::annuity_payment(Money::of("100"), ExactRate{}, 0, Rounding::half_up), Catch::Contains("periods"));
  CHECK_THROWS_WITH(loan::annuity_payment(Money::of("-100"), ExactRate{}, 12, Rounding::half_up), Catch::Contains("negative"));
}
