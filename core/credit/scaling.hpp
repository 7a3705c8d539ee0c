// Scorecard points scaling (DOMAIN.md §3): score = offset + factor × ln(odds),
// factor = PDO / ln 2, offset = base_points − factor × ln(base_odds).
#pragma once

namespace finlab::credit {

struct ScoreScaling {
  double base_points = 600.0;  // score at base_odds
  double base_odds = 50.0;     // good:bad odds at base_points
  double pdo = 20.0;           // points to double the odds
};

// Score for a good:bad odds value (odds > 0).
double score_from_odds(const ScoreScaling& s, double odds);

}  // namespace finlab::credit
