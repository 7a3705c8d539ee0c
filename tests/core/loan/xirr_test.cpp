#include <catch2/catch.hpp>

#include <vector>

#include "core/loan/apr.hpp"
#include "core/loan/irr.hpp"
#include "core/loan/irr_reference.hpp"

using namespace finlab;
using loan::DatedCashFlow;
using money::Money;
using time::Date;

namespace {
std::vector<DatedCashFlow> dated(std::initializer_list<std::pair<const char*, const char*>> l) {
  std::vector<DatedCashFlow> v;
  for (auto [d, a] : l) v.push_back({Date::of(d), Money::of(a)});
  return v;
}
double ref_error(const std::vector<DatedCashFlow>& f, double r) { return loan::relative_difference(r, loan::xirr_reference(f, r)); }
}  // namespace

TEST_CASE("XIRR of simple dated flows", "[loan][xirr]") {
  CHECK(loan::xirr(dated({{"2015-01-01", "-10000"}, {"2016-01-01", "11000"}}))->rate == Approx(0.1).epsilon(1e-15));
  CHECK(loan::xirr(dated({{"2015-01-01", "-100"}, {"2015-07-01", "50"}, {"2016-01-01", "50"}}))->rate == 0.0);
  // A loan paid monthly: XIRR is the effective annual rate of its day-weighted flows.
  const auto r = loan::xirr(dated({{"2015-05-12", "-10000"}, {"2015-06-12", "5075"}, {"2015-07-12", "5075"}})).value();
  CHECK(r.unique());
  CHECK(ref_error(dated({{"2015-05-12", "-10000"}, {"2015-06-12", "5075"}, {"2015-07-12", "5075"}}), r.rate) < 1e-13);
}

TEST_CASE("XIRR errors say why", "[loan][xirr][errors]") {
  // java-xirr#29: "Transactions must not all be on the same day"
  // https://github.com/RayDeCampo/java-xirr/issues/29
  CHECK_THAT(loan::xirr(dated({{"2022-06-01", "-100"}, {"2022-06-01", "110"}})).error(), Catch::Contains("all cash flows are on the same day (2022-06-01)"));
  CHECK_THAT(loan::xirr(dated({{"2022-06-01", "100"}, {"2022-07-01", "110"}})).error(), Catch::Contains("all cash flows are positive"));
  CHECK_THAT(loan::xirr(dated({{"2022-06-01", "-100"}})).error(), Catch::Contains("at least two"));
  CHECK_THAT(loan::xirr(dated({{"2022-06-01", "-100"}, {"2022-06-01", "100"}, {"2022-07-01", "0"}})).error(), Catch::Contains("zero"));
}

