// One tab of the app = a model (this interface: owns the panel's state, turns
// the user's intents into core calls, saves to the store) + a panel (a draw
// function in panel_<name>.cpp that shows a view-model and returns intents).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace finlab::web {

class AppStore;
class Platform;
class Ui;
class ScoringCache;
class SuitabilityProfile;

struct AppContext {
  AppStore* store = nullptr;  // null until browser storage is ready
  Platform& platform;
  ScoringCache* scoring = nullptr;  // scorecards shared by the credit panel and the Policy lab
  SuitabilityProfile* suitability = nullptr;  // the risk assessment shared by Securities and Portfolio
  // Call after writing to the store (the platform persists the file).
  void saved();
};

class PanelModel {
public:
  virtual ~PanelModel() = default;
  // Storage is ready (or was reset): read saved state.
  virtual void load(AppContext&) {}
  // The tab became the visible one (the URL hash now names it).
  virtual void shown(AppContext&) {}
  // Draw the tab's content for this frame.
  virtual void draw(Ui& ui, AppContext& ctx) = 0;
  // True while work is in progress (keeps frames coming: progress bars).
  virtual bool busy() const { return false; }
  // Panel state for the JS test API.
  virtual nlohmann::json state() const { return nlohmann::json::object(); }
  // A file the user opened (file picker or drag-and-drop) while this tab was shown.
  virtual bool on_file(AppContext&, const std::string& /*name*/, const std::string& /*bytes*/) { return false; }
};

}  // namespace finlab::web
