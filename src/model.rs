//! Plain data: places, legs, routes and the dataset that holds them. No I/O.
//!
//! Coordinates are WGS84 degrees. Wherever a point is a pair, it is
//! **x = longitude, y = latitude**.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A point in degrees: **x = longitude, y = latitude**.
pub type LonLat = (f64, f64);

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// This colour laid over `under` with the given opacity (0–1).
    pub fn over(self, under: Colour, opacity: f64) -> Colour {
        let mix =
            |a: u8, b: u8| (f64::from(a) * opacity + f64::from(b) * (1.0 - opacity)).round() as u8;
        Colour(
            mix(self.0, under.0),
            mix(self.1, under.1),
            mix(self.2, under.2),
        )
    }

    /// The colour in linear RGB (the sRGB transfer function undone), each
    /// channel 0 to 1.
    pub fn linear(self) -> [f64; 3] {
        let f = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        [f(self.0), f(self.1), f(self.2)]
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let [r, g, b] = self.linear();
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG 2 contrast ratio with another colour, 1 (none) to 21 (black on
    /// white).
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// A named location: a city, airport, station, port or region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Identifier used by legs (unique within a dataset).
    pub id: String,
    /// Display name, as written in labels.
    pub name: String,
    /// Latitude in **degrees**, WGS84, within [-90, 90].
    pub lat_deg: f64,
    /// Longitude in **degrees**, WGS84, within [-180, 180].
    pub lon_deg: f64,
    /// ISO 3166-1 alpha-2 country code, upper case.
    pub country: Option<String>,
    /// What kind of place this is.
    pub kind: Option<PlaceKind>,
    /// Free-text note (e.g. why a city stands for a region).
    pub note: Option<String>,
    /// The city the place serves, for an airport or a station ("Atlanta"
    /// for Hartsfield–Jackson); `None` for a city itself. Maps can label
    /// places by it (see [`crate::render::LabelBy`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Its code: an airport's IATA (`VVO`) or ICAO (`UHWW`) code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Where the coordinates came from when the gazetteer supplied them
    /// (`places.csv` left them empty, or a quick route named the place);
    /// `None` when the dataset gave them.
    #[serde(skip)]
    pub located: Option<Located>,
    /// The area a place of kind [`PlaceKind::Region`] covers, if
    /// `places.csv` gave one (its `area` column). Maps shade it; distances
    /// still run to the place's point (`lat`, `lon`).
    #[serde(skip)]
    pub area: Option<Area>,
}

/// The area of a region: polygons in degrees (**x = longitude, y =
/// latitude**), from the embedded admin-1 regions or a GeoJSON file.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The `area` value as written (`UA.DT+UA.LH`, `areas/donbas.geojson`).
    pub spec: String,
    /// What it is made of, for the legend: the embedded regions' names as
    /// the data writes them ("Donets'k", "Luhans'k"), or empty for a file.
    pub parts: Vec<String>,
    /// Polygons, each an outer ring then its holes; rings not closed.
    pub polygons: Vec<Vec<Vec<LonLat>>>,
}

/// Which gazetteer source located a place (see [`crate::gazetteer`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provenance {
    /// GeoNames cities (population ≥ 15,000), CC BY 4.0.
    GeoNames,
    /// airportsdata airports, MIT.
    Airportsdata,
}

impl Provenance {
    /// The source's name as credited on maps, e.g. "GeoNames".
    pub fn name(self) -> &'static str {
        match self {
            Provenance::GeoNames => "GeoNames",
            Provenance::Airportsdata => "airportsdata",
        }
    }

    /// The attribution for a map's credit line, e.g. "GeoNames (CC BY 4.0)".
    pub fn attribution(self) -> &'static str {
        match self {
            Provenance::GeoNames => "GeoNames (CC BY 4.0)",
            Provenance::Airportsdata => "airportsdata (MIT)",
        }
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a query was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// An airport's IATA code.
    Iata,
    /// An airport's ICAO code.
    Icao,
    /// A city's name or alternate name.
    CityName,
    /// An airport's name.
    AirportName,
}

impl MatchedBy {
    /// In words: "IATA code", "ICAO code", "city name", "airport name".
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Iata => "IATA code",
            MatchedBy::Icao => "ICAO code",
            MatchedBy::CityName => "city name",
            MatchedBy::AirportName => "airport name",
        }
    }
}

