// core/strict_json.hpp: the one strict JSON parse of every reader.
#include <catch2/catch.hpp>

#include "core/strict_json.hpp"

using finlab::parse_strict_json;
using Catch::Matchers::Contains;

TEST_CASE("Duplicate keys are refused with their JSON path, at any depth", "[json][strict]") {
  // nlohmann alone keeps the last value: {"a":1,"a":2} reads as {"a":2}.
  CHECK(nlohmann::json::parse(R"({"a":1,"a":2})")["a"] == 2);
  auto r = parse_strict_json(R"({"a":1,"a":2})", "policy");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "policy: $.a: duplicate key (each key may appear once in an object)");
  r = parse_strict_json(R"({"x":[1,{"b":1,"c":[{"d":1,"d":2}]}]})");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.x[1].c[0].d: duplicate key"));
  // The same key in different objects is fine, as are arrays of objects.
  auto ok = parse_strict_json(R"({"a":[1,2],"b":{"a":1},"c":[{"a":1},{"a":2}]})");
  REQUIRE(ok.ok());
  CHECK(ok->at("c")[1]["a"] == 2);
}

TEST_CASE("Syntax errors and number overflow say line and column", "[json][strict]") {
  auto r = parse_strict_json("{\n  \"a\": }", "plan");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("plan: line 2, column 8: invalid JSON"));
  // nlohmann's bare "number overflow" message had no position.
  r = parse_strict_json("{\n \"a\": 1e999}", "scorecard");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "scorecard: line 2, column 7: the number 1e999 is too large to read");
}

TEST_CASE("Documents are bounded in nesting and size", "[json][strict][limits]") {
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  auto r = parse_strict_json(deep);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("nested deeper than 256"));
  const std::string ok_deep = std::string(200, '[') + std::string(200, ']');
  CHECK(parse_strict_json(ok_deep).ok());
  // 100,000 distinct keys parse quickly (sorted key sets, not a linear scan).
  std::string wide = "{";
  for (int i = 0; i < 100000; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  wide += "}";
  CHECK(parse_strict_json(wide).ok());
}

TEST_CASE("A NUL character in a key or string is refused with its path", "[json][strict]") {
  auto r = parse_strict_json(R"({"name":"base\u0000line"})", "policy");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "policy: $.name: text must not contain a NUL character (\\u0000)");
  r = parse_strict_json(R"({"a":["x","y\u0000"]})");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Contains("$.a[1]: text must not contain a NUL"));
}

TEST_CASE("Each failure is also a catalog message: the same English, and Chinese with line, column and path", "[json][strict][text]") {
  using finlab::text::Lang;
  using finlab::text::render;
  finlab::text::Message why;
  auto r = parse_strict_json("{\n  \"a\": }", "", &why);
  REQUIRE_FALSE(r.ok());
  CHECK(render(why, Lang::en) == r.error());
  CHECK(render(why, Lang::zh) == "第 2 行第 8 列：语法错误（此处不应出现 '}'）");
  r = parse_strict_json(R"({"fees":{"rate":1,"rate":2}})", "policy", &why);
  CHECK(render(why, Lang::en) == r.error());
  CHECK(render(why, Lang::zh) == "policy：$.fees.rate：键重复（同一对象中每个键只能出现一次）");
  r = parse_strict_json("{\n \"a\": 1e999}", "", &why);
  CHECK(render(why, Lang::zh) == "第 2 行第 7 列：数字 1e999 太大，无法读取");
  r = parse_strict_json(std::string(300, '[') + std::string(300, ']'), "", &why);
  CHECK(render(why, Lang::zh) == "嵌套超过 256 层");
  // No ASCII letters but the document's own words in the Chinese of a syntax error.
  r = parse_strict_json("[1, 2,, 3]", "", &why);
  const std::string zh = render(why, Lang::zh);
  CHECK(zh.find("syntax") == std::string::npos);
  CHECK(zh.find("expected") == std::string::npos);
}
