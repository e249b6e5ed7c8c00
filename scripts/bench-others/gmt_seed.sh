#!/usr/bin/env bash
# The seed map (routes/donbas-workers) with GMT 6 (modern mode).
#
# The peer of the seed map that routemap writes as SVG, PNG (200 dpi) and PDF:
# the legs drawn as great circles (GMT's default for geographic lines),
# coloured by route, dotted / dash-dot by mode and evidence as routemap does,
# a direction arrow on each leg, place markers (route ends larger) and labels
# with a halo, on the Lambert conformal conic that routemap fits (-JL, region
# and parameters computed by _common.py gmt-seed, with pyproj), over Natural
# Earth 1:50m land and country borders (converted once to GMT text and
# cached), a 10-degree graticule, a legend, title, subtitle and credit.
#
#   bash gmt_seed.sh OUT.png [OUT.pdf]     # one GMT session; all outputs must share a stem
#   DATASET=routes/other bash gmt_seed.sh OUT.pdf
#
# The whole script is what to time.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUT.png|OUT.pdf [OUT.pdf|OUT.png]" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
stem="${1%.*}"
fmts=""
for out in "$@"; do
    ext="${out##*.}"
    case "$ext" in png|pdf) ;; *) echo "gmt_seed.sh: $out: the suffix must be .png or .pdf" >&2; exit 2 ;; esac
    [ "${out%.*}" = "$stem" ] || { echo "gmt_seed.sh: outputs must share one name: $1 and $out" >&2; exit 2; }
    fmts="${fmts:+$fmts,}$ext"
done
mkdir -p "$(dirname "$stem")"
name="$(cd "$(dirname "$stem")" && pwd)/$(basename "$stem")"
PYTHON="${PYTHON:-python3}"
dataset="$(cd "${DATASET:-$here/../../routes/donbas-workers}" && pwd)"
atlas="${WORLD_ATLAS:-$here/../../../shared/data/world-atlas}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/routemap-bench-others"
mkdir -p "$cache"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for f in land-50m countries-50m; do
    if [ ! -s "$cache/$f.gmt" ] || [ "$atlas/$f.geojson" -nt "$cache/$f.gmt" ]; then
        "$PYTHON" "$here/_common.py" gmt-geojson "$atlas/$f.geojson" "$cache/$f.gmt.tmp"
        mv "$cache/$f.gmt.tmp" "$cache/$f.gmt"
    fi
done
"$PYTHON" "$here/_common.py" gmt-seed "$dataset" "$tmp"
# shellcheck disable=SC1091
. "$tmp/params.sh"   # J, R, TITLE, SUBTITLE, CREDIT

cd "$tmp"
export GMT_SESSION_NAME="seed$$"
# PNG at 200 dpi like routemap's; ALLOWPSTRANSPARENCY as in gmt_world.sh.
gmt begin "$name" "$fmts" E200,C-dALLOWPSTRANSPARENCY
    gmt set MAP_FRAME_TYPE plain MAP_FRAME_PEN 0.8p,#555555 FONT_ANNOT_PRIMARY 7p,Helvetica,#555555 \
        MAP_GRID_PEN_PRIMARY 0.4p,#c9c9c9 FONT_TITLE 16p,Helvetica-Bold FONT_SUBTITLE 10.5p,Helvetica,#444444 \
        MAP_TITLE_OFFSET 6p FONT_LABEL 7p
    gmt basemap $R $J -B+g#dde9f3+t"$TITLE"+s"$SUBTITLE"
    gmt plot $R $J "$cache/land-50m.gmt" -G#f4f2ec -W0.4p,#9fb7c9
    gmt plot $R $J "$cache/countries-50m.gmt" -W0.4p,#b5ada0
    gmt basemap $R $J -Bxa10g10 -Bya10g10 -BWS
    gmt plot $R $J legs.gmt
    # Arrows, one gmt call per colour; labels in two calls (left / right of the
    # marker), font and justification per record, "=~" drawing the halo under the fill.
    for colour in $(awk '{print $5}' arrows.gmt | sort -u); do
        awk -v c="$colour" '$5 == c {print $1, $2, $3, $4}' arrows.gmt | gmt plot $R $J -S=8p+e+h0.5 -G"$colour" -W1p,"$colour"
    done
    cat places.txt ends.txt | awk '{print $1, $2}' | gmt plot $R $J -Sc0.1i -Gwhite -W1.5p,#222222
    awk '{print $1, $2}' ends.txt | gmt plot $R $J -Sc0.13i -G#222222 -W1.5p,#222222
    awk '{print $1, $2}' ends.txt | gmt plot $R $J -Sc0.04i -Gwhite
    for just in LB RB; do
        if [ "$just" = RB ]; then off=-0.1i/0.06i; else off=0.1i/0.06i; fi
        cat places.txt ends.txt | awk -v j="$just" '$4 == j {printf "%s %s %s,#222222=~3p,white %s", $1, $2, $3, $4; for (i = 5; i <= NF; i++) printf " %s", $i; print ""}' |
            gmt text $R $J -F+f+j -D"$off"
    done
    gmt legend $R $J legend.txt -DjBL+w2.6i+o0.1i -F+gwhite@5+p0.5p,#cccccc --FONT_ANNOT_PRIMARY=9p,Helvetica,#222222
    printf '%s\n' "$CREDIT" | gmt text $R $J -F+cBL+f7p,Helvetica,#444444+jTL -D0/-0.3i -N
gmt end
