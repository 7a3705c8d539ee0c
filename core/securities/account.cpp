// The account: validation (refusals with reasons), the matching model against a
// daily bar, FIFO lots with T+1, corporate actions and dividend tax on sale.
//
// [SECTION] names and small helpers
// [SECTION] circuit breaker
// [SECTION] validation
// [SECTION] matching and booking
// [SECTION] corporate actions
#include "core/securities/account.hpp"

#include <algorithm>

namespace finlab::securities {

using money::Rounding;

// [SECTION] names and small helpers -------------------------------------------
std::string_view to_string(OrderType t) { return t == OrderType::limit ? "limit" : "market"; }
std::string_view to_string(Session s) {
  switch (s) {
    case Session::opening_auction: return "opening_auction";
    case Session::continuous: return "continuous";
    case Session::closing_auction: return "closing_auction";
  }
  return "?";
}
std::string_view to_string(Refusal r) {
  switch (r) {
    case Refusal::none: return "none";
    case Refusal::not_trading_day: return "not_trading_day";
    case Refusal::lot_size: return "lot_size";
    case Refusal::odd_lot: return "odd_lot";
    case Refusal::max_order: return "max_order";
    case Refusal::outside_limit: return "outside_limit";
    case Refusal::outside_cage: return "outside_cage";
    case Refusal::no_session: return "no_session";
    case Refusal::market_order_session: return "market_order_session";
    case Refusal::circuit_breaker_closed: return "circuit_breaker_closed";
    case Refusal::t_plus_1: return "t_plus_1";
    case Refusal::insufficient_shares: return "insufficient_shares";
    case Refusal::insufficient_cash: return "insufficient_cash";
    case Refusal::locked_at_limit: return "locked_at_limit";
    case Refusal::price_not_reached: return "price_not_reached";
  }
  return "?";
}
std::string_view to_string(TxKind k) {
  switch (k) {
    case TxKind::deposit: return "deposit";
    case TxKind::withdrawal: return "withdrawal";
    case TxKind::buy: return "buy";
    case TxKind::sell: return "sell";
    case TxKind::refused: return "refused";
    case TxKind::dividend: return "dividend";
    case TxKind::bonus_shares: return "bonus_shares";
  }
  return "?";
}

std::int64_t Position::shares() const {
  std::int64_t n = 0;
  for (const Lot& l : lots) n += l.shares;
  return n;
}
std::int64_t Position::sellable(Date d) const {
  std::int64_t n = 0;
  for (const Lot& l : lots)
    if (l.acquired < d) n += l.shares;
  return n;
}
Money Position::cost() const {
  Money c;
  for (const Lot& l : lots) c += l.cost;
  return c;
}

namespace {
std::string n(std::int64_t v) { return std::to_string(v); }
Money part_of(Money whole, std::int64_t part, std::int64_t of) {
  return Money::from_units(money::narrow_checked(money::div_round(money::int128(whole.units()) * part, of, Rounding::half_up), "lot share"));
}
}  // namespace

Account::Account(const RuleBook& rules, const time::TradingCalendar& calendar, AccountSettings settings)
    : rules_(rules), calendar_(calendar), settings_(settings) {}

void Account::deposit(Date d, Money amount) {
  FINLAB_REQUIRE(amount.is_positive(), "deposit " << amount.to_string() << " must be positive");
  cash_ += amount;
  Transaction t;
  t.date = d;
  t.kind = TxKind::deposit;
  t.amount = amount;
  t.why_en = "bank transfer in (银证转账)";
  t.why_zh = "银证转账转入";
  journal_.push_back(t);
}

Money Account::withdrawable(Date d) const {
  auto it = proceeds_by_day_.find(d);
  const Money today = it == proceeds_by_day_.end() ? Money() : it->second;
  const Money w = cash_ - today;
  return w.is_negative() ? Money() : w;
}

bool Account::withdraw(Date d, Money amount) {
  Transaction t;
  t.date = d;
  t.amount = -amount;
  const Money w = withdrawable(d);
  if (amount > w) {
    t.kind = TxKind::refused;
    t.refusal = Refusal::insufficient_cash;
    t.amount = Money();
    t.why_en = "withdrawal of " + amount.to_string() + " refused: only " + w.to_string() +
               " can be withdrawn today; sale proceeds of today can be withdrawn from the next trading day (T+1) [2]";
    t.why_zh = "转出 " + amount.to_string() + " 被拒：今日可取 " + w.to_string() + "；当日卖出资金下一交易日方可转出（T+1）";
    journal_.push_back(t);
    return false;
  }
  cash_ -= amount;
  t.kind = TxKind::withdrawal;
  t.why_en = "bank transfer out (银证转账)";
  t.why_zh = "银证转账转出";
  journal_.push_back(t);
  return true;
}

// [SECTION] circuit breaker ----------------------------------------------------
BreakerState circuit_breaker_on(const RuleBook& rules, Date d, Money prev, const Bar& bar) {
  const CircuitBreakerRule& cb = rules.circuit_breaker();
  BreakerState s;
  const auto crosses = [&](Rate pct) { return bar.low <= limit_price(prev, pct, false) || bar.high >= limit_price(prev, pct, true); };
  if (d < cb.from || d > cb.to) return s;
  if (crosses(cb.close_percent)) {
    s.kind = BreakerState::closed;
    s.why_en = "CSI 300 moved " + cb.close_percent.to_percent_string() + "% from " + prev.to_string() + ": market closed for the day (circuit breaker " +
               cb.from.to_string() + ".." + cb.to.to_string() + ") " + cb.source;
    s.why_zh = "沪深300指数波动达" + cb.close_percent.to_percent_string() + "%，触发熔断，暂停交易至收市 " + cb.source_zh;
  } else if (crosses(cb.halt_percent)) {
    s.kind = BreakerState::halted;
    s.why_en = "CSI 300 moved " + cb.halt_percent.to_percent_string() + "% from " + prev.to_string() + ": trading halted for " + std::to_string(cb.halt_minutes) +
               " minutes " + cb.source;
    s.why_zh = "沪深300指数波动达" + cb.halt_percent.to_percent_string() + "%，触发熔断，暂停交易" + std::to_string(cb.halt_minutes) + "分钟 " + cb.source_zh;
  }
  return s;
}

// [SECTION] validation ---------------------------------------------------------
const Transaction& Account::refuse(const Order& o, Refusal r, const std::string& en, const std::string& zh) {
  Transaction t;
  t.date = o.date;
  t.kind = TxKind::refused;
  t.order_id = o.id;
  t.code = o.code;
  t.requested = o.shares;
  t.refusal = r;
  t.why_en = std::string(to_string(o.side)) + " " + n(o.shares) + " " + o.code + " refused: " + en;
  t.why_zh = std::string(o.side == Side::buy ? "买入" : "卖出") + " " + n(o.shares) + " 股 " + o.code + " 被拒：" + zh;
  journal_.push_back(t);
  return journal_.back();
}

namespace {
// Cage bounds around the benchmark (the open, [D]): buy <= max(b*(1+p), b+ticks), sell >= min(b*(1-p), b-ticks).
Money cage_up(Money b, const RuleBook::Cage& c) { return std::max(limit_price(b, c.percent, true), b + Money::from_units(c.ticks)); }
Money cage_down(Money b, const RuleBook::Cage& c) { return std::min(limit_price(b, c.percent, false), b - Money::from_units(c.ticks)); }
}  // namespace

std::optional<Transaction> Account::validate(const Order& o, const Stock& s, const MarketDay& day, Money& protect) {
  const bool buy = o.side == Side::buy;
  if (!calendar_.is_trading_day(o.date)) return refuse(o, Refusal::not_trading_day, o.date.to_string() + " is not a trading day", o.date.to_string() + " 非交易日");
  if (o.shares <= 0) return refuse(o, Refusal::lot_size, "the quantity must be positive", "数量必须为正");
  const std::int64_t max = rules_.max_order(s, o.type == OrderType::market);
  if (o.shares > max) return refuse(o, Refusal::max_order, "at most " + n(max) + " shares per order [3][12]", "单笔申报不得超过 " + n(max) + " 股");
  const Position* pos = positions_.count(o.code) ? &positions_.at(o.code) : nullptr;
  if (buy) {
    const std::int64_t min = rules_.buy_minimum(s), step = rules_.buy_step(s);
    if (o.shares < min || (o.shares - min) % step != 0)
      return refuse(o, Refusal::lot_size,
                    s.board == Board::star ? "STAR buys are at least 200 shares, then steps of 1 [12]" : "buys are in multiples of 100 shares [3]",
                    s.board == Board::star ? "科创板买入不少于200股，超出部分以1股为单位" : "买入须为100股的整数倍");
  } else {
    const std::int64_t held = pos ? pos->shares() : 0, free = pos ? pos->sellable(o.date) : 0;
    if (o.shares > held)
      return refuse(o, Refusal::insufficient_shares, "only " + n(held) + " shares held", "持仓仅 " + n(held) + " 股");
    if (o.shares > free)
      return refuse(o, Refusal::t_plus_1, "only " + n(free) + " shares are sellable today; shares bought today can be sold from the next trading day (T+1) [1][2]",
                    "今日可卖 " + n(free) + " 股；当日买入的股票下一交易日方可卖出（T+1）");
    const bool ok = s.board == Board::star ? (o.shares >= rules_.buy_minimum(s) || o.shares == free)
                                           : (o.shares % 100 == 0 || (o.shares % 100 == free % 100));
    if (!ok)
      return refuse(o, Refusal::odd_lot,
                    s.board == Board::star ? "below 200 shares a STAR sale must sell the whole remainder (" + n(free) + ") [12]"
                                           : "sales are in multiples of 100, and an odd lot (" + n(free % 100) + " shares) is sold whole in one order [3]",
                    s.board == Board::star ? "科创板余额不足200股须一次性卖出" : "卖出须为100股整数倍，不足100股的零股须一次性卖出");
  }
  if (o.type == OrderType::market && o.session != Session::continuous)
    return refuse(o, Refusal::market_order_session, "market orders are accepted in the continuous session only [26]", "市价委托仅限连续竞价时段");
  if (o.session == Session::closing_auction && !rules_.has_closing_auction(s.market, o.date))
    return refuse(o, Refusal::no_session, std::string(to_string(s.market)) + " has no closing call auction on " + o.date.to_string() + " (SSE from 2018-08-20 [22])",
                  "该日" + std::string(to_string(s.market)) + "无收盘集合竞价");
  if (day.breaker.kind == BreakerState::closed && o.session == Session::closing_auction)
    return refuse(o, Refusal::circuit_breaker_closed, day.breaker.why_en, day.breaker.why_zh);
  const auto cage = o.session == Session::continuous ? rules_.price_cage(s, o.date) : std::nullopt;
  if (o.type == OrderType::limit) {
    if (!o.limit_price.is_positive()) return refuse(o, Refusal::outside_limit, "the limit price must be positive", "委托价格必须为正");
    if (!day.band.unlimited && (o.limit_price > day.band.up || o.limit_price < day.band.down))
      return refuse(o, Refusal::outside_limit, "price " + o.limit_price.to_string() + " is outside the day's limits " + day.band.down.to_string() + ".." +
                    day.band.up.to_string() + " (" + day.band.why + ")",
                    "委托价 " + o.limit_price.to_string() + " 超出当日涨跌停价 " + day.band.down.to_string() + "～" + day.band.up.to_string());
    if (cage && buy && o.limit_price > cage_up(day.bar.open, *cage))
      return refuse(o, Refusal::outside_cage, "buy price above the price cage " + cage_up(day.bar.open, *cage).to_string() + " (benchmark: the open) " + cage->source,
                    "买入价高于价格笼子上限 " + cage_up(day.bar.open, *cage).to_string() + "（基准：开盘价）" + cage->source_zh);
    if (cage && !buy && o.limit_price < cage_down(day.bar.open, *cage))
      return refuse(o, Refusal::outside_cage, "sell price below the price cage " + cage_down(day.bar.open, *cage).to_string() + " (benchmark: the open) " + cage->source,
                    "卖出价低于价格笼子下限 " + cage_down(day.bar.open, *cage).to_string() + "（基准：开盘价）" + cage->source_zh);
    protect = o.limit_price;
  } else {
    // best-5 IOC: protected at the price limit and the cage; with neither, at the open.
    protect = day.bar.open;
    if (cage) protect = buy ? cage_up(day.bar.open, *cage) : cage_down(day.bar.open, *cage);
    if (!day.band.unlimited) protect = buy ? (cage ? std::min(protect, day.band.up) : day.band.up) : (cage ? std::max(protect, day.band.down) : day.band.down);
  }
  if (buy) {
    const Money need = protect * o.shares + rules_.fees(s, Side::buy, o.date, o.shares, protect, settings_.fees).total();
    if (need > cash_)
      return refuse(o, Refusal::insufficient_cash, "needs " + need.to_string() + " (at " + protect.to_string() + " with fees), cash is " + cash_.to_string(),
                    "需要资金 " + need.to_string() + "（含费用），可用 " + cash_.to_string());
  }
  return std::nullopt;
}

// [SECTION] matching and booking -------------------------------------------------
const Transaction& Account::submit(const Order& o, const MarketDay& day) {
  FINLAB_REQUIRE(o.date == day.bar.date, "order " << o.id << " of " << o.date.to_string() << " matched against the bar of " << day.bar.date.to_string());
  auto stock = rules_.stock(o.code);
  if (!stock) return refuse(o, Refusal::not_trading_day, stock.error(), "未知股票 " + o.code);
  const Stock& s = *stock;
  Money protect;
  if (auto refused = validate(o, s, day, protect)) return journal_.back();
  const bool buy = o.side == Side::buy;
  const Bar& b = day.bar;
  if (!day.band.unlimited && b.high == b.low && ((buy && b.high == day.band.up) || (!buy && b.low == day.band.down)))
    return refuse(o, Refusal::locked_at_limit, std::string("the stock traded only at its ") + (buy ? "limit-up " : "limit-down ") + b.high.to_string() +
                  " all day (一字板): no " + (buy ? "sellers" : "buyers") + " [D]",
                  std::string("全天封") + (buy ? "涨停" : "跌停") + "（一字板），无法成交");
  Money price;
  std::string rule_en, rule_zh;
  if (o.session == Session::opening_auction || o.session == Session::closing_auction) {
    const bool open = o.session == Session::opening_auction;
    price = open ? b.open : b.close;
    if (buy ? protect < price : protect > price)
      return refuse(o, Refusal::price_not_reached, std::string("the ") + (open ? "opening" : "closing") + " auction price " + price.to_string() + " is " +
                    (buy ? "above" : "below") + " the limit " + protect.to_string(),
                    std::string(open ? "开盘" : "收盘") + "集合竞价价格 " + price.to_string() + " 未达委托价");
    rule_en = std::string("filled at the ") + (open ? "opening" : "closing") + " call auction price " + price.to_string();
    rule_zh = std::string("按") + (open ? "开盘" : "收盘") + "集合竞价价格 " + price.to_string() + " 成交";
  } else if (buy ? protect >= b.open : protect <= b.open) {
    price = b.open;
    rule_en = "marketable at the open of continuous trading: filled at the open " + price.to_string();
    rule_zh = "委托价优于开盘价，按开盘价 " + price.to_string() + " 成交";
  } else if (o.type == OrderType::limit && (buy ? protect >= b.low : protect <= b.high)) {
    price = protect;
    rule_en = std::string("the day's ") + (buy ? "low " + b.low.to_string() : "high " + b.high.to_string()) + " reached the limit: filled at the limit " + price.to_string();
    rule_zh = std::string("当日") + (buy ? "最低价" : "最高价") + "触及委托价，按委托价 " + price.to_string() + " 成交";
  } else {
    return refuse(o, Refusal::price_not_reached, std::string("the day's range ") + b.low.to_string() + ".." + b.high.to_string() + " never reached " + protect.to_string() +
                  (o.type == OrderType::market ? " (best-5 IOC protected price; the rest is cancelled)" : ""),
                  "当日价格区间 " + b.low.to_string() + "～" + b.high.to_string() + " 未触及委托价");
  }
  // Volume cap (participation, [D]); a buy fill stays in board lots.
  std::int64_t filled = o.shares;
  const std::int64_t cap = b.volume * settings_.participation_percent / 100;
  if (filled > cap) {
    const std::int64_t unit = buy ? rules_.buy_step(s) : 100;
    filled = cap / unit * unit;
    if (buy && filled < rules_.buy_minimum(s)) filled = 0;
  }
  if (filled == 0)
    return refuse(o, Refusal::price_not_reached, "no fill: " + n(settings_.participation_percent) + "% of the day's volume " + n(b.volume) + " is below one lot [D]",
                  "成交量不足，未成交");
  Transaction t;
  t.date = o.date;
  t.kind = buy ? TxKind::buy : TxKind::sell;
  t.order_id = o.id;
  t.code = o.code;
  t.shares = filled;
  t.requested = o.shares;
  t.price = price;
  t.fees = rules_.fees(s, o.side, o.date, filled, price, settings_.fees);
  t.why_en = std::string(to_string(o.type)) + " " + std::string(to_string(o.side)) + " in the " + std::string(to_string(o.session)) + " session: " + rule_en;
  t.why_zh = rule_zh;
  if (filled < o.shares) {
    t.why_en += "; partly filled " + n(filled) + " of " + n(o.shares) + " (at most " + n(settings_.participation_percent) + "% of the day's volume " + n(b.volume) +
                " [D]); the rest is cancelled";
    t.why_zh += "；部分成交 " + n(filled) + "/" + n(o.shares) + " 股，余量撤销";
  }
  if (day.breaker.kind != BreakerState::none) {
    t.why_en += "; " + day.breaker.why_en;
    t.why_zh += "；" + day.breaker.why_zh;
  }
  if (buy) {
    const Money value = price * filled;
    t.amount = -(value + t.fees.total());
    cash_ += t.amount;
    positions_[o.code].code = o.code;
    positions_[o.code].lots.push_back(Lot{o.date, filled, value + t.fees.total(), {}});
  } else {
    book_sell(t, s, o.date);
  }
  journal_.push_back(std::move(t));
  return journal_.back();
}

void Account::book_sell(Transaction& t, const Stock&, Date d) {
  Position& pos = positions_.at(t.code);
  std::int64_t left = t.shares;
  Money cost_sold;
  for (Lot& lot : pos.lots) {
    if (left == 0) break;
    if (lot.acquired >= d || lot.shares == 0) continue;
    const std::int64_t take = std::min(left, lot.shares);
    const HoldingBand band = holding_band(lot.acquired, d);
    for (Lot::Income& inc : lot.incomes) {
      const Money part = part_of(inc.amount, take, lot.shares);
      inc.amount -= part;
      if (part.is_zero()) continue;
      const Rate rate = rules_.dividend_tax_rate(inc.ex_date, band);
      TaxLine tl{inc.ex_date, lot.acquired, take, part, money::apply_rate(part, rate, 1, Rounding::half_up), rate, band, {}, {}};
      tl.why = "dividend of " + inc.ex_date.to_string() + " on " + n(take) + " shares bought " + lot.acquired.to_string() + ", " + std::string(to_string(band)) +
               ": " + rate.to_percent_string() + "% of " + part.to_string() + " = " + tl.tax.to_string() + " " + rules_.dividend_tax(inc.ex_date).source;
      tl.why_zh = inc.ex_date.to_string() + " 的股息，" + n(take) + " 股于 " + lot.acquired.to_string() + " 买入，" + std::string(holding_band_zh(band)) + "：" +
                  part.to_string() + " × " + rate.to_percent_string() + "% = " + tl.tax.to_string() + " " + rules_.dividend_tax(inc.ex_date).source_zh;
      t.dividend_tax += tl.tax;
      t.tax_lines.push_back(std::move(tl));
    }
    const Money c = part_of(lot.cost, take, lot.shares);
    lot.cost -= c;
    lot.shares -= take;
    cost_sold += c;
    left -= take;
  }
  FINLAB_REQUIRE(left == 0, "sell of " << t.shares << " " << t.code << " exceeded the sellable lots");
  pos.lots.erase(std::remove_if(pos.lots.begin(), pos.lots.end(), [](const Lot& l) { return l.shares == 0; }), pos.lots.end());
  if (pos.lots.empty()) positions_.erase(t.code);
  const Money net = t.price * t.shares - t.fees.total() - t.dividend_tax;
  t.amount = net;
  t.realised = net - cost_sold;
  cash_ += net;
  proceeds_by_day_[d] += net;
  if (!t.tax_lines.empty()) {
    t.why_en += "; dividend tax " + t.dividend_tax.to_string() + " charged on sale, FIFO by lot (差别化红利税)";
    t.why_zh += "；卖出时按先进先出逐批计征股息红利税 " + t.dividend_tax.to_string();
  }
}

// [SECTION] corporate actions ----------------------------------------------------
Money Account::ex_right_reference(Money prev_close, const CorporateAction& a) {
  // (P - D/10) / (1 + (B+T)/10) = (10 P - D) / (10 + B + T); PerTen has 6 decimals, Money 2.
  const money::int128 num = money::int128(prev_close.units()) * 100000 - a.cash.units();  // 10 P - D in 10^-6 yuan
  const money::int128 den = money::int128(10) * 1000000 + a.bonus.units() + a.transfer.units();
  return Money::from_units(money::narrow_checked(money::div_round(num * 100, den, Rounding::half_up), "ex-right reference price"));
}

void Account::apply(const CorporateAction& a) {
  auto it = positions_.find(a.code);
  if (it == positions_.end()) return;
  Money cash_total;
  std::int64_t new_shares = 0, held = 0;
  for (Lot& lot : it->second.lots) {
    if (lot.acquired >= a.ex_date) continue;  // bought on the ex-date: not on the register
    held += lot.shares;
    // Cash to the fen, truncated (去尾) [D]; new shares rounded down per lot [D].
    const Money cash = Money::from_units(money::narrow_checked(money::div_round(money::int128(lot.shares) * a.cash.units(), 100000, Rounding::truncate), "dividend"));
    const std::int64_t bonus = money::narrow_checked(money::div_round(money::int128(lot.shares) * a.bonus.units(), 10000000, Rounding::truncate), "bonus shares");
    const std::int64_t transfer = money::narrow_checked(money::div_round(money::int128(lot.shares) * a.transfer.units(), 10000000, Rounding::truncate), "transfer shares");
    const Money taxable = cash + settings_.fees.par_value * bonus;  // 送股 taxed at par; 转增 not
    if (taxable.is_positive()) lot.incomes.push_back({a.ex_date, taxable});
    lot.shares += bonus + transfer;
    new_shares += bonus + transfer;
    cash_total += cash;
  }
  if (held == 0) return;
  if (cash_total.is_positive()) {
    cash_ += cash_total;
    Transaction t;
    t.date = a.ex_date;
    t.kind = TxKind::dividend;
    t.code = a.code;
    t.shares = held;
    t.amount = cash_total;
    t.why_en = "cash dividend " + a.cash.to_string() + " yuan per 10 shares on " + n(held) + " shares, truncated to the fen per lot [D]; tax by holding period is charged when sold [28]";
    t.why_zh = "现金红利每10股派 " + a.cash.to_string() + " 元，持股 " + n(held) + " 股；股息红利税于卖出时按持股期限计征";
    journal_.push_back(t);
  }
  if (new_shares > 0) {
    Transaction t;
    t.date = a.ex_date;
    t.kind = TxKind::bonus_shares;
    t.code = a.code;
    t.shares = new_shares;
    t.why_en = "bonus " + a.bonus.to_string() + " + transfer " + a.transfer.to_string() + " shares per 10 on " + n(held) + " shares (rounded down per lot [D]); bonus shares taxed at par when sold";
    t.why_zh = "每10股送 " + a.bonus.to_string() + " 股、转增 " + a.transfer.to_string() + " 股";
    journal_.push_back(t);
  }
}

}  // namespace finlab::securities
