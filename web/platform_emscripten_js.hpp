// The JavaScript functions the browser platform calls (EM_JS, defined in
// platform_emscripten_js.cpp): storage mount and sync, notifications to the
// page, the DOM mirror and accessible layer, the IME textarea's position, the
// URL hash, downloads and the file picker.
#pragma once

extern "C" {
void js_mount_storage();
void js_syncfs();
void js_pause_notify();
void js_frame_notify(int frames);
void js_first_frame();
void js_fatal(const char* msg);
void js_update_mirror(const char* json);
void js_text_input(int active, float x, float y, float h, const char* label);
void js_controls(const char* json);
void js_announce(int alert, const char* json);
void js_lang(const char* code);
char* js_url_hash();
void js_set_url_hash(const char* hash);
void js_download(const char* name, const char* mime, const char* data, int len);
void js_pick_file(const char* accept);
}
