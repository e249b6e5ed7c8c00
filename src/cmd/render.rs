//! `routemap render DATASET [-o FILE|DIR] [--paths FROM TO [-k N] [--by ..]]`:
//! the map as SVG, PNG, PDF or GeoJSON, written atomically.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use routemap::analyze::paths::{Constraints, PathFinder};
use routemap::analyze::{Comparison, summarise};
use routemap::export::file::Target;
use routemap::graph::RouteGraph;
use routemap::map::projection::{Choice, Extent, parse_center};
use routemap::model::{Borders, Dataset, Lang};
use routemap::render::network::NetworkStyle;
use routemap::render::page::Size;
use routemap::render::style::ThemeName;
use routemap::render::{Alternatives, InsetChoice, LabelBy, Labels, RenderOptions};
use routemap::{export, load, render};

use crate::Outcome;
use crate::cli::By;
use crate::cmd::resolve;

/// Arguments of `routemap render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset folder.
    pub dataset: PathBuf,
    /// Output file: .svg, .png, .pdf or .geojson, or - for standard output
    /// (SVG unless --format says), or an existing folder (DIR/ if it is
    /// named like a map) to write <dataset>.<ext> in [default:
    /// output/<dataset>.svg].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub map: MapArgs,
}

/// Map options shared by `render` and `quick`.
#[derive(Debug, Clone, clap::Args)]
pub struct MapArgs {
    /// Output format, if the file name does not say.
    #[arg(long, value_enum)]
    pub format: Option<MapFormat>,
    /// Size: a4-column, a4-page, slide-16x9, square, or WxH in px, mm or in
    /// (e.g. 1600x900, 170x120mm).
    #[arg(long, default_value = "1200x800", value_parser = clap::value_parser!(Size))]
    pub size: Size,
    /// PNG resolution in dots per inch (10 to 2400).
    #[arg(long, default_value = "200", value_parser = crate::cli::dpi)]
    pub dpi: f32,
    /// Draw the k best paths between two place ids (FROM TO) instead of
    /// only the dataset's routes.
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub paths: Option<Vec<String>>,
    /// How many paths to draw with --paths.
    #[arg(short = 'k', long = "k", default_value = "3", value_parser = crate::cli::path_count)]
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
    /// What place labels say: `name` (as written in places.csv), `city`
    /// (the city an airport serves, else the name), `code` (an airport's
    /// IATA or ICAO code, else the place id), or `auto` (city on a network
    /// map drawn in classes, else name).
    #[arg(long, value_name = "WHAT", default_value = "auto", value_parser = clap::value_parser!(LabelBy))]
    pub label: LabelBy,
    /// Which languages place labels are written in: `en`, the name as the
    /// dataset wrote it (one line), or `en+local`, also the place's name in
    /// the main language of its country on a second line where the
    /// embedded gazetteer knows it ("Vladivostok" over "Владивосток").
    /// --label chooses what a label says; --labels which languages it is
    /// written in. [default: dataset.toml's `labels`, else en]
    #[arg(long, value_name = "LANGS", value_parser = clap::value_parser!(Labels))]
    pub labels: Option<Labels>,
    /// The map's title, instead of the dataset's (or quick's).
    #[arg(long, value_name = "TEXT", value_parser = crate::cli::title_text)]
    pub title: Option<String>,
    /// The map's subtitle, instead of the dataset's.
    #[arg(long, value_name = "TEXT", value_parser = crate::cli::title_text)]
    pub subtitle: Option<String>,
    /// Locator inset: `auto` (a small globe on regional maps, none on world
    /// views), `globe` (orthographic, centred on the map), `world` (a world
    /// outline) or `none`; the map's frame is drawn on it.
    #[arg(long, value_name = "KIND", default_value = "auto", value_parser = clap::value_parser!(InsetChoice))]
    pub inset: InsetChoice,
    /// Text to add to the credit line (e.g. "Graphic: A. Writer"), after
    /// the data's credit; the place and base-map attributions stay.
    #[arg(long, value_name = "TEXT", value_parser = crate::cli::credit_text)]
    pub credit: Option<String>,
    /// Borders' point of view: `recognised` (internationally recognised:
    /// Crimea in Ukraine) or `de-facto` (Natural Earth's default: Crimea in
    /// Russia); instead of the dataset's `borders` [default: recognised].
    #[arg(long, value_name = "POV", value_parser = clap::value_parser!(Borders))]
    pub borders: Option<Borders>,
    /// Language of the base map's country, sea and lake names: en, ar, bn,
    /// de, el, es, fa, fr, he, hi, hu, id, it, ja, ko, nl, pl, pt, ru, sv,
    /// tr, uk, ur, vi, zh or zht (traditional Chinese) [default: the
    /// dataset's `lang`, else en]. Place names stay as the dataset wrote them.
    #[arg(long, value_name = "CODE", value_parser = clap::value_parser!(Lang))]
    pub lang: Option<Lang>,
}

