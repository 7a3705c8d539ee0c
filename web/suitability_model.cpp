// The browser's suitability profile: answers and the assessment date saved in
// the document "suitability" ({"answers": [..], "assessed": "YYYY-MM-DD"}); the
// assessment itself is recomputed by core/suitability on load, so the saved
// file holds no derived figure. Every panel asks check() with its own date
// (the Securities account's trading day, a Portfolio plan's start).
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "web/app_store.hpp"
#include "web/suitability_view.hpp"

namespace finlab::web {

namespace {

using suitability::Verdict;

const suitability::Questionnaire& questionnaire() { return suitability::Questionnaire::builtin(); }

}  // namespace

const char* verdict_label(Verdict v) {
  switch (v) {
    case Verdict::allowed: return "allowed";
    case Verdict::allowed_with_warning: return "allowed with the signed warning";
    case Verdict::needs_signed_warning: return "only with a signed risk warning";
    case Verdict::refused_lowest: return "refused (lowest category)";
    case Verdict::refused_expired: return "assessment expired";
  }
  return "";
}

void SuitabilityProfile::load(AppStore& store) {
  answers_.assign(questionnaire().questions().size(), -1);
  assessment_.reset();
  const auto doc = store.document("suitability");
  if (!doc) return;
  const auto j = nlohmann::json::parse(*doc, nullptr, false);
  if (!j.is_object()) return;
  if (j.contains("answers") && j["answers"].is_array())
    for (std::size_t i = 0; i < answers_.size() && i < j["answers"].size(); ++i)
      if (j["answers"][i].is_number_integer()) answers_[i] = j["answers"][i].get<int>();
  if (j.contains("assessed") && j["assessed"].is_string()) {
    auto d = time::Date::parse(j["assessed"].get<std::string>());
    if (d && complete()) (void)submit(*d);
  }
}

void SuitabilityProfile::save(AppStore& store) const {
  nlohmann::json j = {{"answers", answers_}};
  if (assessment_) j["assessed"] = assessment_->assessed.to_string();
  store.set_document("suitability", j.dump());
}

bool SuitabilityProfile::complete() const {
  if (answers_.size() != questionnaire().questions().size()) return false;
  for (int a : answers_)
    if (a < 0) return false;
  return true;
}

std::optional<text::Message> SuitabilityProfile::submit(time::Date as_of) {
  text::Message why;
  auto a = suitability::assess(questionnaire(), answers_, as_of, suitability::Settings{}, &why);
  if (!a) {
    assessment_.reset();
    return why;
  }
  assessment_ = std::move(a).value();
  return std::nullopt;
}

std::optional<suitability::Decision> SuitabilityProfile::check(const std::string& product_id, time::Date as_of, bool warning_signed) const {
  if (!assessment_) return std::nullopt;
  auto p = suitability::ProductCatalog::builtin().product(product_id);
  if (!p) throw Error(p.error());
  return suitability::check(*assessment_, *p, as_of, warning_signed);
}

SuitabilityView SuitabilityProfile::view(Ui& ui, time::Date as_of) const {
  const bool zh = ui.lang() == Lang::zh;
  SuitabilityView v;
  for (const auto& q : questionnaire().questions()) {
    QuestionView qv;
    qv.text = zh ? q.text_zh : q.text_en;
    for (const auto& o : q.options) qv.options.push_back(zh ? o.text_zh : o.text_en);
    v.questions.push_back(std::move(qv));
  }
  if (!assessment_) return v;
  const suitability::Assessment& a = *assessment_;
  if (!in_force(as_of)) {  // the questionnaire again, saying why
    v.error = zh ? "您在 " + a.assessed.to_string() + " 的风险承受能力评估已于 " + a.expires.to_string() + " 过期，请重新评估。"
                 : "Your risk assessment of " + a.assessed.to_string() + " expired on " + a.expires.to_string() + "; please assess again.";
    return v;
  }
  v.assessed = true;
  v.category = "C" + std::to_string(a.category);
  v.score = std::to_string(a.score) + " / 100";
  v.expires = a.expires.to_string();
  v.why = zh ? a.why_zh : a.why_en;
  for (const auto& p : suitability::ProductCatalog::builtin().products()) {
    const suitability::Decision d = suitability::check(a, p, as_of, false);
    ProductVerdictView pv;
    pv.product = zh ? p.name_zh : p.name_en;
    pv.level = "R" + std::to_string(p.risk);
    pv.verdict = ui.tr(verdict_label(d.verdict));
    pv.tone = d.verdict == Verdict::allowed ? 0 : d.verdict == Verdict::needs_signed_warning ? 1 : 2;
    v.products.push_back(std::move(pv));
  }
  return v;
}

nlohmann::json SuitabilityProfile::state() const {
  nlohmann::json j = {{"answers", answers_}, {"assessed", assessment_.has_value()}};
  if (assessment_) {
    const auto& a = *assessment_;
    j["assessment"] = {{"assessed", a.assessed.to_string()}, {"expires", a.expires.to_string()}, {"score", a.score},
                       {"category", "C" + std::to_string(a.category)}, {"lowest_category", a.lowest_category},
                       {"may_buy_up_to", "R" + std::to_string(a.category)}, {"why_en", a.why_en}};
  }
  return j;
}

}  // namespace finlab::web
