// Run-time languages of the browser client: English and 简体中文.
// English text is the key; the table in i18n.cpp maps it to Chinese. Every
// string literal in web/ also feeds the build-time font subset
// (tools/subset_font.py), so a translation added here is always renderable.
// Deliberately not here: plural rules and number formatting (format.hpp).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "core/text/messages.hpp"

namespace finlab::web {

enum class Lang { en, zh };

// The text in `lang` for the English key `en`; the key itself when the table
// has no entry (then `missing` is set, so tests can list untranslated text).
const char* translate(Lang lang, const char* en, bool* missing = nullptr);

// Every key looked up so far that has no entry (finlab.state().untranslated).
const std::set<std::string>& untranslated_keys();
// Records a text shown without its Chinese (or its plain name), for the same list.
void note_untranslated(const std::string& what);

// A block of catalog entries kept in its own file (i18n_securities.cpp).
struct CatalogEntry {
  const char* en;
  const char* zh;
};
const CatalogEntry* securities_catalog(std::size_t& count);

const char* lang_code(Lang lang);                 // "en" / "zh"
bool parse_lang(std::string_view code, Lang& out);
// The core catalog's language (core/text) for the UI's.
inline text::Lang text_lang(Lang lang) { return lang == Lang::zh ? text::Lang::zh : text::Lang::en; }

}  // namespace finlab::web
