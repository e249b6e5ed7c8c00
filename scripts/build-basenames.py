#!/usr/bin/env python3
"""Build routemap's embedded base-map names: assets/basenames/basenames.tsv.deflate.

Country, sea/ocean and lake names with their label points, ranks, areas and
translations, from Natural Earth (public domain). Reproducible: the output is
sorted and written with fixed compression settings, from the gzip'd GeoJSON
files staged in ../shared/data/natural-earth (see the README there for their
sources, versions and sha256). Standard library only. Run from the
repository root:

    python3 scripts/build-basenames.py --ne ../shared/data/natural-earth

Inputs (file, NE version)
-------------------------
* ne_10m_admin_0_countries_label_points.geojson.gz (5.1.2): LABEL_X/LABEL_Y,
  NAME, NAME_EN and every NAME_xx, LABELRANK, MIN_LABEL.
* ne_10m_admin_0_countries.geojson.gz (5.1.2): each country's area, joined
  by NE_ID (the same file the label points come from).
* ne_10m_geography_marine_polys.geojson.gz (4.0.0): name, name_fr,
  featurecla, scalerank, min_label. NE 4.0.0 marine polygons have English
  and French names only.
* ne_50m_lakes.geojson.gz (5.1.x): name, name_xx, scalerank, min_label;
  named lakes with min_label <= 5 only.

Label points
------------
Countries use Natural Earth's own LABEL_X/LABEL_Y. Seas and lakes use the
pole of inaccessibility (the point inside the polygon farthest from its
edge, found by the polylabel algorithm on the feature's largest polygon, in
a plane where a degree of longitude is cos(latitude) of a degree of
latitude). A sea wider or taller than 5 degrees also gets the pole of each
5-degree tile of it whose inside circle is at least 1.2 degrees across;
oceans, and countries of more than a million km2, the same for 10-degree
tiles, and countries of more than 20,000 km2 for 3-degree tiles (with an
inside circle of at least 0.36 degrees: the minimum scales with the tile), so
that a regional map showing part of the North Pacific, the Caspian, China,
or England and northern France can still name it; the renderer draws each
name once.

Format (UTF-8 text, then raw deflate, level 9)
----------------------------------------------
    #routemap-basenames 1
    langs<TAB>en<TAB>ar<TAB>...          the name columns, English first
    KIND<TAB>RANK<TAB>MIN_LABEL<TAB>AREA_KM2<TAB>POINTS<TAB>NAME_en<TAB>NAME_ar...

KIND is C (country), O (ocean), S (sea, gulf, bay, strait and other marine
names) or L (lake); RANK is LABELRANK (countries) or scalerank; AREA_KM2 is
the feature's area on the sphere (R = 6371.0088 km), three significant
digits; POINTS is lon,lat[,r][;lon,lat,r...] in degrees, two decimals, the main
label point first; r (seas, lakes and countries' tiles) is the radius of the largest circle
round the point inside the feature, in degrees of latitude. An empty name means "no translation" (the renderer falls
back to English). Rows are sorted by kind, rank, area (largest first) and
English name.
"""

import argparse
import gzip
import heapq
import json
import math
import os
import sys
import zlib

R_KM = 6371.0088
LANGS = ["en", "ar", "bn", "de", "el", "es", "fa", "fr", "he", "hi", "hu", "id",
         "it", "ja", "ko", "nl", "pl", "pt", "ru", "sv", "tr", "uk", "ur", "vi",
         "zh", "zht"]
TILE_DEG = 10.0
SEA_TILE_DEG = 5.0
BIG_COUNTRY_KM2 = 1.0e6
MID_COUNTRY_KM2 = 2.0e4
MID_TILE_DEG = 3.0
MIN_TILE_RADIUS_DEG = 0.6
MAX_VERTICES = 600


def load(ne, name):
    with gzip.open(os.path.join(ne, name + ".geojson.gz"), "rt", encoding="utf-8") as f:
        return json.load(f)["features"]


def polygons(geom):
    if geom is None:
        return []
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    return []


def ring_area_km2(ring):
    """Signed area of a lon/lat ring on the sphere."""
    s = 0.0
    for (l1, p1), (l2, p2) in zip(ring, ring[1:] + ring[:1]):
        s += math.radians(l2 - l1) * (2 + math.sin(math.radians(p1)) + math.sin(math.radians(p2)))
    return s * R_KM * R_KM / 2.0


def polygon_area_km2(poly):
    outer = abs(ring_area_km2(poly[0]))
    holes = sum(abs(ring_area_km2(r)) for r in poly[1:])
    return max(outer - holes, 0.0)


