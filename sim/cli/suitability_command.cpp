// `finlab suitability`: investor suitability (core/suitability).
//   questions  the questionnaire (English and Chinese) with each option's score
//   assess     score answers into C1..C5 (lowest-category rule), with expiry
//   check      may this investor buy this product (or stock)? allowed, allowed
//              with a signed warning, needs the warning, or refused (lowest
//              category, expired assessment)
// Exit codes: 0 ok (check: allowed or allowed with a signed warning), 1 when
// check does not allow the purchase or the answers are invalid, 2 usage.
#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/securities/rules.hpp"
#include "core/suitability/suitability.hpp"
#include "sim/cli/command.hpp"

namespace finlab::cli {

namespace {

using namespace finlab::suitability;
using nlohmann::json;

struct AssessArgs {
  std::string answers, date;
  int validity_months = 12;
  bool json = false;
};

std::vector<int> parse_answers(const std::string& text) {
  std::vector<int> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty() || item.size() > 3 || item.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError("--answers: expected option numbers separated by commas (e.g. 0,1,3,...), got '" + item + "'");
    out.push_back(std::stoi(item));
  }
  return out;
}

time::Date parse_date(const std::string& opt, const std::string& text) {
  auto d = time::Date::parse(text);
  if (!d) throw UsageError(opt + ": " + d.error());
  return *d;
}

Assessment run_assessment(const AssessArgs& a, const std::string& date) {
  Settings s;
  s.validity_months = a.validity_months;
  auto r = assess(Questionnaire::builtin(), parse_answers(a.answers), parse_date("--date", date), s);
  if (!r) throw InputError("--answers: " + r.error());
  return std::move(r).value();
}

json assessment_json(const Assessment& a) {
  return {{"questionnaire", a.version}, {"assessed", a.assessed.to_string()}, {"expires", a.expires.to_string()}, {"score", a.score},
          {"category", "C" + std::to_string(a.category)}, {"lowest_category", a.lowest_category}, {"may_buy_up_to", "R" + std::to_string(a.category)},
          {"why_en", a.why_en}, {"why_zh", a.why_zh}};
}

void run_questions(bool as_json) {
  json qs = json::array();
  for (const Question& q : Questionnaire::builtin().questions()) {
    json opts = json::array();
    for (const Option& o : q.options) opts.push_back({{"text_en", o.text_en}, {"text_zh", o.text_zh}, {"score", o.score}, {"lowest_category", o.lowest_category}});
    qs.push_back({{"id", q.id}, {"text_en", q.text_en}, {"text_zh", q.text_zh}, {"options", opts}});
  }
  if (as_json) {
    std::cout << json{{"version", Questionnaire::builtin().version()}, {"questions", qs}}.dump(2) << "\n";
    return;
  }
  int n = 1;
  for (const auto& q : qs) {
    std::cout << n++ << ". " << q["text_en"].get<std::string>() << " / " << q["text_zh"].get<std::string>() << "\n";
    int k = 0;
    for (const auto& o : q["options"]) std::cout << "   " << k++ << ") " << o["text_en"].get<std::string>() << " / " << o["text_zh"].get<std::string>() << "\n";
  }
}

void run_assess(const AssessArgs& a) {
  const Assessment r = run_assessment(a, a.date);
  if (a.json) std::cout << assessment_json(r).dump(2) << "\n";
  else std::cout << "C" << r.category << " (score " << r.score << ")\n" << r.why_en << "\n" << r.why_zh << "\n";
}

struct CheckArgs : AssessArgs {
  std::string assessed, product, stock;
  bool signed_warning = false;
};

// A stock's product class: ST R4, ChiNext/STAR R4, main board R3 (B2 [42c]).
std::string product_for_stock(const std::string& code) {
  auto s = securities::RuleBook::builtin().stock(code);
  if (!s) throw InputError("--stock: " + s.error());
  return std::string(securities::suitability_product_id(*s));
}

void run_check(const CheckArgs& a) {
  if (a.product.empty() == a.stock.empty()) throw UsageError("give exactly one of --product ID or --stock CODE");
  const Assessment as = run_assessment(a, a.assessed.empty() ? a.date : a.assessed);
  auto p = ProductCatalog::builtin().product(a.product.empty() ? product_for_stock(a.stock) : a.product);
  if (!p) throw UsageError("--product: " + p.error());
  const Decision d = check(as, *p, parse_date("--date", a.date), a.signed_warning);
  const bool ok = d.verdict == Verdict::allowed || d.verdict == Verdict::allowed_with_warning;
  if (a.json) {
    json j = {{"assessment", assessment_json(as)}, {"product", {{"id", p->id}, {"name_en", p->name_en}, {"name_zh", p->name_zh}, {"risk", "R" + std::to_string(p->risk)}}},
              {"verdict", to_string(d.verdict)}, {"allowed", ok}, {"why_en", d.why_en}, {"why_zh", d.why_zh}};
    if (!d.warning_en.empty()) j["warning"] = {{"en", d.warning_en}, {"zh", d.warning_zh}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << to_string(d.verdict) << "\n" << d.why_en << "\n" << d.why_zh << "\n";
    if (!d.warning_en.empty()) std::cout << "\n" << d.warning_en << "\n" << d.warning_zh << "\n";
  }
  if (!ok) throw InputError(std::string("not allowed: ") + std::string(to_string(d.verdict)));
}

}  // namespace

void register_suitability_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("suitability", "investor suitability: risk questionnaire C1..C5 and product risk levels R1..R5");
  cmd->require_subcommand(1);

  auto qj = std::make_shared<bool>(false);
  auto* q = cmd->add_subcommand("questions", "print the questionnaire (English and Chinese) and its options");
  q->add_flag("--json", *qj, "print one JSON document");
  q->callback([qj] { run_questions(*qj); });

  auto as = std::make_shared<AssessArgs>();
  auto* a = cmd->add_subcommand("assess", "score answers into C1..C5 (with the lowest-category rule) and the date it expires");
  a->add_option("--answers", as->answers, "the chosen option of each question, comma-separated (see `questions`)")->required();
  a->add_option("--date", as->date, "date of the assessment (YYYY-MM-DD)")->required();
  a->add_option("--validity-months", as->validity_months, "months until the assessment expires (default 12)")->check(CLI::Range(1, 120));
  a->add_flag("--json", as->json, "print one JSON document");
  a->callback([as] { run_assess(*as); });

  auto ck = std::make_shared<CheckArgs>();
  auto* c = cmd->add_subcommand("check", "may an investor with these answers buy a product or stock? exit 1 when not allowed");
  c->add_option("--answers", ck->answers, "the chosen option of each question, comma-separated")->required();
  c->add_option("--assessed", ck->assessed, "date of the assessment (default: --date)");
  c->add_option("--date", ck->date, "date of the purchase (YYYY-MM-DD)")->required();
  c->add_option("--validity-months", ck->validity_months, "months until the assessment expires (default 12)")->check(CLI::Range(1, 120));
  c->add_option("--product", ck->product, "product id: mmf, bond_fund, index_fund, a_share, chinext, star, st_share");
  c->add_option("--stock", ck->stock, "a stock code instead of --product (its board decides the level)");
  c->add_flag("--signed-warning", ck->signed_warning, "the investor signed the risk mismatch warning (风险不匹配警示函)");
  c->add_flag("--json", ck->json, "print one JSON document");
  c->callback([ck] { run_check(*ck); });
}

}  // namespace finlab::cli
