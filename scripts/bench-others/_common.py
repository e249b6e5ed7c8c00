"""Shared by the peer benchmark scripts: paths, and OpenFlights loading as routemap's importer does it.

    python3 _common.py gmt-routes OUT.txt           # every directed pair as a 2-point GMT segment
    python3 _common.py gmt-geojson IN.geojson OUT   # GeoJSON (Multi)Polygon rings as GMT segments
    python3 _common.py gmt-seed DATASET OUTDIR      # tables + params.sh for gmt_seed.sh (needs pyproj)
"""

import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))
DATA = os.environ.get("OPENFLIGHTS", os.path.join(SHARED, "openflights"))
ATLAS = os.environ.get("WORLD_ATLAS", os.path.join(SHARED, "world-atlas"))


def null(value):
    value = value.strip()
    return None if value in ("", "\\N") else value


def is_code(code, n):
    return code is not None and len(code) == n and all(c.isdigit() or ("A" <= c <= "Z") for c in code)


def read_airports(path):
    """id -> (iata or None, lon, lat or None); iata -> id; icao -> id (first row wins)."""
    airports, by_iata, by_icao = {}, {}, {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) != 14:
                sys.exit(f"nx_paths.py: {path}: row with {len(row)} fields (expected 14): {row!r}")
            aid = int(row[0])
            iata = null(row[4])
            iata = iata.upper() if iata else None
            iata = iata if is_code(iata, 3) else None
            icao = null(row[5])
            icao = icao.upper() if icao else None
            icao = icao if is_code(icao, 4) else None
            try:
                lat, lon = float(null(row[6]) or "nan"), float(null(row[7]) or "nan")
            except ValueError:
                lat = lon = math.nan
            ok = math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180 and (lat, lon) != (0.0, 0.0)
            airports[aid] = (iata, (lon + 0.0, lat + 0.0) if ok else None)
            if iata and iata not in by_iata:
                by_iata[iata] = aid
            if icao and icao not in by_icao:
                by_icao[icao] = aid
    return airports, by_iata, by_icao


def read_pairs_routemap(path, airports, by_iata, by_icao):
    """Directed pairs (from, to) and key -> (lon, lat), resolved as routemap's importer does."""
    resolved, skipped = [], 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) != 9:
                sys.exit(f"nx_paths.py: {path}: row with {len(row)} fields (expected 9): {row!r}")
            ends = []
            for code, aid in ((row[2], row[3]), (row[4], row[5])):
                code = null(code)
                code = code.upper() if code else None
                aid = null(aid)
                aid = int(aid) if aid is not None else None
                if aid is not None and aid in airports:
                    index, by_id = aid, True
                else:
                    index = (by_iata if code and len(code) == 3 else by_icao if code and len(code) == 4 else {}).get(code)
                    by_id = False
                    if index is None:
                        break
                iata, pos = airports[index]
                key = code if is_code(code, 3) else iata
                if key is None or pos is None:
                    break
                ends.append((key, index, by_id))
            if len(ends) == 2:
                resolved.append(ends)
            else:
                skipped += 1
    # Each code stands for one airport: the first found by id, else the first found by code.
    bound = {}
    for ends in resolved:
        for key, index, by_id in ends:
            slot = bound.get(key)
            if slot is None:
                bound[key] = (index, by_id)
            elif slot[0] != index and by_id and not slot[1]:
                bound[key] = (index, True)
    pairs = set()
    for (a, _, _), (b, _, _) in resolved:
        if a != b and bound[a][0] != bound[b][0]:
            pairs.add((a, b))
    coords = {k: airports[i][1] for k, (i, _) in bound.items()}
    return pairs, coords, skipped


def read_pairs_airports(path, airports):
    """Plain join by airport id, keyed by the IATA code airports.dat gives."""
    pairs, coords, skipped = set(), {}, 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            ends = []
            for aid in (row[3], row[5]):
                aid = null(aid)
                a = airports.get(int(aid)) if aid is not None else None
                if a is None or a[0] is None or a[1] is None:
                    break
                ends.append(a)
            if len(ends) != 2:
                skipped += 1
                continue
            (ka, pa), (kb, pb) = ends
            if ka != kb:
                pairs.add((ka, kb))
                coords[ka], coords[kb] = pa, pb
    return pairs, coords, skipped