def sig3(x):
    if x <= 0:
        return 0
    d = 3 - int(math.floor(math.log10(x))) - 1
    return int(round(x, d)) if d < 0 else int(round(x))


def clean(s):
    if s is None:
        return ""
    s = " ".join(str(s).split())
    return s.replace("\t", " ")


# --- polylabel (Mapbox's algorithm), on rings in a local plane -------------

def decimate(ring):
    if len(ring) <= MAX_VERTICES:
        return ring
    step = len(ring) / MAX_VERTICES
    return [ring[int(i * step)] for i in range(MAX_VERTICES)]


def seg_dist2(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    if dx or dy:
        t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
        if t > 1:
            ax, ay = bx, by
        elif t > 0:
            ax, ay = ax + dx * t, ay + dy * t
    dx, dy = px - ax, py - ay
    return dx * dx + dy * dy


def signed_dist(x, y, rings):
    inside = False
    best = math.inf
    for ring in rings:
        n = len(ring)
        j = n - 1
        for i in range(n):
            ax, ay = ring[i]
            bx, by = ring[j]
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            best = min(best, seg_dist2(x, y, ax, ay, bx, by))
            j = i
    d = math.sqrt(best)
    return d if inside else -d


def polylabel(rings, precision):
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    w, h = maxx - minx, maxy - miny
    size = min(w, h)
    if size == 0:
        return (minx, miny), 0.0
    h2 = size / 2
    heap = []
    counter = 0

    def push(cx, cy, half):
        nonlocal counter
        d = signed_dist(cx, cy, rings)
        mx = d + half * math.sqrt(2)
        heapq.heappush(heap, (-mx, counter, cx, cy, half, d))
        counter += 1

    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            push(x + h2, y + h2, h2)
            y += size
        x += size
    # centroid-ish start: the bbox centre
    bc = ((minx + maxx) / 2, (miny + maxy) / 2)
    best = (bc, signed_dist(bc[0], bc[1], rings))
    while heap:
        negmax, _, cx, cy, half, d = heapq.heappop(heap)
        if d > best[1]:
            best = ((cx, cy), d)
        if -negmax - best[1] <= precision:
            continue
        half /= 2
        for dx in (-half, half):
            for dy in (-half, half):
                push(cx + dx, cy + dy, half)
    return best


def pole(poly):
    """Pole of inaccessibility of a lon/lat polygon: ((lon, lat), radius in degrees of latitude)."""
    lat0 = sum(p[1] for p in poly[0]) / len(poly[0])
    k = max(math.cos(math.radians(lat0)), 0.05)
    rings = [[(p[0] * k, p[1]) for p in decimate(r)] for r in poly]
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    precision = max(max(xs) - min(xs), max(ys) - min(ys)) / 100.0
    (x, y), d = polylabel(rings, precision)
    return (x / k, y), d


def clip_ring(ring, x0, y0, x1, y1):
    """Sutherland-Hodgman clip of a ring to a box."""
    def clip(pts, inside, cross):
        out = []
        for i, p in enumerate(pts):
            q = pts[i - 1]
            if inside(p):
                if not inside(q):
                    out.append(cross(q, p))
                out.append(p)
            elif inside(q):
                out.append(cross(q, p))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    pts = [tuple(p[:2]) for p in ring]
    for inside, cross in (
        (lambda p: p[0] >= x0, at_x(x0)),
        (lambda p: p[0] <= x1, at_x(x1)),
        (lambda p: p[1] >= y0, at_y(y0)),
        (lambda p: p[1] <= y1, at_y(y1)),
    ):
        if not pts:
            break
        pts = clip(pts, inside, cross)
    return pts


def label_points(geom, tiles, tile_deg=TILE_DEG):
    polys = polygons(geom)
    if not polys:
        return []
    polys = [[[tuple(p[:2]) for p in r] for r in poly] for poly in polys]
    main = max(polys, key=polygon_area_km2)
    p, d = pole(main)
    pts = [(p[0], p[1], d)]
    if not tiles:
        return pts
    xs = [p[0] for poly in polys for p in poly[0]]
    ys = [p[1] for poly in polys for p in poly[0]]
    if max(xs) - min(xs) <= tile_deg and max(ys) - min(ys) <= tile_deg:
        return pts
    x = math.floor(min(xs) / tile_deg) * tile_deg
    while x < max(xs):
        y = math.floor(min(ys) / tile_deg) * tile_deg
        while y < max(ys):
            best = None
            for poly in polys:
                rings = [clip_ring(decimate(r), x, y, x + tile_deg, y + tile_deg) for r in poly]
                if len(rings[0]) < 3:
                    continue
                rings = [r for r in rings if len(r) >= 3]
                p, d = pole(rings)
                if d >= MIN_TILE_RADIUS_DEG * tile_deg / TILE_DEG * 2.0 ** (tile_deg < TILE_DEG) \
                        and (best is None or d > best[1]):
                    best = (p, d)
            if best is not None:
                pts.append((best[0][0], best[0][1], best[1]))
            y += tile_deg
        x += tile_deg
    return pts


def fmt_points(pts):
    return ";".join(",".join(f"{v:.2f}" for v in p) for p in pts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ne", default="../shared/data/natural-earth")
    ap.add_argument("--out", default="assets/basenames/basenames.tsv.deflate")
    args = ap.parse_args()

    rows = []
    # Countries.
    area_by_id = {}
    tiles_by_id = {}
    for f in load(args.ne, "ne_10m_admin_0_countries"):
        p = f["properties"]
        area = sum(polygon_area_km2(poly) for poly in polygons(f["geometry"]))
        area_by_id[p["NE_ID"]] = area
        if area > BIG_COUNTRY_KM2:
            tiles_by_id[p["NE_ID"]] = label_points(f["geometry"], tiles=True)[1:]
        elif area > MID_COUNTRY_KM2:
            tiles_by_id[p["NE_ID"]] = label_points(f["geometry"], tiles=True,
                                                   tile_deg=MID_TILE_DEG)[1:]
    for f in load(args.ne, "ne_10m_admin_0_countries_label_points"):
        p = f["properties"]
        en = clean(p.get("NAME")) or clean(p.get("NAME_EN"))
        if not en or p.get("LABEL_X") is None:
            continue
        names = [en] + [clean(p.get("NAME_" + l.upper())) for l in LANGS[1:]]
        area = area_by_id.get(p["NE_ID"])
        if area is None:
            sys.exit(f"no country polygon for {en} (NE_ID {p['NE_ID']})")
        pts = [(p["LABEL_X"], p["LABEL_Y"])] + tiles_by_id.get(p["NE_ID"], [])
        rows.append(("C", int(p["LABELRANK"]), float(p["MIN_LABEL"]), sig3(area),
                     fmt_points(pts), names))
    # Seas and oceans.
    for f in load(args.ne, "ne_10m_geography_marine_polys"):
        p = f["properties"]
        en = clean(p.get("name"))
        if not en:
            continue
        kind = "O" if p["featurecla"] == "ocean" else "S"
        names = [en] + [clean(p.get("name_fr")) if l == "fr" else "" for l in LANGS[1:]]
        area = sum(polygon_area_km2(poly) for poly in polygons(f["geometry"]))
        pts = label_points(f["geometry"], tiles=True,
                           tile_deg=TILE_DEG if kind == "O" else SEA_TILE_DEG)
        if not pts:
            continue
        rows.append((kind, int(p["scalerank"]), float(p["min_label"]), sig3(area),
                     fmt_points(pts), names))
    # Lakes.
    for f in load(args.ne, "ne_50m_lakes"):
        p = f["properties"]
        en = clean(p.get("name")) or clean(p.get("name_en"))
        if not en or p.get("min_label") is None or float(p["min_label"]) > 5.0:
            continue
        names = [en] + [clean(p.get("name_" + l)) for l in LANGS[1:]]
        area = sum(polygon_area_km2(poly) for poly in polygons(f["geometry"]))
        pts = label_points(f["geometry"], tiles=False)
        if not pts:
            continue
        rows.append(("L", int(p["scalerank"]), float(p["min_label"]), sig3(area),
                     fmt_points(pts), names))

    order = {"C": 0, "O": 1, "S": 2, "L": 3}
    rows.sort(key=lambda r: (order[r[0]], r[1], -r[3], r[5][0], r[4]))
    lines = ["#routemap-basenames 1", "langs\t" + "\t".join(LANGS)]
    for kind, rank, min_label, area, pts, names in rows:
        lines.append("\t".join([kind, str(rank), f"{min_label:g}", str(area), pts] + names))
    text = ("\n".join(lines) + "\n").encode("utf-8")
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    data = c.compress(text) + c.flush()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"{args.out}: {len(rows)} names, {len(text)} bytes of text, {len(data)} deflated",
          file=sys.stderr)


if __name__ == "__main__":
    main()
