// Securities model: a paper A-share account in the browser. The market is the
// example universe (assets/securities/stocks.json) on simulated daily bars
// (core/securities simulate_bars, seed 1, start prices [D] below) over a window
// of trading days; "today" moves forward one trading day at a time. Like
// `finlab securities trade`, the account is kept as its inputs (cash moves and
// orders, one document per action) and rebuilt by core's deterministic replay
// over the bars up to today; an order refused for a rule stores nothing and
// says why. Before a buy, the user's suitability (shared profile) must allow
// the stock's product level, or the signed mismatch warning must be given.
//
// [SECTION] market
// [SECTION] inputs and replay
// [SECTION] model
// [SECTION] view building
#include <algorithm>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/securities/report.hpp"
#include "core/securities/simulated_path.hpp"
#include "web/app_store.hpp"
#include "web/format.hpp"
#include "web/models.hpp"
#include "web/securities_view.hpp"

namespace finlab::web {

using namespace finlab::securities;
using money::Money;
using nlohmann::json;

// [SECTION] market ----------------------------------------------------------------

namespace {

// The market window [D]: 60 trading days from 2023-07-24, so that the account
// opens on 2023-08-21 (index 20, with 20 days of history on the chart) and the
// stamp duty cut of 2023-08-28 [16] and the handling-fee cut lie ahead.
constexpr const char* kMarketFirstDay = "2023-07-24";
constexpr int kMarketDays = 60;
constexpr int kFirstToday = 20;
constexpr std::uint64_t kMarketSeed = 1;

struct Market {
  std::vector<Date> days;
  std::map<std::string, std::vector<Bar>> bars;  // the whole window, by code
};

// Start prices of the example universe on the window's first day [D]
// (round figures near each stock's 2023 level; docs/securities.md §11).
const std::pair<const char*, const char*> kStartPrices[] = {
    {"600000", "7.50"},  {"600519", "1800.00"}, {"601398", "4.50"},  {"000001", "11.00"}, {"000002", "14.00"},
    {"300750", "220.00"}, {"300059", "15.00"},  {"688981", "50.00"}, {"688111", "280.00"}, {"600998", "3.00"},
};

Market build_market() {
  Market m;
  const auto& cal = time::TradingCalendar::builtin();
  Date d = Date::of(kMarketFirstDay);
  if (!cal.is_trading_day(d)) d = cal.next_trading_day(d);
  for (int i = 0; i < kMarketDays; ++i, d = cal.next_trading_day(d)) m.days.push_back(d);
  const RuleBook& rules = RuleBook::builtin();
  SimulatedPathSettings settings;
  std::uint64_t path = 0;
  for (const Stock& s : rules.stocks()) {
    Money start = Money::of("10.00");
    for (const auto& [code, price] : kStartPrices)
      if (s.code == code) start = Money::of(price);
    const LimitBand band = rules.limit_band(s, m.days.front(), start, 0);
    m.bars[s.code] = simulate_bars(m.days, start, band.up_percent, settings, kMarketSeed, path++);
  }
  return m;
}

const Market& market() {
  static const Market m = build_market();
  return m;
}

std::string bars_csv(const std::vector<Bar>& bars, std::size_t count) {
  std::string out = "date,open,high,low,close,volume\n";
  for (std::size_t i = 0; i < count && i < bars.size(); ++i) {
    const Bar& b = bars[i];
    out += b.date.to_string() + "," + b.open.to_string() + "," + b.high.to_string() + "," + b.low.to_string() + "," + b.close.to_string() + "," +
           std::to_string(b.volume) + "\n";
  }
  return out;
}

// [SECTION] inputs and replay ----------------------------------------------------

// A message of the ticket in both languages (the user may switch after sending).
struct Said {
  std::string en, zh;
  void clear() { en.clear(), zh.clear(); }
  const std::string& in(Lang l) const { return l == Lang::zh ? zh : en; }
  template <class F> static Said of(F f) { return {f(Lang::en), f(Lang::zh)}; }
};

bool is_rejection(Refusal r) { return r != Refusal::none && r != Refusal::price_not_reached && r != Refusal::locked_at_limit; }

class SecuritiesModel final : public PanelModel {
public:
  void load(AppContext& ctx) override;
  void draw(Ui& ui, AppContext& ctx) override;
  nlohmann::json state() const override;

private:
  Date today() const { return market().days[static_cast<std::size_t>(today_)]; }
  Result<ReplayResult> replay_with(const std::vector<json>& inputs) const;
  Result<json> ticket_order(Lang lang, const std::string& id) const;
  json ticket_json() const;
  void ticket_from_json(const json& j);
  void save(AppContext& ctx);
  void deposit();
  void send(Lang lang);
  void build(Ui& ui);
  void build_account(Ui& ui, const ReplayResult& r);
  void build_ticket(Ui& ui, const ReplayResult& r);
  void build_chart(Ui& ui, const Stock& s);
  void build_statement(Ui& ui, const ReplayResult& r);

