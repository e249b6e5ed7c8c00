//! `routemap render DATASET [-o FILE] [--paths FROM TO [-k N] [--by ..]]`: the
//! map as SVG, written atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use routemap::analyze::paths::{Constraints, Metric, Network};
use routemap::graph::RouteGraph;
use routemap::map::projection::{Choice, Extent};
use routemap::render::network::NetworkStyle;
use routemap::render::style::ThemeName;
use routemap::render::{Alternatives, RenderOptions};
use routemap::{export, load, render};

use crate::Outcome;
use crate::cli::MapFormat;
use crate::cmd::resolve;

/// Arguments of `routemap render` (and the map of `routemap quick`).
#[derive(Clone)]
pub struct Args<'a> {
    pub output: Option<&'a Path>,
    pub format: Option<MapFormat>,
    pub size: (u32, u32),
    pub dpi: f32,
    pub paths: Option<&'a [String]>,
    pub k: usize,
    pub by: Metric,
    pub projection: Choice,
    pub center: Option<(f64, f64)>,
    pub extent: Option<Extent>,
    pub graticule: bool,
    pub north_arrow: bool,
    pub theme: ThemeName,
    pub overlays: &'a [PathBuf],
    pub network: NetworkStyle,
}

impl<'a> Args<'a> {
    /// The map arguments as given on the command line.
    pub fn new(output: Option<&'a Path>, map: &'a crate::cli::MapArgs) -> Self {
        Args {
            output,
            format: map.format,
            size: map.size,
            dpi: map.dpi,
            paths: map.paths.as_deref(),
            k: map.k,
            by: map.by.into(),
            projection: map.projection,
            center: map.center,
            extent: map.extent,
            graticule: !map.no_graticule,
            north_arrow: map.north_arrow,
            theme: map.theme,
            overlays: &map.overlay,
            network: map.network,
        }
    }
}

/// Where a map goes when `-o` is not given.
pub enum DefaultOutput {
    /// `output/<dataset name>.<ext>`, creating `output/`.
    OutputFolder,
    /// `<stem>.<ext>` in the current folder.
    Here(&'static str),
}

pub fn run(dataset: &Path, args: &Args<'_>) -> anyhow::Result<Outcome> {
    if args.k == 0 {
        bail!("-k must be at least 1");
    }
    let ds = crate::cmd::load(dataset)?;
    draw(
        &ds,
        args,
        DefaultOutput::OutputFolder,
        &dataset.display().to_string(),
    )
}

/// Draw `ds`'s map as `args` say and write it. `what` names the input in
/// messages (the dataset folder).
pub fn draw(
    ds: &routemap::model::Dataset,
    args: &Args<'_>,
    default: DefaultOutput,
    what: &str,
) -> anyhow::Result<Outcome> {
    if args.k == 0 {
        bail!("-k must be at least 1");
    }
    let format = match (args.format, args.output) {
        (Some(f), _) => f,
        (None, None) => MapFormat::Svg,
        (None, Some(p)) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => MapFormat::Svg,
            Some("png") => MapFormat::Png,
            Some("pdf") => MapFormat::Pdf,
            Some("geojson") | Some("json") => MapFormat::Geojson,
            other => bail!(
                "{}: unsupported output format {:?}; use .svg, .png, .pdf or .geojson, or --format",
                p.display(),
                other.unwrap_or_default()
            ),
        },
    };
    let ext = match format {
        MapFormat::Svg => "svg",
        MapFormat::Png => "png",
        MapFormat::Pdf => "pdf",
        MapFormat::Geojson => "geojson",
    };
    let in_output_folder = args.output.is_none() && matches!(default, DefaultOutput::OutputFolder);
    let path: PathBuf = match (args.output, default) {
        (Some(p), _) => p.to_path_buf(),
        (None, DefaultOutput::Here(stem)) => PathBuf::from(format!("{stem}.{ext}")),
        (None, DefaultOutput::OutputFolder) => match export::safe_file_stem(&ds.name) {
            Some(stem) => Path::new("output").join(format!("{stem}.{ext}")),
            None => bail!(
                "{what}: the dataset name {} cannot be a file name ({}); name the output with -o",
                routemap::error::quote(&ds.name),
                export::unsafe_file_stem(&ds.name).unwrap_or_default()
            ),
        },
    };
    let overlays = args
        .overlays
        .iter()
        .map(|p| load::geojson::read_overlay(p))
        .collect::<routemap::Result<Vec<_>>>()?;
    let alternatives = match args.paths {
        None => None,
        Some(ends) => {
            let from = resolve(ds, &ends[0], "--paths FROM")?;
            let to = resolve(ds, &ends[1], "--paths TO")?;
            if from == to {
                bail!("--paths FROM and TO are both {:?}", ds.places[from].id);
            }
            let graph = RouteGraph::new(ds);
            let net = Network::new(ds, &graph, args.by, &Constraints::default());
            let paths = net.k_shortest(from, to, &[], args.k);
            if paths.is_empty() {
                eprintln!(
                    "routemap: no path from {:?} to {:?}: they are not connected (by {})",
                    ds.places[from].id,
                    ds.places[to].id,
                    args.by.as_str()
                );
                return Ok(Outcome::NothingFound);
            }
            Some(Alternatives { by: args.by, paths })
        }
    };
    if format == MapFormat::Geojson {
        let graph = RouteGraph::new(ds);
        let (places, legs) = geojson_content(ds, alternatives.as_ref());
        let text = export::geojson::feature_collection(ds, &graph, &places, &legs);
        write(&path, in_output_folder, text.as_bytes())?;
        return Ok(Outcome::Done);
    }
    let svg = render::svg(
        ds,
        &RenderOptions {
            width_px: args.size.0,
            height_px: args.size.1,
            alternatives,
            projection: args.projection,
            center: args.center,
            extent: args.extent,
            graticule: args.graticule,
            north_arrow: args.north_arrow,
            theme: args.theme,
            overlays,
            network: args.network,
        },
    )?;
    let bytes = match format {
        MapFormat::Svg => svg.into_bytes(),
        MapFormat::Png | MapFormat::Pdf => {
            for text in export::image::unrenderable_texts(&svg) {
                eprintln!(
                    "routemap: warning: no available font can show all of {text:?}; it will have missing glyphs"
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
    write(&path, in_output_folder, &bytes)?;
    Ok(Outcome::Done)
}

/// Write atomically, creating `output/` when it is the default place.
fn write(path: &Path, default_place: bool, bytes: &[u8]) -> anyhow::Result<()> {
    if default_place {
        let dir = Path::new("output");
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create folder", dir.display()))?;
    }
    export::write_atomic(path, bytes)?;
    eprintln!("routemap: wrote {}", path.display());
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
