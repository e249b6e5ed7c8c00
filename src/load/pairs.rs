//! Origin–destination pair files for `routemap paths --pairs`: CSV with
//! columns `from,to` and an optional `k`.

use std::path::Path;

use super::fields;
use crate::error::{Error, Location, Result};
use crate::model::Dataset;
use crate::text::{did_you_mean, quote};

/// One query from a pairs file.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// 1-based line in the file.
    pub line: u64,
    /// Origin place index.
    pub from: usize,
    /// Destination place index.
    pub to: usize,
    /// How many paths, if the row says.
    pub k: Option<usize>,
}

/// Parse a pairs file's text, resolving ids against `ds`.
pub fn parse_pairs(path: &Path, text: &str, ds: &Dataset) -> Result<Vec<Pair>> {
    if text.trim().is_empty() {
        return Err(Error::invalid(
            Location::file(path),
            "file is empty (expected a header line: from,to)",
        ));
    }
    let text = super::normalise_line_ends(text);
    fields::check_quotes_closed(path, &text)?;
    let mut reader = fields::csv_reader(&text, true, false);
    let header = reader
        .headers()
        .map_err(|e| fields::csv_error(path, e))?
        .clone();
    let mut col = [None, None, None];
    for (i, h) in header.iter().enumerate() {
        let slot = match h.trim() {
            "from" => 0,
            "to" => 1,
            "k" => 2,
            other => {
                return Err(Error::invalid(
                    Location::line(path, 1),
                    format!(
                        "unknown column {}; columns are from,to and optional k",
                        quote(other)
                    ),
                ));
            }
        };
        if col[slot].replace(i).is_some() {
            return Err(Error::invalid(
                Location::line(path, 1),
                format!("duplicate column {}", quote(h.trim())),
            ));
        }
    }
    let (Some(cf), Some(ct)) = (col[0], col[1]) else {
        return Err(Error::invalid(
            Location::line(path, 1),
            format!(
                "missing required column {} (header is {})",
                if col[0].is_none() {
                    "\"from\""
                } else {
                    "\"to\""
                },
                quote(&header.iter().collect::<Vec<_>>().join(","))
            ),
        ));
    };
    let mut pairs = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| fields::csv_error(path, e))?;
        let line = rec.position().map_or(0, |p| p.line());
        let at = Location::line(path, line);
        let id = |c: usize, column: &str| -> Result<usize> {
            let v = crate::text::csv_unprotect(rec.get(c).unwrap_or("").trim());
            fields::text(fields::Column(column), v, fields::MAX_NAME_CHARS)
                .map_err(|m| Error::invalid(at.clone(), m))?;
            ds.place_index(v).ok_or_else(|| {
                let hint = did_you_mean(v, ds.places.iter().map(|p| p.id.as_str()))
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                Error::invalid(
                    at.clone(),
                    format!("unknown place id {} in column {column:?}{hint}", quote(v)),
                )
            })
        };
        let from = id(cf, "from")?;
        let to = id(ct, "to")?;
        let k = match col[2].and_then(|c| rec.get(c)).map(str::trim) {
            None | Some("") => None,
            Some(v) => match v.parse::<usize>() {
                Ok(k) if k > 0 => Some(k),
                _ => {
                    return Err(Error::invalid(
                        at,
                        format!("\"k\" value {} is not a positive whole number", quote(v)),
                    ));
                }
            },
        };
        if from == to {
            return Err(Error::invalid(
                at,
                format!(
                    "\"from\" and \"to\" are both {}",
                    quote(&ds.places[from].id)
                ),
            ));
        }
        pairs.push(Pair { line, from, to, k });
    }
    if pairs.is_empty() {
        // Like an empty places.csv: a batch of nothing is a mistake.
        return Err(Error::invalid(
            Location::file(path),
            "has a header but no rows (expected one from,to pair per line)",
        ));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, Place};

    fn ds() -> Dataset {
        let place = |id: &str| Place {
            id: id.into(),
            name: id.into(),
            lat_deg: 0.0,
            lon_deg: 0.0,
            country: None,
            kind: None,
            note: None,
            city: None,
            code: None,
            located: None,
            area: None,
        };
        Dataset::new(
            "t".into(),
            Meta::default(),
            vec![place("a"), place("b")],
            Vec::new(),
        )
    }

    fn err(text: &str) -> String {
        parse_pairs(Path::new("pairs.csv"), text, &ds())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_header_without_rows_is_refused_like_an_empty_file() {
        assert_eq!(
            err("from,to\n"),
            "pairs.csv: has a header but no rows (expected one from,to pair per line)"
        );
        assert_eq!(
            err(" \n"),
            "pairs.csv: file is empty (expected a header line: from,to)"
        );
    }

    #[test]
    fn ids_are_checked_as_text_before_they_are_looked_up() {
        assert_eq!(
            err("from,to\na,b\nb,a\u{fffe}\n"),
            "pairs.csv:3: column \"to\" value \"a\\u{fffe}\" contains the character U+FFFE, \
             which text in XML (and so in an SVG map) cannot hold"
        );
        let e = err(&format!("from,to\n{},b\n", "a".repeat(100_000)));
        assert!(
            e.starts_with("pairs.csv:2: column \"from\" value \"aaa"),
            "{e}"
        );
        assert!(
            e.ends_with("(100000 characters) is longer than 200 characters"),
            "{e}"
        );
    }

    #[test]
    fn rows_resolve_to_place_indices() {
        let p = parse_pairs(Path::new("pairs.csv"), "to,from,k\nb,a,2\na,b,\n", &ds()).unwrap();
        assert_eq!(
            p,
            [
                Pair {
                    line: 2,
                    from: 0,
                    to: 1,
                    k: Some(2)
                },
                Pair {
                    line: 3,
                    from: 1,
                    to: 0,
                    k: None
                }
            ]
        );
    }
}
