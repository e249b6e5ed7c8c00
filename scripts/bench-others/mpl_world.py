#!/usr/bin/env python3
"""World map of every OpenFlights route with matplotlib + pyproj.

The peer of routemap's whole-network world map (the imported OpenFlights
dataset rendered on Equal Earth): every distinct directed airport pair
(37,123 legs) as a WGS84 geodesic densified every 20 km (as routemap does),
cut exactly at the antimeridian, in one LineCollection with low alpha, over
Natural Earth 1:110m land (filled) and country borders, on Equal Earth
centred on Greenwich, with a title and credit line.

    python3 mpl_world.py OUT.png|OUT.svg|OUT.pdf [--width-px 1200] [--height-px 620] [--dpi 96]

The figure is width/96 x height/96 inches (96 px per inch, like routemap's
CSS px); a PNG is drawn at --dpi (default 96, so 1200 x 620 px). The format
follows the file's suffix. Inputs default to ../shared/data (override with
SHARED_DATA, OPENFLIGHTS, WORLD_ATLAS).

Geodesic points come from one vectorised pyproj.Geod.fwd call for all legs
(the same points Geod.npts gives leg by leg, far faster); --npts uses a
Geod.npts loop instead, as simple scripts often do.
"""

import argparse
import os
import sys
import time

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import ATLAS, geojson_rings, load_network  # noqa: E402

STEP_M = 20_000.0  # routemap's DENSIFY_STEP_M


def geodesics(pairs, coords, geod, use_npts=False):
    """Flat lon, lat arrays of every densified leg and each point's leg index."""
    edges = sorted(pairs)
    lon1 = np.array([coords[a][0] for a, _ in edges])
    lat1 = np.array([coords[a][1] for a, _ in edges])
    lon2 = np.array([coords[b][0] for _, b in edges])
    lat2 = np.array([coords[b][1] for _, b in edges])
    if use_npts:
        lons, lats, ids = [], [], []
        for i, (x1, y1, x2, y2) in enumerate(zip(lon1, lat1, lon2, lat2)):
            _, _, d = geod.inv(x1, y1, x2, y2)
            n = max(int(np.ceil(d / STEP_M)) - 1, 0)
            pts = [(x1, y1)] + geod.npts(x1, y1, x2, y2, n) + [(x2, y2)]
            lons.extend(p[0] for p in pts)
            lats.extend(p[1] for p in pts)
            ids.extend([i] * len(pts))
        return np.array(lons), np.array(lats), np.array(ids)
    az, _, dist = geod.inv(lon1, lat1, lon2, lat2)
    nseg = np.maximum(np.ceil(dist / STEP_M).astype(np.int64), 1)  # segments per leg
    npts = nseg + 1
    ids = np.repeat(np.arange(len(edges)), npts)
    starts = np.cumsum(npts) - npts
    j = np.arange(ids.size) - starts[ids]  # index of the point within its leg
    frac = j / nseg[ids]
    lon, lat, _ = geod.fwd(lon1[ids], lat1[ids], az[ids], dist[ids] * frac)
    last = starts + nseg  # the exact end points, not fwd's
    lon[last], lat[last] = lon2, lat2
    return lon, lat, ids


def cut_antimeridian(lon, lat, ids):
    """Split polylines where they cross +-180: insert the crossing point on both
    sides; returns lon, lat and a piece id per point (pieces are contiguous)."""
    same = ids[1:] == ids[:-1]
    jump = same & (np.abs(lon[1:] - lon[:-1]) > 180.0)
    piece = np.concatenate([[0], np.cumsum((~same) | jump)])
    j = np.nonzero(jump)[0]
    if j.size:
        a, b = lon[j], lon[j + 1]
        s = np.where(a >= 0, 1.0, -1.0)
        b2 = b + 360.0 * s
        t = (180.0 * s - a) / (b2 - a)
        latc = lat[j] + t * (lat[j + 1] - lat[j])
        at = np.repeat(j + 1, 2)
        new_lon = np.column_stack([180.0 * s, -180.0 * s]).ravel()
        new_lat = np.repeat(latc, 2)
        new_piece = np.column_stack([piece[j], piece[j + 1]]).ravel()
        lon = np.insert(lon, at, new_lon)
        lat = np.insert(lat, at, new_lat)
        piece = np.insert(piece, at, new_piece)
    return lon, lat, piece


def fix_ring(ring):
    """Unwrap a lon/lat ring; close it through the pole if it winds round one.
    Returns an (n, 2) array whose longitudes may run past +-180."""
    r = np.asarray(ring, dtype=float)
    d = np.diff(r[:, 0])
    d = (d + 180.0) % 360.0 - 180.0
    lon = np.concatenate([[r[0, 0]], r[0, 0] + np.cumsum(d)])
    r = np.column_stack([lon, r[:, 1]])
    turn = lon[-1] - lon[0]
    if abs(turn) > 180.0:  # winds round a pole (Antarctica): close through it
        pole = -90.0 if r[:, 1].mean() < 0 else 90.0
        r = np.vstack([r, [[lon[-1], pole], [lon[0], pole]], r[:1]])
    return r


