// Policy lab, Policy tab: the finlab.policy JSON document and the editor's
// form (each field one JSON path, docs/sim.md), validation by
// sim::parse_policy (errors carry JSON paths), templates from assets/policies.
// Deliberately not here: drawing (panel_policy_lab.cpp) and policy rules (sim/).
#include <algorithm>
#include <cctype>

#include "web/models.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

namespace {

const char* const kMethodJson[] = {"equal_installment", "equal_principal", "interest_only", "bullet"};
const char* const kMethodLabel[] = {"Equal instalments (等额本息)", "Equal principal (等额本金)", "Interest only (先息后本)",
                                    "Bullet (一次性还本付息)"};
const credit::ConsentCategory kConsentCats[4] = {credit::ConsentCategory::device, credit::ConsentCategory::location,
                                                 credit::ConsentCategory::app_usage, credit::ConsentCategory::consumption};

// A form field as a JSON value: whole numbers as numbers, anything else as
// the text typed, so sim::parse_policy reports a mistake at its path.
ojson int_or_text(const std::string& raw) {
  const std::string s = trim(raw);
  if (is_integer_text(s)) return std::stoll(s);
  return s;
}
// Amounts: whole yuan as numbers (tidy JSON), decimals as exact strings.
ojson yuan_value(const std::string& raw) { return int_or_text(raw); }
// Percentages are decimal strings ("0.05"), exactly as typed.
ojson pct_value(const std::string& raw) { return trim(raw); }

std::string text_of(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string join_list(const ojson& v) {
  if (!v.is_array()) return text_of(v);
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += text_of(v[i]);
  }
  return s;
}

const ojson* at_path(const ojson& j, std::initializer_list<const char*> keys) {
  const ojson* p = &j;
  for (const char* k : keys) {
    if (!p->is_object()) return nullptr;
    auto it = p->find(k);
    if (it == p->end()) return nullptr;
    p = &*it;
  }
  return p;
}

std::string text_at(const ojson& j, std::initializer_list<const char*> keys) {
  const ojson* p = at_path(j, keys);
  return p ? text_of(*p) : "";
}

ojson& object_at(ojson& j, const char* key) {
  if (!j.contains(key) || !j[key].is_object()) j[key] = ojson::object();
  return j[key];
}

}  // namespace

// [SECTION] policy document <-> form -----------------------------------------------