  SuitabilityProfile* profile_ = nullptr;
  std::vector<json> inputs_;
  json signatures_ = json::array();
  json last_send_ = json::object();
  json state_ = json::object();
  SecuritiesTicket ticket_;
  SecuritiesView view_;
  int today_ = kFirstToday;
  Lang lang_ = Lang::en;
  bool dirty_ = true, unsaved_ = false;
  Said sent_status_, sent_error_;  // shown in the language of the moment, not of the send
  std::optional<text::Message> suitability_error_;  // said in the UI's language
};

}  // namespace

Result<ReplayResult> SecuritiesModel::replay_with(const std::vector<json>& inputs) const {
  ReplayInput in;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    auto doc = parse_replay_input("input " + std::to_string(i + 1), inputs[i].dump());
    if (!doc) return fail(doc.error());
    for (auto& c : doc->cash) in.cash.push_back(c);
    for (auto& o : doc->orders) in.orders.push_back(std::move(o));
    for (auto& a : doc->actions) in.actions.push_back(std::move(a));
  }
  const Market& m = market();
  for (const auto& [code, bars] : m.bars) in.bars[code].assign(bars.begin(), bars.begin() + today_ + 1);
  return securities::replay(RuleBook::builtin(), time::TradingCalendar::builtin(), AccountSettings{}, in);
}

// The order of the ticket as an input document, or the field that is wrong.
Result<json> SecuritiesModel::ticket_order(Lang lang, const std::string& id) const {
  const Market& m = market();
  const auto& stocks = RuleBook::builtin().stocks();
  const Stock& s = stocks[static_cast<std::size_t>(std::clamp(ticket_.stock, 0, static_cast<int>(stocks.size()) - 1))];
  std::int64_t shares = 0;
  const std::string& t = ticket_.shares;
  if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos || (shares = std::stoll(t)) <= 0)
    return fail(std::string(translate(lang, "Number of shares")) + ": " + translate(lang, "expected a whole number of shares, such as 100"));
  const char* sessions[] = {"opening_auction", "continuous", "closing_auction"};
  json o = {{"id", id}, {"date", today().to_string()}, {"code", s.code}, {"side", ticket_.side == 1 ? "sell" : "buy"},
            {"type", ticket_.type == 1 ? "market" : "limit"}, {"session", sessions[std::clamp(ticket_.session, 0, 2)]}, {"shares", shares}};
  if (ticket_.type != 1) {
    const std::string price = ticket_.price.empty() ? m.bars.at(s.code)[static_cast<std::size_t>(today_)].open.to_string() : ticket_.price;
    auto p = Money::parse(price);
    if (!p || !p->is_positive()) return fail(std::string(translate(lang, "Limit price (¥)")) + ": " + translate(lang, "expected a price such as 10.50"));
    o["price"] = p->to_string();
  }
  auto check = make_order(id, o["date"].get<std::string>(), s.code, o["side"].get<std::string>(), o["type"].get<std::string>(),
                          o["session"].get<std::string>(), shares, o.value("price", ""));
  if (!check) return fail(check.error());
  return json{{"orders", json::array({o})}};
}

// [SECTION] model -----------------------------------------------------------------

