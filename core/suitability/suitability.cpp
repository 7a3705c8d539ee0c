// Questionnaire scoring, the lowest-category rule and product matching.
#include "core/suitability/suitability.hpp"

#include <nlohmann/json.hpp>

#include "core/strict_json.hpp"

namespace finlab::suitability {

namespace detail {
std::string_view builtin_questionnaire_json();
std::string_view builtin_products_json();
}  // namespace detail

using nlohmann::json;

namespace {
[[noreturn]] void bad(const std::string& file, const std::string& path, const std::string& what) { throw Error(file + ": " + path + ": " + what); }
std::string str(const std::string& f, const json& j, const std::string& p, const char* k) {
  if (!j.is_object() || !j.contains(k) || !j.at(k).is_string()) bad(f, p + "." + k, "expected a string");
  return j.at(k).get<std::string>();
}
int integer(const std::string& f, const json& j, const std::string& p, const char* k) {
  if (!j.is_object() || !j.contains(k) || !j.at(k).is_number_integer()) bad(f, p + "." + k, "expected an integer");
  return j.at(k).get<int>();
}
std::string c(int n) { return "C" + std::to_string(n); }
std::string r(int n) { return "R" + std::to_string(n); }
}  // namespace

Result<Questionnaire> Questionnaire::parse(std::string_view text) {
  Questionnaire q;
  const std::string f = "questionnaire.json";
  try {
    auto parsed = parse_strict_json<json>(text, f);  // duplicate keys refused (core/strict_json.hpp)
    if (!parsed) return fail(parsed.error());
    const json& j = *parsed;
    q.version_ = str(f, j, "$", "version");
    if (!j.contains("bands") || !j.at("bands").is_array()) bad(f, "$.bands", "expected an array");
    int next = 0;
    for (std::size_t i = 0; i < j.at("bands").size(); ++i) {
      const json& b = j.at("bands")[i];
      const std::string p = "$.bands[" + std::to_string(i) + "]";
      Band band{integer(f, b, p, "category"), integer(f, b, p, "min_score"), integer(f, b, p, "max_score")};
      if (band.category != static_cast<int>(i) + 1) bad(f, p + ".category", "expected " + std::to_string(i + 1) + " (C1..C5 in order)");
      if (band.min_score != next || band.max_score < band.min_score) bad(f, p, "bands must cover the scores without gaps, starting at 0");
      next = band.max_score + 1;
      q.bands_.push_back(band);
    }
    if (q.bands_.size() != 5) bad(f, "$.bands", "expected 5 bands (C1..C5)");
    if (!j.contains("questions") || !j.at("questions").is_array()) bad(f, "$.questions", "expected an array");
    int max_total = 0;
    for (std::size_t i = 0; i < j.at("questions").size(); ++i) {
      const json& qj = j.at("questions")[i];
      const std::string p = "$.questions[" + std::to_string(i) + "]";
      Question qu{str(f, qj, p, "id"), str(f, qj, p, "text_en"), str(f, qj, p, "text_zh"), {}};
      if (!qj.contains("options") || !qj.at("options").is_array() || qj.at("options").empty()) bad(f, p + ".options", "expected a non-empty array");
      int max_q = 0;
      for (std::size_t k = 0; k < qj.at("options").size(); ++k) {
        const json& o = qj.at("options")[k];
        const std::string po = p + ".options[" + std::to_string(k) + "]";
        Option opt{str(f, o, po, "text_en"), str(f, o, po, "text_zh"), integer(f, o, po, "score"), o.value("lowest_category", false)};
        max_q = std::max(max_q, opt.score);
        qu.options.push_back(opt);
      }
      max_total += max_q;
      q.questions_.push_back(qu);
    }
    if (max_total > q.bands_.back().max_score) bad(f, "$.questions", "the highest possible score " + std::to_string(max_total) + " is above the last band");
  } catch (const json::exception& e) {
    return fail(f + ": " + e.what());
  } catch (const Error& e) {
    return fail(e.what());
  }
  return q;
}

const Questionnaire& Questionnaire::builtin() {
  static const Questionnaire q = parse(detail::builtin_questionnaire_json()).value();
  return q;
}

Result<Assessment> assess(const Questionnaire& q, const std::vector<int>& answers, Date as_of, const Settings& s, text::Message* why) {
  using text::Arg;
  using text::Id;
  const auto refuse = [why](text::Message m) -> Result<Assessment> {
    std::string en = text::render(m, text::Lang::en);
    if (why) *why = std::move(m);
    return fail(std::move(en));
  };
  if (answers.size() != q.questions().size())
    return refuse(text::make(Id::su_answers_count, {Arg::verbatim(std::to_string(q.questions().size())), Arg::verbatim(std::to_string(answers.size()))}));
  if (s.validity_months <= 0) return refuse(text::make(Id::su_validity, {Arg::verbatim("validity_months")}));
  Assessment a;
  a.version = q.version();
  a.assessed = as_of;
  a.expires = as_of.plus_months(s.validity_months);
  std::string lowest_en, lowest_zh;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const Question& qu = q.questions()[i];
    if (answers[i] < 0 || answers[i] >= static_cast<int>(qu.options.size()))
      return refuse(text::make(Id::su_no_option, {Arg::number(static_cast<std::int64_t>(i + 1)), Arg::verbatim(qu.id), Arg::verbatim(std::to_string(answers[i])),
                                                  Arg::verbatim(std::to_string(qu.options.size() - 1))}));
    const Option& o = qu.options[answers[i]];
    a.score += o.score;
    if (o.lowest_category) {
      a.lowest_category = true;
      lowest_en = qu.text_en + ": " + o.text_en;
      lowest_zh = qu.text_zh + "：" + o.text_zh;
    }
  }
  for (const Band& b : q.bands())
    if (a.score >= b.min_score && a.score <= b.max_score) a.category = b.category;
  const std::string banded = c(a.category);
  if (a.lowest_category) {
    a.category = 1;
    a.why_en = "score " + std::to_string(a.score) + " (band " + banded + "), but \"" + lowest_en +
               "\" puts the investor in the lowest category (最低类别, C1), who may never buy above R1 [36b][40a]";
    a.why_zh = "得分 " + std::to_string(a.score) + "，但\"" + lowest_zh + "\"属于风险承受能力最低类别（C1），不得购买高于R1的产品";
  } else {
    a.why_en = "score " + std::to_string(a.score) + " falls in " + banded + "; may buy products up to " + r(a.category) + " [36]";
    a.why_zh = "得分 " + std::to_string(a.score) + "，风险承受能力 " + banded + "，可购买 " + r(a.category) + " 及以下产品";
  }
  a.why_en += "; valid until " + a.expires.to_string();
  a.why_zh += "；有效期至 " + a.expires.to_string();
  return a;
}

