// [SECTION] ranges and ticks
// [SECTION] drawing
// [SECTION] hover read-out
#include "web/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "web/ui.hpp"

namespace finlab::web {

namespace {

// Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
const ImU32 kPalette[] = {
    IM_COL32(86, 180, 233, 255),  // sky blue
    IM_COL32(230, 159, 0, 255),   // orange
    IM_COL32(0, 158, 115, 255),   // bluish green
    IM_COL32(204, 121, 167, 255), // reddish purple
    IM_COL32(240, 228, 66, 255),  // yellow
    IM_COL32(213, 94, 0, 255),    // vermillion
    IM_COL32(0, 114, 178, 255),   // blue
};

ImU32 series_color(const ChartSeries& s, int i) {
  if (s.color != 0) return s.color;
  return kPalette[i % (sizeof(kPalette) / sizeof(kPalette[0]))];
}

ImU32 with_alpha(ImU32 c, int alpha) {
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// [SECTION] ranges and ticks -------------------------------------------------

std::string tick_label(double v, double step, const std::string& suffix) {
  int decimals = 0;
  if (step < 1.0) decimals = std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  if (std::fabs(v) < step * 1e-6) v = 0.0;  // no "-0.00"
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  // Group thousands in the integer part.
  std::string s(buf);
  std::size_t start = (s[0] == '-') ? 1 : 0;
  std::size_t dot = s.find('.');
  std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(int_end) - 3; i > static_cast<std::ptrdiff_t>(start); i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s + suffix;
}

}  // namespace

double nice_step(double range, int target) {
  if (!(range > 0.0) || target < 1) return 1.0;
  const double raw = range / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  double nice = 10.0;
  if (f <= 1.0) nice = 1.0;
  else if (f <= 2.0) nice = 2.0;
  else if (f <= 5.0) nice = 5.0;
  return nice * mag;
}

ChartResult chart(Ui& ui, const ChartSpec& spec) {
  ChartResult result;
  ImGui::PushID(spec.name.c_str());
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const std::size_t n = spec.x_labels.size();
  const float line_h = ImGui::GetTextLineHeight();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ui.px(ui.compact() ? std::min(spec.height_css, 180.0f) : spec.height_css);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  // Legend (one row, wraps): clicking a label hides / shows its series.
  std::vector<bool> hidden(spec.series.size(), false);
  {
    float x = origin.x;
    float y = origin.y;
    const float sw = line_h * 0.8f;
    for (std::size_t i = 0; i < spec.series.size(); ++i) {
      const ChartSeries& s = spec.series[i];
      const ImGuiID hid = ImGui::GetID(reinterpret_cast<const void*>(static_cast<std::intptr_t>(i) + 1000));
      hidden[i] = storage->GetBool(hid, false);
      if (!s.in_legend) continue;
      const float tw = ImGui::CalcTextSize(s.label.c_str()).x;
      const float item_w = sw + ui.px(4) + tw + ui.px(14);
      if (x + item_w > origin.x + width && x > origin.x) {
        x = origin.x;
        y += line_h + ui.px(4);
      }
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::InvisibleButton("legend", ImVec2(item_w, line_h))) storage->SetBool(hid, !hidden[i]);
      ImGui::PopID();
      ui.name_item(spec.name + ".legend." + std::to_string(i));
      const ImU32 c = series_color(s, static_cast<int>(i));
      dl->AddRectFilled(ImVec2(x, y + (line_h - sw) * 0.5f), ImVec2(x + sw, y + (line_h + sw) * 0.5f), hidden[i] ? with_alpha(c, 60) : c, ui.px(2));
      dl->AddText(ImVec2(x + sw + ui.px(4), y), ImGui::GetColorU32(hidden[i] ? ImGuiCol_TextDisabled : ImGuiCol_Text), s.label.c_str());
      x += item_w;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y + line_h + ui.px(6)));
  }

  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("plot", ImVec2(std::max(width, 10.0f), std::max(height, 10.0f)));
  ui.name_item(spec.name);
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 box_min = top;
  const ImVec2 box_max(top.x + width, top.y + height);

