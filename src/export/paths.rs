//! Path query results as a text table, Markdown, CSV or JSON.
//!
//! JSON for one query:
//! `{"from":..,"to":..,"by":..,"paths":[{"rank":1,"stops":[ids],"legs":n,
//! "distance_km":..,"duration_h":number|null,"modes":[..]}]}`; for a batch, an
//! array of those objects in input order.

use std::fmt::Write as _;

use serde::Serialize;

use super::table::{Format, csv_cell, md_cell};
use super::thousands;
use crate::analyze::paths::{Metric, Path};
use crate::model::{Dataset, Mode};

/// The answer to one path query.
#[derive(Debug, Clone)]
pub struct PathsAnswer {
    /// Origin place index.
    pub from: usize,
    /// Destination place index.
    pub to: usize,
    /// Metric used.
    pub by: Metric,
    /// Paths found, best first.
    pub paths: Vec<Path>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    from: &'a str,
    to: &'a str,
    by: Metric,
    paths: Vec<JsonPath<'a>>,
}

#[derive(Serialize)]
struct JsonPath<'a> {
    rank: usize,
    stops: Vec<&'a str>,
    legs: usize,
    distance_km: f64,
    duration_h: Option<f64>,
    modes: Vec<Mode>,
}

fn json_answer<'a>(ds: &'a Dataset, a: &'a PathsAnswer) -> JsonAnswer<'a> {
    JsonAnswer {
        from: &ds.places[a.from].id,
        to: &ds.places[a.to].id,
        by: a.by,
        paths: a
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| JsonPath {
                rank: i + 1,
                stops: p.stops.iter().map(|&s| ds.places[s].id.as_str()).collect(),
                legs: p.legs.len(),
                distance_km: (p.distance_m).round() / 1000.0,
                duration_h: p.duration_h.map(|h| (h * 100.0).round() / 100.0),
                modes: p.legs.iter().map(|l| ds.legs[l.leg].mode).collect(),
            })
            .collect(),
    }
}

/// A note printed under tables when ranking by time.
pub const TIME_NOTE: &str =
    "Ranked by time: legs of unknown mode are not used (routemap does not guess a mode).";

fn modes_text(ds: &Dataset, p: &Path) -> String {
    p.legs
        .iter()
        .map(|l| ds.legs[l.leg].mode.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn stops_text(ds: &Dataset, p: &Path) -> String {
    p.stops
        .iter()
        .map(|&s| ds.places[s].name.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

fn hours(h: Option<f64>) -> String {
    h.map_or_else(|| "unknown".into(), |h| format!("{h:.1} h"))
}

fn heading(ds: &Dataset, a: &PathsAnswer) -> String {
    let (f, t) = (&ds.places[a.from], &ds.places[a.to]);
    format!(
        "Paths from {} ({}) to {} ({}) by {}",
        f.name,
        f.id,
        t.name,
        t.id,
        a.by.as_str()
    )
}

/// Format answers. `batch` selects the array form for JSON.
pub fn paths(ds: &Dataset, answers: &[PathsAnswer], format: Format, batch: bool) -> String {
    match format {
        Format::Json => {
            let mut s = if batch {
                let all: Vec<JsonAnswer> = answers.iter().map(|a| json_answer(ds, a)).collect();
                serde_json::to_string_pretty(&all)
            } else {
                serde_json::to_string_pretty(&json_answer(ds, &answers[0]))
            }
            .expect("paths serialise");
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record([
                "from",
                "to",
                "by",
                "rank",
                "stops",
                "legs",
                "distance_km",
                "duration_h",
                "modes",
            ]);
            for a in answers {
                let (f, t) = (&ds.places[a.from].id, &ds.places[a.to].id);
                if a.paths.is_empty() {
                    let _ = w.write_record(
                        [csv_cell(f), csv_cell(t), a.by.as_str().into()]
                            .into_iter()
                            .chain(std::iter::repeat_n(String::new(), 6)),
                    );
                }
                for (i, p) in a.paths.iter().enumerate() {
                    let _ = w.write_record([
                        csv_cell(f),
                        csv_cell(t),
                        a.by.as_str().to_string(),
                        (i + 1).to_string(),
                        csv_cell(
                            &p.stops
                                .iter()
                                .map(|&s| ds.places[s].id.as_str())
                                .collect::<Vec<_>>()
                                .join(" > "),
                        ),
                        p.legs.len().to_string(),
                        format!("{:.1}", p.distance_m / 1000.0),
                        p.duration_h.map_or_else(String::new, |h| format!("{h:.2}")),
                        p.legs
                            .iter()
                            .map(|l| ds.legs[l.leg].mode.as_str())
                            .collect::<Vec<_>>()
                            .join(";"),
                    ]);
                }
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
        Format::Md => {
            let mut out = String::new();
            for a in answers {
                let _ = writeln!(out, "**{}**\n", md_cell(&heading(ds, a)));
                if a.paths.is_empty() {
                    let _ = writeln!(out, "No path under the given constraints.\n");
                    continue;
                }
                let _ = writeln!(out, "| rank | stops | legs | km | time | modes |");
                let _ = writeln!(out, "|--:|---|--:|--:|--:|---|");
                for (i, p) in a.paths.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} | {} | {} |",
                        i + 1,
                        md_cell(&stops_text(ds, p)),
                        p.legs.len(),
                        thousands(p.distance_m / 1000.0),
                        hours(p.duration_h),
                        modes_text(ds, p)
                    );
                }
                out.push('\n');
            }
            if answers.iter().any(|a| a.by == Metric::Time) {
                let _ = writeln!(out, "{TIME_NOTE}");
            }
            out
        }
        Format::Table => {
            let mut out = String::new();
            for (n, a) in answers.iter().enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                let _ = writeln!(out, "{}", heading(ds, a));
                if a.paths.is_empty() {
                    let _ = writeln!(out, "  no path under the given constraints");
                    continue;
                }
                let rows: Vec<[String; 6]> = a
                    .paths
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        [
                            (i + 1).to_string(),
                            stops_text(ds, p),
                            p.legs.len().to_string(),
                            thousands(p.distance_m / 1000.0),
                            hours(p.duration_h),
                            modes_text(ds, p),
                        ]
                    })
                    .collect();
                let head = ["rank", "stops", "legs", "km", "time", "modes"];
                let mut widths: Vec<usize> =
                    head.iter().map(|h| crate::text::display_width(h)).collect();
                for r in &rows {
                    for (w, c) in widths.iter_mut().zip(r) {
                        *w = (*w).max(crate::text::display_width(c));
                    }
                }
                let right = [true, false, true, true, true, false];
                let line = |cells: Vec<&str>| {
                    let mut s = String::new();
                    for (i, c) in cells.iter().enumerate() {
                        if i > 0 {
                            s.push_str("  ");
                        }
                        let pad = " ".repeat(widths[i] - crate::text::display_width(c));
                        if right[i] {
                            s.push_str(&pad);
                            s.push_str(c);
                        } else {
                            s.push_str(c);
                            s.push_str(&pad);
                        }
                    }
                    s.trim_end().to_string()
                };
                let _ = writeln!(out, "{}", line(head.to_vec()));
                for r in &rows {
                    let _ = writeln!(out, "{}", line(r.iter().map(String::as_str).collect()));
                }
            }
            if answers.iter().any(|a| a.by == Metric::Time) {
                let _ = writeln!(out, "\n{TIME_NOTE}");
            }
            out
        }
    }
}