void SecuritiesModel::load(AppContext& ctx) {
  profile_ = ctx.suitability;
  inputs_.clear();
  signatures_ = json::array();
  ticket_ = SecuritiesTicket{};
  today_ = kFirstToday;
  sent_status_.clear();
  sent_error_.clear();
  if (auto doc = ctx.store->document("securities")) {
    const auto j = json::parse(*doc, nullptr, false);
    if (j.is_object()) {
      today_ = std::clamp(j.value("today", kFirstToday), 0, kMarketDays - 1);
      if (j.contains("inputs") && j["inputs"].is_array())
        for (const auto& x : j["inputs"]) inputs_.push_back(x);
      if (j.contains("signatures") && j["signatures"].is_array()) signatures_ = j["signatures"];
      if (j.contains("ticket") && j["ticket"].is_object()) ticket_from_json(j["ticket"]);
    }
  }
  dirty_ = true;
}

void SecuritiesModel::save(AppContext& ctx) {
  ctx.store->set_document("securities", json{{"today", today_}, {"inputs", inputs_}, {"signatures", signatures_}, {"ticket", ticket_json()}}.dump());
  ctx.saved();
  unsaved_ = false;
}

json SecuritiesModel::ticket_json() const {
  return {{"stock", ticket_.stock}, {"side", ticket_.side}, {"type", ticket_.type}, {"session", ticket_.session},
          {"shares", ticket_.shares}, {"price", ticket_.price}, {"deposit", ticket_.deposit}};
}

void SecuritiesModel::ticket_from_json(const json& j) {
  ticket_.stock = j.value("stock", ticket_.stock);
  ticket_.side = j.value("side", ticket_.side);
  ticket_.type = j.value("type", ticket_.type);
  ticket_.session = j.value("session", ticket_.session);
  ticket_.shares = j.value("shares", ticket_.shares);
  ticket_.price = j.value("price", ticket_.price);
  ticket_.deposit = j.value("deposit", ticket_.deposit);
}

void SecuritiesModel::draw(Ui& ui, AppContext& ctx) {
  if (dirty_ || lang_ != ui.lang()) build(ui);
  const SecuritiesIntents in = draw_securities_panel(ui, view_, ticket_, *profile_);
  const SuitabilityIntents& si = in.suitability;
  if (si.changed || si.reassess) {
    if (si.reassess) profile_->reassess();
    profile_->save(*ctx.store);
    ctx.saved();
    dirty_ = true;
  }
  if (si.submit) {
    suitability_error_ = profile_->submit(today());
    profile_->save(*ctx.store);
    ctx.saved();
    dirty_ = true;
  }
  if (in.changed) {
    dirty_ = unsaved_ = true;
    sent_status_.clear();
    sent_error_.clear();
  }
  if (in.deposit) deposit();
  if (in.send) send(ui.lang());
  if (in.next_day && today_ + 1 < kMarketDays) {
    ++today_;
    ticket_.price.clear();  // a new day: the ticket's price follows the new open
    sent_status_.clear();
    sent_error_.clear();
  }
  if (in.start_over) {
    inputs_.clear();
    signatures_ = json::array();
    today_ = kFirstToday;
    sent_status_.clear();
    sent_error_.clear();
  }
  if (in.deposit || in.send || in.next_day || in.start_over) dirty_ = unsaved_ = true;
  if (unsaved_ && !in.editing) save(ctx);
}

void SecuritiesModel::deposit() {
  sent_status_.clear();
  sent_error_.clear();
  auto m = Money::parse(ticket_.deposit);
  if (!m || !m->is_positive()) {
    sent_error_ = Said::of([](Lang l) { return std::string(translate(l, "Deposit (¥)")) + ": " + translate(l, "expected a positive amount such as 10000.00"); });
    return;
  }
  inputs_.push_back(json{{"orders", json::array()}, {"cash", json::array({json{{"date", today().to_string()}, {"amount", m->to_string()}}})}});
  sent_status_ = Said::of([&](Lang l) { return std::string(translate(l, "Deposited")) + " " + m->to_string(); });
  last_send_ = {{"ok", true}, {"deposit", m->to_string()}};
}

