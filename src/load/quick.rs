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

/// The longest quick route text, in characters.
pub const MAX_SPEC_CHARS: usize = 10_000;
/// The most stops one route may have.
pub const MAX_ROUTE_STOPS: usize = 200;
/// The most stops all routes together may have.
pub const MAX_STOPS: usize = 1_000;

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
    /// Label for the map and tables: a name typed in a script other than
    /// Latin as typed (`Пхеньян`, `평양`), else the gazetteer's name
    /// (`dusseldorf` → `Düsseldorf`); an airport's city and code;
    /// coordinates in degrees. With its country, `Donetsk (RU)`,
    /// where a place of the same name could be meant (see [`parse`]).
    pub label: String,
    /// The gazetteer's label for the place (`Pyongyang`, `Vladivostok
    /// (VVO)`), with the country where `label` has it; `None` for
    /// `@LAT,LON`. Place ids are made from it.
    pub found: Option<String>,
    /// Latitude in **degrees**.
    pub lat_deg: f64,
    /// Longitude in **degrees**.
    pub lon_deg: f64,
    /// ISO country code, when known.
    pub country: Option<String>,
    /// The gazetteer entry, unless the stop was `@LAT,LON`.
    pub located: Option<Located>,
    /// The city an airport serves, when the stop is an airport.
    pub city: Option<String>,
    /// An airport's IATA (else ICAO) code, when the stop is an airport.
    pub code: Option<String>,
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
            c if !crate::text::xml_allows(c) => {
                return Err(usage(format!(
                    "quick route: the character U+{:04X} in {}, which text in XML (and so in \
                     an SVG map) cannot hold",
                    u32::from(c),
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
    if spec.len() > MAX_SPEC_CHARS && spec.chars().nth(MAX_SPEC_CHARS).is_some() {
        return Err(usage(format!(
            "quick route: the text is {} characters long; a quick route may have at most \
             {MAX_SPEC_CHARS} (use a dataset folder for more)",
            spec.chars().count()
        )));
    }
    let mut routes = Vec::new();
    let mut notes = Vec::new();
    let mut total = 0;
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
                        found: None,
                        lat_deg: *lat,
                        lon_deg: *lon,
                        country: None,
                        located: None,
                        city: None,
                        code: None,
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
                        let (label, found) = stop_labels(gaz, &text, &m);
                        stops.push(Stop {
                            label,
                            found: Some(found),
                            lat_deg: m.entry.lat_deg,
                            lon_deg: m.entry.lon_deg,
                            country: Some(m.entry.country.clone()).filter(|c| !c.is_empty()),
                            located: Some(m.located(&text)),
                            city: m.entry.served_city(),
                            code: m.entry.code(),
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
        if stops.len() > MAX_ROUTE_STOPS {
            return Err(usage(format!(
                "quick route: route {route_no} has {} stops; a route may have at most \
                 {MAX_ROUTE_STOPS} (use a dataset folder for more)",
                stops.len()
            )));
        }
        total += stops.len();
        if total > MAX_STOPS {
            return Err(usage(format!(
                "quick route: routes 1 to {route_no} have {total} stops; a quick route may have \
                 at most {MAX_STOPS} in all (use a dataset folder for more)"
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
    let mut quick = Quick { routes, notes };
    quick.tell_apart_same_names();
    Ok(quick)
}

/// A stop's label and the gazetteer's label (see [`Stop::label`]) for the
/// text `typed` (a name or code, with any `(CC)`) that matched `m`.
///
/// A city found by a name in a script other than Latin keeps the name as
/// typed (`Пхеньян`, `평양`); a Latin name gives the gazetteer's spelling
/// (`dusseldorf` → `Düsseldorf`, and an alternate name such as `Venice`
/// shows which city it was taken for). A country
/// typed after a name stays in both labels when the gazetteer has a place
/// of that name in another country (`Donetsk (RU)`: there is a Donetsk in
/// Ukraine too); otherwise it said nothing a reader needs.
fn stop_labels(gaz: &Gazetteer, typed: &str, m: &crate::gazetteer::Match) -> (String, String) {
    let found = m.entry.label();
    if m.by != MatchedBy::CityName {
        return (found.clone(), found);
    }
    let (name, country) = split_country(typed);
    // Latin script folds to ASCII (diacritics dropped, ł ø ß spelt out).
    let label = if crate::gazetteer::fold(name).is_ascii() {
        found.clone()
    } else {
        name.to_string()
    };
    match country {
        Some(_) if !m.entry.country.is_empty() => {
            let elsewhere = gaz
                .by_name(name)
                .iter()
                .any(|e| e.country != m.entry.country);
            if elsewhere {
                let cc = &m.entry.country;
                (format!("{label} ({cc})"), format!("{found} ({cc})"))
            } else {
                (label, found)
            }
        }
        _ => (label, found),
    }
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
    /// Make the labels of the routes' places consistent and distinct: a
    /// place typed twice (`Пхеньян`, later `평양`) keeps the label it was
    /// first given, and different places of one name (`Donetsk` in Ukraine,
    /// `Donetsk (RU)`) each get their country, where known and different,
    /// in both labels.
    fn tell_apart_same_names(&mut self) {
        type Key = (u64, u64);
        let key = |s: &Stop| (s.lat_deg.to_bits(), s.lon_deg.to_bits());
        // The gazetteer's name without a country: what a reader could mix up.
        let bare = |s: &Stop| s.found.as_deref().map(|f| split_country(f).0.to_string());
        let mut places: std::collections::HashMap<String, Vec<(Key, Option<String>)>> =
            Default::default();
        for stop in self.routes.iter().flatten() {
            if let Some(name) = bare(stop) {
                let same = places.entry(name).or_default();
                if !same.iter().any(|(k, _)| *k == key(stop)) {
                    same.push((key(stop), stop.country.clone()));
                }
            }
        }
        let mut first: std::collections::HashMap<Key, (String, Option<String>)> =
            Default::default();
        for stop in self.routes.iter_mut().flatten() {
            if let (Some(name), Some(cc)) = (bare(stop), stop.country.clone()) {
                let clash = places[&name]
                    .iter()
                    .any(|(k, c)| *k != key(stop) && c.as_deref() != Some(&cc));
                let suffix = format!(" ({cc})");
                if clash {
                    for label in [Some(&mut stop.label), stop.found.as_mut()]
                        .into_iter()
                        .flatten()
                    {
                        if !label.ends_with(&suffix) {
                            label.push_str(&suffix);
                        }
                    }
                }
            }
            let (label, found) = first
                .entry(key(stop))
                .or_insert_with(|| (stop.label.clone(), stop.found.clone()));
            stop.label.clone_from(label);
            stop.found.clone_from(found);
        }
    }

    /// Label every place found by name with the gazetteer's name instead
    /// of the name as typed (`Пхеньян` → `Pyongyang`), keeping any country
    /// added to tell places apart.
    pub fn use_gazetteer_names(&mut self) {
        for stop in self.routes.iter_mut().flatten() {
            if let Some(found) = &stop.found {
                stop.label = found.clone();
            }
        }
    }

    /// Each route's name: its ends, and its number of stops past two
    /// ("Lisbon – Istanbul, 13 stops"; "Moscow – Kazan"). Routes that
    /// would share a name are told apart by a stop only one of them makes
    /// ("Pyongyang – Donetsk via Moscow, 4 stops"), else numbered (" (2)").
    pub fn route_names(&self) -> Vec<String> {
        let ends =
            |stops: &[Stop]| format!("{} – {}", stops[0].label, stops[stops.len() - 1].label);
        let count = |stops: &[Stop]| match stops.len() {
            2 => String::new(),
            n => format!(", {n} stops"),
        };
        let plain: Vec<String> = self
            .routes
            .iter()
            .map(|stops| format!("{}{}", ends(stops), count(stops)))
            .collect();
        let mut names: Vec<String> = Vec::with_capacity(self.routes.len());
        let mut seen: std::collections::HashSet<String> = Default::default();
        for (r, stops) in self.routes.iter().enumerate() {
            let twins: Vec<&[Stop]> = (0..self.routes.len())
                .filter(|&o| o != r && plain[o] == plain[r])
                .map(|o| self.routes[o].as_slice())
                .collect();
            let interior = |s: &[Stop]| -> Vec<String> {
                s[1..s.len() - 1].iter().map(|x| x.label.clone()).collect()
            };
            let own = (!twins.is_empty())
                .then(|| {
                    interior(stops)
                        .into_iter()
                        .find(|l| twins.iter().all(|t| !interior(t).contains(l)))
                })
                .flatten();
            let base = match own {
                Some(via) => format!("{} via {via}{}", ends(stops), count(stops)),
                None => plain[r].clone(),
            };
            let mut name = base.clone();
            let mut n = 2;
            while seen.contains(&name) {
                name = format!("{base} ({n})");
                n += 1;
            }
            seen.insert(name.clone());
            names.push(name);
        }
        names
    }

    /// The map's title, from its routes: one route's name; for several,
    /// what they share ("2 routes from Pyongyang to Donetsk", "3 routes
    /// from Lisbon", "3 routes to Istanbul"), else as many of their ends
    /// as fit in about 60 characters ("3 routes: Lisbon – Istanbul, Moscow
    /// – Kazan, …").
    pub fn title(&self) -> String {
        const LIST_CHARS: usize = 60;
        let names = self.route_names();
        let n = self.routes.len();
        if n == 1 {
            return names[0].clone();
        }
        let first = |r: &Vec<Stop>| r[0].label.clone();
        let last = |r: &Vec<Stop>| r[r.len() - 1].label.clone();
        let same = |f: &dyn Fn(&Vec<Stop>) -> String| {
            let v = f(&self.routes[0]);
            self.routes.iter().all(|r| f(r) == v).then_some(v)
        };
        match (same(&first), same(&last)) {
            (Some(a), Some(b)) => return format!("{n} routes from {a} to {b}"),
            (Some(a), None) => return format!("{n} routes from {a}"),
            (None, Some(b)) => return format!("{n} routes to {b}"),
            (None, None) => {}
        }
        let mut listed: Vec<String> = Vec::new();
        let mut chars = 0;
        for r in &self.routes {
            let e = format!("{} – {}", first(r), last(r));
            if listed.contains(&e) {
                continue;
            }
            let len = e.chars().count() + 2;
            if !listed.is_empty() && chars + len > LIST_CHARS {
                listed.push("…".into());
                break;
            }
            chars += len;
            listed.push(e);
        }
        format!("{n} routes: {}", listed.join(", "))
    }

    /// The routes as a dataset named `name`: one place per distinct stop
    /// (named by its label; ids are slugs of the gazetteer's labels), one
    /// route per chain, named by its ends (see [`Quick::route_names`]). Every leg has `mode` when given;
    /// otherwise legs between two airport codes are `air` and the others
    /// `unknown`. Legs are `reported`: the user states them.
    pub fn dataset(&self, name: &str, title: &str, mode: Option<Mode>) -> Dataset {
        let mut places: Vec<Place> = Vec::new();
        let mut legs: Vec<Leg> = Vec::new();
        // Places by coordinates, ids taken, and the next number for each id
        // base, so that a thousand stops cost a thousand lookups (a scan of
        // the places for each stop, and of the ids for each candidate id,
        // made names that all fold to "place" cost the cube of their count).
        let mut by_position: std::collections::HashMap<(u64, u64), usize> = Default::default();
        let mut taken: std::collections::HashSet<String> = Default::default();
        let mut next_n: std::collections::HashMap<String, usize> = Default::default();
        let mut index_of = |stop: &Stop, places: &mut Vec<Place>| -> usize {
            let key = (stop.lat_deg.to_bits(), stop.lon_deg.to_bits());
            if let Some(&i) = by_position.get(&key) {
                return i;
            }
            let base = slug(stop.found.as_deref().unwrap_or(&stop.label));
            let mut id = base.clone();
            let n = next_n.entry(base.clone()).or_insert(2);
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                *n += 1;
            }
            taken.insert(id.clone());
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
                city: stop.city.clone(),
                code: stop.code.clone(),
                located: stop.located.clone(),
                area: None,
            });
            by_position.insert(key, places.len() - 1);
            places.len() - 1
        };
        for (stops, route) in self.routes.iter().zip(self.route_names()) {
            let ids: Vec<usize> = stops.iter().map(|s| index_of(s, &mut places)).collect();
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

    mod limits {
        use super::*;

        /// `n` stops alternating between two airports.
        fn chain(n: usize) -> String {
            (0..n)
                .map(|i| if i % 2 == 0 { "SVO" } else { "VVO" })
                .collect::<Vec<_>>()
                .join("-")
        }

        #[test]
        fn a_route_of_too_many_stops_is_refused() {
            assert!(parse(&chain(MAX_ROUTE_STOPS), gaz()).is_ok());
            assert_eq!(
                err(&chain(MAX_ROUTE_STOPS + 1)),
                "quick route: route 1 has 201 stops; a route may have at most 200 (use a dataset \
                 folder for more)"
            );
        }

        #[test]
        fn too_many_stops_in_all_are_refused() {
            let spec = vec![chain(MAX_ROUTE_STOPS); MAX_STOPS / MAX_ROUTE_STOPS + 1].join(", ");
            assert_eq!(
                err(&spec),
                "quick route: routes 1 to 6 have 1200 stops; a quick route may have at most 1000 \
                 in all (use a dataset folder for more)"
            );
        }

        #[test]
        fn too_long_a_text_is_refused_before_it_is_read() {
            let spec = "x".repeat(MAX_SPEC_CHARS + 1);
            assert_eq!(
                err(&spec),
                "quick route: the text is 10001 characters long; a quick route may have at most \
                 10000 (use a dataset folder for more)"
            );
        }

        #[test]
        fn characters_xml_cannot_hold_are_refused() {
            assert_eq!(
                err("Moscow-Done\u{fffe}tsk"),
                "quick route: the character U+FFFE in \"Moscow-Done\\u{fffe}tsk\", which text \
                 in XML (and so in an SVG map) cannot hold"
            );
        }

        /// Regression: a route was named by all its stops, and every leg's
        /// tooltip named its route: thousands of stops made a 1 GB SVG.
        /// Routes are named by their ends and number of stops.
        #[test]
        fn a_long_route_is_named_by_its_ends_and_stops() {
            let q = parse(
                &format!("{}, FNJ-VVO, FNJ-VVO", chain(MAX_ROUTE_STOPS)),
                gaz(),
            )
            .unwrap();
            assert_eq!(
                q.route_names(),
                [
                    "Moscow (SVO) – Vladivostok (VVO), 200 stops",
                    "Pyongyang (FNJ) – Vladivostok (VVO)",
                    "Pyongyang (FNJ) – Vladivostok (VVO) (2)"
                ]
            );
            let ds = q.dataset("quick", "t", None);
            assert_eq!(
                ds.routes[0].name,
                "Moscow (SVO) – Vladivostok (VVO), 200 stops"
            );
            assert_eq!(ds.routes[0].legs.len(), 199);
            // Two places, however many stops.
            assert_eq!(ds.places.len(), 3);
        }

        #[test]
        fn every_place_gets_its_own_id() {
            let route = |r: usize| {
                (0..MAX_ROUTE_STOPS)
                    .map(|i| format!("@{}.5,{}", i % 80, r * 3 + i / 80))
                    .collect::<Vec<_>>()
                    .join(">")
            };
            let spec = (0..5).map(route).collect::<Vec<_>>().join(", ");
            let ds = parse(&spec, gaz()).unwrap().dataset("quick", "t", None);
            assert_eq!(ds.places.len(), 1000);
            let ids: std::collections::HashSet<&str> =
                ds.places.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(ids.len(), 1000);
            assert!(ds.validate().is_ok());
        }
    }

    mod labels {
        use super::*;

        fn labels(spec: &str) -> Vec<Vec<String>> {
            parse(spec, gaz())
                .unwrap_or_else(|e| panic!("{spec}: {e}"))
                .routes
                .iter()
                .map(|r| r.iter().map(|s| s.label.clone()).collect())
                .collect()
        }

        /// Issue 14: a place typed in Cyrillic or Hangul was labelled with
        /// the gazetteer's English name.
        #[test]
        fn names_in_other_scripts_are_kept_as_typed() {
            assert_eq!(
                labels("Пхеньян-Vladivostok, 평양>東京"),
                [["Пхеньян", "Vladivostok"], ["Пхеньян", "東京"]]
            );
            let mut q = parse("Пхеньян-Vladivostok, 평양>東京", gaz()).unwrap();
            q.use_gazetteer_names();
            let asked: Vec<&str> = q.routes[1].iter().map(|s| s.label.as_str()).collect();
            assert_eq!(asked, ["Pyongyang", "Tokyo"]);
        }

        #[test]
        fn latin_names_get_the_gazetteer_spelling() {
            assert_eq!(
                labels("dusseldorf-ROSTOV ON DON-VVO"),
                [["Düsseldorf", "Rostov-on-Don", "Vladivostok (VVO)"]]
            );
        }

        /// Issue 14: `Donetsk (RU)` lost its country, so the map and the
        /// table said "Donetsk" for a town that is not the Donetsk most
        /// readers know.
        #[test]
        fn a_country_typed_stays_where_a_same_named_place_could_be_meant() {
            assert_eq!(labels("Moscow-Donetsk (RU)"), [["Moscow", "Donetsk (RU)"]]);
            assert_eq!(labels("Moscow-Донецк (ru)"), [["Moscow", "Донецк (RU)"]]);
            // No other Vladivostok: the country says nothing.
            assert_eq!(
                labels("Vladivostok (RU)-Moscow"),
                [["Vladivostok", "Moscow"]]
            );
        }

        #[test]
        fn two_places_of_one_name_both_get_their_country() {
            assert_eq!(
                labels("Donetsk-Moscow, Moscow-Donetsk (RU)"),
                [["Donetsk (UA)", "Moscow"], ["Moscow", "Donetsk (RU)"]]
            );
            assert_eq!(
                labels("Донецк-Moscow-Donetsk (RU)"),
                [["Донецк (UA)", "Moscow", "Donetsk (RU)"]]
            );
        }

        #[test]
        fn a_place_typed_twice_keeps_its_first_label() {
            assert_eq!(
                labels("Пхеньян-Moscow, Pyongyang-Vladivostok"),
                [["Пхеньян", "Moscow"], ["Пхеньян", "Vladivostok"]]
            );
        }
    }

    mod names {
        use super::*;

        fn names(spec: &str) -> Vec<String> {
            parse(spec, gaz()).unwrap().route_names()
        }

        fn title(spec: &str) -> String {
            parse(spec, gaz()).unwrap().title()
        }

        /// Issue 14: a route was named after all its stops (a 29-city
        /// route made a legend 75% of the page wide).
        #[test]
        fn routes_are_named_by_their_ends_and_number_of_stops() {
            assert_eq!(
                names(
                    "Lisbon-Madrid-Barcelona-Marseille-Nice-Genoa-Milan-Zagreb-Belgrade-Sofia-Edirne-Plovdiv-Istanbul, Lisbon>Istanbul"
                ),
                ["Lisbon – Istanbul, 13 stops", "Lisbon – Istanbul"]
            );
        }

        #[test]
        fn routes_with_the_same_ends_are_told_apart_by_a_stop_of_their_own() {
            assert_eq!(
                names(
                    "Pyongyang-Vladivostok-Moscow-Donetsk, Pyongyang-Vladivostok-Volgograd-Donetsk"
                ),
                [
                    "Pyongyang – Donetsk via Moscow, 4 stops",
                    "Pyongyang – Donetsk via Volgograd, 4 stops"
                ]
            );
            // No stop of its own: numbered.
            assert_eq!(
                names("Moscow-Kazan-Perm, Moscow-Kazan-Perm, Moscow-Ufa-Perm"),
                [
                    "Moscow – Perm, 3 stops",
                    "Moscow – Perm, 3 stops (2)",
                    "Moscow – Perm via Ufa, 3 stops"
                ]
            );
        }

        /// Issue 14: the title was the text as typed.
        #[test]
        fn the_title_is_made_from_the_routes() {
            assert_eq!(
                title("Lisbon-Madrid-Istanbul"),
                "Lisbon – Istanbul, 3 stops"
            );
            assert_eq!(
                title("Pyongyang-Vladivostok-Moscow-Donetsk, Pyongyang-Volgograd-Donetsk"),
                "2 routes from Pyongyang to Donetsk"
            );
            assert_eq!(
                title("Lisbon-Madrid, Lisbon-Porto, Lisbon-Faro"),
                "3 routes from Lisbon"
            );
            assert_eq!(title("Madrid-Lisbon, Porto-Lisbon"), "2 routes to Lisbon");
            assert_eq!(
                title("Lisbon-Istanbul, Moscow-Kazan"),
                "2 routes: Lisbon – Istanbul, Moscow – Kazan"
            );
            assert_eq!(
                title(
                    "Lisbon-Istanbul, Moscow-Kazan, Berlin-Minsk, Paris-Rome, Oslo-Bergen, Riga-Tallinn"
                ),
                "6 routes: Lisbon – Istanbul, Moscow – Kazan, Berlin – Minsk, …"
            );
        }

        #[test]
        fn a_title_of_many_long_routes_stays_short() {
            let spec = (0..5)
                .map(|i| format!("@{i},{i}>@{},{}", i + 10, i + 10))
                .collect::<Vec<_>>()
                .join(", ");
            let t = title(&spec);
            assert!(t.starts_with("5 routes: 0°N 0°E – 10°N 10°E, "), "{t}");
            assert!(t.ends_with(", …") && t.chars().count() <= 80, "{t}");
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
            assert_eq!(ds.routes[0].name, "Pyongyang (FNJ) – Moscow, 3 stops");
            let ds = q.dataset("quick", "t", Some(Mode::Rail));
            assert!(ds.legs.iter().all(|l| l.mode == Mode::Rail));
        }

        #[test]
        fn ids_come_from_the_gazetteer_names_whatever_the_labels() {
            let q = parse("Пхеньян-Donetsk (RU)-Donetsk", gaz()).unwrap();
            let ds = q.dataset("quick", "t", None);
            let ids: Vec<&str> = ds.places.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(ids, ["pyongyang", "donetsk-ru", "donetsk-ua"]);
            let names: Vec<&str> = ds.places.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["Пхеньян", "Donetsk (RU)", "Donetsk (UA)"]);
        }

        #[test]
        fn slugs() {
            assert_eq!(slug("Vladivostok (VVO)"), "vladivostok-vvo");
            assert_eq!(slug("Düsseldorf"), "dusseldorf");
            assert_eq!(slug("평양"), "place");
        }
    }
}
