#!/usr/bin/env python3
"""The seed map (routes/donbas-workers) with matplotlib + pyproj.

The peer of `routemap render routes/donbas-workers -o OUT` (SVG) and of the
PNG (200 dpi) + PDF that `routemap report` writes: the dataset's legs as WGS84
geodesics densified every 20 km, on a Lambert conformal conic fitted as
routemap fits it (standard parallels at 1/6 and 5/6 of the latitude span of
places and arcs, origin at its middle, central meridian at the middle of the
longitudes), over Natural Earth 1:50m land and country borders, with a 10°
graticule, place markers and labels with a halo, a direction arrow per leg,
legs joining the same two places side by side, a legend (routes with their km,
then the leg styles), title, subtitle and credit.

    python3 mpl_seed.py OUT.svg|OUT.png|OUT.pdf [--dataset DIR] [--dpi 200]

The page is 1200 x 800 CSS px (12.5 x 8.33 in at 96 px per inch, as
routemap's default size); a PNG is drawn at --dpi (default 200, like
routemap's, so 2500 x 1667 px). Several outputs may be given in one run
(e.g. OUT.png OUT.pdf: the figure is drawn once and saved twice, as routemap
report does).
"""

import argparse
import csv
import math
import os
import sys
import time
import tomllib

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import ATLAS, REPO, geojson_rings  # noqa: E402

STEP_M = 20_000.0
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def leg_style(mode, evidence):
    """routemap's patterns: solid = mode stated, reported; dashed = stated, inferred;
    dotted = not stated, reported; dash-dot = not stated, inferred."""
    known = mode not in ("", "unknown")
    inferred = evidence == "inferred"
    if known:
        return ((0, (4, 2)) if inferred else "-"), ("Mode stated, inferred" if inferred else f"{mode.capitalize()}, reported")
    return ((0, (4, 2, 0.01, 2)) if inferred else (0, (0.01, 2.2))), ("Mode not stated, inferred" if inferred else "Mode not stated, reported")


