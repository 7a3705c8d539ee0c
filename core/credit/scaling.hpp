// Scorecard points scaling (DOMAIN.md §3.2): score = offset + factor × ln(odds),
// factor = PDO / ln 2, offset = base_points − factor × ln(base_odds), with
// odds = good:bad. Attribute points follow the same section:
//   points = (β_j · WoE + β0 / n) · factor + offset / n.
// Logarithms come from core/math (same bits natively and in wasm).
#pragma once

namespace finlab::credit {

struct ScoreScaling {
  double base_points = 600.0;  // score at base_odds
  double base_odds = 50.0;     // good:bad odds at base_points
  double pdo = 20.0;           // points to double the odds
};

double scaling_factor(const ScoreScaling& s);  // PDO / ln 2
double scaling_offset(const ScoreScaling& s);  // base_points − factor · ln(base_odds)

// Score for a good:bad odds value (odds > 0).
double score_from_odds(const ScoreScaling& s, double odds);
// Score for ln(odds_good).
double score_from_log_odds(const ScoreScaling& s, double log_odds);
// ln(odds_good) for a score, and the PD = 1 / (1 + odds).
double log_odds_from_score(const ScoreScaling& s, double score);
double pd_from_score(const ScoreScaling& s, double score);

// Points of one attribute (§3.2): (beta · woe + intercept / n) · factor + offset / n, unrounded.
double attribute_points(const ScoreScaling& s, double beta, double woe, double intercept, int n);
// Whole points: rounded half away from zero.
int round_points(double points);

}  // namespace finlab::credit
