#include "core/portfolio/plan_json.hpp"

#include "core/portfolio/joint_nav_model.hpp"
#include "core/strict_json.hpp"
#include "core/suitability/suitability.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

namespace finlab::portfolio {

using nlohmann::json;
using money::Money;
using money::Rate;
using money::Shares;

namespace {

// Thrown inside the reader, turned into a Result failure at the top.
struct PlanError {
  std::string message;  // English, as the CLI prints it
  text::Message why;    // the same for the reader's language
};

// Bounds of a plan (docs/limits.md, "Plan JSON"): every amount at most 10^9
// yuan and every list at most 1,000 entries, so that the money a plan puts in
// over 50 years (1,000 weekly rules x 2,609 weeks x 10^11 fen < 2^58) leaves
// the engine's int64 fen 32x headroom for growth; past it the engine's
// checked arithmetic refuses the path [D].
constexpr std::int64_t kMaxPlanFen = 100'000'000'000;  // 10^9 yuan
constexpr std::size_t kMaxPlanList = 1'000;

// `what` is the English; `why` says it as a catalog message.
[[noreturn]] void error_at(const std::string& path, const std::string& what, text::Message why) {
  throw PlanError{path + ": " + what, text::make(text::Id::pf_error_at, {text::Arg::verbatim(path), text::Arg::of(std::move(why))})};
}
text::Message say(text::Id id, std::initializer_list<std::string> args = {}) {
  std::vector<text::Arg> a;
  for (const auto& x : args) a.push_back(text::Arg::verbatim(x));
  return text::make(id, std::move(a));
}

// The value's kind as an index into portfolio.error_expected_type's `got` list.
std::int64_t type_index(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return 0;
    case json::value_t::boolean: return 1;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return 2;
    case json::value_t::string: return 3;
    case json::value_t::array: return 4;
    case json::value_t::object: return 5;
    default: return 6;
  }
}
enum Want : std::int64_t { want_object, want_array, want_string, want_boolean, want_option };
text::Message expected_type(Want want, const json& v) {
  return text::make(text::Id::pf_error_expected_type, {text::Arg::number(want), text::Arg::number(type_index(v))});
}
// "expected "month" or "week", got "x"": the accepted words in each language.
text::Message expected_one_of(std::string en, std::string zh, const std::string& got) {
  return text::make(text::Id::pf_error_expected_one_of, {text::Arg::names({std::move(en), std::move(zh)}), text::Arg::verbatim(got)});
}
// A reason another module gives in English (kept for the CLI), said in Chinese by the catalog.
text::Message english_and(const std::string& en, text::Id zh, std::initializer_list<std::string> args) {
  return text::with_english(en, say(zh, args));
}

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

// An object being read: remembers which keys were used so that unknown keys
// (typos) are reported.
class Obj {
public:
  Obj(const json& v, std::string path) : v_(v), path_(std::move(path)) {
    if (!v.is_object()) error_at(path_, "expected an object, got " + type_name(v), expected_type(want_object, v));
  }
  const std::string& path() const { return path_; }
  std::string at(const std::string& key) const { return path_ + "." + key; }
  bool has(const std::string& key) {
    used_.insert(key);
    return v_.contains(key);
  }
  const json& get(const std::string& key) {
    used_.insert(key);
    auto it = v_.find(key);
    if (it == v_.end()) error_at(path_, "missing required key `" + key + "`", say(text::Id::pf_error_missing_key, {key}));
    return *it;
  }
  const json* find(const std::string& key) {
    used_.insert(key);
    auto it = v_.find(key);
    return it == v_.end() ? nullptr : &*it;
  }
  void finish() const {
    for (auto it = v_.begin(); it != v_.end(); ++it) {
      if (!used_.count(it.key())) error_at(path_, "unknown key `" + it.key() + "`", say(text::Id::pf_error_unknown_key, {it.key()}));
    }
  }

private:
  const json& v_;
  std::string path_;
  std::set<std::string> used_;
};

std::string str(const json& v, const std::string& path) {
  if (!v.is_string()) error_at(path, "expected a string, got " + type_name(v), expected_type(want_string, v));
  return v.get<std::string>();
}

std::string decimal_text(const json& v, const std::string& path, const char* example) {
  if (!v.is_string()) {
    error_at(path, std::string("expected a decimal string such as \"") + example + "\", got " + type_name(v) +
                       (v.is_number() ? " (amounts and rates are strings so that they stay exact)" : ""),
             say(text::Id::pf_error_expected_decimal, {example}));
  }
  return v.get<std::string>();
}

Money money_at(const json& v, const std::string& path) {
  const std::string t = decimal_text(v, path, "1000.00");
  auto r = Money::parse(t);
  if (!r) error_at(path, r.error(), say(text::Id::pf_error_not_decimal, {t}));
  const std::int64_t fen = r.value().units();
  if (fen > kMaxPlanFen || fen < -kMaxPlanFen)
    error_at(path, r.value().to_string() + " is outside the plan limit of +-" + Money::from_units(kMaxPlanFen).to_string() + " (docs/limits.md)",
             say(text::Id::pf_error_outside_limit, {r.value().to_string(), Money::from_units(kMaxPlanFen).to_string()}));
  return r.value();
}

Shares shares_at(const json& v, const std::string& path) {
  const std::string t = decimal_text(v, path, "100.00");
  auto r = Shares::parse(t);
  if (!r) error_at(path, r.error(), english_and(r.error(), text::Id::pf_error_not_decimal, {t}));
  return r.value();
}

Rate percent_at(const json& v, const std::string& path) {
  const std::string t = decimal_text(v, path, "1.2");
  auto r = Rate::parse_percent(t);
  if (!r) error_at(path, r.error(), say(text::Id::pf_error_not_decimal, {t}));
  return r.value();
}

Rate ratio_at(const json& v, const std::string& path) {
  const std::string t = decimal_text(v, path, "0.05");
  auto r = Rate::parse_ratio(t);
  if (!r) error_at(path, r.error(), english_and(r.error(), text::Id::pf_error_not_decimal, {t}));
  return r.value();
}

long long integer_at(const json& v, const std::string& path, long long lo, long long hi) {
  if (!v.is_number_integer()) {
    const std::string en = "expected an integer, got " + type_name(v);
    error_at(path, en, text::with_english(en, say(text::Id::pf_error_expected_integer)));
  }
  const long long x = v.get<long long>();
  if (x < lo || x > hi)
    error_at(path, std::to_string(x) + " is not in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
             say(text::Id::pf_error_not_in_range, {std::to_string(x), std::to_string(lo), std::to_string(hi)}));
  return x;
}

bool bool_at(const json& v, const std::string& path) {
  if (!v.is_boolean()) error_at(path, "expected true or false, got " + type_name(v), expected_type(want_boolean, v));
  return v.get<bool>();
}

time::Date date_at(const json& v, const std::string& path) {
  const std::string t = str(v, path);
  auto r = time::Date::parse(t);
  if (!r) error_at(path, r.error(), english_and(r.error(), text::Id::input_not_date, {t}));
  return r.value();
}

const json& array_at(const json& v, const std::string& path) {
  if (!v.is_array()) error_at(path, "expected an array, got " + type_name(v), expected_type(want_array, v));
  if (v.size() > kMaxPlanList)
    error_at(path, std::to_string(v.size()) + " entries; a plan list holds at most " + std::to_string(kMaxPlanList) + " (docs/limits.md)",
             say(text::Id::pf_error_list_too_long, {std::to_string(v.size()), std::to_string(kMaxPlanList)}));
  return v;
}

std::string index_path(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

money::Rounding rounding_at(const json& v, const std::string& path) {
  const std::string s = str(v, path);
  if (s == "half_up") return money::Rounding::half_up;
  if (s == "half_even") return money::Rounding::half_even;
  if (s == "truncate") return money::Rounding::truncate;
  error_at(path, "expected \"half_up\", \"half_even\" or \"truncate\", got \"" + s + "\"",
           expected_one_of("\"half_up\", \"half_even\" or \"truncate\"", "“half_up”、“half_even”或“truncate”", s));
}

const char* rounding_name(money::Rounding r) {
  switch (r) {
    case money::Rounding::half_up: return "half_up";
    case money::Rounding::half_even: return "half_even";
    case money::Rounding::truncate: return "truncate";
    case money::Rounding::floor: return "floor";
    case money::Rounding::ceiling: return "ceiling";
  }
  return "half_up";
}

// A ratio without trailing zeros: "0.1", "0.05", "1".
std::string ratio_text(Rate r) {
  std::string t = money::format_fixed(r.units(), Rate::scale);
  while (t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  return t;
}

const char* weekday_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

Recurrence recurrence_at(Obj& o) {
  Recurrence r;
  const std::string every = str(o.get("every"), o.at("every"));
  if (every == "month") {
    r.every = Recurrence::Every::month;
    r.day_of_month = static_cast<int>(integer_at(o.get("day"), o.at("day"), 1, 31));
    if (o.has("weekday")) error_at(o.at("weekday"), "a monthly instruction takes `day`, not `weekday`", say(text::Id::pf_error_day_not_weekday, {"day", "weekday"}));
  } else if (every == "week") {
    r.every = Recurrence::Every::week;
    const std::string wd = str(o.get("weekday"), o.at("weekday"));
    bool found = false;
    for (int i = 0; i < 7; ++i) {
      if (wd == weekday_names[i]) {
        r.weekday = static_cast<time::Weekday>(i);
        found = true;
      }
    }
    if (!found) error_at(o.at("weekday"), "expected one of mon, tue, wed, thu, fri, sat, sun, got \"" + wd + "\"",
                           expected_one_of("one of mon, tue, wed, thu, fri, sat, sun", "“mon”、“tue”、“wed”、“thu”、“fri”、“sat”、“sun”之一", wd));
    if (o.has("day")) error_at(o.at("day"), "a weekly instruction takes `weekday`, not `day`", say(text::Id::pf_error_weekday_not_day, {"weekday", "day"}));
  } else {
    error_at(o.at("every"), "expected \"month\" or \"week\", got \"" + every + "\"", expected_one_of("\"month\" or \"week\"", "“month”或“week”", every));
  }
  return r;
}

SubscriptionFeeSchedule subscription_at(const json& v, const std::string& path) {
  Obj o(v, path);
  SubscriptionFeeSchedule s;
  s.tiers.clear();
  const json& tiers = array_at(o.get("tiers"), o.at("tiers"));
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    Obj t(tiers[i], index_path(o.at("tiers"), i));
    SubscriptionTier tier;
    if (const json* b = t.find("below")) tier.below = money_at(*b, t.at("below"));
    if (const json* r = t.find("rate_percent")) tier.rate = percent_at(*r, t.at("rate_percent"));
    if (const json* f = t.find("flat")) tier.flat = money_at(*f, t.at("flat"));
    t.finish();
    s.tiers.push_back(tier);
  }
  if (const json* d = o.find("discount")) s.discount = ratio_at(*d, o.at("discount"));
  if (const json* r = o.find("net_rounding")) s.net_rounding = rounding_at(*r, o.at("net_rounding"));
  if (const json* r = o.find("share_rounding")) s.share_rounding = rounding_at(*r, o.at("share_rounding"));
  if (const json* m = o.find("minimum")) s.minimum = money_at(*m, o.at("minimum"));
  o.finish();
  if (auto why = s.validate_message()) error_at(path, text::render(*why, text::Lang::en), *why);
  return s;
}

RedemptionFeeSchedule redemption_at(const json& v, const std::string& path) {
  Obj o(v, path);
  RedemptionFeeSchedule s;
  const json& tiers = array_at(o.get("tiers"), o.at("tiers"));
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    Obj t(tiers[i], index_path(o.at("tiers"), i));
    RedemptionTier tier;
    if (const json* b = t.find("held_days_below")) tier.held_days_below = static_cast<int>(integer_at(*b, t.at("held_days_below"), 1, 100000));
    tier.rate = percent_at(t.get("rate_percent"), t.at("rate_percent"));
    if (const json* f = t.find("to_fund_assets_percent")) tier.to_fund_assets = percent_at(*f, t.at("to_fund_assets_percent"));
    t.finish();
    s.tiers.push_back(tier);
  }
  if (const json* f = o.find("csrc_short_hold_floor")) s.csrc_short_hold_floor = bool_at(*f, o.at("csrc_short_hold_floor"));
  o.finish();
  if (auto why = s.validate_message()) error_at(path, text::render(*why, text::Lang::en), *why);
  return s;
}

GarchNavParams nav_model_at(const json& v, const std::string& path) {
  Obj o(v, path);
  GarchNavParams p;
  if (const json* x = o.find("start_nav")) {
    const std::string t = decimal_text(*x, o.at("start_nav"), "1.0000");
    auto r = Nav::parse(t);
    if (!r) error_at(o.at("start_nav"), r.error(), english_and(r.error(), text::Id::pf_error_not_decimal, {t}));
    p.start = r.value();
  }
  if (const json* x = o.find("annual_return_percent")) p.annual_return = percent_at(*x, o.at("annual_return_percent"));
  if (const json* x = o.find("annual_volatility_percent")) p.annual_volatility = percent_at(*x, o.at("annual_volatility_percent"));
  if (const json* x = o.find("alpha")) p.alpha = ratio_at(*x, o.at("alpha"));
  if (const json* x = o.find("beta")) p.beta = ratio_at(*x, o.at("beta"));
  if (const json* x = o.find("dof")) p.dof = static_cast<int>(integer_at(*x, o.at("dof"), 3, 1000));
  if (const json* x = o.find("daily_limit_percent")) p.daily_limit = percent_at(*x, o.at("daily_limit_percent"));
  if (const json* x = o.find("trading_days_per_year")) p.trading_days_per_year = static_cast<int>(integer_at(*x, o.at("trading_days_per_year"), 200, 300));
  o.finish();
  if (auto why = p.validate_message()) error_at(path, text::render(*why, text::Lang::en), *why);
  return p;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return id != "huoqibao";
}

IndexFundSpec fund_at(const json& v, const std::string& path) {
  Obj o(v, path);
  IndexFundSpec f;
  f.id = str(o.get("id"), o.at("id"));
  if (!valid_id(f.id)) error_at(o.at("id"), "\"" + f.id + "\" is not a valid id (1-32 of a-z, 0-9, _; not \"huoqibao\")", say(text::Id::pf_error_bad_id, {f.id}));
  f.name = o.has("name") ? str(o.get("name"), o.at("name")) : f.id;
  if (const json* x = o.find("subscription_fee")) f.subscription = subscription_at(*x, o.at("subscription_fee"));
  if (const json* x = o.find("redemption_fee")) f.redemption = redemption_at(*x, o.at("redemption_fee"));
  if (const json* x = o.find("redemption_settlement_days")) f.redemption_settlement_days = static_cast<int>(integer_at(*x, o.at("redemption_settlement_days"), 1, 10));
  if (const json* x = o.find("dividends")) {
    const std::string d = str(*x, o.at("dividends"));
    if (d == "cash") f.dividends = DividendMode::cash;
    else if (d == "reinvest") f.dividends = DividendMode::reinvest;
    else error_at(o.at("dividends"), "expected \"cash\" or \"reinvest\", got \"" + d + "\"", expected_one_of("\"cash\" or \"reinvest\"", "“cash”或“reinvest”", d));
  }
  if (const json* x = o.find("dividend_yield_percent")) {
    f.dividend_yield = percent_at(*x, o.at("dividend_yield_percent"));
    if (f.dividend_yield.units() < 0 || f.dividend_yield > Rate::percent("20")) error_at(o.at("dividend_yield_percent"), "must be in [0, 20]", say(text::Id::pf_error_in_range, {"[0, 20]"}));
  }
  if (const json* x = o.find("dividend_month")) f.dividend_month = static_cast<int>(integer_at(*x, o.at("dividend_month"), 1, 12));
  if (const json* x = o.find("nav_model")) f.nav_model = nav_model_at(*x, o.at("nav_model"));
  o.finish();
  return f;
}

std::size_t fund_ref(const Plan& p, const json& v, const std::string& path) {
  const std::string id = str(v, path);
  auto i = p.fund_index(id);
  if (!i) {
    std::string known;
    for (const auto& f : p.funds) known += (known.empty() ? "" : ", ") + f.id;
    error_at(path, "no fund with id \"" + id + "\" (funds: " + (known.empty() ? "none" : known) + ")",
             text::make(text::Id::pf_error_no_fund, {text::Arg::verbatim(id), text::Arg::names({known.empty() ? "none" : known, known.empty() ? "无" : known})}));
  }
  return *i;
}

// "investor": {"answers": [0, 1, ...], "assessed": "2017-07-03", "signed_warning": false}
// (docs/suitability.md); the answers are scored here so that a bad answer set
// is reported at its JSON path.
InvestorProfile read_investor(const json& v, const std::string& path) {
  Obj o(v, path);
  InvestorProfile inv;
  const json& a = array_at(o.get("answers"), o.at("answers"));
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_number_integer()) error_at(index_path(o.at("answers"), i), "expected an option number, got " + type_name(a[i]), expected_type(want_option, a[i]));
    inv.answers.push_back(a[i].get<int>());
  }
  const std::string assessed = str(o.get("assessed"), o.at("assessed"));
  auto d = time::Date::parse(assessed);
  if (!d) error_at(o.at("assessed"), d.error(), english_and(d.error(), text::Id::input_not_date, {assessed}));
  inv.assessed = d.value();
  if (const json* s = o.find("signed_warning")) {
    if (!s->is_boolean()) error_at(o.at("signed_warning"), "expected true or false, got " + type_name(*s), expected_type(want_boolean, *s));
    inv.signed_warning = s->get<bool>();
  }
  o.finish();
  text::Message why;
  auto check = suitability::assess(suitability::Questionnaire::builtin(), inv.answers, inv.assessed, {}, &why);
  if (!check) error_at(o.at("answers"), check.error(), why);
  return inv;
}

