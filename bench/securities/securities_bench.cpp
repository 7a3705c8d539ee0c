// Securities benchmark (issue 16): (1) orders processed per second through
// Account::submit (validation, matching, fees, FIFO lots) on one stock day after
// day; (2) a 10-year daily replay of a 50-stock universe (2015-01-05 ..
// 2024-12-31, one order per stock per day, quarterly dividends with bonus
// shares). Prices are a deterministic integer random walk inside the limits
// (a throughput workload, not a market model). Prints wall seconds and a
// result digest that must match between native and wasm.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/securities/report.hpp"

using namespace finlab;
using namespace finlab::securities;
using money::Money;
using time::Date;

namespace {

std::uint64_t lcg(std::uint64_t& s) {
  s = s * 6364136223846793005ULL + 1442695040888963407ULL;
  return s >> 33;
}

std::string slurp(const std::string& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

double cpu_since(std::clock_t c0) { return static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC; }

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// 50 main-board stocks (SSE and SZSE alternating), listed long ago.
std::string universe_json(int n) {
  std::string s = R"({"stocks":[)";
  for (int i = 0; i < n; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "%06d", (i % 2 ? 600000 : 1) + i);
    s += std::string(i ? "," : "") + R"({"code":")" + code + R"(","name_en":"S","name_zh":"S","market":")" + (i % 2 ? "SSE" : "SZSE") +
         R"(","board":"main","listed":"2000-01-04","registration_ipo":false,"st":false})";
  }
  return s + "]}";
}

std::vector<Bar> walk(const time::TradingCalendar& cal, Date from, Date to, std::uint64_t seed) {
  std::vector<Bar> out;
  std::int64_t close = 1000 + static_cast<std::int64_t>(seed % 2000);  // fen
  for (Date d = cal.trading_day_on_or_after(from); d <= to; d = cal.next_trading_day(d)) {
    const std::int64_t lim = close / 10;  // inside ±10%
    const auto step = [&](std::int64_t span) { return static_cast<std::int64_t>(lcg(seed) % static_cast<std::uint64_t>(2 * span + 1)) - span; };
    std::int64_t open = close + step(lim / 4), c = close + step(lim / 2);
    if (open < 100) open = 100;
    if (c < 100) c = 100;
    const std::int64_t hi = std::max(open, c) + static_cast<std::int64_t>(lcg(seed) % static_cast<std::uint64_t>(lim / 4 + 1));
    const std::int64_t lo = std::max<std::int64_t>(50, std::min(open, c) - static_cast<std::int64_t>(lcg(seed) % static_cast<std::uint64_t>(lim / 4 + 1)));
    out.push_back({d, money::fen(open), money::fen(std::min(hi, close + lim)), money::fen(std::max(lo, close - lim)), money::fen(c), 5'000'000});
    out.back().high = std::max({out.back().high, out.back().open, out.back().close});
    out.back().low = std::min({out.back().low, out.back().open, out.back().close});
    close = c;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : ".";
  const int stocks = argc > 2 ? std::atoi(argv[2]) : 50;
  const auto rules = RuleBook::parse(slurp(root + "/assets/securities/rules.json"), universe_json(stocks)).value();
  const auto& cal = time::TradingCalendar::builtin();
  const Date from = Date::of("2015-01-05"), to = Date::of("2024-12-31");

  // (1) orders per second: one stock, buy 100 / sell 100 alternating, 10 years.
  {
    const auto bars = walk(cal, from, to, 7);
    const Stock s = rules.stocks().front();
    Account acct(rules, cal, AccountSettings{});
    acct.deposit(from, money::yuan(100'000'000));
    std::size_t n = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    for (int rep = 0; rep < 20; ++rep) {
      for (std::size_t i = 0; i < bars.size(); ++i) {
        MarketDay day{bars[i], i ? bars[i - 1].close : bars[i].open, {}, {}};
        day.band = rules.limit_band(s, bars[i].date, day.reference, 0);
        for (int k = 0; k < 4; ++k) {
          Order o{"o", bars[i].date, s.code, k % 2 ? Side::sell : Side::buy, OrderType::limit, Session::continuous, 100, k % 2 ? day.band.down : day.band.up};
          acct.submit(o, day);
          ++n;
        }
      }
    }
    const double w = seconds_since(t0), c = cpu_since(c0);
    std::printf("orders n=%zu wall_s=%.3f cpu_s=%.3f orders_per_s_wall=%.0f orders_per_s_cpu=%.0f cash=%s\n", n, w, c, static_cast<double>(n) / w,
                static_cast<double>(n) / c, acct.cash().to_string().c_str());
  }

  // (2) 10-year replay of the universe.
  ReplayInput in;
  std::uint64_t seed = 42;
  for (const Stock& s : rules.stocks()) in.bars[s.code] = walk(cal, from, to, lcg(seed));
  in.cash.push_back({from, money::yuan(10'000'000)});
  for (const auto& [code, bars] : in.bars) {
    for (std::size_t i = 0; i < bars.size(); ++i) {
      const bool buy = (i / 5) % 2 == 0;
      Order o{code + "-" + std::to_string(i), bars[i].date, code, buy ? Side::buy : Side::sell, OrderType::limit, Session::continuous, 100,
              buy ? bars[i].high : bars[i].low};
      in.orders.push_back(o);
      if (i % 61 == 60) in.actions.push_back({code, bars[i].date, PerTen::of("1.50"), PerTen::of("1"), PerTen()});
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  const auto r = replay(rules, cal, AccountSettings{}, in);
  const double w = seconds_since(t0), c = cpu_since(c0);
  if (!r) {
    std::printf("replay failed: %s\n", r.error().c_str());
    return 1;
  }
  const auto tot = statement_totals(r->account, r->last_close);
  std::size_t days = 0;
  for (const auto& [c, b] : in.bars) days = std::max(days, b.size());
  std::printf("replay stocks=%d days=%zu orders=%zu transactions=%zu wall_s=%.3f cpu_s=%.3f\n", stocks, days, in.orders.size(),
              r->account.journal().size(), w, c);
  std::printf("result cash=%s realised=%s dividend_tax=%s commission=%s\n", r->account.cash().to_string().c_str(), tot.realised.to_string().c_str(),
              tot.dividend_tax.to_string().c_str(), tot.commission.to_string().c_str());
  return 0;
}
