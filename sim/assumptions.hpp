// Behavioural assumptions of the engine: how borrowers behave beyond what the
// policy decides and the scenario shocks (docs/sim.md "Assumptions" and
// "Default dynamics"). A policy may set them in its "assumptions" section
// (sim/assumptions_json.hpp); every run stores the values it used.
#pragma once

#include <array>
#include <cstdint>

namespace finlab::sim {

inline constexpr int kMobShape = 12;  // months on book with their own hazard multiple

struct Assumptions {
  // Roll-rate model: a borrower in arrears who has not defaulted pays it all
  // back this month with cure_ppm[k−1] when in bucket Mk (the last value holds
  // on), divided by the scenario's PD multiplier (stress cures less). An M1
  // borrower cures far more often than an M4 one (DOMAIN.md §3.6 roll rates
  // M1→M2 15% ... M5→M6 90%); M1 86% (docs/sim.md "Default dynamics").
  std::array<std::uint32_t, 6> cure_ppm = {860'000, 350'000, 200'000, 150'000, 100'000, 100'000};
  std::uint32_t miss_base_ppm = 15'000;        // a performing borrower misses one instalment (travel, forgetting ...)
  std::uint32_t miss_hazard_multiple = 2;      // ... plus this many times the default hazard
  // Selection bias of the training history (docs/sim.md "Selection bias") [D]:
  std::uint32_t incumbent_insight_ppm = 500'000;  // share of the data-missed risk the incumbent's underwriters saw
  std::uint32_t pilot_users = 5'000;              // fully labelled pilot the incumbent card was trained on

  // Default dynamics beyond the application data (docs/sim.md "Default
  // dynamics"); each default names its source there. A stored run without
  // these fields reads them as Assumptions::legacy() gives (no effect).
  std::uint32_t fraud_ppm = 500;                  // users who borrow with no intent to repay (first-payment default)
  std::uint32_t fraud_apply_multiple = 4;         // ... and apply this many times as often
  std::uint32_t multi_lender_ppm = 500'000;       // users borrowing from several lenders at once (多头借贷)
  std::uint32_t multi_lender_hazard_permille = 4'000;  // their hazard multiple (3-4x: docs/sim.md)
  // Hazard shape over months on book: multiple (‰) of the flat monthly hazard
  // at MOB 1, 2, ... (the last holds on); the first 12 average 1,000‰ so the
  // 12-month PD is kept.
  std::array<std::uint16_t, 12> mob_hazard_permille = {500, 1'100, 1'500, 1'600, 1'500, 1'350, 1'100, 950, 800, 700, 500, 400};
  // Offer effects: the hazard × (1 + dti_slope × (DTI after the loan − dti_ref))
  // above dti_ref, × (1 + amount_slope × (amount ÷ monthly income − 1)) above 1.
  std::uint32_t dti_ref_permille = 300;
  std::uint32_t dti_hazard_slope_permille = 3'000;
  std::uint32_t amount_hazard_slope_permille = 500;
  // Take-up of an approved offer: base × (1 − price sensitivity × percentage
  // points of annual rate above takeup_ref_rate_bps) × (1 − limit sensitivity
  // × share of the request not granted). Price sensitivity falls with the
  // user's true PD (riskier users take dearer credit: adverse selection).
  std::uint32_t takeup_base_ppm = 750'000;
  std::uint32_t takeup_ref_rate_bps = 1'500;      // 15% a year
  std::uint32_t takeup_price_ppm_per_pp = 40'000; // −4% take-up per point of rate (PD 0)
  std::uint32_t takeup_price_pd_floor_ppm = 250'000;  // sensitivity × this share at PD ≥ takeup_pd_ref
  std::uint32_t takeup_pd_ref_ppm = 100'000;
  std::uint32_t takeup_limit_ppm = 300'000;       // −30% take-up when nothing of the request is granted

  // Customer behaviour (docs/sim.md "Customer behaviour"); 0 in runs stored
  // before it (Assumptions::legacy(): no prepayment, no drift, no draws).
  std::uint32_t prepay_ppm = 20'000;              // a current borrower repays the whole balance early this month [D]
  std::uint32_t repeat_draw_ppm = 150'000;        // a user with an open line and no loan draws on it this month [D]
  // Behaviour drift of a user's score (points; hazard × 2^(−drift ÷ 20), the
  // card's points to double the odds): an AR(1) walk, each month drift ×
  // (1 − reversion) + a step of sd drift_sd_points, and −drift_default_points
  // a month once the borrower has defaulted (behaviour data turns first) [D].
  std::uint32_t drift_sd_points = 6;
  std::uint32_t drift_reversion_ppm = 100'000;
  std::uint32_t drift_default_points = 15;

  // The values that reproduce runs stored before these dynamics existed.
  static Assumptions legacy();
};


}  // namespace finlab::sim
