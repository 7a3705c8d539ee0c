#!/usr/bin/env python3
"""Cut the UI font: only the glyphs that web/ sources show, from a CJK collection.

Reads the string literals of the given C++ files (web/ and the core files whose
messages the app shows) and every character of the given data files (assets),
keeps those plus printable ASCII, and writes (1) an OpenType subset of one face of the
collection and (2) the same characters as UTF-8 text, which the app feeds to
ImGui's glyph-range builder so that exactly these glyphs are rasterised.
With --common gb2312-1 --common-out F, a second font F holds the rest of the
3,755 level-1 hanzi of GB 2312 (the most common characters, generated from
Python's own gb2312 codec, so no list is committed): what a user types (a
policy named 春节促销策略, a person's name) has a glyph. The app fetches F after
its first frame (it is not part of the page's first download) and rasterises
those glyphs only once they are typed or drawn.
Run by CMake at build time (web/CMakeLists.txt); the output is not committed.
"""
import argparse
import os
import re
import sys

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# Always present: printable ASCII, the yuan sign and a few typographic marks the
# number formatting uses even when no literal spells them.
BASE = set(chr(c) for c in range(0x20, 0x7F)) | set("¥…·×÷≤≥−–—°±%‰→←↑↓▲▼■□●○✓ ")


def characters(paths, data_paths):
    chars = set(BASE)
    for p in paths:
        with open(p, encoding="utf-8") as f:
            text = f.read()
        for m in LITERAL.finditer(text):
            chars.update(ch for ch in m.group(1) if ord(ch) >= 0x20)
    # Data files the app shows text from (plan and policy names, holiday names,
    # feature labels): every character counts.
    for p in data_paths:
        with open(p, encoding="utf-8") as f:
            chars.update(ch for ch in f.read() if ord(ch) >= 0x20)
    return chars


def gb2312_level1():
    """The level-1 hanzi of GB 2312 (rows 16-55, 3,755 characters by frequency of use)."""
    out = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # D7FA-D7FE are unassigned
    return out


def save_subset(path, number, chars, out):
    """One face of the collection cut to `chars`, saved as OpenType CFF."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    font = TTFont(path, fontNumber=number, lazy=False)
    opts = subset.Options()
    opts.layout_features = []          # ImGui does no shaping
    opts.name_IDs = [1, 2]
    opts.hinting = False
    opts.desubroutinize = True         # simpler CFF for stb_truetype, compresses better
    opts.notdef_outline = True
    opts.glyph_names = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    font.save(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--font", required=True)
    ap.add_argument("--font-number", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--glyphs-out", required=True)
    ap.add_argument("--data", action="append", default=[], help="a data file whose every character is shown (repeatable)")
    ap.add_argument("--common", choices=["gb2312-1"], help="these common characters (not in the glyph list) go into --common-out")
    ap.add_argument("--common-out", help="the font of the common characters the UI does not show itself")
    ap.add_argument("sources", nargs="+", help="C++ files whose string literals are shown")
    a = ap.parse_args()
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        sys.exit("subset_font.py: fontTools missing (apt-get install python3-fonttools)")
    if not os.path.exists(a.font):
        sys.exit(f"subset_font.py: {a.font} not found (apt-get install fonts-noto-cjk)")

    chars = characters(a.sources, a.data)
    font = TTFont(a.font, fontNumber=a.font_number, lazy=False)
    cmap = font.getBestCmap()
    missing = sorted(ch for ch in chars if ord(ch) not in cmap and ch.isprintable() and not ch.isspace())
    chars = {ch for ch in chars if ord(ch) in cmap}
    del font
    common = {ch for ch in gb2312_level1() if ord(ch) in cmap} if a.common else set()

    if a.common and not a.common_out:
        sys.exit("subset_font.py: --common needs --common-out")
    save_subset(a.font, a.font_number, chars, a.out)
    if a.common:
        save_subset(a.font, a.font_number, common - chars, a.common_out)
    with open(a.glyphs_out, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)))
    cjk = sum(1 for c in chars if ord(c) >= 0x2E80)
    print(f"subset_font.py: {len(chars)} characters ({cjk} CJK) -> {a.out} ({os.path.getsize(a.out)} bytes)"
          + (f"; {len(common - chars)} common for typed text -> {a.common_out} ({os.path.getsize(a.common_out)} bytes)" if a.common else "")
          + (f"; not in font: {''.join(missing)}" if missing else ""))


if __name__ == "__main__":
    main()
