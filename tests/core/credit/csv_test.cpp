#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/dataset.hpp"

using namespace finlab::credit;

namespace {

Dataset load(const std::string& text, DatasetOptions o = {}) {
  if (o.target.empty()) o.target = "y";
  if (o.bad_values.empty()) o.bad_values = {"1"};
  auto t = parse_csv(text, "data.csv");
  REQUIRE(t.ok());
  auto d = dataset_from_csv(*t, o);
  if (!d.ok()) FAIL(d.error());
  return std::move(d).value();
}

std::string load_error(const std::string& text, DatasetOptions o = {}) {
  if (o.target.empty()) o.target = "y";
  if (o.bad_values.empty()) o.bad_values = {"1"};
  auto t = parse_csv(text, "data.csv");
  if (!t.ok()) return t.error();
  auto d = dataset_from_csv(*t, o);
  REQUIRE_FALSE(d.ok());
  return d.error();
}

}  // namespace

TEST_CASE("CSV: quoted fields - commas and quotes inside quotes - CRLF - BOM and blank lines", "[credit][csv]") {
  const std::string text = "\xEF\xBB\xBFname,city,y\r\n\"Li, Wei\",\"He said \"\"hi\"\"\",0\r\n\r\nplain,\"multi\nline\",1\n";
  auto t = parse_csv(text, "data.csv");
  REQUIRE(t.ok());
  CHECK(t->header == std::vector<std::string>{"name", "city", "y"});
  REQUIRE(t->rows() == 2);
  CHECK(t->cell(0, 0) == "Li, Wei");
  CHECK(t->cell(0, 1) == "He said \"hi\"");
  CHECK(t->cell(1, 1) == "multi\nline");
  CHECK(t->line[0] == 2);
  CHECK(t->line[1] == 4);
  CHECK(t->where(1) == "data.csv:4");
}

TEST_CASE("CSV: a row with too many or too few fields is an error with its line - never a shift", "[credit][csv]") {
  auto extra = parse_csv("a,b,y\n1,2,0\n1,2,3,0\n", "data.csv");
  REQUIRE_FALSE(extra.ok());
  CHECK(extra.error() == "data.csv:3: expected 3 fields (as in the header), found 4 (an unquoted comma inside a value?)");
  auto fewer = parse_csv("a,b,y\n1,2,0\n\n1,0\n", "data.csv");
  REQUIRE_FALSE(fewer.ok());
  CHECK(fewer.error() == "data.csv:4: expected 3 fields (as in the header), found 2");
  // A number with an unquoted thousands separator splits the row: caught the same way.
  auto thousands = parse_csv("income,y\n12,345,0\n", "data.csv");
  CHECK_FALSE(thousands.ok());
}

TEST_CASE("CSV: an unterminated quote and junk after a closing quote are errors with line:column", "[credit][csv]") {
  auto open = parse_csv("a,y\n\"abc,0\n1,0\n", "data.csv");
  REQUIRE_FALSE(open.ok());
  CHECK(open.error().rfind("data.csv:2:1: unterminated quoted field", 0) == 0);
  auto junk = parse_csv("a,y\n\"abc\"x,0\n", "data.csv");
  REQUIRE_FALSE(junk.ok());
  CHECK(junk.error().rfind("data.csv:2:6: unexpected character 'x'", 0) == 0);
  auto dup = parse_csv("a,a,y\n1,2,0\n", "data.csv");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error() == "data.csv:1: duplicate column name 'a'");
  CHECK_FALSE(parse_csv("", "data.csv").ok());
  // An unnamed column (e.g. a pandas index) gets a name.
  auto unnamed = parse_csv(",a,y\n0,1,0\n", "data.csv");
  REQUIRE(unnamed.ok());
  CHECK(unnamed->header[0] == "unnamed_1");
}