/// Where a place's coordinates came from, when the gazetteer supplied them.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The source of the entry.
    pub source: Provenance,
    /// The entry's id in that source ("709717", "UHWW").
    pub id: String,
    /// What was looked up, as written (a name or a code, with any `(CC)`).
    pub query: String,
    /// How the query matched.
    pub by: MatchedBy,
    /// The entry's description (e.g. "Donetsk, UA (pop 901,645)").
    pub description: String,
    /// The lookup's note (another candidate, a code read as a name), if any.
    pub note: Option<String>,
}

impl fmt::Display for Located {
    /// "GeoNames 709717", "airportsdata UHWW".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.source, self.id)
    }
}

/// What kind of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A city or town.
    City,
    /// An airport.
    Airport,
    /// A railway station.
    Station,
    /// A sea or river port.
    Port,
    /// A region: a point (where its distances are measured to), and
    /// optionally an area ([`Place::area`]) that maps shade.
    Region,
}

/// How a leg was travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// By aircraft.
    Air,
    /// By train.
    Rail,
    /// By road vehicle.
    Road,
    /// By ship.
    Sea,
    /// Not stated by the source. Never drawn or timed as if it were known.
    Unknown,
}

/// How a leg is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// The source states this leg.
    Reported,
    /// The leg is deduced (e.g. the source only gives a later stop).
    Inferred,
    /// A source states the leg but it is contested: another source
    /// contradicts or denies it.
    Disputed,
}

macro_rules! keyword_enum {
    ($ty:ty, $what:literal, [$($name:literal => $variant:expr),+ $(,)?]) => {
        impl $ty {
            /// Every accepted keyword, in documentation order.
            pub const KEYWORDS: &'static [&'static str] = &[$($name),+];

            /// The keyword used in files and output.
            pub fn as_str(self) -> &'static str {
                $(if self == $variant { return $name; })+
                unreachable!()
            }
        }

        impl FromStr for $ty {
            type Err = String;

            /// Parse a keyword (case-insensitive, surrounding spaces ignored).
            fn from_str(s: &str) -> Result<Self, String> {
                let word = s.trim();
                $(if word.eq_ignore_ascii_case($name) { return Ok($variant); })+
                Err(format!(
                    "unknown {} {} (expected one of: {})",
                    $what,
                    crate::text::quote(s),
                    Self::KEYWORDS.join(", ")
                ))
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum!(Mode, "mode", [
    "air" => Mode::Air,
    "rail" => Mode::Rail,
    "road" => Mode::Road,
    "sea" => Mode::Sea,
    "unknown" => Mode::Unknown,
]);

keyword_enum!(Evidence, "evidence", [
    "reported" => Evidence::Reported,
    "inferred" => Evidence::Inferred,
    "disputed" => Evidence::Disputed,
]);

/// Which point of view the base map's country borders follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Borders {
    /// Internationally recognised borders (the default): Crimea is drawn as
    /// part of Ukraine, as in Natural Earth's German point of view.
    #[default]
    Recognised,
    /// Natural Earth's default point of view: the borders as controlled on
    /// the ground when the data was made (Crimea inside Russia).
    DeFacto,
}

impl Borders {
    /// The words the credit line uses for this point of view.
    pub fn credit(self) -> &'static str {
        match self {
            Borders::Recognised => {
                "Borders: internationally recognised; Crimea shown as part of Ukraine"
            }
            Borders::DeFacto => "Borders: de facto (Natural Earth default); Crimea shown in Russia",
        }
    }
}

keyword_enum!(Borders, "borders", [
    "recognised" => Borders::Recognised,
    "de-facto" => Borders::DeFacto,
]);

keyword_enum!(PlaceKind, "place kind", [
    "city" => PlaceKind::City,
    "airport" => PlaceKind::Airport,
    "station" => PlaceKind::Station,
    "port" => PlaceKind::Port,
    "region" => PlaceKind::Region,
]);

/// A calendar date known to the year, the month or the day: `YYYY`, `YYYY-MM`
/// or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year (1000..=9999).
    pub year: u16,
    /// Month 1..=12, if known.
    pub month: Option<u8>,
    /// Day of month, if known (only with a month).
    pub day: Option<u8>,
}

