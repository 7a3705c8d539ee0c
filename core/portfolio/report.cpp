#include "core/portfolio/report.hpp"

#include <nlohmann/json.hpp>

namespace finlab::portfolio {

using nlohmann::ordered_json;

SimulationReport make_simulation_report(const Projection& pr, const PathOutputs& out) {
  SimulationReport r;
  r.plan_name = pr.plan().name;
  r.settings = pr.settings();
  r.trading_days = pr.schedule().size();
  r.mmf_source = pr.schedule().mmf_r_source;
  r.summary = pr.summarize(out);
  r.median = pr.replay_path(r.summary.median_path, r.median_ledger);
  r.median_performance = measure(r.median_ledger, r.median.totals);
  return r;
}

SimulationReport simulate(const Projection& pr) { return make_simulation_report(pr, pr.run_all()); }

ReplayReport replay(const Plan& plan, const Schedule& schedule, std::span<const FundMarket> market) {
  ReplayReport r;
  r.plan_name = plan.name;
  r.schedule = &schedule;
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    r.fund_ids.push_back(plan.funds[f].id);
    r.last_nav.push_back(Nav::from_units(market[f].nav_units.back()));
  }
  Engine engine(plan, schedule);
  r.result = engine.run(market, &r.ledger, {});
  r.performance = measure(r.ledger, r.result.totals);
  return r;
}

std::vector<MonthEnd> month_ends(const Ledger& ledger) {
  std::vector<MonthEnd> out;
  money::Money put_in;
  const auto& days = ledger.days;
  for (std::size_t i = 0; i < days.size(); ++i) {
    put_in += days[i].flow;
    if (i + 1 < days.size() && days[i + 1].date.month() == days[i].date.month()) continue;
    out.push_back({days[i].date, days[i].huoqibao, days[i].funds, days[i].in_transit, days[i].total, put_in});
  }
  return out;
}

namespace {

ordered_json figure_json(const Figure& f) {
  ordered_json inputs = ordered_json::object();
  for (const auto& [k, v] : f.inputs) inputs[k] = v;
  return {{"name", f.name}, {"value", f.value}, {"available", f.available}, {"formula", f.formula}, {"inputs", inputs}};
}

ordered_json performance_json(const Performance& p) {
  ordered_json j = ordered_json::object();
  j["twr"] = figure_json(p.twr);
  j["twr_annualized"] = figure_json(p.twr_annualized);
  j["mwr"] = figure_json(p.mwr);
  j["volatility"] = figure_json(p.volatility);
  j["max_drawdown"] = figure_json(p.max_drawdown);
  j["income_split"] = figure_json(p.income_split);
  j["fees"] = figure_json(p.fees);
  ordered_json flows = ordered_json::array();
  for (const auto& f : p.mwr_flows) flows.push_back({{"date", f.date.to_string()}, {"amount", f.amount.to_string()}});
  j["mwr_flows"] = flows;
  return j;
}

ordered_json totals_json(const PathTotals& t) {
  return {{"paid_in", t.paid_in.to_string()},
          {"end_value", t.end_value.to_string()},
          {"end_huoqibao", t.end_huoqibao.to_string()},
          {"end_funds", t.end_funds.to_string()},
          {"end_in_transit", t.end_in_transit.to_string()},
          {"huoqibao_income", t.mmf_income.to_string()},
          {"fund_gain", t.fund_gain.to_string()},
          {"purchases", t.purchases.to_string()},
          {"redemptions_net", t.redemptions_net.to_string()},
          {"cash_dividends", t.cash_dividends.to_string()},
          {"reinvested_dividends", t.reinvested_dividends.to_string()},
          {"subscription_fees", t.subscription_fees.to_string()},
          {"redemption_fees", t.redemption_fees.to_string()},
          {"redemption_fees_to_fund_assets", t.redemption_fees_to_fund_assets.to_string()},
          {"regular_investments_made", t.regular_made},
          {"regular_investments_skipped", t.regular_skipped},
          {"orders_refused", t.orders_refused},
          {"rebalances", t.rebalances}};
}

}  // namespace

