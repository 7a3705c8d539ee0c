#include "web/i18n_policy_lab.hpp"

namespace finlab::web {

namespace {

// clang-format off
const I18nPair kPolicyLab[] = {
  // ---- CSV export
  {"Download CSV", "下载 CSV"},
  {"Downloaded", "已下载"},
  {"Nothing to export: the table is empty.", "没有可导出的内容：表格为空。"},
  {"Judgement", "评价"},
  {"better", "更好"},
  {"worse", "更差"},
  {"Status", "状态"},
  {"Value (as stored)", "数值（按存储）"},
  // ---- event counts
  {"few events", "事件过少"},
  {"applications", "笔申请"},
  {"loans booked", "笔放款"},
  {"loans charged off", "笔核销"},
  {"loans 30+ days past due", "笔逾期 30 天以上"},
  {"⚠ marks a figure resting on fewer than 30 events (loans, charge-offs, bads): a rate from so few cases is uncertain.",
   "⚠ 表示该数字所依据的事件少于 30 个（放款、核销、坏客户）：基于如此少的案例得出的比率不确定。"},
  // ---- value of behaviour data, swap matrix
  {"Value of behaviour data", "行为数据的价值"},
  {"Expected bad rate", "预期坏账率"},
  {"Observed bads", "实际坏客户数"},
  {"Observed bad rate", "实际坏账率"},
  {"Approval gain from behaviour data at the same expected bad rate:", "在相同预期坏账率下，行为数据带来的批准率提升："},
  {"of the population", "（占全部人群）"},
  {"Swap-in / swap-out: who A and B approve", "换入 / 换出：A 与 B 各自批准谁"},
  {"application-data-only score", "仅申请数据评分"},
  {"behaviour-enhanced score", "行为增强评分"},
  {"cutoff matched to B's number of approvals", "分数线调整至与 B 批准人数相同"},
  {"the policy's cutoff", "策略的分数线"},
  {"approves", "批准"},
  {"declines", "拒绝"},
  {"total", "合计"},
  {"A approves", "A 批准"},
  {"A declines", "A 拒绝"},
  {"B approves", "B 批准"},
  {"B declines", "B 拒绝"},
  {"expected", "预期"},
  {"bads", "坏客户"},
  {"Swap-out (A approves, B declines) and swap-in (A declines, B approves) are the users the behaviour data changes; their bad rates say whether the change is good.",
   "换出（A 批准、B 拒绝）与换入（A 拒绝、B 批准）是行为数据改变决定的用户；他们的坏账率说明这种改变是否有利。"},
  {"History the scorecard learned from", "评分卡学习所用的历史数据"},
  {"Figure", "指标"},
  {"All totals", "全部合计指标"},
  {"No analyses stored with this run.", "此次模拟没有保存分析结果。"},
  // ---- score drift
  {"Score drift (monitoring)", "评分漂移（监控）"},
  {"Thresholds (PSI and CSI):", "阈值（PSI 与 CSI）："},
  {"stable", "稳定"},
  {"moderate shift", "中度偏移"},
  {"significant shift", "显著偏移"},
  {"Month", "月份"},
  {"Applicants scored", "评分的申请人"},
  {"Score PSI", "评分 PSI"},
  {"Verdict", "结论"},
  {"no applicants", "无申请人"},
  {"Score drift over the months:", "各月评分漂移："},
  {"Feature", "特征"},
  {"Feature stability (CSI)", "特征稳定性（CSI）"},
  {"Feature stability could not be computed:", "无法计算特征稳定性："},
  {"CSI: the run's population", "CSI：本次模拟的人群"},
  {"the first of the run's users", "取本次模拟最前面的用户"},
  {"against the scorecard's training sample; score PSI of that population:", "对比评分卡的训练样本；该人群的评分 PSI："},
  {"The simulation keeps no features by month, so CSI is over the whole population; the scenario's consent shock is not applied.",
   "模拟不按月保存特征，因此 CSI 针对整个人群计算；未应用情景中的授权撤回冲击。"},
  {"Score PSI by month: the applicants of each month against the scorecard's training distribution (the PSI column of finlab sim show); verdicts as finlab score monitor gives them.",
   "按月评分 PSI：每月申请人与评分卡训练分布的对比（即 finlab sim show 的 PSI 列）；结论与 finlab score monitor 相同。"},
  {"Score PSI by month", "按月评分 PSI"},
  // ---- uncertainty of the figures (docs/sim.md "Uncertainty of the figures")
  {"within noise", "在噪声范围内"},
  {"95% interval", "95% 区间"},
};
// clang-format on

}  // namespace

std::span<const I18nPair> policy_lab_catalog() { return kPolicyLab; }

}  // namespace finlab::web
