//! `routemap quick SPEC [-o FILE] [--mode MODE] [--save DIR] [map options]`:
//! routes typed as text (gcmap-style), places found in the gazetteer; draws
//! the map like `render` and prints the comparison like `compare`.

use std::path::PathBuf;

use routemap::analyze::{CompareOptions, compare_with};
use routemap::export::dataset::{Files, write};
use routemap::gazetteer::Gazetteer;
use routemap::graph::RouteGraph;
use routemap::model::{Dataset, Mode};
use routemap::{export, load};

use crate::Outcome;
use crate::cmd::render::{self, DefaultOutput};

/// Arguments of `routemap quick`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The routes, e.g. "FNJ-VVO-SVO-ROV" or "Moscow>Rostov-on-Don, Moscow-Volgograd".
    pub spec: String,
    /// Output file: .svg, .png, .pdf or .geojson, or - for standard output
    /// (the comparison then goes to standard error) [default: quick.svg in
    /// the current folder].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Mode of every leg: air, rail, road, sea or unknown [default: air
    /// between two airport codes, else unknown].
    #[arg(long, value_parser = clap::value_parser!(Mode))]
    pub mode: Option<Mode>,
    /// Also write the routes as a dataset folder (places.csv with each
    /// place's gazetteer source in its note, legs.csv, dataset.toml).
    #[arg(long, value_name = "DIR", value_parser = crate::cli::folder)]
    pub save: Option<PathBuf>,
    /// How places found by a name in a script other than Latin are
    /// labelled: `typed`, as you typed it (Пхеньян, 평양), or `gazetteer`,
    /// by the gazetteer's name (Pyongyang). Latin names always get the
    /// gazetteer's spelling (dusseldorf: Düsseldorf).
    #[arg(long, value_enum, default_value_t = Names::Typed)]
    pub names: Names,
    #[command(flatten)]
    pub map: render::MapArgs,
}

/// How `quick` labels places found by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Names {
    /// The name as typed.
    Typed,
    /// The gazetteer's name.
    Gazetteer,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    // The output is checked before the routes are read: a bad -o says so
    // alone, without the notes about the routes.
    let file = render::map_file(
        args.output.as_deref(),
        args.map.format,
        DefaultOutput::Here("quick"),
        "quick",
        "quick",
    )?;
    let gaz = Gazetteer::embedded()?;
    let mut quick = load::quick::parse(&args.spec, gaz)?;
    for note in &quick.notes {
        eprintln!("routemap: note: {note}");
    }
    if args.names == Names::Gazetteer {
        quick.use_gazetteer_names();
    }
    let title = args.map.title.clone().unwrap_or_else(|| quick.title());
    let mut ds = quick.dataset("quick", &title, args.mode);
    ds.meta.subtitle.clone_from(&args.map.subtitle);
    ds.meta.extra_credit.clone_from(&args.map.credit);
    // Kept by --save, so that the saved folder draws the same labels.
    ds.meta.labels = args.map.labels;
    if let Some(b) = args.map.borders {
        ds.meta.borders = b;
    }
    if args.mode.is_none() && ds.legs.iter().any(|l| l.mode == Mode::Air) {
        eprintln!(
            "routemap: note: legs between two airport codes are mode air, the others unknown; --mode sets every leg"
        );
    }
    // --paths may name places as typed ("Moscow", "SVO") as well as by id.
    let map = render::MapArgs {
        paths: args
            .map
            .paths
            .as_ref()
            .map(|ends| ends.iter().map(|e| place_id(&ds, e)).collect()),
        ..args.map.clone()
    };
    // A --save folder that cannot be written is refused before the map is.
    let saved = match &args.save {
        Some(dir) => {
            let files = save_files(&ds, &args.spec)?;
            routemap::export::dataset::check_target(dir)?;
            Some((dir, files))
        }
        None => None,
    };
    // One graph and one comparison for the map and the table. The map is
    // drawn in memory, then the folder written, then the map: a map that
    // cannot be drawn writes nothing, and a folder that fails leaves the
    // previous map (and folder) as they were.
    let graph = RouteGraph::new(&ds);
    let cmp = compare_with(
        &ds,
        &graph,
        &CompareOptions {
            by: args.map.by.into(),
            k: 5,
        },
    );
    let drawn = render::prepare((&ds, &graph, &cmp), &file, &map)?;
    if let Some((dir, files)) = saved {
        write(dir, &files)?;
        eprintln!("routemap: wrote {}", crate::cmd::shown(dir));
    }
    let outcome = match drawn {
        Some(map) => {
            map.write()?;
            Outcome::Done
        }
        None => Outcome::NothingFound,
    };
    let table = export::comparison(&ds, &cmp, export::Format::Table);
    // The map may be on standard output: the table must not mix with it.
    let map_on_stdout = args
        .output
        .as_deref()
        .is_some_and(|o| export::file::target(o).is_ok_and(|t| t == export::file::Target::Stdout));
    if map_on_stdout {
        eprint!("{table}");
    } else {
        crate::cmd::print(&table)?;
    }
    Ok(outcome)
}

/// The id of the place `text` names: an id, or a stop as it was typed.
fn place_id(ds: &Dataset, text: &str) -> String {
    if ds.place_index(text).is_some() {
        return text.to_string();
    }
    let folded = routemap::gazetteer::fold(text);
    ds.places
        .iter()
        .find(|p| {
            routemap::gazetteer::fold(&p.name) == folded
                || p.located
                    .as_ref()
                    .is_some_and(|l| routemap::gazetteer::fold(&l.query) == folded)
        })
        .map_or_else(|| text.to_string(), |p| p.id.clone())
}

/// Write the routes as a dataset folder, each place's source in its note.
/// The dataset folder's files for `--save`.
fn save_files(ds: &Dataset, spec: &str) -> anyhow::Result<Files> {
    let places: Vec<_> = ds
        .places
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.note = Some(match &p.located {
                Some(l) => format!(
                    "coordinates: {l} ({}), from {} ({})",
                    l.description,
                    routemap::error::quote(&l.query),
                    l.by.as_str()
                ),
                None => "coordinates given in the quick route".into(),
            });
            p
        })
        .collect();
    let readme = format!(
        "# {spec}\n\nWritten by `routemap quick --save` from the quick route\n`{spec}`.\n\
         Coordinates come from the gazetteer embedded in routemap (GeoNames, CC BY 4.0;\n\
         airportsdata, MIT); each place's note says which entry.\n"
    );
    // The coordinates are written out, so the credit must carry the
    // attribution the gazetteer would have added.
    // A --credit goes into the credit too, before the attribution.
    let used = ds.located_sources();
    let mut meta = ds.meta.clone();
    let mut credit: Vec<String> = meta
        .extra_credit
        .take()
        .map(|c| c.trim_end_matches('.').to_string())
        .into_iter()
        .collect();
    if !used.is_empty() {
        let names: Vec<&str> = used.iter().map(|s| s.attribution()).collect();
        credit.push(format!("Places: {}", names.join(", ")));
    }
    if !credit.is_empty() {
        meta.credit = Some(credit.join(". "));
    }
    Ok(Files::new(&places, &ds.legs, &meta, &readme, "quick")?)
}
