//! `places.csv` and `legs.csv`: comma-separated, UTF-8, one header line.
//!
//! Columns are found by header name, in any order. Unknown columns are an error
//! (a misspelt `evidence` column must not silently turn inferred legs into
//! reported ones). Fields are trimmed of surrounding spaces.

use std::collections::HashMap;
use std::path::Path;

use csv::StringRecord;

use super::fields::{self, csv_error, optional};

use crate::error::{Error, Location, Result};
use crate::model::{Evidence, Leg, Mode, PartialDate, Place, PlaceKind};
use crate::text::{did_you_mean, quote};

const PLACE_REQUIRED: &[&str] = &["id", "name", "lat", "lon"];
const PLACE_OPTIONAL: &[&str] = &["country", "kind", "note", "code", "city", "area"];
const LEG_REQUIRED: &[&str] = &["route", "from", "to"];
const LEG_OPTIONAL: &[&str] = &[
    "mode", "evidence", "date", "count", "source", "carrier", "note",
];

/// A header checked against the known columns: column name → field index.
struct Columns {
    index: HashMap<&'static str, usize>,
}

impl Columns {
    fn check(
        path: &Path,
        header: &StringRecord,
        required: &[&'static str],
        optional: &[&'static str],
    ) -> Result<Self> {
        let at = Location::line(path, 1);
        let mut index = HashMap::new();
        let known = || required.iter().chain(optional).copied();
        for (i, raw) in header.iter().enumerate() {
            let name = raw.trim();
            let Some(known_name) = known().find(|k| *k == name) else {
                let joined = header.iter().collect::<Vec<_>>().join(",");
                if header.len() == 1 && (name.contains(';') || name.contains('\t')) {
                    let delim = if name.contains(';') { "';'" } else { "a tab" };
                    return Err(Error::invalid(
                        at,
                        format!(
                            "header {} looks separated by {delim}; routemap reads comma-separated files",
                            quote(&joined)
                        ),
                    ));
                }
                let hint = did_you_mean(name, known())
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                return Err(Error::invalid(
                    at,
                    format!(
                        "unknown column {}{hint}; columns are {} (required) and {} (optional)",
                        quote(name),
                        required.join(","),
                        optional.join(",")
                    ),
                ));
            };
            if index.insert(known_name, i).is_some() {
                return Err(Error::invalid(
                    at,
                    format!("duplicate column {}", quote(name)),
                ));
            }
        }
        for r in required {
            if !index.contains_key(r) {
                return Err(Error::invalid(
                    at,
                    format!(
                        "missing required column {r:?} (header is {})",
                        quote(&header.iter().collect::<Vec<_>>().join(","))
                    ),
                ));
            }
        }
        Ok(Columns { index })
    }

    /// The field index of `column`, if the file has it.
    fn idx(&self, column: &str) -> Option<usize> {
        self.index.get(column).copied()
    }
}

/// The trimmed field at `index` (from [`Columns::idx`]), or "" when absent.
fn field(record: &StringRecord, index: Option<usize>) -> &str {
    index.and_then(|i| record.get(i)).map_or("", str::trim)
}

/// A text field: [`field`], with the `'` that protects a value from
/// spreadsheets removed (see [`crate::text::csv_unprotect`]).
fn text_of(record: &StringRecord, index: Option<usize>) -> &str {
    crate::text::csv_unprotect(field(record, index))
}

/// A CSV text's records, read one at a time into a reused record after the
/// header has been checked, with 1-based line numbers.
struct Records<'t> {
    path: &'t Path,
    reader: csv::Reader<&'t [u8]>,
    columns: Columns,
    rows: usize,
}

impl<'t> Records<'t> {
    /// Check the header of `text` (already with `\n` line ends).
    fn new(
        path: &'t Path,
        text: &'t str,
        required: &[&'static str],
        optional: &[&'static str],
    ) -> Result<Self> {
        if text.trim().is_empty() {
            return Err(Error::invalid(
                Location::file(path),
                format!(
                    "file is empty (expected a header line: {})",
                    required.join(",")
                ),
            ));
        }
        fields::check_quotes_closed(path, text)?;
        let mut reader = fields::csv_reader(text, true, false);
        let header = reader.headers().map_err(|e| csv_error(path, e))?.clone();
        let columns = Columns::check(path, &header, required, optional)?;
        Ok(Records {
            path,
            reader,
            columns,
            rows: 0,
        })
    }

    /// Read the next record into `record`; its line number, or `None` at the
    /// end. A file with a header and no rows is an error.
    fn next(&mut self, record: &mut StringRecord) -> Result<Option<u64>> {
        if !self
            .reader
            .read_record(record)
            .map_err(|e| csv_error(self.path, e))?
        {
            if self.rows == 0 {
                return Err(Error::invalid(
                    Location::file(self.path),
                    "has a header but no rows",
                ));
            }
            return Ok(None);
        }
        self.rows += 1;
        Ok(Some(record.position().map_or(0, |p| p.line())))
    }
}

/// A displayed text field: see [`fields::text`]. Notes, sources and
/// carriers are free text ([`fields::MAX_NOTE_CHARS`]); the other columns
/// names ([`fields::MAX_NAME_CHARS`]).
fn text_field(at: impl FnOnce() -> Location, column: &str, value: &str) -> Result<()> {
    let max = match column {
        "note" | "source" | "carrier" => fields::MAX_NOTE_CHARS,
        _ => fields::MAX_NAME_CHARS,
    };
    fields::text(fields::Column(column), value, max).map_err(|m| Error::invalid(at(), m))
}

/// A coordinate in degrees: a finite number within ±`limit`.
fn coordinate(at: &Location, column: &str, value: &str, limit: f64) -> Result<f64> {
    if value.is_empty() {
        return Err(Error::invalid(
            at.clone(),
            format!(
                "empty {column:?}; give both lat and lon, or leave both empty to look the place up by name or code"
            ),
        ));
    }
    fields::degrees(fields::Quoted(column), value, limit).map_err(|m| Error::invalid(at.clone(), m))
}

/// Parse the text of a `places.csv` file named `path` (used in messages).
pub fn parse_places(path: &Path, text: &str) -> Result<Vec<Place>> {
    let text = super::normalise_line_ends(text);
    let mut records = Records::new(path, &text, PLACE_REQUIRED, PLACE_OPTIONAL)?;
    let c = |name| records.columns.idx(name);
    let (c_id, c_name, c_lat, c_lon) = (c("id"), c("name"), c("lat"), c("lon"));
    let (c_country, c_kind, c_note, c_code) = (c("country"), c("kind"), c("note"), c("code"));
    let (c_city, c_area) = (c("city"), c("area"));
    let mut places: Vec<Place> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut rec = StringRecord::new();
    while let Some(line) = records.next(&mut rec)? {
        let at = Location::line(path, line);
        let id = text_of(&rec, c_id);
        if id.is_empty() {
            return Err(Error::invalid(at, "empty \"id\"; every place needs an id"));
        }
        text_field(|| at.clone(), "id", id)?;
        if let Some(first) = seen.get(id) {
            return Err(Error::invalid(
                at,
                format!(
                    "duplicate place id {} (first defined on line {first})",
                    quote(id)
                ),
            ));
        }
        let name = text_of(&rec, c_name);
        if name.is_empty() {
            return Err(Error::invalid(
                at,
                format!("empty \"name\" for place {}", quote(id)),
            ));
        }
        text_field(|| at.clone(), "name", name)?;
        let country = field(&rec, c_country);
        let iso_like = country.len() == 2 && country.bytes().all(|b| b.is_ascii_alphabetic());
        if !country.is_empty() && !iso_like {
            return Err(Error::invalid(
                at,
                format!(
                    "\"country\" value {} is not an ISO 3166-1 alpha-2 code (two letters, e.g. RU)",
                    quote(country)
                ),
            ));
        }
        let mut kind = match field(&rec, c_kind) {
            "" => None,
            k => Some(
                k.parse::<PlaceKind>()
                    .map_err(|m| Error::invalid(at.clone(), m))?,
            ),
        };
        let code = text_of(&rec, c_code);
        text_field(|| at.clone(), "code", code)?;
        let city = text_of(&rec, c_city);
        text_field(|| at.clone(), "city", city)?;
        // The gazetteer's city and code for an airport it locates, used
        // where the columns are empty.
        let mut found: (Option<String>, Option<String>) = (None, None);
        let (lat, lon) = (field(&rec, c_lat), field(&rec, c_lon));
        let (lat_deg, lon_deg, located, found_country) = if lat.is_empty() && lon.is_empty() {
            // Both empty: the gazetteer places it, by code or name.
            let m = crate::gazetteer::locate(name, code, (!country.is_empty()).then_some(country))
                .map_err(|e| Error::invalid(at.clone(), e.to_string()))?;
            let query = if code.is_empty() { name } else { code };
            kind = kind.or(Some(match m.entry.source {
                crate::gazetteer::Source::GeoNames => PlaceKind::City,
                crate::gazetteer::Source::Airportsdata => PlaceKind::Airport,
            }));
            let located = m.located(query);
            found = (m.entry.served_city(), m.entry.code());
            (
                m.entry.lat_deg,
                m.entry.lon_deg,
                Some(located),
                m.entry.country,
            )
        } else {
            let lat_deg = coordinate(&at, "lat", lat, 90.0)?;
            let lon_deg = coordinate(&at, "lon", lon, 180.0)?;
            (lat_deg, lon_deg, None, String::new())
        };
        let country = if country.is_empty() {
            &found_country
        } else {
            country
        };
        let note = text_of(&rec, c_note);
        text_field(|| at.clone(), "note", note)?;
        let area = match text_of(&rec, c_area) {
            "" => None,
            spec if kind != Some(PlaceKind::Region) => {
                return Err(Error::invalid(
                    at,
                    format!(
                        "\"area\" value {} given for place {} of kind {}; only places of kind region carry an area",
                        quote(spec),
                        quote(id),
                        kind.map_or("(none)", PlaceKind::as_str)
                    ),
                ));
            }
            spec => {
                let dir = path.parent().unwrap_or(Path::new(""));
                Some(super::area::parse(spec, dir).map_err(|m| Error::invalid(at.clone(), m))?)
            }
        };
        seen.insert(id.to_string(), line);
        places.push(Place {
            id: id.to_string(),
            name: name.to_string(),
            lat_deg,
            lon_deg,
            country: optional(&country.to_ascii_uppercase()),
            kind,
            note: optional(note),
            city: optional(city).or(found.0),
            code: optional(code).or(found.1),
            located,
            area,
        });
    }
    Ok(places)
}

/// Parse the text of a `legs.csv` file named `path` (used in messages).
///
/// Checks each row on its own; references to places and route chaining are
/// checked once places are known (see [`crate::load::dataset`]).
pub fn parse_legs(path: &Path, text: &str) -> Result<Vec<Leg>> {
    let text = super::normalise_line_ends(text);
    let mut records = Records::new(path, &text, LEG_REQUIRED, LEG_OPTIONAL)?;
    let c = |name| records.columns.idx(name);
    let (c_route, c_from, c_to, c_mode) = (c("route"), c("from"), c("to"), c("mode"));
    let (c_evidence, c_date, c_count) = (c("evidence"), c("date"), c("count"));
    let (c_source, c_carrier, c_note) = (c("source"), c("carrier"), c("note"));
    let mut legs = Vec::new();
    let mut rec = StringRecord::new();
    while let Some(line) = records.next(&mut rec)? {
        // Built only when something is wrong: a location owns its path.
        let at = || Location::line(path, line);
        let route = text_of(&rec, c_route);
        text_field(at, "route", route)?;
        let from = text_of(&rec, c_from);
        let to = text_of(&rec, c_to);
        for (column, value) in [("from", from), ("to", to)] {
            if value.is_empty() {
                return Err(Error::invalid(
                    at(),
                    format!("empty {column:?}; every leg needs a place id at both ends"),
                ));
            }
            text_field(at, column, value)?;
        }
        if from == to {
            return Err(Error::invalid(
                at(),
                format!("leg goes from {} to itself", quote(from)),
            ));
        }
        let mode = match field(&rec, c_mode) {
            "" => Mode::Unknown,
            m => m.parse().map_err(|msg| Error::invalid(at(), msg))?,
        };
        let evidence = match field(&rec, c_evidence) {
            "" => Evidence::Reported,
            e => e.parse().map_err(|msg| Error::invalid(at(), msg))?,
        };
        let date = match field(&rec, c_date) {
            "" => None,
            d => Some(
                d.parse::<PartialDate>()
                    .map_err(|msg| Error::invalid(at(), msg))?,
            ),
        };
        let count = match field(&rec, c_count) {
            "" => None,
            c => Some(
                fields::whole_number("\"count\"", c)
                    .map_err(|m| Error::invalid(at(), format!("{m} of people or units")))?,
            ),
        };
        let source = text_of(&rec, c_source);
        text_field(at, "source", source)?;
        let carrier = text_of(&rec, c_carrier);
        text_field(at, "carrier", carrier)?;
        let note = text_of(&rec, c_note);
        text_field(at, "note", note)?;
        legs.push(Leg {
            route: optional(route),
            from: from.to_string(),
            to: to.to_string(),
            mode,
            evidence,
            date,
            count,
            source: optional(source),
            carrier: optional(carrier),
            note: optional(note),
            line,
        });
    }
    Ok(legs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Result<Vec<Place>> {
        parse_places(Path::new("places.csv"), text)
    }

    fn legs(text: &str) -> Result<Vec<Leg>> {
        parse_legs(Path::new("legs.csv"), text)
    }

    fn err(r: Result<impl std::fmt::Debug>) -> String {
        r.unwrap_err().to_string()
    }

    mod places {
        use super::*;

        #[test]
        fn columns_may_come_in_any_order() {
            let p = places("lon,lat,name,id\n37.6,55.75,Moscow,moscow\n").unwrap();
            assert_eq!(p[0].id, "moscow");
            assert_eq!(p[0].lat_deg, 55.75);
        }

        #[test]
        fn crlf_line_endings_are_accepted() {
            let p = places("id,name,lat,lon\r\na,A,1,2\r\nb,B,3,4\r\n").unwrap();
            assert_eq!(p.len(), 2);
            assert_eq!(p[1].lon_deg, 4.0);
        }

        #[test]
        fn latitude_just_past_the_pole_is_rejected() {
            let e = err(places("id,name,lat,lon\na,A,90.0000001,0\n"));
            assert_eq!(
                e,
                "places.csv:2: \"lat\" value \"90.0000001\" is outside -90..90 degrees"
            );
        }

        #[test]
        fn both_antimeridian_longitudes_are_accepted() {
            let p = places("id,name,lat,lon\na,A,0,180\nb,B,0,-180\n").unwrap();
            assert_eq!((p[0].lon_deg, p[1].lon_deg), (180.0, -180.0));
        }

        #[test]
        fn non_finite_numbers_are_rejected() {
            for v in ["NaN", "inf", "1e999"] {
                let e = err(places(&format!("id,name,lat,lon\na,A,{v},0\n")));
                assert!(e.contains("not a finite number"), "{e}");
            }
        }

        #[test]
        fn negative_zero_is_normalised() {
            let p = places("id,name,lat,lon\na,A,-0,-0.0\n").unwrap();
            assert!(p[0].lat_deg.is_sign_positive() && p[0].lon_deg.is_sign_positive());
        }

        #[test]
        fn semicolon_delimiter_gets_a_hint() {
            let e = err(places("id;name;lat;lon\na;A;1;2\n"));
            assert!(e.contains("looks separated by ';'"), "{e}");
        }

        #[test]
        fn duplicate_header_is_rejected() {
            let e = err(places("id,name,lat,lon,name\na,A,1,2,B\n"));
            assert_eq!(e, "places.csv:1: duplicate column \"name\"");
        }

        #[test]
        fn misspelt_column_gets_a_suggestion() {
            let e = err(places("id,name,lat,lon,contry\na,A,1,2,RU\n"));
            assert!(e.contains("(did you mean \"country\"?)"), "{e}");
        }

        #[test]
        fn quoted_line_break_in_a_name_is_rejected() {
            let e = err(places("id,name,lat,lon\na,\"A\nB\",1,2\n"));
            assert!(e.starts_with("places.csv:2:"), "{e}");
            assert!(e.contains("control character"), "{e}");
        }
    }

    mod legs {
        use super::*;

        #[test]
        fn defaults_are_unknown_mode_and_reported() {
            let l = legs("route,from,to\nr,a,b\n").unwrap();
            assert_eq!(l[0].mode, Mode::Unknown);
            assert_eq!(l[0].evidence, Evidence::Reported);
        }

        #[test]
        fn empty_route_makes_a_network_leg() {
            let l = legs("route,from,to\n,a,b\n").unwrap();
            assert_eq!(l[0].route, None);
        }

        #[test]
        fn self_loop_is_rejected() {
            let e = err(legs("route,from,to\nr,a,a\n"));
            assert_eq!(e, "legs.csv:2: leg goes from \"a\" to itself");
        }

        #[test]
        fn extra_field_names_the_line() {
            let e = err(legs("route,from,to\nr,a,b\nr,b,c,d\n"));
            assert!(e.starts_with("legs.csv:3: this row has 4 fields"), "{e}");
        }

        #[test]
        fn cr_only_line_endings_give_true_line_numbers() {
            // Regression (found by the legs fuzz target): with classic Mac line
            // endings every message said line 1.
            let l = legs("route,from,to\rr,a,b\rr,b,c\r").unwrap();
            assert_eq!((l[0].line, l[1].line), (2, 3));
            let e = err(legs("route,from,to\rr,a,b\rr,b,b\r"));
            assert_eq!(e, "legs.csv:3: leg goes from \"b\" to itself");
        }

        #[test]
        fn control_character_in_a_place_id_is_rejected() {
            // Regression (found by the legs fuzzer): a NUL in "from" was
            // accepted, so a leg could name an id no place can have.
            let e = err(legs("route,from,to\nr,\"a\u{0}b\",c\n"));
            assert!(e.starts_with("legs.csv:2: column \"from\" value"), "{e}");
            assert!(e.contains("control character"), "{e}");
        }

        #[test]
        fn crlf_line_endings_give_true_line_numbers() {
            // Regression (found by the legs fuzz target): in a CRLF file every
            // row was reported one line early (the first data row as line 1).
            let l = legs("route,from,to\r\nr,a,b\r\nr,b,c\r\n").unwrap();
            assert_eq!((l[0].line, l[1].line), (2, 3));
            let e = err(legs("route,from,to\r\nr,a,b\nr,b,b\r\n"));
            assert_eq!(e, "legs.csv:3: leg goes from \"b\" to itself");
        }

        #[test]
        fn bad_count_is_rejected() {
            let e = err(legs("route,from,to,count\nr,a,b,~150\n"));
            assert!(e.contains("\"~150\""), "{e}");
        }
    }
}
