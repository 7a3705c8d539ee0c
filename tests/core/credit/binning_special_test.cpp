// Special values (binning.hpp): each code gets a bin of its own, never merged.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/binning.hpp"
#include "core/credit/csv.hpp"
#include "core/credit/dataset.hpp"
#include "core/credit/scorecard.hpp"
#include "core/credit/scorecard_json.hpp"
#include "core/credit/sql_export.hpp"

using namespace finlab::credit;

namespace {

double r4(double x) { return std::round(x * 10000) / 10000; }

struct Data {
  DataColumn col;
  std::vector<std::uint8_t> bad;
  std::vector<std::uint32_t> rows;
  void add(double v, int goods, int bads) {
    for (int i = 0; i < goods + bads; ++i) {
      col.numeric.push_back(v);
      bad.push_back(i < goods ? 0 : 1);
      rows.push_back(static_cast<std::uint32_t>(rows.size()));
    }
  }
};

// DOMAIN.md example J (1 / 6 / 20 months) plus 400 goods and 100 bads coded -999.
Data example_j_with_code() {
  Data d;
  d.col.name = "months_at_night_location";
  d.add(1, 1500, 160);
  d.add(-999, 400, 100);
  d.add(6, 3500, 200);
  d.add(20, 5000, 140);
  return d;
}

}  // namespace

TEST_CASE("A special code gets its own bin and WoE, an absent one an empty neutral bin", "[credit][binning][special]") {
  Data d = example_j_with_code();
  d.col.specials = {"-999", "-998"};
  const FeatureBinning fb = bin_feature(d.col, d.bad, d.rows);
  // Totals G = 10,400, B = 600 include the special rows; values by hand:
  // WoE = ln((g/10400) / (b/600)), IV part = (g/10400 − b/600)·WoE.
  REQUIRE(fb.value_bin_count() == 3);
  REQUIRE(fb.bins.size() == 6);
  CHECK(fb.cuts == std::vector<double>{6, 20});  // -999 did not pull a cut down
  CHECK(r4(fb.bins[0].woe) == -0.6146);
  CHECK(r4(fb.bins[1].woe) == 0.0096);
  CHECK(r4(fb.bins[2].woe) == 0.7229);
  CHECK(fb.bins[3].is_special);
  CHECK(fb.bins[3].label == "special -999");
  CHECK(fb.bins[3].n_good == 400);
  CHECK(fb.bins[3].n_bad == 100);
  CHECK(r4(fb.bins[3].woe) == -1.4663);
  CHECK(r4(fb.bins[3].iv) == 0.1880);
  CHECK(fb.bins[4].is_special);
  CHECK(fb.bins[4].n_good + fb.bins[4].n_bad == 0);
  CHECK(fb.bins[4].woe == 0);
  CHECK(fb.bins[5].is_missing);
  CHECK(r4(fb.iv) == 0.4421);
  CHECK(fb.bin_of(-999) == 3);
  CHECK(fb.bin_of(-998) == 4);
  CHECK(fb.bin_of(-997) == 0);
  CHECK(fb.bin_of(7) == 1);
  CHECK(fb.bin_of(std::nan("")) == 5);
  // The block path bins like bin_of, for doubles and floats.
  const std::vector<double> xs{-999, -998, -997, 6, 25, std::nan("")};
  std::vector<std::uint8_t> out(xs.size());
  bin_values(fb, std::span<const double>(xs), out);
  CHECK(out == std::vector<std::uint8_t>{3, 4, 0, 1, 2, 5});
  const std::vector<float> xf{-999.f, -998.f, -997.f, 6.f, 25.f, NAN};
  bin_values(fb, std::span<const float>(xf), out);
  CHECK(out == std::vector<std::uint8_t>{3, 4, 0, 1, 2, 5});
}

TEST_CASE("Without the special declaration the code is merged into the lowest bin", "[credit][binning][special]") {
  const Data d = example_j_with_code();
  const FeatureBinning fb = bin_feature(d.col, d.bad, d.rows);
  CHECK(fb.special_count() == 0);
  CHECK(fb.bin_of(-999) == 0);
  CHECK(fb.bins[0].n_good + fb.bins[0].n_bad == 1500 + 160 + 400 + 100);
}

