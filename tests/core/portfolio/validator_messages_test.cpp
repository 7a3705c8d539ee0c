// The portfolio validators' reasons as catalog messages (issue #14): fee
// schedules, the NAV model, correlation matrices, Projection::prepare and a
// refused sale. The English is byte for byte the text before the catalog (the
// CLI's); the Chinese has no English word left once the quoted keys, the
// entry ("[0][1]") and the numbers are taken out.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "core/portfolio/joint_nav_model.hpp"
#include "core/portfolio/lot.hpp"
#include "core/portfolio/plan_json.hpp"
#include "core/portfolio/projection.hpp"
#include "core/portfolio/redemption_fee.hpp"
#include "core/portfolio/subscription_fee.hpp"
#include "core/time/trading_calendar.hpp"

using namespace finlab;
using money::Money;
using money::Rate;

namespace {

std::vector<std::string> english_words(std::string zh) {
  static const std::regex quoted("“[^”]*”|\"[^\"]*\"");
  zh = std::regex_replace(zh, quoted, "");
  std::vector<std::string> out;
  static const std::regex word("[A-Za-z]{3,}");
  for (auto it = std::sregex_iterator(zh.begin(), zh.end(), word); it != std::sregex_iterator(); ++it) out.push_back(it->str());
  return out;
}

// The message says `en` in English and has Chinese of its own.
void check(const std::optional<text::Message>& m, const std::string& en) {
  REQUIRE(m);
  const std::string zh = text::render(*m, text::Lang::zh);
  INFO(en << "\n" << zh);
  CHECK(text::render(*m, text::Lang::en) == en);
  CHECK(english_words(zh).empty());
  CHECK(std::regex_search(zh, std::regex("[\xE4-\xE9][\x80-\xBF][\x80-\xBF]")));
}

portfolio::Plan example() {
  std::ifstream f(std::string(FINLAB_SOURCE_DIR) + "/assets/plans/csi300_monthly.json", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return portfolio::parse_plan(ss.str()).value();
}

}  // namespace

TEST_CASE("Fee schedule problems read as before in English and have Chinese", "[portfolio][fee][errors][text][zh]") {
  using portfolio::SubscriptionFeeSchedule;
  const std::vector<std::pair<SubscriptionFeeSchedule, std::string>> subs = [] {
    std::vector<std::pair<SubscriptionFeeSchedule, std::string>> v;
    SubscriptionFeeSchedule s;
    v.push_back({s, "no tiers"});
    s.tiers = {{Money::of("100.00"), Rate::percent("1"), std::nullopt}};
    v.push_back({s, "tier 1: the last tier must have no upper bound (`below`)"});
    s.tiers = {{Money::of("100.00"), Rate::percent("1"), std::nullopt}, {Money::of("50.00"), Rate::percent("1"), std::nullopt},
               {std::nullopt, Rate::percent("1"), std::nullopt}};
    v.push_back({s, "tier 2: `below` 50.00 is not above tier 1's 100.00"});
    s.tiers = {{std::nullopt, Rate::percent("1"), Money::of("1.00")}};
    v.push_back({s, "tier 1: give exactly one of a rate or a flat fee"});
    s.tiers = {{std::nullopt, Rate::percent("100"), std::nullopt}};
    v.push_back({s, "tier 1: rate 100% is not in [0%, 100%)"});
    s.tiers = {{std::nullopt, std::nullopt, Money::of("-1.00")}};
    v.push_back({s, "tier 1: flat fee -1.00 is negative"});
    s.tiers = {{std::nullopt, Rate::percent("1"), std::nullopt}, {std::nullopt, Rate::percent("1"), std::nullopt}};
    v.push_back({s, "tier 1: only the last tier may be unbounded"});
    s.tiers = {{Money::of("0.00"), Rate::percent("1"), std::nullopt}, {std::nullopt, Rate::percent("1"), std::nullopt}};
    v.push_back({s, "tier 1: `below` 0.00 must be positive"});
    s.tiers = {{std::nullopt, Rate::percent("1"), std::nullopt}};
    s.discount = Rate::percent("120");
    v.push_back({s, "discount 120% is not in [0%, 100%]"});
    s.discount = Rate::percent("100");
    s.minimum = Money::of("-5.00");
    v.push_back({s, "minimum order -5.00 is negative"});
    return v;
  }();
  for (const auto& [s, en] : subs) {
    CHECK(s.validate() == en);
    check(s.validate_message(), en);
  }
  CHECK_FALSE(portfolio::typical_index_fund_subscription().validate_message());
  CHECK(text::render(*subs[2].first.validate_message(), text::Lang::zh) == "第 2 档：“below” 50.00 不高于第 1 档的 100.00");

  using portfolio::RedemptionFeeSchedule;
  const auto red = [](std::vector<portfolio::RedemptionTier> tiers) {
    RedemptionFeeSchedule r;
    r.tiers = std::move(tiers);
    return r;
  };
  const std::vector<std::pair<RedemptionFeeSchedule, std::string>> reds = {
      {red({}), "no tiers"},
      {red({{std::nullopt, Rate::percent("100"), Rate::percent("0")}}), "tier 1: rate 100% is not in [0%, 100%)"},
      {red({{std::nullopt, Rate::percent("1"), Rate::percent("101")}}), "tier 1: share credited to fund assets 101% is not in [0%, 100%]"},
      {red({{7, Rate::percent("1"), Rate::percent("0")}}), "tier 1: the last tier must have no bound (`held_days_below`)"},
      {red({{std::nullopt, Rate::percent("1"), Rate::percent("0")}, {std::nullopt, Rate::percent("1"), Rate::percent("0")}}),
       "tier 1: only the last tier may be unbounded"},
      {red({{0, Rate::percent("1"), Rate::percent("0")}, {std::nullopt, Rate::percent("1"), Rate::percent("0")}}),
       "tier 1: `held_days_below` 0 must be positive"},
      {red({{30, Rate::percent("1"), Rate::percent("0")}, {7, Rate::percent("1"), Rate::percent("0")}, {std::nullopt, Rate::percent("1"), Rate::percent("0")}}),
       "tier 2: `held_days_below` 7 is not above tier 1's 30"},
  };
  for (const auto& [r, en] : reds) {
    CHECK(r.validate() == en);
    check(r.validate_message(), en);
  }
  CHECK_FALSE(portfolio::typical_index_fund_redemption().validate_message());
}

TEST_CASE("NAV model problems read as before in English and have Chinese", "[portfolio][nav_model][errors][text][zh]") {
  std::vector<std::pair<portfolio::GarchNavParams, std::string>> cases;
  portfolio::GarchNavParams p;
  p.start = portfolio::Nav::of("0.0000");
  cases.push_back({p, "start NAV 0.0000 must be positive"});
  p = {};
  p.annual_return = Rate::percent("-100");
  cases.push_back({p, "annual return -100% is not in (-100%, 100%]"});
  p = {};
  p.annual_volatility = Rate::percent("250");
  cases.push_back({p, "annual volatility 250% is not in [0%, 200%]"});
  p = {};
  p.alpha = Rate::ratio("-0.1");
  cases.push_back({p, "alpha and beta must not be negative"});
  p = {};
  p.alpha = Rate::ratio("0.1");
  p.beta = Rate::ratio("0.9");
  cases.push_back({p, "alpha + beta = 1 must be below 1 (a stationary variance)"});
  p = {};
  p.dof = 2;
  cases.push_back({p, "dof 2 is not in [3, 1000] (unit variance needs more than 2 degrees of freedom)"});
  p = {};
  p.daily_limit = Rate::percent("0");
  cases.push_back({p, "daily limit 0% is not in (0%, 100%)"});
  p = {};
  p.trading_days_per_year = 365;
  cases.push_back({p, "trading days per year 365 is not in [200, 300]"});
  for (const auto& [params, en] : cases) {
    CHECK(params.validate() == en);
    check(params.validate_message(), en);
  }
  CHECK_FALSE(portfolio::GarchNavParams{}.validate_message());
}

TEST_CASE("Correlation problems name the entry in either language", "[portfolio][joint][errors][text][zh]") {
  using portfolio::correlation_factor;
  const auto problem = [](std::vector<Rate> m, std::size_t n) {
    portfolio::CorrelationProblem why;
    auto r = correlation_factor(m, n, &why);
    REQUIRE_FALSE(r.ok());
    CHECK(text::render(why.message(), text::Lang::en) == r.error());
    return std::make_pair(r.error(), why);
  };
  const auto [e1, w1] = problem({Rate::ratio("0.9"), Rate::ratio("0.5"), Rate::ratio("0.5"), Rate::ratio("1")}, 2);
  CHECK(e1 == "[0][0]: a diagonal entry must be 1, got 0.9");
  CHECK(w1.at == "[0][0]");
  CHECK(text::render(w1.message(), text::Lang::zh) == "[0][0]：对角线上的值必须为 1，实际为 0.9");
  const auto [e2, w2] = problem({Rate::ratio("1"), Rate::ratio("0.5"), Rate::ratio("0.4"), Rate::ratio("1")}, 2);
  CHECK(e2 == "[0][1]: the matrix must be symmetric: 0.5 here but 0.4 at [1][0]");
  check(w2.what, "the matrix must be symmetric: 0.5 here but 0.4 at [1][0]");
  const auto [e3, w3] = problem({Rate::ratio("1"), Rate::ratio("1.2"), Rate::ratio("1.2"), Rate::ratio("1")}, 2);
  check(w3.what, "a correlation must be in [-1, 1], got 1.2");
  const auto [e4, w4] = problem({Rate::ratio("1")}, 2);
  check(w4.what, "expected a 2x2 matrix, got 1 values");
  CHECK(w4.at.empty());
  const auto [e5, w5] = problem({Rate::ratio("1"), Rate::ratio("0.9"), Rate::ratio("-0.9"), Rate::ratio("0.9"), Rate::ratio("1"), Rate::ratio("0.9"),
                                 Rate::ratio("-0.9"), Rate::ratio("0.9"), Rate::ratio("1")},
                                3);
  CHECK(e5.rfind("row 2: the correlations are not jointly possible (the matrix is not positive semidefinite; Cholesky pivot ", 0) == 0);
  check(w5.what, e5);
}

TEST_CASE("Projection::prepare refuses in either language", "[portfolio][projection][errors][text][zh]") {
  const auto& cal = time::TradingCalendar::builtin();
  const auto refused = [&](const portfolio::Plan& plan, portfolio::ProjectionSettings s) {
    text::Message why;
    auto p = portfolio::Projection::prepare(plan, s, cal, &why);
    REQUIRE_FALSE(p.ok());
    check(why, p.error());
    return p.error();
  };
  CHECK(refused(example(), {0, 2, 1}) == "the number of paths must be at least 1");
  CHECK(refused(example(), {10'000'001, 2, 1}) == "at most 10,000,000 paths");
  CHECK(refused(example(), {10, 51, 1}) == "years must be in [1, 50], got 51");
  portfolio::Plan bad_nav = example();
  REQUIRE_FALSE(bad_nav.funds.empty());
  bad_nav.funds[0].nav_model.dof = 2;
  CHECK(refused(bad_nav, {10, 2, 1}) ==
        "fund " + bad_nav.funds[0].id + ": NAV model: dof 2 is not in [3, 1000] (unit variance needs more than 2 degrees of freedom)");
  portfolio::Plan lowest = example();
  lowest.investor = portfolio::InvestorProfile{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, time::Date::of("2015-05-20"), false};
  const std::string en = refused(lowest, {10, 1, 1});
  CHECK_THAT(en, Catch::StartsWith("suitability: Index fund (R3) is above the investor's level C1") && Catch::EndsWith("(refused_lowest)"));
}

TEST_CASE("A refused sale says why in either language", "[portfolio][lot][errors][text][zh]") {
  portfolio::LotBook book;
  const auto t = time::Date::of("2015-06-01");
  auto r = book.redeem(money::Shares::of("10.00"), portfolio::Nav::of("1.0000"), t, time::Date::of("2015-06-02"),
                       portfolio::typical_index_fund_redemption());
  REQUIRE_FALSE(r.ok());
  check(book.redeem_refusal(money::Shares::of("10.00"), t), r.error());
  CHECK(r.error() == "redeem 10.00 shares on 2015-06-01: only 0.00 confirmed shares are held");
}
