// A credit and fund policy for the simulation sandbox: who may borrow (consent
// requirements, score cutoff and refer band), how much (limit matrix by score
// band × income band, first-loan cap, debt-to-income), at what price (daily or
// annual rate by score band), on which terms and repayment method, who funds it
// (partner lenders with minimum score, funding cost, capacity, revenue share),
// and the 活期宝 fund settings (T+0 limit, new-user yield boost 加息, gross
// yield). Parsed from JSON (format "finlab.policy", version 1, documented in
// docs/sim.md) with every mistake reported by its JSON path. Amounts and rates
// are exact (core/money); nothing here is a double.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/suitability_mix.hpp"
#include "core/credit/consent.hpp"
#include "core/credit/reject_inference.hpp"
#include "core/loan/rate_caps.hpp"
#include "core/loan/rate_convention.hpp"
#include "core/loan/schedule.hpp"
#include "core/money/money.hpp"
#include "core/money/rate.hpp"
#include "core/result.hpp"
#include "sim/assumptions.hpp"
#include "sim/limit_ladder.hpp"
#include "sim/pnl.hpp"

namespace finlab::sim {

enum class RateQuote : std::uint8_t { daily, annual };
std::string_view to_string(RateQuote q);

struct Partner {
  std::string name;
  int min_score = 0;                          // the partner funds approved users scoring at least this
  money::Rate funding_cost;                   // annual rate on the outstanding principal it funds
  std::optional<money::Money> capacity;       // new lending per month; nullopt = unlimited
  money::Rate revenue_share;                  // share of the partner's loans' net result kept by the platform
  // Whose legal caps apply to the loans it funds (core/loan rate_caps.hpp);
  // JSON "lender_type", default microloan [D] (docs/sim.md).
  loan::LenderType lender_type = loan::LenderType::microloan;
  // Loss sharing of partner-funded loans (助贷 / 联合贷; docs/sim.md "Full
  // P&L"): the share of the partner's charge-offs (less recoveries) the
  // platform bears as guarantor, and the annual guarantee / service fee the
  // partner pays the platform on the principal outstanding. Both 0 by
  // default [D]: the partner bears its own losses, as before.
  money::Rate guarantee_share = money::Rate::from_units(0);
  money::Rate guarantee_fee = money::Rate::from_units(0);
};

struct CreditPolicy {
  credit::ConsentMask required_consents = credit::ConsentMask::application_only();
  int cutoff = 600;                           // approve when score >= cutoff
  std::optional<int> refer_from;              // scores in [refer_from, cutoff) go to manual review
  money::Rate refer_approve_share;            // share of referred applicants the reviewers approve
  int reapply_after_decline_months = 3;       // waiting period after a decline
  // Score bands shared by the limit matrix and pricing: lower edges of bands
  // 1..k (band 0 is below the first edge), strictly ascending.
  std::vector<int> score_bands;
  // Monthly income bands: lower edges in yuan of bands 1..j, strictly ascending.
  std::vector<money::Money> income_bands;
  // limits[score band][income band]; zero = decline.
  std::vector<std::vector<money::Money>> limits;
  money::Money first_loan_cap;                // cap on a user's first loan (0 = none)
  money::Money min_loan;                      // smallest loan booked
  money::Money amount_step;                   // amounts are whole multiples of this
  RateQuote quote = RateQuote::daily;
  loan::DayBasis day_basis = loan::DayBasis::act_360;
  std::vector<money::Rate> rates;             // per score band, as quoted (daily or annual)
  money::Rate rate_cap;                       // nominal annual rate ceiling (validation)
  // Caps marked uncertain in the caps table: enforced in validation or not
  // (JSON pricing.uncertain_caps "enforce" | "skip", default "skip" [D]).
  bool enforce_uncertain_caps = false;
  std::vector<int> terms_months;              // offered terms; the borrower picks one
  loan::RepaymentMethod method = loan::RepaymentMethod::equal_installment;
  money::Rate max_dti;                        // (existing debt payments + new payment) / income
  money::Rate origination_fee;                // share of the amount, paid at booking
  money::Rate penalty_multiple;               // penalty rate = contract rate × this (DOMAIN.md §2.5)
  int writeoff_dpd = 180;                     // charge-off at more than this many days past due
  money::Rate lgd;                            // loss given default for the provision (EL = PD × LGD × EAD)
  std::vector<money::Rate> bucket_pd;         // provision PD of loans in M1, M2, ... (last value holds on)
  money::Rate recovery_rate;                  // share of a charged-off balance collected later
  int recovery_lag_months = 3;
  // Selection bias (DOMAIN.md §3.5, docs/sim.md "Selection bias"): the history
  // the run's scorecard learns from was booked by an incumbent policy; only
  // its booked applicants have outcomes.
  int incumbent_cutoff = 600;                 // the incumbent booked history applicants scoring ≥ this (0 = everyone: full information)
  money::Rate incumbent_holdout = money::Rate::percent("2");  // share of the incumbent's below-cutoff applicants it booked at random
  credit::RejectInference reject_inference = credit::RejectInference::none;
  money::Rate parcel_factor = money::Rate::ratio("1.5");  // α of parcelling and hard cutoff
  money::Rate test_and_learn;                 // this policy's lever: share of below-cutoff applicants approved at random
  // Credit lines re-scored monthly (sim/limit_ladder.hpp); nullopt = no lines.
  std::optional<LimitLadder> ladder;

