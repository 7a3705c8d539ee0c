// Policy lab, Policy tab: the policy's optional "assumptions" (borrower
// behaviour: docs/sim.md "Roll-rate model", "Default dynamics") and "pnl"
// (costs and ECL stages: docs/sim.md "Full P&L") sections as form fields.
// The form keeps each field's text by JSON path; an empty field is omitted
// from the document, so the engine's documented default applies (the box
// shows it greyed). The document is validated by sim::parse_policy, the
// parser `finlab sim run --policy` uses (sim/assumptions_json.cpp,
// sim/pnl.cpp), so a mistake is reported at its JSON path.
// Deliberately not here: drawing (policy_lab_panel_assumptions.cpp) and any
// range or default (sim/: the defaults shown are read from sim's own JSON).
#include "sim/assumptions_json.hpp"
#include "sim/limit_ladder.hpp"
#include "sim/pnl_json.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web {

namespace {

using K = LabExtraKind;

constexpr const char* kLadder = "credit.limit_ladder";

// In the order of docs/sim.md's tables; units are translation keys.
const LabExtraField kFields[] = {
    {"assumptions", "cure_pct", "Cure probability by bucket", "%", 6, K::percent},
    {"assumptions", "miss_base_pct", "Missed instalment, base probability", "% a month", 1, K::percent},
    {"assumptions", "miss_hazard_multiple", "Missed instalment, multiple of the default hazard", "×", 1, K::integer},
    {"assumptions", "multi_lender_share_pct", "Multi-lender borrowers (多头借贷)", "% of users", 1, K::percent},
    {"assumptions", "multi_lender_hazard_multiple_pct", "Their default hazard multiple", "%", 1, K::percent},
    {"assumptions", "fraud_share_pct", "Fraudsters (no intent to repay)", "% of users", 1, K::percent},
    {"assumptions", "fraud_application_multiple", "Fraudsters apply this many times as often", "×", 1, K::integer},
    {"assumptions", "mob_hazard_multiple_pct", "Hazard multiple by months on book", "%", 12, K::percent},
    {"assumptions", "dti_reference_pct", "Debt-to-income above which the hazard rises", "%", 1, K::percent},
    {"assumptions", "dti_hazard_slope_pct", "Hazard slope on debt-to-income above that", "%", 1, K::percent},
    {"assumptions", "amount_hazard_slope_pct", "Hazard slope on an amount above one month's income", "%", 1, K::percent},
    {"assumptions", "takeup_base_pct", "Take-up of an approved offer at the reference price", "%", 1, K::percent},
    {"assumptions", "takeup_reference_rate_pct", "Reference price (annual rate)", "% a year", 1, K::percent},
    {"assumptions", "takeup_price_sensitivity_pct_per_point", "Take-up lost per point of rate above it", "% per point", 1, K::percent},
    {"assumptions", "takeup_sensitivity_at_high_pd_pct", "Price sensitivity left at a high PD", "%", 1, K::percent},
    {"assumptions", "takeup_high_pd_pct", "High PD (true 12-month PD)", "%", 1, K::percent},
    {"assumptions", "takeup_limit_sensitivity_pct", "Take-up lost when nothing of the request is granted", "%", 1, K::percent},
    {"assumptions", "prepayment_pct_per_month", "Prepayment: a current borrower repays the rest early", "% a month", 1, K::percent},
    {"assumptions", "repeat_draw_pct_per_month", "A user with an open line draws on it again", "% a month", 1, K::percent},
    {"assumptions", "score_drift_sd_points", "Behaviour-score drift, standard deviation of a month's step", "score points", 1, K::integer},
    {"assumptions", "score_drift_reversion_pct", "Drift pulled back towards zero each month", "%", 1, K::percent},
    {"assumptions", "score_drift_after_default_points", "Score fall per month after a borrower defaults", "score points", 1, K::integer},
    {"assumptions", "incumbent_insight_pct", "Incumbent underwriters' insight into risk the data missed", "%", 1, K::percent},
    {"assumptions", "pilot_users", "Pilot users the incumbent card was trained on", "users", 1, K::integer},
    {"pnl", "acquisition_cost_yuan", "Acquisition cost per new applicant", "yuan", 1, K::yuan},
    {"pnl", "data_cost_yuan", "Data and bureau cost per credit decision", "yuan", 1, K::yuan},
    {"pnl", "collection_cost_yuan", "Collection cost per delinquent account-month", "yuan", 1, K::yuan},
    {"pnl", "interest_tax_pct", "Tax on interest income (\"dated\" = 5% business tax, 6/106 VAT from 2016-05-01)", "% of gross", 1, K::tax},
    {"pnl", "cost_of_equity_pct", "Cost of equity", "% a year", 1, K::percent},
    {"pnl", "capital_ratio_pct", "Capital held per yuan outstanding", "%", 1, K::percent},
    // credit.limit_ladder (sim/limit_ladder.hpp; docs/sim.md "Customer behaviour"): present only when
    // the form's "Limit ladder" box is ticked (LabPolicyForm::ladder_on).
    {kLadder, "raise_pct", "Raise the line by", "%", 1, K::percent},
    {kLadder, "raise_after_clean_months", "Clean months before a raise", "months", 1, K::integer},
    {kLadder, "cut_pct", "Cut the line by, once per episode", "%", 1, K::percent},
    {kLadder, "cut_below_score", "Cut when the score falls below", "score points", 1, K::integer},
    {kLadder, "close_below_score", "Close the line when the score falls below", "score points", 1, K::integer},
    {kLadder, "max_yuan", "Highest line, 0 = the limit matrix's cell only", "yuan", 1, K::yuan},
};

// The object at a dotted section path ("credit.limit_ladder"), or nullptr.
const lab::ojson* section_at(const lab::ojson& doc, std::string_view path) {
  const lab::ojson* p = &doc;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string key(path.substr(0, dot));
    if (!p->is_object()) return nullptr;
    const auto it = p->find(key);
    if (it == p->end()) return nullptr;
    p = &*it;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return p;
}

}  // namespace

