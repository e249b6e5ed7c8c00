//! `dataset.toml`: title, subtitle, credit, the language of base-map names, sources, speeds and dataset-wide facts.
//!
//! Unknown keys are an error, naming the key and its line, so that a misspelt
//! `verified` cannot silently mark a source as unverified or the reverse.

use std::path::Path;

use serde::Deserialize;

use super::fields;
use crate::error::{Error, Location, Result};
use crate::model::{
    Borders, Evidence, Labels, Lang, Meta, Mode, Movement, PartialDate, Source, TimeModel,
};
use crate::text::quote;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: Option<String>,
    subtitle: Option<String>,
    credit: Option<String>,
    borders: Option<String>,
    lang: Option<String>,
    #[serde(default)]
    sources: Vec<RawSource>,
    time: Option<RawTime>,
    movement: Option<RawMovement>,
    labels: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    publisher: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    #[serde(default)]
    verified: bool,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTime {
    air: Option<RawModeTime>,
    rail: Option<RawModeTime>,
    road: Option<RawModeTime>,
    sea: Option<RawModeTime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModeTime {
    speed_kmh: Option<f64>,
    circuity: Option<f64>,
    overhead_h: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMovement {
    count: Option<u64>,
    count_qualifier: Option<String>,
    date: Option<String>,
    date_evidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

fn line_of(text: &str, offset: usize) -> u64 {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// Find the 1-based line where `key = ` (or `[key]`) first appears, for messages
/// about values that parsed but do not validate.
fn line_of_key(text: &str, key: &str, after_line: u64) -> u64 {
    for (i, l) in text.lines().enumerate() {
        let n = i as u64 + 1;
        let t = l.trim_start();
        if n >= after_line
            && (t.starts_with(&format!("{key} "))
                || t.starts_with(&format!("{key}="))
                || t.starts_with(&format!("[{key}]"))
                || t.starts_with(&format!("[[{key}]]")))
        {
            return n;
        }
    }
    1
}

/// A number for a message: as written for ordinary sizes, in exponent form
/// for tiny or huge ones (2.3e-308 was shown with 300 zeros).
fn number(v: f64) -> String {
    if v.is_finite() && v != 0.0 && !(1e-4..1e16).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Parse the text of a `dataset.toml` file named `path` (used in messages).
pub fn parse_meta(path: &Path, text: &str) -> Result<Meta> {
    let raw: RawMeta = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        let mut message = e.message().trim().replace('\n', "; ");
        // The toml crate does not name the key it finds twice; its span does.
        if message == "duplicate key"
            && let Some(key) = e.span().and_then(|s| text.get(s)).map(str::trim)
            && !key.is_empty()
        {
            message = format!("duplicate key {}", quote(key));
        }
        Error::invalid(Location::line(path, line), message)
    })?;
    let at_key = |key: &str, after: u64| Location::line(path, line_of_key(text, key, after));
    // Text that reaches maps, reports and terminals: no control characters
    // (notes may break lines), nothing XML cannot hold.
    // Names (the title, ids) hold at most MAX_NAME_CHARS characters, free
    // text (credits, notes, sources' titles, publishers, URLs) MAX_NOTE_CHARS.
    const NAME: (usize, bool) = (fields::MAX_NAME_CHARS, false);
    const LINE: (usize, bool) = (fields::MAX_NOTE_CHARS, false);
    const NOTE: (usize, bool) = (fields::MAX_NOTE_CHARS, true);
    let check =
        |key: &str, value: &Option<String>, after: u64, kind: (usize, bool)| -> Result<()> {
            let Some(v) = value else { return Ok(()) };
            let what = format!("key {key:?}");
            let (max, lines) = kind;
            let checked = if lines {
                fields::multiline_text(&what, v, max)
            } else {
                fields::text(&what, v, max)
            };
            checked.map_err(|m| Error::invalid(at_key(key, after), m))
        };
    check("title", &raw.title, 1, NAME)?;
    check("subtitle", &raw.subtitle, 1, NAME)?;
    check("credit", &raw.credit, 1, LINE)?;
    let borders = match &raw.borders {
        Some(b) => b
            .parse::<Borders>()
            .map_err(|m| Error::invalid(at_key("borders", 1), m))?,
        None => Borders::default(),
    };
    let lang = match &raw.lang {
        Some(l) => Some(
            l.parse::<Lang>()
                .map_err(|m| Error::invalid(at_key("lang", 1), m))?,
        ),
        None => None,
    };

    let mut sources: Vec<Source> = Vec::new();
    let mut after = 1;
    for s in raw.sources {
        let line = line_of_key(text, "id", after);
        after = line + 1;
        let at = Location::line(path, line);
        if s.id.trim().is_empty() || s.id.trim() != s.id {
            return Err(Error::invalid(
                at,
                format!(
                    "source id {} must be non-empty with no surrounding spaces",
                    quote(&s.id)
                ),
            ));
        }
        if sources.iter().any(|o| o.id == s.id) {
            return Err(Error::invalid(
                at,
                format!("duplicate source id {}", quote(&s.id)),
            ));
        }
        check("id", &Some(s.id.clone()), line, NAME)?;
        for (key, value) in [
            ("publisher", &s.publisher),
            ("title", &s.title),
            ("url", &s.url),
        ] {
            check(key, value, line, LINE)?;
        }
        check("note", &s.note, line, NOTE)?;
        let date = match &s.date {
            Some(d) => Some(
                d.parse::<PartialDate>()
                    .map_err(|m| Error::invalid(at_key("date", line), m))?,
            ),
            None => None,
        };
        sources.push(Source {
            id: s.id,
            publisher: s.publisher,
            title: s.title,
            date,
            url: s.url.filter(|u| !u.is_empty()),
            verified: s.verified,
            note: s.note,
        });
    }

    let mut time = TimeModel::default();
    if let Some(raw_time) = raw.time {
        for (mode, raw_mode) in [
            (Mode::Air, raw_time.air),
            (Mode::Rail, raw_time.rail),
            (Mode::Road, raw_time.road),
            (Mode::Sea, raw_time.sea),
        ] {
            let Some(r) = raw_mode else { continue };
            let sect = line_of_key(text, &format!("time.{mode}"), 1);
            let slot = time.for_mode_mut(mode).expect("known mode");
            let checks: [(&str, Option<f64>, f64, f64, &mut f64); 3] = [
                ("speed_kmh", r.speed_kmh, 1.0, 5000.0, &mut slot.speed_kmh),
                ("circuity", r.circuity, 1.0, 10.0, &mut slot.circuity),
                (
                    "overhead_h",
                    r.overhead_h,
                    0.0,
                    1000.0,
                    &mut slot.overhead_h,
                ),
            ];
            for (key, value, lo, hi, target) in checks {
                if let Some(v) = value {
                    if !(v.is_finite() && v >= lo && v <= hi) {
                        return Err(Error::invalid(
                            at_key(key, sect),
                            format!(
                                "time.{mode}.{key} = {} must be between {lo} and {hi}",
                                number(v)
                            ),
                        ));
                    }
                    *target = v;
                }
            }
        }
    }

    let movement = match raw.movement {
        None => None,
        Some(m) => {
            let sect = line_of_key(text, "movement", 1);
            check("count_qualifier", &m.count_qualifier, sect, NAME)?;
            check("source", &m.source, sect, LINE)?;
            check("note", &m.note, sect, NOTE)?;
            let date = match &m.date {
                Some(d) => Some(
                    d.parse::<PartialDate>()
                        .map_err(|msg| Error::invalid(at_key("date", sect), msg))?,
                ),
                None => None,
            };
            let date_evidence = match &m.date_evidence {
                Some(e) => Some(
                    e.parse::<Evidence>()
                        .map_err(|msg| Error::invalid(at_key("date_evidence", sect), msg))?,
                ),
                None => None,
            };
            Some(Movement {
                count: m.count,
                count_qualifier: m.count_qualifier,
                date,
                date_evidence,
                source: m.source,
                note: m.note,
            })
        }
    };

    let labels = match &raw.labels {
        Some(l) => Some(
            l.parse::<Labels>()
                .map_err(|msg| Error::invalid(at_key("labels", 1), msg))?,
        ),
        None => None,
    };

    Ok(Meta {
        title: raw.title.filter(|t| !t.trim().is_empty()),
        subtitle: raw.subtitle.filter(|t| !t.trim().is_empty()),
        credit: raw.credit.filter(|t| !t.trim().is_empty()),
        sources,
        time,
        movement,
        extra_credit: None,
        labels,
        borders,
        lang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Result<Meta> {
        parse_meta(Path::new("dataset.toml"), text)
    }

    #[test]
    fn labels_are_read_and_a_bad_value_names_its_line() {
        assert_eq!(
            meta("labels = \"en+local\"").unwrap().labels,
            Some(crate::model::Labels::EnLocal)
        );
        assert_eq!(
            meta("labels = \"EN\"").unwrap().labels,
            Some(crate::model::Labels::En)
        );
        assert_eq!(meta("").unwrap().labels, None);
        let e = meta("title = \"t\"\nlabels = \"ko\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains(":2:"), "{e}");
        assert!(
            e.contains("unknown labels \"ko\" (expected en or en+local)"),
            "{e}"
        );
    }

    #[test]
    fn lang_is_a_known_code_or_an_error_naming_its_line() {
        let m = meta("title = \"x\"\nlang = \"KO\"\n").unwrap();
        assert_eq!(m.lang.map(|l| l.code()), Some("ko"));
        assert_eq!(meta("").unwrap().lang, None);
        let e = meta("title = \"x\"\n\nlang = \"klingon\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("dataset.toml:3: unknown language \"klingon\""),
            "{e}"
        );
    }

    #[test]
    fn empty_file_gives_defaults() {
        let m = meta("").unwrap();
        assert_eq!(m.time, TimeModel::default());
        assert!(m.sources.is_empty());
    }

    #[test]
    fn borders_point_of_view_is_read_and_checked_at_its_line() {
        assert_eq!(meta("").unwrap().borders, Borders::Recognised);
        let m = meta("title = \"x\"\nborders = \"de-facto\"\n").unwrap();
        assert_eq!(m.borders, Borders::DeFacto);
        let e = meta("title = \"x\"\nborders = \"russian\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("dataset.toml:2:"), "{e}");
        assert!(e.contains("\"russian\""), "{e}");
        assert!(e.contains("recognised, de-facto"), "{e}");
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let e = meta("title = \"x\"\ncolour = \"red\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("dataset.toml:2: unknown field `colour`"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_key_is_named() {
        // Regression: the message was only "duplicate key", not saying which.
        let e = meta("[movement]\ncount = 150\ncount = 151\n")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "dataset.toml:3: duplicate key \"count\"");
    }

    #[test]
    fn misspelt_source_key_is_an_error() {
        let e = meta("[[sources]]\nid = \"a\"\nverifed = true\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("dataset.toml:3:"), "{e}");
        assert!(e.contains("verifed"), "{e}");
    }

    #[test]
    fn time_parameters_override_defaults() {
        let m = meta("[time.air]\nspeed_kmh = 700\n[time.rail]\ncircuity = 1.2\n").unwrap();
        assert_eq!(m.time.air.speed_kmh, 700.0);
        assert_eq!(m.time.air.overhead_h, TimeModel::default().air.overhead_h);
        assert_eq!(m.time.rail.circuity, 1.2);
        assert_eq!(m.time.rail.speed_kmh, TimeModel::default().rail.speed_kmh);
    }

    #[test]
    fn zero_speed_is_rejected_at_its_line() {
        let e = meta("title = \"t\"\n[time.rail]\nspeed_kmh = 0\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("dataset.toml:3:"), "{e}");
    }

    #[test]
    fn control_characters_in_strings_are_refused_at_their_line() {
        // Regression: ESC and BEL from dataset.toml reached report.html and
        // report.md raw (`cat report.html` cleared the screen).
        let e = meta("title = \"t\"\nsubtitle = \"a\\u001b[2Jb\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("dataset.toml:2: key \"subtitle\" value"),
            "{e}"
        );
        assert!(e.contains("control character"), "{e}");
        let e = meta("[[sources]]\nid = \"a\"\nnote = \"x\\u0007\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("dataset.toml:3:"), "{e}");
        let e = meta("credit = \"\\uFFFE\"\n").unwrap_err().to_string();
        assert!(e.contains("U+FFFE"), "{e}");
        // Notes may span lines.
        assert!(meta("[movement]\nnote = \"\"\"one\ntwo\"\"\"\n").is_ok());
    }

    #[test]
    fn speeds_must_be_sane() {
        // Regression: a speed of 2.3e-308 km/h gave inf in CSV and ranked a
        // route "beyond 5" when only two paths exist.
        let e = meta("[time.air]\nspeed_kmh = 2.3e-308\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "dataset.toml:2: time.air.speed_kmh = 2.3e-308 must be between 1 and 5000"
        );
    }

    #[test]
    fn bad_source_date_names_the_line() {
        let e = meta("[[sources]]\nid = \"a\"\ndate = \"2024-13\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("dataset.toml:3:"), "{e}");
    }
}
