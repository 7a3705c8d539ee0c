// `finlab fund`: the 活期宝 money-market fund engine on the command line.
//   yield      7-day annualised yields from a CSV of daily 万份收益
//   statement  an investor's daily statement from yields + transactions CSVs
//   when       when a purchase/redemption at a moment counts, confirms, earns, pays, and why
//   simulate   a seeded fund path (gross yield, 万份收益, 7-day yield per day)
// Tables by default; --json prints one document with amounts and rates as
// decimal strings. Bad arguments exit 2; bad file content exits 1 with
// "file:line: what". Output is written only after all input was validated.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/credit/csv.hpp"
#include "core/excerpt.hpp"
#include "core/fund/fund_path.hpp"
#include "core/fund/income_series.hpp"
#include "core/fund/ledger.hpp"
#include "core/fund/yield.hpp"
#include "core/time/trading_calendar.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"

namespace finlab::cli {

namespace {

using nlohmann::ordered_json;
using time::Date;

const time::TradingCalendar& calendar() { return time::TradingCalendar::builtin(); }

// Parses a CSV file and checks the header has `required` columns.
credit::CsvTable read_csv(const std::string& path, std::initializer_list<const char*> required) {
  const std::string text = read_file(path);
  auto t = credit::parse_csv(text, path);
  if (!t) throw InputError(t.error());
  std::string want;
  for (const char* c : required) want += std::string(want.empty() ? "" : ",") + c;
  for (const char* c : required)
    if (t->column_index(c) == credit::CsvTable::npos)
      throw InputError(path + ":1: missing column \"" + c + "\" (expected a header with " + want + ")");
  return std::move(t).value();
}

fund::Carry parse_carry(const std::string& s) { return s == "monthly" ? fund::Carry::monthly : fund::Carry::daily; }

fund::IncomeSeries load_yields(const std::string& path) {
  const auto t = read_csv(path, {"date", "income_per_10k"});
  const auto dc = t.column_index("date"), rc = t.column_index("income_per_10k");
  std::vector<fund::IncomeRow> rows;
  for (std::size_t r = 0; r < t.rows(); ++r)
    rows.push_back({static_cast<int>(t.line[r]), std::string(t.cell(r, dc)), std::string(t.cell(r, rc))});
  if (rows.empty()) throw InputError(path + ": no data rows (expected date,income_per_10k lines after the header)");
  auto s = fund::load_income_series(rows);
  if (!s) {
    // "line 7: ..." -> "path:7: ..."
    std::string e = s.error();
    if (e.rfind("line ", 0) == 0) e = path + ":" + e.substr(5);
    else e = path + ": " + e;
    throw InputError(e);
  }
  return std::move(s).value();
}

std::string opt_date(const std::optional<Date>& d) { return d ? d->to_string() : ""; }
ordered_json json_date(const std::optional<Date>& d) { return d ? ordered_json(d->to_string()) : ordered_json(nullptr); }

// ---------------------------------------------------------------- yield
void run_yield(const std::string& input, const std::string& carry_s, bool json) {
  const auto series = load_yields(input);
  const auto carry = parse_carry(carry_s);
  const auto y = fund::seven_day_yields(series.values(), carry);
  if (json) {
    ordered_json doc;
    doc["carry"] = std::string(fund::to_string(carry));
    doc["formula"] = carry == fund::Carry::daily ? "compound: ((prod(1+R_i/10000))^(365/7)-1)*100" : "simple: (sum(R_i)/7)*365/10000*100";
    doc["rows"] = ordered_json::array();
    for (std::size_t i = 0; i < series.size(); ++i)
      doc["rows"].push_back({{"date", series.date_at(i).to_string()},
                             {"income_per_10k", series.values()[i].to_string()},
                             {"seven_day_yield_pct", y[i] ? ordered_json(y[i]->to_string()) : ordered_json(nullptr)}});
    std::cout << doc.dump(2) << "\n";
    return;
  }
  Table t{{"date", "income_per_10k", "seven_day_yield_pct"}, {Align::left}, {}};
  for (std::size_t i = 0; i < series.size(); ++i)
    t.rows.push_back({series.date_at(i).to_string(), series.values()[i].to_string(), y[i] ? y[i]->to_string() : "-"});
  std::cout << "7-day annualised yield, " << fund::to_string(carry) << " carry-over ("
            << (carry == fund::Carry::daily ? "compound" : "simple") << " formula); '-' until 7 days are known\n";
  print_table(std::cout, t);
}

// ---------------------------------------------------------------- statement
std::vector<fund::Order> load_transactions(const std::string& path) {
  const auto t = read_csv(path, {"id", "timestamp", "type", "amount"});
  const auto ic = t.column_index("id"), tc = t.column_index("timestamp"), yc = t.column_index("type"), ac = t.column_index("amount");
  std::vector<fund::Order> out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string at = t.where(r) + ": ";
    const std::string id(t.cell(r, ic));
    if (id.empty()) throw InputError(at + "id: empty");
    if (auto it = seen.find(id); it != seen.end())
      throw InputError(at + "id: duplicate id \"" + id + "\" (first on line " + std::to_string(t.line[it->second]) + ")");
    seen[id] = r;
    auto ts = time::DateTime::parse(t.cell(r, tc));
    if (!ts) throw InputError(at + "timestamp: " + ts.error());
    if (auto c = calendar().check_covered(ts->date()); !c) throw InputError(at + "timestamp: " + c.error());
    auto type = fund::parse_order_type(t.cell(r, yc));
    if (!type) throw InputError(at + "type: " + type.error());
    auto amount = money::Money::parse(t.cell(r, ac));
    if (!amount) throw InputError(at + "amount: " + amount.error());
    if (!amount->is_positive()) throw InputError(at + "amount: must be positive, got " + amount->to_string());
    out.push_back({id, 1, ts.value(), type.value(), amount.value()});
  }
  if (out.empty()) throw InputError(path + ": no transactions (expected id,timestamp,type,amount lines after the header)");
  return out;
}

void run_statement(const std::string& yields, const std::string& transactions, const std::string& carry_s, const std::string& fast_limit,
                   bool json) {
  const auto series = load_yields(yields);
  const auto orders = load_transactions(transactions);
  fund::LedgerSettings settings;
  settings.carry = parse_carry(carry_s);
  if (!fast_limit.empty()) {
    auto m = money::Money::parse(fast_limit);
    if (!m || !m->is_positive()) throw UsageError("--fast-limit-2015: expected a positive amount such as 50000, got \"" + fast_limit + "\"");
    settings.fast_limits = fund::LedgerSettings::default_fast_limits(m.value());
  }
  for (const auto& o : orders)
    if (o.at.date() > series.last())
      throw InputError(transactions + ": transaction " + o.id + " on " + o.at.date().to_string() + " is after the last date of " + yields +
                       " (" + series.last().to_string() + ")");
  auto run = fund::run_ledger(calendar(), settings, orders, series);
  if (!run) throw InputError(run.error());
  money::Money total_income;
  for (const auto& d : run->days) total_income += d.accounts.empty() ? money::Money{} : d.accounts[0].income;
  if (json) {
    ordered_json doc;
    doc["carry"] = std::string(fund::to_string(settings.carry));
    doc["transactions"] = ordered_json::array();
    for (const auto& o : run->orders) {
      ordered_json j{{"id", o.order.id},
                     {"timestamp", o.order.at.to_string()},
                     {"type", std::string(fund::to_string(o.order.type))},
                     {"amount", o.order.amount.to_string()},
                     {"accepted", o.accepted}};
      if (o.accepted) {
        j["trade_date"] = o.timing.trade_date.to_string();
        j["confirmed_on"] = o.timing.confirmed_on.to_string();
        j["earns_from"] = json_date(o.timing.earns_from);
        j["first_income_on"] = json_date(o.timing.first_income_on);
        j["stops_earning_on"] = json_date(o.timing.stops_earning_on);
        j["funds_available_on"] = json_date(o.timing.funds_available_on);
        j["reason"] = say(o.timing.why);
      } else {
        j["refusal"] = o.refusal;
      }
      doc["transactions"].push_back(j);
    }
    doc["days"] = ordered_json::array();
    for (const auto& d : run->days) {
      const auto& a = d.accounts.at(0);
      ordered_json j{{"date", d.date.to_string()},
                     {"income_per_10k", d.income_per_10k.to_string()},
                     {"shares", a.shares.to_string()},
                     {"income", a.income.to_string()},
                     {"balance", a.balance.to_string()},
                     {"cash_out", a.cash_out.to_string()}};
      if (settings.carry == fund::Carry::monthly) j["unpaid"] = a.unpaid.to_string();
      doc["days"].push_back(j);
    }
    doc["total_income"] = total_income.to_string();
    std::cout << doc.dump(2) << "\n";
    return;
  }
  Table tx{{"id", "timestamp", "type", "amount", "status", "trade_date", "confirmed_on", "earns_from", "funds_available_on", "note"},
           {Align::left, Align::left, Align::left, Align::right, Align::left, Align::left, Align::left, Align::left, Align::left, Align::left},
           {}};
  for (const auto& o : run->orders) {
    if (o.accepted)
      tx.rows.push_back({o.order.id, o.order.at.to_string(), std::string(fund::to_string(o.order.type)), o.order.amount.to_string_grouped(),
                         "accepted", o.timing.trade_date.to_string(), o.timing.confirmed_on.to_string(), opt_date(o.timing.earns_from),
                         opt_date(o.timing.funds_available_on), say(o.timing.why)});
    else
      tx.rows.push_back({o.order.id, o.order.at.to_string(), std::string(fund::to_string(o.order.type)), o.order.amount.to_string_grouped(),
                         "refused", "", "", "", "", o.refusal});
  }
  std::cout << "Transactions\n";
  print_table(std::cout, tx);
  const bool monthly = settings.carry == fund::Carry::monthly;
  Table days{{"date", "income_per_10k", "shares", "income", "balance", "cash_out"}, {Align::left}, {}};
  if (monthly) days.headers.insert(days.headers.begin() + 4, "unpaid");
  for (const auto& d : run->days) {
    const auto& a = d.accounts.at(0);
    std::vector<std::string> row = {d.date.to_string() + " " + std::string(time::to_string(d.date.weekday())), d.income_per_10k.to_string(),
                                    a.shares.to_string_grouped(), a.income.to_string_grouped(), a.balance.to_string_grouped(),
                                    a.cash_out.is_zero() ? "" : a.cash_out.to_string_grouped()};
    if (monthly) row.insert(row.begin() + 4, a.unpaid.to_string_grouped());
    days.rows.push_back(row);
  }
  std::cout << "\nDaily statement (" << fund::to_string(settings.carry) << " carry-over)\n";
  print_table(std::cout, days);
  std::cout << "\nTotal income: " << total_income.to_string_grouped() << "\n";
}

// ---------------------------------------------------------------- when
void run_when(const std::string& at_s, const std::string& type_s, bool json) {
  auto at = time::DateTime::parse(at_s);
  if (!at) throw UsageError("--at: " + at.error());
  auto type = fund::parse_order_type(type_s);
  if (!type) throw UsageError("--type: " + type.error());
  auto t = fund::checked_order_timing(type.value(), at.value(), calendar());
  if (!t) throw UsageError("--at: " + t.error());
  const auto& v = t.value();
  if (json) {
    ordered_json doc{{"at", v.placed_at.to_string()},
                     {"type", std::string(fund::to_string(v.type))},
                     {"trade_date", v.trade_date.to_string()},
                     {"confirmed_on", v.confirmed_on.to_string()},
                     {"earns_from", json_date(v.earns_from)},
                     {"first_income_on", json_date(v.first_income_on)},
                     {"stops_earning_on", json_date(v.stops_earning_on)},
                     {"funds_available_on", json_date(v.funds_available_on)},
                     {"reason", say(v.why)}};
    std::cout << doc.dump(2) << "\n";
    return;
  }
  auto day = [](const std::optional<Date>& d) { return d ? d->to_string() + " " + std::string(time::to_string(d->weekday())) : "-"; };
  Table tb{{"field", "value"}, {Align::left, Align::left}, {}};
  tb.rows = {{"at", v.placed_at.to_string() + " " + std::string(time::to_string(v.placed_at.date().weekday()))},
             {"type", std::string(fund::to_string(v.type))},
             {"trade_date", day(v.trade_date)},
             {"confirmed_on", day(v.confirmed_on)}};
  if (v.type == fund::OrderType::purchase) {
    tb.rows.push_back({"earns_from", day(v.earns_from)});
    tb.rows.push_back({"first_income_on", day(v.first_income_on)});
  } else {
    tb.rows.push_back({"stops_earning_on", day(v.stops_earning_on)});
    tb.rows.push_back({"funds_available_on", day(v.funds_available_on)});
  }
  print_table(std::cout, tb);
  std::cout << "\n" << say(v.why) << "\n";
}

// ---------------------------------------------------------------- simulate
struct SimulateArgs {
  std::string from, to, carry = "daily", share_class = "A", level = "4.5", start, volatility = "0.5", floor = "0";
  double reversion = 6.0;
  std::uint64_t seed = 2015;
  bool json = false, csv = false;
};

// A yield or volatility in percent, within -100 .. 100 (docs/limits.md): a
// money-market fund's yield model past that overflowed deep inside the fund
// path ("overflow: apply_rate ...") without naming the option.
money::Rate percent_arg(const std::string& name, const std::string& v) {
  auto r = money::Rate::parse_percent(v);
  if (!r) throw UsageError(name + ": " + r.error());
  const auto hundred = money::Rate::parse_percent("100").value();
  if (hundred < r.value() || r.value() < money::Rate::parse_percent("-100").value())
    throw UsageError(name + ": must be between -100 and 100 (percent), got " + excerpt(v));
  return r.value();
}

Date date_arg(const std::string& name, const std::string& v) {
  auto d = Date::parse(v);
  if (!d) throw UsageError(name + ": " + d.error());
  if (auto c = calendar().check_covered(d.value()); !c) throw UsageError(name + ": " + c.error());
  return d.value();
}

void run_simulate(const SimulateArgs& a) {
  const Date first = date_arg("--from", a.from), last = date_arg("--to", a.to);
  if (last < first) throw UsageError("--to " + a.to + " is before --from " + a.from);
  if (last - first > 366 * 12) throw UsageError("the date range is longer than 12 years");
  if (a.json && a.csv) throw UsageError("--json and --csv cannot be used together");
  fund::FundPathParams p;
  p.carry = parse_carry(a.carry);
  p.model.seed = a.seed;
  p.model.level = percent_arg("--level", a.level);
  if (!a.start.empty()) p.model.start = percent_arg("--start", a.start);
  p.model.volatility = percent_arg("--volatility", a.volatility);
  if (p.model.volatility.units() < 0) throw UsageError("--volatility must not be negative");
  p.model.floor = percent_arg("--floor", a.floor);
  if (a.reversion < 0 || a.reversion > 365) throw UsageError("--reversion must be between 0 and 365 (per year)");
  p.model.reversion_per_year = a.reversion;
  const std::size_t cls = a.share_class == "B" ? 1 : 0;
  const auto path = fund::simulate_fund_path(p, first, last, calendar());
  auto row = [&](const fund::FundPathDay& d) {
    const auto& c = d.day.classes[cls];
    return std::vector<std::string>{d.date.to_string(), d.gross_yield.to_percent_string(4), c.income_per_10k.to_string(),
                                    d.seven_day[cls] ? d.seven_day[cls]->to_string() : ""};
  };
  if (a.json) {
    ordered_json doc{{"seed", a.seed},
                     {"class", a.share_class},
                     {"carry", std::string(fund::to_string(p.carry))},
                     {"level_pct", p.model.level.to_percent_string()},
                     {"rows", ordered_json::array()}};
    for (const auto& d : path) {
      const auto r = row(d);
      doc["rows"].push_back({{"date", r[0]},
                             {"gross_yield_pct", r[1]},
                             {"income_per_10k", r[2]},
                             {"seven_day_yield_pct", r[3].empty() ? ordered_json(nullptr) : ordered_json(r[3])}});
    }
    std::cout << doc.dump(2) << "\n";
  } else if (a.csv) {
    std::cout << "date,gross_yield_pct,income_per_10k,seven_day_yield_pct\n";
    for (const auto& d : path) {
      const auto r = row(d);
      std::cout << r[0] << "," << r[1] << "," << r[2] << "," << r[3] << "\n";
    }
  } else {
    Table t{{"date", "gross_yield_pct", "income_per_10k", "seven_day_yield_pct"}, {Align::left}, {}};
    for (const auto& d : path) {
      auto r = row(d);
      if (r[3].empty()) r[3] = "-";
      t.rows.push_back(r);
    }
    std::cout << "Seeded fund path (seed " << a.seed << ", class " << a.share_class << ", " << fund::to_string(p.carry)
              << " carry-over, gross yield mean-reverting to " << p.model.level.to_percent_string() << "%)\n";
    print_table(std::cout, t);
  }
}

}  // namespace

