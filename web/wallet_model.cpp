// 活期宝 Wallet model: a simulated clock, the user's orders, and the core's
// fund::Ledger run over a seeded fund path (fund::simulate_fund_path, the same
// defaults as `finlab fund simulate`: seed 2015, class A, daily carry-over,
// path starting 2015-01-01). Rebuilt from the saved orders whenever the clock
// or the orders change, so the browser shows exactly what `finlab fund
// statement` computes for the same yields and transactions.
// Deliberately not here: drawing (panel_wallet.cpp) and any fund rule (core/fund).
//
// [SECTION] constants and helpers
// [SECTION] model
// [SECTION] recompute (ledger run)
// [SECTION] view building
// [SECTION] intents
#include <imgui.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/fund/fund_path.hpp"
#include "core/fund/ledger.hpp"
#include "core/time/trading_calendar.hpp"
#include "web/app_store.hpp"
#include "web/format.hpp"
#include "web/models.hpp"
#include "web/wallet_view.hpp"

namespace finlab::web {

namespace {

using money::Money;
using time::Date;
using time::DateTime;

// [SECTION] constants and helpers ------------------------------------------------

// The fund path the wallet lives on (both ends inclusive). The clock stays inside.
const Date kPathFirst = Date::ymd(2015, 1, 1);
const Date kPathLast = Date::ymd(2016, 12, 31);
// A Thursday before the 15:00 cut-off, a week before National Day 2015.
const DateTime kStart = DateTime::at(Date::ymd(2015, 9, 24), 14, 0);
constexpr std::uint64_t kSeed = 2015;
constexpr std::size_t kClass = 0;  // class A (sales service fee 0.25%), as the CLI default
constexpr std::uint64_t kAccount = 1;

DateTime plus_minutes(DateTime t, int minutes) {
  std::int64_t s = t.seconds_of_day() + static_cast<std::int64_t>(minutes) * 60;
  std::int32_t days = static_cast<std::int32_t>(s / 86400);
  s %= 86400;
  const int sec = static_cast<int>(s);
  return DateTime::at(t.date().plus_days(days), sec / 3600, sec / 60 % 60, sec % 60);
}

const char* order_label(fund::OrderType t) {
  switch (t) {
    case fund::OrderType::purchase: return "Deposit";
    case fund::OrderType::redeem: return "Redeem";
    case fund::OrderType::redeem_fast: return "Fast redeem";
  }
  return "";
}

struct StoredOrder {
  std::string id;
  DateTime at;
  fund::OrderType type = fund::OrderType::purchase;
  Money amount;
};

// [SECTION] model -------------------------------------------------------------------

class WalletModel final : public PanelModel {
public:
  void load(AppContext& ctx) override;
  void draw(Ui& ui, AppContext& ctx) override;
  nlohmann::json state() const override;

private:
  void ensure_path();
  void recompute();
  void build_view(Ui& ui);
  void apply(const WalletIntents& in, AppContext& ctx);
  void save(AppContext& ctx);
  void place(fund::OrderType type, AppContext& ctx);
  Explanation income_explanation(const fund::LedgerDay& d, Lang lang) const;

