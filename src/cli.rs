//! Command-line interface: subcommands and their arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use routemap::map::projection::{Choice, Extent, parse_center};
use routemap::render::network::NetworkStyle;
use routemap::render::page::parse_size;
use routemap::render::style::ThemeName;

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
    Check {
        /// Dataset folder (holding places.csv, legs.csv, optional dataset.toml).
        dataset: PathBuf,
    },
    /// Compare the dataset's routes: stops, km per leg and in total, direct km,
    /// detour, estimated time, modes and evidence, and how each ranks among the
    /// network's best paths between its ends.
    Compare {
        /// Dataset folder.
        dataset: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Metric for the best network path and the route's rank.
        #[arg(long, value_enum, default_value_t = By::Distance)]
        by: By,
        /// How many alternatives to rank the route among.
        #[arg(short = 'k', long = "k", default_value_t = 5)]
        k: usize,
    },
    /// The k best loopless paths between two places (or many pairs), under
    /// constraints.
    Paths(PathsArgs),
    /// Draw the dataset's map as SVG.
    Render {
        /// Dataset folder.
        dataset: PathBuf,
        /// Output file: .svg, .png, .pdf or .geojson [default: output/<dataset>.svg].
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        map: MapArgs,
    },
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
    Quick {
        /// The routes, e.g. "FNJ-VVO-SVO-ROV" or "Moscow>Rostov-on-Don, Moscow-Volgograd".
        spec: String,
        /// Output file: .svg, .png, .pdf or .geojson [default: quick.svg in the current folder].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Mode of every leg: air, rail, road, sea or unknown [default: air
        /// between two airport codes, else unknown].
        #[arg(long, value_parser = clap::value_parser!(routemap::model::Mode))]
        mode: Option<routemap::model::Mode>,
        /// Also write the routes as a dataset folder (places.csv with each
        /// place's gazetteer source in its note, legs.csv, dataset.toml).
        #[arg(long, value_name = "DIR")]
        save: Option<PathBuf>,
        #[command(flatten)]
        map: MapArgs,
    },
    /// Write a dataset's report bundle into a folder: the map (SVG, PNG, PDF),
    /// the comparison (Markdown, CSV) and a report (self-contained HTML,
    /// Markdown).
    Report {
        /// Dataset folder.
        dataset: PathBuf,
        /// Folder to write (created if missing) [default: output/<dataset>/].
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Draw the map of every dataset folder (a folder holding legs.csv) in
    /// ROUTES_DIR into OUTPUT_DIR as <name>.svg, going on past broken ones.
    Build {
        /// Folder of dataset folders.
        #[arg(default_value = "routes", value_name = "ROUTES_DIR")]
        routes: PathBuf,
        /// Folder to write the maps into (created if missing).
        #[arg(short, long, default_value = "output", value_name = "OUTPUT_DIR")]
        output: PathBuf,
    },
    /// Convert another format into a dataset folder.
    Import {
        #[command(subcommand)]
        format: Import,
    },
}

/// The formats `routemap import` reads.
#[derive(Debug, Subcommand)]
pub enum Import {
    /// OpenFlights airports.dat and routes.dat: one network leg (mode air) per
    /// directed airport pair, listing its airlines; places keyed by IATA code.
    Openflights {
        /// OpenFlights airports.dat (headerless CSV).
        #[arg(long, value_name = "PATH")]
        airports: PathBuf,
        /// OpenFlights routes.dat (headerless CSV).
        #[arg(long, value_name = "PATH")]
        routes: PathBuf,
        /// Dataset folder to write (created if missing; its parent must exist).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
}

/// Map output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    /// SVG.
    Svg,
    /// PNG (via resvg).
    Png,
    /// PDF (via svg2pdf).
    Pdf,
    /// GeoJSON of the places and legs the map shows.
    Geojson,
}

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

/// Arguments of `routemap paths`.
#[derive(Debug, clap::Args)]
pub struct PathsArgs {
    /// Dataset folder.
    pub dataset: PathBuf,
    /// Origin place id.
    #[arg(long, required_unless_present = "pairs", conflicts_with = "pairs")]
    pub from: Option<String>,
    /// Destination place id.
    #[arg(long, required_unless_present = "pairs", conflicts_with = "pairs")]
    pub to: Option<String>,
    /// CSV of origin-destination pairs (columns from,to and optional k).
    #[arg(long)]
    pub pairs: Option<PathBuf>,
    /// How many paths (for each pair without its own k).
    #[arg(short = 'k', long = "k", default_value_t = 3)]
    pub k: usize,
    /// What to minimise.
    #[arg(long, value_enum, default_value_t = By::Distance)]
    pub by: By,
    /// A place id no path may pass through (repeatable).
    #[arg(long)]
    pub avoid: Vec<String>,
    /// A place id every path must pass through, in the order given (repeatable).
    #[arg(long)]
    pub via: Vec<String>,
    /// Only use legs of these modes (comma-separated: air,rail,road,sea,unknown).
    #[arg(long, value_delimiter = ',')]
    pub modes: Option<Vec<String>>,
    /// Let every leg be used in both directions.
    #[arg(long)]
    pub undirected: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
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

/// Map options shared by `render` and `quick`.
#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// Output format, if the file name does not say.
    #[arg(long, value_enum)]
    pub format: Option<MapFormat>,
    /// Size: a4-column, a4-page, slide-16x9, square, or WxH in px, mm or in
    /// (e.g. 1600x900, 170x120mm).
    #[arg(long, default_value = "1200x800", value_parser = parse_size)]
    pub size: (u32, u32),
    /// PNG resolution in dots per inch.
    #[arg(long, default_value_t = 200.0)]
    pub dpi: f32,
    /// Draw the k best paths between two place ids (FROM TO) instead of
    /// only the dataset's routes.
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub paths: Option<Vec<String>>,
    /// How many paths to draw with --paths.
    #[arg(short = 'k', long = "k", default_value_t = 3)]
    pub k: usize,
    /// Metric for --paths.
    #[arg(long, value_enum, default_value_t = By::Distance)]
    pub by: By,
    /// Projection: auto, lcc, aeqd, laea, merc, robin, eqearth or ortho.
    #[arg(long, default_value = "auto", value_parser = clap::value_parser!(Choice))]
    pub projection: Choice,
    /// Centre of the projection, LAT,LON in degrees (e.g. 50,90).
    #[arg(long, value_name = "LAT,LON", value_parser = parse_center, allow_hyphen_values = true)]
    pub center: Option<(f64, f64)>,
    /// Show this box instead of fitting the data: W,S,E,N in degrees
    /// (W > E crosses the antimeridian).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub extent: Option<Extent>,
    /// Leave out the graticule.
    #[arg(long)]
    pub no_graticule: bool,
    /// Draw a north arrow.
    #[arg(long)]
    pub north_arrow: bool,
    /// A GeoJSON file of areas, lines or points to draw over the base map
    /// (repeatable; see README for the properties it reads).
    #[arg(long, value_name = "FILE.geojson")]
    pub overlay: Vec<PathBuf>,
    /// Colour theme: light, dark, or print (greyscale-safe, numbered routes).
    #[arg(long, default_value = "light", value_parser = clap::value_parser!(ThemeName))]
    pub theme: ThemeName,
    /// How legs on no route are drawn: `legs` (each with its own line,
    /// pattern and tooltip), `classes` (each pair of places once, wider
    /// and darker for more routes between them: for whole networks), or
    /// `auto` (classes above 1,000 such legs).
    #[arg(long, value_name = "STYLE", default_value = "auto", value_parser = clap::value_parser!(NetworkStyle))]
    pub network: NetworkStyle,
}
