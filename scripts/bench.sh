#!/usr/bin/env bash
# Whole-process benchmarks of routemap, and of the tools users would otherwise
# pick (GMT, matplotlib, networkx) on the same maps and path queries, in one
# run, with ratios. Prints medians of several runs (hyperfine) and peak memory
# (GNU time), then a Markdown table like the one in BENCHMARKS.md.
#
#   bash scripts/bench.sh              # everything (peers installed if possible)
#   bash scripts/bench.sh --no-peers   # routemap only
#   RUNS=3 bash scripts/bench.sh       # fewer runs of each command
#
# Needs ../shared/data (OpenFlights, world-atlas) beside the repository, or
# OPENFLIGHTS=DIR. Function-level figures (geodesic distances per second on
# one core, legs parsed per second) come from `cargo bench --features bench --bench core`,
# which this script also runs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
peers=1
for a in "$@"; do
    case "$a" in
        --no-peers) peers=0 ;;
        *) echo "usage: $0 [--no-peers]" >&2; exit 2 ;;
    esac
done
RUNS="${RUNS:-10}"
SLOW_RUNS="${SLOW_RUNS:-5}"
data="${OPENFLIGHTS:-$repo/../shared/data/openflights}"
[ -f "$data/routes.dat" ] || { echo "bench.sh: $data/routes.dat not found (set OPENFLIGHTS)" >&2; exit 2; }

echo "== building (release)" >&2
cargo build --release --quiet
rm_bin="$repo/target/release/routemap"
if ! command -v hyperfine >/dev/null || ! [ -x /usr/bin/time ]; then
    (apt-get install -y -q hyperfine time >/dev/null 2>&1 ||
        (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q hyperfine time >/dev/null 2>&1)) ||
        { echo "bench.sh: hyperfine and GNU time are needed" >&2; exit 2; }
