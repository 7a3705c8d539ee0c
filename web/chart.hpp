// A small chart widget over ImDrawList (ImPlot is not available from our
// registries): line, area, bar and band (percentile fan) series over one
// category x axis, with nice y ticks, x tick labels that never overlap, a
// legend that toggles series, and a hover read-out showing exact values.
// Values are plot coordinates only; the read-out shows the exact strings the
// model supplies (y_text), so no amount is ever shown from a double.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace finlab::web {

class Ui;

enum class SeriesKind {
  line,  // polyline through the points
  area,  // line plus fill down to zero, or to the axis floor when zero is below it
  bar,   // one bar per x slot; several bar series sit side by side
  band,  // filled region between y (low) and y2 (high): a fan layer
};

struct ChartSeries {
  std::string label;
  SeriesKind kind = SeriesKind::line;
  std::vector<double> y;
  std::vector<double> y2;             // band only: the upper edge
  std::vector<std::string> y_text;    // exact read-out per point (optional)
  ImU32 color = 0;                    // 0: the palette colour for its index
  bool in_legend = true;
};

struct ChartSpec {
  std::string name;                   // widget name (test API) and ImGui id
  std::vector<std::string> x_labels;  // one per point
  std::vector<ChartSeries> series;
  float height_css = 220.0f;
  std::string y_suffix;               // appended to tick labels ("%")
  bool y_from_zero = false;           // include 0 in the y range
};

struct ChartResult {
  int hovered = -1;                   // x index under the pointer, or -1
};

ChartResult chart(Ui& ui, const ChartSpec& spec);

// "Nice" tick step (1, 2 or 5 × 10^k) for a range split into about `target` parts.
double nice_step(double range, int target);

}  // namespace finlab::web
