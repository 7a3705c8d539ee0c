#include "web/a11y.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdarg>

namespace finlab::web::a11y {

namespace {

struct Pending {
  Item item;
  ImGuiWindow* window = nullptr;
  ImRect bb;
  bool inputable = false;
  bool described = false;  // ImGui reported label and flags (or mark_last did)
};

struct State {
  float dpr = 1.0f;
  std::vector<Pending> building;   // this frame
  std::vector<Pending> done;       // last complete frame
  std::vector<Item> items;
  unsigned focus = 0, activate = 0;
};

State& st() {
  static State s;
  return s;
}

// "Label###id" and "Label##id" show "Label"; "##cell" has no visible text, so
// the id text ("cell") is the name a screen reader reads.
std::string visible_label(const char* label) {
  if (!label) return {};
  std::string s(label);
  const auto hash = s.find("##");
  if (hash == std::string::npos) return s;
  if (hash > 0) return s.substr(0, hash);
  std::string id = s.substr(s.find_first_not_of('#'));
  for (char& c : id)
    if (c == '_') c = ' ';
  return id;
}

Pending* find(unsigned id) {
  auto& b = st().building;
  for (auto it = b.rbegin(); it != b.rend(); ++it)
    if (it->item.id == id) return &*it;
  return nullptr;
}

const Pending* find_done(unsigned id) {
  for (const auto& p : st().done)
    if (p.item.id == id) return &p;
  return nullptr;
}

}  // namespace

const char* role_name(Role r) {
  switch (r) {
    case Role::button: return "button";
    case Role::tab: return "tab";
    case Role::checkbox: return "checkbox";
    case Role::textbox: return "textbox";
    case Role::combobox: return "combobox";
    case Role::slider: return "slider";
    case Role::disclosure: return "disclosure";
  }
  return "button";
}

void begin_frame(float dpr) {
  st().dpr = dpr > 0 ? dpr : 1.0f;
  st().building.clear();
}

void end_frame() {
  State& s = st();
  s.done.clear();
  s.items.clear();
  for (auto& p : s.building) {
    if (!p.described || p.item.label.empty()) continue;
    // Visible: the centre is inside the window's clip rectangle and the window is drawn.
    const ImVec2 c = p.bb.GetCenter();
    p.item.visible = p.window && p.window->Active && !p.window->Hidden && p.window->ClipRect.Contains(c);
    p.item.x = p.bb.Min.x / s.dpr;
    p.item.y = p.bb.Min.y / s.dpr;
    p.item.w = p.bb.GetWidth() / s.dpr;
    p.item.h = p.bb.GetHeight() / s.dpr;
    s.items.push_back(p.item);
    s.done.push_back(p);
  }
  s.building.clear();
}

const std::vector<Item>& items() { return st().items; }

nlohmann::json items_json() {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& i : st().items) {
    nlohmann::json j = {{"id", i.id}, {"role", role_name(i.role)}, {"label", i.label}, {"visible", i.visible},
                        {"x", i.x}, {"y", i.y}, {"w", i.w}, {"h", i.h}};
    if (i.role == Role::checkbox) j["checked"] = i.checked;
    if (i.role == Role::combobox) j["value"] = i.value;
    if (i.role == Role::tab) j["selected"] = i.selected;
    if (i.role == Role::disclosure) j["expanded"] = i.expanded;
    a.push_back(std::move(j));
  }
  return a;
}

void mark_last(Role role, const std::string& label) {
  const ImGuiID id = ImGui::GetItemID();
  if (Pending* p = find(id)) {
    p->item.role = role;
    p->item.label = visible_label(label.c_str());
    p->described = true;
  }
}

bool begin_combo(const char* label, const char* preview, int flags, const char* spoken) {
  const ImGuiID id = ImGui::GetID(label);
  const bool open = ImGui::BeginCombo(label, preview, flags);
  if (Pending* p = find(id)) {
    p->item.role = Role::combobox;
    p->item.label = spoken ? std::string(spoken) : visible_label(label);
    p->item.value = preview ? preview : "";
    p->described = true;
  }
  return open;
}

