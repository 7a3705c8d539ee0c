// With platform_emscripten_dom.cpp (the page-side JavaScript it installs) and
// platform_emscripten_js.cpp (the JavaScript functions it calls),
// the only file of the browser client that talks to the browser: GLFW window
// and WebGL2 context, the main loop (which stops while nothing changes), fonts
// and device-pixel-ratio scaling, touch and wheel input, IDBFS persistence,
// files in and out, the URL hash, text input through a DOM textarea (IME and
// phone keyboards), the accessible DOM layer (controls with ARIA roles, key
// numbers, announced messages, <html lang>) and the JS test API
// `window.finlab` (documented in docs/web.md).
//
// [SECTION] state
// [SECTION] Platform services for the app
// [SECTION] fonts and scale
// [SECTION] input: wake, wheel, touch
// [SECTION] storage
// [SECTION] test API
// [SECTION] frame loop
// [SECTION] main
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "web/a11y.hpp"
#include "web/app.hpp"
#include "web/models.hpp"
#include "web/platform.hpp"
#include "web/platform_emscripten_dom.hpp"
#include "web/platform_emscripten_js.hpp"
#include "web/ui.hpp"

namespace {

using finlab::web::App;
using finlab::web::Lang;
using finlab::web::Ui;
namespace a11y = finlab::web::a11y;

constexpr const char* kDbPath = "/persist/finlab.sqlite";
constexpr const char* kFontPath = "/data/fonts/ui.otf";
constexpr const char* kGlyphsPath = "/data/fonts/ui_glyphs.txt";
// The common hanzi the UI never shows itself, for typed text: fetched from the
// site after the first frame (web/tools/subset_font.py --common-out).
constexpr const char* kCommonFontUrl = "ui_common.otf";
constexpr const char* kCommonFontPath = "/data/fonts/ui_common.otf";
constexpr float kFontCss = 15.0f;     // body text, CSS px
constexpr float kBigFontCss = 24.0f;  // headline figures
constexpr int kWakeFrames = 4;        // frames drawn after an input event (ImGui settles in 2-3)

// [SECTION] state -------------------------------------------------------------

struct Touch {
  bool used = false;       // the last pointer input was touch (a mouse event clears it: finlab_mouse)
  bool active = false;     // a finger is down
  bool scrolling = false;  // the gesture became a scroll
  bool pressed = false;    // long-press became a mouse press (drag a slider)
  double start_ms = 0;
  ImVec2 start, pos, last;  // device px
  int tap_frames = 0;       // 3: hover, 2: press, 1: release (one frame each)
};

struct State {
  GLFWwindow* window = nullptr;
  std::unique_ptr<App> app;
  Ui ui;
  float dpr = 1.0f;
  float font_dpr = 0.0f;
  bool style_phone = false;
  ImVec2 css{0, 0};
  ImVector<ImWchar> glyph_ranges;
  // Characters shown that the atlas lacked (UTF-8): typed by the user, or drawn
  // from data (a name typed in Chinese, saved and restored after a reload; a
  // file opened). The UI font plus the common-hanzi font (once fetched) hold
  // them; the atlas rasterises the UI's own glyphs plus these, rebuilt before
  // the next frame.
  std::string added_glyphs;
  bool glyphs_stale = false;
  enum class Fetch { idle, loading, ready, failed } common_font = Fetch::idle;
  bool in_frame = false;  // between ImGui::NewFrame and ImGui::Render
  int frames_pending = kWakeFrames;
  bool paused = false;
  long frames = 0;
  double first_frame_ms = -1;
  double last_cpu_ms = 0, cpu_ms_total = 0, cpu_ms_max = 0;
  long cpu_frames = 0;
  std::string mirror_json;
  std::string controls_json, status_json, alert_json;
  Lang shown_lang = Lang::en;
  bool lang_set = false;
  // The text field being edited (the DOM textarea follows it).
  unsigned text_id = 0;
  ImVec2 text_pos{-1, -1};
  // storage
  bool storage_ready = false;
  bool dirty = false, syncing = false;
  long syncs = 0;
  std::string sync_error;
  Touch touch;
  // Keys pressed since the last frame, and releases held back until a frame
  // has seen the press (ImGui 1.86 reads key state once per frame, so a press
  // and release between two frames would be lost).
  std::vector<int> pressed_since_frame;
  std::vector<std::array<int, 4>> deferred_releases;  // key, scancode, action, mods
  std::string query_buffer;
};

State* g = nullptr;  // the platform's one instance; browser callbacks carry no context

// [SECTION] Platform services for the app --------------------------------------

void wake();

class BrowserPlatform final : public finlab::web::Platform {
public:
  void persist() override {
    g->dirty = true;
    wake();
  }
  std::string url_hash() const override {
    char* p = js_url_hash();
    std::string s(p);
    std::free(p);
    return s;
  }
  void set_url_hash(const std::string& hash) override { js_set_url_hash(hash.c_str()); }
  void download(const std::string& filename, const std::string& mime, const std::string& content) override {
    js_download(filename.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
  }
  void pick_file(const std::string& accept) override { js_pick_file(accept.c_str()); }
  bool saving() const override { return g->dirty || g->syncing; }
  double now_ms() const override { return emscripten_get_now(); }
};

BrowserPlatform* platform_instance() {
  static BrowserPlatform p;
  return &p;
}

// [SECTION] fonts and scale ----------------------------------------------------

// Rasterise the UI font at the device pixel size, so text is sharp at any DPR.
void build_fonts(float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  if (g->glyph_ranges.empty()) {
    ImFontGlyphRangesBuilder b;
    const std::string glyphs = finlab::web::read_text_file(kGlyphsPath);
    b.AddText(glyphs.c_str());
    b.AddText(g->added_glyphs.c_str());
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    b.BuildRanges(&g->glyph_ranges);
  }
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // rasterised at device size: no need for oversampling
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  // One ImFont per size: the UI font, with the common hanzi merged in (ImGui
  // keeps the first font's glyph where both have one; the two never overlap).
  auto add = [&](float css) {
    ImFont* f = io.Fonts->AddFontFromFileTTF(kFontPath, std::round(css * dpr), &cfg, g->glyph_ranges.Data);
    if (f && g->common_font == State::Fetch::ready) {
      ImFontConfig merge = cfg;
      merge.MergeMode = true;
      io.Fonts->AddFontFromFileTTF(kCommonFontPath, std::round(css * dpr), &merge, g->glyph_ranges.Data);
    }
    return f;
  };
  ImFont* body = add(kFontCss);
  if (!body) {
    js_fatal("The UI font could not be loaded (finlab.data is incomplete).");
    io.Fonts->AddFontDefault();
  }
  g->ui.big_font = body ? add(kBigFontCss) : nullptr;
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  g->font_dpr = dpr;
}

// The canvas fills the window (CSS); its backing store is CSS size × DPR. ImGui
// works in device pixels (DisplayFramebufferScale 1) and the style is scaled.
void sync_canvas_size() {
  double cw = 0, ch = 0;
  emscripten_get_element_css_size("#canvas", &cw, &ch);
  const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  g->css = ImVec2(static_cast<float>(cw), static_cast<float>(ch));
  g->dpr = dpr > 0 ? dpr : 1.0f;
  const int w = std::max(1, static_cast<int>(std::lround(cw * g->dpr)));
  const int h = std::max(1, static_cast<int>(std::lround(ch * g->dpr)));
  int cur_w = 0, cur_h = 0;
  glfwGetWindowSize(g->window, &cur_w, &cur_h);
  if (cur_w != w || cur_h != h) glfwSetWindowSize(g->window, w, h);
  const bool phone = g->css.x < 700.0f;  // Ui::compact()
  if (g->glyphs_stale) {  // typed characters to add to the atlas (only between frames)
    g->glyphs_stale = false;
    g->glyph_ranges.clear();
    build_fonts(g->dpr);
  }
  if (g->font_dpr != g->dpr || phone != g->style_phone) {
    if (g->font_dpr != g->dpr) build_fonts(g->dpr);
    g->style_phone = phone;
    finlab::web::apply_style(g->dpr, phone);
  }
}

// [SECTION] input: wake, wheel, touch -------------------------------------------

// A character about to be laid out or drawn (UTF-8 bytes p[0..n)): when the
// atlas has no glyph for it, it is added before the next frame (once; a
// character the font file lacks stays "?").
void need_glyph(unsigned int c, const char* p, int n) {
  if (c < 0x80 || c > 0xFFFF || n <= 0) return;
  ImGuiIO& io = ImGui::GetIO();
  const ImFont* body = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
  if (!body || body->IndexLookup.empty() || body->FindGlyphNoFallback(static_cast<ImWchar>(c))) return;
  const std::string ch(p, static_cast<std::size_t>(n));
  if (g->added_glyphs.find(ch) != std::string::npos) return;
  g->added_glyphs += ch;
  g->glyphs_stale = true;
  g->frames_pending = std::max(g->frames_pending, 2);
}

// The common-hanzi font arrives: characters drawn or typed before it came get
// their glyphs at the next frame. Without it (offline, a failed fetch) those
// characters stay "?" and `finlab.state().font.common` says so.
void fetch_common_font() {
  g->common_font = State::Fetch::loading;
  emscripten_async_wget(
      kCommonFontUrl, kCommonFontPath,
      [](const char*) {
        g->common_font = State::Fetch::ready;
        g->glyphs_stale = true;
        wake();
      },
      [](const char*) {
        g->common_font = State::Fetch::failed;
        wake();
      });
}

void wake() {
  g->frames_pending = kWakeFrames;
  if (g->paused) {
    g->paused = false;
    emscripten_resume_main_loop();
  }
}

constexpr double kLongPressMs = 350.0;
constexpr float kTapSlopCss = 10.0f;

// Touch as a mouse: a tap clicks where the finger was; a swipe scrolls the
// window under the finger; holding still then moving drags (sliders).
void apply_touch() {
  Touch& t = g->touch;
  if (!t.used) return;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = t.pos;
  io.MouseDown[0] = false;
  if (t.tap_frames > 0) {
    io.MouseDown[0] = t.tap_frames == 2;  // frame 3 only hovers, as a mouse would first
    --t.tap_frames;
    return;
  }
  if (!t.active) {
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no hover left behind after a tap
    return;
  }
  if (!t.scrolling && !t.pressed && emscripten_get_now() - t.start_ms > kLongPressMs) t.pressed = true;
  if (t.pressed) io.MouseDown[0] = true;
}

void scroll_by_touch() {
  Touch& t = g->touch;
  if (!t.scrolling) return;
  const ImVec2 d(t.pos.x - t.last.x, t.pos.y - t.last.y);
  t.last = t.pos;
  // Each axis scrolls the nearest window that can scroll along it: a swipe
  // up over a table that only scrolls sideways moves the page, and a swipe
  // sideways moves the table.
  ImGuiWindow* wy = GImGui->HoveredWindow;
  while (wy && wy->ScrollMax.y <= 0.0f && wy->ParentWindow) wy = wy->ParentWindow;
  ImGuiWindow* wx = GImGui->HoveredWindow;
  while (wx && wx->ScrollMax.x <= 0.0f && wx->ParentWindow) wx = wx->ParentWindow;
  if (wy && wy->ScrollMax.y > 0.0f) ImGui::SetScrollY(wy, std::clamp(wy->Scroll.y - d.y, 0.0f, wy->ScrollMax.y));
  if (wx && wx->ScrollMax.x > 0.0f) ImGui::SetScrollX(wx, std::clamp(wx->Scroll.x - d.x, 0.0f, wx->ScrollMax.x));
}

void on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
  auto& pressed = g->pressed_since_frame;
  if (action == GLFW_PRESS) {
    pressed.push_back(key);
  } else if (action == GLFW_RELEASE && std::find(pressed.begin(), pressed.end(), key) != pressed.end()) {
    g->deferred_releases.push_back({key, scancode, action, mods});
    wake();
    return;
  }
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
  wake();
}

void end_frame_input() {
  g->pressed_since_frame.clear();
  auto releases = std::move(g->deferred_releases);
  g->deferred_releases.clear();
  for (const auto& r : releases) ImGui_ImplGlfw_KeyCallback(g->window, r[0], r[1], r[2], r[3]);
  if (!releases.empty()) g->frames_pending = std::max(g->frames_pending, 2);
}

}  // namespace

