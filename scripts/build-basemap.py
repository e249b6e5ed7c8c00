#!/usr/bin/env python3
"""Build routemap's embedded base-map layers beyond world-atlas 50m/110m:

  assets/basemap/countries-10m.rmt.deflate   Natural Earth 1:10m land and countries
  assets/basemap/countries-50m.rmt.deflate   the same at 1:50m
  assets/basemap/countries-110m.rmt.deflate  the same at 1:110m
  assets/basemap/lakes-10m.rmf.deflate       Natural Earth 1:10m lakes
  assets/basemap/lakes-50m.rmf.deflate       Natural Earth 1:50m lakes
  assets/basemap/rivers-10m.rmf.deflate      Natural Earth 1:10m rivers and lake centrelines
  assets/basemap/rivers-50m.rmf.deflate      Natural Earth 1:50m rivers and lake centrelines

Reproducible: the inputs are pinned by sha256, the outputs are written in
input order with fixed compression settings (raw deflate, level 9). Run from
the repository root:

    (cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz)
    python3 scripts/build-basemap.py --world-atlas /tmp/package \
        --natural-earth ../shared/data/natural-earth

Inputs
------
* npm world-atlas 2.0.2 (ISC; Natural Earth 4.1.0): countries-10m.json,
  countries-50m.json and countries-110m.json.
* ../shared/data/natural-earth (see its README): ne_10m_lakes (NE 4.0.0),
  ne_50m_lakes (NE 5.1.x), ne_10m/ne_50m_rivers_lake_centerlines, and
  ne_10m_admin_0_countries_deu_UKR_RUS (German point of view, NE 5.1.1).

Formats (all integers little-endian; "varint" is LEB128, "zigzag" maps
signed to unsigned as protobuf does)
------------------------------------------------------------------------
RMT1, a binary TopoJSON (same arcs, same quantisation as the source):
  b"RMT1", 4 x f64 (scale x, scale y, translate x, translate y),
  varint arc count, then per arc: varint point count, zigzag dx, dy pairs
  (deltas, the first from 0, as TopoJSON's quantised arcs);
  then "land": varint geometry count, each a varint polygon count, each a
  varint ring count, each a varint arc count and zigzag arc indices (~i is
  arc i reversed, as in TopoJSON); then "countries": the same, each geometry
  preceded by a u16 ISO 3166 numeric id (0 where world-atlas has none).

RMF1, named features:
  b"RMF1", f64 degrees per unit, varint feature count, then per feature:
  u8 scalerank, u8 min_zoom x 10, varint name length, UTF-8 name (English,
  may be empty), varint part count; per part (a polygon, or a line) a varint
  ring count (1 for a line), per ring a varint point count and zigzag
  lon/lat deltas in units (the first point from 0, each ring continuing
  from the previous ring's last point). Rings are not closed.

Rules
-----
* countries-*: every arc and geometry, unchanged (lossless re-encoding;
  decoding RMT1 is several times faster than parsing the JSON).
* Lakes and rivers are simplified (Douglas-Peucker) to a tolerance far
  below a pixel at the scales each file is drawn at, then quantised:
  10m to 0.002 deg tolerance on a 0.001 deg grid, 50m to 0.01 deg on a
  0.002 deg grid. Rings left with fewer than 3 points and lines with fewer
  than 2 are dropped. Features of class "Canal" are left out; "Lake
  Centerline" features are kept so that rivers run through reservoirs.
* Points of view: world-atlas (NE 4.1.0, de facto) puts Crimea inside
  Russia. routemap draws recognised borders by dropping the border arcs
  shared by Russia (643) and Ukraine (804) that lie wholly south of 46.5 N.
  This script checks that rule against the German point-of-view file at
  every resolution: each dropped arc lies inside (or within 0.1 deg of) the
  German-POV Ukraine, which holds Crimea, and (34.1 E, 45.0 N) is inside it.
"""

import argparse
import gzip
import hashlib
import json
import math
import os
import struct
import sys
import zlib

