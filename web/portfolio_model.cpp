// Portfolio model: a plan file from assets/plans with the user's amounts
// applied to its JSON (so the exact document can be downloaded and run with
// `finlab portfolio simulate --plan`), validated by portfolio::parse_plan,
// projected with portfolio::Projection in chunks of paths between frames
// (a progress bar; the result does not depend on the chunking), summarised,
// and the median path replayed in detail with its performance figures.
//
// [SECTION] plan documents
// [SECTION] model
// [SECTION] view building
#include <imgui.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/portfolio/performance.hpp"
#include "core/portfolio/plan_json.hpp"
#include "core/portfolio/projection.hpp"
#include "core/portfolio/report.hpp"
#include "core/portfolio/suitability_gate.hpp"
#include "core/time/trading_calendar.hpp"
#include "web/app_store.hpp"
#include "web/format.hpp"
#include "web/models.hpp"
#include "web/platform.hpp"
#include "web/portfolio_view.hpp"

namespace finlab::web {

namespace {

using money::Money;

// "10757.62" (an amount as the core writes it) -> "¥10,757.62"; other text as is.
std::string yuan_or_text(const std::string& decimal) {
  auto m = Money::parse(decimal);
  return m ? format_yuan(m.value()) : decimal;
}

// [SECTION] plan documents ------------------------------------------------------------

const char* kPlanFiles[] = {"/data/assets/plans/csi300_monthly.json", "/data/assets/plans/balanced_rebalance.json"};
// Their names in the catalog (the English is the file's "name"; a test checks they agree).
const text::Id kPlanNames[] = {text::Id::pf_plan_csi300_monthly, text::Id::pf_plan_balanced_rebalance};
constexpr int kPlanCount = 2;
constexpr double kFrameBudgetMs = 150.0;  // work per frame while a projection runs (the bar still moves ~6 times a second)

std::uint64_t parse_count(const std::string& text, const char* what, std::uint64_t lo, std::uint64_t hi, Lang lang) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(text, &used);
    if (used == text.size() && v >= 0 && static_cast<std::uint64_t>(v) >= lo && static_cast<std::uint64_t>(v) <= hi) return static_cast<std::uint64_t>(v);
  } catch (const std::exception&) {
  }
  throw Error(std::string(translate(lang, what)) + ": " + translate(lang, "expected a whole number from") + " " + std::to_string(lo) + " " +
              translate(lang, "to") + " " + std::to_string(hi) + ", got \"" + text + "\"");
}

// [SECTION] model ---------------------------------------------------------------------

class PortfolioModel final : public PanelModel {
public:
  void load(AppContext& ctx) override {
    profile_ = ctx.suitability;
    form_ = PortfolioForm{};
    cancel();
    bool had_run = false;
    if (auto doc = ctx.store->document("portfolio")) {
      const auto j = nlohmann::json::parse(*doc, nullptr, false);
      if (j.is_object()) {
        form_.plan = std::clamp(j.value("plan", 0), 0, kPlanCount - 1);
        form_.initial_deposit = j.value("initial_deposit", form_.initial_deposit);
        form_.monthly_deposit = j.value("monthly_deposit", form_.monthly_deposit);
        form_.invest_amount = j.value("invest_amount", form_.invest_amount);
        form_.invest_day = j.value("invest_day", form_.invest_day);
        form_.invest_every = std::clamp(j.value("invest_every", 0), 0, 1);
        form_.invest_weekday = std::clamp(j.value("invest_weekday", 3), 0, 6);
        if (j.contains("targets") && j["targets"].is_array()) {
          for (const auto& t : j["targets"])
            if (t.is_array() && t.size() == 2 && t[0].is_string() && t[1].is_string()) form_.targets.emplace_back(t[0], t[1]);
        } else {
          template_defaults(/*schedule=*/false);
        }
        form_.huoqibao_yield = j.value("huoqibao_yield", form_.huoqibao_yield);
        form_.paths = j.value("paths", form_.paths);
        form_.years = j.value("years", form_.years);
        form_.seed = j.value("seed", form_.seed);
        had_run = j.value("has_run", false);
        form_.sign_warning = j.value("sign_warning", false);
      }
    }
    result_.reset();
    dirty_ = true;
    rerun_on_show_ = had_run;  // deterministic: the same seed redraws the same result
  }

