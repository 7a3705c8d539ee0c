#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/loan/apr.hpp"
#include "core/loan/irr.hpp"
#include "core/loan/irr_reference.hpp"
#include "core/loan/schedule.hpp"

using namespace finlab;
using loan::IrrChoice;
using money::Money;

namespace {
std::vector<Money> flows(std::initializer_list<const char*> l) {
  std::vector<Money> v;
  for (const char* s : l) v.push_back(Money::of(s));
  return v;
}
std::vector<Money> level(const char* first, const char* each, int n) {
  std::vector<Money> v{Money::of(first)};
  for (int k = 0; k < n; ++k) v.push_back(Money::of(each));
  return v;
}
// Relative error against the 50-digit reference, started from our own answer.
double ref_error(const std::vector<Money>& f, double rate) { return loan::relative_difference(rate, loan::irr_reference(f, rate)); }

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

loan::LoanTerms ei(const char* p, const char* pct, int n) {
  loan::LoanTerms t;
  t.principal = Money::of(p);
  t.rate = loan::QuotedRate::annual(money::Rate::percent(pct));
  t.term_months = n;
  t.start = time::Date::of("2015-05-12");
  return t;
}
}  // namespace

TEST_CASE("True annualised rates reproduce DOMAIN.md §2.3 examples F and G", "[loan][irr][apr][golden]") {
  struct Row { std::vector<Money> f; const char* irr_pct; const char* apr; const char* ear; };
  const std::vector<Row> rows = {
      {level("-12000", "1072", 12), "1.0862", "13.03", "13.84"},     // 0.6% a month flat
      {level("-12000", "1060", 12), "0.9080", "10.90", "11.46"},     // PBOC 2019 trap example
      {level("-12000", "1090", 12), "1.3514", "16.22", "17.48"},     // 0.75% flat
      {level("-12000", "572", 24), "1.1055", "13.27", "14.10"},      // 24 periods, 0.6%
  };
  for (const Row& r : rows) {
    const auto tr = loan::true_rate(r.f, 12).value();
    CHECK(loan::format_percent(tr.rate.irr_per_period, 4) == r.irr_pct);
    CHECK(loan::format_percent(tr.rate.nominal, 2) == r.apr);
    CHECK(loan::format_percent(tr.rate.effective, 2) == r.ear);
    CHECK(tr.irr.unique());
  }
  SECTION("HK IFEC check: 50,000, 0.7% flat → 1.2632%, APR 15.16%, EAR 16.26%") {
    // 50,000/12 + 350 = 4,516.67 eleven times; the last payment absorbs the
    // rounding (4,516.63), as the schedule engine does. With twelve 4,516.67
    // the IRR would be 1.26326% (→ 1.2633).
    loan::LoanTerms t = ei("50000", "0", 12);
    t.method = loan::RepaymentMethod::equal_principal;
    t.monthly_fee_rate = money::Rate::percent("0.7");
    const loan::Schedule s = loan::build_schedule(t);
    CHECK(s.installments[0].payment.to_string() == "4516.67");
    CHECK(s.installments[11].payment.to_string() == "4516.63");
    const auto tr = loan::schedule_true_rate(s).value();
    CHECK(loan::format_percent(tr.rate.irr_per_period, 4) == "1.2632");
    CHECK(loan::format_percent(tr.rate.nominal, 2) == "15.16");
    CHECK(loan::format_percent(tr.rate.effective, 2) == "16.26");
  }
  SECTION("example F through the schedule engine: 0% + 0.6% flat fee on 12,000") {
    loan::LoanTerms t = ei("12000", "0", 12);
    t.method = loan::RepaymentMethod::equal_principal;
    t.monthly_fee_rate = money::Rate::percent("0.6");
    const auto tr = loan::schedule_true_rate(loan::build_schedule(t)).value();
    CHECK(loan::format_percent(tr.rate.nominal, 2) == "13.03");
  }
  SECTION("the §2.2(a) schedule: 1.5000% a month, APR 18.00%, EAR 19.56%") {
    const auto tr = loan::schedule_true_rate(loan::build_schedule(ei("10000", "18", 12))).value();
    CHECK(loan::format_percent(tr.rate.irr_per_period, 4) == "1.5000");
    CHECK(loan::format_percent(tr.rate.nominal, 2) == "18.00");
    CHECK(loan::format_percent(tr.rate.effective, 2) == "19.56");
  }
  SECTION("example G: 300 deducted upfront → 1.9924% a month, APR 23.91%, EAR 26.71%") {
    loan::LoanTerms t = ei("10000", "18", 12);
    t.upfront_fee = Money::of("300");
    const auto tr = loan::schedule_true_rate(loan::build_schedule(t)).value();
    CHECK(loan::format_percent(tr.rate.irr_per_period, 4) == "1.9924");
    CHECK(loan::format_percent(tr.rate.nominal, 2) == "23.91");
    CHECK(loan::format_percent(tr.rate.effective, 2) == "26.71");
  }
}

