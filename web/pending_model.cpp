// Placeholder tabs for engines that are not in the core yet. Each factory
// moves to its own <name>_model.cpp when the engine lands.
#include <imgui.h>

#include "web/models.hpp"
#include "web/ui.hpp"

namespace finlab::web {

namespace {

class PendingModel final : public PanelModel {
public:
  explicit PendingModel(const char* id) : id_(id) {}
  void draw(Ui& ui, AppContext&) override {
    ImGui::Spacing();
    ImGui::TextUnformatted(ui.tr("Waiting for the engine"));
    ui.help_text("This panel appears when its engine is built into the core.");
    ui.name_item(std::string(id_) + ".pending");
  }
  nlohmann::json state() const override { return {{"pending", true}}; }

private:
  const char* id_;
};

}  // namespace

std::unique_ptr<PanelModel> make_portfolio_model() { return std::make_unique<PendingModel>("portfolio"); }

}  // namespace finlab::web