/// Map output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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

/// The map format a file extension (in lower case) names, if any.
fn format_of(ext: &str) -> Option<MapFormat> {
    match ext.to_ascii_lowercase().as_str() {
        "svg" => Some(MapFormat::Svg),
        "png" => Some(MapFormat::Png),
        "pdf" => Some(MapFormat::Pdf),
        "geojson" | "json" => Some(MapFormat::Geojson),
        _ => None,
    }
}

/// Where a map goes when `-o` is not given.
pub enum DefaultOutput {
    /// `output/<dataset name>.<ext>`, creating `output/`.
    OutputFolder,
    /// `<stem>.<ext>` in the current folder.
    Here(&'static str),
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let mut ds = crate::cmd::load(&args.dataset)?;
    ds.meta.extra_credit.clone_from(&args.map.credit);
    if let Some(b) = args.map.borders {
        ds.meta.borders = b;
    }
    let graph = RouteGraph::new(&ds);
    // The map shows each route's km, not its rank among paths.
    let comparison = summarise(&ds, &graph);
    let file = map_file(
        args.output.as_deref(),
        args.map.format,
        DefaultOutput::OutputFolder,
        &ds.name,
        &crate::cmd::shown(&args.dataset),
    )?;
    draw((&ds, &graph, &comparison), &file, &args.map)
}

/// Draw a dataset's map (from its graph and comparison, computed once by
/// the caller) as `args` say and write it to `file`.
pub fn draw(
    drawing: (&Dataset, &RouteGraph, &Comparison),
    file: &MapFile,
    args: &MapArgs,
) -> anyhow::Result<Outcome> {
    match prepare(drawing, file, args)? {
        Some(map) => {
            map.write()?;
            Ok(Outcome::Done)
        }
        None => Ok(Outcome::NothingFound),
    }
}

/// A map drawn in memory, to be written to its file.
pub struct Drawn {
    path: PathBuf,
    /// Whether `path` is the default in `output/`, which is created.
    in_output_folder: bool,
    bytes: Vec<u8>,
}

impl Drawn {
    /// Write the map (see [`write`]).
    pub fn write(&self) -> anyhow::Result<()> {
        write(&self.path, self.in_output_folder, &self.bytes)
    }
}

/// Where a map goes and in which format, decided from `-o` and `--format`
/// before anything is drawn (see [`map_file`]).
pub struct MapFile {
    path: PathBuf,
    format: MapFormat,
    /// Whether `path` is the default in `output/`, which is created.
    in_output_folder: bool,
}

/// The file and format of a map: `-o FILE` (its extension says the format,
/// and must not contradict `--format`), `-o DIR` (an existing folder, or a
/// name ending in a separator: `<name>.<ext>` in it), `-o -`, or the
/// default place. `name` is the dataset's name and `what` names the input
/// in messages.
pub fn map_file(
    output: Option<&Path>,
    format: Option<MapFormat>,
    default: DefaultOutput,
    name: &str,
    what: &str,
) -> anyhow::Result<MapFile> {
    let to_stdout = output.is_some_and(|p| p.as_os_str() == "-");
    // `-o DIR`: an existing folder, or a name ending in a separator, takes
    // the map under its default name. A folder named like a map
    // (`map.png/`) without the separator is refused where it is written:
    // the name says a file was meant.
    let ends_in_separator = |p: &Path| {
        p.as_os_str()
            .to_str()
            .is_some_and(|s| s.ends_with(std::path::is_separator))
    };
    let named_like_a_map = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| format_of(e).is_some())
    };
    let folder = match output {
        Some(p) if !to_stdout && p.is_dir() && (ends_in_separator(p) || !named_like_a_map(p)) => {
            Some(p)
        }
        Some(p) if ends_in_separator(p) => bail!(
            "{}: no such folder (a name ending in {} is a folder, and -o DIR must exist)",
            crate::cmd::shown(p),
            std::path::MAIN_SEPARATOR
        ),
        _ => None,
    };
    let output = output.filter(|_| folder.is_none());
    let ext_of = |f: MapFormat| match f {
        MapFormat::Svg => "svg",
        MapFormat::Png => "png",
        MapFormat::Pdf => "pdf",
        MapFormat::Geojson => "geojson",
    };
    // The file name's own format, if it names one.
    let named = output.filter(|_| !to_stdout).map(|p| {
        let e = p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let f = e.as_deref().and_then(format_of);
        (p, e, f)
    });
    let map_format = match (format, named) {
        (Some(f), Some((p, Some(e), Some(g)))) if g != f => bail!(
            "{}: --format {} but the name ends in .{e}; give one of them",
            crate::cmd::shown(p),
            ext_of(f)
        ),
        (Some(f), _) => f,
        (None, None) => MapFormat::Svg,
        (None, Some((_, _, Some(f)))) => f,
        // A device, a FIFO or a standard stream says no format: SVG, as
        // for `-o -`.
        (None, Some((p, _, None)))
            if matches!(
                export::file::target(p),
                Ok(Target::Direct | Target::Stdout | Target::Stderr)
            ) =>
        {
            MapFormat::Svg
        }
        (None, Some((p, None, None))) => bail!(
            "{}: the name has no extension to say the format; end it in .svg, .png, .pdf or \
             .geojson, or give --format",
            crate::cmd::shown(p)
        ),
        (None, Some((p, Some(e), None))) => bail!(
            "{}: unsupported output format {}; use .svg, .png, .pdf or .geojson, or --format",
            crate::cmd::shown(p),
            routemap::error::quote(&e)
        ),
    };
    let ext = ext_of(map_format);
    if to_stdout
        && matches!(map_format, MapFormat::Png | MapFormat::Pdf)
        && std::io::stdout().is_terminal()
    {
        bail!(
            "-o -: not writing a {} to a terminal; redirect standard output or name a file",
            ext.to_uppercase()
        );
    }
    let in_output_folder =
        output.is_none() && folder.is_none() && matches!(default, DefaultOutput::OutputFolder);
    // The map's name when -o does not give one.
    let default_name = || -> anyhow::Result<String> {
        let stem = match &default {
            DefaultOutput::Here(stem) => stem.to_string(),
            DefaultOutput::OutputFolder => crate::cmd::file_name::safe_file_stem(name)
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "{what}: the dataset name {} cannot be a file name ({}); name the output with -o",
                        routemap::error::quote(name),
                        crate::cmd::file_name::unsafe_file_stem(name).unwrap_or_default()
                    )
                })?,
        };
        Ok(format!("{stem}.{ext}"))
    };
    let path: PathBuf = match (output, folder, &default) {
        (Some(p), _, _) => p.to_path_buf(),
        (None, Some(dir), _) => dir.join(default_name()?),
        (None, None, DefaultOutput::Here(_)) => PathBuf::from(default_name()?),
        (None, None, DefaultOutput::OutputFolder) => Path::new("output").join(default_name()?),
    };
    Ok(MapFile {
        path,
        format: map_format,
        in_output_folder,
    })
}

