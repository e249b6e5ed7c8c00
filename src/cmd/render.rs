//! `routemap render DATASET [-o FILE]`: the map as SVG, written atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use routemap::render::RenderOptions;
use routemap::{export, load, render};

use crate::Outcome;

pub fn run(dir: &Path, output: Option<&Path>, width: u32, height: u32) -> anyhow::Result<Outcome> {
    let ds = load::dataset(dir)?;
    let path: PathBuf = match output {
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
        None => {
            let dir = Path::new("output");
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            dir.join(format!("{}.svg", sanitize(&ds.name)))
        }
    };
    let svg = render::svg(
        &ds,
        &RenderOptions {
            width_px: width,
            height_px: height,
        },
    )?;
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