// "correlation": a matrix in `funds` order ([["1", "0.85"], ["0.85", "1"]]) or
// {"default": "0.85", "pairs": [{"funds": ["csi300", "csi500"], "value": "0.9"}]}
// (pairs not listed take the default, itself defaulting to
// default_index_correlation()). Checked: square, unit diagonal, [-1, 1],
// symmetric, positive semidefinite (Cholesky).
void read_correlation(const json& v, const std::string& path, Plan& p) {
  const std::size_t n = p.funds.size();
  std::vector<Rate> m;
  if (v.is_array()) {
    if (v.size() != n) error_at(path, "expected " + std::to_string(n) + " rows (one per fund), got " + std::to_string(v.size()),
                                  say(text::Id::pf_error_rows, {std::to_string(n), std::to_string(v.size())}));
    for (std::size_t i = 0; i < n; ++i) {
      const std::string row_path = index_path(path, i);
      const json& row = array_at(v[i], row_path);
      if (row.size() != n) error_at(row_path, "expected " + std::to_string(n) + " values (one per fund), got " + std::to_string(row.size()),
                                          say(text::Id::pf_error_values, {std::to_string(n), std::to_string(row.size())}));
      for (std::size_t j = 0; j < n; ++j) m.push_back(ratio_at(row[j], index_path(row_path, j)));
    }
  } else {
    Obj c(v, path);
    Rate dflt = default_index_correlation();
    if (const json* d = c.find("default")) dflt = ratio_at(*d, c.at("default"));
    m.assign(n * n, dflt);
    for (std::size_t i = 0; i < n; ++i) m[i * n + i] = Rate::ratio("1");
    if (const json* x = c.find("pairs")) {
      const json& a = array_at(*x, c.at("pairs"));
      for (std::size_t k = 0; k < a.size(); ++k) {
        Obj pr(a[k], index_path(c.at("pairs"), k));
        const json& ids = array_at(pr.get("funds"), pr.at("funds"));
        if (ids.size() != 2) error_at(pr.at("funds"), "expected two fund ids, got " + std::to_string(ids.size()), say(text::Id::pf_error_two_funds, {std::to_string(ids.size())}));
        const std::size_t i = fund_ref(p, ids[0], index_path(pr.at("funds"), 0));
        const std::size_t j = fund_ref(p, ids[1], index_path(pr.at("funds"), 1));
        if (i == j) error_at(pr.at("funds"), "a fund's correlation with itself is 1; name two different funds", say(text::Id::pf_error_same_fund));
        const Rate r = ratio_at(pr.get("value"), pr.at("value"));
        m[i * n + j] = r;
        m[j * n + i] = r;
        pr.finish();
      }
    }
    c.finish();
  }
  CorrelationProblem bad;
  if (auto f = correlation_factor(m, n, &bad); !f) error_at(path + bad.at, text::render(bad.what, text::Lang::en), bad.what);
  p.correlation = std::move(m);
}


