// [SECTION] UserStep: one user's month (recoveries, loan, fund, behaviour, application)
// [SECTION] phase B: booking
// (Construction: sim/engine_setup.cpp.)
#include "sim/engine.hpp"

#include <algorithm>

#include "core/loan/annuity.hpp"
#include "sim/lifecycle_rng.hpp"

namespace finlab::sim {

using loan::ExactRate;
using money::int128;
using money::Money;
using money::Rounding;

namespace {

inline std::int64_t apply_rate(std::int64_t fen, const ExactRate& r) {
  if (fen == 0 || r.num == 0) return 0;
  return r.apply(Money::from_units(fen), Rounding::half_up).units();
}

inline std::uint32_t scale_ppm(std::uint32_t ppm, std::uint32_t mult_ppm) {
  const std::uint64_t v = std::uint64_t(ppm) * mult_ppm / 1'000'000u;
  return v > 1'000'000u ? 1'000'000u : static_cast<std::uint32_t>(v);
}

// True with probability p16 / 65536 from 16 random bits; 65535 means "always"
// (tests and policies need certainty).
inline bool hit16(std::uint32_t bits16, std::uint64_t p16) { return p16 >= 65535 || bits16 < p16; }

inline std::uint8_t clamp_month(int m) { return static_cast<std::uint8_t>(std::min(m, 255)); }

}  // namespace

// ---------------------------------------------------------------- [SECTION] UserStep
template <class Log>
struct UserStep {
  const Engine& e;
  const Traits& t;
  Book& b;
  Shard& s;
  const int m;
  const MonthContext& c;
  MonthAcc& a;
  Log& log;

  // Payment used for the debt-to-income test: the first instalment (equal
  // installment and principal), the monthly interest (interest-only), the
  // average monthly cost rounded up (bullet).
  std::int64_t dti_payment(std::int64_t amount, int band, int term, std::int32_t& level) const {
    const ExactRate& r = e.band_rate_[band];
    switch (e.policy_.credit.method) {
      case loan::RepaymentMethod::equal_installment: {
        const std::int64_t pay = loan::annuity_payment(Money::from_units(amount), r, term, Rounding::half_up).units();
        level = static_cast<std::int32_t>(pay);
        return pay;
      }
      case loan::RepaymentMethod::equal_principal: {
        const std::int64_t per = money::narrow_checked(money::div_round(amount, term, Rounding::half_up), "P/n");
        level = static_cast<std::int32_t>(per);
        return (term == 1 ? amount : per) + apply_rate(amount, r);
      }
      case loan::RepaymentMethod::interest_only:
        level = 0;
        return (term == 1 ? amount : 0) + apply_rate(amount, r);
      case loan::RepaymentMethod::bullet: {
        const std::int64_t interest = apply_rate(amount, r.scaled(term, 1));
        level = static_cast<std::int32_t>(interest);
        return money::narrow_checked(money::div_round(amount + interest, term, Rounding::ceiling), "bullet/n");
      }
    }
    return 0;
  }

