// Reject inference (DOMAIN.md §3.5): training a scorecard when outcomes are
// known only for the applicants an incumbent policy approved. The rows of a
// data set are split into "known" (booked: good/bad observed) and "rejects"
// (no outcome). A known-good-bad (KGB) card is fitted on the known rows; the
// method then decides what the rejects contribute to the final card:
//
//   none         known rows only (the KGB card is the answer)
//   hard_cutoff  rejects scored by the KGB card; the riskiest k are labelled
//                bad and the rest good, k = round(α · Σ KGB PD of the rejects)
//                (Siddiqi, "Credit Risk Scorecards", 2006, ch. 6 "simple
//                augmentation / hard cutoff")
//   fuzzy        each reject counts as bad with weight PD and as good with
//                weight 1 − PD (Siddiqi ch. 6; Anderson, "The Credit Scoring
//                Toolkit", 2007, §11 "fuzzy augmentation"). Training here has
//                no case weights, so each reject is drawn once as bad with
//                probability PD (a counter-based draw per row): the same
//                expected contribution.
//   parcelling   rejects grouped by KGB score; a group's rejects are bad with
//                probability α × the known bad rate of the group (capped at 1),
//                drawn per row (Siddiqi ch. 6 "parcelling": α > 1 by judgement,
//                because rejects are worse than accepts of the same score)
//   reweighting  rejects dropped; a known row of score group g is counted
//                1 / P(approved | g) times, P estimated as known ÷ all
//                applicants of the group (Banasik & Crook, "Reject inference,
//                augmentation, and sample selection", EJOR 183, 2007; the
//                "augmentation" of DOMAIN.md §3.5). Whole copies plus one more
//                with the fractional part's probability (counter-based draw).
//                A group with no known row stays unrepresented (noted).
//
// Deterministic: the same data, known flags and options give the same card on
// every platform. Rows of the test split are not used for training.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/credit/dataset.hpp"
#include "core/credit/training.hpp"
#include "core/result.hpp"

namespace finlab::credit {

enum class RejectInference : std::uint8_t { none, hard_cutoff, fuzzy, parcelling, reweighting };
inline constexpr RejectInference all_reject_inference[] = {RejectInference::none, RejectInference::hard_cutoff, RejectInference::fuzzy,
                                                           RejectInference::parcelling, RejectInference::reweighting};
std::string_view to_string(RejectInference m);
std::optional<RejectInference> reject_inference_from_string(std::string_view s);

struct RejectInferenceOptions {
  RejectInference method = RejectInference::none;
  // α of parcelling and hard cutoff: how much worse a reject is than an
  // accepted applicant with the same KGB score. Siddiqi (ch. 6) leaves it to
  // judgement and shows 1.5–2 × "expected" bad rates in his example; 1.5 [D].
  double parcel_factor = 1.5;
  int score_groups = 10;   // equal-count groups of the KGB score (parcelling, reweighting) [D]
  std::uint64_t seed = 0;  // counter-based draws of sampled labels and copies
  TrainOptions train;
};

struct RejectInferenceResult {
  TrainResult trained;            // the final card
  Scorecard kgb;                  // the known-good-bad card
  std::int64_t known_rows = 0;    // train-split rows with an outcome
  std::int64_t known_bads = 0;
  std::int64_t reject_rows = 0;   // train-split rows without one
  std::int64_t inferred_bads = 0; // rejects labelled bad (hard cutoff, fuzzy, parcelling)
  std::int64_t training_rows = 0; // rows the final card was fitted on (after copies)
  std::vector<std::string> notes;
};

// known[i] = 1 when row i's outcome (data.bad[i]) is observed; 0 for a reject,
// whose data.bad is ignored. Fails when the known rows cannot train a card.
Result<RejectInferenceResult> train_with_reject_inference(const Dataset& data, std::span<const std::uint8_t> known,
                                                          const RejectInferenceOptions& options);

// The data set a method trains the final card on, given the KGB card's PD and
// score of every row (train-split rows only; all marked train). Exposed for tests.
Dataset reject_inference_training_set(const Dataset& data, std::span<const std::uint8_t> known, std::span<const double> kgb_pd,
                                      std::span<const std::int32_t> kgb_score, const RejectInferenceOptions& options,
                                      RejectInferenceResult& stats);

}  // namespace finlab::credit