def offset_line(xy, d):
    """Offset a polyline sideways by d (projected units), left of the direction of travel."""
    if d == 0 or len(xy) < 2:
        return xy
    t = np.gradient(xy, axis=0)
    n = np.column_stack([-t[:, 1], t[:, 0]])
    n /= np.maximum(np.hypot(n[:, 0], n[:, 1]), 1e-12)[:, None]
    return xy + d * n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="+")
    ap.add_argument("--dataset", default=os.path.join(REPO, "routes", "donbas-workers"))
    ap.add_argument("--dpi", type=float, default=200)
    ap.add_argument("--timing", action="store_true")
    args = ap.parse_args()
    for out in args.out:
        if os.path.splitext(out)[1].lower() not in (".png", ".svg", ".pdf"):
            ap.error(f"{out}: the suffix must be .png, .svg or .pdf")

    t0 = time.perf_counter()
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.patheffects as pe
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, PathPatch
    from matplotlib.path import Path
    from pyproj import Geod, Proj

    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    matplotlib.rcParams["svg.fonttype"] = "path"
    times = {"import": time.perf_counter() - t0}

    # Dataset.
    t = time.perf_counter()
    with open(os.path.join(args.dataset, "places.csv"), newline="", encoding="utf-8-sig") as f:
        places = {r["id"].strip(): r for r in csv.DictReader(f)}
    with open(os.path.join(args.dataset, "legs.csv"), newline="", encoding="utf-8-sig") as f:
        legs = list(csv.DictReader(f))
    meta = {}
    if os.path.exists(os.path.join(args.dataset, "dataset.toml")):
        with open(os.path.join(args.dataset, "dataset.toml"), "rb") as f:
            meta = tomllib.load(f)
    pos = {k: (float(p["lon"]), float(p["lat"])) for k, p in places.items()}

    # Geodesics, every 20 km.
    geod = Geod(ellps="WGS84")
    arcs = []
    for leg in legs:
        (x1, y1), (x2, y2) = pos[leg["from"].strip()], pos[leg["to"].strip()]
        _, _, d = geod.inv(x1, y1, x2, y2)
        n = max(math.ceil(d / STEP_M) - 1, 0)
        pts = np.array([(x1, y1)] + geod.npts(x1, y1, x2, y2, n) + [(x2, y2)])
        arcs.append((pts, d / 1000.0))

    # Fitted Lambert conformal conic, parameters rounded to 0.1 degree as routemap prints them.
    allpts = np.vstack([a for a, _ in arcs] + [np.array(list(pos.values()))])
    south, north = allpts[:, 1].min(), allpts[:, 1].max()
    span, mid = max(north - south, 2.0), (north + south) / 2.0
    lons = np.sort(allpts[:, 0] % 360.0)
    gaps = np.diff(np.concatenate([lons, [lons[0] + 360.0]]))
    i = int(np.argmax(gaps))  # the widest gap is outside the data
    west, east = lons[(i + 1) % len(lons)], lons[i]
    if east < west:
        east += 360.0
    lon0 = (west + east) / 2.0
    lon0 = lon0 - 360.0 if lon0 > 180.0 else lon0
    lat1, lat2 = round(mid - span / 3.0, 1), round(mid + span / 3.0, 1)
    lat0, lon0 = round(mid, 1), round(lon0, 1)
    proj = Proj(f"+proj=lcc +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={lon0} +datum=WGS84")

    # View: the data's projected box with margins, widened to the map frame's shape.
    W, H = 1200.0, 800.0
    frame = (16.0 / W, 52.0 / H, 1168.0 / W, 680.0 / H)  # left, bottom, width, height
    px, py = proj(allpts[:, 0], allpts[:, 1])
    x0, x1, y0, y1 = px.min(), px.max(), py.min(), py.max()
    mx, my = 0.06 * (x1 - x0), 0.12 * (y1 - y0)
    x0, x1, y0, y1 = x0 - mx, x1 + mx, y0 - my, y1 + my
    want = (frame[2] * W) / (frame[3] * H)
    if (x1 - x0) / (y1 - y0) < want:
        grow = (want * (y1 - y0) - (x1 - x0)) / 2.0
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / want - (y1 - y0)) / 2.0
        y0, y1 = y0 - grow, y1 + grow
    times["data"] = time.perf_counter() - t

    # Base map: rings that do not straddle the conic's cut (lon0 + 180), projected,
    # kept only where their box meets the view.
    t = time.perf_counter()

    def base_path(name, close):
        verts, codes = [], []
        for poly in geojson_rings(os.path.join(ATLAS, name)):
            for ring in poly:
                r = np.asarray(ring, dtype=float)
                if r[:, 1].min() < -60.0:
                    continue  # Antarctica: the south pole is at infinity on a northern conic
                lam = (r[:, 0] - lon0 + 180.0) % 360.0 - 180.0
                if np.any(np.abs(np.diff(lam)) > 180.0):
                    continue  # straddles the cut, on the far side of the globe
                rx, ry = proj(r[:, 0], r[:, 1])
                if rx.max() < x0 or rx.min() > x1 or ry.max() < y0 or ry.min() > y1:
                    continue
                verts.append(np.column_stack([rx, ry]))
                c = np.full(len(r), Path.LINETO, dtype=Path.code_type)
                c[0] = Path.MOVETO
                if close:
                    c[-1] = Path.CLOSEPOLY
                codes.append(c)
        return Path(np.concatenate(verts), np.concatenate(codes))

    land = base_path("land-50m.geojson", True)
    borders = base_path("countries-50m.geojson", False)
    times["basemap"] = time.perf_counter() - t

    t = time.perf_counter()
    fig = plt.figure(figsize=(W / 96.0, H / 96.0))
    ax = fig.add_axes(frame)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#dde9f3")
    for s in ax.spines.values():
        s.set_color("#555")
        s.set_linewidth(0.8)
    ax.add_patch(PathPatch(land, facecolor="#f4f2ec", edgecolor="#9fb7c9", linewidth=0.5, zorder=1))
    ax.add_patch(PathPatch(borders, facecolor="none", edgecolor="#b5ada0", linewidth=0.5, zorder=2))

    # Graticule every 10 degrees.
    for lon in range(-180, 180, 10):
        la = np.linspace(0, 85, 86)
        gx, gy = proj(np.full_like(la, lon), la)
        ax.plot(gx, gy, color="#c9c9c9", linewidth=0.4, zorder=2.5)
    for lat in range(0, 90, 10):
        lo = np.linspace(lon0 - 179, lon0 + 179, 359)
        gx, gy = proj(lo, np.full_like(lo, lat))
        ax.plot(gx, gy, color="#c9c9c9", linewidth=0.4, zorder=2.5)

    # Legs: colour per route, pattern per mode and evidence, side by side where they share ends.
    route_names = list(dict.fromkeys(leg["route"].strip() for leg in legs if leg["route"].strip()))
    colour = {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(route_names)}
    route_km = {name: 0.0 for name in route_names}
    shared = {}
    for leg in legs:
        key = frozenset((leg["from"].strip(), leg["to"].strip()))
        shared.setdefault(key, []).append(id(leg))
    gap = 0.004 * (x1 - x0)
    styles_used = {}
    for leg, (pts, km) in zip(legs, arcs):
        name = leg["route"].strip()
        c = colour.get(name, "#888888")
        if name:
            route_km[name] += km
        style, label = leg_style(leg.get("mode", "").strip(), leg.get("evidence", "").strip() or "reported")
        styles_used.setdefault(label, style)
        lx, ly = proj(pts[:, 0], pts[:, 1])
        xy = np.column_stack([lx, ly])
        group = shared[frozenset((leg["from"].strip(), leg["to"].strip()))]
        if len(group) > 1:
            xy = offset_line(xy, (group.index(id(leg)) - (len(group) - 1) / 2.0) * gap)
        ax.plot(xy[:, 0], xy[:, 1], color=c, linewidth=1.6, linestyle=style, zorder=4,
                solid_capstyle="round", dash_capstyle="round")
        m = len(xy) // 2
        a, b = xy[max(m - 1, 0)], xy[min(m + 1, len(xy) - 1)]
        ax.add_patch(FancyArrowPatch(tuple(a), tuple(b), arrowstyle="-|>", mutation_scale=11,
                                     color=c, linewidth=0, zorder=5))

    # Places: route ends larger and filled; labels with a halo.
    ends = set()
    for name in route_names:
        rl = [leg for leg in legs if leg["route"].strip() == name]
        ends.update((rl[0]["from"].strip(), rl[-1]["to"].strip()))
    halo = [pe.withStroke(linewidth=3, foreground="white")]
    for k, p in places.items():
        x, y = proj(*pos[k])
        end = k in ends
        ax.plot([x], [y], marker="o", markersize=9 if end else 7, markerfacecolor="#222" if end else "white",
                markeredgecolor="#222", markeredgewidth=1.5, zorder=6)
        if end:
            ax.plot([x], [y], marker="o", markersize=3, color="white", zorder=7)
        right = (x - x0) / (x1 - x0) > 0.85  # near the right edge: label on the left
        ax.annotate(p["name"], (x, y), xytext=(-8 if right else 8, 6), textcoords="offset points", fontsize=10,
                    ha="right" if right else "left", weight="bold" if end else "normal", color="#222",
                    path_effects=halo, zorder=8)

    handles = [Line2D([], [], color=colour[n], linewidth=2, label=f"{n}: {route_km[n]:,.0f} km") for n in route_names]
    handles += [Line2D([], [], color="#222", linewidth=1.6, linestyle=s, dash_capstyle="round", label=lab) for lab, s in styles_used.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=9, framealpha=0.95, edgecolor="#ccc", fancybox=False)

    fig.text(16 / W, 1 - 24 / H, meta.get("title", os.path.basename(args.dataset.rstrip("/"))),
             fontsize=16, weight="bold", va="center")
    if meta.get("subtitle"):
        fig.text(16 / W, 1 - 48 / H, meta["subtitle"], fontsize=10.5, color="#444", va="center")
    credit = (meta.get("credit", "") + f" Base map: Natural Earth. Lambert conformal conic, standard parallels "
              f"{lat1}°N and {lat2}°N, central meridian {lon0}°E. Distances: WGS84 geodesic. Made with matplotlib.")
    fig.text(16 / W, 26 / H, credit, fontsize=7.5, color="#444", va="center", wrap=True)
    times["figure"] = time.perf_counter() - t

    t = time.perf_counter()
    for out in args.out:
        ext = os.path.splitext(out)[1].lower().lstrip(".")
        fig.savefig(out, dpi=args.dpi if ext == "png" else 96, format=ext)
    times["save"] = time.perf_counter() - t
    if args.timing:
        print("mpl_seed.py: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
