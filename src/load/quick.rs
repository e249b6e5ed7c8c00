//! Quick routes: a gcmap-style text such as `"FNJ-VVO-SVO-ROV"` or
//! `"Pyongyang-Vladivostok-Moscow-Donetsk, Vladivostok-Volgograd-Donetsk"`
//! → a [`Dataset`], its places found in the [gazetteer](crate::gazetteer).
//!
//! The rules, in order:
//!
//! 1. `,` separates routes (chains); each needs at least two stops.
//! 2. `>` (or `→`) separates stops, always.
//! 3. `-` (or `–`, `—`) separates stops too, but hyphenated names still
//!    resolve: between two `>`, the longest run of hyphen-joined words that
//!    is a known name is taken first, from the left. `Rostov-on-Don-Moscow`
//!    is Rostov-on-Don then Moscow. Write `>` to force a split.
//! 4. A stop is a name (any script, any case, diacritics optional), a code
//!    (`VVO` IATA, `UHWW` ICAO), either with a `(CC)` country suffix
//!    (`Donetsk (RU)`), or `@LAT,LON` in degrees (`@47.2,39.7`).

use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, Located, MatchedBy, split_country};
use crate::model::{Dataset, Evidence, Leg, Meta, Mode, Place, PlaceKind};
use crate::text::quote;

/// The longest run of hyphen-joined words tried as one name.
const MAX_WORDS: usize = 6;

/// A stop as written, before lookup.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Text between separators, trimmed.
    Word(String),
    /// `@LAT,LON`, in degrees.
    At(f64, f64),
    /// A hyphen (the words on either side may form one name).
    Soft,
    /// `>`: always a new stop.
    Hard,
}

/// One stop of a quick route, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    /// What was written, e.g. "Donetsk (RU)", "VVO", "@47.2,39.7".
    pub text: String,
    /// Label for the map.
    pub label: String,
    /// Latitude in **degrees**.
    pub lat_deg: f64,
    /// Longitude in **degrees**.
    pub lon_deg: f64,
    /// ISO country code, when known.
    pub country: Option<String>,
    /// The gazetteer entry, unless the stop was `@LAT,LON`.
    pub located: Option<Located>,
}

/// A quick route read and resolved: its stops per route, and the notes to
/// show the user (ambiguous names, codes read as names).
#[derive(Debug, Clone)]
pub struct Quick {
    /// The routes, each a list of at least two stops.
    pub routes: Vec<Vec<Stop>>,
    /// Notes, one line each, e.g. `"Moscow" is Moscow, RU (pop 10,381,222), ...`.
    pub notes: Vec<String>,
}

fn usage(message: String) -> Error {
    Error::Usage(message)
}

/// Split the text into routes of pieces.
fn lex(spec: &str) -> Result<Vec<Vec<Piece>>> {
    let mut routes = vec![Vec::new()];
    let mut word = String::new();
    let flush = |word: &mut String, pieces: &mut Vec<Piece>| {
        let w = word.trim();
        if !w.is_empty() {
            pieces.push(Piece::Word(w.to_string()));
        }
        word.clear();
    };
    let mut chars = spec.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let pieces = routes.last_mut().expect("never empty");
        match c {
            '@' if word.trim().is_empty() => {
                // `@LAT,LON`: numbers with an optional sign, so the comma and
                // minus signs here are not separators.
                let rest = &spec[i + 1..];
                let (at, len) = lex_at(rest).ok_or_else(|| {
                    let shown: String = rest
                        .chars()
                        .take_while(|c| !matches!(c, '>' | '→'))
                        .take(24)
                        .collect();
                    usage(format!(
                        "quick route: bad coordinates {} (expected @LAT,LON in degrees, e.g. @47.2,39.7)",
                        quote(&format!("@{}", shown.trim_end()))
                    ))
                })?;
                pieces.push(at);
                word.clear();
                while chars.peek().is_some_and(|&(j, _)| j < i + 1 + len) {
                    chars.next();
                }
            }
            ',' => {
                flush(&mut word, pieces);
                routes.push(Vec::new());
            }
            '-' | '–' | '—' => {
                flush(&mut word, pieces);
                pieces.push(Piece::Soft);
            }
            '>' | '→' => {
                flush(&mut word, pieces);
                pieces.push(Piece::Hard);
            }
            c if c.is_control() => {
                return Err(usage(format!(
                    "quick route: control character {c:?} in {}",
                    quote(spec)
                )));
            }
            c => word.push(c),
        }
    }
    let last = routes.last_mut().expect("never empty");
    flush(&mut word, last);
    Ok(routes)
}

