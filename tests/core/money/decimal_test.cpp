#include <catch2/catch.hpp>

#include "core/money/money.hpp"

using namespace finlab::money;

TEST_CASE("Money parses plain, grouped and negative amounts exactly", "[money][parse]") {
  CHECK(Money::of("12345.67").units() == 1234567);
  CHECK(Money::of("12,345.67").units() == 1234567);
  CHECK(Money::of("1,234,567").units() == 123456700);
  CHECK(Money::of("-0.01").units() == -1);
  CHECK(Money::of("0").units() == 0);
  CHECK(Money::of("7.5").units() == 750);
  CHECK(Money::of("92233720368547758.07").units() == INT64_MAX);
}

TEST_CASE("Money rejects malformed text with a message that says what is wrong", "[money][parse]") {
  struct Case { const char* text; const char* says; };
  const Case cases[] = {
      {"", "empty"},
      {"1.2.3", "more than one decimal point"},
      {"NaN", "not a decimal number"},
      {"1e5", "exponent"},
      {"12.345", "too many decimal places"},
      {"1,23", "groups of three"},
      {"12,34.5", "groups of three"},
      {"1234,567", "groups of three"},
      {",123", "not a decimal number"},
      {"+1", "not a decimal number"},
      {" 1", "not a decimal number"},
      {"1 ", "unexpected character"},
      {".5", "not a decimal number"},
      {"1.", "expected digits after the decimal point"},
      {"--1", "not a decimal number"},
      {"92233720368547758.08", "out of range"},
      {"¥5", "not a decimal number"},
  };
  for (const auto& c : cases) {
    INFO("input: \"" << c.text << "\"");
    auto r = Money::parse(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Matchers::Contains(c.says));
  }
}

TEST_CASE("Money formats with exactly two decimals, optionally grouped", "[money][format]") {
  CHECK(fen(1234567).to_string() == "12345.67");
  CHECK(fen(1234567).to_string_grouped() == "12,345.67");
  CHECK(fen(-1).to_string() == "-0.01");
  CHECK(fen(0).to_string() == "0.00");
  CHECK(fen(100).to_string_grouped() == "1.00");
  CHECK(fen(12345678900).to_string_grouped() == "123,456,789.00");
  CHECK(Money::from_units(INT64_MIN).to_string() == "-92233720368547758.08");
  CHECK(IncomePer10k::of("1.2932").to_string() == "1.2932");
}

TEST_CASE("Money arithmetic is checked: overflow throws instead of wrapping", "[money][overflow]") {
  const Money max = Money::from_units(INT64_MAX);
  CHECK_THROWS_WITH(max + fen(1), Catch::Matchers::Contains("overflow"));
  CHECK_THROWS_WITH(Money::from_units(INT64_MIN) - fen(1), Catch::Matchers::Contains("overflow"));
  CHECK_THROWS_WITH(max * 2, Catch::Matchers::Contains("overflow"));
  CHECK_THROWS_WITH(-Money::from_units(INT64_MIN), Catch::Matchers::Contains("overflow"));
  CHECK((yuan(5) + fen(1)).to_string() == "5.01");
}

TEST_CASE("Rescaling and rounding name their mode", "[money][rounding]") {
  // 1.939800 (DOMAIN.md example C) truncated vs half-up to the fen.
  using Raw = Decimal<MoneyTag, 6>;
  CHECK((Raw::of("1.939800").rescaled<MoneyTag, 2>(Rounding::truncate)).to_string() == "1.93");
  CHECK((Raw::of("1.939800").rescaled<MoneyTag, 2>(Rounding::half_up)).to_string() == "1.94");
  CHECK((Raw::of("0.125000").rescaled<MoneyTag, 2>(Rounding::half_even)).to_string() == "0.12");
  CHECK((Raw::of("0.135000").rescaled<MoneyTag, 2>(Rounding::half_even)).to_string() == "0.14");
  CHECK((Raw::of("-0.125000").rescaled<MoneyTag, 2>(Rounding::half_up)).to_string() == "-0.13");
  CHECK((Raw::of("-1.939800").rescaled<MoneyTag, 2>(Rounding::truncate)).to_string() == "-1.93");
  CHECK((Raw::of("-1.931000").rescaled<MoneyTag, 2>(Rounding::floor)).to_string() == "-1.94");
  CHECK((Raw::of("1.931000").rescaled<MoneyTag, 2>(Rounding::ceiling)).to_string() == "1.94");
  CHECK(fen(1001).divided_by(3, Rounding::half_up).units() == 334);
  CHECK(fen(1000).divided_by(3, Rounding::half_up).units() == 333);
  CHECK(fen(1000).rounded(0, Rounding::half_up).to_string() == "10.00");
  CHECK(fen(1050).rounded(0, Rounding::half_even).to_string() == "10.00");
  CHECK(fen(1150).rounded(0, Rounding::half_even).to_string() == "12.00");
}

TEST_CASE("div_round handles every sign and tie", "[money][rounding]") {
  CHECK(div_round(5, 2, Rounding::half_up) == 3);
  CHECK(div_round(-5, 2, Rounding::half_up) == -3);
  CHECK(div_round(5, -2, Rounding::half_up) == -3);
  CHECK(div_round(5, 2, Rounding::half_even) == 2);
  CHECK(div_round(7, 2, Rounding::half_even) == 4);
  CHECK(div_round(-7, 2, Rounding::half_even) == -4);
  CHECK(div_round(7, 2, Rounding::truncate) == 3);
  CHECK(div_round(-7, 2, Rounding::truncate) == -3);
  CHECK(div_round(-7, 2, Rounding::floor) == -4);
  CHECK(div_round(-7, 2, Rounding::ceiling) == -3);
  CHECK_THROWS(div_round(1, 0, Rounding::half_up));
}