impl FromStr for PartialDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "invalid date {} (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                crate::text::quote(s)
            )
        };
        let parts: Vec<&str> = s.trim().split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if parts.is_empty() || parts.len() > 3 || !digits(parts[0], 4) {
            return Err(bad());
        }
        let year: u16 = parts[0].parse().map_err(|_| bad())?;
        if year < 1000 {
            return Err(bad());
        }
        let month = match parts.get(1) {
            Some(p) if digits(p, 2) => Some(p.parse::<u8>().map_err(|_| bad())?),
            Some(_) => return Err(bad()),
            None => None,
        };
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!(
                "invalid date {}: month {m} is not 1-12",
                crate::text::quote(s)
            ));
        }
        let day = match parts.get(2) {
            Some(p) if digits(p, 2) => Some(p.parse::<u8>().map_err(|_| bad())?),
            Some(_) => return Err(bad()),
            None => None,
        };
        if let (Some(m), Some(d)) = (month, day) {
            let leap =
                (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
            let days = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if d == 0 || d > days {
                return Err(format!(
                    "invalid date {}: {year}-{m:02} has no day {d}",
                    crate::text::quote(s)
                ));
            }
        }
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One movement from one place to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leg {
    /// The itinerary this leg belongs to; `None` for a network leg.
    pub route: Option<String>,
    /// Id of the place of departure.
    pub from: String,
    /// Id of the place of arrival.
    pub to: String,
    /// Travel mode (`Unknown` unless stated).
    pub mode: Mode,
    /// Whether the leg is reported or inferred.
    pub evidence: Evidence,
    /// When the leg was travelled, as precisely as known.
    pub date: Option<PartialDate>,
    /// People or units moved on this leg, if known.
    pub count: Option<u64>,
    /// A source id from `dataset.toml`, or free text.
    pub source: Option<String>,
    /// Operator codes (e.g. airline IATA codes separated by spaces), if known.
    pub carrier: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// 1-based line in `legs.csv` (0 for legs built in code).
    #[serde(skip)]
    pub line: u64,
}

/// A named itinerary: legs in travel order, each leg's `to` being the next leg's `from`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    /// The route's name, as written in `legs.csv`.
    pub name: String,
    /// Indices into [`Dataset::legs`], in travel order.
    pub legs: Vec<usize>,
}

/// A citation for the claims in a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Identifier used in the `source` column of `legs.csv`.
    pub id: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Title of the piece.
    pub title: Option<String>,
    /// Publication date, as precisely as known.
    pub date: Option<PartialDate>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Whether the source itself says its information was independently verified.
    pub verified: bool,
    /// Free-text note.
    pub note: Option<String>,
}

/// How long legs of one mode take:
/// `hours = overhead_h + distance_km × circuity / speed_kmh`, where
/// `distance_km` is the leg's geodesic length.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ModeTime {
    /// Average speed of the vehicle along its actual path, **km/h**.
    pub speed_kmh: f64,
    /// How much longer the actual path is than the geodesic (≥ 1).
    pub circuity: f64,
    /// Fixed time per leg for boarding, transfer and the like, **hours**.
    pub overhead_h: f64,
}

impl ModeTime {
    /// Hours for a leg of `distance_m` **metres** of geodesic length.
    pub fn hours(&self, distance_m: f64) -> f64 {
        self.overhead_h + distance_m / 1000.0 * self.circuity / self.speed_kmh
    }
}

/// The travel-time model: one [`ModeTime`] per known mode. Legs of unknown
/// mode have no time: routemap does not guess a mode.
///
/// The defaults and their sources are in the README ("Travel time").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimeModel {
    /// Aircraft.
    pub air: ModeTime,
    /// Train.
    pub rail: ModeTime,
    /// Road vehicle.
    pub road: ModeTime,
    /// Ship.
    pub sea: ModeTime,
}

