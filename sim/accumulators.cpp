#include "sim/accumulators.hpp"

#include "core/error.hpp"

namespace finlab::sim {

void PartnerAcc::add(const PartnerAcc& o) {
#define FINLAB_X(name, doc) name += o.name;
  FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
#undef FINLAB_X
}

void MonthAcc::add(const MonthAcc& o) {
#define FINLAB_X(name, doc) name += o.name;
  FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
  for (int p = 0; p < kMaxPartners; ++p) partners[p].add(o.partners[p]);
  for (int b = 0; b < kMaxScoreBands; ++b) applicant_bands[b] += o.applicant_bands[b];
  for (int b = 0; b < kBuckets; ++b) {
    bucket_count[b] += o.bucket_count[b];
    bucket_fen[b] += o.bucket_fen[b];
  }
  for (std::size_t k = 0; k < roll.size(); ++k) roll[k] += o.roll[k];
}

namespace {

void add_into(std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  FINLAB_REQUIRE(a.size() == b.size(), "RunAcc::add: runs of different shape");
  for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
}

}  // namespace

void RunAcc::init(int m, int days) {
  months = m;
  month.assign(static_cast<std::size_t>(m), MonthAcc{});
  vintage_bad_count.assign(static_cast<std::size_t>(m) * (m + 1), 0);
  vintage_bad_fen.assign(static_cast<std::size_t>(m) * (m + 1), 0);
  fast_by_day.assign(static_cast<std::size_t>(days), 0);
  for (auto* v : {&vintage_bad90_count, &vintage_bad90_fen, &vintage_m3p_fen, &vintage_chargeoff_fen}) {
    v->assign(static_cast<std::size_t>(m) * (m + 1), 0);
  }
  for (auto* v : {&fpd_due, &fpd7, &fpd30}) v->assign(static_cast<std::size_t>(m), 0);
}

void RunAcc::add(const RunAcc& o) {
  FINLAB_REQUIRE(months == o.months && fast_by_day.size() == o.fast_by_day.size(), "RunAcc::add: runs of different shape");
  for (int m = 0; m < months; ++m) month[m].add(o.month[m]);
  for (std::size_t i = 0; i < vintage_bad_count.size(); ++i) {
    vintage_bad_count[i] += o.vintage_bad_count[i];
    vintage_bad_fen[i] += o.vintage_bad_fen[i];
  }
  for (std::size_t i = 0; i < fast_by_day.size(); ++i) fast_by_day[i] += o.fast_by_day[i];
  add_into(vintage_bad90_count, o.vintage_bad90_count);
  add_into(vintage_bad90_fen, o.vintage_bad90_fen);
  add_into(vintage_m3p_fen, o.vintage_m3p_fen);
  add_into(vintage_chargeoff_fen, o.vintage_chargeoff_fen);
  add_into(fpd_due, o.fpd_due);
  add_into(fpd7, o.fpd7);
  add_into(fpd30, o.fpd30);
}

namespace {

// Calls f(value) on every integer of a month in a fixed order.
template <class M, class F>
void each_month_value(M& a, F&& f) {
#define FINLAB_X(name, doc) f(a.name);
  FINLAB_SIM_MONTH_FIELDS(FINLAB_X)
#undef FINLAB_X
#define FINLAB_X(name, doc) f(p.name);
  for (auto& p : a.partners) {
    FINLAB_SIM_PARTNER_FIELDS(FINLAB_X)
  }
#undef FINLAB_X
  for (auto& b : a.applicant_bands) f(b);
  for (auto& b : a.bucket_count) f(b);
  for (auto& b : a.bucket_fen) f(b);
  for (auto& r : a.roll) f(r);
}

// Calls f(vector) on every per-vintage vector after the month values, in a fixed order.
template <class R, class F>
void each_vector(R& r, F&& f) {
  f(r.vintage_bad_count);
  f(r.vintage_bad_fen);
  f(r.fast_by_day);
  f(r.vintage_bad90_count);
  f(r.vintage_bad90_fen);
  f(r.vintage_m3p_fen);
  f(r.vintage_chargeoff_fen);
  f(r.fpd_due);
  f(r.fpd7);
  f(r.fpd30);
}

}  // namespace

std::vector<std::int64_t> RunAcc::pack() const {
  std::vector<std::int64_t> v;
  for (const auto& a : month) each_month_value(a, [&v](std::int64_t x) { v.push_back(x); });
  each_vector(*this, [&v](const std::vector<std::int64_t>& x) { v.insert(v.end(), x.begin(), x.end()); });
  return v;
}

void RunAcc::unpack(const std::vector<std::int64_t>& v) {
  std::size_t i = 0;
  auto take = [&](std::int64_t& x) {
    FINLAB_REQUIRE(i < v.size(), "RunAcc::unpack: " << v.size() << " values are too few for this run's shape");
    x = v[i++];
  };
  for (auto& a : month) each_month_value(a, take);
  each_vector(*this, [&take](std::vector<std::int64_t>& x) {
    for (auto& e : x) take(e);
  });
  FINLAB_REQUIRE(i == v.size(), "RunAcc::unpack: " << v.size() << " values for a run that has " << i);
}

}  // namespace finlab::sim