TEST_CASE("IRR is exact for a zero rate and for a single period", "[loan][irr]") {
  CHECK(loan::irr(flows({"-100", "50", "50"}))->rate == 0.0);
  CHECK(loan::irr(flows({"-12000", "1000", "1000", "1000", "1000", "1000", "1000", "1000", "1000", "1000", "1000", "1000", "1000"}))->rate == 0.0);
  // One period: i = 6630/15000 − 1 = −0.558, one division (formulajs#174 returned Infinity:
  // https://github.com/formulajs/formulajs/issues/174).
  CHECK(loan::irr(flows({"-15000", "6630"}))->rate == -0.558);
  CHECK(loan::irr(flows({"-100", "110"}))->rate == 0.1);
  // Leading and trailing zeros do not change the answer.
  CHECK(loan::irr(flows({"0", "-100", "110", "0"}))->rate == 0.1);
}

TEST_CASE("No IRR is an error that says why, never NaN", "[loan][irr][errors]") {
  CHECK_THAT(loan::irr(flows({"100", "200"})).error(), Catch::Contains("all cash flows are positive"));
  CHECK_THAT(loan::irr(flows({"-100", "0", "-7"})).error(), Catch::Contains("all cash flows are negative"));
  CHECK_THAT(loan::irr(flows({"0", "0"})).error(), Catch::Contains("all cash flows are zero"));
  CHECK_THAT(loan::irr(flows({"-100"})).error(), Catch::Contains("at least two cash flows"));
  double r = 0;
  CHECK(loan::irr_unique(flows({"100", "200"}), r) == loan::IrrStatus::no_sign_change);
  CHECK(loan::irr_unique(flows({"-100", "230", "-132"}), r) == loan::IrrStatus::several_sign_changes);
  CHECK(loan::irr_unique(flows({"0", "-5", "0"}), r) == loan::IrrStatus::too_few_flows);
}

TEST_CASE("Several roots are all listed, with the chosen one and why", "[loan][irr][roots]") {
  SECTION("−100, 230, −132: roots 10% and 20%, chose 10%") {
    const auto r = loan::irr(flows({"-100", "230", "-132"})).value();
    REQUIRE(r.roots.size() == 2);
    CHECK(r.roots[0] == Approx(0.1).epsilon(1e-14));
    CHECK(r.roots[1] == Approx(0.2).epsilon(1e-14));
    CHECK(r.rate == r.roots[0]);
    CHECK(r.choice == IrrChoice::smallest_non_negative);
    CHECK_THAT(r.why(), Catch::Contains("change sign 2 times") && Catch::Contains("10.000000%, 20.000000%") &&
                            Catch::Contains("ambiguous"));
  }
  SECTION("a zero root is exact among others: −100, 250, −150 → 0% and 50%") {
    const auto r = loan::irr(flows({"-100", "250", "-150"})).value();
    REQUIRE(r.roots.size() == 2);
    CHECK(r.roots[0] == 0.0);
    CHECK(r.roots[1] == Approx(0.5).epsilon(1e-14));
  }
  SECTION("a double root (NPV touches zero): −100, 200, −100 has only i = 0") {
    const auto r = loan::irr(flows({"-100", "200", "-100"})).value();
    REQUIRE(r.roots.size() == 1);
    CHECK(r.rate == 0.0);
  }
  SECTION("two sign changes and no root at all") {
    CHECK_THAT(loan::irr(flows({"-100", "100", "-100"})).error(), Catch::Contains("change sign 2 times but no rate"));
  }
}

