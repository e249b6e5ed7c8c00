#!/usr/bin/env python3
"""k shortest loopless paths over the OpenFlights network with networkx.

The peer of

    routemap import openflights --airports A --routes R -o DIR
    routemap paths DIR --pairs bench/pairs-32.csv -k 5 --by distance --format json

in one process, load included: read airports.dat and routes.dat, build a
networkx DiGraph with one edge per distinct directed airport pair (airports
keyed by IATA code, self loops skipped) weighted by its WGS84 geodesic length
(pyproj.Geod(ellps="WGS84").inv, Karney's algorithm, as routemap uses), and
answer each pair of the pairs file with the first k paths of
networkx.shortest_simple_paths (Yen's algorithm). Prints JSON of the same
shape routemap prints: an array, in file order, of
{"from", "to", "by", "paths": [{"rank", "stops", "legs", "distance_km",
"duration_h", "modes"}]}.

    python3 nx_paths.py [--airports A] [--routes R] [--pairs P] [-k 5] [-o OUT.json]
    python3 nx_paths.py --check ROUTEMAP.json [same options]

--check runs the same queries, then compares with routemap's JSON output, pair
by pair and rank by rank: the maximum |difference| of the path lengths in km,
how many paths have other stops (ties of equal length may be ordered
differently), and pairs with a different number of paths. Exit 0 when every
length agrees within --tolerance-m (default 1 m), 1 otherwise.

--keying routemap (default) resolves each route's ends as routemap's importer
does (by OpenFlights airport id, then by the code; the place is named by the
IATA code the route gives, with the coordinates of the airport found).
--keying airports is the plain join: by airport id only, named by the IATA
code airports.dat gives now; routes whose airport id is missing or unknown, or
whose airport has no IATA code or no coordinates, are skipped. The two differ
for codes airports.dat has reassigned since routes.dat was made (IST, ...),
so only the first is like-for-like with routemap.
"""

import argparse
import csv
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import DATA, REPO, load_network  # noqa: E402

# routemap's default travel time for air legs (README, "Travel time").
AIR_SPEED_KMH, AIR_CIRCUITY, AIR_OVERHEAD_H = 800.0, 1.05, 2.0


def build_graph(pairs, coords):
    import networkx as nx
    import numpy as np
    from pyproj import Geod

    edges = sorted(pairs)
    lon1 = np.array([coords[a][0] for a, _ in edges])
    lat1 = np.array([coords[a][1] for a, _ in edges])
    lon2 = np.array([coords[b][0] for _, b in edges])
    lat2 = np.array([coords[b][1] for _, b in edges])
    _, _, dist_m = Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)
    g = nx.DiGraph()
    g.add_weighted_edges_from(((a, b, d / 1000.0) for (a, b), d in zip(edges, dist_m.tolist())), weight="km")
    return g


def read_query_pairs(path, default_k):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    return [(r["from"].strip(), r["to"].strip(), int(r["k"]) if r.get("k") and r["k"].strip() else default_k) for r in rows]


def k_paths(g, src, dst, k, ties=False):
    """The first k paths of networkx.shortest_simple_paths by length.

    Equal lengths are ordered by the stop sequence, as routemap breaks ties.
    With ties=True, paths tied with the k-th are drawn from the generator too
    (one more path per pair, at least), so the same k are chosen as routemap
    would; without it the measured work is exactly "take the first k".
    """
    import networkx as nx

    if src not in g or dst not in g:
        print(f"nx_paths.py: {src} -> {dst}: unknown airport {src if src not in g else dst}", file=sys.stderr)
        return []
    out = []
    try:
        for path in nx.shortest_simple_paths(g, src, dst, weight="km"):
            cost = sum(g[a][b]["km"] for a, b in zip(path, path[1:]))
            if len(out) >= k and cost > out[k - 1][0] + 1e-9:
                break
            out.append((cost, path))
            if len(out) == k and not ties:
                break  # do not ask the generator for path k + 1
    except nx.NetworkXNoPath:
        pass
    out.sort(key=lambda cp: (round(cp[0], 9), cp[1]))
    return out[:k]