  void draw(Ui& ui, AppContext& ctx) override;
  bool busy() const override { return running_; }
  nlohmann::json state() const override { return state_; }

private:
  void rebuild_plan(Lang lang);
  void template_defaults(bool schedule);
  void start(Lang lang);
  void cancel() {
    running_ = false;
    projection_.reset();
  }
  void step(AppContext& ctx);
  void finish(AppContext& ctx);
  void build(Ui& ui);
  void save(AppContext& ctx);
  void update_progress(Ui& ui);

  void apply_suitability(Ui& ui, AppContext& ctx, const SuitabilityIntents& in);
  void build_gate(Ui& ui, PortfolioView& v);

  SuitabilityProfile* profile_ = nullptr;
  PortfolioForm form_;
  PortfolioView view_;
  nlohmann::json state_ = nlohmann::json::object();
  std::string plan_json_;
  std::optional<portfolio::Plan> plan_;
  std::string plan_error_;
  std::optional<text::Message> plan_error_why_;  // the parser's error, rendered in the UI's language
  // running projection
  std::optional<portfolio::Projection> projection_;
  portfolio::PathOutputs out_;
  std::size_t next_path_ = 0;
  bool running_ = false;
  double started_ms_ = 0, elapsed_ms_ = 0, compute_ms_ = 0;  // wall from Run to result; time inside the engine
  // finished result
  struct Result {
    portfolio::SimulationReport report;  // the same report `finlab portfolio simulate` prints
    std::string plan_json;
  };
  std::optional<Result> result_;
  Lang lang_ = Lang::en;
  bool dirty_ = true, unsaved_ = false, rerun_on_show_ = false, progress_only_ = false;
};