TEST_CASE("Regression cases from other libraries' bug trackers", "[loan][irr][regression]") {
  // Each case: the root(s) agree with the 50-digit reference to 1e-13, and the
  // answer is the one the issue says is right.
  SECTION("numpy-financial#44: 8 flows ending in −1 gave −99.98% instead of 100.43%") {
    // https://github.com/numpy/numpy-financial/issues/44
    const auto f = flows({"-1678.87", "771.96", "1814.05", "3520.30", "3552.95", "3584.99", "4789.91", "-1"});
    const auto r = loan::irr(f).value();
    REQUIRE(r.roots.size() == 2);
    CHECK(r.rate == Approx(1.004269848720547).epsilon(1e-12));
    CHECK(r.roots[0] == Approx(-0.9997912604283283).epsilon(1e-12));
    for (double x : r.roots) CHECK(ref_error(f, x) < 1e-13);
  }
  SECTION("numpy-financial#28 / numpy#14977: −50, −100, 600, 300, −100 → 185% (Excel), not −76%") {
    // https://github.com/numpy/numpy-financial/issues/28
    const auto r = loan::irr(flows({"-50", "-100", "600", "300", "-100"})).value();
    REQUIRE(r.roots.size() == 2);
    CHECK(r.rate == Approx(1.8544178284561779).epsilon(1e-13));
    CHECK(r.roots[0] == Approx(-0.7688954706807806).epsilon(1e-13));
  }
  SECTION("numpy-financial#98: 16 payments of 327.25 on 10,000 (a negative IRR)") {
    // https://github.com/numpy/numpy-financial/issues/98
    const auto f = level("-10000", "327.25", 16);
    const auto r = loan::irr(f).value();
    CHECK(r.unique());
    CHECK(r.rate < 0);
    CHECK(ref_error(f, r.rate) < 1e-13);
  }
  SECTION("numpy-financial#131: 144 payments of 560 on 37,155 gave CPU-dependent answers") {
    // https://github.com/numpy/numpy-financial/issues/131 (0.01258179635558565 is right)
    const auto f = level("-37155", "560", 144);
    const double r = loan::irr(f)->rate;
    CHECK(r == Approx(0.01258179635558565).epsilon(1e-13));
    CHECK(ref_error(f, r) < 1e-13);
  }
  SECTION("pyxirr#24: 480 monthly payments found a spurious negative root") {
    // https://github.com/Anexen/pyxirr/issues/24 (amounts rounded to the fen)
    const auto f = level("-172545.85", "787.74", 480);
    const double r = loan::irr(f)->rate;
    CHECK(r > 0);
    CHECK(ref_error(f, r) < 1e-13);
  }
  SECTION("hyperformula#1628: −150000, 12000, 15000, 18000 gave #NUM! (Excel: −41%)") {
    // https://github.com/handsontable/hyperformula/issues/1628
    const auto f = flows({"-150000", "12000", "15000", "18000"});
    const double r = loan::irr(f)->rate;
    CHECK(loan::format_percent(r, 0) == "-41");
    CHECK(ref_error(f, r) < 1e-14);
    // Flipping every sign gives the same rate; a near-total loss too.
    CHECK(loan::irr(flows({"150000", "-12000", "-15000", "-18000"}))->rate == r);
    CHECK(ref_error(flows({"-10000", "100", "100", "100"}), loan::irr(flows({"-10000", "100", "100", "100"}))->rate) < 1e-14);
  }
  SECTION("formulajs#197: gave −131.6% (below −100%, impossible); the unique root is −31.09%") {
    // https://github.com/formulajs/formulajs/issues/197
    const auto f = flows({"-976500", "-24338874", "-3354506", "814300", "1595562", "1975118", "1688159", "391944"});
    const auto r = loan::irr(f).value();
    CHECK(r.unique());
    CHECK(r.rate > -1.0);
    CHECK(r.rate == Approx(-0.3109272633657374).epsilon(1e-13));
    CHECK(ref_error(f, r.rate) < 1e-14);
  }
  SECTION("math-php#356: 20 payments, 30 zeros, one inflow returned −212% (Excel 5.09%)") {
    // https://github.com/markrogoyski/math-php/issues/356
    std::vector<Money> f(20, Money::of("-1607"));
    f.resize(50);
    f.push_back(Money::of("250010"));
    const double r = loan::irr(f)->rate;
    CHECK(loan::format_percent(r, 2) == "5.09");
    CHECK(ref_error(f, r) < 1e-13);
  }
  SECTION("numpy#13953: −900, −500, then 9 × 400 → 20.54%") {
    // https://github.com/numpy/numpy/issues/13953
    std::vector<Money> f = flows({"-900", "-500"});
    for (int k = 0; k < 9; ++k) f.push_back(Money::of("400"));
    CHECK(loan::irr(f)->rate == Approx(0.20541421256305714).epsilon(1e-13));
  }
  SECTION("pyxirr#46: a root below −100% was returned; the unique root is −13.85%") {
    // https://github.com/Anexen/pyxirr/issues/46
    const auto f = flows({"-144852555", "1288599.98", "1273051.18", "1254073.49", "1241996.69", "1226477.92", "1210955.52",
                          "1192069.55", "1179898.21", "1164365.24", "1148831.85", "1129452.17", "1117801.02", "1102284.27",
                          "1086717.83", "1067557.59", "1055023.27", "1038854.51", "1022470.03", "1002274.44", "988024.87"});
    const double r = loan::irr(f)->rate;
    CHECK(r == Approx(-0.13854127397889426).epsilon(1e-8));  // npf's value for the unrounded amounts
    CHECK(ref_error(f, r) < 1e-14);
  }
  SECTION("Excel's documentation example: −70000, 12000 … 26000 → 8.66%") {
    const double r = loan::irr(flows({"-70000", "12000", "15000", "18000", "21000", "26000"}))->rate;
    CHECK(loan::format_percent(r, 2) == "8.66");
  }
}

