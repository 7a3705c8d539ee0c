// Policy lab model: the policy document and its editor form, the run settings,
// runs executed in the browser in chunks between frames (sim::Simulation, one
// thread, the same engine and seed streams as `finlab sim run`), a cutoff
// sweep driven the same way over one population (as `finlab sim sweep`), the
// browser's runs database (sim::RunStore on a second SQLite file next to the
// app's, so IDBFS keeps it across reloads) and a runs database made natively
// that the user opens (file picker or drag-and-drop), comparison of two runs,
// and every KPI with its "explain this number".
// Deliberately not here: drawing (panel_policy_lab.cpp) and any simulation
// rule or KPI definition (sim/: this file only formats what sim/ computes).
//
// [SECTION] constants and helpers
// [SECTION] policy document <-> form
// [SECTION] model
// [SECTION] storage
// [SECTION] policy editing
// [SECTION] runs (chunked) and sweeps
// [SECTION] files: export, import, open a runs database
// [SECTION] view building: results
// [SECTION] view building: compare, sweep, runs
// [SECTION] draw and test state
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/credit/consent.hpp"
#include "core/money/decimal.hpp"
#include "core/money/money.hpp"
#include "sim/json_reader.hpp"
#include "sim/kpi.hpp"
#include "sim/policy.hpp"
#include "sim/population.hpp"
#include "sim/run.hpp"
#include "sim/run_store.hpp"
#include "sim/scenario.hpp"
#include "sim/sweep.hpp"
#include "web/app_store.hpp"
#include "web/format.hpp"
#include "web/models.hpp"
#include "web/platform.hpp"
#include "web/policy_lab_kpis.hpp"
#include "web/policy_lab_model.hpp"