TEST_CASE("A special code inside a value range still gets its own bin", "[credit][binning][special]") {
  Data d = example_j_with_code();
  d.add(7, 300, 300);  // 7 lies in [6, 20) and is much riskier than its neighbours
  d.col.specials = {"7"};
  const FeatureBinning fb = bin_feature(d.col, d.bad, d.rows);
  REQUIRE(fb.special_count() == 1);
  const int s = fb.first_special_bin();
  CHECK(fb.bin_of(7) == s);
  CHECK(fb.bins[static_cast<std::size_t>(s)].n_bad == 300);
  CHECK(fb.bin_of(6.5) != s);
  CHECK(fb.bins[static_cast<std::size_t>(fb.bin_of(6.5))].n_bad == 200);  // the 6-month rows, without the 7s
}

TEST_CASE("A special level of a categorical feature is never pooled or grouped", "[credit][binning][special]") {
  DataColumn col;
  col.name = "employment";
  col.type = FeatureType::categorical;
  col.levels = {"A", "B", "NR", "Z"};  // NR: "no record", as rare as Z
  col.specials = {"NR", "UNKNOWN"};
  std::vector<std::uint8_t> bad;
  auto add = [&](std::int32_t code, int goods, int bads) {
    for (int i = 0; i < goods + bads; ++i) {
      col.codes.push_back(code);
      bad.push_back(i < goods ? 0 : 1);
    }
  };
  add(0, 5000, 100);
  add(1, 4000, 400);
  add(2, 100, 10);  // 1% of rows: would be pooled with Z
  add(3, 100, 10);
  std::vector<std::uint32_t> rows(bad.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const FeatureBinning fb = bin_feature(col, bad, rows);
  const int nr = fb.first_special_bin();
  CHECK(fb.bin_of_level("NR") == nr);
  CHECK(fb.bin_of_level("UNKNOWN") == nr + 1);  // not in the data: known to the card, empty bin
  CHECK(fb.bin_of_level("Z") < nr);
  CHECK(fb.bins[static_cast<std::size_t>(nr)].n_good == 100);
  CHECK(fb.bins[static_cast<std::size_t>(nr)].levels == std::vector<std::int32_t>{2});
  CHECK(fb.bins[static_cast<std::size_t>(nr + 1)].n_good + fb.bins[static_cast<std::size_t>(nr + 1)].n_bad == 0);
  CHECK(fb.bin_of_level("other") == fb.missing_bin());
}

TEST_CASE("Special bins survive the model JSON and appear in SQL and reason codes", "[credit][binning][special][scorecard]") {
  Data d = example_j_with_code();
  d.col.specials = {"-999", "-998"};
  Scorecard card;
  card.features.push_back(bin_feature(d.col, d.bad, d.rows));
  card.submodels.push_back(make_submodel(card.features, card.scaling, ConsentMask::application_only(), {0}, 2.8, {1.0}));
  card.train_band_counts.assign(card.bands.count(), 1);
  auto back = scorecard_from_json(scorecard_to_json(card));
  REQUIRE(back.ok());
  const FeatureBinning& fb = back->features[0];
  CHECK(fb.specials == std::vector<std::string>{"-999", "-998"});
  CHECK(fb.special_values == std::vector<double>{-999, -998});
  CHECK(fb.bins[3].is_special);
  CHECK(fb.bin_of(-999) == 3);
  CHECK(scorecard_to_json(*back) == scorecard_to_json(card));
  // Reason code: the -999 bin (WoE -1.47) is the worst; the text names the code.
  const std::vector<double> v{-999};
  const ScoreResult r = back->score(ConsentMask::application_only(), v);
  REQUIRE(r.reasons.size() == 1);
  CHECK(r.reasons[0].bin_label == "special -999");
  CHECK(r.reasons[0].text.find("special value -999") != std::string::npos);
  // The empty -998 bin is neutral, never the "best" bin.
  CHECK(r.reasons[0].best_label == ">= 20");
  const std::string sql = scorecard_sql_expression(*back);
  const auto special_at = sql.find("\"months_at_night_location\" = -999.0 THEN");
  REQUIRE(special_at != std::string::npos);
  CHECK(special_at < sql.find("\"months_at_night_location\" < 6.0 THEN"));
}

TEST_CASE("A model JSON whose special bins do not match its specials is refused", "[credit][binning][special][scorecard]") {
  Data d = example_j_with_code();
  d.col.specials = {"-999"};
  Scorecard card;
  card.features.push_back(bin_feature(d.col, d.bad, d.rows));
  card.submodels.push_back(make_submodel(card.features, card.scaling, ConsentMask::application_only(), {0}, 2.8, {1.0}));
  card.train_band_counts.assign(card.bands.count(), 1);
  const std::string good = scorecard_to_json(card);
  auto edit = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    return scorecard_from_json(s);
  };
  auto no_code = edit("\"-999\"", "\"abc\"");
  REQUIRE_FALSE(no_code.ok());
  CHECK(no_code.error() == "$.features[0].specials[0]: 'abc' is not a number (the feature is numeric)");
  auto extra = edit("\"-999\"", "\"-999\", \"-998\"");
  REQUIRE_FALSE(extra.ok());
  CHECK(extra.error().find("$.features[0].bins[2]: expected a special bin") == 0);
}

