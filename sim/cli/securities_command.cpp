// `finlab securities`: an A-share cash account (core/securities).
//   replay     run orders (JSON file) over daily bars (CSV per stock) and print
//              the statement; nothing is stored
//   trade      add orders (a JSON file, or one order from arguments) and cash
//              moves to an account stored in SQLite (--db), then print the new
//              transactions with their why; a trade whose order is refused for
//              a rule (limit, lot, T+1, cash, shares ...) stores nothing, exits 1
//              and says why; an order that simply did not fill is stored
//   statement  the stored account's statement (positions, cost, P&L, fees, taxes)
// The account is stored as its inputs (orders, cash moves, corporate actions
// and the bars), and rebuilt by a deterministic replay (schema in
// docs/securities.md). Usage errors exit 2; bad files, unknown stocks and
// refused orders exit 1.
#include <CLI/CLI.hpp>

#include <iostream>
#include <set>

#include "core/securities/report.hpp"
#include "core/store/database.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output.hpp"

namespace finlab::cli {

namespace {

using money::Money;
using namespace finlab::securities;
using nlohmann::json;

struct CommonArgs {
  std::vector<std::string> bars;  // CODE=FILE
  std::string index;              // CSI 300 bars
  std::string commission_rate = "0.025";
  std::string min_commission = "5.00";
  int participation = 10;
  bool json = false;
};

void add_bars(CLI::App* c, CommonArgs& a) {
  c->add_option("--bars", a.bars, "daily bars of a stock: CODE=FILE (CSV date,open,high,low,close,volume); repeat per stock");
  c->add_option("--index", a.index, "CSI 300 daily bars (same CSV), for the 2016 circuit breaker");
}

void add_common(CLI::App* c, CommonArgs& a) {
  c->add_option("--commission-rate", a.commission_rate, "commission in percent of value (default 0.025; at most 0.3)");
  c->add_option("--min-commission", a.min_commission, "minimum commission per trade in yuan (default 5.00; 0 models 免五)");
  c->add_option("--participation", a.participation, "at most this percent of a day's volume fills (default 10)")->check(CLI::Range(1, 100));
  c->add_flag("--json", a.json, "print one JSON document");
}

AccountSettings settings_from(const CommonArgs& a) {
  AccountSettings s;
  auto r = money::Rate::parse_percent(a.commission_rate);
  if (!r) throw UsageError("--commission-rate: " + r.error());
  if (*r > money::Rate::percent("0.3")) throw UsageError("--commission-rate: " + a.commission_rate + "% is above the 0.3% cap");
  s.fees.commission_rate = *r;
  auto m = Money::parse(a.min_commission);
  if (!m || m->is_negative()) throw UsageError("--min-commission: expected an amount like 5.00, got '" + a.min_commission + "'");
  s.fees.commission_minimum = *m;
  s.participation_percent = a.participation;
  return s;
}

// CODE=FILE -> (code, csv text); the file's content is checked by the replay.
std::map<std::string, std::string> read_bar_files(const std::vector<std::string>& specs) {
  std::map<std::string, std::string> out;
  for (const std::string& s : specs) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) throw UsageError("--bars: expected CODE=FILE, got '" + s + "'");
    const std::string code = s.substr(0, eq);
    auto st = RuleBook::builtin().stock(code);
    if (!st) throw InputError("--bars: " + st.error());
    out[code] = read_file(s.substr(eq + 1));
    out[code + "\x1f" "name"] = s.substr(eq + 1);
  }
  return out;
}

std::vector<Bar> parse_bars(const std::string& name, const std::string& text) {
  auto b = parse_bars_csv(name, text, time::TradingCalendar::builtin());
  if (!b) throw InputError(b.error());
  return std::move(b).value();
}

void merge(ReplayInput& into, ReplayInput from) {
  for (auto& c : from.cash) into.cash.push_back(c);
  for (auto& o : from.orders) into.orders.push_back(std::move(o));
  for (auto& a : from.actions) into.actions.push_back(std::move(a));
}

