#include "web/securities_sources.hpp"

#include <algorithm>

namespace finlab::web {

namespace {

// Publisher, title and date of each source the engine's reasons cite
// (core/securities: account.cpp, rules.cpp; the rule table
// assets/securities/*.json); a lint test checks every mark has an entry here.
const SecuritiesSource kSources[] = {
    {"[1]", "Asia Etrading, \"China settlements\"", "Asia Etrading《China settlements》（中国市场结算）"},
    {"[2]", "junyimz, \"Why A shares cannot be sold on the day they are bought\"", "junyimz《为什么A股不能当天买当天卖》"},
    {"[3]", "Shanghai Stock Exchange, \"Stock Trading Mechanism\"", "上海证券交易所《股票交易机制》"},
    {"[4]", "Shenzhen Stock Exchange, \"Overview\" (2018-10-09)", "深圳证券交易所《交易概况》（2018-10-09）"},
    {"[5]", "Asia Etrading, Shanghai Stock Exchange price limits", "Asia Etrading：上海证券交易所涨跌幅限制"},
    {"[6]", "STAR Market (Shanghai Stock Exchange), \"Trading\"", "上交所科创板《交易》"},
    {"[7]", "STAR Market Q&A (2019-07-19)", "科创板问答（2019-07-19）"},
    {"[8]", "China Daily, \"ChiNext hikes swing limits\" (2020-08-18)", "中国日报：创业板放宽涨跌幅限制（2020-08-18）"},
    {"[9]", "苏北网, trading rules of new main-board shares under registration (2023-05-30)", "苏北网《主板注册制新股交易规则》（2023-05-30）"},
    {"[10]", "Reportify, main-board risk-warning shares' price limit to change to 10%", "Reportify：主板风险警示股票涨跌幅拟调整为 10%"},
    {"[11]", "NashNova, \"ST Stocks' Daily Price Limit Expanded to 10%\"; Gate/Mars Finance, SSE draft", "NashNova：ST 股票日涨跌幅扩大至 10%；Gate/火星财经：上交所征求意见稿"},
    {"[12]", "233网校, order size on the STAR Market (2019-04)", "233网校《科创板单笔申报数量》（2019-04）"},
    {"[13]", "财报分析网, the price cage (价格笼子, 2023-05-11)", "财报分析网《价格笼子》（2023-05-11）"},
    {"[14]", "china.org.cn (2002-04); wodefinance", "中国网（2002-04）；wodefinance"},
    {"[15]", "wodefinance, 财税明电〔2008〕2号 (stamp duty)", "wodefinance：财税明电〔2008〕2号（印花税）"},
    {"[16]", "China Taiping, notice", "中国太平公告"},
    {"[17]", "Mondo Visione, Q&A by SSE, SZSE and CSDC (2015-07-03)", "Mondo Visione：沪深交易所与中国结算问答（2015-07-03）"},
    {"[18]", "Yicai, transfer fees halved for the first time in seven years (2022-04-29)", "第一财经：过户费七年来首次减半（2022-04-29）"},
    {"[21]", "SFIT (2012-08-03)", "SFIT（2012-08-03）"},
    {"[22]", "Shanghai Stock Exchange, closing call auction (2018)", "上海证券交易所：收盘集合竞价（2018）"},
    {"[23]", "eastlaw, Shenzhen Stock Exchange trading rules (2006)", "eastlaw：《深圳证券交易所交易规则》（2006）"},
    {"[26]", "miraitalk, Shanghai Stock Exchange (2024)", "miraitalk：上海证券交易所（2024）"},
    {"[28]", "Reuters (2015-09-07); Ransquawk (2012): dividend tax by holding period", "路透社（2015-09-07）；Ransquawk（2012）：股息红利税按持股期限差别征收"},
    {"[29]", "Reuters (2015-12-04, 2016-01-07); chinagate (2016-01-07): the index circuit breaker", "路透社（2015-12-04、2016-01-07）；中国网（2016-01-07）：指数熔断机制"},
    {"[D]", "finlab's own choice where no published rule was found", "finlab 在没有公开规则时自定的做法"},
};

}  // namespace

std::span<const SecuritiesSource> securities_sources() { return kSources; }

std::vector<std::string> source_marks(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = text.find('['); i != std::string_view::npos; i = text.find('[', i + 1)) {
    const std::size_t end = text.find(']', i);
    if (end == std::string_view::npos || end - i > 4) continue;
    const std::string_view inner = text.substr(i + 1, end - i - 1);
    const bool number = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!number && inner != "D") continue;
    std::string mark(text.substr(i, end - i + 1));
    if (std::find(out.begin(), out.end(), mark) == out.end()) out.push_back(std::move(mark));
  }
  return out;
}

}  // namespace finlab::web
