// The legal-cap breaches (sim::policy_cap_breaches) and the run settings check
// (sim::check_config_message) as catalog messages: the English is byte for
// byte what `finlab sim run` printed before the catalog (check_policy_caps and
// check_config still return it), the Chinese has no English words left once
// the JSON paths, the quoted names and the caps table's legal citation are
// taken out.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/policy.hpp"
#include "sim/run.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;
using Catch::Matchers::Contains;
using time::Date;

namespace {

std::string text_of(const char* name) { return finlab::test::slurp(std::string(FINLAB_SOURCE_DIR "/assets/policies/") + name); }

// The 10%-fee, 0.0999%/day, 3-month policy of policy_caps_test.cpp.
Policy fee_policy() {
  auto j = nlohmann::json::parse(text_of("baseline-2015.json"));
  j["credit"]["pricing"]["rates_pct"] = {"0.0999", "0.0999", "0.0999", "0.0999", "0.0999"};
  j["credit"]["terms_months"] = {3};
  j["credit"]["origination_fee_pct"] = "10";
  j["credit"]["penalty_multiple_pct"] = "100";
  for (auto& p : j["platform"]["partners"]) p["lender_type"] = "microloan";
  return parse_policy(j.dump()).value();
}

// English words left in a Chinese text once the quoted values, the JSON paths
// and the caps table's source (a legal citation: "…有效；SPC 法释〔2015〕18号 Art. 26）") are taken out.
std::vector<std::string> english_words(std::string zh) {
  static const std::regex quoted("“[^”]*”|\"[^\"]*\"");
  static const std::regex path("[a-z_]+(\\[[0-9]+\\])*(\\.[a-z_]+(\\[[0-9]+\\])*)+");
  static const std::regex citation("有效；[^）]*）");
  zh = std::regex_replace(zh, quoted, "");
  zh = std::regex_replace(zh, citation, "");
  zh = std::regex_replace(zh, path, "");
  std::vector<std::string> out;
  static const std::regex word("[A-Za-z]{3,}");
  for (auto it = std::sregex_iterator(zh.begin(), zh.end(), word); it != std::sregex_iterator(); ++it) out.push_back(it->str());
  return out;
}

bool has_cjk(const std::string& s) { return std::regex_search(s, std::regex("[\xE4-\xE9][\x80-\xBF][\x80-\xBF]")); }

}  // namespace

TEST_CASE("Legal-cap breaches read in English as before and in Chinese of their own", "[sim][policy][caps][text][zh]") {
  const Policy p = fee_policy();
  const auto msgs = policy_cap_breaches(p, Date::of("2018-01-01"), 12);
  const auto lines = check_policy_caps(p, Date::of("2018-01-01"), 12);
  REQUIRE(msgs.size() == 7);
  REQUIRE(lines.size() == msgs.size());
  for (std::size_t k = 0; k < msgs.size(); ++k) {
    const std::string zh = msgs[k].line(text::Lang::zh);
    INFO(lines[k] << "\n" << zh);
    CHECK(msgs[k].line(text::Lang::en) == lines[k]);
    CHECK(english_words(zh).empty());
    CHECK(has_cjk(zh));
    CHECK(zh.rfind(msgs[k].path + "：", 0) == 0);
  }
  // The English of the old check, word for word up to the caps table's own reason.
  CHECK(lines[2].rfind("credit.pricing.rates_pct[0]: score band 0, 3 months, origination fee 10% (credit.origination_fee_pct): all-in APR "
                       "104.13% (12 x monthly IRR, PBOC 2021 No. 3) breaks a cap in force on 2018-01-01 for partner \"Own small-loan "
                       "company\" (platform.partners[1].lender_type microloan): all-in APR 104.13% is above the 36.00% cap",
                       0) == 0);
  CHECK(msgs[2].line(text::Lang::zh).rfind("credit.pricing.rates_pct[0]：评分档 0，期限 3 个月，手续费 10%（credit.origination_fee_pct）：综合年化成本 "
                                           "104.13%（月内部收益率 × 12，中国人民银行公告〔2021〕第 3 号）超出 2018-01-01 适用于合作方“Own "
                                           "small-loan company”（platform.partners[1].lender_type：小额贷款公司）的利率上限：",
                                           0) == 0);

  SECTION("a penalty rate") {
    auto j = nlohmann::json::parse(text_of("baseline-2015.json"));
    j["credit"]["pricing"]["uncertain_caps"] = "enforce";
    const auto pen = policy_cap_breaches(parse_policy(j.dump()).value(), Date::of("2016-01-01"), 12);
    REQUIRE_FALSE(pen.empty());
    CHECK(pen.front().path == "credit.penalty_multiple_pct");
    CHECK(pen.front().line(text::Lang::en) == check_policy_caps(parse_policy(j.dump()).value(), Date::of("2016-01-01"), 12).front());
    CHECK_THAT(pen.front().line(text::Lang::en),
               Catch::StartsWith("credit.penalty_multiple_pct: score band 3 (contract 16.20%): penalty rate 24.30% breaks a cap in force on "));
    const std::string zh = pen.front().line(text::Lang::zh);
    INFO(zh);
    CHECK_THAT(zh, Catch::StartsWith("credit.penalty_multiple_pct：评分档 3（合同利率 16.20%）：罚息利率 24.30% 超出 ") && Contains("规则存疑"));
    CHECK(english_words(zh).empty());
  }
}

TEST_CASE("The run settings check says its problem in English as before and in Chinese", "[sim][run][text][zh]") {
  RunConfig base;
  base.users = 1000;
  base.months = 12;
  base.history_users = 40'000;
  struct Case {
    RunConfig c;
    std::string en;
  };
  std::vector<Case> cases;
  {
    RunConfig c = base;
    c.users = 0;
    cases.push_back({c, "users must be between 1 and 200,000,000, got 0"});
  }
  {
    RunConfig c = base;
    c.months = 241;
    cases.push_back({c, "months must be between 1 and 240, got 241"});
  }
  {
    RunConfig c = base;
    c.history_users = 999;
    cases.push_back({c, "the training history must have 1,000 to 10,000,000 users, got 999"});
  }
  for (const auto& [c, en] : cases) {
    const auto m = check_config_message(c);
    REQUIRE(m);
    CHECK(text::render(*m, text::Lang::en) == en);
    CHECK(check_config(c) == en);
    const std::string zh = text::render(*m, text::Lang::zh);
    INFO(zh);
    CHECK(english_words(zh).empty());
    CHECK(has_cjk(zh));
  }
  CHECK(text::render(*check_config_message(cases[0].c), text::Lang::zh) == "用户数必须在 1 到 2 亿之间，实际为 0");

  SECTION("a policy over the caps: the heading and one indented line per breach") {
    RunConfig c = base;
    c.policy = fee_policy();
    c.scenario.start = Date::of("2018-01-01");
    const auto m = check_config_message(c);
    REQUIRE(m);
    std::string want = "the policy breaks the legal caps in force during the run (2018-01-01, 12 months):";
    for (const auto& line : check_policy_caps(c.policy, c.scenario.start, c.months)) want += "\n  " + line;
    CHECK(text::render(*m, text::Lang::en) == want);
    CHECK(check_config(c) == want);
    const std::string zh = text::render(*m, text::Lang::zh);
    INFO(zh);
    CHECK(zh.rfind("策略违反了运行期间（2018-01-01 起 12 个月）有效的法定利率上限：\n  credit.pricing.rates_pct[3]：评分档 3，", 0) == 0);
    CHECK(english_words(zh).empty());
  }
  CHECK_FALSE(check_config_message(base));
}
