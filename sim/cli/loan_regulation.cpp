#include "sim/cli/loan_regulation.hpp"

#include <CLI/CLI.hpp>

#include "core/excerpt.hpp"

#include "sim/cli/command.hpp"

namespace finlab::cli {

using money::Money;
using nlohmann::ordered_json;

void RegulationArgs::add(CLI::App* cmd, bool with_charges) {
  cmd->add_option("--lender-type", lender,
                  "bank | consumer_finance | microloan (default) | private_lending | platform_facilitated: whose caps apply");
  cmd->add_option("--on", on, "date of the cap verdict YYYY-MM-DD (default: the loan's start, its contract date)");
  cmd->add_option("--caps", caps_file, "caps table CSV (default: the built-in assets/regulation/caps.csv); needs --lpr");
  cmd->add_option("--lpr", lpr_file, "LPR history CSV for --caps");
  if (with_charges)
    cmd->add_option("--charge", charges,
                    "extra charge KIND:AMOUNT[:monthly] (guarantee_fee, membership_fee, insurance, periodic_fee, upfront_fee); "
                    "once on the start day unless :monthly")
        ->take_all();
}

loan::LenderType RegulationArgs::lender_type() const {
  auto l = loan::parse_lender_type(lender);
  if (!l) throw UsageError("--lender-type: " + l.error());
  return *l;
}

std::optional<time::Date> RegulationArgs::date() const {
  if (on.empty()) return std::nullopt;
  auto d = time::Date::parse(on);
  if (!d) throw UsageError("--on: " + d.error());
  return *d;
}

std::vector<loan::ExtraCharge> RegulationArgs::extras() const {
  std::vector<loan::ExtraCharge> out;
  for (const std::string& c : charges) {
    const std::size_t a = c.find(':');
    if (a == std::string::npos) throw UsageError("--charge: expected KIND:AMOUNT[:monthly], got '" + excerpt(c) + "'");
    const std::size_t b = c.find(':', a + 1);
    auto kind = loan::parse_cost_kind(c.substr(0, a));
    if (!kind || *kind == loan::CostKind::principal || *kind == loan::CostKind::interest)
      throw UsageError("--charge: '" + excerpt(c.substr(0, a)) + "' is not a fee kind (guarantee_fee, membership_fee, insurance, periodic_fee, upfront_fee)");
    const std::string amount = c.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    auto m = Money::parse(amount);
    if (!m || !m->is_positive()) throw UsageError("--charge: '" + excerpt(amount) + "' is not a positive amount");
    bool monthly = false;
    if (b != std::string::npos) {
      if (c.substr(b + 1) != "monthly") throw UsageError("--charge: expected ':monthly' after the amount, got '" + excerpt(c.substr(b + 1)) + "'");
      monthly = true;
    }
    out.push_back({*kind, *m, monthly});
  }
  return out;
}

const loan::RateCapTable& RegulationArgs::table() const {
  if (caps_file.empty() && lpr_file.empty()) return loan::RateCapTable::builtin();
  if (caps_file.empty() || lpr_file.empty()) throw UsageError("give both --caps and --lpr (or neither, for the built-in table)");
  if (!loaded_) {
    const std::string caps = read_file(caps_file), lpr = read_file(lpr_file);
    auto t = loan::RateCapTable::parse({caps_file, caps}, {lpr_file, lpr});
    if (!t) throw InputError(t.error());
    loaded_ = std::make_shared<loan::RateCapTable>(std::move(t).value());
  }
  return *loaded_;
}

ordered_json verdict_json(const loan::CapVerdict& v) {
  ordered_json j;
  j["lender_type"] = std::string(loan::to_string(v.lender));
  j["applies_to"] = std::string(loan::to_string(v.subject));
  j["date"] = v.date.to_string();
  j["rate_pct"] = loan::format_percent(v.rate, 4);
  j["breached"] = v.breached();
  j["caps_in_force"] = v.findings.size();
  j["summary"] = v.summary_en();
  j["summary_zh"] = v.summary_zh();
  j["caps"] = ordered_json::array();
  for (const auto& f : v.findings)
    j["caps"].push_back({{"cap", f.rule->cap_text()},
                         {"limit_pct", loan::format_percent(f.limit, 4)},
                         {"breached", f.breached},
                         {"consequence", std::string(loan::to_string(f.rule->consequence))},
                         {"effective_from", f.rule->from.to_string()},
                         {"effective_to", f.rule->to ? f.rule->to->to_string() : std::string()},
                         {"uncertain", f.rule->uncertain},
                         {"source", f.rule->source},
                         {"row", f.rule->where},
                         {"reason", f.reason_en},
                         {"reason_zh", f.reason_zh}});
  return j;
}

ordered_json assessment_json(const loan::ProductAssessment& a) {
  const loan::AllInCost& c = a.cost;
  ordered_json j;
  j["rule"] = std::string(loan::to_string(c.rule));
  j["principal"] = c.principal.to_string();
  j["net_received"] = c.net_received.to_string();
  j["total_paid"] = c.total_paid.to_string();
  j["total_cost"] = c.total_cost.to_string();
  ordered_json kinds = ordered_json::object();
  for (int k = 0; k < loan::cost_kind_count; ++k)
    if (c.by_kind[k].is_positive()) kinds[std::string(loan::to_string(static_cast<loan::CostKind>(k)))] = c.by_kind[k].to_string();
  j["paid_by_kind"] = kinds;
  j["periodic_irr"] = loan::format_decimal(c.periodic_irr, 12);
  j["periods_per_year"] = static_cast<int>(c.periods_per_year);
  j["apr_pct"] = loan::format_percent(c.apr, 4);
  j["ear_pct"] = loan::format_percent(c.ear, 4);
  j["why"] = c.why_en;
  j["why_zh"] = c.why_zh;
  j["verdict"] = verdict_json(a.verdict);
  j["disclosure"] = {{"zh", a.text.zh}, {"en", a.text.en}, {"rule_zh", a.text.rule_zh}, {"rule_en", a.text.rule_en}};
  return j;
}

ordered_json penalty_json(const loan::PenaltyAssessment& a) {
  ordered_json j;
  j["contract_annual_pct"] = loan::format_percent(a.contract_annual, 4);
  j["penalty_annual_pct"] = loan::format_percent(a.penalty_annual, 4);
  j["flagged"] = a.breached();
  j["penalty"] = verdict_json(a.penalty);
  if (a.compound) j["compound"] = verdict_json(*a.compound);
  return j;
}

void print_verdict(std::ostream& os, const loan::CapVerdict& v) {
  os << (v.breached() ? "CAP BREACHED: " : "caps: ") << v.summary_en() << "\n";
  for (const auto& f : v.findings) os << "  " << (f.breached ? "x " : "ok ") << f.reason_en << "\n";
}

void print_assessment(std::ostream& os, const loan::ProductAssessment& a) {
  const loan::AllInCost& c = a.cost;
  os << "all-in cost: APR " << loan::format_percent(c.apr, 4) << "% (" << loan::to_string(c.rule) << "), EAR "
     << loan::format_percent(c.ear, 4) << "%, cost " << c.total_cost.to_string_grouped() << " on " << c.net_received.to_string_grouped()
     << " received\n";
  os << "why: " << c.why_en << "\n";
  print_verdict(os, a.verdict);
  os << "disclosure: " << a.text.zh << "\n";
  os << "disclosure (en): " << a.text.en << "\n";
}

void print_penalty(std::ostream& os, const loan::PenaltyAssessment& a) {
  os << "penalty rate " << loan::format_percent(a.penalty_annual, 2) << "% a year (contract " << loan::format_percent(a.contract_annual, 2)
     << "%)" << (a.breached() ? ": FLAGGED, above its cap" : "") << "\n";
  print_verdict(os, a.penalty);
  if (a.compound) print_verdict(os, *a.compound);
}

}  // namespace finlab::cli