LabPolicyForm form_from_doc(const ojson& doc) {
  LabPolicyForm f;
  f.name = text_at(doc, {"name"});
  f.cutoff = text_at(doc, {"credit", "cutoff"});
  if (const ojson* r = at_path(doc, {"credit", "refer_band"}); r && r->is_object()) {
    f.refer_on = true;
    f.refer_from = text_at(*r, {"from"});
    f.refer_pct = text_at(*r, {"approve_pct"});
  } else {
    f.refer_pct = "30";
  }
  if (const ojson* rc = at_path(doc, {"credit", "required_consents"}); rc && rc->is_array()) {
    for (const auto& v : *rc) {
      if (!v.is_string()) continue;
      for (int k = 0; k < 4; ++k)
        if (v.get<std::string>() == credit::to_string(kConsentCats[k])) f.consents[k] = true;
    }
  }
  f.reapply_months = text_at(doc, {"credit", "reapply_after_decline_months"});
  f.score_bands = join_list(at_path(doc, {"credit", "score_bands"}) ? *at_path(doc, {"credit", "score_bands"}) : ojson());
  f.income_bands = join_list(at_path(doc, {"credit", "income_bands_yuan"}) ? *at_path(doc, {"credit", "income_bands_yuan"}) : ojson());
  if (const ojson* lim = at_path(doc, {"credit", "limits_yuan"}); lim && lim->is_array()) {
    for (const auto& row : *lim) {
      std::vector<std::string> r;
      if (row.is_array())
        for (const auto& v : row) r.push_back(text_of(v));
      f.limits.push_back(std::move(r));
    }
  }
  f.first_loan_cap = text_at(doc, {"credit", "first_loan_cap_yuan"});
  f.min_loan = text_at(doc, {"credit", "min_loan_yuan"});
  f.amount_step = text_at(doc, {"credit", "amount_step_yuan"});
  f.quote = text_at(doc, {"credit", "pricing", "quote"}) == "annual" ? 1 : 0;
  f.day_basis = text_at(doc, {"credit", "pricing", "day_basis"}) == "365" ? 365 : 360;
  if (const ojson* rates = at_path(doc, {"credit", "pricing", "rates_pct"}); rates && rates->is_array())
    for (const auto& v : *rates) f.rates.push_back(text_of(v));
  f.rate_cap = text_at(doc, {"credit", "pricing", "rate_cap_pct"});
  f.terms = join_list(at_path(doc, {"credit", "terms_months"}) ? *at_path(doc, {"credit", "terms_months"}) : ojson());
  const std::string m = text_at(doc, {"credit", "repayment_method"});
  for (int k = 0; k < 4; ++k) {
    std::string alt = kMethodJson[k];
    std::replace(alt.begin(), alt.end(), '_', '-');
    if (m == kMethodJson[k] || m == alt) f.method = k;
  }
  f.max_dti = text_at(doc, {"credit", "max_dti_pct"});
  f.fee = text_at(doc, {"credit", "origination_fee_pct"});
  f.penalty_multiple = text_at(doc, {"credit", "penalty_multiple_pct"});
  f.writeoff_dpd = text_at(doc, {"credit", "writeoff_dpd"});
  if (const ojson* ps = at_path(doc, {"platform", "partners"}); ps && ps->is_array()) {
    for (const auto& p : *ps) {
      LabPartnerForm pf;
      pf.name = text_at(p, {"name"});
      pf.min_score = text_at(p, {"min_score"});
      pf.funding_cost = text_at(p, {"funding_cost_pct"});
      pf.capacity = text_at(p, {"capacity_yuan_per_month"});
      pf.revenue_share = text_at(p, {"revenue_share_pct"});
      f.partners.push_back(std::move(pf));
    }
  }
  f.gross_yield = text_at(doc, {"fund", "gross_yield_pct"});
  f.fund_fee = text_at(doc, {"fund", "fee_pct"});
  f.fast_limit = text_at(doc, {"fund", "fast_redeem_limit_yuan"});
  f.boost_pct = text_at(doc, {"fund", "new_user_boost", "extra_yield_pct"});
  f.boost_days = text_at(doc, {"fund", "new_user_boost", "days"});
  f.boost_cap = text_at(doc, {"fund", "new_user_boost", "cap_yuan"});
  extra_from_doc(doc, f);
  f.json = doc.dump(2);
  return f;
}

