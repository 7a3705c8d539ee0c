#include "web/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>

#include "web/a11y.hpp"
#include "web/text_wrap.hpp"

namespace finlab::web {

namespace {

// The rule behind a figure by its name, never a file or section number
// ("DOMAIN.md §2.4" -> "Prepayment (提前还款)").
struct RuleName {
  const char* ref;
  const char* en;
  const char* zh;
};
const RuleName kRules[] = {
    {"§1.2", "Fund fee accrual", "基金费用计提"},
    {"§1.3", "Daily income per 10,000 shares", "每万份基金已实现收益"},
    {"§1.4", "7-day annualised yield", "七日年化收益率"},
    {"§1.5", "Investor daily income and its rounding", "投资者每日收益及舍入"},
    {"§1.6", "Subscription and redemption timing (trade day T, weekends, holidays)", "申购赎回时点（T 日、周末与节假日）"},
    {"§1.7", "Normal and fast (T+0) redemption", "普通赎回与快速（T+0）赎回"},
    {"§2.1", "Interest-rate conventions and conversions", "利率口径与换算"},
    {"§2.2", "Repayment methods", "还款方式"},
    {"§2.3", "PBOC Announcement 〔2021〕 No. 3: annualised-rate disclosure", "中国人民银行公告〔2021〕第3号：年化利率披露"},
    {"§2.4", "Prepayment", "提前还款"},
    {"§2.7", "Rounding schedules to the fen", "还款计划按分舍入"},
    {"§3.2", "Logistic regression and points scaling", "逻辑回归与分数刻度"},
    {"§3.3", "Reason codes", "评分理由码"},
    {"§3.7", "Score bands, expected loss and policy levers", "评分等级、预期损失与策略杠杆"},
    {"docs/portfolio.md", "Portfolio projection over simulated market paths", "基于模拟行情路径的组合预测"},
    {"docs/sim.md", "Policy simulation results", "策略模拟结果"},
    {"docs/securities.md", "A-share trading rules of the Shanghai and Shenzhen exchanges, and trading fees",
     "沪深交易所 A 股交易规则与交易费用"},
};

std::string rule_names(const std::string& source, Lang lang) {
  std::string out;
  for (const RuleName& r : kRules) {
    if (source.find(r.ref) == std::string::npos) continue;
    if (!out.empty()) out += lang == Lang::zh ? "；" : "; ";
    out += lang == Lang::zh ? r.zh : r.en;
  }
  if (!out.empty()) return out;
  // Already a plain name (a rule's own title), or a file reference with no
  // name here: the latter is listed as untranslated, so the i18n test fails.
  for (const char* ref : {".md", ".hpp", ".cpp", "§"})
    if (source.find(ref) != std::string::npos) note_untranslated("rule without a plain name: " + source);
  return source;
}

}  // namespace

void Ui::begin_frame(Lang lang, float dpr, ImVec2 css_size) {
  lang_ = lang;
  dpr_ = dpr;
  css_size_ = css_size;
  widgets_.clear();
  numbers_.clear();
  alerts_.clear();
  statuses_.clear();
  wrapped_.clear();
  explain_seen_ = false;
}

const char* Ui::tr(const char* en) {
  return translate(lang_, en);
}

std::string Ui::label(const char* en, const char* id) {
  return std::string(tr(en)) + "###" + id;
}

void Ui::name_rect(const std::string& name, ImVec2 min, ImVec2 max, bool visible) {
  CssRect r;
  r.x = min.x / dpr_;
  r.y = min.y / dpr_;
  r.w = (max.x - min.x) / dpr_;
  r.h = (max.y - min.y) / dpr_;
  r.visible = visible;
  widgets_[name] = r;
}

void Ui::name_item(const std::string& name) {
  ImVec2 min = ImGui::GetItemRectMin();
  ImVec2 max = ImGui::GetItemRectMax();
  // Visible = the item's centre is inside the window's clip rectangle, so a
  // test clicking the centre really hits the widget.
  const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
  ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
  bool visible = ImGui::IsItemVisible() && w && w->ClipRect.Contains(c);
  name_rect(name, min, max, visible);
}

void Ui::key_number(const std::string& key, const char* label_en, const std::string& value) {
  numbers_.push_back(KeyNumber{key, tr(label_en), value});
}

void Ui::key_number_shown(const std::string& key, const std::string& label, const std::string& value) {
  numbers_.push_back(KeyNumber{key, label, value});
}

void Ui::open_explain(const std::string& name, const Explanation& ex) {
  explain_name_ = name;
  explain_ = ex;
}

void Ui::figure(const std::string& name, const char* label_en, const std::string& value, const Explanation& ex, bool big) {
  figure_text(name, tr(label_en), value, ex, big);
}

void Ui::figure_text(const std::string& name, const std::string& label, const std::string& value, const Explanation& ex, bool big) {
  ImGui::PushID(name.c_str());
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", label.c_str());
  if (big && big_font) ImGui::PushFont(big_font);
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
  // Left-aligned under its label, however wide the touch target around it.
  ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
  // Phone layout: at least 44 x 44 CSS px, however short the value.
  const ImVec2 size = compact() ? ImVec2(std::max(ImGui::CalcTextSize(value.c_str()).x, px(kMinTouchCss)), px(kMinTouchCss)) : ImVec2(0, 0);
  if (ImGui::Button(value.c_str(), size)) open_explain(name, ex);
  a11y::mark_last(a11y::Role::button, label + ": " + value);  // read as "Balance: ¥10,015.11"
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  if (big && big_font) ImGui::PopFont();
  name_item(name);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Click to see how this number was computed"));
  ImGui::EndGroup();
  ImGui::PopID();
  if (explain_name_ == name) {
    explain_ = ex;  // keep the open drill-down live
    explain_seen_ = true;
  }
}

void Ui::explain_link(const std::string& name, const std::string& value, const Explanation& ex) {
  // Wrapped link-coloured text that opens the drill-down when clicked.
  ImGui::PushID(name.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.30f, 0.10f, 1.0f));
  wrapped(value);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (ImGui::IsMouseClicked(0)) open_explain(name, ex);
  }
  name_item(name);
  ImGui::PopID();
  if (explain_name_ == name) {
    explain_ = ex;
    explain_seen_ = true;
  }
}