impl Default for TimeModel {
    /// Air 800 km/h × 1.05 + 2 h; rail 64 km/h × 1.44 + 0.5 h; road 65 km/h ×
    /// 1.3 + 0.25 h; sea 30 km/h × 1.2 + 2 h (speed, circuity, overhead per leg).
    fn default() -> Self {
        TimeModel {
            air: ModeTime {
                speed_kmh: 800.0,
                circuity: 1.05,
                overhead_h: 2.0,
            },
            rail: ModeTime {
                speed_kmh: 64.0,
                circuity: 1.44,
                overhead_h: 0.5,
            },
            road: ModeTime {
                speed_kmh: 65.0,
                circuity: 1.3,
                overhead_h: 0.25,
            },
            sea: ModeTime {
                speed_kmh: 30.0,
                circuity: 1.2,
                overhead_h: 2.0,
            },
        }
    }
}

impl TimeModel {
    /// The parameters for a mode, or `None` for [`Mode::Unknown`].
    pub fn for_mode(&self, mode: Mode) -> Option<&ModeTime> {
        match mode {
            Mode::Air => Some(&self.air),
            Mode::Rail => Some(&self.rail),
            Mode::Road => Some(&self.road),
            Mode::Sea => Some(&self.sea),
            Mode::Unknown => None,
        }
    }

    /// Mutable parameters for a mode, or `None` for [`Mode::Unknown`].
    pub fn for_mode_mut(&mut self, mode: Mode) -> Option<&mut ModeTime> {
        match mode {
            Mode::Air => Some(&mut self.air),
            Mode::Rail => Some(&mut self.rail),
            Mode::Road => Some(&mut self.road),
            Mode::Sea => Some(&mut self.sea),
            Mode::Unknown => None,
        }
    }

    /// Hours for a leg of `distance_m` **metres** by `mode`; `None` for an unknown mode.
    pub fn leg_hours(&self, mode: Mode, distance_m: f64) -> Option<f64> {
        self.for_mode(mode).map(|t| t.hours(distance_m))
    }

    /// The fastest any mode covers geodesic distance, in **km/h** (speed ÷
    /// circuity), for lower bounds on travel time.
    pub fn max_geodesic_kmh(&self) -> f64 {
        [self.air, self.rail, self.road, self.sea]
            .iter()
            .map(|t| t.speed_kmh / t.circuity)
            .fold(0.0, f64::max)
    }
}

/// Facts about the movement as a whole that belong to no single leg
/// (e.g. a head count given for several routes together).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Movement {
    /// People or units moved in total, over all routes.
    pub count: Option<u64>,
    /// Qualifier for the count as the source gives it, e.g. "about".
    pub count_qualifier: Option<String>,
    /// When the movement happened.
    pub date: Option<PartialDate>,
    /// Whether the date is reported or inferred.
    pub date_evidence: Option<Evidence>,
    /// Source id or free text.
    pub source: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
}

/// Dataset-wide metadata from `dataset.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// Map and table title (defaults to the dataset name).
    pub title: Option<String>,
    /// Subtitle under the title.
    pub subtitle: Option<String>,
    /// Credit line printed under the map.
    pub credit: Option<String>,
    /// Citations, referred to by id from legs.
    pub sources: Vec<Source>,
    /// The travel-time model.
    pub time: TimeModel,
    /// Dataset-wide facts (count, date).
    pub movement: Option<Movement>,
    /// Credit added on the command line (`--credit`): printed after the
    /// dataset's own credit, never instead of it nor of the place and
    /// base-map attributions. Not a `dataset.toml` key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_credit: Option<String>,
    /// Which languages place labels are written in (`labels = "en+local"`);
    /// `None` when `dataset.toml` does not say (then `en`). `--labels`
    /// overrides it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Labels>,
    /// The base map's point of view on borders (`borders` in
    /// `dataset.toml`, overridden by `--borders`).
    pub borders: Borders,
    /// The language of base-map names (countries, seas, lakes): `lang` in
    /// `dataset.toml`; `--lang` overrides it. Place names stay as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// Which languages a map's place labels are written in (not what they say:
/// that is [`crate::render::LabelBy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Labels {
    /// One line: the name as the dataset wrote it.
    #[default]
    #[serde(rename = "en")]
    En,
    /// A second line with the place's name in the main language of its
    /// country, where the gazetteer knows one ("Vladivostok" over
    /// "Владивосток"); see [`crate::gazetteer::local_name`].
    #[serde(rename = "en+local")]
    EnLocal,
}

impl Labels {
    /// As written in `dataset.toml` and on the command line: "en", "en+local".
    pub fn as_str(self) -> &'static str {
        match self {
            Labels::En => "en",
            Labels::EnLocal => "en+local",
        }
    }
}

