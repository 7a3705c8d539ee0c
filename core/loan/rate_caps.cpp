#include "core/loan/rate_caps.hpp"

#include <algorithm>
#include <array>

#include "core/excerpt.hpp"
#include "core/loan/apr.hpp"

namespace finlab::loan {

namespace detail {
CapTableSource builtin_benchmark_source();
}  // namespace detail

using money::Rate;
using time::Date;

namespace {

constexpr std::array<std::string_view, 5> kLenderNames{"bank", "consumer_finance", "microloan", "private_lending", "platform_facilitated"};
constexpr std::array<std::string_view, 5> kLenderZh{"商业银行", "消费金融公司", "小额贷款公司", "民间借贷", "助贷平台"};
constexpr std::array<std::string_view, 5> kLenderEn{"a bank", "a consumer finance company", "a microloan company", "a private lender",
                                                    "a platform-facilitated lender"};
constexpr std::array<std::string_view, 3> kSubjectNames{"all_in_apr", "penalty", "compound"};
constexpr std::array<std::string_view, 3> kSubjectEn{"all-in APR", "penalty rate", "compound (interest on interest) rate"};
constexpr std::array<std::string_view, 3> kSubjectZh{"综合年化利率", "罚息利率", "复利利率"};

double ratio_of(Rate r) { return static_cast<double>(r.units()) / static_cast<double>(Rate::one_units); }

struct Field {
  std::string text;
  int column = 1;  // 1-based character column where the field starts
};

// Splits one CSV line: fields separated by commas, a field may be "double
// quoted" (with "" for a quote inside). Columns count bytes, 1-based.
Result<std::vector<Field>> split_csv(std::string_view line) {
  std::vector<Field> out;
  std::size_t i = 0;
  while (true) {
    Field f;
    f.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        f.text += line[i++];
      }
      if (!closed) return fail(std::to_string(f.column) + ": unterminated quoted field");
      if (i < line.size() && line[i] != ',')
        return fail(std::to_string(i + 1) + ": expected a comma after the quoted field");
    } else {
      while (i < line.size() && line[i] != ',') f.text += line[i++];
    }
    out.push_back(std::move(f));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return out;
}

// Calls fn(line_number, fields) for each data line (after the header, which
// must equal `header`); '#' lines and blank lines are skipped.
template <class Fn>
Result<int> for_each_row(const CapTableSource& src, const std::vector<std::string_view>& header, Fn fn) {
  std::string_view text = src.text;
  int line_no = 0;
  bool have_header = false;
  int rows = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string at = src.name + ":" + std::to_string(line_no) + ":";
    auto fields = split_csv(line);
    if (!fields) return fail(at + fields.error());
    if (!have_header) {
      for (std::size_t k = 0; k < header.size(); ++k) {
        if (k >= fields->size() || (*fields)[k].text != header[k]) {
          const int col = k < fields->size() ? (*fields)[k].column : static_cast<int>(line.size()) + 1;
          return fail(at + std::to_string(col) + ": expected the header column \"" + std::string(header[k]) + "\"");
        }
      }
      if (fields->size() != header.size())
        return fail(at + std::to_string((*fields)[header.size()].column) + ": unexpected extra header column");
      have_header = true;
      continue;
    }
    if (fields->size() != header.size()) {
      const int col = fields->size() > header.size() ? (*fields)[header.size()].column : static_cast<int>(line.size()) + 1;
      return fail(at + std::to_string(col) + ": expected " + std::to_string(header.size()) + " fields, got " +
                  std::to_string(fields->size()));
    }
    auto r = fn(line_no, *fields);
    if (!r) return fail(at + r.error());
    ++rows;
  }
  if (!have_header) return fail(src.name + ":1:1: no header line");
  return rows;
}

std::string col(const Field& f) { return std::to_string(f.column) + ": "; }

Result<Date> read_date(const Field& f, std::string_view what) {
  auto d = Date::parse(f.text);
  if (!d) return fail(col(f) + std::string(what) + ": " + d.error());
  return *d;
}

Result<bool> read_yes_no(const Field& f) {
  if (f.text == "yes") return true;
  if (f.text == "no") return false;
  return fail(col(f) + "uncertain: expected yes or no, got \"" + excerpt(f.text) + "\"");
}

