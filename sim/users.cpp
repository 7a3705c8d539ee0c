#include "sim/users.hpp"

namespace finlab::sim {

namespace {
template <class V>
std::size_t elem(const V&) {
  return sizeof(typename V::value_type);
}
}  // namespace

void Traits::resize(std::size_t n) {
  score.resize(n);
  score_app.resize(n);
  consent.resize(n);
  bad.resize(n);
  pd_ppm.resize(n);
  hazard_ppm.resize(n);
  income_fen.resize(n);
  debt_fen.resize(n);
  apply_ppm.resize(n);
  request_hundreds.resize(n);
  fund_deposit_p16.resize(n);
  fund_deposit_permille.resize(n);
  fund_redeem_p16.resize(n);
  fund_redeem_permille.resize(n);
  fund_fast_p8.resize(n);
  risk_u32.resize(n);
}

std::size_t Traits::bytes_per_user() const {
  return elem(score) + elem(score_app) + elem(consent) + elem(bad) + elem(pd_ppm) + elem(hazard_ppm) + elem(income_fen) +
         elem(debt_fen) + elem(apply_ppm) + elem(request_hundreds) + elem(fund_deposit_p16) + elem(fund_deposit_permille) +
         elem(fund_redeem_p16) + elem(fund_redeem_permille) + elem(fund_fast_p8) + elem(risk_u32);
}

void Book::resize(std::size_t n) {
  auto reset = [n](auto& v) { v.assign(n, {}); };
  reset(balance);
  reset(payment);
  reset(overdue_principal);
  reset(overdue_interest);
  reset(penalty);
  reset(booked);
  reset(recovery);
  reset(status);
  reset(band);
  reset(periods_left);
  reset(missed);
  reset(orig_month);
  reset(partner);
  reset(loans);
  reset(next_apply);
  reset(recovery_month);
  reset(hazard_permille);
  reset(drift);
  reset(line);
  reset(ladder_clean);
  reset(shares);
  reset(boost_days_left);
}

std::size_t Book::bytes_per_user() const {
  return elem(balance) + elem(payment) + elem(overdue_principal) + elem(overdue_interest) + elem(penalty) + elem(booked) +
         elem(recovery) + elem(status) + elem(band) + elem(periods_left) + elem(missed) + elem(orig_month) + elem(partner) +
         elem(loans) + elem(next_apply) + elem(recovery_month) + elem(hazard_permille) + elem(drift) + elem(line) + elem(ladder_clean) + elem(shares) + elem(boost_days_left);
}

}  // namespace finlab::sim