TEST_CASE("CSV cells: missing markers and numbers with thousands separators", "[credit][csv]") {
  for (const char* m : {"", " ", "NA", "N/A", "NaN", "null", "NULL", "None", "?", " NA "}) CHECK(is_missing_cell(m));
  CHECK_FALSE(is_missing_cell("0"));
  double v = 0;
  CHECK(parse_number_cell("12,345.5", &v));
  CHECK(v == 12345.5);
  CHECK(parse_number_cell("-1,000,000", &v));
  CHECK(v == -1000000);
  CHECK(parse_number_cell(" 3.25e2 ", &v));
  CHECK(v == 325);
  CHECK(parse_number_cell(".5", &v));
  CHECK(v == 0.5);
  for (const char* bad : {"12,34", "1,2345", ",123", "1.2.3", "abc", "12a", "1e", "-", "1,234,56", "inf"}) {
    INFO(bad);
    CHECK_FALSE(parse_number_cell(bad, &v));
  }
  CHECK(csv_quote("a,b") == "\"a,b\"");
  CHECK(csv_quote("say \"x\"") == "\"say \"\"x\"\"\"");
  CHECK(csv_quote("plain") == "plain");
}

TEST_CASE("Dataset: empty cells and NA are missing - quoted thousands are numbers - text columns are categorical", "[credit][csv]") {
  const Dataset d = load("income,city,y\n\"12,000\",Beijing,0\nNA,Shanghai,1\n,\"Beijing\",0\n3500,NA,0\n");
  REQUIRE(d.rows() == 4);
  const DataColumn& income = d.columns[d.column_index("income")];
  CHECK(income.type == FeatureType::numeric);
  CHECK(income.numeric[0] == 12000);
  CHECK(std::isnan(income.numeric[1]));
  CHECK(std::isnan(income.numeric[2]));
  CHECK(income.numeric[3] == 3500);
  const DataColumn& city = d.columns[d.column_index("city")];
  CHECK(city.type == FeatureType::categorical);
  CHECK(city.levels == std::vector<std::string>{"Beijing", "Shanghai"});
  CHECK(city.codes == std::vector<std::int32_t>{0, 1, 0, -1});
  CHECK(d.bad == std::vector<std::uint8_t>{0, 1, 0, 0});
  CHECK(d.line == std::vector<std::size_t>{2, 3, 4, 5});
}

TEST_CASE("Dataset: a target with a third value is an error naming the line - unless --good names the good class", "[credit][csv]") {
  const std::string text = "x,y\n1,0\n2,1\n3,2\n4,0\n5,\n";
  const std::string e = load_error(text);
  CHECK(e.rfind("data.csv:4: target column 'y' has more than two classes: bad '1', '0' (first at line 2) and '2' (this line)", 0) == 0);
  DatasetOptions o;
  o.good_values = {"0"};
  const Dataset d = load(text, o);
  CHECK(d.rows() == 3);  // the '2' row and the empty-target row are dropped
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0] == "1 rows with a missing target dropped (first at line 6)");
  CHECK(d.notes[1] == "1 rows with a target that is neither bad nor good dropped (first at line 4)");
  // Numeric-equal targets match ("1.0" is the bad value "1").
  const Dataset n = load("x,y\n1,1.0\n2,0.0\n");
  CHECK(n.bad == std::vector<std::uint8_t>{1, 0});
  CHECK(load_error("x,y\n1,0\n2,0\n").find("the bad value '1' never appears") != std::string::npos);
  DatasetOptions missing_target;
  missing_target.target = "default";
  CHECK(load_error("x,y\n1,0\n", missing_target).find("target column 'default' not found") != std::string::npos);
}

TEST_CASE("Dataset: a numeric column with a stray word is an error with the line", "[credit][csv]") {
  std::string text = "income,y\n";
  for (int i = 0; i < 30; ++i) text += std::to_string(1000 + i) + "," + (i % 5 == 0 ? "1" : "0") + "\n";
  text += "abc,0\n";
  const std::string e = load_error(text);
  CHECK(e == "data.csv:32: column 'income' is numeric but this row has 'abc'; fix the cell, write NA for a missing "
             "value, or --exclude the column");
  DatasetOptions o;
  o.exclude = {"income"};
  CHECK(load(text, o).columns.empty());
  DatasetOptions typo;
  typo.exclude = {"incme"};
  CHECK(load_error(text, typo).find("excluded column 'incme' not found") != std::string::npos);
}