bool Ui::small_button(const std::string& label) {
  if (!compact()) return ImGui::SmallButton(label.c_str());
  const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
  return ImGui::Button(label.c_str(), ImVec2(std::max(w, px(kMinTouchCss)), px(kMinTouchCss)));
}

std::pair<ImGuiTableFlags, ImVec2> Ui::fit_table(int rows, float content_width, ImGuiTableFlags flags) const {
  if (content_width <= ImGui::GetContentRegionAvail().x) return {flags, ImVec2(0, 0)};
  const ImGuiStyle& st = ImGui::GetStyle();
  const float row = ImGui::GetTextLineHeight() + 2.0f * st.CellPadding.y;
  const float h = static_cast<float>(rows + 1) * row + st.ScrollbarSize + 2.0f * st.CellPadding.y;
  return {(flags & ~ImGuiTableFlags_SizingMask_) | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX, ImVec2(0, h)};
}

void Ui::same_line_if_fits(const char* next_label) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(next_label, nullptr, true).x + st.FramePadding.x * 2;
  const float last_right = ImGui::GetItemRectMax().x;
  const float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (last_right + st.ItemSpacing.x + w <= limit) ImGui::SameLine();
}

void Ui::section(const char* en) {
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(en));
  ImGui::Separator();
}

void Ui::wrapped(std::string_view text) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize());
  const auto measure = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
  const std::string lines = wrap_text(text, width, measure);
  ImGui::TextUnformatted(lines.data(), lines.data() + lines.size());
  if (lines.find('\n') != std::string::npos) wrapped_.push_back(lines);
}

void Ui::wrapped(std::string_view text, const ImVec4& color) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  wrapped(text);
  ImGui::PopStyleColor();
}

void Ui::wrapped_dim(std::string_view text) { wrapped(text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)); }

void Ui::error_text(const std::string& message) {
  alerts_.push_back(message);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.35f, 0.30f, 1.0f));
  wrapped(message);
  ImGui::PopStyleColor();
}

void Ui::status_text(const std::string& message) {
  statuses_.push_back(message);
  wrapped(message);
}

void Ui::help_text(const char* en) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped(tr(en));
  ImGui::PopStyleColor();
}

void Ui::end_frame() {
  if (explain_ && !explain_seen_) {  // its figure is no longer on screen
    explain_.reset();
    explain_name_.clear();
  }
  if (!explain_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float width = compact() ? vp->Size.x - px(16) : px(460);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, vp->Size.y - px(32)));
  bool open = true;
  std::string title = std::string(tr("How this number is computed")) + "###explain";
  // Fixed width, height fitted to the content each frame (size 0 on an axis = auto-fit).
  if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    name_rect("explain.window", ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y), true);
    const Explanation& ex = *explain_;
    wrapped(ex.title);
    if (big_font) ImGui::PushFont(big_font);
    wrapped(ex.value);
    if (big_font) ImGui::PopFont();
    ImGui::Separator();
    if (!ex.formula.empty()) {
      wrapped_dim(tr("Formula"));
      wrapped(ex.formula);
    }
    if (!ex.inputs.empty()) {
      wrapped_dim(tr("Inputs"));
      if (ImGui::BeginTable("inputs", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        for (const auto& [k, v] : ex.inputs) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          wrapped(k);
          ImGui::TableNextColumn();
          wrapped(v);
        }
        ImGui::EndTable();
      }
    }
    if (!ex.rounding.empty()) {
      wrapped_dim(tr("Rounding"));
      wrapped(ex.rounding);
    }
    if (!ex.source.empty()) {
      wrapped_dim(tr("Rule"));
      wrapped(rule_names(ex.source, lang_));
    }
    ImGui::Spacing();
    if (ImGui::Button(label("Close", "explain_close").c_str())) open = false;
    name_item("explain.close");
  }
  ImGui::End();
  if (!open) {
    explain_.reset();
    explain_name_.clear();
  }
}

