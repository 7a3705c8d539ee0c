// The A-share trading rules by date (DOMAIN_SECURITIES.md part A), read from
// data: assets/securities/rules.json (fees, price limits, cages, lots, closing
// auctions, the 2016 circuit breaker, dividend tax) and stocks.json (the example
// universe), compiled into the library like the trading calendar so that the
// same rules work natively, in wasm and in the browser. Every lookup takes the
// trade date; a period applies from its `from` date until the next one.
//
// Usage:
//   const RuleBook& rules = RuleBook::builtin();
//   Fees f = rules.fees(stock, Side::sell, Date::of("2023-08-28"), 1000, Money::of("10.00"), settings);
//   LimitBand band = rules.limit_band(stock, date, prev_close, trading_day_index);
//
// Not modelled: rights issues (配股) and their reference price, margin trading,
// the 1-yuan SSE transfer-fee minimum some brokers charged ([U]).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::securities {

using money::Money;
using money::Rate;
using time::Date;

enum class Market { sse, szse };
enum class Board { main, chinext, star };
enum class Side { buy, sell };

std::string_view to_string(Market m);  // "SSE", "SZSE"
std::string_view to_string(Board b);   // "main", "chinext", "star"
std::string_view to_string(Side s);    // "buy", "sell"

struct Stock {
  std::string code;  // "600000"
  std::string name_en, name_zh;
  Market market = Market::sse;
  Board board = Board::main;
  Date listed;                    // first trading day
  bool registration_ipo = false;  // listed under the registration system (注册制)
  bool st = false;                // 风险警示 (ST/*ST)
};

// Settings a broker or the user chooses (rates are [D] defaults, docs/securities.md).
struct FeeSettings {
  Rate commission_rate = Rate::percent("0.025");  // 万2.5 [D]
  Money commission_minimum = Money::of("5.00");    // [14]; 0 models 免五 [U]
  Money par_value = Money::of("1.00");             // for the SSE par-based transfer fee
};

// One trade's charges, each rounded half-up to the fen (四舍五入, [D]).
struct Fees {
  Money commission;    // max(rate × value, minimum); includes 经手费 and 证管费
  Money stamp_duty;    // seller only
  Money transfer_fee;  // 过户费, both sides
  Money total() const { return commission + stamp_duty + transfer_fee; }
  std::string commission_why, stamp_why, transfer_why;  // the rule and rate applied
  std::string commission_why_zh, stamp_why_zh, transfer_why_zh;  // the same in Chinese
};

// The day's price limits (inclusive). unlimited = no price limit that day.
struct LimitBand {
  bool unlimited = false;
  Money down, up;
  Rate up_percent, down_percent;
  std::string why;  // "main board ±10% of 10.00 [3][5]"
  std::string why_zh;
};

struct DividendTaxRates {
  Rate up_to_1_month, up_to_1_year, over_1_year;
  std::string source, source_zh;  // citation and rule, in English and Chinese
};

enum class HoldingBand { up_to_1_month, up_to_1_year, over_1_year };
std::string_view to_string(HoldingBand b);
std::string_view holding_band_zh(HoldingBand b);  // "持股超过 1 年"
// Holding period from acquisition to the day before the sale (财税〔2015〕101号):
// "up to 1 month" includes the month; the month is a calendar month [D].
HoldingBand holding_band(Date acquired, Date sold);

struct CircuitBreakerRule {
  Date from, to;
  Rate halt_percent, close_percent;
  int halt_minutes = 15;
  std::string source, source_zh;
};

namespace detail {
// The texts of assets/securities/rules.json and stocks.json, built in.
std::string_view builtin_rules_json();
std::string_view builtin_stocks_json();
}  // namespace detail

class RuleBook {
public:
  static Result<RuleBook> parse(std::string_view rules_json, std::string_view stocks_json);
  static const RuleBook& builtin();

  const std::vector<Stock>& stocks() const { return stocks_; }
  Result<Stock> stock(std::string_view code) const;  // "unknown stock 123456"

  Fees fees(const Stock& s, Side side, Date d, std::int64_t shares, Money price, const FeeSettings& fs) const;
  Rate stamp_duty_rate(Date d) const;
  DividendTaxRates dividend_tax(Date d) const;
  Rate dividend_tax_rate(Date regime_date, HoldingBand band) const;

  // trading_day_index: 1 for the first day of listing, 2 the next ... (0 = long listed).
  LimitBand limit_band(const Stock& s, Date d, Money reference_price, int trading_day_index) const;
  // Continuous-auction price cage on d, or nullopt when none applies.
  struct Cage { Rate percent; int ticks; std::string source, source_zh; };
  std::optional<Cage> price_cage(const Stock& s, Date d) const;
  bool has_closing_auction(Market m, Date d) const;
  const CircuitBreakerRule& circuit_breaker() const { return breaker_; }

  // Lots: the minimum and step of a buy order, the odd-lot size of a sale.
  std::int64_t buy_minimum(const Stock& s) const;
  std::int64_t buy_step(const Stock& s) const;
  std::int64_t max_order(const Stock& s, bool market_order) const;
  int registration_no_limit_days() const { return no_limit_days_; }

  struct RatePeriod { Date from; Rate rate; std::string source, source_zh; };
  struct TransferPeriod { Date from; Market market; bool par_basis; Rate rate; std::string source, source_zh; };
  struct LimitPeriod { Board board; bool st; Date from; Rate percent; std::string source, source_zh; };
  struct CagePeriod { Board board; Date from; Rate percent; int ticks; std::string source, source_zh; };
  struct TaxPeriod { Date from; DividendTaxRates rates; };
  struct AuctionPeriod { Market market; Date from; };

private:
  std::vector<Stock> stocks_;
  std::vector<RatePeriod> stamp_;
  std::vector<TransferPeriod> transfer_;
  std::vector<LimitPeriod> limits_;
  std::vector<CagePeriod> cages_;
  std::vector<TaxPeriod> tax_;
  std::vector<AuctionPeriod> auctions_;
  CircuitBreakerRule breaker_;
  Rate cap_rate_;
  int no_limit_days_ = 5;
  Rate ipo_up_, ipo_down_;
  std::int64_t board_lot_ = 100, star_min_ = 200, max_order_ = 1000000, star_max_limit_ = 100000, star_max_market_ = 50000;
};

// The suitability product class of a stock (DOMAIN_SECURITIES.md B2 [42c]):
// "st_share" for ST, "chinext" / "star" by board, else "a_share" (main board,
// R3); ids of assets/suitability/products.json.
std::string_view suitability_product_id(const Stock& s);

// price × (1 ± pct) rounded half-up to the 0.01 tick ([5][27], half-up [D]).
Money limit_price(Money base, Rate percent, bool up);

}  // namespace finlab::securities
