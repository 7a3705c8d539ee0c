#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "sim/sweep.hpp"

using namespace finlab;
using namespace finlab::sim;
using Catch::Matchers::Contains;

TEST_CASE("Cutoff ranges parse as FROM:TO:STEP and reject the rest", "[sim][sweep]") {
  CHECK(parse_cutoff_range("520:700:10").value().size() == 19);
  CHECK(parse_cutoff_range("600:600:5").value() == std::vector<int>{600});
  CHECK(parse_cutoff_range("600:615:10").value() == std::vector<int>{600, 610});
  CHECK_THAT(parse_cutoff_range("700:520:10").error(), Contains("inverted range"));
  CHECK_THAT(parse_cutoff_range("520:700:0").error(), Contains("step must be positive"));
  CHECK_THAT(parse_cutoff_range("520-700").error(), Contains("FROM:TO:STEP"));
  CHECK_THAT(parse_cutoff_range("a:700:10").error(), Contains("\"a\" is not a whole number"));
  CHECK_FALSE(parse_cutoff_range("0:1000:1").ok());  // too many points
}

TEST_CASE("A cutoff keeps the refer band's width below it", "[sim][sweep]") {
  std::ifstream f(FINLAB_SOURCE_DIR "/assets/policies/baseline-2015.json");
  std::stringstream ss;
  ss << f.rdbuf();
  const Policy p = parse_policy(ss.str()).value();
  const Policy q = with_cutoff(p, 650);
  CHECK(q.credit.cutoff == 650);
  CHECK(q.credit.refer_from == 630);
  CHECK(parse_policy(policy_to_json(q)).ok());
}

TEST_CASE("The frontier keeps the cutoffs no other one beats on all three counts", "[sim][sweep]") {
  auto pt = [](int cutoff, std::int64_t booked, std::int64_t loss, std::int64_t profit) {
    SweepPoint p;
    p.cutoff = cutoff;
    p.applicants = 1000;
    p.booked_count = booked;
    p.application_bookings = booked;  // no draws on open lines here
    p.booked_fen = booked * 100'000;
    p.net_loss_fen = loss;
    p.net_profit_fen = profit;
    return p;
  };
  std::vector<SweepPoint> pts{
      pt(560, 500, 5'000'000, 900),  // most approvals: efficient
      pt(580, 400, 2'000'000, 1000), // efficient (more profit than 560, lower loss)
      pt(600, 300, 1'600'000, 800),  // loss rate 1600000/30000000 = 5.33% > 580's 5%: dominated by 580
      pt(620, 200, 200'000, 700),    // lowest loss rate: efficient
      pt(640, 100, 100'000, 600),    // same loss rate as 620, fewer approvals, less profit: dominated
  };
  mark_frontier(pts);
  CHECK(pts[0].efficient);
  CHECK(pts[1].efficient);
  CHECK_FALSE(pts[2].efficient);
  CHECK(pts[3].efficient);
  CHECK_FALSE(pts[4].efficient);
}
