// `finlab score train --target-dpd`: the target from repayment-history columns
// through the real binary, with an out-of-time split on the observation date.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::temp_file;
using nlohmann::json;

namespace {

// 2,400 loans observed monthly for 6 months: risk falls with income; the
// last 200 (observed in 2024-12) have only 2 months of history.
std::string history_csv(int* bads, int* immature) {
  std::string s = "id,obs_date,income,utilisation,dpd_1,dpd_2,dpd_3,dpd_4,dpd_5,dpd_6\n";
  std::uint64_t state = 7;
  auto u01 = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) * (1.0 / 9007199254740992.0);
  };
  *bads = *immature = 0;
  for (int i = 0; i < 2400; ++i) {
    const int income = 2000 + static_cast<int>(u01() * 20000);
    const double util = u01();
    const double p = (income < 6000 ? 0.04 : 0.01) + (util > 0.8 ? 0.03 : 0.0);  // monthly chance of a 30+ month
    const int seen = i >= 2200 ? 2 : 6;
    const std::string month = i >= 2200 ? "2024-12" : (i >= 1800 ? "2024-06" : "2024-0" + std::to_string(1 + i % 5));
    s += std::to_string(i) + "," + month + "," + std::to_string(income) + "," + std::to_string(util);
    bool bad = false;
    for (int m = 1; m <= 6; ++m) {
      if (m > seen) {
        s += ",NA";
        continue;
      }
      const int dpd = u01() < p ? 30 + static_cast<int>(u01() * 60) : (u01() < 0.1 ? 5 : 0);
      bad = bad || dpd >= 30;
      s += "," + std::to_string(dpd);
    }
    *bads += bad;
    *immature += !bad && seen < 6;
    s += "\n";
  }
  return s;
}

}  // namespace

TEST_CASE("score train --target-dpd builds the target from repayment history, end to end with OOT", "[cli][score][dpd]") {
  int bads = 0, immature = 0;
  const std::string path = temp_file("history.csv", history_csv(&bads, &immature));
  REQUIRE(bads > 100);
  auto r = run_cli({"score", "train", "--data", path, "--target-dpd", "dpd_", "--dpd-days", "30", "--dpd-months", "6", "--exclude",
                    "id", "--oot-column", "obs_date", "--oot-from", "2024-06", "--min-iv", "0", "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["target"] == "ever 30+ days past due within 6 months");
  CHECK(doc["rows"].get<int>() == 2400 - immature);
  const int n = doc["train"]["n"].get<int>() + doc["oot"]["n"].get<int>();
  CHECK(n == 2400 - immature);
  CHECK(doc["train"]["bads"].get<int>() + doc["oot"]["bads"].get<int>() == bads);
  for (const auto& f : doc["features"]) CHECK(f["name"].get<std::string>().rfind("dpd_", 0) != 0);
  bool note = false;
  for (const auto& t : doc["notes"]) note = note || t.get<std::string>().find(std::to_string(immature) + " rows not yet observed") == 0;
  CHECK(note);
  // Bad inputs.
  auto both = run_cli({"score", "train", "--data", path, "--target", "id", "--bad", "1", "--target-dpd", "dpd_"});
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Catch::Matchers::Contains("give a target: --target COLUMN --bad V, or --target-dpd PREFIX"));
  auto with_bad = run_cli({"score", "train", "--data", path, "--target-dpd", "dpd_", "--bad", "1"});
  CHECK(with_bad.exit_code == 2);
  CHECK_THAT(with_bad.err, Catch::Matchers::Contains("--bad and --good go with --target, not with --target-dpd"));
  auto months = run_cli({"score", "train", "--data", path, "--target-dpd", "dpd_", "--dpd-months", "7"});
  CHECK(months.exit_code == 1);
  CHECK_THAT(months.err, Catch::Matchers::Contains("repayment-history column 'dpd_7' not found"));
  auto days = run_cli({"score", "train", "--data", path, "--target-dpd", "dpd_", "--dpd-days", "0"});
  CHECK(days.exit_code == 2);
  std::remove(path.c_str());
}