void SecuritiesModel::send(Lang lang) {
  sent_status_.clear();
  sent_error_.clear();
  const std::string id = std::to_string(inputs_.size() + 1) + ":web";
  auto doc = ticket_order(lang, id);
  if (!doc) {
    sent_error_ = Said::of([&](Lang l) { return l == lang ? doc.error() : ticket_order(l, id).error(); });
    last_send_ = {{"ok", false}, {"error", sent_error_.in(lang)}};
    return;
  }
  // Suitability first: a buy above the investor's level needs the signed warning, never for the lowest category.
  const Stock& s = RuleBook::builtin().stocks()[static_cast<std::size_t>(ticket_.stock)];
  const std::string product(suitability_product_id(s));
  if (ticket_.side == 0) {
    auto d = profile_->check(product, today(), ticket_.sign_warning);
    const bool ok = d && (d->verdict == suitability::Verdict::allowed || d->verdict == suitability::Verdict::allowed_with_warning);
    if (!ok) {
      sent_error_ = Said::of([&](Lang l) {
        return std::string(translate(l, "Refused, nothing sent:")) + " " + (d ? (l == Lang::zh ? d->why_zh : d->why_en) : translate(l, "complete the risk assessment first"));
      });
      last_send_ = {{"ok", false}, {"error", sent_error_.in(lang)}, {"suitability", d ? std::string(suitability::to_string(d->verdict)) : "not_assessed"}};
      return;
    }
  }
  std::vector<json> trial = inputs_;
  trial.push_back(*doc);
  auto r = replay_with(trial);
  if (!r) {
    sent_error_ = {r.error(), r.error()};
    last_send_ = {{"ok", false}, {"error", r.error()}};
    return;
  }
  json fresh = json::array();
  for (const Transaction& t : r->account.journal()) {
    if (t.order_id != id) continue;
    fresh.push_back(transaction_json(t));
    if (t.kind == TxKind::refused && is_rejection(t.refusal)) {
      sent_error_ = Said::of([&](Lang l) { return std::string(translate(l, "Refused, nothing sent:")) + " " + (l == Lang::zh ? t.why_zh : t.why_en); });
      last_send_ = {{"ok", false}, {"error", sent_error_.in(lang)}, {"refusal", to_string(t.refusal)}};
      return;
    }
    sent_status_ = {t.why_en, t.why_zh};
  }
  inputs_.push_back(*doc);
  if (ticket_.side == 0 && ticket_.sign_warning)
    signatures_.push_back({{"order_id", id}, {"product", product}, {"date", today().to_string()}});
  ticket_.sign_warning = false;
  last_send_ = {{"ok", true}, {"transactions", fresh}};
}


// [SECTION] view building ---------------------------------------------------------

namespace {

std::string why_of(const Transaction& t, Lang lang) { return lang == Lang::zh ? t.why_zh : t.why_en; }

const char* kind_label(TxKind k) {
  switch (k) {
    case TxKind::deposit: return "Deposit";
    case TxKind::withdrawal: return "Withdrawal";
    case TxKind::buy: return "Buy";
    case TxKind::sell: return "Sell";
    case TxKind::refused: return "Refused";
    case TxKind::dividend: return "Dividend";
    case TxKind::bonus_shares: return "Bonus shares";
  }
  return "";
}

Explanation tx_explanation(Ui& ui, const Transaction& t) {
  const bool zh = ui.lang() == Lang::zh;
  Explanation ex;
  ex.title = std::string(ui.tr(kind_label(t.kind))) + " " + t.code + " · " + t.date.to_string();
  ex.value = format_yuan(t.amount);
  ex.formula = why_of(t, ui.lang());
  if (t.kind == TxKind::buy || t.kind == TxKind::sell) {
    ex.inputs = {{ui.tr("Shares filled / ordered"), format_int(t.shares) + " / " + format_int(t.requested)},
                 {ui.tr("Fill price"), t.price.to_string()},
                 {ui.tr("Commission"), t.fees.commission.to_string() + " — " + (zh ? t.fees.commission_why_zh : t.fees.commission_why)},
                 {ui.tr("Transfer fee"), t.fees.transfer_fee.to_string() + " — " + (zh ? t.fees.transfer_why_zh : t.fees.transfer_why)}};
    if (t.kind == TxKind::sell) {
      ex.inputs.emplace_back(ui.tr("Stamp duty"), t.fees.stamp_duty.to_string() + " — " + (zh ? t.fees.stamp_why_zh : t.fees.stamp_why));
      ex.inputs.emplace_back(ui.tr("Dividend tax"), t.dividend_tax.to_string());
      for (const TaxLine& l : t.tax_lines) ex.inputs.emplace_back(ui.tr("Dividend tax of a lot"), l.tax.to_string() + " — " + (zh ? l.why_zh : l.why));
      ex.inputs.emplace_back(ui.tr("Realised P&L"), t.realised.to_string());
    }
    ex.rounding = ui.tr("Each fee and tax is rounded once, half-up, to the fen; the commission has its 5-yuan minimum.");
  }
  ex.source = "DOMAIN_SECURITIES.md A1–A6; docs/securities.md";
  return ex;
}

}  // namespace

