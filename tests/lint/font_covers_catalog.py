#!/usr/bin/env python3
"""Every character the message catalog can show in Chinese is in the UI font.

The browser draws text with a glyph subset cut at build time
(web/tools/subset_font.py -> fonts/ui_glyphs.txt); a character missing there
shows as a box (issue 14: 促). Checks the string literals of the catalog
(core/text/catalog.cpp), of the web translation table (web/i18n.cpp) and every
character of the feature schema (Chinese labels, reasons, advice, levels).
  font_covers_catalog.py <repo> <ui_glyphs.txt>
"""
import re
import sys

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def main():
    repo, glyphs_path = sys.argv[1], sys.argv[2]
    with open(glyphs_path, encoding="utf-8") as f:
        glyphs = set(f.read())
    need = {}
    for rel in ("core/text/catalog.cpp", "web/i18n.cpp"):
        with open(f"{repo}/{rel}", encoding="utf-8") as f:
            for m in LITERAL.finditer(f.read()):
                for ch in m.group(1):
                    if ord(ch) > 0x7E:
                        need.setdefault(ch, rel)
    with open(f"{repo}/assets/features/schema.json", encoding="utf-8") as f:
        for ch in f.read():
            if ord(ch) > 0x7E:
                need.setdefault(ch, "assets/features/schema.json")
    missing = sorted(ch for ch in need if ch not in glyphs and not ch.isspace())
    if missing:
        sys.exit("not in the UI font subset: " + ", ".join(f"{ch} (U+{ord(ch):04X}, {need[ch]})" for ch in missing))
    print(f"font covers all {len(need)} non-ASCII characters of the catalogs")


if __name__ == "__main__":
    main()
