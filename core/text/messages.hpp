// Messages as data: every sentence the core or the simulation says to a user
// (order timing notes, credit reason codes and counterfactuals, refusals) is a
// Message — a catalog id plus typed arguments — and is put into words only at
// the edge, in the reader's language: English (the CLI's default, byte for byte
// the text the CLI printed before the catalog existed) or 简体中文 (the browser
// in 中文, `finlab --lang zh`).
//
//   auto m = text::make(text::Id::timing_before_cutoff,
//                       {text::Arg::of(day), text::Arg::verbatim("10:00"), ...});
//   std::string en = text::render(m, text::Lang::en);
//
// Templates name their arguments: "{t}" puts an argument in; for an integer
// "{n?point|points}" chooses by n == 1 and "{n#Mon|Tue|...}" picks by index.
// Deliberately not here: number and money formatting (callers pass formatted
// text), plural rules beyond English one/other, any I/O. Dependency-free so the
// same catalog runs natively and in wasm.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace finlab::text {

enum class Lang : std::uint8_t { en, zh };
std::string_view lang_code(Lang lang);               // "en" / "zh"
bool parse_lang(std::string_view code, Lang& out);   // "en" / "zh"; false otherwise

// A name that comes from data with both spellings (a holiday, a feature label).
struct Bilingual {
  std::string en;
  std::string zh;  // empty: the English is shown in Chinese too
};