  // Y range over the visible series.
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  bool any_bar = false;
  int bar_series = 0;
  for (std::size_t i = 0; i < spec.series.size(); ++i) {
    const ChartSeries& s = spec.series[i];
    if (hidden[i]) continue;
    if (s.kind == SeriesKind::bar) {
      any_bar = true;
      ++bar_series;
    }
    for (double v : s.y) if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
    for (double v : s.y2) if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
    if (s.kind == SeriesKind::bar) { lo = std::min(lo, 0.0); hi = std::max(hi, 0.0); }
  }
  if (spec.y_from_zero) { lo = std::min(lo, 0.0); hi = std::max(hi, 0.0); }
  if (!std::isfinite(lo) || !std::isfinite(hi)) { lo = 0.0; hi = 1.0; }
  if (hi - lo < 1e-12) {
    const double pad = std::max(std::fabs(hi) * 0.05, 1e-6);
    lo -= pad;
    hi += pad;
  }
  const int target_ticks = std::max(2, static_cast<int>(height / (line_h * 2.2f)));
  const double step = nice_step(hi - lo, target_ticks);
  const double y0 = std::floor(lo / step + 1e-9) * step;
  const double y1 = std::ceil(hi / step - 1e-9) * step;

  // Plot rectangle: room on the left for the widest tick label, below for x labels.
  float label_w = 0.0f;
  for (double v = y0; v <= y1 + step * 0.5; v += step)
    label_w = std::max(label_w, ImGui::CalcTextSize(tick_label(v, step, spec.y_suffix).c_str()).x);
  const ImVec2 p0(box_min.x + label_w + ui.px(8), box_min.y + ui.px(4));
  const ImVec2 p1(box_max.x - ui.px(4), box_max.y - line_h - ui.px(6));
  if (p1.x - p0.x < 10.0f || p1.y - p0.y < 10.0f || n == 0) {
    dl->AddText(ImVec2(box_min.x, box_min.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), ui.tr("No data yet"));
    ImGui::PopID();
    return result;
  }
  auto to_y = [&](double v) { return static_cast<float>(p1.y - (v - y0) / (y1 - y0) * (p1.y - p0.y)); };
  const float slot = (p1.x - p0.x) / static_cast<float>(any_bar ? n : std::max<std::size_t>(n - 1, 1));
  auto to_x = [&](std::size_t i) {
    if (any_bar) return p0.x + slot * (static_cast<float>(i) + 0.5f);
    return n == 1 ? (p0.x + p1.x) * 0.5f : p0.x + slot * static_cast<float>(i);
  };