WORLD_ATLAS_SHA256 = {
    "countries-10m.json": "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79",
    "countries-50m.json": None,  # checked against assets/README.md's copy below
    "countries-110m.json": None,
}
PINNED = {
    # world-atlas 2.0.2, as embedded byte for byte before issue 15
    "countries-50m.json": "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394",
    "countries-110m.json": "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
}
NE_FILES = [
    "ne_10m_lakes.geojson.gz",
    "ne_50m_lakes.geojson.gz",
    "ne_10m_rivers_lake_centerlines.geojson.gz",
    "ne_50m_rivers_lake_centerlines.geojson.gz",
    "ne_10m_admin_0_countries_deu_UKR_RUS.geojson.gz",
]
RUS, UKR = 643, 804
CRIMEA_MAX_LAT = 46.5


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def check_ne(folder):
    sums = {}
    with open(os.path.join(folder, "SHA256SUMS")) as f:
        for line in f:
            digest, name = line.split()
            sums[name] = digest
    for name in NE_FILES:
        got = sha256(os.path.join(folder, name))
        if got != sums[name]:
            sys.exit(f"{name}: sha256 {got}, expected {sums[name]}")


def varint(n, out):
    assert n >= 0
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def zigzag(n, out):
    varint((n << 1) if n >= 0 else ((-n << 1) - 1), out)


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return c.compress(bytes(data)) + c.flush()


# --- countries-10m as RMT1 -------------------------------------------------


def write_rmt(topo):
    out = bytearray(b"RMT1")
    t = topo["transform"]
    out += struct.pack("<4d", t["scale"][0], t["scale"][1], t["translate"][0], t["translate"][1])
    varint(len(topo["arcs"]), out)
    for arc in topo["arcs"]:
        varint(len(arc), out)
        for dx, dy in arc:
            zigzag(dx, out)
            zigzag(dy, out)

    def geometry(g):
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            polys = []
        varint(len(polys), out)
        for rings in polys:
            varint(len(rings), out)
            for ring in rings:
                varint(len(ring), out)
                for i in ring:
                    zigzag(i, out)

    land = topo["objects"]["land"]["geometries"]
    varint(len(land), out)
    for g in land:
        geometry(g)
    countries = topo["objects"]["countries"]["geometries"]
    varint(len(countries), out)
    for g in countries:
        out += struct.pack("<H", int(g.get("id", "0") or 0))
        geometry(g)
    return out


def decode_arcs(topo):
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            if t:
                x += dx
                y += dy
                pts.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]))
            else:
                pts.append((dx, dy))
        arcs.append(pts)
    return arcs


def crimea_arcs(topo):
    """Indices of arcs shared by Russia and Ukraine wholly south of 46.5 N."""
    users = {}
    for g in topo["objects"]["countries"]["geometries"]:
        gid = int(g.get("id", "0") or 0)
        polys = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs", []) if g["type"] == "MultiPolygon" else []
        for rings in polys:
            for ring in rings:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(gid)
    arcs = decode_arcs(topo)
    return [
        (i, arcs[i])
        for i, u in sorted(users.items())
        if u == {RUS, UKR} and max(p[1] for p in arcs[i]) < CRIMEA_MAX_LAT
    ]


def inside(pt, rings):
    x, y = pt
    c = False
    for ring in rings:
        n = len(ring)
        for k in range(n):
            (x1, y1), (x2, y2) = ring[k], ring[(k + 1) % n]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) / (y2 - y1) * (x2 - x1):
                c = not c
    return c


def seg_dist(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / L))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def check_crimea(world_atlas, ne):
    deu = json.load(gzip.open(os.path.join(ne, "ne_10m_admin_0_countries_deu_UKR_RUS.geojson.gz")))
    ukr = next(f for f in deu["features"] if f["properties"]["ADM0_A3"] == "UKR")
    g = ukr["geometry"]
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    rings = [r for p in polys for r in p]
    near = [r for r in rings if any(30 < x < 38 and 44 < y < 47 for x, y in r)]
    if not inside((34.1, 45.0), rings):
        sys.exit("German-POV Ukraine does not hold (34.1 E, 45.0 N)")
    for name in ["countries-10m.json", "countries-50m.json", "countries-110m.json"]:
        topo = json.load(open(os.path.join(world_atlas, name)))
        found = crimea_arcs(topo)
        if not found:
            sys.exit(f"{name}: no Russia-Ukraine border arc south of {CRIMEA_MAX_LAT} N")
        for i, pts in found:
            for p in pts:
                if inside(p, rings):
                    continue
                d = min(seg_dist(p, r[k], r[(k + 1) % len(r)]) for r in near for k in range(len(r)))
                if d > 0.1:
                    sys.exit(f"{name}: arc {i} point {p} is {d:.3f} deg outside German-POV Ukraine")
        print(f"{name}: {len(found)} Crimea border arc(s) checked: inside German-POV Ukraine", file=sys.stderr)


# --- lakes and rivers as RMF1 --------------------------------------------


