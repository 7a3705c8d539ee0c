// Plan files: JSON in, JSON out (docs/portfolio.md §6 is the reference for
// every field). Parsing is strict: unknown keys, wrong types, money or rates
// given as JSON numbers (they must be decimal strings, to stay exact), bad
// dates and inconsistent values are errors that name the JSON path, e.g.
//   "$.funds[0].subscription_fee.tiers[1].rate_percent: expected a decimal string such as \"1.2\", got a number"
// and JSON syntax errors give the line and column.
#pragma once

#include <string>
#include <string_view>

#include "core/portfolio/plan.hpp"
#include "core/result.hpp"
#include "core/text/messages.hpp"

namespace finlab::portfolio {

// On failure `why` (if given) gets the error as a catalog message, for the
// reader's language; the Result's error is its English.
Result<Plan> parse_plan(std::string_view json_text, text::Message* why = nullptr);

// The plan as a JSON document (every field written out, 2-space indent);
// parse_plan(plan_to_json(p)) gives p back.
std::string plan_to_json(const Plan& plan);

}  // namespace finlab::portfolio
