// Checked whole-number arithmetic on amounts held as int64 minor units (fen,
// share units): overflow is an error naming what was being added, never a
// wrap (DESIGN.md "Money is exact"; docs/limits.md "Amounts"). Use these for
// running totals whose size depends on user input (balances, sums over days).
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace finlab::money {

[[noreturn]] inline void amount_overflow(const char* what) {
  throw Error(std::string("amount too large: the ") + what +
              " passed 92,233,720,368,547,758.07 yuan (int64 fen); reduce the amounts (docs/limits.md)");
}

inline std::int64_t add_checked(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) amount_overflow(what);
  return r;
}

inline std::int64_t sub_checked(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) amount_overflow(what);
  return r;
}

inline std::int64_t mul_checked(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) amount_overflow(what);
  return r;
}

}  // namespace finlab::money
