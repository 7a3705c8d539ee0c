// core/credit/reason_text.hpp: bins in words for the browser, in English and
// Chinese: income bands as yuan ranges, shares as percentages (issue 14: no
// raw "{5k-10k}" or "[0.95, 0.97)" in a reason).
#include <catch2/catch.hpp>

#include <limits>

#include "core/credit/reason_text.hpp"

using namespace finlab;
using text::Lang;
using text::render;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

credit::Bin bin(double lo, double hi, const char* label) {
  credit::Bin b;
  b.lo = lo;
  b.hi = hi;
  b.label = label;
  return b;
}

credit::FeatureBinning feature(const char* name, const char* label, int decimals, credit::FeatureType type) {
  credit::FeatureBinning fb;
  fb.name = name;
  fb.label = label;
  fb.decimals = decimals;
  fb.type = type;
  return fb;
}
}  // namespace

TEST_CASE("Income bands read as yuan ranges in both languages", "[credit][reason][text]") {
  auto fb = feature("income_band", "Monthly income band", 0, credit::FeatureType::ordinal);
  fb.levels = {"< 3k", "3k-5k", "5k-10k", "10k-20k", "> 20k"};
  // Codes 0..4; bins cover [-inf, 1), [1, 2), [2, 4), [4, inf) as the binner labels them.
  fb.bins = {bin(-kInf, 1, "{< 3k}"), bin(1, 2, "{3k-5k}"), bin(2, 4, "{5k-10k, 10k-20k}"), bin(4, kInf, "{> 20k}")};
  CHECK(render(credit::bin_words(fb, 0), Lang::en) == "under 3,000 yuan");
  CHECK(render(credit::bin_words(fb, 0), Lang::zh) == "3,000 元以下");
  CHECK(render(credit::bin_words(fb, 1), Lang::en) == "3,000–5,000 yuan");
  CHECK(render(credit::bin_words(fb, 2), Lang::en) == "5,000–20,000 yuan");
  CHECK(render(credit::bin_words(fb, 2), Lang::zh) == "5,000–20,000 元");
  CHECK(render(credit::bin_words(fb, 3), Lang::zh) == "20,000 元以上");
  const std::string reason = render(credit::reason_plain(fb, 1, 3, 12), Lang::zh);
  CHECK(reason == "月收入区间：3,000–5,000 元；最好的区间是 20,000 元以上（−12 分）");
}

TEST_CASE("Shares read as percentages, with the numbers unchanged", "[credit][reason][text]") {
  auto fb = feature("bill_ontime_share", "On-time bill payments", 2, credit::FeatureType::numeric);
  fb.bins = {bin(-kInf, 0.95, "< 0.95"), bin(0.95, 0.97, "[0.95, 0.97)"), bin(0.97, kInf, ">= 0.97")};
  CHECK(render(credit::bin_words(fb, 0), Lang::en) == "under 95%");
  CHECK(render(credit::bin_words(fb, 1), Lang::en) == "95% to under 97%");
  CHECK(render(credit::bin_words(fb, 1), Lang::zh) == "95% 至 97%（不含）");
  CHECK(render(credit::bin_words(fb, 2), Lang::zh) == "97% 或以上");
  CHECK(render(credit::change_plain(fb, 0, 2, 0.93, 16), Lang::en) == "raise on-time bill payments from 93% to at least 97% (+16 points)");
  // A feature in other units keeps its numbers as recorded.
  auto churn = feature("install_churn", "App install churn", 1, credit::FeatureType::numeric);
  churn.bins = {bin(-kInf, 2.5, "< 2.5"), bin(2.5, kInf, ">= 2.5")};
  CHECK(render(credit::bin_words(churn, 0), Lang::en) == "under 2.5");
}
