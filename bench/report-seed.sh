#!/usr/bin/env bash
# Benchmark: write the seed dataset's report bundle (map.svg, map.png at
# 200 dpi, map.pdf, comparison.md and .csv, report.html, report.md) as a whole
# release-mode process.
# Target (issue 5): under 300 ms on the project's 2-core machine.
#
#   bash bench/report-seed.sh          # needs hyperfine (installed if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/routemap"
if ! command -v hyperfine >/dev/null; then
    (apt-get install -y hyperfine >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null))
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs 30 --export-json "$out/result.json" \
    "$bin report routes/donbas-workers -o $out/report"
python3 - "$out/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"report bundle for the seed dataset: mean {r['mean']*1000:.1f} ms, min {r['min']*1000:.1f} ms, max {r['max']*1000:.1f} ms (target < 300 ms)")
PY
