// A target defined by repayment history (dataset.hpp, DatasetOptions::dpd_*):
// bad = ever N+ days past due within M months; immature rows dropped.
#include <catch2/catch.hpp>

#include "core/credit/csv.hpp"
#include "core/credit/dataset.hpp"

using namespace finlab::credit;

namespace {

const char* history_csv =
    "id,obs_date,income,dpd_1,dpd_2,dpd_3,dpd_4\n"
    "1,2024-01,5000,0,0,0,0\n"      // good
    "2,2024-01,3000,0,35,0,0\n"     // bad: 35 days in month 2
    "3,2024-02,7000,0,0,0,45\n"     // good within 3 months (month 4 is outside the window)
    "4,2024-03,6000,0,NA,NA,NA\n"   // immature: months 2-3 not observed, no bad month yet
    "5,2024-03,2000,40,NA,NA,NA\n"  // bad although not yet fully observed (ever bad)
    "6,2024-02,9000,0,0,29,0\n";    // good: 29 < 30

DatasetOptions dpd_options(int days = 30, int months = 3) {
  DatasetOptions o;
  o.dpd_prefix = "dpd_";
  o.dpd_days = days;
  o.dpd_months = months;
  return o;
}

}  // namespace

TEST_CASE("A dpd target: ever 30+ days past due within 3 months, immature rows dropped", "[credit][dataset][dpd]") {
  auto t = parse_csv(history_csv, "history.csv");
  REQUIRE(t.ok());
  auto ds = dataset_from_csv(*t, dpd_options());
  REQUIRE(ds.ok());
  CHECK(ds->bad == std::vector<std::uint8_t>{0, 1, 0, 1, 0});
  CHECK(ds->line == std::vector<std::size_t>{2, 3, 4, 6, 7});
  CHECK(ds->target == "ever 30+ days past due within 3 months");
  REQUIRE(ds->columns.size() == 3);  // id, obs_date, income: no dpd_k column is a feature
  CHECK(ds->columns[2].name == "income");
  CHECK(ds->notes.back() == "1 rows not yet observed for 3 months and never 30+ days past due dropped as immature (first at line 5)");
  // Four months and 45 days: row 3 is bad at month 4 only when 45+ counts and the window reaches it.
  auto four = dataset_from_csv(*t, dpd_options(45, 4));
  REQUIRE(four.ok());
  CHECK(four->bad == std::vector<std::uint8_t>{0, 0, 1, 0});  // rows 1, 2, 3, 6 (4 and 5 immature)
}

TEST_CASE("A dpd target refuses missing history columns, bad cells and a second target", "[credit][dataset][dpd]") {
  auto t = parse_csv(history_csv, "history.csv");
  REQUIRE(t.ok());
  auto five = dataset_from_csv(*t, dpd_options(30, 5));
  REQUIRE_FALSE(five.ok());
  CHECK(five.error() == "history.csv: repayment-history column 'dpd_5' not found (a 5-month window needs dpd_1 .. dpd_5)");
  auto zero = dataset_from_csv(*t, dpd_options(0, 3));
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error() == "dpd target: days past due and months must be at least 1");
  DatasetOptions both = dpd_options();
  both.target = "id";
  both.bad_values = {"1"};
  auto two = dataset_from_csv(*t, both);
  REQUIRE_FALSE(two.ok());
  CHECK(two.error() == "a target column and a repayment-history target are exclusive");
  auto never = dataset_from_csv(*t, dpd_options(90, 3));
  REQUIRE_FALSE(never.ok());
  CHECK(never.error() == "history.csv: no row is ever 90+ days past due within 3 months (nothing to learn from)");
  auto bad_cell = parse_csv("income,dpd_1\n1,0\n2,late\n", "h2.csv");
  REQUIRE(bad_cell.ok());
  auto r = dataset_from_csv(*bad_cell, dpd_options(30, 1));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "h2.csv:3: column 'dpd_1' has 'late', expected days past due (a number >= 0)");
  auto negative = parse_csv("income,dpd_1\n1,-3\n", "h3.csv");
  REQUIRE(negative.ok());
  auto n = dataset_from_csv(*negative, dpd_options(30, 1));
  REQUIRE_FALSE(n.ok());
  CHECK(n.error() == "h3.csv:2: column 'dpd_1' has '-3', expected days past due (a number >= 0)");
}