// Every character ImGui lays out or draws is decoded by ImTextCharFromUtf8
// (ImFont::RenderText and CalcTextSizeA in imgui_draw.cpp). The link wraps
// that function (-Wl,--wrap, cmake/wasm.cmake), so text from any source (the
// catalogs, typed, restored from storage, opened from a file) gets its glyphs
// without each panel having to name it.
extern "C" int __real__Z18ImTextCharFromUtf8PjPKcS1_(unsigned int* out, const char* text, const char* end);
extern "C" int __wrap__Z18ImTextCharFromUtf8PjPKcS1_(unsigned int* out, const char* text, const char* end) {
  const int n = __real__Z18ImTextCharFromUtf8PjPKcS1_(out, text, end);
  if (g && g->in_frame) need_glyph(*out, text, n);
  return n;
}

extern "C" {

EMSCRIPTEN_KEEPALIVE void finlab_wake() {
  if (g) wake();
}

// Text from the DOM textarea (typed, composed by an IME, pasted).
EMSCRIPTEN_KEEPALIVE void finlab_text(const char* utf8) {
  if (!g) return;
  ImGuiIO& io = ImGui::GetIO();
  const ImFont* body = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
  for (const char* p = utf8; body && *p;) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, nullptr);
    if (n <= 0) break;
    need_glyph(c, p, n);
    p += n;
  }
  io.AddInputCharactersUTF8(utf8);
  wake();
}

