// Policy lab, Results tab: the run's full P&L as a waterfall (docs/sim.md
// "Full P&L"): interest + penalty + fees − funding − provision expense −
// fund subsidy − acquisition − data − collection − interest tax − capital
// charge = net profit. Each term is a run total in fen summed from the
// stored monthly accumulators (the terms of sim::net_profit, sim/kpi.cpp);
// their sum is checked against the run's net_profit to the fen before it is
// shown. Deliberately not here: drawing (policy_lab_panel_pnl.cpp) and any
// P&L rule (sim/pnl.hpp, sim/kpi.hpp).
#include <string>

#include "core/error.hpp"
#include "core/money/rounding.hpp"
#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

namespace {

struct Term {
  const char* key;
  const char* label_en;
  std::int64_t fen;  // signed as it enters net profit
  bool income;       // an income line (a cost line otherwise)
};

Lang other(Lang l) { return l == Lang::zh ? Lang::en : Lang::zh; }

}  // namespace

void PolicyLabModel::build_pnl(Ui& ui) {
  LabPnlView& p = view_.current.pnl;
  p = LabPnlView{};
  const sim::StoredRun& r = current_->run;
  const sim::MonthAcc s = sum_months(r.acc);
  std::int64_t prov = 0, net = 0;
  for (int m = 0; m < r.acc.months; ++m) {
    prov = money::narrow_checked(money::int128(prov) + sim::provision_expense(r.acc, m), "provision expense");
    net = money::narrow_checked(money::int128(net) + sim::net_profit(r.acc, m), "net profit");
  }
  const Term terms[] = {{"interest", "Contract interest", s.interest_fen, true},
                        {"penalty", "Penalty interest", s.penalty_fen, true},
                        {"fees", "Origination fees", s.fee_fen, true},
                        {"funding", "Funding cost", -s.funding_cost_fen, false},
                        {"provision", "Provision expense", -prov, false},
                        {"subsidy", "Fund subsidy (加息)", -s.subsidy_fen, false},
                        {"acquisition", "Acquisition cost", -s.acquisition_cost_fen, false},
                        {"data", "Data and credit-bureau cost", -s.data_cost_fen, false},
                        {"collection", "Collection cost", -s.collection_cost_fen, false},
                        {"interest_tax", "Tax on interest income", -s.interest_tax_fen, false},
                        {"capital", "Capital charge", -s.capital_charge_fen, false}};
  const Lang lang = ui.lang();
  money::int128 cum = 0;
  for (const Term& t : terms) {
    LabPnlStep st;
    st.key = t.key;
    st.label_en = t.label_en;
    st.label = translate(lang, t.label_en);
    st.label_other = translate(other(lang), t.label_en);
    st.fen = t.fen;
    // Signed as the term moves the net profit: "+¥…" adds, "−¥…" takes away.
    st.kind = t.fen > 0 ? 1 : (t.fen < 0 ? -1 : (t.income ? 1 : -1));
    st.value = t.fen > 0 ? "+" + yuan_text(t.fen) : (t.fen < 0 ? "−" + yuan_text(-t.fen) : yuan_text(0));
    st.yuan = sim::yuan_of(t.fen);
    st.from = to_plot(money::narrow_checked(cum, "P&L waterfall"), 2);
    cum += t.fen;
    st.to = to_plot(money::narrow_checked(cum, "P&L waterfall"), 2);
    p.steps.push_back(std::move(st));
  }
  // The identity holds by construction in sim/kpi.cpp; a difference here
  // would mean the waterfall shows other terms than the net profit's.
  FINLAB_REQUIRE(cum == net, "P&L waterfall: the terms add up to " << sim::yuan_of(money::narrow_checked(cum, "P&L")) << ", net profit is "
                                                                    << sim::yuan_of(net));
  FINLAB_REQUIRE(total_of(r, "net_profit").empty() || total_of(r, "net_profit") == sim::yuan_of(net),
                 "P&L waterfall: net profit " << sim::yuan_of(net) << " differs from the stored total " << total_of(r, "net_profit"));
  LabPnlStep n;
  n.key = "net_profit";
  n.label_en = "Net profit";
  n.label = translate(lang, n.label_en);
  n.label_other = translate(other(lang), n.label_en);
  n.fen = net;
  n.value = yuan_text(net);
  n.yuan = sim::yuan_of(net);
  n.kind = 0;
  n.from = 0;
  n.to = to_plot(net, 2);
  p.steps.push_back(std::move(n));
  p.present = true;
  p.formula = ui.tr("net profit = interest + penalty interest + fees − funding cost − provision expense − fund subsidy (加息) − acquisition − data − collection − interest tax − capital charge, summed over months");
  p.table = LabTable{"pnl", {ui.tr("Term"), lang == Lang::zh ? "English" : "中文", ui.tr("Amount (¥)")}, {}};
  for (const auto& st : p.steps) p.table.rows.push_back({st.label, st.label_other, st.yuan});
}

}  // namespace finlab::web::lab