impl FromStr for Labels {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Labels::En),
            "en+local" => Ok(Labels::EnLocal),
            _ => Err(format!(
                "unknown labels {} (expected en or en+local)",
                crate::text::quote(s)
            )),
        }
    }
}

/// A language for base-map names: one of Natural Earth's `name_xx` codes
/// ([`Lang::ALL`]; `zht` is Chinese in traditional characters). English
/// by default; a name with no translation falls back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Lang(&'static str);

impl Lang {
    /// Every language with names, English first (the order of the name
    /// columns in the embedded names asset).
    pub const ALL: [&'static str; 26] = [
        "en", "ar", "bn", "de", "el", "es", "fa", "fr", "he", "hi", "hu", "id", "it", "ja", "ko",
        "nl", "pl", "pt", "ru", "sv", "tr", "uk", "ur", "vi", "zh", "zht",
    ];

    /// English, the default.
    pub const EN: Lang = Lang("en");

    /// The code, e.g. `"ko"`.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// The position of this language in [`Lang::ALL`].
    pub fn index(self) -> usize {
        Lang::ALL.iter().position(|c| *c == self.0).unwrap_or(0)
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::EN
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl FromStr for Lang {
    type Err = String;

    /// A code from [`Lang::ALL`], in any case (`"KO"` is `ko`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Lang::ALL
            .iter()
            .find(|c| **c == lower)
            .map(|c| Lang(c))
            .ok_or_else(|| {
                format!(
                    "unknown language {}: use one of {}",
                    crate::text::quote(s),
                    Lang::ALL.join(", ")
                )
            })
    }
}

/// A loaded, validated dataset: every leg refers to known places, every route chains.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    /// The dataset's name (its folder name).
    pub name: String,
    /// Metadata from `dataset.toml`.
    pub meta: Meta,
    /// Places, in file order.
    pub places: Vec<Place>,
    /// Legs, in file order.
    pub legs: Vec<Leg>,
    /// Named routes, in order of first appearance in `legs.csv`.
    pub routes: Vec<Route>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Dataset {
    /// Assemble a dataset from parts that are already validated (ids unique, legs
    /// referring to known places, routes chaining). Loaders check this; code that
    /// builds datasets by hand should call [`Dataset::validate`].
    pub fn new(name: String, meta: Meta, places: Vec<Place>, legs: Vec<Leg>) -> Self {
        let index = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        // Routes are found by name through a map: a scan of the routes so far
        // made 100,000 one-leg routes cost 5 * 10^9 name comparisons.
        let mut routes: Vec<Route> = Vec::new();
        let mut route_index: HashMap<&str, usize> = HashMap::new();
        for (i, leg) in legs.iter().enumerate() {
            if let Some(name) = &leg.route {
                match route_index.get(name.as_str()) {
                    Some(&r) => routes[r].legs.push(i),
                    None => {
                        route_index.insert(name, routes.len());
                        routes.push(Route {
                            name: name.clone(),
                            legs: vec![i],
                        });
                    }
                }
            }
        }
        Dataset {
            name,
            meta,
            places,
            legs,
            routes,
            index,
        }
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.index.get(id).map(|&i| &self.places[i])
    }

    /// Index of the place with this id in [`Dataset::places`].
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The gazetteer sources that located some of the places, each once, in
    /// a fixed order: what a credit line must name.
    pub fn located_sources(&self) -> Vec<Provenance> {
        let mut used: Vec<Provenance> = self
            .places
            .iter()
            .filter_map(|p| p.located.as_ref().map(|l| l.source))
            .collect();
        used.sort();
        used.dedup();
        used
    }

    /// The source with this id, if `id` names one in `dataset.toml`.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.meta.sources.iter().find(|s| s.id == id)
    }

    /// The place ids of a route's stops, in travel order (legs + 1 entries).
    pub fn stops(&self, route: &Route) -> Vec<&str> {
        let mut stops = Vec::with_capacity(route.legs.len() + 1);
        for (k, &i) in route.legs.iter().enumerate() {
            let leg = &self.legs[i];
            if k == 0 {
                stops.push(leg.from.as_str());
            }
            stops.push(leg.to.as_str());
        }
        stops
    }

