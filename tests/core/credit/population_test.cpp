#include <catch2/catch.hpp>

#include <cmath>

#include "core/credit/population.hpp"

using namespace finlab::credit;

namespace {
bool same(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
}

TEST_CASE("Any range or shard of user ids gives identical users", "[credit][population]") {
  const PopulationParams p;
  const Population whole = generate_population(p, 42, 1000, 600);
  Population parts = generate_population(p, 42, 1000, 250);
  generate_population_into(parts, p, 42, 1250, 350);
  const Population tail = generate_population(p, 42, 1300, 10);
  REQUIRE(parts.size() == whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    REQUIRE(parts.user_id[i] == whole.user_id[i]);
    REQUIRE(parts.pd[i] == whole.pd[i]);
    REQUIRE(parts.bad[i] == whole.bad[i]);
    REQUIRE(parts.consent[i] == whole.consent[i]);
    for (std::size_t f = 0; f < whole.feature_count(); ++f) REQUIRE(same(parts.values[f][i], whole.values[f][i]));
  }
  for (std::size_t i = 0; i < tail.size(); ++i) {
    CHECK(tail.pd[i] == whole.pd[300 + i]);
    const SyntheticUser u = generate_user(p, 42, 1300 + i);
    CHECK(u.pd == whole.pd[300 + i]);
    CHECK(u.consent.bits() == whole.consent[300 + i]);
    for (std::size_t f = 0; f < whole.feature_count(); ++f) CHECK(same(static_cast<float>(u.values[f]), whole.values[f][300 + i]));
  }
  // Another seed is another population.
  const Population other = generate_population(p, 43, 1000, 10);
  CHECK(other.pd[0] != whole.pd[0]);
}

TEST_CASE("The population has the target bad rate - values in range and consent-driven missingness", "[credit][population]") {
  PopulationParams p;
  p.target_bad_rate = 0.08;
  const Population pop = generate_population(p, 7, 0, 50000);
  const FeatureSchema& schema = builtin_schema();
  REQUIRE(pop.feature_count() == schema.size());
  double pd = 0, bad = 0;
  for (std::size_t i = 0; i < pop.size(); ++i) {
    pd += pop.pd[i];
    bad += pop.bad[i];
  }
  CHECK(pd / pop.size() == Approx(0.08).margin(0.003));
  CHECK(bad / pop.size() == Approx(0.08).margin(0.005));
  for (std::size_t f = 0; f < schema.size(); ++f) {
    const FeatureSpec& spec = schema[f];
    std::size_t present = 0, unconsented_present = 0, out_of_range = 0;
    for (std::size_t i = 0; i < pop.size(); ++i) {
      const float x = pop.values[f][i];
      const bool consented = pop.consent_of(i).has(spec.category);
      if (!consented && !std::isnan(x)) ++unconsented_present;  // never present without consent
      if (std::isnan(x)) continue;
      ++present;
      if (x < spec.min || x > spec.max) ++out_of_range;
    }
    INFO(spec.name);
    CHECK(unconsented_present == 0);
    CHECK(out_of_range == 0);
    if (spec.category == ConsentCategory::application) CHECK(present == pop.size());
    else CHECK(present > pop.size() / 3);
  }
  // Consent probabilities are near their parameters (trait shift moves them a little).
  std::size_t loc = 0;
  for (std::size_t i = 0; i < pop.size(); ++i) loc += pop.consent_of(i).has(ConsentCategory::location);
  CHECK(double(loc) / pop.size() == Approx(p.consent_location).margin(0.05));
}

TEST_CASE("Features carry signal: riskier users have worse behaviour on average", "[credit][population]") {
  const Population pop = generate_population({}, 3, 0, 40000);
  const auto f = *builtin_schema().index_of("bill_ontime_share");
  double good_sum = 0, bad_sum = 0, good_n = 0, bad_n = 0;
  for (std::size_t i = 0; i < pop.size(); ++i) {
    const float x = pop.values[f][i];
    if (std::isnan(x)) continue;
    (pop.bad[i] ? bad_sum : good_sum) += x;
    (pop.bad[i] ? bad_n : good_n) += 1;
  }
  CHECK(good_sum / good_n > bad_sum / bad_n + 0.03);
  // With no signal, the PD does not depend on the traits.
  PopulationParams flat;
  flat.signal_strength = 0;
  flat.hidden_risk_sd = 0;
  const Population none = generate_population(flat, 3, 0, 100);
  for (std::size_t i = 1; i < none.size(); ++i) CHECK(none.pd[i] == none.pd[0]);
}

TEST_CASE("Bad population parameters are rejected", "[credit][population]") {
  PopulationParams p;
  p.target_bad_rate = 0;
  CHECK_THROWS(generate_population(p, 1, 0, 1));
  p = {};
  p.consent_location = 1.5;
  CHECK_THROWS(generate_population(p, 1, 0, 1));
}

TEST_CASE("The builtin schema is the compiled-in copy of assets/features/schema.json", "[credit][schema]") {
  const FeatureSchema& s = builtin_schema();
  CHECK(s.size() == 20);
  REQUIRE(s.find("home_night_share"));
  CHECK(s.find("home_night_share")->category == ConsentCategory::location);
  CHECK(s.find("income_band")->type == FeatureType::ordinal);
  CHECK(s.find("income_band")->levels.size() == 5);
  for (const auto& f : s.features()) {
    INFO(f.name);
    CHECK_FALSE(f.meaning.empty());
    CHECK_FALSE(f.label.empty());
    CHECK_FALSE(f.reason.empty());
  }
  // Every behaviour category has features.
  for (ConsentCategory c : all_consent_categories) {
    int n = 0;
    for (const auto& f : s.features()) n += f.category == c;
    CHECK(n >= 3);
  }
}

TEST_CASE("Schema parse errors name the JSON path", "[credit][schema]") {
  auto bad_cat = FeatureSchema::parse(R"({"features":[{"name":"x","category":"mood","type":"numeric","min":0,"max":1}]})");
  REQUIRE_FALSE(bad_cat.ok());
  CHECK(bad_cat.error().find("features[0].category") != std::string::npos);
  auto dup = FeatureSchema::parse(
      R"({"features":[{"name":"x","category":"device","type":"numeric","min":0,"max":1},{"name":"x","category":"device","type":"numeric","min":0,"max":1}]})");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().find("features[1].name: duplicate") != std::string::npos);
  auto range = FeatureSchema::parse(R"({"features":[{"name":"x","category":"device","type":"numeric","min":2,"max":1}]})");
  CHECK_FALSE(range.ok());
  CHECK_FALSE(FeatureSchema::parse("{not json").ok());
}

TEST_CASE("Consent masks print and parse", "[credit][consent]") {
  const ConsentMask m = ConsentMask::application_only().with(ConsentCategory::location).with(ConsentCategory::consumption);
  CHECK(m.to_string() == "application+location+consumption");
  CHECK(ConsentMask::parse("location+consumption").value() == m);
  CHECK(ConsentMask::parse(std::to_string(m.bits())).value() == m);
  CHECK(ConsentMask::parse("none").value() == ConsentMask::application_only());
  CHECK(ConsentMask::parse("").value() == ConsentMask::application_only());
  CHECK(ConsentMask::parse("0").value() == ConsentMask::application_only());
  CHECK_FALSE(ConsentMask::parse("location+gps").ok());
  CHECK_FALSE(ConsentMask::parse("99").ok());
  CHECK(ConsentMask::all().count() == 5);
  CHECK(ConsentMask::all().without(ConsentCategory::application) == ConsentMask::all());
}