Plan plan_from(const json& root) {
  Obj o(root, "$");
  Plan p;
  p.name = str(o.get("name"), o.at("name"));
  p.start = date_at(o.get("start"), o.at("start"));
  if (const json* x = o.find("years")) p.years = static_cast<int>(integer_at(*x, o.at("years"), 1, 50));
  if (const json* x = o.find("initial_deposit")) p.initial_deposit = money_at(*x, o.at("initial_deposit"));
  if (p.initial_deposit.is_negative()) error_at(o.at("initial_deposit"), "must not be negative", say(text::Id::pf_error_not_negative));
  if (const json* x = o.find("huoqibao")) {
    Obj h(*x, o.at("huoqibao"));
    const json* y = h.find("annual_yield_percent");
    const json* m = h.find("model");
    if (y && m) error_at(h.path(), "give either `annual_yield_percent` or `model`, not both", say(text::Id::pf_error_not_both, {"annual_yield_percent", "model"}));
    if (y && y->is_string() && y->get<std::string>() == "history") {
      p.huoqibao.source = HuoqibaoSpec::Source::history;
    } else if (y) {
      p.huoqibao.source = HuoqibaoSpec::Source::constant_yield;
      p.huoqibao.annual_yield = percent_at(*y, h.at("annual_yield_percent"));
      if (p.huoqibao.annual_yield.units() < 0 || p.huoqibao.annual_yield > Rate::percent("20")) error_at(h.at("annual_yield_percent"), "must be in [0, 20]", say(text::Id::pf_error_in_range, {"[0, 20]"}));
    }
    if (m) {
      p.huoqibao.source = HuoqibaoSpec::Source::fund_model;
      Obj mo(*m, h.at("model"));
      auto& g = p.huoqibao.model;
      if (const json* v = mo.find("level_percent")) {
        if (v->is_string() && v->get<std::string>() == "history") p.huoqibao.model_level_from_history = true;
        else g.level = percent_at(*v, mo.at("level_percent"));
      }
      if (const json* v = mo.find("start_percent")) g.start = percent_at(*v, mo.at("start_percent"));
      if (const json* v = mo.find("volatility_percent")) g.volatility = percent_at(*v, mo.at("volatility_percent"));
      if (const json* v = mo.find("floor_percent")) g.floor = percent_at(*v, mo.at("floor_percent"));
      if (const json* v = mo.find("reversion_per_year")) {
        const Rate k = ratio_at(*v, mo.at("reversion_per_year"));
        if (k.units() <= 0 || k > Rate::ratio("365")) error_at(mo.at("reversion_per_year"), "must be in (0, 365]", say(text::Id::pf_error_in_range, {"(0, 365]"}));
        g.reversion_per_year = to_double(k);
      }
      if (const json* v = mo.find("seed")) g.seed = static_cast<std::uint64_t>(integer_at(*v, mo.at("seed"), 0, 9007199254740991LL));
      mo.finish();
    }
    h.finish();
  }
  if (const json* x = o.find("funds")) {
    const json& a = array_at(*x, o.at("funds"));
    for (std::size_t i = 0; i < a.size(); ++i) {
      IndexFundSpec f = fund_at(a[i], index_path(o.at("funds"), i));
      if (p.fund_index(f.id)) error_at(index_path(o.at("funds"), i) + ".id", "duplicate fund id \"" + f.id + "\"", say(text::Id::pf_error_duplicate_fund, {f.id}));
      p.funds.push_back(std::move(f));
    }
  }
  if (const json* x = o.find("deposits")) {
    const json& a = array_at(*x, o.at("deposits"));
    for (std::size_t i = 0; i < a.size(); ++i) {
      Obj d(a[i], index_path(o.at("deposits"), i));
      Deposit dep;
      dep.amount = money_at(d.get("amount"), d.at("amount"));
      if (!dep.amount.is_positive()) error_at(d.at("amount"), "must be positive", say(text::Id::pf_error_must_be_positive));
      dep.when = recurrence_at(d);
      d.finish();
      p.deposits.push_back(dep);
    }
  }
  if (const json* x = o.find("regular_investments")) {
    const json& a = array_at(*x, o.at("regular_investments"));
    for (std::size_t i = 0; i < a.size(); ++i) {
      Obj d(a[i], index_path(o.at("regular_investments"), i));
      RegularInvestment ri;
      ri.fund = fund_ref(p, d.get("fund"), d.at("fund"));
      ri.amount = money_at(d.get("amount"), d.at("amount"));
      if (!ri.amount.is_positive()) error_at(d.at("amount"), "must be positive", say(text::Id::pf_error_must_be_positive));
      ri.when = recurrence_at(d);
      d.finish();
      p.regular_investments.push_back(ri);
    }
  }
  if (const json* x = o.find("rebalance")) {
    Obj r(*x, o.at("rebalance"));
    auto& rb = p.rebalance;
    rb.enabled = true;
    rb.fund_targets.assign(p.funds.size(), Rate{});
    Obj t(r.get("targets_percent"), r.at("targets_percent"));
    Rate sum;
    if (const json* h = t.find("huoqibao")) rb.huoqibao_target = percent_at(*h, t.at("huoqibao"));
    sum = rb.huoqibao_target;
    for (std::size_t i = 0; i < p.funds.size(); ++i) {
      if (const json* w = t.find(p.funds[i].id)) {
        rb.fund_targets[i] = percent_at(*w, t.at(p.funds[i].id));
        if (rb.fund_targets[i].units() < 0) error_at(t.at(p.funds[i].id), "must not be negative", say(text::Id::pf_error_not_negative));
        sum = sum + rb.fund_targets[i];
      }
    }
    t.finish();
    if (rb.huoqibao_target.units() < 0) error_at(t.at("huoqibao"), "must not be negative", say(text::Id::pf_error_not_negative));
    if (sum != Rate::percent("100"))
      error_at(t.path(), "targets add up to " + sum.to_percent_string() + "%, not 100%", say(text::Id::pf_error_targets_sum, {sum.to_percent_string()}));
    if (const json* e = r.find("every")) {
      const std::string s = str(*e, r.at("every"));
      if (s == "month") rb.every = Rebalance::Every::month;
      else if (s == "quarter") rb.every = Rebalance::Every::quarter;
      else if (s == "year") rb.every = Rebalance::Every::year;
      else error_at(r.at("every"), "expected \"month\", \"quarter\" or \"year\", got \"" + s + "\"",
                     expected_one_of("\"month\", \"quarter\" or \"year\"", "“month”、“quarter”或“year”", s));
    }
    if (const json* th = r.find("threshold_percent")) {
      rb.threshold = percent_at(*th, r.at("threshold_percent"));
      if (rb.threshold->units() <= 0 || *rb.threshold >= Rate::percent("100")) error_at(r.at("threshold_percent"), "must be in (0, 100)", say(text::Id::pf_error_in_range, {"(0, 100)"}));
    }
    if (const json* m = r.find("min_trade")) {
      rb.min_trade = money_at(*m, r.at("min_trade"));
      if (rb.min_trade.is_negative()) error_at(r.at("min_trade"), "must not be negative", say(text::Id::pf_error_not_negative));
    }
    if (rb.every == Rebalance::Every::none && !rb.threshold) error_at(r.path(), "give `every`, `threshold_percent` or both", say(text::Id::pf_error_every_or_threshold, {"every", "threshold_percent"}));
    r.finish();
  }
  if (const json* x = o.find("orders")) {
    const json& a = array_at(*x, o.at("orders"));
    for (std::size_t i = 0; i < a.size(); ++i) {
      Obj d(a[i], index_path(o.at("orders"), i));
      OneOffOrder ord;
      const std::string d_at_text = str(d.get("at"), d.at("at"));
      auto at = time::DateTime::parse(d_at_text);
      if (!at) error_at(d.at("at"), at.error(), english_and(at.error(), text::Id::input_not_date_time, {d_at_text, "2015-06-01 10:00"}));
      ord.at = at.value();
      ord.fund = fund_ref(p, d.get("fund"), d.at("fund"));
      const json* buy = d.find("buy");
      const json* sell = d.find("sell_shares");
      if ((buy != nullptr) == (sell != nullptr)) error_at(d.path(), "give exactly one of `buy` (money) or `sell_shares`", say(text::Id::pf_error_buy_or_sell, {"buy", "sell_shares"}));
      if (buy) {
        ord.buy = true;
        ord.amount = money_at(*buy, d.at("buy"));
        if (!ord.amount.is_positive()) error_at(d.at("buy"), "must be positive", say(text::Id::pf_error_must_be_positive));
      } else {
        ord.buy = false;
        ord.shares = shares_at(*sell, d.at("sell_shares"));
        if (!ord.shares.is_positive()) error_at(d.at("sell_shares"), "must be positive", say(text::Id::pf_error_must_be_positive));
      }
      if (ord.at.date() < p.start) error_at(d.at("at"), "is before the plan's start " + p.start.to_string(), say(text::Id::pf_error_before_start, {p.start.to_string()}));
      d.finish();
      p.orders.push_back(ord);
    }
  }
  if (const json* x = o.find("correlation")) read_correlation(*x, o.at("correlation"), p);
  if (const json* x = o.find("investor")) p.investor = read_investor(*x, o.at("investor"));
  o.finish();
  return p;
}