void request_focus(unsigned id) { st().focus = id; }
void request_activate(unsigned id) { st().activate = id; }

void apply_requests() {
  State& s = st();
  ImGuiContext& g = *GImGui;
  if (s.focus) {
    if (const Pending* p = find_done(s.focus); p && p->window) {
      ImGui::FocusWindow(p->window);
      ImGui::SetFocusID(p->item.id, p->window);
      g.NavDisableHighlight = false;  // draw the focus ring
      g.NavDisableMouseHover = true;
      for (ImGuiWindow* w = p->window; w; w = w->ParentWindow) {
        ImGui::ScrollToBringRectIntoView(w, p->bb);
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
      }
    }
    s.focus = 0;
  }
  if (s.activate) {
    if (const Pending* p = find_done(s.activate)) {
      g.NavNextActivateId = p->item.id;
      const bool typing = p->item.role == Role::textbox || p->item.role == Role::slider;
      g.NavNextActivateFlags = typing ? ImGuiActivateFlags_PreferInput : ImGuiActivateFlags_None;
    }
    s.activate = 0;
  }
}

namespace {
bool role_at(Role role, float x, float y) {
  for (const auto& p : st().done)
    if (p.item.role == role && p.item.visible && x >= p.item.x && x <= p.item.x + p.item.w && y >= p.item.y &&
        y <= p.item.y + p.item.h)
      return true;
  return false;
}
}  // namespace

bool text_field_at(float x, float y) { return role_at(Role::textbox, x, y); }
bool slider_at(float x, float y) { return role_at(Role::slider, x, y); }

}  // namespace finlab::web::a11y

// ---- Dear ImGui's item hooks (declared in imgui_internal.h) ----------------------

namespace finlab::web::a11y {
namespace {

void describe(Pending& p, ImGuiContext* ctx, const std::string& label, ImGuiItemStatusFlags flags) {
  Item& it = p.item;
  it.label = label;
  p.described = true;
  if (flags & ImGuiItemStatusFlags_Checkable) {
    it.role = Role::checkbox;
    it.checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
  } else if (flags & ImGuiItemStatusFlags_Openable) {
    it.role = Role::disclosure;
    it.expanded = (flags & ImGuiItemStatusFlags_Opened) != 0;
  } else if (ctx->CurrentTabBar && ImGui::TabBarFindTabByID(ctx->CurrentTabBar, it.id)) {
    it.role = Role::tab;
    it.selected = ctx->CurrentTabBar->SelectedTabId == it.id || ctx->CurrentTabBar->NextSelectedTabId == it.id;
  } else if (p.inputable) {
    it.role = Role::textbox;
  } else {
    it.role = Role::button;
  }
}

// Tabs report their label before ImGui adds the item: kept until ItemAdd.
struct EarlyInfo {
  ImGuiID id = 0;
  std::string label;
  ImGuiItemStatusFlags flags = 0;
};
EarlyInfo& early() {
  static EarlyInfo e;
  return e;
}

}  // namespace
}  // namespace finlab::web::a11y

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  using namespace finlab::web::a11y;
  Pending* p = find(id);
  if (!p) {
    early() = EarlyInfo{id, visible_label(label), flags};
    return;
  }
  describe(*p, ctx, visible_label(label), flags);
}

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  using namespace finlab::web::a11y;
  Pending p;
  p.item.id = id;
  p.window = ctx->CurrentWindow;
  p.bb = bb;
  p.inputable = (ctx->LastItemData.InFlags & ImGuiItemFlags_Inputable) != 0;
  if (early().id == id) {
    describe(p, ctx, early().label, early().flags);
    early().id = 0;
  }
  st().building.push_back(std::move(p));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