  void snapshot_loan(std::size_t i) {
    const std::int64_t o = std::int64_t(b.balance[i]) + b.overdue_principal[i];
    const int missed = b.missed[i];
    const int p = b.partner[i];
    const int bucket = std::min(missed, kBuckets - 1);
    a.bucket_count[bucket] += 1;
    a.bucket_fen[bucket] += o;
    if (missed >= 4) s.acc.vintage_m3p_fen[vintage_index(i)] += o;
    a.active_loans += 1;
    a.outstanding_fen += o;
    a.partners[p].outstanding_fen += o;
    if (missed >= 2) {
      a.outstanding_30p_fen += o;
      a.count_30p += 1;
    }
    if (missed >= 4) a.outstanding_90p_fen += o;
    // ECL stages (IFRS 9 / CAS 22; docs/sim.md "Full P&L"): 1 = 0-29 DPD,
    // 12-month ECL; 2 = 30-89 DPD, lifetime; 3 = 90+ DPD, lifetime at PD 100%.
    std::uint32_t el = missed == 0 ? e.el_current_ppm_[e.score_now(t, b, i)]
                                   : e.el_bucket_ppm_[std::min<std::size_t>(missed, e.el_bucket_ppm_.size()) - 1];
    const int stage = missed >= 4 ? 3 : missed >= 2 ? 2 : 1;
    if (e.staged_ecl_ && stage == 3) el = e.lgd_ppm_;
    if (e.staged_ecl_ && stage == 2) el = lifetime_el_ppm(el, b.periods_left[i], e.lgd_ppm_);
    const std::int64_t allowance = (o * el + 500'000) / 1'000'000;  // half-up; o ≥ 0
    a.allowance_fen += allowance;
    a.partners[p].allowance_fen += allowance;
    (stage == 1 ? a.allowance_stage1_fen : stage == 2 ? a.allowance_stage2_fen : a.allowance_stage3_fen) += allowance;
    if (missed >= 1) {
      a.collection_accounts += 1;
      a.collection_cost_fen += e.collection_fen_;
    }
  }

  // Loss sharing (docs/sim.md "Full P&L"): the platform bears the partner's
  // guarantee share of each charge-off and gets the same share of each recovery.
  void share_loss(int p, std::int64_t amount) {
    const std::int64_t g = apply_rate(amount < 0 ? -amount : amount, e.guarantee_share_[static_cast<std::size_t>(p)]);
    const std::int64_t signed_g = amount < 0 ? -g : g;
    a.guaranteed_loss_fen += signed_g;
    a.partners[p].guaranteed_loss_fen += signed_g;
  }

  void recover(std::size_t i) {
    if (b.recovery[i] != 0 && b.recovery_month[i] == m) {
      const std::int64_t r = b.recovery[i];
      a.recoveries_fen += r;
      a.partners[b.partner[i]].recoveries_fen += r;
      share_loss(b.partner[i], -r);
      b.recovery[i] = 0;
      if constexpr (Log::enabled) log.event(m, "recovery", r, 0, "collected on the charged-off loan");
    }
  }

  // Index of the open loan's (orig_month, months on book now) in the vintage arrays.
  std::size_t vintage_index(std::size_t i) const {
    return std::size_t(b.orig_month[i]) * (s.acc.months + 1) + static_cast<std::size_t>(m - b.orig_month[i]);
  }

  // Reporting only (no draws, no money): the roll-rate matrix and first
  // payment default, from the bucket before and after this month's servicing.
  void record_roll(std::size_t i, int from, bool paid, int to) {
    a.roll[static_cast<std::size_t>(from * kRollTo + to)] += 1;
    const int mob = m - b.orig_month[i];
    if (mob == 1) {
      s.acc.fpd_due[b.orig_month[i]] += 1;
      if (!paid) s.acc.fpd7[b.orig_month[i]] += 1;
    } else if (mob == 2 && from == 1 && !paid) {
      s.acc.fpd30[b.orig_month[i]] += 1;
    }
  }

  void service_loan(std::size_t i, LifecycleRng& rng) {
    const int from = std::min<int>(b.missed[i], kBuckets - 1);
    service_loan_month(i, rng);
    const std::uint8_t st = b.status[i];
    const bool paid = b.missed[i] == 0;
    const int to = (st & kHasLoan) ? std::min<int>(b.missed[i], kBuckets - 1) : (st & kBarred) ? kRollChargedOff : kRollPaidOff;
    record_roll(i, from, paid && to != kRollChargedOff, to);
  }

  // The month's default hazard at scenario multiplier 1: the user's flat
  // hazard × the offer's multiple × the months-on-book shape × the
  // multi-lender multiple (scenario-shocked) for a multi-lender.
  std::uint32_t loan_hazard_ppm(std::size_t i) const {
    const Assumptions& as = e.assumptions_;
    std::uint64_t hz = std::uint64_t(t.hazard_ppm[i]) * b.hazard_permille[i] / 1000;
    const int mob = std::max(1, m - b.orig_month[i]);
    hz = hz * as.mob_hazard_permille[static_cast<std::size_t>(std::min<int>(mob, kMobShape)) - 1] / 1000;
    if (e.multi_lender(t, i)) hz = hz * as.multi_lender_hazard_permille / 1000 * c.ml_mult_ppm / 1'000'000;
    if (e.drift_on_) hz = hz * e.drift_hazard_permille(b.drift[i]) / 1000;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(hz, 1'000'000));
  }

