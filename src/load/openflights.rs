//! OpenFlights `airports.dat` and `routes.dat` → places and network legs.
//!
//! OpenFlights (<https://openflights.org/data.php>) publishes its databases as
//! headerless CSV with double quotes, `\N` for null:
//!
//! - `airports.dat`, 14 fields: id, name, city, country, IATA, ICAO, latitude,
//!   longitude, altitude, UTC offset, DST, time zone, type, source.
//! - `routes.dat`, 9 fields: airline, airline id, source code, source airport id,
//!   destination code, destination airport id, codeshare, stops, equipment. One
//!   row per airline per directed airport pair.
//!
//! The import makes one [`Place`] per airport that some route uses and one
//! network [`Leg`] (mode `air`, no route name) per distinct directed airport
//! pair, with the airlines flying it in [`Leg::carrier`].
//!
//! **Resolving a route's ends.** Each end is looked up by its airport id first,
//! then by its code (IATA if 3 characters, ICAO if 4). The place is keyed by
//! the IATA code the route gives: routes.dat is historical (its provider
//! stopped in June 2014), and some airports have since lost or changed their
//! code in airports.dat (routes call Atatürk airport `IST`, airports.dat now
//! gives it `ISL`). When the route gives no IATA code, the airport's own is
//! used. Rows that cannot be resolved, whose airport has no IATA code or no
//! valid coordinates, or that go from an airport to itself are skipped and
//! counted in [`RouteStats`].
//!
//! Rows that cannot be read (wrong number of fields, text where an id or a
//! coordinate belongs, control characters in a name) are errors naming the
//! file, line and value: a file in another format must not import as a
//! silently emptier network. The functions are pure: they take a file's path
//! (for messages) and its text (see [`crate::load::read_text`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use csv::StringRecord;

use super::fields;

use crate::error::{Error, Location, Result};
use crate::model::{Evidence, Leg, Meta, Mode, Place, PlaceKind, Source};
use crate::text::quote;

/// Fields in an `airports.dat` row.
pub const AIRPORT_FIELDS: usize = 14;
/// Fields in a `routes.dat` row.
pub const ROUTE_FIELDS: usize = 9;

const AIRPORT_FIELD_NAMES: [&str; AIRPORT_FIELDS] = [
    "id", "name", "city", "country", "IATA", "ICAO", "lat", "lon", "altitude", "timezone", "DST",
    "tz", "type", "source",
];
const ROUTE_FIELD_NAMES: [&str; ROUTE_FIELDS] = [
    "airline",
    "airline_id",
    "src_code",
    "src_airport_id",
    "dst_code",
    "dst_airport_id",
    "codeshare",
    "stops",
    "equipment",
];

/// One row of `airports.dat`.
#[derive(Debug, Clone, PartialEq)]
pub struct Airport {
    /// OpenFlights airport id (unique in the file).
    pub id: u64,
    /// Airport name, e.g. "Sheremetyevo International Airport".
    pub name: Option<String>,
    /// City served, e.g. "Moscow".
    pub city: Option<String>,
    /// Country **name** as OpenFlights spells it, e.g. "Russia" (not an ISO code).
    pub country: Option<String>,
    /// IATA code (3 upper-case letters or digits), if it has a valid one.
    pub iata: Option<String>,
    /// ICAO code (4 upper-case letters or digits), if it has a valid one.
    pub icao: Option<String>,
    /// Position in **degrees**, **x = longitude, y = latitude**; `None` when
    /// missing, not finite, out of range, or the (0, 0) placeholder.
    pub lon_lat_deg: Option<(f64, f64)>,
    /// 1-based line in `airports.dat`.
    pub line: u64,
}

/// Counts from reading `airports.dat`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AirportStats {
    /// Rows read.
    pub read: usize,
    /// Airports without valid coordinates (`\N`, not finite, out of range, or
    /// exactly (0, 0)): never made places, and routes to them are skipped.
    pub bad_coordinates: usize,
    /// Airports without a valid IATA code (`\N` or not 3 letters or digits).
    /// They become places only if routes name them by an IATA code.
    pub without_iata: usize,
    /// Airports whose IATA code an earlier row already has; lookups by that
    /// code find the earlier row.
    pub duplicate_iata: usize,
}

/// The airports of an `airports.dat` file, indexed for resolving routes.
#[derive(Debug, Clone, Default)]
pub struct Airports {
    /// Every row, in file order.
    pub airports: Vec<Airport>,
    /// Counts from reading.
    pub stats: AirportStats,
    by_id: HashMap<u64, usize>,
    by_iata: HashMap<String, usize>,
    by_icao: HashMap<String, usize>,
}