// The accessible layer: what 0 = focus, 1 = activate the item `id`.
EMSCRIPTEN_KEEPALIVE void finlab_a11y(int what, double id) {
  if (!g) return;
  const auto item = static_cast<unsigned>(id);
  if (what == 0) a11y::request_focus(item);
  else a11y::request_activate(item);
  wake();
}

EMSCRIPTEN_KEEPALIVE int finlab_text_field_at(double css_x, double css_y) {
  return g && a11y::text_field_at(static_cast<float>(css_x), static_cast<float>(css_y)) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void finlab_wheel(double dx, double dy) {
  if (!g) return;
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH -= static_cast<float>(dx);
  io.MouseWheel -= static_cast<float>(dy);
  wake();
}

// A real mouse moved or pressed (touch-emulated mouse events are prevented):
// the mouse drives ImGui again. Without this, one touch on a device with both
// a touchscreen and a mouse (touch laptops, tablets with a trackpad) left every
// later click at "no pointer".
EMSCRIPTEN_KEEPALIVE void finlab_mouse() {
  if (!g) return;
  Touch& t = g->touch;
  if (t.active || t.tap_frames > 0) return;  // a gesture in progress keeps the pointer
  t.used = false;
  wake();
}

EMSCRIPTEN_KEEPALIVE void finlab_touch(int phase, double css_x, double css_y) {
  if (!g) return;
  Touch& t = g->touch;
  const ImVec2 p(static_cast<float>(css_x) * g->dpr, static_cast<float>(css_y) * g->dpr);
  t.used = true;
  switch (phase) {
    case 0:  // start
      t.active = true;
      t.scrolling = false;
      t.pressed = false;
      t.start_ms = emscripten_get_now();
      t.start = t.pos = t.last = p;
      // A finger on a slider drags it at once (no long press first).
      t.pressed = a11y::slider_at(static_cast<float>(css_x), static_cast<float>(css_y));
      break;
    case 1:  // move
      t.pos = p;
      if (!t.scrolling && !t.pressed && std::hypot(p.x - t.start.x, p.y - t.start.y) > kTapSlopCss * g->dpr) {
        t.scrolling = true;
        t.last = t.start;
      }
      break;
    case 2:  // end
      t.pos = p;
      if (t.active && !t.scrolling && !t.pressed) t.tap_frames = 3;
      t.active = false;
      t.scrolling = false;
      t.pressed = false;
      break;
    default:  // cancel
      t.active = false;
      t.scrolling = false;
      t.pressed = false;
      break;
  }
  wake();
}

// [SECTION] storage ------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE void finlab_storage_ready(int persistent) {
  if (!g) return;
  g->storage_ready = true;
  std::string note = persistent ? "" : "IndexedDB unavailable";
  g->app->storage_ready(persistent ? kDbPath : ":memory:", persistent != 0, note);
  wake();
}

