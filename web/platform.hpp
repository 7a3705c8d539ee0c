// What the app asks of its host page. Implemented once, in
// platform_emscripten.cpp; the app and panels never call emscripten directly
// (STYLE.md "platform glue in one place").
#pragma once

#include <string>

namespace finlab::web {

class Platform {
public:
  virtual ~Platform() = default;
  // The database file changed: copy it to IndexedDB soon.
  virtual void persist() = 0;
  // The URL fragment without '#', and replacing it without a history entry.
  virtual std::string url_hash() const = 0;
  virtual void set_url_hash(const std::string& hash) = 0;
  // Offer `content` as a file download.
  virtual void download(const std::string& filename, const std::string& mime, const std::string& content) = 0;
  // Open the browser's file picker; the chosen file arrives via App::on_file.
  virtual void pick_file(const std::string& accept) = 0;
  // True while a copy to IndexedDB is pending or running.
  virtual bool saving() const = 0;
  // Milliseconds since page load (display timing only, never in a result).
  virtual double now_ms() const = 0;
};

}  // namespace finlab::web