impl Airports {
    /// The airport with this OpenFlights id.
    pub fn by_id(&self, id: u64) -> Option<&Airport> {
        self.by_id.get(&id).map(|&i| &self.airports[i])
    }

    /// The airport with this IATA (3 characters) or ICAO (4 characters) code.
    pub fn by_code(&self, code: &str) -> Option<&Airport> {
        self.code_index(code).map(|i| &self.airports[i])
    }

    fn code_index(&self, code: &str) -> Option<usize> {
        match code.len() {
            3 => self.by_iata.get(code).copied(),
            4 => self.by_icao.get(code).copied(),
            _ => None,
        }
    }
}

/// Counts from reading `routes.dat`. Every row read is either used or
/// skipped for exactly one reason, so
/// `read == used + unresolved + without_iata + bad_coordinates + self_loops`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteStats {
    /// Rows read.
    pub read: usize,
    /// Rows that became (part of) a leg.
    pub used: usize,
    /// Rows skipped: an end found neither by airport id nor by code.
    pub unresolved: usize,
    /// Rows skipped: an end's airport has no IATA code, and the route gives none.
    pub without_iata: usize,
    /// Rows skipped: an end's airport has no valid coordinates.
    pub bad_coordinates: usize,
    /// Rows skipped: both ends are the same airport.
    pub self_loops: usize,
    /// IATA codes that routes resolve to more than one airport. The place uses
    /// the airport found by id on the earliest row (else the earliest found by
    /// code). Rows are not skipped for this.
    pub ambiguous_codes: usize,
}

/// The imported network: places sorted by id, legs sorted by (from, to).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// One place per airport used by a leg, sorted by id (the IATA code).
    pub places: Vec<Place>,
    /// One network leg per distinct directed airport pair, sorted by (from, to).
    pub legs: Vec<Leg>,
    /// Counts from `airports.dat`.
    pub airports: AirportStats,
    /// Counts from `routes.dat`.
    pub routes: RouteStats,
}

/// Read both files (see the module documentation).
///
/// ```
/// use std::path::Path;
/// use routemap::load::openflights;
///
/// let airports = "\
/// 2985,\"Sheremetyevo International Airport\",\"Moscow\",\"Russia\",\"SVO\",\"UUEE\",55.972599,37.4146,622,3,\"N\",\"Europe/Moscow\",\"airport\",\"OurAirports\"
/// 2934,\"Vladivostok International Airport\",\"Vladivostok\",\"Russia\",\"VVO\",\"UHWW\",43.39899826049805,132.1479949951172,46,10,\"N\",\"Asia/Vladivostok\",\"airport\",\"OurAirports\"
/// ";
/// let routes = "\
/// SU,130,SVO,2985,VVO,2934,,0,333
/// S7,4329,SVO,\\N,VVO,\\N,,0,320
/// ";
/// let net = openflights::parse(
///     Path::new("airports.dat"), airports, Path::new("routes.dat"), routes,
/// ).unwrap();
/// assert_eq!(net.places.len(), 2);
/// assert_eq!(net.legs.len(), 1);
/// assert_eq!(net.legs[0].carrier.as_deref(), Some("S7 SU"));
/// ```
pub fn parse(
    airports_path: &Path,
    airports_text: &str,
    routes_path: &Path,
    routes_text: &str,
) -> Result<Imported> {
    let airports = parse_airports(airports_path, airports_text)?;
    parse_routes(routes_path, routes_text, &airports)
}