  void service_loan_month(std::size_t i, LifecycleRng& rng) {
    const CreditPolicy& cp = e.policy_.credit;
    std::int64_t bal = b.balance[i], op = b.overdue_principal[i], oi = b.overdue_interest[i], pen = b.penalty[i];
    const int p = b.partner[i];
    const int band = b.band[i];
    const ExactRate& r = e.band_rate_[band];
    std::uint8_t st = b.status[i];
    int left = b.periods_left[i];
    const bool was_current = b.missed[i] == 0;

    // Funding cost of the month on the principal outstanding at its start.
    const std::int64_t fc = apply_rate(bal + op, c.funding[p]);
    a.funding_cost_fen += fc;
    a.partners[p].funding_cost_fen += fc;
    // Capital charge and the partner's guarantee fee, on the same opening principal.
    const std::int64_t capital = apply_rate(bal + op, e.capital_rate_);
    a.capital_charge_fen += capital;
    a.partners[p].capital_charge_fen += capital;
    const std::int64_t gfee = apply_rate(bal + op, c.guarantee_fee[p]);
    a.guarantee_fee_fen += gfee;
    a.partners[p].guarantee_fee_fen += gfee;
    // Penalty interest on what was already overdue (DOMAIN.md §2.5: principal and, compounding, interest).
    if (op + oi > 0) pen += apply_rate(op + oi, e.band_penalty_[band]);

    std::int64_t idue = 0, pdue = 0;
    if (left > 0) {
      switch (cp.method) {
        case loan::RepaymentMethod::equal_installment:
          idue = apply_rate(bal, r);
          pdue = left == 1 ? bal : std::clamp<std::int64_t>(b.payment[i] - idue, 0, bal);
          break;
        case loan::RepaymentMethod::equal_principal:
          idue = apply_rate(bal, r);
          pdue = left == 1 ? bal : std::min<std::int64_t>(b.payment[i], bal);
          break;
        case loan::RepaymentMethod::interest_only:
          idue = apply_rate(bal, r);
          pdue = left == 1 ? bal : 0;
          break;
        case loan::RepaymentMethod::bullet:
          idue = left == 1 ? b.payment[i] : 0;
          pdue = left == 1 ? bal : 0;
          break;
      }
    }

    // Ground truth: a borrower defaults with the month's hazard; a performing
    // one may still miss an instalment and cure later.
    const std::uint32_t h = scale_ppm(loan_hazard_ppm(i), c.pd_mult_ppm);
    if (!(st & kDefaulted) && rng.bernoulli_ppm(h)) {
      st |= kDefaulted;
      a.defaults += 1;
      if constexpr (Log::enabled) log.event(m, "default", 0, bal + op, "stops paying (ground truth)");
    }
    bool pays = false;
    if (!(st & kDefaulted)) {
      if (b.missed[i] == 0) {
        const std::uint64_t miss = std::min<std::uint64_t>(1'000'000, e.assumptions_.miss_base_ppm + std::uint64_t(e.assumptions_.miss_hazard_multiple) * h);
        pays = !rng.bernoulli_ppm(static_cast<std::uint32_t>(miss));
      } else {
        const auto& cure = e.assumptions_.cure_ppm;
        const std::uint32_t base = cure[std::min<std::size_t>(b.missed[i], cure.size()) - 1];
        const std::uint64_t scaled = std::uint64_t(base) * 1'000'000 / std::max<std::uint32_t>(c.pd_mult_ppm, 1);
        pays = rng.bernoulli_ppm(static_cast<std::uint32_t>(std::min<std::uint64_t>(scaled, 1'000'000)));
      }
    }

    if (pays) {
      const std::int64_t interest = oi + idue, principal = op + pdue;
      a.interest_fen += interest;
      a.penalty_fen += pen;
      a.principal_repaid_fen += principal;
      a.partners[p].income_fen += interest + pen;
      const std::int64_t tax = apply_rate(interest + pen, c.interest_tax);
      a.interest_tax_fen += tax;
      a.partners[p].interest_tax_fen += tax;
      bal -= pdue;
      if (b.missed[i] > 0) a.cures += 1;
      if constexpr (Log::enabled) {
        log.event(m, b.missed[i] > 0 ? "cured" : "payment", principal + interest + pen, bal,
                  "principal " + Money::from_units(principal).to_string() + ", interest " + Money::from_units(interest).to_string() +
                      (pen ? ", penalty " + Money::from_units(pen).to_string() : std::string()));
      }
      op = oi = pen = 0;
      b.missed[i] = 0;
      if (left > 0) --left;
      // Prepayment (docs/sim.md "Customer behaviour"): a borrower who was
      // current repays the rest of the principal with this instalment.
      if (was_current && bal > 0 && left > 0 && e.assumptions_.prepay_ppm > 0 && rng.bernoulli_ppm(e.assumptions_.prepay_ppm)) {
        a.principal_repaid_fen += bal;
        a.prepaid += 1;
        a.prepaid_fen += bal;
        if constexpr (Log::enabled) log.event(m, "prepaid", bal, 0, "repaid the rest early, no further interest");
        bal = 0;
        left = 0;
      }
      if (left == 0 && bal == 0) {
        a.paid_off += 1;
        st = static_cast<std::uint8_t>(st & ~(kHasLoan | kEver30 | kEver90 | kTestAndLearn));
        b.next_apply[i] = clamp_month(m + 1);
        if constexpr (Log::enabled) log.event(m, "paid_off", b.booked[i], 0, "loan repaid in full");
      }
    } else {
      op += pdue;
      oi += idue;
      bal -= pdue;
      if (left > 0) --left;
      const int missed = std::min(b.missed[i] + 1, 255);
      b.missed[i] = static_cast<std::uint8_t>(missed);
      if constexpr (Log::enabled) {
        log.event(m, "missed", pdue + idue, bal + op, "M" + std::to_string(missed) + ", overdue " + Money::from_units(op + oi).to_string());
      }
      if (missed >= 2 && !(st & kEver30)) {
        st |= kEver30;
        const int mob = m - b.orig_month[i];
        const std::size_t idx = std::size_t(b.orig_month[i]) * (s.acc.months + 1) + mob;
        s.acc.vintage_bad_count[idx] += 1;
        s.acc.vintage_bad_fen[idx] += b.booked[i];
      }
      if (missed >= 4 && !(st & kEver90)) {
        st |= kEver90;
        s.acc.vintage_bad90_count[vintage_index(i)] += 1;
        s.acc.vintage_bad90_fen[vintage_index(i)] += b.booked[i];
      }
      if (missed >= cp.writeoff_missed()) {
        const std::int64_t co = bal + op;
        a.chargeoff_count += 1;
        a.chargeoff_fen += co;
        a.partners[p].chargeoff_fen += co;
        share_loss(p, co);
        s.acc.vintage_chargeoff_fen[vintage_index(i)] += co;
        a.interest_written_off_fen += oi + pen;
        if (st & kTestAndLearn) a.tl_chargeoff_fen += co;
        const std::int64_t rec = apply_rate(co, e.recovery_rate_);
        if constexpr (Log::enabled) log.event(m, "charged_off", co, 0, "unpaid interest and penalty written off: " + Money::from_units(oi + pen).to_string());
        if (rec > 0) {
          if (cp.recovery_lag_months == 0) {
            a.recoveries_fen += rec;
            a.partners[p].recoveries_fen += rec;
            share_loss(p, -rec);
            if constexpr (Log::enabled) log.event(m, "recovery", rec, 0, "collected on the charged-off loan");
          } else {
            b.recovery[i] = static_cast<std::int32_t>(rec);
            b.recovery_month[i] = clamp_month(m + cp.recovery_lag_months);
          }
        }
        st = static_cast<std::uint8_t>((st & ~(kHasLoan | kEver30 | kEver90 | kDefaulted | kTestAndLearn)) | kBarred);
        b.line[i] = 0;
        bal = op = oi = pen = 0;
        left = 0;
        b.missed[i] = 0;
      }
    }
    b.balance[i] = static_cast<std::int32_t>(bal);
    b.overdue_principal[i] = static_cast<std::int32_t>(op);
    b.overdue_interest[i] = static_cast<std::int32_t>(oi);
    b.penalty[i] = static_cast<std::int32_t>(pen);
    b.periods_left[i] = static_cast<std::uint8_t>(left);
    b.status[i] = st;
    if (st & kHasLoan) snapshot_loan(i);
  }

