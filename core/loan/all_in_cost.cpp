#include "core/loan/all_in_cost.hpp"

#include <array>
#include <map>

#include "core/math/deterministic.hpp"

namespace finlab::loan {

using money::Money;
using time::Date;

namespace {

constexpr std::array<std::string_view, cost_kind_count> kKindNames{"principal",     "interest",       "upfront_fee", "periodic_fee",
                                                                   "guarantee_fee", "membership_fee", "insurance"};

// Month index k >= 1 with start + k months == d, or 0.
int month_index(Date start, Date d) {
  if (d <= start) return 0;
  const int approx = (d.year() - start.year()) * 12 + (d.month() - start.month());
  for (int k = std::max(1, approx - 1); k <= approx + 1; ++k)
    if (start.plus_months(k) == d) return k;
  return 0;
}

std::string pct2(double r) { return format_percent(r, 2); }
std::string pct4(double r) { return format_percent(r, 4); }

void explain(const ProductFlows& p, AllInCost& c) {
  const bool daily = c.rule == DayCountRule::daily_accrual;
  c.why_en = daily ? "interest runs on actual days, so the APR is 365 x the daily IRR of the dated cash flows (PBOC 2021 No. 3): 365 x " +
                         format_percent(c.periodic_irr, 6) + "% = " + pct4(c.apr) + "%"
                   : "instalments fall monthly, so the APR is 12 x the monthly IRR of the cash flows (PBOC 2021 No. 3): 12 x " +
                         pct4(c.periodic_irr) + "% = " + pct4(c.apr) + "%";
  c.why_zh = daily ? "按日计息，年化利率=按实际日期计算的日内部收益率×365（中国人民银行公告〔2021〕第3号）：365×" +
                         format_percent(c.periodic_irr, 6) + "%=" + pct4(c.apr) + "%"
                   : "按月分期还款，年化利率=月内部收益率×12（中国人民银行公告〔2021〕第3号）：12×" + pct4(c.periodic_irr) + "%=" +
                         pct4(c.apr) + "%";
  const Money fees = c.total_cost - c.by_kind[static_cast<int>(CostKind::interest)];
  if (fees.is_positive()) {
    c.why_en += "; the fees (" + fees.to_string_grouped() + ") count as cost, and the base is the " + c.net_received.to_string_grouped() +
                " actually received";
    c.why_zh += "；各项费用（" + fees.to_string_grouped() + "元）计入成本，计算基数为实际到手的" + c.net_received.to_string_grouped() + "元";
  }
  if (!p.quoted_annual) return;
  const double q = *p.quoted_annual;
  // 1e-4 = 0.01 percentage point: below it the gap is cent rounding, not worth a sentence.
  if (p.single_payment && c.apr < q - 1e-4 && !fees.is_positive()) {
    c.why_en += ". Why below the quoted " + pct2(q) + "%: the loan pays simple interest once, at maturity; the IRR counts that interest "
                "as if it compounded every " + std::string(daily ? "day" : "month") + " until then, so the rate per " +
                (daily ? "day" : "month") + " that grows the money received into the one payment is smaller than the quoted rate / " +
                (daily ? "365" : "12") + ". The quoted rate is the simple-interest rate of the contract; the APR is the IRR rate "
                "the rule asks lenders to show, and for one payment it is always the lower of the two";
    c.why_zh += "。为何低于合同利率" + pct2(q) + "%：到期一次还本付息按单利计算，而内部收益率法视同每" + std::string(daily ? "日" : "月") +
                "复利，使到手本金增长到到期还款额所需的每期利率低于合同利率的" + (daily ? "1/365" : "1/12") +
                "；合同利率是单利，年化利率是监管要求展示的IRR口径，一次还款的产品后者总是较低";
  } else if (c.apr > q + 1e-4 && !fees.is_positive() && !p.single_payment) {
    c.why_en += ". It is above the quoted " + pct2(q) + "% because the quoted rate's day basis or period differs from the IRR's";
    c.why_zh += "。高于合同利率" + pct2(q) + "%是因为合同利率的计息基数或周期与IRR口径不同";
  }
}

}  // namespace

std::string_view to_string(CostKind k) { return kKindNames[static_cast<std::size_t>(k)]; }

Result<CostKind> parse_cost_kind(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (text == kKindNames[i]) return static_cast<CostKind>(i);
  return fail("unknown cost kind \"" + std::string(text) +
              "\" (expected interest, upfront_fee, periodic_fee, guarantee_fee, membership_fee, insurance or principal)");
}

std::string_view to_string(DayCountRule r) { return r == DayCountRule::daily_accrual ? "daily-irr-x365" : "monthly-irr-x12"; }

Result<AllInCost> all_in_cost(const ProductFlows& p) {
  if (!p.principal.is_positive()) return fail("all-in cost: the principal must be positive, got " + p.principal.to_string());
  AllInCost c;
  c.rule = p.rule;
  c.principal = p.principal;
  c.net_received = p.principal;
  std::map<Date, Money> by_date;
  for (std::size_t k = 0; k < p.payments.size(); ++k) {
    const CostFlow& f = p.payments[k];
    if (!f.amount.is_positive())
      return fail("all-in cost: payment " + std::to_string(k + 1) + " on " + f.date.to_string() + " must be positive, got " + f.amount.to_string());
    if (f.date < p.start)
      return fail("all-in cost: payment " + std::to_string(k + 1) + " on " + f.date.to_string() + " is before the start " + p.start.to_string());
    c.total_paid += f.amount;
    c.by_kind[static_cast<int>(f.kind)] += f.amount;
    if (f.date == p.start) c.net_received -= f.amount;
    else by_date[f.date] += f.amount;
  }
  if (!c.net_received.is_positive())
    return fail("all-in cost: the borrower receives nothing (payments on the start day " + (p.principal - c.net_received).to_string() +
                " >= principal " + p.principal.to_string() + ")");
  c.total_cost = c.total_paid - p.principal;
  if (by_date.empty()) return fail("all-in cost: no payment after the start day");

  if (p.rule == DayCountRule::monthly_instalments) {
    std::vector<Money> flows{-c.net_received};
    for (const auto& [d, amt] : by_date) {
      const int k = month_index(p.start, d);
      if (k == 0)
        return fail("all-in cost: the payment on " + d.to_string() + " is not on a monthly due date of a loan from " + p.start.to_string() +
                    " (use the daily rule for products paid on other dates)");
      if (static_cast<std::size_t>(k) >= flows.size()) flows.resize(static_cast<std::size_t>(k) + 1);
      flows[static_cast<std::size_t>(k)] += amt;
    }
    auto r = irr(flows);
    if (!r) return fail("all-in cost: " + r.error());
    c.periods_per_year = 12;
    c.periodic_irr = r->rate;
    c.irr = std::move(r).value();
    c.apr = c.periodic_irr * 12;
    c.ear = compound_minus_one(c.periodic_irr, 12);
  } else {
    std::vector<DatedCashFlow> flows{{p.start, -c.net_received}};
    for (const auto& [d, amt] : by_date) flows.push_back({d, amt});
    auto r = xirr(flows);
    if (!r) return fail("all-in cost: " + r.error());
    // xirr solves (1 + r)^(days/365): the daily IRR i has (1 + i)^365 = 1 + r.
    c.periods_per_year = 365;
    c.periodic_irr = math::expm1(math::log1p(r->rate) / 365.0);
    c.ear = r->rate;
    c.irr = std::move(r).value();
    c.apr = c.periodic_irr * 365;
  }
  explain(p, c);
  return c;
}

Result<AllInCost> dated_all_in_cost(std::span<const DatedCashFlow> flows) {
  AllInCost c;
  c.rule = DayCountRule::daily_accrual;
  for (const auto& f : flows) {
    if (f.amount.is_negative()) c.principal -= f.amount;
    else c.total_paid += f.amount;
  }
  if (!c.principal.is_positive()) return fail("all-in cost: no draw (negative flow) to rate");
  c.net_received = c.principal;
  c.total_cost = c.total_paid - c.principal;
  auto r = xirr(flows);
  if (!r) return fail("all-in cost: " + r.error());
  c.periods_per_year = 365;
  c.periodic_irr = math::expm1(math::log1p(r->rate) / 365.0);
  c.ear = r->rate;
  c.irr = std::move(r).value();
  c.apr = c.periodic_irr * 365;
  ProductFlows none;
  explain(none, c);
  return c;
}

ProductFlows product_flows(const Schedule& s, std::span<const ExtraCharge> extras) {
  ProductFlows p;
  const LoanTerms& t = s.terms;
  p.start = t.start;
  p.principal = t.principal;
  const bool by_days = t.method == RepaymentMethod::bullet && t.term_days > 0;
  p.rule = (t.accrual == InterestAccrual::actual_days || by_days) ? DayCountRule::daily_accrual : DayCountRule::monthly_instalments;
  p.quoted_annual = annual_rate(t.rate, t.day_basis).to_double();
  p.single_payment = s.installments.size() == 1;
  if (t.upfront_fee.is_positive()) p.payments.push_back({t.start, t.upfront_fee, CostKind::upfront_fee});
  for (const ExtraCharge& e : extras)
    if (!e.every_period && e.amount.is_positive()) p.payments.push_back({t.start, e.amount, e.kind});
  for (const Installment& i : s.installments) {
    if (i.principal.is_positive()) p.payments.push_back({i.due_date, i.principal, CostKind::principal});
    if (i.interest.is_positive()) p.payments.push_back({i.due_date, i.interest, CostKind::interest});
    if (i.fee.is_positive()) p.payments.push_back({i.due_date, i.fee, CostKind::periodic_fee});
    for (const ExtraCharge& e : extras)
      if (e.every_period && e.amount.is_positive()) p.payments.push_back({i.due_date, e.amount, e.kind});
  }
  return p;
}

Disclosure disclosure(const AllInCost& c) {
  Disclosure d;
  const std::string apr = pct2(c.apr);
  const bool daily = c.rule == DayCountRule::daily_accrual;
  d.zh = "年化利率（单利）：" + apr + "%。以借款人实际获得的借款本金" + c.net_received.to_string_grouped() +
         "元为基数，包含利息及与贷款直接相关的全部费用" + (c.total_cost.is_positive() ? "（合计" + c.total_cost.to_string_grouped() + "元）" : std::string()) +
         "，按" + (daily ? "日内部收益率×365" : "月内部收益率×12") + "折算，采用单利计算方法。";
  d.en = "Annualised rate (simple interest): " + apr + "%. Based on the principal the borrower actually receives (" +
         c.net_received.to_string_grouped() + "), including interest and every fee directly related to the loan" +
         (c.total_cost.is_positive() ? " (" + c.total_cost.to_string_grouped() + " in all)" : std::string()) + ", annualised as " +
         (daily ? "365 x the daily IRR" : "12 x the monthly IRR") + "; simple interest, not compounded.";
  d.rule_zh = "中国人民银行公告〔2021〕第3号：贷款产品应明示年化利率，年化利率=借款人承担的全部利息和费用÷实际占用的本金，"
              "可采用复利（内部收益率法）或单利，采用单利的应说明是单利。";
  d.rule_en = "PBOC Announcement [2021] No. 3: every loan product shows its annualised rate = all interest and fees the borrower bears "
              "over the principal actually used, by the compound (IRR) or simple method; a simple rate must say it is simple.";
  return d;
}

Result<ProductAssessment> assess_product(const ProductFlows& product, LenderType lender, std::optional<Date> on, const RateCapTable& table) {
  auto c = all_in_cost(product);
  if (!c) return fail(c.error());
  auto v = table.check(lender, CapSubject::all_in_apr, on.value_or(product.start), c->apr);
  if (!v) return fail(v.error());
  ProductAssessment a{std::move(c).value(), std::move(v).value(), {}};
  a.text = disclosure(a.cost);
  return a;
}

Result<ProductAssessment> assess_dated(std::span<const DatedCashFlow> flows, LenderType lender, Date on, const RateCapTable& table) {
  auto c = dated_all_in_cost(flows);
  if (!c) return fail(c.error());
  auto v = table.check(lender, CapSubject::all_in_apr, on, c->apr);
  if (!v) return fail(v.error());
  ProductAssessment a{std::move(c).value(), std::move(v).value(), {}};
  a.text = disclosure(a.cost);
  return a;
}

Result<PenaltyAssessment> assess_penalty(const LoanTerms& terms, const DelinquencyPolicy& policy, LenderType lender, std::optional<Date> on,
                                         const RateCapTable& table) {
  PenaltyAssessment a;
  a.contract_annual = annual_rate(terms.rate, terms.day_basis).to_double();
  a.penalty_annual = a.contract_annual * (static_cast<double>(policy.penalty_multiplier.units()) / static_cast<double>(money::Rate::one_units));
  const Date d = on.value_or(terms.start);
  auto p = table.check(lender, CapSubject::penalty, d, a.penalty_annual, a.contract_annual);
  if (!p) return fail(p.error());
  a.penalty = std::move(p).value();
  if (policy.compound_overdue_interest) {
    auto c = table.check(lender, CapSubject::compound, d, a.penalty_annual, a.contract_annual);
    if (!c) return fail(c.error());
    a.compound = std::move(c).value();
  }
  return a;
}

}  // namespace finlab::loan
