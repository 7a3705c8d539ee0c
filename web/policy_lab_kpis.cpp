#include "web/policy_lab_kpis.hpp"

#include "web/format.hpp"

namespace finlab::web {

namespace {

// [D] directions: the platform's point of view (profit, income, volume up;
// losses, delinquency, costs and population drift down); counts of activity
// that are neither good nor bad in themselves are 0.
const KpiText kKpis[] = {
    {"applicants", "Applicants", "申请人数", 0},
    {"approval_rate", "Approval rate", "批准率", 0},
    {"approved", "Applications approved", "批准笔数", 0},
    {"average_loan", "Average loan", "平均贷款额", 0},
    {"booked_amount", "Amount lent", "放款金额", +1},
    {"booked_count", "Loans made", "放款笔数", +1},
    {"chargeoff_count", "Loans written off", "核销笔数", -1},
    {"chargeoffs", "Amount written off", "核销金额", -1},
    {"dq1_rate", "1+ days past due", "逾期 1 天以上占比", -1},
    {"dq30_rate", "30+ days past due", "逾期 30 天以上占比", -1},
    {"dq90_rate", "90+ days past due", "逾期 90 天以上占比", -1},
    {"fast_redemption_peak_amount", "Fast redemptions on the busiest day", "快速赎回最多一天的金额", 0},
    {"fast_redemption_peak_day", "Busiest day of fast redemptions", "快速赎回最多的一天", 0},
    {"fast_redemptions", "Fast redemptions", "快速赎回", 0},
    {"fee_income", "Fee income", "手续费收入", +1},
    {"fund_aum", "Fund balance (AUM)", "基金规模（AUM）", +1},
    {"fund_deposits", "Money put into the fund", "基金申购金额", +1},
    {"fund_holders", "Fund holders", "基金持有人数", +1},
    {"fund_income_paid", "Fund income paid to users", "支付给用户的基金收益", 0},
    {"fund_redemptions", "Fund redemptions", "基金赎回金额", 0},
    {"fund_rounding_residual", "Fund income left by rounding", "基金收益舍入余差", 0},
    {"funding_cost", "Funding cost", "资金成本", -1},
    // Analyses: the history the run's scorecard learned from (not judged).
    {"history_applicants", "History applicants", "历史申请人数", 0},
    {"history_booked", "History applicants booked (outcome known)", "历史放款人数（结果已知）", 0},
    {"history_booked_auc", "AUC on the booked history", "已放款历史样本上的 AUC", 0},
    {"history_booked_bad_rate", "Bad rate of the booked history", "已放款历史样本的坏账率", 0},
    {"history_booking_rate", "History booking rate", "历史放款率", 0},
    {"history_holdout_booked", "History booked at random below the cutoff", "低于分数线随机放款的历史人数", 0},
    {"history_incumbent_cutoff", "Incumbent policy's cutoff", "原有策略的分数线", 0},
    {"history_inferred_bads", "Rejects inferred bad", "推断为坏的被拒申请人", 0},
    {"history_reject_inference", "Reject inference method", "拒绝推断方法", 0},
    {"history_true_bad_rate", "Bad rate of every history applicant (truth)", "全部历史申请人的坏账率（真实）", 0},
    {"interest_income", "Interest income", "利息收入", +1},
    {"loss_rate", "Loss rate", "损失率", -1},
    {"months", "Months", "月数", 0},
    {"net_profit", "Net profit", "净利润", +1},
    {"outstanding", "Loans outstanding", "贷款余额", 0},
    {"penalty_income", "Penalty interest income", "罚息收入", 0},
    {"platform_profit", "Platform profit", "平台利润", +1},
    {"fraud_booked", "Loans made to fraudsters (simulated truth)", "放给欺诈者的贷款笔数（模拟真值）", -1},
    {"not_taken_up", "Approved offers not taken", "获批但未借款的笔数", 0},
    {"provision", "Loss provision", "损失准备", 0},
    {"provision_expense", "Provision expense", "计提的损失准备费用", -1},
    {"psi_max", "Largest population shift (PSI)", "最大人群偏移（PSI）", -1},
    {"recoveries", "Recoveries", "回收金额", +1},
    {"roa", "Return on assets", "资产收益率", +1},
    {"subsidy_cost", "Fund subsidy (加息)", "加息补贴成本", -1},
    {"takeup_rate", "Take-up of approved offers", "获批后借款率", 0},
    {"test_and_learn_amount", "Amount lent below the cutoff (test-and-learn)", "低于分数线的试验放款金额", 0},
    {"test_and_learn_booked", "Loans made below the cutoff (test-and-learn)", "低于分数线的试验放款笔数", 0},
    {"test_and_learn_chargeoffs", "Written off from test-and-learn loans", "试验放款的核销金额", -1},
    {"users", "Users", "用户数", 0},
    // Full P&L (docs/sim.md "Full P&L").
    {"new_applicants", "New applicants (first application)", "新申请人数（首次申请）", 0},
    {"acquisition_cost", "Acquisition cost", "获客成本", -1},
    {"data_cost", "Data and credit-bureau cost", "数据与征信查询成本", -1},
    {"collection_accounts", "Delinquent account-months in collection", "催收的逾期账户月数", -1},
    {"collection_cost", "Collection cost", "催收成本", -1},
    {"interest_tax", "Tax on interest income (VAT)", "利息收入税费（增值税）", -1},
    {"capital_charge", "Capital charge", "资本占用成本", -1},
    {"provision_stage1", "Provision stage 1 (12-month ECL)", "第一阶段损失准备（12 个月预期信用损失）", 0},
    {"provision_stage2", "Provision stage 2 (lifetime ECL)", "第二阶段损失准备（整个存续期预期信用损失）", -1},
    {"provision_stage3", "Provision stage 3 (credit-impaired)", "第三阶段损失准备（已发生信用减值）", -1},
    {"guarantee_fee_income", "Guarantee fees from partners", "向合作方收取的担保费", +1},
    {"guaranteed_losses", "Partner losses borne by the platform", "平台承担的合作方损失", -1},
    // Customer behaviour (docs/sim.md "Customer behaviour").
    {"prepaid", "Loans repaid early", "提前还清的贷款笔数", 0},
    {"prepaid_amount", "Principal repaid early", "提前偿还的本金", 0},
    {"repeat_draws", "Draws on open credit lines", "用户在已有额度上的再次支用笔数", 0},
    {"repeat_draw_amount", "Amount drawn on open credit lines", "已有额度上再次支用的金额", 0},
    {"repeat_draw_share", "Share of loans that were draws on a line", "再次支用占放款笔数的比例", 0},
    {"lines_raised", "Credit lines raised (limit ladder)", "额度提升次数（额度阶梯）", 0},
    {"lines_cut", "Credit lines cut (limit ladder)", "额度下调次数（额度阶梯）", 0},
    {"lines_closed", "Credit lines closed (limit ladder)", "额度关闭次数（额度阶梯）", 0},
    {"open_lines", "Users holding an open credit line", "持有可用额度的用户数", 0},
    {"open_line_amount", "Open credit lines in total", "可用额度总额", 0},
    {"score_down_20", "Users whose score fell 20+ points", "评分下降 20 分以上的用户数", 0},
};

}  // namespace

const KpiText* kpi_text(std::string_view name) {
  for (const KpiText& k : kKpis)
    if (name == k.name) return &k;
  return nullptr;
}

std::string kpi_label(std::string_view name, Lang lang) {
  const KpiText* k = kpi_text(name);
  if (!k) return std::string(name);
  return lang == Lang::zh ? k->zh : k->en;
}

int kpi_judgement(std::string_view name, const std::string& diff_text) {
  const KpiText* k = kpi_text(name);
  if (!k || k->better == 0 || diff_text.empty()) return 0;
  const int moved = diff_text[0] == '+' ? 1 : (diff_text[0] == '-' ? -1 : 0);
  return moved * k->better;
}

std::vector<sim::KpiInterval> kpi_intervals(const sim::StoredRun& r) {
  return sim::total_intervals(r.acc, r.quality_recorded, sim::kDefaultMinEvents);
}

namespace {
std::string events_of(const sim::KpiInterval& k) { return format_int(k.events) + " / " + format_int(k.trials); }
}  // namespace

std::string kpi_interval_suffix(const sim::KpiInterval* k, Lang lang) {
  if (!k || !k->available) return "";
  std::string s = " [" + k->low + ", " + k->high + "]";
  if (k->few_events) s += std::string(" ⚠ ") + translate(lang, "few events") + " (" + events_of(*k) + ")";
  return s;
}

std::string kpi_interval_line(const sim::KpiInterval* k, Lang lang) {
  if (!k || !k->available) return "";
  return std::string(translate(lang, "95% interval")) + " " + k->low + "–" + k->high + "% · " + events_of(*k);
}

}  // namespace finlab::web