  void fund(std::size_t i, LifecycleRng& rng) {
    const FundPolicy& fp = e.policy_.fund;
    std::uint8_t st = b.status[i];
    const std::int64_t s0 = b.shares[i];
    // One 32-bit draw decides deposit (high half) and redemption (low half);
    // a second gives the redemption day (high 24 bits) and T+0 (low 8 bits).
    const std::uint32_t x = rng.next_u32();
    std::int64_t dep = 0;
    if (hit16(x >> 16, t.fund_deposit_p16[i])) {
      dep = std::int64_t(t.income_fen[i]) * t.fund_deposit_permille[i] / 1000;
      dep -= dep % 100;  // whole yuan
      if (dep < 100) dep = 100;
      if (!(st & kFundUser)) {
        st |= kFundUser;
        a.new_fund_users += 1;
        b.boost_days_left[i] = static_cast<std::uint16_t>(std::min(fp.boost.days, 65535));
      }
      if constexpr (Log::enabled) log.event(m, "deposit", dep, s0 + dep, "confirmed at the start of the month");
    }
    const std::int64_t s1 = s0 + dep;
    std::int64_t red = 0, fast = 0;
    int d = c.days;
    if (s1 > 0) {
      const std::uint64_t p16 = std::uint64_t(t.fund_redeem_p16[i]) * c.red_mult_ppm / 1'000'000;
      if (p16 > 0 && hit16(x & 0xFFFFu, p16)) {
        const std::uint32_t y = rng.next_u32();
        red = std::clamp<std::int64_t>(s1 * t.fund_redeem_permille[i] / 1000, 1, s1);
        d = 1 + static_cast<int>((std::uint64_t(y >> 8) * static_cast<std::uint64_t>(c.days)) >> 24);
        if (t.fund_fast_p8[i] == 255 || (y & 0xFFu) < t.fund_fast_p8[i]) {
          fast = std::min(red, e.fast_limit_daily_[static_cast<std::size_t>(c.first_day + d - 1)]);
          a.fast_count += 1;
          s.acc.fast_by_day[static_cast<std::size_t>(c.first_day + d - 1)] += fast;
        }
        if constexpr (Log::enabled) {
          log.event(m, "redeem", red, s1 - red,
                    "day " + std::to_string(d) + (fast ? ", T+0 fast " + Money::from_units(fast).to_string() : std::string()) +
                        (red - fast ? ", normal " + Money::from_units(red - fast).to_string() : std::string()));
        }
      }
    }
    const std::int64_t s2 = s1 - red;
    // Income: shares held on each day × that day's 万份收益 ÷ 10,000; redeemed
    // shares earn through the redemption day. units = fen × 1e8.
    const std::int64_t wd = c.w_prefix[d], wm = c.w_prefix[c.days];
    const std::int64_t units = s1 * wd + s2 * (wm - wd);
    const std::int64_t inc = units / 100'000'000, residual = units % 100'000'000;
    std::int64_t sub = 0;
    if (b.boost_days_left[i] > 0) {
      const int bd = std::min<int>(b.boost_days_left[i], c.days);
      const int b1 = std::min(bd, d), b2 = bd - b1;
      const std::int64_t cap = fp.boost.cap.units();
      const int128 base = int128(std::min(s1, cap)) * b1 + int128(std::min(s2, cap)) * b2;
      sub = money::narrow_checked(base * e.boost_units_ / (int128(money::Rate::one_units) * 365), "boost");
      b.boost_days_left[i] = static_cast<std::uint16_t>(b.boost_days_left[i] - bd);
    }
    const std::int64_t s3 = s2 + inc + sub;
    if constexpr (Log::enabled) {
      if (s1 > 0) log.event(m, "fund_income", inc + sub, s3, sub ? "boost 加息 " + Money::from_units(sub).to_string() : std::string());
    }
    b.shares[i] = s3;
    b.status[i] = st;
    a.deposits_fen += dep;
    a.redemptions_fen += red - fast;
    a.fast_redemptions_fen += fast;
    a.fund_income_fen += inc;
    a.fund_residual_units += residual;
    a.subsidy_fen += sub;
    a.aum_fen += s3;
    a.fund_holders += s3 > 0 ? 1 : 0;
  }

