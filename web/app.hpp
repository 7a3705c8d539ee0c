// The browser app: the main window with one tab per product, the language
// switch, "reset demo", and the saved state. Each tab is a PanelModel; the app
// only routes frames, files and storage events to them and catches any
// exception at the frame boundary so a core error shows in its panel.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "web/app_store.hpp"
#include "web/i18n.hpp"
#include "web/panel_model.hpp"
#include "web/scoring_cache.hpp"
#include "web/suitability_view.hpp"

namespace finlab::web {

class Platform;
class Ui;

enum class Tab { wallet = 0, loans, credit, policy_lab, portfolio, securities };
inline constexpr int kTabCount = 6;
const char* tab_id(Tab t);  // "wallet", "loans", ...

class App {
public:
  explicit App(Platform& platform);
  ~App();

  // Browser storage is mounted: open the database at `db_path`. `persistent`
  // is false when IndexedDB was unavailable (a memory-only file).
  void storage_ready(const std::string& db_path, bool persistent, const std::string& note);
  void frame(Ui& ui);
  void on_file(const std::string& name, const std::string& bytes);

  bool busy() const;
  Lang lang() const { return lang_; }
  Tab tab() const { return tab_; }
  nlohmann::json state();

private:
  void draw_header(Ui& ui);
  void load_models();
  void set_lang(Lang l);

  Platform& platform_;
  ScoringCache scoring_;
  SuitabilityProfile suitability_;
  AppContext ctx_;
  std::optional<AppStore> store_;
  std::string storage_note_;
  bool storage_opened_ = false;
  bool persistent_ = false;
  Lang lang_ = Lang::en;
  Tab tab_ = Tab::wallet;
  std::optional<Tab> select_tab_;  // set on the next frame (restored / from URL)
  std::array<std::unique_ptr<PanelModel>, kTabCount> models_;
  std::array<std::string, kTabCount> panel_error_;
  bool confirm_reset_ = false;
  bool shown_ = false;  // the visible model was told it is shown
};

}  // namespace finlab::web
