// Known-answer tests of suitability: scores computed by hand from the option
// scores in assets/suitability/questionnaire.json (question order: capacity,
// income_source, investable_share, debts, goal, horizon, experience, products,
// attitude, max_loss, credit), bands C1 0-19 / C2 20-39 / C3 40-59 / C4 60-79 /
// C5 80-100 [40a], matching C_n <= R_n [36], Art. 19/22 of the 办法 [37].
#include <catch2/catch.hpp>
#include <tuple>

#include "core/suitability/suitability.hpp"

using namespace finlab;
using namespace finlab::suitability;
using time::Date;

namespace {
Assessment assess_on(const std::vector<int>& answers, const char* date = "2017-07-03", Settings s = {}) {
  return assess(Questionnaire::builtin(), answers, Date::of(date), s).value();
}
Product product(const char* id) { return ProductCatalog::builtin().product(id).value(); }
}  // namespace

TEST_CASE("Scores fall into the bands C1..C5 at their edges", "[suitability][score]") {
  // 0+4+2+0+2+2+0+0+0+4+5 = 19
  CHECK(assess_on({0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1}).score == 19);
  CHECK(assess_on({0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1}).category == 1);
  // 0+10+2+0+2+2+0+0+0+4+0 = 20
  CHECK(assess_on({0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0}).score == 20);
  CHECK(assess_on({0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0}).category == 2);
  // 7+10+10+2+2+0+0+4+4+0 = 39 -> C2; 4+10+10+2+2+4+0+4+4+0 = 40 -> C3
  CHECK(assess_on({0, 2, 3, 3, 0, 0, 0, 0, 1, 1, 0}).score == 39);
  CHECK(assess_on({0, 2, 3, 3, 0, 0, 0, 0, 1, 1, 0}).category == 2);
  CHECK(assess_on({0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0}).score == 40);
  CHECK(assess_on({0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0}).category == 3);
  // 10+10+10+10+10+0+0+0+4+10 = 64 -> C4
  CHECK(assess_on({0, 3, 3, 3, 3, 3, 0, 0, 0, 1, 2}).category == 4);
  // 7+10+10+10+10+10+4+4+4+10 = 79 -> C4; 10+8+10+10+10+10+4+4+4+10 = 80 -> C5
  CHECK(assess_on({0, 2, 3, 3, 3, 3, 3, 1, 1, 1, 2}).score == 79);
  CHECK(assess_on({0, 2, 3, 3, 3, 3, 3, 1, 1, 1, 2}).category == 4);
  CHECK(assess_on({0, 3, 2, 3, 3, 3, 3, 1, 1, 1, 2}).score == 80);
  CHECK(assess_on({0, 3, 2, 3, 3, 3, 3, 1, 1, 1, 2}).category == 5);
  CHECK(assess_on({0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2}).score == 100);
}

TEST_CASE("The lowest category overrides the score: no loss accepted, or no full civil capacity", "[suitability][lowest]") {
  // 10x8 + 0 (no loss) + 10 = 90 would be C5
  const Assessment no_loss = assess_on({0, 3, 3, 3, 3, 3, 3, 3, 3, 0, 2});
  CHECK(no_loss.score == 90);
  CHECK(no_loss.category == 1);
  CHECK(no_loss.lowest_category);
  CHECK_THAT(no_loss.why_en, Catch::Contains("lowest category"));
  CHECK_THAT(no_loss.why_zh, Catch::Contains("最低类别"));
  const Assessment minor = assess_on({1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2});
  CHECK(minor.category == 1);
  CHECK(minor.lowest_category);
  // An ordinary C1 (score 10) is not the lowest category.
  CHECK_FALSE(assess_on({0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}).lowest_category);
}

TEST_CASE("Product risk levels: 活期宝 R1, bond R2, index fund R3, A shares R3, ChiNext/STAR R4", "[suitability][products]") {
  CHECK(product("mmf").risk == 1);
  CHECK(product("bond_fund").risk == 2);
  CHECK(product("index_fund").risk == 3);
  CHECK(product("a_share").risk == 3);
  CHECK(product("chinext").risk == 4);
  CHECK(product("star").risk == 4);
  CHECK_THAT(ProductCatalog::builtin().product("crypto").error(), Catch::Contains("unknown product crypto (known: mmf"));
}