/// [`draw`] up to the bytes, writing nothing; `None` when `--paths` finds
/// no path (said on stderr).
pub fn prepare(
    (ds, graph, comparison): (&Dataset, &RouteGraph, &Comparison),
    file: &MapFile,
    args: &MapArgs,
) -> anyhow::Result<Option<Drawn>> {
    let (format, path, in_output_folder) = (file.format, file.path.clone(), file.in_output_folder);
    let overlays = args
        .overlay
        .iter()
        .map(|p| load::geojson::read_overlay(p))
        .collect::<routemap::Result<Vec<_>>>()?;
    let alternatives = match &args.paths {
        None => None,
        Some(ends) => {
            let from = resolve(ds, &ends[0], "--paths FROM")?;
            let to = resolve(ds, &ends[1], "--paths TO")?;
            if from == to {
                bail!("--paths FROM and TO are both {:?}", ds.places[from].id);
            }
            let by = args.by.into();
            let net = PathFinder::new(ds, graph, by, &Constraints::default());
            let paths = net.k_shortest(from, to, &[], args.k);
            if paths.is_empty() {
                eprintln!(
                    "routemap: no path from {:?} to {:?}: they are not connected (by {})",
                    ds.places[from].id,
                    ds.places[to].id,
                    by.as_str()
                );
                return Ok(None);
            }
            Some(Alternatives { by, paths })
        }
    };
    if format == MapFormat::Geojson {
        let (places, legs) = geojson_content(ds, alternatives.as_ref());
        let text = export::geojson::feature_collection(ds, graph, &places, &legs);
        return Ok(Some(Drawn {
            path,
            in_output_folder,
            bytes: text.into_bytes(),
        }));
    }
    let options = RenderOptions {
        size: args.size,
        alternatives,
        projection: args.projection,
        center: args.center,
        extent: args.extent,
        graticule: !args.no_graticule,
        north_arrow: args.north_arrow,
        theme: args.theme,
        overlays,
        network: args.network,
        label: args.label,
        labels: args.labels.or(ds.meta.labels).unwrap_or_default(),
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        inset: args.inset,
        lang: args.lang,
    };
    let scene = render::scene(ds, graph, comparison, &options)?;
    let svg = scene.to_svg();
    let bytes = match format {
        MapFormat::Svg => svg.into_bytes(),
        MapFormat::Png | MapFormat::Pdf => {
            for text in export::image::unrenderable_texts(scene.texts()) {
                eprintln!(
                    "routemap: warning: no bundled font can show all of {}; it will have missing glyphs where this machine has no font for them",
                    routemap::error::quote(&text)
                );
            }
            if format == MapFormat::Png {
                export::image::png(&svg, args.dpi)?
            } else {
                export::image::pdf(&svg)?
            }
        }
        MapFormat::Geojson => unreachable!("handled above"),
    };
    Ok(Some(Drawn {
        path,
        in_output_folder,
        bytes,
    }))
}

