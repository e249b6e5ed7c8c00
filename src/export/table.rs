//! The route comparison as a text table, Markdown, CSV or JSON. Formatting is
//! pure: these functions return text; the caller decides where it goes.

use std::fmt::Write as _;

use crate::analyze::{Comparison, RouteSummary};
use crate::model::Dataset;
use crate::text::thousands;

/// Output format for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned plain text for a terminal.
    Table,
    /// A Markdown (GitHub) table.
    Md,
    /// CSV with a header row.
    Csv,
    /// JSON (see the README for the shape).
    Json,
}

struct Row {
    route: String,
    stops: String,
    leg_km: String,
    km: String,
    direct_km: String,
    detour: String,
    time: String,
    modes: String,
    evidence: String,
    best: String,
    rank: String,
}

const HEADERS: [&str; 11] = [
    "route",
    "stops",
    "leg km",
    "km",
    "direct km",
    "detour",
    "time",
    "modes",
    "evidence",
    "network best",
    "rank",
];

fn best_text(r: &RouteSummary) -> String {
    use crate::analyze::paths::Metric;
    match &r.network.best {
        None => "none".into(),
        Some(b) => match r.network.by {
            Metric::Distance => format!("{} km", thousands(b.distance_km)),
            Metric::Time => b
                .duration_h
                .map_or_else(|| "unknown".into(), |h| format!("{h:.1} h")),
            Metric::Legs => format!("{} legs", b.stops.len() - 1),
        },
    }
}

fn rank_text(r: &RouteSummary) -> String {
    match (r.network.rank, &r.network.note) {
        (Some(n), _) => format!("{n} of {}", r.network.k),
        (None, Some(note)) if note.starts_with("beyond") => format!("beyond {}", r.network.k),
        _ => "n/a".into(),
    }
}

fn name_of<'a>(ds: &'a Dataset, id: &'a str) -> &'a str {
    ds.place(id).map_or(id, |p| p.name.as_str())
}

fn rows(ds: &Dataset, cmp: &Comparison) -> Vec<Row> {
    cmp.routes
        .iter()
        .map(|r: &RouteSummary| Row {
            route: r.name.clone(),
            stops: r
                .stops
                .iter()
                .map(|s| name_of(ds, s))
                .collect::<Vec<_>>()
                .join(" → "),
            leg_km: r
                .legs
                .iter()
                .map(|l| thousands(l.distance_km))
                .collect::<Vec<_>>()
                .join(" + "),
            km: thousands(r.distance_km),
            direct_km: thousands(r.direct_km),
            detour: r
                .detour_pct
                .map_or_else(|| "n/a".to_string(), |d| format!("{d:+.1}%")),
            time: r
                .duration_h
                .map_or_else(|| "unknown".to_string(), |h| format!("{h:.1} h")),
            modes: r
                .modes
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            evidence: r
                .evidence
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            best: best_text(r),
            rank: rank_text(r),
        })
        .collect()
}

impl Row {
    fn cells(&self) -> [&str; 11] {
        [
            &self.route,
            &self.stops,
            &self.leg_km,
            &self.km,
            &self.direct_km,
            &self.detour,
            &self.time,
            &self.modes,
            &self.evidence,
            &self.best,
            &self.rank,
        ]
    }
}

/// Which columns hold numbers (right-aligned), in the order of the headers.
const NUMERIC: [bool; 11] = [
    false, false, true, true, true, true, true, false, false, true, true,
];

/// The comparison as the texts of its cells, exactly as the text and Markdown
/// formats show them (unescaped), for formats that lay out their own table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cells {
    /// Column headers.
    pub headers: [&'static str; 11],
    /// Whether each column holds numbers (to align right).
    pub numeric: [bool; 11],
    /// One row per route, in the comparison's order.
    pub rows: Vec<[String; 11]>,
    /// The note that goes under the table (distance method, time, rank).
    pub note: &'static str,
}

