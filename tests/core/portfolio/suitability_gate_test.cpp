// A plan with index funds is checked against the investor's profile
// (core/portfolio/suitability_gate.hpp, docs/suitability.md): index funds are
// R3 [D]; C3 may buy them; an ordinary C1 only with the signed warning
// (Art. 19); the lowest category never (Art. 22); an expired assessment is
// refused; Projection::prepare refuses with the reason.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/portfolio/plan_json.hpp"
#include "core/portfolio/projection.hpp"
#include "core/portfolio/suitability_gate.hpp"
#include "core/time/trading_calendar.hpp"

using namespace finlab;
using portfolio::InvestorProfile;

namespace {
portfolio::Plan example() {
  std::ifstream f(std::string(FINLAB_SOURCE_DIR) + "/assets/plans/csi300_monthly.json", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return portfolio::parse_plan(ss.str()).value();
}
// Answers and their score/class (finlab suitability assess, questionnaire finlab-2017-07):
const std::vector<int> kLowest = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};    // max loss "none": lowest category, 6 points
const std::vector<int> kOrdinaryC1 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};  // 10 points: C1, not the lowest category
const std::vector<int> kC3 = {0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0};          // 40 points: C3

portfolio::Plan with(const std::vector<int>& answers, const char* assessed, bool signed_warning = false) {
  portfolio::Plan p = example();
  p.investor = InvestorProfile{answers, time::Date::of(assessed), signed_warning};
  return p;
}
}  // namespace

TEST_CASE("An index-fund plan is checked against the investor's class on the plan's start", "[portfolio][suitability]") {
  using suitability::Verdict;
  SECTION("no profile: not checked (plan files without an investor)") {
    CHECK_FALSE(portfolio::check_plan_suitability(example()).checked);
    CHECK_FALSE(portfolio::plan_suitability_refusal(example()).has_value());
  }
  SECTION("C3 may buy index funds (R3)") {
    const auto s = portfolio::check_plan_suitability(with(kC3, "2015-05-20"));
    CHECK(s.checked);
    CHECK(s.assessment.category == 3);
    CHECK(s.decision.verdict == Verdict::allowed);
    CHECK(s.allowed());
  }
  SECTION("an ordinary C1 needs the signed warning, then may") {
    CHECK(portfolio::check_plan_suitability(with(kOrdinaryC1, "2015-05-20")).decision.verdict == Verdict::needs_signed_warning);
    const auto why = portfolio::plan_suitability_refusal(with(kOrdinaryC1, "2015-05-20"));
    REQUIRE(why.has_value());
    CHECK_THAT(*why, Catch::Contains("Index fund (R3) is above C1") && Catch::Contains("needs_signed_warning"));
    const auto signed_ = portfolio::check_plan_suitability(with(kOrdinaryC1, "2015-05-20", true));
    CHECK(signed_.decision.verdict == Verdict::allowed_with_warning);
    CHECK(signed_.allowed());
  }
  SECTION("the lowest category is refused even with the signed warning") {
    const auto s = portfolio::check_plan_suitability(with(kLowest, "2015-05-20", true));
    CHECK(s.assessment.lowest_category);
    CHECK(s.decision.verdict == Verdict::refused_lowest);
    CHECK_THAT(*portfolio::plan_suitability_refusal(with(kLowest, "2015-05-20", true)), Catch::Contains("lowest category"));
  }
  SECTION("an assessment older than 12 months has expired on the plan's start (2015-06-01)") {
    CHECK(portfolio::check_plan_suitability(with(kC3, "2014-06-01")).decision.verdict == Verdict::allowed);  // expires 2015-06-01
    CHECK(portfolio::check_plan_suitability(with(kC3, "2014-05-30")).decision.verdict == Verdict::refused_expired);
  }
  SECTION("a plan without index funds (only 活期宝, R1) is not checked") {
    portfolio::Plan p = with(kLowest, "2015-05-20");
    p.funds.clear();
    p.regular_investments.clear();
    p.orders.clear();
    CHECK_FALSE(portfolio::check_plan_suitability(p).checked);
  }
}

TEST_CASE("Projection::prepare refuses an unsuitable plan with the reason", "[portfolio][suitability][projection]") {
  const auto& cal = time::TradingCalendar::builtin();
  auto refused = portfolio::Projection::prepare(with(kLowest, "2015-05-20"), {10, 1, 1}, cal);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error(), Catch::StartsWith("suitability: Index fund (R3) is above the investor's level C1") && Catch::Contains("refused_lowest"));
  CHECK(portfolio::Projection::prepare(with(kC3, "2015-05-20"), {10, 1, 1}, cal).ok());
  CHECK(portfolio::Projection::prepare(with(kOrdinaryC1, "2015-05-20", true), {10, 1, 1}, cal).ok());
}

TEST_CASE("The plan file's investor profile is read strictly and round-trips", "[portfolio][suitability][plan]") {
  const std::string head = R"({"name": "x", "start": "2015-06-01", "funds": [{"id": "a"}], )";
  auto p = portfolio::parse_plan(head + R"("investor": {"answers": [0,1,3,3,0,0,1,0,1,1,0], "assessed": "2015-05-20", "signed_warning": true}})");
  REQUIRE(p.ok());
  REQUIRE(p->investor.has_value());
  CHECK(p->investor->answers == kC3);
  CHECK(p->investor->assessed == time::Date::of("2015-05-20"));
  CHECK(p->investor->signed_warning);
  auto again = portfolio::parse_plan(portfolio::plan_to_json(*p));
  REQUIRE(again.ok());
  CHECK(again->investor->answers == kC3);
  CHECK(again->investor->signed_warning);
  auto err = [&](const std::string& inv) {
    auto r = portfolio::parse_plan(head + R"("investor": )" + inv + "}");
    return r.ok() ? std::string("ok") : r.error();
  };
  CHECK_THAT(err(R"({"answers": [0, 1], "assessed": "2015-05-20"})"), Catch::Contains("$.investor.answers: expected 11 answers"));
  CHECK_THAT(err(R"({"answers": [0,1,3,3,0,0,1,0,1,1,"a"], "assessed": "2015-05-20"})"), Catch::Contains("$.investor.answers[10]: expected an option number"));
  CHECK_THAT(err(R"({"answers": [0,1,3,3,0,0,1,0,1,1,0], "assessed": "2015-02-30"})"), Catch::Contains("$.investor.assessed"));
  CHECK_THAT(err(R"({"answers": [0,1,3,3,0,0,1,0,1,1,0]})"), Catch::Contains("$.investor: missing required key `assessed`"));
  CHECK_THAT(err(R"({"answers": [0,1,3,3,0,0,1,0,1,1,0], "assessed": "2015-05-20", "signed": true})"), Catch::Contains("$.investor: unknown key `signed`"));
  CHECK_THAT(err(R"({"answers": [0,1,3,3,0,0,1,0,1,1,0], "assessed": "2015-05-20", "signed_warning": "yes"})"), Catch::Contains("$.investor.signed_warning: expected true or false"));
}