// The catalog, grouped by the engine that speaks. Order must match the table in
// catalog.cpp (a test checks it).
enum class Id : std::uint16_t {
  // ---- building blocks
  nothing,                // the empty phrase (an optional part left out)
  name,                   // a name from data, in the reader's language
  list,                   // "{items}, {more}" / "{items}、{more}"
  list_semicolon,         // "{items}; {more}" / "{items}；{more}"
  // ---- dates and calendar (core/time, core/fund)
  weekday_date,           // "Monday 2015-06-22" / "2015-06-22（周一）"
  weekday_name,           // "Saturday" / "周六"
  closed_weekend,         // "weekend" / "周末"
  closed_makeup_day,      // "Sunday, a make-up working day (not a trading day)"
  closed_weekend_in_holiday,  // "Saturday, Dragon Boat (端午节)"
  closed_run,             // "weekend 06-20..06-21"
  closed_day,             // "Dragon Boat (端午节) 06-22"
  // ---- order timing (core/fund/order_timing)
  timing_before_cutoff,
  timing_after_cutoff,
  timing_not_trading_day,
  timing_between,              // " (… in between)"
  timing_purchase_confirmed,
  timing_purchase_includes_closed,
  timing_purchase_gap_no_income,
  timing_fast_cash,
  timing_redeem_cash,
  timing_redeem_still_earns,
  timing_redeem_still_earns_closed,
  timing_redeem_earns_nothing,
  // ---- order refusals (core/fund/ledger)
  refusal_not_positive,
  refusal_below_minimum,
  refusal_purchase_cap,
  refusal_not_enough,
  refusal_fast_limit,
  // ---- credit reason codes and counterfactuals (core/credit)
  credit_reason,               // the CLI's reason line
  credit_why_missing,
  credit_why_special,
  credit_why_risky,
  credit_change_raise,
  credit_change_lower,
  credit_change_move,
  credit_change_with_advice,
  credit_cf_top,
  credit_cf_unreachable,
  credit_cf_most,
  // ---- the same, as the browser says them (ranges in words)
  credit_cf_title_top,
  credit_cf_title_unreachable,
  credit_cf_title_nothing,
  credit_cf_title_most,
  credit_cf_title_reach,
  credit_reason_plain,
  credit_change_raise_plain,
  credit_change_lower_or_less_plain,
  credit_change_lower_under_plain,
  credit_change_move_plain,
  credit_bin_not_shared,
  credit_bin_special,
  credit_bin_any,
  credit_bin_or_less,
  credit_bin_under,
  credit_bin_or_more,
  credit_bin_range_whole,
  credit_bin_range,
  credit_bin_yuan_range,       // an income band: "5,000–10,000 yuan"
  credit_bin_yuan_under,
  credit_bin_yuan_over,
  // ---- portfolio plans, transaction notes and plan errors (core/portfolio)
  concat,                      // "{a}{b}": two phrases run together
  pf_plan_csi300_monthly,      // the names of the plan templates in assets/plans/
  pf_plan_balanced_rebalance,
  pf_moved,                    // " (due 2015-06-20 Saturday, not a trading day: moved to 2015-06-22)"
  pf_deposit,
  pf_order_why,
  pf_order_late,
  pf_refused,
  pf_skipped,
  pf_not_bought,
  pf_buy,
  pf_quote_flat,
  pf_quote_rate,
  pf_quote_discount,
  pf_quote_shares,
  pf_sub_not_positive,
  pf_sub_below_minimum,
  pf_sub_flat_exceeds,
  pf_not_sold,
  pf_sell,
  pf_sell_lot,
  pf_arrives_on,
  pf_arrives_after_horizon,
  pf_held,
  pf_held_tier,
  pf_held_raised,
  pf_held_csrc,
  pf_held_to_assets,
  pf_rebalance,
  pf_rebalance_fund,
  pf_why_rebalance,
  pf_cash_arrival,
  pf_dividend_how,
  pf_dividend_cash,
  pf_dividend_reinvest,
  pf_error_at,                 // "{path}: {what}"
  pf_error_text,               // a reason the core gives only in English (shown as is)
  pf_error_must_be_positive,
  pf_error_not_negative,
  pf_error_not_in_range,
  pf_error_expected_integer,
  pf_error_expected_decimal,
  pf_error_outside_limit,
  pf_error_targets_sum,
  pf_error_missing_key,
  pf_error_unknown_key,
  pf_error_not_decimal,
  pf_error_expected_type,      // "expected an object, got a number"
  pf_error_list_too_long,
  pf_error_expected_one_of,    // options: the accepted words in each language
  pf_error_day_not_weekday,
  pf_error_weekday_not_day,
  pf_error_bad_id,
  pf_error_in_range,
  pf_error_no_fund,
  pf_error_rows,
  pf_error_values,
  pf_error_two_funds,
  pf_error_same_fund,
  pf_error_not_both,
  pf_error_duplicate_fund,
  pf_error_every_or_threshold,
  pf_error_buy_or_sell,
  pf_error_before_start,
  pf_error_invest_day,         // the Portfolio form's 定投 day of the month
  // ---- input and JSON errors (core/strict_json.hpp, forms)
  error_in,                    // "{where}: {what}" (a document's name, a JSON path)
  located,                     // the same with a phrase for where (a line and column)
  input_not_date,
  input_not_date_time,
  input_not_amount,
  json_too_big,
  json_duplicate_key,
  json_nul,
  json_too_deep,
  json_line_column,
  json_syntax,
  json_last_read,
  json_unexpected,
  json_number_too_large,
  json_invalid,
  // ---- policy, scenario and assumptions errors (sim/json_reader, policy, scenario)
  sim_top_level,               // "(top level)": where a mistake in the document as a whole is
  sim_value_kind,              // what a JSON value is: "null", "an object", ...
  sim_value_string,            // "a string \"600\""
  sim_value_bool,              // "true" / "false"
  sim_value_number,            // "the number 5"
  sim_number_too_large,
  sim_expected_whole,
  sim_int_range,
  sim_expected_percent,
  sim_not_percent,             // the Chinese for a percentage the core could not read
  sim_pct_range,
  sim_expected_yuan,
  sim_yuan_range,
  sim_expected_kind,           // "expected an object, got the number 5"
  sim_missing,
  sim_unknown_key,
  sim_did_you_mean,
  sim_not_one_of,              // the Chinese for a name the core did not know (consent, method, lender type)
  sim_inverted_edge,
  sim_refer_inverted,
  sim_refer_to,
  sim_expected_consent,
  sim_unknown_method,
  sim_matrix_rows,
  sim_expected_limit_row,
  sim_matrix_cols,
  sim_expected_word,           // "expected \"finlab.policy\", got ..."
  sim_expected_words,          // "expected \"daily\" or \"annual\", got ..."
  sim_expected_history,
  sim_expected_day_basis,
  sim_rates_count,
  sim_rate_above_cap,
  sim_no_terms,
  sim_term_twice,
  sim_writeoff_multiple,
  sim_bucket_empty,
  sim_bucket_inverted,
  sim_close_above_cut,
  sim_first_cap_below,
  sim_no_partners,
  sim_partner_twice,
  sim_ppm_decimals,
  sim_shares_count,
  sim_shares_sum,
  sim_offer_count,
  sim_version,
  sim_month_inverted,
  sim_start_year,
  sim_start_first_day,
  sim_values_count,
  sim_invalid_policy,          // the CLI's heading over a bad policy's list
  sim_invalid_scenario,
  sim_format_note,
  // ---- the legal-cap check and the run settings (sim/policy check_policy_caps, sim/run check_config)
  sim_cap_offer,               // an offer whose all-in APR breaks a cap
  sim_cap_penalty,             // a penalty rate that breaks a cap
  sim_cap_partner,             // "partner \"x\" (platform.partners[0].lender_type bank)"
  sim_cap_no_cost,             // an offer whose all-in cost could not be computed
  sim_cap_cost_failed,         // the Chinese for the core's reason it could not
  sim_cap_check_failed,        // the Chinese for a caps-table failure
  sim_caps_breached,           // the heading over the breaches
  sim_caps_line,               // one indented breach under it
  sim_users_range,
  sim_months_range,
  sim_history_range,
  // ---- the browser's Policy lab run (web/policy_lab_run.cpp)
  lab_no_scenario,
  lab_cannot_read,
  // ---- fee schedules, the NAV model, correlations, projections (core/portfolio)
  pf_fee_no_tiers,
  pf_fee_tier,                 // "tier 2: {what}"
  pf_fee_rate_or_flat,
  pf_fee_rate_range,
  pf_fee_flat_negative,
  pf_fee_last_unbounded,       // subscription: no upper bound (`below`)
  pf_fee_last_unbounded_held,  // redemption: no bound (`held_days_below`)
  pf_fee_only_last_unbounded,
  pf_fee_bound_positive,
  pf_fee_bound_not_above,
  pf_fee_discount_range,
  pf_fee_minimum_negative,
  pf_fee_to_assets_range,
  pf_nav_start,
  pf_nav_return,
  pf_nav_volatility,
  pf_nav_alpha_beta,
  pf_nav_stationary,
  pf_nav_dof,
  pf_nav_daily_limit,
  pf_nav_trading_days,
  pf_corr_size,
  pf_corr_diagonal,
  pf_corr_range,
  pf_corr_symmetric,
  pf_corr_not_psd,
  pf_corr_in,                  // "correlation {what}": Projection::prepare's prefix
  pf_paths_min,
  pf_paths_max,
  pf_years_range,
  pf_funds_max,
  pf_suitability_refused,
  pf_fund_nav_model,
  pf_schedule_failed,          // the Chinese for a schedule the core could not build
  pf_redeem_not_positive,      // a sale the lot book refused (core/portfolio/lot.cpp)
  pf_redeem_not_held,
  pf_sub_failed,               // the Chinese for a purchase quote the core could not make
  // ---- the suitability questionnaire (core/suitability assess)
  su_answers_count,
  su_validity,
  su_no_option,
  count_
};