fi
have_peer() { [ "$peers" = 1 ] && grep -q "^$1 yes" "$work/tools.txt"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: >"$work/tools.txt"
if [ "$peers" = 1 ]; then
    echo "== installing peer tools where possible" >&2
    bash scripts/bench-others/install.sh >"$work/tools.txt" || true
    cat "$work/tools.txt" >&2
fi

echo "== inputs" >&2
"$rm_bin" import openflights --airports "$data/airports.dat" --routes "$data/routes.dat" \
    -o "$work/openflights" 2>/dev/null
# One million legs between the OpenFlights airports (fixed seed), for the loader.
python3 - "$work/openflights/places.csv" "$work/million" <<'PY'
import csv, os, random, sys
places, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
ids = [r["id"] for r in csv.DictReader(open(places, encoding="utf-8"))]
random.seed(2026)
with open(os.path.join(out, "places.csv"), "w", encoding="utf-8") as f:
    f.write(open(places, encoding="utf-8").read())
with open(os.path.join(out, "dataset.toml"), "w") as f:
    f.write('title = "One million random legs between OpenFlights airports (benchmark input)"\n')
with open(os.path.join(out, "legs.csv"), "w") as f:
    f.write("route,from,to,mode,evidence\n")
    for _ in range(1_000_000):
        a, b = random.sample(ids, 2)
        f.write(f",{a},{b},air,reported\n")
PY

# bench NAME RUNS COMMAND: hyperfine median and range (s), then peak RSS (MB)
# of one more run; appends "NAME median min max rss" to results.txt.
bench() {
    local name="$1" runs="$2" cmd="$3"
    echo "== $name" >&2
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/$name.json" \
        --output null "$cmd" >/dev/null
    local rss
    /usr/bin/time -o "$work/rss" -f "%M" bash -c "$cmd" >/dev/null 2>&1
    rss=$(tail -1 "$work/rss")
    python3 - "$work/$name.json" "$name" "$rss" >>"$work/results.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(sys.argv[2], r["median"], r["min"], r["max"], int(sys.argv[3]) / 1024)
PY
}

o="$work/out"
mkdir -p "$o"
rm_paths="$rm_bin paths $work/openflights --pairs bench/pairs-32.csv -k 5 --by distance --format json"
bench load_1M_legs "$SLOW_RUNS" "$rm_bin check $work/million"
bench paths_32_k5 "$RUNS" "$rm_paths"
bench seed_svg "$RUNS" "$rm_bin render routes/donbas-workers -o $o/seed.svg"
bench seed_png_pdf "$RUNS" "$rm_bin render routes/donbas-workers -o $o/seed.png && $rm_bin render routes/donbas-workers -o $o/seed.pdf"
bench world_png "$RUNS" "$rm_bin render $work/openflights --projection eqearth -o $o/world.png"
bench world_png_1200 "$RUNS" "$rm_bin render $work/openflights --projection eqearth --size 1200x620 --dpi 96 -o $o/world-1200.png"
bench world_svg "$RUNS" "$rm_bin render $work/openflights --projection eqearth -o $o/world.svg"
sizes="world.svg $(stat -c %s "$o/world.svg") world.png $(stat -c %s "$o/world.png")"

if have_peer networkx; then
    bench nx_paths_32_k5 3 "python3 scripts/bench-others/nx_paths.py -o $o/nx.json"
    $rm_paths >"$o/rm.json"
    python3 scripts/bench-others/nx_paths.py --check "$o/rm.json" >"$work/nx-check.txt" 2>&1 || true
fi
if have_peer matplotlib && have_peer pyproj; then
    bench mpl_seed_svg 3 "python3 scripts/bench-others/mpl_seed.py $o/mpl-seed.svg"
    bench mpl_seed_png_pdf 3 "python3 scripts/bench-others/mpl_seed.py $o/mpl-seed.png $o/mpl-seed.pdf"
    bench mpl_world_png 3 "python3 scripts/bench-others/mpl_world.py $o/mpl-world.png"
    bench mpl_world_svg 3 "python3 scripts/bench-others/mpl_world.py $o/mpl-world.svg"
    sizes="$sizes mpl-world.svg $(stat -c %s "$o/mpl-world.svg")"
fi
if have_peer gmt; then
    bench gmt_seed_png_pdf 3 "bash scripts/bench-others/gmt_seed.sh $o/gmt-seed.png $o/gmt-seed.pdf"
    bench gmt_world_png 3 "bash scripts/bench-others/gmt_world.sh $o/gmt-world.png"
    bench gmt_world_pdf 3 "bash scripts/bench-others/gmt_world.sh $o/gmt-world.pdf"
    sizes="$sizes gmt-world.pdf $(stat -c %s "$o/gmt-world.pdf")"
fi

echo "== cargo bench --bench core" >&2
cargo bench --quiet --features bench --bench core 2>/dev/null >"$work/divan.txt" || true

python3 - "$work/results.txt" "$work/divan.txt" "$work/nx-check.txt" "$sizes" <<'PY'
import os, re, sys
res = {}
for line in open(sys.argv[1]):
    name, med, lo, hi, rss = line.split()
    res[name] = (float(med), float(lo), float(hi), float(rss))
divan = open(sys.argv[2]).read() if os.path.exists(sys.argv[2]) else ""
nx_check = open(sys.argv[3]).read().strip() if os.path.exists(sys.argv[3]) else ""
parts = sys.argv[4].split()
sizes = dict(zip(parts[::2], (int(x) for x in parts[1::2])))

def rate(bench):
    # divan's median throughput line follows the bench's time line.
    m = re.search(bench + r"[^\n]*\n[^\n]*?([\d.]+) (M|K|G)?item/s\s*│\s*([\d.]+) (M|K|G)?item/s\s*│\s*([\d.]+) (M|K|G)?item/s", divan)
    if not m:
        return None
    scale = {"K": 1e3, "M": 1e6, "G": 1e9, None: 1}[m.group(6)]
    return float(m.group(5)) * scale

def t(name):
    if name not in res:
        return "–"
    med, lo, hi, _ = res[name]
    return f"{med*1000:.0f} ms ({lo*1000:.0f}–{hi*1000:.0f})" if med < 10 else f"{med:.1f} s"

def mb(name):
    return f"{res[name][3]:.0f} MB" if name in res else "–"

def ratio(peer, ours):
    if peer in res and ours in res:
        return f"{res[peer][0] / res[ours][0]:.0f}×"
    return "–"

print("\n## routemap, whole processes (median of runs, min–max; peak RSS)\n")
print("| measurement | routemap | peak memory | target |")
print("| --- | --- | --- | --- |")
if "load_1M_legs" in res:
    lps = 1e6 / res["load_1M_legs"][0]
    print(f"| load: `check` of 1,000,000 legs (parse, validate, geodesic lengths, graph) | {t('load_1M_legs')} = {lps/1e6:.2f} M legs/s | {mb('load_1M_legs')} | ≥ 1 M legs/s |")
g = rate("geodesic_distance")
if g:
    print(f"| geodesic distances, one core (`cargo bench`, median) | {g/1e6:.2f} M/s | – | ≥ 1.5 M/s |")
p = rate("load_legs_100k")
if p:
    print(f"| legs.csv parsing alone, one core (`cargo bench`, median) | {p/1e6:.1f} M legs/s | – | – |")
print(f"| 32 OD pairs, k = 5, incl. load | {t('paths_32_k5')} | {mb('paths_32_k5')} | ≤ 200 ms |")
print(f"| seed map SVG | {t('seed_svg')} | {mb('seed_svg')} | ≤ 50 ms |")
print(f"| seed map PNG + PDF (two processes) | {t('seed_png_pdf')} | {mb('seed_png_pdf')} | – |")
print(f"| world map PNG, 2500×1667 (default size, 200 dpi) | {t('world_png')} | {mb('world_png')} | ≤ 500 ms, < 300 MB |")
print(f"| world map PNG, 1200×620 at 96 dpi | {t('world_png_1200')} | {mb('world_png_1200')} | – |")
svg_mb = sizes.get("world.svg", 0) / 1e6
print(f"| world map SVG | {t('world_svg')}, {svg_mb:.2f} MB | {mb('world_svg')} | < 10 MB |")

if any(k.startswith(("nx_", "mpl_", "gmt_")) for k in res):
    print("\n## The same jobs with other tools (median; ratio = their time / routemap's)\n")
    print("| job | tool | time | peak memory | ratio |")
    print("| --- | --- | --- | --- | --- |")
    rows = [
        ("32 OD pairs, k = 5, incl. load", "networkx (`nx_paths.py`)", "nx_paths_32_k5", "paths_32_k5"),
        ("seed map SVG", "matplotlib + pyproj", "mpl_seed_svg", "seed_svg"),
        ("seed map PNG + PDF", "matplotlib + pyproj", "mpl_seed_png_pdf", "seed_png_pdf"),
        ("seed map PNG + PDF", "GMT", "gmt_seed_png_pdf", "seed_png_pdf"),
        ("world map PNG, 1200×620", "matplotlib + pyproj", "mpl_world_png", "world_png_1200"),
        ("world map PNG, 1200×620", "GMT (Robinson)", "gmt_world_png", "world_png_1200"),
        ("world map SVG", "matplotlib + pyproj", "mpl_world_svg", "world_svg"),
        ("world map PDF (vs routemap SVG)", "GMT (Robinson)", "gmt_world_pdf", "world_svg"),
    ]
    for job, tool, peer, ours in rows:
        if peer in res:
            print(f"| {job} | {tool} | {t(peer)} | {mb(peer)} | {ratio(peer, ours)} |")
    if "mpl-world.svg" in sizes:
        print(f"\nWorld map SVG size: routemap {svg_mb:.2f} MB, matplotlib {sizes['mpl-world.svg']/1e6:.1f} MB.")
    if "gmt-world.pdf" in sizes:
        print(f"World map PDF size, GMT: {sizes['gmt-world.pdf']/1e6:.1f} MB.")
    if nx_check:
        print(f"\nnetworkx vs routemap paths: {nx_check.splitlines()[-1]}")
PY