std::span<const LabExtraField> lab_extra_fields() { return kFields; }

std::string extra_path(const LabExtraField& f, int index) {
  std::string p = std::string(f.section) + "." + f.key;
  if (f.count > 1) p += "[" + std::to_string(index) + "]";
  return p;
}

namespace lab {

namespace {

std::string text_of(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// A typed value as JSON: whole numbers as numbers where the parser wants an
// integer, everything else as the exact text typed (so the parser reports a
// mistake at the field's path rather than the form guessing).
ojson value_of(const LabExtraField& f, const std::string& raw) {
  const std::string s = trim(raw);
  if (f.kind == LabExtraKind::integer && is_integer_text(s)) return std::stoll(s);
  return s;
}

}  // namespace

void extra_from_doc(const ojson& doc, LabPolicyForm& f) {
  f.extra.clear();
  f.ecl_stages = -1;
  for (const LabExtraField& x : kFields) {
    const ojson* sec = section_at(doc, x.section);
    if (sec == nullptr || !sec->is_object()) continue;
    const auto v = sec->find(x.key);
    if (v == sec->end()) continue;
    if (x.count == 1) {
      f.extra[extra_path(x, 0)] = text_of(*v);
    } else if (v->is_array()) {
      for (int i = 0; i < x.count && i < static_cast<int>(v->size()); ++i) f.extra[extra_path(x, i)] = text_of((*v)[static_cast<std::size_t>(i)]);
    } else {
      f.extra[extra_path(x, 0)] = text_of(*v);  // not a list: shown, and reported by the parser
    }
  }
  if (const auto pnl = doc.find("pnl"); pnl != doc.end() && pnl->is_object()) {
    if (const auto e = pnl->find("ecl_stages"); e != pnl->end() && e->is_boolean()) f.ecl_stages = e->get<bool>() ? 1 : 0;
  }
  f.ladder_on = section_at(doc, kLadder) != nullptr;
}

// credit.limit_ladder exists exactly when the box is ticked ({} = every
// default); keys the form does not show are kept, as for the other sections.
static void ladder_into_doc(const LabPolicyForm& f, ojson& doc) {
  if (!doc.contains("credit") || !doc["credit"].is_object()) doc["credit"] = ojson::object();
  ojson& credit = doc["credit"];
  if (!f.ladder_on) {
    credit.erase("limit_ladder");
    return;
  }
  ojson lad = credit.contains("limit_ladder") && credit["limit_ladder"].is_object() ? credit["limit_ladder"] : ojson::object();
  for (const LabExtraField& x : kFields) {
    if (std::string_view(x.section) != kLadder) continue;
    const auto it = f.extra.find(extra_path(x, 0));
    const std::string s = it == f.extra.end() ? std::string() : trim(it->second);
    if (s.empty()) lad.erase(x.key);
    else lad[x.key] = value_of(x, s);
  }
  credit["limit_ladder"] = lad;
}

// Keys of the sections the form does not know ("$comment", a typo the parser
// reports) are kept; a section left empty is removed.
void extra_into_doc(const LabPolicyForm& f, ojson& doc) {
  static const std::map<std::string, std::string> defaults = extra_defaults();
  for (const char* section : {"assumptions", "pnl"}) {
    ojson sec = doc.contains(section) && doc[section].is_object() ? doc[section] : ojson::object();
    for (const LabExtraField& x : kFields) {
      if (std::string(x.section) != section) continue;
      auto typed = [&](int i) {
        const auto it = f.extra.find(extra_path(x, i));
        return it == f.extra.end() ? std::string() : trim(it->second);
      };
      if (x.count == 1) {
        const std::string s = typed(0);
        if (s.empty()) sec.erase(x.key);
        else sec[x.key] = value_of(x, s);
        continue;
      }
      // A list: any element typed sets the whole list, the others at their defaults.
      bool any = false;
      for (int i = 0; i < x.count; ++i) any = any || !typed(i).empty();
      if (!any) {
        sec.erase(x.key);
        continue;
      }
      ojson arr = ojson::array();
      for (int i = 0; i < x.count; ++i) {
        std::string s = typed(i);
        if (s.empty()) {
          const auto d = defaults.find(extra_path(x, i));
          s = d == defaults.end() ? std::string() : d->second;
        }
        arr.push_back(value_of(x, s));
      }
      sec[x.key] = arr;
    }
    if (std::string(section) == "pnl") {
      if (f.ecl_stages < 0) sec.erase("ecl_stages");
      else sec["ecl_stages"] = f.ecl_stages == 1;
    }
    if (sec.empty()) doc.erase(section);
    else doc[section] = sec;
  }
  ladder_into_doc(f, doc);
}

// The engine's defaults by JSON path, as the policy JSON writes them.
std::map<std::string, std::string> extra_defaults() {
  std::map<std::string, std::string> out;
  const ojson a = sim::assumptions_policy_json(sim::Assumptions{});
  const ojson p = sim::pnl_policy_json(sim::PnlSettings{});
  const ojson l = sim::limit_ladder_json(sim::LimitLadder{});  // the score edges follow the cutoff: lab::ladder_score_hints
  for (const LabExtraField& x : kFields) {
    const std::string_view s = x.section;
    const ojson& sec = s == "pnl" ? p : s == kLadder ? l : a;
    const auto v = sec.find(x.key);
    if (v == sec.end()) continue;
    for (int i = 0; i < x.count; ++i) out[extra_path(x, i)] = text_of(x.count > 1 && v->is_array() ? (*v)[static_cast<std::size_t>(i)] : *v);
  }
  return out;
}

}  // namespace lab

}  // namespace finlab::web
