// Legal caps on the cost of credit by lender type and date (DOMAIN.md §2.6),
// kept as data: assets/regulation/caps.csv (one cap a row) and
// assets/regulation/lpr.csv (the 1-year LPR history the "4xLPR" caps need).
// Like the trading calendar, this file does no I/O: parse() takes the texts,
// builtin() is the table compiled in from assets/regulation/ at build time (so
// it works natively, in wasm and in the browser). docs/loan.md explains every
// row and its source.
//
// A verdict compares one annual rate with every cap in force for the lender
// type on a date (the contract's formation date) and says, in English and
// Chinese, which caps it breaks and why.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money/rate.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::loan {

enum class LenderType { bank, consumer_finance, microloan, private_lending, platform_facilitated };
inline constexpr LenderType all_lender_types[] = {LenderType::bank, LenderType::consumer_finance, LenderType::microloan,
                                                  LenderType::private_lending, LenderType::platform_facilitated};
std::string_view to_string(LenderType t);        // "bank", "consumer_finance", ...
std::string_view chinese_name(LenderType t);     // "商业银行", "消费金融公司", "小额贷款公司", "民间借贷", "助贷平台"
Result<LenderType> parse_lender_type(std::string_view text);  // also accepts '-' for '_'

// What a cap limits.
enum class CapSubject {
  all_in_apr,  // the IRR-based APR of every cost (PBOC 2021 No. 3)
  penalty,     // the overdue (penalty) rate
  compound,    // interest charged on unpaid interest (复利)
};
std::string_view to_string(CapSubject s);
Result<CapSubject> parse_cap_subject(std::string_view text);

enum class CapKind {
  fixed,              // a fixed annual rate: "24%"
  lpr_multiple,       // a multiple of the 1-year LPR in force on the date: "4xLPR"
  benchmark_multiple, // a multiple of the PBOC 1-year benchmark lending rate in force on the date (before the LPR): "4xbenchmark"
  contract_multiple,  // a multiple of the contract rate: "1.5xcontract" (penalty rules)
};

enum class CapConsequence { unenforceable, void_excess, prohibited };
std::string_view to_string(CapConsequence c);  // "unenforceable", "void", "prohibited"

struct CapRule {
  LenderType lender = LenderType::private_lending;
  CapSubject subject = CapSubject::all_in_apr;
  CapKind kind = CapKind::fixed;
  money::Rate value;                   // the rate (fixed) or the multiple (1.0 = 100%)
  time::Date from;                     // inclusive
  std::optional<time::Date> to;        // inclusive; nullopt = still in force
  CapConsequence consequence = CapConsequence::prohibited;
  bool uncertain = false;
  std::string source;
  std::string where;                   // "caps.csv:12" (for explanations)

  bool in_force(time::Date d) const { return d >= from && (!to || d <= *to); }
  std::string cap_text() const;        // "24%", "4xLPR", "1.5xcontract"
};

struct LprPoint {
  time::Date from;
  money::Rate rate;  // 1-year LPR, annual
  bool uncertain = false;
  std::string source;
};

struct CapTableSource {
  std::string name;       // shown in errors: "caps.csv"
  std::string_view text;  // must outlive parse()
};

// One cap checked: the limit it set on the date and whether the rate breaks it.
struct CapFinding {
  const CapRule* rule = nullptr;
  double limit = 0;      // the cap on the date, as a ratio (0.24)
  bool breached = false;
  std::string reason_en, reason_zh;
};

struct CapVerdict {
  LenderType lender = LenderType::private_lending;
  CapSubject subject = CapSubject::all_in_apr;
  time::Date date;
  double rate = 0;                   // the rate checked (ratio)
  std::vector<CapFinding> findings;  // every cap in force, table order
  bool any_cap() const { return !findings.empty(); }
  bool breached() const;
  // The lowest cap in force (nullptr when none).
  const CapFinding* tightest() const;
  // One sentence: "all-in APR 104.17% breaks 1 of 2 caps in force for a microloan company on 2015-06-01: ..."
  std::string summary_en() const;
  std::string summary_zh() const;
};

class RateCapTable {
public:
  // Parse the caps and LPR files. Errors say "NAME:LINE:COLUMN: what".
  // The benchmark history ("4xbenchmark" caps) defaults to the built-in
  // assets/regulation/benchmark.csv.
  static Result<RateCapTable> parse(const CapTableSource& caps, const CapTableSource& lpr,
                                    std::optional<CapTableSource> benchmark = std::nullopt);
  // The table compiled in from assets/regulation/{caps,lpr}.csv. Parsed once.
  static const RateCapTable& builtin();

  const std::vector<CapRule>& rules() const { return rules_; }
  const std::vector<LprPoint>& lpr() const { return lpr_; }
  // The 1-year LPR in force on d, or a failure when d is before the history.
  Result<money::Rate> lpr_on(time::Date d) const;
  const std::vector<LprPoint>& benchmark() const { return benchmark_; }
  // The PBOC 1-year benchmark lending rate in force on d (it was last set on 2015-10-24 and replaced by the LPR as the reference from 2019-08-20).
  Result<money::Rate> benchmark_on(time::Date d) const;
  std::vector<const CapRule*> in_force(LenderType lender, CapSubject subject, time::Date d) const;
  // Every boundary date of the table (each rule's from and the day after its to, each LPR change), ascending, unique.
  std::vector<time::Date> boundary_dates() const;

  // The cap a rule sets on d (ratio). contract_rate is needed by contract multiples.
  Result<double> limit_of(const CapRule& rule, time::Date d, std::optional<double> contract_rate = std::nullopt) const;
  // Checks `rate` (ratio, annual) against every cap in force. Fails when a cap
  // cannot be evaluated (an LPR multiple before the LPR history, a contract
  // multiple without a contract rate).
  Result<CapVerdict> check(LenderType lender, CapSubject subject, time::Date d, double rate,
                           std::optional<double> contract_rate = std::nullopt) const;

private:
  std::vector<CapRule> rules_;
  std::vector<LprPoint> lpr_;
  std::vector<LprPoint> benchmark_;
};

}  // namespace finlab::loan