// Writes the form's fields into the document; keys the form does not show are kept.
void form_into_doc(const LabPolicyForm& f, ojson& doc) {
  if (!doc.is_object()) doc = ojson::object();
  doc["name"] = trim(f.name);
  ojson& c = object_at(doc, "credit");
  ojson consents = ojson::array();
  for (int k = 0; k < 4; ++k)
    if (f.consents[k]) consents.push_back(std::string(credit::to_string(kConsentCats[k])));
  c["required_consents"] = consents;
  c["cutoff"] = int_or_text(f.cutoff);
  if (f.refer_on) {
    c["refer_band"] = ojson{{"from", int_or_text(f.refer_from)}, {"to", int_or_text(f.cutoff)}, {"approve_pct", pct_value(f.refer_pct)}};
  } else {
    c.erase("refer_band");
  }
  if (trim(f.reapply_months).empty()) c.erase("reapply_after_decline_months");
  else c["reapply_after_decline_months"] = int_or_text(f.reapply_months);
  ojson sb = ojson::array(), ib = ojson::array();
  for (const auto& s : split_list(f.score_bands)) sb.push_back(int_or_text(s));
  for (const auto& s : split_list(f.income_bands)) ib.push_back(yuan_value(s));
  c["score_bands"] = sb;
  c["income_bands_yuan"] = ib;
  ojson lim = ojson::array();
  for (const auto& row : f.limits) {
    ojson r = ojson::array();
    for (const auto& v : row) r.push_back(yuan_value(v));
    lim.push_back(r);
  }
  c["limits_yuan"] = lim;
  c["first_loan_cap_yuan"] = yuan_value(f.first_loan_cap);
  c["min_loan_yuan"] = yuan_value(f.min_loan);
  c["amount_step_yuan"] = yuan_value(f.amount_step);
  ojson& pr = object_at(c, "pricing");
  pr["quote"] = f.quote == 1 ? "annual" : "daily";
  pr["day_basis"] = f.day_basis;
  ojson rates = ojson::array();
  for (const auto& r : f.rates) rates.push_back(pct_value(r));
  pr["rates_pct"] = rates;
  pr["rate_cap_pct"] = pct_value(f.rate_cap);
  ojson terms = ojson::array();
  for (const auto& s : split_list(f.terms)) terms.push_back(int_or_text(s));
  c["terms_months"] = terms;
  c["repayment_method"] = kMethodJson[std::clamp(f.method, 0, 3)];
  c["max_dti_pct"] = pct_value(f.max_dti);
  c["origination_fee_pct"] = pct_value(f.fee);
  c["penalty_multiple_pct"] = pct_value(f.penalty_multiple);
  c["writeoff_dpd"] = int_or_text(f.writeoff_dpd);
  ojson& platform = object_at(doc, "platform");
  ojson partners = ojson::array();
  for (const auto& p : f.partners) {
    ojson o = ojson::object();
    o["name"] = trim(p.name);
    o["min_score"] = int_or_text(p.min_score);
    o["funding_cost_pct"] = pct_value(p.funding_cost);
    const std::string cap = trim(p.capacity);
    o["capacity_yuan_per_month"] = (cap.empty() || cap == "null") ? ojson(nullptr) : yuan_value(cap);
    o["revenue_share_pct"] = pct_value(p.revenue_share);
    partners.push_back(o);
  }
  platform["partners"] = partners;
  ojson& fund = object_at(doc, "fund");
  fund["gross_yield_pct"] = pct_value(f.gross_yield);
  fund["fee_pct"] = pct_value(f.fund_fee);
  // Empty: the T+0 limit in force on each day (core/fund's dated rule).
  if (trim(f.fast_limit).empty()) fund.erase("fast_redeem_limit_yuan");
  else fund["fast_redeem_limit_yuan"] = yuan_value(f.fast_limit);
  const bool boost = !trim(f.boost_pct).empty() || !trim(f.boost_days).empty() || !trim(f.boost_cap).empty();
  if (boost) {
    fund["new_user_boost"] = ojson{{"extra_yield_pct", pct_value(f.boost_pct)}, {"days", int_or_text(f.boost_days)}, {"cap_yuan", yuan_value(f.boost_cap)}};
  } else {
    fund.erase("new_user_boost");
  }
  extra_into_doc(f, doc);
}

// Keeps the limit matrix and the price list the shape the bands ask for:
// one row (and one price) per score band, one column per income band. New
// rows copy the row above; new columns copy the column to their left.
void fit_to_bands(LabPolicyForm& f) {
  const std::size_t rows = split_list(f.score_bands).size() + 1;
  const std::size_t cols = split_list(f.income_bands).size() + 1;
  if (f.limits.empty()) f.limits.push_back({"0"});
  while (f.limits.size() < rows) f.limits.push_back(f.limits.back());
  f.limits.resize(rows);
  for (auto& r : f.limits) {
    if (r.empty()) r.push_back("0");
    while (r.size() < cols) r.push_back(r.back());
    r.resize(cols);
  }
  if (f.rates.empty()) f.rates.push_back("0.05");
  while (f.rates.size() < rows) f.rates.push_back(f.rates.back());
  f.rates.resize(rows);
}

// [SECTION] policy editing -----------------------------------------------------------

