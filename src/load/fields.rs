//! Field parsing shared by every loader: one set of validators (displayed
//! text, coordinates, whole numbers) and one mapping of CSV reader errors to
//! `FILE:LINE: message`, so a dataset, an OpenFlights file, a pairs file and
//! `dataset.toml` refuse the same bad values with the same words.
//!
//! Validators return the message alone; the caller knows the location.

use std::path::Path;

use crate::error::{Error, Location};
use crate::text::{quote, xml_allows};

/// The longest name, in characters: place ids, names and codes, route
/// names, titles and subtitles, source ids, overlay feature names, airport
/// names. A label or a legend entry longer than this says nothing more, and
/// measuring and placing it costs time in proportion (a 300,000-character
/// name stalled PNG, PDF and `report`).
pub const MAX_NAME_CHARS: usize = 200;

/// The longest free text, in characters: notes, sources, carriers, credits,
/// source titles, publishers and URLs.
pub const MAX_NOTE_CHARS: usize = 2000;

/// How a message names a field (`column "name"`, `key "title"`). The name is
/// built only when a message is: a loader checks millions of fields and
/// formats a handful of errors.
pub(crate) trait FieldName: Copy {
    fn field_name(self) -> String;
}

impl FieldName for &str {
    fn field_name(self) -> String {
        self.to_owned()
    }
}

impl FieldName for &String {
    fn field_name(self) -> String {
        self.clone()
    }
}

/// A CSV column as messages name it: `column "name"`.
#[derive(Clone, Copy)]
pub(crate) struct Column<'a>(pub &'a str);

impl FieldName for Column<'_> {
    fn field_name(self) -> String {
        format!("column {:?}", self.0)
    }
}

/// A name in quotes: `"lat"`.
#[derive(Clone, Copy)]
pub(crate) struct Quoted<'a>(pub &'a str);

impl FieldName for Quoted<'_> {
    fn field_name(self) -> String {
        format!("{:?}", self.0)
    }
}

/// Check a displayed text field of at most `max` characters. `what` names
/// the field as the message shows it (`column "name"`, `field 2 ("name")`,
/// `key "title"`). Refused: text longer than `max`, control characters (line
/// breaks, tabs, escapes, NUL; also the C1 range), and the characters XML 1.0
/// cannot hold (U+FFFE, U+FFFF and the other noncharacters), which would make
/// an SVG map ill-formed.
pub(crate) fn text(what: impl FieldName, value: &str, max: usize) -> Result<(), String> {
    // A character is at least a byte: only long text needs counting.
    if value.len() > max && value.chars().nth(max).is_some() {
        return Err(format!(
            "{} value {} is longer than {max} characters",
            what.field_name(),
            quote(value)
        ));
    }
    // ASCII text needs only a byte check; C1 controls are not ASCII.
    let found = if value.is_ascii() {
        value.bytes().find(|b| b.is_ascii_control()).map(char::from)
    } else {
        value.chars().find(|&c| c.is_control() || !xml_allows(c))
    };
    match found {
        None => Ok(()),
        Some(c) if c.is_control() => Err(format!(
            "{} value {} contains the control character {c:?}",
            what.field_name(),
            quote(value)
        )),
        Some(c) => Err(format!(
            "{} value {} contains the character U+{:04X}, which text in XML (and so in an SVG map) cannot hold",
            what.field_name(),
            quote(value),
            u32::from(c)
        )),
    }
}

/// Like [`text`], for text that may hold line breaks and tabs (notes in
/// `dataset.toml`, written as multi-line strings): other control characters
/// and the characters XML cannot hold are refused.
pub(crate) fn multiline_text(what: impl FieldName, value: &str, max: usize) -> Result<(), String> {
    // Line breaks and tabs are allowed; the rest is checked as in `text`.
    text(what, &value.replace(['\n', '\t'], " "), max)
}

/// `Some(value)` unless it is empty.
pub(crate) fn optional(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

/// A finite number, or a message naming `what` and the value.
pub(crate) fn finite(what: impl FieldName, value: &str) -> Result<f64, String> {
    let parsed: f64 = value.parse().map_err(|_| {
        format!(
            "{} value {} is not a number",
            what.field_name(),
            quote(value)
        )
    })?;
    if !parsed.is_finite() {
        return Err(format!(
            "{} value {} is not a finite number",
            what.field_name(),
            quote(value)
        ));
    }
    // Normalise -0 so output never shows "-0".
    Ok(if parsed == 0.0 { 0.0 } else { parsed })
}

/// A coordinate in **degrees**: a finite number within ±`limit` (90 for
/// latitudes, 180 for longitudes; the limits themselves are accepted).
pub(crate) fn degrees(what: impl FieldName, value: &str, limit: f64) -> Result<f64, String> {
    let v = finite(what, value)?;
    if v.abs() > limit {
        return Err(format!(
            "{} value {} is outside -{limit}..{limit} degrees",
            what.field_name(),
            quote(value)
        ));
    }
    Ok(v)
}

/// A whole number (no sign, no fraction).
pub(crate) fn whole_number(what: impl FieldName, value: &str) -> Result<u64, String> {
    value.parse::<u64>().map_err(|_| {
        format!(
            "{} value {} is not a whole number",
            what.field_name(),
            quote(value)
        )
    })
}

/// A CSV reader over `text` (already with `\n` line ends, see
/// [`super::normalise_line_ends`]).
pub(crate) fn csv_reader(text: &str, headers: bool, flexible: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(headers)
        .flexible(flexible)
        .from_reader(text.as_bytes())
}

/// A CSV reader's error as `FILE:LINE: message`.
pub(crate) fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(1, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "this row has {len} fields but the header has {expected_len} \
             (a stray comma, or a field with a comma that needs quotes?)"
        ),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => e.to_string(),
    };
    Error::invalid(Location::line(path, line), message)
}