void register_fund_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("fund", "活期宝 money-market fund: 7-day yields, statements, order timing, simulated paths");
  cmd->require_subcommand(1);

  {
    auto* c = cmd->add_subcommand("yield", "7-day annualised yield (七日年化) from a CSV of daily income per 10,000 shares (万份收益)");
    auto input = std::make_shared<std::string>();
    auto carry = std::make_shared<std::string>("daily");
    auto json = std::make_shared<bool>(false);
    c->add_option("--input", *input, "CSV with columns date,income_per_10k, one row per natural day")->required();
    c->add_option("--carry", *carry, "daily (compound formula) or monthly (simple formula)")->capture_default_str()->check(CLI::IsMember({"daily", "monthly"}));
    c->add_flag("--json", *json, "print JSON (decimal strings) instead of a table");
    c->callback([=] { run_yield(*input, *carry, *json); });
  }
  {
    auto* c = cmd->add_subcommand("statement", "an investor's daily statement and order outcomes from yields and transactions CSVs");
    auto yields = std::make_shared<std::string>();
    auto tx = std::make_shared<std::string>();
    auto carry = std::make_shared<std::string>("daily");
    auto fast = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    c->add_option("--yields", *yields, "CSV with columns date,income_per_10k (every natural day of the statement)")->required();
    c->add_option("--transactions", *tx, "CSV with columns id,timestamp,type,amount; type purchase|redeem|redeem_fast; "
                                         "timestamp \"YYYY-MM-DD HH:MM[:SS]\" China time")
        ->required();
    c->add_option("--carry", *carry, "daily or monthly carry-over")->capture_default_str()->check(CLI::IsMember({"daily", "monthly"}));
    c->add_option("--fast-limit-2015", *fast, "T+0 limit per day before 2018-06-01 (default 50000; 10000 from then by regulation)");
    c->add_flag("--json", *json, "print JSON (decimal strings) instead of tables");
    c->callback([=] { run_statement(*yields, *tx, *carry, *fast, *json); });
  }
  {
    auto* c = cmd->add_subcommand("when", "when an order at a moment counts, is confirmed, starts earning and pays out, and why");
    auto at = std::make_shared<std::string>();
    auto type = std::make_shared<std::string>("purchase");
    auto json = std::make_shared<bool>(false);
    c->add_option("--at", *at, "\"YYYY-MM-DD HH:MM\" (China time)")->required();
    c->add_option("--type", *type, "purchase, redeem or redeem_fast")->capture_default_str()->check(CLI::IsMember({"purchase", "redeem", "redeem_fast"}));
    c->add_flag("--json", *json, "print JSON instead of a table");
    c->callback([=] { run_when(*at, *type, *json); });
  }
  {
    auto* c = cmd->add_subcommand("simulate", "a seeded fund path: mean-reverting gross yield -> fees -> 万份收益 and 7-day yield per day");
    auto a = std::make_shared<SimulateArgs>();
    c->add_option("--from", a->from, "first date YYYY-MM-DD")->required();
    c->add_option("--to", a->to, "last date YYYY-MM-DD")->required();
    c->add_option("--seed", a->seed, "random seed")->capture_default_str();
    c->add_option("--level", a->level, "long-run gross yield, percent a year")->capture_default_str();
    c->add_option("--start", a->start, "gross yield on the first day, percent (default: the level)");
    c->add_option("--volatility", a->volatility, "annual volatility of the gross yield, percent")->capture_default_str();
    c->add_option("--reversion", a->reversion, "mean-reversion speed per year")->capture_default_str();
    c->add_option("--floor", a->floor, "lowest gross yield, percent")->capture_default_str();
    c->add_option("--carry", a->carry, "daily or monthly carry-over")->capture_default_str()->check(CLI::IsMember({"daily", "monthly"}));
    c->add_option("--class", a->share_class, "share class A (sales fee 0.25%) or B (0.01%)")->capture_default_str()->check(CLI::IsMember({"A", "B"}));
    c->add_flag("--json", a->json, "print JSON");
    c->add_flag("--csv", a->csv, "print CSV");
    c->callback([=] { run_simulate(*a); });
  }
}

}  // namespace finlab::cli
