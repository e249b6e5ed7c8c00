//! `routemap report DATASET [-o DIR]`: the whole bundle for one dataset in a
//! folder: the map as SVG, PNG and PDF (all from the same SVG), the
//! comparison as Markdown and CSV, and a report in HTML (self-contained) and
//! Markdown. Everything is made in memory first; then the folder is written
//! as a whole, so a failure leaves the previous bundle as it was.

use std::path::{Path, PathBuf};

use anyhow::Context;
use routemap::export::{self, Format, image, report};
use routemap::graph::RouteGraph;
use routemap::model::Lang;
use routemap::render::{Labels, RenderOptions};
use routemap::{analyze, render};

use crate::Outcome;

/// The files a report bundle may hold, in the order they are written; the
/// chart's are left out when the dataset has no named routes.
pub const FILES: [&str; 9] = [
    "map.svg",
    "map.png",
    "map.pdf",
    "chart.svg",
    "chart.png",
    "comparison.md",
    "comparison.csv",
    "report.html",
    "report.md",
];

/// Arguments of `routemap report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset folder.
    pub dataset: PathBuf,
    /// Folder to write (created if missing) [default: output/<dataset>/].
    #[arg(short, long, value_name = "DIR", value_parser = crate::cli::folder)]
    pub output: Option<PathBuf>,
    /// The map's locator inset: `auto` (a small globe on regional maps,
    /// none on world views), `globe`, `world` or `none`.
    #[arg(long, value_name = "KIND", default_value = "auto", value_parser = clap::value_parser!(routemap::render::InsetChoice))]
    pub inset: routemap::render::InsetChoice,
    /// Which languages the map's place labels are written in: `en` or
    /// `en+local` (see `render --help`). [default: dataset.toml's `labels`,
    /// else en]
    #[arg(long, value_name = "LANGS", value_parser = clap::value_parser!(Labels))]
    pub labels: Option<Labels>,
    /// Borders' point of view: `recognised` or `de-facto`, instead of the
    /// dataset's `borders` (see `render --borders`).
    #[arg(long, value_name = "POV", value_parser = clap::value_parser!(routemap::model::Borders))]
    pub borders: Option<routemap::model::Borders>,
    /// Language of the map's country, sea and lake names (as for render)
    /// [default: the dataset's `lang`, else en].
    #[arg(long, value_name = "CODE", value_parser = clap::value_parser!(Lang))]
    pub lang: Option<Lang>,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let mut ds = crate::cmd::load(&args.dataset)?;
    if let Some(b) = args.borders {
        ds.meta.borders = b;
    }
    let dir: PathBuf = match &args.output {
        Some(d) => d.to_path_buf(),
        None => {
            let stem = crate::cmd::file_name::safe_file_stem(&ds.name).ok_or_else(|| {
                anyhow::anyhow!(
                    "dataset name {} cannot name the output folder: {}; choose one with -o DIR",
                    routemap::error::quote(&ds.name),
                    crate::cmd::file_name::unsafe_file_stem(&ds.name)
                        .unwrap_or("it is not a safe file name")
                )
            })?;
            Path::new("output").join(stem)
        }
    };
    // A folder that cannot take the bundle is refused before the work (a
    // missing parent is made below, when the bundle is ready).
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
    if parent.is_none_or(Path::is_dir) {
        export::file::check_folder(&dir, &FILES, "report")?;
    }
    let graph = RouteGraph::new(&ds);
    let cmp = analyze::compare_with_graph(&ds, &graph);
    let options = RenderOptions {
        labels: args.labels.or(ds.meta.labels).unwrap_or_default(),
        inset: args.inset,
        lang: args.lang,
        ..RenderOptions::default()
    };
    let scene = render::scene(&ds, &graph, &cmp, &options)?;
    let svg = scene.to_svg();
    for text in image::unrenderable_texts(scene.texts()) {
        eprintln!(
            "routemap: warning: no bundled font can show all of {}; the PNG and PDF \
             will have missing glyphs where this machine has no font for them",
            routemap::error::quote(&text)
        );
    }
    let chart = render::chart::comparison(&ds, &cmp, Default::default())?.map(|c| c.to_svg());
    // PNG and PDF are the slow parts and independent: make them side by side.
    let (png, pdf, chart_png) = std::thread::scope(|s| {
        let png = s.spawn(|| image::png(&svg, image::DEFAULT_DPI));
        let pdf = image::pdf(&svg);
        let chart_png = chart
            .as_deref()
            .map(|c| image::png(c, image::DEFAULT_DPI))
            .transpose();
        (png.join().expect("PNG thread panicked"), pdf, chart_png)
    });
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("map.svg", svg.clone().into_bytes()),
        ("map.png", png?),
        ("map.pdf", pdf?),
    ];
    if let (Some(chart), Some(chart_png)) = (&chart, chart_png?) {
        files.push(("chart.svg", chart.clone().into_bytes()));
        files.push(("chart.png", chart_png));
    }
    let chart_file = chart.is_some().then_some("chart.svg");
    files.extend([
        (
            "comparison.md",
            export::comparison(&ds, &cmp, Format::Md).into_bytes(),
        ),
        (
            "comparison.csv",
            export::comparison(&ds, &cmp, Format::Csv).into_bytes(),
        ),
        (
            "report.html",
            report::html(&ds, &cmp, &svg, chart.as_deref()).into_bytes(),
        ),
        (
            "report.md",
            report::markdown(&ds, &cmp, "map.svg", chart_file).into_bytes(),
        ),
    ]);
    // The folders above the bundle's (`output/` by default); the bundle's
    // own folder is written as a whole, so that a failure leaves the
    // previous bundle as it was.
    if let Some(parent) = parent {
        std::fs::create_dir_all(parent).with_context(|| {
            format!(
                "{}: cannot create folder",
                routemap::error::shown_path(parent)
            )
        })?;
    }
    let set: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    export::file::write_folder(&dir, &set, "report")?;
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    eprintln!(
        "routemap: wrote {}: {}",
        crate::cmd::shown(&dir),
        names.join(", ")
    );
    Ok(Outcome::Done)
}
