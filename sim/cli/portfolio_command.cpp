// `finlab portfolio`: user portfolios of 活期宝 and index funds (core/portfolio).
//   simulate  Monte Carlo projection of a plan: percentile fan of value, the
//             outcome distribution, P(end < money put in), and the median path
//             in detail with every return figure explained
//   replay    the plan over a real NAV (or index close) history: transactions
//             with fees, month-end values, holdings and the return figures
//   nav       one seeded model NAV path of a fund as CSV (date,nav,dividend):
//             the path `simulate` uses for that seed and path number, ready
//             for `replay`
// Tables by default; --json prints one document (amounts and rates as decimal
// strings). Usage errors (bad numbers, unknown options, --nav for an unknown
// fund) exit 2; bad file content (plan JSON, NAV CSV) exits 1 with
// "file: $.json.path: what" or "file:line:column: what".
// The projection runs on --threads worker threads (default 2); results do not
// depend on the thread count (core/portfolio/projection.hpp).
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "core/portfolio/nav_series.hpp"
#include "core/portfolio/performance.hpp"
#include "core/portfolio/plan_json.hpp"
#include "core/portfolio/projection.hpp"
#include "core/portfolio/report.hpp"
#include "core/suitability/suitability.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"

namespace finlab::cli {

namespace {

using money::Money;
using portfolio::Plan;
using time::Date;

Plan load_plan(const std::string& path) {
  auto p = portfolio::parse_plan(read_file(path));
  if (!p) throw InputError(path + ": " + p.error());
  return std::move(p).value();
}

std::size_t parse_count(const std::string& option, const std::string& text, std::size_t lo, std::size_t hi) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw UsageError(option + ": '" + text + "' is not a whole number");
  }
  const std::size_t v = std::stoull(text);
  if (v < lo || v > hi) throw UsageError(option + ": " + text + " is not in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

std::string grouped(Money m) { return m.to_string_grouped(); }

std::string fund_name(const Plan& p, int f) { return f < 0 ? "活期宝" : p.funds[static_cast<std::size_t>(f)].id; }

void print_performance(std::ostream& os, const portfolio::Performance& p) {
  Table t{{"figure", "value", "how"}, {Align::left, Align::right, Align::left}, {}};
  for (const auto* f : p.all()) t.rows.push_back({f->name, f->value, f->formula});
  print_table(os, t);
  os << "\ninputs:\n";
  for (const auto* f : p.all()) {
    os << "  " << f->name << ":";
    for (const auto& [k, v] : f->inputs) os << " " << k << " = " << v << ";";
    os << "\n";
  }
}

// ------------------------------------------------------------------ simulate
struct SimulateArgs {
  std::string plan_path;
  std::string paths = "1000";
  std::string years;
  std::string seed = "1";
  std::string threads = "2";
  bool json = false;
  // Optional investor profile (docs/suitability.md): overrides the plan's "investor".
  std::string answers, assessed;
  bool signed_warning = false;
};

// --answers/--assessed/--signed-warning -> the plan's investor profile.
void apply_investor(const SimulateArgs& a, Plan& plan) {
  if (a.answers.empty() && a.assessed.empty() && !a.signed_warning) return;
  if (a.answers.empty() || a.assessed.empty()) throw UsageError("an investor profile needs both --answers and --assessed");
  portfolio::InvestorProfile inv;
  std::size_t pos = 0;
  while (pos <= a.answers.size()) {
    const std::size_t comma = std::min(a.answers.find(',', pos), a.answers.size());
    const std::string item = a.answers.substr(pos, comma - pos);
    if (item.empty() || item.size() > 3 || item.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError("--answers: expected option numbers separated by commas (e.g. 0,1,3,...), got '" + item + "'");
    inv.answers.push_back(std::stoi(item));
    pos = comma + 1;
  }
  auto d = time::Date::parse(a.assessed);
  if (!d) throw UsageError("--assessed: " + d.error());
  inv.assessed = *d;
  inv.signed_warning = a.signed_warning;
  auto check = suitability::assess(suitability::Questionnaire::builtin(), inv.answers, inv.assessed, {});
  if (!check) throw InputError("--answers: " + check.error());
  plan.investor = inv;
}

void run_simulate(const SimulateArgs& a) {
  const std::size_t paths = parse_count("--paths", a.paths, 1, 1'000'000);
  const std::size_t seed = parse_count("--seed", a.seed, 0, 999'999'999'999);
  const std::size_t threads = parse_count("--threads", a.threads, 1, 64);
  Plan plan = load_plan(a.plan_path);
  apply_investor(a, plan);
  const int years = a.years.empty() ? plan.years : static_cast<int>(parse_count("--years", a.years, 1, 50));
  auto prepared = portfolio::Projection::prepare(plan, {paths, years, seed}, time::TradingCalendar::builtin());
  if (!prepared) throw InputError(a.plan_path + ": " + prepared.error());
  const portfolio::Projection& pr = prepared.value();

  portfolio::PathOutputs out;
  out.resize(paths, pr.schedule().checkpoints.size());
  const std::size_t workers = std::min(threads, paths);
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(workers);
  for (std::size_t w = 0; w < workers; ++w) {
    const std::size_t first = paths * w / workers, last = paths * (w + 1) / workers;
    pool.emplace_back([&, w, first, last] {
      try {
        pr.run(first, last - first, out);
      } catch (...) {
        errors[w] = std::current_exception();
      }
    });
  }
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  const auto report = portfolio::make_simulation_report(pr, out);
  if (a.json) {
    std::cout << portfolio::to_json(report) << "\n";
    return;
  }
  const auto& s = report.summary;
  const auto& median = report.median;
  const auto& perf = report.median_performance;

  std::ostream& os = std::cout;
  os << "plan: " << plan.name << " (" << a.plan_path << ")\n";
  os << "projection: " << paths << " paths × " << years << " years, seed " << seed << "; " << s.first_day.to_string() << " .. "
     << s.last_day.to_string() << ", " << pr.schedule().size() << " trading days\n";
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    const auto& m = plan.funds[f].nav_model;
    os << "NAV model of " << plan.funds[f].id << ": GARCH(1,1) with Student-t(" << m.dof << ") shocks, expected return "
       << m.annual_return.to_percent_string() << "% a year, long-run volatility " << m.annual_volatility.to_percent_string()
       << "%, alpha " << portfolio::number_text(portfolio::to_double(m.alpha), 3) << ", beta "
       << portfolio::number_text(portfolio::to_double(m.beta), 3) << ", daily moves capped at ±" << m.daily_limit.to_percent_string() << "%\n";
  }
  os << "活期宝 万份收益: " << pr.schedule().mmf_r_source << "\n";
  os << "money put in by " << s.last_day.to_string() << ": " << grouped(s.paid_in) << "\n\n";

  os << "value over time (nearest-rank percentiles over " << paths << " paths)\n";
  Table fan{{"date", "put in", "p5", "p25", "p50", "p75", "p95"}, {Align::left}, {}};
  for (std::size_t k = 0; k < s.fan.size(); ++k) {
    const auto& f = s.fan[k];
    if (f.date.month() != 12 && k + 1 != s.fan.size()) continue;  // year ends and the last day
    fan.rows.push_back({f.date.to_string(), grouped(f.paid_in), grouped(f.p5), grouped(f.p25), grouped(f.p50), grouped(f.p75), grouped(f.p95)});
  }
  print_table(os, fan);

  const auto& e = s.end_value;
  os << "\noutcome on " << s.last_day.to_string() << "\n";
  Table outcome{{"measure", "p5", "p25", "p50", "p75", "p95"}, {Align::left}, {}};
  outcome.rows.push_back({"end value", grouped(e.p5), grouped(e.p25), grouped(e.p50), grouped(e.p75), grouped(e.p95)});
  const auto& tw = s.twr_annualized;
  outcome.rows.push_back({"TWR a year", portfolio::percent_text(tw.p5), portfolio::percent_text(tw.p25), portfolio::percent_text(tw.p50),
                          portfolio::percent_text(tw.p75), portfolio::percent_text(tw.p95)});
  const auto& dd = s.max_drawdown;
  outcome.rows.push_back({"max drawdown", portfolio::percent_text(-dd.p5), portfolio::percent_text(-dd.p25), portfolio::percent_text(-dd.p50),
                          portfolio::percent_text(-dd.p75), portfolio::percent_text(-dd.p95)});
  print_table(os, outcome);
  os << "P(end value < money put in) = " << portfolio::percent_text(s.p_below_paid_in) << " (" << s.below_paid_in << " of " << paths
     << " paths); mean end value " << grouped(e.mean) << "; p1 " << grouped(e.p1) << ", p99 " << grouped(e.p99) << "\n";
  os << "mean 活期宝 income " << grouped(s.mean_mmf_income) << "; mean fees " << grouped(s.mean_fees) << "; paths with a skipped 定投: "
     << s.paths_with_skipped_regular << "\n\n";

  os << "distribution of the end value\n";
  Table hist{{"from", "to", "paths", ""}, {Align::right, Align::right, Align::right, Align::left}, {}};
  std::size_t most = 1;
  for (const auto& b : s.histogram) most = std::max(most, b.count);
  for (std::size_t k = 0; k < s.histogram.size(); ++k) {
    const auto& b = s.histogram[k];
    const std::string from = k == 0 ? "(below) " + grouped(b.from) : grouped(b.from);
    const std::string to = k + 1 == s.histogram.size() ? grouped(b.to) + " (and above)" : grouped(b.to);
    hist.rows.push_back({from, to, std::to_string(b.count), std::string(b.count * 40 / most, '#')});
  }
  print_table(os, hist);

  os << "\nmedian path (#" << s.median_path << ", end value " << grouped(median.totals.end_value) << ") in detail\n";
  print_performance(os, perf);
}

// ------------------------------------------------------------------ replay
struct ReplayArgs {
  std::string plan_path;
  std::vector<std::string> navs;
  std::string yields;
  std::string to;
  bool json = false;
  bool explain = false;
};

void run_replay(const ReplayArgs& a) {
  const Plan plan = load_plan(a.plan_path);
  if (plan.funds.empty()) throw InputError(a.plan_path + ": the plan has no funds to replay");
  const auto& cal = time::TradingCalendar::builtin();
  // --nav FILE (one fund) or --nav ID=FILE (any number of funds); every fund needs one.
  std::vector<std::string> file_of(plan.funds.size());
  for (const auto& spec : a.navs) {
    const auto eq = spec.find('=');
    std::string id, file;
    if (eq == std::string::npos) {
      if (plan.funds.size() != 1) throw UsageError("--nav " + spec + ": the plan has " + std::to_string(plan.funds.size()) + " funds; write --nav ID=FILE");
      id = plan.funds[0].id;
      file = spec;
    } else {
      id = spec.substr(0, eq);
      file = spec.substr(eq + 1);
    }
    auto f = plan.fund_index(id);
    if (!f) throw UsageError("--nav " + spec + ": the plan has no fund \"" + id + "\"");
    if (!file_of[*f].empty()) throw UsageError("--nav: fund \"" + id + "\" given twice");
    file_of[*f] = file;
  }
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    if (file_of[f].empty()) throw UsageError("--nav: no NAV file for fund \"" + plan.funds[f].id + "\"");
  }
  std::vector<portfolio::NavHistory> histories;
  Date end = portfolio::projection_end(plan, plan.years);
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    auto h = portfolio::parse_nav_csv(read_file(file_of[f]), file_of[f], cal);
    if (!h) throw InputError(h.error());
    end = std::min(end, portfolio::last_date(h.value()).plus_days(1));
    histories.push_back(std::move(h).value());
  }
  if (!a.to.empty()) {
    auto d = Date::parse(a.to);
    if (!d) throw UsageError("--to: " + d.error());
    end = std::min(end, d->plus_days(1));
  }
  std::optional<fund::IncomeSeries> series;
  if (!a.yields.empty()) {
    // date,income_per_10k (the format of `finlab fund yield`).
    const std::string text = read_file(a.yields);
    std::vector<fund::IncomeRow> rows;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (n == 1) {
        if (line.rfind("date,income_per_10k", 0) != 0) throw InputError(a.yields + ":1: expected the header date,income_per_10k");
        continue;
      }
      if (line.empty()) continue;
      const auto c = line.find(',');
      if (c == std::string::npos) throw InputError(a.yields + ":" + std::to_string(n) + ": expected date,income_per_10k");
      rows.push_back({n, line.substr(0, c), line.substr(c + 1)});
    }
    auto s = fund::load_income_series(rows);
    if (!s) throw InputError(a.yields + ": " + s.error());
    series = std::move(s).value();
  }
  portfolio::ScheduleInputs in;
  in.end = end;
  in.mmf_series = series ? &*series : nullptr;
  auto sched = portfolio::build_schedule(plan, cal, in);
  if (!sched) throw InputError(a.plan_path + ": " + sched.error());
  const auto& s = sched.value();
  std::vector<portfolio::AlignedNav> aligned;
  std::vector<portfolio::FundMarket> market;
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    auto al = portfolio::align_nav(histories[f], s, plan.funds[f].nav_model.start);
    if (!al) throw InputError(al.error());
    aligned.push_back(std::move(al).value());
  }
  for (const auto& al : aligned) market.push_back({al.nav_units, al.dividend_units});
  const auto report = portfolio::replay(plan, s, market);
  if (a.json) {
    std::cout << portfolio::to_json(report) << "\n";
    return;
  }
  const auto& ledger = report.ledger;
  const auto& r = report.result;
  const auto& perf = report.performance;

  std::ostream& os = std::cout;
  os << "plan: " << plan.name << " (" << a.plan_path << ")\n";
  os << "replay: " << s.days.front().to_string() << " .. " << s.days.back().to_string() << ", " << s.size() << " trading days; NAV from";
  for (std::size_t f = 0; f < plan.funds.size(); ++f) os << " " << plan.funds[f].id << "=" << file_of[f];
  os << "\n活期宝 万份收益: " << s.mmf_r_source << "\n\n";

  os << "transactions\n";
  Table tx{{"date", "kind", "fund", "source", "amount", "shares", "NAV", "fee", "settles", "why"},
           {Align::left, Align::left, Align::left, Align::left, Align::right, Align::right, Align::right, Align::right, Align::left, Align::left},
           {}};
  std::vector<std::string> notes;
  for (const auto& t : ledger.transactions) {
    const bool has_shares = t.kind == portfolio::TxKind::buy || t.kind == portfolio::TxKind::sell || t.kind == portfolio::TxKind::dividend_reinvest;
    std::string why;
    if (t.kind == portfolio::TxKind::skipped) why = t.note;
    else if (a.explain) {
      notes.push_back(t.note);
      why = "[" + std::to_string(notes.size()) + "]";
    }
    tx.rows.push_back({t.date.to_string(), std::string(portfolio::to_string(t.kind)), fund_name(plan, t.fund), t.source, grouped(t.amount),
                       has_shares ? t.shares.to_string() : "", has_shares ? t.nav.to_string() : "", t.fee.is_zero() ? "" : t.fee.to_string(),
                       t.settles_on == t.date ? "" : t.settles_on.to_string(), why});
  }
  print_table(os, tx);
  if (a.explain) {
    os << "\nnotes\n";
    for (std::size_t k = 0; k < notes.size(); ++k) os << "  [" << k + 1 << "] " << notes[k] << "\n";
  }

  os << "\nmonth ends\n";
  Table months{{"date", "活期宝", "funds", "in transit", "total", "put in"}, {Align::left}, {}};
  for (const auto& m : portfolio::month_ends(ledger)) {
    months.rows.push_back({m.date.to_string(), grouped(m.huoqibao), grouped(m.funds), grouped(m.in_transit), grouped(m.total), grouped(m.paid_in)});
  }
  print_table(os, months);

  os << "\nholdings on " << s.days.back().to_string() << "\n";
  Table hold{{"fund", "shares", "NAV", "value", "lots"}, {Align::left}, {}};
  hold.rows.push_back({"活期宝", r.totals.end_huoqibao.to_string(), "1.0000", grouped(r.totals.end_huoqibao), ""});
  for (std::size_t f = 0; f < plan.funds.size(); ++f) {
    const auto& h = ledger.holdings[f];
    hold.rows.push_back({plan.funds[f].id, h.shares.to_string(), portfolio::Nav::from_units(aligned[f].nav_units.back()).to_string(),
                         grouped(h.value), std::to_string(h.lots.size())});
  }
  if (r.totals.end_in_transit.is_positive()) hold.rows.push_back({"cash in transit", "", "", grouped(r.totals.end_in_transit), ""});
  hold.rows.push_back({"total", "", "", grouped(r.totals.end_value), ""});
  print_table(os, hold);
  os << "\nreturns and where they came from\n";
  print_performance(os, perf);
}