/// Parse the text of an `airports.dat` file named `path` (used in messages).
pub fn parse_airports(path: &Path, text: &str) -> Result<Airports> {
    let rows = records(path, text, &AIRPORT_FIELD_NAMES, "airports")?;
    let mut out = Airports::default();
    let mut first_line: HashMap<u64, u64> = HashMap::with_capacity(rows.len());
    for (line, rec) in &rows {
        let at = Location::line(path, *line);
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let id_text = field(0);
        let id = whole_number(&at, 0, AIRPORT_FIELD_NAMES[0], id_text)?.ok_or_else(|| {
            Error::invalid(
                at.clone(),
                format!(
                    "field 1 (\"id\") is {}; every airport needs an id",
                    quote(id_text)
                ),
            )
        })?;
        if let Some(first) = first_line.get(&id) {
            return Err(Error::invalid(
                at,
                format!(
                    "duplicate airport id {} (first on line {first})",
                    quote(id_text)
                ),
            ));
        }
        first_line.insert(id, *line);
        let name = text_field(&at, 1, field(1))?;
        let city = text_field(&at, 2, field(2))?;
        let country = text_field(&at, 3, field(3))?;
        let iata = null(field(4))
            .map(str::to_ascii_uppercase)
            .filter(|c| is_code(c, 3));
        let icao = null(field(5))
            .map(str::to_ascii_uppercase)
            .filter(|c| is_code(c, 4));
        let lat = coordinate(&at, 6, field(6))?;
        let lon = coordinate(&at, 7, field(7))?;
        let lon_lat_deg = match (lon, lat) {
            (Some(lon), Some(lat))
                if lat.abs() <= 90.0 && lon.abs() <= 180.0 && (lat, lon) != (0.0, 0.0) =>
            {
                // Normalise -0 so output never shows "-0".
                Some((lon + 0.0, lat + 0.0))
            }
            _ => None,
        };

        let index = out.airports.len();
        out.stats.read += 1;
        if lon_lat_deg.is_none() {
            out.stats.bad_coordinates += 1;
        }
        match &iata {
            None => out.stats.without_iata += 1,
            Some(code) => {
                if out.by_iata.contains_key(code) {
                    out.stats.duplicate_iata += 1;
                } else {
                    out.by_iata.insert(code.clone(), index);
                }
            }
        }
        if let Some(code) = &icao {
            out.by_icao.entry(code.clone()).or_insert(index);
        }
        out.by_id.insert(id, index);
        out.airports.push(Airport {
            id,
            name,
            city,
            country,
            iata,
            icao,
            lon_lat_deg,
            line: *line,
        });
    }
    Ok(out)
}

/// One end of a route row, resolved to an airport.
#[derive(Debug, Clone)]
struct End {
    /// The place id: the IATA code the route gives, else the airport's.
    key: String,
    /// Index into [`Airports::airports`].
    airport: usize,
    /// Found by airport id (rather than by code).
    by_id: bool,
}

/// Why a route row was skipped.
enum Skip {
    Unresolved,
    WithoutIata,
    BadCoordinates,
}

/// Parse the text of a `routes.dat` file named `path` (used in messages) and
/// build the network over `airports`.
pub fn parse_routes(path: &Path, text: &str, airports: &Airports) -> Result<Imported> {
    let rows = records(path, text, &ROUTE_FIELD_NAMES, "routes")?;
    let mut stats = RouteStats {
        read: rows.len(),
        ..RouteStats::default()
    };

    // Pass 1: read every row and resolve its ends.
    let mut resolved: Vec<(End, End, Option<&str>)> = Vec::with_capacity(rows.len());
    for (line, rec) in &rows {
        let at = Location::line(path, *line);
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let airline = null(field(0));
        if let Some(code) = airline
            && let Some(c) = code.chars().find(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::invalid(
                at,
                format!(
                    "field 1 (\"airline\") value {} contains {c:?}; airline codes are \
                     written space-separated, so they cannot hold spaces",
                    quote(code)
                ),
            ));
        }
        let src_id = whole_number(&at, 3, ROUTE_FIELD_NAMES[3], field(3))?;
        let dst_id = whole_number(&at, 5, ROUTE_FIELD_NAMES[5], field(5))?;
        match (
            resolve(airports, field(2), src_id),
            resolve(airports, field(4), dst_id),
        ) {
            (Ok(src), Ok(dst)) => resolved.push((src, dst, airline)),
            (Err(skip), _) | (_, Err(skip)) => match skip {
                Skip::Unresolved => stats.unresolved += 1,
                Skip::WithoutIata => stats.without_iata += 1,
                Skip::BadCoordinates => stats.bad_coordinates += 1,
            },
        }
    }

    // Each code stands for one airport: the first found by id, else the first found by code.
    let mut bound: HashMap<&str, (usize, bool)> = HashMap::new();
    let mut ambiguous: HashSet<&str> = HashSet::new();
    for (src, dst, _) in &resolved {
        for end in [src, dst] {
            match bound.get_mut(end.key.as_str()) {
                None => {
                    bound.insert(&end.key, (end.airport, end.by_id));
                }
                Some(slot) if slot.0 != end.airport => {
                    ambiguous.insert(&end.key);
                    if end.by_id && !slot.1 {
                        *slot = (end.airport, true);
                    }
                }
                Some(_) => {}
            }
        }
    }
    stats.ambiguous_codes = ambiguous.len();

    // Pass 2: one leg per directed pair, carriers merged.
    let mut pairs: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for (src, dst, airline) in &resolved {
        let (from, to) = (src.key.as_str(), dst.key.as_str());
        if from == to || bound[from].0 == bound[to].0 {
            stats.self_loops += 1;
            continue;
        }
        stats.used += 1;
        let carriers = pairs.entry((from, to)).or_default();
        if let Some(a) = airline {
            carriers.insert(a);
        }
    }
    if pairs.is_empty() {
        return Err(Error::invalid(
            Location::file(path),
            format!(
                "no route joins two usable airports ({} rows: {} with an airport found neither \
                 by id nor by code, {} without an IATA code, {} without valid coordinates, {} \
                 self loops); nothing to import",
                stats.read,
                stats.unresolved,
                stats.without_iata,
                stats.bad_coordinates,
                stats.self_loops
            ),
        ));
    }

    let used: BTreeSet<&str> = pairs.keys().flat_map(|&(a, b)| [a, b]).collect();
    let places = used
        .into_iter()
        .map(|key| place(key, &airports.airports[bound[key].0]))
        .collect();
    let legs = pairs
        .into_iter()
        .map(|((from, to), carriers)| Leg {
            route: None,
            from: from.to_string(),
            to: to.to_string(),
            mode: Mode::Air,
            evidence: Evidence::Reported,
            date: None,
            count: None,
            source: None,
            carrier: (!carriers.is_empty())
                .then(|| carriers.into_iter().collect::<Vec<_>>().join(" ")),
            note: None,
            line: 0,
        })
        .collect();
    Ok(Imported {
        places,
        legs,
        airports: airports.stats.clone(),
        routes: stats,
    })
}