def copies(r):
    """The ring, and copies shifted by 360 degrees where it runs past +-180."""
    out = [r]
    if r[:, 0].max() > 180.0:
        out.append(r - [360.0, 0.0])
    if r[:, 0].min() < -180.0:
        out.append(r + [360.0, 0.0])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--width-px", type=float, default=1200)
    ap.add_argument("--height-px", type=float, default=620)
    ap.add_argument("--dpi", type=float, default=96)
    ap.add_argument("--npts", action="store_true", help="densify with a Geod.npts loop")
    ap.add_argument("--timing", action="store_true", help="print phase times to stderr")
    args = ap.parse_args()
    ext = os.path.splitext(args.out)[1].lower().lstrip(".")
    if ext not in ("png", "svg", "pdf"):
        ap.error(f"{args.out}: the suffix must be .png, .svg or .pdf")

    t0 = time.perf_counter()
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path
    from pyproj import Geod, Proj

    geod = Geod(ellps="WGS84")
    # +over: no longitude wrapping, so base-map rings unwrapped past +-180 stay
    # continuous; they are clipped to the globe's outline when drawn.
    proj = Proj("+proj=eqearth +lon_0=0 +datum=WGS84 +over")
    times = {"import": time.perf_counter() - t0}

    t = time.perf_counter()
    pairs, coords, _ = load_network()
    times["load"] = time.perf_counter() - t

    t = time.perf_counter()
    lon, lat, ids = geodesics(pairs, coords, geod, args.npts)
    lon, lat, piece = cut_antimeridian(lon, lat, ids)
    x, y = proj(lon, lat)
    xy = np.column_stack([x, y])
    cuts = np.nonzero(np.diff(piece))[0] + 1
    segments = np.split(xy, cuts)
    times["geodesics"] = time.perf_counter() - t
    npoints = len(xy)

    t = time.perf_counter()
    # The globe's outline: meridian -180 up, meridian +180 down.
    la = np.linspace(-90, 90, 181)
    ox, oy = proj(np.concatenate([np.full_like(la, -180.0), np.full_like(la, 180.0)]),
                  np.concatenate([la, la[::-1]]))
    outline = Path(np.column_stack([ox, oy]), closed=True)

    def polygon_path(polys, close=True):
        verts, codes = [], []
        for poly in polys:
            for ring in poly:
                for r in copies(fix_ring(ring) if close else unwrap_only(ring)):
                    px, py = proj(r[:, 0], r[:, 1])
                    verts.append(np.column_stack([px, py]))
                    c = np.full(len(r), Path.LINETO, dtype=Path.code_type)
                    c[0] = Path.MOVETO
                    codes.append(c)
        return Path(np.concatenate(verts), np.concatenate(codes))

    def unwrap_only(ring):
        r = np.asarray(ring, dtype=float)
        d = (np.diff(r[:, 0]) + 180.0) % 360.0 - 180.0
        return np.column_stack([np.concatenate([[r[0, 0]], r[0, 0] + np.cumsum(d)]), r[:, 1]])

    land = polygon_path(geojson_rings(os.path.join(ATLAS, "land-110m.geojson")))
    borders = polygon_path(geojson_rings(os.path.join(ATLAS, "countries-110m.geojson")), close=False)
    times["basemap"] = time.perf_counter() - t

    t = time.perf_counter()
    fig = plt.figure(figsize=(args.width_px / 96.0, args.height_px / 96.0))
    ax = fig.add_axes([0.01, 0.05, 0.98, 0.87])
    ax.set_aspect("equal")
    ax.set_axis_off()
    pad = 0.01 * (ox.max() - ox.min())
    ax.set_xlim(ox.min() - pad, ox.max() + pad)
    ax.set_ylim(oy.min() - pad, oy.max() + pad)
    sea = PathPatch(outline, facecolor="#e8f1f8", edgecolor="#9aa5b1", linewidth=0.6, zorder=0)
    ax.add_patch(sea)
    lp = PathPatch(land, facecolor="#ece9e2", edgecolor="none", zorder=1)
    ax.add_patch(lp)
    lp.set_clip_path(sea)
    bp = PathPatch(borders, facecolor="none", edgecolor="#b9b3a8", linewidth=0.3, zorder=2)
    ax.add_patch(bp)
    bp.set_clip_path(sea)
    lc = LineCollection(segments, colors="#1f4e9a", linewidths=0.35, alpha=0.06, zorder=3)
    ax.add_collection(lc)
    fig.text(0.01, 0.965, "OpenFlights airline network", fontsize=14, weight="bold", va="center")
    fig.text(0.01, 0.93, f"{len(pairs):,} directed airport pairs as geodesics; Equal Earth", fontsize=9,
             color="#444", va="center")
    fig.text(0.01, 0.02, "Data: OpenFlights (ODbL). Base map: Natural Earth 1:110m. Drawn with matplotlib "
             f"{matplotlib.__version__} and pyproj.", fontsize=7, color="#555", va="center")
    times["figure"] = time.perf_counter() - t

    t = time.perf_counter()
    fig.savefig(args.out, dpi=args.dpi if ext == "png" else 96, format=ext)
    times["save"] = time.perf_counter() - t
    if args.timing:
        print(f"mpl_world.py: {len(segments):,} polylines, {npoints:,} points; "
              + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