Result<Rate> read_pct(const Field& f, std::string_view what) {
  std::string_view t = f.text;
  if (t.empty() || t.back() != '%') return fail(col(f) + std::string(what) + ": expected a percent such as 24%, got \"" + excerpt(f.text) + "\"");
  t.remove_suffix(1);
  auto r = Rate::parse_percent(t);
  if (!r) return fail(col(f) + std::string(what) + ": " + r.error());
  if (r->units() <= 0) return fail(col(f) + std::string(what) + ": must be positive, got " + excerpt(f.text));
  return *r;
}

Result<CapRule> read_rule(int line_no, const std::vector<Field>& fs, const std::string& name) {
  CapRule r;
  auto lt = parse_lender_type(fs[0].text);
  if (!lt) return fail(col(fs[0]) + lt.error());
  r.lender = *lt;
  auto sub = parse_cap_subject(fs[1].text);
  if (!sub) return fail(col(fs[1]) + sub.error());
  r.subject = *sub;
  const std::string& cap = fs[2].text;
  const std::size_t x = cap.find('x');
  if (!cap.empty() && cap.back() == '%') {
    auto v = read_pct(fs[2], "cap");
    if (!v) return fail(v.error());
    r.kind = CapKind::fixed;
    r.value = *v;
  } else if (x != std::string::npos && (cap.substr(x + 1) == "LPR" || cap.substr(x + 1) == "contract" || cap.substr(x + 1) == "benchmark")) {
    auto m = Rate::parse_ratio(cap.substr(0, x));
    if (!m || m->units() <= 0) return fail(col(fs[2]) + "cap: expected a positive multiple before 'x', got \"" + excerpt(cap) + "\"");
    const std::string base = cap.substr(x + 1);
    r.kind = base == "LPR" ? CapKind::lpr_multiple : base == "benchmark" ? CapKind::benchmark_multiple : CapKind::contract_multiple;
    r.value = *m;
  } else {
    return fail(col(fs[2]) + "cap: expected a rate such as 24%, a multiple such as 4xLPR, 4xbenchmark or 1.5xcontract, got \"" + excerpt(cap) + "\"");
  }
  auto from = read_date(fs[3], "effective_from");
  if (!from) return fail(from.error());
  r.from = *from;
  if (!fs[4].text.empty()) {
    auto to = read_date(fs[4], "effective_to");
    if (!to) return fail(to.error());
    if (*to < r.from) return fail(col(fs[4]) + "effective_to " + to->to_string() + " is before effective_from " + r.from.to_string());
    r.to = *to;
  }
  if (fs[5].text == "unenforceable") r.consequence = CapConsequence::unenforceable;
  else if (fs[5].text == "void") r.consequence = CapConsequence::void_excess;
  else if (fs[5].text == "prohibited") r.consequence = CapConsequence::prohibited;
  else return fail(col(fs[5]) + "consequence: expected unenforceable, void or prohibited, got \"" + excerpt(fs[5].text) + "\"");
  auto u = read_yes_no(fs[6]);
  if (!u) return fail(u.error());
  r.uncertain = *u;
  if (fs[7].text.empty()) return fail(col(fs[7]) + "source: every cap names its source");
  r.source = fs[7].text;
  r.where = name + ":" + std::to_string(line_no);
  return r;
}

std::string consequence_en(CapConsequence c) {
  switch (c) {
    case CapConsequence::unenforceable: return "courts do not enforce the excess";
    case CapConsequence::void_excess: return "the excess is void and refundable";
    case CapConsequence::prohibited: return "regulators prohibit it";
  }
  return "";
}
std::string consequence_zh(CapConsequence c) {
  switch (c) {
    case CapConsequence::unenforceable: return "超出部分法院不予支持";
    case CapConsequence::void_excess: return "超出部分无效，应予返还";
    case CapConsequence::prohibited: return "监管规定不得超过";
  }
  return "";
}

