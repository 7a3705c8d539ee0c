// `finlab sim compare`: two stored runs' totals side by side (sim_store.hpp).
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/cli/output.hpp"
#include "sim/cli/sim_report.hpp"
#include "sim/cli/sim_store.hpp"

namespace finlab::cli {

namespace {

namespace sm = finlab::sim;
using nlohmann::ordered_json;

enum class DiffKind { amount, rate, count, text };

DiffKind kind_of(const sm::NamedValue& v) {
  if (v.unit == "yuan") return DiffKind::amount;
  if (v.unit == "%" || v.unit == "ratio") return DiffKind::rate;
  if (v.unit == "count" || v.unit == "months") return DiffKind::count;
  return DiffKind::text;
}

std::string difference(const sm::NamedValue& a, const sm::NamedValue& b) {
  switch (kind_of(a)) {
    case DiffKind::amount: {
      auto x = money::parse_fixed(a.value, 2), y = money::parse_fixed(b.value, 2);
      if (x && y) return money::format_fixed(y.value() - x.value(), 2);
      break;
    }
    case DiffKind::rate: {
      auto x = money::parse_fixed(a.value, 4), y = money::parse_fixed(b.value, 4);
      if (x && y) return money::format_fixed(y.value() - x.value(), 4);
      break;
    }
    case DiffKind::count: {
      try {
        return std::to_string(std::stoll(b.value) - std::stoll(a.value));
      } catch (...) {
      }
      break;
    }
    case DiffKind::text: return a.value == b.value ? "" : "differs";
  }
  return a.value == b.value ? "0" : "differs";
}

// "within noise": the two runs' 95% intervals overlap (docs/sim.md "Uncertainty of the figures").
struct Noise {
  const sm::KpiInterval* a = nullptr;
  const sm::KpiInterval* b = nullptr;
  bool known() const { return a && b && a->available && b->available; }
  bool within() const { return known() && sm::intervals_overlap(*a, *b); }
  std::string cell() const { return !known() ? "" : (within() ? "within noise" : "beyond noise"); }
};

}  // namespace

void run_compare(std::int64_t ida, std::int64_t idb, const std::string& db, bool json, std::int64_t min_events) {
  sm::RunStore store = open_store(db);
  const sm::StoredRun a = load_run(store, ida);
  const sm::StoredRun b = load_run(store, idb);
  const auto ia = run_intervals(a, min_events), ib = run_intervals(b, min_events);
  auto noise = [&](const std::string& name) { return Noise{sm::find_interval(ia, name), sm::find_interval(ib, name)}; };
  if (json) {
    ordered_json rows = ordered_json::array();
    for (const auto& va : a.totals) {
      const auto* vb = find_total(b.totals, va.name);
      if (!vb) continue;
      ordered_json row = {{"name", va.name}, {"unit", va.unit}, {"a", va.value}, {"b", vb->value}, {"difference", difference(va, *vb)}};
      const Noise n = noise(va.name);
      if (n.known()) {
        row["a_interval"] = interval_json(*n.a);
        row["b_interval"] = interval_json(*n.b);
        row["within_noise"] = n.within();
      }
      rows.push_back(std::move(row));
    }
    ordered_json doc = {{"a", {{"run_id", ida}, {"policy", a.summary.policy_name}, {"scenario", a.summary.scenario_name}}},
                        {"b", {{"run_id", idb}, {"policy", b.summary.policy_name}, {"scenario", b.summary.scenario_name}}},
                        {"totals", rows}};
    std::cout << doc.dump(2) << "\n";
    return;
  }
  std::cout << "A = run " << ida << " (" << a.summary.policy_name << ", " << a.summary.scenario_name << ", " << a.summary.users << " users, seed "
            << a.summary.seed << ")\nB = run " << idb << " (" << b.summary.policy_name << ", " << b.summary.scenario_name << ", "
            << b.summary.users << " users, seed " << b.summary.seed << ")\n\n";
  Table t;
  t.headers = {"total", "A", "B", "B - A", "unit", "noise"};
  t.align = {Align::left, Align::right, Align::right, Align::right, Align::left, Align::left};
  for (const auto& va : a.totals) {
    const auto* vb = find_total(b.totals, va.name);
    if (!vb) continue;
    const std::string unit = kind_of(va) == DiffKind::rate && va.unit == "%" ? "% (diff in points)" : va.unit;
    t.rows.push_back({va.name, va.value, vb->value, difference(va, *vb), unit, noise(va.name).cell()});
  }
  print_table(std::cout, t);
  std::cout << "\nwithin noise: the two runs' 95% intervals overlap, so their own sampling noise can explain the difference; beyond noise: "
               "they do not (docs/sim.md \"Uncertainty of the figures\")\n";
}

}  // namespace finlab::cli