struct Message;

// One typed argument. integer: a count or an index; text: shown as is in both
// languages (a date, a time, a formatted number or amount); bilingual: a name
// from data; message: a phrase of its own.
struct Arg {
  enum class Kind : std::uint8_t { integer, text, bilingual, message };
  Kind kind = Kind::text;
  std::int64_t integer = 0;
  std::string en;   // text, bilingual
  std::string zh;   // bilingual
  std::vector<Message> sub;  // message: exactly one

  static Arg number(std::int64_t n);
  static Arg verbatim(std::string s);
  static Arg names(Bilingual b);
  static Arg of(Message m);
};

struct Message {
  Id id = Id::count_;
  std::vector<Arg> args;  // in the order the catalog declares them
};

// Builds a message; throws finlab::Error when the arguments do not match the
// catalog's declaration (count or kind), naming the message and the argument.
Message make(Id id, std::initializer_list<Arg> args);
Message make(Id id, std::vector<Arg> args);
// A reason whose English comes from elsewhere (the core's own wording, kept
// byte for byte for the CLI) and whose Chinese is the catalog message `zh`.
Message with_english(std::string en, const Message& zh);
// items joined by Id::list or Id::list_semicolon; Id::nothing when empty.
Message join(std::vector<Message> items, Id separator = Id::list);

std::string render(const Message& m, Lang lang);
// Sentences in a row: separated by a space in English, run together in Chinese.
std::string render(std::span<const Message> sentences, Lang lang);

// The catalog, for tests and tools: one entry per Id, in Id order.
struct Spec {
  Id id;
  const char* key;     // stable name ("timing.before_cutoff")
  const char* params;  // "name:kind,..." with kind i (integer), t (text), b (bilingual), m (message)
  const char* en;
  const char* zh;
};
std::span<const Spec> catalog();

}  // namespace finlab::text
