// DOMAIN.md §1 worked examples A-E, reproduced to the last digit.
#include <catch2/catch.hpp>

#include "core/fund/distribution.hpp"
#include "core/fund/fund_day.hpp"
#include "core/fund/ledger.hpp"
#include "core/fund/yield.hpp"

using namespace finlab;
using money::IncomePer10k;
using money::Money;
using money::Shares;
using time::Date;
using time::DateTime;

TEST_CASE("Example A: one fund day with two share classes gives R_A 1.2932 and R_B 1.3589", "[fund][golden][fund_day]") {
  const auto spec = fund::example_fund_two_classes();
  const std::vector<fund::ClassInput> classes = {{Money::of("6000000000.00"), Shares::of("6000000000.00"), Money{}},
                                                 {Money::of("4000000000.00"), Shares::of("4000000000.00"), Money{}}};
  const auto day = fund::compute_fund_day(spec, Date::of("2015-06-01"), Money::of("1479452.05"), classes);
  CHECK(day.nav_prev.to_string() == "10000000000.00");
  CHECK(day.management_fee.to_string() == "90410.96");
  CHECK(day.custody_fee.to_string() == "27397.26");
  const auto& a = day.classes[0];
  const auto& b = day.classes[1];
  CHECK(a.sales_service_fee.to_string() == "41095.89");
  CHECK(b.sales_service_fee.to_string() == "1095.89");
  CHECK(a.gross_income.to_string() == "887671.23");
  CHECK(a.management_fee.to_string() == "54246.58");
  CHECK(a.custody_fee.to_string() == "16438.36");
  CHECK(a.net_income.to_string() == "775890.40");
  CHECK(b.gross_income.to_string() == "591780.82");
  CHECK(b.management_fee.to_string() == "36164.38");
  CHECK(b.custody_fee.to_string() == "10958.90");
  CHECK(b.net_income.to_string() == "543561.65");
  CHECK(a.income_per_10k.to_string() == "1.2932");
  CHECK(b.income_per_10k.to_string() == "1.3589");
  CHECK((b.income_per_10k - a.income_per_10k).to_string() == "0.0657");
  // What the classes can pay at the published R, and what stays in the fund.
  CHECK(a.distributable.to_string() == "775920.00");
  CHECK(a.undistributed.to_string() == "-29.60");
  CHECK((a.distributable + a.undistributed) == a.net_income);
}

TEST_CASE("Example B: the same 7 days give 4.385% simple and 4.482% compound", "[fund][golden][yield]") {
  const std::vector<IncomePer10k> r = {IncomePer10k::of("1.2012"), IncomePer10k::of("1.1987"), IncomePer10k::of("1.2050"),
                                       IncomePer10k::of("1.2050"), IncomePer10k::of("1.2050"), IncomePer10k::of("1.1950"),
                                       IncomePer10k::of("1.1998")};
  const std::span<const IncomePer10k, 7> w(r.data(), 7);
  CHECK(fund::seven_day_yield_simple(w).to_string() == "4.385");
  CHECK(fund::seven_day_yield_compound(w).to_string() == "4.482");
  CHECK(fund::seven_day_yield(w, fund::Carry::monthly).to_string() == "4.385");
  CHECK(fund::seven_day_yield(w, fund::Carry::daily).to_string() == "4.482");
}

TEST_CASE("Example C: investor income is truncated to the fen, then the remainder is redistributed", "[fund][golden][distribution]") {
  const std::vector<std::int64_t> shares = {Shares::of("15000.00").units(), Shares::of("12345.67").units(), Shares::of("70.00").units(),
                                            Shares::of("100000.00").units()};
  const auto r = IncomePer10k::of("1.2932");
  // Truncation alone (the table's "paid (去尾)" column): 1.93, 1.59, 0.00, 12.93.
  const std::int64_t truncated[] = {193, 159, 0, 1293};
  for (std::size_t i = 0; i < shares.size(); ++i) CHECK(shares[i] * r.units() / fund::sub_fen_per_fen == truncated[i]);
  // Pool 16.4773944444 -> 16.47 paid; 16.45 truncated, so 0.02 goes to the two largest
  // dropped fractions (0.0098 of 15,000 and 0.0091 of 70).
  const auto alloc = fund::allocate_income(shares, r);
  CHECK(alloc.income_fen == std::vector<std::int64_t>{194, 159, 1, 1293});
  CHECK(alloc.totals.paid.to_string() == "16.47");
  CHECK(alloc.totals.redistributed_fen == 2);
  CHECK(alloc.totals.residual_units == 73944444);  // pool 16.4773944444: 0.73944444 fen stays with the fund
  CHECK(alloc.totals.conserves());
  CHECK(fund::allocate_income_reference(shares, r).income_fen == alloc.income_fen);
}

