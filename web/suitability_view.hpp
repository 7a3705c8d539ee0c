// Suitability (投资者适当性) in the browser: the user's risk assessment, shared
// by every panel that sells an investment product (Securities, Portfolio).
// SuitabilityProfile (suitability_model.cpp) keeps the answers and the
// assessment in the browser's database and asks core/suitability; the
// questionnaire and its result are drawn by panel_suitability.cpp.
// Deliberately not here: the scoring, bands, matching and expiry rules (core).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/suitability/suitability.hpp"
#include "web/ui.hpp"

namespace finlab::web {

class AppStore;

struct QuestionView {
  std::string text;                  // in the UI language (from the questionnaire data)
  std::vector<std::string> options;  // idem
};

struct ProductVerdictView {
  std::string product;   // name in the UI language
  std::string level;     // "R3"
  std::string verdict;   // translated verdict
  int tone = 0;          // 0 allowed, 1 needs a signed warning, 2 refused
};

struct SuitabilityView {
  std::vector<QuestionView> questions;
  bool assessed = false;
  std::string category;             // "C3"
  std::string score;                // "52 / 100"
  std::string expires;              // date
  std::string why;                  // the core's reason in the UI language
  std::vector<ProductVerdictView> products;  // what this result allows
  std::string error;                // a bad answer set (core message)
};

struct SuitabilityIntents {
  bool changed = false;    // an answer was chosen
  bool submit = false;     // "See my result"
  bool reassess = false;   // "Assess again"
};

// The user's assessment, one per browser (document "suitability").
class SuitabilityProfile {
public:
  void load(AppStore& store);
  void save(AppStore& store) const;

  std::vector<int>& answers() { return answers_; }
  bool complete() const;                         // every question answered
  const suitability::Assessment* assessment() const { return assessment_ ? &*assessment_ : nullptr; }
  // An assessment in force on `as_of` (made, and not expired: core's expiry).
  bool in_force(time::Date as_of) const { return assessment_ && as_of <= assessment_->expires; }
  // Scores the answers on `as_of`; the error (in any language) names the question.
  std::optional<text::Message> submit(time::Date as_of);
  void reassess() { assessment_.reset(); }

  // The verdict for a product on `as_of`; nullopt when there is no assessment.
  std::optional<suitability::Decision> check(const std::string& product_id, time::Date as_of, bool warning_signed) const;

  SuitabilityView view(Ui& ui, time::Date as_of) const;
  nlohmann::json state() const;

private:
  std::vector<int> answers_;
  std::optional<suitability::Assessment> assessment_;
};

// The questionnaire (before the first investment product) or, once assessed,
// the result with what it allows. Widget names "<prefix>.q.<i>", ".submit",
// ".reassess".
SuitabilityIntents draw_suitability(Ui& ui, const SuitabilityView& view, SuitabilityProfile& profile, const std::string& prefix);

// The verdict text of a Decision in the UI language.
const char* verdict_label(suitability::Verdict v);

}  // namespace finlab::web
