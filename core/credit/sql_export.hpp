// The scorecard as SQL: one CASE expression that computes the whole-point
// score of a row inside SQLite (or any SQL with CASE), from the raw feature
// columns and an integer consent-mask column; gives exactly the scores of
// Scorecard::score (whole points are integers, comparisons use the same cut
// values written with round-trip precision).
#pragma once

#include <string>

#include "core/credit/scorecard.hpp"

namespace finlab::credit {

struct SqlExportOptions {
  std::string consent_column = "consent_mask";  // integer ConsentMask::bits(); ignored for a single-sub-model card
  std::string table;                            // when set: a full "SELECT *, <expr> AS score FROM table" statement
};

// The CASE expression (no trailing semicolon).
std::string scorecard_sql_expression(const Scorecard& card, const SqlExportOptions& options = {});
// A commented SQL script: the expression, or the SELECT statement when options.table is set.
std::string scorecard_sql(const Scorecard& card, const SqlExportOptions& options = {});

}  // namespace finlab::credit
