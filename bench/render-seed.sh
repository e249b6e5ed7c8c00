#!/usr/bin/env bash
# Benchmark: render the seed map to SVG as a whole release-mode process.
# Target (issue 2): under 100 ms on the project's 2-core machine.
#
#   bash bench/render-seed.sh          # needs hyperfine (installed if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
if ! command -v hyperfine >/dev/null; then
    (apt-get install -y hyperfine >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null))
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs 30 --export-json "$out/result.json" \
    "target/release/routemap render routes/donbas-workers -o $out/map.svg"
python3 - "$out/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"render seed map: mean {r['mean']*1000:.1f} ms, min {r['min']*1000:.1f} ms, max {r['max']*1000:.1f} ms (target < 100 ms)")
PY
