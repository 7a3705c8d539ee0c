#include <catch2/catch.hpp>

#include "core/loan/rate_caps.hpp"

using namespace finlab;
using loan::CapSubject;
using loan::LenderType;
using time::Date;

namespace {

const loan::RateCapTable& table() { return loan::RateCapTable::builtin(); }

loan::CapVerdict verdict(LenderType l, CapSubject s, const char* date, double rate, std::optional<double> contract = std::nullopt) {
  return table().check(l, s, Date::of(date), rate, contract).value();
}

Result<loan::RateCapTable> parse_caps(std::string_view caps) {
  static const char* lpr = "date,lpr_1y,uncertain,source\n2019-08-20,4.25%,no,NIFC\n2020-04-20,3.85%,no,NIFC\n";
  return loan::RateCapTable::parse({"caps.csv", caps}, {"lpr.csv", lpr});
}

constexpr const char* kHeader = "lender_type,applies_to,cap,effective_from,effective_to,consequence,uncertain,source\n";

}  // namespace

TEST_CASE("The built-in caps table loads from assets/regulation", "[loan][caps]") {
  const auto& t = table();
  CHECK(t.rules().size() >= 20);
  for (const auto& r : t.rules()) {
    CHECK_FALSE(r.source.empty());
    CHECK_THAT(r.where, Catch::StartsWith("caps.csv:"));
  }
  // DOMAIN.md §2.6: 4 x the 1-year LPR of 3.85% (2020-07-20) = 15.4%.
  CHECK(t.lpr_on(Date::of("2020-07-20")).value() == money::Rate::percent("3.85"));
  // quickly-tools.com LPR history: 3.10% from 2024-10-21, 3.00% from 2025-05-20.
  CHECK(t.lpr_on(Date::of("2025-05-19")).value() == money::Rate::percent("3.10"));
  CHECK(t.lpr_on(Date::of("2025-05-20")).value() == money::Rate::percent("3.00"));
  CHECK_FALSE(t.lpr_on(Date::of("2019-08-19")));
  // The PBOC 1-year benchmark lending rate: 5.10% from 2015-05-11, 4.35% from 2015-10-24 (its last change).
  CHECK(t.benchmark_on(Date::of("2015-05-11")).value() == money::Rate::percent("5.10"));
  CHECK(t.benchmark_on(Date::of("2015-05-10")).value() == money::Rate::percent("5.35"));
  CHECK(t.benchmark_on(Date::of("2019-08-20")).value() == money::Rate::percent("4.35"));
  CHECK_FALSE(t.benchmark_on(Date::of("2008-12-22")));
}

TEST_CASE("Every rule is in force from its first day to its last, and not a day outside", "[loan][caps][boundary]") {
  // Both sides of every boundary date in the table (rules' from and to).
  const auto& t = table();
  for (const auto& r : t.rules()) {
    const auto has = [&](Date d) {
      for (const auto* x : t.in_force(r.lender, r.subject, d))
        if (x == &r) return true;
      return false;
    };
    INFO(r.where);
    CHECK_FALSE(has(r.from.plus_days(-1)));
    CHECK(has(r.from));
    if (r.to) {
      CHECK(has(*r.to));
      CHECK_FALSE(has(r.to->plus_days(1)));
    }
  }
  CHECK(t.boundary_dates().front() == Date::of("2004-01-01"));
}