/// Write the map (see [`export::file`]: `-` is standard output, a device or
/// FIFO is written directly, a file atomically), creating `output/` when it
/// is the default place. Says which file was written, unless the map went
/// to standard output.
fn write(path: &Path, default_place: bool, bytes: &[u8]) -> anyhow::Result<()> {
    if default_place {
        let dir = Path::new("output");
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create folder", crate::cmd::shown(dir)))?;
    }
    if export::write_output(path, bytes)? != export::file::Target::Stdout {
        eprintln!("routemap: wrote {}", crate::cmd::shown(path));
    }
    Ok(())
}

/// What the map shows, for GeoJSON: with alternatives, their places and legs
/// (each leg with the ranks of the paths using it); else every place and leg.
fn geojson_content(
    ds: &routemap::model::Dataset,
    alternatives: Option<&Alternatives>,
) -> (Vec<usize>, Vec<export::geojson::ExportLeg>) {
    match alternatives {
        None => (
            (0..ds.places.len()).collect(),
            (0..ds.legs.len())
                .map(|leg| export::geojson::ExportLeg {
                    leg,
                    extra: Vec::new(),
                })
                .collect(),
        ),
        Some(a) => {
            let mut places: Vec<usize> = a
                .paths
                .iter()
                .flat_map(|p| p.stops.iter().copied())
                .collect();
            places.sort_unstable();
            places.dedup();
            let mut legs: Vec<(usize, Vec<usize>)> = Vec::new();
            for (rank, p) in a.paths.iter().enumerate() {
                for l in &p.legs {
                    match legs.iter_mut().find(|(leg, _)| *leg == l.leg) {
                        Some((_, ranks)) => ranks.push(rank + 1),
                        None => legs.push((l.leg, vec![rank + 1])),
                    }
                }
            }
            legs.sort();
            (
                places,
                legs.into_iter()
                    .map(|(leg, ranks)| export::geojson::ExportLeg {
                        leg,
                        extra: vec![("path_ranks".into(), serde_json::json!(ranks))],
                    })
                    .collect(),
            )
        }
    }
}