// A dated rate history (date, RATE_COLUMN, uncertain, source), ascending.
Result<int> read_series(const CapTableSource& src, std::string_view rate_column, std::vector<LprPoint>& out) {
  return for_each_row(src, {"date", rate_column, "uncertain", "source"}, [&](int, const std::vector<Field>& fs) -> Result<int> {
    auto d = read_date(fs[0], "date");
    if (!d) return fail(d.error());
    if (!out.empty() && *d <= out.back().from)
      return fail(col(fs[0]) + "date " + d->to_string() + " is not after the previous row's " + out.back().from.to_string() + " (rows ascend)");
    auto r = read_pct(fs[1], rate_column);
    if (!r) return fail(r.error());
    auto u = read_yes_no(fs[2]);
    if (!u) return fail(u.error());
    if (fs[3].text.empty()) return fail(col(fs[3]) + "source: every rate names its source");
    out.push_back(LprPoint{*d, *r, *u, fs[3].text});
    return 1;
  });
}

}  // namespace

std::string_view to_string(LenderType t) { return kLenderNames[static_cast<std::size_t>(t)]; }
std::string_view chinese_name(LenderType t) { return kLenderZh[static_cast<std::size_t>(t)]; }

Result<LenderType> parse_lender_type(std::string_view text) {
  std::string s(text);
  std::replace(s.begin(), s.end(), '-', '_');
  for (std::size_t i = 0; i < kLenderNames.size(); ++i)
    if (s == kLenderNames[i] || s == kLenderZh[i]) return static_cast<LenderType>(i);
  return fail("unknown lender type \"" + excerpt(text) +
              "\" (expected bank, consumer_finance, microloan, private_lending or platform_facilitated)");
}

std::string_view to_string(CapSubject s) { return kSubjectNames[static_cast<std::size_t>(s)]; }

Result<CapSubject> parse_cap_subject(std::string_view text) {
  for (std::size_t i = 0; i < kSubjectNames.size(); ++i)
    if (text == kSubjectNames[i]) return static_cast<CapSubject>(i);
  return fail("unknown cap subject \"" + excerpt(text) + "\" (expected all_in_apr, penalty or compound)");
}

std::string_view to_string(CapConsequence c) {
  switch (c) {
    case CapConsequence::unenforceable: return "unenforceable";
    case CapConsequence::void_excess: return "void";
    case CapConsequence::prohibited: return "prohibited";
  }
  return "prohibited";
}

std::string CapRule::cap_text() const {
  switch (kind) {
    case CapKind::fixed: return value.to_percent_string() + "%";
    case CapKind::lpr_multiple: return format_decimal(ratio_of(value), 2) + "xLPR";
    case CapKind::benchmark_multiple: return format_decimal(ratio_of(value), 2) + "xbenchmark";
    case CapKind::contract_multiple: return format_decimal(ratio_of(value), 2) + "xcontract";
  }
  return "";
}

Result<RateCapTable> RateCapTable::parse(const CapTableSource& caps, const CapTableSource& lpr, std::optional<CapTableSource> benchmark) {
  RateCapTable t;
  auto n = for_each_row(caps, {"lender_type", "applies_to", "cap", "effective_from", "effective_to", "consequence", "uncertain", "source"},
                        [&](int line_no, const std::vector<Field>& fs) -> Result<int> {
                          auto r = read_rule(line_no, fs, caps.name);
                          if (!r) return fail(r.error());
                          t.rules_.push_back(std::move(r).value());
                          return 1;
                        });
  if (!n) return fail(n.error());
  if (t.rules_.empty()) return fail(caps.name + ": no caps");
  auto m = read_series(lpr, "lpr_1y", t.lpr_);
  if (!m) return fail(m.error());
  const CapTableSource bench = benchmark ? *benchmark : detail::builtin_benchmark_source();
  auto b = read_series(bench, "rate_1y", t.benchmark_);
  if (!b) return fail(b.error());
  for (const auto& r : t.rules_) {
    if (r.kind == CapKind::lpr_multiple && (t.lpr_.empty() || r.from < t.lpr_.front().from))
      return fail(r.where + ": a " + r.cap_text() + " cap from " + r.from.to_string() + " needs the LPR on that date, and " + lpr.name +
                  (t.lpr_.empty() ? " is empty" : " starts on " + t.lpr_.front().from.to_string()));
    if (r.kind == CapKind::benchmark_multiple && (t.benchmark_.empty() || r.from < t.benchmark_.front().from))
      return fail(r.where + ": a " + r.cap_text() + " cap from " + r.from.to_string() + " needs the benchmark rate on that date, and " +
                  bench.name + (t.benchmark_.empty() ? " is empty" : " starts on " + t.benchmark_.front().from.to_string()));
  }
  return t;
}