ReplayResult run(const AccountSettings& s, const ReplayInput& in) {
  auto r = replay(RuleBook::builtin(), time::TradingCalendar::builtin(), s, in);
  if (!r) throw InputError(r.error());
  return std::move(r).value();
}

void print_statement(const json& s) {
  std::cout << "statement as of " << s["as_of"].get<std::string>() << ": cash " << s["cash"].get<std::string>() << ", equity "
            << s["totals"]["equity"].get<std::string>() << "\n\n";
  Table p{{"code", "name", "shares", "cost", "last", "value", "unrealised"}, {Align::left, Align::left}, {}};
  for (const auto& x : s["positions"])
    p.rows.push_back({x["code"], x["name_zh"], std::to_string(x["shares"].get<std::int64_t>()), x["cost"], x["last_close"], x["market_value"], x["unrealised"]});
  print_table(std::cout, p);
  std::cout << "\n";
  Table t{{"total", "yuan"}, {Align::left}, {}};
  for (const char* k : {"realised", "unrealised", "dividends", "commission", "stamp_duty", "transfer_fee", "dividend_tax"})
    t.rows.push_back({k, s["totals"][k].get<std::string>()});
  print_table(std::cout, t);
  std::cout << "\n";
  for (const auto& x : s["transactions"]) std::cout << x["date"].get<std::string>() << "  " << x["kind"].get<std::string>() << "  " << x["why_en"].get<std::string>() << "\n";
}

// ------------------------------------------------------------------ replay
struct ReplayArgs : CommonArgs {
  std::string orders;
};

void run_replay(const ReplayArgs& a) {
  const AccountSettings s = settings_from(a);
  if (a.bars.empty()) throw UsageError("replay needs --bars CODE=FILE for each stock traded");
  auto in = parse_replay_input(a.orders, read_file(a.orders));
  if (!in) throw InputError(in.error());
  ReplayInput input = std::move(in).value();
  const auto files = read_bar_files(a.bars);
  for (const auto& [k, text] : files)
    if (k.find('\x1f') == std::string::npos) input.bars[k] = parse_bars(files.at(k + "\x1f" "name"), text);
  if (!a.index.empty()) input.index_bars = parse_bars(a.index, read_file(a.index));
  const json st = statement_json(run(s, input));
  if (a.json) std::cout << st.dump(2) << "\n";
  else print_statement(st);
}

// ------------------------------------------------------------------ stored account
const std::vector<store::Migration>& schema() {
  static const std::vector<store::Migration> m{{1,
                                                "CREATE TABLE securities_inputs (input_id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, "
                                                "input_json TEXT NOT NULL);"
                                                "CREATE TABLE securities_bars (account TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, "
                                                "csv TEXT NOT NULL, PRIMARY KEY (account, code));"}};
  return m;
}

store::Database open_db(const std::string& path) {
  auto db = store::Database::open(path);
  if (!db) throw InputError(db.error());
  store::Database d = std::move(db).value();
  d.migrate(schema());
  return d;
}

// The stored inputs (each order id prefixed with its input's id) and bars.
ReplayInput load(store::Database& db, const std::string& account) {
  ReplayInput in;
  auto st = db.prepare("SELECT input_id, input_json FROM securities_inputs WHERE account = ?1 ORDER BY input_id");
  st.bind(1, account);
  while (st.step()) {
    auto doc = parse_replay_input("stored input " + std::to_string(st.column_int64(0)), st.column_text(1));
    if (!doc) throw InputError(doc.error());
    merge(in, std::move(doc).value());
  }
  auto b = db.prepare("SELECT code, name, csv FROM securities_bars WHERE account = ?1");
  b.bind(1, account);
  while (b.step()) {
    const std::string code = b.column_text(0);
    (code == "CSI300" ? in.index_bars : in.bars[code]) = parse_bars(b.column_text(1), b.column_text(2));
  }
  return in;
}

