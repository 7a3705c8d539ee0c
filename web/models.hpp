// Factories of the tab models (one file pair per tab: <name>_model.cpp builds
// the view-model and applies intents, panel_<name>.cpp draws it).
#pragma once

#include <memory>
#include <string>

#include "web/panel_model.hpp"

namespace finlab::web {

std::unique_ptr<PanelModel> make_wallet_model();
std::unique_ptr<PanelModel> make_loans_model();
std::unique_ptr<PanelModel> make_credit_model();
std::unique_ptr<PanelModel> make_policy_lab_model();
std::unique_ptr<PanelModel> make_portfolio_model();
std::unique_ptr<PanelModel> make_securities_model();

// The whole text of a file in the app's file system (/data assets, /persist,
// an imported file); empty when it cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace finlab::web