TEST_CASE("Dataset: split column - consent column and values without consent", "[credit][csv]") {
  DatasetOptions o;
  o.split_column = "sample";
  o.schema = &builtin_schema();
  const Dataset d = load(
      "home_night_share,age,consent,sample,y\n0.9,30,application+location,train,0\n0.4,41,none,TEST,1\n0.7,25,location,holdout,0\n",
      o);
  REQUIRE(d.rows() == 3);
  CHECK(d.split[0] == Split::train);
  CHECK(d.split[1] == Split::test);
  CHECK(d.split[2] == Split::other);
  const DataColumn& home = d.columns[d.column_index("home_night_share")];
  CHECK(home.category == ConsentCategory::location);
  CHECK(home.numeric[0] == 0.9);
  CHECK(std::isnan(home.numeric[1]));  // the row did not consent to location: ignored
  CHECK(home.numeric[2] == 0.7);
  CHECK(d.column_index("consent") == CsvTable::npos);
  CHECK(d.column_index("sample") == CsvTable::npos);
  bool noted = false;
  for (const auto& n : d.notes) noted = noted || n.find("did not consent") != std::string::npos;
  CHECK(noted);
  DatasetOptions bad_consent;
  CHECK(load_error("x,consent,y\n1,gps,0\n", bad_consent).rfind("data.csv:2: column 'consent': consent 'gps'", 0) == 0);
}

TEST_CASE("Out-of-time split: rows on or after the date are oot, the date column is not a feature", "[credit][dataset][oot]") {
  DatasetOptions o;
  o.oot_column = "applied";
  o.oot_from = "2024-07";
  const Dataset d = load("id,applied,x,y\n1,2024-01-15,3,0\n2,2024-06-30,4,1\n3,2024-07-01,5,0\n4,2025-02,6,1\n", o);
  REQUIRE(d.rows() == 4);
  CHECK(d.split[0] == Split::train);
  CHECK(d.split[1] == Split::train);
  CHECK(d.split[2] == Split::oot);
  CHECK(d.split[3] == Split::oot);  // a month-only date compares at month precision
  CHECK(d.column_index("applied") == CsvTable::npos);
  CHECK(d.notes.back() == "2 rows on or after 2024-07 in 'applied' are out of time (not trained on)");
  // Day precision: 2024-07-01 is not after 2024-07-02.
  o.oot_from = "2024-07-02";
  const Dataset e = load("id,applied,x,y\n1,2024-07-01,3,0\n2,2024-07-02,4,1\n", o);
  CHECK(e.split[0] == Split::train);
  CHECK(e.split[1] == Split::oot);
}

TEST_CASE("Out-of-time split: bad dates are errors with their line", "[credit][dataset][oot]") {
  DatasetOptions o;
  o.oot_column = "applied";
  o.oot_from = "2024-07";
  CHECK(load_error("applied,x,y\n2024-01-15,3,0\n15/01/2024,4,1\n", o) ==
        "data.csv:3: column 'applied' has '15/01/2024', expected a date YYYY-MM or YYYY-MM-DD");
  CHECK(load_error("applied,x,y\n2024-13-01,3,0\n", o).find(":2: column 'applied' has '2024-13-01'") != std::string::npos);
  o.oot_from = "July";
  CHECK(load_error("applied,x,y\n2024-01-15,3,0\n", o) == "out-of-time start 'July' is not a date YYYY-MM or YYYY-MM-DD");
  o.oot_column = "nope";
  CHECK(load_error("applied,x,y\n2024-01-15,3,0\n", o).find("out-of-time column 'nope' not found") != std::string::npos);
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2024-2-29"));
  CHECK_FALSE(is_iso_date("2024-00"));
}