/// The cells of the comparison table (see [`Cells`]).
pub(crate) fn comparison_cells(ds: &Dataset, cmp: &Comparison) -> Cells {
    Cells {
        headers: HEADERS,
        numeric: NUMERIC,
        rows: rows(ds, cmp)
            .iter()
            .map(|r| r.cells().map(str::to_string))
            .collect(),
        note: TIME_NOTE,
    }
}

const TIME_NOTE: &str = "Distances are WGS84 geodesic. Time is estimated only when every leg's mode is known. \
     Network best: the best path over the dataset's legs between the route's ends, by the metric \
     chosen (distance unless another is asked for); rank: the route's place among the k best loopless paths.";

/// Render a comparison in a format.
pub fn comparison(ds: &Dataset, cmp: &Comparison, format: Format) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(cmp).expect("comparison serialises");
            s.push('\n');
            s
        }
        Format::Csv => csv(ds, cmp),
        Format::Md => markdown(ds, cmp),
        Format::Table => text(ds, cmp),
    }
}

fn text(ds: &Dataset, cmp: &Comparison) -> String {
    let rows = rows(ds, cmp);
    let mut widths: Vec<usize> = HEADERS
        .iter()
        .map(|h| crate::text::display_width(h))
        .collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.cells()) {
            *w = (*w).max(crate::text::display_width(c));
        }
    }
    let numeric = NUMERIC;
    let line = |cells: [&str; 11]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let pad = widths[i] - crate::text::display_width(c);
            if numeric[i] {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(pad));
                }
            }
        }
        s.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(HEADERS));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r.cells()));
    }
    let _ = writeln!(out, "\n{TIME_NOTE}");
    out
}

/// Escape text for a Markdown table cell: pipes, backslashes, markup and line
/// breaks cannot break out of the cell.
pub(crate) fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn markdown(ds: &Dataset, cmp: &Comparison) -> String {
    let rows = rows(ds, cmp);
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", HEADERS.join(" | "));
    let _ = writeln!(out, "|---|---|--:|--:|--:|--:|--:|---|---|--:|--:|");
    for r in &rows {
        let cells: Vec<String> = r.cells().iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(out, "\n{TIME_NOTE}");
    out
}

/// Neutralise a CSV cell that a spreadsheet would read as a formula.
pub(crate) fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv(_ds: &Dataset, cmp: &Comparison) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "route",
        "stops",
        "leg_km",
        "distance_km",
        "direct_km",
        "detour_pct",
        "duration_h",
        "modes",
        "evidence",
        "network_by",
        "network_best_stops",
        "network_best_km",
        "network_best_h",
        "rank",
        "rank_k",
    ]);
    for r in &cmp.routes {
        let record = [
            csv_cell(&r.name),
            csv_cell(&r.stops.join(" > ")),
            r.legs
                .iter()
                .map(|l| format!("{:.1}", l.distance_km))
                .collect::<Vec<_>>()
                .join(";"),
            format!("{:.1}", r.distance_km),
            format!("{:.1}", r.direct_km),
            r.detour_pct.map_or_else(String::new, |d| format!("{d:.2}")),
            r.duration_h.map_or_else(String::new, |h| format!("{h:.2}")),
            r.modes
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            r.evidence
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            r.network.by.as_str().to_string(),
            r.network
                .best
                .as_ref()
                .map_or_else(String::new, |b| csv_cell(&b.stops.join(" > "))),
            r.network
                .best
                .as_ref()
                .map_or_else(String::new, |b| format!("{:.1}", b.distance_km)),
            r.network
                .best
                .as_ref()
                .and_then(|b| b.duration_h)
                .map_or_else(String::new, |h| format!("{h:.2}")),
            r.network.rank.map_or_else(String::new, |n| n.to_string()),
            r.network.k.to_string(),
        ];
        let _ = w.write_record(&record);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("via Moscow"), "via Moscow");
    }

    #[test]
    fn csv_rows_have_as_many_fields_as_the_header() {
        let ds = crate::load::dataset("routes/donbas-workers".as_ref()).unwrap();
        let text = comparison(&ds, &crate::analyze::compare(&ds), Format::Csv);
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let width = r.headers().unwrap().len();
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        for row in rows {
            assert_eq!(row.len(), width);
        }
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }
}