def answer(g, queries, ties=False):
    results = []
    for src, dst, k in queries:
        paths = []
        for rank, (cost, stops) in enumerate(k_paths(g, src, dst, k, ties), 1):
            legs = len(stops) - 1
            paths.append({
                "rank": rank,
                "stops": stops,
                "legs": legs,
                "distance_km": round(cost, 3),
                "duration_h": round(legs * AIR_OVERHEAD_H + cost * AIR_CIRCUITY / AIR_SPEED_KMH, 2),
                "modes": ["air"] * legs,
            })
        results.append({"from": src, "to": dst, "by": "distance", "paths": paths})
    return results


def check(ours, theirs_path, tol_m):
    with open(theirs_path, encoding="utf-8") as f:
        theirs = json.load(f)
    if isinstance(theirs, dict):
        theirs = [theirs]
    if len(theirs) != len(ours):
        print(f"check: routemap answered {len(theirs)} pairs, networkx {len(ours)}")
    max_diff, worst, compared, other_stops, count_mismatch, bad = 0.0, None, 0, [], [], 0
    for a, b in zip(ours, theirs):
        if (a["from"], a["to"]) != (b["from"], b["to"]):
            print(f"check: pair order differs: {a['from']}->{a['to']} vs {b['from']}->{b['to']}")
            bad += 1
            continue
        if len(a["paths"]) != len(b["paths"]):
            count_mismatch.append((a["from"], a["to"], len(a["paths"]), len(b["paths"])))
        for pa, pb in zip(a["paths"], b["paths"]):
            compared += 1
            d = abs(pa["distance_km"] - pb["distance_km"])
            if d > max_diff:
                max_diff, worst = d, (a["from"], a["to"], pa["rank"], pa["distance_km"], pb["distance_km"])
            if d * 1000 > tol_m:
                bad += 1
            if pa["stops"] != pb["stops"]:
                other_stops.append((a["from"], a["to"], pa["rank"], pa["stops"], pb["stops"], pa["distance_km"], pb["distance_km"]))
    print(f"check: {len(ours)} pairs, {compared} paths compared rank by rank")
    print(f"check: max |networkx - routemap| = {max_diff * 1000:.3f} m" + (f" ({worst[0]}->{worst[1]} rank {worst[2]}: {worst[3]} vs {worst[4]} km)" if worst else ""))
    print(f"check: {bad} paths differ by more than {tol_m:g} m")
    print(f"check: {len(other_stops)} paths with other stops at the same rank")
    for s, t, r, sa, sb, ca, cb in other_stops[:20]:
        print(f"check:   {s}->{t} rank {r}: networkx {'-'.join(sa)} ({ca} km), routemap {'-'.join(sb)} ({cb} km)")
    for s, t, na, nb in count_mismatch:
        print(f"check:   {s}->{t}: networkx {na} paths, routemap {nb}")
    return bad == 0 and not count_mismatch


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--airports", default=os.path.join(DATA, "airports.dat"))
    ap.add_argument("--routes", default=os.path.join(DATA, "routes.dat"))
    ap.add_argument("--pairs", default=os.path.join(REPO, "bench", "pairs-32.csv"))
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--keying", choices=["routemap", "airports"], default="routemap")
    ap.add_argument("-o", "--output", help="write the JSON here instead of stdout")
    ap.add_argument("--check", metavar="ROUTEMAP_JSON", help="compare with routemap's --format json output")
    ap.add_argument("--tolerance-m", type=float, default=1.0)
    ap.add_argument("--ties", action="store_true", help="also draw paths tied with the k-th, to choose among ties as routemap does")
    ap.add_argument("--timing", action="store_true", help="print load and query times to stderr")
    args = ap.parse_args()
    if args.k < 1:
        ap.error("-k must be at least 1")

    t0 = time.perf_counter()
    pairs, coords, skipped = load_network(args.airports, args.routes, args.keying)
    g = build_graph(pairs, coords)
    t1 = time.perf_counter()
    queries = read_query_pairs(args.pairs, args.k)
    results = answer(g, queries, args.ties)
    t2 = time.perf_counter()
    if args.timing or args.check:
        print(f"nx_paths.py: graph {g.number_of_nodes()} airports, {g.number_of_edges()} directed pairs "
              f"({skipped} route rows skipped, keying {args.keying}); load {t1 - t0:.3f} s, "
              f"{len(queries)} queries {t2 - t1:.3f} s", file=sys.stderr)

    if args.check:
        ok = check(results, args.check, args.tolerance_m)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                json.dump(results, f, indent=2, ensure_ascii=False)
        sys.exit(0 if ok else 1)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
