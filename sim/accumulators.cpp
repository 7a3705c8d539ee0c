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
}

void RunAcc::init(int m, int days) {
  months = m;
  month.assign(static_cast<std::size_t>(m), MonthAcc{});
  vintage_bad_count.assign(static_cast<std::size_t>(m) * (m + 1), 0);
  vintage_bad_fen.assign(static_cast<std::size_t>(m) * (m + 1), 0);
  fast_by_day.assign(static_cast<std::size_t>(days), 0);
}

void RunAcc::add(const RunAcc& o) {
  FINLAB_REQUIRE(months == o.months && fast_by_day.size() == o.fast_by_day.size(), "RunAcc::add: runs of different shape");
  for (int m = 0; m < months; ++m) month[m].add(o.month[m]);
  for (std::size_t i = 0; i < vintage_bad_count.size(); ++i) {
    vintage_bad_count[i] += o.vintage_bad_count[i];
    vintage_bad_fen[i] += o.vintage_bad_fen[i];
  }
  for (std::size_t i = 0; i < fast_by_day.size(); ++i) fast_by_day[i] += o.fast_by_day[i];
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
}

}  // namespace

std::vector<std::int64_t> RunAcc::pack() const {
  std::vector<std::int64_t> v;
  for (const auto& a : month) each_month_value(a, [&v](std::int64_t x) { v.push_back(x); });
  v.insert(v.end(), vintage_bad_count.begin(), vintage_bad_count.end());
  v.insert(v.end(), vintage_bad_fen.begin(), vintage_bad_fen.end());
  v.insert(v.end(), fast_by_day.begin(), fast_by_day.end());
  return v;
}

void RunAcc::unpack(const std::vector<std::int64_t>& v) {
  std::size_t i = 0;
  auto take = [&](std::int64_t& x) {
    FINLAB_REQUIRE(i < v.size(), "RunAcc::unpack: " << v.size() << " values are too few for this run's shape");
    x = v[i++];
  };
  for (auto& a : month) each_month_value(a, take);
  for (auto& x : vintage_bad_count) take(x);
  for (auto& x : vintage_bad_fen) take(x);
  for (auto& x : fast_by_day) take(x);
  FINLAB_REQUIRE(i == v.size(), "RunAcc::unpack: " << v.size() << " values for a run that has " << i);
}

}  // namespace finlab::sim
