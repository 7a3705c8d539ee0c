// Credit score: view-model, form and intents of the behaviour-score panel.
// credit_model.cpp scores the profile with core/credit (the scorecard the
// simulation trains) and fills this with display-ready text.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "web/ui.hpp"

namespace finlab::web {

struct CreditFeatureRow {
  int index = 0;                  // schema index
  std::string name;               // "home_night_share" (widget name)
  std::string label;              // in the UI language
  std::string meaning;            // the schema's sentence
  bool ordinal = false;           // choose a level instead of a slider
  std::vector<std::string> levels;
  float min = 0, max = 1;
  int decimals = 0;
  bool used_by_model = false;     // the current sub-model reads it
  bool shared = true;             // its category is granted
  bool missing = false;           // no value yet: asked for, not guessed
  std::string hint;               // "0 – 1 share" (range and unit, in the UI language)
  std::string error;              // what is wrong with the typed text
};

struct CreditCategoryGroup {
  int category = 0;               // credit::ConsentCategory
  std::string id;                 // "location"
  std::string title;              // "Location stability"
  const char* reads;              // tr key: what data it reads
  const char* why;                // tr key: why it helps
  bool always = false;            // application data: no switch
  bool granted = true;
  bool pending = false;           // granted, but not every value is entered: not scored yet
  bool used = false;              // the scoring sub-model uses it
  std::vector<CreditFeatureRow> features;
};

struct CreditWithdrawRow {
  std::string category;           // title
  std::string id;
  std::string score;              // new score
  std::string delta;              // "-23"
  std::string used;               // categories used then
};

struct CreditFigure {
  std::string key;
  const char* label;
  std::string value;
  Explanation explain;
};

struct CreditView {
  bool ready = false;             // the scorecard is trained / loaded
  std::string status;             // "Training the scorecard…" / error
  std::vector<CreditCategoryGroup> groups;
  std::vector<CreditFigure> figures;       // score, band, PD
  std::string categories_used;
  // The score gauge: the lowest and highest score this sub-model can give,
  // the bands' lower edges and names (worst first) and the score.
  int gauge_score = 0, gauge_lo = 0, gauge_hi = 0;
  std::vector<int> band_edges;
  std::vector<std::string> band_names;
  std::vector<std::string> reasons;        // reason-code sentences
  std::vector<Explanation> reason_explain;
  std::string cf_title;                    // "To reach band B (600)"
  std::vector<std::string> cf_changes;
  bool cf_applicable = false;
  std::vector<CreditWithdrawRow> withdraw;
  std::vector<std::pair<const char*, std::string>> offer;  // label key -> value
  std::string offer_decision;
  bool offer_approved = false;
  std::string stored_note;                 // "Saved in this browser" / "Not saved"
};

struct CreditForm {
  std::vector<double> values;     // schema order
  unsigned consent_bits = 0x1F;
  std::string income = "8000";    // monthly income for the offer (yuan)
  std::map<int, std::string> typed;  // schema index -> text typed for a value not entered yet
};

struct CreditIntents {
  bool changed = false;
  bool editing = false;
  bool next_sample = false;
  bool delete_data = false;
  bool apply_counterfactual = false;
  bool download_card = false;
  bool commit_typed = false;      // Enter (or leaving the field) on a typed value
};

CreditIntents draw_credit_panel(Ui& ui, const CreditView& view, CreditForm& form);

}  // namespace finlab::web
