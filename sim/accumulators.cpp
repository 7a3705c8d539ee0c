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

}  // namespace finlab::sim
