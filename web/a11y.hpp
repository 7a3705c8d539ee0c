// The accessible layer over the canvas: every interactive ImGui item drawn in a
// frame (buttons, tabs, checkboxes, text fields, combos, sliders, collapsible
// sections) with its label, role, state and rectangle, collected through Dear
// ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE; imgui_internal.h "Test Engine
// specific hooks"). The platform mirrors the list as real DOM controls with ARIA
// roles (platform_emscripten.cpp); focusing one moves ImGui's keyboard focus
// ring to the item and activating one presses it, so a screen reader or
// keyboard user operates the same widgets a mouse does.
// Deliberately not here: any browser call (the platform renders the list).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace finlab::web::a11y {

enum class Role { button, tab, checkbox, textbox, combobox, slider, disclosure };
const char* role_name(Role r);  // the ARIA role

struct Item {
  unsigned id = 0;        // ImGuiID
  Role role = Role::button;
  std::string label;      // visible label (text before "##"); id text when hidden
  std::string value;      // combobox: the chosen entry
  bool checked = false;   // checkbox
  bool selected = false;  // tab
  bool expanded = false;  // disclosure
  bool visible = false;   // centre inside its window's clip rectangle
  float x = 0, y = 0, w = 0, h = 0;  // CSS px, relative to the canvas
};

// Called by the platform around each frame.
void begin_frame(float dpr);
void end_frame();
// The items of the last complete frame, in drawing order.
const std::vector<Item>& items();
nlohmann::json items_json();

// Marks the item drawn last (which ImGui reports without a role) as a combo or
// a slider, with its visible label.
void mark_last(Role role, const std::string& label);
// ImGui::BeginCombo, reported as a combobox whose value is `preview`; `spoken`
// names it for screen readers when its visible label is elsewhere (e.g. a
// question drawn above a "##id" combo).
bool begin_combo(const char* label, const char* preview, int flags = 0, const char* spoken = nullptr);

// Requests from the DOM layer, applied before the next frame starts.
void request_focus(unsigned id);     // keyboard focus ring on the item, scrolled into view
void request_activate(unsigned id);  // press it (text fields and sliders: start editing)
void apply_requests();               // call before ImGui::NewFrame()

// The text field at (x, y) CSS px in the last frame, if any (a tap there opens
// the phone keyboard synchronously, inside the touch gesture).
bool text_field_at(float x, float y);
// The same for a slider (a finger on it drags at once instead of scrolling).
bool slider_at(float x, float y);

}  // namespace finlab::web::a11y