/// Resolve one end of a route: by airport id, then by code.
fn resolve(airports: &Airports, code: &str, id: Option<u64>) -> Result<End, Skip> {
    let code = null(code).map(str::to_ascii_uppercase);
    let (index, by_id) = match id.and_then(|id| airports.by_id.get(&id)) {
        Some(&i) => (i, true),
        None => match code.as_deref().and_then(|c| airports.code_index(c)) {
            Some(i) => (i, false),
            None => return Err(Skip::Unresolved),
        },
    };
    let airport = &airports.airports[index];
    let key = match code.filter(|c| is_code(c, 3)) {
        Some(c) => c,
        None => airport.iata.clone().ok_or(Skip::WithoutIata)?,
    };
    if airport.lon_lat_deg.is_none() {
        return Err(Skip::BadCoordinates);
    }
    Ok(End {
        key,
        airport: index,
        by_id,
    })
}

/// The place for an airport that routes call `key`.
fn place(key: &str, airport: &Airport) -> Place {
    let (lon_deg, lat_deg) = airport.lon_lat_deg.unwrap_or_default();
    let name = airport
        .name
        .clone()
        .or_else(|| airport.city.clone())
        .unwrap_or_else(|| key.to_string());
    let mut note: Vec<&str> = Vec::new();
    note.extend(airport.city.as_deref());
    note.extend(airport.country.as_deref());
    let mut note = note.join(", ");
    if airport.iata.as_deref() != Some(key) {
        if !note.is_empty() {
            note.push_str("; ");
        }
        let _ = write!(
            note,
            "routes.dat uses {key}, airports.dat gives {} (OpenFlights airport {})",
            airport.iata.as_deref().unwrap_or("no IATA code"),
            airport.id
        );
    }
    Place {
        id: key.to_string(),
        name,
        lat_deg,
        lon_deg,
        country: None,
        kind: Some(PlaceKind::Airport),
        note: (!note.is_empty()).then_some(note),
        city: airport.city.clone(),
        code: Some(key.to_string()),
        located: None,
        area: None,
    }
}

/// The records of a headerless OpenFlights file, with their 1-based lines,
/// each checked to have `names.len()` fields.
fn records(
    path: &Path,
    text: &str,
    names: &[&str],
    what: &str,
) -> Result<Vec<(u64, StringRecord)>> {
    if text.trim().is_empty() {
        return Err(Error::invalid(
            Location::file(path),
            format!("file is empty (expected OpenFlights {what}.dat rows)"),
        ));
    }
    let normalised = super::normalise_line_ends(text);
    let text: &str = &normalised;
    fields::check_quotes_closed(path, text)?;
    let mut reader = fields::csv_reader(text, false, true);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| fields::csv_error(path, e))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != names.len() {
            let row = text
                .lines()
                .nth(line.saturating_sub(1) as usize)
                .unwrap_or("")
                .trim_end_matches('\r');
            return Err(Error::invalid(
                Location::line(path, line),
                format!(
                    "row {} has {} fields; OpenFlights {what}.dat rows have {} ({})",
                    quote(row),
                    record.len(),
                    names.len(),
                    names.join(", ")
                ),
            ));
        }
        rows.push((line, record));
    }
    Ok(rows)
}

