#include "sim/scenario.hpp"

#include "sim/json_reader.hpp"

namespace finlab::sim {

using nlohmann::json;
using text::Arg;
using text::Id;
using text::make;

std::int64_t StepSeries::at(int m) const {
  std::int64_t v = initial;
  for (const auto& p : points) {
    if (p.from_month - 1 <= m) v = p.value;
    else break;
  }
  return v;
}

bool Scenario::has_consent_shock() const {
  for (auto v : consent_withdrawal_ppm) {
    if (v) return true;
  }
  return false;
}

const std::vector<std::string>& builtin_scenario_names() {
  static const std::vector<std::string> names{"baseline", "mild-stress", "severe-stress", "consent-shock", "rate-shock"};
  return names;
}

namespace {

// Percent text -> ppm of one (e.g. "250" -> 2,500,000), exact to 4 decimals of a percent.
std::int64_t percent_to_ppm(money::Rate r) { return money::narrow_checked(money::div_round(r.units(), 10'000, money::Rounding::half_up), "ppm"); }

StepSeries read_series(JsonObject& o, std::string_view key, StepSeries fallback, bool percent, std::string_view min_pct,
                       std::string_view max_pct, std::int64_t min_bps, std::int64_t max_bps, JsonErrors& errors) {
  const json* arr = o.array(key, false);
  if (!arr) return fallback;
  StepSeries s = fallback;
  const std::string path = o.child_path(key);
  const char* value_key = percent ? "value_pct" : "value_bps";
  for (std::size_t i = 0; i < arr->size(); ++i) {
    JsonObject pt(&(*arr)[i], index_path(path, i), errors);
    if (!pt.valid()) continue;
    StepPoint p;
    auto from = pt.integer("from_month", std::nullopt, 1, 1200);
    if (from) p.from_month = static_cast<int>(*from);
    if (percent) {
      if (auto v = pt.percent(value_key, std::nullopt, min_pct, max_pct)) p.value = percent_to_ppm(*v);
    } else {
      if (auto v = pt.integer(value_key, std::nullopt, min_bps, max_bps)) p.value = *v;
    }
    pt.finish();
    if (from && !s.points.empty() && p.from_month <= s.points.back().from_month) {
      errors.add(pt.child_path("from_month"), make(Id::sim_month_inverted, {Arg::verbatim(std::to_string(p.from_month)),
                                                                             Arg::verbatim(std::to_string(s.points.back().from_month))}));
    }
    s.points.push_back(p);
  }
  return s;
}

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, JsonErrors* why) {
  JsonErrors own;
  JsonErrors& errors = why ? *why : own;
  auto parsed = parse_json_document(text, errors);
  if (!parsed) return fail(parsed.error());
  Scenario s;
  JsonObject top(&parsed.value(), "", errors);
  if (!top.valid()) return fail(errors.joined());
  if (auto f = top.string("format", std::string("finlab.scenario")); f && *f != "finlab.scenario") {
    errors.add("format", make(Id::sim_expected_word, {Arg::verbatim("finlab.scenario"), Arg::verbatim(*f)}));
  }
  if (auto v = top.integer("version", 1, 0, 1000); v && *v != 1) errors.add("version", make(Id::sim_version, {Arg::number(1), Arg::verbatim(std::to_string(*v))}));
  if (auto v = top.string("name", std::nullopt)) s.name = *v;
  if (auto v = top.string("description", std::string())) s.description = *v;
  if (auto v = top.string("start", std::string("2015-06-01"))) {
    auto d = time::Date::parse(*v);
    if (!d) errors.add("start", text::with_english(d.error(), make(Id::input_not_date, {Arg::verbatim(*v)})));
    else if (d.value().year() < 1990 || d.value().year() > 2100) errors.add("start", make(Id::sim_start_year, {}));
    else if (d.value().day() != 1)  // months run from the 1st; "2015-06-15" was silently labelled "2015-06"
      errors.add("start", make(Id::sim_start_first_day, {Arg::verbatim(d.value().to_string().substr(0, 8) + "01"), Arg::verbatim(d.value().to_string())}));
    else s.start = d.value();
  }
  s.pd_multiplier_ppm = read_series(top, "pd_multiplier", s.pd_multiplier_ppm, true, "0", "2000", 0, 0, errors);
  s.rate_shift_bps = read_series(top, "rate_shift", s.rate_shift_bps, false, "0", "0", -2000, 2000, errors);
  s.redemption_multiplier_ppm = read_series(top, "fund_redemption_multiplier", s.redemption_multiplier_ppm, true, "0", "2000", 0, 0, errors);
  s.application_multiplier_ppm = read_series(top, "application_multiplier", s.application_multiplier_ppm, true, "0", "1000", 0, 0, errors);
  s.multi_lender_multiplier_ppm = read_series(top, "multi_lender_multiplier", s.multi_lender_multiplier_ppm, true, "0", "1000", 0, 0, errors);
  JsonObject cw = top.object("consent_withdrawal", false);
  if (cw.valid()) {
    for (auto cat : credit::all_consent_categories) {
      if (cat == credit::ConsentCategory::application) continue;
      const std::string key = std::string(credit::to_string(cat)) + "_pct";
      if (auto v = cw.percent(key, "0", "0", "100")) s.consent_withdrawal_ppm[static_cast<int>(cat)] = static_cast<std::uint32_t>(percent_to_ppm(*v));
    }
    cw.finish();
  }
  top.finish();
  if (!errors.empty()) return fail(errors.joined());
  return s;
}

namespace {
using ojson = nlohmann::ordered_json;

std::string ppm_to_percent(std::int64_t ppm) { return money::Rate::from_units(ppm * 10'000).to_percent_string(); }

ojson series_json(const StepSeries& s, bool percent) {
  ojson a = ojson::array();
  for (const auto& p : s.points) {
    if (percent) a.push_back({{"from_month", p.from_month}, {"value_pct", ppm_to_percent(p.value)}});
    else a.push_back({{"from_month", p.from_month}, {"value_bps", p.value}});
  }
  return a;
}
}  // namespace

std::string scenario_to_json(const Scenario& s, int indent) {
  ojson doc = ojson::object();
  doc["format"] = "finlab.scenario";
  doc["version"] = 1;
  doc["name"] = s.name;
  doc["description"] = s.description;
  doc["start"] = s.start.to_string();
  doc["pd_multiplier"] = series_json(s.pd_multiplier_ppm, true);
  doc["rate_shift"] = series_json(s.rate_shift_bps, false);
  doc["fund_redemption_multiplier"] = series_json(s.redemption_multiplier_ppm, true);
  doc["application_multiplier"] = series_json(s.application_multiplier_ppm, true);
  if (!s.multi_lender_multiplier_ppm.points.empty()) doc["multi_lender_multiplier"] = series_json(s.multi_lender_multiplier_ppm, true);
  ojson cw = ojson::object();
  for (auto cat : credit::all_consent_categories) {
    if (cat == credit::ConsentCategory::application) continue;
    cw[std::string(credit::to_string(cat)) + "_pct"] = ppm_to_percent(s.consent_withdrawal_ppm[static_cast<int>(cat)]);
  }
  doc["consent_withdrawal"] = cw;
  return doc.dump(indent);
}

}  // namespace finlab::sim
