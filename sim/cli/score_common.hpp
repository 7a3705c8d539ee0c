// Helpers shared by the `finlab score` subcommands (score_command.cpp,
// score_train.cpp): list parsing, number formatting, reading CSVs and models,
// evaluating a card on a split, and the JSON of metrics.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/credit/dataset.hpp"
#include "core/credit/scorecard.hpp"
#include "core/credit/validation.hpp"

namespace CLI { class App; }

namespace finlab::cli::score_detail {

namespace cr = finlab::credit;

std::vector<std::string> split_list(const std::string& s);
std::string fixed(double x, int dp);
double round_to(double x, int dp);
cr::CsvTable read_csv(const std::string& path);
// A model from a JSON file, or from a SQLite database written by `export --format sqlite`.
cr::Scorecard load_model(const std::string& path, const std::string& name);
nlohmann::ordered_json metrics_json(const cr::ValidationReport& v);
cr::ValidationReport evaluate(const cr::Scorecard& card, const cr::Dataset& data, cr::Split which, bool all_rows = false);
void print_metrics(std::ostream& os, const std::string& title, const cr::ValidationReport& v);
cr::Dataset load_dataset(const std::string& path, cr::DatasetOptions dopt);

}  // namespace finlab::cli::score_detail

namespace finlab::cli {
// `finlab score train` (score_train.cpp).
void register_score_train(CLI::App& score);
// `finlab score monitor` (score_monitor.cpp).
void register_score_monitor(CLI::App& score);
}  // namespace finlab::cli