// ------------------------------------------------------------------ nav
struct NavArgs {
  std::string plan_path;
  std::string fund;
  std::string path = "0";
  std::string seed = "1";
  std::string years;
};

void run_nav(const NavArgs& a) {
  const std::size_t seed = parse_count("--seed", a.seed, 0, 999'999'999'999);
  const std::size_t path = parse_count("--path", a.path, 0, 999'999'999);
  const Plan plan = load_plan(a.plan_path);
  if (plan.funds.empty()) throw InputError(a.plan_path + ": the plan has no funds");
  std::size_t f = 0;
  if (!a.fund.empty()) {
    auto i = plan.fund_index(a.fund);
    if (!i) throw UsageError("--fund: the plan has no fund \"" + a.fund + "\"");
    f = *i;
  } else if (plan.funds.size() > 1) {
    throw UsageError("--fund: the plan has " + std::to_string(plan.funds.size()) + " funds; name one");
  }
  const int years = a.years.empty() ? plan.years : static_cast<int>(parse_count("--years", a.years, 1, 50));
  auto prepared = portfolio::Projection::prepare(plan, {path + 1, years, seed}, time::TradingCalendar::builtin());
  if (!prepared) throw InputError(a.plan_path + ": " + prepared.error());
  std::vector<std::int64_t> nav, div;
  prepared->market_path(path, f, nav, div);
  const auto& days = prepared->schedule().days;
  std::cout << "date,nav,dividend\n";
  for (std::size_t i = 0; i < days.size(); ++i) {
    std::cout << days[i].to_string() << "," << portfolio::Nav::from_units(nav[i]).to_string() << ","
              << (div[i] ? portfolio::Nav::from_units(div[i]).to_string() : "") << "\n";
  }
}

}  // namespace

