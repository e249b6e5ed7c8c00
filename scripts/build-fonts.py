#!/usr/bin/env python3
"""Build the fonts routemap embeds for scripts DejaVu Sans lacks:
assets/fonts/*.deflate, their licences and assets/fonts/README.md.

Reproducible: the inputs are Debian packages pinned by version and sha256,
fontTools is pinned, timestamps are kept from the source fonts and the
output is compressed with fixed settings; rebuilding gives the same bytes.
Run from the repository root, on Debian (bookworm) with network access to
its package archive:

    apt-get update
    python3 -m venv /tmp/fontenv && /tmp/fontenv/bin/pip install fonttools==4.60.1
    /tmp/fontenv/bin/python scripts/build-fonts.py            # downloads the .debs
    /tmp/fontenv/bin/python scripts/build-fonts.py --debs DIR # or uses them from DIR

Inputs
------
* Debian `fonts-noto-core` 20201225-1: NotoSans{Arabic,Hebrew,Devanagari,Thai}-
  {Regular,Bold}.ttf (SIL OFL 1.1, no reserved font name).
* Debian `fonts-noto-cjk` 1:20220127+repack1-1: NotoSansCJK-Regular.ttc,
  face 2, "Noto Sans CJK SC" 2.004 (SIL OFL 1.1, reserved font name "Source",
  which these files do not use).

Subsets (the character lists are computed here, from Python's own codecs, so
nothing is typed in by hand)
-------
* Arabic, Hebrew, Devanagari, Thai: the script's Unicode blocks that the font
  covers, plus space, no-break space, ASCII digits and the punctuation place
  names use (- ( ) . , / ' and the joiners), so that a name written wholly in
  the script is drawn wholly in one face. No Latin letters: mixed names keep
  their Latin letters in DejaVu Sans. Every OpenType layout feature is kept
  (shaping needs them); hinting is dropped (resvg does not use it).
* CJK, one face for Korean, Chinese and Japanese: the 2,350 Hangul syllables
  of KS X 1001 (EUC-KR), the Hangul compatibility Jamo (the conjoining Jamo
  U+1100-11FF are left out: their composition features pull in thousands of
  glyphs, and names are written in precomposed syllables), the 3,755
  hanzi of GB 2312 level 1 (EUC-CN), the 2,965 kanji of JIS X 0208 level 1
  (EUC-JP), hiragana, katakana, CJK punctuation and fullwidth forms, and
  space. Glyph shapes are the Simplified Chinese ones where regions differ.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zlib

try:
    import fontTools
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("build-fonts: needs fontTools 4.60.1 (pip install fonttools==4.60.1)")

FONTTOOLS = "4.60.1"

DEBS = {
    "fonts-noto-core": (
        "20201225-1",
        "fonts-noto-core_20201225-1_all.deb",
        "58f4f0bb6720f919f92096b3508e1412a0f1544424ade6c5b5bf1eb694dd64ba",
    ),
    "fonts-noto-cjk": (
        "1:20220127+repack1-1",
        "fonts-noto-cjk_1%3a20220127+repack1-1_all.deb",
        "4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502",
    ),
}

NOTO = "usr/share/fonts/truetype/noto/"
CJK = "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

# Characters every small-script subset keeps besides its own blocks.
COMMON = [0x20, 0xA0, 0x200C, 0x200D, 0x2010, 0x2011, 0x2013, 0x2019] + [
    ord(c) for c in "0123456789-().,/'"
]


def blocks(*ranges):
    out = []
    for lo, hi in ranges:
        out.extend(range(lo, hi + 1))
    return out


def codec_chars(codec, rows, cols=range(0xA1, 0xFF)):
    """The characters of a two-byte EUC codec's rows `rows` (first bytes)."""
    out = []
    for b1 in rows:
        for b2 in cols:
            try:
                ch = bytes([b1, b2]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.append(ord(ch))
    return out


def cjk_chars():
    hangul = codec_chars("euc_kr", range(0xB0, 0xC9))
    hanzi = codec_chars("gb2312", range(0xB0, 0xD8))
    kanji = codec_chars("euc_jp", range(0xB0, 0xD0))
    hangul = [c for c in hangul if 0xAC00 <= c <= 0xD7A3]
    hanzi = [c for c in hanzi if 0x4E00 <= c <= 0x9FFF]
    kanji = [c for c in kanji if 0x4E00 <= c <= 0x9FFF]
    assert len(hangul) == 2350, len(hangul)
    assert len(hanzi) == 3755, len(hanzi)
    assert len(kanji) == 2965, len(kanji)
    rest = blocks(
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x30FF),  # hiragana, katakana
        (0x3130, 0x318F),  # Hangul compatibility Jamo
        (0x31F0, 0x31FF),  # katakana phonetic extensions
        (0xFF01, 0xFF60),  # fullwidth forms
        (0xFF61, 0xFF9F),  # halfwidth katakana
    ) + [0x20, 0xA0, 0xB7]
    notes = (
        "2,350 Hangul syllables (KS X 1001), Hangul compatibility Jamo, "
        f"{len(set(hanzi) | set(kanji)):,} ideographs (the 3,755 of GB 2312 level 1 and "
        "the 2,965 of JIS X 0208 level 1), hiragana, katakana, CJK punctuation, fullwidth forms"
    )
    return sorted(set(hangul + hanzi + kanji + rest)), notes


