#include <catch2/catch.hpp>

#include <vector>

#include "core/loan/credit_line.hpp"

using namespace finlab;
using loan::LineEvent;
using loan::LineEventKind;
using money::Money;
using time::Date;

namespace {
loan::CreditLineTerms line_terms(const char* daily_pct = "0.05") {
  loan::CreditLineTerms t;
  t.daily_rate = loan::daily_rate(loan::QuotedRate::daily(money::Rate::percent(daily_pct)));
  return t;
}
LineEvent ev(const char* d, LineEventKind k, const char* a) { return {Date::of(d), k, Money::of(a)}; }
constexpr auto draw = LineEventKind::draw;
constexpr auto repay = LineEventKind::repay;
}  // namespace

TEST_CASE("A credit line charges interest from the draw day to the day before repayment", "[loan][line][golden]") {
  SECTION("DOMAIN.md §2.2(d): 5,000 for 17 days at 0.05% = 42.50") {
    const std::vector<LineEvent> e = {ev("2015-06-01", draw, "5000"), ev("2015-06-18", repay, "5042.50")};
    const auto s = loan::replay_credit_line(line_terms(), e, Date::of("2015-06-18")).value();
    CHECK(s.interest_paid.to_string() == "42.50");
    CHECK(s.principal_outstanding.is_zero());
    CHECK(s.interest_outstanding.is_zero());
    CHECK(s.days.size() == 18);
    CHECK(s.days[0].day_interest.to_string(4) == "2.5000");
    CHECK(s.days[17].day_interest.to_string(4) == "0.0000");  // repaid before the day's accrual
  }
  SECTION("DOMAIN.md §2.2(d): 10,000; 4,000 principal back on day 10; the rest on day 30 → 110.00") {
    // Interest first: the day-10 payment of 4,050 clears 50.00 interest and 4,000 principal.
    const std::vector<LineEvent> e = {ev("2015-06-01", draw, "10000"), ev("2015-06-11", repay, "4050"),
                                      ev("2015-07-01", repay, "6060")};
    const auto s = loan::replay_credit_line(line_terms(), e, Date::of("2015-07-01")).value();
    CHECK(s.interest_paid.to_string() == "110.00");
    CHECK(s.days[10].interest_paid.to_string() == "50.00");
    CHECK(s.days[10].principal_paid.to_string() == "4000.00");
    CHECK(s.days[10].principal.to_string() == "6000.00");
    CHECK(s.principal_outstanding.is_zero());
  }
  SECTION("a repayment smaller than the interest pays interest only") {
    const std::vector<LineEvent> e = {ev("2015-06-01", draw, "10000"), ev("2015-06-11", repay, "20")};
    const auto s = loan::replay_credit_line(line_terms(), e, Date::of("2015-06-11")).value();
    CHECK(s.days[10].interest_paid.to_string() == "20.00");
    CHECK(s.days[10].principal_paid.is_zero());
    CHECK(s.interest_outstanding.to_string() == "35.00");  // 30.00 left + 5.00 for day 10
  }
}

TEST_CASE("Interest accrues exactly and is rounded once, when paid", "[loan][line][rounding]") {
  // 333.33 at 0.05%: 0.166665 a day; 10 days = 1.66665 → 1.67 when paid, not 10 × 0.17.
  const std::vector<LineEvent> e = {ev("2015-06-01", draw, "333.33"), ev("2015-06-11", repay, "335.00")};
  const auto s = loan::replay_credit_line(line_terms(), e, Date::of("2015-06-11")).value();
  CHECK(s.days[0].day_interest.to_string(6) == "0.166665");
  CHECK(s.days[10].interest_paid.to_string() == "1.67");
  CHECK(s.days[10].principal.is_zero());
  CHECK(s.interest_accrued.to_string(5) == "1.66665");
}

TEST_CASE("Including the repayment day is a product option (DOMAIN.md §2.2(d) [U])", "[loan][line]") {
  loan::CreditLineTerms t = line_terms();
  t.accrue_on_repayment_day = true;
  const std::vector<LineEvent> e = {ev("2015-06-01", draw, "5000"), ev("2015-06-18", repay, "5045.00")};
  const auto s = loan::replay_credit_line(t, e, Date::of("2015-06-18")).value();
  CHECK(s.interest_paid.to_string() == "45.00");  // 18 days
  CHECK(s.principal_outstanding.is_zero());
}

TEST_CASE("Credit line errors name the event", "[loan][line][errors]") {
  loan::CreditLineTerms t = line_terms();
  t.limit = Money::of("8000");
  CHECK_THAT(loan::replay_credit_line(t, std::vector<LineEvent>{ev("2015-06-01", draw, "9000")}, Date::of("2015-06-02")).error(),
             Catch::Contains("event 1 (2015-06-01)") && Catch::Contains("above the limit 8000.00"));
  CHECK_THAT(loan::replay_credit_line(t, std::vector<LineEvent>{ev("2015-06-01", draw, "100"), ev("2015-06-02", repay, "200")}, Date::of("2015-06-02")).error(),
             Catch::Contains("event 2 (2015-06-02): repayment 200.00 is more than the 100.05 owed"));
  CHECK_THAT(loan::replay_credit_line(t, std::vector<LineEvent>{ev("2015-06-02", draw, "100"), ev("2015-06-01", repay, "50")}, Date::of("2015-06-02")).error(),
             Catch::Contains("date order"));
  CHECK_THAT(loan::replay_credit_line(t, std::vector<LineEvent>{ev("2015-06-01", draw, "0")}, Date::of("2015-06-02")).error(),
             Catch::Contains("amount must be positive"));
  CHECK_THAT(loan::replay_credit_line(t, std::vector<LineEvent>{ev("2015-06-05", draw, "10")}, Date::of("2015-06-02")).error(),
             Catch::Contains("after the end date"));
  CHECK(loan::parse_line_event_kind("还款").value() == repay);
  CHECK_FALSE(loan::parse_line_event_kind("withdraw").ok());
}
