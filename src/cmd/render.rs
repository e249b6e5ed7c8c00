//! `routemap render DATASET [-o FILE] [--paths FROM TO [-k N] [--by ..]]`: the
//! map as SVG, written atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use routemap::analyze::paths::{Constraints, Metric, Network};
use routemap::graph::RouteGraph;
use routemap::map::projection::{Choice, Extent};
use routemap::render::style::ThemeName;
use routemap::render::{Alternatives, RenderOptions};
use routemap::{export, load, render};

use crate::Outcome;
use crate::cmd::resolve;

/// Arguments of `routemap render`.
pub struct Args<'a> {
    pub dataset: &'a Path,
    pub output: Option<&'a Path>,
    pub width: u32,
    pub height: u32,
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
}

pub fn run(args: &Args<'_>) -> anyhow::Result<Outcome> {
    if args.k == 0 {
        bail!("-k must be at least 1");
    }
    let ds = load::dataset(args.dataset)?;
    let path: PathBuf = match args.output {
        Some(p) => {
            match p
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
            {
                Some(e) if e == "svg" => {}
                other => bail!(
                    "{}: unsupported output format {:?}; routemap writes SVG (.svg)",
                    p.display(),
                    other.unwrap_or_default()
                ),
            }
            p.to_path_buf()
        }
        None => Path::new("output").join(format!("{}.svg", sanitize(&ds.name))),
    };
    let overlays = args
        .overlays
        .iter()
        .map(|p| load::geojson::read_overlay(p))
        .collect::<routemap::Result<Vec<_>>>()?;
    let alternatives = match args.paths {
        None => None,
        Some(ends) => {
            let from = resolve(&ds, &ends[0], "--paths FROM")?;
            let to = resolve(&ds, &ends[1], "--paths TO")?;
            if from == to {
                bail!("--paths FROM and TO are both {:?}", ds.places[from].id);
            }
            let graph = RouteGraph::new(&ds);
            let net = Network::new(&ds, &graph, args.by, &Constraints::default());
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
    let svg = render::svg(
        &ds,
        &RenderOptions {
            width_px: args.width,
            height_px: args.height,
            alternatives,
            projection: args.projection,
            center: args.center,
            extent: args.extent,
            graticule: args.graticule,
            north_arrow: args.north_arrow,
            theme: args.theme,
            overlays,
        },
    )?;
    if args.output.is_none() {
        let dir = Path::new("output");
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create folder", dir.display()))?;
    }
    export::write_atomic(&path, svg.as_bytes())?;
    eprintln!("routemap: wrote {}", path.display());
    Ok(Outcome::Done)
}

/// A dataset name made safe as a file name: path separators, NUL and other
/// control characters become '_', and leading dots are dropped.
fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() || c == ':' {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() { "dataset".into() } else { s }
}
