//! Command-line interface: the subcommands (each `cmd/<name>.rs` owns its
//! arguments) and the value types several of them share. Every numeric
//! range is checked here, by clap's value parsers, so the library never
//! needs to know a flag's name.

use clap::{Parser, Subcommand, ValueEnum};

use crate::cmd;

/// Turn reported travel legs into route maps and route comparisons, offline.
#[derive(Debug, Parser)]
#[command(name = "routemap", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and print a summary (places, legs, routes, total km).
    Check(cmd::check::Args),
    /// Compare the dataset's routes: stops, km per leg and in total, direct km,
    /// detour, estimated time, modes and evidence, and how each ranks among the
    /// network's best paths between its ends.
    Compare(cmd::compare::Args),
    /// The k best loopless paths between two places (or many pairs), under
    /// constraints.
    Paths(cmd::paths::Args),
    /// Draw the dataset's map as SVG, PNG, PDF or GeoJSON.
    Render(cmd::render::Args),
    /// Map routes typed as text, gcmap-style, with places found by name or
    /// airport code in the offline gazetteer; prints the comparison table.
    ///
    /// SPEC: routes separated by commas; stops by `-` or `>`. A stop is a
    /// name in any script (Pyongyang, Пхеньян, 평양), an IATA (VVO) or ICAO
    /// (UHWW) code, a name with a country, `Donetsk (RU)`, or `@LAT,LON`.
    /// Hyphenated names resolve under `-`: the longest hyphen-joined run of
    /// words that is a known name is taken first, from the left
    /// (Rostov-on-Don-Moscow is two stops); `>` always splits. An ambiguous
    /// name is the most populous place of that name (a note on stderr lists
    /// the others).
    ///
    /// Example: routemap quick "Pyongyang-Vladivostok-Moscow-Donetsk, Vladivostok-Volgograd-Donetsk"
    Quick(cmd::quick::Args),
    /// Write a dataset's report bundle into a folder: the map (SVG, PNG, PDF),
    /// the comparison (Markdown, CSV, a chart) and a report (self-contained
    /// HTML, Markdown).
    Report(cmd::report::Args),
    /// Draw the map of every dataset folder (a folder holding legs.csv) in
    /// ROUTES_DIR into OUTPUT_DIR as <name>.svg, going on past broken ones.
    Build(cmd::build::Args),
    /// Convert another format into a dataset folder.
    Import(cmd::import::Args),
}

/// Table output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned text.
    Table,
    /// Markdown table.
    Md,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

impl From<TableFormat> for routemap::export::Format {
    fn from(f: TableFormat) -> Self {
        match f {
            TableFormat::Table => Self::Table,
            TableFormat::Md => Self::Md,
            TableFormat::Csv => Self::Csv,
            TableFormat::Json => Self::Json,
        }
    }
}

/// Path metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Geodesic length.
    Distance,
    /// Travel time by the dataset's time model (legs of unknown mode unused).
    Time,
    /// Number of legs.
    Legs,
}

impl From<By> for routemap::analyze::paths::Metric {
    fn from(b: By) -> Self {
        match b {
            By::Distance => Self::Distance,
            By::Time => Self::Time,
            By::Legs => Self::Legs,
        }
    }
}

/// `-k`: how many paths, 1 to [`routemap::analyze::paths::MAX_K`].
pub fn path_count(s: &str) -> Result<usize, String> {
    let max = routemap::analyze::paths::MAX_K;
    match s.trim().parse::<usize>() {
        Ok(k) if (1..=max).contains(&k) => Ok(k),
        _ => Err(format!(
            "{} is not a number of paths from 1 to {max}",
            routemap::error::quote(s)
        )),
    }
}

/// A folder to write (`report -o`, `import -o`, `build -o`, `quick
/// --save`): any path but `-`, which means standard output elsewhere and
/// cannot hold several files.
pub fn folder(s: &str) -> Result<std::path::PathBuf, String> {
    if s == "-" {
        return Err("this writes a folder of several files, not one stream; name a folder".into());
    }
    Ok(s.into())
}

/// `--title`, `--subtitle`: a line of text for the map, at most
/// [`routemap::load::MAX_NAME_CHARS`] characters (as in `dataset.toml`).
pub fn title_text(s: &str) -> Result<String, String> {
    map_text(s, routemap::load::MAX_NAME_CHARS)
}

/// `--credit`: a credit to add, at most [`routemap::load::MAX_NOTE_CHARS`]
/// characters (as in `dataset.toml`).
pub fn credit_text(s: &str) -> Result<String, String> {
    map_text(s, routemap::load::MAX_NOTE_CHARS)
}

/// Text a map shows: not empty (after trimming, as dataset fields are),
/// no control characters (no line breaks: titles wrap by themselves), no
/// character XML cannot hold.
fn map_text(s: &str, max: usize) -> Result<String, String> {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return Err("the text is empty; give the words to print, or leave the option out".into());
    }
    routemap::load::check_text(trimmed, max)?;
    Ok(trimmed.to_string())
}

/// `--dpi`: a PNG resolution, 10 to 2400 dots per inch.
pub fn dpi(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(d) if d.is_finite() && (10.0..=2400.0).contains(&d) => Ok(d),
        _ => Err(format!(
            "{} is not a resolution from 10 to 2400 dots per inch",
            routemap::error::quote(s)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_counts_are_checked_once_here() {
        assert_eq!(path_count("3"), Ok(3));
        for bad in ["0", "-1", "x", "1000000", ""] {
            assert!(path_count(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn map_texts_are_trimmed_and_checked() {
        assert_eq!(title_text("  Escape routes "), Ok("Escape routes".into()));
        assert_eq!(
            credit_text("Graphic: A. Writer"),
            Ok("Graphic: A. Writer".into())
        );
        for bad in [
            "",
            "   ",
            "two\nlines",
            "tab\there",
            "esc\u{1b}[2J",
            "x\u{fffe}",
        ] {
            assert!(title_text(bad).is_err(), "{bad:?}");
            assert!(credit_text(bad).is_err(), "{bad:?}");
        }
        assert!(title_text(&"x".repeat(201)).is_err());
        assert!(credit_text(&"x".repeat(201)).is_ok());
    }

    #[test]
    fn resolutions_are_checked_once_here() {
        assert_eq!(dpi("96"), Ok(96.0));
        for bad in ["0", "9.9", "NaN", "inf", "2401", "-5"] {
            assert!(dpi(bad).is_err(), "{bad}");
        }
    }
}
