// The per-frame UI context every panel draws with: language, scale, named
// widget rectangles for the JS test API, the key numbers for the accessible
// DOM mirror, and "explain this number" drill-downs.
// Deliberately not here: any finance (panels get exact strings from models),
// any platform call (platform_emscripten.cpp reads what this collects).
#pragma once

#include <imgui.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/i18n.hpp"

namespace finlab::web {

// A rectangle in CSS pixels relative to the canvas (what a test clicks).
struct CssRect {
  float x = 0, y = 0, w = 0, h = 0;
  bool visible = false;  // inside its window's visible region this frame
};

// What a drill-down shows for one figure: formula, inputs, rounding, source.
struct Explanation {
  std::string title;                                        // e.g. "Yesterday's income"
  std::string value;                                        // the figure as displayed
  std::string formula;                                      // in words / symbols
  std::vector<std::pair<std::string, std::string>> inputs;  // name -> exact value
  std::string rounding;                                     // where and how it was rounded
  std::string source;                                       // rule reference (DOMAIN.md §)
};

struct KeyNumber {
  std::string key;    // stable id ("wallet.balance")
  std::string label;  // translated label for screen readers
  std::string value;  // exact display string
};

class Ui {
public:
  // Called by the platform at the start of each drawn frame.
  void begin_frame(Lang lang, float dpr, ImVec2 css_size);
  // Draws the open drill-down window (last, so it is on top).
  void end_frame();

  Lang lang() const { return lang_; }
  float dpr() const { return dpr_; }
  ImVec2 css_size() const { return css_size_; }
  // Phone-sized viewport: one column, shorter charts.
  bool compact() const { return css_size_.x < 700.0f; }
  // CSS pixels -> ImGui (device) pixels.
  float px(float css) const { return css * dpr_; }

  const char* tr(const char* en);
  // "translated###id": the label changes with the language, the ImGui id not.
  std::string label(const char* en, const char* id);

  // Records the rectangle of the last ImGui item under `name`.
  void name_item(const std::string& name);
  void name_rect(const std::string& name, ImVec2 min, ImVec2 max, bool visible);

  // A key number of the visible panel (DOM mirror + test API).
  void key_number(const std::string& key, const char* label_en, const std::string& value);
  // The same with a label already in the UI's language.
  void key_number_shown(const std::string& key, const std::string& label, const std::string& value);

  // A figure: label and value; clicking the value (or its ⓘ) opens the
  // drill-down with `ex`. `big` draws the value in the large font.
  void figure(const std::string& name, const char* label_en, const std::string& value, const Explanation& ex, bool big = false);
  // The same with a label that is already display text (not a translation key).
  void figure_text(const std::string& name, const std::string& label, const std::string& value, const Explanation& ex, bool big = false);
  // A clickable value inline (e.g. in a table cell) that opens `ex`.
  void explain_link(const std::string& name, const std::string& value, const Explanation& ex);

  // A button inside a table row or next to text: ImGui's small button with a
  // mouse, at least kMinTouchCss square in the phone layout.
  bool small_button(const std::string& label);
  // Flags and outer size for a table of `rows` one-line rows whose columns
  // keep their content's width: when they do not fit the available width the
  // table scrolls sideways instead of clipping its cells.
  std::pair<ImGuiTableFlags, ImVec2> fit_table(int rows, float content_width, ImGuiTableFlags flags) const;

  // SameLine() when a button labelled `next_label` still fits on this line.
  void same_line_if_fits(const char* next_label);
  // A titled section break (ImGui 1.86 has no SeparatorText).
  void section(const char* en);
  // A readable error message box (core errors, bad input); announced to
  // screen readers as an alert.
  void error_text(const std::string& message);
  // A wrapped status message (done, saved, ...); announced politely.
  void status_text(const std::string& message);
  void help_text(const char* en);  // wrapped, dimmed, translated
  // Text wrapped at the right edge of the available region, never inside a
  // number or a date range (web/text_wrap.hpp); one ImGui item.
  void wrapped(std::string_view text);
  void wrapped(std::string_view text, const ImVec4& color);
  void wrapped_dim(std::string_view text);  // in the dimmed text colour

  const std::map<std::string, CssRect>& widgets() const { return widgets_; }
  const std::vector<KeyNumber>& key_numbers() const { return numbers_; }
  const std::vector<std::string>& alerts() const { return alerts_; }
  const std::vector<std::string>& statuses() const { return statuses_; }
  // This frame's wrapped texts that took more than one line, as drawn ('\n' at each break).
  const std::vector<std::string>& wrapped_texts() const { return wrapped_; }
  const std::set<std::string>& untranslated() const { return untranslated_keys(); }
  const std::string& explaining() const { return explain_name_; }

  ImFont* big_font = nullptr;  // set by the platform when fonts are built

private:
  void open_explain(const std::string& name, const Explanation& ex);

  Lang lang_ = Lang::en;
  float dpr_ = 1.0f;
  ImVec2 css_size_{0, 0};
  std::map<std::string, CssRect> widgets_;
  std::vector<KeyNumber> numbers_;
  std::vector<std::string> alerts_, statuses_, wrapped_;
  std::string explain_name_;
  std::optional<Explanation> explain_;
  bool explain_seen_ = false;
};

// Unwinds ImGui's stacks back to where a panel started drawing when the panel
// threw mid-frame (tables, tab bars, child windows, popups, pushed ids and
// styles), so the frame completes and the error shows in the panel.
class DrawScope {
public:
  DrawScope();                // captures the current window and stack depths
  void recover() const;       // call from the catch block
private:
  void* window_;
  int id_stack_, colors_, vars_, groups_, fonts_, tab_bars_, disabled_, item_flags_;
};

// The app's look (light theme, rounded frames) scaled to device pixels. In the
// phone layout (`touch_sized`) every frame is at least kMinTouchCss tall.
inline constexpr float kMinTouchCss = 44.0f;
void apply_style(float dpr, bool touch_sized = false);

}  // namespace finlab::web
