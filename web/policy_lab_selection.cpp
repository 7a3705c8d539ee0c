// Policy lab, Results tab: the selection-bias report of the run (sim/
// selection_report.hpp, docs/sim.md "Selection-bias report"): for each
// reject-inference method, the bad rate the team's card predicts for the
// swap-ins (applicants the incumbent declined whom the new card approves)
// next to the bad rate they really have, as `finlab sim selection` prints
// it. Trained on request (five cards on the run's history), kept per run.
#include "sim/selection_report.hpp"
#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

void PolicyLabModel::compute_selection() {
  selection_.reset();
  selection_error_.clear();
  if (!current_) return;
  auto config = current_->run.config();
  if (!config) {
    selection_error_ = config.error();
    return;
  }
  const sim::RunConfig& c = config.value();
  auto report = sim::selection_report(c.policy, c.seed, c.history_users, c.population);
  if (!report) {
    selection_error_ = report.error();
    return;
  }
  selection_ = std::move(report).value();
  selection_run_ = current_->ref;
}

void build_selection(Ui& ui, const std::optional<sim::SelectionReport>& rep, const std::string& error, LabRunView& v) {
  v.selection_error = error;
  v.selection_present = rep.has_value();
  if (!rep) return;
  const Lang lang = ui.lang();
  auto pct = [](const std::string& s) { return s.empty() ? std::string("–") : s + "%"; };
  v.selection_table.id = "selection";
  v.selection_table.header = {ui.tr("Reject inference"), ui.tr("AUC (all)"),      ui.tr("Swap-ins"),     ui.tr("Predicted bad rate"),
                              ui.tr("True bad rate"),    ui.tr("Difference (pp)"), ui.tr("Swap-outs"), ui.tr("Swap-outs' true bad rate")};
  for (const sim::SelectionRow& r : rep->rows) {
    std::string method(credit::to_string(r.method));
    if (r.method == rep->run_method) method += " *";
    const std::string diff = sim::difference_pp(r);
    v.selection_table.rows.push_back({method, sim::auc_text(r), format_int(r.swap_in), pct(sim::predicted_bad_rate(r)), pct(sim::true_bad_rate(r)),
                                      diff.empty() ? "–" : diff, format_int(r.swap_out), pct(sim::swap_out_bad_rate(r))});
  }
  v.selection_note = std::string(ui.tr("Swap-ins: history applicants the incumbent declined (no outcome for the team) whom the card approves at the cutoff")) +
                     " " + std::to_string(rep->cutoff) + paren(std::string(ui.tr("incumbent cutoff")) + " " + std::to_string(rep->incumbent_cutoff), lang) +
                     ". " + ui.tr("Only a simulation knows the true column. * = this policy's method.");
}

}  // namespace finlab::web::lab