TEST_CASE("Matching: C_n buys up to R_n, above it needs a signed warning, never allowed for the lowest category", "[suitability][match]") {
  const Date d = Date::of("2017-08-01");
  const Assessment c3 = assess_on({0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0});
  CHECK(check(c3, product("index_fund"), d, false).verdict == Verdict::allowed);
  CHECK(check(c3, product("a_share"), d, false).verdict == Verdict::allowed);
  const Decision chinext = check(c3, product("chinext"), d, false);
  CHECK(chinext.verdict == Verdict::needs_signed_warning);
  CHECK_THAT(chinext.warning_zh, Catch::Contains("风险不匹配警示函"));
  CHECK_THAT(chinext.warning_en, Catch::Contains("Risk mismatch warning"));
  CHECK(check(c3, product("chinext"), d, true).verdict == Verdict::allowed_with_warning);

  const Assessment c1 = assess_on({0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0});
  CHECK(check(c1, product("mmf"), d, false).verdict == Verdict::allowed);
  CHECK(check(c1, product("index_fund"), d, false).verdict == Verdict::needs_signed_warning);
  CHECK(check(c1, product("index_fund"), d, true).verdict == Verdict::allowed_with_warning);

  const Assessment lowest = assess_on({0, 3, 3, 3, 3, 3, 3, 3, 3, 0, 2});
  CHECK(check(lowest, product("mmf"), d, false).verdict == Verdict::allowed);
  const Decision refused = check(lowest, product("index_fund"), d, true);
  CHECK(refused.verdict == Verdict::refused_lowest);
  CHECK(refused.warning_en.empty());
  CHECK_THAT(refused.why_en, Catch::Contains("Art. 22"));
}

TEST_CASE("An assessment expires after the validity period (a setting)", "[suitability][expiry]") {
  const Assessment a = assess_on({0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0}, "2017-07-03");
  CHECK(a.expires == Date::of("2018-07-03"));
  CHECK(check(a, product("mmf"), Date::of("2018-07-03"), false).verdict == Verdict::allowed);
  CHECK(check(a, product("mmf"), Date::of("2018-07-04"), false).verdict == Verdict::refused_expired);
  Settings two_years;
  two_years.validity_months = 24;
  CHECK(assess_on({0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0}, "2017-07-03", two_years).expires == Date::of("2019-07-03"));
}

TEST_CASE("Bad answers and bad questionnaires say what and where", "[suitability][errors]") {
  const auto& q = Questionnaire::builtin();
  CHECK_THAT(assess(q, {0, 1}, Date::of("2017-07-03"), {}).error(), Catch::Contains("expected 11 answers"));
  CHECK_THAT(assess(q, {0, 1, 3, 9, 0, 0, 1, 0, 1, 1, 0}, Date::of("2017-07-03"), {}).error(), Catch::Contains("answer 4 (debts): option 9 does not exist (0..3)"));
  CHECK_THAT(Questionnaire::parse(R"({"version":"x","bands":[{"category":1,"min_score":5,"max_score":9}]})").error(), Catch::Contains("$.bands[0]"));
  CHECK_THAT(ProductCatalog::parse(R"({"products":[{"id":"x","name_en":"x","name_zh":"x","risk":6,"source":"s"}]})").error(),
             Catch::Contains("$.products[0].risk"));
  // A key given twice is refused with its path instead of "the last one wins".
  CHECK_THAT(ProductCatalog::parse(R"({"products":[{"id":"x","name_en":"x","name_zh":"x","risk":1,"risk":5,"source":"s"}]})").error(),
             Catch::Contains("products.json: $.products[0].risk: duplicate key"));
  CHECK_THAT(Questionnaire::parse(R"({"version":"x","version":"y","bands":[]})").error(), Catch::Contains("questionnaire.json: $.version: duplicate key"));
}

TEST_CASE("A bad answer set is said in English as before and in Chinese", "[suitability][errors][text][zh]") {
  const auto& q = Questionnaire::builtin();
  Settings never;
  never.validity_months = 0;
  const std::vector<std::tuple<std::vector<int>, Settings, std::string, std::string>> cases = {
      {{0, 1}, {}, "expected 11 answers (one per question), got 2", "应有 11 个答案（每题一个），实际为 2 个"},
      {{0, 1, 3, 9, 0, 0, 1, 0, 1, 1, 0}, {}, "answer 4 (debts): option 9 does not exist (0..3)", "第 4 题（“debts”）：选项 9 不存在（可选 0 至 3）"},
      {{0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0}, never, "validity_months must be positive", "有效期（“validity_months”）必须大于零"},
  };
  for (const auto& [answers, settings, en, zh] : cases) {
    text::Message why;
    auto a = assess(q, answers, Date::of("2017-07-03"), settings, &why);
    REQUIRE_FALSE(a.ok());
    CHECK(a.error() == en);
    CHECK(text::render(why, text::Lang::en) == en);
    CHECK(text::render(why, text::Lang::zh) == zh);
  }
}