/// `None` for OpenFlights' null (`\N`) and for an empty field.
fn null(value: &str) -> Option<&str> {
    (!value.is_empty() && value != "\\N").then_some(value)
}

/// A code of `len` upper-case ASCII letters or digits (IATA: 3, ICAO: 4).
fn is_code(code: &str, len: usize) -> bool {
    code.len() == len
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// A field as messages name it: `field 2 ("name")` for index 1.
#[derive(Clone, Copy)]
struct Field<'a>(usize, &'a str);

impl fields::FieldName for Field<'_> {
    fn field_name(self) -> String {
        format!("field {} ({:?})", self.0 + 1, self.1)
    }
}

/// A displayed text field: null, or text [`fields::text`] accepts. The
/// MySQL-style escape `\'` in the files becomes `'`.
fn text_field(at: &Location, index: usize, value: &str) -> Result<Option<String>> {
    let Some(value) = null(value) else {
        return Ok(None);
    };
    let what = Field(index, AIRPORT_FIELD_NAMES[index]);
    fields::text(what, value, fields::MAX_NAME_CHARS).map_err(|m| Error::invalid(at.clone(), m))?;
    Ok(Some(value.replace("\\'", "'")))
}

/// An id: null, or a whole number.
fn whole_number(at: &Location, index: usize, name: &str, value: &str) -> Result<Option<u64>> {
    let Some(value) = null(value) else {
        return Ok(None);
    };
    fields::whole_number(Field(index, name), value)
        .map(Some)
        .map_err(|m| Error::invalid(at.clone(), format!("{m}{}", header_hint(at))))
}

/// A coordinate: null, or a number (range is checked by the caller, which
/// skips the airport rather than failing).
fn coordinate(at: &Location, index: usize, value: &str) -> Result<Option<f64>> {
    let Some(value) = null(value) else {
        return Ok(None);
    };
    match fields::finite(Field(index, AIRPORT_FIELD_NAMES[index]), value) {
        Ok(v) => Ok(Some(v)),
        // Not finite: the airport has no valid coordinates, like `\N`.
        Err(_) if value.parse::<f64>().is_ok() => Ok(None),
        Err(m) => Err(Error::invalid(
            at.clone(),
            format!("{m}{}", header_hint(at)),
        )),
    }
}

/// A hint for the first line, which in a file with a header holds column names.
fn header_hint(at: &Location) -> &'static str {
    if at.line == Some(1) {
        " (OpenFlights files have no header line)"
    } else {
        ""
    }
}

/// The URL of the OpenFlights data page, cited in the imported dataset.
pub const DATA_URL: &str = "https://openflights.org/data.php";

