#include "web/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "web/models.hpp"
#include "web/platform.hpp"
#include "web/ui.hpp"

namespace finlab::web {

const char* tab_id(Tab t) {
  switch (t) {
    case Tab::wallet: return "wallet";
    case Tab::loans: return "loans";
    case Tab::credit: return "credit";
    case Tab::policy_lab: return "policy_lab";
    case Tab::portfolio: return "portfolio";
    case Tab::securities: return "securities";
  }
  return "wallet";
}

namespace {

const char* tab_title(Tab t) {
  switch (t) {
    case Tab::wallet: return "活期宝 Wallet";
    case Tab::loans: return "Loans";
    case Tab::credit: return "Credit score";
    case Tab::policy_lab: return "Policy lab";
    case Tab::portfolio: return "Portfolio";
    case Tab::securities: return "Securities";
  }
  return "";
}

// On a phone the six tabs share 390 CSS px: short names let every tab show,
// each at least 44 px wide, with no scroll arrows.
const char* tab_short_title(Tab t) {
  switch (t) {
    case Tab::wallet: return "Wallet";
    case Tab::loans: return "Loans";
    case Tab::credit: return "Credit";
    case Tab::policy_lab: return "Policy";
    case Tab::portfolio: return "Funds";
    case Tab::securities: return "Stocks";
  }
  return "";
}

std::optional<Tab> parse_tab(const std::string& s) {
  for (int i = 0; i < kTabCount; ++i)
    if (s == tab_id(static_cast<Tab>(i))) return static_cast<Tab>(i);
  return std::nullopt;
}

}  // namespace

std::string read_text_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return {};
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void AppContext::saved() {
  if (store) platform.persist();
}

App::App(Platform& platform) : platform_(platform), ctx_{nullptr, platform, &scoring_, &suitability_} {
  models_[static_cast<int>(Tab::wallet)] = make_wallet_model();
  models_[static_cast<int>(Tab::loans)] = make_loans_model();
  models_[static_cast<int>(Tab::credit)] = make_credit_model();
  models_[static_cast<int>(Tab::policy_lab)] = make_policy_lab_model();
  models_[static_cast<int>(Tab::portfolio)] = make_portfolio_model();
  models_[static_cast<int>(Tab::securities)] = make_securities_model();
  // A tab named in the URL ("#loans?..."), before storage is even ready.
  const std::string hash = platform_.url_hash();
  if (auto t = parse_tab(hash.substr(0, hash.find('?')))) select_tab_ = *t;
}

App::~App() = default;

void App::storage_ready(const std::string& db_path, bool persistent, const std::string& note) {
  storage_opened_ = true;
  persistent_ = persistent;
  storage_note_ = note;
  auto s = AppStore::open(db_path);
  if (!s.ok()) {
    // A corrupt file must not lock the user out: start over in memory and say so.
    storage_note_ = s.error();
    persistent_ = false;
    s = AppStore::open(":memory:");
  }
  store_.emplace(std::move(s).value());
  ctx_.store = &*store_;
  if (auto l = store_->setting("lang")) parse_lang(*l, lang_);
  if (!select_tab_) {
    if (auto t = store_->setting("tab")) select_tab_ = parse_tab(*t);
  }
  load_models();
}

void App::load_models() {
  if (store_) suitability_.load(*store_);
  for (int i = 0; i < kTabCount; ++i) {
    try {
      panel_error_[i].clear();
      models_[i]->load(ctx_);
    } catch (const std::exception& e) {
      panel_error_[i] = e.what();
    }
  }
}

void App::set_lang(Lang l) {
  if (l == lang_) return;
  lang_ = l;
  if (store_) {
    store_->set_setting("lang", lang_code(l));
    ctx_.saved();
  }
}

bool App::busy() const {
  for (const auto& m : models_)
    if (m->busy()) return true;
  return false;
}

void App::on_file(const std::string& name, const std::string& bytes) {
  try {
    models_[static_cast<int>(tab_)]->on_file(ctx_, name, bytes);
  } catch (const std::exception& e) {
    panel_error_[static_cast<int>(tab_)] = e.what();
  }
}

void App::draw_header(Ui& ui) {
  ImGui::TextUnformatted("finlab");
  ImGui::SameLine();
  if (store_) {
    if (!persistent_) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.95f, 0.6f, 0.2f, 1), "%s", ui.tr("Browser storage is unavailable; changes will not survive a reload."));
    } else {
      ImGui::TextDisabled("%s", ui.tr(platform_.saving() ? "Saving…" : "Saved in this browser"));
    }
    ui.name_item("header.storage");
  } else {
    ImGui::TextDisabled("%s", ui.tr("Loading saved state…"));
  }

  // Right-aligned: language switch and reset.
  const ImGuiStyle& st = ImGui::GetStyle();
  const char* en = "English";
  const char* zh = "中文";
  const std::string reset = ui.label("Reset demo", "reset_demo");
  const float w = ImGui::CalcTextSize(en).x + ImGui::CalcTextSize(zh).x + ImGui::CalcTextSize(ui.tr("Reset demo")).x + st.FramePadding.x * 6 + st.ItemSpacing.x * 3;
  const float right = ImGui::GetWindowContentRegionMax().x;
  if (!ui.compact()) ImGui::SameLine(std::max(right - w, ImGui::GetCursorPosX() + st.ItemSpacing.x));
  auto lang_button = [&](const char* text, Lang l, const char* name) {
    const bool on = lang_ == l;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(text)) set_lang(l);
    if (on) ImGui::PopStyleColor();
    ui.name_item(name);
  };
  lang_button(en, Lang::en, "lang.en");
  ImGui::SameLine(0, 0);
  lang_button(zh, Lang::zh, "lang.zh");
  ImGui::SameLine();
  if (ImGui::Button(reset.c_str())) confirm_reset_ = true;
  ui.name_item("reset_demo");

  if (confirm_reset_) {
    ImGui::OpenPopup("###confirm_reset");
    confirm_reset_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(vp->Size.x - ui.px(16), ui.px(420)), 0));
  const std::string title = std::string(ui.tr("Reset the demo?")) + "###confirm_reset";
  if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    ui.wrapped(ui.tr("This deletes everything saved in this browser: wallet, loans, profiles, policies and runs."));
    if (ImGui::Button(ui.label("Delete and restart", "reset_confirm").c_str())) {
      if (store_) {
        store_->reset();
        // The language choice survives the reset.
        store_->set_setting("lang", lang_code(lang_));
        ctx_.saved();
      }
      load_models();
      // Back to the start: the first tab, and a URL without saved inputs.
      select_tab_ = Tab::wallet;
      platform_.set_url_hash(tab_id(Tab::wallet));
      ImGui::CloseCurrentPopup();
    }
    ui.name_item("reset.confirm");
    ImGui::SameLine();
    if (ImGui::Button(ui.label("Cancel", "reset_cancel").c_str())) ImGui::CloseCurrentPopup();
    ui.name_item("reset.cancel");
    ImGui::EndPopup();
  }
}