const char* kWeekdayIds[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// A different template: its 定投 schedule (when `schedule`) and its target
// allocation replace the form's; the amounts the user typed stay.
void PortfolioModel::template_defaults(bool schedule) {
  form_.targets.clear();
  const auto j = nlohmann::ordered_json::parse(read_text_file(kPlanFiles[form_.plan]), nullptr, false);
  if (!j.is_object()) return;
  if (schedule && j.contains("regular_investments") && j["regular_investments"].is_array() && !j["regular_investments"].empty()) {
    const auto& ri = j["regular_investments"][0];
    if (ri.value("every", std::string("month")) == "week") {
      form_.invest_every = 1;
      const std::string wd = ri.value("weekday", std::string("mon"));
      for (int i = 0; i < 7; ++i)
        if (wd == kWeekdayIds[i]) form_.invest_weekday = i;
    } else {
      form_.invest_every = 0;
      if (ri.contains("day") && ri["day"].is_number_integer()) form_.invest_day = std::to_string(ri["day"].get<int>());
    }
  }
  if (j.contains("rebalance") && j["rebalance"].is_object() && j["rebalance"].contains("targets_percent") && j["rebalance"]["targets_percent"].is_object()) {
    for (const auto& [id, pct] : j["rebalance"]["targets_percent"].items())
      form_.targets.emplace_back(id, pct.is_string() ? pct.get<std::string>() : pct.dump());
  }
}

// The chosen template with the form's amounts written into its JSON.
void PortfolioModel::rebuild_plan(Lang lang) {
  plan_.reset();
  plan_error_.clear();
  plan_error_why_.reset();
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(read_text_file(kPlanFiles[form_.plan]), nullptr, false);
  if (j.is_discarded()) {
    plan_error_ = std::string(kPlanFiles[form_.plan]) + ": " + translate(lang, "not valid JSON");
    return;
  }
  j["initial_deposit"] = form_.initial_deposit;
  if (j.contains("huoqibao") && j["huoqibao"].is_object()) {
    // A seeded 活期宝 yield model keeps its shape and takes the typed level; a fixed yield is replaced.
    auto& hq = j["huoqibao"];
    if (hq.contains("model") && hq["model"].is_object()) hq["model"]["level_percent"] = form_.huoqibao_yield;
    else hq["annual_yield_percent"] = form_.huoqibao_yield;
  }
  if (j.contains("deposits") && j["deposits"].is_array() && !j["deposits"].empty()) j["deposits"][0]["amount"] = form_.monthly_deposit;
  if (j.contains("regular_investments") && j["regular_investments"].is_array() && !j["regular_investments"].empty()) {
    auto& ri = j["regular_investments"][0];
    ri["amount"] = form_.invest_amount;
    ri.erase("day");
    ri.erase("weekday");
    if (form_.invest_every == 1) {
      ri["every"] = "week";
      ri["weekday"] = kWeekdayIds[std::clamp(form_.invest_weekday, 0, 6)];
    } else {
      ri["every"] = "month";
      try {
        std::size_t used = 0;
        const int day = std::stoi(form_.invest_day, &used);
        if (used != form_.invest_day.size()) throw std::invalid_argument("day");
        ri["day"] = day;  // out of 1..31: parse_plan names the path
      } catch (const std::exception&) {
        plan_error_why_ = text::make(text::Id::pf_error_invest_day, {text::Arg::verbatim(form_.invest_day)});
        plan_error_ = text::render(*plan_error_why_, text_lang(lang));
        return;
      }
    }
  }
  if (!form_.targets.empty() && j.contains("rebalance") && j["rebalance"].is_object()) {
    auto& t = j["rebalance"]["targets_percent"];
    t = nlohmann::ordered_json::object();
    for (const auto& [id, pct] : form_.targets) t[id] = pct;  // parse_plan checks each and that they sum to 100
  }
  // The user's risk profile goes into the plan (core refuses an unsuitable one).
  if (profile_ && profile_->assessment() && j.contains("funds") && j["funds"].is_array() && !j["funds"].empty())
    j["investor"] = {{"answers", profile_->answers()}, {"assessed", profile_->assessment()->assessed.to_string()}, {"signed_warning", form_.sign_warning}};
  plan_json_ = j.dump(2);
  text::Message why;
  auto p = portfolio::parse_plan(plan_json_, &why);
  if (!p) {
    plan_error_why_ = std::move(why);  // says the JSON path, e.g. "regular_investments[0].amount: ..."
    plan_error_ = text::render(*plan_error_why_, text_lang(lang));
    return;
  }
  plan_ = std::move(p).value();
}

void PortfolioModel::start(Lang lang) {
  cancel();
  if (!plan_) return;
  try {
    const std::size_t paths = static_cast<std::size_t>(parse_count(form_.paths, "Paths", 1, 100'000, lang));
    const int years = static_cast<int>(parse_count(form_.years, "Years", 1, 11, lang));
    const std::uint64_t seed = parse_count(form_.seed, "Seed", 0, 999'999'999'999, lang);
    text::Message why;
    auto pr = portfolio::Projection::prepare(*plan_, {paths, years, seed}, time::TradingCalendar::builtin(), &why);
    if (!pr) {
      plan_error_why_ = std::move(why);
      plan_error_ = text::render(*plan_error_why_, text_lang(lang));
      return;
    }
    projection_.emplace(std::move(pr).value());
    out_ = portfolio::PathOutputs{};
    out_.resize(paths, projection_->schedule().checkpoints.size());
    next_path_ = 0;
    running_ = true;
  } catch (const Error& e) {
    plan_error_why_.reset();
    plan_error_ = e.what();
  }
}

// Runs paths until the frame's budget is spent; the paths fill disjoint
// slices of out_, so the result is the same for any chunking.
void PortfolioModel::step(AppContext& ctx) {
  const double t0 = ctx.platform.now_ms();
  if (next_path_ == 0) {
    started_ms_ = t0;
    compute_ms_ = 0;
  }
  const std::size_t total = projection_->settings().paths;
  std::size_t chunk = 8;
  while (next_path_ < total) {
    const std::size_t n = std::min(chunk, total - next_path_);
    projection_->run(next_path_, n, out_);
    next_path_ += n;
    const double spent = ctx.platform.now_ms() - t0;
    if (spent > kFrameBudgetMs) break;
    chunk = std::min<std::size_t>(chunk * 2, 256);
  }
  compute_ms_ += ctx.platform.now_ms() - t0;
  if (next_path_ >= total) {
    finish(ctx);
    dirty_ = true;
  } else {
    progress_only_ = true;  // the rest of the view is unchanged while paths run
  }
}

void PortfolioModel::finish(AppContext& ctx) {
  Result r;
  r.report = portfolio::make_simulation_report(*projection_, out_);
  r.plan_json = plan_json_;
  elapsed_ms_ = ctx.platform.now_ms() - started_ms_;
  result_ = std::move(r);
  running_ = false;
  projection_.reset();
  out_ = portfolio::PathOutputs{};
  unsaved_ = true;
}

void PortfolioModel::save(AppContext& ctx) {
  nlohmann::json j{{"plan", form_.plan},       {"initial_deposit", form_.initial_deposit}, {"monthly_deposit", form_.monthly_deposit},
                   {"invest_amount", form_.invest_amount}, {"invest_day", form_.invest_day}, {"huoqibao_yield", form_.huoqibao_yield},
                   {"invest_every", form_.invest_every}, {"invest_weekday", form_.invest_weekday}, {"targets", form_.targets},
                   {"paths", form_.paths},     {"years", form_.years},                     {"seed", form_.seed},
                   {"has_run", result_.has_value()}, {"sign_warning", form_.sign_warning}};
  ctx.store->set_document("portfolio", j.dump());
  ctx.saved();
}

void PortfolioModel::draw(Ui& ui, AppContext& ctx) {
  if (!plan_ && plan_error_.empty()) rebuild_plan(ui.lang());
  if (rerun_on_show_) {
    rerun_on_show_ = false;
    start(ui.lang());
  }
  if (running_) step(ctx);
  if (dirty_ || lang_ != ui.lang()) {
    build(ui);
  } else if (progress_only_) {
    update_progress(ui);
  }
  progress_only_ = false;
  const PortfolioIntents in = draw_portfolio_panel(ui, view_, form_, *profile_);
  apply_suitability(ui, ctx, in.suitability);
  if (in.template_changed) template_defaults(/*schedule=*/true);
  if (in.changed) {
    rebuild_plan(ui.lang());
    unsaved_ = dirty_ = true;
  }
  if (in.cancel) {
    cancel();
    dirty_ = true;
  }
  if (in.run) {
    rebuild_plan(ui.lang());
    start(ui.lang());
    dirty_ = true;
  }
  if (in.download_plan && !plan_json_.empty()) ctx.platform.download("finlab-plan.json", "application/json", plan_json_);
  if (unsaved_ && !in.editing && !running_) {
    save(ctx);
    unsaved_ = false;
  }
}

// The questionnaire's intents: answers saved, the assessment dated on the plan's start [D].
void PortfolioModel::apply_suitability(Ui& ui, AppContext& ctx, const SuitabilityIntents& in) {
  if (!in.changed && !in.reassess && !in.submit) return;
  if (in.reassess) profile_->reassess();
  if (in.submit) {
    const time::Date as_of = plan_ ? plan_->start : time::Date::of("2015-06-01");
    if (auto err = profile_->submit(as_of)) {
      plan_error_why_ = std::move(*err);
      plan_error_ = text::render(*plan_error_why_, text_lang(ui.lang()));
    }
  }
  profile_->save(*ctx.store);
  ctx.saved();
  rebuild_plan(ui.lang());
  dirty_ = true;
}

void PortfolioModel::build_gate(Ui& ui, PortfolioView& v) {
  v.suitability = profile_->view(ui, plan_ ? plan_->start : time::Date::of("2015-06-01"));
  if (!plan_ || plan_->funds.empty()) return;
  if (!profile_->in_force(plan_->start)) {
    v.gate = 3;
    state_["suitability"] = {{"verdict", "not_assessed"}};
    return;
  }
  const portfolio::PlanSuitability ps = portfolio::check_plan_suitability(*plan_);
  if (!ps.checked) return;
  using suitability::Verdict;
  const Verdict vd = ps.decision.verdict;
  v.gate = vd == Verdict::allowed || vd == Verdict::allowed_with_warning ? 0 : vd == Verdict::needs_signed_warning ? 1 : 2;
  const bool zh = ui.lang() == Lang::zh;
  v.gate_text = zh ? ps.decision.why_zh : ps.decision.why_en;
  v.warning_text = zh ? ps.decision.warning_zh : ps.decision.warning_en;
  state_["suitability"] = {{"verdict", suitability::to_string(vd)}, {"why_en", ps.decision.why_en}, {"category", "C" + std::to_string(ps.assessment.category)}};
}

// [SECTION] view building ----------------------------------------------------------------

// While paths run only the progress bar changes: no full rebuild per frame.
void PortfolioModel::update_progress(Ui& ui) {
  view_.running = running_;
  if (!running_ || !projection_) return;
  const std::size_t total = projection_->settings().paths;
  view_.progress = static_cast<float>(next_path_) / static_cast<float>(total);
  view_.progress_text = format_int(static_cast<std::int64_t>(next_path_)) + " / " + format_int(static_cast<std::int64_t>(total)) + " " + ui.tr("paths");
  state_["running"] = running_;
  state_["progress"] = view_.progress;
}

void PortfolioModel::build(Ui& ui) {
  const Lang lang = ui.lang();
  lang_ = lang;
  dirty_ = false;
  PortfolioView v;
  for (const text::Id id : kPlanNames) v.plan_names.push_back(text::render(text::make(id, {}), text_lang(lang)));
  if (plan_error_why_) plan_error_ = text::render(*plan_error_why_, text_lang(lang));  // follows a language switch
  v.plan_error = plan_error_;
  for (const auto& [id, pct] : form_.targets) {
    std::string name = id == "huoqibao" ? std::string("活期宝") : id;
    if (plan_)
      for (const auto& f : plan_->funds)
        if (f.id == id) name = f.name;
    v.target_names.push_back(name);
  }
  if (plan_ && plan_->rebalance.enabled) {
    const auto& rb = plan_->rebalance;
    const char* every = rb.every == portfolio::Rebalance::Every::month     ? "Rebalanced every month"
                        : rb.every == portfolio::Rebalance::Every::quarter ? "Rebalanced every quarter"
                        : rb.every == portfolio::Rebalance::Every::year    ? "Rebalanced every year"
                                                                           : "Rebalanced";
    v.rebalance_rule = ui.tr(every);
    if (rb.threshold) v.rebalance_rule += std::string(", ") + ui.tr("when a weight is off by at least") + " " + rb.threshold->to_percent_string() + " " + ui.tr("points");
  }
  if (plan_) {
    std::string funds;
    for (const auto& f : plan_->funds) funds += (funds.empty() ? "" : ", ") + f.name;
    v.plan_summary = std::string(translate(lang, "Starts")) + " " + plan_->start.to_string() + "; " + translate(lang, "funds:") + " " + funds + "; " +
                     std::to_string(plan_->regular_investments.size()) + " " + translate(lang, plan_->regular_investments.size() == 1 ? "regular investment" : "regular investments") +
                     (plan_->rebalance.enabled ? std::string("; ") + translate(lang, "rebalancing") : std::string());
  }
  state_ = nlohmann::json::object();
  state_["running"] = running_;
  state_["progress"] = 0.0;
  state_["plan_error"] = plan_error_;
  state_["plan_names"] = v.plan_names;
  state_["plan_json"] = plan_json_;
  build_gate(ui, v);
  if (result_ && !running_) {  // a stale result is not drawn while a new projection runs
    const Result& r = *result_;
    const auto& s = r.report.summary;
    v.has_result = true;
    v.result_title = format_int(static_cast<std::int64_t>(r.report.settings.paths)) + " " + ui.tr("paths") + " × " + std::to_string(r.report.settings.years) + " " + ui.tr("years") + ", " +
                     ui.tr("seed") + " " + std::to_string(r.report.settings.seed);
    char el[64];
    std::snprintf(el, sizeof el, "%.2f s", elapsed_ms_ / 1000.0);
    v.elapsed = std::string(ui.tr("computed in")) + " " + el;
    const std::string p_below = portfolio::percent_text(s.p_below_paid_in, 2);
    // One headline figure: key, label, drill-down title, value, formula, inputs, source.
    auto figure = [&](const char* key, const char* label, const char* title, const std::string& value, const char* formula,
                      std::vector<std::pair<std::string, std::string>> inputs, const char* source = "docs/portfolio.md") {
      Explanation ex;
      ex.title = ui.tr(title);
      ex.value = value;
      ex.formula = ui.tr(formula);
      ex.inputs = std::move(inputs);
      ex.source = source;
      return PortfolioFigure{key, label, value, std::move(ex), {}};
    };
    const auto pct = [](double x) { return portfolio::percent_text(x); };
    v.figures.push_back(figure("portfolio.median_end", "Median end value", "Median value at the end", format_yuan(s.end_value.p50),
                               "the middle of the end values of all paths (nearest rank); each path is the plan run on one seeded NAV path (GARCH(1,1) with Student-t shocks) on trading days",
                               {{ui.tr("5th percentile"), format_yuan(s.end_value.p5)},
                                {ui.tr("25th percentile"), format_yuan(s.end_value.p25)},
                                {ui.tr("75th percentile"), format_yuan(s.end_value.p75)},
                                {ui.tr("95th percentile"), format_yuan(s.end_value.p95)},
                                {ui.tr("Mean"), format_yuan(s.end_value.mean)},
                                {ui.tr("Paths"), std::to_string(s.paths)}}));
    v.figures.back().explain.rounding = ui.tr("Every path's value is exact to the fen; percentiles pick a path's value (nearest rank), no interpolation.");
    v.figures.push_back(figure("portfolio.p_below", "P(end < money put in)", "Probability of ending below the money put in", p_below,
                               "paths whose end value is below the money put in ÷ all paths",
                               {{ui.tr("Paths below"), std::to_string(s.below_paid_in)}, {ui.tr("Paths"), std::to_string(s.paths)},
                                {ui.tr("Money put in"), format_yuan(s.paid_in)}}));
    v.figures.push_back(figure("portfolio.paid_in", "Money put in", "Money put in", format_yuan(s.paid_in),
                               "initial deposit + every scheduled deposit up to the last day (the same on every path)", {}));
    v.figures.push_back(figure("portfolio.twr", "TWR a year, median across paths", "Time-weighted return a year: the median across all paths", pct(s.twr_annualized.p50),
                               "each path's own (Π daily V_t ÷ (V_{t−1} + deposits_t))^(365/days) − 1, then the percentiles over all paths; not the figure of the median path below, which is the one path with the median end value",
                               {{"p5", pct(s.twr_annualized.p5)}, {"p25", pct(s.twr_annualized.p25)}, {"p75", pct(s.twr_annualized.p75)},
                                {"p95", pct(s.twr_annualized.p95)}}));
    v.figures.push_back(figure("portfolio.drawdown", "Max drawdown, median across paths", "Maximum drawdown: the median across all paths", pct(-s.max_drawdown.p50),
                               "each path's largest fall of its time-weighted index from a running peak, then the median over all paths; not the median path's own drawdown below",
                               {{"p5", pct(-s.max_drawdown.p5)}, {"p95", pct(-s.max_drawdown.p95)}}));
    v.figures.push_back(figure("portfolio.mmf_income", "活期宝 income (mean)", "活期宝 income (mean of paths)", format_yuan(s.mean_mmf_income),
                               "Σ daily 活期宝 income on each path, averaged over the paths", {}, "DOMAIN.md §1.5"));
    v.figures.push_back(figure("portfolio.fees", "Fees (mean)", "Fees paid (mean of paths)", format_yuan(s.mean_fees),
                               "subscription fees (net = amount ÷ (1 + rate), fee = amount − net) + redemption fees by holding period, FIFO lots", {}));

    // Fan chart.
    v.fan_chart.name = "portfolio.chart.fan";
    v.fan_chart.height_css = 240;
    ChartSeries outer{ui.tr("5–95th percentile"), SeriesKind::band, {}, {}, {}, IM_COL32(86, 180, 233, 255), true};
    ChartSeries inner{ui.tr("25–75th percentile"), SeriesKind::band, {}, {}, {}, IM_COL32(0, 114, 178, 255), true};
    ChartSeries mid{ui.tr("Median"), SeriesKind::line, {}, {}, {}, IM_COL32(0, 70, 130, 255), true};
    ChartSeries paid{ui.tr("Money put in"), SeriesKind::line, {}, {}, {}, IM_COL32(213, 94, 0, 255), true};
    for (const auto& f : s.fan) {
      v.fan_chart.x_labels.push_back(f.date.to_string().substr(0, 7));
      outer.y.push_back(to_plot(f.p5));
      outer.y2.push_back(to_plot(f.p95));
      outer.y_text.push_back(format_yuan(f.p5) + " – " + format_yuan(f.p95));
      inner.y.push_back(to_plot(f.p25));
      inner.y2.push_back(to_plot(f.p75));
      inner.y_text.push_back(format_yuan(f.p25) + " – " + format_yuan(f.p75));
      mid.y.push_back(to_plot(f.p50));
      mid.y_text.push_back(format_yuan(f.p50));
      paid.y.push_back(to_plot(f.paid_in));
      paid.y_text.push_back(format_yuan(f.paid_in));
    }
    v.fan_chart.series = {outer, inner, mid, paid};
    // Outcome distribution.
    v.outcome_chart.name = "portfolio.chart.outcome";
    v.outcome_chart.height_css = 150;
    ChartSeries bars{ui.tr("Paths by end value"), SeriesKind::bar, {}, {}, {}, IM_COL32(0, 158, 115, 255), true};
    for (const auto& b : s.histogram) {
      v.outcome_chart.x_labels.push_back(format_yuan(b.from).substr(0, format_yuan(b.from).find('.')));
      bars.y.push_back(static_cast<double>(b.count));
      bars.y_text.push_back(std::to_string(b.count) + paren(format_yuan(b.from) + " – " + format_yuan(b.to), ui.lang()));
    }
    v.outcome_chart.series = {bars};

    // The median path in detail.
    const auto& perf = r.report.median_performance;
    for (const portfolio::Figure* f : perf.all()) {
      // The core names its figures in English; the table translates them.
      Explanation ex;
      ex.title = ui.tr(f->name.c_str());
      ex.value = f->value;
      ex.formula = ui.tr(f->formula.c_str());
      // The money figures (where the money came from, fees) in yuan like every other amount.
      const bool in_yuan = f == &perf.income_split || f == &perf.fees;
      for (const auto& [k, val] : f->inputs) ex.inputs.emplace_back(ui.tr(k.c_str()), in_yuan ? yuan_or_text(val) : val);
      ex.source = "docs/portfolio.md";
      std::string value = f->value;
      const auto& mt = r.report.median.totals;
      if (f == &perf.income_split)
        value = "活期宝 " + format_yuan(mt.mmf_income) + (ui.lang() == Lang::zh ? "，基金 " : ", funds ") + format_yuan(mt.fund_gain);
      else if (f == &perf.fees)
        value = yuan_or_text(f->value);
      ex.value = value;
      v.median_figures.push_back({"portfolio.median." + f->name, nullptr, value, ex, ex.title});
    }
    const auto& t = r.report.median.totals;
    v.holdings.emplace_back("活期宝", format_yuan(t.end_huoqibao));
    for (std::size_t i = 0; i < r.report.median_ledger.holdings.size() && i < plan_->funds.size(); ++i)
      v.holdings.emplace_back(plan_->funds[i].name + paren(r.report.median_ledger.holdings[i].shares.to_string_grouped() + " " + ui.tr("shares"), ui.lang()),
                              format_yuan(r.report.median_ledger.holdings[i].value));
    if (t.end_in_transit.is_positive()) v.holdings.emplace_back(ui.tr("Cash in transit"), format_yuan(t.end_in_transit));
    v.holdings.emplace_back(ui.tr("Total"), format_yuan(t.end_value));
    for (const auto& tx : r.report.median_ledger.transactions) {
      PortfolioTxRow row;
      row.date = tx.date.to_string();
      row.kind = ui.tr(std::string(portfolio::to_string(tx.kind)).c_str());  // deposit, buy, sell, ... (table entries)
      row.fund = tx.fund >= 0 && static_cast<std::size_t>(tx.fund) < plan_->funds.size() ? plan_->funds[static_cast<std::size_t>(tx.fund)].id : "";
      row.amount = tx.amount.to_string_grouped();
      row.shares = tx.shares.is_zero() ? "" : tx.shares.to_string_grouped();
      row.nav = tx.nav.units() ? tx.nav.to_string() : "";
      row.fee = tx.fee.is_zero() ? "" : tx.fee.to_string_grouped();
      row.note = text::render(tx.why, text_lang(ui.lang()));  // the CLI prints tx.note, the English
      v.transactions.push_back(std::move(row));
    }

    // The test API shows the CLI's own JSON document (portfolio::to_json) plus what only the page has.
    const auto doc = nlohmann::json::parse(portfolio::to_json(r.report));
    state_["result"] = {{"paths", r.report.settings.paths},
                        {"years", r.report.settings.years},
                        {"seed", r.report.settings.seed},
                        {"paid_in", doc["paid_in"]},
                        {"fan", doc["fan"]},
                        {"end_value", doc["end_value"]},
                        {"below_paid_in", doc["below_paid_in"]},
                        {"p_below_paid_in", doc["p_below_paid_in"]},
                        {"mean_huoqibao_income", doc["mean_huoqibao_income"]},
                        {"mean_fees", doc["mean_fees"]},
                        {"median_path", doc["median_path"]["path"]},
                        {"median_end_value", doc["median_path"]["totals"]["end_value"]},
                        {"median_fees", (t.subscription_fees + t.redemption_fees).to_string()},
                        {"twr", doc["median_path"]["performance"]["twr"]["value"]},
                        {"mwr", doc["median_path"]["performance"]["mwr"]["value"]},
                        {"transactions", r.report.median_ledger.transactions.size()},
                        {"plan_json", r.plan_json},
                        {"elapsed_ms", elapsed_ms_},
                        {"compute_ms", compute_ms_}};
    auto notes = nlohmann::json::array();  // the transactions' notes as shown (UI language)
    for (const auto& row : v.transactions) notes.push_back(row.note);
    state_["result"]["notes"] = std::move(notes);
  }
  view_ = std::move(v);
  update_progress(ui);
}

}  // namespace

std::unique_ptr<PanelModel> make_portfolio_model() { return std::make_unique<PortfolioModel>(); }

}  // namespace finlab::web