using ojson = nlohmann::ordered_json;

ojson recurrence_json(ojson j, const Recurrence& r) {
  if (r.every == Recurrence::Every::month) {
    j["every"] = "month";
    j["day"] = r.day_of_month;
  } else {
    j["every"] = "week";
    j["weekday"] = weekday_names[static_cast<int>(r.weekday)];
  }
  return j;
}

}  // namespace

Result<Plan> parse_plan(std::string_view json_text, text::Message* why) {
  auto parsed = parse_strict_json<json>(json_text, "", why);  // duplicate keys refused (core/strict_json.hpp)
  if (!parsed.ok()) return fail(parsed.error());
  const json root = std::move(parsed).value();
  try {
    return plan_from(root);
  } catch (const PlanError& e) {
    if (why) *why = e.why;
    return fail(e.message);
  }
}

std::string plan_to_json(const Plan& p) {
  ojson j;
  j["name"] = p.name;
  j["start"] = p.start.to_string();
  j["years"] = p.years;
  j["initial_deposit"] = p.initial_deposit.to_string();
  if (p.huoqibao.source == HuoqibaoSpec::Source::history) {
    j["huoqibao"] = {{"annual_yield_percent", "history"}};
  } else if (p.huoqibao.source == HuoqibaoSpec::Source::constant_yield) {
    j["huoqibao"] = {{"annual_yield_percent", p.huoqibao.annual_yield.to_percent_string()}};
  } else {
    const auto& g = p.huoqibao.model;
    ojson m = {{"level_percent", p.huoqibao.model_level_from_history ? std::string("history") : g.level.to_percent_string()},
              {"volatility_percent", g.volatility.to_percent_string()},
              {"floor_percent", g.floor.to_percent_string()},
              {"seed", g.seed}};
    if (g.start) m["start_percent"] = g.start->to_percent_string();
    m["reversion_per_year"] = ratio_text(Rate::from_units(static_cast<std::int64_t>(g.reversion_per_year * 1e10 + 0.5)));
    j["huoqibao"] = {{"model", m}};
  }
  ojson funds = ojson::array();
  for (const auto& f : p.funds) {
    ojson tiers = ojson::array();
    for (const auto& t : f.subscription.tiers) {
      ojson tj = ojson::object();
      if (t.below) tj["below"] = t.below->to_string();
      if (t.rate) tj["rate_percent"] = t.rate->to_percent_string();
      if (t.flat) tj["flat"] = t.flat->to_string();
      tiers.push_back(tj);
    }
    ojson rtiers = ojson::array();
    for (const auto& t : f.redemption.tiers) {
      ojson tj = ojson::object();
      if (t.held_days_below) tj["held_days_below"] = *t.held_days_below;
      tj["rate_percent"] = t.rate.to_percent_string();
      tj["to_fund_assets_percent"] = t.to_fund_assets.to_percent_string();
      rtiers.push_back(tj);
    }
    const auto& n = f.nav_model;
    funds.push_back({
        {"id", f.id},
        {"name", f.name},
        {"subscription_fee",
         {{"tiers", tiers},
          {"discount", ratio_text(f.subscription.discount)},
          {"net_rounding", rounding_name(f.subscription.net_rounding)},
          {"share_rounding", rounding_name(f.subscription.share_rounding)},
          {"minimum", f.subscription.minimum.to_string()}}},
        {"redemption_fee", {{"tiers", rtiers}, {"csrc_short_hold_floor", f.redemption.csrc_short_hold_floor}}},
        {"redemption_settlement_days", f.redemption_settlement_days},
        {"dividends", f.dividends == DividendMode::cash ? "cash" : "reinvest"},
        {"dividend_yield_percent", f.dividend_yield.to_percent_string()},
        {"dividend_month", f.dividend_month},
        {"nav_model",
         {{"start_nav", n.start.to_string()},
          {"annual_return_percent", n.annual_return.to_percent_string()},
          {"annual_volatility_percent", n.annual_volatility.to_percent_string()},
          {"alpha", ratio_text(n.alpha)},
          {"beta", ratio_text(n.beta)},
          {"dof", n.dof},
          {"daily_limit_percent", n.daily_limit.to_percent_string()},
          {"trading_days_per_year", n.trading_days_per_year}}},
    });
  }
  j["funds"] = funds;
  ojson deposits = ojson::array();
  for (const auto& d : p.deposits) deposits.push_back(recurrence_json({{"amount", d.amount.to_string()}}, d.when));
  j["deposits"] = deposits;
  ojson ris = ojson::array();
  for (const auto& r : p.regular_investments) {
    ris.push_back(recurrence_json({{"fund", p.funds.at(r.fund).id}, {"amount", r.amount.to_string()}}, r.when));
  }
  j["regular_investments"] = ris;
  if (p.rebalance.enabled) {
    ojson targets = {{"huoqibao", p.rebalance.huoqibao_target.to_percent_string()}};
    for (std::size_t i = 0; i < p.funds.size(); ++i) targets[p.funds[i].id] = p.rebalance.fund_targets.at(i).to_percent_string();
    ojson rb = {{"targets_percent", targets}, {"min_trade", p.rebalance.min_trade.to_string()}};
    switch (p.rebalance.every) {
      case Rebalance::Every::month: rb["every"] = "month"; break;
      case Rebalance::Every::quarter: rb["every"] = "quarter"; break;
      case Rebalance::Every::year: rb["every"] = "year"; break;
      case Rebalance::Every::none: break;
    }
    if (p.rebalance.threshold) rb["threshold_percent"] = p.rebalance.threshold->to_percent_string();
    j["rebalance"] = rb;
  }
  ojson orders = ojson::array();
  for (const auto& o : p.orders) {
    ojson oj = {{"at", o.at.to_string()}, {"fund", p.funds.at(o.fund).id}};
    if (o.buy) oj["buy"] = o.amount.to_string();
    else oj["sell_shares"] = o.shares.to_string();
    orders.push_back(oj);
  }
  j["orders"] = orders;
  if (!p.correlation.empty()) {
    const std::size_t n = p.funds.size();
    ojson rows = ojson::array();
    for (std::size_t i = 0; i < n; ++i) {
      ojson row = ojson::array();
      for (std::size_t j = 0; j < n; ++j) row.push_back(ratio_text(p.correlation.at(i * n + j)));
      rows.push_back(row);
    }
    j["correlation"] = rows;
  }
  if (p.investor) {
    j["investor"] = {{"answers", p.investor->answers}, {"assessed", p.investor->assessed.to_string()}, {"signed_warning", p.investor->signed_warning}};
  }
  return j.dump(2);
}

}  // namespace finlab::portfolio
