// Statement JSON and replay-input JSON.
#include "core/securities/report.hpp"

#include <algorithm>
#include <initializer_list>

#include "core/excerpt.hpp"
#include "core/strict_json.hpp"

namespace finlab::securities {

using nlohmann::json;

StatementTotals statement_totals(const Account& a, const std::map<std::string, Money>& last_close) {
  StatementTotals t;
  for (const auto& [code, pos] : a.positions()) {
    auto it = last_close.find(code);
    const Money close = it == last_close.end() ? Money() : it->second;
    t.market_value += close * pos.shares();
    t.cost += pos.cost();
  }
  t.unrealised = t.market_value - t.cost;
  for (const Transaction& x : a.journal()) {
    t.realised += x.realised;
    if (x.kind == TxKind::dividend) t.dividends += x.amount;
    t.commission += x.fees.commission;
    t.stamp_duty += x.fees.stamp_duty;
    t.transfer_fee += x.fees.transfer_fee;
    t.dividend_tax += x.dividend_tax;
  }
  return t;
}

json transaction_json(const Transaction& t) {
  json j = {{"date", t.date.to_string()}, {"kind", to_string(t.kind)}, {"why_en", t.why_en}, {"why_zh", t.why_zh}};
  if (!t.order_id.empty()) j["order_id"] = t.order_id;
  if (!t.code.empty()) j["code"] = t.code;
  if (t.requested) j["requested"] = t.requested;
  if (t.shares) j["shares"] = t.shares;
  j["amount"] = t.amount.to_string();
  if (t.kind == TxKind::refused) j["refusal"] = to_string(t.refusal);
  if (t.kind == TxKind::buy || t.kind == TxKind::sell) {
    j["price"] = t.price.to_string();
    j["fees"] = {{"commission", t.fees.commission.to_string()}, {"stamp_duty", t.fees.stamp_duty.to_string()},
                 {"transfer_fee", t.fees.transfer_fee.to_string()}, {"total", t.fees.total().to_string()},
                 {"commission_why", t.fees.commission_why}, {"stamp_duty_why", t.fees.stamp_why}, {"transfer_fee_why", t.fees.transfer_why}};
  }
  if (t.kind == TxKind::sell) {
    j["dividend_tax"] = t.dividend_tax.to_string();
    j["realised"] = t.realised.to_string();
    json lines = json::array();
    for (const TaxLine& l : t.tax_lines)
      lines.push_back({{"ex_date", l.ex_date.to_string()}, {"acquired", l.acquired.to_string()}, {"shares", l.shares}, {"income", l.income.to_string()},
                       {"rate_percent", l.rate.to_percent_string()}, {"holding", to_string(l.band)}, {"tax", l.tax.to_string()}, {"why", l.why}});
    j["tax_lines"] = lines;
  }
  return j;
}

json statement_json(const ReplayResult& r) {
  const Account& a = r.account;
  json positions = json::array();
  const Date next = r.last_date.plus_days(1);
  for (const auto& [code, pos] : a.positions()) {
    auto st = a.rules().stock(code);
    auto it = r.last_close.find(code);
    const Money close = it == r.last_close.end() ? Money() : it->second;
    const Money mv = close * pos.shares();
    json lots = json::array();
    for (const Lot& l : pos.lots) lots.push_back({{"acquired", l.acquired.to_string()}, {"shares", l.shares}, {"cost", l.cost.to_string()}});
    positions.push_back({{"code", code}, {"name_en", st ? st->name_en : ""}, {"name_zh", st ? st->name_zh : ""}, {"shares", pos.shares()},
                         {"sellable_next_day", pos.sellable(next)}, {"cost", pos.cost().to_string()},
                         {"average_cost", pos.cost().divided_by(pos.shares(), money::Rounding::half_up).to_string()},
                         {"last_close", close.to_string()}, {"market_value", mv.to_string()}, {"unrealised", (mv - pos.cost()).to_string()}, {"lots", lots}});
  }
  const StatementTotals t = statement_totals(a, r.last_close);
  json txs = json::array();
  for (const Transaction& x : a.journal()) txs.push_back(transaction_json(x));
  return {{"as_of", r.last_date.to_string()},
          {"cash", a.cash().to_string()},
          {"withdrawable_today", a.withdrawable(r.last_date).to_string()},
          {"positions", positions},
          {"totals",
           {{"market_value", t.market_value.to_string()}, {"cost", t.cost.to_string()}, {"unrealised", t.unrealised.to_string()},
            {"realised", t.realised.to_string()}, {"dividends", t.dividends.to_string()}, {"commission", t.commission.to_string()},
            {"stamp_duty", t.stamp_duty.to_string()}, {"transfer_fee", t.transfer_fee.to_string()}, {"dividend_tax", t.dividend_tax.to_string()},
            {"equity", (a.cash() + t.market_value).to_string()}}},
          {"circuit_breaker", r.breaker_notes},
          {"transactions", txs}};
}

namespace {

struct In {
  std::string name;
  [[noreturn]] void bad(const std::string& path, const std::string& what) const { throw Error(name + ": " + path + ": " + what); }
  // A misspelt key ("prcie") would otherwise be ignored and the order sent at the open.
  void only(const json& j, const std::string& p, std::initializer_list<std::string_view> keys) const {
    if (!j.is_object()) bad(p, "expected an object");
    for (auto it = j.begin(); it != j.end(); ++it)
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) bad(p + "." + excerpt(it.key()), "unknown key");
  }
  std::string str(const json& j, const std::string& p, const char* k, bool required = true, const char* dflt = "") const {
    if (!j.contains(k)) {
      if (required) bad(p, std::string("missing \"") + k + "\"");
      return dflt;
    }
    if (!j.at(k).is_string()) bad(p + "." + k, "expected a string");
    return j.at(k).get<std::string>();
  }
  template <class D>
  D decimal(const json& j, const std::string& p, const char* k, bool required = true) const {
    const std::string s = str(j, p, k, required, "0");
    auto v = D::parse(s);
    if (!v) bad(p + "." + k, "expected a decimal string like \"10.50\": " + v.error());
    return *v;
  }
  Date date(const json& j, const std::string& p, const char* k) const {
    auto d = Date::parse(str(j, p, k));
    if (!d) bad(p + "." + k, d.error());
    return *d;
  }
};

}  // namespace

