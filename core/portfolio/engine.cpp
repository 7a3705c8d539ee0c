#include "core/portfolio/engine.hpp"

#include "core/money/checked.hpp"

#include <sstream>

#include "core/text/messages.hpp"

namespace finlab::portfolio {

using money::int128;
using money::Money;
using money::Rate;
using money::Shares;
using time::Date;
using text::Arg;
using text::Id;
using text::Message;

std::string_view to_string(TxKind k) {
  switch (k) {
    case TxKind::deposit: return "deposit";
    case TxKind::buy: return "buy";
    case TxKind::sell: return "sell";
    case TxKind::cash_arrival: return "cash_arrival";
    case TxKind::dividend_cash: return "dividend_cash";
    case TxKind::dividend_reinvest: return "dividend_reinvest";
    case TxKind::skipped: return "skipped";
    case TxKind::rebalance: return "rebalance";
  }
  return "?";
}

namespace {

// shares (0.01) × NAV (0.0001) in fen, half-up; int64 when it fits.
inline std::int64_t value_fen(std::int64_t share_units, std::int64_t nav_units) {
  std::int64_t p;
  if (share_units >= 0 && detail::mul_fits(share_units, nav_units, p)) return (p + 5000) / 10000;
  return money::narrow_checked(money::div_round(int128(share_units) * nav_units, 10000, money::Rounding::half_up), "fund value");
}

// The 活期宝 leg of one user: confirmed shares earn; unconfirmed purchases earn
// from the next trading day; money spent today keeps earning until then.
struct MoneyFundLeg {
  std::int64_t confirmed = 0;  // fen (= share units, NAV 1.00)
  std::int64_t pending = 0;    // bought today, confirmed next trading day
  std::int64_t stopping = 0;   // redeemed today from confirmed shares: earns through the gap
  std::int64_t available() const { return confirmed + pending; }
  void subscribe(std::int64_t fen) { pending += fen; }
  // Caller checked available() >= fen.
  void spend(std::int64_t fen) {
    const std::int64_t from_pending = fen < pending ? fen : pending;
    pending -= from_pending;
    confirmed -= fen - from_pending;
    stopping += fen - from_pending;
  }
};

std::string yuan(std::int64_t fen) { return Money::from_units(fen).to_string(); }

std::string percent_of(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "0.00%";
  const Rate r = Rate::from_units(money::narrow_checked(money::div_round(int128(part) * Rate::one_units, whole, money::Rounding::half_up), "weight"));
  return r.to_percent_string(2) + "%";
}

Message none() { return text::make(Id::nothing, {}); }
Arg txt(std::string s) { return Arg::verbatim(std::move(s)); }

Message moved_note(const Event& e, Date t) {
  if (e.due == t) return none();
  return text::make(Id::pf_moved, {txt(e.due.to_string()), Arg::number(static_cast<int>(e.due.weekday())), txt(t.to_string())});
}

}  // namespace

Engine::Engine(const Plan& plan, const Schedule& schedule) : plan_(plan), s_(schedule), funds_(plan.funds.size()) {
  FINLAB_REQUIRE(s_.ex_days.size() == plan.funds.size(), "Engine: the schedule was built for another plan");
}

PathResult Engine::run(std::span<const FundMarket> market, Ledger* ledger, std::span<std::int64_t> checkpoint_values) {
  FINLAB_REQUIRE(market.size() == plan_.funds.size(), "Engine::run: " << market.size() << " fund markets for " << plan_.funds.size() << " funds");
  for (const auto& m : market) {
    FINLAB_REQUIRE(m.nav_units.size() == s_.size(), "Engine::run: NAV path of " << m.nav_units.size() << " days for " << s_.size() << " trading days");
    FINLAB_REQUIRE(m.dividend_units.empty() || m.dividend_units.size() == s_.size(), "Engine::run: dividend path length");
  }
  FINLAB_REQUIRE(checkpoint_values.empty() || checkpoint_values.size() == s_.checkpoints.size(), "Engine::run: checkpoint buffer size");
  return ledger ? run_impl<true>(market, ledger, checkpoint_values) : run_impl<false>(market, nullptr, checkpoint_values);
}

template <bool Detail>
PathResult Engine::run_impl(std::span<const FundMarket> market, Ledger* ledger, std::span<std::int64_t> checkpoint_values) {
  const std::size_t n = s_.size();
  const std::size_t nf = plan_.funds.size();
  for (auto& f : funds_) {
    f.lots.clear();
    f.pending.clear();
    f.pending_shares = {};
  }
  transit_.clear();
  MoneyFundLeg mmf;
  PathResult result;
  PathTotals& tot = result.totals;
  PathStats& st = result.stats;
  std::int64_t paid_in = 0, mmf_income = 0, purchases = 0, redemptions = 0, cash_div = 0, reinvested = 0;
  std::int64_t sub_fees = 0, red_fees = 0, red_fees_assets = 0;
  std::int64_t prev_value = 0;
  double peak = 1.0;
  std::uint32_t peak_day = 0, next_checkpoint = 0;
  bool awaiting_recovery = false;
  double scale = 0;  // TWR index per fen of value in the current deposit-free stretch
  std::int64_t income_since_last = 0;
  std::uint32_t order_id = 0;

  auto date_of = [&](std::size_t i) { return i < n ? s_.days[i] : s_.next_after_last; };
  // Each note is a catalog message; `note` keeps its English (the CLI's text).
  auto record = [&](Transaction t) {
    if constexpr (Detail) {
      t.note = text::render(t.why, text::Lang::en);
      ledger->transactions.push_back(std::move(t));
    }
  };

  // --- fund trades ------------------------------------------------------------
  // Buy `amount` of fund f on day i with 活期宝 money (caller checked the balance).
  auto buy = [&](std::size_t i, std::size_t f, Money amount, const std::string& source, const Message& why) -> bool {
    const Nav nav = Nav::from_units(market[f].nav_units[i]);
    auto q = quote_subscription(amount, nav, plan_.funds[f].subscription);
    if (!q) {
      if constexpr (Detail) {
        record({s_.days[i], s_.days[i], TxKind::skipped, static_cast<int>(f), source, amount, {}, nav, {}, {},
                text::make(Id::pf_not_bought, {Arg::of(subscription_refusal(amount, plan_.funds[f].subscription, q.error())), Arg::of(why)})});
      }
      return false;
    }
    mmf.spend(amount.units());
    purchases += amount.units();
    sub_fees += q->fee.units();
    auto& fs = funds_[f];
    Lot lot{date_of(i + 1), q->shares, ++order_id, s_.days[i], LotSource::purchase};
    fs.pending.push_back(lot);
    fs.pending_shares += q->shares;
    if constexpr (Detail) {
      record({s_.days[i], date_of(i + 1), TxKind::buy, static_cast<int>(f), source, amount, q->shares, nav, q->fee,
              {}, text::make(Id::pf_buy, {Arg::of(q->explain_message()), txt(s_.days[i].to_string()), txt(date_of(i + 1).to_string()), Arg::of(why)})});
    }
    return true;
  };
  // Sell `shares` of fund f on day i; cash arrives in settlement days.
  auto sell = [&](std::size_t i, std::size_t f, Shares shares, const std::string& source, const Message& why) -> bool {
    const Nav nav = Nav::from_units(market[f].nav_units[i]);
    auto r = funds_[f].lots.redeem(shares, nav, s_.days[i], date_of(i + 1), plan_.funds[f].redemption, Detail);
    if (!r) {
      if constexpr (Detail) record({s_.days[i], s_.days[i], TxKind::skipped, static_cast<int>(f), source, {}, shares, nav, {}, {},
                                      text::make(Id::pf_not_sold, {Arg::of(funds_[f].lots.redeem_refusal(shares, s_.days[i])), Arg::of(why)})});
      return false;
    }
    const std::uint32_t arrive = static_cast<std::uint32_t>(i + static_cast<std::size_t>(plan_.funds[f].redemption_settlement_days));
    transit_.push_back({arrive, r->net.units()});
    redemptions += r->net.units();
    red_fees += r->fee.units();
    red_fees_assets += r->fee_to_fund_assets.units();
    if constexpr (Detail) {
      std::vector<Message> lots;
      for (const auto& l : r->lots) {
        lots.push_back(text::make(Id::pf_sell_lot, {Arg::number(static_cast<std::int64_t>(l.lot_id)), txt(l.confirmed_on.to_string()), txt(l.shares.to_string()),
                                                    Arg::of(describe_message(plan_.funds[f].redemption, l.rate, l.held_days)), txt(l.fee.to_string())}));
      }
      Message all_lots = none();
      for (auto it = lots.rbegin(); it != lots.rend(); ++it) all_lots = text::make(Id::concat, {Arg::of(std::move(*it)), Arg::of(std::move(all_lots))});
      const Date arrives = arrive < n ? s_.days[arrive] : Date{};
      const Message arrival = arrive < n ? text::make(Id::pf_arrives_on, {txt(arrives.to_string())}) : text::make(Id::pf_arrives_after_horizon, {});
      record({s_.days[i], arrive < n ? arrives : s_.next_after_last, TxKind::sell, static_cast<int>(f), source, r->gross, shares, nav, r->fee, {},
              text::make(Id::pf_sell, {txt(shares.to_string()), txt(nav.to_string()), txt(r->gross.to_string()), txt(r->fee.to_string()),
                                       txt(r->fee_to_fund_assets.to_string()), txt(r->net.to_string()), Arg::of(std::move(all_lots)),
                                       Arg::number(plan_.funds[f].redemption_settlement_days), Arg::of(arrival), Arg::of(why)})});
    }
    return true;
  };

  // --- rebalancing --------------------------------------------------------------
  auto rebalance = [&](std::size_t i, bool scheduled) {
    const auto& rb = plan_.rebalance;
    // Decisions before the cut-off use the last published NAV (day i−1; day 0 uses its own).
    const std::size_t ref = i == 0 ? 0 : i - 1;
    std::int64_t transit_fen = 0;
    for (const auto& t : transit_) transit_fen += t.fen;
    std::int64_t total = mmf.available() + transit_fen;
    std::int64_t fund_value[16];
    std::vector<std::int64_t> fund_value_heap;
    std::int64_t* fv = fund_value;
    if (nf > 16) {
      fund_value_heap.resize(nf);
      fv = fund_value_heap.data();
    }
    for (std::size_t f = 0; f < nf; ++f) {
      fv[f] = value_fen((funds_[f].lots.total() + funds_[f].pending_shares).units(), market[f].nav_units[ref]);
      total += fv[f];
    }
    if (total <= 0) return;
    // Off target by at least the threshold? Weights compared exactly: |v × 10^10 − total × w| >= total × threshold.
    if (rb.threshold) {
      const int128 band = int128(total) * rb.threshold->units();
      auto off = [&](std::int64_t v, Rate w) {
        int128 d = int128(v) * Rate::one_units - int128(total) * w.units();
        if (d < 0) d = -d;
        return d >= band;
      };
      bool any = off(mmf.available() + transit_fen, rb.huoqibao_target);
      for (std::size_t f = 0; f < nf && !any; ++f) any = off(fv[f], rb.fund_targets[f]);
      if (!any) return;
    }
    ++tot.rebalances;
    Message why;  // set only when the ledger is kept (Detail)
    if constexpr (Detail) {
      Message funds = none();
      for (std::size_t f = nf; f-- > 0;) {
        Message one = text::make(Id::pf_rebalance_fund, {Arg::names({plan_.funds[f].id, plan_.funds[f].name}), txt(percent_of(fv[f], total)),
                                                         txt(rb.fund_targets[f].to_percent_string())});
        funds = text::make(Id::concat, {Arg::of(std::move(one)), Arg::of(std::move(funds))});
      }
      const int kind = scheduled ? (i == 0 ? 0 : 1) : 2;
      record({s_.days[i], s_.days[i], TxKind::rebalance, -1, "rebalance", Money::from_units(total), {}, {}, {}, {},
              text::make(Id::pf_rebalance, {Arg::number(kind), txt(s_.days[ref].to_string()), txt(yuan(total)), txt(percent_of(mmf.available() + transit_fen, total)),
                                            txt(rb.huoqibao_target.to_percent_string()), Arg::of(std::move(funds))})});
      why = text::make(Id::pf_why_rebalance, {});
    }
    const std::int64_t min_trade = rb.min_trade.units();
    // Sells first (cash arrives later), then buys from the 活期宝 balance.
    for (std::size_t f = 0; f < nf; ++f) {
      const std::int64_t target = money::apply_rate(Money::from_units(total), rb.fund_targets[f], 1, money::Rounding::half_up).units();
      const std::int64_t excess = fv[f] - target;
      if (excess < min_trade || excess <= 0) continue;
      // Shares worth the excess at the reference NAV, truncated; only confirmed shares can be sold.
      std::int64_t units = money::narrow_checked(money::div_round(int128(excess) * 10000, market[f].nav_units[ref], money::Rounding::truncate), "shares");
      const std::int64_t sellable = funds_[f].lots.confirmed_by(s_.days[i]).units();
      if (units > sellable) units = sellable;
      if (units > 0) sell(i, f, Shares::from_units(units), "rebalance", why);
    }
    for (std::size_t f = 0; f < nf; ++f) {
      const std::int64_t target = money::apply_rate(Money::from_units(total), rb.fund_targets[f], 1, money::Rounding::half_up).units();
      std::int64_t deficit = target - fv[f];
      if (deficit < min_trade || deficit <= 0) continue;
      if (deficit > mmf.available()) deficit = mmf.available();
      if (deficit < min_trade || deficit <= 0) continue;
      buy(i, f, Money::from_units(deficit), "rebalance", why);
    }
  };

  // --- the day loop ---------------------------------------------------------------
  for (std::size_t i = 0; i < n; ++i) {
    const Date today = s_.days[i];
    std::int64_t flow = 0;
    // 1. confirmations
    mmf.confirmed += mmf.pending;
    mmf.pending = 0;
    mmf.stopping = 0;
    for (auto& fs : funds_) {
      for (const auto& lot : fs.pending) fs.lots.add(lot);
      fs.pending.clear();
      fs.pending_shares = {};
    }
    // 2. cash in transit due today
    if (!transit_.empty()) {
      std::size_t keep = 0;
      std::int64_t arrived = 0;
      for (const auto& t : transit_) {
        if (t.day <= i) arrived += t.fen;
        else transit_[keep++] = t;
      }
      transit_.resize(keep);
      if (arrived > 0) {
        mmf.subscribe(arrived);
        if constexpr (Detail) {
          record({today, date_of(i + 1), TxKind::cash_arrival, -1, "cash leg", Money::from_units(arrived), {}, {}, {}, {},
                  text::make(Id::pf_cash_arrival, {txt(date_of(i + 1).to_string())})});
        }
      }
    }
    // 3. dividends (record date = ex-date = today; lots confirmed by today are entitled)
    for (std::size_t f = 0; f < nf; ++f) {
      if (market[f].dividend_units.empty() || market[f].dividend_units[i] == 0) continue;
      const std::int64_t per_share = market[f].dividend_units[i];
      const Shares entitled = funds_[f].lots.total();
      if (!entitled.is_positive()) continue;
      const std::int64_t cash = money::narrow_checked(money::div_round(int128(entitled.units()) * per_share, 10000, money::Rounding::truncate), "dividend");
      if (cash <= 0) continue;
      const Nav nav = Nav::from_units(market[f].nav_units[i]);
      const auto& fund = plan_.funds[f];
      Message how;
      if constexpr (Detail) how = text::make(Id::pf_dividend_how, {txt(entitled.to_string()), txt(money::format_fixed(per_share, 4)), txt(yuan(cash))});
      if (fund.dividends == DividendMode::cash) {
        transit_.push_back({static_cast<std::uint32_t>(i + 1), cash});
        cash_div += cash;
        if constexpr (Detail) record({today, date_of(i + 1), TxKind::dividend_cash, static_cast<int>(f), "dividend", Money::from_units(cash), entitled, nav, {}, {},
                                     text::make(Id::pf_dividend_cash, {Arg::of(how), txt(date_of(i + 1).to_string())})});
      } else {
        const Shares sh = shares_for(Money::from_units(cash), nav, fund.subscription.share_rounding);
        reinvested += cash;
        if (sh.is_positive()) {
          Lot lot{date_of(i + 1), sh, ++order_id, today, LotSource::dividend_reinvestment};
          funds_[f].pending.push_back(lot);
          funds_[f].pending_shares += sh;
        }
        if constexpr (Detail) record({today, date_of(i + 1), TxKind::dividend_reinvest, static_cast<int>(f), "dividend", Money::from_units(cash), sh, nav, {}, {},
                                     text::make(Id::pf_dividend_reinvest, {Arg::of(how), txt(nav.to_string()), txt(sh.to_string()), txt(date_of(i + 1).to_string())})});
      }
    }
    // 4. events
    bool rebalance_scheduled = false;
    for (std::uint32_t k = s_.event_begin[i]; k < s_.event_begin[i + 1]; ++k) {
      const Event& e = s_.events[k];
      switch (e.kind) {
        case EventKind::initial_deposit:
        case EventKind::deposit: {
          const Money amount = e.kind == EventKind::initial_deposit ? plan_.initial_deposit : plan_.deposits[e.ref].amount;
          mmf.subscribe(amount.units());
          paid_in = money::add_checked(paid_in, amount.units(), "money paid in");
          flow += amount.units();
          if constexpr (Detail) {
            const std::string src = e.kind == EventKind::initial_deposit ? "initial deposit" : "deposit #" + std::to_string(e.ref + 1);
            record({today, date_of(i + 1), TxKind::deposit, -1, src, amount, {}, {}, {}, {},
                    text::make(Id::pf_deposit, {txt(today.to_string()), txt(date_of(i + 1).to_string()), Arg::of(moved_note(e, today))})});
          }
          break;
        }
        case EventKind::order: {
          const auto& o = plan_.orders[e.ref];
          std::string src;
          Message why;  // set only when the ledger is kept (Detail)
          if constexpr (Detail) {
            src = "order #" + std::to_string(e.ref + 1);
            const bool late = o.at.date() != today || o.at.seconds_of_day() >= 15 * 3600;
            why = text::make(Id::pf_order_why, {txt(o.at.to_string()), txt(today.to_string()), Arg::of(late ? text::make(Id::pf_order_late, {}) : none())});
          }
          bool ok;
          if (o.buy) {
            if (o.amount.units() > mmf.available()) {
              ok = false;
              if constexpr (Detail) record({today, today, TxKind::skipped, static_cast<int>(o.fund), src, o.amount, {}, {}, {}, {},
                                           text::make(Id::pf_refused, {txt(yuan(mmf.available())), txt(o.amount.to_string()), Arg::of(why)})});
            } else {
              ok = buy(i, o.fund, o.amount, src, why);
            }
          } else {
            ok = sell(i, o.fund, o.shares, src, why);
          }
          if (!ok) ++tot.orders_refused;
          break;
        }
        case EventKind::regular_investment: {
          const auto& ri = plan_.regular_investments[e.ref];
          std::string src;
          Message why;  // set only when the ledger is kept (Detail)
          if constexpr (Detail) {
            src = "定投 #" + std::to_string(e.ref + 1);
            why = moved_note(e, today);
          }
          if (ri.amount.units() > mmf.available()) {
            ++tot.regular_skipped;
            if constexpr (Detail) {
              record({today, today, TxKind::skipped, static_cast<int>(ri.fund), src, ri.amount, {}, {}, {}, {},
                      text::make(Id::pf_skipped, {txt(yuan(mmf.available())), txt(ri.amount.to_string()), Arg::of(why)})});
            }
          } else if (buy(i, ri.fund, ri.amount, src, why)) {
            ++tot.regular_made;
          } else {
            ++tot.regular_skipped;
          }
          break;
        }
        case EventKind::rebalance: rebalance_scheduled = true; break;
      }
    }
    if (plan_.rebalance.enabled) {
      // Scheduled dates always check; with a threshold and no schedule (or on day 0) every day checks.
      if (rebalance_scheduled) rebalance(i, true);
      else if (plan_.rebalance.threshold && plan_.rebalance.every == Rebalance::Every::none) rebalance(i, false);
    }
    // 5. valuation at NAV(i)
    std::int64_t funds_fen = 0, transit_fen = 0;
    // Checked: the total is what every other figure of the day is part of
    // (core/money/checked.hpp); a plan whose value passes int64 fen is refused.
    for (std::size_t f = 0; f < nf; ++f)
      funds_fen = money::add_checked(funds_fen, value_fen((funds_[f].lots.total() + funds_[f].pending_shares).units(), market[f].nav_units[i]),
                                     "portfolio value");
    for (const auto& t : transit_) transit_fen = money::add_checked(transit_fen, t.fen, "cash in transit");
    const std::int64_t value =
        money::add_checked(money::add_checked(money::add_checked(mmf.confirmed, mmf.pending, "活期宝 balance"), funds_fen, "portfolio value"),
                           transit_fen, "portfolio value");
    if constexpr (Detail) {
      ledger->days.push_back({today, Money::from_units(mmf.available()), Money::from_units(funds_fen), Money::from_units(transit_fen),
                              Money::from_units(value), Money::from_units(flow), Money::from_units(income_since_last)});
    }
    income_since_last = 0;
    // Time-weighted index without a division per day: between deposits the index
    // is c × V_t with c = (index before the deposit day) / (V_{t−1} + F_t),
    // fixed at each deposit day (docs/portfolio.md §7).
    if (flow != 0 || i == 0 || scale <= 0) {
      const std::int64_t base = prev_value + flow;
      if (base > 0) scale = st.growth / static_cast<double>(base);
      else scale = 0;  // nothing invested yet: no sub-period
    }
    if (scale > 0) {
      const double index = scale * static_cast<double>(value);
      st.growth = index;
      ++st.periods;
      if (index >= peak) {
        // Back at (or above) the peak of the deepest drawdown so far: it has recovered.
        if (awaiting_recovery) {
          st.recovery_day = static_cast<std::int64_t>(i);
          awaiting_recovery = false;
        }
        peak = index;
        peak_day = static_cast<std::uint32_t>(i);
      } else if (index < peak * (1.0 - st.max_drawdown)) {
        st.max_drawdown = 1.0 - index / peak;
        st.peak_day = peak_day;
        st.trough_day = static_cast<std::uint32_t>(i);
        st.recovery_day = -1;
        awaiting_recovery = true;
      }
    }
    prev_value = value;
    if (!checkpoint_values.empty() && next_checkpoint < s_.checkpoints.size() && s_.checkpoints[next_checkpoint] == i) {
      checkpoint_values[next_checkpoint++] = value;
    }
    // 6. 活期宝 income for each natural day until the next trading day (none after the last day)
    if (i + 1 < n) {
      const int gap = s_.gap_after(i);
      const std::int64_t* r = &s_.mmf_r_units[static_cast<std::size_t>(today - s_.days[0])];
      const std::int64_t start_base = mmf.confirmed + mmf.stopping;
      std::int64_t gained = 0;
      if (start_base >= 0 && start_base < (std::int64_t{1} << 42) && s_.mmf_r_nonnegative_small) {
        // The common case, in unsigned 64-bit arithmetic: base < 2^42 fen (and it
        // grows by under a fen per 10^4 fen a day over a gap of days) times
        // 0 <= R < 2^20 fits; truncation toward zero is the unsigned division.
        std::uint64_t base = static_cast<std::uint64_t>(start_base);
        for (int d = 0; d < gap; ++d) {
          const std::uint64_t inc = base * static_cast<std::uint64_t>(r[d]) / 100'000'000u;  // fen × R(1e-4 per 10^4) → fen
          base += inc;
          gained += static_cast<std::int64_t>(inc);
        }
      } else {
        for (int d = 0; d < gap; ++d) {
          const std::int64_t base_fen = mmf.confirmed + mmf.stopping + gained;
          std::int64_t p;
          std::int64_t inc;
          if (detail::mul_fits(base_fen, r[d], p)) inc = p / 100'000'000;  // truncated toward zero (negative R too)
          else inc = money::narrow_checked(int128(base_fen) * r[d] / 100'000'000, "活期宝 income");
          gained += inc;
        }
      }
      mmf.confirmed += gained;
      mmf_income += gained;
      income_since_last += gained;
    }
  }

  // --- totals ---------------------------------------------------------------------
  std::int64_t funds_fen = 0, transit_fen = 0;
  for (std::size_t f = 0; f < nf; ++f) {
    const Shares sh = funds_[f].lots.total() + funds_[f].pending_shares;
    const std::int64_t v = value_fen(sh.units(), market[f].nav_units[n - 1]);
    funds_fen += v;
    if constexpr (Detail) {
      Holding h{sh, Money::from_units(v), funds_[f].lots.lots()};
      for (const auto& l : funds_[f].pending) h.lots.push_back(l);
      ledger->holdings.push_back(std::move(h));
    }
  }
  for (const auto& t : transit_) transit_fen += t.fen;
  tot.paid_in = Money::from_units(paid_in);
  tot.end_huoqibao = Money::from_units(mmf.available());
  tot.end_funds = Money::from_units(funds_fen);
  tot.end_in_transit = Money::from_units(transit_fen);
  tot.end_value = Money::from_units(mmf.available() + funds_fen + transit_fen);
  tot.mmf_income = Money::from_units(mmf_income);
  tot.purchases = Money::from_units(purchases);
  tot.redemptions_net = Money::from_units(redemptions);
  tot.cash_dividends = Money::from_units(cash_div);
  tot.reinvested_dividends = Money::from_units(reinvested);
  tot.subscription_fees = Money::from_units(sub_fees);
  tot.redemption_fees = Money::from_units(red_fees);
  tot.redemption_fees_to_fund_assets = Money::from_units(red_fees_assets);
  tot.fund_gain = Money::from_units(funds_fen + redemptions + cash_div - purchases);
  return result;
}

template PathResult Engine::run_impl<true>(std::span<const FundMarket>, Ledger*, std::span<std::int64_t>);
template PathResult Engine::run_impl<false>(std::span<const FundMarket>, Ledger*, std::span<std::int64_t>);

}  // namespace finlab::portfolio