EMSCRIPTEN_KEEPALIVE void finlab_sync_done(int error) {
  if (!g) return;
  g->syncing = false;
  ++g->syncs;
  g->sync_error = error ? "IndexedDB write failed" : "";
  wake();  // another write may be waiting
}

EMSCRIPTEN_KEEPALIVE void finlab_persist_now() {
  if (g && g->dirty && !g->syncing) {
    g->dirty = false;
    g->syncing = true;
    js_syncfs();
  }
}

EMSCRIPTEN_KEEPALIVE void finlab_file_loaded(const char* name, const char* data, int len) {
  if (!g) return;
  g->app->on_file(name, std::string(data, static_cast<std::size_t>(len)));
  wake();
}

// [SECTION] test API -------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE int finlab_ready() {
  return g && g->storage_ready && g->frames > 1 ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* finlab_query(const char* what_c) {
  using nlohmann::json;
  const std::string what = what_c;
  json j;
  if (!g) {
    j = json::object();
  } else if (what == "state") {
    j = g->app->state();
    j["ready"] = finlab_ready() != 0;
    j["dpr"] = g->dpr;
    j["css_size"] = {g->css.x, g->css.y};
    j["compact"] = g->ui.compact();
    j["frames"] = g->frames;
    j["first_frame_ms"] = g->first_frame_ms;
    j["idle"] = g->paused;
    j["explaining"] = g->ui.explaining();
    j["untranslated"] = g->ui.untranslated();
    {  // characters added to the atlas (typed or drawn from data), and those the font has no glyph for
      const ImFont* body = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
      std::string missing;
      for (const char* p = g->added_glyphs.c_str(); body && *p;) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, nullptr);
        if (n <= 0) break;
        if (!body->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.append(p, static_cast<std::size_t>(n));
        p += n;
      }
      static constexpr const char* kFetch[] = {"idle", "loading", "ready", "failed"};
      j["font"] = {{"glyphs", body ? body->Glyphs.Size : 0}, {"added", g->added_glyphs}, {"missing", missing},
                   {"common", kFetch[static_cast<int>(g->common_font)]}};
    }
    // ImGui's keyboard focus: the item and whether its focus ring is drawn.
    j["focus"] = {{"id", GImGui->NavId}, {"ring", GImGui->NavId != 0 && !GImGui->NavDisableHighlight}};
    j["sync"] = {{"pending", g->dirty || g->syncing}, {"done", g->syncs}, {"error", g->sync_error}};
    j["storage"]["ready"] = g->storage_ready;
  } else if (what == "widgets") {
    j = json::object();
    for (const auto& [name, r] : g->ui.widgets())
      j[name] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}, {"visible", r.visible}};
  } else if (what == "wrapped") {
    j = g->ui.wrapped_texts();
  } else if (what == "controls") {
    j = a11y::items_json();
  } else if (what == "numbers") {
    j = json::object();
    for (const auto& n : g->ui.key_numbers()) j[n.key] = n.value;
  } else if (what == "frame_stats" || what == "frame_stats_reset") {
    j = {{"frames", g->frames}, {"idle", g->paused}, {"last_cpu_ms", g->last_cpu_ms},
         {"cpu_frames", g->cpu_frames}, {"cpu_ms_total", g->cpu_ms_total}, {"cpu_ms_max", g->cpu_ms_max},
         {"first_frame_ms", g->first_frame_ms}};
    if (what == "frame_stats_reset") {
      g->cpu_frames = 0;
      g->cpu_ms_total = 0;
      g->cpu_ms_max = 0;
    }
  } else {
    j = {{"error", "unknown query " + what}};
  }
  g->query_buffer = j.dump();
  return g->query_buffer.c_str();
}