/// Refuse CSV text that ends inside a quoted field: the reader would take
/// the rest of the file as one value, silently. The error names the line
/// where the quote opened.
pub(crate) fn check_quotes_closed(path: &Path, text: &str) -> crate::error::Result<()> {
    let mut line = 1u64;
    let mut open_at: Option<u64> = None;
    let mut field_start = true;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        match (open_at, b) {
            (Some(_), b'"') if bytes.peek() == Some(&b'"') => {
                bytes.next();
            }
            (Some(_), b'"') => {
                open_at = None;
                field_start = false;
            }
            (None, b'"') if field_start => {
                open_at = Some(line);
                field_start = false;
            }
            (_, b'\n') => {
                line += 1;
                if open_at.is_none() {
                    field_start = true;
                }
            }
            (None, b',') => field_start = true,
            _ => {
                if open_at.is_none() {
                    field_start = false;
                }
            }
        }
    }
    match open_at {
        None => Ok(()),
        Some(at) => Err(Error::invalid(
            Location::line(path, at),
            "a quoted field opens here and is never closed (a missing '\"')",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    mod texts {
        use super::*;

        #[test]
        fn control_characters_are_refused() {
            let e = text("column \"name\"", "a\u{1b}[2Jb", 200).unwrap_err();
            assert_eq!(
                e,
                "column \"name\" value \"a\\u{1b}[2Jb\" contains the control character '\\u{1b}'"
            );
            assert!(text("x", "tab\there", 200).is_err());
            assert!(text("x", "C1 \u{85}", 200).is_err());
        }

        #[test]
        fn characters_xml_cannot_hold_are_refused() {
            let e = text("column \"name\"", "Mos\u{fffe}cow", 200).unwrap_err();
            assert!(e.contains("U+FFFE"), "{e}");
            assert!(text("x", "\u{10ffff}", 200).is_err());
            assert!(text("x", "Пхеньян 평양 \u{200f}", 200).is_ok());
        }

        #[test]
        fn text_longer_than_the_limit_is_refused_quoted_short() {
            // Regression: a 300,000-character place name stalled PNG, PDF
            // and report.
            let long = "x".repeat(300_000);
            assert_eq!(
                text("column \"name\"", &long, MAX_NAME_CHARS).unwrap_err(),
                format!(
                    "column \"name\" value \"{}\"... (300000 characters) is longer than 200 characters",
                    "x".repeat(60)
                )
            );
            // Characters, not bytes.
            let hangul = "평".repeat(MAX_NAME_CHARS);
            assert!(text("x", &hangul, MAX_NAME_CHARS).is_ok());
            assert!(text("x", &format!("{hangul}평"), MAX_NAME_CHARS).is_err());
            let lines = "a\n".repeat(MAX_NOTE_CHARS);
            assert!(
                multiline_text("x", &lines, MAX_NOTE_CHARS)
                    .unwrap_err()
                    .contains("longer than")
            );
        }

        #[test]
        fn notes_may_hold_line_breaks_but_not_escapes() {
            assert!(multiline_text("key \"note\"", "one\ntwo\tthree", 2000).is_ok());
            let e = multiline_text("key \"note\"", "bell\u{7}", 2000).unwrap_err();
            assert!(e.contains("control character"), "{e}");
        }
    }

    mod numbers {
        use super::*;

        #[test]
        fn degrees_are_finite_and_in_range() {
            assert_eq!(degrees("\"lat\"", "90", 90.0), Ok(90.0));
            assert_eq!(degrees("\"lat\"", "-0", 90.0), Ok(0.0));
            assert!(degrees("\"lat\"", "-0", 90.0).unwrap().is_sign_positive());
            assert_eq!(
                degrees("\"lat\"", "90.0000001", 90.0).unwrap_err(),
                "\"lat\" value \"90.0000001\" is outside -90..90 degrees"
            );
            for v in ["NaN", "inf", "1e999"] {
                assert!(degrees("x", v, 90.0).unwrap_err().contains("finite"), "{v}");
            }
        }

        #[test]
        fn whole_numbers_have_no_sign_or_fraction() {
            assert_eq!(whole_number("x", "150"), Ok(150));
            assert!(whole_number("x", "-1").is_err());
            assert!(whole_number("x", "1.5").is_err());
        }
    }

    mod quotes {
        use super::*;

        fn check(text: &str) -> Result<(), String> {
            check_quotes_closed(Path::new("f.csv"), text).map_err(|e| e.to_string())
        }

        #[test]
        fn closed_and_escaped_quotes_pass() {
            assert_eq!(check("a,\"b, \"\"c\"\"\"\nd,e\n"), Ok(()));
            assert_eq!(check("a,\"multi\nline\"\n"), Ok(()));
            // A quote inside an unquoted field is a literal character.
            assert_eq!(check("a,5\" pipe\n"), Ok(()));
        }

        #[test]
        fn a_quote_left_open_names_its_line() {
            assert_eq!(
                check("id,name\na,\"never closed\nb,c\n"),
                Err(
                    "f.csv:2: a quoted field opens here and is never closed (a missing '\"')"
                        .into()
                )
            );
        }
    }
}
