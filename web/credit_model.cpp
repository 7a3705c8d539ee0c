// Credit score model: a behaviour profile (schema order values + consent
// bits) scored by the scorecard the simulation trains for seed 2015 (the card
// `finlab sim run` uses; downloadable, so `finlab score apply` can check the
// browser's numbers), with reason codes, the exact counterfactual, the effect
// of withdrawing each consent, and the offer of the default policy
// (assets/policies/baseline-2015.json). The profile is saved in the browser's
// database until the user deletes it.
//
// [SECTION] helpers
// [SECTION] model
// [SECTION] view building
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/credit/counterfactual.hpp"
#include "core/credit/population.hpp"
#include "core/credit/reason_text.hpp"
#include "sim/policy.hpp"
#include "web/app_store.hpp"
#include "web/credit_view.hpp"
#include "web/format.hpp"
#include "web/models.hpp"
#include "web/platform.hpp"
#include "web/scoring_cache.hpp"

namespace finlab::web {

namespace {

using credit::ConsentCategory;
using credit::ConsentMask;

constexpr std::uint64_t kSeed = 2015;
constexpr std::int64_t kHistory = 40'000;  // sim::RunConfig::history_users default
constexpr const char* kPolicyPath = "/data/assets/policies/baseline-2015.json";

// [SECTION] helpers ---------------------------------------------------------------

// ---- reason codes and counterfactuals in the UI's language: the catalog
// messages of core/credit/reason_text (ranges in words), rendered here.

std::string feature_label(const credit::FeatureBinning& fb, const credit::FeatureSchema& schema, Lang lang) {
  const text::Bilingual b = credit::feature_label(fb, schema);
  return lang == Lang::zh && !b.zh.empty() ? b.zh : b.en;
}

std::string bin_text(const credit::FeatureBinning& fb, int bin, const credit::FeatureSchema& schema, Lang lang) {
  return text::render(credit::bin_words(fb, bin, schema), text_lang(lang));
}

int bin_index(const credit::FeatureBinning& fb, const std::string& label) {
  for (std::size_t i = 0; i < fb.bins.size(); ++i)
    if (fb.bins[i].label == label) return static_cast<int>(i);
  return 0;
}

std::string reason_text(const credit::Scorecard& card, const credit::FeatureSchema& schema, const credit::ReasonCode& rc, Lang lang) {
  const auto& fb = card.features[static_cast<std::size_t>(rc.feature)];
  return text::render(credit::reason_plain(fb, bin_index(fb, rc.bin_label), bin_index(fb, rc.best_label), rc.points_lost, schema), text_lang(lang));
}

std::string change_text(const credit::Scorecard& card, const credit::FeatureSchema& schema, const credit::CounterfactualChange& ch,
                        double value, Lang lang) {
  const auto& fb = card.features[static_cast<std::size_t>(ch.feature)];
  return text::render(credit::change_plain(fb, ch.from_bin, ch.to_bin, value, ch.points_gained, schema), text_lang(lang));
}

struct CategoryText {
  ConsentCategory c;
  const char* id;
  const char* title;
  const char* reads;
  const char* why;
};

const CategoryText kCategories[] = {
    {ConsentCategory::application, "application", "Application data",
     "what you type into the application: age, income band, existing debt, credit history length.",
     "the traditional basis of every credit decision; always used."},
    {ConsentCategory::device, "device", "Device & account",
     "how long your phone account and number have existed and the price tier of your phone.",
     "long-lived accounts and numbers go with stable, reachable borrowers."},
    {ConsentCategory::location, "location", "Location stability",
     "coarse night-time and daytime locations, summarised: share of nights at home, moves a year, work regularity. Never a map of where you went.",
     "a stable home and work routine goes with stable income. Sensitive data: asked separately (PIPL Art. 28)."},
    {ConsentCategory::app_usage, "app_usage", "App usage",
     "which kinds of apps you use and how often (finance apps, lending apps, late-night use, installs); never their content.",
     "many lending apps or heavy late-night use are early signs of money stress."},
    {ConsentCategory::consumption, "consumption", "Consumption & payments",
     "bill payments, phone top-ups and spending through the phone's wallet.",
     "paying bills on time is the closest behaviour to repaying a loan. Sensitive data: financial accounts."},
};

std::string category_title(ConsentCategory c, Lang lang) {
  return lang == Lang::zh ? std::string(credit::display_name_zh(c)) : std::string(credit::display_name(c));
}

std::string categories_text(ConsentMask m, Lang lang) {
  std::string s;
  for (ConsentCategory c : credit::all_consent_categories) {
    if (!m.has(c)) continue;
    if (!s.empty()) s += lang == Lang::zh ? "、" : ", ";
    s += category_title(c, lang);
  }
  return s;
}

// A value as typed: a plain decimal number ("0.5", "12", "-1"), nothing else.
bool parse_value(const std::string& text, double& out) {
  if (text.empty() || text.size() > 24) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

// The schema's units (assets/features/schema.json), in the UI language.
const char* unit_text(const std::string& unit, Lang lang) {
  static constexpr std::pair<const char*, const char*> kUnits[] = {
      {"years", "岁"}, {"band", "档"}, {"ratio", "倍"}, {"months", "个月"}, {"tier", "档"}, {"share", "比例"},
      {"count/year", "次/年"}, {"days/month", "天/月"}, {"apps", "个应用"}, {"apps/month", "个应用/月"}, {"score", "分值"}, {"CV", "变异系数"}};
  for (const auto& [en, zh] : kUnits)
    if (unit == en) return lang == Lang::zh ? zh : en;
  return lang == Lang::zh ? "" : unit.c_str();
}

std::string pd_text(double pd) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f%%", pd * 100.0);
  return b;
}

// [SECTION] model -------------------------------------------------------------------

class CreditModel final : public PanelModel {
public:
  void load(AppContext& ctx) override {
    stored_ = false;
    sample_ = 0;
    form_ = CreditForm{};
    if (auto doc = ctx.store->document("credit.profile")) {
      const auto j = nlohmann::json::parse(*doc, nullptr, false);
      if (j.is_object() && j.contains("values") && j["values"].is_array() && j["values"].size() == schema_.size()) {
        form_.values.clear();
        for (const auto& v : j["values"]) form_.values.push_back(v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN());
        form_.consent_bits = j.value("consent", 0x1Fu);
        form_.income = j.value("income", form_.income);
        sample_ = j.value("sample", 0);
        stored_ = true;
      }
    }
    if (!stored_) load_sample(0);
    dirty_ = true;
  }