TEST_CASE("The schema's special_values reach the data set's columns, bad ones name their JSON path", "[credit][binning][special][schema]") {
  auto schema = FeatureSchema::parse(R"({"features":[
    {"name":"income","category":"application","type":"numeric","min":0,"max":100000,"special_values":[-999,-998.5]},
    {"name":"job","category":"application","type":"categorical","levels":["A","B"],"special_values":["NR"]}]})");
  REQUIRE(schema.ok());
  CHECK(schema->features()[0].specials == std::vector<std::string>{"-999", "-998.5"});
  CHECK(schema->features()[1].specials == std::vector<std::string>{"NR"});
  auto table = parse_csv("income,job,bad\n-999,NR,1\n5000,A,0\n7000,B,0\n-998.5,A,1\n", "s.csv");
  REQUIRE(table.ok());
  DatasetOptions o;
  o.target = "bad";
  o.bad_values = {"1"};
  o.schema = &*schema;
  auto ds = dataset_from_csv(*table, o);
  REQUIRE(ds.ok());
  CHECK(ds->columns[0].specials == std::vector<std::string>{"-999", "-998.5"});
  CHECK(ds->columns[1].specials == std::vector<std::string>{"NR"});
  const std::vector<std::uint32_t> rows{0, 1, 2, 3};
  const FeatureBinning fb = bin_feature(ds->columns[0], ds->bad, rows);
  CHECK(fb.bin_of(-998.5) == fb.first_special_bin() + 1);
  CHECK(fb.bins[static_cast<std::size_t>(fb.first_special_bin())].n_bad == 1);

  struct Bad {
    const char* json;
    const char* error;
  };
  const Bad bad[] = {
      {R"({"features":[{"name":"x","category":"application","type":"numeric","min":0,"max":1,"special_values":"-999"}]})",
       "features[0].special_values: expected an array"},
      {R"({"features":[{"name":"x","category":"application","type":"numeric","min":0,"max":1,"special_values":["NR"]}]})",
       "features[0].special_values[0]: expected a number"},
      {R"({"features":[{"name":"x","category":"application","type":"categorical","levels":["A"],"special_values":[1]}]})",
       "features[0].special_values[0]: expected a level name (string)"},
      {R"({"features":[{"name":"x","category":"application","type":"numeric","min":0,"max":1,"special_values":[-9,-9]}]})",
       "features[0].special_values[1]: duplicate special value -9"},
  };
  for (const Bad& b : bad) {
    auto r = FeatureSchema::parse(b.json);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == b.error);
  }
}

TEST_CASE("set_special_values refuses text for a numeric column, empty and duplicate codes", "[credit][binning][special]") {
  DataColumn col;
  col.name = "income";
  CHECK(set_special_values(col, {"-999", " -998 "}).ok());
  CHECK(col.specials == std::vector<std::string>{"-999", "-998"});
  auto text = set_special_values(col, {"NR"});
  REQUIRE_FALSE(text.ok());
  CHECK(text.error() == "column 'income' is numeric; special value 'NR' is not a number");
  auto empty = set_special_values(col, {""});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error() == "column 'income': empty special value");
  auto dup = set_special_values(col, {"1", "1"});
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error() == "column 'income': duplicate special value '1'");
  DataColumn cat;
  cat.name = "job";
  cat.type = FeatureType::categorical;
  CHECK(set_special_values(cat, {"NR"}).ok());
}