  // Derived.
  int score_band_of(int score) const;
  int income_band_of(money::Money monthly_income) const;
  // Contract rate of score band b as quoted, and its exact monthly periodic
  // rate (daily × basis ÷ 12, or annual ÷ 12; core/loan rate conventions).
  loan::QuotedRate quoted_rate(int band) const;
  loan::ExactRate monthly_rate(int band) const;
  loan::ExactRate annual_rate(int band) const;
  // Number of missed instalments at which a loan is charged off: writeoff_dpd/30 + 1.
  int writeoff_missed() const { return writeoff_dpd / 30 + 1; }
};

struct BoostPolicy {                          // 加息: extra yield for new fund users, paid by the platform
  money::Rate extra_yield;                    // annual, on top of the fund's yield
  int days = 0;                               // from the first deposit
  money::Money cap;                           // balance that earns the boost
};

struct FundPolicy {
  // Level the portfolio's gross yield (annual, before fund fees) reverts to:
  // nullopt ("gross_yield_pct": "history", the default) = the dated history of
  // large MMFs' 7-day yields plus `fee` for each day of the run
  // (assets/market/mmf_yield.csv, core/fund/yield_history.hpp); a value = that
  // constant level for the whole run.
  std::optional<money::Rate> gross_yield;
  money::Rate gross_yield_volatility;         // annual volatility of the mean-reverting gross yield (core/fund)
  money::Rate fee;                            // management + custody + sales service (annual)
  // T+0 per investor per natural day: the limit in force on each day comes
  // from core/fund (50,000 [D] before 2018-06-01, 10,000 from then by
  // regulation, DOMAIN.md §1.7); a policy value may only lower it (the
  // product's own, smaller limit). nullopt = the rule in force.
  std::optional<money::Money> fast_redeem_limit;
  BoostPolicy boost;
};

struct Policy {
  std::string name;
  std::string description;
  CreditPolicy credit;
  std::vector<Partner> partners;
  FundPolicy fund;
  // The optional "assumptions" section: borrower behaviour the run assumes
  // (docs/sim.md "Assumptions"); absent = the engine's documented defaults.
  std::optional<Assumptions> assumptions;
  // The optional "pnl" section: the full P&L's costs and the ECL stages
  // (docs/sim.md "Full P&L"); absent = the documented defaults.
  PnlSettings pnl;
  SuitabilityPolicy suitability;  // risk classes of the users, to whom investment products are offered
};

// Parses and validates a policy. On failure the message lists every mistake,
// one per line, as "json.path: what is wrong" (unknown key, wrong type,
// inverted band, matrix of the wrong shape, value out of range), in English.
// `why`, when given, receives the same mistakes as paths and catalog messages
// (JsonErrors, sim/json_reader.hpp) to be said in any language.
Result<Policy> parse_policy(std::string_view json_text, JsonErrors* why = nullptr);
// The legal-cap check of a run (DOMAIN.md §2.6; core/loan all_in_cost.hpp):
// every offer a partner can fund (score band x term, with the origination fee
// deducted upfront) priced on a 10,000 yuan loan [D], its all-in APR (12 x the
// monthly IRR) against every cap in force for the partner's lender type on the
// first day of every month of the run and on every boundary date of the caps
// table inside it; the penalty rate (contract x penalty_multiple) likewise.
// Returns one line per breach, "json.path: what" (empty when all is legal).
std::vector<std::string> check_policy_caps(const Policy& p, time::Date start, int months,
                                           const loan::RateCapTable& table = loan::RateCapTable::builtin());
// The same breaches as paths and catalog messages, to be said in any language
// (check_policy_caps is their English lines).
std::vector<PathMessage> policy_cap_breaches(const Policy& p, time::Date start, int months,
                                             const loan::RateCapTable& table = loan::RateCapTable::builtin());

// The canonical JSON text of a policy (round-trips through parse_policy).
std::string policy_to_json(const Policy& p, int indent = 2);

}  // namespace finlab::sim