    /// The dataset title: `meta.title`, or the dataset name.
    pub fn title(&self) -> &str {
        self.meta.title.as_deref().unwrap_or(&self.name)
    }

    /// Check the invariants the loaders guarantee: legs name known places, no
    /// self-loops, and each route's legs chain. Returns a description of the first
    /// violation.
    pub fn validate(&self) -> Result<(), String> {
        for leg in &self.legs {
            for id in [&leg.from, &leg.to] {
                if self.place(id).is_none() {
                    return Err(format!("leg refers to unknown place id {id:?}"));
                }
            }
            if leg.from == leg.to {
                return Err(format!("leg from {:?} to itself", leg.from));
            }
        }
        for route in &self.routes {
            for w in route.legs.windows(2) {
                let (a, b) = (&self.legs[w[0]], &self.legs[w[1]]);
                if a.to != b.from {
                    return Err(format!(
                        "route {:?} does not chain: a leg ends at {:?} but the next starts at {:?}",
                        route.name, a.to, b.from
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The geometry of an overlay feature, in degrees (**x = longitude, y = latitude**).
#[derive(Debug, Clone, PartialEq)]
pub enum OverlayGeometry {
    /// Polygons: each a list of rings (outer first, then holes).
    Areas(Vec<Vec<Vec<LonLat>>>),
    /// Lines.
    Lines(Vec<Vec<LonLat>>),
    /// Points.
    Points(Vec<LonLat>),
}

/// One feature of an overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayFeature {
    /// Legend entry and point label.
    pub name: Option<String>,
    /// Fill colour.
    pub fill: Option<Colour>,
    /// Line colour.
    pub stroke: Option<Colour>,
    /// Hatch areas.
    pub hatch: bool,
    /// The geometry.
    pub geometry: OverlayGeometry,
}

/// A GeoJSON overlay file (`render --overlay`), drawn over the base map.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// Its features, in file order.
    pub features: Vec<OverlayFeature>,
}

#[cfg(test)]
mod tests {
    use super::*;

    mod dates {
        use super::*;

        #[test]
        fn all_three_precisions_parse_and_print_back() {
            for s in ["2024", "2024-01", "2024-02-29"] {
                assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
            }
        }

        #[test]
        fn impossible_days_are_rejected() {
            assert!("2023-02-29".parse::<PartialDate>().is_err());
            assert!("2024-13".parse::<PartialDate>().is_err());
            assert!("2024-1".parse::<PartialDate>().is_err());
            assert!("24".parse::<PartialDate>().is_err());
            assert!("2024-01-01-01".parse::<PartialDate>().is_err());
        }
    }

    mod routes {
        use super::*;

        fn leg(route: Option<&str>, from: &str, to: &str) -> Leg {
            Leg {
                route: route.map(Into::into),
                from: from.into(),
                to: to.into(),
                mode: Mode::Unknown,
                evidence: Evidence::Reported,
                date: None,
                count: None,
                source: None,
                carrier: None,
                note: None,
                line: 0,
            }
        }

        #[test]
        fn routes_are_grouped_by_name_in_order_of_first_appearance() {
            let legs = vec![
                leg(Some("b"), "x", "y"),
                leg(Some("a"), "x", "z"),
                leg(None, "y", "z"),
                leg(Some("b"), "y", "z"),
                leg(Some("a"), "z", "y"),
            ];
            let ds = Dataset::new("t".into(), Meta::default(), Vec::new(), legs);
            let got: Vec<(&str, &[usize])> = ds
                .routes
                .iter()
                .map(|r| (r.name.as_str(), r.legs.as_slice()))
                .collect();
            assert_eq!(got, [("b", &[0, 3][..]), ("a", &[1, 4][..])]);
        }
    }

    mod keywords {
        use super::*;

        #[test]
        fn modes_parse_case_insensitively() {
            assert_eq!(" Air ".parse::<Mode>(), Ok(Mode::Air));
            assert_eq!("unknown".parse::<Mode>(), Ok(Mode::Unknown));
        }

        #[test]
        fn unknown_keyword_lists_the_accepted_ones() {
            let err = "plane".parse::<Mode>().unwrap_err();
            assert!(err.contains("\"plane\""), "{err}");
            assert!(err.contains("air, rail, road, sea, unknown"), "{err}");
        }
    }
}
