// Parsing assets/securities/*.json into a RuleBook, and the dated lookups.
#include "core/securities/rules.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/strict_json.hpp"

namespace finlab::securities {

using money::Rounding;
using nlohmann::json;

std::string_view to_string(Market m) { return m == Market::sse ? "SSE" : "SZSE"; }
std::string_view to_string(Board b) {
  switch (b) {
    case Board::main: return "main";
    case Board::chinext: return "chinext";
    case Board::star: return "star";
  }
  return "?";
}
std::string_view to_string(Side s) { return s == Side::buy ? "buy" : "sell"; }
namespace {
const char* market_zh(Market m) { return m == Market::sse ? "上交所" : "深交所"; }
const char* board_zh(Board b) {
  switch (b) {
    case Board::main: return "主板";
    case Board::chinext: return "创业板";
    case Board::star: return "科创板";
  }
  return "?";
}
}  // namespace

std::string_view holding_band_zh(HoldingBand b) {
  switch (b) {
    case HoldingBand::up_to_1_month: return "持股 1 个月以内（含）";
    case HoldingBand::up_to_1_year: return "持股 1 个月以上至 1 年（含）";
    case HoldingBand::over_1_year: return "持股超过 1 年";
  }
  return "?";
}

std::string_view to_string(HoldingBand b) {
  switch (b) {
    case HoldingBand::up_to_1_month: return "held up to 1 month";
    case HoldingBand::up_to_1_year: return "held over 1 month up to 1 year";
    case HoldingBand::over_1_year: return "held over 1 year";
  }
  return "?";
}

HoldingBand holding_band(Date acquired, Date sold) {
  const Date last_day_held = sold.plus_days(-1);
  if (last_day_held <= acquired.plus_months(1)) return HoldingBand::up_to_1_month;
  if (last_day_held <= acquired.plus_months(12)) return HoldingBand::up_to_1_year;
  return HoldingBand::over_1_year;
}

Money limit_price(Money base, Rate percent, bool up) {
  const money::int128 one = Rate::one_units;
  const money::int128 factor = up ? one + percent.units() : one - percent.units();
  return Money::from_units(money::narrow_checked(money::div_round(money::int128(base.units()) * factor, one, Rounding::half_up), "limit price"));
}

namespace {

struct Reader {
  std::string file;
  [[noreturn]] void bad(const std::string& path, const std::string& what) const { throw Error(file + ": " + path + ": " + what); }
  const json& at(const json& j, const std::string& path, const char* key) const {
    if (!j.is_object() || !j.contains(key)) bad(path, std::string("missing \"") + key + "\"");
    return j.at(key);
  }
  std::string str(const json& j, const std::string& path, const char* key) const {
    const json& v = at(j, path, key);
    if (!v.is_string()) bad(path + "." + key, "expected a string");
    return v.get<std::string>();
  }
  Date date(const json& j, const std::string& path, const char* key) const {
    auto d = Date::parse(str(j, path, key));
    if (!d) bad(path + "." + key, d.error());
    return *d;
  }
  Rate percent(const json& j, const std::string& path, const char* key) const {
    auto r = Rate::parse_percent(str(j, path, key));
    if (!r) bad(path + "." + key, r.error());
    return *r;
  }
  std::int64_t integer(const json& j, const std::string& path, const char* key) const {
    const json& v = at(j, path, key);
    if (!v.is_number_integer()) bad(path + "." + key, "expected an integer");
    return v.get<std::int64_t>();
  }
  bool boolean(const json& j, const std::string& path, const char* key) const {
    const json& v = at(j, path, key);
    if (!v.is_boolean()) bad(path + "." + key, "expected true or false");
    return v.get<bool>();
  }
  Market market(const json& j, const std::string& path) const {
    const std::string m = str(j, path, "market");
    if (m == "SSE") return Market::sse;
    if (m == "SZSE") return Market::szse;
    bad(path + ".market", "expected \"SSE\" or \"SZSE\", got \"" + m + "\"");
  }
  Board board(const json& j, const std::string& path) const {
    const std::string b = str(j, path, "board");
    if (b == "main") return Board::main;
    if (b == "chinext") return Board::chinext;
    if (b == "star") return Board::star;
    bad(path + ".board", "expected main, chinext or star, got \"" + b + "\"");
  }
  const json& array(const json& j, const std::string& path, const char* key) const {
    const json& v = at(j, path, key);
    if (!v.is_array()) bad(path + "." + key, "expected an array");
    return v;
  }
};

template <class T>
const T* period_on(const std::vector<T>& v, Date d, auto&& match) {
  const T* best = nullptr;
  for (const T& p : v)
    if (match(p) && p.from <= d && (!best || best->from <= p.from)) best = &p;
  return best;
}

}  // namespace

Result<RuleBook> RuleBook::parse(std::string_view rules_json, std::string_view stocks_json) {
  RuleBook rb;
  try {
    Reader r{"rules.json"};
    auto parsed_rules = parse_strict_json<json>(rules_json, "rules.json");  // duplicate keys refused (core/strict_json.hpp)
    if (!parsed_rules) return fail("securities rules: " + parsed_rules.error());
    const json& j = *parsed_rules;
    const json& c = r.at(j, "$", "commission");
    rb.cap_rate_ = r.percent(c, "$.commission", "cap_rate_percent");
    const json& st = r.array(j, "$", "stamp_duty");
    for (std::size_t i = 0; i < st.size(); ++i) {
      const std::string p = "$.stamp_duty[" + std::to_string(i) + "]";
      rb.stamp_.push_back({r.date(st[i], p, "from"), r.percent(st[i], p, "seller_rate_percent"), r.str(st[i], p, "source"), r.str(st[i], p, "source_zh")});
    }
    const json& tf = r.array(j, "$", "transfer_fee");
    for (std::size_t i = 0; i < tf.size(); ++i) {
      const std::string p = "$.transfer_fee[" + std::to_string(i) + "]";
      const std::string basis = r.str(tf[i], p, "basis");
      if (basis != "par" && basis != "value") r.bad(p + ".basis", "expected \"par\" or \"value\"");
      rb.transfer_.push_back({r.date(tf[i], p, "from"), r.market(tf[i], p), basis == "par", r.percent(tf[i], p, "rate_percent"), r.str(tf[i], p, "source"),
                             r.str(tf[i], p, "source_zh")});
    }
    const json& dt = r.array(j, "$", "dividend_tax");
    for (std::size_t i = 0; i < dt.size(); ++i) {
      const std::string p = "$.dividend_tax[" + std::to_string(i) + "]";
      rb.tax_.push_back({r.date(dt[i], p, "from"),
                         {r.percent(dt[i], p, "up_to_1_month_percent"), r.percent(dt[i], p, "up_to_1_year_percent"),
                          r.percent(dt[i], p, "over_1_year_percent"), r.str(dt[i], p, "source"), r.str(dt[i], p, "source_zh")}});
    }
    const json& pl = r.array(j, "$", "price_limits");
    for (std::size_t i = 0; i < pl.size(); ++i) {
      const std::string p = "$.price_limits[" + std::to_string(i) + "]";
      rb.limits_.push_back({r.board(pl[i], p), r.boolean(pl[i], p, "st"), r.date(pl[i], p, "from"), r.percent(pl[i], p, "percent"), r.str(pl[i], p, "source"),
                           r.str(pl[i], p, "source_zh")});
    }
    const json& ipo = r.at(j, "$", "ipo");
    rb.no_limit_days_ = static_cast<int>(r.integer(ipo, "$.ipo", "registration_no_limit_days"));
    rb.ipo_up_ = r.percent(ipo, "$.ipo", "approval_first_day_up_percent");
    rb.ipo_down_ = r.percent(ipo, "$.ipo", "approval_first_day_down_percent");
    const json& cg = r.array(j, "$", "price_cage");
    for (std::size_t i = 0; i < cg.size(); ++i) {
      const std::string p = "$.price_cage[" + std::to_string(i) + "]";
      rb.cages_.push_back({r.board(cg[i], p), r.date(cg[i], p, "from"), r.percent(cg[i], p, "percent"), static_cast<int>(r.integer(cg[i], p, "ticks")),
                          r.str(cg[i], p, "source"), r.str(cg[i], p, "source_zh")});
    }
    const json& lots = r.at(j, "$", "lots");
    rb.board_lot_ = r.integer(lots, "$.lots", "board_lot");
    rb.star_min_ = r.integer(lots, "$.lots", "star_minimum");
    rb.max_order_ = r.integer(lots, "$.lots", "max_order_shares");
    rb.star_max_limit_ = r.integer(lots, "$.lots", "star_max_limit_order");
    rb.star_max_market_ = r.integer(lots, "$.lots", "star_max_market_order");
    const json& ca = r.array(j, "$", "closing_auction");
    for (std::size_t i = 0; i < ca.size(); ++i) {
      const std::string p = "$.closing_auction[" + std::to_string(i) + "]";
      rb.auctions_.push_back({r.market(ca[i], p), r.date(ca[i], p, "from")});
    }
    const json& cb = r.at(j, "$", "circuit_breaker");
    rb.breaker_ = {r.date(cb, "$.circuit_breaker", "from"), r.date(cb, "$.circuit_breaker", "to"),
                   r.percent(cb, "$.circuit_breaker", "halt_percent"), r.percent(cb, "$.circuit_breaker", "close_percent"),
                   static_cast<int>(r.integer(cb, "$.circuit_breaker", "halt_minutes")), r.str(cb, "$.circuit_breaker", "source"),
                   r.str(cb, "$.circuit_breaker", "source_zh")};

    Reader s{"stocks.json"};
    auto parsed_stocks = parse_strict_json<json>(stocks_json, "stocks.json");
    if (!parsed_stocks) return fail("securities rules: " + parsed_stocks.error());
    const json& sj = *parsed_stocks;
    const json& list = s.array(sj, "$", "stocks");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string p = "$.stocks[" + std::to_string(i) + "]";
      rb.stocks_.push_back({s.str(list[i], p, "code"), s.str(list[i], p, "name_en"), s.str(list[i], p, "name_zh"),
                            s.market(list[i], p), s.board(list[i], p), s.date(list[i], p, "listed"),
                            s.boolean(list[i], p, "registration_ipo"), s.boolean(list[i], p, "st")});
    }
  } catch (const json::exception& e) {
    return fail(std::string("securities rules: ") + e.what());
  } catch (const Error& e) {
    return fail(e.what());
  }
  return rb;
}