EMSCRIPTEN_KEEPALIVE void finlab_force_frames(int n) {
  if (!g) return;
  g->frames_pending = std::max(g->frames_pending, n);
  if (g->paused) {
    g->paused = false;
    emscripten_resume_main_loop();
  }
}

}  // extern "C"

namespace {

// [SECTION] frame loop -------------------------------------------------------------

void publish_mirror() {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& n : g->ui.key_numbers()) items.push_back({{"key", n.key}, {"label", n.label}, {"value", n.value}});
  std::string s = items.dump();
  if (s != g->mirror_json) {
    g->mirror_json = std::move(s);
    js_update_mirror(g->mirror_json.c_str());
  }
}

// The DOM textarea follows the ImGui text field being edited: focused, at the
// caret, named like the field.
void sync_text_input() {
  const ImGuiContext& gg = *GImGui;
  const bool editing = gg.ActiveId != 0 && gg.InputTextState.ID == gg.ActiveId;
  if (!editing) {  // every idle-bound frame: lets a tap's early focus run out, then blurs
    g->text_id = 0;
    js_text_input(0, 0, 0, 0, nullptr);
    return;
  }
  const unsigned id = gg.ActiveId;
  const ImVec2 pos = gg.PlatformImePos;
  if (id == g->text_id && pos.x == g->text_pos.x && pos.y == g->text_pos.y) return;
  g->text_id = id;
  g->text_pos = pos;
  std::string label;
  for (const auto& it : a11y::items())
    if (it.id == id) label = it.label;
  js_text_input(1, pos.x / g->dpr, pos.y / g->dpr, gg.FontSize / g->dpr * 1.4f, label.c_str());
}

