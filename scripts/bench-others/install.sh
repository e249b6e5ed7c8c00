#!/usr/bin/env bash
# Install the peer tools that the comparison benchmarks use, where this
# machine can: Debian's gmt + gmt-gshhg-low + ghostscript (GMT 6, the low-resolution
# GSHHG coastlines, and gs, which GMT needs for PNG and PDF), hyperfine, and from PyPI the versions pinned in
# requirements.txt (matplotlib, pyproj, networkx).
#
#   bash scripts/bench-others/install.sh        # prints "TOOL yes|no VERSION" lines
#
# Idempotent and quiet: what is already installed is not installed again, and
# install logs go to $LOG (default: a temporary file, removed on success).
# Always exits 0; a caller reads the "TOOL yes|no" lines on stdout to decide
# what to measure, e.g.  bash install.sh | awk '$2=="yes"{print $1}'.
# Needs root for apt-get (as on the project's machines); without it, apt steps
# are skipped and only what is present is reported.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-python3}"
own_log=0
if [ -z "${LOG:-}" ]; then LOG="$(mktemp)"; own_log=1; fi
export DEBIAN_FRONTEND=noninteractive

apt_install() {
    # apt_install PKG...: install missing Debian packages, updating the lists once if needed.
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || return 1
    [ "$(id -u)" = 0 ] || return 1
    apt-get install -y -q "${missing[@]}" >>"$LOG" 2>&1 && return 0
    apt-get update -q >>"$LOG" 2>&1 || true
    apt-get install -y -q "${missing[@]}" >>"$LOG" 2>&1
}

apt_install gmt gmt-gshhg-low ghostscript || echo "install.sh: apt-get could not install gmt gmt-gshhg-low ghostscript (log: $LOG)" >&2
apt_install hyperfine || echo "install.sh: apt-get could not install hyperfine (log: $LOG)" >&2

if ! "$PYTHON" -c 'import matplotlib, pyproj, networkx' >/dev/null 2>&1 ||
   ! "$PYTHON" - "$here/requirements.txt" >/dev/null 2>&1 <<'PY'
# exit 0 only if every pin in requirements.txt is installed at that version
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, want = line.split("==")
        if version(name) != want:
            sys.exit(1)
PY
then
    # Pinned first; if a pin cannot be had (another Python), take what PyPI serves.
    "$PYTHON" -m pip install -q --disable-pip-version-check -r "$here/requirements.txt" >>"$LOG" 2>&1 ||
        "$PYTHON" -m pip install -q --disable-pip-version-check matplotlib pyproj networkx >>"$LOG" 2>&1 ||
        echo "install.sh: pip could not install matplotlib pyproj networkx (log: $LOG)" >&2
fi

# Report: one line per tool, "NAME yes VERSION" or "NAME no".
if command -v gmt >/dev/null 2>&1 && v="$(gmt --version 2>/dev/null)" &&
   [ -n "$(ls "$(gmt --show-sharedir 2>/dev/null)"/coast/binned_GSHHS_l.nc 2>/dev/null)" ]; then
    echo "gmt yes $v"
else
    echo "gmt no"
fi
if command -v hyperfine >/dev/null 2>&1; then
    echo "hyperfine yes $(hyperfine --version 2>/dev/null | awk '{print $2}')"
else
    echo "hyperfine no"
fi
for mod in matplotlib pyproj networkx; do
    if v="$("$PYTHON" -c "import $mod; print($mod.__version__)" 2>/dev/null)"; then
        echo "$mod yes $v"
    else
        echo "$mod no"
    fi
done
[ "$own_log" = 1 ] && ! grep -qiE "^(E:|ERROR)" "$LOG" 2>/dev/null && rm -f "$LOG"
exit 0