Result<Rate> RateCapTable::benchmark_on(Date d) const {
  const LprPoint* found = nullptr;
  for (const auto& p : benchmark_)
    if (p.from <= d) found = &p;
  if (!found)
    return fail("no 1-year benchmark lending rate on " + d.to_string() +
                (benchmark_.empty() ? std::string(" (no benchmark history)") : " (the history starts on " + benchmark_.front().from.to_string() + ")"));
  return found->rate;
}

Result<Rate> RateCapTable::lpr_on(Date d) const {
  const LprPoint* found = nullptr;
  for (const auto& p : lpr_)
    if (p.from <= d) found = &p;
  if (!found)
    return fail("no 1-year LPR on " + d.to_string() + (lpr_.empty() ? std::string(" (no LPR history)") : " (the history starts on " + lpr_.front().from.to_string() + ")"));
  return found->rate;
}

std::vector<const CapRule*> RateCapTable::in_force(LenderType lender, CapSubject subject, Date d) const {
  std::vector<const CapRule*> out;
  for (const auto& r : rules_)
    if (r.lender == lender && r.subject == subject && r.in_force(d)) out.push_back(&r);
  return out;
}

std::vector<Date> RateCapTable::boundary_dates() const {
  std::vector<Date> out;
  for (const auto& r : rules_) {
    out.push_back(r.from);
    if (r.to) out.push_back(r.to->plus_days(1));
  }
  for (const auto& p : lpr_) out.push_back(p.from);
  for (const auto& p : benchmark_) out.push_back(p.from);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<double> RateCapTable::limit_of(const CapRule& rule, Date d, std::optional<double> contract_rate) const {
  switch (rule.kind) {
    case CapKind::fixed: return ratio_of(rule.value);
    case CapKind::lpr_multiple: {
      auto l = lpr_on(d);
      if (!l) return fail(rule.where + ": " + l.error());
      return ratio_of(rule.value) * ratio_of(*l);
    }
    case CapKind::benchmark_multiple: {
      auto l = benchmark_on(d);
      if (!l) return fail(rule.where + ": " + l.error());
      return ratio_of(rule.value) * ratio_of(*l);
    }
    case CapKind::contract_multiple:
      if (!contract_rate) return fail(rule.where + ": a " + rule.cap_text() + " cap needs the contract rate");
      return ratio_of(rule.value) * *contract_rate;
  }
  return 0.0;
}

Result<CapVerdict> RateCapTable::check(LenderType lender, CapSubject subject, Date d, double rate, std::optional<double> contract_rate) const {
  CapVerdict v;
  v.lender = lender;
  v.subject = subject;
  v.date = d;
  v.rate = rate;
  const std::string what_en = std::string(kSubjectEn[static_cast<std::size_t>(subject)]) + " " + format_percent(rate, 2) + "%";
  const std::string what_zh = std::string(kSubjectZh[static_cast<std::size_t>(subject)]) + format_percent(rate, 2) + "%";
  for (const CapRule* r : in_force(lender, subject, d)) {
    if (r->kind == CapKind::contract_multiple && !contract_rate) continue;  // not applicable without a contract rate
    auto lim = limit_of(*r, d, contract_rate);
    if (!lim) return fail(lim.error());
    CapFinding f;
    f.rule = r;
    f.limit = *lim;
    // Compared at 1e-10 (the Rate scale): a rate equal to the cap up to
    // floating-point noise is within it.
    f.breached = rate > *lim + 1e-10;
    std::string cap_en = format_percent(*lim, 2) + "%";
    if (r->kind == CapKind::lpr_multiple) {
      const Rate l = lpr_on(d).value();
      cap_en += " (" + format_decimal(ratio_of(r->value), 2) + " x LPR " + l.to_percent_string() + "%)";
    } else if (r->kind == CapKind::benchmark_multiple) {
      const Rate l = benchmark_on(d).value();
      cap_en += " (" + format_decimal(ratio_of(r->value), 2) + " x the PBOC 1-year benchmark rate " + format_percent(ratio_of(l), 2) + "%)";
    } else if (r->kind == CapKind::contract_multiple) {
      cap_en += " (" + format_decimal(ratio_of(r->value), 2) + " x the contract rate " + format_percent(*contract_rate, 2) + "%)";
    }
    const std::string in_force_en = "in force from " + r->from.to_string() + (r->to ? " to " + r->to->to_string() : "");
    const std::string in_force_zh = r->from.to_string() + "起" + (r->to ? "至" + r->to->to_string() : "") + "有效";
    const std::string unc_en = r->uncertain ? " [uncertain rule]" : "";
    const std::string unc_zh = r->uncertain ? "（规则存疑）" : "";
    if (f.breached) {
      f.reason_en = what_en + " is above the " + cap_en + " cap for " + std::string(kLenderEn[static_cast<std::size_t>(lender)]) + " (" +
                    in_force_en + "; " + r->source + "): " + consequence_en(r->consequence) + unc_en;
      f.reason_zh = what_zh + "高于" + std::string(chinese_name(lender)) + "的上限" + format_percent(*lim, 2) + "%（" + in_force_zh + "；" +
                    r->source + "）：" + consequence_zh(r->consequence) + unc_zh;
    } else {
      f.reason_en = what_en + " is within the " + cap_en + " cap for " + std::string(kLenderEn[static_cast<std::size_t>(lender)]) + " (" +
                    in_force_en + "; " + r->source + ")" + unc_en;
      f.reason_zh = what_zh + "未超过" + std::string(chinese_name(lender)) + "的上限" + format_percent(*lim, 2) + "%（" + in_force_zh + "；" +
                    r->source + "）" + unc_zh;
    }
    v.findings.push_back(std::move(f));
  }
  return v;
}

bool CapVerdict::breached() const {
  return std::any_of(findings.begin(), findings.end(), [](const CapFinding& f) { return f.breached; });
}

const CapFinding* CapVerdict::tightest() const {
  const CapFinding* t = nullptr;
  for (const auto& f : findings)
    if (!t || f.limit < t->limit) t = &f;
  return t;
}

std::string CapVerdict::summary_en() const {
  const std::string what = std::string(kSubjectEn[static_cast<std::size_t>(subject)]) + " " + format_percent(rate, 2) + "%";
  const std::string who = std::string(kLenderEn[static_cast<std::size_t>(lender)]) + " on " + date.to_string();
  if (findings.empty()) return "no cap in the table applies to the " + std::string(kSubjectEn[static_cast<std::size_t>(subject)]) + " of " + who;
  int n = 0;
  for (const auto& f : findings) n += f.breached;
  const std::size_t caps = findings.size();
  const std::string tight = " (tightest " + format_percent(tightest()->limit, 2) + "%)";
  if (n == 0) return what + (caps == 1 ? " is within the one cap in force for " : " is within all " + std::to_string(caps) + " caps in force for ") + who + tight;
  return what + (caps == 1 ? " breaks the one cap in force for " : " breaks " + std::to_string(n) + " of the " + std::to_string(caps) + " caps in force for ") +
         who + tight;
}

std::string CapVerdict::summary_zh() const {
  const std::string what = std::string(kSubjectZh[static_cast<std::size_t>(subject)]) + format_percent(rate, 2) + "%";
  const std::string who = date.to_string() + std::string(chinese_name(lender));
  if (findings.empty()) return "利率上限表中没有适用于" + who + "的" + std::string(kSubjectZh[static_cast<std::size_t>(subject)]) + "上限";
  int n = 0;
  for (const auto& f : findings) n += f.breached;
  const std::string tight = "（最严上限" + format_percent(tightest()->limit, 2) + "%）";
  if (n == 0) return what + "未超过" + who + "适用的全部" + std::to_string(findings.size()) + "项上限" + tight;
  return what + "超过" + who + "适用的" + std::to_string(findings.size()) + "项上限中的" + std::to_string(n) + "项" + tight;
}

}  // namespace finlab::loan

namespace finlab::loan {
namespace detail {
CapTableSource builtin_caps_source();
CapTableSource builtin_lpr_source();
}  // namespace detail

const RateCapTable& RateCapTable::builtin() {
  static const RateCapTable table = parse(detail::builtin_caps_source(), detail::builtin_lpr_source()).value();
  return table;
}

}  // namespace finlab::loan