# (output name, package, source file in it, face index, characters, coverage
# note, layout features to keep: None for fontTools' default list)
def faces():
    arabic = blocks((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
    hebrew = blocks((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
    deva = blocks((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF), (0x20B9, 0x20B9), (0x25CC, 0x25CC))
    thai = blocks((0x0E00, 0x0E7F), (0x25CC, 0x25CC))
    cjk, cjk_note = cjk_chars()
    out = []
    for script, chars, note in [
        ("Arabic", arabic, "Arabic, Arabic Supplement, Extended-A, presentation forms"),
        ("Hebrew", hebrew, "Hebrew, Hebrew presentation forms"),
        ("Devanagari", deva, "Devanagari, Devanagari Extended, Vedic extensions"),
        ("Thai", thai, "Thai"),
    ]:
        for style in ("Regular", "Bold"):
            out.append(
                (f"NotoSans{script}-{style}.ttf", "fonts-noto-core",
                 f"{NOTO}NotoSans{script}-{style}.ttf", 0, chars + COMMON, note, ["*"])
            )
    # fontTools' default features for CJK: "*" would keep the vertical,
    # width and other regions' alternates of every glyph, twice the size.
    out.append(("NotoSansCJKsc-Regular.otf", "fonts-noto-cjk", CJK, 2, cjk, cjk_note, None))
    return out


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def fetch_debs(folder):
    have = {}
    for pkg, (version, filename, digest) in DEBS.items():
        path = os.path.join(folder, filename)
        if not os.path.exists(path):
            subprocess.run(["apt-get", "download", f"{pkg}={version}"], cwd=folder, check=True)
        with open(path, "rb") as f:
            got = sha256(f.read())
        if got != digest:
            sys.exit(f"build-fonts: {filename}: sha256 {got}, expected {digest}")
        root = os.path.join(folder, pkg)
        if not os.path.isdir(root):
            subprocess.run(["dpkg-deb", "-x", path, root], check=True)
        have[pkg] = root
    return have


def ofl_text(root):
    """The OFL 1.1 text from the package's Debian copyright file."""
    with open(os.path.join(root, "usr/share/doc", os.path.basename(root), "copyright")) as f:
        lines = f.read().split("\n")
    # The licence's own paragraph: the last "License: OFL-1.1" line.
    start = len(lines) - 1 - lines[::-1].index("License: OFL-1.1")
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--debs", help="folder with (or for) the two .deb files")
    ap.add_argument("--out", default="assets/fonts")
    args = ap.parse_args()
    if fontTools.version != FONTTOOLS:
        sys.exit(f"build-fonts: needs fontTools {FONTTOOLS}, found {fontTools.version}")
    folder = args.debs or tempfile.mkdtemp(prefix="routemap-fonts-")
    roots = fetch_debs(folder)
    os.makedirs(args.out, exist_ok=True)
    rows = []
    copyrights = {}
    for name, pkg, source, index, chars, note, features in faces():
        path = os.path.join(roots[pkg], source)
        with open(path, "rb") as f:
            source_sha = sha256(f.read())
        font = TTFont(path, fontNumber=index, recalcTimestamp=False, recalcBBoxes=False)
        family = font["name"].getDebugName(1)
        version = font["name"].getDebugName(5).split(";")[0]
        copyrights.setdefault(pkg, [])
        line = f"{family}: {font['name'].getDebugName(0)}"
        if line not in copyrights[pkg]:
            copyrights[pkg].append(line)
        cmap = font.getBestCmap()
        wanted = sorted(c for c in set(chars) if c in cmap)
        opts = subset.Options()
        if features is not None:
            opts.layout_features = features
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.hinting = False
        opts.notdef_outline = True
        opts.glyph_names = False
        opts.recalc_timestamp = False
        # Plain CFF charstrings compress better than subroutinised ones.
        opts.desubroutinize = True
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=wanted)
        sub.subset(font)
        tmp = os.path.join(folder, name)
        font.save(tmp, reorderTables=True)
        with open(tmp, "rb") as f:
            data = f.read()
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = c.compress(data) + c.flush()
        with open(os.path.join(args.out, name + ".deflate"), "wb") as f:
            f.write(packed)
        rows.append((name, family, version, pkg, source, index, source_sha, sha256(data),
                     len(data), len(packed), len(wanted), len(font.getGlyphOrder()), note))
        print(f"{name}: {len(wanted)} characters, {len(packed):,} bytes compressed")
    with open(os.path.join(args.out, "LICENSE-Noto-OFL.txt"), "w") as f:
        f.write("Copyright notices of the fonts in this folder (from their name tables):\n\n")
        for pkg in DEBS:
            for line in copyrights.get(pkg, []):
                f.write(line + "\n")
        f.write(
            "\nNoto Sans CJK: Reserved Font Name \"Source\" (these subsets do not use it).\n"
            "The files here are subsets (see README.md) of the fonts named above.\n\n"
        )
        f.write(ofl_text(roots["fonts-noto-core"]))
    total = sum(r[9] for r in rows)
    with open(os.path.join(args.out, "README.md"), "w") as f:
        f.write(
            "# Fonts embedded in routemap for scripts DejaVu Sans lacks\n\n"
            "Built by [`scripts/build-fonts.py`](../../scripts/build-fonts.py), which pins its "
            "inputs by version and sha256 and documents the subsets; rebuilding gives the same bytes. "
            "Each file is an OpenType font, raw deflate (level 9). All are under the "
            "**SIL Open Font License 1.1** (`LICENSE-Noto-OFL.txt`, with each font's copyright "
            "notice); the subsets keep their family names, which the licence allows (Noto Sans CJK "
            "reserves only \"Source\").\n\n"
            f"Total: **{total:,} bytes** compressed (fontTools {FONTTOOLS}).\n\n"
            "| file | face | source | source sha256 | subset sha256 | bytes (font / compressed) | "
            "characters / glyphs | coverage |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        )
        for (name, family, version, pkg, source, index, ssha, osha, n, packed, nchars,
             nglyphs, note) in rows:
            ver, _, digest = DEBS[pkg]
            f.write(
                f"| `{name}.deflate` | {family} {version.replace('Version ', '')} | Debian `{pkg}` "
                f"{ver} (sha256 `{digest[:12]}…`), `/{source}`"
                f"{f' face {index}' if index else ''} | `{ssha[:12]}…` | `{osha[:12]}…` | "
                f"{n:,} / {packed:,} | {nchars:,} / {nglyphs:,} | {note} |\n"
            )
        f.write(
            "\nBesides each script's own characters, the Arabic, Hebrew, Devanagari and Thai "
            "subsets keep space, no-break space, the joiners, ASCII digits and `-().,/'`, so a "
            "name written wholly in one script is drawn in one face; none keeps Latin letters.\n"
        )


if __name__ == "__main__":
    main()
