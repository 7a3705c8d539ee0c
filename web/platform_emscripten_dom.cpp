// The JavaScript that platform_emscripten.cpp installs in the page: DOM event
// forwarding, the hidden textarea for IME and phone keyboards, the accessible
// layer (ARIA controls, aria-live) and the `window.finlab` test API. It calls
// back into the C exports of platform_emscripten.cpp (`_finlab_*`).
#include "web/platform_emscripten_dom.hpp"

#include <emscripten.h>

namespace {

EM_JS(void, js_install, (), {
  var canvas = Module['canvas'];
  var wake = function() { _finlab_wake(); };
  ['mousemove', 'mousedown', 'mouseup', 'keydown', 'keyup', 'keypress', 'resize', 'focus', 'blur',
   'visibilitychange', 'hashchange', 'pointerdown', 'pointerup']
      .forEach(function(ev) { window.addEventListener(ev, wake, true); });
  if (window.ResizeObserver) new ResizeObserver(wake).observe(canvas);
  // Device pixel ratio changes (zoom, moving to another screen) do not fire resize everywhere.
  var watchDpr = function() {
    var mq = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    var onChange = function() { mq.removeEventListener('change', onChange); wake(); watchDpr(); };
    mq.addEventListener('change', onChange);
  };
  watchDpr();
  // Wheel: Emscripten 3.1.6's GLFW passes raw pixel deltas with the wrong sign;
  // handle it here (lines: ~100 px per notch) and keep the page from scrolling.
  window.addEventListener('wheel', function(e) {
    if (e.target !== canvas) return;
    e.preventDefault();
    e.stopPropagation();
    var k = e.deltaMode === 1 ? 1 / 3 : (e.deltaMode === 2 ? 10 : 1 / 100);
    _finlab_wheel(e.deltaX * k, e.deltaY * k);
  }, {capture: true, passive: false});
  // Touch: GLFW 3.1.6 drops touch coordinates; taps, scroll and long-press drag
  // are handled in C++ (finlab_touch). preventDefault stops emulated mouse events.
  var touch = function(phase) {
    return function(e) {
      if (e.target !== canvas) return;
      if (e.touches && e.touches.length > 1) {  // two fingers: pinch zoom by the browser
        _finlab_touch(3, 0, 0);
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      var t = e.changedTouches[0];
      if (!t) return;
      var r = canvas.getBoundingClientRect();
      var x = t.clientX - r.left, y = t.clientY - r.top;
      // A tap on a text field: focus the textarea now, inside the user gesture,
      // so the phone keyboard opens (a focus from a later frame may not).
      if (phase === 2 && _finlab_text_field_at(x, y)) {
        var ta = document.getElementById('ime');
        ta.focus({preventScroll: true});
        holdFocus = 6;
      }
      _finlab_touch(phase, x, y);
    };
  };
  // A real mouse after touch input: ImGui follows the mouse again. Touches are
  // preventDefault-ed, so they fire no compatibility mouse events; Chrome also
  // marks any that slip through (sourceCapabilities.firesTouchEvents).
  var mouse = function(e) {
    if (e.sourceCapabilities && e.sourceCapabilities.firesTouchEvents) return;
    _finlab_mouse();
  };
  window.addEventListener('mousedown', mouse, true);
  window.addEventListener('mousemove', mouse, true);
  var topt = {capture: true, passive: false};
  window.addEventListener('touchstart', touch(0), topt);
  window.addEventListener('touchmove', touch(1), topt);
  window.addEventListener('touchend', touch(2), topt);
  window.addEventListener('touchcancel', touch(3), topt);
  // Files: drag-and-drop anywhere on the page.
  window.addEventListener('dragover', function(e) { e.preventDefault(); e.stopPropagation(); }, true);
  window.addEventListener('drop', function(e) {
    e.preventDefault();
    e.stopPropagation();
    var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) Module['finlabLoadFile'](f);
  }, true);
  Module['finlabLoadFile'] = function(file) {
    file.arrayBuffer().then(function(buf) {
      var bytes = new Uint8Array(buf);
      var p = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, p);
      var n = lengthBytesUTF8(file.name) + 1;
      var np = _malloc(n);
      stringToUTF8(file.name, np, n);
      _finlab_file_loaded(np, p, bytes.length);
      _free(np);
      _free(p);
    });
  };
  window.addEventListener('beforeunload', function() { _finlab_persist_now(); });

  // ---- keyboard: GLFW listens on window; route its key events so that the
  // accessible layer and the text area keep their own (Tab, Enter, IME keys).
  var ta = document.getElementById('ime');
  var layer = document.getElementById('a11y');
  var composing = false;
  var inLayer = function(e) { return layer && e.target && layer.contains(e.target); };
  Module['finlabTextActive'] = false;
  if (typeof GLFW !== 'undefined') {
    window.removeEventListener('keydown', GLFW.onKeydown, true);
    window.removeEventListener('keypress', GLFW.onKeyPress, true);
    window.removeEventListener('keyup', GLFW.onKeyup, true);
    window.addEventListener('keydown', function(e) {
      if (inLayer(e) && e.key !== 'Escape') return;   // the DOM control acts itself; Escape closes popups
      if (composing || e.isComposing || e.keyCode === 229) return;  // the IME owns the keys
      if (e.key === 'Tab' && !Module['finlabTextActive']) return;   // Tab leaves the canvas
      if (e.target === ta && (e.ctrlKey || e.metaKey) && (e.key === 'v' || e.key === 'V')) return;  // paste arrives as input
      if (e.target === ta && e.key === 'Enter') e.preventDefault();  // ImGui handles Enter
      GLFW.onKeydown(e);
    }, true);
    window.addEventListener('keyup', function(e) {
      if (inLayer(e) && e.key !== 'Escape') return;
      GLFW.onKeyup(e);
    }, true);
    // keypress is not forwarded: text reaches ImGui through the textarea only.
  }
  var sendText = function(s) {
    s = String(s || "").split(String.fromCharCode(13, 10)).join(String.fromCharCode(10));
    if (!s) return;
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    _finlab_text(p);
    _free(p);
  };
  ta.addEventListener('compositionstart', function() { composing = true; ta.value = ""; ta.classList.add('composing'); });
  ta.addEventListener('compositionupdate', function() { wake(); });
  ta.addEventListener('compositionend', function(e) {
    composing = false;
    ta.classList.remove('composing');
    var s = ta.value || e.data || "";
    ta.value = "";
    sendText(s);
  });
  ta.addEventListener('input', function(e) {
    if (composing || e.isComposing) return;
    if (e.inputType === 'insertLineBreak') { ta.value = ""; return; }
    var s = ta.value;
    ta.value = "";
    sendText(s);
  });
  var holdFocus = 0;  // frames to keep the textarea focused after a tap opened it
  Module['finlabTextInput'] = function(active, x, y, h, label) {
    Module['finlabTextActive'] = !!active;
    if (active) {
      ta.style.left = Math.max(0, x) + 'px';
      ta.style.top = Math.max(0, y) + 'px';
      ta.style.height = Math.max(16, h) + 'px';
      ta.setAttribute('aria-label', label || 'Text');
      if (document.activeElement !== ta) ta.focus({preventScroll: true});
      holdFocus = 0;
    } else if (holdFocus > 0) {
      holdFocus--;
    } else if (document.activeElement === ta) {
      ta.blur();
      composing = false;
      ta.classList.remove('composing');
      var back = layerFocus && document.body.contains(layerFocus) ? layerFocus : canvas;
      back.focus({preventScroll: true});
    }
  };

  // ---- the accessible layer: one DOM control per ImGui item (web/a11y.hpp)
  var controls = document.getElementById('a11y-controls');
  var layerFocus = null;
  var layerIds = "";
  var a11yCall = function(what, id) { _finlab_a11y(what, id); };
  var restoring = false;  // the layer was rebuilt and gives the focus back: not a move
  controls.addEventListener('focusin', function(e) {
    var id = e.target && e.target.getAttribute('data-id');
    if (id) { layerFocus = e.target; if (!restoring) a11yCall(0, Number(id)); }
  });
  controls.addEventListener('click', function(e) {
    var id = e.target && e.target.getAttribute('data-id');
    if (id) a11yCall(1, Number(id));
  });
  controls.addEventListener('keydown', function(e) {
    var el = e.target;
    if (el && el.getAttribute('role') === 'textbox' && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      a11yCall(1, Number(el.getAttribute('data-id')));
    }
  });
  var describe = function(el, it) {
    var name = it.label + (it.role === 'combobox' && it.value ? ': ' + it.value : "");
    if (el.textContent !== name) el.textContent = name;
    if (it.role === 'textbox' && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
    if (it.role === 'tab') el.setAttribute('aria-selected', it.selected ? 'true' : 'false');
    if (it.role === 'checkbox') el.setAttribute('aria-checked', it.checked ? 'true' : 'false');
    if (it.role === 'disclosure') el.setAttribute('aria-expanded', it.expanded ? 'true' : 'false');
  };
  Module['finlabControls'] = function(items) {
    var ids = items.map(function(it) { return it.id + ':' + it.role; }).join(',');
    if (ids === layerIds) {
      items.forEach(function(it, i) { describe(controls.querySelector('[data-id="' + it.id + '"]'), it); });
      return;
    }
    var hadFocus = layerFocus && controls.contains(document.activeElement) ? layerFocus.getAttribute('data-id') : null;
    layerIds = ids;
    controls.textContent = "";
    var list = null;
    items.forEach(function(it) {
      var el;
      if (it.role === 'textbox') {
        el = document.createElement('div');
        el.setAttribute('role', 'textbox');
        el.setAttribute('tabindex', '0');
      } else {
        el = document.createElement('button');
        el.type = 'button';
        if (it.role === 'tab' || it.role === 'checkbox') el.setAttribute('role', it.role);
        if (it.role === 'combobox') el.setAttribute('aria-haspopup', 'listbox');
      }
      el.setAttribute('data-id', String(it.id));
      describe(el, it);
      if (it.role === 'tab') {
        if (!list) {
          list = document.createElement('div');
          list.setAttribute('role', 'tablist');
          controls.appendChild(list);
        }
        list.appendChild(el);
      } else {
        list = null;
        controls.appendChild(el);
      }
    });
    if (hadFocus) {
      var again = controls.querySelector('[data-id="' + hadFocus + '"]');
      if (again) {
        layerFocus = again;
        restoring = true;  // an open combo popup must stay open
        again.focus({preventScroll: true});
        restoring = false;
      }
    }
  };
  Module['finlabAnnounce'] = function(which, texts) {
    var el = document.getElementById(which === 'alert' ? 'a11y-alert' : 'a11y-status');
    var s = texts.join(' ');
    if (el && el.textContent !== s) el.textContent = s;
  };
  Module['finlabLang'] = function(code) { document.documentElement.lang = code; };

  // ---- window.finlab: the test API (docs/web.md)
  var waiters = [];
  var idleWaiters = [];
  var query = function(what) {
    var n = lengthBytesUTF8(what) + 1;
    var p = _malloc(n);
    stringToUTF8(what, p, n);
    var r = UTF8ToString(_finlab_query(p));
    _free(p);
    return JSON.parse(r);
  };
  Module['finlabFrameDrawn'] = function(frames) {
    var w = waiters;
    waiters = [];
    w.forEach(function(x) { if (frames >= x.until) x.resolve(frames); else waiters.push(x); });
  };
  Module['finlabIdle'] = function() {
    var w = idleWaiters;
    idleWaiters = [];
    w.forEach(function(x) { x(); });
  };
  window['finlab'] = {
    version: 1,
    state: function() { return query('state'); },
    widgets: function() { return query('widgets'); },
    widget: function(name) { return query('widgets')[name] || null; },
    numbers: function() { return query('numbers'); },
    // This frame's texts wrapped over several lines, '\\n' at each break (web/text_wrap.hpp).
    wrapped: function() { return query('wrapped'); },
    // The items of the accessible layer: id, role, label, state, rectangle (web/a11y.hpp).
    controls: function() { return query('controls'); },
    frameStats: function(reset) { return query(reset ? 'frame_stats_reset' : 'frame_stats'); },
    // Resolves after `n` more frames were drawn (wakes the loop).
    frames: function(n) {
      var st = query('frame_stats');
      return new Promise(function(resolve) {
        waiters.push({until: st.frames + (n || 1), resolve: resolve});
        _finlab_wake();
      });
    },
    // Resolves when the app has drawn everything it needed and stopped redrawing.
    settled: function() {
      return new Promise(function(resolve) {
        if (query('frame_stats').idle) resolve(); else idleWaiters.push(resolve);
      });
    },
    // Draws `n` frames on purpose and reports their CPU cost (bench/web.sh).
    forceFrames: function(n) { _finlab_force_frames(n || 1); }
  };
  Object.defineProperty(window['finlab'], 'ready', {get: function() { return !!_finlab_ready(); }});
});

}  // namespace

namespace finlab::web {

void install_dom_layer() { js_install(); }

}  // namespace finlab::web
