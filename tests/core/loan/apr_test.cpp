#include <catch2/catch.hpp>

#include "core/loan/apr.hpp"

using namespace finlab;

TEST_CASE("Annualising a periodic rate: nominal and effective", "[loan][apr]") {
  const loan::AnnualizedRate a = loan::annualize(0.015, 12);
  CHECK(a.nominal == Approx(0.18).epsilon(1e-15));
  CHECK(loan::format_percent(a.effective, 4) == "19.5618");
  // DOMAIN.md §2.1: 0.05% a day compounds to 20.02% over 365 days.
  CHECK(loan::format_percent(loan::apr_effective(0.0005, 365), 2) == "20.02");
  CHECK(loan::format_percent(loan::apr_effective(0.0006, 365), 2) == "24.47");
  // Fractional periods per year use the deterministic pow: 90-day bullet at 3%.
  CHECK(loan::format_percent(loan::apr_effective(0.03, 365.0 / 90), 4) == "12.7359");
  // Tiny rates keep relative accuracy: (1 + 1e-12)^12 − 1 = 1.2000000000066e-11.
  CHECK(loan::apr_effective(1e-12, 12) == Approx(1.2000000000066e-11).epsilon(1e-14));
}

TEST_CASE("The legal cap check flags the true APR, not the quoted rate", "[loan][apr][cap]") {
  SECTION("example G: 18% quoted, 23.91% true: within 24%") {
    const auto c = loan::check_rate_cap(loan::annualize(0.019924, 12));
    CHECK(c.zone == loan::CapZone::within);
    CHECK_FALSE(c.flagged());
    CHECK_THAT(c.message, Catch::Contains("23.91%") && Catch::Contains("within the 24% cap"));
  }
  SECTION("above 24%: flagged; above 36%: over the hard line") {
    CHECK(loan::check_rate_cap(loan::annualize(0.025, 12)).zone == loan::CapZone::above_soft_cap);
    const auto hard = loan::check_rate_cap(loan::annualize(0.031, 12));
    CHECK(hard.zone == loan::CapZone::above_hard_cap);
    CHECK_THAT(hard.message, Catch::Contains("36% hard line"));
  }
  SECTION("configurable: the effective rate against 4 × LPR (15.4%)") {
    loan::RateCapPolicy p;
    p.soft_cap = money::Rate::percent("15.4");
    p.hard_cap = money::Rate::percent("24");
    p.use_effective = true;
    const auto c = loan::check_rate_cap(loan::annualize(0.0125, 12), p);  // EAR 16.08%
    CHECK(c.zone == loan::CapZone::above_soft_cap);
    CHECK(c.checked_rate == Approx(0.16075451772).epsilon(1e-9));
  }
}

TEST_CASE("Decimal formatting of rates is deterministic and never prints -0", "[loan][apr][format]") {
  CHECK(loan::format_decimal(0.125, 2) == "0.12");  // the exact binary value 0.125 ties to even
  CHECK(loan::format_decimal(-0.0001, 2) == "0.00");
  CHECK(loan::format_percent(0.18, 2) == "18.00");
  CHECK(loan::format_percent(0.015000020878343801, 4) == "1.5000");
  CHECK_THROWS(loan::format_decimal(1.0 / 0.0, 2));
}
