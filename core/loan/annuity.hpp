// The equal-installment (等额本息) payment, exact to the fen:
//   A = P · r · (1+r)^n / ((1+r)^n − 1)      (DOMAIN.md §2.2(a)), rounded once.
// With r = num/den exactly this is the rational number
//   A = P · num · (den+num)^n / (den · ((den+num)^n − den^n)).
// `annuity_payment` computes it in double (with (1+r)^n − 1 formed without
// cancellation) and accepts that value only when it is farther from the
// rounding boundary (x.5 fen for half-up) than a proven error bound; otherwise
// it repairs the result with the exact rational above in Boost cpp_int. So the
// answer is always the exactly rounded annuity, quickly. No double holds
// money: the double is only an estimate of where the exact value lies.
#pragma once

#include <optional>

#include "core/loan/rate_convention.hpp"
#include "core/money/money.hpp"

namespace finlab::loan {

// Exactly rounded annuity payment of `principal` over `periods` at `rate` per
// period (zero rate: principal / periods). periods >= 1, principal >= 0.
money::Money annuity_payment(money::Money principal, ExactRate rate, int periods, money::Rounding mode);

// The same value from the exact rational path only (Boost cpp_int); slow, for
// tests and for the rare repair case.
money::Money annuity_payment_exact(money::Money principal, ExactRate rate, int periods, money::Rounding mode);

// The fast double path alone: the rounded payment when the double estimate is
// provably on one side of the rounding boundary, nullopt when it is too close
// to call (then annuity_payment falls back to the exact path).
std::optional<money::Money> annuity_payment_fast(money::Money principal, ExactRate rate, int periods, money::Rounding mode);

}  // namespace finlab::loan
