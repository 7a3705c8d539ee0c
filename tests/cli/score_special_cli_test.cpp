// `finlab score train --special / --trend peak` through the real binary:
// special codes get their own bins in the report, the model and the reason
// codes of `apply`; bad values exit 2 with the option and the value.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

namespace {

// 3,000 rows: income (every 10th row coded -999 "no record", riskier), a city
// with a rare "NR" level, an age whose bad rate peaks in the middle.
struct SpecialCsv {
  std::string path;
  int income_codes = 0, nr_rows = 0;
  SpecialCsv() {
    std::string s = "id,income,city,age,default\n";
    std::uint64_t state = 99;
    auto u01 = [&] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return double(state >> 11) * (1.0 / 9007199254740992.0);
    };
    const char* cities[] = {"Beijing", "Shanghai", "Chengdu"};
    for (int i = 0; i < 3000; ++i) {
      const bool code = i % 10 == 0, nr = i % 25 == 1;
      income_codes += code;
      nr_rows += nr;
      const int income = 2000 + static_cast<int>(u01() * 20000);
      const int age = 20 + static_cast<int>(u01() * 40);
      double p = income < 6000 ? 0.15 : income < 12000 ? 0.08 : 0.04;
      if (code) p = 0.3;
      p += (age >= 35 && age < 45) ? 0.08 : 0.0;
      const bool bad = u01() < p;
      s += std::to_string(i) + "," + (code ? std::string("-999") : std::to_string(income)) + "," +
           (nr ? std::string("NR") : std::string(cities[i % 3])) + "," + std::to_string(age) + "," + (bad ? "1" : "0") + "\n";
    }
    path = temp_file("special.csv", s);
  }
  ~SpecialCsv() { std::remove(path.c_str()); }
};

const SpecialCsv& data() {
  static const SpecialCsv d;
  return d;
}

const json* feature(const json& report, const std::string& name) {
  for (const auto& f : report["features"])
    if (f["name"] == name) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("score train --special gives each code its own bin in the report, model and reasons", "[cli][score][special]") {
  const std::string model = temp_file("special_model.json", "");
  auto r = run_cli({"score", "train", "--data", data().path, "--target", "default", "--bad", "1", "--exclude", "id", "--special",
                    "income=-999,-1", "--special", "city=NR", "--min-iv", "0", "--out", model, "--json"});
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.out);
  const json* income = feature(report, "income");
  REQUIRE(income);
  CHECK((*income)["specials"] == json::array({"-999", "-1"}));
  const json& bins = (*income)["bins"];
  const std::size_t nb = bins.size();
  REQUIRE(nb >= 4);
  CHECK(bins[nb - 3]["kind"] == "special");
  CHECK(bins[nb - 3]["label"] == "special -999");
  CHECK(bins[nb - 3]["n"] == data().income_codes);
  CHECK(bins[nb - 2]["label"] == "special -1");
  CHECK(bins[nb - 2]["n"] == 0);
  CHECK(bins[nb - 1]["kind"] == "missing");
  // No value bin starts below the real incomes: -999 did not pull a cut down.
  CHECK(bins[0]["label"].get<std::string>().rfind("< ", 0) == 0);
  const json* city = feature(report, "city");
  REQUIRE(city);
  bool nr_found = false;
  for (const auto& b : (*city)["bins"])
    if (b["label"] == "special NR") nr_found = b["n"] == data().nr_rows && b["kind"] == "special";
  CHECK(nr_found);
  // The model keeps the codes; apply bins a -999 row into its own bin and the reason says so.
  const json card = json::parse(slurp(model));
  bool in_model = false;
  for (const auto& f : card["features"]) in_model = in_model || (f["name"] == "income" && f["specials"] == json::array({"-999", "-1"}));
  CHECK(in_model);
  const std::string one = temp_file("special_one.csv", "id,income,city,age\n1,-999,Beijing,30\n");
  auto a = run_cli({"score", "apply", "--model", model, "--data", one, "--json"});
  REQUIRE(a.exit_code == 0);
  const json rows = json::parse(a.out);
  bool reason = false;
  for (const auto& rc : rows[0]["reasons"])
    reason = reason || (rc["feature"] == "income" && rc["text"].get<std::string>().find("special -999") != std::string::npos);
  CHECK(reason);
  std::remove(one.c_str());
  std::remove(model.c_str());
}

TEST_CASE("score train --trend age=peak keeps the middle-age hump, auto_shape finds it", "[cli][score][trend]") {
  for (const char* trend : {"age=peak", "age=auto_shape"}) {
    auto r = run_cli({"score", "train", "--data", data().path, "--target", "default", "--bad", "1", "--exclude", "id", "--trend",
                      trend, "--min-iv", "0", "--json"});
    REQUIRE(r.exit_code == 0);
    const json report = json::parse(r.out);
    const json* age = feature(report, "age");
    REQUIRE(age);
    CHECK((*age)["direction"] == "peak");
    CHECK((*age)["trend"] == std::string(trend).substr(4));
  }
  auto mono = run_cli({"score", "train", "--data", data().path, "--target", "default", "--bad", "1", "--exclude", "id", "--min-iv", "0",
                       "--json"});
  REQUIRE(mono.exit_code == 0);
  const json report = json::parse(mono.out);
  const json* age = feature(report, "age");
  REQUIRE(age);
  CHECK((*age)["direction"] != "peak");
}

TEST_CASE("score train --special and --trend refuse bad values with exit 2", "[cli][score][special][errors]") {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"--special", "income=abc"}, "--special income=abc: column 'income' is numeric; special value 'abc' is not a number"},
      {{"--special", "nosuch=1"}, "--special: no feature column 'nosuch'"},
      {{"--special", "income="}, "--special income=: no value given"},
      {{"--special", "=-999"}, "--special expects COLUMN=VALUE[,VALUE...], got '=-999'"},
      {{"--special", "income"}, "--special expects COLUMN=VALUE[,VALUE...], got 'income'"},
      {{"--special", "income=-999,-999"}, "duplicate special value '-999'"},
      {{"--trend", "age=u-shape"}, "unknown trend 'u-shape' (expected auto, auto_shape, ascending, descending, peak, valley or none)"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args{"score", "train", "--data", data().path, "--target", "default", "--bad", "1"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_cli(args);
    INFO(c.args[1]);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Matchers::Contains(c.message));
  }
}
