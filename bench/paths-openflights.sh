#!/usr/bin/env bash
# Benchmark (issue 3): load the imported OpenFlights network (3,266 airports,
# 37,123 legs) and answer the 32 origin-destination queries of
# bench/pairs-32.csv with k=5 by distance, in one process.
# Target: under 0.2 s in total on the project's 2-core machine.
#
#   bash bench/paths-openflights.sh     # needs ../shared/data/openflights and hyperfine
set -euo pipefail
cd "$(dirname "$0")/.."
data="${OPENFLIGHTS:-../shared/data/openflights}"
cargo build --release --quiet
if ! command -v hyperfine >/dev/null; then
    (apt-get install -y hyperfine >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null))
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
target/release/routemap import openflights --airports "$data/airports.dat" --routes "$data/routes.dat" -o "$out/openflights" 2>/dev/null
cmd="target/release/routemap paths $out/openflights --pairs bench/pairs-32.csv -k 5 --by distance --format json"
hyperfine --warmup 3 --runs 20 --output null --export-json "$out/result.json" "$cmd"
python3 - "$out/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"32 OD pairs, k=5, incl. load: mean {r['mean']*1000:.1f} ms, min {r['min']*1000:.1f} ms, max {r['max']*1000:.1f} ms (target < 200 ms)")
PY
