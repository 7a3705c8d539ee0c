// The statement of a securities account and the JSON that `finlab securities
// statement|trade|replay --json` prints (and the browser would show): positions
// with cost basis and unrealised P&L, realised P&L, every fee and tax
// itemised, and each transaction with its "why" in English and Chinese.
// Also the JSON input of a replay (orders, cash moves, corporate actions),
// whose errors name the JSON path. Amounts are decimal strings.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/securities/replay.hpp"

namespace finlab::securities {

struct StatementTotals {
  Money market_value, cost, unrealised, realised, dividends, commission, stamp_duty, transfer_fee, dividend_tax;
};

StatementTotals statement_totals(const Account& account, const std::map<std::string, Money>& last_close);
nlohmann::json transaction_json(const Transaction& t);
nlohmann::json statement_json(const ReplayResult& r);

// {"cash":[{"date","amount"}], "orders":[{"id","date","code","side","type",
//  "session","shares","price"}], "actions":[{"code","ex_date","cash_per_10",
//  "bonus_per_10","transfer_per_10"}]}; every key but "orders" optional.
// Errors: "NAME: $.orders[2].price: expected a decimal string like \"10.50\"".
Result<ReplayInput> parse_replay_input(std::string_view name, std::string_view text);
// One order from its parts (the CLI's arguments); errors name the field.
Result<Order> make_order(const std::string& id, std::string_view date, std::string_view code, std::string_view side, std::string_view type,
                         std::string_view session, std::int64_t shares, std::string_view price);

}  // namespace finlab::securities