TEST_CASE("Cap verdicts on both sides of the table's boundary dates", "[loan][caps][boundary]") {
  SECTION("private lending: 4 x the benchmark rate before the 2015 SPC rules, then 24%/36%, then 4 x LPR from 2020-08-20") {
    // Before the benchmark history the table holds no cap.
    CHECK_FALSE(verdict(LenderType::private_lending, CapSubject::all_in_apr, "2008-12-22", 0.30).any_cap());
    // 1991 SPC opinion: 4 x the 1-year benchmark, 4.60% from 2015-08-26 -> 18.40% on 2015-08-31.
    const auto before = verdict(LenderType::private_lending, CapSubject::all_in_apr, "2015-08-31", 0.30);
    REQUIRE(before.findings.size() == 1);
    CHECK(before.findings[0].limit == Approx(0.184).epsilon(1e-12));
    CHECK(before.breached());
    CHECK_THAT(before.findings[0].reason_en, Catch::Contains("18.40% (4.00 x the PBOC 1-year benchmark rate 4.60%)"));
    // The benchmark cut of 2015-06-28 (5.10% -> 4.85%) moves the cap from 20.40% to 19.40% on its day.
    CHECK_FALSE(verdict(LenderType::private_lending, CapSubject::all_in_apr, "2015-06-27", 0.20).breached());
    CHECK(verdict(LenderType::private_lending, CapSubject::all_in_apr, "2015-06-28", 0.20).breached());
    const auto v = verdict(LenderType::private_lending, CapSubject::all_in_apr, "2015-09-01", 0.30);
    REQUIRE(v.findings.size() == 2);
    CHECK(v.findings[0].breached);       // 24%: courts do not enforce the excess
    CHECK_FALSE(v.findings[1].breached);  // 36%: not void
    CHECK_THAT(v.findings[0].reason_en, Catch::Contains("courts do not enforce the excess"));
    CHECK_THAT(v.findings[0].reason_zh, Catch::Contains("超出部分法院不予支持"));
    // 20%: within 24% on 2020-08-19, above 4 x 3.85% = 15.4% on 2020-08-20 (DOMAIN.md §2.6).
    CHECK_FALSE(verdict(LenderType::private_lending, CapSubject::all_in_apr, "2020-08-19", 0.20).breached());
    const auto after = verdict(LenderType::private_lending, CapSubject::all_in_apr, "2020-08-20", 0.20);
    REQUIRE(after.findings.size() == 1);
    CHECK(after.findings[0].limit == Approx(0.154).epsilon(1e-12));
    CHECK(after.breached());
    CHECK_THAT(after.findings[0].reason_en, Catch::Contains("15.40% (4.00 x LPR 3.85%)"));
  }
  SECTION("private lending: every LPR change moves the 4 x LPR cap on its day") {
    // (date of change, LPR before, LPR after): lpr.csv.
    const struct { const char* day; double before, after; } changes[] = {
        {"2021-12-20", 0.0385, 0.0380}, {"2022-01-20", 0.0380, 0.0370}, {"2022-08-22", 0.0370, 0.0365},
        {"2023-06-20", 0.0365, 0.0355}, {"2023-08-21", 0.0355, 0.0345}, {"2024-07-22", 0.0345, 0.0335},
        {"2024-10-21", 0.0335, 0.0310}, {"2025-05-20", 0.0310, 0.0300}};
    for (const auto& c : changes) {
      INFO(c.day);
      const double mid = 2 * (c.before + c.after);  // between 4 x before and 4 x after
      const Date d = Date::of(c.day);
      CHECK_FALSE(table().check(LenderType::private_lending, CapSubject::all_in_apr, d.plus_days(-1), mid).value().breached());
      CHECK(table().check(LenderType::private_lending, CapSubject::all_in_apr, d, mid).value().breached());
    }
  }
  SECTION("microloan companies") {
    // Until 2015-08-31 the 2008 guidance ties microloans to 4 x the benchmark (an uncertain row).
    const auto early = verdict(LenderType::microloan, CapSubject::all_in_apr, "2015-05-12", 0.40);
    REQUIRE(early.findings.size() == 1);
    CHECK(early.findings[0].limit == Approx(0.204).epsilon(1e-12));
    CHECK(early.findings[0].rule->uncertain);
    CHECK(early.breached());
    CHECK(verdict(LenderType::microloan, CapSubject::all_in_apr, "2015-09-01", 0.40).breached());
    CHECK(verdict(LenderType::microloan, CapSubject::all_in_apr, "2017-11-30", 0.30).findings.size() == 2);
    CHECK(verdict(LenderType::microloan, CapSubject::all_in_apr, "2017-12-01", 0.30).findings.size() == 3);
    // 30%: above the private-lending 24% line until 2020-12-31; 法释〔2020〕27号 lifts it from 2021-01-01.
    CHECK(verdict(LenderType::microloan, CapSubject::all_in_apr, "2020-12-31", 0.30).breached());
    CHECK_FALSE(verdict(LenderType::microloan, CapSubject::all_in_apr, "2021-01-01", 0.30).breached());
    // 2026 guideline: 24% hard cap.
    CHECK_FALSE(verdict(LenderType::microloan, CapSubject::all_in_apr, "2025-12-31", 0.30).breached());
    CHECK(verdict(LenderType::microloan, CapSubject::all_in_apr, "2026-01-01", 0.30).breached());
    // 4 x LPR (3.00% → 12%) from 2028-01-01: 20% is within 24% the day before.
    CHECK_FALSE(verdict(LenderType::microloan, CapSubject::all_in_apr, "2027-12-31", 0.20).breached());
    const auto v = verdict(LenderType::microloan, CapSubject::all_in_apr, "2028-01-01", 0.20);
    CHECK(v.breached());
    CHECK(v.tightest()->limit == Approx(0.12).epsilon(1e-12));
  }
  SECTION("consumer finance, platform-facilitated, banks") {
    CHECK_FALSE(verdict(LenderType::consumer_finance, CapSubject::all_in_apr, "2017-11-30", 0.30).any_cap());
    CHECK_FALSE(verdict(LenderType::consumer_finance, CapSubject::all_in_apr, "2017-12-01", 0.30).breached());
    CHECK_FALSE(verdict(LenderType::consumer_finance, CapSubject::all_in_apr, "2023-12-31", 0.30).breached());
    CHECK(verdict(LenderType::consumer_finance, CapSubject::all_in_apr, "2024-01-01", 0.30).breached());
    CHECK_FALSE(verdict(LenderType::platform_facilitated, CapSubject::all_in_apr, "2025-09-30", 0.30).breached());
    CHECK(verdict(LenderType::platform_facilitated, CapSubject::all_in_apr, "2025-10-01", 0.30).breached());
    CHECK_FALSE(verdict(LenderType::bank, CapSubject::all_in_apr, "2017-11-30", 0.40).any_cap());
    CHECK(verdict(LenderType::bank, CapSubject::all_in_apr, "2017-12-01", 0.40).breached());
  }
  SECTION("penalty: contract + 50% for banks from 2004 (银发〔2003〕251号), 36% from 2017-12-01") {
    CHECK_FALSE(verdict(LenderType::bank, CapSubject::penalty, "2003-12-31", 0.27, 0.18).any_cap());
    CHECK_FALSE(verdict(LenderType::bank, CapSubject::penalty, "2004-01-01", 0.27, 0.18).breached());  // exactly 1.5 x 18%
    CHECK(verdict(LenderType::bank, CapSubject::penalty, "2004-01-01", 0.28, 0.18).breached());
    // 35% contract, 52.5% penalty: within 1.5 x contract, above 36% from 2017-12-01.
    CHECK_FALSE(verdict(LenderType::bank, CapSubject::penalty, "2017-11-30", 0.525, 0.35).breached());
    const auto v = verdict(LenderType::bank, CapSubject::penalty, "2017-12-01", 0.525, 0.35);
    CHECK(v.breached());
    CHECK_THAT(v.summary_en(), Catch::Contains("penalty rate 52.50% breaks 1 of the 2 caps"));
    CHECK_THAT(v.summary_zh(), Catch::Contains("罚息利率52.50%"));
  }
}