Result<Order> make_order(const std::string& id, std::string_view date, std::string_view code, std::string_view side, std::string_view type,
                         std::string_view session, std::int64_t shares, std::string_view price) {
  Order o;
  o.id = id;
  auto d = Date::parse(date);
  if (!d) return fail("date: " + d.error());
  o.date = *d;
  o.code = std::string(code);
  if (side == "buy") o.side = Side::buy;
  else if (side == "sell") o.side = Side::sell;
  else return fail("side: expected buy or sell, got \"" + std::string(side) + "\"");
  if (type == "limit") o.type = OrderType::limit;
  else if (type == "market") o.type = OrderType::market;
  else return fail("type: expected limit or market, got \"" + std::string(type) + "\"");
  if (session == "opening_auction") o.session = Session::opening_auction;
  else if (session == "continuous") o.session = Session::continuous;
  else if (session == "closing_auction") o.session = Session::closing_auction;
  else return fail("session: expected opening_auction, continuous or closing_auction, got \"" + std::string(session) + "\"");
  if (shares <= 0) return fail("shares: expected a positive number of shares, got " + std::to_string(shares));
  o.shares = shares;
  if (o.type == OrderType::limit) {
    auto p = Money::parse(price);
    if (!p) return fail("price: expected a price like \"10.50\" (a limit order needs one): " + p.error());
    o.limit_price = *p;
  }
  return o;
}

Result<ReplayInput> parse_replay_input(std::string_view name, std::string_view text) {
  ReplayInput in;
  try {
    const In r{std::string(name)};
    auto parsed = parse_strict_json<json>(text, "");  // duplicate keys, NUL, depth, size refused (core/strict_json.hpp)
    if (!parsed) return fail(std::string(name) + ": " + parsed.error());
    const json& j = *parsed;
    r.only(j, "$", {"cash", "orders", "actions"});
    if (j.contains("cash")) {
      const json& c = j.at("cash");
      if (!c.is_array()) r.bad("$.cash", "expected an array");
      for (std::size_t i = 0; i < c.size(); ++i) {
        const std::string p = "$.cash[" + std::to_string(i) + "]";
        r.only(c[i], p, {"date", "amount"});
        in.cash.push_back({r.date(c[i], p, "date"), r.decimal<Money>(c[i], p, "amount")});
      }
    }
    if (!j.contains("orders") || !j.at("orders").is_array()) r.bad("$.orders", "expected an array of orders");
    const json& os = j.at("orders");
    for (std::size_t i = 0; i < os.size(); ++i) {
      const std::string p = "$.orders[" + std::to_string(i) + "]";
      r.only(os[i], p, {"id", "date", "code", "side", "type", "session", "shares", "price"});
      if (!os[i].contains("shares") || !os[i].at("shares").is_number_integer()) r.bad(p + ".shares", "expected a whole number of shares");
      const std::string type = r.str(os[i], p, "type", false, "limit");
      auto o = make_order(r.str(os[i], p, "id", false, ("#" + std::to_string(i + 1)).c_str()), r.str(os[i], p, "date"), r.str(os[i], p, "code"),
                          r.str(os[i], p, "side"), type, r.str(os[i], p, "session", false, "continuous"), os[i].at("shares").get<std::int64_t>(),
                          r.str(os[i], p, "price", type == "limit", ""));
      if (!o) r.bad(p, o.error());
      in.orders.push_back(*o);
    }
    if (j.contains("actions")) {
      const json& as = j.at("actions");
      if (!as.is_array()) r.bad("$.actions", "expected an array");
      for (std::size_t i = 0; i < as.size(); ++i) {
        const std::string p = "$.actions[" + std::to_string(i) + "]";
        r.only(as[i], p, {"code", "ex_date", "cash_per_10", "bonus_per_10", "transfer_per_10"});
        in.actions.push_back({r.str(as[i], p, "code"), r.date(as[i], p, "ex_date"), r.decimal<PerTen>(as[i], p, "cash_per_10", false),
                              r.decimal<PerTen>(as[i], p, "bonus_per_10", false), r.decimal<PerTen>(as[i], p, "transfer_per_10", false)});
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return fail(std::string(name) + ": " + e.what());
  } catch (const Error& e) {
    return fail(e.what());
  }
  return in;
}

}  // namespace finlab::securities