Result<ProductCatalog> ProductCatalog::parse(std::string_view text) {
  ProductCatalog pc;
  const std::string f = "products.json";
  try {
    auto parsed = parse_strict_json<json>(text, f);
    if (!parsed) return fail(parsed.error());
    const json& j = *parsed;
    if (!j.contains("products") || !j.at("products").is_array()) bad(f, "$.products", "expected an array");
    for (std::size_t i = 0; i < j.at("products").size(); ++i) {
      const json& p = j.at("products")[i];
      const std::string path = "$.products[" + std::to_string(i) + "]";
      Product pr{str(f, p, path, "id"), str(f, p, path, "name_en"), str(f, p, path, "name_zh"), integer(f, p, path, "risk"), str(f, p, path, "source")};
      if (pr.risk < 1 || pr.risk > 5) bad(f, path + ".risk", "expected 1..5 (R1..R5)");
      pc.products_.push_back(pr);
    }
  } catch (const json::exception& e) {
    return fail(f + ": " + e.what());
  } catch (const Error& e) {
    return fail(e.what());
  }
  return pc;
}

const ProductCatalog& ProductCatalog::builtin() {
  static const ProductCatalog pc = parse(detail::builtin_products_json()).value();
  return pc;
}

Result<Product> ProductCatalog::product(std::string_view id) const {
  std::string known;
  for (const Product& p : products_) {
    if (p.id == id) return p;
    known += (known.empty() ? "" : ", ") + p.id;
  }
  return fail("unknown product " + std::string(id) + " (known: " + known + ")");
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::allowed: return "allowed";
    case Verdict::allowed_with_warning: return "allowed_with_warning";
    case Verdict::needs_signed_warning: return "needs_signed_warning";
    case Verdict::refused_lowest: return "refused_lowest";
    case Verdict::refused_expired: return "refused_expired";
  }
  return "?";
}

Decision check(const Assessment& a, const Product& p, Date as_of, bool warning_signed) {
  Decision d;
  const std::string pc = p.name_en + " (" + r(p.risk) + ")";
  if (as_of > a.expires) {
    d.verdict = Verdict::refused_expired;
    d.why_en = "the risk assessment of " + a.assessed.to_string() + " expired on " + a.expires.to_string() + "; assess again before buying " + pc;
    d.why_zh = "风险承受能力评估（" + a.assessed.to_string() + "）已于 " + a.expires.to_string() + " 过期，请重新评估";
    return d;
  }
  if (p.risk <= a.category) {
    d.verdict = Verdict::allowed;
    d.why_en = c(a.category) + " may buy " + pc + " [36]";
    d.why_zh = c(a.category) + " 可购买 " + p.name_zh + "（" + r(p.risk) + "）";
    return d;
  }
  if (a.lowest_category) {
    d.verdict = Verdict::refused_lowest;
    d.why_en = pc + " is above the investor's level C1, and the lowest category (最低类别) may not buy above-level products even if they insist (Art. 22) [37]";
    d.why_zh = p.name_zh + "（" + r(p.risk) + "）高于您的风险承受能力；最低类别投资者不得购买高于其风险承受能力的产品";
    return d;
  }
  d.warning_en = "Risk mismatch warning: " + pc + " is riskier than your tolerance " + c(a.category) +
                 ". You may lose more than you can bear. By signing you confirm you insist on buying it (Art. 19).";
  d.warning_zh = "风险不匹配警示函：" + p.name_zh + "（" + r(p.risk) + "）的风险等级高于您的风险承受能力（" + c(a.category) +
                 "），可能产生超出您承受能力的损失。签署即确认您坚持购买。";
  if (warning_signed) {
    d.verdict = Verdict::allowed_with_warning;
    d.why_en = pc + " is above " + c(a.category) + "; allowed because the investor signed the mismatch warning (Art. 19) [37]";
    d.why_zh = "产品风险高于 " + c(a.category) + "，投资者已签署风险不匹配警示函";
  } else {
    d.verdict = Verdict::needs_signed_warning;
    d.why_en = pc + " is above " + c(a.category) + ": the investor must sign the risk mismatch warning first (Art. 19) [37]";
    d.why_zh = "产品风险高于 " + c(a.category) + "，须先签署风险不匹配警示函";
  }
  return d;
}

}  // namespace finlab::suitability
