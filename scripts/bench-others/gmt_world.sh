#!/usr/bin/env bash
# World map of every OpenFlights route with GMT 6 (modern mode).
#
# The peer of routemap's whole-network world map: every distinct directed
# airport pair (37,123, resolved as routemap's importer does, by
# _common.py) as a line that GMT draws as a great circle (its default for
# geographic data, resampled every MAP_LINE_STEP), with per-line
# transparency, over Natural Earth 1:110m land and country borders (the same
# GeoJSON as routemap and mpl_world.py, converted once to GMT multisegment
# text and cached) on Robinson (-JN; GMT 6.4 has no Equal Earth), 12.5 in
# wide (1200 px at 96 dpi), with a title and credit.
#
#   bash gmt_world.sh OUT.png|OUT.pdf        # BASEMAP=coast: GSHHG low instead
#
# The whole script is what to time: route table, GMT drawing (PostScript),
# psconvert via Ghostscript to PNG (96 dpi, cropped) or PDF.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT.png|OUT.pdf" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
ext="${out##*.}"
case "$ext" in png|pdf) ;; *) echo "gmt_world.sh: $out: the suffix must be .png or .pdf" >&2; exit 2 ;; esac
mkdir -p "$(dirname "$out")"
name="$(cd "$(dirname "$out")" && pwd)/$(basename "$out" ".$ext")"
PYTHON="${PYTHON:-python3}"
atlas="${WORLD_ATLAS:-$here/../../../shared/data/world-atlas}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/routemap-bench-others"
mkdir -p "$cache"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Base map as GMT multisegment text, converted once (like routemap's embedded base map).
for f in land-110m countries-110m; do
    if [ ! -s "$cache/$f.gmt" ] || [ "$atlas/$f.geojson" -nt "$cache/$f.gmt" ]; then
        "$PYTHON" "$here/_common.py" gmt-geojson "$atlas/$f.geojson" "$cache/$f.gmt.tmp"
        mv "$cache/$f.gmt.tmp" "$cache/$f.gmt"
    fi
done
"$PYTHON" "$here/_common.py" gmt-routes "$tmp/routes.gmt"
n=$(grep -c '^>' "$tmp/routes.gmt")

gmt_version="$(gmt --version)"
cd "$tmp"  # GMT writes its session files (gmt.history, ...) here
export GMT_SESSION_NAME="world$$"
# Ghostscript 9.53+ ignores PostScript transparency unless allowed: without
# this option every line is drawn opaque.
if [ "$ext" = png ]; then fmt="png E96,C-dALLOWPSTRANSPARENCY"; else fmt="pdf C-dALLOWPSTRANSPARENCY"; fi
gmt begin "$name" $fmt
    gmt set MAP_FRAME_PEN 0.6p,#9aa5b1 FONT_TITLE 14p,Helvetica-Bold MAP_TITLE_OFFSET 4p
    # -R and -J on every call: relying on the session's history failed now and then
    # ("text [ERROR]: Must specify -R option").
    RJ="-Rd -JN0/12.5i"
    gmt basemap $RJ -B+g#e8f1f8+t"OpenFlights airline network"
    if [ "${BASEMAP:-ne}" = coast ]; then
        gmt coast $RJ -Dl -A5000 -G#ece9e2 -N1/0.25p,#b9b3a8
    else
        gmt plot $RJ "$cache/land-110m.gmt" -G#ece9e2
        gmt plot $RJ "$cache/countries-110m.gmt" -W0.25p,#b9b3a8
    fi
    gmt plot $RJ routes.gmt -W0.35p,#1f4e9a@94
    gmt basemap $RJ -B0
    echo "Data: OpenFlights (ODbL). Base map: Natural Earth 1:110m. $n directed airport pairs as great circles; Robinson. Drawn with GMT $gmt_version." |
        gmt text $RJ -F+cBL+f7p,Helvetica,#555555+jTL -D0/-0.15i -N
gmt end