void SecuritiesModel::build(Ui& ui) {
  lang_ = ui.lang();
  dirty_ = false;
  view_ = SecuritiesView{};
  state_ = json::object();
  const Market& m = market();
  const auto& stocks = RuleBook::builtin().stocks();
  ticket_.stock = std::clamp(ticket_.stock, 0, static_cast<int>(stocks.size()) - 1);
  for (const Stock& s : stocks) view_.stock_names.push_back(s.code + " " + (lang_ == Lang::zh ? s.name_zh : s.name_en));
  view_.today = format_date(today(), lang_);
  view_.last_day = today_ + 1 >= kMarketDays;
  view_.sent_status = sent_status_.in(lang_);
  view_.sent_error = sent_error_.in(lang_);
  view_.suitability = profile_->view(ui, today());
  if (suitability_error_) view_.suitability.error = text::render(*suitability_error_, text_lang(lang_));
  auto r = replay_with(inputs_);
  if (!r) {
    view_.statement_error = r.error();
    state_["error"] = r.error();
    return;
  }
  state_["statement"] = statement_json(*r);
  build_account(ui, *r);
  build_chart(ui, stocks[static_cast<std::size_t>(ticket_.stock)]);
  build_ticket(ui, *r);
  build_statement(ui, *r);
  (void)m;
}

void SecuritiesModel::build_account(Ui& ui, const ReplayResult& r) {
  const json st = statement_json(r);
  const json& t = st["totals"];
  auto fig = [&](const char* key, const char* label, const std::string& value, const char* formula, std::vector<std::pair<std::string, std::string>> inputs) {
    Explanation ex;
    ex.title = ui.tr(label);
    ex.value = value;
    ex.formula = ui.tr(formula);
    ex.inputs = std::move(inputs);
    ex.source = "docs/securities.md";
    view_.figures.push_back({key, label, value, ex});
  };
  const Money fees = Money::of(t["commission"].get<std::string>()) + Money::of(t["stamp_duty"].get<std::string>()) + Money::of(t["transfer_fee"].get<std::string>());
  fig("securities.equity", "Equity", format_yuan(Money::of(t["equity"].get<std::string>())), "cash + market value of the positions at today's close",
      {{ui.tr("Cash"), st["cash"].get<std::string>()}, {ui.tr("Market value"), t["market_value"].get<std::string>()}});
  fig("securities.cash", "Cash", format_yuan(r.account.cash()), "deposits − withdrawals − buys (with fees) + sales (after fees and dividend tax) + dividends", {});
  fig("securities.withdrawable", "Withdrawable today", format_yuan(r.account.withdrawable(today())),
      "cash − today's sale proceeds (they buy again today, and can be withdrawn from the next trading day)", {});
  fig("securities.unrealised", "Unrealised P&L", format_yuan(Money::of(t["unrealised"].get<std::string>())), "Σ (shares × today's close − cost with buy fees)",
      {{ui.tr("Market value"), t["market_value"].get<std::string>()}, {ui.tr("Cost"), t["cost"].get<std::string>()}});
  fig("securities.realised", "Realised P&L", format_yuan(Money::of(t["realised"].get<std::string>())),
      "Σ over sales: proceeds − fees − dividend tax − FIFO cost of the lots sold", {});
  fig("securities.fees", "Fees paid", format_yuan(fees), "commission + stamp duty + transfer fee",
      {{ui.tr("Commission"), t["commission"].get<std::string>()}, {ui.tr("Stamp duty"), t["stamp_duty"].get<std::string>()},
       {ui.tr("Transfer fee"), t["transfer_fee"].get<std::string>()}});
  fig("securities.dividend_tax", "Dividend tax", format_yuan(Money::of(t["dividend_tax"].get<std::string>())),
      "charged at sale per lot (FIFO) by holding period: ≤ 1 month 20%, ≤ 1 year 10%, > 1 year 0% (from 2015-09-08)", {});
  for (const auto& [code, pos] : r.account.positions()) {
    if (pos.shares() == 0) continue;
    const Stock s = RuleBook::builtin().stock(code).value();
    const Money last = r.last_close.count(code) ? r.last_close.at(code) : Money();
    const Money value = last * pos.shares();
    view_.positions.push_back({code, lang_ == Lang::zh ? s.name_zh : s.name_en, format_int(pos.shares()), format_int(pos.sellable(today())),
                               format_amount(pos.cost()), last.to_string(), format_amount(value), format_amount(value - pos.cost())});
  }
}