void PolicyLabModel::set_doc(ojson doc) {
  doc_ = std::move(doc);
  form_ = form_from_doc(doc_);
  validate();
}

void PolicyLabModel::validate() {
  errors_.clear();
  policy_.reset();
  sim::JsonErrors why;
  auto p = sim::parse_policy(doc_.dump(), &why);
  if (p) policy_ = std::move(p).value();
  else if (!why.empty()) errors_ = why.items();
  else errors_.push_back({"", text::make(text::Id::name, {text::Arg::names({p.error(), ""})})});
  view_dirty_ = true;
}

bool PolicyLabModel::load_template(const std::string& name) {
  const std::string text = read_text_file(std::string(kAssets) + "/policies/" + name + ".json");
  if (text.empty()) return false;
  ojson d = ojson::parse(text, nullptr, false);
  if (d.is_discarded()) return false;
  set_doc(std::move(d));
  return true;
}

// The Policy tab's part of the view: errors by JSON path, band labels, summary.
void PolicyLabModel::build_policy(Ui& ui) {
  view_.policy_valid = policy_.has_value();
  // Each mistake in the UI's language, under its JSON path.
  const text::Lang lang = text_lang(ui.lang());
  view_.policy_errors.clear();
  view_.field_errors.clear();
  for (const auto& e : errors_) {
    view_.policy_errors.push_back(e.line(lang));
    auto& slot = view_.field_errors[e.path];
    slot += (slot.empty() ? "" : "\n") + text::render(e.message, lang);
  }
  view_.templates = templates_;
  if (view_.extra_defaults.empty()) view_.extra_defaults = extra_defaults();
  {
    // The ladder's score edges default to the cutoff and the cutoff − 40 (sim/limit_ladder.hpp).
    const std::string cut = trim(form_.cutoff);
    const bool known = is_integer_text(cut) && cut.size() < 6;
    view_.extra_defaults["credit.limit_ladder.cut_below_score"] = known ? cut : std::string();
    view_.extra_defaults["credit.limit_ladder.close_below_score"] = known ? std::to_string(std::stoi(cut) - 40) : std::string();
  }
  view_.methods.clear();
  for (const char* m : kMethodLabel) view_.methods.push_back(ui.tr(m));
  view_.score_band_labels.clear();
  view_.income_band_labels.clear();
  {
    const auto sb = split_list(form_.score_bands), ib = split_list(form_.income_bands);
    for (std::size_t i = 0; i <= sb.size(); ++i) {
      if (i == 0) view_.score_band_labels.push_back(sb.empty() ? std::string(ui.tr("all scores")) : "< " + sb[0]);
      else view_.score_band_labels.push_back(sb[i - 1] + (i < sb.size() ? "–" + sb[i] : "+"));
    }
    for (std::size_t i = 0; i <= ib.size(); ++i) {
      if (i == 0) view_.income_band_labels.push_back(ib.empty() ? std::string(ui.tr("all incomes")) : "< ¥" + ib[0]);
      else view_.income_band_labels.push_back("¥" + ib[i - 1] + (i < ib.size() ? "–" + ib[i] : "+"));
    }
  }
  if (policy_) {
    const auto& c = policy_->credit;
    view_.policy_summary = std::string(ui.tr("Valid policy")) + " \"" + policy_->name + "\": " + ui.tr("cutoff") + " " + std::to_string(c.cutoff) +
                           (c.refer_from ? std::string(", ") + ui.tr("refer from") + " " + std::to_string(*c.refer_from) : std::string()) + ", " +
                           std::to_string(c.score_bands.size() + 1) + "×" + std::to_string(c.income_bands.size() + 1) + " " + ui.tr("limit matrix") + ", " +
                           std::to_string(policy_->partners.size()) + " " + ui.tr("partners");
  } else {
    view_.policy_summary = std::to_string(errors_.size()) + " " + ui.tr("problems in the policy; runs are disabled until they are fixed.");
  }
}

}  // namespace finlab::web::lab
