// The page side of the browser platform (platform_emscripten.cpp): installs the
// JavaScript that forwards DOM events, the IME/soft-keyboard textarea, the
// accessible DOM layer and the `window.finlab` test API (docs/web.md).
#pragma once

namespace finlab::web {

void install_dom_layer();  // once, after the canvas exists

}  // namespace finlab::web