/// Parse `LAT,LON` at the start of `s`: the piece and the bytes used.
fn lex_at(s: &str) -> Option<(Piece, usize)> {
    fn number(s: &str) -> Option<(f64, usize)> {
        let lead = s.len() - s.trim_start().len();
        let t = &s[lead..];
        let mut end = 0;
        for (i, c) in t.char_indices() {
            let sign = (c == '-' || c == '+') && i == 0;
            if c.is_ascii_digit() || c == '.' || sign {
                end = i + 1;
            } else {
                break;
            }
        }
        let v: f64 = t[..end].parse().ok()?;
        v.is_finite().then_some((v, lead + end))
    }
    let (lat, a) = number(s)?;
    let rest = &s[a..];
    let comma = rest.len() - rest.trim_start().len();
    if !rest[comma..].starts_with(',') {
        return None;
    }
    let (lon, b) = number(&rest[comma + 1..])?;
    if lat.abs() > 90.0 || lon.abs() > 180.0 {
        return None;
    }
    let fix = |v: f64| if v == 0.0 { 0.0 } else { v };
    Some((Piece::At(fix(lat), fix(lon)), a + comma + 1 + b))
}

/// Read and resolve a quick route text with `gaz`.
///
/// Errors name the offending stop, its route and its place in the route,
/// e.g. `route 1, stop 3: unknown place "Donetzk" (close matches: ...)`.
///
/// ```
/// let gaz = routemap::gazetteer::Gazetteer::embedded().unwrap();
/// let q = routemap::load::quick::parse("Rostov-on-Don>Yuzhno-Sakhalinsk", gaz).unwrap();
/// let labels: Vec<&str> = q.routes[0].iter().map(|s| s.label.as_str()).collect();
/// assert_eq!(labels, ["Rostov-on-Don", "Yuzhno-Sakhalinsk"]);
/// ```
pub fn parse(spec: &str, gaz: &Gazetteer) -> Result<Quick> {
    if spec.trim().is_empty() {
        return Err(usage(
            "quick route: empty; write stops separated by - or >, routes by commas, e.g. \"FNJ-VVO-SVO\"".into(),
        ));
    }
    let mut routes = Vec::new();
    let mut notes = Vec::new();
    for (r, pieces) in lex(spec)?.into_iter().enumerate() {
        let route_no = r + 1;
        let mut stops: Vec<Stop> = Vec::new();
        // Split into runs between hard separators; check for empty stops.
        let mut i = 0;
        let mut expect_stop = true;
        while i < pieces.len() {
            match &pieces[i] {
                Piece::Soft | Piece::Hard => {
                    if expect_stop {
                        return Err(usage(format!(
                            "quick route: route {route_no}, stop {}: empty stop (two separators in a row, or one at an end) in {}",
                            stops.len() + 1,
                            quote(spec)
                        )));
                    }
                    expect_stop = true;
                    i += 1;
                }
                Piece::At(lat, lon) => {
                    stops.push(Stop {
                        text: format!("@{lat},{lon}"),
                        label: coordinates_label(*lat, *lon),
                        lat_deg: *lat,
                        lon_deg: *lon,
                        country: None,
                        located: None,
                    });
                    expect_stop = false;
                    i += 1;
                }
                Piece::Word(_) => {
                    // Words joined by soft separators from here.
                    let mut words = Vec::new();
                    let mut j = i;
                    while let Some(Piece::Word(w)) = pieces.get(j) {
                        words.push(w.as_str());
                        if pieces.get(j + 1) == Some(&Piece::Soft)
                            && matches!(pieces.get(j + 2), Some(Piece::Word(_)))
                        {
                            j += 2;
                        } else {
                            break;
                        }
                    }
                    let mut w = 0;
                    while w < words.len() {
                        let stop_no = stops.len() + 1;
                        let longest = (words.len() - w).min(MAX_WORDS);
                        let mut taken = None;
                        for n in (2..=longest).rev() {
                            let text = words[w..w + n].join("-");
                            let (name, _) = split_country(&text);
                            if !gaz.by_name(name).is_empty() {
                                taken = Some((n, text));
                                break;
                            }
                        }
                        let (n, text) = taken.unwrap_or((1, words[w].to_string()));
                        let m = gaz.lookup(&text).map_err(|e| {
                            usage(format!(
                                "quick route: route {route_no}, stop {stop_no}: {e}"
                            ))
                        })?;
                        if let Some(note) = &m.note {
                            notes.push(note.clone());
                        }
                        stops.push(Stop {
                            label: m.entry.label(),
                            lat_deg: m.entry.lat_deg,
                            lon_deg: m.entry.lon_deg,
                            country: Some(m.entry.country.clone()).filter(|c| !c.is_empty()),
                            located: Some(m.located(&text)),
                            text,
                        });
                        w += n;
                    }
                    expect_stop = false;
                    i = j + 1;
                }
            }
        }
        if expect_stop && !pieces.is_empty() {
            return Err(usage(format!(
                "quick route: route {route_no} ends with a separator in {}",
                quote(spec)
            )));
        }
        if stops.len() < 2 {
            return Err(usage(format!(
                "quick route: route {route_no} has {} stop{}; a route needs at least two (separate stops with - or >, routes with commas) in {}",
                stops.len(),
                if stops.len() == 1 { "" } else { "s" },
                quote(spec)
            )));
        }
        for (k, pair) in stops.windows(2).enumerate() {
            if pair[0].lat_deg == pair[1].lat_deg && pair[0].lon_deg == pair[1].lon_deg {
                return Err(usage(format!(
                    "quick route: route {route_no}, stops {} and {}: {} and {} are the same place",
                    k + 1,
                    k + 2,
                    quote(&pair[0].text),
                    quote(&pair[1].text)
                )));
            }
        }
        routes.push(stops);
    }
    notes.dedup();
    let mut seen = std::collections::BTreeSet::new();
    notes.retain(|n| seen.insert(n.clone()));
    Ok(Quick { routes, notes })
}