const RuleBook& RuleBook::builtin() {
  static const RuleBook rb = parse(detail::builtin_rules_json(), detail::builtin_stocks_json()).value();
  return rb;
}

Result<Stock> RuleBook::stock(std::string_view code) const {
  for (const Stock& s : stocks_)
    if (s.code == code) return s;
  return fail("unknown stock " + std::string(code) + " (not in assets/securities/stocks.json)");
}

Rate RuleBook::stamp_duty_rate(Date d) const {
  const RatePeriod* p = period_on(stamp_, d, [](const RatePeriod&) { return true; });
  FINLAB_REQUIRE(p, "no stamp duty rule for " << d.to_string());
  return p->rate;
}

Fees RuleBook::fees(const Stock& s, Side side, Date d, std::int64_t shares, Money price, const FeeSettings& fs) const {
  FINLAB_REQUIRE(shares > 0, "fees: shares " << shares << " must be positive");
  FINLAB_REQUIRE(fs.commission_rate <= cap_rate_, "commission rate " << fs.commission_rate.to_percent_string() << "% is above the 0.3% cap [14]");
  Fees f;
  const Money value = price * shares;
  const Money by_rate = money::apply_rate(value, fs.commission_rate, 1, Rounding::half_up);
  f.commission = std::max(by_rate, fs.commission_minimum);
  f.commission_why = "commission " + fs.commission_rate.to_percent_string() + "% of " + value.to_string() + " = " + by_rate.to_string() +
                     (by_rate < fs.commission_minimum ? ", raised to the minimum " + fs.commission_minimum.to_string() + " [14]" : "");
  f.commission_why_zh = "佣金 " + value.to_string() + " × " + fs.commission_rate.to_percent_string() + "% = " + by_rate.to_string() +
                        (by_rate < fs.commission_minimum ? "，不足最低 " + fs.commission_minimum.to_string() + " 元按最低收取 [14]" : "");
  if (side == Side::sell) {
    const RatePeriod* p = period_on(stamp_, d, [](const RatePeriod&) { return true; });
    FINLAB_REQUIRE(p, "no stamp duty rule for " << d.to_string());
    f.stamp_duty = money::apply_rate(value, p->rate, 1, Rounding::half_up);
    f.stamp_why = "stamp duty " + p->rate.to_percent_string() + "% of " + value.to_string() + " on the seller from " + p->from.to_string() + " " + p->source;
    f.stamp_why_zh = "印花税（卖方）" + value.to_string() + " × " + p->rate.to_percent_string() + "%，自 " + p->from.to_string() + " 起 " + p->source_zh;
  } else {
    f.stamp_why = "no stamp duty on purchases";
    f.stamp_why_zh = "买入不收印花税";
  }
  const TransferPeriod* t = period_on(transfer_, d, [&](const TransferPeriod& x) { return x.market == s.market; });
  FINLAB_REQUIRE(t, "no transfer fee rule for " << to_string(s.market) << " on " << d.to_string());
  const Money basis = t->par_basis ? fs.par_value * shares : value;
  f.transfer_fee = money::apply_rate(basis, t->rate, 1, Rounding::half_up);
  f.transfer_why = "transfer fee " + t->rate.to_percent_string() + "% of " + (t->par_basis ? "par value " : "value ") + basis.to_string() +
                   " (" + std::string(to_string(s.market)) + " from " + t->from.to_string() + ") " + t->source;
  f.transfer_why_zh = std::string("过户费 ") + (t->par_basis ? "面值 " : "成交金额 ") + basis.to_string() + " × " + t->rate.to_percent_string() + "%（" +
                      market_zh(s.market) + "，自 " + t->from.to_string() + " 起）" + t->source_zh;
  return f;
}

