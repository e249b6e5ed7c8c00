//! `routemap build [ROUTES_DIR] [-o OUTPUT_DIR]`: the map of every dataset
//! folder in ROUTES_DIR, as `OUTPUT_DIR/<name>.svg`, the same bytes
//! `routemap render` writes by default. A broken dataset does not stop the
//! others; every failure is listed at the end, and the exit code is 2 if there
//! was any.
//!
//! Nothing is written outside OUTPUT_DIR, whatever a folder is called: a name
//! that is not a safe file name (see [`crate::cmd::file_name::unsafe_file_stem`]) is a
//! failure, not something to repair, and every output path is checked to sit
//! directly in the canonical OUTPUT_DIR before it is written.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use routemap::analyze::summarise;
use routemap::export;
use routemap::graph::RouteGraph;
use routemap::render;
use routemap::render::RenderOptions;

use crate::Outcome;

/// A folder of ROUTES_DIR holding `legs.csv`.
struct Candidate {
    /// The folder's name as the file system has it.
    name: OsString,
    /// ROUTES_DIR joined with the name.
    path: PathBuf,
    /// Whether the folder entry is a symbolic link.
    symlink: bool,
}

/// Arguments of `routemap build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of dataset folders.
    #[arg(default_value = "routes", value_name = "ROUTES_DIR")]
    pub routes: PathBuf,
    /// Folder to write the maps into (created if missing).
    #[arg(short, long, default_value = "output", value_name = "OUTPUT_DIR", value_parser = crate::cli::folder)]
    pub output: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let (routes, output) = (args.routes.as_path(), args.output.as_path());
    let candidates = datasets(routes)?;
    if candidates.is_empty() {
        eprintln!(
            "routemap: no dataset folders (folders holding legs.csv) in {}",
            crate::cmd::shown(routes)
        );
        return Ok(Outcome::NothingFound);
    }
    std::fs::create_dir_all(output)
        .with_context(|| format!("{}: cannot create folder", crate::cmd::shown(output)))?;
    let out_dir = std::fs::canonicalize(output)
        .with_context(|| format!("{}: cannot resolve folder", crate::cmd::shown(output)))?;
    let routes_dir = std::fs::canonicalize(routes)
        .with_context(|| format!("{}: cannot resolve folder", crate::cmd::shown(routes)))?;

    let bar = crate::cmd::progress_bar(candidates.len());
    let mut failures: Vec<(String, anyhow::Error)> = Vec::new();
    for c in &candidates {
        let shown = shown_name(&c.name);
        bar.set_message(shown.clone());
        if let Err(err) = build_one(c, &routes_dir, &out_dir) {
            failures.push((shown, err));
        }
        bar.inc(1);
    }
    bar.finish_and_clear();

    let built = candidates.len() - failures.len();
    eprintln!(
        "routemap: wrote {built} of {} maps to {}",
        candidates.len(),
        crate::cmd::shown(output)
    );
    for (name, err) in &failures {
        eprintln!("routemap: failed: {name}: {err:#}");
    }
    Ok(if failures.is_empty() {
        Outcome::Done
    } else {
        Outcome::Failed
    })
}

/// The dataset folders of `routes` (entries holding `legs.csv`), sorted by name.
fn datasets(routes: &Path) -> anyhow::Result<Vec<Candidate>> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(routes)
        .with_context(|| format!("{}: cannot list", crate::cmd::shown(routes)))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot list", crate::cmd::shown(routes)))?;
        let path = entry.path();
        // Any legs.csv, even one that is not a regular file: loading it
        // then says what is wrong, rather than the folder being skipped.
        if std::fs::symlink_metadata(path.join("legs.csv")).is_err() {
            continue;
        }
        let symlink = entry
            .file_type()
            .with_context(|| format!("{}: cannot read", crate::cmd::shown(&path)))?
            .is_symlink();
        out.push(Candidate {
            name: entry.file_name(),
            path,
            symlink,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A folder name for messages: as it is when it is a safe file name, else
/// quoted with escapes (so a line break or an escape sequence in a name
/// cannot break the one-line-per-failure list or the terminal).
fn shown_name(name: &OsString) -> String {
    match name.to_str() {
        Some(s) if crate::cmd::file_name::safe_file_stem(s).is_some() => s.to_string(),
        Some(s) => routemap::error::quote(s),
        None => format!("{name:?}"),
    }
}

/// Render one dataset into `out_dir` (canonical).
fn build_one(c: &Candidate, routes_dir: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let name = c
        .name
        .to_str()
        .ok_or_else(|| anyhow!("the folder name is not valid UTF-8"))?;
    if let Some(why) = crate::cmd::file_name::unsafe_file_stem(name) {
        bail!("the folder name cannot name an output file: {why}");
    }
    let stem = crate::cmd::file_name::safe_file_stem(name).expect("checked above");
    if c.symlink {
        let target = std::fs::canonicalize(&c.path)
            .with_context(|| format!("{}: cannot resolve link", crate::cmd::shown(&c.path)))?;
        if !target.starts_with(routes_dir) {
            bail!(
                "{} is a symbolic link to {}, outside {}; not followed",
                crate::cmd::shown(&c.path),
                crate::cmd::shown(&target),
                crate::cmd::shown(routes_dir)
            );
        }
    }
    let ds = crate::cmd::load(&c.path)?;
    let graph = RouteGraph::new(&ds);
    let cmp = summarise(&ds, &graph);
    let svg = render::svg(&ds, &graph, &cmp, &RenderOptions::default())?;
    let file = format!("{stem}.svg");
    let path = out_dir.join(&file);
    // Defence in depth: the file must sit directly in OUTPUT_DIR.
    if path.parent() != Some(out_dir) || path.file_name() != Some(file.as_ref()) {
        bail!(
            "{} is not directly in {}",
            crate::cmd::shown(&path),
            crate::cmd::shown(out_dir)
        );
    }
    export::write_output(&path, svg.as_bytes())?;
    Ok(())
}
