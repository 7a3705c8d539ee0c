#include "sim/credit_quality.hpp"

#include "core/error.hpp"

namespace finlab::sim {

std::vector<FpdRow> fpd_by_vintage(const RunAcc& acc) {
  std::vector<FpdRow> out;
  for (int o = 0; o < acc.months; ++o) {
    const std::size_t k = static_cast<std::size_t>(o);
    if (acc.month[k].booked_count == 0) continue;
    out.push_back(FpdRow{o, acc.month[k].booked_count, acc.fpd_due[k], acc.fpd7[k], acc.fpd30[k], o + 2 < acc.months});
  }
  return out;
}

std::vector<FlowRow> flow_rates(const RunAcc& acc) {
  std::vector<FlowRow> out;
  for (int m = 0; m < acc.months; ++m) {
    FlowRow r;
    r.month = m;
    const auto& roll = acc.month[static_cast<std::size_t>(m)].roll;
    for (int k = 0; k < 6; ++k) {
      for (int to = 0; to < kRollTo; ++to) r.from[k] += roll[static_cast<std::size_t>(k * kRollTo + to)];
      r.rolled[k] = roll[static_cast<std::size_t>(k * kRollTo + k + 1)];
    }
    out.push_back(r);
  }
  return out;
}

std::array<std::int64_t, kBuckets * kRollTo> pooled_rolls(const RunAcc& acc) {
  std::array<std::int64_t, kBuckets * kRollTo> sum{};
  for (const auto& a : acc.month) {
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += a.roll[k];
  }
  return sum;
}

std::string bucket_name(int bucket) { return bucket == 0 ? "C" : "M" + std::to_string(bucket); }

std::string roll_to_name(int to) {
  if (to == kRollPaidOff) return "paid off";
  if (to == kRollChargedOff) return "charged off";
  return bucket_name(to);
}

std::vector<VintageQualityPoint> vintage_quality(const RunAcc& acc) {
  std::vector<VintageQualityPoint> out;
  const int M = acc.months;
  for (int o = 0; o < M; ++o) {
    const MonthAcc& a = acc.month[static_cast<std::size_t>(o)];
    if (a.booked_count == 0) continue;
    VintageQualityPoint p;
    p.orig_month = o;
    p.loans = a.booked_count;
    p.booked_fen = a.booked_fen;
    for (int mob = 1; o + mob < M; ++mob) {
      const std::size_t i = std::size_t(o) * (M + 1) + mob;
      p.mob = mob;
      p.ever30 += acc.vintage_bad_count[i];
      p.ever90 += acc.vintage_bad90_count[i];
      p.chargeoff_fen += acc.vintage_chargeoff_fen[i];
      p.m3p_fen = acc.vintage_m3p_fen[i];
      out.push_back(p);
    }
  }
  return out;
}

LoanClass class_of_bucket(int bucket) {
  FINLAB_REQUIRE(bucket >= 0, "bucket " << bucket);
  if (bucket == 0) return LoanClass::normal;
  if (bucket <= 3) return LoanClass::special_mention;  // 1-90 days past due
  if (bucket <= 9) return LoanClass::substandard;      // 91-270
  if (bucket <= 12) return LoanClass::doubtful;        // 271-360
  return LoanClass::loss;                              // more than 360
}

std::string class_name_en(LoanClass c) {
  switch (c) {
    case LoanClass::normal: return "normal";
    case LoanClass::special_mention: return "special mention";
    case LoanClass::substandard: return "substandard";
    case LoanClass::doubtful: return "doubtful";
    case LoanClass::loss: return "loss";
  }
  return "";
}

std::string class_name_zh(LoanClass c) {
  switch (c) {
    case LoanClass::normal: return "正常";
    case LoanClass::special_mention: return "关注";
    case LoanClass::substandard: return "次级";
    case LoanClass::doubtful: return "可疑";
    case LoanClass::loss: return "损失";
  }
  return "";
}

std::vector<ClassRow> classification_by_month(const RunAcc& acc) {
  std::vector<ClassRow> out;
  for (int m = 0; m < acc.months; ++m) {
    ClassRow r;
    r.month = m;
    const MonthAcc& a = acc.month[static_cast<std::size_t>(m)];
    for (int k = 0; k < kBuckets; ++k) {
      const int c = static_cast<int>(class_of_bucket(k));
      r.loans[c] += a.bucket_count[k];
      r.outstanding_fen[c] += a.bucket_fen[k];
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace finlab::sim