struct TradeArgs : CommonArgs {
  std::string db = "finlab_securities.db", account = "default", orders, date, code, side = "buy", type = "limit", session = "continuous", price, deposit,
              withdraw;
  std::int64_t shares = 0;
};

json build_input(const TradeArgs& a, std::int64_t input_id) {
  json doc;
  if (!a.orders.empty()) {
    const std::string text = read_file(a.orders);
    auto check = parse_replay_input(a.orders, text);
    if (!check) throw InputError(check.error());
    doc = json::parse(text);
  } else {
    doc = {{"orders", json::array()}};
  }
  if (a.shares != 0 || !a.code.empty()) {
    if (a.date.empty() || a.code.empty() || a.shares == 0) throw UsageError("an order from arguments needs --date, --code, --shares (and --price for a limit order)");
    auto o = make_order("cli", a.date, a.code, a.side, a.type, a.session, a.shares, a.price);
    if (!o) throw UsageError(o.error());
    json oj = {{"id", "cli"}, {"date", a.date}, {"code", a.code}, {"side", a.side}, {"type", a.type}, {"session", a.session}, {"shares", a.shares}};
    if (a.type == "limit") oj["price"] = a.price;
    doc["orders"].push_back(oj);
  }
  for (const auto& [amount, sign] : {std::pair{a.deposit, ""}, std::pair{a.withdraw, "-"}}) {
    if (amount.empty()) continue;
    if (a.date.empty()) throw UsageError("--deposit/--withdraw need --date");
    auto m = Money::parse(amount);
    if (!m || !m->is_positive()) throw UsageError("--deposit/--withdraw: expected a positive amount like 1000.00, got '" + amount + "'");
    doc["cash"].push_back({{"date", a.date}, {"amount", sign + m->to_string()}});
  }
  if (doc["orders"].empty() && !doc.contains("cash") && !doc.contains("actions")) throw UsageError("nothing to trade: give --orders FILE, an order, --deposit or --withdraw");
  for (std::size_t i = 0; i < doc["orders"].size(); ++i) {
    json& o = doc["orders"][i];
    o["id"] = std::to_string(input_id) + ":" + o.value("id", "#" + std::to_string(i + 1));
  }
  return doc;
}

bool is_rejection(Refusal r) { return r != Refusal::none && r != Refusal::price_not_reached && r != Refusal::locked_at_limit; }

void run_trade(const TradeArgs& a) {
  const AccountSettings s = settings_from(a);
  store::Database db = open_db(a.db);
  store::Transaction tx(db);
  std::int64_t next_id = 1;
  {
    auto st = db.prepare("SELECT COALESCE(MAX(input_id), 0) + 1 FROM securities_inputs");
    st.step();
    next_id = st.column_int64(0);
  }
  const json doc = build_input(a, next_id);
  const auto files = read_bar_files(a.bars);
  for (const auto& [k, text] : files) {
    if (k.find('\x1f') != std::string::npos) continue;
    parse_bars(files.at(k + "\x1f" "name"), text);  // fail early with file:line:column
    auto up = db.prepare("INSERT OR REPLACE INTO securities_bars (account, code, name, csv) VALUES (?1, ?2, ?3, ?4)");
    up.bind(1, a.account).bind(2, k).bind(3, files.at(k + "\x1f" "name")).bind(4, text);
    up.step();
  }
  if (!a.index.empty()) {
    const std::string text = read_file(a.index);
    parse_bars(a.index, text);
    auto up = db.prepare("INSERT OR REPLACE INTO securities_bars (account, code, name, csv) VALUES (?1, 'CSI300', ?2, ?3)");
    up.bind(1, a.account).bind(2, a.index).bind(3, text);
    up.step();
  }
  auto ins = db.prepare("INSERT INTO securities_inputs (input_id, account, input_json) VALUES (?1, ?2, ?3)");
  ins.bind(1, next_id).bind(2, a.account).bind(3, doc.dump());
  ins.step();
  const ReplayResult r = run(s, load(db, a.account));
  const std::string prefix = std::to_string(next_id) + ":";
  json fresh = json::array();
  std::string rejected;
  for (const Transaction& t : r.account.journal()) {
    if (t.order_id.rfind(prefix, 0) != 0) continue;
    fresh.push_back(transaction_json(t));
    if (t.kind == TxKind::refused && is_rejection(t.refusal)) rejected += "\n  order " + t.order_id.substr(prefix.size()) + ": " + t.why_en;
  }
  if (!rejected.empty()) throw InputError("refused, nothing stored:" + rejected);  // tx rolls back
  tx.commit();
  if (a.json) {
    std::cout << json{{"account", a.account}, {"transactions", fresh}, {"cash", r.account.cash().to_string()}}.dump(2) << "\n";
  } else {
    for (const auto& x : fresh) std::cout << x["date"].get<std::string>() << "  " << x["kind"].get<std::string>() << "  " << x["why_en"].get<std::string>() << "\n";
    std::cout << "cash " << r.account.cash().to_string() << "\n";
  }
}