std::string to_json(const SimulationReport& r) {
  const auto& s = r.summary;
  ordered_json doc;
  doc["plan"] = r.plan_name;
  doc["settings"] = {{"paths", r.settings.paths}, {"years", r.settings.years}, {"seed", r.settings.seed}};
  doc["first_day"] = s.first_day.to_string();
  doc["last_day"] = s.last_day.to_string();
  doc["trading_days"] = r.trading_days;
  doc["huoqibao_income_per_10k"] = r.mmf_source;
  doc["paid_in"] = s.paid_in.to_string();
  ordered_json fan = ordered_json::array();
  for (const auto& f : s.fan) {
    fan.push_back({{"date", f.date.to_string()}, {"paid_in", f.paid_in.to_string()}, {"p5", f.p5.to_string()}, {"p25", f.p25.to_string()},
                   {"p50", f.p50.to_string()}, {"p75", f.p75.to_string()}, {"p95", f.p95.to_string()}});
  }
  doc["fan"] = fan;
  const auto& e = s.end_value;
  doc["end_value"] = {{"p1", e.p1.to_string()}, {"p5", e.p5.to_string()}, {"p10", e.p10.to_string()}, {"p25", e.p25.to_string()},
                      {"p50", e.p50.to_string()}, {"p75", e.p75.to_string()}, {"p90", e.p90.to_string()}, {"p95", e.p95.to_string()},
                      {"p99", e.p99.to_string()}, {"mean", e.mean.to_string()}};
  doc["below_paid_in"] = s.below_paid_in;
  doc["p_below_paid_in"] = percent_text(s.p_below_paid_in, 2);
  ordered_json hist = ordered_json::array();
  for (const auto& b : s.histogram) hist.push_back({{"from", b.from.to_string()}, {"to", b.to.to_string()}, {"paths", b.count}});
  doc["histogram"] = hist;
  auto ratios = [](const RatioPercentiles& q, double sign) {
    return ordered_json{{"p5", percent_text(sign * q.p5)}, {"p25", percent_text(sign * q.p25)}, {"p50", percent_text(sign * q.p50)},
                        {"p75", percent_text(sign * q.p75)}, {"p95", percent_text(sign * q.p95)}};
  };
  doc["twr_annualized"] = ratios(s.twr_annualized, 1.0);
  doc["max_drawdown"] = ratios(s.max_drawdown, -1.0);
  doc["mean_huoqibao_income"] = s.mean_mmf_income.to_string();
  doc["mean_fees"] = s.mean_fees.to_string();
  doc["paths_with_skipped_regular_investment"] = s.paths_with_skipped_regular;
  doc["median_path"] = {{"path", s.median_path}, {"totals", totals_json(r.median.totals)}, {"performance", performance_json(r.median_performance)}};
  return doc.dump(2);
}

std::string to_json(const ReplayReport& r) {
  FINLAB_REQUIRE(r.schedule != nullptr, "to_json(ReplayReport): no schedule");
  const auto& s = *r.schedule;
  ordered_json doc;
  doc["plan"] = r.plan_name;
  doc["first_day"] = s.days.front().to_string();
  doc["last_day"] = s.days.back().to_string();
  doc["trading_days"] = s.size();
  doc["huoqibao_income_per_10k"] = s.mmf_r_source;
  doc["totals"] = totals_json(r.result.totals);
  doc["performance"] = performance_json(r.performance);
  ordered_json holdings = ordered_json::array();
  for (std::size_t f = 0; f < r.fund_ids.size(); ++f) {
    const auto& h = r.ledger.holdings[f];
    ordered_json lots = ordered_json::array();
    for (const auto& l : h.lots) {
      lots.push_back({{"id", l.id}, {"trade_date", l.trade_date.to_string()}, {"confirmed_on", l.confirmed_on.to_string()},
                      {"shares", l.shares.to_string()}, {"source", l.source == LotSource::purchase ? "purchase" : "dividend_reinvestment"}});
    }
    holdings.push_back({{"fund", r.fund_ids[f]}, {"shares", h.shares.to_string()}, {"nav", r.last_nav[f].to_string()}, {"value", h.value.to_string()}, {"lots", lots}});
  }
  doc["holdings"] = holdings;
  ordered_json txs = ordered_json::array();
  for (const auto& t : r.ledger.transactions) {
    txs.push_back({{"date", t.date.to_string()}, {"settles_on", t.settles_on.to_string()}, {"kind", std::string(to_string(t.kind))},
                   {"fund", t.fund < 0 ? std::string("活期宝") : r.fund_ids[static_cast<std::size_t>(t.fund)]}, {"source", t.source},
                   {"amount", t.amount.to_string()}, {"shares", t.shares.to_string()}, {"nav", t.nav.to_string()}, {"fee", t.fee.to_string()},
                   {"note", t.note}});
  }
  doc["transactions"] = txs;
  ordered_json months = ordered_json::array();
  for (const auto& m : month_ends(r.ledger)) {
    months.push_back({{"date", m.date.to_string()}, {"huoqibao", m.huoqibao.to_string()}, {"funds", m.funds.to_string()},
                      {"in_transit", m.in_transit.to_string()}, {"total", m.total.to_string()}, {"paid_in", m.paid_in.to_string()}});
  }
  doc["month_ends"] = months;
  return doc.dump(2);
}

}  // namespace finlab::portfolio
