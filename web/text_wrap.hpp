// Line breaking for wrapped text. Dear ImGui 1.86 breaks after any '.', ','
// or ';', so a decimal ("19.1802"), a range ("10-10..10-11") or a thousands
// separator could be split over two lines ("19." / "1802"). Here a line breaks
// only at a space, before or after a CJK character (never before closing or
// after opening full-width punctuation), or inside a word too long for a
// whole line. Deliberately not here: any drawing (Ui::wrapped draws).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace finlab::web {

// `text` with '\n' at the chosen breaks (spaces at a break are dropped; the
// text's own newlines are kept); `measure` gives the drawn width of a piece of
// text in the same unit as `width`.
std::string wrap_text(std::string_view text, float width, const std::function<float(std::string_view)>& measure);

}  // namespace finlab::web
