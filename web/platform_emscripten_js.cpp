// The page side that platform_emscripten.cpp calls, as EM_JS functions (their
// bodies are JavaScript, run in the page): see platform_emscripten_js.hpp.
#include "web/platform_emscripten_js.hpp"

#include <emscripten.h>

EM_JS(void, js_mount_storage, (), {
  try {
    FS.mkdir('/persist');
    FS.mount(IDBFS, {}, '/persist');
  } catch (e) {
    _finlab_storage_ready(0);
    return;
  }
  FS.syncfs(true, function(err) { _finlab_storage_ready(err ? 0 : 1); });
});

EM_JS(void, js_syncfs, (), {
  FS.syncfs(false, function(err) { _finlab_sync_done(err ? 1 : 0); });
});

EM_JS(void, js_pause_notify, (), { if (Module['finlabIdle']) Module['finlabIdle'](); });
EM_JS(void, js_frame_notify, (int frames), { if (Module['finlabFrameDrawn']) Module['finlabFrameDrawn'](frames); });

EM_JS(void, js_first_frame, (), {
  var el = document.getElementById('loading');
  if (el) el.remove();
  document.body.setAttribute('data-finlab-ready', '1');
});

EM_JS(void, js_fatal, (const char* msg), {
  if (Module['finlabFatal']) Module['finlabFatal'](UTF8ToString(msg));
});

EM_JS(void, js_update_mirror, (const char* json), {
  var root = document.getElementById('a11y-numbers');
  if (!root) return;
  var items = JSON.parse(UTF8ToString(json));
  root.textContent = "";
  items.forEach(function(it) {
    var row = document.createElement('p');
    var label = document.createElement('span');
    label.textContent = it.label + ': ';
    var value = document.createElement('span');
    value.setAttribute('data-key', it.key);
    value.setAttribute('aria-label', it.label);
    value.textContent = it.value;
    row.appendChild(label);
    row.appendChild(value);
    root.appendChild(row);
  });
});

EM_JS(void, js_text_input, (int active, float x, float y, float h, const char* label), {
  if (Module['finlabTextInput']) Module['finlabTextInput'](active, x, y, h, label ? UTF8ToString(label) : "");
});

EM_JS(void, js_controls, (const char* json), {
  if (Module['finlabControls']) Module['finlabControls'](JSON.parse(UTF8ToString(json)));
});

EM_JS(void, js_announce, (int alert, const char* json), {
  if (Module['finlabAnnounce']) Module['finlabAnnounce'](alert ? 'alert' : 'status', JSON.parse(UTF8ToString(json)));
});

EM_JS(void, js_lang, (const char* code), {
  if (Module['finlabLang']) Module['finlabLang'](UTF8ToString(code));
});

EM_JS(char*, js_url_hash, (), {
  var h = window.location.hash.replace(/^#/, "");
  try { h = decodeURIComponent(h); } catch (e) {}
  var n = lengthBytesUTF8(h) + 1;
  var p = _malloc(n);
  stringToUTF8(h, p, n);
  return p;
});

EM_JS(void, js_set_url_hash, (const char* hash), {
  var h = UTF8ToString(hash);
  if (window.location.hash.replace(/^#/, "") === h) return;
  history.replaceState(null, "", h ? '#' + h : window.location.pathname + window.location.search);
});

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int len), {
  var bytes = HEAPU8.slice(data, data + len);
  var blob = new Blob([bytes], {type: UTF8ToString(mime)});
  var a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

EM_JS(void, js_pick_file, (const char* accept), {
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = UTF8ToString(accept);
  input.style.display = 'none';
  input.onchange = function() {
    if (input.files && input.files[0]) Module['finlabLoadFile'](input.files[0]);
    input.remove();
  };
  document.body.appendChild(input);
  input.click();
});
