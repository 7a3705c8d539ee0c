// Manual bins (manual_bins.hpp): a bins file fixes cuts or level groups; the
// binning only counts; bins written from a binning read back to the same bins.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/binning.hpp"
#include "core/credit/csv.hpp"
#include "core/credit/manual_bins.hpp"

using namespace finlab::credit;

namespace {

double r4(double x) { return std::round(x * 10000) / 10000; }

// DOMAIN.md example J as a CSV (values 1 / 6 / 20 months) plus a job column
// with levels A, B, Z and a rare NR, and the target.
Dataset example_dataset() {
  std::string csv = "months,job,bad\n";
  auto add = [&](int months, const char* job, int goods, int bads) {
    for (int i = 0; i < goods + bads; ++i) csv += std::to_string(months) + "," + job + "," + (i < goods ? "0\n" : "1\n");
  };
  add(1, "A", 1500, 160);
  add(6, "B", 3500, 200);
  add(20, "A", 3500, 100);
  add(20, "Z", 1500, 40);
  auto table = parse_csv(csv, "j.csv");
  REQUIRE(table.ok());
  DatasetOptions o;
  o.target = "bad";
  o.bad_values = {"1"};
  auto ds = dataset_from_csv(*table, o);
  REQUIRE(ds.ok());
  return std::move(ds).value();
}

std::vector<std::uint32_t> all_rows(const Dataset& d) {
  std::vector<std::uint32_t> rows(d.rows());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
  return rows;
}

}  // namespace

TEST_CASE("Manual cuts replace the DP: example J with one cut at 6 months", "[credit][binning][manual]") {
  Dataset d = example_dataset();
  auto bins = parse_manual_bins(R"({"format":"finlab.bins","version":1,"features":[{"name":"months","type":"numeric","cuts":[6]}]})");
  REQUIRE(bins.ok());
  REQUIRE(apply_manual_bins(d, *bins).ok());
  const FeatureBinning fb = bin_feature(d.columns[0], d.bad, all_rows(d));
  // By hand, G = 10,000, B = 500: WoE ln(0.15/0.32) = -0.7577, ln(0.85/0.68) = 0.2231; IV 0.1667.
  CHECK(fb.manual);
  CHECK(fb.cuts == std::vector<double>{6});
  REQUIRE(fb.value_bin_count() == 2);
  CHECK(r4(fb.bins[0].woe) == -0.7577);
  CHECK(r4(fb.bins[1].woe) == 0.2231);
  CHECK(r4(fb.iv) == 0.1667);
  CHECK(fb.direction == RiskTrend::none);
}

TEST_CASE("Manual level groups keep their order, unlisted levels count as missing", "[credit][binning][manual]") {
  Dataset d = example_dataset();
  auto bins = parse_manual_bins(
      R"({"format":"finlab.bins","version":1,"features":[{"name":"job","type":"categorical","groups":[["B"],["A","unknown"]]}]})");
  REQUIRE(bins.ok());
  REQUIRE(apply_manual_bins(d, *bins).ok());
  const FeatureBinning fb = bin_feature(d.columns[1], d.bad, all_rows(d));
  REQUIRE(fb.value_bin_count() == 2);
  CHECK(fb.bin_of_level("B") == 0);
  CHECK(fb.bin_of_level("A") == 1);
  CHECK(fb.bin_of_level("Z") == fb.missing_bin());
  CHECK(fb.bins[0].n_good == 3500);
  CHECK(fb.bins[1].n_good == 5000);
  CHECK(fb.bins.back().n_good == 1500);  // Z, in no group
}

TEST_CASE("Bins written from a binning read back to the same bins (round trip)", "[credit][binning][manual]") {
  Dataset d = example_dataset();
  REQUIRE(set_special_values(d.columns[1], {"Z"}).ok());
  std::vector<FeatureBinning> found;
  for (const auto& col : d.columns) found.push_back(bin_feature(col, d.bad, all_rows(d)));
  const std::string text = manual_bins_to_json(found);
  auto bins = parse_manual_bins(text);
  REQUIRE(bins.ok());
  Dataset e = example_dataset();
  REQUIRE(apply_manual_bins(e, *bins).ok());
  CHECK(e.columns[1].specials == std::vector<std::string>{"Z"});
  for (std::size_t c = 0; c < found.size(); ++c) {
    const FeatureBinning again = bin_feature(e.columns[c], e.bad, all_rows(e));
    CHECK(again.cuts == found[c].cuts);
    CHECK(again.level_bin == found[c].level_bin);
    REQUIRE(again.bins.size() == found[c].bins.size());
    for (std::size_t b = 0; b < again.bins.size(); ++b) {
      CHECK(again.bins[b].label == found[c].bins[b].label);
      CHECK(again.bins[b].woe == found[c].bins[b].woe);
    }
  }
  CHECK(manual_bins_to_json(std::vector<FeatureBinning>{bin_feature(e.columns[0], e.bad, all_rows(e))})
            .find("\"cuts\"") != std::string::npos);
}

TEST_CASE("Bad bins files are refused with the JSON path", "[credit][binning][manual]") {
  struct Bad {
    const char* json;
    const char* error;
  };
  const Bad bad[] = {
      {"{", "bins file: line 1, column 2: invalid JSON: syntax error while parsing object key - unexpected end of input; expected string literal"},
      {R"({"format":"finlab.scorecard","version":1,"features":[]})", "$.format: expected \"finlab.bins\""},
      {R"({"format":"finlab.bins","version":2,"features":[]})", "$.version: this finlab reads bins files of version 1"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"numeric","cuts":[3,2]}]})",
       "$.features[0].cuts[1]: cut points must increase"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"numeric","cuts":["a"]}]})",
       "$.features[0].cuts[0]: expected a finite number"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"numeric"}]})",
       "$.features[0].cuts: expected an array of numbers"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"boolean","cuts":[]}]})",
       "$.features[0].type: unknown type 'boolean' (expected numeric, ordinal or categorical)"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"categorical","groups":[["A"],["B","A"]]}]})",
       "$.features[0].groups[1]: level 'A' is in two groups"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"categorical","groups":[[]]}]})",
       "$.features[0].groups[0]: an empty group"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"numeric","cuts":[1]},{"name":"x","type":"numeric","cuts":[2]}]})",
       "$.features[1].name: feature 'x' is listed twice"},
      {R"({"format":"finlab.bins","version":1,"features":[{"name":"x","type":"numeric","cuts":[1],"specials":[-999]}]})",
       "$.features[0].specials[0]: expected a string"},
  };
  for (const Bad& b : bad) {
    auto r = parse_manual_bins(b.json);
    INFO(b.json);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == b.error);
  }
  Dataset d = example_dataset();
  auto absent = apply_manual_bins(d, *parse_manual_bins(R"({"format":"finlab.bins","version":1,"features":[{"name":"age","type":"numeric","cuts":[1]}]})"));
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error() == "bins file: feature 'age' is not a column of j.csv");
  auto type = apply_manual_bins(d, *parse_manual_bins(R"({"format":"finlab.bins","version":1,"features":[{"name":"job","type":"numeric","cuts":[1]}]})"));
  REQUIRE_FALSE(type.ok());
  CHECK(type.error() == "bins file: feature 'job' is numeric in the file but categorical in j.csv");
}
