// `finlab sim show`: a stored run as tables and as one JSON document (sim_report.hpp).
#include "sim/cli/sim_report.hpp"

#include <iostream>

namespace finlab::cli {

using nlohmann::ordered_json;
namespace sm = finlab::sim;

const sm::NamedValue* find_total(const std::vector<sm::NamedValue>& t, const std::string& name) {
  for (const auto& v : t) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

std::string with_unit(const sm::NamedValue& v) {
  if (v.unit == "%") return v.value + "%";
  return v.value;
}

Table totals_table(const std::vector<sm::NamedValue>& totals) {
  Table t;
  t.headers = {"total", "value", "unit"};
  t.align = {Align::left, Align::right, Align::left};
  for (const auto& v : totals) t.rows.push_back({v.name, v.value, v.unit});
  return t;
}

ordered_json totals_json(const std::vector<sm::NamedValue>& totals) {
  ordered_json j = ordered_json::object();
  for (const auto& v : totals) j[v.name] = v.value;
  return j;
}

std::vector<sm::KpiInterval> run_intervals(const sm::StoredRun& r, std::int64_t min_events) {
  return sm::total_intervals(r.acc, r.quality_recorded, min_events);
}

std::string interval_cell(const sm::KpiInterval& k) {
  if (k.method == sm::IntervalMethod::replication) return "--replicates";
  if (!k.available) return "-";
  return "[" + k.low + ", " + k.high + "]";
}

std::string events_cell(const sm::KpiInterval& k) {
  if (k.method == sm::IntervalMethod::replication || !k.available) return "-";
  return std::to_string(k.events) + " of " + std::to_string(k.trials) + (k.few_events ? ": few" : "");
}

ordered_json interval_json(const sm::KpiInterval& k) {
  const bool analytic = k.method != sm::IntervalMethod::replication;
  return {{"value", k.value},
          {"low", k.available ? ordered_json(k.low) : ordered_json(nullptr)},
          {"high", k.available ? ordered_json(k.high) : ordered_json(nullptr)},
          {"events", analytic && k.available ? ordered_json(k.events) : ordered_json(nullptr)},
          {"trials", analytic && k.available ? ordered_json(k.trials) : ordered_json(nullptr)},
          {"few_events", analytic && k.available ? ordered_json(k.few_events) : ordered_json(nullptr)},
          {"method", sm::method_name(k.method)}};
}

ordered_json intervals_json(const std::vector<sm::KpiInterval>& v) {
  ordered_json j = ordered_json::object();
  for (const auto& k : v) j[k.name] = interval_json(k);
  return j;
}

Table totals_table(const std::vector<sm::NamedValue>& totals, const std::vector<sm::KpiInterval>& intervals) {
  Table t;
  t.headers = {"total", "value", "unit", "95% interval", "events"};
  t.align = {Align::left, Align::right, Align::left, Align::left, Align::right};
  for (const auto& v : totals) {
    const sm::KpiInterval* k = sm::find_interval(intervals, v.name);
    t.rows.push_back({v.name, v.value, v.unit, k ? interval_cell(*k) : "", k ? events_cell(*k) : ""});
  }
  return t;
}

namespace {

ordered_json months_json(const sm::StoredRun& r) {
  ordered_json arr = ordered_json::array();
  const auto& cols = sm::monthly_columns();
  for (const auto& row : sm::monthly_rows(r.acc, r.kpi_context())) {
    ordered_json o;
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (k == 0) o[cols[k]] = std::stoi(row[k]);
      else o[cols[k]] = row[k];
    }
    arr.push_back(o);
  }
  return arr;
}

ordered_json vintages_json(const sm::StoredRun& r) {
  ordered_json arr = ordered_json::array();
  const auto ctx = r.kpi_context();
  for (const auto& v : sm::vintage_curves(r.acc)) {
    arr.push_back({{"vintage", sm::period_of(ctx.start, v.orig_month)},
                   {"mob", v.mob},
                   {"loans", v.loans},
                   {"bad_loans", v.bad_loans},
                   {"booked_amount", sm::yuan_of(v.booked_fen)},
                   {"bad_amount", sm::yuan_of(v.bad_fen)},
                   {"cum_bad_rate", sm::percent_of(v.bad_fen, v.booked_fen)}});
  }
  return arr;
}

ordered_json partners_json(const sm::StoredRun& r) {
  ordered_json arr = ordered_json::array();
  for (std::size_t p = 0; p < r.partner_names.size(); ++p) {
    sm::PartnerAcc sum;
    for (const auto& m : r.acc.month) sum.add(m.partners[p]);
    arr.push_back({{"partner", r.partner_names[p]},
                   {"booked_amount", sm::yuan_of(sum.booked_fen)},
                   {"income", sm::yuan_of(sum.income_fen)},
                   {"funding_cost", sm::yuan_of(sum.funding_cost_fen)},
                   {"chargeoffs", sm::yuan_of(sum.chargeoff_fen)},
                   {"recoveries", sm::yuan_of(sum.recoveries_fen)},
                   {"interest_tax", sm::yuan_of(sum.interest_tax_fen)},
                   {"capital_charge", sm::yuan_of(sum.capital_charge_fen)},
                   {"guarantee_fee", sm::yuan_of(sum.guarantee_fee_fen)},
                   {"guaranteed_losses", sm::yuan_of(sum.guaranteed_loss_fen)},
                   {"outstanding", sm::yuan_of(r.acc.month.back().partners[p].outstanding_fen)}});
  }
  return arr;
}

// Score distribution: training history vs the run's applicants by scorecard band.
struct BandRow {
  std::string band;
  std::int64_t train = 0, applicants = 0;
};
std::vector<BandRow> band_rows(const sm::StoredRun& r) {
  std::vector<BandRow> rows;
  for (std::size_t b = 0; b < r.band_names.size() && b < static_cast<std::size_t>(sm::kMaxScoreBands); ++b) {
    BandRow row;
    row.band = r.band_names[b];
    row.train = b < r.train_band_counts.size() ? r.train_band_counts[b] : 0;
    for (const auto& m : r.acc.month) row.applicants += m.applicant_bands[b];
    rows.push_back(row);
  }
  return rows;
}

ordered_json bands_json(const sm::StoredRun& r) {
  std::int64_t tt = 0, ta = 0;
  const auto rows = band_rows(r);
  for (const auto& x : rows) {
    tt += x.train;
    ta += x.applicants;
  }
  ordered_json arr = ordered_json::array();
  for (const auto& x : rows) {
    arr.push_back({{"band", x.band}, {"training_share", sm::percent_of(x.train, tt)}, {"applicants", x.applicants},
                   {"applicants_share", sm::percent_of(x.applicants, ta)}});
  }
  return arr;
}

}  // namespace

ordered_json run_doc(const sm::StoredRun& r, std::int64_t min_events) {
  ordered_json doc;
  doc["run_id"] = r.summary.run_id;
  doc["status"] = r.summary.status;
  doc["created_at"] = r.summary.created_at;
  doc["finished_at"] = r.summary.finished_at;
  doc["engine_version"] = r.summary.engine_version;
  doc["policy"] = r.summary.policy_name;
  doc["scenario"] = r.summary.scenario_name;
  doc["users"] = r.summary.users;
  doc["months"] = r.summary.months;
  doc["seed"] = std::to_string(r.summary.seed);
  doc["history_users"] = r.history_users;
  doc["scorecard_auc"] = r.train_auc;
  doc["totals"] = totals_json(r.totals);
  doc["min_events"] = min_events;
  doc["intervals"] = intervals_json(run_intervals(r, min_events));
  doc["analyses"] = totals_json(r.analyses);
  doc["score_bands"] = bands_json(r);
  doc["partners"] = partners_json(r);
  doc["months_detail"] = months_json(r);
  doc["vintages"] = vintages_json(r);
  doc["credit_quality"] = quality_json(r, min_events);
  return doc;
}

void print_show(const sm::StoredRun& r, std::int64_t min_events) {
  const auto& s = r.summary;
  std::cout << "run " << s.run_id << " (" << s.status << "), " << s.engine_version << ", created " << s.created_at << "\n"
            << "policy " << s.policy_name << ", scenario " << s.scenario_name << ", " << s.users << " users x " << s.months
            << " months, seed " << s.seed << ", scorecard trained on " << r.history_users << " history users (test AUC " << r.train_auc
            << ")\n\nTotals (95% intervals and events: docs/sim.md \"Uncertainty of the figures\"; few = fewer than " << min_events
            << " events or non-events)\n";
  print_table(std::cout, totals_table(r.totals, run_intervals(r, min_events)));

  std::cout << "\nMonths\n";
  Table m;
  m.headers = {"month", "period", "applicants", "approval", "booked", "outstanding", "30+", "charge-offs", "net profit", "fund AUM", "PSI"};
  m.align = {Align::right, Align::left};
  for (const auto& row : sm::monthly_rows(r.acc, r.kpi_context())) {
    m.rows.push_back({row[0], row[1], row[2], row[3] + "%", row[5], row[6], row[7] + "%", row[9], row[16], row[18], row[22]});
  }
  print_table(std::cout, m);

  auto a = [&](const std::string& n) {
    const auto* v = find_total(r.analyses, n);
    return v ? with_unit(*v) : std::string("-");
  };
  std::cout << "\nValue of behaviour data (approval at equal expected bad rate)\n";
  Table v;
  v.headers = {"score", "cutoff", "approved", "approval rate", "expected bad rate"};
  v.align = {Align::left};
  v.rows.push_back({"behaviour-enhanced", a("behaviour_cutoff"), a("behaviour_approved"), a("behaviour_approval_rate"), a("behaviour_bad_rate")});
  v.rows.push_back({"application data only", a("application_cutoff"), a("application_approved"), a("application_approval_rate"),
                    a("application_bad_rate")});
  print_table(std::cout, v);
  std::cout << "approval gain from behaviour data: " << a("approval_gain") << " of the population\n";

  std::cout << "\nSwap-in / swap-out: champion = application-only score >= " << a("swap_champion_cutoff")
            << " (same approvals), challenger = behaviour score >= " << a("swap_challenger_cutoff") << "\n";
  Table sw;
  sw.headers = {"cell", "users", "expected bad rate", "observed bads"};
  sw.align = {Align::left};
  for (const char* cell : {"both_approve", "swap_out", "swap_in", "both_decline"}) {
    const std::string c = cell;
    sw.rows.push_back({c, a("swap_" + c + "_count"), a("swap_" + c + "_bad_rate"), a("swap_" + c + "_bads")});
  }
  print_table(std::cout, sw);

  if (find_total(r.analyses, "history_booked")) {
    std::cout << "\nSelection bias: the scorecard learned from a history booked by an incumbent policy (score >= "
              << a("history_incumbent_cutoff") << "); reject inference: " << a("history_reject_inference") << "\n";
    Table hb;
    hb.headers = {"history applicants", "booked (outcome known)", "booking rate", "booked at random", "bad rate of the booked",
                  "bad rate of everyone (truth)", "rejects inferred bad", "AUC on the booked"};
    hb.rows.push_back({a("history_applicants"), a("history_booked"), a("history_booking_rate"), a("history_holdout_booked"),
                       a("history_booked_bad_rate"), a("history_true_bad_rate"), a("history_inferred_bads"), a("history_booked_auc")});
    print_table(std::cout, hb);
  }

  if (find_total(r.analyses, "suitability_eligible")) {
    std::cout << "\nSuitability: users by risk class; investment products (index funds, R3) offered to the classes the policy names, "
                 "below C3 only with a signed warning, never to the lowest category\n";
    Table su;
    su.headers = {"C1", "of which lowest category", "C2", "C3", "C4", "C5", "eligible", "with a signed warning", "eligible share"};
    su.rows.push_back({a("suitability_c1_users"), a("suitability_lowest_category"), a("suitability_c2_users"), a("suitability_c3_users"),
                       a("suitability_c4_users"), a("suitability_c5_users"), a("suitability_eligible"), a("suitability_eligible_with_warning"),
                       a("suitability_eligible_rate")});
    print_table(std::cout, su);
  }

  std::cout << "\nScore distribution: scorecard bands of the training history vs the run's applicants (PSI by month above)\n";
  Table sb;
  sb.headers = {"band", "training share", "applicants", "applicants share"};
  sb.align = {Align::left};
  for (const auto& j : bands_json(r)) {
    sb.rows.push_back({j["band"].get<std::string>(), j["training_share"].get<std::string>() + "%", std::to_string(j["applicants"].get<std::int64_t>()),
                       j["applicants_share"].get<std::string>() + "%"});
  }
  print_table(std::cout, sb);

  std::cout << "\nPartners\n";
  Table p;
  p.headers = {"partner", "booked", "income", "funding cost", "charge-offs", "recoveries", "outstanding"};
  p.align = {Align::left};
  for (const auto& j : partners_json(r)) {
    auto g = [&](const char* k) { return j[k].get<std::string>(); };
    p.rows.push_back({g("partner"), g("booked_amount"), g("income"), g("funding_cost"), g("chargeoffs"), g("recoveries"), g("outstanding")});
  }
  print_table(std::cout, p);

  std::cout << "\nVintages: cumulative 30+ bad rate (original amounts) by months on book\n";
  Table vt;
  vt.headers = {"vintage", "loans", "booked", "MOB3", "MOB6", "MOB9", "MOB12"};
  vt.align = {Align::left};
  const auto ctx = r.kpi_context();
  const auto curves = sm::vintage_curves(r.acc);
  for (int o = 0; o < r.summary.months; ++o) {
    std::vector<std::string> row{sm::period_of(ctx.start, o)};
    bool any = false;
    std::string cells[4] = {"-", "-", "-", "-"};
    for (const auto& c : curves) {
      if (c.orig_month != o) continue;
      if (!any) {
        row.push_back(std::to_string(c.loans));
        row.push_back(sm::yuan_of(c.booked_fen));
        any = true;
      }
      for (int k = 0; k < 4; ++k) {
        if (c.mob == 3 * (k + 1)) cells[k] = sm::percent_of(c.bad_fen, c.booked_fen, 2) + "%";
      }
    }
    if (!any) continue;
    for (const auto& c : cells) row.push_back(c);
    vt.rows.push_back(row);
  }
  print_table(std::cout, vt);
  print_quality(r, min_events);
}

}  // namespace finlab::cli
