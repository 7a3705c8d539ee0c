// `finlab score bins` and `score train --bins` through the real binary: the
// bins of a model, edited or not, fed back into training give those bins.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

namespace {

struct TempCsv {
  std::string path;
  TempCsv() {
    const std::string raw = temp_file("bins_pop.csv", "");
    auto r = run_cli({"score", "generate", "--users", "4000", "--seed", "5", "--out", raw});
    REQUIRE(r.exit_code == 0);
    path = raw;
  }
  ~TempCsv() { std::remove(path.c_str()); }
};

const std::string& pop() {
  static const TempCsv csv;
  return csv.path;
}

std::vector<std::string> train_args(const std::string& out) {
  return {"score", "train", "--data", pop(), "--target", "bad", "--bad", "1", "--exclude", "user_id", "--out", out};
}

const json* feature(const json& card, const std::string& name) {
  for (const auto& f : card["features"])
    if (f["name"] == name) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("score bins --model prints bins that train --bins reproduces", "[cli][score][bins]") {
  const std::string m1 = temp_file("bins_m1.json", ""), m2 = temp_file("bins_m2.json", ""), b = temp_file("bins.json", "");
  REQUIRE(run_cli(train_args(m1)).exit_code == 0);
  auto printed = run_cli({"score", "bins", "--model", m1});
  REQUIRE(printed.exit_code == 0);
  const json bins = json::parse(printed.out);
  CHECK(bins["format"] == "finlab.bins");
  const json card1 = json::parse(slurp(m1));
  REQUIRE(bins["features"].size() == card1["features"].size());
  REQUIRE(run_cli({"score", "bins", "--model", m1, "--out", b}).exit_code == 0);
  CHECK(slurp(b) == printed.out);
  auto args = train_args(m2);
  args.insert(args.end(), {"--bins", b});
  REQUIRE(run_cli(args).exit_code == 0);
  const json card2 = json::parse(slurp(m2));
  for (const auto& f1 : card1["features"]) {
    const json* f2 = feature(card2, f1["name"]);
    REQUIRE(f2);
    INFO(f1["name"]);
    CHECK((*f2)["manual"] == true);
    CHECK((*f2)["cuts"] == f1["cuts"]);
    REQUIRE((*f2)["bins"].size() == f1["bins"].size());
    for (std::size_t k = 0; k < f1["bins"].size(); ++k) CHECK((*f2)["bins"][k]["woe"] == f1["bins"][k]["woe"]);
  }
  for (const auto& p : {m1, m2, b}) std::remove(p.c_str());
}

TEST_CASE("An edited bins file fixes a feature's cuts, score bins --data bins a data set", "[cli][score][bins]") {
  auto data_bins = run_cli({"score", "bins", "--data", pop(), "--target", "bad", "--bad", "1", "--exclude", "user_id"});
  REQUIRE(data_bins.exit_code == 0);
  json bins = json::parse(data_bins.out);
  REQUIRE(bins["features"].size() >= 10);
  // Keep one feature and give it two hand-picked cuts.
  json edited = {{"format", "finlab.bins"}, {"version", 1}, {"features", json::array()}};
  const json first = bins["features"][0];
  REQUIRE(first["type"] != "categorical");
  const auto cuts = first["cuts"];
  REQUIRE(cuts.size() >= 2);
  json mine = {{"name", first["name"]}, {"type", first["type"]}, {"cuts", {cuts[0], cuts[cuts.size() - 1]}}};
  edited["features"].push_back(mine);
  const std::string b = temp_file("bins_edit.json", edited.dump());
  auto r = run_cli({"score", "train", "--data", pop(), "--target", "bad", "--bad", "1", "--exclude", "user_id", "--bins", b,
                    "--min-iv", "0", "--json"});
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.out);
  bool checked = false;
  for (const auto& f : report["features"])
    if (f["name"] == first["name"]) {
      CHECK(f["manual"] == true);
      CHECK(f["bins"].size() == 4);  // three value bins and the missing bin
      checked = true;
    }
  CHECK(checked);
  std::remove(b.c_str());
}

TEST_CASE("score bins and train --bins refuse bad input", "[cli][score][bins][errors]") {
  CHECK(run_cli({"score", "bins"}).exit_code == 2);
  CHECK(run_cli({"score", "bins", "--model", "m.json", "--data", pop()}).exit_code == 2);
  auto no_target = run_cli({"score", "bins", "--data", pop()});
  CHECK(no_target.exit_code == 2);
  CHECK_THAT(no_target.err, Catch::Matchers::Contains("score bins --data needs --target and --bad"));
  const std::string unknown = temp_file("bins_unknown.json", R"({"format":"finlab.bins","version":1,"features":[{"name":"shoe_size","type":"numeric","cuts":[40]}]})");
  auto r = run_cli({"score", "train", "--data", pop(), "--target", "bad", "--bad", "1", "--bins", unknown});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Matchers::Contains(unknown + ": bins file: feature 'shoe_size' is not a column of"));
  const std::string broken = temp_file("bins_broken.json", R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"numeric","cuts":[2,1]}]})");
  auto b = run_cli({"score", "train", "--data", pop(), "--target", "bad", "--bad", "1", "--bins", broken});
  CHECK(b.exit_code == 1);
  CHECK_THAT(b.err, Catch::Matchers::Contains("$.features[0].cuts[1]: cut points must increase"));
  auto missing = run_cli({"score", "train", "--data", pop(), "--target", "bad", "--bad", "1", "--bins", "no_such_bins.json"});
  CHECK(missing.exit_code == 1);
  std::remove(unknown.c_str());
  std::remove(broken.c_str());
}