void SecuritiesModel::build_chart(Ui& ui, const Stock& s) {
  const Market& m = market();
  const auto& bars = m.bars.at(s.code);
  const RuleBook& rules = RuleBook::builtin();
  ChartSpec c;
  c.name = "securities.chart";
  c.height_css = ui.compact() ? 170.0f : 220.0f;
  ChartSeries band{ui.tr("Daily price limit"), SeriesKind::band, {}, {}, {}, IM_COL32(230, 160, 60, 70), true};
  ChartSeries close{ui.tr("Closing price"), SeriesKind::line, {}, {}, {}, 0, true};
  for (int i = 0; i <= today_; ++i) {
    const Bar& b = bars[static_cast<std::size_t>(i)];
    const Money ref = i > 0 ? bars[static_cast<std::size_t>(i - 1)].close : b.open;
    const LimitBand lb = rules.limit_band(s, b.date, ref, 0);
    c.x_labels.push_back(format_month_day(b.date));
    band.y.push_back(to_plot(lb.down));
    band.y2.push_back(to_plot(lb.up));
    band.y_text.push_back(lb.down.to_string() + " – " + lb.up.to_string());
    close.y.push_back(to_plot(b.close));
    close.y_text.push_back(b.close.to_string());
    if (i == today_) {
      view_.bar_text = std::string(ui.tr("Today's bar:")) + " " + ui.tr("open") + " " + b.open.to_string() + " · " + ui.tr("high") + " " +
                       b.high.to_string() + " · " + ui.tr("low") + " " + b.low.to_string() + " · " + ui.tr("close") + " " + b.close.to_string();
      view_.band_text = std::string(ui.tr("Today's limit band:")) + " " + (lb.unlimited ? std::string(ui.tr("no limit")) : lb.down.to_string() + " – " + lb.up.to_string()) +
                        (lang_ == Lang::zh ? "（" + lb.why_zh + "）" : " (" + lb.why + ")");
      state_["band"] = {{"down", lb.down.to_string()}, {"up", lb.up.to_string()}, {"why", lb.why}};
    }
  }
  c.series = {band, close};
  view_.chart = std::move(c);
}

