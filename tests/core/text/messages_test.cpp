// The message catalog (core/text): known answers in both languages, the
// catalog's consistency (order, declared arguments used in both templates,
// full-width punctuation in Chinese) and bad arguments.
#include <catch2/catch.hpp>

#include <cctype>
#include <set>
#include <string>

#include "core/error.hpp"
#include "core/text/messages.hpp"

using namespace finlab::text;

namespace {

Message day(int weekday, const char* date) { return make(Id::weekday_date, {Arg::number(weekday), Arg::verbatim(date)}); }

std::set<std::string> fields(std::string_view tpl) {
  std::set<std::string> out;
  for (std::size_t i = tpl.find('{'); i != std::string_view::npos; i = tpl.find('{', i + 1)) {
    const auto close = tpl.find('}', i);
    const std::string_view f = tpl.substr(i + 1, close - i - 1);
    out.insert(std::string(f.substr(0, f.find_first_of("?#"))));
  }
  return out;
}

std::set<std::string> declared(const Spec& s) {
  std::set<std::string> out;
  std::string_view p = s.params;
  while (!p.empty()) {
    const auto comma = p.find(',');
    const std::string_view item = p.substr(0, comma);
    out.insert(std::string(item.substr(0, item.find(':'))));
    if (comma == std::string_view::npos) break;
    p.remove_prefix(comma + 1);
  }
  return out;
}

// The template without its {fields}.
std::string outside_fields(std::string_view tpl) {
  std::string out;
  int depth = 0;
  for (char c : tpl) {
    if (c == '{') ++depth;
    else if (c == '}') --depth;
    else if (depth == 0) out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("Order timing sentences read the same in English as before the catalog, and in Chinese", "[text][timing]") {
  // Known answer: the English is the text of `finlab fund order` before issue 14
  // (tests/cli golden files); the Chinese is the catalog's.
  const Message m = make(Id::timing_before_cutoff,
                         {Arg::of(day(0, "2015-06-22")), Arg::verbatim("10:00"), Arg::verbatim("15:00"), Arg::verbatim("2015-06-22")});
  CHECK(render(m, Lang::en) ==
        "Monday 2015-06-22 10:00 is before the 15:00 cut-off on a trading day, so the order counts for that day (T = 2015-06-22).");
  CHECK(render(m, Lang::zh) == "2015-06-22（周一） 10:00 早于交易日 15:00 的截止时间，订单按当天受理（T = 2015-06-22）。");

  SECTION("sentences in a row: a space in English, nothing in Chinese") {
    const Message a = make(Id::timing_fast_cash, {Arg::verbatim("2015-06-20")});
    const Message b = make(Id::timing_redeem_earns_nothing, {Arg::verbatim("2015-06-20")});
    const std::vector<Message> both{a, make(Id::nothing, {}), b};
    CHECK(render(both, Lang::en) ==
          "Fast (T+0) redemption: the cash is advanced the same day, 2015-06-20. The redeemed shares earn nothing from 2015-06-20 (product setting).");
    CHECK(render(both, Lang::zh) == "快速（T+0）赎回：资金于当天 2015-06-20 垫付到账。赎回的份额自 2015-06-20 起不再有收益（产品设置）。");
  }
  SECTION("holiday names from data: the Chinese name in Chinese") {
    const Message run = make(Id::closed_run, {Arg::of(make(Id::closed_weekend, {})), Arg::verbatim("06-20"), Arg::verbatim("06-21")});
    const Message hol = make(Id::closed_day, {Arg::of(make(Id::closed_weekend_in_holiday,
                                                            {Arg::of(make(Id::closed_weekend, {})),
                                                             Arg::names({"Dragon Boat (端午节)", "端午节"})})),
                                              Arg::verbatim("06-22")});
    const Message l = make(Id::list, {Arg::of(run), Arg::of(hol)});
    CHECK(render(l, Lang::en) == "weekend 06-20..06-21, weekend, Dragon Boat (端午节) 06-22");
    CHECK(render(l, Lang::zh) == "周末 06-20 至 06-21、周末，端午节 06-22");
  }
}

TEST_CASE("Credit reason codes and counterfactuals in both languages, with English plurals", "[text][credit]") {
  const Message why = make(Id::credit_why_risky, {Arg::names({"Nights at home", "在家过夜"})});
  const Message r = make(Id::credit_reason, {Arg::of(why), Arg::names({"Nights at home", "在家过夜"}), Arg::verbatim("[0.42, 0.7)"),
                                             Arg::verbatim(">= 0.7"), Arg::number(16)});
  CHECK(render(r, Lang::en) == "Nights at home is in a higher-risk range (Nights at home: [0.42, 0.7); best: >= 0.7; -16 points)");
  CHECK(render(r, Lang::zh) == "在家过夜处于较高风险区间（在家过夜：[0.42, 0.7)；最好：>= 0.7；−16 分）");
  auto change = [](std::int64_t pts) {
    return make(Id::credit_change_raise, {Arg::names({"Nights at home", ""}), Arg::verbatim("0.42"), Arg::verbatim("0.70"), Arg::number(pts)});
  };
  CHECK(render(change(1), Lang::en) == "raise Nights at home from 0.42 to at least 0.70 (+1 point)");
  CHECK(render(change(12), Lang::en) == "raise Nights at home from 0.42 to at least 0.70 (+12 points)");
  // A name without a Chinese spelling is shown as it is.
  CHECK(render(change(12), Lang::zh) == "把Nights at home从 0.42 提高到至少 0.70（+12 分）");
}

TEST_CASE("Every catalog entry is in Id order and names exactly its declared arguments in both languages", "[text][catalog]") {
  const auto cat = catalog();
  REQUIRE(cat.size() == static_cast<std::size_t>(Id::count_));
  std::set<std::string> keys;
  for (std::size_t i = 0; i < cat.size(); ++i) {
    const Spec& s = cat[i];
    INFO(s.key);
    CHECK(static_cast<std::size_t>(s.id) == i);
    CHECK(keys.insert(s.key).second);
    CHECK(fields(s.en) == declared(s));
    CHECK(fields(s.zh) == declared(s));
  }
}

TEST_CASE("Chinese templates use full-width punctuation and no English words", "[text][catalog][zh]") {
  for (const Spec& s : catalog()) {
    INFO(s.key << ": " << s.zh);
    const std::string plain = outside_fields(s.zh);
    // ASCII punctuation that has a full-width form in Chinese text ("(640). 最多").
    for (char c : std::string("(),;:!?")) {
      // "T+0" keeps its ASCII "+"; "T = " its "="; dates their "-".
      CHECK(plain.find(c) == std::string::npos);
    }
    // A full stop only ends a sentence as 。
    CHECK(plain.find(". ") == std::string::npos);
    for (std::size_t i = 0; i + 1 < plain.size(); ++i) {
      const bool word = std::isalpha(static_cast<unsigned char>(plain[i])) && std::isalpha(static_cast<unsigned char>(plain[i + 1]));
      CHECK_FALSE(word);
    }
  }
}

TEST_CASE("Arguments that do not match the catalog are refused with the message and argument named", "[text][errors]") {
  CHECK_THROWS_WITH(make(Id::timing_fast_cash, {}), Catch::Contains("timing.fast_cash takes 1 arguments, got 0"));
  CHECK_THROWS_WITH(make(Id::timing_fast_cash, {Arg::number(3)}), Catch::Contains("argument date must be of kind t"));
  CHECK_THROWS_WITH(make(Id::count_, {}), Catch::Contains("not in the catalog"));
  const Message bad{Id::weekday_name, {Arg::number(9)}};
  CHECK_THROWS_WITH(render(bad, Lang::en), Catch::Contains("choice 9 out of range"));
  Lang l = Lang::en;
  CHECK(parse_lang("zh", l));
  CHECK(l == Lang::zh);
  CHECK_FALSE(parse_lang("fr", l));
  CHECK(lang_code(Lang::en) == "en");
}