  void draw(Ui& ui, AppContext& ctx) override;
  nlohmann::json state() const override { return state_; }

private:
  void load_sample(int n);
  void commit_typed();
  ConsentMask scored_consent(ConsentMask granted, std::vector<std::string>* pending) const;
  void build(Ui& ui, AppContext& ctx);
  std::vector<double> card_values(const credit::Scorecard& card) const;
  std::string card_source_;  // where the card came from (ScoringCache::last_source)

  const credit::FeatureSchema& schema_ = credit::builtin_schema();
  CreditForm form_;
  CreditView view_;
  nlohmann::json state_ = nlohmann::json::object();
  std::optional<sim::Policy> policy_;
  std::string policy_error_;
  const sim::ScoringModel* model_ = nullptr;
  credit::Counterfactual cf_;
  Lang lang_ = Lang::en;
  int sample_ = 0;
  int frames_waited_ = 0;
  bool stored_ = false, dirty_ = true, unsaved_ = false;
};

// A synthetic user of the seed-2015 population as the starting profile. The
// categories they did not share have no values: granting one asks for them
// (nothing is invented), and the score reads a category only once all its
// values are entered.
void CreditModel::load_sample(int n) {
  sample_ = n;
  const credit::SyntheticUser u = credit::generate_user(credit::PopulationParams{}, kSeed, static_cast<std::uint64_t>(n));
  form_.values = u.values;
  form_.consent_bits = u.consent.bits();
  form_.typed.clear();
}

// Typed values (Enter or leaving the field): a number in the feature's range,
// recorded to its decimals; anything else stays typed and is explained.
void CreditModel::commit_typed() {
  for (auto it = form_.typed.begin(); it != form_.typed.end();) {
    const auto& f = schema_[static_cast<std::size_t>(it->first)];
    double x = 0;
    if (parse_value(it->second, x) && x >= f.min && x <= f.max) {
      const double scale = std::pow(10.0, f.decimals);
      form_.values[static_cast<std::size_t>(it->first)] = std::round(x * scale) / scale;
      it = form_.typed.erase(it);
    } else {
      ++it;
    }
  }
}

// The categories the score reads: granted ones whose values are all entered.
ConsentMask CreditModel::scored_consent(ConsentMask granted, std::vector<std::string>* pending) const {
  ConsentMask m = granted;
  for (ConsentCategory c : credit::all_consent_categories) {
    if (c == ConsentCategory::application || !granted.has(c)) continue;
    for (std::size_t i = 0; i < schema_.size(); ++i) {
      if (schema_[i].category == c && std::isnan(form_.values[i])) {
        m = m.without(c);
        if (pending) pending->push_back(std::string(credit::to_string(c)));
        break;
      }
    }
  }
  return m;
}

std::vector<double> CreditModel::card_values(const credit::Scorecard& card) const {
  std::vector<double> v(card.features.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t f = 0; f < card.features.size(); ++f)
    if (auto i = schema_.index_of(card.features[f].name)) v[f] = form_.values[*i];
  return v;
}

void CreditModel::draw(Ui& ui, AppContext& ctx) {
  if (!model_) {
    // Show the message for a frame, then train (or load) the card.
    if (frames_waited_++ < 2 && !ctx.scoring->has(kSeed, kHistory, ctx.store)) {
      view_.ready = false;
      view_.status = ui.tr("Training the scorecard on 40,000 synthetic users (once; kept in this browser)…");
      draw_credit_panel(ui, view_, form_);
      return;
    }
    model_ = &ctx.scoring->get(kSeed, kHistory, ctx.store);
    card_source_ = ctx.scoring->last_source();
    ctx.saved();
    if (auto p = sim::parse_policy(read_text_file(kPolicyPath))) policy_ = std::move(p).value();
    else policy_error_ = p.error();
    dirty_ = true;
  }
  if (dirty_ || lang_ != ui.lang()) build(ui, ctx);
  const CreditIntents in = draw_credit_panel(ui, view_, form_);
  if (in.next_sample) {
    load_sample(sample_ + 1);
    unsaved_ = dirty_ = true;
  }
  if (in.apply_counterfactual && (cf_.reachable || !cf_.best.empty())) {
    // Move each changed feature to the lower edge of its target bin (numeric)
    // or the first level of the target bin (ordinal/categorical).
    for (const auto& c : cf_.reachable ? cf_.changes : cf_.best) {
      const auto& fb = model_->card->features[static_cast<std::size_t>(c.feature)];
      if (auto i = schema_.index_of(fb.name)) {
        const auto& spec = schema_[*i];
        double x = c.target_lo;
        if (!std::isfinite(x)) x = spec.min;
        if (c.target_hi < x || !std::isfinite(c.target_hi)) { /* open above: lower edge is enough */ }
        const double scale = std::pow(10.0, spec.decimals);
        x = std::ceil(x * scale - 1e-9) / scale;
        form_.values[*i] = std::clamp(x, spec.min, spec.max);
      }
    }
    unsaved_ = dirty_ = true;
  }
  if (in.commit_typed) commit_typed();
  if (in.changed || in.commit_typed) unsaved_ = dirty_ = true;
  if (in.delete_data) {
    ctx.store->erase_document("credit.profile");
    ctx.saved();
    stored_ = false;
    unsaved_ = false;
    load_sample(0);
    dirty_ = true;
  } else if (unsaved_ && !in.editing) {
    nlohmann::json j;
    j["values"] = nlohmann::json::array();
    for (double v : form_.values) j["values"].push_back(std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v));
    j["consent"] = form_.consent_bits;
    j["income"] = form_.income;
    j["sample"] = sample_;
    ctx.store->set_document("credit.profile", j.dump());
    ctx.saved();
    stored_ = true;
    unsaved_ = false;
    dirty_ = true;
  }
  if (in.download_card) ctx.platform.download("finlab-scorecard-seed2015.json", "application/json", model_->card_json);
}

// [SECTION] view building -------------------------------------------------------------

void CreditModel::build(Ui& ui, AppContext&) {
  const Lang lang = ui.lang();
  lang_ = lang;
  dirty_ = false;
  const credit::Scorecard& card = *model_->card;
  const ConsentMask granted = ConsentMask::from_bits(static_cast<std::uint8_t>(form_.consent_bits));
  std::vector<std::string> pending;
  const ConsentMask consent = scored_consent(granted, &pending);
  const std::vector<double> values = card_values(card);
  const credit::ScoreResult r = card.score(consent, values, true);
  const credit::SubModel& sub = card.submodels.at(static_cast<std::size_t>(r.submodel));

  CreditView v;
  v.ready = true;
  v.gauge_score = r.score;
  v.gauge_lo = v.gauge_hi = sub.features.empty() ? sub.base_points : 0;
  for (const auto& pts : sub.points) {
    if (pts.empty()) continue;
    v.gauge_lo += *std::min_element(pts.begin(), pts.end());
    v.gauge_hi += *std::max_element(pts.begin(), pts.end());
  }
  v.band_edges = card.bands.lower;
  v.band_names = card.bands.names;
  // Profile groups.
  for (const CategoryText& ct : kCategories) {
    CreditCategoryGroup g;
    g.category = static_cast<int>(ct.c);
    g.id = ct.id;
    g.title = category_title(ct.c, lang);
    g.reads = ct.reads;
    g.why = ct.why;
    g.always = ct.c == ConsentCategory::application;
    g.granted = granted.has(ct.c);
    g.pending = g.granted && !consent.has(ct.c);
    g.used = r.categories_used.has(ct.c) && !g.always;
    for (std::size_t i = 0; i < schema_.size(); ++i) {
      const auto& f = schema_[i];
      if (f.category != ct.c) continue;
      CreditFeatureRow row;
      row.index = static_cast<int>(i);
      row.name = f.name;
      row.label = lang == Lang::zh && !f.label_zh.empty() ? f.label_zh : f.label;
      row.meaning = f.meaning;
      row.ordinal = f.type != credit::FeatureType::numeric;
      row.levels = f.levels;
      row.min = static_cast<float>(f.min);
      row.max = static_cast<float>(f.max);
      row.decimals = f.decimals;
      row.shared = g.granted;
      row.missing = std::isnan(form_.values[i]);
      char range[96];
      std::snprintf(range, sizeof range, "%.*f – %.*f %s", f.decimals, f.min, f.decimals, f.max, unit_text(f.unit, lang));
      row.hint = range;
      if (auto t = form_.typed.find(static_cast<int>(i)); t != form_.typed.end() && !t->second.empty()) {
        double x = 0;
        if (!parse_value(t->second, x) || x < f.min || x > f.max) {
          char e[160];
          std::snprintf(e, sizeof e, translate(lang, "Enter a number from %s (press Enter to use it)"), range);
          row.error = e;
        }
      }
      const int cf = card.feature_index(f.name);
      for (int k : sub.features) row.used_by_model |= k == cf;
      g.features.push_back(std::move(row));
    }
    v.groups.push_back(std::move(g));
  }

  // Figures.
  {
    Explanation ex;
    ex.title = ui.tr("Behaviour credit score");
    ex.value = std::to_string(r.score);
    ex.formula = ui.tr("score = Σ points of your bin of each feature the model reads (points = −(WoE × β + intercept ÷ n) × factor + offset ÷ n, whole points)");
    for (std::size_t k = 0; k < sub.features.size(); ++k) {
      const auto& fb = card.features[static_cast<std::size_t>(sub.features[k])];
      const int bin = fb.bin_of(values[static_cast<std::size_t>(sub.features[k])]);
      const int pts = sub.points[k][static_cast<std::size_t>(bin)];
      ex.inputs.emplace_back(feature_label(fb, schema_, lang) + (lang == Lang::zh ? "：" : ": ") + bin_text(fb, bin, schema_, lang), std::to_string(pts));
    }
    if (sub.features.empty()) ex.inputs.emplace_back(ui.tr("Base points"), std::to_string(sub.base_points));
    ex.rounding = ui.tr("Each feature's points are rounded to whole points (half away from zero); the PD uses the unrounded sum.");
    ex.source = "DOMAIN.md §3.2";
    v.figures.push_back({"credit.score", "Score", std::to_string(r.score), ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("Score band");
    ex.value = r.band_name;
    ex.formula = ui.tr("bands by lower edge: E < 540 ≤ D < 570 ≤ C < 600 ≤ B < 640 ≤ A < 680 ≤ A+");
    ex.source = "DOMAIN.md §3.7";
    v.figures.push_back({"credit.band", "Band", r.band_name, ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("Probability of default (12 months)");
    ex.value = pd_text(r.pd);
    ex.formula = ui.tr("PD = 1 ÷ (1 + odds), odds = 2^((score − offset) ÷ PDO) from the unrounded score");
    char exact[32];
    std::snprintf(exact, sizeof exact, "%.4f", r.score_exact);
    ex.inputs = {{ui.tr("Unrounded score"), exact}};
    ex.source = "DOMAIN.md §3.2";
    v.figures.push_back({"credit.pd", "PD (12 months)", pd_text(r.pd), ex});
  }
  v.categories_used = categories_text(r.categories_used, lang);
  for (const auto& rc : r.reasons) {
    v.reasons.push_back(reason_text(card, schema_, rc, lang));
    Explanation ex;
    ex.title = rc.name;
    ex.value = "−" + std::to_string(rc.points_lost);
    ex.formula = ui.tr("points lost = points of the best bin − points of your bin");
    {
      const auto& fb = card.features[static_cast<std::size_t>(rc.feature)];
      ex.title = feature_label(fb, schema_, lang);
      ex.inputs = {{ui.tr("Your bin"), bin_text(fb, bin_index(fb, rc.bin_label), schema_, lang)},
                   {ui.tr("Best bin"), bin_text(fb, bin_index(fb, rc.best_label), schema_, lang)}};
    }
    ex.source = "DOMAIN.md §3.3";
    v.reason_explain.push_back(ex);
  }

  // Counterfactual.
  cf_ = credit::counterfactual(card, consent, values);
  {
    using text::Arg;
    using text::Id;
    const text::Lang tl = text_lang(lang);
    if (cf_.already_top) {
      v.cf_title = text::render(text::make(Id::credit_cf_title_top, {}), tl);
    } else if (!cf_.reachable) {
      const text::Message then = cf_.best.empty() ? text::make(Id::credit_cf_title_nothing, {})
                                                  : text::make(Id::credit_cf_title_most, {Arg::number(cf_.best_score), Arg::number(cf_.best_score - cf_.current_score)});
      v.cf_title = text::render(text::make(Id::credit_cf_title_unreachable, {Arg::verbatim(cf_.target_band), Arg::number(cf_.target_score), Arg::of(then)}), tl);
      for (const auto& c : cf_.best) v.cf_changes.push_back(change_text(card, schema_, c, values[static_cast<std::size_t>(c.feature)], lang));
      v.cf_applicable = !cf_.best.empty();
    } else {
      v.cf_title = text::render(text::make(Id::credit_cf_title_reach, {Arg::verbatim(cf_.target_band), Arg::number(cf_.target_score)}), tl);
      for (const auto& c : cf_.changes) v.cf_changes.push_back(change_text(card, schema_, c, values[static_cast<std::size_t>(c.feature)], lang));
      v.cf_applicable = true;
    }
  }

  // Withdrawing one consent.
  nlohmann::json withdraw = nlohmann::json::object();
  for (const CategoryText& ct : kCategories) {
    if (ct.c == ConsentCategory::application || !consent.has(ct.c)) continue;
    const credit::ScoreResult w = card.score(consent.without(ct.c), values, false);
    CreditWithdrawRow row;
    row.category = category_title(ct.c, lang);
    row.id = ct.id;
    row.score = std::to_string(w.score);
    const int d = w.score - r.score;
    row.delta = (d > 0 ? "+" : "") + std::to_string(d);
    row.used = categories_text(w.categories_used, lang);
    withdraw[ct.id] = {{"score", w.score}, {"categories_used", w.categories_used.to_string()}};
    v.withdraw.push_back(std::move(row));
  }

  // The policy's offer.
  nlohmann::json offer = nlohmann::json::object();
  if (!policy_) {
    v.offer_decision = std::string(ui.tr("The default policy could not be read:")) + " " + policy_error_;
  } else {
    const sim::CreditPolicy& cp = policy_->credit;
    auto income = money::Money::parse(form_.income);
    if (!consent.contains(cp.required_consents)) {
      v.offer_decision = std::string(ui.tr("Declined: the policy requires consent to")) + " " + categories_text(cp.required_consents, lang);
    } else if (r.score < cp.cutoff) {
      v.offer_decision = std::string(ui.tr("Declined: the score is below the policy's cutoff")) + " " + std::to_string(cp.cutoff);
    } else if (!income || !income->is_positive()) {
      v.offer_decision = std::string(ui.tr("Enter a monthly income to see the limit")) + (income ? "" : paren(income.error(), ui.lang()));
    } else {
      const int band = cp.score_band_of(r.score);
      const int ib = cp.income_band_of(income.value());
      const money::Money limit = cp.limits.at(static_cast<std::size_t>(band)).at(static_cast<std::size_t>(ib));
      if (!limit.is_positive()) {
        v.offer_decision = ui.tr("Declined: the limit matrix offers nothing for this score and income");
      } else {
        v.offer_approved = true;
        v.offer_decision = ui.tr("Approved");
        const loan::QuotedRate q = cp.quoted_rate(band);
        v.offer.emplace_back("Limit:", format_yuan(limit));
        if (cp.first_loan_cap.is_positive()) v.offer.emplace_back("First loan up to:", format_yuan(std::min(limit, cp.first_loan_cap)));
        v.offer.emplace_back("Rate:", q.rate.to_percent_string(4) + "% " + ui.tr(q.period == loan::RatePeriod::daily ? "daily" : "annual") + " = " +
                                          cp.annual_rate(band).to_percent_string(2) + "% " + ui.tr("a year (nominal)"));
        std::string terms;
        for (int t : cp.terms_months) terms += (terms.empty() ? "" : ", ") + std::to_string(t);
        v.offer.emplace_back("Terms (months):", terms);
        offer = {{"limit", limit.to_string()}, {"rate_pct", q.rate.to_percent_string(4)}, {"score_band", band}, {"income_band", ib}};
      }
    }
  }
  v.stored_note = ui.tr(stored_ ? "Your profile is saved in this browser." : "Not saved: this is a sample profile.");
  view_ = std::move(v);

  state_ = nlohmann::json::object();
  state_["score"] = r.score;
  state_["card_source"] = card_source_;  // "shipped" / "stored" / "trained"
  state_["band"] = r.band_name;
  state_["pd"] = pd_text(r.pd);
  state_["categories_used"] = r.categories_used.to_string();
  state_["consent"] = ConsentMask::from_bits(static_cast<std::uint8_t>(form_.consent_bits)).to_string();
  state_["pending"] = pending;  // granted categories waiting for their values (not scored yet)
  state_["stored"] = stored_;
  state_["sample"] = sample_;
  nlohmann::json vals = nlohmann::json::object();
  for (std::size_t i = 0; i < schema_.size(); ++i)
    vals[schema_[i].name] = std::isnan(form_.values[i]) ? nlohmann::json(nullptr) : nlohmann::json(form_.values[i]);
  state_["values"] = vals;
  state_["reasons"] = nlohmann::json::array();
  for (const auto& rc : r.reasons) state_["reasons"].push_back(rc.name);
  // The sentences as shown, in the UI's language (the i18n flow checks them).
  state_["reason_texts"] = view_.reasons;
  state_["counterfactual_texts"] = view_.cf_changes;
  state_["withdraw"] = withdraw;
  state_["offer"] = offer;
  state_["counterfactual"] = {{"already_top", cf_.already_top}, {"reachable", cf_.reachable}, {"new_score", cf_.new_score}, {"target_band", cf_.target_band},
                              {"best_score", cf_.best_score}, {"best_changes", cf_.best.size()}};
}

}  // namespace

std::unique_ptr<PanelModel> make_credit_model() { return std::make_unique<CreditModel>(); }

}  // namespace finlab::web