  void decline(std::size_t i, std::int64_t& counter, const char* why) {
    counter += 1;
    b.next_apply[i] = clamp_month(m + 1 + e.policy_.credit.reapply_after_decline_months);
    if constexpr (Log::enabled) log.event(m, "declined", 0, 0, why);
  }

  // The offer's hazard multiple (‰): debt-to-income after the loan above the
  // reference, and the amount above one month's income.
  std::uint16_t offer_hazard_permille(std::size_t i, std::int64_t amount, std::int64_t pay) const {
    const Assumptions& as = e.assumptions_;
    const std::int64_t income = std::max<std::int64_t>(1, t.income_fen[i]);
    const std::int64_t dti = (std::int64_t(t.debt_fen[i]) + pay) * 1000 / income;
    const std::int64_t rel = amount * 1000 / income;
    const std::int64_t f1 = 1000 + std::int64_t(as.dti_hazard_slope_permille) * std::max<std::int64_t>(0, dti - as.dti_ref_permille) / 1000;
    const std::int64_t f2 = 1000 + std::int64_t(as.amount_hazard_slope_permille) * std::max<std::int64_t>(0, rel - 1000) / 1000;
    return static_cast<std::uint16_t>(std::min<std::int64_t>(f1 * f2 / 1000, 65'535));
  }

  // P(the user takes the approved offer), ppm; 1,000,000 takes no draw.
  std::uint32_t takeup_ppm(std::size_t i, int band, std::int64_t amount) const {
    const Assumptions& as = e.assumptions_;
    const std::int64_t rate_bps = e.band_rate_bps_[static_cast<std::size_t>(band)];
    const std::int64_t excess = std::max<std::int64_t>(0, rate_bps - as.takeup_ref_rate_bps);
    const std::int64_t pd_frac = std::min<std::int64_t>(std::int64_t(t.pd_ppm[i]) * 1'000'000 / as.takeup_pd_ref_ppm, 1'000'000);
    const std::int64_t sens = std::int64_t(as.takeup_price_ppm_per_pp) * (1'000'000 - (1'000'000 - std::int64_t(as.takeup_price_pd_floor_ppm)) * pd_frac / 1'000'000) / 1'000'000;
    const std::int64_t price = std::max<std::int64_t>(0, 1'000'000 - sens * excess / 100);
    const std::int64_t request = std::int64_t(t.request_hundreds[i]) * 10'000;
    const std::int64_t shortfall = request > amount ? (request - amount) * 1'000'000 / request : 0;
    const std::int64_t limit = 1'000'000 - std::int64_t(as.takeup_limit_ppm) * shortfall / 1'000'000;
    return static_cast<std::uint32_t>(std::int64_t(as.takeup_base_ppm) * price / 1'000'000 * limit / 1'000'000);
  }

  // Fits the loan into the debt-to-income room (existing debt payments + the
  // new payment ≤ max_dti × income), shrinking the amount by whole steps:
  // 0 = fits, 1 = no room at all, 2 = not even the minimum loan fits.
  int fit_dti(std::size_t i, int band, int term, std::int64_t& amount, std::int64_t& pay, std::int32_t& level) const {
    const CreditPolicy& cp = e.policy_.credit;
    const std::int64_t step = cp.amount_step.units(), min_loan = cp.min_loan.units();
    const std::int64_t room = ExactRate::of(cp.max_dti).apply(Money::from_units(t.income_fen[i]), Rounding::floor).units() - t.debt_fen[i];
    if (room <= 0) return 1;
    pay = dti_payment(amount, band, term, level);
    if (pay <= room) return 0;
    std::int64_t reduced = money::narrow_checked(int128(amount) * room / pay, "dti");
    reduced -= reduced % step;
    while (reduced >= min_loan && dti_payment(reduced, band, term, level) > room) reduced -= step;
    if (reduced < min_loan) return 2;
    amount = reduced;
    pay = dti_payment(amount, band, term, level);
    return 0;
  }

  void apply(std::size_t i, LifecycleRng& rng) {
    const CreditPolicy& cp = e.policy_.credit;
    const int score = e.score_now(t, b, i);
    a.applicants += 1;
    a.data_cost_fen += e.data_fen_;  // every decision queries the bureau and data vendors
    if (!(b.status[i] & kApplied)) {
      b.status[i] = static_cast<std::uint8_t>(b.status[i] | kApplied);
      a.new_applicants += 1;
      a.acquisition_cost_fen += e.acquisition_fen_;
    }
    a.applicant_bands[e.scores_.card_band[score]] += 1;
    if constexpr (Log::enabled) log.event(m, "applied", std::int64_t(t.request_hundreds[i]) * 10'000, 0, "score " + std::to_string(score));
    if (!credit::ConsentMask::from_bits(t.consent[i]).contains(cp.required_consents)) {
      return decline(i, a.declined_consent, "a required consent is not granted");
    }
    bool test_and_learn = false;
    if (score < cp.cutoff) {
      if (cp.refer_from && score >= *cp.refer_from) {
        a.referred += 1;
        if (!rng.bernoulli_ppm(e.refer_ppm_)) return decline(i, a.declined_refer, "declined by manual review (refer band)");
        a.refer_approved += 1;
      } else if (e.test_and_learn_ppm_ > 0 && rng.bernoulli_ppm(e.test_and_learn_ppm_)) {
        test_and_learn = true;
        a.tl_approved += 1;
      } else {
        return decline(i, a.declined_score, "score below the cutoff");
      }
    }
    const int band = e.policy_band_[score];
    const int ib = cp.income_band_of(Money::from_units(t.income_fen[i]));
    std::int64_t limit = cp.limits[band][ib].units();
    if (test_and_learn) limit = std::max(limit, e.test_and_learn_limit_[static_cast<std::size_t>(ib)]);
    if (b.loans[i] == 0 && cp.first_loan_cap.is_positive()) limit = std::min(limit, cp.first_loan_cap.units());
    const std::int64_t step = cp.amount_step.units(), min_loan = cp.min_loan.units();
    if (limit < min_loan) return decline(i, a.declined_limit, "no limit for this score and income band");
    std::int64_t amount = std::min<std::int64_t>(std::int64_t(t.request_hundreds[i]) * 10'000, limit);
    amount -= amount % step;
    if (amount < min_loan) amount = min_loan;
    const int term = cp.terms_months[rng.below(cp.terms_months.size())];
    std::int32_t level = 0;
    std::int64_t pay = 0;
    switch (fit_dti(i, band, term, amount, pay, level)) {
      case 1: return decline(i, a.declined_dti, "existing debt already at the debt-to-income limit");
      case 2: return decline(i, a.declined_dti, "the minimum loan would exceed the debt-to-income limit");
      default: break;
    }
    a.approved += 1;
    const std::uint16_t key = static_cast<std::uint16_t>(std::min(score, 1023) * 16 + static_cast<int>(rng.next_u32() >> 28));
    const std::uint32_t takeup = takeup_ppm(i, band, amount);
    if (takeup < 1'000'000 && !rng.bernoulli_ppm(takeup)) {
      a.not_taken_up += 1;
      b.next_apply[i] = clamp_month(m + 1);
      if constexpr (Log::enabled) log.event(m, "not_taken_up", amount, 0, "the user did not take the offer");
      return;
    }
    s.pending.push_back(PendingLoan{static_cast<std::uint32_t>(i), key, static_cast<std::uint8_t>(term), static_cast<std::uint8_t>(band),
                                    static_cast<std::uint8_t>(test_and_learn ? 1 : 0), static_cast<std::int32_t>(amount), level,
                                    offer_hazard_permille(i, amount, pay), 0, static_cast<std::int32_t>(limit)});
    s.demand[key] += amount;
    if constexpr (Log::enabled) {
      log.event(m, "approved", amount, 0,
                std::to_string(term) + " months at " + e.policy_.credit.annual_rate(band).to_percent_string(2) + "% a year, first payment " +
                    Money::from_units(pay).to_string());
    }
  }

  // A draw on the user's open line (limit ladder): no application, no data
  // query, no take-up draw (the user chose to draw); priced at the current
  // score's band; the debt-to-income rule still applies.
  void draw(std::size_t i, LifecycleRng& rng) {
    const CreditPolicy& cp = e.policy_.credit;
    const int score = e.score_now(t, b, i);
    const int band = e.policy_band_[score];
    const std::int64_t step = cp.amount_step.units();
    std::int64_t amount = std::min<std::int64_t>(std::int64_t(t.request_hundreds[i]) * 10'000, b.line[i]);
    amount -= amount % step;
    amount = std::max(amount, cp.min_loan.units());  // a line is never below the smallest loan
    const int term = cp.terms_months[rng.below(cp.terms_months.size())];
    std::int32_t level = 0;
    std::int64_t pay = 0;
    if (fit_dti(i, band, term, amount, pay, level) != 0) {
      b.next_apply[i] = clamp_month(m + 1);
      if constexpr (Log::enabled) log.event(m, "draw_refused", amount, 0, "the debt-to-income limit leaves no room");
      return;
    }
    const std::uint16_t key = static_cast<std::uint16_t>(score * 16 + static_cast<int>(rng.next_u32() >> 28));
    s.pending.push_back(PendingLoan{static_cast<std::uint32_t>(i), key, static_cast<std::uint8_t>(term), static_cast<std::uint8_t>(band), 0,
                                    static_cast<std::int32_t>(amount), level, offer_hazard_permille(i, amount, pay), 1, b.line[i]});
    s.demand[key] += amount;
    if constexpr (Log::enabled) {
      log.event(m, "drew", amount, 0, "on a line of " + Money::from_units(b.line[i]).to_string() + ", " + std::to_string(term) + " months");
    }
  }

  // The month's re-score of an open line (sim/limit_ladder.hpp).
  void review_line(std::size_t i) {
    const CreditPolicy& cp = e.policy_.credit;
    const int score = e.score_now(t, b, i);
    const std::int64_t step = cp.amount_step.units();
    std::int64_t line = b.line[i];
    if (score < e.ladder_close_below_) {
      line = 0;
      a.lines_closed += 1;
      if constexpr (Log::enabled) log.event(m, "line_closed", b.line[i], 0, "score " + std::to_string(score));
    } else if (score < e.ladder_cut_below_ || ((b.status[i] & kHasLoan) && b.missed[i] > 0)) {
      if (b.ladder_clean[i] != kLadderCut) {
        line = e.ladder_keep_.apply(Money::from_units(line), Rounding::floor).units();
        line -= line % step;
        if (line < cp.min_loan.units()) line = 0;
        (line == 0 ? a.lines_closed : a.lines_cut) += 1;
        if constexpr (Log::enabled) log.event(m, line == 0 ? "line_closed" : "line_cut", line, 0, "score " + std::to_string(score));
      }
      b.ladder_clean[i] = kLadderCut;
    } else {
      const int clean = b.ladder_clean[i] == kLadderCut ? 1 : std::min(b.ladder_clean[i] + 1, 254);
      b.ladder_clean[i] = static_cast<std::uint8_t>(clean);
      if (clean >= cp.ladder->raise_after_clean_months) {
        std::int64_t cap = cp.limits[e.policy_band_[score]][cp.income_band_of(Money::from_units(t.income_fen[i]))].units();
        if (cp.ladder->max.is_positive()) cap = std::min(cap, cp.ladder->max.units());
        std::int64_t up = e.ladder_raise_.apply(Money::from_units(line), Rounding::floor).units();
        up = std::min(up - up % step, cap);
        if (up > line) {
          line = up;
          a.lines_raised += 1;
          if constexpr (Log::enabled) log.event(m, "line_raised", line, 0, "score " + std::to_string(score));
        }
        b.ladder_clean[i] = 0;
      }
    }
    b.line[i] = static_cast<std::int32_t>(line);
    if (line > 0) {
      a.open_lines += 1;
      a.open_line_fen += line;
    }
  }

  // The month's behaviour drift (Assumptions): an AR(1) step whose noise is
  // the Irwin-Hall sum of four 16-bit uniforms (mean 131,070, sd 37,837),
  // in 1/16 points; a defaulted borrower's score falls further.
  void update_drift(std::size_t i, LifecycleRng& rng) {
    const Assumptions& as = e.assumptions_;
    std::int64_t d = b.drift[i];
    d -= d * std::int64_t(as.drift_reversion_ppm) / 1'000'000;  // toward zero
    if (as.drift_sd_points > 0) {
      const std::uint32_t x = rng.next_u32(), y = rng.next_u32();
      const std::int64_t sum = std::int64_t(x >> 16) + (x & 0xFFFFu) + (y >> 16) + (y & 0xFFFFu);
      d += (sum - 131'070) * std::int64_t(as.drift_sd_points) * 16 / 37'837;
    }
    if ((b.status[i] & (kHasLoan | kDefaulted)) == (kHasLoan | kDefaulted)) d -= std::int64_t(as.drift_default_points) * 16;
    d = std::clamp<std::int64_t>(d, -kDriftMaxPoints * 16, kDriftMaxPoints * 16);
    b.drift[i] = static_cast<std::int16_t>(d);
    if (d <= -20 * 16) a.score_down_20 += 1;
  }

  void run(std::size_t i) {
    const std::uint64_t uid = t.first_user + i;
    LifecycleRng rng(e.lifecycle_key_, uid, static_cast<std::uint32_t>(m));
    if (b.recovery[i] != 0) recover(i);
    if (b.status[i] & kHasLoan) service_loan(i, rng);
    if (t.fund_deposit_p16[i] != 0) fund(i, rng);
    if (b.line[i] != 0) review_line(i);
    const std::uint8_t st = b.status[i];
    if (!(st & (kHasLoan | kBarred)) && m >= b.next_apply[i] && b.line[i] != 0) {
      const std::uint32_t dp = scale_ppm(e.assumptions_.repeat_draw_ppm, c.app_mult_ppm);
      if (dp > 0 && rng.bernoulli_ppm(dp)) draw(i, rng);
    } else if (!(st & (kHasLoan | kBarred)) && m >= b.next_apply[i]) {
      std::uint32_t ap = t.apply_ppm[i];
      if (e.fraudster(t, i)) ap = static_cast<std::uint32_t>(std::min<std::uint64_t>(std::uint64_t(ap) * e.assumptions_.fraud_apply_multiple, 1'000'000));
      if (rng.bernoulli_ppm(scale_ppm(ap, c.app_mult_ppm))) apply(i, rng);
    }
    if (b.recovery[i] != 0) a.recovery_pending_fen += b.recovery[i];
    if (e.drift_on_) update_drift(i, rng);
  }
};

template <class Log>
void Engine::phase_a(const Traits& t, Book& b, Shard& s, int m, std::size_t begin, std::size_t end, Log& log) const {
  FINLAB_REQUIRE(m >= 0 && m < shape_.months, "month " << m << " outside the run");
  UserStep<Log> step{*this, t, b, s, m, months_[m], s.acc.month[m], log};
  for (std::size_t i = begin; i < end; ++i) step.run(i);
}

// ---------------------------------------------------------------- [SECTION] phase B
template <class Log>
void Engine::phase_b(const Traits& t, Book& b, Shard& s, int m, const MonthAllocation& alloc, Log& log) const {
  MonthAcc& a = s.acc.month[m];
  UserStep<Log> step{*this, t, b, s, m, months_[m], a, log};
  for (const PendingLoan& pl : s.pending) {
    const std::size_t i = pl.index;
    const int p = alloc.partner_of_key[pl.key];
    if (p < 0) {
      a.declined_capacity += 1;
      b.next_apply[i] = clamp_month(m + 1);
      if constexpr (Log::enabled) log.event(m, "declined", 0, 0, "approved, but no partner had capacity this month");
      continue;
    }
    b.balance[i] = pl.amount;
    b.payment[i] = pl.payment;
    b.overdue_principal[i] = 0;
    b.overdue_interest[i] = 0;
    b.penalty[i] = 0;
    b.booked[i] = pl.amount;
    b.status[i] = static_cast<std::uint8_t>((b.status[i] & ~(kDefaulted | kEver30 | kEver90 | kTestAndLearn)) | kHasLoan | (pl.test_and_learn ? kTestAndLearn : 0));
    if (pl.test_and_learn) {
      a.tl_booked += 1;
      a.tl_booked_fen += pl.amount;
    }
    b.band[i] = pl.band;
    b.hazard_permille[i] = pl.hazard_permille;
    if (pl.repeat) {
      a.repeat_draws += 1;
      a.repeat_draw_fen += pl.amount;
    } else if (ladder_on_) {
      b.line[i] = pl.line;  // the approved limit becomes the user's line
      b.ladder_clean[i] = 0;
    }
    if (fraudster(t, i)) {
      // Borrowed with no intent to repay: defaulted from the start (first-payment default).
      b.status[i] |= kDefaulted;
      a.defaults += 1;
      a.fraud_booked += 1;
    }
    b.periods_left[i] = pl.term;
    b.missed[i] = 0;
    b.orig_month[i] = static_cast<std::uint8_t>(m);
    b.partner[i] = static_cast<std::uint8_t>(p);
    if (b.loans[i] == 0) a.first_loans += 1;
    if (b.loans[i] < 255) b.loans[i] += 1;
    a.booked_count += 1;
    a.booked_fen += pl.amount;
    a.partners[p].booked_fen += pl.amount;
    const std::int64_t fee = apply_rate(pl.amount, fee_rate_);
    a.fee_fen += fee;
    a.partners[p].income_fen += fee;
    if constexpr (Log::enabled) {
      log.event(m, "booked", pl.amount, pl.amount,
                "funded by " + policy_.partners[p].name + ", " + std::to_string(pl.term) + " months" +
                    (fee ? ", fee " + Money::from_units(fee).to_string() : std::string()));
    }
    step.snapshot_loan(i);
  }
}

template void Engine::phase_a<NoLog>(const Traits&, Book&, Shard&, int, std::size_t, std::size_t, NoLog&) const;
template void Engine::phase_a<UserLog>(const Traits&, Book&, Shard&, int, std::size_t, std::size_t, UserLog&) const;
template void Engine::phase_b<NoLog>(const Traits&, Book&, Shard&, int, const MonthAllocation&, NoLog&) const;
template void Engine::phase_b<UserLog>(const Traits&, Book&, Shard&, int, const MonthAllocation&, UserLog&) const;

}  // namespace finlab::sim
