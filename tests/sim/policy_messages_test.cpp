// Policy, scenario and assumptions mistakes as catalog messages (sim/json_reader.hpp
// JsonErrors): the English is byte for byte what `finlab sim` printed before
// the catalog (the CLI's default and its golden text), the Chinese has no
// English words left apart from the JSON path and the quoted values, and the
// messages a caller receives (`why`) say the same as the English error.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/json_reader.hpp"
#include "sim/policy.hpp"
#include "sim/scenario.hpp"
#include "tests/test_files.hpp"

using namespace finlab;
using namespace finlab::sim;

namespace {

using nlohmann::json;

json baseline() { return json::parse(finlab::test::slurp(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json")); }

std::string with(const std::string& pointer, const json& value) {
  json j = baseline();
  j[json::json_pointer(pointer)] = value;
  return j.dump();
}

struct Parsed {
  std::string error;  // the Result's English
  JsonErrors why;
};

Parsed policy_errors(const std::string& text) {
  Parsed p;
  auto r = parse_policy(text, &p.why);
  REQUIRE_FALSE(r.ok());
  p.error = r.error();
  return p;
}

Parsed scenario_errors(const std::string& text) {
  Parsed p;
  auto r = parse_scenario(text, &p.why);
  REQUIRE_FALSE(r.ok());
  p.error = r.error();
  return p;
}

// English words left in a Chinese message once the quoted values (“…” and
// "…") are taken out; the message is rendered without its path.
std::vector<std::string> english_words(std::string zh) {
  static const std::regex quoted("“[^”]*”|\"[^\"]*\"");
  zh = std::regex_replace(zh, quoted, "");
  std::vector<std::string> out;
  static const std::regex word("[A-Za-z]{3,}");
  for (auto it = std::sregex_iterator(zh.begin(), zh.end(), word); it != std::sregex_iterator(); ++it) out.push_back(it->str());
  return out;
}

// Every message said in Chinese: Chinese words in it, no English ones, and
// full-width punctuation after the path.
void check_chinese(const Parsed& p) {
  REQUIRE_FALSE(p.why.empty());
  CHECK(p.why.joined() == p.error);  // the messages say what the English error says
  for (const auto& e : p.why.items()) {
    const std::string zh = text::render(e.message, text::Lang::zh);
    INFO(e.path << " | " << zh << " | " << text::render(e.message, text::Lang::en));
    CHECK(english_words(zh).empty());
    CHECK(std::regex_search(zh, std::regex("[\xE4-\xE9][\x80-\xBF][\x80-\xBF]")));  // a CJK character
    const std::string line = e.line(text::Lang::zh);
    if (!e.path.empty()) CHECK(line.rfind(e.path + "：", 0) == 0);
  }
}

}  // namespace

TEST_CASE("Policy mistakes read in English exactly as before the catalog", "[sim][policy][errors][text]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {with("/credit/cutoff", 2000), "credit.cutoff: must be between 0 and 1000, got 2000"},
      {with("/credit/cutoff", "600"), "credit.cutoff: expected a whole number, got a string \"600\""},
      {with("/credit/terms_months", 12), "credit.terms_months: expected an array, got the number 12"},
      {with("/credit/pricing/rates_pct/1", true),
       "credit.pricing.rates_pct[1]: expected a percentage as a decimal string (e.g. \"18\" for 18%), got true"},
      {with("/credit/pricing/rates_pct/1", "abc"),
       "credit.pricing.rates_pct[1]: not a valid percentage \"abc\": invalid percent: not a decimal number: \"abc\" (expected digits, e.g. "
       "12345.67 or -0.01)"},
      {with("/credit/limits_yuan/2/1", nullptr), "credit.limits_yuan[2][1]: expected an amount in yuan (e.g. 5000 or \"5000.00\"), got null"},
      {with("/credit/limits_yuan/2/1", 5000000), "credit.limits_yuan[2][1]: must be between 0 and 1000000 yuan, got 5000000"},
      {with("/credit/min_loan_yuan", "500.123"), "credit.min_loan_yuan: not a valid amount \"500.123\": too many decimal places in \"500.123\" (at most 2)"},
      {with("/credit/score_bands", {560, 640, 600, 680}),
       "credit.score_bands[2]: inverted band: 600 is not above the previous edge 640 (score bands must ascend strictly)"},
      {with("/credit/income_bands_yuan", {3000, 10000, 5000, 20000}),
       "credit.income_bands_yuan[2]: inverted band: 5000.00 is not above the previous edge 10000.00 (income bands must ascend strictly)"},
      {with("/credit/refer_band/to", 590), "credit.refer_band.to: the refer band must end at the cutoff 600, got 590"},
      {with("/credit/pricing/rates_pct", {"0.05"}), "credit.pricing.rates_pct: expected 5 rates (one per score band, lowest first), got 1"},
      {with("/credit/pricing/rates_pct/0", "0.2"), "credit.pricing.rates_pct[0]: nominal annual rate 72.0000% exceeds rate_cap_pct 36%"},
      {with("/credit/history", {{"reject_inference", "magic"}}),
       "credit.history.reject_inference: unknown method 'magic' (none, hard_cutoff, fuzzy, parcelling, reweighting)"},
      {with("/credit/required_consents", {"gps", 5}),
       "credit.required_consents[0]: unknown consent category 'gps' (expected application, device, location, app_usage or consumption)\n"
       "credit.required_consents[1]: expected a consent category name, got the number 5"},
      {with("/platform/partners", json::array()),
       "platform.partners: list at least one partner lender (the platform's own balance sheet counts as one)"},
      {with("/fund/gross_yield_pct", "lots"), "fund.gross_yield_pct: expected \"history\" or a percentage such as \"4.8\", got \"lots\""},
      {with("/suitability", {{"class_share_pct", {"10", "25", "35", "20", "20"}}}), "suitability.class_share_pct: the shares add up to 110%, not 100%"},
      {with("/format", "finlab.plan"), "format: expected \"finlab.policy\", got \"finlab.plan\""},
      {with("/version", 2), "version: this engine reads policy version 1, got 2"},
      {with("/assumptions", {{"cure_pct", {"1", "2"}}}), "assumptions.cure_pct: expected 6 values, got 2"},
      {with("/assumptions", {{"cure_pct", {"1", "2", "3", "4", "5", "200"}}}), "assumptions.cure_pct[5]: must be between 0% and 100%, got 200%"},
      {"[1, 2]", "(top level): expected an object, got an array"},
  };
  for (const auto& [text, want] : cases) {
    INFO(want);
    const Parsed p = policy_errors(text);
    CHECK(p.error == want);
    CHECK(p.why.joined() == want);
    CHECK(p.why.joined(text::Lang::en) == want);
  }
  SECTION("an unknown key names the closest allowed key and lists them all") {
    json j = baseline();
    j["credit"]["cutof"] = 600;
    const Parsed p = policy_errors(j.dump());
    CHECK(p.error.rfind("credit.cutof: unknown key \"cutof\" (did you mean \"cutoff\"?); allowed keys: required_consents, cutoff, refer_band, ", 0) == 0);
    CHECK(p.why.items().size() == 1);
    CHECK(p.why.items()[0].path == "credit.cutof");
  }
  SECTION("a syntax error is said without a path") {
    const Parsed p = policy_errors("{\n  \"name\": \"x\",\n  \"credit\": {,}\n}");
    CHECK(p.error.rfind("line 3, column 14: invalid JSON: ", 0) == 0);
    REQUIRE(p.why.items().size() == 1);
    CHECK(p.why.items()[0].path.empty());
    CHECK(p.why.joined() == p.error);
    CHECK(p.why.joined(text::Lang::zh).rfind("第 3 行第 14 列：语法错误", 0) == 0);
  }
}

TEST_CASE("Policy mistakes read in Chinese with no English words but the path and the values", "[sim][policy][errors][text][zh]") {
  json unknown = baseline();
  unknown["credit"]["cutof"] = 600;
  json missing = baseline();
  missing["credit"].erase("cutoff");
  const std::vector<std::string> bad = {
      with("/credit/cutoff", 2000),                          // integer range
      with("/credit/cutoff", 18446744073709551615ULL),       // too large for 64 bits
      with("/credit/max_dti_pct", "2000"),                   // percent range
      with("/credit/pricing/rates_pct/1", "abc"),            // not a percentage
      with("/credit/pricing/rates_pct/1", true),             // a percentage of the wrong type
      with("/credit/limits_yuan/2/1", 5000000),              // yuan range
      with("/credit/limits_yuan/2/1", "lots"),               // not an amount
      with("/credit/limits_yuan/2/1", nullptr),              // an amount of the wrong type
      missing.dump(),                                        // missing key
      unknown.dump(),                                        // unknown key, "did you mean"
      with("/name", 5),                                      // wrong types
      with("/credit/terms_months", 12),
      with("/pnl", 5),
      with("/pnl", {{"ecl_stages", "yes"}}),
      with("/credit/cutoff", "600"),
      with("/credit/score_bands", {560, 640, 600, 680}),     // inverted bands
      with("/credit/income_bands_yuan", {3000, 10000, 5000, 20000}),
      with("/credit/refer_band/from", 620),
      with("/credit/refer_band/to", 590),
      with("/credit/provision/bucket_pd_pct", {"30", "20"}),
      with("/credit/provision/bucket_pd_pct", json::array()),
      with("/credit/limits_yuan/3", 5),                      // the matrix's shape
      with("/credit/limits_yuan/3", {1, 2}),
      with("/credit/pricing/rates_pct", {"0.05"}),
      with("/credit/pricing/rates_pct/0", "0.2"),            // above the rate cap
      with("/credit/pricing/quote", "weekly"),
      with("/credit/pricing/uncertain_caps", "maybe"),
      with("/credit/terms_months", json::array()),
      with("/credit/terms_months", {3, 3}),
      with("/credit/repayment_method", "balloon"),
      with("/credit/writeoff_dpd", 100),
      with("/credit/required_consents", {"gps", 5}),
      with("/credit/history", {{"reject_inference", "magic"}}),
      with("/credit/limit_ladder", {{"cut_below_score", 500}, {"close_below_score", 550}}),
      with("/credit/first_loan_cap_yuan", 100),
      with("/platform/partners", json::array()),
      with("/platform/partners/0/lender_type", "shadow"),
      with("/fund/gross_yield_pct", "lots"),
      with("/suitability", {{"class_share_pct", {"10.00001", "25", "35", "20", "9.99999"}}}),
      with("/suitability", {{"class_share_pct", {"10", "25"}}}),
      with("/suitability", {{"class_share_pct", {"10", "25", "35", "20", "20"}}}),
      with("/suitability", {{"offer_investment_products", {true, 1, true, true, true}}}),
      with("/suitability", {{"offer_investment_products", {true}}}),
      with("/format", "finlab.plan"),
      with("/version", 2),
      with("/assumptions", {{"cure_pct", {"1", "2"}}}),      // assumptions: array length
      with("/assumptions", {{"cure_pct", {"1", "x", "3", "4", "5", "200"}}}),
      "[1, 2]",                                              // not an object
      "{\n  \"name\": ,\n}",                                 // syntax
  };
  for (const auto& text : bad) check_chinese(policy_errors(text));

  SECTION("known answers") {
    CHECK(policy_errors(with("/credit/cutoff", 2000)).why.joined(text::Lang::zh) == "credit.cutoff：必须在 0 到 1000 之间，实际为 2000");
    CHECK(policy_errors(unknown.dump()).why.items()[0].line(text::Lang::zh).rfind("credit.cutof：未知的项“cutof”（是不是“cutoff”？）；可用的项：“required_consents”、“cutoff”", 0) == 0);
    CHECK(policy_errors(with("/credit/limits_yuan/2/1", "lots")).why.joined(text::Lang::zh) ==
          "credit.limits_yuan[2][1]：“lots”不是有效的金额（例如 10000 或 0.01，最多两位小数）");
    CHECK(policy_errors(with("/credit/cutoff", "600")).why.joined(text::Lang::zh) == "credit.cutoff：应为整数，实际为文本“600”");
    CHECK(policy_errors("[1, 2]").why.joined(text::Lang::zh) == "（整个文档）：应为对象，实际为数组");
  }
}

TEST_CASE("Scenario mistakes read the same in English and have Chinese of their own", "[sim][scenario][errors][text][zh]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"name": "x", "format": "finlab.policy"})", "format: expected \"finlab.scenario\", got \"finlab.policy\""},
      {R"({"name": "x", "version": 3})", "version: this engine reads scenario version 1, got 3"},
      {R"({"name": "x", "start": "2015-02-30"})", "start: no such date: 2015-02-30 (28 days in that month)"},
      {R"({"name": "x", "start": "1980-01-01"})", "start: year must be between 1990 and 2100"},
      {R"({"name": "x", "start": "2015-06-15"})", "start: must be the first day of a month (e.g. \"2015-06-01\"), got \"2015-06-15\""},
      {R"({"name": "x", "pd_multiplier": [{"from_month": 7, "value_pct": "150"}, {"from_month": 3, "value_pct": "200"}]})",
       "pd_multiplier[1].from_month: inverted band: month 3 is not after the previous point's month 7 (points must ascend)"},
      {R"({"name": "x", "consent_withdrawal": {"gps_pct": "10"}})",
       "consent_withdrawal.gps_pct: unknown key \"gps_pct\"; allowed keys: device_pct, location_pct, app_usage_pct, consumption_pct"},
      {R"({"pd_multiplier": [{"value_pct": "100"}]})", "name: required field is missing\npd_multiplier[0].from_month: required field is missing"},
  };
  for (const auto& [text, want] : cases) {
    INFO(want);
    const Parsed p = scenario_errors(text);
    CHECK(p.error == want);
    check_chinese(p);
  }
  CHECK(scenario_errors(R"({"name": "x", "start": "2015-02-30"})").why.joined(text::Lang::zh) == "start：“2015-02-30”不是有效的日期（例如 2015-06-01）");
  CHECK(scenario_errors(R"({"name": "x", "version": 3})").why.joined(text::Lang::zh) == "version：本程序只能读取第 1 版的情景，实际为第 3 版");
}
