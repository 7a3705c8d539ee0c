// English -> 简体中文 for every user-visible string of the browser client.
// Keep entries sorted by panel; a string missing here shows in English and is
// listed by the test API (finlab.state().untranslated), which the browser
// tests require to be empty in Chinese.
#include "web/i18n.hpp"

#include <cstring>
#include <set>
#include <string>
#include <unordered_map>

namespace finlab::web {

namespace {

struct Entry {
  const char* en;
  const char* zh;
};

// clang-format off
const Entry kTable[] = {
  // ---- shell
  {"finlab", "finlab"},
  {"English", "English"},
  {"中文", "中文"},
  {"Language", "语言"},
  {"Reset demo", "重置演示"},
  {"Reset the demo?", "重置演示？"},
  {"This deletes everything saved in this browser: wallet, loans, profiles, policies and runs.", "这将删除此浏览器中保存的全部内容：钱包、贷款、画像、策略和模拟记录。"},
  {"Delete and restart", "删除并重新开始"},
  {"Cancel", "取消"},
  {"Loading saved state…", "正在载入已保存的数据…"},
  {"Saved in this browser", "已保存在此浏览器中"},
  {"Saving…", "正在保存…"},
  {"Browser storage is unavailable; changes will not survive a reload.", "浏览器存储不可用；刷新页面后更改将丢失。"},
  {"活期宝 Wallet", "活期宝"},
  {"Loans", "贷款"},
  {"Credit score", "信用评分"},
  {"Policy lab", "策略实验室"},
  {"Portfolio", "投资组合"},
  {"Something went wrong in this panel:", "此面板出错："},
  {"Dismiss", "关闭"},
  {"Click to see how this number was computed", "点击查看此数字的计算方法"},
  {"How this number is computed", "此数字的计算方法"},
  {"Formula", "公式"},
  {"Inputs", "输入"},
  {"Rounding", "舍入"},
  {"Rule", "规则"},
  {"Close", "关闭"},
  {"No data yet", "暂无数据"},
  {"Waiting for the engine", "等待计算引擎"},
  {"This panel appears when its engine is built into the core.", "核心中的计算引擎完成后，此面板即可使用。"},
  {"Key numbers", "关键数字"},
  // ---- wallet
  {"Mon", "一"}, {"Tue", "二"}, {"Wed", "三"}, {"Thu", "四"}, {"Fri", "五"}, {"Sat", "六"}, {"Sun", "日"},
  {"Simulated clock", "模拟时钟"},
  {"+1 minute", "+1 分钟"},
  {"+1 hour", "+1 小时"},
  {"+1 day", "+1 天"},
  {"Go to", "跳转"},
  {"Go to:", "跳转："},
  {"Trading day, before the 15:00 cut-off: orders count for today", "交易日，15:00 前：订单按今天受理"},
  {"After the 15:00 cut-off", "已过 15:00 截止时间"},
  {"Market closed", "休市"},
  {"orders count for", "订单受理日"},
  {"Balance", "总金额"},
  {"Yesterday's income", "昨日收益"},
  {"Total income", "累计收益"},
  {"7-day annualised yield", "七日年化收益率"},
  {"万份收益", "万份收益"},
  {"万份收益 (income per 10,000 shares)", "万份收益（每万份基金已实现收益）"},
  {"Shares earning today", "今日计息份额"},
  {"Earning today", "今日计息份额"},
  {"Redeemable now", "当前可赎回"},
  {"Fast redemption quota left", "快速赎回剩余额度"},
  {"Fast redemption quota left today", "今日快速赎回剩余额度"},
  {"Fast redemption quota left today:", "今日快速赎回剩余额度："},
  {"Amount", "金额"},
  {"Amount (¥)", "金额（元）"},
  {"Amount:", "金额："},
  {"Amount: enter a positive amount, such as 10000 or 0.01.", "金额：请输入正数，例如 10000 或 0.01。"},
  {"Deposit", "转入"},
  {"Redeem", "转出"},
  {"Fast redeem", "快速转出"},
  {"Fast redeem (T+0)", "快速转出（T+0）"},
  {"Normal redemption: the cash arrives on the next trading day after the trade date.", "普通转出：资金在交易日后的下一个交易日到账。"},
  {"Fast redemption: the cash arrives today, up to a daily quota.", "快速转出：资金当日到账，每日有额度限制。"},
  {"Refused:", "已拒绝："},
  {"Fund history", "基金历史"},
  {"30 days", "30 天"},
  {"90 days", "90 天"},
  {"Earnings calendar", "收益日历"},
  {"Month total", "本月合计"},
  {"Income", "收益"},
  {"Transactions", "交易记录"},
  {"No transactions yet. Deposit some money to see when it is confirmed and starts earning.", "暂无交易。转入一笔资金，看看它何时确认、何时开始计息。"},
  {"Placed at", "下单时间"},
  {"Type", "类型"},
  {"Order", "订单"},
  {"What happens when", "各环节时间"},
  {"Trade date (T):", "交易日（T）："},
  {"Confirmed on:", "份额确认日："},
  {"Earns from:", "开始计息："},
  {"First income shows on:", "首次收益显示："},
  {"Stops earning on:", "停止计息："},
  {"Money arrives:", "资金到账："},
  {"The clock only moves forward (use Reset demo to start over).", "时钟只能向前（如需重来请点“重置演示”）。"},
  {"The simulated fund data ends on", "模拟基金数据截止于"},
  // ---- wallet explanations
  {"Income on", "收益日期"},
  {"income = shares earning that day × 万份收益 ÷ 10,000", "收益 = 当日计息份额 × 万份收益 ÷ 10,000"},
  {"Shares earning that day", "当日计息份额"},
  {"Exact product", "精确乘积"},
  {"Truncated to the fen; the fen dropped across all holders are handed out by largest remainder, so the fund pays out exactly its distributable income.", "截位到分；所有持有人被截去的分按最大余数法补发，使基金恰好分配完可分配收益。"},
  {"balance = deposits − withdrawals + income received", "总金额 = 转入 − 转出 + 已得收益"},
  {"Deposits accepted", "已受理转入"},
  {"Withdrawals accepted", "已受理转出"},
  {"Income received", "已得收益"},
  {"None: every term is already in fen.", "无：各项均已精确到分。"},
  {"No income yesterday: nothing was earning (a deposit earns from the day it is confirmed).", "昨日无收益：当时没有计息份额（转入资金自份额确认日起计息）。"},
  {"the sum of every day's income since the first deposit", "自首次转入以来每日收益之和"},
  {"From", "起"},
  {"To", "止"},
  {"Days", "天数"},
  {"Each day is rounded on its own (truncated to the fen); the sum is exact.", "每日收益单独截位到分；求和精确无误差。"},
  {"(Π over the last 7 natural days of (1 + 万份收益 ÷ 10,000))^(365/7) − 1  (daily carry-over, compound)", "（最近 7 个自然日的 (1 + 万份收益 ÷ 10,000) 连乘）^(365/7) − 1（按日结转，复利）"},
  {"Half-up to 0.001% (evaluated with 50-digit decimals, identical natively and in wasm).", "四舍五入到 0.001%（以 50 位十进制计算，本机与 wasm 结果一致）。"},
  {"万份收益 = class net income ÷ class shares × 10,000; net income = gross income − management, custody and sales service fees + income carried in", "万份收益 = 该类别净收益 ÷ 该类别份额 × 10,000；净收益 = 总收益 − 管理费、托管费、销售服务费 + 上日结转"},
  {"Class gross income", "类别总收益"},
  {"Management fee", "管理费"},
  {"Custody fee", "托管费"},
  {"Sales service fee", "销售服务费"},
  {"Carried in", "上日结转"},
  {"Net income", "净收益"},
  {"Class shares", "类别份额"},
  {"Gross annual yield of the portfolio", "组合年化毛收益率"},
  {"Half-up to 4 decimals; what the rounding leaves undistributed is carried into the next day.", "四舍五入到 4 位小数；舍入后未分配部分结转到下一日。"},
  {"shares with confirmed-on ≤ today < stops-earning-on: a deposit earns from its confirmation day, a redemption earns until the next trading day after its trade date", "确认日 ≤ 今天 < 停止计息日 的份额：转入自确认日起计息，转出计息至交易日后的下一个交易日"},
  {"confirmed shares not already redeemed (a deposit can be redeemed once it is confirmed)", "已确认且未转出的份额（转入确认后即可转出）"},
  {"quota left = daily T+0 limit − fast redemptions today (per investor, per natural day)", "剩余额度 = 每日 T+0 限额 − 今日快速转出（按投资者、按自然日）"},
  {"Daily limit", "每日限额"},
  {"Used today", "今日已用"},
  // ---- loans
  {"Rate (%)", "利率（%）"},
  {"per", "按"},
  {"annual", "年"},
  {"monthly", "月"},
  {"daily", "日"},
  {"Term (months)", "期限（月）"},
  {"Method", "还款方式"},
  {"Equal installment (等额本息)", "等额本息"},
  {"Equal principal (等额本金)", "等额本金"},
  {"Interest only (先息后本)", "先息后本"},
  {"Bullet (一次性还本付息)", "一次性还本付息"},
  {"More terms", "更多条款"},
  {"Start date", "放款日"},
  {"Day basis", "计息天数基准"},
  {"Upfront fee (¥)", "前置费用（元）"},
  {"Monthly fee (% of principal)", "月费率（本金的 %）"},
  {"must be positive", "必须为正数"},
  {"must not be negative", "不能为负数"},
  {"must be a whole number of months, such as 12", "必须是整月数，例如 12"},
  {"No true rate:", "无法计算实际利率："},
  {"Monthly installment", "月供"},
  {"First payment", "首期还款"},
  {"True APR", "实际年化利率"},
  {"True annualised rate (APR)", "实际年化利率（APR）"},
  {"Quoted annual rate", "名义年利率"},
  {"Total interest", "总利息"},
  {"Total payment", "还款总额"},
  {"Total fees", "费用合计"},
  {"EAR", "复利年化"},
  {"EAR (compound)", "复利年化（EAR）"},
  {"Effective annual rate (EAR)", "复利年化利率（EAR）"},
  {"Legal cap", "法定上限"},
  {"Legal cap:", "法定上限："},
  {"Warning: the true rate is above the 24% line courts enforce.", "警告：实际利率超过法院支持的 24% 红线。"},
  {"Warning: the true rate is above the legal hard line.", "警告：实际利率超过法定上限。"},
  {"Repayment schedule", "还款计划"},
  {"Due date", "还款日"},
  {"Payment", "还款额"},
  {"Principal", "本金"},
  {"Interest", "利息"},
  {"Fee", "费用"},
  {"Compare the methods", "还款方式对比"},
  {"Principal left", "剩余本金"},
  {"true APR", "实际年化利率"},
  {"is within the 24% cap", "未超过 24% 上限"},
  {"is above the 24% cap (at most 36%)", "超过 24% 上限（不高于 36%）"},
  {"is above the 36% hard line", "超过 36% 红线"},
  {"Prepayment what-if", "提前还款测算"},
  {"Prepay on", "提前还款日"},
  {"Principal to prepay (¥)", "提前归还本金（元）"},
  {"Then", "之后"},
  {"Shorten the term", "缩短期限"},
  {"Lower the installment", "减少月供"},
  {"Cash due", "应付金额"},
  {"Interest saved", "节省利息"},
  {"New installment", "新月供"},
  // ---- loans explanations
  {"A = P·r·(1+r)^n ÷ ((1+r)^n − 1), r = monthly rate, n = months; each month's interest = balance × r, the rest repays principal; the last payment clears the balance", "A = P·r·(1+r)^n ÷ ((1+r)^n − 1)，r 为月利率，n 为期数；每月利息 = 剩余本金 × r，其余归还本金；最后一期结清余额"},
  {"principal each month = P ÷ n; interest = balance × r; payment = principal + interest, falling every month", "每月本金 = P ÷ n；利息 = 剩余本金 × r；还款额 = 本金 + 利息，逐月递减"},
  {"interest = P × r every month; the last payment also repays P", "每月利息 = P × r；最后一期同时归还本金 P"},
  {"one payment at maturity = P + P × r × n (simple interest)", "到期一次还款 = P + P × r × n（单利）"},
  {"Principal P", "本金 P"},
  {"Monthly rate r (exact)", "月利率 r（精确值）"},
  {"Months n", "期数 n"},
  {"Monthly fee", "月费率"},
  {"The installment and each month's interest are rounded half-up to the fen once, from exact rates; the last period absorbs the rounding.", "月供和每月利息由精确利率计算后一次性四舍五入到分；尾差由最后一期吸收。"},
  {"Find i with Σ CF_k ÷ (1 + i)^k = 0 over the cash flows the borrower sees (CF_0 = money received, then each payment); APR = i × 12 (simple), EAR = (1 + i)^12 − 1 (compound)", "求 i 使借款人实际现金流满足 Σ CF_k ÷ (1 + i)^k = 0（CF_0 为实际到手金额，其后为每期还款）；APR = i × 12（单利），EAR = (1 + i)^12 − 1（复利）"},
  {"Money received (principal − upfront fee)", "实际到手（本金 − 前置费用）"},
  {"Payments", "还款期数"},
  {"IRR per period i", "每期内部收益率 i"},
  {"Periods per year", "每年期数"},
  {"Why this root", "为何取此根"},
  {"Shown to 2 decimals (round half-even on the exact binary value), computed with deterministic arithmetic identical natively and in wasm.", "显示 2 位小数（对精确二进制值银行家舍入），用确定性算法计算，本机与 wasm 结果一致。"},
  {"annual = monthly × 12 = daily × day basis (the contract's nominal rate, before fees and without compounding)", "年利率 = 月利率 × 12 = 日利率 × 天数基准（合同名义利率，不含费用、不计复利）"},
  {"Rate as typed", "输入的利率"},
  {"the sum of every month's interest", "每月利息之和"},
  {"Each month rounded to the fen; the sum is exact.", "每月利息四舍五入到分；求和精确。"},
  {"EAR = (1 + i)^12 − 1: the APR with monthly compounding", "EAR = (1 + i)^12 − 1：按月复利的年化利率"},
  {"the sum of every payment (principal + interest + fees)", "每期还款（本金 + 利息 + 费用）之和"},
  {"Cash due on the prepayment date", "提前还款日应付金额"},
  {"prepaid principal + interest on it since the last due date (daily rate × days) + fee", "提前归还本金 + 自上个还款日起的利息（日利率 × 天数）+ 费用"},
  {"Principal prepaid", "提前归还本金"},
  {"Days since the last due date", "距上个还款日天数"},
  {"Accrued interest", "应计利息"},
  {"Accrued interest rounded half-up to the fen once.", "应计利息一次性四舍五入到分。"},
  {"interest of the remaining schedule before − (interest after + accrued interest)", "原剩余计划利息 − （新计划利息 + 应计利息）"},
  {"Interest before", "原利息"},
  {"Interest after", "新利息"},
  {"same number of months, a new annuity on the lower balance", "期数不变，按较低余额重新计算月供"},
  {"same installment, fewer months", "月供不变，期数减少"},
  {"Balance after", "剩余本金"},
  {"Payments left", "剩余期数"},
  {"Payments left before", "原剩余期数"},
  // ---- credit
  {"(always used)", "（始终使用）"},
  {"used by the score", "评分已使用"},
  {"Reads:", "读取："},
  {"Why:", "原因："},
  {"Not shared: the score does not read these.", "未授权：评分不会读取这些数据。"},
  {"what you type into the application: age, income band, existing debt, credit history length.", "你在申请时填写的信息：年龄、收入区间、现有负债、信用历史长度。"},
  {"the traditional basis of every credit decision; always used.", "传统授信的基础；始终使用。"},
  {"how long your phone account and number have existed and the price tier of your phone.", "手机账户与号码的使用时长，以及手机的价格档次。"},
  {"long-lived accounts and numbers go with stable, reachable borrowers.", "长期使用的账户和号码意味着借款人稳定、可联系。"},
  {"coarse night-time and daytime locations, summarised: share of nights at home, moves a year, work regularity. Never a map of where you went.", "粗粒度的夜间与白天位置汇总：在家过夜比例、每年搬家次数、工作规律性。绝不记录你的行踪轨迹。"},
  {"a stable home and work routine goes with stable income. Sensitive data: asked separately (PIPL Art. 28).", "稳定的居住和工作规律意味着收入稳定。敏感个人信息：单独征得同意（《个人信息保护法》第 28 条）。"},
  {"which kinds of apps you use and how often (finance apps, lending apps, late-night use, installs); never their content.", "你使用哪些类别的应用及频率（理财、借贷、深夜使用、安装卸载），绝不读取内容。"},
  {"many lending apps or heavy late-night use are early signs of money stress.", "借贷应用过多或深夜使用频繁是资金紧张的早期信号。"},
  {"bill payments, phone top-ups and spending through the phone's wallet.", "通过手机钱包进行的缴费、充值和消费。"},
  {"paying bills on time is the closest behaviour to repaying a loan. Sensitive data: financial accounts.", "按时缴费是与按时还款最接近的行为。敏感个人信息：金融账户。"},
  {"Score", "评分"},
  {"Band", "等级"},
  {"PD (12 months)", "违约概率（12 个月）"},
  {"Behaviour credit score", "行为信用评分"},
  {"score = Σ points of your bin of each feature the model reads (points = −(WoE × β + intercept ÷ n) × factor + offset ÷ n, whole points)", "评分 = 模型读取的每个特征所在分箱的分数之和（分数 = −(WoE × β + 截距 ÷ n) × 因子 + 偏移 ÷ n，取整）"},
  {"Base points", "基础分"},
  {"Each feature's points are rounded to whole points (half away from zero); the PD uses the unrounded sum.", "每个特征的分数四舍五入为整数（远离零方向）；违约概率使用未取整的总分。"},
  {"Score band", "评分等级"},
  {"bands by lower edge: E < 540 ≤ D < 570 ≤ C < 600 ≤ B < 640 ≤ A < 680 ≤ A+", "按下限划分等级：E < 540 ≤ D < 570 ≤ C < 600 ≤ B < 640 ≤ A < 680 ≤ A+"},
  {"Probability of default (12 months)", "违约概率（12 个月）"},
  {"PD = 1 ÷ (1 + odds), odds = 2^((score − offset) ÷ PDO) from the unrounded score", "违约概率 = 1 ÷ (1 + 好坏比)，好坏比 = 2^((评分 − 偏移) ÷ PDO)，使用未取整评分"},
  {"Unrounded score", "未取整评分"},
  {"points lost = points of the best bin − points of your bin", "失分 = 最佳分箱分数 − 你所在分箱分数"},
  {"Your bin", "你的分箱"},
  {"Best bin", "最佳分箱"},
  {"Data used:", "使用的数据："},
  {"What lowered the score", "拉低评分的因素"},
  {"Nothing: every factor is in its best range.", "没有：每个因素都在最佳区间。"},
  {"What would raise my score", "如何提高我的评分"},
  {"You are already in the best band.", "你已处于最高等级。"},
  {"No change to the behaviour you share reaches band", "仅改变你授权的行为数据无法达到等级"},
  {"To reach band", "要达到等级"},
  {"the smallest change is:", "最小的改变是："},
  {"Try these changes", "试试这些改变"},
  {"If you withdraw one consent", "如果撤回一项授权"},
  {"No behaviour data is shared, so there is nothing to withdraw.", "未授权任何行为数据，无可撤回。"},
  {"Withdraw", "撤回"},
  {"Data used then", "届时使用的数据"},
  {"What the current policy would offer", "当前策略可提供的额度"},
  {"Monthly income (¥)", "月收入（元）"},
  {"Decision", "审批结果"},
  {"The default policy could not be read:", "无法读取默认策略："},
  {"Declined: the policy requires consent to", "拒绝：策略要求授权"},
  {"Declined: the score is below the policy's cutoff", "拒绝：评分低于策略的准入分"},
  {"Enter a monthly income to see the limit", "输入月收入以查看额度"},
  {"Declined: the limit matrix offers nothing for this score and income", "拒绝：额度矩阵对该评分和收入不提供额度"},
  {"Approved", "通过"},
  {"Limit:", "额度："},
  {"First loan up to:", "首笔借款上限："},
  {"Rate:", "利率："},
  {"a year (nominal)", "年化（名义）"},
  {"Terms (months):", "期限（月）："},
  {"Another sample user", "换一个示例用户"},
  {"Delete my data", "删除我的数据"},
  {"Download the scorecard (JSON)", "下载评分卡（JSON）"},
  {"Your profile is saved in this browser.", "你的画像已保存在此浏览器中。"},
  {"Not saved: this is a sample profile.", "未保存：这是示例画像。"},
  {"Training the scorecard on 40,000 synthetic users (once; kept in this browser)…", "正在用 40,000 个模拟用户训练评分卡（仅一次，保存在此浏览器中）…"},
};
// clang-format on

const std::unordered_map<std::string, const char*>& zh_map() {
  static const std::unordered_map<std::string, const char*> m = [] {
    std::unordered_map<std::string, const char*> r;
    for (const Entry& e : kTable) r.emplace(e.en, e.zh);
    return r;
  }();
  return m;
}

std::set<std::string>& misses() {
  static std::set<std::string> s;  // English keys looked up without an entry (test API)
  return s;
}

}  // namespace

const std::set<std::string>& untranslated_keys() { return misses(); }

const char* translate(Lang lang, const char* en, bool* missing) {
  if (missing) *missing = false;
  const auto& m = zh_map();
  auto it = m.find(en);
  if (it == m.end()) {
    if (missing) *missing = true;
    misses().insert(en);
    return en;
  }
  return lang == Lang::zh ? it->second : en;
}

const char* lang_code(Lang lang) { return lang == Lang::zh ? "zh" : "en"; }

bool parse_lang(std::string_view code, Lang& out) {
  if (code == "en") { out = Lang::en; return true; }
  if (code == "zh") { out = Lang::zh; return true; }
  return false;
}

}  // namespace finlab::web