TEST_CASE("Example D: 30 days at R 1.2012 give 1,003,609.73 daily and 1,003,603.60 monthly", "[fund][golden][distribution]") {
  const auto r = IncomePer10k::of("1.2012");
  for (auto [start, daily_end, monthly_end] : {std::tuple{"1000000.00", "1003609.73", "1003603.60"}, std::tuple{"10000.00", "10036.00", "10036.00"}}) {
    fund::FlatDistribution daily(1, fund::Carry::daily), monthly(1, fund::Carry::monthly);
    daily.share_units()[0] = Shares::of(start).units();
    monthly.share_units()[0] = Shares::of(start).units();
    for (int d = 0; d < 30; ++d) {
      daily.distribute(r);
      monthly.distribute(r);
    }
    CHECK(Shares::from_units(daily.share_units()[0]).to_string() == daily_end);
    monthly.pay_out_unpaid();
    CHECK(Shares::from_units(monthly.share_units()[0]).to_string() == monthly_end);
  }
}

namespace {
const time::TradingCalendar& cal() { return time::TradingCalendar::builtin(); }

// Runs one purchase of `amount` at `at` through the ledger with constant R and
// returns the account's daily rows.
std::vector<fund::AccountDay> one_purchase(const char* at, const char* amount, const char* r, const char* last_day) {
  std::vector<fund::Order> orders = {{"p1", 1, DateTime::of(at), fund::OrderType::purchase, Money::of(amount)}};
  const Date first = orders[0].at.date();
  std::vector<IncomePer10k> values(static_cast<std::size_t>(Date::of(last_day) - first + 1), IncomePer10k::of(r));
  const auto run = fund::run_ledger(cal(), {}, orders, fund::IncomeSeries(first, values)).value();
  std::vector<fund::AccountDay> rows;
  for (const auto& d : run.days) rows.push_back(d.accounts.at(0));
  return rows;
}
int income_days_before(const std::vector<fund::AccountDay>& rows, const char* before) {
  int n = 0;
  for (const auto& row : rows)
    if (row.date < Date::of(before) && row.income.is_positive()) ++n;
  return n;
}
}  // namespace

TEST_CASE("Example E: purchases before Dragon Boat and National Day 2015 earn the holiday only if confirmed before it", "[fund][golden][ledger]") {
  SECTION("Thu 06-18 14:59 is confirmed Fri 06-19 and earns 06-19..06-22 (4 days) by Tue 06-23") {
    const auto t = fund::order_timing(fund::OrderType::purchase, DateTime::of("2015-06-18 14:59"), cal());
    CHECK(t.confirmed_on == Date::of("2015-06-19"));
    const auto rows = one_purchase("2015-06-18 14:59", "100000.00", "1.2012", "2015-06-22");
    CHECK(income_days_before(rows, "2015-06-23") == 4);
  }
  SECTION("Fri 06-19 14:59 is confirmed Tue 06-23: no holiday income") {
    const auto t = fund::order_timing(fund::OrderType::purchase, DateTime::of("2015-06-19 14:59"), cal());
    CHECK(t.confirmed_on == Date::of("2015-06-23"));
    CHECK(income_days_before(one_purchase("2015-06-19 14:59", "100000.00", "1.2012", "2015-06-23"), "2015-06-23") == 0);
  }
  SECTION("Tue 09-29 is confirmed Wed 09-30 and earns 8 days: 100,000.00 becomes 100,096.10") {
    const auto rows = one_purchase("2015-09-29 14:00", "100000.00", "1.2012", "2015-10-07");
    CHECK(income_days_before(rows, "2015-10-08") == 8);
    CHECK(rows.back().date == Date::of("2015-10-07"));
    CHECK(rows.back().balance.to_string() == "100096.10");
    Money total;
    for (const auto& row : rows) total += row.income;
    CHECK(total.to_string() == "96.10");
  }
  SECTION("Wed 09-30 is confirmed Thu 10-08: nothing over the holiday") {
    const auto t = fund::order_timing(fund::OrderType::purchase, DateTime::of("2015-09-30 10:00"), cal());
    CHECK(t.confirmed_on == Date::of("2015-10-08"));
    CHECK(income_days_before(one_purchase("2015-09-30 10:00", "100000.00", "1.2012", "2015-10-08"), "2015-10-08") == 0);
  }
  SECTION("Redeeming Fri 06-12 before 15:00 still earns Fri, Sat and Sun; cash and the stop on Mon 06-15") {
    const auto t = fund::order_timing(fund::OrderType::redeem, DateTime::of("2015-06-12 14:00"), cal());
    CHECK(t.trade_date == Date::of("2015-06-12"));
    CHECK(t.stops_earning_on == Date::of("2015-06-15"));
    CHECK(t.funds_available_on == Date::of("2015-06-15"));
  }
}
