// Hostile input to the credit readers that came with manual bins, special
// values and monitoring (issue 17, docs/limits.md): a bins file is parsed
// strictly (duplicate and unknown keys refused with their JSON path, lists
// bounded before work), special values are bounded, and a date is one the
// date parser reads back. Each of these was accepted silently before.
#include <catch2/catch.hpp>

#include <string>

#include "core/credit/dataset.hpp"
#include "core/credit/manual_bins.hpp"

using namespace finlab::credit;
using Catch::Matchers::Contains;

namespace {

std::string bins_doc(const std::string& feature) {
  return R"({"format": "finlab.bins", "version": 1, "features": [)" + feature + "]}";
}

}  // namespace

TEST_CASE("A bins file with a duplicate key is refused with its path", "[credit][bins][strict]") {
  // The last "cuts" used to win silently.
  auto r = parse_manual_bins(bins_doc(R"({"name": "months", "type": "numeric", "cuts": [3], "cuts": [30]})"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.features[0].cuts") && Contains("duplicate key"));
}

TEST_CASE("A bins file with an unknown or misspelt key is refused with its path", "[credit][bins][strict]") {
  auto r = parse_manual_bins(bins_doc(R"({"name": "months", "type": "numeric", "cust": [3]})"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.features[0].cust") && Contains("unknown key"));
  r = parse_manual_bins(R"({"format": "finlab.bins", "version": 1, "feature": [], "features": []})");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.feature") && Contains("unknown key"));
  // The same document without the typo is read.
  CHECK(parse_manual_bins(bins_doc(R"({"name": "months", "type": "numeric", "cuts": [3]})")).ok());
}

TEST_CASE("A bins file's lists are bounded before any work", "[credit][bins][limits]") {
  std::string cuts;
  for (int i = 0; i < 255; ++i) cuts += (i ? "," : "") + std::to_string(i);
  auto r = parse_manual_bins(bins_doc(R"({"name": "months", "type": "numeric", "cuts": [)" + cuts + "]}"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.features[0].cuts") && Contains("the limit is 254"));
  // 200 cuts are fine on their own, but with 100 special values the feature would need more bins than a model keeps.
  std::string fewer, specials;
  for (int i = 0; i < 200; ++i) fewer += (i ? "," : "") + std::to_string(i);
  for (int i = 0; i < 100; ++i) specials += std::string(i ? "," : "") + "\"-" + std::to_string(i + 1) + "\"";
  CHECK(parse_manual_bins(bins_doc(R"({"name": "months", "type": "numeric", "cuts": [)" + fewer + "]}")).ok());
  r = parse_manual_bins(bins_doc(R"({"name": "months", "type": "numeric", "cuts": [)" + fewer + "], \"specials\": [" + specials + "]}"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.features[0]") && Contains("more than 256 bins"));
  std::string feats;
  for (int i = 0; i < 1001; ++i) feats += std::string(i ? "," : "") + R"({"name": "f)" + std::to_string(i) + R"(", "type": "numeric", "cuts": [1]})";
  r = parse_manual_bins(bins_doc(feats));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.features") && Contains("the limit is 1000"));
}

TEST_CASE("A bins file quotes bad names as short escaped excerpts", "[credit][bins][messages]") {
  const std::string long_name(5000, 'x');
  auto r = parse_manual_bins(bins_doc(R"({"name": "a", "type": "numeric", "cuts": [1]}, {"name": "a", "type": "numeric", "cuts": [1]})"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.features[1].name") && Contains("listed twice"));
  r = parse_manual_bins(bins_doc(R"({"name": "a", "type": ")" + long_name + R"(", "cuts": [1]})"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.features[0].type"));
  CHECK(r.error().size() < 300);  // was the whole 5,000-byte value
}

TEST_CASE("Special values of a column are bounded", "[credit][special][limits]") {
  DataColumn col;
  col.name = "months";
  col.type = FeatureType::numeric;
  std::vector<std::string> many;
  for (int i = 0; i < 255; ++i) many.push_back(std::to_string(-i - 1));
  auto r = set_special_values(col, many);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("255 special values") && Contains("the limit is 254"));
  many.pop_back();
  CHECK(set_special_values(col, many).ok());
}

TEST_CASE("A date is one the date parser reads back: real days, years 1900..2200", "[credit][dates][strict]") {
  CHECK(is_iso_date("2024-02-29"));
  CHECK(is_iso_date("1900-01"));
  CHECK(is_iso_date("2200-12-31"));
  CHECK_FALSE(is_iso_date("2023-02-29"));  // was accepted (any day 1..31)
  CHECK_FALSE(is_iso_date("2015-04-31"));
  CHECK_FALSE(is_iso_date("1900-02-29"));
  CHECK_FALSE(is_iso_date("0000-01"));     // was accepted (any year)
  CHECK_FALSE(is_iso_date("2201-01-01"));
  CHECK_FALSE(is_iso_date("1899-12"));
}
