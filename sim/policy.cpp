#include "sim/policy.hpp"

#include "sim/assumptions_json.hpp"
#include "sim/pnl_json.hpp"

#include "core/loan/all_in_cost.hpp"

#include <algorithm>

#include "sim/json_reader.hpp"

namespace finlab::sim {

using nlohmann::json;
using money::Money;
using money::Rate;
using text::Arg;
using text::Id;
using text::make;

std::string_view to_string(RateQuote q) { return q == RateQuote::daily ? "daily" : "annual"; }

// ---------------------------------------------------------------- derived
int CreditPolicy::score_band_of(int score) const {
  int b = 0;
  for (int edge : score_bands) {
    if (score >= edge) ++b;
    else break;
  }
  return b;
}

int CreditPolicy::income_band_of(Money income) const {
  int b = 0;
  for (Money edge : income_bands) {
    if (income >= edge) ++b;
    else break;
  }
  return b;
}

loan::QuotedRate CreditPolicy::quoted_rate(int band) const {
  FINLAB_REQUIRE(band >= 0 && band < static_cast<int>(rates.size()), "policy has no price for score band " << band);
  return quote == RateQuote::daily ? loan::QuotedRate::daily(rates[band]) : loan::QuotedRate::annual(rates[band]);
}

loan::ExactRate CreditPolicy::monthly_rate(int band) const { return loan::monthly_rate(quoted_rate(band), day_basis); }
loan::ExactRate CreditPolicy::annual_rate(int band) const { return loan::annual_rate(quoted_rate(band), day_basis); }

namespace {

constexpr std::int64_t kMaxScore = 1000;
constexpr std::int64_t kMaxAmountYuan = 1'000'000;  // keeps balance × rate inside 64 bits in the engine

Arg num(std::int64_t n) { return Arg::verbatim(std::to_string(n)); }
Arg words(const json& v) { return Arg::of(json_value_words(v)); }
template <class List>
std::vector<std::string> names_of(const List& all) {
  std::vector<std::string> out;
  for (auto e : all) out.emplace_back(to_string(e));
  return out;
}

// Score band edges (ascending integers).
std::vector<int> read_edges(const json* arr, const std::string& path, JsonErrors& errors, std::int64_t lo, std::int64_t hi) {
  std::vector<int> out;
  if (!arr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto v = read_integer((*arr)[i], index_path(path, i), errors, lo, hi);
    if (!v) continue;
    if (!out.empty() && *v <= out.back()) {
      errors.add(index_path(path, i), make(Id::sim_inverted_edge, {num(*v), num(out.back()), Arg::number(0)}));
    }
    out.push_back(static_cast<int>(*v));
  }
  return out;
}

std::vector<Money> read_money_edges(const json* arr, const std::string& path, JsonErrors& errors) {
  std::vector<Money> out;
  if (!arr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto v = read_yuan((*arr)[i], index_path(path, i), errors, 0, 100'000'000);
    if (!v) continue;
    if (!out.empty() && *v <= out.back()) {
      errors.add(index_path(path, i), make(Id::sim_inverted_edge, {Arg::verbatim(v->to_string()), Arg::verbatim(out.back().to_string()), Arg::number(1)}));
    }
    out.push_back(*v);
  }
  return out;
}

void read_credit(JsonObject o, Policy& p, JsonErrors& errors) {
  CreditPolicy& c = p.credit;
  if (!o.valid()) return;

  if (const json* rc = o.array("required_consents", false)) {
    credit::ConsentMask mask = credit::ConsentMask::application_only();
    for (std::size_t i = 0; i < rc->size(); ++i) {
      const std::string path = index_path(o.child_path("required_consents"), i);
      const json& v = (*rc)[i];
      if (!v.is_string()) {
        errors.add(path, make(Id::sim_expected_consent, {words(v)}));
        continue;
      }
      auto cat = credit::parse_consent_category(v.get<std::string>());
      if (!cat) {
        errors.add(path, not_one_of(cat.error(), v.get<std::string>(), names_of(credit::all_consent_categories)));
        continue;
      }
      mask = mask.with(cat.value());
    }
    c.required_consents = mask;
  }

  const auto cutoff = o.integer("cutoff", std::nullopt, 0, kMaxScore);
  if (cutoff) c.cutoff = static_cast<int>(*cutoff);

  JsonObject refer = o.object("refer_band", false);
  if (refer.valid()) {
    const auto from = refer.integer("from", std::nullopt, 0, kMaxScore);
    const auto to = refer.integer("to", cutoff ? std::optional<std::int64_t>(*cutoff) : std::nullopt, 0, kMaxScore);
    const auto share = refer.percent("approve_pct", std::nullopt, "0", "100");
    if (from && to && *from >= *to) {
      errors.add(refer.child_path("from"), make(Id::sim_refer_inverted, {num(*from), num(*to)}));
    } else if (to && cutoff && *to != *cutoff) {
      errors.add(refer.child_path("to"), make(Id::sim_refer_to, {num(*cutoff), num(*to)}));
    }
    if (from) c.refer_from = static_cast<int>(*from);
    if (share) c.refer_approve_share = *share;
    refer.finish();
  }
  if (auto v = o.integer("reapply_after_decline_months", 3, 0, 120)) c.reapply_after_decline_months = static_cast<int>(*v);
  // Selection bias: how the scorecard's training history was booked (docs/sim.md).
  if (auto v = o.percent("test_and_learn_pct", "0", "0", "100")) c.test_and_learn = *v;
  JsonObject hist = o.object("history", false);
  if (hist.valid()) {
    if (auto v = hist.integer("incumbent_cutoff", 600, 0, kMaxScore)) c.incumbent_cutoff = static_cast<int>(*v);
    if (auto v = hist.percent("incumbent_holdout_pct", "2", "0", "100")) c.incumbent_holdout = *v;
    if (auto m = hist.string("reject_inference", std::string("none"))) {
      if (auto r = credit::reject_inference_from_string(*m)) c.reject_inference = *r;
      else {
        const auto options = names_of(credit::all_reject_inference);
        std::string en, zh;
        for (const auto& o : options) {
          en += (en.empty() ? "" : ", ") + o;
          zh += (zh.empty() ? "" : "、") + ("“" + o + "”");
        }
        errors.add(hist.child_path("reject_inference"), make(Id::sim_unknown_method, {Arg::verbatim(*m), Arg::names({en, zh})}));
      }
    }
    if (auto v = hist.percent("parcel_factor_pct", "150", "100", "1000")) c.parcel_factor = *v;
    hist.finish();
  }

  c.ladder = read_limit_ladder(o.object("limit_ladder", false));

  c.score_bands = read_edges(o.array("score_bands", true), o.child_path("score_bands"), errors, 0, kMaxScore);
  c.income_bands = read_money_edges(o.array("income_bands_yuan", true), o.child_path("income_bands_yuan"), errors);

  const std::size_t n_score = c.score_bands.size() + 1, n_income = c.income_bands.size() + 1;
  if (const json* lim = o.array("limits_yuan", true)) {
    const std::string path = o.child_path("limits_yuan");
    if (lim->size() != n_score) {
      errors.add(path, make(Id::sim_matrix_rows, {num(static_cast<std::int64_t>(n_score)), num(static_cast<std::int64_t>(lim->size()))}));
    }
    for (std::size_t r = 0; r < lim->size(); ++r) {
      const json& row = (*lim)[r];
      const std::string rp = index_path(path, r);
      std::vector<Money> out;
      if (!row.is_array()) {
        errors.add(rp, make(Id::sim_expected_limit_row, {words(row)}));
        c.limits.push_back(out);
        continue;
      }
      if (row.size() != n_income) {
        errors.add(rp, make(Id::sim_matrix_cols, {num(static_cast<std::int64_t>(n_income)), num(static_cast<std::int64_t>(row.size()))}));
      }
      for (std::size_t k = 0; k < row.size(); ++k) {
        auto v = read_yuan(row[k], index_path(rp, k), errors, 0, kMaxAmountYuan);
        out.push_back(v.value_or(Money()));
      }
      c.limits.push_back(out);
    }
  }
  if (auto v = o.yuan("first_loan_cap_yuan", "0", 0, kMaxAmountYuan)) c.first_loan_cap = *v;
  if (auto v = o.yuan("min_loan_yuan", "500", 1, kMaxAmountYuan)) c.min_loan = *v;
  if (auto v = o.yuan("amount_step_yuan", "100", 1, 100'000)) c.amount_step = *v;

  JsonObject pr = o.object("pricing", true);
  if (pr.valid()) {
    if (auto q = pr.string("quote", std::nullopt)) {
      if (*q == "daily") c.quote = RateQuote::daily;
      else if (*q == "annual") c.quote = RateQuote::annual;
      else errors.add(pr.child_path("quote"), make(Id::sim_expected_words, {Arg::verbatim("daily"), Arg::verbatim("annual"), Arg::verbatim(*q)}));
    }
    if (auto b = pr.integer("day_basis", 360, 360, 365)) {
      if (*b == 360) c.day_basis = loan::DayBasis::act_360;
      else if (*b == 365) c.day_basis = loan::DayBasis::act_365;
      else errors.add(pr.child_path("day_basis"), make(Id::sim_expected_day_basis, {num(*b)}));
    }
    if (auto cap = pr.percent("rate_cap_pct", "36", "0", "100")) c.rate_cap = *cap;
    if (auto u = pr.string("uncertain_caps", "skip")) {
      if (*u == "enforce") c.enforce_uncertain_caps = true;
      else if (*u != "skip") errors.add(pr.child_path("uncertain_caps"), make(Id::sim_expected_words, {Arg::verbatim("enforce"), Arg::verbatim("skip"), Arg::verbatim(*u)}));
    }
    if (const json* rates = pr.array("rates_pct", true)) {
      const std::string path = pr.child_path("rates_pct");
      if (rates->size() != n_score) {
        errors.add(path, make(Id::sim_rates_count, {num(static_cast<std::int64_t>(n_score)), num(static_cast<std::int64_t>(rates->size()))}));
      }
      for (std::size_t i = 0; i < rates->size(); ++i) {
        auto r = read_percent((*rates)[i], index_path(path, i), errors, "0", c.quote == RateQuote::daily ? "1" : "100");
        c.rates.push_back(r.value_or(Rate()));
        if (r) {
          const loan::ExactRate annual = loan::annual_rate(
              c.quote == RateQuote::daily ? loan::QuotedRate::daily(*r) : loan::QuotedRate::annual(*r), c.day_basis);
          const loan::ExactRate cap = loan::ExactRate::of(c.rate_cap);
          if (money::int128(annual.num) * cap.den > money::int128(cap.num) * annual.den) {
            errors.add(index_path(path, i), make(Id::sim_rate_above_cap, {Arg::verbatim(annual.to_percent_string(4)), Arg::verbatim("rate_cap_pct"),
                                                                          Arg::verbatim(c.rate_cap.to_percent_string())}));
          }
        }
      }
    }
    pr.finish();
  }

  if (const json* terms = o.array("terms_months", true)) {
    const std::string path = o.child_path("terms_months");
    if (terms->empty()) errors.add(path, make(Id::sim_no_terms, {}));
    for (std::size_t i = 0; i < terms->size(); ++i) {
      auto t = read_integer((*terms)[i], index_path(path, i), errors, 1, 60);
      if (!t) continue;
      if (std::find(c.terms_months.begin(), c.terms_months.end(), static_cast<int>(*t)) != c.terms_months.end()) {
        errors.add(index_path(path, i), make(Id::sim_term_twice, {num(*t)}));
      }
      c.terms_months.push_back(static_cast<int>(*t));
    }
  }
  if (auto m = o.string("repayment_method", std::string("equal_installment"))) {
    auto r = loan::parse_repayment_method(*m);
    if (r) c.method = r.value();
    else errors.add(o.child_path("repayment_method"), not_one_of(r.error(), *m, {"equal_installment", "equal_principal", "interest_only", "bullet"}));
  }
  if (auto v = o.percent("max_dti_pct", "50", "0", "1000")) c.max_dti = *v;
  if (auto v = o.percent("origination_fee_pct", "0", "0", "10")) c.origination_fee = *v;
  if (auto v = o.percent("penalty_multiple_pct", "150", "100", "300")) c.penalty_multiple = *v;
  if (auto v = o.integer("writeoff_dpd", 180, 60, 360)) {
    if (*v % 30 != 0) errors.add(o.child_path("writeoff_dpd"), make(Id::sim_writeoff_multiple, {num(*v)}));
    c.writeoff_dpd = static_cast<int>(*v);
  }

  JsonObject prov = o.object("provision", false);
  c.lgd = Rate::percent("85");
  c.bucket_pd = {Rate::percent("30"), Rate::percent("55"), Rate::percent("75"), Rate::percent("90"), Rate::percent("95"), Rate::percent("100")};
  if (prov.valid()) {
    if (auto v = prov.percent("lgd_pct", "85", "0", "100")) c.lgd = *v;
    if (const json* b = prov.array("bucket_pd_pct", false)) {
      c.bucket_pd.clear();
      const std::string path = prov.child_path("bucket_pd_pct");
      if (b->empty()) errors.add(path, make(Id::sim_bucket_empty, {}));
      for (std::size_t i = 0; i < b->size(); ++i) {
        auto r = read_percent((*b)[i], index_path(path, i), errors, "0", "100");
        if (r && !c.bucket_pd.empty() && *r < c.bucket_pd.back()) {
          errors.add(index_path(path, i), make(Id::sim_bucket_inverted, {Arg::verbatim(r->to_percent_string()), Arg::verbatim(c.bucket_pd.back().to_percent_string())}));
        }
        c.bucket_pd.push_back(r.value_or(Rate()));
      }
    }
    prov.finish();
  }
  JsonObject coll = o.object("collections", false);
  c.recovery_rate = Rate::percent("10");
  if (coll.valid()) {
    if (auto v = coll.percent("recovery_pct", "10", "0", "100")) c.recovery_rate = *v;
    if (auto v = coll.integer("recovery_lag_months", 3, 0, 60)) c.recovery_lag_months = static_cast<int>(*v);
    coll.finish();
  }

  // Cross-field checks.
  if (cutoff && !c.score_bands.empty() && c.refer_from && *c.refer_from > *cutoff) {
    // already reported as an inverted refer band
  }
  if (c.ladder && c.ladder->close_below_score && *c.ladder->close_below_score > c.ladder->cut_below_score.value_or(c.cutoff)) {
    errors.add(o.child_path("limit_ladder") + ".close_below_score", make(Id::sim_close_above_cut, {num(c.ladder->cut_below_score.value_or(c.cutoff))}));
  }
  if (c.first_loan_cap.is_positive() && c.first_loan_cap < c.min_loan) {
    errors.add(o.child_path("first_loan_cap_yuan"), make(Id::sim_first_cap_below, {Arg::verbatim("min_loan_yuan"), Arg::verbatim(c.min_loan.to_string())}));
  }
  o.finish();
}

void read_partners(const json* arr, const std::string& path, Policy& p, JsonErrors& errors) {
  if (!arr) return;
  if (arr->empty()) errors.add(path, make(Id::sim_no_partners, {}));
  for (std::size_t i = 0; i < arr->size(); ++i) {
    JsonObject o(&(*arr)[i], index_path(path, i), errors);
    if (!o.valid()) continue;
    Partner partner;
    if (auto v = o.string("name", std::nullopt)) partner.name = *v;
    if (auto v = o.integer("min_score", 0, 0, kMaxScore)) partner.min_score = static_cast<int>(*v);
    if (auto v = o.percent("funding_cost_pct", std::nullopt, "0", "100")) partner.funding_cost = *v;
    if (o.has("capacity_yuan_per_month")) {
      const json& cap = (*arr)[i]["capacity_yuan_per_month"];
      if (!cap.is_null()) partner.capacity = read_yuan(cap, o.child_path("capacity_yuan_per_month"), errors, 0, 1'000'000'000'000);
    }
    o.allow("capacity_yuan_per_month");
    if (auto v = o.percent("revenue_share_pct", "100", "0", "100")) partner.revenue_share = *v;
    if (auto v = o.string("lender_type", "microloan")) {
      if (auto lt = loan::parse_lender_type(*v)) partner.lender_type = *lt;
      else errors.add(o.child_path("lender_type"), not_one_of(lt.error(), *v, names_of(loan::all_lender_types)));
    }
    if (auto v = o.percent("guarantee_share_pct", "0", "0", "100")) partner.guarantee_share = *v;
    if (auto v = o.percent("guarantee_fee_pct", "0", "0", "36")) partner.guarantee_fee = *v;
    for (const auto& other : p.partners) {
      if (other.name == partner.name) errors.add(o.child_path("name"), make(Id::sim_partner_twice, {Arg::verbatim(partner.name)}));
    }
    o.finish();
    p.partners.push_back(std::move(partner));
  }
}

void read_fund(JsonObject o, Policy& p, JsonErrors& errors) {
  FundPolicy& f = p.fund;
  f.gross_yield.reset();  // "history"
  f.fee = Rate::percent("0.68");
  f.gross_yield_volatility = Rate::percent("0.5");
  f.fast_redeem_limit.reset();  // the rule in force on each day
  if (!o.valid()) return;
  // "history" (default) or a constant level such as "4.8".
  if (const nlohmann::json* gy = o.peek("gross_yield_pct")) {
    const std::string text = gy->is_string() ? gy->get<std::string>() : std::string();
    if (text == "history") {
      o.allow("gross_yield_pct");
    } else if (!text.empty() && !(text[0] >= '0' && text[0] <= '9') && text[0] != '.' && text[0] != '-') {
      o.allow("gross_yield_pct");
      errors.add(o.child_path("gross_yield_pct"), make(Id::sim_expected_history, {Arg::verbatim("history"), Arg::verbatim("4.8"), Arg::verbatim(text)}));
    } else if (auto v = o.percent("gross_yield_pct", std::nullopt, "0", "30")) {
      f.gross_yield = *v;
    }
  }
  if (auto v = o.percent("gross_yield_volatility_pct", "0.5", "0", "10")) f.gross_yield_volatility = *v;
  if (auto v = o.percent("fee_pct", "0.68", "0", "5")) f.fee = *v;
  if (o.has("fast_redeem_limit_yuan")) {
    if (auto v = o.yuan("fast_redeem_limit_yuan", std::nullopt, 0, 10'000'000)) f.fast_redeem_limit = *v;
  }
  JsonObject b = o.object("new_user_boost", false);
  if (b.valid()) {
    if (auto v = b.percent("extra_yield_pct", std::nullopt, "0", "30")) f.boost.extra_yield = *v;
    if (auto v = b.integer("days", std::nullopt, 0, 3660)) f.boost.days = static_cast<int>(*v);
    if (auto v = b.yuan("cap_yuan", std::nullopt, 0, 10'000'000)) f.boost.cap = *v;
    b.finish();
  }
  o.finish();
}

// "suitability": {"class_share_pct": ["10", "25", "35", "20", "10"],
//  "lowest_category_share_of_c1_pct": "30", "offer_investment_products": [false, true, true, true, true]}
// A share given in percent as ppm (at most 4 decimals of a percent).
std::optional<std::uint32_t> ppm_of(const Rate& r, const std::string& path, JsonErrors& errors) {
  constexpr std::int64_t per_ppm = Rate::one_units / 1'000'000;
  if (r.units() % per_ppm != 0) {
    errors.add(path, make(Id::sim_ppm_decimals, {Arg::verbatim(r.to_percent_string())}));
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(r.units() / per_ppm);
}

void read_suitability(JsonObject o, Policy& p, JsonErrors& errors) {
  if (!o.valid()) return;
  SuitabilityPolicy& s = p.suitability;
  if (const json* a = o.array("class_share_pct", false)) {
    if (a->size() != 5) {
      errors.add(o.child_path("class_share_pct"), make(Id::sim_shares_count, {num(static_cast<std::int64_t>(a->size()))}));
    } else {
      std::int64_t sum = 0;
      bool all = true;
      for (std::size_t i = 0; i < 5; ++i) {
        const std::string path = index_path(o.child_path("class_share_pct"), i);
        auto r = read_percent((*a)[i], path, errors, "0", "100");
        auto ppm = r ? ppm_of(*r, path, errors) : std::nullopt;
        if (!ppm) {
          all = false;
          continue;
        }
        s.class_ppm[i] = *ppm;
        sum += *ppm;
      }
      if (all && sum != 1'000'000)
        errors.add(o.child_path("class_share_pct"), make(Id::sim_shares_sum, {Arg::verbatim(Rate::from_units(sum * (Rate::one_units / 1'000'000)).to_percent_string())}));
    }
  }
  if (auto v = o.percent("lowest_category_share_of_c1_pct", "30", "0", "100"))
    if (auto ppm = ppm_of(*v, o.child_path("lowest_category_share_of_c1_pct"), errors)) s.lowest_ppm_of_c1 = *ppm;
  if (const json* a = o.array("offer_investment_products", false)) {
    if (a->size() != 5) errors.add(o.child_path("offer_investment_products"), make(Id::sim_offer_count, {num(static_cast<std::int64_t>(a->size()))}));
    else
      for (std::size_t i = 0; i < 5; ++i) {
        if ((*a)[i].is_boolean()) s.offer[i] = (*a)[i].get<bool>();
        else errors.add(index_path(o.child_path("offer_investment_products"), i), make(Id::sim_expected_kind, {Arg::number(3), words((*a)[i])}));
      }
  }
  o.finish();
}

}  // namespace

Result<Policy> parse_policy(std::string_view text, JsonErrors* why) {
  JsonErrors own;
  JsonErrors& errors = why ? *why : own;
  auto parsed = parse_json_document(text, errors);
  if (!parsed) return fail(parsed.error());
  const json& j = parsed.value();
  Policy p;
  JsonObject top(&j, "", errors);
  if (!top.valid()) return fail(errors.joined());
  if (auto f = top.string("format", std::string("finlab.policy")); f && *f != "finlab.policy") {
    errors.add("format", make(Id::sim_expected_word, {Arg::verbatim("finlab.policy"), Arg::verbatim(*f)}));
  }
  if (auto v = top.integer("version", 1, 0, 1000); v && *v != 1) errors.add("version", make(Id::sim_version, {Arg::number(0), num(*v)}));
  if (auto v = top.string("name", std::string("policy"))) p.name = *v;
  if (auto v = top.string("description", std::string())) p.description = *v;
  read_credit(top.object("credit", true), p, errors);
  JsonObject platform = top.object("platform", true);
  if (platform.valid()) {
    read_partners(platform.array("partners", true), platform.child_path("partners"), p, errors);
    platform.finish();
  }
  read_fund(top.object("fund", false), p, errors);
  p.assumptions = read_assumptions(top.object("assumptions", false), errors);
  read_pnl(top.object("pnl", false), p.pnl);
  read_suitability(top.object("suitability", false), p, errors);
  top.finish();
  if (!errors.empty()) return fail(errors.joined());
  return p;
}

// ---------------------------------------------------------------- to JSON
namespace {
using ojson = nlohmann::ordered_json;
ojson money_json(Money m) {
  if (m.units() % 100 == 0) return m.units() / 100;
  return m.to_string();
}
ojson rate_json(Rate r) { return r.to_percent_string(); }
}  // namespace

std::string policy_to_json(const Policy& p, int indent) {
  const CreditPolicy& c = p.credit;
  ojson credit = ojson::object();
  ojson consents = ojson::array();
  for (auto cat : credit::all_consent_categories) {
    if (cat != credit::ConsentCategory::application && c.required_consents.has(cat)) consents.push_back(std::string(credit::to_string(cat)));
  }
  credit["required_consents"] = consents;
  credit["cutoff"] = c.cutoff;
  if (c.refer_from) {
    credit["refer_band"] = {{"from", *c.refer_from}, {"to", c.cutoff}, {"approve_pct", rate_json(c.refer_approve_share)}};
  }
  credit["reapply_after_decline_months"] = c.reapply_after_decline_months;
  credit["test_and_learn_pct"] = rate_json(c.test_and_learn);
  credit["history"] = {{"incumbent_cutoff", c.incumbent_cutoff},
                       {"incumbent_holdout_pct", rate_json(c.incumbent_holdout)},
                       {"reject_inference", std::string(credit::to_string(c.reject_inference))},
                       {"parcel_factor_pct", rate_json(c.parcel_factor)}};
  credit["score_bands"] = c.score_bands;
  ojson inc = ojson::array();
  for (Money m : c.income_bands) inc.push_back(money_json(m));
  credit["income_bands_yuan"] = inc;
  ojson lim = ojson::array();
  for (const auto& row : c.limits) {
    ojson r = ojson::array();
    for (Money m : row) r.push_back(money_json(m));
    lim.push_back(r);
  }
  credit["limits_yuan"] = lim;
  credit["first_loan_cap_yuan"] = money_json(c.first_loan_cap);
  if (c.ladder) credit["limit_ladder"] = limit_ladder_json(*c.ladder);
  credit["min_loan_yuan"] = money_json(c.min_loan);
  credit["amount_step_yuan"] = money_json(c.amount_step);
  ojson rates = ojson::array();
  for (Rate r : c.rates) rates.push_back(rate_json(r));
  credit["pricing"] = {{"quote", std::string(to_string(c.quote))},
                       {"day_basis", static_cast<int>(c.day_basis)},
                       {"rates_pct", rates},
                       {"rate_cap_pct", rate_json(c.rate_cap)}};
  if (c.enforce_uncertain_caps) credit["pricing"]["uncertain_caps"] = "enforce";
  credit["terms_months"] = c.terms_months;
  std::string method(loan::to_string(c.method));
  std::replace(method.begin(), method.end(), '-', '_');
  credit["repayment_method"] = method;
  credit["max_dti_pct"] = rate_json(c.max_dti);
  credit["origination_fee_pct"] = rate_json(c.origination_fee);
  credit["penalty_multiple_pct"] = rate_json(c.penalty_multiple);
  credit["writeoff_dpd"] = c.writeoff_dpd;
  ojson bpd = ojson::array();
  for (Rate r : c.bucket_pd) bpd.push_back(rate_json(r));
  credit["provision"] = {{"lgd_pct", rate_json(c.lgd)}, {"bucket_pd_pct", bpd}};
  credit["collections"] = {{"recovery_pct", rate_json(c.recovery_rate)}, {"recovery_lag_months", c.recovery_lag_months}};

  ojson partners = ojson::array();
  for (const auto& pt : p.partners) {
    ojson o = {{"name", pt.name}, {"min_score", pt.min_score}, {"funding_cost_pct", rate_json(pt.funding_cost)}};
    o["capacity_yuan_per_month"] = pt.capacity ? money_json(*pt.capacity) : ojson(nullptr);
    o["revenue_share_pct"] = rate_json(pt.revenue_share);
    if (pt.lender_type != loan::LenderType::microloan) o["lender_type"] = std::string(loan::to_string(pt.lender_type));
    if (pt.guarantee_share.units() > 0) o["guarantee_share_pct"] = rate_json(pt.guarantee_share);
    if (pt.guarantee_fee.units() > 0) o["guarantee_fee_pct"] = rate_json(pt.guarantee_fee);
    partners.push_back(o);
  }
  ojson fund = {{"gross_yield_pct", p.fund.gross_yield ? rate_json(*p.fund.gross_yield) : ojson("history")},
               {"gross_yield_volatility_pct", rate_json(p.fund.gross_yield_volatility)},
               {"fee_pct", rate_json(p.fund.fee)}};
  if (p.fund.fast_redeem_limit) fund["fast_redeem_limit_yuan"] = money_json(*p.fund.fast_redeem_limit);
  if (p.fund.boost.days > 0) {
    fund["new_user_boost"] = {{"extra_yield_pct", rate_json(p.fund.boost.extra_yield)},
                              {"days", p.fund.boost.days},
                              {"cap_yuan", money_json(p.fund.boost.cap)}};
  }
  ojson doc = ojson::object();
  doc["format"] = "finlab.policy";
  doc["version"] = 1;
  doc["name"] = p.name;
  doc["description"] = p.description;
  doc["credit"] = credit;
  doc["platform"] = {{"partners", partners}};
  doc["fund"] = fund;
  if (p.assumptions) doc["assumptions"] = assumptions_policy_json(*p.assumptions);
  doc["pnl"] = pnl_policy_json(p.pnl);
  const SuitabilityPolicy defaults;
  const SuitabilityPolicy& su = p.suitability;
  if (su.class_ppm != defaults.class_ppm || su.lowest_ppm_of_c1 != defaults.lowest_ppm_of_c1 || su.offer != defaults.offer) {
    ojson shares = ojson::array();
    auto pct = [](std::uint32_t ppm) { return Rate::from_units(std::int64_t(ppm) * (Rate::one_units / 1'000'000)).to_percent_string(); };
    for (std::uint32_t ppm : su.class_ppm) shares.push_back(pct(ppm));
    doc["suitability"] = {{"class_share_pct", shares}, {"lowest_category_share_of_c1_pct", pct(su.lowest_ppm_of_c1)},
                          {"offer_investment_products", su.offer}};
  }
  return doc.dump(indent);
}


// ---------------------------------------------------------------- legal caps
namespace {

// The dates a run books loans on that the caps can tell apart: the first of
// every month, and every boundary date of the table inside the run.
std::vector<time::Date> run_dates(time::Date start, int months, const loan::RateCapTable& table) {
  std::vector<time::Date> out;
  for (int m = 0; m < months; ++m) out.push_back(start.plus_months(m));
  const time::Date end = start.plus_months(months);
  for (time::Date d : table.boundary_dates())
    if (d > start && d < end) out.push_back(d);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The first breached cap among those the policy enforces, or nullptr.
const loan::CapFinding* first_breach(const loan::CapVerdict& v, bool enforce_uncertain) {
  for (const auto& f : v.findings)
    if (f.breached && (enforce_uncertain || !f.rule->uncertain)) return &f;
  return nullptr;
}

// Can a partner with this minimum score fund some score in band b?
bool partner_funds_band(const CreditPolicy& c, const Partner& pt, std::size_t b) {
  if (b >= c.score_bands.size()) return true;  // the top band is open-ended
  return c.score_bands[b] - 1 >= pt.min_score;
}

// The offers a partner can fund priced and checked: one message per breach.
void offer_breaches(const CreditPolicy& c, const Partner& pt, const text::Message& who, time::Date start,
                    const std::vector<time::Date>& dates, const loan::RateCapTable& table, std::vector<PathMessage>& out) {
  const money::Money principal = money::yuan(10'000);  // [D] APR barely depends on the amount
  for (std::size_t b = 0; b < c.rates.size(); ++b) {
    if (!partner_funds_band(c, pt, b)) continue;
    const std::string path = "credit.pricing.rates_pct[" + std::to_string(b) + "]";
    for (int term : c.terms_months) {
      loan::LoanTerms t;
      t.principal = principal;
      t.rate = c.quoted_rate(static_cast<int>(b));
      t.day_basis = c.day_basis;
      t.term_months = term;
      t.method = c.method;
      t.start = start;
      t.upfront_fee = loan::ExactRate::of(c.origination_fee).apply(principal, money::Rounding::half_up);
      if (loan::check_terms(t)) continue;  // reported by the parser
      auto cost = loan::all_in_cost(loan::product_flows(loan::build_schedule(t)));
      if (!cost) {
        out.push_back({path, make(Id::sim_cap_no_cost, {Arg::number(static_cast<std::int64_t>(b)), Arg::number(term),
                                                        Arg::of(text::with_english(cost.error(), make(Id::sim_cap_cost_failed, {})))})});
        continue;
      }
      for (time::Date d : dates) {
        auto v = table.check(pt.lender_type, loan::CapSubject::all_in_apr, d, cost->apr);
        if (!v) {
          out.push_back({path, text::with_english(v.error(), make(Id::sim_cap_check_failed, {}))});
          break;
        }
        if (const loan::CapFinding* f = first_breach(*v, c.enforce_uncertain_caps)) {
          out.push_back({path, make(Id::sim_cap_offer, {Arg::number(static_cast<std::int64_t>(b)), Arg::number(term),
                                                        Arg::verbatim(c.origination_fee.to_percent_string()), Arg::verbatim("credit.origination_fee_pct"),
                                                        Arg::verbatim(loan::format_percent(cost->apr, 2)), Arg::verbatim(d.to_string()),
                                                        Arg::of(who), Arg::names({f->reason_en, f->reason_zh})})});
          break;  // one line per offer: its first month in breach
        }
      }
    }
  }
}

// Penalty interest: contract rate x penalty_multiple, for every band the partner funds.
void penalty_breaches(const CreditPolicy& c, const Partner& pt, const text::Message& who, const std::vector<time::Date>& dates,
                      const loan::RateCapTable& table, std::vector<PathMessage>& out) {
  for (std::size_t b = 0; b < c.rates.size(); ++b) {
    if (!partner_funds_band(c, pt, b)) continue;
    const double contract = c.annual_rate(static_cast<int>(b)).to_double();
    const double penalty = contract * static_cast<double>(c.penalty_multiple.units()) / static_cast<double>(money::Rate::one_units);
    for (time::Date d : dates) {
      const loan::CapFinding* hit = nullptr;
      std::optional<loan::CapVerdict> verdict;
      for (loan::CapSubject sub : {loan::CapSubject::penalty, loan::CapSubject::compound}) {
        auto v = table.check(pt.lender_type, sub, d, penalty, contract);
        if (!v) continue;
        verdict = std::move(v).value();
        if ((hit = first_breach(*verdict, c.enforce_uncertain_caps))) break;
      }
      if (!hit) continue;
      out.push_back({"credit.penalty_multiple_pct",
                     make(Id::sim_cap_penalty, {Arg::number(static_cast<std::int64_t>(b)), Arg::verbatim(loan::format_percent(contract, 2)),
                                                Arg::verbatim(loan::format_percent(penalty, 2)), Arg::verbatim(d.to_string()), Arg::of(who),
                                                Arg::names({hit->reason_en, hit->reason_zh})})});
      break;  // one line per band: its first month in breach
    }
  }
}

}  // namespace

std::vector<PathMessage> policy_cap_breaches(const Policy& p, time::Date start, int months, const loan::RateCapTable& table) {
  std::vector<PathMessage> out;
  const std::vector<time::Date> dates = run_dates(start, months, table);
  for (std::size_t pi = 0; pi < p.partners.size(); ++pi) {
    const Partner& pt = p.partners[pi];
    const text::Message who =
        make(Id::sim_cap_partner, {Arg::verbatim(pt.name), Arg::verbatim("platform.partners[" + std::to_string(pi) + "].lender_type"),
                                   Arg::names({std::string(loan::to_string(pt.lender_type)), std::string(loan::chinese_name(pt.lender_type))})});
    offer_breaches(p.credit, pt, who, start, dates, table, out);
    penalty_breaches(p.credit, pt, who, dates, table, out);
  }
  return out;
}

std::vector<std::string> check_policy_caps(const Policy& p, time::Date start, int months, const loan::RateCapTable& table) {
  std::vector<std::string> out;
  for (const auto& e : policy_cap_breaches(p, start, months, table)) out.push_back(e.line(text::Lang::en));
  return out;
}

}  // namespace finlab::sim
