// The message catalog: one English and one Chinese template per Id, in Id
// order. The English is the text the CLI printed before the catalog existed
// (golden CLI outputs stay byte-identical); the Chinese uses full-width
// punctuation （，。：；） — tests/core/text/messages_test.cpp checks both the
// order and that each template names exactly the declared arguments.
// Every character here also goes into the browser's font subset
// (web/tools/subset_font.py reads core/ literals).
#include "core/text/messages.hpp"

namespace finlab::text {

namespace {

// clang-format off
constexpr Spec kCatalog[] = {
  // ---- building blocks
  {Id::nothing, "nothing", "", "", ""},
  {Id::name, "name", "name:b", "{name}", "{name}"},
  {Id::list, "list", "items:m,more:m", "{items}, {more}", "{items}、{more}"},
  {Id::list_semicolon, "list_semicolon", "items:m,more:m", "{items}; {more}", "{items}；{more}"},
  // ---- dates and calendar
  {Id::weekday_date, "date.weekday_date", "weekday:i,date:t",
   "{weekday#Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday} {date}",
   "{date}（{weekday#周一|周二|周三|周四|周五|周六|周日}）"},
  {Id::weekday_name, "date.weekday_name", "weekday:i",
   "{weekday#Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday}",
   "{weekday#周一|周二|周三|周四|周五|周六|周日}"},
  {Id::closed_weekend, "calendar.weekend", "", "weekend", "周末"},
  {Id::closed_makeup_day, "calendar.makeup_day", "day:m",
   "{day}, a make-up working day (not a trading day)", "{day}，调休上班日（不是交易日）"},
  {Id::closed_weekend_in_holiday, "calendar.weekend_in_holiday", "day:m,holiday:b", "{day}, {holiday}", "{day}，{holiday}"},
  {Id::closed_run, "calendar.closed_run", "why:m,from:t,to:t", "{why} {from}..{to}", "{why} {from} 至 {to}"},
  {Id::closed_day, "calendar.closed_day", "why:m,day:t", "{why} {day}", "{why} {day}"},
  // ---- order timing
  {Id::timing_before_cutoff, "timing.before_cutoff", "day:m,time:t,cutoff:t,t:t",
   "{day} {time} is before the {cutoff} cut-off on a trading day, so the order counts for that day (T = {t}).",
   "{day} {time} 早于交易日 {cutoff} 的截止时间，订单按当天受理（T = {t}）。"},
  {Id::timing_after_cutoff, "timing.after_cutoff", "day:m,time:t,cutoff:t,t:m",
   "{day} {time} is after the {cutoff} cut-off, so the order counts for the next trading day, T = {t}.",
   "{day} {time} 已过 {cutoff} 的截止时间，订单按下一个交易日受理：T = {t}。"},
  {Id::timing_not_trading_day, "timing.not_trading_day", "day:m,why:m,t:m",
   "{day} is not a trading day ({why}), so the order counts for the next trading day, T = {t}.",
   "{day} 不是交易日（{why}），订单按下一个交易日受理：T = {t}。"},
  {Id::timing_between, "timing.between", "runs:m", " ({runs} in between)", "（中间为{runs}）"},
  {Id::timing_purchase_confirmed, "timing.purchase_confirmed", "day:m,gap:m,closed:m,no_income:m,first:t",
   "Shares are confirmed on the next trading day, {day}{gap}, and earn from that day{closed}{no_income}. "
   "The first income is credited on {first}.",
   "份额在下一个交易日 {day}{gap}确认，并从当天起计息{closed}{no_income}。首笔收益于 {first} 入账。"},
  {Id::timing_purchase_includes_closed, "timing.purchase_includes_closed", "n:i,runs:m",
   ", including the {n} non-trading day(s) after it ({runs})", "，包括其后的 {n} 个非交易日（{runs}）"},
  {Id::timing_purchase_gap_no_income, "timing.purchase_gap_no_income", "",
   "; the days between T and confirmation earn nothing for this money", "；从 T 日到确认日之间，这笔钱没有收益"},
  {Id::timing_fast_cash, "timing.fast_cash", "date:t",
   "Fast (T+0) redemption: the cash is advanced the same day, {date}.", "快速（T+0）赎回：资金于当天 {date} 垫付到账。"},
  {Id::timing_redeem_cash, "timing.redeem_cash", "day:m,gap:m",
   "The cash arrives on the next trading day after T, {day}{gap}.", "资金于 T 日后的下一个交易日 {day}{gap}到账。"},
  {Id::timing_redeem_still_earns, "timing.redeem_still_earns", "t:t,closed:m,stop:t",
   "The redeemed shares still earn {t}{closed}; income stops from {stop}.",
   "赎回的份额在 {t}{closed} 仍有收益；自 {stop} 起停止计息。"},
  {Id::timing_redeem_still_earns_closed, "timing.redeem_still_earns_closed", "n:i,runs:m",
   " and the {n} non-trading day(s) after it ({runs})", " 及其后的 {n} 个非交易日（{runs}）"},
  {Id::timing_redeem_earns_nothing, "timing.redeem_earns_nothing", "stop:t",
   "The redeemed shares earn nothing from {stop} (product setting).", "赎回的份额自 {stop} 起不再有收益（产品设置）。"},
  // ---- order refusals (core/fund/ledger)
  {Id::refusal_not_positive, "refusal.not_positive", "amount:t", "the amount must be positive, got {amount}", "金额必须为正数，收到的是 {amount}"},
  {Id::refusal_below_minimum, "refusal.below_minimum", "minimum:t", "below the minimum purchase of {minimum}", "低于最低申购金额 {minimum}"},
  {Id::refusal_purchase_cap, "refusal.purchase_cap", "cap:t,from:t,to:t,why:b,day:t,bought:t",
   "the fund caps purchases at {cap} per account per day from {from} to {to} ({why}); already bought for {day}: {bought}",
   "基金在 {from} 至 {to} 期间限制每个账户每日申购 {cap}（{why}）；{day} 已申购 {bought}"},
  {Id::refusal_not_enough, "refusal.not_enough", "amount:t,available:t",
   "redeeming {amount} but only {available} is available (confirmed shares not already being redeemed)",
   "转出 {amount}，但可转出的只有 {available}（已确认、且未在转出中的份额）"},
  {Id::refusal_fast_limit, "refusal.fast_limit", "amount:t,limit:t,day:t,used:t,left:t",
   "fast (T+0) redemption of {amount} is over the limit of {limit} per investor per day on {day}; used today {used}, remaining {left} "
   "(a normal redemption has no limit)",
   "快速（T+0）转出 {amount} 超过 {day} 每位投资者每日 {limit} 的额度；今日已用 {used}，剩余 {left}（普通转出不限额）"},
  // ---- credit: reason codes and counterfactuals as the CLI prints them
  {Id::credit_reason, "credit.reason", "why:m,label:b,bin:t,best:t,points:i",
   "{why} ({label}: {bin}; best: {best}; -{points} points)",
   "{why}（{label}：{bin}；最好：{best}；−{points} 分）"},
  {Id::credit_why_missing, "credit.why_missing", "label:b", "{label} is missing", "{label}未提供"},
  {Id::credit_why_special, "credit.why_special", "label:b,code:t", "{label} has the special value {code}", "{label}为特殊值 {code}"},
  {Id::credit_why_risky, "credit.why_risky", "label:b", "{label} is in a higher-risk range", "{label}处于较高风险区间"},
  {Id::credit_change_raise, "credit.change_raise", "label:b,from:t,to:t,points:i",
   "raise {label} from {from} to at least {to} (+{points} {points?point|points})", "把{label}从 {from} 提高到至少 {to}（+{points} 分）"},
  {Id::credit_change_lower, "credit.change_lower", "label:b,from:t,to:t,points:i",
   "lower {label} from {from} to below {to} (+{points} {points?point|points})", "把{label}从 {from} 降到 {to} 以下（+{points} 分）"},
  {Id::credit_change_move, "credit.change_move", "label:b,from:t,to:t,points:i",
   "move {label} from {from} to {to} (+{points} {points?point|points})", "把{label}从 {from} 改为 {to}（+{points} 分）"},
  {Id::credit_change_with_advice, "credit.change_with_advice", "advice:b,change:m", "{advice}: {change}", "{advice}：{change}"},
  {Id::credit_cf_top, "credit.cf_top", "", "already in the top band", "已在最高档"},
  {Id::credit_cf_unreachable, "credit.cf_unreachable", "",
   "not reachable by changing consented behaviour (no change adds a point)", "改变已授权的行为无法达到（没有任何改变能加分）"},
  {Id::credit_cf_most, "credit.cf_most", "score:i,changes:m",
   "not reachable by changing consented behaviour; the most: {score} by {changes}", "改变已授权的行为无法达到；最多可到 {score} 分：{changes}"},
  // ---- credit, as the browser says it (ranges in words)
  {Id::credit_cf_title_top, "credit.cf_title_top", "", "You are already in the best band.", "你已处于最高等级。"},
  {Id::credit_cf_title_unreachable, "credit.cf_title_unreachable", "band:t,score:i,then:m",
   "No change to the behaviour you share reaches band {band} ({score}).{then}", "仅改变你授权的行为数据无法达到 {band} 等级（{score} 分）。{then}"},
  {Id::credit_cf_title_nothing, "credit.cf_title_nothing", "", " Nothing you share can add a point now.", "你目前共享的数据无法再加分。"},
  {Id::credit_cf_title_most, "credit.cf_title_most", "score:i,gain:i", " The most it can reach is {score} (+{gain}), by:",
   "最多可达到 {score} 分（+{gain}），方法："},
  {Id::credit_cf_title_reach, "credit.cf_title_reach", "band:t,score:i", "To reach band {band} ({score}), the smallest change is:",
   "要达到 {band} 等级（{score} 分），最小的改变是："},
  {Id::credit_reason_plain, "credit.reason_plain", "label:b,bin:m,best:m,points:i",
   "{label}: {bin}; the best range is {best} (−{points} points)", "{label}：{bin}；最好的区间是 {best}（−{points} 分）"},
  {Id::credit_change_raise_plain, "credit.change_raise_plain", "label:b,from:t,to:t,points:i",
   "raise {label} from {from} to at least {to} (+{points} {points?point|points})", "把{label}从 {from} 提高到至少 {to}（+{points} 分）"},
  {Id::credit_change_lower_or_less_plain, "credit.change_lower_or_less_plain", "label:b,from:t,to:t,points:i",
   "lower {label} from {from} to {to} or less (+{points} {points?point|points})", "把{label}从 {from} 降到 {to} 或以下（+{points} 分）"},
  {Id::credit_change_lower_under_plain, "credit.change_lower_under_plain", "label:b,from:t,to:t,points:i",
   "lower {label} from {from} to under {to} (+{points} {points?point|points})", "把{label}从 {from} 降到 {to} 以下（+{points} 分）"},
  {Id::credit_change_move_plain, "credit.change_move_plain", "label:b,from:m,to:m,points:i",
   "change {label} from {from} to {to} (+{points} {points?point|points})", "把{label}从 {from} 改为 {to}（+{points} 分）"},
  {Id::credit_bin_not_shared, "credit.bin_not_shared", "", "not shared", "未提供"},
  {Id::credit_bin_special, "credit.bin_special", "code:t", "special value {code}", "特殊值 {code}"},
  {Id::credit_bin_any, "credit.bin_any", "", "any value", "任意值"},
  {Id::credit_bin_or_less, "credit.bin_or_less", "x:t", "{x} or less", "{x} 或以下"},
  {Id::credit_bin_under, "credit.bin_under", "x:t", "under {x}", "低于 {x}"},
  {Id::credit_bin_or_more, "credit.bin_or_more", "x:t", "{x} or more", "{x} 或以上"},
  {Id::credit_bin_range_whole, "credit.bin_range_whole", "lo:t,hi:t", "{lo} to {hi}", "{lo} 至 {hi}"},
  {Id::credit_bin_range, "credit.bin_range", "lo:t,hi:t", "{lo} to under {hi}", "{lo} 至 {hi}（不含）"},
};
// clang-format on

static_assert(sizeof kCatalog / sizeof kCatalog[0] == static_cast<std::size_t>(Id::count_), "one catalog entry per Id");

}  // namespace

std::span<const Spec> catalog() { return kCatalog; }

}  // namespace finlab::text