void App::frame(Ui& ui) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoResize;
  ImGui::Begin("finlab###main", nullptr, flags);
  draw_header(ui);

  // On a phone the tabs' side padding is as narrow as keeps the shortest name's
  // tab 44 CSS px wide (they stay 44 px tall), so six short names fit whole;
  // the panel inside gets the usual padding back.
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  if (ui.compact()) {
    float shortest = 1e9f;
    for (int i = 0; i < kTabCount; ++i)
      shortest = std::min(shortest, ImGui::CalcTextSize(ui.tr(tab_short_title(static_cast<Tab>(i)))).x);
    const float side = std::clamp(0.5f * (ui.px(46.0f) - shortest), 0.4f * padding.x, padding.x);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(side, padding.y));
  }
  if (ImGui::BeginTabBar("tabs", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
    for (int i = 0; i < kTabCount; ++i) {
      const Tab t = static_cast<Tab>(i);
      ImGuiTabItemFlags f = 0;
      if (select_tab_ && *select_tab_ == t) f |= ImGuiTabItemFlags_SetSelected;
      const std::string label = ui.label(ui.compact() ? tab_short_title(t) : tab_title(t), tab_id(t));
      const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, f);
      ui.name_item(std::string("tab.") + tab_id(t));
      if (!open) continue;
      // A requested tab (URL or saved) is pending until ImGui opens it.
      if (select_tab_ && *select_tab_ == t) select_tab_.reset();
      if (store_ && !select_tab_ && (tab_ != t || !shown_)) {
        store_->set_setting("tab", tab_id(t));
        ctx_.saved();
        // The URL names the visible tab (a model may add its inputs, e.g. loans).
        const std::string hash = platform_.url_hash();
        if (hash.substr(0, hash.find('?')) != tab_id(t)) platform_.set_url_hash(tab_id(t));
        models_[i]->shown(ctx_);
        shown_ = true;
      }
      tab_ = t;
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
      ImGui::BeginChild("panel", ImVec2(0, 0), false, ImGuiWindowFlags_NoSavedSettings);
      if (!panel_error_[i].empty()) {
        ui.error_text(std::string(ui.tr("Something went wrong in this panel:")) + " " + panel_error_[i]);
        if (ui.small_button(ui.label("Dismiss", "dismiss_error"))) panel_error_[i].clear();
        ui.name_item("panel.error.dismiss");
        ImGui::Separator();
      }
      if (!store_) {
        ImGui::TextDisabled("%s", ui.tr("Loading saved state…"));
      } else {
        const DrawScope scope;
        try {
          models_[i]->draw(ui, ctx_);
        } catch (const std::exception& e) {
          scope.recover();
          panel_error_[i] = e.what();
        }
      }
      ImGui::EndChild();
      ImGui::PopStyleVar();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (ui.compact()) ImGui::PopStyleVar();
  ImGui::End();
}

nlohmann::json App::state() {
  nlohmann::json j;
  j["lang"] = lang_code(lang_);
  j["tab"] = tab_id(tab_);
  j["busy"] = busy();
  nlohmann::json storage;
  storage["opened"] = storage_opened_ && store_.has_value();
  storage["persistent"] = persistent_;
  storage["note"] = storage_note_;
  if (store_) {
    AppStore& s = *store_;
    storage["schema_version"] = s.schema_version();
    storage["writes"] = s.writes();
    storage["path"] = s.db().path();
  }
  j["storage"] = storage;
  nlohmann::json panels = nlohmann::json::object();
  nlohmann::json errors = nlohmann::json::object();
  for (int i = 0; i < kTabCount; ++i) {
    panels[tab_id(static_cast<Tab>(i))] = models_[i]->state();
    if (!panel_error_[i].empty()) errors[tab_id(static_cast<Tab>(i))] = panel_error_[i];
  }
  j["panels"] = panels;
  j["errors"] = errors;
  return j;
}

}  // namespace finlab::web