DividendTaxRates RuleBook::dividend_tax(Date d) const {
  const TaxPeriod* p = period_on(tax_, d, [](const TaxPeriod&) { return true; });
  FINLAB_REQUIRE(p, "no dividend tax rule for " << d.to_string() << " (rules start 2013-01-01)");
  return p->rates;
}

Rate RuleBook::dividend_tax_rate(Date regime_date, HoldingBand band) const {
  const DividendTaxRates r = dividend_tax(regime_date);
  switch (band) {
    case HoldingBand::up_to_1_month: return r.up_to_1_month;
    case HoldingBand::up_to_1_year: return r.up_to_1_year;
    case HoldingBand::over_1_year: return r.over_1_year;
  }
  return r.up_to_1_month;
}

LimitBand RuleBook::limit_band(const Stock& s, Date d, Money reference, int day_index) const {
  LimitBand b;
  if (s.registration_ipo && day_index >= 1 && day_index <= no_limit_days_) {
    b.unlimited = true;
    b.why = "no price limit: day " + std::to_string(day_index) + " of a registration IPO (first " + std::to_string(no_limit_days_) + " days) [6][8][9]";
    b.why_zh = "无涨跌幅限制：注册制新股上市第 " + std::to_string(day_index) + " 天（前 " + std::to_string(no_limit_days_) + " 天不设限）[6][8][9]";
    return b;
  }
  if (!s.registration_ipo && day_index == 1) {
    b.up_percent = ipo_up_;
    b.down_percent = ipo_down_;
    b.why = "first day of an approval-era IPO: +" + ipo_up_.to_percent_string() + "% / -" + ipo_down_.to_percent_string() + "% of the issue price [6]";
    b.why_zh = "核准制新股上市首日：发行价的 +" + ipo_up_.to_percent_string() + "% / -" + ipo_down_.to_percent_string() + "% [6]";
  } else {
    const LimitPeriod* p = period_on(limits_, d, [&](const LimitPeriod& x) { return x.board == s.board && x.st == s.st; });
    FINLAB_REQUIRE(p, "no price limit rule for " << to_string(s.board) << " on " << d.to_string());
    b.up_percent = b.down_percent = p->percent;
    b.why = std::string(to_string(s.board)) + " board" + (s.st ? " ST" : "") + " ±" + p->percent.to_percent_string() + "% of " + reference.to_string() +
            " from " + p->from.to_string() + " " + p->source;
    b.why_zh = std::string(board_zh(s.board)) + (s.st ? " ST" : "") + " 以 " + reference.to_string() + " 为基准 ±" + p->percent.to_percent_string() + "%，自 " +
               p->from.to_string() + " 起 " + p->source_zh;
  }
  b.up = limit_price(reference, b.up_percent, true);
  b.down = limit_price(reference, b.down_percent, false);
  b.why += ", rounded half-up to 0.01: " + b.down.to_string() + " .. " + b.up.to_string();
  b.why_zh += "，四舍五入到 0.01：" + b.down.to_string() + "～" + b.up.to_string();
  return b;
}

std::optional<RuleBook::Cage> RuleBook::price_cage(const Stock& s, Date d) const {
  const CagePeriod* p = period_on(cages_, d, [&](const CagePeriod& x) { return x.board == s.board; });
  if (!p) return std::nullopt;
  return Cage{p->percent, p->ticks, p->source, p->source_zh};
}

bool RuleBook::has_closing_auction(Market m, Date d) const {
  return std::any_of(auctions_.begin(), auctions_.end(), [&](const AuctionPeriod& a) { return a.market == m && a.from <= d; });
}

std::int64_t RuleBook::buy_minimum(const Stock& s) const { return s.board == Board::star ? star_min_ : board_lot_; }
std::int64_t RuleBook::buy_step(const Stock& s) const { return s.board == Board::star ? 1 : board_lot_; }
std::int64_t RuleBook::max_order(const Stock& s, bool market_order) const {
  if (s.board == Board::star) return market_order ? star_max_market_ : star_max_limit_;
  return max_order_;
}

std::string_view suitability_product_id(const Stock& s) {
  if (s.st) return "st_share";
  if (s.board == Board::chinext) return "chinext";
  if (s.board == Board::star) return "star";
  return "a_share";
}

}  // namespace finlab::securities