TEST_CASE("IRR is within 1e-12 of the 50-digit reference on random loans", "[loan][irr][reference][property]") {
  Mix rng{7};
  double worst = 0;
  for (int k = 0; k < 300; ++k) {
    const int n = static_cast<int>(rng.in(2, 60));
    std::vector<Money> f{Money::from_units(-rng.in(100'00, 10'000'000'00))};
    const std::int64_t pay = -f[0].units() / n + rng.in(-(-f[0].units() / n) / 2, (-f[0].units() / n));
    for (int j = 0; j < n; ++j) f.push_back(Money::from_units(pay + rng.in(-100, 100)));
    const auto r = loan::irr(f);
    if (!r) continue;
    const double e = ref_error(f, r->rate);
    worst = std::max(worst, e);
    CHECK(e < 1e-12);
  }
  INFO("worst relative error " << worst);
  CHECK(worst < 1e-12);
}

TEST_CASE("Tiny rates keep their relative accuracy", "[loan][irr][reference]") {
  // 12 payments of 1,000.01 on 12,000: a rate of ~1.5e-6 a month.
  const auto f = level("-12000", "1000.01", 12);
  const double r = loan::irr(f)->rate;
  CHECK(r > 0);
  CHECK(ref_error(f, r) < 1e-12);
  const auto g = level("-1000000000", "83333333.34", 12);  // 4e-10 a month
  CHECK(ref_error(g, loan::irr(g)->rate) < 1e-12);
}

TEST_CASE("A schedule's own cash flows return its contract rate (property)", "[loan][irr][property]") {
  Mix rng{99};
  for (int k = 0; k < 400; ++k) {
    loan::LoanTerms t;
    t.principal = Money::from_units(rng.in(1000'00, 1'000'000'00));
    t.rate = loan::QuotedRate::annual(money::Rate::from_units(rng.in(1'000'000, 6'000'000'000)));  // 0.01% .. 60%
    t.term_months = static_cast<int>(rng.in(1, 120));
    // Bullets charge simple interest, so their IRR is below the contract rate by design.
    t.method = static_cast<loan::RepaymentMethod>(rng.in(0, 2));
    t.start = time::Date::of("2015-05-12");
    const loan::Schedule s = loan::build_schedule(t);
    const double contract = s.periodic_rate.to_double();
    const double got = loan::schedule_true_rate(s)->rate.irr_per_period;
    // Fen rounding moves the rate by at most n fen over the rate sensitivity Σ k·c_k.
    double sens = 0;
    const auto f = s.cash_flows();
    for (std::size_t j = 1; j < f.size(); ++j) sens += static_cast<double>(j) * static_cast<double>(f[j].units()) / std::pow(1 + contract, j + 1.0);
    CHECK(std::fabs(got - contract) <= (static_cast<double>(f.size()) + 1) / sens);
  }
}

TEST_CASE("IRR results are the same bits every run (no hidden state)", "[loan][irr][determinism]") {
  const auto f = level("-10000", "916.80", 12);
  const double a = loan::irr(f)->rate;
  for (int k = 0; k < 5; ++k) CHECK(loan::irr(f)->rate == a);
  // Pinned bits: the same value natively and in wasm.
  CHECK(loan::format_decimal(a, 17) == "0.01500001242132580");
}