def load_network(airports_path=None, routes_path=None, keying="routemap"):
    """(set of directed (from, to) IATA pairs, {IATA: (lon, lat)}, route rows skipped)."""
    airports_path = airports_path or os.path.join(DATA, "airports.dat")
    routes_path = routes_path or os.path.join(DATA, "routes.dat")
    airports, by_iata, by_icao = read_airports(airports_path)
    if keying == "routemap":
        return read_pairs_routemap(routes_path, airports, by_iata, by_icao)
    return read_pairs_airports(routes_path, airports)


def geojson_rings(path):
    """Every ring of every (Multi)Polygon of a GeoJSON FeatureCollection: [[(lon, lat), ...], ...]
    grouped per polygon: yields lists of rings (exterior first)."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    feats = doc["features"] if doc.get("type") == "FeatureCollection" else [doc]
    for feat in feats:
        geom = feat.get("geometry") or {}
        if geom.get("type") == "Polygon":
            yield geom["coordinates"]
        elif geom.get("type") == "MultiPolygon":
            yield from geom["coordinates"]


def seed_for_gmt(dataset, outdir, width_in=1168 / 96, height_in=680 / 96):
    """Write the tables gmt_seed.sh draws, and params.sh with the projection and region:
    a Lambert conformal conic fitted as routemap fits it (as in mpl_seed.py) and the
    data's projected box with margins, widened to the frame's shape."""
    import shlex
    import tomllib

    import numpy as np
    from pyproj import Geod, Proj

    with open(os.path.join(dataset, "places.csv"), newline="", encoding="utf-8-sig") as f:
        places = {r["id"].strip(): r for r in csv.DictReader(f)}
    with open(os.path.join(dataset, "legs.csv"), newline="", encoding="utf-8-sig") as f:
        legs = list(csv.DictReader(f))
    meta = {}
    if os.path.exists(os.path.join(dataset, "dataset.toml")):
        with open(os.path.join(dataset, "dataset.toml"), "rb") as f:
            meta = tomllib.load(f)
    pos = {k: (float(p["lon"]), float(p["lat"])) for k, p in places.items()}
    geod = Geod(ellps="WGS84")
    pts, km = [np.array(list(pos.values()))], []
    for leg in legs:
        (x1, y1), (x2, y2) = pos[leg["from"].strip()], pos[leg["to"].strip()]
        _, _, d = geod.inv(x1, y1, x2, y2)
        km.append(d / 1000.0)
        n = max(math.ceil(d / 20000.0) - 1, 0)
        pts.append(np.array([(x1, y1)] + geod.npts(x1, y1, x2, y2, n) + [(x2, y2)]))
    allpts = np.vstack(pts)
    south, north = allpts[:, 1].min(), allpts[:, 1].max()
    span, mid = max(north - south, 2.0), (north + south) / 2.0
    lons = np.sort(allpts[:, 0] % 360.0)
    gaps = np.diff(np.concatenate([lons, [lons[0] + 360.0]]))
    i = int(np.argmax(gaps))
    west, east = lons[(i + 1) % len(lons)], lons[i]
    east = east + 360.0 if east < west else east
    lon0 = (west + east) / 2.0
    lon0 = lon0 - 360.0 if lon0 > 180.0 else lon0
    lat1, lat2, lat0, lon0 = round(mid - span / 3.0, 1), round(mid + span / 3.0, 1), round(mid, 1), round(lon0, 1)
    proj = Proj(f"+proj=lcc +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={lon0} +datum=WGS84")
    px, py = proj(allpts[:, 0], allpts[:, 1])
    x0, x1, y0, y1 = px.min(), px.max(), py.min(), py.max()
    mx, my = 0.06 * (x1 - x0), 0.12 * (y1 - y0)
    x0, x1, y0, y1 = x0 - mx, x1 + mx, y0 - my, y1 + my
    want = width_in / height_in
    if (x1 - x0) / (y1 - y0) < want:
        g = (want * (y1 - y0) - (x1 - x0)) / 2.0
        x0, x1 = x0 - g, x1 + g
    else:
        g = ((x1 - x0) / want - (y1 - y0)) / 2.0
        y0, y1 = y0 - g, y1 + g
    (wlon, elon), (slat, nlat) = proj([x0, x1], [y0, y1], inverse=True)

    colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    routes = list(dict.fromkeys(leg["route"].strip() for leg in legs if leg["route"].strip()))
    colour = {r: colours[i % len(colours)] for i, r in enumerate(routes)}
    route_km = dict.fromkeys(routes, 0.0)
    styles = {}
    with open(os.path.join(outdir, "legs.gmt"), "w") as fl, open(os.path.join(outdir, "arrows.gmt"), "w") as fa:
        for leg, d in zip(legs, km):
            r = leg["route"].strip()
            c = colour.get(r, "#888888")
            if r:
                route_km[r] += d
            mode, ev = (leg.get("mode") or "unknown").strip(), (leg.get("evidence") or "reported").strip()
            known = mode not in ("", "unknown")
            dash = ("-" if ev == "inferred" else "") if known else ("-." if ev == "inferred" else ".")
            label = (f"{mode.capitalize()}, reported" if ev != "inferred" else "Mode stated, inferred") if known else \
                f"Mode not stated, {ev}"
            styles.setdefault(label, dash)
            (x1, y1), (x2, y2) = pos[leg["from"].strip()], pos[leg["to"].strip()]
            fl.write(f"> -W1.6p,{c}{',' + dash if dash else ''}\n{x1} {y1}\n{x2} {y2}\n")
            az, _, dist = geod.inv(x1, y1, x2, y2)
            mlon, mlat, back = geod.fwd(x1, y1, az, dist / 2.0 - 60000.0)  # fwd gives the back azimuth
            fa.write(f"{mlon} {mlat} {(back + 180.0) % 360.0} 120 {c}\n")
    ends = set()
    for r in routes:
        rl = [leg for leg in legs if leg["route"].strip() == r]
        ends.update((rl[0]["from"].strip(), rl[-1]["to"].strip()))
    with open(os.path.join(outdir, "places.txt"), "w") as f, open(os.path.join(outdir, "ends.txt"), "w") as fe:
        for k, p in places.items():
            x, _ = proj(*pos[k])
            right = (x - x0) / (x1 - x0) > 0.85
            font = "10p,Helvetica-Bold" if k in ends else "10p,Helvetica"
            (fe if k in ends else f).write(f"{pos[k][0]} {pos[k][1]} {font} {'RB' if right else 'LB'} {p['name']}\n")
    with open(os.path.join(outdir, "legend.txt"), "w") as f:
        for r in routes:
            f.write(f"S 0.15i - 0.3i - 2p,{colour[r]} 0.4i {r}: {route_km[r]:,.0f} km\n")
        for label, dash in styles.items():
            f.write(f"S 0.15i - 0.3i - 1.6p,#222222{',' + dash if dash else ''} 0.4i {label}\n")
    credit = (meta.get("credit", "") + f" Base map: Natural Earth. Lambert conformal conic, standard parallels "
              f"{lat1}N and {lat2}N, central meridian {lon0}E. Distances: WGS84 geodesic. Made with GMT.")
    params = {
        "J": f"-JL{lon0}/{lat0}/{lat1}/{lat2}/{width_in:.4f}i",
        "R": f"-R{wlon:.6f}/{slat:.6f}/{elon:.6f}/{nlat:.6f}+r",
        "TITLE": meta.get("title", os.path.basename(dataset.rstrip("/"))),
        "SUBTITLE": meta.get("subtitle", ""),
        "CREDIT": credit.strip(),
    }
    with open(os.path.join(outdir, "params.sh"), "w") as f:
        for k, v in params.items():
            f.write(f"{k}={shlex.quote(v)}\n")


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "gmt-routes" and len(sys.argv) == 3:
        pairs, coords, _ = load_network()
        with open(sys.argv[2], "w") as f:
            for a, b in sorted(pairs):
                (x1, y1), (x2, y2) = coords[a], coords[b]
                f.write(f">\n{x1} {y1}\n{x2} {y2}\n")
    elif cmd == "gmt-geojson" and len(sys.argv) == 4:
        with open(sys.argv[3], "w") as f:
            for poly in geojson_rings(sys.argv[2]):
                for ring in poly:
                    f.write(">\n")
                    f.write("".join(f"{x} {y}\n" for x, y in ring))
    elif cmd == "gmt-seed" and len(sys.argv) == 4:
        seed_for_gmt(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