TEST_CASE("Caps table errors name the file, line and column", "[loan][caps][errors]") {
  CHECK(parse_caps(std::string(kHeader) + "bank,all_in_apr,36%,2017-12-01,,prohibited,no,141\n"));
  const auto bad = [](const std::string& row) { return parse_caps(std::string(kHeader) + row).error(); };
  CHECK(bad("pawnshop,all_in_apr,36%,2017-12-01,,prohibited,no,x\n") == "caps.csv:2:1: unknown lender type \"pawnshop\" (expected bank, consumer_finance, microloan, private_lending or platform_facilitated)");
  CHECK_THAT(bad("bank,fees,36%,2017-12-01,,prohibited,no,x\n"), Catch::StartsWith("caps.csv:2:6: unknown cap subject"));
  CHECK_THAT(bad("bank,all_in_apr,36,2017-12-01,,prohibited,no,x\n"), Catch::StartsWith("caps.csv:2:17: cap: expected a rate such as 24%"));
  CHECK_THAT(bad("bank,all_in_apr,36%,2017-13-01,,prohibited,no,x\n"), Catch::StartsWith("caps.csv:2:21: effective_from:"));
  CHECK_THAT(bad("bank,all_in_apr,36%,2017-12-01,2017-01-01,prohibited,no,x\n"), Catch::StartsWith("caps.csv:2:32: effective_to 2017-01-01 is before"));
  CHECK_THAT(bad("bank,all_in_apr,36%,2017-12-01,,banned,no,x\n"), Catch::StartsWith("caps.csv:2:33: consequence:"));
  CHECK_THAT(bad("bank,all_in_apr,36%,2017-12-01,,prohibited,maybe,x\n"), Catch::StartsWith("caps.csv:2:44: uncertain: expected yes or no"));
  CHECK_THAT(bad("bank,all_in_apr,36%,2017-12-01,,prohibited,no,\n"), Catch::StartsWith("caps.csv:2:47: source: every cap names its source"));
  CHECK_THAT(bad("bank,all_in_apr,36%,2017-12-01,,prohibited,no\n"), Catch::StartsWith("caps.csv:2:46: expected 8 fields, got 7"));
  CHECK_THAT(bad("bank,all_in_apr,36%,2017-12-01,,prohibited,no,\"unterminated\n"), Catch::StartsWith("caps.csv:2:47: unterminated quoted field"));
  CHECK_THAT(bad("bank,all_in_apr,4xLPR,2015-01-01,,prohibited,no,x\n"), Catch::Contains("needs the LPR on that date"));
  CHECK_THAT(parse_caps("lender,applies_to\n").error(), Catch::StartsWith("caps.csv:1:1: expected the header column \"lender_type\""));
  const auto lpr_bad = loan::RateCapTable::parse({"caps.csv", std::string(kHeader) + "bank,all_in_apr,36%,2017-12-01,,prohibited,no,x\n"},
                                                 {"lpr.csv", "date,lpr_1y,uncertain,source\n2020-04-20,3.85%,no,a\n2020-01-20,4.05%,no,b\n"});
  CHECK_THAT(lpr_bad.error(), Catch::StartsWith("lpr.csv:3:1: date 2020-01-20 is not after the previous row's 2020-04-20"));
  CHECK_THAT(bad("bank,all_in_apr,4xbenchmark,2000-01-01,,prohibited,no,x\n"),
             Catch::Contains("needs the benchmark rate on that date, and benchmark.csv starts on 2008-12-23"));
  const auto bench_bad = loan::RateCapTable::parse({"caps.csv", std::string(kHeader) + "bank,all_in_apr,36%,2017-12-01,,prohibited,no,x\n"},
                                                   {"lpr.csv", "date,lpr_1y,uncertain,source\n2020-04-20,3.85%,no,a\n"},
                                                   loan::CapTableSource{"bench.csv", "date,rate_1y,uncertain,source\n2015-10-24,4.35,no,a\n"});
  CHECK_THAT(bench_bad.error(), Catch::StartsWith("bench.csv:2:12: rate_1y: expected a percent such as 24%"));
}

TEST_CASE("Lender types parse in English and Chinese", "[loan][caps]") {
  CHECK(loan::parse_lender_type("consumer-finance").value() == LenderType::consumer_finance);
  CHECK(loan::parse_lender_type("小额贷款公司").value() == LenderType::microloan);
  CHECK_FALSE(loan::parse_lender_type("shadow_bank"));
  for (auto l : loan::all_lender_types) CHECK(loan::parse_lender_type(loan::to_string(l)).value() == l);
}