void publish_a11y() {
  std::string s = a11y::items_json().dump();
  if (s != g->controls_json) {
    g->controls_json = std::move(s);
    js_controls(g->controls_json.c_str());
  }
  s = nlohmann::json(g->ui.alerts()).dump();
  if (s != g->alert_json) {
    g->alert_json = std::move(s);
    js_announce(1, g->alert_json.c_str());
  }
  s = nlohmann::json(g->ui.statuses()).dump();
  if (s != g->status_json) {
    g->status_json = std::move(s);
    js_announce(0, g->status_json.c_str());
  }
  if (!g->lang_set || g->shown_lang != g->app->lang()) {
    g->lang_set = true;
    g->shown_lang = g->app->lang();
    js_lang(g->shown_lang == Lang::zh ? "zh-CN" : "en");
  }
}

void frame() {
  const double t0 = emscripten_get_now();
  sync_canvas_size();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplayFramebufferScale = ImVec2(1, 1);  // ImGui already works in device pixels
  apply_touch();
  a11y::apply_requests();
  a11y::begin_frame(g->dpr);
  ImGui::NewFrame();
  g->in_frame = true;
  scroll_by_touch();

  g->ui.begin_frame(g->app->lang(), g->dpr, g->css);
  try {
    g->app->frame(g->ui);
  } catch (const std::exception& e) {
    // App::frame catches panel errors itself; this is the last line of defence.
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    js_fatal((std::string("Unexpected error: ") + e.what()).c_str());
  }
  g->ui.end_frame();
  ImGui::Render();
  g->in_frame = false;
  a11y::end_frame();

  int fw = 0, fh = 0;
  glfwGetFramebufferSize(g->window, &fw, &fh);
  glViewport(0, 0, fw, fh);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  end_frame_input();
  publish_mirror();
  publish_a11y();
  sync_text_input();
  if (g->dirty && !g->syncing) finlab_persist_now();

  ++g->frames;
  if (g->first_frame_ms < 0) {
    g->first_frame_ms = emscripten_get_now();
    js_first_frame();
    fetch_common_font();
  }
  const double cpu = emscripten_get_now() - t0;
  g->last_cpu_ms = cpu;
  g->cpu_ms_total += cpu;
  g->cpu_ms_max = std::max(g->cpu_ms_max, cpu);
  ++g->cpu_frames;
  js_frame_notify(static_cast<int>(g->frames));

  // Idle: nothing pending, nobody dragging, no work running -> stop the loop
  // until the next input event (wake) or app request.
  if (g->frames_pending > 0) --g->frames_pending;
  const bool keep = g->frames_pending > 0 || g->app->busy() || !g->storage_ready || ImGui::IsAnyMouseDown() ||
                    g->touch.active || g->touch.tap_frames > 0;
  if (!keep) {
    g->paused = true;
    emscripten_pause_main_loop();
    js_pause_notify();
  }
}

}  // namespace

// [SECTION] main ---------------------------------------------------------------------

int main() {
  g = new State();
  if (!glfwInit()) {
    js_fatal("GLFW could not start.");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  double cw = 0, ch = 0;
  emscripten_get_element_css_size("#canvas", &cw, &ch);
  const double dpr = emscripten_get_device_pixel_ratio();
  g->window = glfwCreateWindow(std::max(1, static_cast<int>(cw * dpr)), std::max(1, static_cast<int>(ch * dpr)), "finlab", nullptr, nullptr);
  if (!g->window) {
    js_fatal("WebGL2 is not available in this browser, so the app cannot draw.");
    return 1;
  }
  glfwMakeContextCurrent(g->window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code; state lives in SQLite
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would keep idle frames busy
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // arrows, Space, Enter, Escape; visible focus ring
  GImGui->TestEngineHookItems = true;                    // item hooks feed the accessible layer (a11y.cpp)
  ImGui_ImplGlfw_InitForOpenGL(g->window, true);
  glfwSetKeyCallback(g->window, on_key);  // ImGui's own callback is called from on_key
  // Characters come from the DOM textarea (finlab_text), never from key events,
  // so an IME's composed text arrives whole and nothing arrives twice.
  glfwSetCharCallback(g->window, [](GLFWwindow*, unsigned int) {});
  ImGui_ImplOpenGL3_Init("#version 300 es");

  g->app = std::make_unique<App>(*platform_instance());
  finlab::web::install_dom_layer();
  js_mount_storage();
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