void SecuritiesModel::build_ticket(Ui& ui, const ReplayResult& r) {
  const RuleBook& rules = RuleBook::builtin();
  const Stock& s = rules.stocks()[static_cast<std::size_t>(ticket_.stock)];
  auto product = suitability::ProductCatalog::builtin().product(suitability_product_id(s)).value();
  view_.stock_level = (lang_ == Lang::zh ? product.name_zh : product.name_en) + " · R" + std::to_string(product.risk);
  if (!profile_->in_force(today())) {
    view_.gate = 3;
  } else if (ticket_.side == 0) {
    const suitability::Decision d = *profile_->check(product.id, today(), ticket_.sign_warning);
    view_.gate = d.verdict == suitability::Verdict::allowed || d.verdict == suitability::Verdict::allowed_with_warning ? 0
                 : d.verdict == suitability::Verdict::needs_signed_warning                                             ? 1
                                                                                                                        : 2;
    view_.gate_text = lang_ == Lang::zh ? d.why_zh : d.why_en;
    view_.warning_text = lang_ == Lang::zh ? d.warning_zh : d.warning_en;
    state_["gate"] = {{"verdict", suitability::to_string(d.verdict)}, {"why_en", d.why_en}, {"product", product.id}};
  }
  auto doc = ticket_order(lang_, "preview");
  if (!doc) {
    view_.ticket_error = doc.error();
    state_["ticket_error"] = doc.error();
    return;
  }
  const json& o = (*doc)["orders"][0];
  const std::int64_t shares = o["shares"].get<std::int64_t>();
  const Money open = market().bars.at(s.code)[static_cast<std::size_t>(today_)].open;
  const Money price = o.contains("price") ? Money::of(o["price"].get<std::string>()) : open;
  const Side side = ticket_.side == 1 ? Side::sell : Side::buy;
  const Fees f = rules.fees(s, side, today(), shares, price, AccountSettings{}.fees);
  const Money value = price * shares;
  auto line = [&](const char* label, const std::string& v) { view_.preview.emplace_back(ui.tr(label), v); };
  line(ticket_.type == 1 ? "Value at today's open (estimate)" : "Value at your price", value.to_string());
  const bool zh = lang_ == Lang::zh;
  // "5.00 (why)" in English, "5.00（理由）" in Chinese: full-width brackets, no space.
  auto with_why = [zh](Money m, const std::string& en, const std::string& zh_text) {
    return zh ? m.to_string() + "（" + zh_text + "）" : m.to_string() + " (" + en + ")";
  };
  line("Commission", with_why(f.commission, f.commission_why, f.commission_why_zh));
  if (side == Side::sell) line("Stamp duty", with_why(f.stamp_duty, f.stamp_why, f.stamp_why_zh));
  line("Transfer fee", with_why(f.transfer_fee, f.transfer_why, f.transfer_why_zh));
  line("Fees in total", f.total().to_string());
  line(side == Side::buy ? "Cash needed" : "Proceeds before dividend tax", (side == Side::buy ? value + f.total() : value - f.total()).to_string());
  state_["preview"] = {{"value", value.to_string()}, {"commission", f.commission.to_string()}, {"stamp_duty", f.stamp_duty.to_string()},
                       {"transfer_fee", f.transfer_fee.to_string()}, {"total", f.total().to_string()}};
  // What today's bar would do with it: the same replay with the order added.
  std::vector<json> trial = inputs_;
  trial.push_back(*doc);
  auto tr = replay_with(trial);
  if (!tr) {
    view_.preview_outcome = tr.error();
    view_.preview_refused = true;
    return;
  }
  for (const Transaction& t : tr->account.journal()) {
    if (t.order_id != "preview") continue;
    view_.preview_outcome = why_of(t, lang_);
    view_.preview_refused = t.kind == TxKind::refused;
    if (t.kind == TxKind::sell) line("Dividend tax at this sale", t.dividend_tax.to_string());
    state_["preview"]["outcome"] = transaction_json(t);
  }
  (void)r;
}

void SecuritiesModel::build_statement(Ui& ui, const ReplayResult& r) {
  const auto& journal = r.account.journal();
  for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
    const Transaction& t = *it;
    SecuritiesTxRow row;
    row.date = t.date.to_string();
    row.what = ui.tr(kind_label(t.kind));
    row.code = t.code;
    row.shares = t.shares ? format_int(t.shares) : "";
    row.price = t.kind == TxKind::buy || t.kind == TxKind::sell ? t.price.to_string() : "";
    row.amount = format_amount(t.amount);
    row.fees = t.kind == TxKind::buy || t.kind == TxKind::sell ? t.fees.total().to_string() : "";
    row.why = why_of(t, lang_);
    row.explain = tx_explanation(ui, t);
    row.refused = t.kind == TxKind::refused;
    view_.transactions.push_back(std::move(row));
  }
}

json SecuritiesModel::state() const {
  json j = state_;
  j["today"] = today().to_string();
  j["today_index"] = today_;
  j["inputs"] = inputs_;
  j["signatures"] = signatures_;
  j["ticket"] = ticket_json();
  j["last_send"] = last_send_;
  j["suitability"] = profile_ ? profile_->state() : json::object();
  json csv = json::object();
  for (const auto& [code, bars] : market().bars) csv[code] = bars_csv(bars, static_cast<std::size_t>(today_) + 1);
  j["bars_csv"] = csv;
  return j;
}

std::unique_ptr<PanelModel> make_securities_model() { return std::make_unique<SecuritiesModel>(); }

}  // namespace finlab::web