def simplify(pts, tol, closed):
    """Douglas-Peucker; a closed ring keeps its first point and the point farthest from it."""
    n = len(pts)
    if n <= 2:
        return pts
    keep = [False] * n
    keep[0] = keep[-1] = True
    if closed:
        far = max(range(n), key=lambda k: (pts[k][0] - pts[0][0]) ** 2 + (pts[k][1] - pts[0][1]) ** 2)
        keep[far] = True
        stack = [(0, far), (far, n - 1)]
    else:
        stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        best, bi = -1.0, -1
        for k in range(a + 1, b):
            d = seg_dist(pts[k], pts[a], pts[b])
            if d > best:
                best, bi = d, k
        if best > tol:
            keep[bi] = True
            stack.append((a, bi))
            stack.append((bi, b))
    return [p for p, k in zip(pts, keep) if k]


def write_rmf(features, tol, unit):
    out = bytearray(b"RMF1")
    out += struct.pack("<d", unit)
    body = bytearray()
    count = 0
    last = (0, 0)
    for rank, zoom, name, parts, closed in features:
        enc_parts = []
        for rings in parts:
            enc_rings = []
            for ring in rings:
                if closed and len(ring) > 1 and ring[0] == ring[-1]:
                    ring = ring[:-1]
                s = simplify(ring, tol, closed)
                q = []
                for x, y in s:
                    p = (round(x / unit), round(y / unit))
                    if not q or q[-1] != p:
                        q.append(p)
                if closed and len(q) > 1 and q[0] == q[-1]:
                    q.pop()
                if len(q) >= (3 if closed else 2):
                    enc_rings.append(q)
            if enc_rings:
                enc_parts.append(enc_rings)
        if not enc_parts:
            continue
        count += 1
        body.append(rank)
        body.append(zoom)
        nb = name.encode()
        varint(len(nb), body)
        body += nb
        varint(len(enc_parts), body)
        for rings in enc_parts:
            varint(len(rings), body)
            for q in rings:
                varint(len(q), body)
                for x, y in q:
                    zigzag(x - last[0], body)
                    zigzag(y - last[1], body)
                    last = (x, y)
    varint(count, out)
    return out + body, count


def ne_features(path, closed):
    d = json.load(gzip.open(path))
    feats = []
    for f in d["features"]:
        p = f["properties"]
        g = f["geometry"]
        if not g or p.get("featurecla") == "Canal":
            continue
        t, c = g["type"], g["coordinates"]
        if closed:
            parts = [c] if t == "Polygon" else c if t == "MultiPolygon" else []
        else:
            parts = [[c]] if t == "LineString" else [[l] for l in c] if t == "MultiLineString" else []
        rank = int(p.get("scalerank") or 0)
        zoom = int(round(float(p.get("min_zoom") or 0) * 10))
        name = (p.get("name") or "").strip()
        feats.append((rank, zoom, name, parts, closed))
    return feats


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--world-atlas", required=True, help="unpacked npm world-atlas 2.0.2 (its package/ folder)")
    ap.add_argument("--natural-earth", required=True, help="../shared/data/natural-earth")
    ap.add_argument("--out", default="assets/basemap")
    a = ap.parse_args()
    for name, digest in WORLD_ATLAS_SHA256.items():
        got = sha256(os.path.join(a.world_atlas, name))
        digest = digest or PINNED[name]
        if got != digest:
            sys.exit(f"{name}: sha256 {got}, expected {digest}")
    check_ne(a.natural_earth)
    check_crimea(a.world_atlas, a.natural_earth)
    os.makedirs(a.out, exist_ok=True)

    def put(name, data):
        z = deflate(data)
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(z)
        print(f"{name}: {len(data):,} -> {len(z):,} bytes, sha256 {hashlib.sha256(z).hexdigest()}", file=sys.stderr)

    for res in ["10m", "50m", "110m"]:
        topo = json.load(open(os.path.join(a.world_atlas, f"countries-{res}.json")))
        put(f"countries-{res}.rmt.deflate", write_rmt(topo))
    for kind, closed in [("lakes", True), ("rivers_lake_centerlines", False)]:
        for res, tol, unit in [("10m", 0.002, 0.001), ("50m", 0.01, 0.002)]:
            feats = ne_features(os.path.join(a.natural_earth, f"ne_{res}_{kind}.geojson.gz"), closed)
            data, n = write_rmf(feats, tol, unit)
            short = "lakes" if closed else "rivers"
            print(f"{short}-{res}: {n} features", file=sys.stderr)
            put(f"{short}-{res}.rmf.deflate", data)


if __name__ == "__main__":
    main()