struct StatementArgs : CommonArgs {
  std::string db = "finlab_securities.db", account = "default";
};

void run_statement(const StatementArgs& a) {
  const AccountSettings s = settings_from(a);
  store::Database db = open_db(a.db);
  const ReplayInput in = load(db, a.account);
  if (in.orders.empty() && in.cash.empty()) throw InputError("account '" + a.account + "' has no transactions in " + a.db);
  const json st = statement_json(run(s, in));
  if (a.json) std::cout << st.dump(2) << "\n";
  else print_statement(st);
}

}  // namespace

void register_securities_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("securities", "an A-share account: orders under the exchange rules by date, fees, taxes, statement");
  cmd->require_subcommand(1);

  auto rep = std::make_shared<ReplayArgs>();
  auto* r = cmd->add_subcommand("replay", "run orders (JSON) over daily bars (CSV) and print the statement; stores nothing");
  r->add_option("--orders", rep->orders, "orders, cash moves and corporate actions (JSON; see docs/securities.md)")->required();
  add_bars(r, *rep);
  add_common(r, *rep);
  r->callback([rep] { run_replay(*rep); });

  auto tr = std::make_shared<TradeArgs>();
  auto* t = cmd->add_subcommand("trade", "add orders or cash moves to a stored account and print the new transactions");
  t->add_option("--db", tr->db, "SQLite file of the accounts (default finlab_securities.db)");
  t->add_option("--account", tr->account, "account name (default 'default')");
  t->add_option("--orders", tr->orders, "orders file (JSON, as for replay)");
  t->add_option("--date", tr->date, "date of the order or cash move (YYYY-MM-DD)");
  t->add_option("--code", tr->code, "stock code, e.g. 600000");
  t->add_option("--side", tr->side, "buy or sell (default buy)");
  t->add_option("--type", tr->type, "limit or market (default limit)");
  t->add_option("--session", tr->session, "opening_auction, continuous or closing_auction (default continuous)");
  t->add_option("--shares", tr->shares, "number of shares");
  t->add_option("--price", tr->price, "limit price, e.g. 10.50");
  t->add_option("--deposit", tr->deposit, "bank transfer in (yuan) on --date");
  t->add_option("--withdraw", tr->withdraw, "bank transfer out (yuan) on --date");
  add_bars(t, *tr);
  add_common(t, *tr);
  t->callback([tr] { run_trade(*tr); });

  auto sa = std::make_shared<StatementArgs>();
  auto* s = cmd->add_subcommand("statement", "the stored account: positions, cost basis, P&L, every fee and tax, every transaction's why");
  s->add_option("--db", sa->db, "SQLite file of the accounts (default finlab_securities.db)");
  s->add_option("--account", sa->account, "account name (default 'default')");
  add_common(s, *sa);
  s->callback([sa] { run_statement(*sa); });
}

}  // namespace finlab::cli
