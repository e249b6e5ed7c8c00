#!/usr/bin/env bash
# Browser check: the map inlined in report.html, as headless Chromium draws it,
# matches the PNG that routemap (resvg) draws from the same SVG.
#
#   bash scripts/browser-check.sh
#
# Installs Debian's chromium if missing (and Pillow for the comparison), makes
# the seed dataset's report bundle, screenshots the report's inline SVG at its
# natural size (1200 x 800 CSS px, one pixel each), renders the same SVG with
# `routemap render --dpi 96` (96 dpi = one pixel per CSS px) and compares the
# two pixel by pixel. A pixel differs when any of its R, G, B channels differs
# by more than TOLERANCE (0-255); the check fails when more than MAX_PERCENT
# of the pixels differ.
#
# Exit codes: 0 pass, 1 fail, 77 skipped (Chromium could not be installed).
# Environment: TOLERANCE (default 32), MAX_PERCENT (default 1.2),
# ROUTEMAP (binary to use; default: cargo build, then target/debug/routemap),
# KEEP=1 keeps the work folder (screenshots and a diff image) and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."

TOLERANCE="${TOLERANCE:-32}"
MAX_PERCENT="${MAX_PERCENT:-1.2}"

say() { echo "browser-check: $*"; }

chromium_bin() { command -v chromium || command -v chromium-browser || true; }

# Chromium, and DejaVu Sans (the map's first font; routemap bundles it for
# resvg, Chromium needs it installed to draw the same glyphs).
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    say "installing $* (apt-get)"
    if ! apt-get install -y "$@" >/dev/null 2>&1; then
        apt-get update >/dev/null 2>&1 || true
        apt-get install -y "$@" >/dev/null 2>&1 || true
    fi
}
if [ -z "$(chromium_bin)" ]; then
    apt_install chromium fonts-dejavu-core
elif ! fc-list 2>/dev/null | grep -q 'DejaVuSans\.ttf'; then
    apt_install fonts-dejavu-core
fi
CHROMIUM="$(chromium_bin)"
if [ -z "$CHROMIUM" ]; then
    say "skipped: Chromium is not installed and could not be installed"
    exit 77
fi

if ! python3 -c 'import PIL' 2>/dev/null; then
    say "installing Pillow"
    python3 -m pip install --quiet pillow 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages pillow 2>/dev/null \
        || apt-get install -y python3-pil >/dev/null 2>&1 \
        || { apt-get update >/dev/null 2>&1 && apt-get install -y python3-pil >/dev/null 2>&1; }
fi

if [ -z "${ROUTEMAP:-}" ]; then
    cargo build --quiet
    ROUTEMAP="${CARGO_TARGET_DIR:-target}/debug/routemap"
fi

work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'say "work folder kept: $work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi

"$ROUTEMAP" report routes/donbas-workers -o "$work/report"

# The SVG exactly as report.html inlines it, alone on a page at its natural size.
python3 - "$work/report/report.html" "$work/map-only.html" "$work/map.svg" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
start, end = html.index("<svg"), html.rindex("</svg>") + len("</svg>")
svg = html[start:end]
open(sys.argv[2], "w", encoding="utf-8").write(
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
    "html,body{margin:0;padding:0;overflow:hidden;background:#fff}svg{display:block}"
    "</style></head><body>" + svg + "</body></html>\n")
open(sys.argv[3], "w", encoding="utf-8").write(svg)
PY
read -r width height < <(python3 - "$work/map.svg" <<'PY'
import re, sys
head = open(sys.argv[1], encoding="utf-8").read(2000)
w = re.search(r'\swidth="(\d+)"', head).group(1)
h = re.search(r'\sheight="(\d+)"', head).group(1)
print(w, h)
PY
)

"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-extensions --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$work/profile" --window-size="$width,$height" \
    --screenshot="$work/chromium.png" "file://$work/map-only.html" >"$work/chromium.log" 2>&1 || true
if [ ! -s "$work/chromium.png" ]; then
    say "FAIL: Chromium made no screenshot; its output:"
    cat "$work/chromium.log"
    exit 1
fi

"$ROUTEMAP" render routes/donbas-workers -o "$work/resvg.png" --dpi 96

python3 - "$work/chromium.png" "$work/resvg.png" "$work/diff.png" "$TOLERANCE" "$MAX_PERCENT" <<'PY'
import sys
from PIL import Image, ImageChops

a_path, b_path, diff_path, tol, max_pct = sys.argv[1:6]
tol, max_pct = int(tol), float(max_pct)
a = Image.open(a_path).convert("RGB")
b = Image.open(b_path).convert("RGB")
if a.size != b.size:
    print(f"browser-check: FAIL: Chromium's screenshot is {a.size[0]}x{a.size[1]} px, "
          f"routemap's PNG {b.size[0]}x{b.size[1]} px")
    sys.exit(1)
diff = ImageChops.difference(a, b)
r, g, bl = diff.split()
worst = ImageChops.lighter(ImageChops.lighter(r, g), bl)
mask = worst.point(lambda v: 255 if v > tol else 0)
differing = mask.histogram()[255]
total = a.size[0] * a.size[1]
pct = 100.0 * differing / total
mask.save(diff_path)
verdict = "pass" if pct <= max_pct else "FAIL"
print(f"browser-check: {verdict}: {differing} of {total} pixels ({pct:.3f}%) differ by more "
      f"than {tol} in a channel between Chromium and resvg; limit {max_pct}%")
sys.exit(0 if pct <= max_pct else 1)
PY