/// "47.2°N 39.7°E".
fn coordinates_label(lat: f64, lon: f64) -> String {
    let ns = if lat < 0.0 { 'S' } else { 'N' };
    let ew = if lon < 0.0 { 'W' } else { 'E' };
    format!("{}°{ns} {}°{ew}", lat.abs(), lon.abs())
}

/// A place id from a label: lower-case ASCII letters and digits joined by
/// hyphens (folded, so "Düsseldorf" → "dusseldorf"); "place" if nothing is
/// left (a name in another script).
fn slug(label: &str) -> String {
    let folded = crate::gazetteer::fold(label);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "place".into() } else { out }
}

impl Quick {
    /// The routes as a dataset named `name`: one place per distinct stop
    /// (ids are slugs of the labels), one route per chain, named by its stops
    /// ("Pyongyang – Vladivostok – Moscow"). Every leg has `mode` when given;
    /// otherwise legs between two airport codes are `air` and the others
    /// `unknown`. Legs are `reported`: the user states them.
    pub fn dataset(&self, name: &str, title: &str, mode: Option<Mode>) -> Dataset {
        let mut places: Vec<Place> = Vec::new();
        let mut legs: Vec<Leg> = Vec::new();
        let mut route_names: Vec<String> = Vec::new();
        let index_of = |stop: &Stop, places: &mut Vec<Place>| -> usize {
            if let Some(i) = places
                .iter()
                .position(|p| p.lat_deg == stop.lat_deg && p.lon_deg == stop.lon_deg)
            {
                return i;
            }
            let base = slug(&stop.label);
            let mut id = base.clone();
            let mut n = 2;
            while places.iter().any(|p| p.id == id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let kind = stop.located.as_ref().map(|l| match l.by {
                MatchedBy::Iata | MatchedBy::Icao | MatchedBy::AirportName => PlaceKind::Airport,
                MatchedBy::CityName => PlaceKind::City,
            });
            places.push(Place {
                id,
                name: stop.label.clone(),
                lat_deg: stop.lat_deg,
                lon_deg: stop.lon_deg,
                country: stop.country.clone(),
                kind,
                note: None,
                located: stop.located.clone(),
            });
            places.len() - 1
        };
        for stops in &self.routes {
            let ids: Vec<usize> = stops.iter().map(|s| index_of(s, &mut places)).collect();
            let base = stops
                .iter()
                .map(|s| s.label.as_str())
                .collect::<Vec<_>>()
                .join(" – ");
            let mut route = base.clone();
            let mut n = 2;
            while route_names.contains(&route) {
                route = format!("{base} ({n})");
                n += 1;
            }
            route_names.push(route.clone());
            for (k, pair) in ids.windows(2).enumerate() {
                let by_code = |s: &Stop| {
                    s.located
                        .as_ref()
                        .is_some_and(|l| matches!(l.by, MatchedBy::Iata | MatchedBy::Icao))
                };
                let leg_mode = mode.unwrap_or(if by_code(&stops[k]) && by_code(&stops[k + 1]) {
                    Mode::Air
                } else {
                    Mode::Unknown
                });
                legs.push(Leg {
                    route: Some(route.clone()),
                    from: places[pair[0]].id.clone(),
                    to: places[pair[1]].id.clone(),
                    mode: leg_mode,
                    evidence: Evidence::Reported,
                    date: None,
                    count: None,
                    source: None,
                    carrier: None,
                    note: None,
                    line: legs.len() as u64 + 1,
                });
            }
        }
        let meta = Meta {
            title: Some(title.to_string()),
            ..Meta::default()
        };
        Dataset::new(name.to_string(), meta, places, legs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> &'static Gazetteer {
        Gazetteer::embedded().unwrap()
    }

    fn ids(spec: &str) -> Vec<Vec<String>> {
        parse(spec, gaz())
            .unwrap_or_else(|e| panic!("{spec}: {e}"))
            .routes
            .iter()
            .map(|r| {
                r.iter()
                    .map(|s| s.located.as_ref().map_or(s.text.clone(), |l| l.id.clone()))
                    .collect()
            })
            .collect()
    }

    fn err(spec: &str) -> String {
        parse(spec, gaz()).unwrap_err().to_string()
    }

    mod separators {
        use super::*;

        #[test]
        fn the_issue_examples() {
            assert_eq!(
                ids("Pyongyang-Vladivostok-Moscow-Donetsk, Vladivostok-Volgograd-Donetsk"),
                [
                    vec!["1871859", "2013348", "524901", "709717"],
                    vec!["2013348", "472757", "709717"]
                ]
            );
            assert_eq!(ids("FNJ-VVO-SVO-ROV"), [["ZKPY", "UHWW", "UUEE", "URRP"]]);
        }

        #[test]
        fn arrows_are_accepted() {
            assert_eq!(ids("FNJ>VVO → SVO"), [["ZKPY", "UHWW", "UUEE"]]);
        }

        #[test]
        fn hyphenated_names_inside_chains() {
            assert_eq!(
                ids("Moscow-Rostov-on-Don-Yuzhno-Sakhalinsk-VVO"),
                [["524901", "501175", "2119441", "UHWW"]]
            );
        }

        #[test]
        fn country_suffix_and_coordinates() {
            assert_eq!(
                ids("Donetsk (RU)-@47.2,39.7>@-33.9, 151.2"),
                [["565348", "@47.2,39.7", "@-33.9,151.2"]]
            );
        }

        #[test]
        fn other_scripts() {
            assert_eq!(
                ids("Пхеньян-Донецк, 평양>Донецк"),
                [["1871859", "709717"], ["1871859", "709717"]]
            );
        }
    }

    mod errors {
        use super::*;

        #[test]
        fn unknown_name_names_its_stop() {
            let e = err("Moscow-Donetzk");
            assert!(
                e.starts_with("quick route: route 1, stop 2: unknown place \"Donetzk\" (close matches: Donetsk, UA"),
                "{e}"
            );
        }

        #[test]
        fn empty_stop_and_single_stop() {
            assert!(err("Moscow--Donetsk").contains("empty stop"));
            assert!(err("Moscow-").contains("ends with a separator"));
            assert!(err("Moscow, Kyiv-Minsk").contains("route 1 has 1 stop"));
            assert!(err("@91,0-Moscow").contains("bad coordinates"));
            // Regression: the message cut the text inside a multi-byte letter.
            assert!(err("@ПхеньянПхеньянПхеньянПхеньян").contains("bad coordinates"));
            assert!(err("  ").contains("empty"));
        }

        #[test]
        fn same_place_twice_in_a_row() {
            assert!(err("SVO-UUEE").contains("are the same place"));
        }
    }

    mod dataset {
        use super::*;

        #[test]
        fn places_are_shared_and_modes_follow_codes() {
            let q = parse("FNJ-VVO-Moscow, VVO-SVO", gaz()).unwrap();
            let ds = q.dataset("quick", "t", None);
            assert_eq!(ds.places.len(), 4);
            let modes: Vec<Mode> = ds.legs.iter().map(|l| l.mode).collect();
            assert_eq!(modes, [Mode::Air, Mode::Unknown, Mode::Air]);
            assert_eq!(
                ds.routes[0].name,
                "Pyongyang (FNJ) – Vladivostok (VVO) – Moscow"
            );
            let ds = q.dataset("quick", "t", Some(Mode::Rail));
            assert!(ds.legs.iter().all(|l| l.mode == Mode::Rail));
        }

        #[test]
        fn slugs() {
            assert_eq!(slug("Vladivostok (VVO)"), "vladivostok-vvo");
            assert_eq!(slug("Düsseldorf"), "dusseldorf");
            assert_eq!(slug("평양"), "place");
        }
    }
}