impl Imported {
    /// Metadata for the imported dataset's `dataset.toml`: title, credit with
    /// the ODbL attribution, and the OpenFlights source (not verified).
    pub fn meta(&self) -> Meta {
        Meta {
            title: Some("OpenFlights airline network".to_string()),
            subtitle: Some(format!(
                "{} directed airport pairs between {} airports, as last updated in June 2014",
                crate::text::thousands(self.legs.len() as f64),
                crate::text::thousands(self.places.len() as f64)
            )),
            credit: Some(
                "Data: OpenFlights (openflights.org), ODbL 1.0; routes are historical, \
                 last updated June 2014."
                    .to_string(),
            ),
            sources: vec![Source {
                id: "openflights".to_string(),
                publisher: Some("OpenFlights".to_string()),
                title: Some("Airport and route databases (airports.dat, routes.dat)".to_string()),
                date: None,
                url: Some(DATA_URL.to_string()),
                verified: false,
                note: Some(
                    "Routes from Airline Route Mapper; the provider stopped updating them in \
                     June 2014, so many have since changed. Airports from OurAirports and DAFIF. \
                     A leg means OpenFlights lists at least one airline on that directed pair, \
                     not that it is flown today. Databases under the Open Database License \
                     (ODbL) 1.0, contents under the Database Contents License (DbCL) 1.0."
                        .to_string(),
                ),
            }],
            ..Meta::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An airports.dat row with the fields that matter.
    fn airport(id: &str, name: &str, iata: &str, lat: &str, lon: &str) -> String {
        format!(
            "{id},\"{name}\",\"City {id}\",\"Country\",{iata},\\N,{lat},{lon},100,0,\"U\",\"Etc/UTC\",\"airport\",\"OurAirports\"\n"
        )
    }

    /// A routes.dat row.
    fn route(airline: &str, src: &str, src_id: &str, dst: &str, dst_id: &str) -> String {
        format!("{airline},1,{src},{src_id},{dst},{dst_id},,0,320\n")
    }

    fn airports() -> String {
        [
            airport("1", "Alpha Airport", "\"AAA\"", "10", "20"),
            airport("2", "Bravo Airport", "\"BBB\"", "-10.5", "-20.25"),
            airport("3", "Charlie Airport", "\"CCC\"", "30", "40"),
            airport("4", "Delta Field", "\\N", "45", "50"),
        ]
        .concat()
    }

    fn parse_both(airports: &str, routes: &str) -> Result<Imported> {
        parse(
            Path::new("airports.dat"),
            airports,
            Path::new("routes.dat"),
            routes,
        )
    }

    fn err(r: Result<impl std::fmt::Debug>) -> String {
        r.unwrap_err().to_string()
    }

    fn pairs(net: &Imported) -> Vec<(&str, &str, &str)> {
        net.legs
            .iter()
            .map(|l| {
                (
                    l.from.as_str(),
                    l.to.as_str(),
                    l.carrier.as_deref().unwrap_or(""),
                )
            })
            .collect()
    }

    mod resolving {
        use super::*;

        #[test]
        fn by_id_first_then_by_code() {
            // The id wins over a contradicting code's airport; a null id falls back to the code.
            let routes = [
                route("XA", "AAA", "2", "CCC", "\\N"),
                route("XB", "AAA", "\\N", "CCC", "99"),
            ]
            .concat();
            let net = parse_both(&airports(), &routes).unwrap();
            assert_eq!(pairs(&net), [("AAA", "CCC", "XA XB")]);
            // AAA is keyed by the route's code but placed at airport 2, found by id.
            let aaa = &net.places[0];
            assert_eq!(
                (aaa.id.as_str(), aaa.name.as_str()),
                ("AAA", "Bravo Airport")
            );
            assert_eq!((aaa.lat_deg, aaa.lon_deg), (-10.5, -20.25));
            assert_eq!(
                aaa.note.as_deref(),
                Some(
                    "City 2, Country; routes.dat uses AAA, airports.dat gives BBB (OpenFlights airport 2)"
                )
            );
            assert_eq!(net.routes.ambiguous_codes, 1);
        }

        #[test]
        fn airport_without_iata_is_keyed_by_the_routes_code() {
            let net = parse_both(&airports(), &route("XA", "DDD", "4", "AAA", "1")).unwrap();
            assert_eq!(pairs(&net), [("DDD", "AAA", "XA")]);
            assert_eq!(net.places[1].name, "Delta Field");
        }

        #[test]
        fn nulls_and_unknown_codes_are_skipped_and_counted() {
            let routes = [
                route("XA", "\\N", "\\N", "AAA", "1"),
                route("XA", "ZZZ", "\\N", "AAA", "1"),
                route("XA", "ZZZ", "77", "AAA", "1"),
                route("XA", "AAA", "1", "BBB", "2"),
            ]
            .concat();
            let net = parse_both(&airports(), &routes).unwrap();
            assert_eq!(net.routes.read, 4);
            assert_eq!(net.routes.unresolved, 3);
            assert_eq!(net.routes.used, 1);
            assert_eq!(pairs(&net), [("AAA", "BBB", "XA")]);
        }

        #[test]
        fn null_code_uses_the_airports_iata_or_is_skipped() {
            let routes = [
                route("XA", "\\N", "1", "BBB", "2"),
                route("XA", "\\N", "4", "BBB", "2"),
            ]
            .concat();
            let net = parse_both(&airports(), &routes).unwrap();
            assert_eq!(pairs(&net), [("AAA", "BBB", "XA")]);
            assert_eq!(net.routes.without_iata, 1);
        }

        #[test]
        fn four_letter_code_is_looked_up_as_icao() {
            let airports =
                airport("7", "Echo", "\"EEE\"", "1", "1").replace("\\N", "\"EEEE\"") + &airports();
            let net = parse_both(&airports, &route("XA", "EEEE", "\\N", "AAA", "1")).unwrap();
            assert_eq!(pairs(&net), [("EEE", "AAA", "XA")]);
        }
    }

    mod merging {
        use super::*;

        #[test]
        fn directed_pairs_merge_with_carriers_sorted_and_deduplicated() {
            let routes = [
                route("ZZ", "AAA", "1", "BBB", "2"),
                route("AB", "AAA", "1", "BBB", "2"),
                route("ZZ", "AAA", "\\N", "BBB", "\\N"),
                route("AB", "BBB", "2", "AAA", "1"),
                route("\\N", "CCC", "3", "AAA", "1"),
            ]
            .concat();
            let net = parse_both(&airports(), &routes).unwrap();
            assert_eq!(
                pairs(&net),
                [
                    ("AAA", "BBB", "AB ZZ"),
                    ("BBB", "AAA", "AB"),
                    ("CCC", "AAA", "")
                ]
            );
            assert_eq!(net.legs[2].carrier, None);
            assert!(
                net.legs
                    .iter()
                    .all(|l| l.mode == Mode::Air && l.route.is_none())
            );
            assert_eq!(net.routes.used, 5);
        }

        #[test]
        fn only_airports_with_legs_become_places_sorted_by_id() {
            let routes = [
                route("XA", "CCC", "3", "AAA", "1"),
                route("XA", "AAA", "1", "CCC", "3"),
            ]
            .concat();
            let net = parse_both(&airports(), &routes).unwrap();
            let ids: Vec<&str> = net.places.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(ids, ["AAA", "CCC"]);
            assert_eq!(net.places[0].kind, Some(PlaceKind::Airport));
            assert_eq!(net.places[0].country, None);
            assert_eq!(net.places[0].note.as_deref(), Some("City 1, Country"));
        }

        #[test]
        fn self_loop_is_dropped_and_counted() {
            let routes = [
                route("XA", "AAA", "1", "AAA", "1"),
                route("XA", "AAA", "1", "BBB", "2"),
            ]
            .concat();
            let net = parse_both(&airports(), &routes).unwrap();
            assert_eq!(net.routes.self_loops, 1);
            assert_eq!(pairs(&net), [("AAA", "BBB", "XA")]);
        }

        #[test]
        fn no_usable_route_is_an_error() {
            let e = err(parse_both(
                &airports(),
                &route("XA", "ZZZ", "\\N", "AAA", "1"),
            ));
            assert!(
                e.starts_with("routes.dat: no route joins two usable airports (1 rows: 1 "),
                "{e}"
            );
        }
    }

    mod airports {
        use super::*;

        #[test]
        fn bad_coordinates_are_skipped_and_counted_not_errors() {
            let text = [
                airport("1", "A", "\"AAA\"", "91", "0"),
                airport("2", "B", "\"BBB\"", "NaN", "0"),
                airport("3", "C", "\"CCC\"", "\\N", "0"),
                airport("4", "D", "\"DDD\"", "0", "0"),
                airport("5", "E", "\"EEE\"", "0", "-180"),
            ]
            .concat();
            let a = parse_airports(Path::new("airports.dat"), &text).unwrap();
            assert_eq!(a.stats.read, 5);
            assert_eq!(a.stats.bad_coordinates, 4);
            assert_eq!(a.by_code("EEE").unwrap().lon_lat_deg, Some((-180.0, 0.0)));
            // Routes to an airport without coordinates are skipped, never placed at (0, 0).
            let routes = [
                route("X", "AAA", "1", "EEE", "5"),
                route("X", "EEE", "5", "DDD", "4"),
                route("X", "BBB", "2", "EEE", "5"),
            ]
            .concat();
            let e = err(parse_both(&text, &routes));
            assert_eq!(
                e,
                "routes.dat: no route joins two usable airports (3 rows: 0 with an airport found \
                 neither by id nor by code, 0 without an IATA code, 3 without valid coordinates, \
                 0 self loops); nothing to import"
            );
        }

        #[test]
        fn escaped_apostrophe_is_unescaped() {
            let text = "4347,\"St. Mary's Airport\",\"ST MARY\\'S\",\"United Kingdom\",\"ISC\",\"EGHE\",49.9,-6.29,116,0,\"E\",\"Europe/London\",\"airport\",\"OurAirports\"\n";
            let a = parse_airports(Path::new("airports.dat"), text).unwrap();
            assert_eq!(a.airports[0].city.as_deref(), Some("ST MARY'S"));
            assert_eq!(a.airports[0].name.as_deref(), Some("St. Mary's Airport"));
        }

        #[test]
        fn doubled_quotes_and_commas_in_names() {
            let text = airport(
                "1",
                "Magdeburg \"\"City\"\", Airport",
                "\"AAA\"",
                "52",
                "11",
            );
            let a = parse_airports(Path::new("airports.dat"), &text).unwrap();
            assert_eq!(
                a.airports[0].name.as_deref(),
                Some("Magdeburg \"City\", Airport")
            );
        }
    }

    mod malformed {
        use super::*;

        #[test]
        fn wrong_number_of_fields_names_file_line_and_row() {
            let text = airports() + "5,\"Short\",\"X\"\n";
            let e = err(parse_airports(Path::new("airports.dat"), &text));
            assert_eq!(
                e,
                "airports.dat:5: row \"5,\\\"Short\\\",\\\"X\\\"\" has 3 fields; OpenFlights airports.dat rows \
                 have 14 (id, name, city, country, IATA, ICAO, lat, lon, altitude, timezone, DST, \
                 tz, type, source)"
            );
        }

        #[test]
        fn text_where_a_coordinate_belongs() {
            let text = airports() + &airport("5", "E", "\"EEE\"", "north", "0");
            let e = err(parse_airports(Path::new("airports.dat"), &text));
            assert_eq!(
                e,
                "airports.dat:5: field 7 (\"lat\") value \"north\" is not a number"
            );
        }

        #[test]
        fn text_where_an_airport_id_belongs() {
            let routes =
                route("XA", "AAA", "1", "BBB", "2") + &route("XA", "AAA", "one", "BBB", "2");
            let e = err(parse_both(&airports(), &routes));
            assert_eq!(
                e,
                "routes.dat:2: field 4 (\"src_airport_id\") value \"one\" is not a whole number"
            );
        }

        #[test]
        fn header_line_gets_a_hint() {
            let routes = "airline,airline_id,src,src_id,dst,dst_id,codeshare,stops,equipment\n";
            let e = err(parse_both(&airports(), routes));
            assert_eq!(
                e,
                "routes.dat:1: field 4 (\"src_airport_id\") value \"src_id\" is not a whole \
                 number (OpenFlights files have no header line)"
            );
        }

        #[test]
        fn duplicate_airport_id() {
            let text = airports() + &airport("2", "Again", "\"EEE\"", "1", "1");
            let e = err(parse_airports(Path::new("airports.dat"), &text));
            assert_eq!(
                e,
                "airports.dat:5: duplicate airport id \"2\" (first on line 2)"
            );
        }

        #[test]
        fn control_character_in_a_name() {
            let text = airport("1", "Line\nbreak", "\"AAA\"", "1", "1");
            let e = err(parse_airports(Path::new("airports.dat"), &text));
            assert!(
                e.starts_with("airports.dat:1: field 2 (\"name\") value \"Line\\nbreak\""),
                "{e}"
            );
        }

        #[test]
        fn airline_code_with_a_space() {
            let e = err(parse_both(
                &airports(),
                &route("X A", "AAA", "1", "BBB", "2"),
            ));
            assert!(
                e.starts_with("routes.dat:1: field 1 (\"airline\") value \"X A\" contains ' '"),
                "{e}"
            );
        }

        #[test]
        fn empty_file() {
            let e = err(parse_both("", &route("XA", "AAA", "1", "BBB", "2")));
            assert_eq!(
                e,
                "airports.dat: file is empty (expected OpenFlights airports.dat rows)"
            );
        }
    }

    mod never_panics {
        use super::*;
        use proptest::prelude::*;

        /// The fixture with one field of one row replaced.
        fn mutate(text: &str, row: usize, field: usize, value: &str) -> String {
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            let n = lines.len();
            let mut fields: Vec<String> = lines[row % n].split(',').map(String::from).collect();
            let m = fields.len();
            fields[field % m] = value.to_string();
            lines[row % n] = fields.join(",");
            lines.join("\n") + "\n"
        }

        fn routes() -> String {
            [
                route("XA", "AAA", "1", "BBB", "2"),
                route("XB", "BBB", "\\N", "CCC", "3"),
                route("XC", "DDD", "4", "AAA", "\\N"),
            ]
            .concat()
        }

        proptest! {
            #[test]
            fn on_any_text(a in "[0-9A-Z\\\\,\"\n .-]{0,120}", r in "[0-9A-Z\\\\,\"\n .-]{0,120}") {
                let _ = parse_both(&a, &r);
                let _ = parse_both(&airports(), &r);
            }

            #[test]
            fn on_one_changed_field(
                in_routes: bool,
                row in 0usize..4,
                field in 0usize..14,
                value in "(\\\\N|-?[0-9]{0,4}(\\.[0-9]{0,3})?|[A-Z]{0,5}|\\PC{0,6}|\"|NaN|inf|1e999)",
            ) {
                let (a, r) = if in_routes {
                    (airports(), mutate(&routes(), row, field, &value))
                } else {
                    (mutate(&airports(), row, field, &value), routes())
                };
                if let Ok(net) = parse_both(&a, &r) {
                    // Whatever parses is a valid dataset.
                    let ds = crate::model::Dataset::new(
                        "t".into(), net.meta(), net.places, net.legs,
                    );
                    prop_assert!(ds.validate().is_ok());
                    for p in &ds.places {
                        prop_assert!(p.lat_deg.abs() <= 90.0 && p.lon_deg.abs() <= 180.0);
                    }
                }
            }
        }
    }
}