  // [SECTION] drawing ----------------------------------------------------------
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f);
  const ImU32 text_dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->PushClipRect(box_min, box_max, true);
  for (double v = y0; v <= y1 + step * 0.5; v += step) {
    const float y = to_y(v);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid, 1.0f);
    const std::string t = tick_label(v, step, spec.y_suffix);
    const float tw = ImGui::CalcTextSize(t.c_str()).x;
    dl->AddText(ImVec2(p0.x - ui.px(6) - tw, y - line_h * 0.5f), text_dim, t.c_str());
  }
  // X tick labels: every k-th so that labels never overlap.
  float xl_w = 0.0f;
  for (const auto& l : spec.x_labels) xl_w = std::max(xl_w, ImGui::CalcTextSize(l.c_str()).x);
  const float per = (p1.x - p0.x) / static_cast<float>(n);
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((xl_w + ui.px(10)) / std::max(per, 1.0f))));
  for (std::size_t i = 0; i < n; i += every) {
    const float x = to_x(i);
    const float tw = ImGui::CalcTextSize(spec.x_labels[i].c_str()).x;
    float tx = std::clamp(x - tw * 0.5f, box_min.x, box_max.x - tw);
    dl->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + ui.px(3)), grid);
    dl->AddText(ImVec2(tx, p1.y + ui.px(4)), text_dim, spec.x_labels[i].c_str());
  }
  dl->AddLine(ImVec2(p0.x, p1.y), ImVec2(p1.x, p1.y), ImGui::GetColorU32(ImGuiCol_Border), 1.0f);

  const float base_y = to_y(std::clamp(0.0, y0, y1));
  const float thick = ui.px(1.75f);
  int bar_index = 0;
  for (std::size_t si = 0; si < spec.series.size(); ++si) {
    const ChartSeries& s = spec.series[si];
    if (hidden[si]) continue;
    const ImU32 c = series_color(s, static_cast<int>(si));
    const std::size_t m = std::min(n, s.y.size());
    switch (s.kind) {
      case SeriesKind::bar: {
        const float group_w = slot * 0.8f;
        const float bw = group_w / static_cast<float>(std::max(bar_series, 1));
        for (std::size_t i = 0; i < m; ++i) {
          if (!std::isfinite(s.y[i])) continue;
          const float x = to_x(i) - group_w * 0.5f + bw * static_cast<float>(bar_index);
          const float y = to_y(s.y[i]);
          dl->AddRectFilled(ImVec2(x, std::min(y, base_y)), ImVec2(x + std::max(bw - ui.px(1), 1.0f), std::max(y, base_y)), c);
        }
        ++bar_index;
        break;
      }
      case SeriesKind::band: {
        const std::size_t mb = std::min(m, s.y2.size());
        const ImU32 fill = with_alpha(c, 70);
        for (std::size_t i = 0; i + 1 < mb; ++i)
          dl->AddQuadFilled(ImVec2(to_x(i), to_y(s.y2[i])), ImVec2(to_x(i + 1), to_y(s.y2[i + 1])),
                            ImVec2(to_x(i + 1), to_y(s.y[i + 1])), ImVec2(to_x(i), to_y(s.y[i])), fill);
        break;
      }
      case SeriesKind::area:
      case SeriesKind::line: {
        if (s.kind == SeriesKind::area) {
          const ImU32 fill = with_alpha(c, 60);
          for (std::size_t i = 0; i + 1 < m; ++i)
            dl->AddQuadFilled(ImVec2(to_x(i), to_y(s.y[i])), ImVec2(to_x(i + 1), to_y(s.y[i + 1])),
                              ImVec2(to_x(i + 1), base_y), ImVec2(to_x(i), base_y), fill);
        }
        std::vector<ImVec2> pts;
        pts.reserve(m);
        for (std::size_t i = 0; i < m; ++i) pts.emplace_back(to_x(i), to_y(s.y[i]));
        if (pts.size() == 1) dl->AddCircleFilled(pts[0], thick * 1.5f, c);
        else if (!pts.empty()) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), c, 0, thick);
        break;
      }
    }
  }
  dl->PopClipRect();

  // [SECTION] hover read-out ---------------------------------------------------
  if (hovered) {
    const float mx = ImGui::GetIO().MousePos.x;
    std::size_t idx = 0;
    if (any_bar) idx = static_cast<std::size_t>(std::clamp((mx - p0.x) / slot, 0.0f, static_cast<float>(n - 1)));
    else if (n > 1) idx = static_cast<std::size_t>(std::clamp(std::lround((mx - p0.x) / slot), 0L, static_cast<long>(n - 1)));
    result.hovered = static_cast<int>(idx);
    const float x = to_x(idx);
    dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), ImGui::GetColorU32(ImGuiCol_Text, 0.35f), 1.0f);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(spec.x_labels[idx].c_str());
    for (std::size_t si = 0; si < spec.series.size(); ++si) {
      const ChartSeries& s = spec.series[si];
      if (hidden[si] || idx >= s.y.size()) continue;
      std::string v;
      if (idx < s.y_text.size()) v = s.y_text[idx];
      else v = tick_label(s.y[idx], step / 100.0, spec.y_suffix);
      if (s.kind == SeriesKind::band && idx < s.y2.size() && idx >= s.y_text.size())
        v = tick_label(s.y[idx], step / 100.0, spec.y_suffix) + " – " + tick_label(s.y2[idx], step / 100.0, spec.y_suffix);
      ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(series_color(s, static_cast<int>(si))),
                         ImGuiColorEditFlags_NoTooltip, ImVec2(line_h * 0.7f, line_h * 0.7f));
      ImGui::SameLine();
      ImGui::Text("%s: %s", s.label.c_str(), v.c_str());
      if (s.kind != SeriesKind::band) {
        dl->AddCircleFilled(ImVec2(x, to_y(s.y[idx])), thick * 2.0f, series_color(s, static_cast<int>(si)));
      }
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return result;
}

}  // namespace finlab::web
