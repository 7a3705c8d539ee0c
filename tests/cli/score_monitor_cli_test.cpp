// `finlab score monitor` through the real binary: per-month score PSI, CSI per
// feature and outcomes by band, a drift that the verdict catches, bad inputs.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/credit/csv.hpp"
#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

TEST_CASE("score monitor reports every month with PSI, CSI, bands and verdicts, a drift is significant", "[cli][score][monitor]") {
  const std::string data = temp_file("mon.csv", ""), model = temp_file("mon_model.json", "");
  REQUIRE(run_cli({"score", "generate", "--users", "6000", "--seed", "8", "--out", data, "--dates-from", "2024-01", "--months", "3"})
              .exit_code == 0);
  REQUIRE(run_cli({"score", "train", "--data", data, "--target", "bad", "--bad", "1", "--exclude", "user_id,application_date", "--out",
                   model})
              .exit_code == 0);
  auto r = run_cli({"score", "monitor", "--model", model, "--data", data, "--by", "month", "--reference-ks", "0.2", "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["outcomes"] == true);
  CHECK(doc["thresholds"]["psi_watch"] == 0.1);
  CHECK(doc["thresholds"]["psi_act"] == 0.25);
  const json& periods = doc["periods"];
  REQUIRE(periods.size() == 4);
  CHECK(periods[0]["period"] == "2024-01");
  CHECK(periods[2]["period"] == "2024-03");
  CHECK(periods[3]["period"] == "all");
  int n = 0;
  for (int k = 0; k < 3; ++k) {
    n += periods[k]["n"].get<int>();
    CHECK(periods[k]["score_verdict"] == "stable");  // the same population every month
    CHECK(periods[k]["features"].size() > 3);
    CHECK(periods[k]["outcomes"]["ks"].get<double>() > 0.2);
    CHECK(periods[k]["outcomes"]["bands"].size() == 6);
    CHECK(periods[k]["outcomes"]["ks_verdict"] == "ok");
  }
  CHECK(n == 6000);
  CHECK(periods[3]["score_psi"].get<double>() < 0.01);  // all rows: the training population itself
  // Drift: in March, the first card feature is missing for everyone.
  const json card = json::parse(slurp(model));
  const std::string feature = card["features"][0]["name"];
  auto t = finlab::credit::parse_csv(slurp(data), data);
  REQUIRE(t.ok());
  std::size_t fc = t->column_index(feature), dc = t->column_index("application_date");
  REQUIRE(fc != finlab::credit::CsvTable::npos);
  std::string drifted;
  for (std::size_t c = 0; c < t->columns(); ++c) drifted += (c ? "," : "") + t->header[c];
  drifted += "\n";
  for (std::size_t i = 0; i < t->rows(); ++i) {
    const bool march = std::string(t->cell(i, dc)).substr(0, 7) == "2024-03";
    for (std::size_t c = 0; c < t->columns(); ++c) drifted += (c ? "," : "") + (march && c == fc ? std::string("NA") : std::string(t->cell(i, c)));
    drifted += "\n";
  }
  const std::string moved = temp_file("mon_drift.csv", drifted);
  auto d = run_cli({"score", "monitor", "--model", model, "--data", moved, "--json"});
  REQUIRE(d.exit_code == 0);
  const json dd = json::parse(d.out);
  for (const auto& f : dd["periods"][2]["features"])
    if (f["name"] == feature) {
      CHECK(f["verdict"] == "significant");
      CHECK(f["csi"].get<double>() > 0.25);
    }
  CHECK(dd["periods"][2]["verdict"] == "significant");
  for (const auto& f : dd["periods"][0]["features"])
    if (f["name"] == feature) CHECK(f["verdict"] == "stable");
  // The text report names the thresholds and the verdicts.
  auto text = run_cli({"score", "monitor", "--model", model, "--data", moved});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Matchers::Contains("thresholds: PSI/CSI < 0.1 stable"));
  CHECK_THAT(text.out, Catch::Matchers::Contains("2024-03: n "));
  CHECK_THAT(text.out, Catch::Matchers::Contains("verdict significant"));
  // Bad inputs.
  auto by = run_cli({"score", "monitor", "--model", model, "--data", data, "--by", "week"});
  CHECK(by.exit_code == 2);
  CHECK_THAT(by.err, Catch::Matchers::Contains("--by must be month or none, got 'week'"));
  auto th = run_cli({"score", "monitor", "--model", model, "--data", data, "--watch", "0.3", "--act", "0.2"});
  CHECK(th.exit_code == 2);
  auto col = run_cli({"score", "monitor", "--model", model, "--data", data, "--date-column", "when"});
  CHECK(col.exit_code == 1);
  CHECK_THAT(col.err, Catch::Matchers::Contains("date column 'when' not found"));
  auto cell = run_cli({"score", "monitor", "--model", model, "--data", data, "--date-column", "user_id"});
  CHECK(cell.exit_code == 1);
  CHECK_THAT(cell.err, Catch::Matchers::Contains(":2: column 'user_id' has"));
  auto none = run_cli({"score", "monitor", "--model", model, "--data", data, "--by", "none", "--json"});
  REQUIRE(none.exit_code == 0);
  CHECK(json::parse(none.out)["periods"].size() == 1);
  for (const auto& p : {data, model, moved}) std::remove(p.c_str());
}