TEST_CASE("XIRR regression cases from other libraries' bug trackers", "[loan][xirr][regression]") {
  SECTION("java-xirr#24: −10000 then 9800 four days later overflowed (−84.17%)") {
    // https://github.com/RayDeCampo/java-xirr/issues/24
    const auto f = dated({{"2022-01-24", "-10000"}, {"2022-01-28", "9800"}});
    const double r = loan::xirr(f)->rate;
    CHECK(r == Approx(-0.8417369952348601).epsilon(1e-13));
    CHECK(ref_error(f, r) < 1e-14);
  }
  SECTION("java-xirr#5: rates below −64% did not converge") {
    // https://github.com/RayDeCampo/java-xirr/issues/5
    const auto f = dated({{"2001-06-22", "-2610"}, {"2001-07-03", "-2589"}, {"2001-07-05", "-5110"}, {"2001-07-06", "-2550"},
                          {"2001-07-09", "-5086"}, {"2001-07-10", "-2561"}, {"2001-07-12", "-5040"}, {"2001-07-13", "-2552"},
                          {"2001-07-16", "-2530"}, {"2001-07-17", "29520"}});
    const double r = loan::xirr(f)->rate;
    CHECK(r < -0.64);
    CHECK(ref_error(f, r) < 1e-14);
  }
  SECTION("java-xirr#14: Excel gives −72.46%, the library failed to converge") {
    // https://github.com/RayDeCampo/java-xirr/issues/14 (amounts rounded to the fen)
    const auto f = dated({{"2018-08-30", "-1498500"}, {"2018-08-30", "-1500"}, {"2019-01-10", "-499500"}, {"2019-01-10", "-500"},
                          {"2019-03-07", "-499500"}, {"2019-03-07", "-500"}, {"2019-03-19", "-44955000"}, {"2019-03-19", "-45000"},
                          {"2019-03-31", "44630158.49"}, {"2019-03-31", "44674.83"}});
    const double r = loan::xirr(f)->rate;
    CHECK(r == Approx(-0.724636607244611).epsilon(1e-8));
    CHECK(ref_error(f, r) < 1e-14);
  }
  SECTION("nodejs-xirr#7, #14 and pyxirr#14: short two-flow losses never converged / returned None") {
    // https://github.com/RayDeCampo/nodejs-xirr/issues/7 , /issues/14 ; https://github.com/Anexen/pyxirr/issues/14
    for (const auto& f : {dated({{"2020-03-04", "-713.07"}, {"2020-03-17", "555.33"}}),
                          dated({{"2021-08-03", "-99995"}, {"2021-08-09", "97642"}}),
                          dated({{"2021-06-09", "-134.09"}, {"2021-08-11", "40.86"}})}) {
      const auto r = loan::xirr(f);
      REQUIRE(r.ok());
      CHECK(r->rate > -1.0);
      CHECK(r->rate < 0.0);
      CHECK(ref_error(f, r->rate) < 1e-14);
    }
  }
  SECTION("nodejs-xirr#1: 18 flows over 17 years, Excel 21.27%") {
    // https://github.com/RayDeCampo/nodejs-xirr/issues/1
    const auto f = dated({{"2000-05-24", "-10000"}, {"2000-06-05", "3027.25"}, {"2001-04-09", "630.68"}, {"2004-02-24", "2018.2"},
                          {"2005-03-18", "1513.62"}, {"2006-02-15", "1765.89"}, {"2007-01-10", "4036.33"}, {"2007-11-14", "4036.33"},
                          {"2008-12-17", "1513.62"}, {"2010-01-15", "1513.62"}, {"2011-01-14", "2018.16"}, {"2012-02-03", "1513.62"},
                          {"2013-01-18", "1009.08"}, {"2014-01-24", "1513.62"}, {"2015-01-30", "1513.62"}, {"2016-01-22", "1765.89"},
                          {"2017-01-20", "1765.89"}, {"2017-06-05", "22421.55"}});
    const double r = loan::xirr(f)->rate;
    CHECK(loan::format_percent(r, 2) == "21.27");
    CHECK(ref_error(f, r) < 1e-13);
  }
  SECTION("ONLYOFFICE#746: unordered dates, Excel and LibreOffice 27.61%") {
    // https://github.com/ONLYOFFICE/DocumentServer/issues/746
    const auto f = dated({{"2020-01-01", "1260404.83"}, {"2020-01-11", "-2881.40"}, {"2020-01-10", "-10565.62"},
                          {"2020-01-10", "20000.00"}, {"2020-01-15", "-1278822.63"}});
    CHECK(loan::format_percent(loan::xirr(f)->rate, 2) == "27.61");
  }
  SECTION("eric-malachias/irr#19: the answer must not depend on the input order") {
    // https://github.com/eric-malachias/irr/issues/19
    const double a = loan::xirr(dated({{"2019-01-01", "-50000"}, {"2020-01-01", "-50000"}, {"2021-01-01", "162500"}}))->rate;
    const double b = loan::xirr(dated({{"2020-01-01", "-50000"}, {"2019-01-01", "-50000"}, {"2021-01-01", "162500"}}))->rate;
    CHECK(a == b);
    CHECK(a == Approx(0.3700795658190836).epsilon(1e-13));
  }
  SECTION("nodejs-xirr#2: withdrawals before the deposit (positive flows first)") {
    // https://github.com/RayDeCampo/nodejs-xirr/issues/2
    const auto f = dated({{"2018-01-21", "2839.2"}, {"2018-01-24", "207.7"}, {"2018-04-26", "-2526"}});
    const double r = loan::xirr(f)->rate;
    CHECK(ref_error(f, r) < 1e-14);
  }
  SECTION("tubedude/xirr#4: a near-total loss, Google Sheets −99.68%") {
    // https://github.com/tubedude/xirr/issues/4
    const double r = loan::xirr(dated({{"2014-04-15", "-10000"}, {"2014-05-15", "305.6"}, {"2014-10-19", "500"}}))->rate;
    CHECK(r == Approx(-0.996814607).epsilon(1e-8));
  }
  SECTION("java-xirr#10: 17 quarterly flows with three sign changes did not converge") {
    // https://github.com/RayDeCampo/java-xirr/issues/10
    const auto f = dated({{"2019-12-01", "-516250000"}, {"2019-12-31", "6676867.35"}, {"2020-03-31", "-23985279.65"},
                          {"2020-06-30", "-9226199.50"}, {"2020-09-30", "-4756239.03"}, {"2020-12-31", "9424601.75"},
                          {"2021-03-31", "13316322.85"}, {"2021-06-30", "42283061.51"}, {"2021-09-30", "48107917.48"},
                          {"2021-12-31", "73370583.37"}, {"2022-03-31", "78071059.19"}, {"2022-06-30", "88001127.23"},
                          {"2022-09-30", "93155837.61"}, {"2022-12-31", "98048409.57"}, {"2023-03-31", "102678843.10"},
                          {"2023-06-30", "91850303.81"}, {"2023-09-30", "36640855.30"}});
    const auto r = loan::xirr(f).value();
    CHECK(r.sign_changes == 3);
    REQUIRE(r.roots.size() == 1);
    CHECK(ref_error(f, r.rate) < 1e-13);
  }
  SECTION("java-xirr#20: deposits only after one small withdrawal: no root, an error") {
    // https://github.com/RayDeCampo/java-xirr/issues/20
    const auto f = dated({{"2015-07-15", "-275112000"}, {"2017-05-02", "-57258697.67"}, {"2017-11-10", "2577101.75"},
                          {"2018-10-10", "-2184516955.15"}, {"2019-01-29", "-660239840"}, {"2021-05-13", "-26567773295.82"}});
    CHECK_THAT(loan::xirr(f).error(), Catch::Contains("no rate above -100%"));
  }
}

TEST_CASE("XNPV at the XIRR is zero", "[loan][xirr]") {
  const auto f = dated({{"2015-05-12", "-10000"}, {"2015-08-01", "3000"}, {"2016-02-29", "4000"}, {"2016-12-31", "4000"}});
  const double r = loan::xirr(f)->rate;
  CHECK(std::fabs(loan::xnpv(r, f)) < 1e-8);
}