namespace finlab::web {

namespace {

using money::Money;
using ojson = nlohmann::ordered_json;

// [SECTION] constants and helpers ------------------------------------------------

// Where the preloaded assets live in the page's file system (web/CMakeLists.txt).
constexpr const char* kAssets = "/data/assets";
constexpr const char* kDocName = "policy_lab";
constexpr const char* kRunsFile = "policy_lab_runs.sqlite";
constexpr const char* kImportFile = "policy_lab_opened.sqlite";
// The scorecard's training history: the CLI default (`finlab sim run --history`),
// so a browser run and a native run with the same seed train the same card.
constexpr std::int64_t kHistoryUsers = 40'000;
// Largest population a browser run accepts (memory: ~100 bytes per user).
constexpr std::uint64_t kMaxBrowserUsers = 2'000'000;
// Work per frame: simulation chunks run until this much time has passed, then
// the frame is drawn (progress bar), so the page stays responsive.
constexpr double kSliceMs = 45.0;
constexpr std::uint64_t kChunk = 16'384;  // users (or user-months) per engine call

const char* const kMethodJson[] = {"equal_installment", "equal_principal", "interest_only", "bullet"};
const char* const kMethodLabel[] = {"Equal instalments (等额本息)", "Equal principal (等额本金)", "Interest only (先息后本)",
                                    "Bullet (一次性还本付息)"};
const credit::ConsentCategory kConsentCats[4] = {credit::ConsentCategory::device, credit::ConsentCategory::location,
                                                 credit::ConsentCategory::app_usage, credit::ConsentCategory::consumption};

std::string trim(std::string s) {
  auto sp = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && sp(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && sp(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

bool is_integer_text(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  std::size_t i = (s[0] == '-') ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// A form field as a JSON value: whole numbers as numbers, anything else as
// the text typed, so sim::parse_policy reports a mistake at its path.
ojson int_or_text(const std::string& raw) {
  const std::string s = trim(raw);
  if (is_integer_text(s)) return std::stoll(s);
  return s;
}
// Amounts: whole yuan as numbers (tidy JSON), decimals as exact strings.
ojson yuan_value(const std::string& raw) { return int_or_text(raw); }
// Percentages are decimal strings ("0.05"), exactly as typed.
ojson pct_value(const std::string& raw) { return trim(raw); }

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string text_of(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string join_list(const ojson& v) {
  if (!v.is_array()) return text_of(v);
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += text_of(v[i]);
  }
  return s;
}

const ojson* at_path(const ojson& j, std::initializer_list<const char*> keys) {
  const ojson* p = &j;
  for (const char* k : keys) {
    if (!p->is_object()) return nullptr;
    auto it = p->find(k);
    if (it == p->end()) return nullptr;
    p = &*it;
  }
  return p;
}

std::string text_at(const ojson& j, std::initializer_list<const char*> keys) {
  const ojson* p = at_path(j, keys);
  return p ? text_of(*p) : "";
}

ojson& object_at(ojson& j, const char* key) {
  if (!j.contains(key) || !j[key].is_object()) j[key] = ojson::object();
  return j[key];
}

std::string now_iso() {
  // Wall-clock time of a run record (metadata only; never in a result).
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string dir_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

// Display strings of a stored total by its unit.
std::string display_total(const std::string& value, const std::string& unit) {
  if (unit == "yuan") {
    if (auto m = Money::parse(value)) return format_yuan(m.value());
    return value;
  }
  if (unit == "%") return value + "%";
  if (unit == "count") {
    if (is_integer_text(value)) return format_int(std::stoll(value));
  }
  return value;
}

// Exact difference b − a of two stored totals, as display text.
std::string total_diff(const std::string& a, const std::string& b, const std::string& unit) {
  auto signed_text = [](std::int64_t units, int scale) {
    const std::string t = money::format_fixed(units, scale, true);
    return units > 0 ? "+" + t : t;
  };
  if (unit == "yuan") {
    auto x = money::parse_fixed(a, 2), y = money::parse_fixed(b, 2);
    if (x && y) return (y.value() > x.value() ? "+¥" : (y.value() < x.value() ? "-¥" : "¥")) +
                       money::format_fixed(std::llabs(y.value() - x.value()), 2, true);
    auto x10 = money::parse_fixed(a, 10), y10 = money::parse_fixed(b, 10);
    if (x10 && y10) return signed_text(y10.value() - x10.value(), 10);
  } else if (unit == "%" || unit == "ratio") {
    auto x = money::parse_fixed(a, 4), y = money::parse_fixed(b, 4);
    if (x && y) return signed_text(y.value() - x.value(), 4) + (unit == "%" ? " pp" : "");
  } else if (unit == "count" || unit == "months") {
    if (is_integer_text(a) && is_integer_text(b)) return signed_text(std::stoll(b) - std::stoll(a), 0);
  }
  return a == b ? "=" : "≠";
}

double plot_of(const std::string& value, int scale) {
  auto v = money::parse_fixed(value, scale);
  return v ? to_plot(v.value(), scale) : std::numeric_limits<double>::quiet_NaN();
}

// [SECTION] policy document <-> form -----------------------------------------------

LabPolicyForm form_from_doc(const ojson& doc) {
  LabPolicyForm f;
  f.name = text_at(doc, {"name"});
  f.cutoff = text_at(doc, {"credit", "cutoff"});
  if (const ojson* r = at_path(doc, {"credit", "refer_band"}); r && r->is_object()) {
    f.refer_on = true;
    f.refer_from = text_at(*r, {"from"});
    f.refer_pct = text_at(*r, {"approve_pct"});
  } else {
    f.refer_pct = "30";
  }
  if (const ojson* rc = at_path(doc, {"credit", "required_consents"}); rc && rc->is_array()) {
    for (const auto& v : *rc) {
      if (!v.is_string()) continue;
      for (int k = 0; k < 4; ++k)
        if (v.get<std::string>() == credit::to_string(kConsentCats[k])) f.consents[k] = true;
    }
  }
  f.reapply_months = text_at(doc, {"credit", "reapply_after_decline_months"});
  f.score_bands = join_list(at_path(doc, {"credit", "score_bands"}) ? *at_path(doc, {"credit", "score_bands"}) : ojson());
  f.income_bands = join_list(at_path(doc, {"credit", "income_bands_yuan"}) ? *at_path(doc, {"credit", "income_bands_yuan"}) : ojson());
  if (const ojson* lim = at_path(doc, {"credit", "limits_yuan"}); lim && lim->is_array()) {
    for (const auto& row : *lim) {
      std::vector<std::string> r;
      if (row.is_array())
        for (const auto& v : row) r.push_back(text_of(v));
      f.limits.push_back(std::move(r));
    }
  }
  f.first_loan_cap = text_at(doc, {"credit", "first_loan_cap_yuan"});
  f.min_loan = text_at(doc, {"credit", "min_loan_yuan"});
  f.amount_step = text_at(doc, {"credit", "amount_step_yuan"});
  f.quote = text_at(doc, {"credit", "pricing", "quote"}) == "annual" ? 1 : 0;
  f.day_basis = text_at(doc, {"credit", "pricing", "day_basis"}) == "365" ? 365 : 360;
  if (const ojson* rates = at_path(doc, {"credit", "pricing", "rates_pct"}); rates && rates->is_array())
    for (const auto& v : *rates) f.rates.push_back(text_of(v));
  f.rate_cap = text_at(doc, {"credit", "pricing", "rate_cap_pct"});
  f.terms = join_list(at_path(doc, {"credit", "terms_months"}) ? *at_path(doc, {"credit", "terms_months"}) : ojson());
  const std::string m = text_at(doc, {"credit", "repayment_method"});
  for (int k = 0; k < 4; ++k) {
    std::string alt = kMethodJson[k];
    std::replace(alt.begin(), alt.end(), '_', '-');
    if (m == kMethodJson[k] || m == alt) f.method = k;
  }
  f.max_dti = text_at(doc, {"credit", "max_dti_pct"});
  f.fee = text_at(doc, {"credit", "origination_fee_pct"});
  f.penalty_multiple = text_at(doc, {"credit", "penalty_multiple_pct"});
  f.writeoff_dpd = text_at(doc, {"credit", "writeoff_dpd"});
  if (const ojson* ps = at_path(doc, {"platform", "partners"}); ps && ps->is_array()) {
    for (const auto& p : *ps) {
      LabPartnerForm pf;
      pf.name = text_at(p, {"name"});
      pf.min_score = text_at(p, {"min_score"});
      pf.funding_cost = text_at(p, {"funding_cost_pct"});
      pf.capacity = text_at(p, {"capacity_yuan_per_month"});
      pf.revenue_share = text_at(p, {"revenue_share_pct"});
      f.partners.push_back(std::move(pf));
    }
  }
  f.gross_yield = text_at(doc, {"fund", "gross_yield_pct"});
  f.fund_fee = text_at(doc, {"fund", "fee_pct"});
  f.fast_limit = text_at(doc, {"fund", "fast_redeem_limit_yuan"});
  f.boost_pct = text_at(doc, {"fund", "new_user_boost", "extra_yield_pct"});
  f.boost_days = text_at(doc, {"fund", "new_user_boost", "days"});
  f.boost_cap = text_at(doc, {"fund", "new_user_boost", "cap_yuan"});
  f.json = doc.dump(2);
  return f;
}

// Writes the form's fields into the document; keys the form does not show are kept.
void form_into_doc(const LabPolicyForm& f, ojson& doc) {
  if (!doc.is_object()) doc = ojson::object();
  doc["name"] = trim(f.name);
  ojson& c = object_at(doc, "credit");
  ojson consents = ojson::array();
  for (int k = 0; k < 4; ++k)
    if (f.consents[k]) consents.push_back(std::string(credit::to_string(kConsentCats[k])));
  c["required_consents"] = consents;
  c["cutoff"] = int_or_text(f.cutoff);
  if (f.refer_on) {
    c["refer_band"] = ojson{{"from", int_or_text(f.refer_from)}, {"to", int_or_text(f.cutoff)}, {"approve_pct", pct_value(f.refer_pct)}};
  } else {
    c.erase("refer_band");
  }
  if (trim(f.reapply_months).empty()) c.erase("reapply_after_decline_months");
  else c["reapply_after_decline_months"] = int_or_text(f.reapply_months);
  ojson sb = ojson::array(), ib = ojson::array();
  for (const auto& s : split_list(f.score_bands)) sb.push_back(int_or_text(s));
  for (const auto& s : split_list(f.income_bands)) ib.push_back(yuan_value(s));
  c["score_bands"] = sb;
  c["income_bands_yuan"] = ib;
  ojson lim = ojson::array();
  for (const auto& row : f.limits) {
    ojson r = ojson::array();
    for (const auto& v : row) r.push_back(yuan_value(v));
    lim.push_back(r);
  }
  c["limits_yuan"] = lim;
  c["first_loan_cap_yuan"] = yuan_value(f.first_loan_cap);
  c["min_loan_yuan"] = yuan_value(f.min_loan);
  c["amount_step_yuan"] = yuan_value(f.amount_step);
  ojson& pr = object_at(c, "pricing");
  pr["quote"] = f.quote == 1 ? "annual" : "daily";
  pr["day_basis"] = f.day_basis;
  ojson rates = ojson::array();
  for (const auto& r : f.rates) rates.push_back(pct_value(r));
  pr["rates_pct"] = rates;
  pr["rate_cap_pct"] = pct_value(f.rate_cap);
  ojson terms = ojson::array();
  for (const auto& s : split_list(f.terms)) terms.push_back(int_or_text(s));
  c["terms_months"] = terms;
  c["repayment_method"] = kMethodJson[std::clamp(f.method, 0, 3)];
  c["max_dti_pct"] = pct_value(f.max_dti);
  c["origination_fee_pct"] = pct_value(f.fee);
  c["penalty_multiple_pct"] = pct_value(f.penalty_multiple);
  c["writeoff_dpd"] = int_or_text(f.writeoff_dpd);
  ojson& platform = object_at(doc, "platform");
  ojson partners = ojson::array();
  for (const auto& p : f.partners) {
    ojson o = ojson::object();
    o["name"] = trim(p.name);
    o["min_score"] = int_or_text(p.min_score);
    o["funding_cost_pct"] = pct_value(p.funding_cost);
    const std::string cap = trim(p.capacity);
    o["capacity_yuan_per_month"] = (cap.empty() || cap == "null") ? ojson(nullptr) : yuan_value(cap);
    o["revenue_share_pct"] = pct_value(p.revenue_share);
    partners.push_back(o);
  }
  platform["partners"] = partners;
  ojson& fund = object_at(doc, "fund");
  fund["gross_yield_pct"] = pct_value(f.gross_yield);
  fund["fee_pct"] = pct_value(f.fund_fee);
  // Empty: the T+0 limit in force on each day (core/fund's dated rule).
  if (trim(f.fast_limit).empty()) fund.erase("fast_redeem_limit_yuan");
  else fund["fast_redeem_limit_yuan"] = yuan_value(f.fast_limit);
  const bool boost = !trim(f.boost_pct).empty() || !trim(f.boost_days).empty() || !trim(f.boost_cap).empty();
  if (boost) {
    fund["new_user_boost"] = ojson{{"extra_yield_pct", pct_value(f.boost_pct)}, {"days", int_or_text(f.boost_days)}, {"cap_yuan", yuan_value(f.boost_cap)}};
  } else {
    fund.erase("new_user_boost");
  }
}

// Keeps the limit matrix and the price list the shape the bands ask for:
// one row (and one price) per score band, one column per income band. New
// rows copy the row above; new columns copy the column to their left.
void fit_to_bands(LabPolicyForm& f) {
  const std::size_t rows = split_list(f.score_bands).size() + 1;
  const std::size_t cols = split_list(f.income_bands).size() + 1;
  if (f.limits.empty()) f.limits.push_back({"0"});
  while (f.limits.size() < rows) f.limits.push_back(f.limits.back());
  f.limits.resize(rows);
  for (auto& r : f.limits) {
    if (r.empty()) r.push_back("0");
    while (r.size() < cols) r.push_back(r.back());
    r.resize(cols);
  }
  if (f.rates.empty()) f.rates.push_back("0.05");
  while (f.rates.size() < rows) f.rates.push_back(f.rates.back());
  f.rates.resize(rows);
}

// "credit.cutoff: must be ..." -> ("credit.cutoff", "must be ...").
std::pair<std::string, std::string> split_error(const std::string& line) {
  const auto colon = line.find(": ");
  if (colon == std::string::npos) return {"", line};
  return {line.substr(0, colon), line.substr(colon + 2)};
}

// [SECTION] model ----------------------------------------------------------------------

struct LoadedRun {
  RunRef ref;
  sim::StoredRun run;
  std::vector<std::int64_t> behaviour, application;  // users by whole-point score (sim_run_scores)
};

// A browser run in progress: the engine's resumable driver plus its record.
struct RunJob {
  std::unique_ptr<sim::Simulation> sim;
  std::int64_t run_id = 0;
  double t0 = 0;
  std::string seed_key;
  bool announced = false;
  int frames = 0;  // frames drawn while it ran (chunked work between frames)
};

// A cutoff sweep in progress: one population, the lifecycle once per cutoff
// (the steps of sim::run_sweep, in chunks).
struct SweepJob {
  sim::RunConfig config;
  std::vector<int> cutoffs;
  std::unique_ptr<sim::RunState> state;
  int stage = 0;  // 0 create, 1 population, 2 months, 3 done
  std::size_t cursor = 0;
  std::size_t point = 0;
  int month = 0;
  std::uint64_t done = 0, total = 0;
  std::vector<sim::SweepPoint> points;
  double t0 = 0;
  std::string seed_key;
};

struct SweepResult {
  std::string title;
  struct Point {
    int cutoff = 0;
    std::string approval_rate, loss_rate, net_profit, booked_amount, booked_count;
    bool efficient = false;
  };
  std::vector<Point> points;
};

class PolicyLabModel final : public PanelModel {
public:
  void load(AppContext& ctx) override;
  void draw(Ui& ui, AppContext& ctx) override;
  bool busy() const override { return run_job_ != nullptr || sweep_job_ != nullptr; }
  nlohmann::json state() const override;
  bool on_file(AppContext& ctx, const std::string& name, const std::string& bytes) override;

private:
  // storage
  void open_runs_db(AppContext& ctx);
  void save(AppContext& ctx);
  std::optional<sim::RunStore>& db_of(RunSource s) { return s == RunSource::browser ? runs_ : opened_; }
  void select_run(const RunRef& r);
  std::optional<LoadedRun> load_run(const RunRef& r);
  void refresh_lists();
  // policy
  void set_doc(ojson doc);
  void validate();
  bool load_template(const std::string& name);
  // runs
  std::optional<sim::RunConfig> config_from_form();
  void start_run(AppContext& ctx);
  void start_sweep();
  void advance(AppContext& ctx, Platform& platform);
  void advance_run(AppContext& ctx, Platform& platform);
  void advance_sweep(Platform& platform);
  void cancel(AppContext& ctx);
  std::optional<sim::ScoringModel> cached_model(const sim::RunConfig& c, std::string& key);
  std::optional<sim::Scenario> scenario_at(int index, std::string& error) const;
  // view
  void build_view(Ui& ui, Platform& platform);
  void build_results(Ui& ui);
  void build_compare(Ui& ui);
  void build_sweep(Ui& ui);
  LabRunRow run_row(const sim::RunSummary& s, RunSource src, Lang lang) const;
  void apply(const LabIntents& in, AppContext& ctx);
  void say(const std::string& msg, bool error) {
    message_ = msg;
    message_error_ = error;
    view_dirty_ = true;
  }

  // policy
  ojson doc_;
  std::optional<sim::Policy> policy_;
  std::vector<std::string> errors_;
  LabPolicyForm form_;
  LabRunForm run_form_;
  std::vector<std::string> templates_;
  std::vector<std::string> scenarios_;
  // databases
  std::optional<sim::RunStore> runs_;
  std::optional<sim::RunStore> opened_;
  std::string opened_name_, opened_note_;
  std::vector<sim::RunSummary> runs_list_, opened_list_;
  std::vector<RunRef> compare_refs_;
  // selection
  LabTab tab_ = LabTab::policy;
  std::optional<LoadedRun> current_;
  std::optional<LoadedRun> cmp_a_, cmp_b_;
  std::optional<SweepResult> sweep_;
  // work
  std::unique_ptr<RunJob> run_job_;
  std::unique_ptr<SweepJob> sweep_job_;
  std::map<std::string, sim::ScoringModel> model_cache_;
  sim::Progress last_progress_;
  double last_elapsed_ms_ = -1;  // of the last browser run (display)
  int last_run_frames_ = 0;
  // view
  LabView view_;
  Lang view_lang_ = Lang::en;
  bool view_dirty_ = true;
  std::string message_;
  bool message_error_ = false;
  AppContext* ctx_ = nullptr;
};

// [SECTION] storage -------------------------------------------------------------------

void PolicyLabModel::load(AppContext& ctx) {
  ctx_ = &ctx;
  run_job_.reset();
  sweep_job_.reset();
  current_.reset();
  cmp_a_.reset();
  cmp_b_.reset();
  sweep_.reset();
  message_.clear();
  message_error_ = false;
  tab_ = LabTab::policy;
  run_form_ = LabRunForm{};
  runs_.reset();
  opened_.reset();
  runs_list_.clear();
  opened_list_.clear();
  compare_refs_.clear();
  opened_name_.clear();
  opened_note_.clear();

  templates_.clear();
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(std::string(kAssets) + "/policies", ec)) {
    if (e.path().extension() == ".json") templates_.push_back(e.path().stem().string());
  }
  std::sort(templates_.begin(), templates_.end());
  scenarios_ = sim::builtin_scenario_names();

  const auto saved = ctx.store->document(kDocName);
  const nlohmann::json j = saved ? nlohmann::json::parse(*saved, nullptr, false) : nlohmann::json();
  const bool have = j.is_object();
  if (!have) {
    // A fresh browser, or "reset demo" deleted the app's database: the runs
    // file from before belongs to the old state and goes too.
    const std::string path = ctx.store->db().path();
    if (path != ":memory:") {
      std::remove((dir_of(path) + "/" + kRunsFile).c_str());
      std::remove((dir_of(path) + "/" + kImportFile).c_str());
    }
  }
  open_runs_db(ctx);

  bool policy_loaded = false;
  if (have && j.contains("policy")) {
    ojson d = ojson::parse(j["policy"].dump(), nullptr, false);
    if (!d.is_discarded()) {
      set_doc(std::move(d));
      policy_loaded = true;
    }
  }
  if (!policy_loaded && !load_template("baseline-2015")) set_doc(ojson::object());
  if (have) {
    const auto& s = j.value("settings", nlohmann::json::object());
    const std::string sc = s.value("scenario", std::string("baseline"));
    for (std::size_t i = 0; i < scenarios_.size(); ++i)
      if (scenarios_[i] == sc) run_form_.scenario = static_cast<int>(i);
    run_form_.users = s.value("users", run_form_.users);
    run_form_.months = s.value("months", run_form_.months);
    run_form_.seed = s.value("seed", run_form_.seed);
    run_form_.sweep_from = s.value("sweep_from", run_form_.sweep_from);
    run_form_.sweep_to = s.value("sweep_to", run_form_.sweep_to);
    run_form_.sweep_step = s.value("sweep_step", run_form_.sweep_step);
    tab_ = static_cast<LabTab>(std::clamp(j.value("tab", 0), 0, kLabTabCount - 1));
    if (j.contains("sweep") && j["sweep"].is_object()) {
      SweepResult r;
      r.title = j["sweep"].value("title", "");
      for (const auto& p : j["sweep"].value("points", nlohmann::json::array())) {
        SweepResult::Point q;
        q.cutoff = p.value("cutoff", 0);
        q.approval_rate = p.value("approval_rate", "");
        q.loss_rate = p.value("loss_rate", "");
        q.net_profit = p.value("net_profit", "");
        q.booked_amount = p.value("booked_amount", "");
        q.booked_count = p.value("booked_count", "");
        q.efficient = p.value("efficient", false);
        r.points.push_back(q);
      }
      if (!r.points.empty()) sweep_ = std::move(r);
    }
    // A runs database the user opened before the reload.
    if (j.value("opened", std::string()) != "") {
      const std::string path = ctx.store->db().path() == ":memory:" ? std::string() : dir_of(ctx.store->db().path()) + "/" + kImportFile;
      if (!path.empty()) {
        auto s2 = sim::RunStore::open(path);
        if (s2) {
          opened_.emplace(std::move(s2).value());
          opened_name_ = j.value("opened", std::string());
        }
      }
    }
  }
  refresh_lists();
  if (have && j.contains("view") && j["view"].is_object()) {
    RunRef r{j["view"].value("source", 0) == 1 ? RunSource::imported : RunSource::browser, j["view"].value("id", std::int64_t{0})};
    select_run(r);
  }
  if (have && j.contains("compare") && j["compare"].is_array() && j["compare"].size() == 2) {
    auto ref_of = [](const nlohmann::json& x) {
      return RunRef{x.value("source", 0) == 1 ? RunSource::imported : RunSource::browser, x.value("id", std::int64_t{0})};
    };
    const RunRef a = ref_of(j["compare"][0]), b = ref_of(j["compare"][1]);
    for (std::size_t i = 0; i < compare_refs_.size(); ++i) {
      if (compare_refs_[i] == a) run_form_.compare_a = static_cast<int>(i);
      if (compare_refs_[i] == b) run_form_.compare_b = static_cast<int>(i);
    }
  }
  if (run_form_.compare_a >= 0) cmp_a_ = load_run(compare_refs_[run_form_.compare_a]);
  if (run_form_.compare_b >= 0) cmp_b_ = load_run(compare_refs_[run_form_.compare_b]);
  if (!have) save(ctx);  // marks the runs file as belonging to this app database
  view_dirty_ = true;
}

void PolicyLabModel::open_runs_db(AppContext& ctx) {
  runs_.reset();
  const std::string app_path = ctx.store->db().path();
  const std::string path = app_path == ":memory:" ? std::string(":memory:") : dir_of(app_path) + "/" + kRunsFile;
  auto s = sim::RunStore::open(path);
  if (!s) {
    say(std::string(translate(view_lang_, "The runs database could not be opened:")) + " " + s.error(), true);
    s = sim::RunStore::open(":memory:");
    if (!s) return;
  }
  runs_.emplace(std::move(s).value());
  // One file change per write (the platform copies the file to IndexedDB).
  runs_->db().exec("PRAGMA journal_mode = MEMORY");
  // A run the page was running when it was closed or reloaded.
  for (const auto& r : runs_->list()) {
    if (r.status == "running") runs_->mark_unfinished(r.run_id, "interrupted", "the page was closed or reloaded during the run", now_iso());
  }
}

void PolicyLabModel::save(AppContext& ctx) {
  if (!ctx.store) return;
  nlohmann::json j;
  j["policy"] = nlohmann::json::parse(doc_.dump());
  j["settings"] = {{"scenario", scenarios_.empty() ? std::string("baseline") : scenarios_[std::clamp(run_form_.scenario, 0, static_cast<int>(scenarios_.size()) - 1)]},
                   {"users", run_form_.users},
                   {"months", run_form_.months},
                   {"seed", run_form_.seed},
                   {"sweep_from", run_form_.sweep_from},
                   {"sweep_to", run_form_.sweep_to},
                   {"sweep_step", run_form_.sweep_step}};
  j["tab"] = static_cast<int>(tab_);
  j["runs_db"] = kRunsFile;
  j["opened"] = opened_ ? opened_name_ : std::string();
  if (current_) j["view"] = {{"source", static_cast<int>(current_->ref.source)}, {"id", current_->ref.id}};
  if (cmp_a_ && cmp_b_) {
    j["compare"] = nlohmann::json::array({{{"source", static_cast<int>(cmp_a_->ref.source)}, {"id", cmp_a_->ref.id}},
                                          {{"source", static_cast<int>(cmp_b_->ref.source)}, {"id", cmp_b_->ref.id}}});
  }
  if (sweep_) {
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : sweep_->points)
      pts.push_back({{"cutoff", p.cutoff}, {"approval_rate", p.approval_rate}, {"loss_rate", p.loss_rate}, {"net_profit", p.net_profit},
                     {"booked_amount", p.booked_amount}, {"booked_count", p.booked_count}, {"efficient", p.efficient}});
    j["sweep"] = {{"title", sweep_->title}, {"points", pts}};
  }
  ctx.store->set_document(kDocName, j.dump());
  ctx.saved();
}

std::optional<LoadedRun> PolicyLabModel::load_run(const RunRef& r) {
  auto& db = db_of(r.source);
  if (!db) return std::nullopt;
  auto stored = db->load(r.id);
  if (!stored) {
    say(stored.error(), true);
    return std::nullopt;
  }
  LoadedRun l;
  l.ref = r;
  l.run = std::move(stored).value();
  l.behaviour.assign(1024, 0);
  l.application.assign(1024, 0);
  auto st = db->db().prepare("SELECT kind, score, users FROM sim_run_scores WHERE run_id = ?1");
  st.bind(1, r.id);
  while (st.step()) {
    const std::int64_t s = st.column_int64(1);
    if (s < 0 || s >= 1024) continue;
    (st.column_text(0) == "behaviour" ? l.behaviour : l.application)[static_cast<std::size_t>(s)] = st.column_int64(2);
  }
  return l;
}

void PolicyLabModel::select_run(const RunRef& r) {
  if (current_ && current_->ref == r) return;
  current_ = load_run(r);
  view_dirty_ = true;
}

void PolicyLabModel::refresh_lists() {
  runs_list_ = runs_ ? runs_->list() : std::vector<sim::RunSummary>{};
  opened_list_ = opened_ ? opened_->list() : std::vector<sim::RunSummary>{};
  const RunRef a = (run_form_.compare_a >= 0 && run_form_.compare_a < static_cast<int>(compare_refs_.size())) ? compare_refs_[run_form_.compare_a] : RunRef{RunSource::browser, -1};
  const RunRef b = (run_form_.compare_b >= 0 && run_form_.compare_b < static_cast<int>(compare_refs_.size())) ? compare_refs_[run_form_.compare_b] : RunRef{RunSource::browser, -1};
  compare_refs_.clear();
  for (const auto& s : runs_list_)
    if (s.status == "complete") compare_refs_.push_back({RunSource::browser, s.run_id});
  for (const auto& s : opened_list_)
    if (s.status == "complete") compare_refs_.push_back({RunSource::imported, s.run_id});
  run_form_.compare_a = run_form_.compare_b = -1;
  for (std::size_t i = 0; i < compare_refs_.size(); ++i) {
    if (compare_refs_[i] == a) run_form_.compare_a = static_cast<int>(i);
    if (compare_refs_[i] == b) run_form_.compare_b = static_cast<int>(i);
  }
  if (cmp_a_ && run_form_.compare_a < 0) cmp_a_.reset();
  if (cmp_b_ && run_form_.compare_b < 0) cmp_b_.reset();
  view_dirty_ = true;
}

// [SECTION] policy editing -----------------------------------------------------------

void PolicyLabModel::set_doc(ojson doc) {
  doc_ = std::move(doc);
  form_ = form_from_doc(doc_);
  validate();
}

void PolicyLabModel::validate() {
  errors_.clear();
  policy_.reset();
  auto p = sim::parse_policy(doc_.dump());
  if (p) {
    policy_ = std::move(p).value();
  } else {
    std::istringstream in(p.error());
    std::string line;
    while (std::getline(in, line))
      if (!line.empty()) errors_.push_back(line);
  }
  view_dirty_ = true;
}

bool PolicyLabModel::load_template(const std::string& name) {
  const std::string text = read_text_file(std::string(kAssets) + "/policies/" + name + ".json");
  if (text.empty()) return false;
  ojson d = ojson::parse(text, nullptr, false);
  if (d.is_discarded()) return false;
  set_doc(std::move(d));
  return true;
}

// [SECTION] runs (chunked) and sweeps ------------------------------------------------

std::optional<sim::Scenario> PolicyLabModel::scenario_at(int index, std::string& error) const {
  if (index < 0 || index >= static_cast<int>(scenarios_.size())) {
    error = "no scenario selected";
    return std::nullopt;
  }
  const std::string path = std::string(kAssets) + "/scenarios/" + scenarios_[index] + ".json";
  const std::string text = read_text_file(path);
  if (text.empty()) {
    error = "cannot read " + path;
    return std::nullopt;
  }
  auto s = sim::parse_scenario(text);
  if (!s) {
    error = scenarios_[index] + ".json: " + s.error();
    return std::nullopt;
  }
  return std::move(s).value();
}

// The run's scorecard depends only on (seed, history size, population
// parameters): reuse one trained earlier in this page, or stored with an
// earlier run of the browser database, instead of training it again.
std::optional<sim::ScoringModel> PolicyLabModel::cached_model(const sim::RunConfig& c, std::string& key) {
  const std::string pop = sim::population_params_to_json(c.population);
  key = std::to_string(c.seed) + "/" + std::to_string(c.history_users) + "/" + pop;
  if (auto it = model_cache_.find(key); it != model_cache_.end()) return it->second;
  if (!runs_) return std::nullopt;
  auto st = runs_->db().prepare(
      "SELECT scorecard_json, train_auc FROM sim_runs WHERE status = 'complete' AND seed = ?1 AND history_users = ?2 AND population_json = ?3 "
      "AND scorecard_json IS NOT NULL ORDER BY run_id DESC LIMIT 1");
  st.bind(1, std::to_string(c.seed)).bind(2, c.history_users).bind(3, pop);
  if (!st.step()) return std::nullopt;
  auto m = sim::scoring_model_from_json(st.column_text(0));
  if (!m) return std::nullopt;
  sim::ScoringModel model = std::move(m).value();
  model.history_users = c.history_users;
  model.train_auc = std::atof(st.column_text(1).c_str());
  model_cache_.emplace(key, model);
  return model;
}

// Reads a whole number typed in the run settings.
std::optional<std::uint64_t> read_count(const std::string& text, const char* what, std::uint64_t lo, std::uint64_t hi, Lang lang, std::string& error) {
  const std::string s = trim(text);
  std::string digits;
  for (char c : s)
    if (c != ',' && c != '_') digits += c;
  if (digits.empty() || digits.size() > 19 || !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    error = std::string(translate(lang, what)) + ": " + translate(lang, "enter a whole number.");
    return std::nullopt;
  }
  const std::uint64_t v = std::stoull(digits);
  if (v < lo || v > hi) {
    error = std::string(translate(lang, what)) + ": " + translate(lang, "must be between") + " " + format_int(static_cast<std::int64_t>(lo)) + " " +
            translate(lang, "and") + " " + format_int(static_cast<std::int64_t>(hi)) + ".";
    return std::nullopt;
  }
  return v;
}

// The run settings of the form as a checked configuration, or nullopt after
// saying what is wrong (policy problems, counts, scenario, sim::check_config).
std::optional<sim::RunConfig> PolicyLabModel::config_from_form() {
  const Lang lang = view_lang_;
  if (!policy_) {
    say(std::string(translate(lang, "The policy has problems; fix them in the Policy tab first:")) + " " + errors_.front(), true);
    return std::nullopt;
  }
  std::string err;
  auto users = read_count(run_form_.users, "Users", 1, kMaxBrowserUsers, lang, err);
  auto months = users ? read_count(run_form_.months, "Months", 1, 120, lang, err) : std::nullopt;
  auto seed = months ? read_count(run_form_.seed, "Seed", 0, 9'000'000'000'000'000'000ULL, lang, err) : std::nullopt;
  if (!seed) {
    say(err, true);
    return std::nullopt;
  }
  auto scenario = scenario_at(run_form_.scenario, err);
  if (!scenario) {
    say(err, true);
    return std::nullopt;
  }
  sim::RunConfig c;
  c.policy = *policy_;
  c.scenario = std::move(*scenario);
  c.users = *users;
  c.months = static_cast<int>(*months);
  c.seed = *seed;
  c.history_users = kHistoryUsers;
  if (auto why = sim::check_config(c)) {
    say(*why, true);
    return std::nullopt;
  }
  return c;
}

void PolicyLabModel::start_run(AppContext& ctx) {
  if (busy()) return;
  auto c = config_from_form();
  if (!c) return;
  if (!runs_) {
    say(translate(view_lang_, "The runs database is not available."), true);
    return;
  }
  auto job = std::make_unique<RunJob>();
  auto model = cached_model(*c, job->seed_key);
  job->run_id = runs_->begin_run(*c, now_iso(), 1);
  job->sim = std::make_unique<sim::Simulation>(*c, std::move(model));
  job->t0 = ctx.platform.now_ms();
  run_job_ = std::move(job);
  last_progress_ = run_job_->sim->progress();
  ctx.saved();
  refresh_lists();
  say("", false);
}

void PolicyLabModel::start_sweep() {
  const Lang lang = view_lang_;
  if (busy()) return;
  auto c = config_from_form();
  if (!c) return;
  const std::string range = trim(run_form_.sweep_from) + ":" + trim(run_form_.sweep_to) + ":" + trim(run_form_.sweep_step);
  auto cutoffs = sim::parse_cutoff_range(range);
  if (!cutoffs) {
    say(std::string(translate(lang, "Cutoff sweep:")) + " " + cutoffs.error(), true);
    return;
  }
  if (cutoffs.value().size() > 40) {
    say(translate(lang, "Cutoff sweep: at most 40 cutoffs in the browser (use finlab sim sweep for more)."), true);
    return;
  }
  auto job = std::make_unique<SweepJob>();
  job->config = std::move(*c);
  job->cutoffs = std::move(cutoffs).value();
  job->total = job->config.users + job->config.users * static_cast<std::uint64_t>(job->config.months) * job->cutoffs.size();
  job->t0 = ctx_ ? ctx_->platform.now_ms() : 0;
  sweep_job_ = std::move(job);
  say("", false);
}

void PolicyLabModel::cancel(AppContext& ctx) {
  if (run_job_) {
    if (runs_) runs_->mark_unfinished(run_job_->run_id, "interrupted", "cancelled in the browser", now_iso());
    run_job_.reset();
    ctx.saved();
    refresh_lists();
    say(translate(view_lang_, "Run cancelled; it is kept in the list as interrupted, with no results."), false);
  }
  if (sweep_job_) {
    sweep_job_.reset();
    say(translate(view_lang_, "Sweep cancelled."), false);
  }
}

void PolicyLabModel::advance(AppContext& ctx, Platform& platform) {
  if (run_job_) advance_run(ctx, platform);
  if (sweep_job_) advance_sweep(platform);
}

void PolicyLabModel::advance_run(AppContext& ctx, Platform& platform) {
  RunJob& job = *run_job_;
  const double start = platform.now_ms();
  bool finished = false;
  try {
    // The first step trains the scorecard (unless cached) in one call: draw a
    // frame that says so before the page stalls for it.
    ++job.frames;
    if (!job.announced) {
      job.announced = true;
      view_dirty_ = true;
      return;
    }
    do {
      finished = job.sim->step(kChunk);
    } while (!finished && platform.now_ms() - start < kSliceMs);
    last_progress_ = job.sim->progress();
    if (finished) {
      const sim::RunOutput& out = job.sim->output();
      const double elapsed = platform.now_ms() - job.t0;
      runs_->finish_run(job.run_id, out, now_iso(), static_cast<std::int64_t>(std::llround(elapsed)));
      if (!model_cache_.count(job.seed_key)) {
        if (auto m = sim::scoring_model_from_json(out.card_json)) {
          sim::ScoringModel model = std::move(m).value();
          model.history_users = out.config.history_users;
          model.train_auc = out.train_auc;
          model_cache_.emplace(job.seed_key, std::move(model));
        }
      }
      last_elapsed_ms_ = elapsed;
      last_run_frames_ = job.frames;
      const std::int64_t id = job.run_id;
      run_job_.reset();
      refresh_lists();
      current_.reset();
      select_run({RunSource::browser, id});
      tab_ = LabTab::results;
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.1f", elapsed / 1000.0);
      say(std::string(translate(view_lang_, "Run finished in")) + " " + buf + " s.", false);
      save(ctx);
    }
  } catch (const std::exception& e) {
    if (runs_ && run_job_) runs_->mark_unfinished(run_job_->run_id, "failed", e.what(), now_iso());
    run_job_.reset();
    ctx.saved();
    refresh_lists();
    say(std::string(translate(view_lang_, "The run failed:")) + " " + e.what(), true);
  }
  view_dirty_ = true;
}

void PolicyLabModel::advance_sweep(Platform& platform) {
  SweepJob& job = *sweep_job_;
  const double start = platform.now_ms();
  try {
    while (platform.now_ms() - start < kSliceMs && job.stage < 3) {
      switch (job.stage) {
        case 0: {
          std::string key;
          auto model = cached_model(job.config, key);
          job.seed_key = key;
          auto st = sim::RunState::create(job.config, std::move(model));
          if (!st) throw Error(st.error());
          job.state = std::move(st).value();
          job.stage = 1;
          job.cursor = 0;
          break;
        }
        case 1: {
          const std::size_t users = static_cast<std::size_t>(job.config.users);
          const std::size_t n = std::min<std::size_t>(kChunk, users - job.cursor);
          job.state->build_traits_range(job.cursor, job.cursor + n);
          job.cursor += n;
          job.done += n;
          if (job.cursor == users) {
            job.stage = 2;
            job.point = 0;
            job.month = 0;
            job.cursor = 0;
            job.state->reset_policy(sim::with_cutoff(job.config.policy, job.cutoffs[0]));
            job.state->make_shards(1);
            job.state->begin_month(0);
          }
          break;
        }
        case 2: {
          sim::RunState& s = *job.state;
          const std::size_t users = static_cast<std::size_t>(job.config.users);
          const std::size_t n = std::min<std::size_t>(kChunk, users - job.cursor);
          s.phase_a(0, job.month, job.cursor, job.cursor + n);
          job.cursor += n;
          job.done += n;
          if (job.cursor < users) break;
          s.allocate(job.month);
          s.phase_b(job.month);
          job.cursor = 0;
          if (++job.month < job.config.months) {
            s.begin_month(job.month);
            break;
          }
          // One cutoff done: the same figures sim::run_sweep keeps.
          sim::RunOutput r = s.finish();
          sim::SweepPoint p;
          p.cutoff = job.cutoffs[job.point];
          sim::MonthAcc sum;
          for (const auto& a : r.acc.month) sum.add(a);
          p.applicants = sum.applicants;
          p.booked_count = sum.booked_count;
          p.booked_fen = sum.booked_fen;
          p.net_loss_fen = sum.chargeoff_fen - sum.recoveries_fen;
          for (int m = 0; m < r.acc.months; ++m) p.net_profit_fen += sim::net_profit(r.acc, m);
          sim::KpiContext kc;
          kc.users = job.config.users;
          kc.months = job.config.months;
          kc.start = job.config.scenario.start;
          for (const auto& pt : job.config.policy.partners) kc.revenue_share.push_back(pt.revenue_share);
          kc.train_band_counts = r.tables.train_band_counts;
          p.totals = sim::run_totals(r.acc, kc);
          job.points.push_back(std::move(p));
          if (++job.point < job.cutoffs.size()) {
            job.month = 0;
            s.reset_policy(sim::with_cutoff(job.config.policy, job.cutoffs[job.point]));
            s.make_shards(1);
            s.begin_month(0);
          } else {
            job.stage = 3;
          }
          break;
        }
        default: break;
      }
    }
  } catch (const std::exception& e) {
    sweep_job_.reset();
    say(std::string(translate(view_lang_, "The sweep failed:")) + " " + e.what(), true);
    return;
  }
  view_dirty_ = true;
  if (job.stage < 3) return;
  sim::mark_frontier(job.points);
  SweepResult res;
  char title[256];
  std::snprintf(title, sizeof title, "%s · %s · %s × %d · seed %llu", job.config.policy.name.c_str(), job.config.scenario.name.c_str(),
                format_int(static_cast<std::int64_t>(job.config.users)).c_str(), job.config.months,
                static_cast<unsigned long long>(job.config.seed));
  res.title = title;
  for (const auto& p : job.points) {
    SweepResult::Point q;
    q.cutoff = p.cutoff;
    q.efficient = p.efficient;
    for (const auto& t : p.totals) {
      if (t.name == "approval_rate") q.approval_rate = t.value;
      else if (t.name == "loss_rate") q.loss_rate = t.value;
      else if (t.name == "net_profit") q.net_profit = t.value;
      else if (t.name == "booked_amount") q.booked_amount = t.value;
      else if (t.name == "booked_count") q.booked_count = t.value;
    }
    res.points.push_back(std::move(q));
  }
  sweep_ = std::move(res);
  const double elapsed = platform.now_ms() - job.t0;
  sweep_job_.reset();
  tab_ = LabTab::sweep;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f", elapsed / 1000.0);
  say(std::string(translate(view_lang_, "Sweep finished in")) + " " + buf + " s.", false);
  if (ctx_) save(*ctx_);
}

// [SECTION] files: export, import, open a runs database ------------------------------

bool PolicyLabModel::on_file(AppContext& ctx, const std::string& name, const std::string& bytes) {
  const Lang lang = view_lang_;
  static const char kSqliteMagic[] = "SQLite format 3";  // + NUL: the first 16 bytes of every SQLite file
  const bool sqlite = bytes.size() >= 16 && bytes.compare(0, 16, std::string(kSqliteMagic, 16)) == 0;
  if (!sqlite) {
    // A policy JSON (exported here or written for `finlab sim --policy`).
    std::size_t i = 0;
    while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
    if (i < bytes.size() && bytes[i] == '{') {
      auto parsed = sim::parse_json_text(bytes);
      if (!parsed) {
        say(name + ": " + parsed.error(), true);
        return true;
      }
      ojson d = ojson::parse(bytes, nullptr, false);
      if (d.is_discarded()) {
        say(name + ": " + translate(lang, "not valid JSON"), true);
        return true;
      }
      set_doc(std::move(d));
      tab_ = LabTab::policy;
      say(std::string(translate(lang, "Policy loaded from")) + " " + name + (policy_ ? "." : std::string(" — ") + translate(lang, "it has problems, listed below.")),
          !policy_);
      save(ctx);
      return true;
    }
    say(name + ": " + translate(lang, "not a runs database (SQLite) or a policy (JSON)."), true);
    return true;
  }
  // A runs database: keep a copy next to the app's database so it is still
  // open after a reload; never write into the user's original.
  const std::string app_path = ctx.store->db().path();
  const std::string path = app_path == ":memory:" ? std::string("/tmp/") + kImportFile : dir_of(app_path) + "/" + kImportFile;
  opened_.reset();
  opened_name_.clear();
  std::remove(path.c_str());
  {
    std::ofstream f(path, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) {
      say(name + ": " + translate(lang, "could not be copied into the browser's storage."), true);
      return true;
    }
  }
  // Only a database with the sim schema: never create tables in someone else's file.
  std::string problem;
  {
    auto db = store::Database::open(path);
    if (!db) {
      problem = db.error();
    } else {
      try {
        store::Database d = std::move(db).value();
        auto st = d.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sim_runs'");
        st.step();
        if (st.column_int64(0) == 0) problem = translate(lang, "it has no sim_runs table (not made by finlab sim).");
      } catch (const std::exception& e) {
        problem = e.what();
      }
    }
  }
  if (problem.empty()) {
    auto s = sim::RunStore::open(path);
    if (s) {
      opened_.emplace(std::move(s).value());
      opened_name_ = name;
    } else {
      problem = s.error();
    }
  }
  if (!problem.empty()) {
    std::remove(path.c_str());
    say(name + ": " + translate(lang, "cannot open this runs database:") + " " + problem, true);
    refresh_lists();
    save(ctx);
    return true;
  }
  if (current_ && current_->ref.source == RunSource::imported) current_.reset();
  refresh_lists();
  tab_ = LabTab::runs;
  say(std::string(translate(lang, "Opened")) + " " + name + ": " + std::to_string(opened_list_.size()) + " " + translate(lang, "runs."), false);
  // Show its newest complete run.
  for (auto it = opened_list_.rbegin(); it != opened_list_.rend(); ++it) {
    if (it->status == "complete") {
      select_run({RunSource::imported, it->run_id});
      break;
    }
  }
  save(ctx);
  return true;
}

// [SECTION] view building: results ----------------------------------------------------

sim::MonthAcc sum_months(const sim::RunAcc& acc) {
  sim::MonthAcc s;
  for (const auto& a : acc.month) s.add(a);
  return s;
}

std::string total_of(const sim::StoredRun& r, const std::string& name) {
  for (const auto& t : r.totals)
    if (t.name == name) return t.value;
  return "";
}

std::string yuan_text(std::int64_t fen) { return format_yuan(Money::from_units(fen)); }

Explanation kpi_explanation(const std::string& name, const std::string& shown, const sim::StoredRun& r, Lang lang) {
  const sim::MonthAcc s = sum_months(r.acc);
  const sim::MonthAcc& last = r.acc.month.back();
  auto tr = [lang](const char* en) { return std::string(translate(lang, en)); };
  Explanation ex;
  ex.value = shown;
  ex.source = "docs/sim.md, sim/kpi.hpp";
  const std::string pct_rounding = tr("A percentage with 4 decimals, rounded half-up once from the exact integer ratio.");
  const std::string fen_rounding = tr("None here: a sum of amounts in fen (each amount was rounded to the fen where it arose, by the loan and fund engines).");
  if (name == "approval_rate") {
    ex.title = tr("Approval rate");
    ex.formula = tr("approval rate = loans booked ÷ applications decided, over all months");
    ex.inputs = {{tr("Applications decided"), format_int(s.applicants)},
                 {tr("Approved by the credit decision"), format_int(s.approved)},
                 {tr("of which approved in manual review (refer band)"), format_int(s.refer_approved)},
                 {tr("Declined: score below the cutoff"), format_int(s.declined_score)},
                 {tr("Declined: required consent missing"), format_int(s.declined_consent)},
                 {tr("Declined: zero limit or debt-to-income"), format_int(s.declined_limit + s.declined_dti)},
                 {tr("Approved but no partner capacity"), format_int(s.declined_capacity)},
                 {tr("Loans booked"), format_int(s.booked_count)}};
    ex.rounding = pct_rounding;
  } else if (name == "booked_amount") {
    ex.title = tr("Amount booked");
    ex.formula = tr("the sum of every loan's amount at booking, over all months");
    ex.inputs = {{tr("Loans booked"), format_int(s.booked_count)},
                 {tr("of which first loans"), format_int(s.first_loans)},
                 {tr("Average loan"), display_total(total_of(r, "average_loan"), "yuan")}};
    ex.rounding = fen_rounding;
  } else if (name == "loss_rate") {
    ex.title = tr("Loss rate");
    ex.formula = tr("loss rate = (charge-offs − recoveries) ÷ amount booked");
    ex.inputs = {{tr("Principal charged off"), yuan_text(s.chargeoff_fen)},
                 {tr("Loans charged off"), format_int(s.chargeoff_count)},
                 {tr("Recoveries"), yuan_text(s.recoveries_fen)},
                 {tr("Amount booked"), yuan_text(s.booked_fen)}};
    ex.rounding = pct_rounding;
  } else if (name == "net_profit") {
    ex.title = tr("Net profit");
    ex.formula = tr("net profit = interest + penalty interest + fees − funding cost − provision expense − fund subsidy (加息), summed over months");
    std::int64_t prov = 0;
    for (int m = 0; m < r.acc.months; ++m) prov += sim::provision_expense(r.acc, m);
    ex.inputs = {{tr("Contract interest"), yuan_text(s.interest_fen)},
                 {tr("Penalty interest"), yuan_text(s.penalty_fen)},
                 {tr("Origination fees"), yuan_text(s.fee_fen)},
                 {tr("Funding cost"), yuan_text(s.funding_cost_fen)},
                 {tr("Provision expense (Δ allowance + charge-offs − recoveries)"), yuan_text(prov)},
                 {tr("Fund subsidy (加息)"), yuan_text(s.subsidy_fen)}};
    ex.rounding = fen_rounding;
  } else if (name == "roa") {
    ex.title = tr("Return on assets");
    ex.formula = tr("ROA = net profit × 12 ÷ Σ month-end principal outstanding (annualised, on average assets)");
    std::int64_t outs = 0;
    for (const auto& a : r.acc.month) outs += a.outstanding_fen;
    ex.inputs = {{tr("Net profit"), display_total(total_of(r, "net_profit"), "yuan")},
                 {tr("Σ month-end outstanding"), yuan_text(outs)},
                 {tr("Months"), std::to_string(r.acc.months)}};
    ex.rounding = pct_rounding;
  } else if (name == "dq30_rate") {
    ex.title = tr("30+ days past due");
    ex.formula = tr("principal of loans 30+ days past due ÷ principal outstanding, at the last month end");
    ex.inputs = {{tr("Principal 30+ days past due"), yuan_text(last.outstanding_30p_fen)},
                 {tr("Loans 30+ days past due"), format_int(last.count_30p)},
                 {tr("Principal outstanding"), yuan_text(last.outstanding_fen)},
                 {tr("Open loans"), format_int(last.active_loans)}};
    ex.rounding = pct_rounding;
  } else if (name == "fund_aum") {
    ex.title = tr("Fund balance (AUM)");
    ex.formula = tr("the 活期宝 balance of all users at the last month end = deposits − redemptions − fast redemptions + income paid + subsidy");
    ex.inputs = {{tr("Deposits"), yuan_text(s.deposits_fen)},
                 {tr("Normal redemptions"), yuan_text(s.redemptions_fen)},
                 {tr("Fast (T+0) redemptions"), yuan_text(s.fast_redemptions_fen)},
                 {tr("Income paid to users"), yuan_text(s.fund_income_fen)},
                 {tr("Fund subsidy (加息)"), yuan_text(s.subsidy_fen)},
                 {tr("Users holding the fund"), format_int(last.fund_holders)}};
    ex.rounding = tr("Daily income is truncated to the fen per user; what is cut off stays with the fund (fund_rounding_residual).");
  } else if (name == "subsidy_cost") {
    ex.title = tr("Fund subsidy (加息)");
    ex.formula = tr("extra yield for new fund users, paid by the platform: balance up to the cap × extra yield ÷ 365, each day of the boost");
    ex.inputs = {{tr("New fund users"), format_int(s.new_fund_users)}, {tr("Subsidy paid"), yuan_text(s.subsidy_fen)}};
    if (auto cfg = r.config()) {
      const auto& b = cfg.value().policy.fund.boost;
      ex.inputs.emplace_back(tr("Extra yield"), format_percent(b.extra_yield, 4));
      ex.inputs.emplace_back(tr("Days of boost"), std::to_string(b.days));
      ex.inputs.emplace_back(tr("Balance cap"), format_yuan(b.cap));
    }
    ex.rounding = tr("Truncated to the fen per user per day.");
  } else {
    ex.title = name;
    ex.formula = name;
  }
  ex.title += " — " + tr("run") + " " + std::to_string(r.summary.run_id);
  return ex;
}

ChartSpec month_chart(const std::string& name, const sim::StoredRun& r, float height) {
  ChartSpec c;
  c.name = name;
  c.height_css = height;
  const sim::KpiContext kc = r.kpi_context();
  for (int m = 0; m < r.acc.months; ++m) c.x_labels.push_back(sim::period_of(kc.start, m));
  return c;
}

void PolicyLabModel::build_results(Ui& ui) {
  LabRunView& v = view_.current;
  v = LabRunView{};
  if (!current_) return;
  const Lang lang = ui.lang();
  const sim::StoredRun& r = current_->run;
  const bool imported = current_->ref.source == RunSource::imported;
  v.present = true;
  v.title = std::string(ui.tr("Run")) + " " + std::to_string(r.summary.run_id) + (imported ? " (" + opened_name_ + ")" : std::string());
  v.subtitle = r.summary.policy_name + " · " + r.summary.scenario_name + " · " + format_int(static_cast<std::int64_t>(r.summary.users)) + " " +
               ui.tr("users") + " × " + std::to_string(r.summary.months) + " " + ui.tr("months") + " · " + ui.tr("seed") + " " +
               std::to_string(r.summary.seed) + " · " + r.summary.engine_version;
  if (r.summary.elapsed_ms > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " · %.1f s", static_cast<double>(r.summary.elapsed_ms) / 1000.0);
    v.subtitle += buf;
  }
  struct K {
    const char* name;
    const char* label;
    const char* unit;
  };
  static const K kKpis[] = {{"approval_rate", "Approval rate", "%"}, {"booked_amount", "Amount booked", "yuan"},
                            {"loss_rate", "Loss rate", "%"},          {"net_profit", "Net profit", "yuan"},
                            {"roa", "Return on assets", "%"},         {"dq30_rate", "30+ days past due", "%"},
                            {"fund_aum", "Fund balance (AUM)", "yuan"}, {"subsidy_cost", "Fund subsidy (加息)", "yuan"}};
  for (const K& k : kKpis) {
    const std::string shown = display_total(total_of(r, k.name), k.unit);
    v.kpis.push_back({std::string("policy_lab.kpi.") + k.name, k.label, shown, kpi_explanation(k.name, shown, r, lang)});
  }
  for (const auto& t : r.totals) v.totals.push_back({t.name, display_total(t.value, t.unit), t.unit});
  for (const auto& t : r.analyses) v.analyses.push_back({t.name, display_total(t.value, t.unit), t.unit});

  const float h = 190.0f;
  // Monthly approval.
  {
    ChartSpec c = month_chart("policy_lab.chart.approval", r, h);
    c.y_suffix = "%";
    c.y_from_zero = true;
    ChartSeries s{ui.tr("Approval rate"), SeriesKind::line, {}, {}, {}, IM_COL32(0, 114, 178, 255), true};
    for (const auto& a : r.acc.month) {
      const std::string p = sim::percent_of(a.booked_count, a.applicants);
      s.y.push_back(plot_of(p, 4));
      s.y_text.push_back(p + "% (" + format_int(a.booked_count) + " / " + format_int(a.applicants) + ")");
    }
    c.series.push_back(std::move(s));
    v.charts.push_back(std::move(c));
  }
  // Losses.
  {
    ChartSpec c = month_chart("policy_lab.chart.losses", r, h);
    c.y_from_zero = true;
    ChartSeries co{ui.tr("Charge-offs"), SeriesKind::bar, {}, {}, {}, IM_COL32(213, 94, 0, 255), true};
    ChartSeries rc{ui.tr("Recoveries"), SeriesKind::bar, {}, {}, {}, IM_COL32(0, 158, 115, 255), true};
    for (const auto& a : r.acc.month) {
      co.y.push_back(to_plot(a.chargeoff_fen, 2));
      co.y_text.push_back(yuan_text(a.chargeoff_fen));
      rc.y.push_back(to_plot(a.recoveries_fen, 2));
      rc.y_text.push_back(yuan_text(a.recoveries_fen));
    }
    c.series.push_back(std::move(co));
    c.series.push_back(std::move(rc));
    v.charts.push_back(std::move(c));
  }
  // Profit.
  {
    ChartSpec c = month_chart("policy_lab.chart.profit", r, h);
    c.y_from_zero = true;
    ChartSeries np{ui.tr("Net profit"), SeriesKind::bar, {}, {}, {}, IM_COL32(86, 180, 233, 255), true};
    ChartSeries cum{ui.tr("Cumulative net profit"), SeriesKind::line, {}, {}, {}, IM_COL32(230, 120, 20, 255), true};
    std::int64_t run = 0;
    for (int m = 0; m < r.acc.months; ++m) {
      const std::int64_t p = sim::net_profit(r.acc, m);
      run += p;
      np.y.push_back(to_plot(p, 2));
      np.y_text.push_back(yuan_text(p));
      cum.y.push_back(to_plot(run, 2));
      cum.y_text.push_back(yuan_text(run));
    }
    c.series.push_back(std::move(np));
    c.series.push_back(std::move(cum));
    v.charts.push_back(std::move(c));
  }
  // Vintage curves: cumulative share of each origination month's loans ever 30+ DPD, by months on book.
  {
    ChartSpec c;
    c.name = "policy_lab.chart.vintages";
    c.height_css = h;
    c.y_suffix = "%";
    c.y_from_zero = true;
    const int M = r.acc.months;
    for (int mob = 1; mob < std::max(2, M); ++mob) c.x_labels.push_back(std::string(ui.tr("MOB")) + " " + std::to_string(mob));
    const auto pts = sim::vintage_curves(r.acc);
    std::vector<int> origins;
    for (const auto& p : pts)
      if (origins.empty() || origins.back() != p.orig_month) origins.push_back(p.orig_month);
    const std::size_t step = std::max<std::size_t>(1, (origins.size() + 5) / 6);  // at most ~6 curves
    const sim::KpiContext kc = r.kpi_context();
    for (std::size_t k = 0; k < origins.size(); k += step) {
      const int o = origins[k];
      ChartSeries s{sim::period_of(kc.start, o), SeriesKind::line, {}, {}, {}, 0, true};
      s.y.assign(c.x_labels.size(), std::numeric_limits<double>::quiet_NaN());
      s.y_text.assign(c.x_labels.size(), "–");
      for (const auto& p : pts) {
        if (p.orig_month != o || p.mob < 1 || p.mob > static_cast<int>(c.x_labels.size())) continue;
        const std::string pct = sim::percent_of(p.bad_loans, p.loans);
        s.y[p.mob - 1] = plot_of(pct, 4);
        s.y_text[p.mob - 1] = pct + "% (" + format_int(p.bad_loans) + " / " + format_int(p.loans) + ")";
      }
      c.series.push_back(std::move(s));
    }
    v.charts.push_back(std::move(c));
  }
  // Score distribution of the run's users (behaviour-enhanced vs application-only), 20-point bins.
  {
    ChartSpec c;
    c.name = "policy_lab.chart.scores";
    c.height_css = h;
    c.y_from_zero = true;
    int lo = 1024, hi = -1;
    for (int s = 0; s < 1024; ++s) {
      if (current_->behaviour[s] || current_->application[s]) {
        lo = std::min(lo, s);
        hi = std::max(hi, s);
      }
    }
    if (hi >= lo) {
      const int w = 20;
      lo = lo / w * w;
      ChartSeries b{ui.tr("Behaviour-enhanced score"), SeriesKind::bar, {}, {}, {}, IM_COL32(230, 159, 0, 255), true};
      ChartSeries a{ui.tr("Application-data-only score"), SeriesKind::bar, {}, {}, {}, IM_COL32(86, 180, 233, 255), true};
      for (int x = lo; x <= hi; x += w) {
        std::int64_t nb = 0, na = 0;
        for (int s = x; s < x + w && s < 1024; ++s) {
          nb += current_->behaviour[s];
          na += current_->application[s];
        }
        c.x_labels.push_back(std::to_string(x) + "–" + std::to_string(x + w - 1));
        b.y.push_back(static_cast<double>(nb));
        b.y_text.push_back(format_int(nb));
        a.y.push_back(static_cast<double>(na));
        a.y_text.push_back(format_int(na));
      }
      c.series.push_back(std::move(b));
      c.series.push_back(std::move(a));
    }
    v.charts.push_back(std::move(c));
  }
  // Fund balance.
  {
    ChartSpec c = month_chart("policy_lab.chart.fund", r, h);
    c.name = "policy_lab.chart.fund";
    c.y_from_zero = true;
    ChartSeries s{ui.tr("Fund balance (AUM)"), SeriesKind::area, {}, {}, {}, IM_COL32(0, 158, 115, 255), true};
    for (const auto& a : r.acc.month) {
      s.y.push_back(to_plot(a.aum_fen, 2));
      s.y_text.push_back(yuan_text(a.aum_fen));
    }
    c.series.push_back(std::move(s));
    v.charts.push_back(std::move(c));
  }
  // A chart whose every value is zero says so in words (an empty axis explains nothing).
  static const char* kNothing[] = {"No applications in this run.", "No charge-offs and no recoveries in this run.", "No income and no costs in this run.",
                                   "No loan reached 30 days past due in this run.", "No scores stored with this run.", "No fund balance in this run."};
  for (std::size_t i = 0; i < v.charts.size(); ++i) {
    bool any = false;
    for (const auto& s : v.charts[i].series)
      for (double y : s.y)
        if (!std::isnan(y) && y != 0.0) any = true;
    v.chart_notes.push_back(any ? std::string() : std::string(ui.tr(kNothing[std::min<std::size_t>(i, 5)])));
  }
}

// [SECTION] view building: compare, sweep, runs -----------------------------------------

std::string run_choice(const sim::RunSummary& s, RunSource src, const std::string& opened, Lang lang) {
  return std::string(translate(lang, "Run")) + " " + std::to_string(s.run_id) + " (" +
         (src == RunSource::browser ? std::string(translate(lang, "browser")) : opened) + ") · " + s.policy_name +
         (s.created_at.empty() ? std::string() : " · " + s.created_at.substr(0, 16)) + " · " + s.scenario_name + " · " +
         format_int(static_cast<std::int64_t>(s.users)) + " × " + std::to_string(s.months) + " · " + translate(lang, "seed") + " " + std::to_string(s.seed);
}

void PolicyLabModel::build_compare(Ui& ui) {
  const Lang lang = ui.lang();
  view_.compare_choices.clear();
  for (const RunRef& r : compare_refs_) {
    const auto& list = r.source == RunSource::browser ? runs_list_ : opened_list_;
    for (const auto& s : list)
      if (s.run_id == r.id) view_.compare_choices.push_back(run_choice(s, r.source, opened_name_, lang));
  }
  view_.compare.clear();
  view_.compare_charts.clear();
  view_.compare_a_title.clear();
  view_.compare_b_title.clear();
  if (!cmp_a_ || !cmp_b_) return;
  const sim::StoredRun& a = cmp_a_->run;
  const sim::StoredRun& b = cmp_b_->run;
  view_.compare_a_title = std::string("A: ") + run_choice(a.summary, cmp_a_->ref.source, opened_name_, lang);
  view_.compare_b_title = std::string("B: ") + run_choice(b.summary, cmp_b_->ref.source, opened_name_, lang);
  for (const auto& ta : a.totals) {
    LabCompareRow row;
    row.key = ta.name;
    row.name = kpi_label(ta.name, lang);
    row.a = display_total(ta.value, ta.unit);
    std::string bv;
    for (const auto& tb : b.totals)
      if (tb.name == ta.name) bv = tb.value;
    row.b = bv.empty() ? "–" : display_total(bv, ta.unit);
    row.diff = bv.empty() ? "" : total_diff(ta.value, bv, ta.unit);
    row.differs = bv != ta.value;
    row.judgement = row.differs ? kpi_judgement(ta.name, row.diff) : 0;
    view_.compare.push_back(std::move(row));
  }
  // Month-by-month overlays.
  const int M = std::max(a.acc.months, b.acc.months);
  auto base = [&](const char* name) {
    ChartSpec c;
    c.name = name;
    c.height_css = 190;
    for (int m = 0; m < M; ++m) c.x_labels.push_back(std::to_string(m + 1));
    return c;
  };
  {
    ChartSpec c = base("policy_lab.compare.chart.approval");
    c.y_suffix = "%";
    c.y_from_zero = true;
    for (int k = 0; k < 2; ++k) {
      const sim::StoredRun& r = k == 0 ? a : b;
      ChartSeries s{std::string(k == 0 ? "A " : "B ") + ui.tr("Approval rate"), SeriesKind::line, {}, {}, {}, k == 0 ? IM_COL32(0, 114, 178, 255) : IM_COL32(213, 94, 0, 255), true};
      for (int m = 0; m < M; ++m) {
        if (m < r.acc.months) {
          const std::string p = sim::percent_of(r.acc.month[m].booked_count, r.acc.month[m].applicants);
          s.y.push_back(plot_of(p, 4));
          s.y_text.push_back(p + "%");
        } else {
          s.y.push_back(std::numeric_limits<double>::quiet_NaN());
          s.y_text.push_back("–");
        }
      }
      c.series.push_back(std::move(s));
    }
    view_.compare_charts.push_back(std::move(c));
  }
  {
    ChartSpec c = base("policy_lab.compare.chart.profit");
    c.y_from_zero = true;
    for (int k = 0; k < 2; ++k) {
      const sim::StoredRun& r = k == 0 ? a : b;
      ChartSeries s{std::string(k == 0 ? "A " : "B ") + ui.tr("Cumulative net profit"), SeriesKind::line, {}, {}, {}, k == 0 ? IM_COL32(0, 114, 178, 255) : IM_COL32(213, 94, 0, 255), true};
      std::int64_t run = 0;
      for (int m = 0; m < M; ++m) {
        if (m < r.acc.months) {
          run += sim::net_profit(r.acc, m);
          s.y.push_back(to_plot(run, 2));
          s.y_text.push_back(yuan_text(run));
        } else {
          s.y.push_back(std::numeric_limits<double>::quiet_NaN());
          s.y_text.push_back("–");
        }
      }
      c.series.push_back(std::move(s));
    }
    view_.compare_charts.push_back(std::move(c));
  }
}

void PolicyLabModel::build_sweep(Ui& ui) {
  view_.sweep.clear();
  view_.sweep_charts.clear();
  view_.sweep_title.clear();
  if (!sweep_) return;
  view_.sweep_title = sweep_->title;
  ChartSpec ap, lo, pr;
  ap.name = "policy_lab.sweep.chart.approval";
  lo.name = "policy_lab.sweep.chart.loss";
  pr.name = "policy_lab.sweep.chart.profit";
  ap.height_css = lo.height_css = pr.height_css = 170;
  ap.y_suffix = lo.y_suffix = "%";
  ap.y_from_zero = lo.y_from_zero = pr.y_from_zero = true;
  ChartSeries sa{ui.tr("Approval rate"), SeriesKind::line, {}, {}, {}, IM_COL32(0, 114, 178, 255), true};
  ChartSeries sl{ui.tr("Loss rate"), SeriesKind::line, {}, {}, {}, IM_COL32(213, 94, 0, 255), true};
  ChartSeries se{ui.tr("Net profit (efficient cutoff)"), SeriesKind::bar, {}, {}, {}, IM_COL32(0, 158, 115, 255), true};
  ChartSeries sd{ui.tr("Net profit (dominated cutoff)"), SeriesKind::bar, {}, {}, {}, IM_COL32(160, 160, 170, 255), true};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& p : sweep_->points) {
    LabSweepRow row;
    row.cutoff = std::to_string(p.cutoff);
    row.approval = p.approval_rate + "%";
    row.loss = p.loss_rate + "%";
    row.profit = display_total(p.net_profit, "yuan");
    row.booked = display_total(p.booked_amount, "yuan");
    row.efficient = p.efficient;
    view_.sweep.push_back(row);
    const std::string x = std::to_string(p.cutoff);
    ap.x_labels.push_back(x);
    lo.x_labels.push_back(x);
    pr.x_labels.push_back(x);
    sa.y.push_back(plot_of(p.approval_rate, 4));
    sa.y_text.push_back(row.approval);
    sl.y.push_back(plot_of(p.loss_rate, 4));
    sl.y_text.push_back(row.loss);
    const double np = plot_of(p.net_profit, 2);
    se.y.push_back(p.efficient ? np : nan);
    se.y_text.push_back(p.efficient ? row.profit : "–");
    sd.y.push_back(p.efficient ? nan : np);
    sd.y_text.push_back(p.efficient ? "–" : row.profit);
  }
  ap.series.push_back(std::move(sa));
  lo.series.push_back(std::move(sl));
  pr.series.push_back(std::move(se));
  pr.series.push_back(std::move(sd));
  view_.sweep_charts = {std::move(ap), std::move(lo), std::move(pr)};
}

LabRunRow PolicyLabModel::run_row(const sim::RunSummary& s, RunSource src, Lang lang) const {
  LabRunRow row;
  row.ref = {src, s.run_id};
  row.name = (src == RunSource::browser ? "b" : "i") + std::to_string(s.run_id);
  row.id = std::to_string(s.run_id);
  row.status = s.status == "complete" ? std::string(translate(lang, "complete"))
                                      : std::string(translate(lang, s.status == "running" ? "running" : (s.status == "failed" ? "failed" : "interrupted"))) +
                                            (s.note.empty() ? std::string() : " (" + s.note + ")");
  row.created = s.created_at.size() >= 16 ? s.created_at.substr(0, 10) + " " + s.created_at.substr(11, 5) : s.created_at;
  row.policy = s.policy_name;
  row.scenario = s.scenario_name;
  row.size = format_int(static_cast<std::int64_t>(s.users)) + " × " + std::to_string(s.months) + " · " + translate(lang, "seed") + " " + std::to_string(s.seed);
  row.complete = s.status == "complete";
  row.approval = s.approval_rate.empty() ? "–" : s.approval_rate + "%";
  row.loss = s.loss_rate.empty() ? "–" : s.loss_rate + "%";
  row.profit = s.net_profit.empty() ? "–" : display_total(s.net_profit, "yuan");
  row.viewing = current_ && current_->ref == row.ref;
  return row;
}

void PolicyLabModel::build_view(Ui& ui, Platform& platform) {
  const Lang lang = ui.lang();
  view_lang_ = lang;
  view_.tab = tab_;
  // Policy.
  view_.policy_valid = policy_.has_value();
  view_.policy_errors = errors_;
  view_.field_errors.clear();
  for (const auto& e : errors_) {
    auto [path, msg] = split_error(e);
    auto& slot = view_.field_errors[path];
    slot += (slot.empty() ? "" : "\n") + msg;
  }
  view_.templates = templates_;
  view_.methods.clear();
  for (const char* m : kMethodLabel) view_.methods.push_back(ui.tr(m));
  view_.score_band_labels.clear();
  view_.income_band_labels.clear();
  {
    const auto sb = split_list(form_.score_bands), ib = split_list(form_.income_bands);
    for (std::size_t i = 0; i <= sb.size(); ++i) {
      if (i == 0) view_.score_band_labels.push_back(sb.empty() ? std::string(ui.tr("all scores")) : "< " + sb[0]);
      else view_.score_band_labels.push_back(sb[i - 1] + (i < sb.size() ? "–" + sb[i] : "+"));
    }
    for (std::size_t i = 0; i <= ib.size(); ++i) {
      if (i == 0) view_.income_band_labels.push_back(ib.empty() ? std::string(ui.tr("all incomes")) : "< ¥" + ib[0]);
      else view_.income_band_labels.push_back("¥" + ib[i - 1] + (i < ib.size() ? "–" + ib[i] : "+"));
    }
  }
  if (policy_) {
    const auto& c = policy_->credit;
    view_.policy_summary = std::string(ui.tr("Valid policy")) + " \"" + policy_->name + "\": " + ui.tr("cutoff") + " " + std::to_string(c.cutoff) +
                           (c.refer_from ? std::string(", ") + ui.tr("refer from") + " " + std::to_string(*c.refer_from) : std::string()) + ", " +
                           std::to_string(c.score_bands.size() + 1) + "×" + std::to_string(c.income_bands.size() + 1) + " " + ui.tr("limit matrix") + ", " +
                           std::to_string(policy_->partners.size()) + " " + ui.tr("partners");
  } else {
    view_.policy_summary = std::to_string(errors_.size()) + " " + ui.tr("problems in the policy; runs are disabled until they are fixed.");
  }
  // Run.
  view_.scenarios = scenarios_;
  view_.scenario_description.clear();
  {
    std::string err;
    if (auto s = scenario_at(run_form_.scenario, err)) view_.scenario_description = s->description;
  }
  view_.running = run_job_ != nullptr;
  view_.sweeping = sweep_job_ != nullptr;
  view_.progress = 0;
  view_.progress_text.clear();
  if (run_job_) {
    const sim::Progress& p = last_progress_;
    view_.progress = static_cast<float>(p.fraction());
    const double elapsed = platform.now_ms() - run_job_->t0;
    std::string stage;
    switch (p.stage) {
      case sim::Stage::training: stage = ui.tr("Training the scorecard on the synthetic history…"); break;
      case sim::Stage::population: stage = ui.tr("Building the population"); break;
      case sim::Stage::months:
        stage = std::string(ui.tr("Simulating month")) + " " + std::to_string(p.month + 1) + " / " + run_form_.months;
        break;
      case sim::Stage::analyses: stage = ui.tr("Analyses and saving"); break;
      case sim::Stage::done: stage = ui.tr("done"); break;
    }
    char buf[96];
    if (p.fraction() > 0.05) std::snprintf(buf, sizeof buf, " · %.0f%% · ETA %.1f s", p.fraction() * 100, elapsed / 1000.0 * (1 - p.fraction()) / p.fraction());
    else std::snprintf(buf, sizeof buf, " · %.1f s", elapsed / 1000.0);
    view_.progress_text = stage + buf;
  } else if (sweep_job_) {
    const SweepJob& j = *sweep_job_;
    view_.progress = j.total ? static_cast<float>(static_cast<double>(j.done) / static_cast<double>(j.total)) : 0.0f;
    std::string stage = j.stage == 0 ? ui.tr("Training the scorecard on the synthetic history…")
                                     : (j.stage == 1 ? std::string(ui.tr("Building the population"))
                                                     : std::string(ui.tr("Cutoff")) + " " + std::to_string(j.cutoffs[std::min(j.point, j.cutoffs.size() - 1)]) + " (" +
                                                           std::to_string(j.point + 1) + " / " + std::to_string(j.cutoffs.size()) + "), " + ui.tr("month") + " " +
                                                           std::to_string(j.month + 1));
    char buf[32];
    std::snprintf(buf, sizeof buf, " · %.0f%%", view_.progress * 100.0);
    view_.progress_text = stage + buf;
  }
  view_.message = message_;
  view_.message_error = message_error_;
  build_results(ui);
  build_compare(ui);
  build_sweep(ui);
  view_.runs.clear();
  for (auto it = runs_list_.rbegin(); it != runs_list_.rend(); ++it) view_.runs.push_back(run_row(*it, RunSource::browser, lang));
  view_.imported_name = opened_ ? opened_name_ : std::string();
  view_.imported_runs.clear();
  for (auto it = opened_list_.rbegin(); it != opened_list_.rend(); ++it) view_.imported_runs.push_back(run_row(*it, RunSource::imported, lang));
  view_dirty_ = false;
}

// [SECTION] draw and test state ----------------------------------------------------------

void PolicyLabModel::apply(const LabIntents& in, AppContext& ctx) {
  bool save_now = false;
  if (in.tab && *in.tab != tab_) {
    tab_ = *in.tab;
    save_now = true;
  }
  if (in.load_template >= 0 && in.load_template < static_cast<int>(templates_.size())) {
    if (load_template(templates_[in.load_template])) {
      say(std::string(translate(view_lang_, "Loaded the policy template")) + " " + templates_[in.load_template] + ".", false);
      save_now = true;
    }
  }
  if (in.add_partner) {
    form_.partners.push_back({"Partner " + std::to_string(form_.partners.size() + 1), "0", "6", "", "100"});
  }
  if (in.remove_partner >= 0 && in.remove_partner < static_cast<int>(form_.partners.size())) {
    form_.partners.erase(form_.partners.begin() + in.remove_partner);
  }
  if (in.bands_changed) fit_to_bands(form_);
  if (in.policy_changed || in.add_partner || in.remove_partner >= 0 || in.bands_changed) {
    form_into_doc(form_, doc_);
    validate();
    form_.json = doc_.dump(2);
    if (in.policy_committed || in.add_partner || in.remove_partner >= 0) save_now = true;
  } else if (in.policy_committed) {
    save_now = true;
  }
  if (in.reload_json) form_.json = doc_.dump(2);
  if (in.apply_json) {
    auto parsed = sim::parse_json_text(form_.json);
    if (!parsed) {
      say(std::string(translate(view_lang_, "JSON:")) + " " + parsed.error(), true);
    } else {
      ojson d = ojson::parse(form_.json, nullptr, false);
      const std::string keep = form_.json;
      set_doc(std::move(d));
      form_.json = keep;
      say(policy_ ? translate(view_lang_, "JSON applied: the policy is valid.") : translate(view_lang_, "JSON applied; the policy has problems, listed below."), !policy_);
      save_now = true;
    }
  }
  if (in.export_policy) {
    if (!policy_) {
      say(translate(view_lang_, "Fix the policy's problems before exporting it."), true);
    } else {
      const std::string name = (policy_->name.empty() ? std::string("policy") : policy_->name) + ".json";
      ctx.platform.download(name, "application/json", sim::policy_to_json(*policy_) + "\n");
      say(std::string(translate(view_lang_, "Exported")) + " " + name + ": " + translate(view_lang_, "run it natively with") + " finlab sim run --policy " + name, false);
    }
  }
  if (in.import_policy || in.open_db) ctx.platform.pick_file(in.open_db ? ".sqlite,.db,.sqlite3,application/x-sqlite3,application/vnd.sqlite3" : ".json,application/json");
  if (in.close_db && opened_) {
    if (current_ && current_->ref.source == RunSource::imported) current_.reset();
    opened_.reset();
    const std::string path = ctx.store->db().path();
    if (path != ":memory:") std::remove((dir_of(path) + "/" + kImportFile).c_str());
    opened_name_.clear();
    refresh_lists();
    save_now = true;
  }
  if (in.settings_committed) save_now = true;
  if (in.cancel) cancel(ctx);
  if (in.run) start_run(ctx);
  if (in.sweep) start_sweep();
  if (in.view_run) {
    select_run(*in.view_run);
    tab_ = LabTab::results;
    save_now = true;
  }
  if (in.compare_changed) {
    cmp_a_.reset();
    cmp_b_.reset();
    if (run_form_.compare_a >= 0 && run_form_.compare_a < static_cast<int>(compare_refs_.size())) cmp_a_ = load_run(compare_refs_[run_form_.compare_a]);
    if (run_form_.compare_b >= 0 && run_form_.compare_b < static_cast<int>(compare_refs_.size())) cmp_b_ = load_run(compare_refs_[run_form_.compare_b]);
    save_now = true;
  }
  if (save_now) save(ctx);
  view_dirty_ = true;
}

void PolicyLabModel::draw(Ui& ui, AppContext& ctx) {
  ctx_ = &ctx;
  if (busy()) advance(ctx, ctx.platform);
  if (view_dirty_ || view_lang_ != ui.lang() || busy()) build_view(ui, ctx.platform);
  const LabIntents in = draw_policy_lab_panel(ui, view_, form_, run_form_);
  view_lang_ = ui.lang();
  if (in.tab || in.policy_changed || in.policy_committed || in.bands_changed || in.apply_json || in.reload_json || in.load_template >= 0 ||
      in.add_partner || in.remove_partner >= 0 || in.export_policy || in.import_policy || in.settings_committed || in.run || in.cancel ||
      in.sweep || in.open_db || in.close_db || in.view_run || in.compare_changed) {
    apply(in, ctx);
  }
}

nlohmann::json summary_json(const sim::RunSummary& s) {
  return {{"run_id", s.run_id}, {"status", s.status}, {"policy", s.policy_name}, {"scenario", s.scenario_name}, {"users", s.users},
          {"months", s.months}, {"seed", std::to_string(s.seed)}, {"elapsed_ms", s.elapsed_ms}, {"note", s.note},
          {"approval_rate", s.approval_rate}, {"loss_rate", s.loss_rate}, {"net_profit", s.net_profit}};
}

nlohmann::json PolicyLabModel::state() const {
  nlohmann::json j;
  static const char* kTabs[] = {"policy", "results", "compare", "sweep", "runs"};
  j["tab"] = kTabs[static_cast<int>(tab_)];
  j["policy_valid"] = policy_.has_value();
  j["policy_errors"] = errors_;
  j["policy"] = nlohmann::json::parse(doc_.dump());
  j["settings"] = {{"scenario", scenarios_.empty() ? std::string() : scenarios_[std::clamp(run_form_.scenario, 0, static_cast<int>(scenarios_.size()) - 1)]},
                   {"users", run_form_.users},
                   {"months", run_form_.months},
                   {"seed", run_form_.seed},
                   {"sweep_from", run_form_.sweep_from},
                   {"sweep_to", run_form_.sweep_to},
                   {"sweep_step", run_form_.sweep_step}};
  j["busy"] = busy();
  j["message"] = message_;
  j["message_error"] = message_error_;
  if (run_job_) {
    const auto& p = last_progress_;
    j["progress"] = {{"kind", "run"}, {"stage", std::string(sim::to_string(p.stage))}, {"month", p.month}, {"fraction", p.fraction()},
                     {"run_id", run_job_->run_id}};
  } else if (sweep_job_) {
    j["progress"] = {{"kind", "sweep"}, {"stage", sweep_job_->stage}, {"fraction", sweep_job_->total ? double(sweep_job_->done) / double(sweep_job_->total) : 0.0}};
  } else {
    j["progress"] = nullptr;
  }
  j["last_elapsed_ms"] = last_elapsed_ms_;
  j["last_run_frames"] = last_run_frames_;
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& s : runs_list_) runs.push_back(summary_json(s));
  j["runs"] = runs;
  nlohmann::json opened = nullptr;
  if (opened_) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : opened_list_) list.push_back(summary_json(s));
    opened = {{"name", opened_name_}, {"runs", list}};
  }
  j["opened"] = opened;
  auto run_json = [](const LoadedRun& l) {
    nlohmann::json t = nlohmann::json::object();
    for (const auto& v : l.run.totals) t[v.name] = v.value;
    return nlohmann::json{{"source", l.ref.source == RunSource::browser ? "browser" : "opened"},
                          {"run_id", l.ref.id},
                          {"policy", l.run.summary.policy_name},
                          {"scenario", l.run.summary.scenario_name},
                          {"users", l.run.summary.users},
                          {"months", l.run.summary.months},
                          {"seed", std::to_string(l.run.summary.seed)},
                          {"elapsed_ms", l.run.summary.elapsed_ms},
                          {"engine_version", l.run.summary.engine_version},
                          {"totals", t}};
  };
  j["current"] = current_ ? run_json(*current_) : nlohmann::json(nullptr);
  if (cmp_a_ && cmp_b_) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : view_.compare)
      rows.push_back({{"name", r.key}, {"label", r.name}, {"a", r.a}, {"b", r.b}, {"diff", r.diff}, {"judgement", r.judgement}});
    j["compare"] = {{"a", run_json(*cmp_a_)}, {"b", run_json(*cmp_b_)}, {"rows", rows}};
  } else {
    j["compare"] = nullptr;
  }
  if (sweep_) {
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : sweep_->points)
      pts.push_back({{"cutoff", p.cutoff}, {"approval_rate", p.approval_rate}, {"loss_rate", p.loss_rate}, {"net_profit", p.net_profit},
                     {"booked_amount", p.booked_amount}, {"booked_count", p.booked_count}, {"efficient", p.efficient}});
    j["sweep"] = {{"title", sweep_->title}, {"points", pts}};
  } else {
    j["sweep"] = nullptr;
  }
  return j;
}

}  // namespace

std::unique_ptr<PanelModel> make_policy_lab_model() { return std::make_unique<PolicyLabModel>(); }

}  // namespace finlab::web
