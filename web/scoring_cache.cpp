#include "web/scoring_cache.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "web/app_store.hpp"

namespace finlab::web {

namespace {
std::string doc_name(std::uint64_t seed, std::int64_t history) {
  return "scorecard." + std::to_string(seed) + "." + std::to_string(history);
}

// The card trained at build time (web/tools/scorecard_asset.cpp), if the site ships it.
std::string shipped_card(std::uint64_t seed, std::int64_t history) {
  std::ifstream f("/data/scorecards/" + std::to_string(seed) + "." + std::to_string(history) + ".json", std::ios::binary);
  if (!f) return {};
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
}  // namespace

bool ScoringCache::has(std::uint64_t seed, std::int64_t history_users, AppStore* store) {
  if (models_.count({seed, history_users})) return true;
  if (!shipped_card(seed, history_users).empty()) return true;
  return store && store->document(doc_name(seed, history_users)).has_value();
}

const sim::ScoringModel& ScoringCache::get(std::uint64_t seed, std::int64_t history_users, AppStore* store) {
  const auto key = std::make_pair(seed, history_users);
  if (auto it = models_.find(key); it != models_.end()) return *it->second;
  if (store) {
    if (auto json = store->document(doc_name(seed, history_users))) {
      auto m = sim::scoring_model_from_json(*json);
      if (m.ok()) {
        auto model = std::make_shared<sim::ScoringModel>(std::move(m).value());
        model->history_users = history_users;
        last_source_ = "stored";
        return *(models_[key] = std::move(model));
      }
      store->erase_document(doc_name(seed, history_users));  // stale format: train again
    }
  }
  if (const std::string shipped = shipped_card(seed, history_users); !shipped.empty()) {
    auto m = sim::scoring_model_from_json(shipped);
    if (!m.ok()) throw Error("the shipped scorecard /data/scorecards/ is broken: " + m.error());
    auto model = std::make_shared<sim::ScoringModel>(std::move(m).value());
    model->history_users = history_users;
    last_source_ = "shipped";
    return *(models_[key] = std::move(model));
  }
  last_source_ = "trained";
  auto m = sim::train_scoring_model(seed, history_users, credit::PopulationParams{});
  if (!m.ok()) throw Error("training the scorecard failed: " + m.error());
  auto model = std::make_shared<sim::ScoringModel>(std::move(m).value());
  if (store) store->set_document(doc_name(seed, history_users), model->card_json);
  return *(models_[key] = std::move(model));
}

}  // namespace finlab::web