DrawScope::DrawScope() {
  ImGuiContext& g = *GImGui;
  window_ = g.CurrentWindow;
  id_stack_ = g.CurrentWindow->IDStack.Size;
  colors_ = g.ColorStack.Size;
  vars_ = g.StyleVarStack.Size;
  groups_ = g.GroupStack.Size;
  fonts_ = g.FontStack.Size;
  tab_bars_ = g.CurrentTabBarStack.Size;
  disabled_ = g.DisabledStackSize;
  item_flags_ = g.ItemFlagsStack.Size;
}

void DrawScope::recover() const {
  ImGuiContext& g = *GImGui;
  for (int guard = 0; guard < 64 && g.CurrentWindow != window_ && g.CurrentWindowStack.Size > 1; ++guard) {
    ImGuiWindow* w = g.CurrentWindow;
    while (g.CurrentTable && (g.CurrentTable->OuterWindow == w || g.CurrentTable->InnerWindow == w)) ImGui::EndTable();
    if (w->Flags & ImGuiWindowFlags_Popup) ImGui::EndPopup();
    else if (w->Flags & ImGuiWindowFlags_ChildWindow) ImGui::EndChild();
    else ImGui::End();
  }
  ImGuiWindow* w = g.CurrentWindow;
  while (g.CurrentTable && (g.CurrentTable->OuterWindow == w || g.CurrentTable->InnerWindow == w)) ImGui::EndTable();
  while (g.CurrentTabBarStack.Size > tab_bars_) ImGui::EndTabBar();
  while (w->DC.TreeDepth > 0) ImGui::TreePop();
  while (g.GroupStack.Size > groups_) ImGui::EndGroup();
  while (w->IDStack.Size > id_stack_) ImGui::PopID();
  while (g.DisabledStackSize > disabled_) ImGui::EndDisabled();
  while (g.ColorStack.Size > colors_) ImGui::PopStyleColor();
  while (g.StyleVarStack.Size > vars_) ImGui::PopStyleVar();
  while (g.ItemFlagsStack.Size > item_flags_) ImGui::PopItemFlag();
  while (g.FontStack.Size > fonts_) ImGui::PopFont();
}

void apply_style(float dpr, bool touch_sized) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 6.0f;
  style.ChildRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.PopupRounding = 6.0f;
  style.GrabRounding = 4.0f;
  style.TabRounding = 4.0f;
  style.ScrollbarSize = 12.0f;
  style.GrabMinSize = 12.0f;
  style.FramePadding = ImVec2(8.0f, 5.0f);
  if (touch_sized) {
    // 15 px text + 2 x 15 px = 45 CSS px: the 44 px minimum touch target
    // (Apple HIG, WCAG 2.5.5) for buttons, tabs, fields, checkboxes and combos.
    style.FramePadding = ImVec2(14.0f, 15.0f);
    style.GrabMinSize = 28.0f;
    style.ScrollbarSize = 16.0f;
  }
  style.ItemSpacing = ImVec2(8.0f, 6.0f);
  style.WindowPadding = ImVec2(10.0f, 10.0f);
  style.WindowBorderSize = 0.0f;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.40f, 0.42f, 0.46f, 1.0f);  // 4.5:1 on the background
  c[ImGuiCol_Button] = ImVec4(0.26f, 0.52f, 0.96f, 0.16f);
  c[ImGuiCol_Tab] = ImVec4(0.86f, 0.88f, 0.92f, 1.0f);
  c[ImGuiCol_TabActive] = ImVec4(1.0f, 0.42f, 0.0f, 0.85f);  // Mi orange for the selected product
  c[ImGuiCol_TabHovered] = ImVec4(1.0f, 0.55f, 0.2f, 0.75f);
  c[ImGuiCol_PlotHistogram] = ImVec4(1.0f, 0.42f, 0.0f, 0.9f);
  c[ImGuiCol_NavHighlight] = ImVec4(0.05f, 0.35f, 0.85f, 1.0f);  // the keyboard focus ring
  style.ScaleAllSizes(dpr);
  ImGui::GetStyle() = style;
}

}  // namespace finlab::web