void register_portfolio_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("portfolio", "portfolios of 活期宝 and index funds: Monte Carlo projections and history replays");
  cmd->require_subcommand(1);

  auto sim = std::make_shared<SimulateArgs>();
  auto* s = cmd->add_subcommand("simulate", "project a plan over N seeded NAV paths: percentile fan, outcome distribution, P(end < money put in)");
  s->add_option("--plan", sim->plan_path, "plan file (JSON; see docs/portfolio.md, example in assets/plans/)")->required();
  s->add_option("--paths", sim->paths, "number of Monte Carlo paths (default 1000)");
  s->add_option("--years", sim->years, "horizon in years (default: the plan's `years`)");
  s->add_option("--seed", sim->seed, "random seed (default 1): the same seed gives the same result everywhere");
  s->add_option("--threads", sim->threads, "worker threads (default 2; the result does not depend on it)");
  s->add_flag("--json", sim->json, "print one JSON document");
  s->add_option("--answers", sim->answers, "investor profile: the questionnaire answers (see `finlab suitability questions`); index funds are checked against it");
  s->add_option("--assessed", sim->assessed, "investor profile: date of the assessment (YYYY-MM-DD)");
  s->add_flag("--signed-warning", sim->signed_warning, "investor profile: the risk mismatch warning was signed");
  s->callback([sim] { run_simulate(*sim); });

  auto rep = std::make_shared<ReplayArgs>();
  auto* r = cmd->add_subcommand("replay", "run a plan over a NAV (or index close) history: transactions with fees, values, returns");
  r->add_option("--plan", rep->plan_path, "plan file (JSON)")->required();
  r->add_option("--nav", rep->navs, "NAV history CSV (date,nav[,dividend] or date,close); ID=FILE for plans with several funds")->required();
  r->add_option("--yields", rep->yields, "活期宝 万份收益 CSV (date,income_per_10k) instead of the plan's yield");
  r->add_option("--to", rep->to, "last day of the replay (default: the end of the NAV data or of the plan's years)");
  r->add_flag("--explain", rep->explain, "print the explanation of every transaction");
  r->add_flag("--json", rep->json, "print one JSON document");
  r->callback([rep] { run_replay(*rep); });

  auto nav = std::make_shared<NavArgs>();
  auto* n = cmd->add_subcommand("nav", "print one seeded model NAV path of a fund as CSV (date,nav,dividend), the one `simulate` uses");
  n->add_option("--plan", nav->plan_path, "plan file (JSON)")->required();
  n->add_option("--fund", nav->fund, "fund id (needed when the plan has several funds)");
  n->add_option("--path", nav->path, "path number (default 0)");
  n->add_option("--seed", nav->seed, "random seed (default 1)");
  n->add_option("--years", nav->years, "horizon in years (default: the plan's `years`)");
  n->callback([nav] { run_nav(*nav); });
}

}  // namespace finlab::cli
