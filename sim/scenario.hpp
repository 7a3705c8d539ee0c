// An economic scenario for a simulation run (format "finlab.scenario",
// version 1; files in assets/scenarios/): when the run starts, a default-rate
// multiplier by month (baseline, mild and severe stress), an interest-rate
// shift by month (funding costs and the fund's gross yield move with it), a
// fund-redemption multiplier by month, and a consent-rate shock (a share of
// users withdraws each behaviour category, so fewer users share data).
// Step functions: a list of {from_month, value} points; a value holds from its
// month (1-based) until the next point. Parsed with JSON-path errors like the
// policy. No doubles: multipliers are integers in parts per million.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/credit/consent.hpp"
#include "core/result.hpp"
#include "core/time/date.hpp"

namespace finlab::sim {

struct StepPoint {
  int from_month = 1;        // 1-based month of the run
  std::int64_t value = 0;    // ppm for multipliers, basis points for rate shifts
};

// A step function over the months of a run.
struct StepSeries {
  std::int64_t initial = 0;        // value before the first point
  std::vector<StepPoint> points;   // ascending from_month
  // Value in month `m` (0-based month index of the run).
  std::int64_t at(int m) const;
};

struct Scenario {
  std::string name;
  std::string description;
  time::Date start = time::Date::ymd(2015, 6, 1);
  StepSeries pd_multiplier_ppm{1'000'000, {}};      // × the ground-truth default hazard
  StepSeries rate_shift_bps{0, {}};                 // + partners' funding cost and the fund's gross yield
  StepSeries redemption_multiplier_ppm{1'000'000, {}};  // × fund redemption propensity
  StepSeries application_multiplier_ppm{1'000'000, {}};  // × loan application propensity
  StepSeries multi_lender_multiplier_ppm{1'000'000, {}};  // × the multi-lender hazard multiple (a 多头 shock)
  // Share (ppm) of users who withdraw each category's consent (index = ConsentCategory).
  std::array<std::uint32_t, credit::consent_category_count> consent_withdrawal_ppm{};

  bool has_consent_shock() const;
};

class JsonErrors;  // sim/json_reader.hpp

// Parses and validates a scenario; errors as parse_policy's ("path: what", one
// per line, in English), and as catalog messages in `why` when given.
Result<Scenario> parse_scenario(std::string_view json_text, JsonErrors* why = nullptr);
std::string scenario_to_json(const Scenario& s, int indent = 2);

// Names of the scenario files shipped in assets/scenarios/ (without ".json").
const std::vector<std::string>& builtin_scenario_names();

}  // namespace finlab::sim
