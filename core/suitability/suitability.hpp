// Investor suitability (投资者适当性, DOMAIN_SECURITIES.md part B): a
// questionnaire as data (assets/suitability/questionnaire.json, English and
// Chinese) scored into C1..C5, the lowest-category rule (最低类别), product
// risk levels R1..R5 (assets/suitability/products.json) and the matching rule.
//
// Rules (《证券期货投资者适当性管理办法》, in force 2017-07-01 [35]):
//   C_n may buy products up to R_n [36].
//   Above the investor's level: allowed only if the investor insists and signs
//     a special risk warning (风险不匹配警示函, Art. 19) — never for the lowest
//     category (Art. 22), which is refused.
//   An assessment expires after `validity_months` (a setting, 12 [D] [41]);
//     an expired one must be redone before any investment product.
//
// Usage:
//   const Questionnaire& q = Questionnaire::builtin();
//   Assessment a = assess(q, answers, Date::of("2017-07-03"), {}).value();
//   Decision d = check(a, ProductCatalog::builtin().product("index_fund").value(), as_of, false);
//
// Not modelled: professional investors (all finlab users are ordinary [D]),
// board access thresholds (STAR 500k yuan + 24 months, ChiNext 100k) [6][47].
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/text/messages.hpp"
#include "core/time/date.hpp"

namespace finlab::suitability {

using time::Date;

struct Option {
  std::string text_en, text_zh;
  int score = 0;
  bool lowest_category = false;
};
struct Question {
  std::string id, text_en, text_zh;
  std::vector<Option> options;
};
struct Band {
  int category = 1;  // C1..C5
  int min_score = 0, max_score = 0;
};

class Questionnaire {
public:
  static Result<Questionnaire> parse(std::string_view json_text);
  static const Questionnaire& builtin();
  const std::vector<Question>& questions() const { return questions_; }
  const std::vector<Band>& bands() const { return bands_; }
  const std::string& version() const { return version_; }

private:
  std::string version_;
  std::vector<Question> questions_;
  std::vector<Band> bands_;
};

struct Settings {
  int validity_months = 12;  // re-assessment period [D] (banks: 1 year [41])
};

struct Assessment {
  std::string version;
  Date assessed, expires;
  int score = 0;
  int category = 1;              // C1..C5
  bool lowest_category = false;  // 最低类别 (always C1)
  std::string why_en, why_zh;
};

// answers[i] = the chosen option's index for question i. Errors name the
// question ("answer 3 (debts): option 7 does not exist (0..3)").
// `why`, when given, receives the refusal as a catalog message (any language).
Result<Assessment> assess(const Questionnaire& q, const std::vector<int>& answers, Date as_of, const Settings& settings,
                          text::Message* why = nullptr);

struct Product {
  std::string id, name_en, name_zh;
  int risk = 1;  // R1..R5
  std::string source;
};

class ProductCatalog {
public:
  static Result<ProductCatalog> parse(std::string_view json_text);
  static const ProductCatalog& builtin();
  Result<Product> product(std::string_view id) const;  // "unknown product x (known: mmf, ...)"
  const std::vector<Product>& products() const { return products_; }

private:
  std::vector<Product> products_;
};

enum class Verdict {
  allowed,               // C_n >= R_n
  allowed_with_warning,  // above the level, warning signed (Art. 19)
  needs_signed_warning,  // above the level: the investor must sign the warning first
  refused_lowest,        // above the level for the lowest category (Art. 22)
  refused_expired,       // the assessment has expired: assess again
};
std::string_view to_string(Verdict v);

struct Decision {
  Verdict verdict = Verdict::allowed;
  std::string why_en, why_zh;
  std::string warning_en, warning_zh;  // the text to sign when a warning is needed
};

Decision check(const Assessment& a, const Product& p, Date as_of, bool warning_signed);

}  // namespace finlab::suitability
