#!/usr/bin/env bash
# Benchmark: `routemap quick` as a whole release-mode process (gazetteer
# decoded, names looked up, map drawn, table printed), and `check` of the
# seed dataset, which never touches the gazetteer, for comparison.
#
#   bash bench/quick.sh          # needs hyperfine (installed if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
if ! command -v hyperfine >/dev/null; then
    (apt-get install -y hyperfine >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null))
fi
bin="${CARGO_TARGET_DIR:-target}/release/routemap"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs 30 --export-json "$out/result.json" \
    "$bin check routes/donbas-workers" \
    "$bin quick FNJ-VVO-SVO-ROV -o $out/codes.svg" \
    "$bin quick 'Pyongyang-Vladivostok-Moscow-Donetsk, Vladivostok-Volgograd-Donetsk' -o $out/names.svg"
python3 - "$out/result.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command'][:70]:70}  mean {r['mean']*1000:.1f} ms  (min {r['min']*1000:.1f}, max {r['max']*1000:.1f})")
PY
