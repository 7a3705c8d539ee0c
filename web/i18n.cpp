// English -> 简体中文 for every user-visible string of the browser client.
// Keep entries sorted by panel; a string missing here shows in English and is
// listed by the test API (finlab.state().untranslated), which the browser
// tests require to be empty in Chinese.
#include "web/i18n.hpp"

#include <cstring>
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

}  // namespace

const char* translate(Lang lang, const char* en, bool* missing) {
  if (missing) *missing = false;
  const auto& m = zh_map();
  auto it = m.find(en);
  if (it == m.end()) {
    if (missing) *missing = true;
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