  const time::TradingCalendar& cal_ = time::TradingCalendar::builtin();
  fund::LedgerSettings settings_;
  // saved
  DateTime now_ = kStart;
  std::vector<StoredOrder> orders_;
  int next_id_ = 1;
  // derived
  std::vector<fund::FundPathDay> path_;
  std::optional<fund::Ledger> ledger_;
  std::vector<fund::OrderResult> results_;  // same order as orders_
  std::vector<fund::LedgerDay> days_;       // closed days, oldest first
  Money deposits_, withdrawals_, income_total_;
  // view
  WalletView view_;
  WalletForm form_;
  Lang view_lang_ = Lang::en;
  bool view_dirty_ = true;
  int month_year_ = 0, month_ = 0;  // calendar month shown
  // The last message, kept as words in both languages so that a language
  // switch re-renders it (an order's note, a refusal, an input error).
  std::string message_en_, message_zh_;
  bool message_error_ = false;
  void say(const std::function<std::string(Lang)>& text_in, bool error) {
    message_en_ = text_in(Lang::en);
    message_zh_ = text_in(Lang::zh);
    message_error_ = error;
  }
  const std::string& message(Lang lang) const { return lang == Lang::zh ? message_zh_ : message_en_; }
};

void WalletModel::ensure_path() {
  if (!path_.empty()) return;
  fund::FundPathParams p;  // defaults = `finlab fund simulate` defaults
  p.model.seed = kSeed;
  path_ = fund::simulate_fund_path(p, kPathFirst, kPathLast, cal_);
}

void WalletModel::load(AppContext& ctx) {
  now_ = kStart;
  orders_.clear();
  next_id_ = 1;
  say([](Lang) { return std::string(); }, false);
  form_ = WalletForm{};
  if (auto doc = ctx.store->document("wallet")) {
    const auto j = nlohmann::json::parse(*doc, nullptr, false);
    if (j.is_object()) {
      if (auto t = DateTime::parse(j.value("now", ""))) now_ = t.value();
      next_id_ = j.value("next_id", 1);
      form_.range_days = j.value("range_days", 30);
      for (const auto& o : j.value("orders", nlohmann::json::array())) {
        auto at = DateTime::parse(o.value("at", ""));
        auto type = fund::parse_order_type(o.value("type", ""));
        auto amount = Money::parse(o.value("amount", ""));
        if (at && type && amount) orders_.push_back({o.value("id", ""), at.value(), type.value(), amount.value()});
      }
    }
  }
  month_year_ = now_.date().year();
  month_ = now_.date().month();
  recompute();
}

void WalletModel::save(AppContext& ctx) {
  nlohmann::json j;
  j["now"] = now_.to_string();
  j["next_id"] = next_id_;
  j["range_days"] = form_.range_days;
  j["orders"] = nlohmann::json::array();
  for (const auto& o : orders_)
    j["orders"].push_back({{"id", o.id}, {"at", o.at.to_string()}, {"type", std::string(fund::to_string(o.type))}, {"amount", o.amount.to_string()}});
  ctx.store->set_document("wallet", j.dump());
  ctx.saved();
}

// [SECTION] recompute (ledger run) ----------------------------------------------------

// Every natural day from the first order's date to today: submit that day's
// orders in time order, close the day with its 万份收益 unless it is today.
void WalletModel::recompute() {
  ensure_path();
  view_dirty_ = true;
  results_.assign(orders_.size(), fund::OrderResult{});
  days_.clear();
  ledger_.emplace(cal_, settings_);
  deposits_ = withdrawals_ = income_total_ = Money{};
  if (orders_.empty()) return;
  std::vector<std::size_t> idx(orders_.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return orders_[a].at < orders_[b].at; });
  const Date today = now_.date();
  std::size_t next = 0;
  for (Date d = orders_[idx[0]].at.date(); d <= today; d = d.plus_days(1)) {
    while (next < idx.size() && orders_[idx[next]].at.date() == d) {
      const StoredOrder& s = orders_[idx[next]];
      fund::Order o{s.id, kAccount, s.at, s.type, s.amount};
      results_[idx[next]] = ledger_->submit(o);
      ++next;
    }
    if (d < today) {
      const auto& pd = path_.at(static_cast<std::size_t>(d - kPathFirst));
      days_.push_back(ledger_->close_day(d, pd.day.classes[kClass].income_per_10k));
    }
  }
  for (const auto& r : results_) {
    if (!r.accepted) continue;
    if (r.order.type == fund::OrderType::purchase) deposits_ += r.order.amount;
    else withdrawals_ += r.order.amount;
  }
  for (const auto& d : days_)
    if (!d.accounts.empty()) income_total_ += d.accounts[0].income;
}

// [SECTION] view building ----------------------------------------------------------------

Explanation WalletModel::income_explanation(const fund::LedgerDay& d, Lang lang) const {
  const auto& a = d.accounts.at(0);
  Explanation ex;
  ex.title = std::string(translate(lang, "Income on")) + " " + format_date(d.date, lang);
  ex.value = format_yuan(a.income);
  ex.formula = translate(lang, "income = shares earning that day × 万份收益 ÷ 10,000");
  ex.inputs.emplace_back(translate(lang, "Shares earning that day"), a.shares.to_string_grouped());
  ex.inputs.emplace_back(translate(lang, "万份收益 (income per 10,000 shares)"), d.income_per_10k.to_string());
  // The exact product before rounding: shares (2 dp) × R (4 dp) / 10,000 = 10 dp, no division needed.
  const std::int64_t exact = a.shares.units() * d.income_per_10k.units();
  ex.inputs.emplace_back(translate(lang, "Exact product"), money::format_fixed(exact, 10, true));
  ex.rounding = translate(lang, "Truncated to the fen; the fen dropped across all holders are handed out by largest remainder, so the fund pays out exactly its distributable income.");
  ex.source = "DOMAIN.md §1.5";
  return ex;
}

void WalletModel::build_view(Ui& ui) {
  const Lang lang = ui.lang();
  WalletView v;
  const Date today = now_.date();
  const Date yesterday = today.plus_days(-1);
  v.now = format_datetime(now_, lang);

  // Clock status: does an order now count for today?
  const bool trading = cal_.is_trading_day(today);
  const bool before_cutoff = now_.seconds_of_day() < settings_.timing.cutoff_seconds;
  if (trading && before_cutoff) {
    v.now_status = ui.tr("Trading day, before the 15:00 cut-off: orders count for today");
  } else {
    const Date t = trading ? cal_.next_trading_day(today) : cal_.trading_day_on_or_after(today);
    std::string why = trading ? ui.tr("After the 15:00 cut-off") : std::string(ui.tr("Market closed")) + (lang == Lang::zh ? "（" : " (") +
                                                       text::render(fund::closed_reason(today, cal_), text_lang(lang)) + (lang == Lang::zh ? "）" : ")");
    v.now_status = why + (lang == Lang::zh ? "：" : ": ") + ui.tr("orders count for") + " " + format_date(t, lang);
  }

  // Figures.
  const fund::LedgerDay* last = (!days_.empty() && days_.back().date == yesterday && !days_.back().accounts.empty()) ? &days_.back() : nullptr;
  const Money balance = deposits_ - withdrawals_ + income_total_;
  {
    Explanation ex;
    ex.title = ui.tr("Balance");
    ex.value = format_yuan(balance);
    ex.formula = ui.tr("balance = deposits − withdrawals + income received");
    ex.inputs = {{ui.tr("Deposits accepted"), format_yuan(deposits_)},
                 {ui.tr("Withdrawals accepted"), format_yuan(withdrawals_)},
                 {ui.tr("Income received"), format_yuan(income_total_)}};
    ex.rounding = ui.tr("None: every term is already in fen.");
    ex.source = "DOMAIN.md §1.5, §1.7";
    v.figures.push_back({"wallet.balance", "Balance", format_yuan(balance), ex});
  }
  {
    Explanation ex;
    Money inc;
    if (last) {
      ex = income_explanation(*last, lang);
      inc = last->accounts[0].income;
    } else {
      ex.title = ui.tr("Yesterday's income");
      ex.value = format_yuan(inc);
      ex.formula = ui.tr("No income yesterday: nothing was earning (a deposit earns from the day it is confirmed).");
      ex.source = "DOMAIN.md §1.6";
    }
    v.figures.push_back({"wallet.yesterday_income", "Yesterday's income", format_yuan(inc), ex});
  }
  {
    Explanation ex;
    ex.title = ui.tr("Total income");
    ex.value = format_yuan(income_total_);
    ex.formula = ui.tr("the sum of every day's income since the first deposit");
    if (!days_.empty()) {
      ex.inputs = {{ui.tr("From"), format_date(days_.front().date, lang)},
                   {ui.tr("To"), format_date(days_.back().date, lang)},
                   {ui.tr("Days"), std::to_string(days_.size())}};
    }
    ex.rounding = ui.tr("Each day is rounded on its own (truncated to the fen); the sum is exact.");
    ex.source = "DOMAIN.md §1.5";
    v.figures.push_back({"wallet.total_income", "Total income", format_yuan(income_total_), ex});
  }
  const auto& yday = path_.at(static_cast<std::size_t>(yesterday - kPathFirst));
  const auto& cday = yday.day.classes[kClass];
  {
    Explanation ex;
    const std::string y = yday.seven_day[kClass] ? yday.seven_day[kClass]->to_string() + "%" : "–";
    ex.title = std::string(ui.tr("7-day annualised yield")) + paren(format_date(yesterday, lang), lang);
    ex.value = y;
    ex.formula = ui.tr("(Π over the last 7 natural days of (1 + 万份收益 ÷ 10,000))^(365/7) − 1  (daily carry-over, compound)");
    for (int k = 6; k >= 0; --k) {
      const Date d = yesterday.plus_days(-k);
      if (d < kPathFirst) continue;
      const auto& pd = path_.at(static_cast<std::size_t>(d - kPathFirst));
      ex.inputs.emplace_back(format_date(d, lang), pd.day.classes[kClass].income_per_10k.to_string());
    }
    ex.rounding = ui.tr("Half-up to 0.001% (worked out with 50-digit decimals, so every device gets the same figure).");
    ex.source = "DOMAIN.md §1.4";
    v.figures.push_back({"wallet.seven_day_yield", "7-day annualised yield", y, ex});
  }
  {
    Explanation ex;
    ex.title = std::string(ui.tr("万份收益 (income per 10,000 shares)")) + " " + format_date(yesterday, lang);
    ex.value = cday.income_per_10k.to_string();
    ex.formula = ui.tr("万份收益 = class net income ÷ class shares × 10,000; net income = gross income − management, custody and sales service fees + income carried in");
    ex.inputs = {{ui.tr("Class gross income"), format_yuan(cday.gross_income)},
                 {ui.tr("Management fee"), format_yuan(cday.management_fee)},
                 {ui.tr("Custody fee"), format_yuan(cday.custody_fee)},
                 {ui.tr("Sales service fee"), format_yuan(cday.sales_service_fee)},
                 {ui.tr("Carried in"), format_yuan(cday.carried_in)},
                 {ui.tr("Net income"), format_yuan(cday.net_income)},
                 {ui.tr("Class shares"), cday.shares.to_string_grouped()},
                 {ui.tr("Gross annual yield of the portfolio"), format_percent(yday.gross_yield, 4)}};
    ex.rounding = ui.tr("Half-up to 4 decimals; what the rounding leaves undistributed is carried into the next day.");
    ex.source = "DOMAIN.md §1.2, §1.3";
    v.figures.push_back({"wallet.income_per_10k", "万份收益", cday.income_per_10k.to_string(), ex});
  }
  {
    const money::Shares earning = ledger_->entitled(kAccount);
    Explanation ex;
    ex.title = ui.tr("Earning today");
    ex.value = earning.to_string_grouped();
    ex.formula = ui.tr("shares with confirmed-on ≤ today < stops-earning-on: a deposit earns from its confirmation day, a redemption earns until the next trading day after its trade date");
    ex.source = "DOMAIN.md §1.6";
    v.figures.push_back({"wallet.earning", "Shares earning today", earning.to_string_grouped(), ex});
  }
  {
    const money::Shares red = ledger_->redeemable(kAccount);
    Explanation ex;
    ex.title = ui.tr("Redeemable now");
    // A money-market fund's share is worth ¥1.00 (DOMAIN.md §1.1), so the
    // shares are shown as the money they redeem for, like every other amount.
    const Money red_yuan = Money::from_units(red.units());
    ex.value = format_yuan(red_yuan);
    ex.formula = ui.tr("confirmed shares not already redeemed (a deposit can be redeemed once it is confirmed)");
    ex.inputs = {{ui.tr("Shares"), red.to_string_grouped()}, {ui.tr("Value of one share"), "¥1.00"}};
    ex.source = "DOMAIN.md §1.6, §1.7";
    v.figures.push_back({"wallet.redeemable", "Redeemable now", format_yuan(red_yuan), ex});
  }
  {
    // Redemptions accepted whose cash has not arrived yet (转出中): out of the
    // balance already, not yet in the bank account.
    Money transit;
    std::optional<Date> arrives;
    Explanation ex;
    ex.title = ui.tr("In transit (转出中)");
    ex.formula = ui.tr("in transit = redemptions accepted whose cash arrives after today");
    for (std::size_t k = 0; k < orders_.size(); ++k) {
      const auto& t = results_[k].timing;
      if (!results_[k].accepted || orders_[k].type == fund::OrderType::purchase || !t.funds_available_on || *t.funds_available_on <= today) continue;
      transit += orders_[k].amount;
      if (!arrives || *t.funds_available_on > *arrives) arrives = t.funds_available_on;
      ex.inputs.emplace_back(format_yuan(orders_[k].amount), std::string(ui.tr("arrives")) + " " + format_date(*t.funds_available_on, lang));
    }
    if (arrives) {
      ex.value = format_yuan(transit);
      ex.rounding = ui.tr("None: every term is already in fen.");
      v.figures.push_back({"wallet.in_transit", "In transit (转出中)", format_yuan(transit), ex});
      v.transit_text = std::string(ui.tr("In transit (转出中)")) + " " + format_yuan(transit) + (lang == Lang::zh ? "，" : ", ") +
                       ui.tr("arrives") + " " + format_date(*arrives, lang);
    }
  }
  {
    const Money limit = settings_.fast_limit_on(today);
    Money used;
    for (const auto& r : results_)
      if (r.accepted && r.order.type == fund::OrderType::redeem_fast && r.order.at.date() == today) used += r.order.amount;
    const Money left = limit - used > Money{} ? limit - used : Money{};
    Explanation ex;
    ex.title = ui.tr("Fast redemption quota left today");
    ex.value = format_yuan(left);
    ex.formula = ui.tr("quota left = daily T+0 limit − fast redemptions today (per investor, per natural day)");
    ex.inputs = {{ui.tr("Daily limit"), format_yuan(limit)}, {ui.tr("Used today"), format_yuan(used)}};
    ex.source = "DOMAIN.md §1.7";
    v.figures.push_back({"wallet.fast_quota", "Fast redemption quota left", format_yuan(left), ex});
    v.quota_text = std::string(ui.tr("Fast redemption quota left today:")) + " " + format_yuan(left) + " / " + format_yuan(limit);
  }

  // Orders, newest first, with their timeline.
  for (std::size_t k = orders_.size(); k-- > 0;) {
    const StoredOrder& s = orders_[k];
    const fund::OrderResult& r = results_[k];
    WalletOrderRow row;
    row.id = s.id;
    row.placed_at = format_datetime(s.at, lang);
    row.type = order_label(s.type);
    row.amount = format_yuan(s.amount);
    row.accepted = r.accepted;
    row.refusal = r.accepted ? std::string() : text::render(r.refusal_message, text_lang(lang));
    if (r.accepted) {
      const auto& t = r.timing;
      row.timeline.emplace_back("Trade date (T):", format_date(t.trade_date, lang));
      row.timeline.emplace_back("Confirmed on:", format_date(t.confirmed_on, lang));
      if (t.earns_from) row.timeline.emplace_back("Earns from:", format_date(*t.earns_from, lang));
      if (t.first_income_on) row.timeline.emplace_back("First income shows on:", format_date(*t.first_income_on, lang));
      if (t.stops_earning_on) row.timeline.emplace_back("Stops earning on:", format_date(*t.stops_earning_on, lang));
      if (t.funds_available_on) row.timeline.emplace_back("Money arrives:", format_date(*t.funds_available_on, lang));
      row.reason = text::render(t.why, text_lang(lang));
    }
    v.orders.push_back(std::move(row));
  }

  // Earnings calendar for the chosen month.
  {
    std::map<std::int32_t, Money> income_by_day;
    for (const auto& d : days_)
      if (!d.accounts.empty()) income_by_day[d.date.serial()] = d.accounts[0].income;
    const Date first = Date::ymd(month_year_, month_, 1);
    char title[16];
    std::snprintf(title, sizeof title, "%04d-%02d", month_year_, month_);
    v.month_title = title;
    const int pad = static_cast<int>(first.weekday());
    for (int i = 0; i < pad; ++i) v.month.push_back({});
    Money total;
    const int n = time::days_in_month(month_year_, month_);
    for (int day = 1; day <= n; ++day) {
      const Date d = Date::ymd(month_year_, month_, day);
      WalletCalendarDay c;
      c.day = day;
      c.date = d.to_string();
      c.today = d == today;
      c.trading = !cal_.covers(d) || cal_.is_trading_day(d);
      if (!c.trading) c.closed_why = text::render(fund::closed_reason(d, cal_), text_lang(lang));
      if (auto it = income_by_day.find(d.serial()); it != income_by_day.end()) {
        c.income = "+" + it->second.to_string();
        total += it->second;
      }
      v.month.push_back(std::move(c));
    }
    while (v.month.size() % 7 != 0) v.month.push_back({});
    v.month_total = format_yuan(total);
  }

  // Charts: the last 30 or 90 published days (up to yesterday).
  {
    const int n = form_.range_days;
    v.income_chart.name = "wallet.chart.income";
    v.yield_chart.name = "wallet.chart.yield";
    v.income_chart.height_css = 170;
    v.yield_chart.height_css = 170;
    v.yield_chart.y_suffix = "%";
    ChartSeries r{ui.tr("万份收益 (income per 10,000 shares)"), SeriesKind::line, {}, {}, {}, 0, true};
    ChartSeries y{ui.tr("7-day annualised yield"), SeriesKind::area, {}, {}, {}, IM_COL32(230, 120, 20, 255), true};
    for (int k = n - 1; k >= 0; --k) {
      const Date d = yesterday.plus_days(-k);
      if (d < kPathFirst) continue;
      const auto& pd = path_.at(static_cast<std::size_t>(d - kPathFirst));
      const std::string label = format_month_day(d);
      v.income_chart.x_labels.push_back(label);
      v.yield_chart.x_labels.push_back(label);
      const auto R = pd.day.classes[kClass].income_per_10k;
      r.y.push_back(to_plot(R));
      r.y_text.push_back(R.to_string());
      if (pd.seven_day[kClass]) {
        y.y.push_back(to_plot(*pd.seven_day[kClass]));
        y.y_text.push_back(pd.seven_day[kClass]->to_string() + "%");
      } else {
        y.y.push_back(std::numeric_limits<double>::quiet_NaN());
        y.y_text.push_back("–");
      }
    }
    v.income_chart.series.push_back(std::move(r));
    v.yield_chart.series.push_back(std::move(y));
  }
  v.message = message(lang);
  v.message_is_error = message_error_;
  view_ = std::move(v);
  view_lang_ = lang;
  view_dirty_ = false;
}

// [SECTION] intents ----------------------------------------------------------------

void WalletModel::place(fund::OrderType type, AppContext& ctx) {
  auto amount = Money::parse(form_.amount);
  if (!amount) {
    const text::Message why = text::with_english(amount.error(), text::make(text::Id::input_not_amount, {text::Arg::verbatim(form_.amount)}));
    say([&](Lang l) { return std::string(translate(l, "Amount:")) + (l == Lang::zh ? "" : " ") + text::render(why, text_lang(l)); }, true);
    return;
  }
  if (!amount->is_positive()) {
    say([](Lang l) { return std::string(translate(l, "Amount: enter a positive amount, such as 10000 or 0.01.")); }, true);
    return;
  }
  StoredOrder o{"w" + std::to_string(next_id_++), now_, type, amount.value()};
  orders_.push_back(o);
  recompute();
  const fund::OrderResult& r = results_.back();
  if (r.accepted) {
    say([&](Lang l) { return std::string(translate(l, order_label(type))) + " " + format_yuan(o.amount) + (l == Lang::zh ? "：" : ": ") + text::render(r.timing.why, text_lang(l)); },
        false);
  } else {
    say([&](Lang l) { return std::string(translate(l, "Refused:")) + (l == Lang::zh ? "" : " ") + text::render(r.refusal_message, text_lang(l)); }, true);
  }
  save(ctx);
}

void WalletModel::apply(const WalletIntents& in, AppContext& ctx) {
  const DateTime last_allowed = DateTime::at(kPathLast, 23, 59);
  auto move_clock = [&](DateTime t) {
    if (t < now_) {
      say([](Lang l) { return std::string(translate(l, "The clock only moves forward (use Reset demo to start over).")); }, true);
      return;
    }
    if (t > last_allowed) {
      say([](Lang l) { return std::string(translate(l, "The simulated fund data ends on")) + " " + kPathLast.to_string() + (l == Lang::zh ? "。" : "."); }, true);
      return;
    }
    now_ = t;
    say([](Lang) { return std::string(); }, false);
    month_year_ = now_.date().year();
    month_ = now_.date().month();
    recompute();
    save(ctx);
  };
  switch (in.order) {
    case WalletIntents::Order::deposit: place(fund::OrderType::purchase, ctx); break;
    case WalletIntents::Order::redeem: place(fund::OrderType::redeem, ctx); break;
    case WalletIntents::Order::redeem_fast: place(fund::OrderType::redeem_fast, ctx); break;
    case WalletIntents::Order::none: break;
  }
  if (in.advance_minutes > 0) move_clock(plus_minutes(now_, in.advance_minutes));
  if (in.go_to) {
    auto t = DateTime::parse(form_.goto_time);
    if (!t) {
      // A bare date keeps the time of day.
      if (auto d = Date::parse(form_.goto_time)) t = DateTime::from(d.value(), now_.hour(), now_.minute());
    }
    if (!t) {
      const text::Message why = text::with_english(t.error(), text::make(text::Id::input_not_date_time, {text::Arg::verbatim(form_.goto_time),
                                                                                                         text::Arg::verbatim("2015-10-09 14:00")}));
      say([&](Lang l) { return std::string(translate(l, "Go to:")) + (l == Lang::zh ? "" : " ") + text::render(why, text_lang(l)); }, true);
    } else {
      move_clock(t.value());
    }
  }
  if (in.month_step != 0) {
    month_ += in.month_step;
    if (month_ < 1) { month_ = 12; --month_year_; }
    if (month_ > 12) { month_ = 1; ++month_year_; }
    const Date first = Date::ymd(month_year_, month_, 1);
    if (first < Date::ymd(kPathFirst.year(), kPathFirst.month(), 1) || first > kPathLast) {
      month_year_ = now_.date().year();
      month_ = now_.date().month();
    }
  }
  if (in.range_changed) save(ctx);
  view_dirty_ = true;
}

void WalletModel::draw(Ui& ui, AppContext& ctx) {
  if (view_dirty_ || view_lang_ != ui.lang()) build_view(ui);
  const WalletIntents in = draw_wallet_panel(ui, view_, form_);
  if (in.order != WalletIntents::Order::none || in.advance_minutes || in.go_to || in.month_step || in.range_changed) {
    view_lang_ = ui.lang();
    apply(in, ctx);
  }
}

nlohmann::json WalletModel::state() const {
  nlohmann::json j;
  j["now"] = now_.to_string();
  j["deposits"] = deposits_.to_string();
  j["withdrawals"] = withdrawals_.to_string();
  j["total_income"] = income_total_.to_string();
  j["balance"] = (deposits_ - withdrawals_ + income_total_).to_string();
  j["message"] = message(view_lang_);
  j["orders"] = nlohmann::json::array();
  for (std::size_t i = 0; i < orders_.size(); ++i) {
    const auto& r = results_[i];
    nlohmann::json o{{"id", orders_[i].id}, {"at", orders_[i].at.to_string()}, {"type", std::string(fund::to_string(orders_[i].type))},
                     {"amount", orders_[i].amount.to_string()}, {"accepted", r.accepted}};
    if (r.accepted) {
      o["trade_date"] = r.timing.trade_date.to_string();
      o["confirmed_on"] = r.timing.confirmed_on.to_string();
      if (r.timing.funds_available_on) o["funds_available_on"] = r.timing.funds_available_on->to_string();
      o["reason_text"] = text::render(r.timing.why, text_lang(view_lang_));  // as shown (the i18n flow checks it)
    } else {
      o["refusal"] = r.refusal;
    }
    j["orders"].push_back(o);
  }
  j["days"] = nlohmann::json::array();
  for (const auto& d : days_) {
    if (d.accounts.empty()) continue;
    j["days"].push_back({{"date", d.date.to_string()}, {"income_per_10k", d.income_per_10k.to_string()},
                         {"income", d.accounts[0].income.to_string()}, {"balance", d.accounts[0].balance.to_string()}});
  }
  return j;
}

}  // namespace

std::unique_ptr<PanelModel> make_wallet_model() { return std::make_unique<WalletModel>(); }

}  // namespace finlab::web
